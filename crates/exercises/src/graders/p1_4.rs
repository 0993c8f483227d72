//! Graders for lesson P1.4: backpropagation.

use naive::{dsigmoid, sigmoid};

use super::{Exercise, FD_TOL, Grade, NEXT_INPUT, inputs, mistake, p1_3::network_3_5_2, slope};

/// Grades `output_deltas` against the slope of the squared error with
/// respect to each output unit's weighted sum, measured by finite
/// differences.
pub fn output_deltas(yours: impl Fn(&[f64], &[f64]) -> Vec<f64>) -> Grade {
    let exercise = Exercise::new("p1_4", "output_deltas");
    let z = [0.3, -1.2, 2.0]; // the output units' weighted sums
    let targets = vec![1.0, 0.0, 0.0];
    let ao: Vec<f64> = z.iter().map(|&z| sigmoid(z)).collect();
    let got = exercise.run(|| yours(&ao, &targets))?;
    // Unit k's delta is the slope of 0.5 * (t - sigmoid(z))^2 at z[k].
    let expected: Vec<f64> = (0..z.len())
        .map(|k| slope(|s| 0.5 * (targets[k] - sigmoid(s)).powi(2), z[k]))
        .collect();
    let per_unit = |f: &dyn Fn(f64, f64) -> f64| -> Vec<f64> {
        ao.iter().zip(&targets).map(|(&a, &t)| f(a, t)).collect()
    };
    let mistakes = [
        mistake(
            per_unit(&|a, t| dsigmoid(a) * (t - a)),
            "the sign: the delta is the error's slope, so an output above its target \
             gets a positive delta; use -(targets[k] - ao[k])",
        ),
        mistake(
            per_unit(&|a, t| -(t - a)),
            "you left out the sigmoid's slope dsigmoid(ao[k]): without it, this is the \
             softmax + cross-entropy delta of P2.1, not the squared error's",
        ),
        mistake(
            per_unit(&|a, t| dsigmoid(sigmoid(a)) * -(t - a)),
            "you took the sigmoid's slope at sigmoid(ao[k]), as if ao[k] were the weighted \
             sum: dsigmoid takes the activation ao[k] itself",
        ),
    ];
    let input = inputs(&[("ao", &ao), ("targets", &targets)]);
    exercise.expect_within(FD_TOL, &input, &expected, &got, &mistakes)
}

/// Grades `hidden_deltas` against `naive`'s, on a 5-hidden, 2-output layer.
pub fn hidden_deltas(yours: impl Fn(&[f64], &[Vec<f64>], &[f64]) -> Vec<f64>) -> Grade {
    let exercise = Exercise::new("p1_4", "hidden_deltas");
    let (wi, wo) = network_3_5_2();
    let mut net = naive::MlpNeuralNetwork::from_weights(wi, wo.clone()).expect("valid");
    net.feed_forward(&[0.5, -1.0, 2.0]).expect("3 inputs");
    let ah = net.ah.clone();
    let deltas = net.output_deltas(&[0.0, 1.0]);
    let got = exercise.run(|| yours(&ah, &wo, &deltas))?;
    let expected = net.hidden_deltas(&deltas);

    // What the blame sent back to unit j is, before the sigmoid's slope.
    let sent_back: Vec<f64> = (0..ah.len())
        .map(|j| (0..deltas.len()).map(|k| deltas[k] * wo[j][k]).sum())
        .collect();
    let times = |factor: &dyn Fn(f64) -> f64| -> Vec<f64> {
        ah.iter()
            .zip(&sent_back)
            .map(|(&a, &s)| factor(a) * s)
            .collect()
    };
    let unweighted: f64 = deltas.iter().sum();
    let mistakes = [
        mistake(
            sent_back.clone(),
            "you left out the sigmoid's slope at the hidden unit: multiply the sum by dsigmoid(ah[j])",
        ),
        mistake(
            times(&|a| a),
            "your hidden deltas are the expected ones with the activation ah[j] in place of \
             the slope dsigmoid(ah[j]) = ah[j] * (1 - ah[j])",
        ),
        mistake(
            times(&|a| dsigmoid(sigmoid(a))),
            "you took the sigmoid's slope at sigmoid(ah[j]), as if ah[j] were the weighted \
             sum: did you use the weighted sum instead of the activation in the derivative? \
             dsigmoid takes the activation ah[j] itself",
        ),
        mistake(
            times(&|a| dsigmoid(a) * unweighted),
            "you summed the output deltas without weighting each by wo[j][k]",
        ),
    ];
    let input = inputs(&[("ah", &ah), ("wo", &wo), ("output_deltas", &deltas)]);
    exercise.expect(&input, &expected, &got, &mistakes)
}

