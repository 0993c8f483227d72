//! Solutions for the derivation exercises.

use naive::{dsigmoid, sigmoid};
use nalgebra::DMatrix;

type Matrix = Vec<Vec<f64>>;

/// `dE/dz[k] = dE/dao[k] * dao/dz[k]
///           = -(t/a - (1 - t)/(1 - a)) * a(1 - a) = a - t`.
pub fn sigmoid_cross_entropy_delta(ao: &[f64], targets: &[f64]) -> Vec<f64> {
    ao.iter().zip(targets).map(|(&a, &t)| a - t).collect()
}

/// Output deltas `ao[k] - t[k]` (the identity's slope is 1), hidden deltas
/// `dsigmoid(ah[j]) * sum over k of wo[j][k] * do[k]`; gradients are
/// outer products of activations and deltas.
pub fn linear_output_gradient(
    input: &[f64],
    wi: &[Vec<f64>],
    wo: &[Vec<f64>],
    targets: &[f64],
) -> (Matrix, Matrix) {
    let ai: Vec<f64> = input.iter().copied().chain([1.0]).collect();
    let ah: Vec<f64> = layer(&ai, wi).into_iter().map(sigmoid).collect();
    let ao = layer(&ah, wo);
    let output_deltas: Vec<f64> = ao.iter().zip(targets).map(|(a, t)| a - t).collect();
    let hidden_deltas = send_back(&ah, wo, &output_deltas);
    (outer(&ai, &hidden_deltas), outer(&ah, &output_deltas))
}

/// `delta[j] = step(zh[j]) * sum over k of wo[j][k] * output_deltas[k]`,
/// with `step(z) = 1` for `z > 0` and `0` otherwise (the kink gets 0).
pub fn relu_hidden_deltas(zh: &[f64], wo: &[Vec<f64>], output_deltas: &[f64]) -> Vec<f64> {
    zh.iter()
        .zip(wo)
        .map(|(&z, row)| {
            let sent_back: f64 = row.iter().zip(output_deltas).map(|(w, d)| w * d).sum();
            if z > 0.0 { sent_back } else { 0.0 }
        })
        .collect()
}

/// Three sigmoid layers; the bias `1.0` follows the inputs only.
pub fn deep_feed_forward(
    input: &[f64],
    w1: &[Vec<f64>],
    w2: &[Vec<f64>],
    w3: &[Vec<f64>],
) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let a0: Vec<f64> = input.iter().copied().chain([1.0]).collect();
    let a1: Vec<f64> = layer(&a0, w1).into_iter().map(sigmoid).collect();
    let a2: Vec<f64> = layer(&a1, w2).into_iter().map(sigmoid).collect();
    let ao: Vec<f64> = layer(&a2, w3).into_iter().map(sigmoid).collect();
    (a1, a2, ao)
}

/// `d3 = -(t - ao) * dsigmoid(ao)`, `d2 = dsigmoid(a2) * (w3 d3)`,
/// `d1 = dsigmoid(a1) * (w2 d2)`; `g = outer(activations below, deltas above)`.
pub fn deep_gradient(
    input: &[f64],
    w1: &[Vec<f64>],
    w2: &[Vec<f64>],
    w3: &[Vec<f64>],
    targets: &[f64],
) -> (Matrix, Matrix, Matrix) {
    let (a1, a2, ao) = deep_feed_forward(input, w1, w2, w3);
    let a0: Vec<f64> = input.iter().copied().chain([1.0]).collect();
    let d3: Vec<f64> = ao
        .iter()
        .zip(targets)
        .map(|(&a, &t)| -(t - a) * dsigmoid(a))
        .collect();
    let d2 = send_back(&a2, w3, &d3);
    let d1 = send_back(&a1, w2, &d2);
    (outer(&a0, &d1), outer(&a1, &d2), outer(&a2, &d3))
}

/// Patterns as rows: `Ai = [X 1]`, `Ah = s(Ai Wi)`, `Ao = s(Ah Wo)`,
/// `Do = (Ao - T) .* Ao .* (1 - Ao)`, `Dh = (Do Wo^T) .* Ah .* (1 - Ah)`,
/// `gi = Ai^T Dh / b`, `go = Ah^T Do / b`.
pub fn batch_gradient_matrix(
    wi: &DMatrix<f64>,
    wo: &DMatrix<f64>,
    x: &DMatrix<f64>,
    t: &DMatrix<f64>,
) -> (DMatrix<f64>, DMatrix<f64>) {
    let b = x.nrows() as f64;
    let ai = x.clone().insert_column(x.ncols(), 1.0); // (b, features + 1)
    let ah = (&ai * wi).map(sigmoid); // (b, hidden)
    let ao = (&ah * wo).map(sigmoid); // (b, output)
    let output_deltas = (&ao - t).component_mul(&ao.map(dsigmoid)); // (b, output)
    let hidden_deltas = (&output_deltas * wo.transpose()).component_mul(&ah.map(dsigmoid)); // (b, hidden)
    (
        ai.transpose() * hidden_deltas / b,
        ah.transpose() * output_deltas / b,
    )
}

/// `ln softmax(z)[k] = (z[k] - m) - ln(sum over j of e^(z[j] - m))`, `m = max z`.
pub fn log_softmax(z: &[f64]) -> Vec<f64> {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let log_sum = z.iter().map(|v| (v - max).exp()).sum::<f64>().ln();
    z.iter().map(|v| v - max - log_sum).collect()
}

/// Central differences: `(f(w + h e_i) - f(w - h e_i)) / (2h)`.
pub fn numerical_gradient(f: &dyn Fn(&[f64]) -> f64, w: &[f64], h: f64) -> Vec<f64> {
    let mut nudged = w.to_vec();
    (0..w.len())
        .map(|i| {
            nudged[i] = w[i] + h;
            let up = f(&nudged);
            nudged[i] = w[i] - h;
            let down = f(&nudged);
            nudged[i] = w[i];
            (up - down) / (2.0 * h)
        })
        .collect()
}

/// The weighted sums of the layer above: `sum over j of a[j] * w[j][k]`.
fn layer(a: &[f64], w: &[Vec<f64>]) -> Vec<f64> {
    (0..w[0].len())
        .map(|k| a.iter().zip(w).map(|(a, row)| a * row[k]).sum())
        .collect()
}

/// The deltas of a sigmoid layer with activations `a`, from the deltas
/// above it: `dsigmoid(a[j]) * sum over k of w[j][k] * deltas[k]`.
fn send_back(a: &[f64], w: &[Vec<f64>], deltas: &[f64]) -> Vec<f64> {
    a.iter()
        .zip(w)
        .map(|(&a, row)| dsigmoid(a) * row.iter().zip(deltas).map(|(w, d)| w * d).sum::<f64>())
        .collect()
}

/// `g[j][k] = a[j] * d[k]`.
fn outer(a: &[f64], d: &[f64]) -> Matrix {
    a.iter()
        .map(|a| d.iter().map(|d| a * d).collect())
        .collect()
}
