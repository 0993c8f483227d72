//! Solutions for lesson P1.4.

use naive::dsigmoid;

/// `output_deltas[k] = dsigmoid(ao[k]) * -(targets[k] - ao[k])`.
pub fn output_deltas(ao: &[f64], targets: &[f64]) -> Vec<f64> {
    ao.iter()
        .zip(targets)
        .map(|(&a, &t)| dsigmoid(a) * -(t - a))
        .collect()
}

/// `hidden_deltas[j] = dsigmoid(ah[j]) * sum over k of output_deltas[k] * wo[j][k]`.
pub fn hidden_deltas(ah: &[f64], wo: &[Vec<f64>], output_deltas: &[f64]) -> Vec<f64> {
    ah.iter()
        .zip(wo)
        .map(|(&a, row)| {
            let error: f64 = row.iter().zip(output_deltas).map(|(w, d)| w * d).sum();
            dsigmoid(a) * error
        })
        .collect()
}

/// `change = deltas[k] * activations[j]; w[j][k] -= n * change + c[j][k]; c[j][k] = change`.
pub fn update_weights(
    w: &mut [Vec<f64>],
    c: &mut [Vec<f64>],
    activations: &[f64],
    deltas: &[f64],
    n: f64,
) {
    for (j, &a) in activations.iter().enumerate() {
        for (k, &d) in deltas.iter().enumerate() {
            let change = d * a;
            w[j][k] -= n * change + c[j][k];
            c[j][k] = change;
        }
    }
}
