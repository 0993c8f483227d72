//! Exercises for lesson P1.1, the sigmoid (`lessons/p1-1-sigmoid.md`).
//!
//! Grade them with `cargo test -p exercises p1_1`.
//! The graders are in `src/graders/p1_1.rs` if you want to see what they try.

/// Article P1.1: the logistic sigmoid of a weighted sum `x`.
///
/// Ingredients: `e^(-x)` (in Rust, `(-x).exp()`), a 1, a division. The result
/// is always between 0 and 1: 0.5 at `x = 0`, close to 1 for large `x`,
/// close to 0 for very negative `x`. It must stay a number (not NaN) even
/// for `x = 1000` or `x = -1000`.
pub fn sigmoid(x: f64) -> f64 {
    todo!()
}

/// Article P1.1: the sigmoid's slope, written with its *output*.
///
/// `y` is an activation, `y = sigmoid(x)`, not the weighted sum `x`. The
/// slope of the sigmoid at `x` can be written with `y` alone (a product of
/// two factors, each between 0 and 1); that is why the network keeps the
/// activations and never needs `x` again. At `y = 0.5` the slope is 0.25.
pub fn dsigmoid(y: f64) -> f64 {
    todo!()
}
