//! Graders for the derivation exercises (`src/derive.rs`). None compares
//! with code a lesson prints: each measures the slope it asks for by finite
//! differences, or checks properties that only the right answer has.
//!
//! - [`units`]: a sigmoid output under cross-entropy, linear output units,
//!   ReLU hidden units and their kink;
//! - [`deep`]: two hidden layers, forward and backward;
//! - [`batch`]: the mini-batch gradient in matrix form;
//! - [`checks`]: a stable log-softmax, and the finite-difference checker itself.

pub mod batch;
pub mod checks;
pub mod deep;
pub mod units;

pub use batch::batch_gradient_matrix;
pub use checks::{log_softmax, numerical_gradient};
pub use deep::{deep_feed_forward, deep_gradient};
pub use units::{linear_output_gradient, relu_hidden_deltas, sigmoid_cross_entropy_delta};

type Matrix = Vec<Vec<f64>>;

/// The weighted sums of the layer above: `sum over j of a[j] * w[j][k]`.
fn layer(a: &[f64], w: &[Vec<f64>]) -> Vec<f64> {
    (0..w[0].len())
        .map(|k| a.iter().zip(w).map(|(a, row)| a * row[k]).sum())
        .collect()
}

/// What the deltas above send back to each unit `j` below:
/// `sum over k of w[j][k] * deltas[k]`.
fn sent_back(w: &[Vec<f64>], deltas: &[f64]) -> Vec<f64> {
    w.iter()
        .map(|row| row.iter().zip(deltas).map(|(w, d)| w * d).sum())
        .collect()
}

/// `g[j][k] = a[j] * d[k]`.
fn outer(a: &[f64], d: &[f64]) -> Matrix {
    a.iter()
        .map(|a| d.iter().map(|d| a * d).collect())
        .collect()
}

/// Every entry times `factor`.
fn scale(m: &Matrix, factor: f64) -> Matrix {
    m.iter()
        .map(|row| row.iter().map(|v| v * factor).collect())
        .collect()
}

/// The inputs followed by the bias unit's `1.0`.
fn with_bias(input: &[f64]) -> Vec<f64> {
    input.iter().copied().chain([1.0]).collect()
}

/// A `rows` x `columns` matrix of fixed, irregular weights in about
/// (-0.9, 0.9): no symmetry for a swapped index to hide behind.
fn weights(rows: usize, columns: usize, seed: f64) -> Matrix {
    (0..rows)
        .map(|j| {
            (0..columns)
                .map(|k| 0.9 * (1.3 * j as f64 + 0.7 * k as f64 + seed).sin())
                .collect()
        })
        .collect()
}
