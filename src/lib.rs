//! `handcrafted`: the workspace's root package.
//!
//! It holds no code of its own. It exists so that the top-level `tests/`
//! folder (the proofs that `naive` and `improved` agree, the gradient checks
//! and the lessons verifier) runs with a plain `cargo test`. See the README for
//! a map of the workspace.
