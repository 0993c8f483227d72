//! The article's part-1 network ("Neural network with numpy"), loop for loop.
//!
//! This crate is deliberately literal. It keeps the article's names (`ai`,
//! `ah`, `ao` for the activations, `wi`, `wo` for the weights, `ci`, `co`
//! for the previous changes), its index loops, its sigmoid hidden and output
//! layers, its standard-normal weights and its one-pattern-at-a-time updates.
//! It also keeps the article's quirk: each weight update subtracts the
//! previous change at full size (see [`MlpNeuralNetwork::update_output_weights`]).
//!
//! | article section | here |
//! |---|---|
//! | P1.1 the sigmoid and its derivative | [`sigmoid`], [`dsigmoid`] |
//! | P1.2 setting up the arrays | [`MlpNeuralNetwork::new`] |
//! | P1.3 feed forward | [`MlpNeuralNetwork::feed_forward`] |
//! | P1.4 backpropagation | [`MlpNeuralNetwork::back_propagate`] |
//! | P1.5 training and predicting | [`MlpNeuralNetwork::train`], [`MlpNeuralNetwork::predict`] |
//!
//! What differs from the Python, always for a reason a learner can see:
//! errors are `Result`s instead of exceptions, randomness comes from a
//! generator you pass in (so runs are reproducible), and `train` hands the
//! error of every iteration back to the caller instead of printing it.
//!
//! Beyond the article, for the lessons: [`trace`] records every number of one
//! training step (P1.3, P1.4), and [`gradient`] computes one gradient two
//! ways, by back-propagation and by finite differences (lesson "Why
//! back-propagation is fast").

// Index loops are the point of this crate: they mirror the article's
// `for j in range(self.hidden)` line for line. Clippy would turn them into
// iterator chains, which is what the `improved` crate does instead.
#![allow(clippy::needless_range_loop, clippy::manual_memcpy)]

mod activation;
mod error;
pub mod gradient;
mod network;
pub mod trace;
mod train;

pub use activation::{dsigmoid, sigmoid};
pub use error::NetworkError;
pub use network::MlpNeuralNetwork;
pub use train::{IterationError, check_run};
