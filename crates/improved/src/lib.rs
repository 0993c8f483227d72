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
//! # Same vocabulary
//!
//! | article | `naive` | here |
//! |---|---|---|
//! | P1.2 / P2.2 set up | `new(in, hidden, out, rng)` | [`MlpNeuralNetwork::new`]`(in, hidden, out, &config)` |
//! | P1.3 feed forward | `feed_forward` | [`MlpNeuralNetwork::feed_forward`] |
//! | P1.4 backpropagation | `back_propagate(targets, n)` | [`MlpNeuralNetwork::back_propagate`]`(targets)`, the rate lives in the network |
//! | its steps | `output_deltas`, `hidden_deltas`, `update_output_weights`, `update_input_weights`, `error` | the same names, into preallocated buffers |
//! | P1.5 train / predict | `train`, `predict` | [`MlpNeuralNetwork::fit`], [`MlpNeuralNetwork::predict`], [`MlpNeuralNetwork::predict_class`] |
//!
//! # Numbers you can reproduce
//!
//! Digits, 64-100-10, [`Config::recommended`], pixels scaled to [0, 1], 450
//! test rows: test accuracy 0.978 +- 0.006 over seeds 1-10 (learning rate and
//! hidden size chosen on validation rows: `examples/choose.rs`), about a
//! second of training each. The article's own
//! part-2 settings (`--article`) give 0.9178, 0.7978, 0.9622, 0.8511, 0.9289
//! (mean 0.892): see `examples/digits.rs` for why, and for the command.
//!
//! Speed: `cargo bench -p improved --bench epoch` runs one epoch on an
//! MNIST-sized problem (60,000 samples, 784-100-10, f64); its header lists
//! the measured seconds per epoch.
//!
//! # Why it is fast
//!
//! Per sample the work is a few passes over `wi` ((inputs + 1) x hidden,
//! 628 KB for 785 x 100), so the time goes into moving weights between
//! memory and the processor, not into arithmetic. So:
//!
//! - nothing is allocated per sample (checked by `tests/no_alloc.rs`);
//! - the article's momentum only ever needs the previous *raw* change
//!   `outer(ai_prev, deltas_prev)`, which is stored as those two vectors
//!   instead of a full matrix ([`MomentumState`]): 995 numbers instead of
//!   79,500 for 784-100-10, and one matrix less to read and write;
//! - each column of `wi` is updated (change, l2 and momentum together) and,
//!   while it is still in the cache, multiplied with the *next* sample's
//!   inputs: during [`MlpNeuralNetwork::fit`] each weight is read and written
//!   once per sample, with the same numbers as calling
//!   [`feed_forward`](MlpNeuralNetwork::feed_forward) and
//!   [`back_propagate`](MlpNeuralNetwork::back_propagate) one after the other;
//! - the columns are visited forwards and backwards in turn, so the ones
//!   touched last (still in the cache) come first;
//! - on x86-64 CPUs with AVX2 the two inner loops run 4 numbers per
//!   instruction, chosen at run time (no special build flags), with the same
//!   results to the last bit as the portable loops.
//!
//! # Saving a trained network
//!
//! - [`MlpNeuralNetwork::save`] and [`MlpNeuralNetwork::load`] write and read
//!   a small versioned text format (`handcrafted-mlp 1`, layers, activations,
//!   then every weight with `{:e}`, which gives back the same bits); every
//!   malformed file is a [`ModelFileError`] naming the line. See [`model_file`].
//!
//! # NaN never leaks out
//!
//! A training run whose loss or weights stop being finite ends with
//! [`NetworkError::Diverged`] naming the epoch; `predict` refuses to return
//! non-finite outputs. The cross-entropy monitor skips `t = 0` terms so that
//! `0 * ln 0` is not NaN ([`cross_entropy`]).

mod activation;
mod config;
mod error;
mod fit;
mod kernels;
mod loss;
pub mod model_file;
mod network;
mod step;
pub mod trace;

pub use activation::{dsigmoid, dtanh, sigmoid, softmax, tanh};
pub use config::{Config, ConfigError, Hidden, Init, Momentum, Output};
pub use error::NetworkError;
pub use fit::{Epoch, History, Samples, argmax};
pub use loss::{cross_entropy, squared_error};
pub use model_file::{MODEL_FORMAT, MODEL_VERSION, ModelFileError};
pub use network::{MlpNeuralNetwork, MomentumState};
