//! Grader for the mini-batch gradient (lesson "From loops to matrices").
//!
//! The claim: the gradient of the mean loss over a batch is the mean of the
//! per-sample gradients. The grader measures the left side by finite
//! differences (nudging each weight and re-running `naive`'s feed forward on
//! the whole batch) and computes the typical mistakes from per-sample
//! gradients built with `naive`'s own functions.

use naive::MlpNeuralNetwork;

use super::{Exercise, FD_TOL, Grade, inputs, mistake, p1_3::network_3_5_2};

type Matrix = Vec<Vec<f64>>;

/// A batch of 4 patterns for the 3-5-2 network: `(inputs, targets)`.
pub(crate) fn batch() -> (Matrix, Matrix) {
    let inputs = vec![
        vec![0.5, -1.0, 2.0],
        vec![1.5, 0.2, -0.3],
        vec![-0.8, 0.9, 0.4],
        vec![0.0, -0.6, 1.2],
    ];
    let targets = vec![
        vec![1.0, 0.0],
        vec![0.0, 1.0],
        vec![0.0, 1.0],
        vec![1.0, 0.0],
    ];
    (inputs, targets)
}

/// Grades `mini_batch_gradient` against finite differences of the batch's
/// mean loss, for every weight of both layers.
pub fn mini_batch_gradient(
    yours: impl Fn(&[Vec<f64>], &[Vec<f64>], &[Vec<f64>], &[Vec<f64>]) -> (Matrix, Matrix),
) -> Grade {
    let exercise = Exercise::new("beyond", "mini_batch_gradient").labelled(&["gi", "go"]);
    let (wi, wo) = network_3_5_2();
    let (x, t) = batch();
    let got = exercise.run(|| yours(&wi, &wo, &x, &t))?;
    let expected = (
        measured_gradient(&wi, |w| mean_loss(w, &wo, &x, &t)),
        measured_gradient(&wo, |w| mean_loss(&wi, w, &x, &t)),
    );
    let per_sample: Vec<(Matrix, Matrix)> = (0..x.len())
        .map(|s| sample_gradient(&wi, &wo, &x[s], &t[s]))
        .collect();
    let batch_size = x.len() as f64;
    let scaled = |factor: f64| {
        let sum = sum_of(&per_sample);
        (scale(&sum.0, factor), scale(&sum.1, factor))
    };
    let mistakes = [
        mistake(
            scaled(1.0),
            "your gradient is the batch size times the expected one: the loss is the MEAN \
             over the batch, so divide the sum of the per-sample gradients by the batch size",
        ),
        mistake(
            scaled(-1.0 / batch_size),
            "the sign: the gradient points up the slope (delta times activation, as P1.4's \
             change); the update, not the gradient, goes down",
        ),
        mistake(
            per_sample[x.len() - 1].clone(),
            "yours is the last pattern's gradient alone: add up every pattern's gradient \
             (reset nothing between patterns), then divide by the batch size",
        ),
        mistake(
            per_sample[0].clone(),
            "yours is the first pattern's gradient alone: average over every pattern",
        ),
    ];
    let input = inputs(&[("wi", &wi), ("wo", &wo), ("inputs", &x), ("targets", &t)]);
    exercise.expect_within(FD_TOL, &input, &expected, &got, &mistakes)
}

/// The batch's mean squared error with the given weights, by `naive`.
pub(crate) fn mean_loss(wi: &[Vec<f64>], wo: &[Vec<f64>], x: &[Vec<f64>], t: &[Vec<f64>]) -> f64 {
    let mut net = MlpNeuralNetwork::from_weights(wi.to_vec(), wo.to_vec()).expect("valid");
    let total: f64 = x
        .iter()
        .zip(t)
        .map(|(x, t)| {
            net.feed_forward(x).expect("3 inputs");
            net.error(t)
        })
        .sum();
    total / x.len() as f64
}

/// The slope of `loss` with respect to every entry of `w`, measured by
/// nudging that entry up and down.
pub(crate) fn measured_gradient(w: &[Vec<f64>], loss: impl Fn(&[Vec<f64>]) -> f64) -> Matrix {
    let h = 1e-5;
    let mut nudged = w.to_vec();
    let mut gradient = vec![vec![0.0; w[0].len()]; w.len()];
    for i in 0..w.len() {
        for j in 0..w[i].len() {
            nudged[i][j] = w[i][j] + h;
            let up = loss(&nudged);
            nudged[i][j] = w[i][j] - h;
            let down = loss(&nudged);
            nudged[i][j] = w[i][j];
            gradient[i][j] = (up - down) / (2.0 * h);
        }
    }
    gradient
}

/// One pattern's gradient `(outer(ai, hidden_deltas), outer(ah, output_deltas))`,
/// with `naive`'s functions.
fn sample_gradient(wi: &[Vec<f64>], wo: &[Vec<f64>], x: &[f64], t: &[f64]) -> (Matrix, Matrix) {
    let mut net = MlpNeuralNetwork::from_weights(wi.to_vec(), wo.to_vec()).expect("valid");
    net.feed_forward(x).expect("3 inputs");
    let output_deltas = net.output_deltas(t);
    let hidden_deltas = net.hidden_deltas(&output_deltas);
    (
        outer(&net.ai, &hidden_deltas),
        outer(&net.ah, &output_deltas),
    )
}

fn outer(a: &[f64], d: &[f64]) -> Matrix {
    a.iter()
        .map(|a| d.iter().map(|d| d * a).collect())
        .collect()
}

fn sum_of(gradients: &[(Matrix, Matrix)]) -> (Matrix, Matrix) {
    let add = |a: &Matrix, b: &Matrix| -> Matrix {
        a.iter()
            .zip(b)
            .map(|(a, b)| a.iter().zip(b).map(|(a, b)| a + b).collect())
            .collect()
    };
    let first = gradients[0].clone();
    gradients[1..]
        .iter()
        .fold(first, |acc, g| (add(&acc.0, &g.0), add(&acc.1, &g.1)))
}

fn scale(m: &Matrix, factor: f64) -> Matrix {
    m.iter()
        .map(|row| row.iter().map(|v| v * factor).collect())
        .collect()
}
