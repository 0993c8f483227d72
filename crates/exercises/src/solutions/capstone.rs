//! Solution for the capstone.

use naive::{dsigmoid, sigmoid};

/// Forward (sigmoid hidden, softmax outputs), deltas
/// `do = ao - target`, `dh[j] = dsigmoid(ah[j]) * sum over k of wo[j][k] do[k]`,
/// then `w[j][k] -= rate * delta_above[k] * activation_below[j]`.
pub fn train_step(
    wi: &mut [Vec<f64>],
    wo: &mut [Vec<f64>],
    input: &[f64],
    target: &[f64],
    rate: f64,
) {
    let ai: Vec<f64> = input.iter().copied().chain([1.0]).collect();
    let ah: Vec<f64> = weighted_sums(&ai, wi).into_iter().map(sigmoid).collect();
    let ao = softmax(&weighted_sums(&ah, wo));
    let output_deltas: Vec<f64> = ao.iter().zip(target).map(|(a, t)| a - t).collect();
    let hidden_deltas: Vec<f64> = ah
        .iter()
        .zip(wo.iter())
        .map(|(&a, row)| {
            dsigmoid(a)
                * row
                    .iter()
                    .zip(&output_deltas)
                    .map(|(w, d)| w * d)
                    .sum::<f64>()
        })
        .collect();
    descend(wo, &ah, &output_deltas, rate);
    descend(wi, &ai, &hidden_deltas, rate);
}

/// `sum over j of a[j] * w[j][k]`, for every `k`.
fn weighted_sums(a: &[f64], w: &[Vec<f64>]) -> Vec<f64> {
    (0..w[0].len())
        .map(|k| a.iter().zip(w).map(|(a, row)| a * row[k]).sum())
        .collect()
}

/// `e^(z[k] - max z) / sum over m of e^(z[m] - max z)`.
fn softmax(z: &[f64]) -> Vec<f64> {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - max).exp()).collect();
    let sum: f64 = e.iter().sum();
    e.iter().map(|v| v / sum).collect()
}

/// `w[j][k] -= rate * deltas[k] * activations[j]`.
fn descend(w: &mut [Vec<f64>], activations: &[f64], deltas: &[f64], rate: f64) {
    for (row, &a) in w.iter_mut().zip(activations) {
        for (w, &d) in row.iter_mut().zip(deltas) {
            *w -= rate * d * a;
        }
    }
}
