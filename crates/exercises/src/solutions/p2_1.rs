//! Solutions for lesson P2.1.

/// `tanh(x) = (e^x - e^(-x)) / (e^x + e^(-x))`, by the standard library.
pub fn tanh(x: f64) -> f64 {
    x.tanh()
}

/// `dtanh(y) = 1 - y^2`, with `y = tanh(x)`.
pub fn dtanh(y: f64) -> f64 {
    1.0 - y * y
}

/// `softmax(z)[k] = e^(z[k] - max z) / sum over m of e^(z[m] - max z)`.
pub fn softmax(z: &[f64]) -> Vec<f64> {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - max).exp()).collect();
    let sum: f64 = e.iter().sum();
    e.iter().map(|v| v / sum).collect()
}

/// `delta[k] = -(targets[k] - ao[k])`: the softmax's slopes and the
/// logarithm's cancel.
pub fn softmax_cross_entropy_delta(ao: &[f64], targets: &[f64]) -> Vec<f64> {
    ao.iter().zip(targets).map(|(&a, &t)| -(t - a)).collect()
}
