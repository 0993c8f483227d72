//! The article's part-2 network ("Improving our neural network performance"):
//! `naive`'s network on nalgebra matrices, with four upgrades you can switch
//! on and off, fast enough for MNIST.
//!
//! # Changes from `naive`
//!
//! - **P2.1 activations**: a `tanh` hidden layer ([`Hidden::Tanh`]) and a
//!   softmax output trained on cross-entropy ([`Output::Softmax`]); the
//!   sigmoid layers stay available.
//! - **P2.2 initialization**: weights drawn from `Normal(0, 1/sqrt(fan_in))`
//!   ([`Init::Scaled`]) instead of `Normal(0, 1)` ([`Init::StandardNormal`]).
//! - **P2.3 shuffling**: a new sample order every epoch ([`Config::shuffle`]).
//! - **P2.4 regularization and momentum**: l2 weight decay per layer
//!   ([`Config::l2_in`], [`Config::l2_out`]) and the momentum coefficient as
//!   a parameter instead of naive's fixed 1, with the article's rule
//!   ([`Momentum::Article`]) or classical momentum ([`Momentum::Classical`]).
//! - **Learning-rate decay** (part 2's program): `lr = lr / (1 + rate_decay)`
//!   after every epoch ([`Config::rate_decay`]).
//!
//! [`Config::naive_equivalent`] switches every upgrade off: from the same
//! weights it steps exactly like `naive` (up to the order of additions).
//!
//! # Two layers: the reference and the engines
//!
//! - The **reference network** ([`MlpNeuralNetwork`], `network.rs`,
//!   `reference.rs`, `sgd.rs`): each article equation is one nalgebra
//!   statement (`gemv_tr` for the weighted sums, `&x * deltas.transpose()`
//!   for the outer-product changes, `w -= gradient * lr + &c * mu` for a
//!   step), with its shape in a comment. This is what the lessons quote and
//!   what the proofs (equivalence with `naive`, gradient checks) run on.
//! - The **engines** (`engine/`): the same rule made fast. [`Engine::Fused`]
//!   makes one pass over `wi` per sample (see `engine/fused.rs`);
//!   [`Engine::Sparse`] visits only the inputs that are not 0
//!   ([`engine::sparse`]); a [`Config::batch_size`] above 1 trains on
//!   mini-batches with matrix x matrix products ([`engine::batch`]); all
//!   three also in `f32` ([`Config::precision`]). Each engine is proven
//!   equal to the reference by property tests (`tests/engines.rs`,
//!   `crates/improved/tests/batch_and_sparse.rs`).
//! - The **trainer** ([`Trainer`]): epochs, shuffling, rate decay, the
//!   engine and its momentum memory; it reports through an [`Observer`] and
//!   prints nothing.
//!
//! # One owner for every setting
//!
//! A [`Config`] describes a whole run (flags, `--json`, model files), but
//! nothing keeps a copy of it: the network owns its [`Architecture`], the
//! update rule [`Sgd`] its [`SgdSettings`], the [`Trainer`] its
//! [`Schedule`]. [`Config::build`] hands each its part. A trainer is built
//! from a schedule and an update rule only, so it cannot disagree with the
//! network about its layers:
//!
//! ```compile_fail
//! # use improved::{Config, Hidden, Trainer};
//! let (net, _) = Config::default().build(2, 3, 2).unwrap();
//! let sigmoid = Config { hidden: Hidden::Sigmoid, ..Config::default() };
//! let trainer = Trainer::new(&sigmoid, &net); // a whole Config is not accepted
//! ```
//!
//! What it does accept has no layers in it, and the engine reads the
//! network's own (tanh, here):
//!
//! ```
//! # use improved::{Config, Hidden, Trainer};
//! let (net, _) = Config::default().build(2, 3, 2).unwrap();
//! let sigmoid = Config { hidden: Hidden::Sigmoid, ..Config::default() };
//! let trainer = Trainer::new(sigmoid.schedule(), sigmoid.sgd(), &net).unwrap();
//! assert_eq!(trainer.config(&net).hidden, Hidden::Tanh);
//! ```
//!
//! Engines train the weights they are given ([`MlpNeuralNetwork::wi`],
//! [`MlpNeuralNetwork::wo`]) and their own memory, nothing else of the network.
//!
//! # Same vocabulary
//!
//! | article | `naive` | here |
//! |---|---|---|
//! | P1.2 / P2.2 set up | `new(in, hidden, out, rng)` | [`MlpNeuralNetwork::new`]`(in, hidden, out, architecture, rng)`, or [`Config::build`] for a network and its trainer |
//! | P1.3 feed forward | `feed_forward` | [`MlpNeuralNetwork::feed_forward`] |
//! | P1.4 backpropagation | `back_propagate(targets, n)` | [`MlpNeuralNetwork::back_propagate`]`(targets, &mut sgd)`: the rate, momentum and l2 live in [`Sgd`] |
//! | its steps | `output_deltas`, `hidden_deltas`, `update_output_weights`, `update_input_weights`, `error` | the same names |
//! | `ci`, `co` | the previous changes | [`Sgd::ci`], [`Sgd::co`] |
//! | P1.5 train | `train(patterns, iterations, n)` | [`Trainer::fit`], counted in epochs |
//! | P1.5 predict | `predict` | [`MlpNeuralNetwork::predict`], [`MlpNeuralNetwork::predict_class`] |
//!
//! # Numbers you can reproduce
//!
//! Digits, 64-100-10, [`Config::recommended`], pixels scaled to [0, 1], 450
//! test rows: see `examples/digits.rs` and `lessons/results.md` for the measured
//! accuracies and the commands. Speed: `cargo bench -p improved --bench epoch`
//! (the fused engine) and `--bench rungs` (every engine and the floors).
//!
//! # Saving a trained network
//!
//! - [`MlpNeuralNetwork::save`] and [`MlpNeuralNetwork::load`] write and read
//!   a small versioned JSON file (format, version, the training [`Config`],
//!   layers, `wi` and `wo`) that gives back the very same bits; every
//!   malformed file is a [`ModelFileError`] saying what is wrong. See [`model_file`].
//!
//! # NaN never leaks out
//!
//! A training run whose loss or weights stop being finite ends with
//! [`NetworkError::Diverged`] naming the epoch; `predict` refuses to return
//! non-finite outputs. The cross-entropy monitor skips `t = 0` terms so that
//! `0 * ln 0` is not NaN ([`cross_entropy`]).

mod activation;
mod config;
pub mod destination;
pub mod engine;
mod error;
mod loss;
pub mod model_file;
mod network;
mod predict;
pub mod presets;
mod sgd;
pub mod trace;
mod trainer;

pub use activation::{dsigmoid, dtanh, sigmoid, softmax, tanh};
pub use config::{
    Architecture, Config, ConfigError, Engine, Hidden, Init, MAX_BATCH, Momentum, Output,
    ParseError, Precision, Schedule, SgdSettings,
};
pub use data::{Samples, argmax};
pub use error::NetworkError;
pub use loss::{cross_entropy, squared_error};
pub use model_file::{MODEL_FORMAT, MODEL_VERSION, ModelFileError};
pub use network::MlpNeuralNetwork;
pub use sgd::Sgd;
pub use trainer::{Epoch, History, Observer, Trainer};
