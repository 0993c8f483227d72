//! Grader for the capstone: one training step checked against measured
//! slopes, then a whole training run on the digits with the learner's step.

use data::{Scaling, argmax, digits_train_test, seeded_rng};
use naive::{dsigmoid, sigmoid};
use rand::seq::SliceRandom;
use rand_distr::{Distribution, StandardNormal};

use super::beyond::measured_gradient;
use super::p1_3::network_3_5_2;
use super::{Exercise, FD_TOL, Failure, Grade, NEXT_INPUT, Wrong, inputs, mistake};

type Matrix = Vec<Vec<f64>>;

/// The training run's settings: hidden units, epochs, learning rate, seed.
pub const HIDDEN: usize = 32;
/// Passes over the 1347 training digits.
pub const EPOCHS: usize = 10;
/// The learning rate handed to the step.
pub const RATE: f64 = 0.1;
/// The seed of the split, of the initial weights and of the shuffles.
pub const SEED: u64 = 1;
/// The test accuracy to reach.
pub const TARGET: f64 = 0.95;

/// Grades `train_step`: first one step on a 3-5-2 network against
/// `w - rate * (measured slope)`, then training on the digits to 95%.
pub fn train_step(yours: impl Fn(&mut [Vec<f64>], &mut [Vec<f64>], &[f64], &[f64], f64)) -> Grade {
    one_step(&yours)?;
    trains_to_95(&yours)
}

/// One step from the 3-5-2 network, compared with a step down the slopes of
/// the cross-entropy measured by finite differences.
fn one_step(yours: &impl Fn(&mut [Vec<f64>], &mut [Vec<f64>], &[f64], &[f64], f64)) -> Grade {
    let exercise = Exercise::new("capstone", "train_step").labelled(&["wi", "wo"]);
    let (wi0, wo0) = network_3_5_2();
    let (x, t, rate) = (vec![0.5, -1.0, 2.0], vec![0.0, 1.0], 0.5);
    let (mut wi, mut wo) = (wi0.clone(), wo0.clone());
    exercise.run(|| yours(&mut wi, &mut wo, &x, &t, rate))?;
    let step = |w: &Matrix, g: &Matrix| -> Matrix {
        w.iter()
            .zip(g)
            .map(|(w, g)| w.iter().zip(g).map(|(w, g)| w - rate * g).collect())
            .collect()
    };
    let expected = (
        step(&wi0, &measured_gradient(&wi0, |w| loss(w, &wo0, &x, &t))),
        step(&wo0, &measured_gradient(&wo0, |w| loss(&wi0, w, &x, &t))),
    );
    let built = |sign: f64, sigmoid_slope: bool, new_wo: bool| -> (Matrix, Matrix) {
        let (ai, ah, ao) = forward(&wi0, &wo0, &x);
        let d_o: Vec<f64> = ao
            .iter()
            .zip(&t)
            .map(|(&a, &t)| (a - t) * if sigmoid_slope { dsigmoid(a) } else { 1.0 })
            .collect();
        let mut wo = wo0.clone();
        descend(&mut wo, &ah, &d_o, sign * rate);
        let blame_from = if new_wo { &wo } else { &wo0 };
        let d_h: Vec<f64> = ah
            .iter()
            .zip(blame_from)
            .map(|(&a, row)| dsigmoid(a) * row.iter().zip(&d_o).map(|(w, d)| w * d).sum::<f64>())
            .collect();
        let mut wi = wi0.clone();
        descend(&mut wi, &ai, &d_h, sign * rate);
        (wi, wo)
    };
    let mistakes = [
        mistake(
            built(-1.0, false, false),
            "the sign: your weights moved UP the slope; subtract rate * delta * activation",
        ),
        mistake(
            built(1.0, false, true),
            "wo is right, wi is not: you changed wo before computing the hidden deltas, \
             which must be sent back through the OLD wo. Compute every delta first, then \
             update",
        ),
        mistake(
            built(1.0, true, false),
            "you kept the sigmoid's slope ao[k] * (1 - ao[k]) in the output deltas: with \
             softmax + cross-entropy the output delta is ao[k] - target[k] (P2.1)",
        ),
    ];
    let input = inputs(&[("wi", &wi0), ("wo", &wo0), ("input", &x), ("target", &t)])
        + NEXT_INPUT
        + &format!("rate = {rate}");
    exercise.expect_within(FD_TOL, &input, &expected, &(wi, wo), &mistakes)
}

