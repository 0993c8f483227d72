//! Graders for the output and hidden units the lessons do not use: a
//! sigmoid output under cross-entropy, linear outputs, ReLU hidden units.

use naive::{dsigmoid, sigmoid};

use super::{Matrix, layer, outer, scale, sent_back, with_bias};
use crate::graders::beyond::measured_gradient;
use crate::graders::p1_3::network_3_5_2;
use crate::graders::{
    Answer, Exercise, FD_TOL, Failure, Grade, Mistake, Wrong, inputs, mistake, slope,
};

/// Grades `sigmoid_cross_entropy_delta` against the slope of the binary
/// cross-entropy of `sigmoid(z)` with respect to each `z[k]`, measured.
pub fn sigmoid_cross_entropy_delta(yours: impl Fn(&[f64], &[f64]) -> Vec<f64>) -> Grade {
    let exercise = Exercise::new("derive", "sigmoid_cross_entropy_delta");
    let z = [0.3, -1.2, 2.0, 0.7];
    let targets = vec![1.0, 0.0, 0.0, 1.0];
    let ao: Vec<f64> = z.iter().map(|&z| sigmoid(z)).collect();
    let got = exercise.run(|| yours(&ao, &targets))?;
    // -(t ln a + (1 - t) ln(1 - a)) with a = sigmoid(s), measured at s = z[k].
    let loss = |t: f64, s: f64| -(t * sigmoid(s).ln() + (1.0 - t) * (1.0 - sigmoid(s)).ln());
    let expected: Vec<f64> = (0..z.len())
        .map(|k| slope(|s| loss(targets[k], s), z[k]))
        .collect();
    let per_unit = |f: &dyn Fn(f64, f64) -> f64| -> Vec<f64> {
        ao.iter().zip(&targets).map(|(&a, &t)| f(a, t)).collect()
    };
    let mistakes = [
        mistake(
            per_unit(&|a, t| (a - t) * dsigmoid(a)),
            "you kept the sigmoid's slope ao[k] * (1 - ao[k]) as a factor: that is the \
             squared error's delta. With cross-entropy, the loss's slope with respect to \
             ao[k] has ao[k] * (1 - ao[k]) in its denominator, and the two cancel",
        ),
        mistake(
            per_unit(&|a, t| t - a),
            "the sign: an output above its target must get a positive delta (the loss \
             grows when its weighted sum grows)",
        ),
        mistake(
            per_unit(&|a, t| (a - t) / (a * (1.0 - a))),
            "that is the slope with respect to ao[k]; the delta is the slope with respect \
             to the weighted sum z[k]: multiply by the sigmoid's slope, then simplify",
        ),
        mistake(
            per_unit(&|a, t| -t / a),
            "you differentiated only -t * ln(ao[k]), the softmax's loss: the binary \
             cross-entropy also has the (1 - t) * ln(1 - ao[k]) term",
        ),
    ];
    let input = inputs(&[("ao", &ao), ("targets", &targets)]);
    exercise.expect_within(FD_TOL, &input, &expected, &got, &mistakes)
}

/// Grades `linear_output_gradient` against the slope of the squared error
/// of a network with linear outputs, measured for every weight of both layers.
pub fn linear_output_gradient(
    yours: impl Fn(&[f64], &[Vec<f64>], &[Vec<f64>], &[f64]) -> (Matrix, Matrix),
) -> Grade {
    let exercise = Exercise::new("derive", "linear_output_gradient").labelled(&["gi", "go"]);
    let (wi, wo) = network_3_5_2();
    let x = vec![0.5, -1.0, 2.0];
    let t = vec![1.5, -0.5]; // regression targets: a linear output can reach them
    let got = exercise.run(|| yours(&x, &wi, &wo, &t))?;
    let expected = (
        measured_gradient(&wi, |w| linear_loss(&x, w, &wo, &t)),
        measured_gradient(&wo, |w| linear_loss(&x, &wi, w, &t)),
    );
    let built = |output_slope: bool, hidden_slope: bool, sign: f64| {
        let ai = with_bias(&x);
        let ah: Vec<f64> = layer(&ai, &wi).into_iter().map(sigmoid).collect();
        let ao = layer(&ah, &wo);
        let output_deltas: Vec<f64> = ao
            .iter()
            .zip(&t)
            .map(|(&a, &t)| (a - t) * if output_slope { dsigmoid(a) } else { 1.0 })
            .collect();
        let hidden_deltas: Vec<f64> = sent_back(&wo, &output_deltas)
            .iter()
            .zip(&ah)
            .map(|(s, &a)| s * if hidden_slope { dsigmoid(a) } else { 1.0 })
            .collect();
        (
            scale(&outer(&ai, &hidden_deltas), sign),
            scale(&outer(&ah, &output_deltas), sign),
        )
    };
    let mistakes = [
        mistake(
            built(true, true, 1.0),
            "you kept the sigmoid's slope dsigmoid(ao[k]) in the output deltas: a linear \
             output's slope is 1, so the output delta is just ao[k] - targets[k] (did you \
             also squash ao[k] with the sigmoid?)",
        ),
        mistake(
            built(false, true, -1.0),
            "the sign: the gradient points up the slope; the output delta is \
             ao[k] - targets[k], positive when the output is too high",
        ),
        mistake(
            built(false, false, 1.0),
            "go is right, gi is not: the hidden units are still sigmoid, so the hidden \
             deltas keep the factor dsigmoid(ah[j])",
        ),
    ];
    let input = inputs(&[("input", &x), ("wi", &wi), ("wo", &wo), ("targets", &t)]);
    exercise.expect_within(FD_TOL, &input, &expected, &got, &mistakes)
}

