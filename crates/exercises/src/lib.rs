//! Learn by doing: write each piece of the network yourself, and let the
//! project's own proofs grade it.
//!
//! Every lesson that has an exercise has a module here, named like the
//! lesson (`p1_4` for `lessons/p1-4-backpropagation.md`). Its functions are
//! stubs whose body is `todo!()`; their doc comments give the task, the
//! ingredients of the formula and the shapes, not the answer. Replace a
//! `todo!()` with your code and grade the lesson:
//!
//! ```text
//! cargo test -p exercises p1_4
//! ```
//!
//! | lesson | module | what you write |
//! |---|---|---|
//! | P1.1 the sigmoid | [`p1_1`] | `sigmoid`, `dsigmoid` (from the activation) |
//! | P1.3 feed forward | [`p1_3`] | `feed_forward` of a one-hidden-layer sigmoid network |
//! | P1.4 backpropagation | [`p1_4`] | `output_deltas`, `hidden_deltas`, `update_weights` with the article's quirk |
//! | P2.1 activations | [`p2_1`] | `tanh`, `dtanh`, `softmax`, `softmax_cross_entropy_delta` |
//! | P2.2 initialization | [`p2_2`] | `scaled_init`: Normal(0, 1/sqrt(fan_in)) |
//! | P2.3 shuffling | [`p2_3`] | `shuffle` (Fisher-Yates) |
//! | P2.4 regularization | [`p2_4`] | `l2_step`, `article_momentum_step`, `classical_momentum_step` |
//! | From loops to matrices | [`beyond`] | `mini_batch_gradient`: the mean of per-sample gradients |
//! | the lessons' Problems | [`derive`] | eight pieces no lesson prints: a sigmoid output under cross-entropy, linear outputs, ReLU and its kink, two hidden layers, the batch gradient as matrices, a stable log-softmax, the gradient checker |
//! | capstone | [`capstone`] | `train_step`, graded by training to 95% on the digits |
//!
//! # How the grades work
//! `tests/grade.rs` has one test per exercise; each calls a grader from
//! [`graders`] with your function. The graders compare with `naive`, with
//! `improved`'s activation functions, with slopes measured by finite
//! differences, or check properties (a shuffle is a permutation; a softmax
//! adds up to one). A failure says which exercise, the input, what was
//! expected and what came, and the likely mistake. An untouched exercise
//! says "not done yet: open crates/exercises/src/p1_4.rs".
//!
//! # Why a plain `cargo test` skips this crate
//! On a fresh clone every stub is `todo!()`, so every grade fails, as it
//! should. The crate is a workspace member (so `cargo test -p exercises`,
//! `cargo clippy --workspace` and `cargo fmt --all` see it) but not one of
//! the root `Cargo.toml`'s `default-members`, so the root `cargo test` stays
//! green until you choose to grade yourself.
//!
//! # Solutions
//! Worked solutions live in `src/solutions/`, compiled only with the
//! `solutions` feature, which also makes `tests/grade.rs` grade them instead
//! of your code. CI runs `.ci/exercises.sh`: the graders pass on the
//! solutions, fail with "not done yet" on the untouched stubs, and catch a
//! typical wrong answer for every exercise (`tests/mistakes.rs`). Try
//! yourself first.

pub mod graders;

// The exercises. A stub's `todo!()` leaves its arguments unused, and index
// loops like the article's (copies included) are welcome here, as in
// `naive`: the allows keep the build and clippy quiet about both.
#[allow(unused_variables, clippy::needless_range_loop, clippy::manual_memcpy)]
pub mod beyond;
#[allow(unused_variables, clippy::needless_range_loop, clippy::manual_memcpy)]
pub mod capstone;
// The derivation exercises spell their return types out (three matrices) so
// that the signature alone shows the shapes.
#[allow(
    unused_variables,
    clippy::needless_range_loop,
    clippy::manual_memcpy,
    clippy::type_complexity
)]
pub mod derive;
#[allow(unused_variables, clippy::needless_range_loop, clippy::manual_memcpy)]
pub mod p1_1;
#[allow(unused_variables, clippy::needless_range_loop, clippy::manual_memcpy)]
pub mod p1_3;
#[allow(unused_variables, clippy::needless_range_loop, clippy::manual_memcpy)]
pub mod p1_4;
#[allow(unused_variables, clippy::needless_range_loop, clippy::manual_memcpy)]
pub mod p2_1;
#[allow(unused_variables, clippy::needless_range_loop, clippy::manual_memcpy)]
pub mod p2_2;
#[allow(unused_variables, clippy::needless_range_loop, clippy::manual_memcpy)]
pub mod p2_3;
#[allow(unused_variables, clippy::needless_range_loop, clippy::manual_memcpy)]
pub mod p2_4;

#[cfg(feature = "solutions")]
pub mod solutions;