/// Grades `update_weights` against `naive`'s `update_output_weights`, from
/// non-zero previous changes so that the quirk shows at the first step.
pub fn update_weights(
    yours: impl Fn(&mut [Vec<f64>], &mut [Vec<f64>], &[f64], &[f64], f64),
) -> Grade {
    let exercise = Exercise::new("p1_4", "update_weights").labelled(&["w", "c"]);
    let (wi, wo) = network_3_5_2();
    let mut net = naive::MlpNeuralNetwork::from_weights(wi, wo).expect("valid");
    net.feed_forward(&[0.5, -1.0, 2.0]).expect("3 inputs");
    let deltas = net.output_deltas(&[0.0, 1.0]);
    let (ah, n) = (net.ah.clone(), 0.5);
    net.co = (0..ah.len()).map(|j| vec![0.1 * j as f64, -0.05]).collect();
    let (w0, c0) = (net.wo.clone(), net.co.clone());

    let (mut w, mut c) = (w0.clone(), c0.clone());
    exercise.run(|| yours(&mut w, &mut c, &ah, &deltas, n))?;
    net.update_output_weights(&deltas, n);
    let expected = (net.wo.clone(), net.co.clone());

    // Each typical mistake, as a rule: (old w, old c, change) -> (new w, new c).
    let rule = |step: &dyn Fn(f64, f64, f64) -> (f64, f64)| apply(&w0, &c0, &ah, &deltas, step);
    let mistakes = [
        mistake(
            rule(&|w, _, g| (w - n * g, g)),
            "you left out the article's quirk: it also subtracts the previous change c[j][k]",
        ),
        mistake(
            rule(&|w, c, g| (w - n * (g + c), g)),
            "the article subtracts the previous change at full size (coefficient 1), \
             not multiplied by n",
        ),
        mistake(
            rule(&|w, c, g| (w - (n * g + c), c)),
            "you did not remember this step's change: set c[j][k] to it after the update",
        ),
        mistake(
            rule(&|w, c, g| (w - (n * g + c), n * g)),
            "c[j][k] remembers the raw change (delta times activation), not n times it",
        ),
        mistake(
            rule(&|w, _, g| (w - (n * g + g), g)),
            "you overwrote c[j][k] before using it: subtract the previous change first, \
             then remember the new one",
        ),
        mistake(
            rule(&|w, c, g| (w + n * g + c, g)),
            "the sign: the weights move down the slope, so subtract n * change + c[j][k]",
        ),
    ];
    let input = inputs(&[
        ("w", &w0),
        ("c", &c0),
        ("activations", &ah),
        ("deltas", &deltas),
    ]) + NEXT_INPUT
        + &format!("n = {n}");
    exercise.expect(&input, &expected, &(w, c), &mistakes)
}

/// Applies a per-weight rule `(w, c, change) -> (new w, new c)` with
/// `change = deltas[k] * activations[j]`.
fn apply(
    w: &[Vec<f64>],
    c: &[Vec<f64>],
    activations: &[f64],
    deltas: &[f64],
    rule: impl Fn(f64, f64, f64) -> (f64, f64),
) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let (mut w, mut c) = (w.to_vec(), c.to_vec());
    for (j, &a) in activations.iter().enumerate() {
        for (k, &d) in deltas.iter().enumerate() {
            (w[j][k], c[j][k]) = rule(w[j][k], c[j][k], d * a);
        }
    }
    (w, c)
}