/// `0.5 * sum over k of (t[k] - ao[k])^2`, sigmoid hidden and linear outputs.
fn linear_loss(x: &[f64], wi: &[Vec<f64>], wo: &[Vec<f64>], t: &[f64]) -> f64 {
    let ah: Vec<f64> = layer(&with_bias(x), wi).into_iter().map(sigmoid).collect();
    let ao = layer(&ah, wo);
    ao.iter().zip(t).map(|(a, t)| 0.5 * (t - a).powi(2)).sum()
}

/// The slope of `sum_k deltas[k] * (sum_j relu(zh[j]) * wo[j][k])` with
/// respect to each `zh[j]`, measured: what the hidden deltas must be away
/// from the kink.
fn relu_slopes(zh: &[f64], wo: &[Vec<f64>], deltas: &[f64]) -> Vec<f64> {
    let loss = |z: &[f64]| -> f64 {
        let ah: Vec<f64> = z.iter().map(|z| z.max(0.0)).collect();
        layer(&ah, wo).iter().zip(deltas).map(|(s, d)| s * d).sum()
    };
    (0..zh.len())
        .map(|j| {
            let at = |s: f64| {
                let mut z = zh.to_vec();
                z[j] = s;
                loss(&z)
            };
            slope(at, zh[j])
        })
        .collect()
}

/// At the kink (`zh[kink] = 0`) any delta between 0 and 1 times what was
/// sent back is right, but not NaN: `Err` if yours is outside.
fn check_kink(
    exercise: &Exercise,
    input: &str,
    got: &Vec<f64>,
    back: &[f64],
    kink: usize,
) -> Result<(), Failure> {
    let at_kink = got[kink];
    let (lo, hi) = (back[kink].min(0.0), back[kink].max(0.0));
    if !(at_kink.is_nan() || at_kink < lo - 1e-12 || at_kink > hi + 1e-12) {
        return Ok(());
    }
    Err(exercise.wrong(Wrong {
        input,
        expected: format!(
            "relu_hidden_deltas[{kink}] (zh[{kink}] = 0, the kink) between 0 and \
             {:.6} (the sent-back sum times a slope between 0 and 1)",
            back[kink]
        ),
        got: format!(
            "relu_hidden_deltas = {}\n  first difference: relu_hidden_deltas[{kink}] = {at_kink}",
            got.show()
        ),
        hint: "at z = 0 ReLU has no slope: choose one between its slope on the left \
               (0) and on the right (1), as libraries do with 0. A NaN comes from a \
               formula like relu(z) / z, which is 0 / 0 there",
    }))
}

/// The typical wrong ReLU deltas, each the sent-back sums times a wrong
/// slope (yours kept at the kink).
fn relu_mistakes(zh: &[f64], back: &[f64], kink: usize, at_kink: f64) -> [Mistake<Vec<f64>>; 4] {
    let times = |slope_at: &dyn Fn(f64) -> f64| -> Vec<f64> {
        let mut d: Vec<f64> = zh.iter().zip(back).map(|(&z, s)| slope_at(z) * s).collect();
        d[kink] = at_kink;
        d
    };
    let relu = |z: f64| z.max(0.0);
    [
        mistake(
            times(&|_| 1.0),
            "you left out ReLU's slope: a unit whose weighted sum is negative outputs 0 \
             whatever its sum does, so its delta is 0",
        ),
        mistake(
            times(&relu),
            "you multiplied by relu(zh[j]), the activation, instead of its slope (0 on the \
             left of 0, 1 on the right)",
        ),
        mistake(
            times(&|z| relu(z) * (1.0 - relu(z))),
            "you used the sigmoid's slope formula a * (1 - a) with a = relu(z): each \
             activation has its own slope; ReLU's is 0 on the left of 0 and 1 on the right",
        ),
        mistake(
            times(&|z| if z < 0.0 { 1.0 } else { 0.0 }),
            "the two sides are swapped: ReLU passes the blame through where z > 0 and \
             blocks it where z < 0",
        ),
    ]
}

/// Grades `relu_hidden_deltas`: away from the kink, against the slope of
/// the loss with respect to each hidden weighted sum, measured; at the kink
/// (one unit sits at exactly 0), any value between the slopes on its two
/// sides, but a number.
pub fn relu_hidden_deltas(yours: impl Fn(&[f64], &[Vec<f64>], &[f64]) -> Vec<f64>) -> Grade {
    let exercise = Exercise::new("derive", "relu_hidden_deltas");
    let (_, wo) = network_3_5_2();
    let zh = vec![0.8, -0.5, 0.0, 1.7, -2.0];
    let kink = 2;
    let deltas = vec![0.3, -0.2];
    let got = exercise.run(|| yours(&zh, &wo, &deltas))?;
    let input = inputs(&[("zh", &zh), ("wo", &wo), ("output_deltas", &deltas)]);
    let back = sent_back(&wo, &deltas);
    let mut expected = relu_slopes(&zh, &wo, &deltas);
    let at_kink = got.get(kink).copied().unwrap_or(0.0);
    if got.len() == zh.len() {
        check_kink(&exercise, &input, &got, &back, kink)?;
        expected[kink] = at_kink;
    }
    let mistakes = relu_mistakes(&zh, &back, kink, at_kink);
    exercise.expect_within(FD_TOL, &input, &expected, &got, &mistakes)
}
