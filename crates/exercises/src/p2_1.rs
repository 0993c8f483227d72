//! Exercises for lesson P2.1, activation functions (`lessons/p2-1-activations.md`).
//!
//! Grade them with `cargo test -p exercises p2_1`.
//! The graders are in `src/graders/p2_1.rs`.

/// Article P2.1: the hidden layer's hyperbolic tangent of a weighted sum `x`.
///
/// Ingredients: `e^x` and `e^(-x)`, their difference over their sum (or
/// Rust's own `f64::tanh`). The result is between -1 and 1 and is 0 at 0.
pub fn tanh(x: f64) -> f64 {
    todo!()
}

/// Article P2.1: tanh's slope, written with its output `y = tanh(x)`.
///
/// As with `dsigmoid`, `y` is the activation, not the weighted sum: the slope
/// can be written with `y` alone. It is 1 at `y = 0` and falls to 0 as `y`
/// nears -1 or 1.
pub fn dtanh(y: f64) -> f64 {
    todo!()
}

/// Article P2.1: the softmax of the output layer's weighted sums `z`: one
/// probability per class.
///
/// # Shapes
/// `z`: `output` values; returns `output` values.
///
/// # Ingredients
/// `e^(z[k])` for every `k`, and their sum. Every result is positive and
/// they add up to one; adding the same number to every `z[k]` changes
/// nothing. (The article first subtracts the largest `z` so that `e^...`
/// cannot overflow; optional here, worth doing.)
pub fn softmax(z: &[f64]) -> Vec<f64> {
    todo!()
}

/// Article P2.1: the output deltas of a softmax output trained on the
/// cross-entropy loss `L = -(sum over k of targets[k] * ln(ao[k]))`, where
/// `ao = softmax(z)`.
///
/// # Shapes
/// `ao` and `targets`: `output` values each (the targets are one-hot:
/// one 1.0, the rest 0.0); returns `output` values.
///
/// # Ingredients
/// The delta of unit `k` is the slope of `L` with respect to the weighted
/// sum `z[k]` (not with respect to `ao[k]`). Work it out on paper: the
/// softmax's slopes and the logarithm's slope simplify a lot, and the
/// result needs only `ao[k]` and `targets[k]`.
pub fn softmax_cross_entropy_delta(ao: &[f64], targets: &[f64]) -> Vec<f64> {
    todo!()
}
