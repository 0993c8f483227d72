//! Graders for lesson P2.1: tanh, softmax, and the softmax + cross-entropy delta.

use improved::{dsigmoid, sigmoid};

use super::{Answer, Exercise, FD_TOL, Grade, TOL, Wrong, inputs, mistake, slope};

/// Grades `tanh` against `improved::tanh`.
pub fn tanh(yours: impl Fn(f64) -> f64) -> Grade {
    let exercise = Exercise::new("p2_1", "tanh");
    for x in [-2.5, -0.4, 0.0, 0.7, 3.0] {
        let got = exercise.run(|| yours(x))?;
        let (ex, e_x) = (x.exp(), (-x).exp());
        let mistakes = [
            mistake(sigmoid(x), "that is the sigmoid: tanh ranges from -1 to 1"),
            mistake(
                (ex - e_x) / 2.0,
                "you divided by 2: tanh divides by e^x + e^(-x)",
            ),
            mistake(
                (ex + e_x) / (ex - e_x),
                "you turned the fraction upside down",
            ),
        ];
        exercise.expect(&format!("x = {x}"), &improved::tanh(x), &got, &mistakes)?;
    }
    Ok(())
}

/// Grades `dtanh` against tanh's slope measured by finite differences.
pub fn dtanh(yours: impl Fn(f64) -> f64) -> Grade {
    let exercise = Exercise::new("p2_1", "dtanh");
    for x in [-1.5, -0.2, 0.6, 2.0] {
        let y = improved::tanh(x);
        let got = exercise.run(|| yours(y))?;
        let mistakes = [
            mistake(
                1.0 - improved::tanh(y).powi(2),
                "you applied tanh to y again, as if y were the weighted sum: y is already \
                 the activation tanh(x), so write the slope with y alone",
            ),
            mistake(
                dsigmoid(y),
                "y * (1 - y) is the sigmoid's slope, not tanh's",
            ),
            mistake(1.0 - y, "square y: the slope is 1 minus y times y"),
            mistake(
                y * y - 1.0,
                "the sign: tanh only rises, its slope is positive",
            ),
        ];
        let input = format!("y = tanh({x}) = {y:.9}");
        let expected = slope(improved::tanh, x);
        exercise.expect_within(FD_TOL, &input, &expected, &got, &mistakes)?;
    }
    Ok(())
}

/// Grades `softmax` on two properties every softmax has (its values add up
/// to one; adding a constant to every input changes nothing), then against
/// `improved::softmax`.
pub fn softmax(yours: impl Fn(&[f64]) -> Vec<f64>) -> Grade {
    let exercise = Exercise::new("p2_1", "softmax");
    let z = vec![1.0, 2.0, 0.5, -1.0];
    let got = exercise.run(|| yours(&z))?;
    let expected = softmax_of(&z);
    let input = inputs(&[("z", &z)]);
    if got.len() != z.len() {
        return exercise.expect(&input, &expected, &got, &[]); // explains the shape
    }
    sums_to_one(&exercise, &z, &got)?;
    shift_invariant(&exercise, &yours, &z, &got)?;
    let mistakes = [mistake(
        softmax_of(&z.iter().map(|v| -v).collect::<Vec<f64>>()),
        "you took e^(-z[k]): the largest weighted sum must get the largest probability",
    )];
    exercise.expect(&input, &expected, &got, &mistakes)
}

/// A softmax is a probability distribution: its values add up to one.
fn sums_to_one(exercise: &Exercise, z: &Vec<f64>, got: &[f64]) -> Grade {
    let total: f64 = got.iter().sum();
    if (total - 1.0).abs() <= TOL {
        return Ok(());
    }
    Err(exercise.wrong(Wrong {
        input: &inputs(&[("z", z)]),
        expected: "values that add up to 1".to_string(),
        got: format!("values that add up to {total}"),
        hint: "softmax not normalized: divide each e^z[k] by the sum over all m of e^z[m], \
               so that the values add up to one",
    }))
}

/// Adding the same number to every weighted sum changes no probability: the
/// factor `e^shift` cancels between the top and the bottom.
fn shift_invariant(
    exercise: &Exercise,
    yours: &impl Fn(&[f64]) -> Vec<f64>,
    z: &[f64],
    got: &Vec<f64>,
) -> Grade {
    let shifted: Vec<f64> = z.iter().map(|v| v + 5.0).collect();
    let got_shifted = exercise.run(|| yours(&shifted))?;
    if got_shifted.close_to(got, TOL) {
        return Ok(());
    }
    Err(exercise.wrong(Wrong {
        input: &inputs(&[("z + 5", &shifted)]),
        expected: format!("softmax(z + 5) equal to your softmax(z) = {}", got.show()),
        got: format!("softmax(z + 5) = {}", got_shifted.show()),
        hint: "softmax(z + c) must equal softmax(z): the factor e^c cancels between the \
               top and the bottom only if you exponentiate first (e^z[k]) and then divide by \
               the sum of all the e^z[m]; did you divide z itself by its sum?",
    }))
}

/// Grades `softmax_cross_entropy_delta` against the slope of the
/// cross-entropy of `softmax(z)` with respect to each `z[k]`, measured by
/// finite differences.
pub fn softmax_cross_entropy_delta(yours: impl Fn(&[f64], &[f64]) -> Vec<f64>) -> Grade {
    let exercise = Exercise::new("p2_1", "softmax_cross_entropy_delta");
    let z = [0.2, -0.4, 1.1];
    let targets = vec![0.0, 1.0, 0.0];
    let ao = softmax_of(&z);
    let got = exercise.run(|| yours(&ao, &targets))?;
    let loss_at = |k: usize, s: f64| {
        let mut nudged = z;
        nudged[k] = s;
        cross_entropy(&targets, &softmax_of(&nudged))
    };
    let expected: Vec<f64> = (0..z.len())
        .map(|k| slope(|s| loss_at(k, s), z[k]))
        .collect();
    let per_unit = |f: &dyn Fn(f64, f64) -> f64| -> Vec<f64> {
        ao.iter().zip(&targets).map(|(&a, &t)| f(a, t)).collect()
    };
    let mistakes = [
        mistake(
            per_unit(&|a, t| t - a),
            "the sign: the delta is the loss's slope, so the unit of the right class \
             (below its target 1) gets a negative delta",
        ),
        mistake(
            per_unit(&|a, t| dsigmoid(a) * -(t - a)),
            "you kept P1.4's factor dsigmoid(ao[k]): with softmax and cross-entropy the \
             softmax's slopes and the logarithm's cancel, and no such factor remains",
        ),
        mistake(
            per_unit(&|a, t| -t / a),
            "that is the slope with respect to ao[k]; the delta is the slope with respect \
             to the weighted sum z[k], through the softmax",
        ),
    ];
    let input = inputs(&[("ao", &ao), ("targets", &targets)]);
    exercise.expect_within(FD_TOL, &input, &expected, &got, &mistakes)
}

/// The cross-entropy `-(sum over k of t[k] * ln(p[k]))`.
fn cross_entropy(targets: &[f64], p: &[f64]) -> f64 {
    -targets.iter().zip(p).map(|(t, p)| t * p.ln()).sum::<f64>()
}

fn softmax_of(z: &[f64]) -> Vec<f64> {
    let mut p = z.to_vec();
    improved::softmax(&mut p);
    p
}
