//! Solutions for lesson P1.1.

/// `sigmoid(x) = 1 / (1 + e^(-x))`.
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// `dsigmoid(y) = y * (1 - y)`, with `y = sigmoid(x)`.
pub fn dsigmoid(y: f64) -> f64 {
    y * (1.0 - y)
}
