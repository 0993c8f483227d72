//! Graders for lesson P1.1: the sigmoid and its derivative.

use super::{Exercise, FD_TOL, Grade, Wrong, mistake, slope};

/// Grades `sigmoid` against `naive::sigmoid`, then checks that it stays a
/// number for weighted sums of plus or minus a thousand.
pub fn sigmoid(yours: impl Fn(f64) -> f64) -> Grade {
    let exercise = Exercise::new("p1_1", "sigmoid");
    for x in [-3.0, -0.5, 0.0, 0.8, 4.0] {
        let got = exercise.run(|| yours(x))?;
        let mistakes = [
            mistake(
                naive::sigmoid(-x),
                "the sign of the exponent: sigmoid(x) = 1 / (1 + e^(-x)) grows with x; yours falls",
            ),
            mistake(
                1.0 / (1.0 - (-x).exp()),
                "the sign in the denominator: it is 1 + e^(-x), not 1 - e^(-x)",
            ),
            mistake(
                1.0 + (-x).exp(),
                "you returned the denominator 1 + e^(-x): the sigmoid is 1 divided by it",
            ),
        ];
        exercise.expect(&format!("x = {x}"), &naive::sigmoid(x), &got, &mistakes)?;
    }
    for x in [1000.0, -1000.0] {
        let got = exercise.run(|| yours(x))?;
        if !(0.0..=1.0).contains(&got) {
            return Err(exercise.wrong(Wrong {
                input: &format!("x = {x}"),
                expected: format!("{} (a number between 0 and 1)", naive::sigmoid(x)),
                got: format!("{got}"),
                hint: "e^x overflows to infinity for x = 1000 and infinity / infinity is NaN: \
                       write the sigmoid as 1 / (1 + e^(-x)), which only ever divides 1 by a \
                       number at least 1",
            }));
        }
    }
    Ok(())
}

/// Grades `dsigmoid` against the sigmoid's slope measured by finite
/// differences: at `y = sigmoid(x)` it must return the slope at `x`.
pub fn dsigmoid(yours: impl Fn(f64) -> f64) -> Grade {
    let exercise = Exercise::new("p1_1", "dsigmoid");
    for x in [-2.0, -0.3, 0.5, 1.7] {
        let y = naive::sigmoid(x);
        let got = exercise.run(|| yours(y))?;
        let expected = slope(naive::sigmoid, x);
        let mistakes = [
            mistake(
                naive::sigmoid(y) * (1.0 - naive::sigmoid(y)),
                "you applied the sigmoid to y again, as if y were the weighted sum: y is already \
                 the activation sigmoid(x), so write the slope with y alone",
            ),
            mistake(
                1.0 - y * y,
                "1 - y^2 is tanh's slope (P2.1), not the sigmoid's",
            ),
            mistake(
                -y * (1.0 - y),
                "the sign: the sigmoid only rises, its slope is positive",
            ),
            mistake(y, "you returned y itself: the slope has a second factor"),
        ];
        exercise.expect_within(
            FD_TOL,
            &format!("y = sigmoid({x}) = {y:.9}"),
            &expected,
            &got,
            &mistakes,
        )?;
    }
    Ok(())
}
