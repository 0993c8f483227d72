//! Graders for a network with two hidden layers (3-5-4-2, all sigmoid, the
//! bias unit with the inputs only).

use naive::{dsigmoid, sigmoid};

use super::{Matrix, layer, outer, scale, sent_back, weights, with_bias};
use crate::graders::beyond::measured_gradient;
use crate::graders::{Exercise, FD_TOL, Grade, inputs, mistake};

type Activations = (Vec<f64>, Vec<f64>, Vec<f64>);
type Weights<'a> = (&'a [Vec<f64>], &'a [Vec<f64>], &'a [Vec<f64>]);

/// The 3-5-4-2 network's weights `(w1, w2, w3)` and one pattern `(input, targets)`.
#[allow(clippy::type_complexity)]
fn deep_network() -> ((Matrix, Matrix, Matrix), (Vec<f64>, Vec<f64>)) {
    let w = (weights(4, 5, 0.3), weights(5, 4, 1.1), weights(4, 2, 2.9));
    (w, (vec![0.5, -1.0, 2.0], vec![1.0, 0.0]))
}

/// Three layers, each with its own squashing (the mistakes swap one).
fn forward(input: &[f64], (w1, w2, w3): Weights<'_>, squash: [fn(f64) -> f64; 3]) -> Activations {
    let a1: Vec<f64> = layer(&with_bias(input), w1)
        .into_iter()
        .map(squash[0])
        .collect();
    let a2: Vec<f64> = layer(&a1, w2).into_iter().map(squash[1]).collect();
    let ao: Vec<f64> = layer(&a2, w3).into_iter().map(squash[2]).collect();
    (a1, a2, ao)
}

/// Grades `deep_feed_forward` against three sigmoid layers computed here.
pub fn deep_feed_forward(
    yours: impl Fn(&[f64], &[Vec<f64>], &[Vec<f64>], &[Vec<f64>]) -> Activations,
) -> Grade {
    let exercise = Exercise::new("derive", "deep_feed_forward").labelled(&["a1", "a2", "ao"]);
    let ((w1, w2, w3), (x, _)) = deep_network();
    let got = exercise.run(|| yours(&x, &w1, &w2, &w3))?;
    let s: fn(f64) -> f64 = sigmoid;
    let none: fn(f64) -> f64 = |z| z;
    let expected = forward(&x, (&w1, &w2, &w3), [s, s, s]);
    let no_bias = {
        let a1: Vec<f64> = layer(&x, &w1[..3]).into_iter().map(sigmoid).collect();
        let a2: Vec<f64> = layer(&a1, &w2).into_iter().map(sigmoid).collect();
        let ao: Vec<f64> = layer(&a2, &w3).into_iter().map(sigmoid).collect();
        (a1, a2, ao)
    };
    let mistakes = [
        mistake(
            no_bias,
            "you left out the bias: the first layer's input activations are the inputs \
             followed by a 1.0, which brings in the last row of w1",
        ),
        mistake(
            forward(&x, (&w1, &w2, &w3), [s, none, s]),
            "your second hidden layer's activations are its weighted sums: squash them \
             with the sigmoid before they feed the output layer",
        ),
        mistake(
            forward(&x, (&w1, &w2, &w3), [s, s, none]),
            "your outputs are the weighted sums: squash them with the sigmoid",
        ),
    ];
    let input = inputs(&[("input", &x), ("w1", &w1), ("w2", &w2), ("w3", &w3)]);
    exercise.expect(&input, &expected, &got, &mistakes)
}

/// Back-propagation through the three layers with switches, for the typical
/// mistakes: the sigmoid's slope kept (or not) at layer 2 and at layer 1,
/// and the sign of the gradient.
fn switched_backprop(
    x: &[f64],
    (w1, w2, w3): Weights<'_>,
    t: &[f64],
    (slope2, slope1, sign): (bool, bool, f64),
) -> (Matrix, Matrix, Matrix) {
    let (a1, a2, ao) = forward(x, (w1, w2, w3), [sigmoid; 3]);
    let d3: Vec<f64> = ao
        .iter()
        .zip(t)
        .map(|(&a, &t)| (a - t) * dsigmoid(a))
        .collect();
    let with_slope = |a: &[f64], back: Vec<f64>, keep: bool| -> Vec<f64> {
        back.iter()
            .zip(a)
            .map(|(s, &a)| s * if keep { dsigmoid(a) } else { 1.0 })
            .collect()
    };
    let d2 = with_slope(&a2, sent_back(w3, &d3), slope2);
    let d1 = with_slope(&a1, sent_back(w2, &d2), slope1);
    (
        scale(&outer(&with_bias(x), &d1), sign),
        scale(&outer(&a1, &d2), sign),
        scale(&outer(&a2, &d3), sign),
    )
}

/// Grades `deep_gradient` against the slope of the squared error with
/// respect to every weight of the three layers, measured by finite differences.
pub fn deep_gradient(
    yours: impl Fn(&[f64], &[Vec<f64>], &[Vec<f64>], &[Vec<f64>], &[f64]) -> (Matrix, Matrix, Matrix),
) -> Grade {
    let exercise = Exercise::new("derive", "deep_gradient").labelled(&["g1", "g2", "g3"]);
    let ((w1, w2, w3), (x, t)) = deep_network();
    let got = exercise.run(|| yours(&x, &w1, &w2, &w3, &t))?;
    let loss = |w1: &[Vec<f64>], w2: &[Vec<f64>], w3: &[Vec<f64>]| {
        let (_, _, ao) = forward(&x, (w1, w2, w3), [sigmoid; 3]);
        ao.iter()
            .zip(&t)
            .map(|(a, t)| 0.5 * (t - a).powi(2))
            .sum::<f64>()
    };
    let expected = (
        measured_gradient(&w1, |w| loss(w, &w2, &w3)),
        measured_gradient(&w2, |w| loss(&w1, w, &w3)),
        measured_gradient(&w3, |w| loss(&w1, &w2, w)),
    );
    let built =
        |slope2, slope1, sign| switched_backprop(&x, (&w1, &w2, &w3), &t, (slope2, slope1, sign));
    let mistakes = [
        mistake(
            built(true, true, -1.0),
            "the sign: the gradient points up the slope; the output delta is \
             (ao[k] - targets[k]) * dsigmoid(ao[k])",
        ),
        mistake(
            built(true, false, 1.0),
            "g2 and g3 are right, g1 is not: the first hidden layer's deltas also take the \
             sigmoid's slope at that layer, dsigmoid(a1[i])",
        ),
        mistake(
            built(false, true, 1.0),
            "g3 is right, but the second hidden layer's deltas lack the sigmoid's slope \
             dsigmoid(a2[j]) (and g1 inherits the error)",
        ),
        mistake(
            built(false, false, 1.0),
            "g3 is right, but no hidden layer's deltas take the sigmoid's slope: each layer \
             multiplies what is sent back by dsigmoid of its own activation",
        ),
    ];
    let input = inputs(&[
        ("input", &x),
        ("w1", &w1),
        ("w2", &w2),
        ("w3", &w3),
        ("targets", &t),
    ]);
    exercise.expect_within(FD_TOL, &input, &expected, &got, &mistakes)
}