/// Trains a 64-32-10 network with the learner's step, as the doc comment
/// promises, and needs [`TARGET`] on the test digits after the last epoch.
fn trains_to_95(yours: &impl Fn(&mut [Vec<f64>], &mut [Vec<f64>], &[f64], &[f64], f64)) -> Grade {
    let exercise = Exercise::new("capstone", "train_step");
    let accuracies = accuracy_per_epoch(yours)?;
    let last = accuracies.last().copied().unwrap_or(0.0);
    if last >= TARGET {
        return Ok(());
    }
    let shown: Vec<String> = accuracies.iter().map(|a| format!("{a:.4}")).collect();
    Err(exercise.wrong(Wrong {
        input: &format!(
            "a 64-{HIDDEN}-10 network, weights Normal(0, 1/sqrt(fan_in)), the 1347 training \
             digits in a shuffled order each epoch, {EPOCHS} epochs, rate {RATE}"
        ),
        expected: format!("test accuracy >= {TARGET} after the last epoch"),
        got: format!("test accuracy after each epoch: {}", shown.join(", ")),
        hint: "your step passed the one-step check, so its slopes are right on a small \
               network: look for what differs on a bigger one (a loop bound written for \
               3 inputs or 2 outputs, a softmax that overflows, weights updated for only \
               some rows)",
    }))
}

/// The grader's training run with `yours` as the step: the digits split and
/// scaled by the shared recipe (seed [`SEED`], pixels to [0, 1]), a
/// 64-[`HIDDEN`]-10 network drawn from Normal(0, 1/sqrt(fan_in)), [`EPOCHS`]
/// epochs at rate [`RATE`] in a freshly shuffled order each; returns the test
/// accuracy after each epoch.
///
/// # Errors
/// Your step panicked, or is still `todo!()`.
pub fn accuracy_per_epoch(
    yours: &impl Fn(&mut [Vec<f64>], &mut [Vec<f64>], &[f64], &[f64], f64),
) -> Result<Vec<f64>, Failure> {
    let exercise = Exercise::new("capstone", "train_step");
    let (train, test) = digits_train_test(SEED, Scaling::MinMax).expect("the embedded digits");
    let mut rng = seeded_rng(SEED);
    let (features, classes) = (train.n_features(), train.n_classes());
    let mut wi = init(features + 1, HIDDEN, &mut rng);
    let mut wo = init(HIDDEN, classes, &mut rng);
    let targets = train.one_hot_targets();
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut accuracies = Vec::new();
    for _ in 0..EPOCHS {
        order.shuffle(&mut rng);
        exercise.run(|| {
            for &i in &order {
                yours(&mut wi, &mut wo, train.row(i), &targets[i], RATE);
            }
        })?;
        accuracies.push(accuracy(&wi, &wo, &test));
    }
    Ok(accuracies)
}

/// The cross-entropy of the softmax outputs, for one pattern.
fn loss(wi: &[Vec<f64>], wo: &[Vec<f64>], x: &[f64], t: &[f64]) -> f64 {
    let (_, _, ao) = forward(wi, wo, x);
    -t.iter().zip(&ao).map(|(t, a)| t * a.ln()).sum::<f64>()
}

/// `(ai, ah, ao)`: sigmoid hidden units, softmax outputs.
fn forward(wi: &[Vec<f64>], wo: &[Vec<f64>], x: &[f64]) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let ai: Vec<f64> = x.iter().copied().chain([1.0]).collect();
    let ah: Vec<f64> = sums(&ai, wi).into_iter().map(sigmoid).collect();
    let z = sums(&ah, wo);
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - max).exp()).collect();
    let total: f64 = e.iter().sum();
    (ai, ah, e.iter().map(|v| v / total).collect())
}

fn sums(a: &[f64], w: &[Vec<f64>]) -> Vec<f64> {
    (0..w[0].len())
        .map(|k| a.iter().zip(w).map(|(a, row)| a * row[k]).sum())
        .collect()
}

/// `w[j][k] -= rate * deltas[k] * activations[j]`.
fn descend(w: &mut [Vec<f64>], activations: &[f64], deltas: &[f64], rate: f64) {
    for (row, &a) in w.iter_mut().zip(activations) {
        for (w, &d) in row.iter_mut().zip(deltas) {
            *w -= rate * d * a;
        }
    }
}

/// `rows` x `columns` weights drawn from Normal(0, 1/sqrt(rows)).
fn init(rows: usize, columns: usize, rng: &mut data::SeededRng) -> Matrix {
    let spread = 1.0 / (rows as f64).sqrt();
    (0..rows)
        .map(|_| {
            (0..columns)
                .map(|_| {
                    let z: f64 = StandardNormal.sample(rng);
                    spread * z
                })
                .collect()
        })
        .collect()
}

/// The share of `test` whose largest output is the label.
fn accuracy(wi: &[Vec<f64>], wo: &[Vec<f64>], test: &data::Dataset) -> f64 {
    let right = test
        .rows()
        .zip(test.labels())
        .filter(|(x, label)| argmax(&forward(wi, wo, x).2) == **label)
        .count();
    right as f64 / test.len() as f64
}
