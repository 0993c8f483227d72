//! Solution for the mini-batch gradient.

use naive::MlpNeuralNetwork;

/// The mean over the batch of each pattern's gradient
/// `(outer(ai, hidden_deltas), outer(ah, output_deltas))`, from `naive`'s functions.
pub fn mini_batch_gradient(
    wi: &[Vec<f64>],
    wo: &[Vec<f64>],
    inputs: &[Vec<f64>],
    targets: &[Vec<f64>],
) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let mut net = MlpNeuralNetwork::from_weights(wi.to_vec(), wo.to_vec()).expect("valid weights");
    let mut gi = vec![vec![0.0; net.hidden]; net.input];
    let mut go = vec![vec![0.0; net.output]; net.hidden];
    let share = 1.0 / inputs.len() as f64;
    for (x, t) in inputs.iter().zip(targets) {
        net.feed_forward(x).expect("one input per feature");
        let output_deltas = net.output_deltas(t);
        let hidden_deltas = net.hidden_deltas(&output_deltas);
        add_outer(&mut gi, &net.ai, &hidden_deltas, share);
        add_outer(&mut go, &net.ah, &output_deltas, share);
    }
    (gi, go)
}

/// `g[j][k] += share * deltas[k] * activations[j]`.
fn add_outer(g: &mut [Vec<f64>], activations: &[f64], deltas: &[f64], share: f64) {
    for (row, &a) in g.iter_mut().zip(activations) {
        for (g, &d) in row.iter_mut().zip(deltas) {
            *g += share * d * a;
        }
    }
}
