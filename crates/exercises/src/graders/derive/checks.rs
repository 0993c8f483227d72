//! Graders for a stable log-softmax and for the finite-difference gradient
//! checker.

use crate::graders::{Answer, Exercise, Grade, NEXT_INPUT, Wrong, inputs, mistake};

/// Grades `log_softmax` on ordinary inputs, on inputs in the thousands and
/// on an input a thousand below the others. The right answer is the only
/// one with both properties: `out[k] - out[j] = z[k] - z[j]` (a shift of
/// `z`), and the `e^out[k]` add up to one (a distribution).
pub fn log_softmax(yours: impl Fn(&[f64]) -> Vec<f64>) -> Grade {
    let exercise = Exercise::new("derive", "log_softmax");
    let cases = [
        vec![1.0, 2.0, 0.5],
        vec![1000.0, 999.0, 990.0],
        vec![-1000.0, 0.0, 1.0],
    ];
    for z in cases {
        let got = exercise.run(|| yours(&z))?;
        let input = inputs(&[("z", &z)]);
        // The shift that makes the e^out add up to one, computed in the
        // safe order: every exponent is at most 0.
        let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let shift = max + z.iter().map(|v| (v - max).exp()).sum::<f64>().ln();
        let expected: Vec<f64> = z.iter().map(|v| v - shift).collect();
        if got.len() == z.len() && got.iter().any(|v| !v.is_finite()) {
            let hint = if max > 700.0 {
                "e^z[k] overflows to infinity for z in the thousands (infinity / infinity \
                 is NaN): subtract the largest z[j] from every z[k] first, which changes \
                 nothing (the softmax ignores a shift) and keeps every exponential at most 1"
            } else {
                "softmax(z)[k] underflows to 0 when z[k] is a thousand below the others, and \
                 ln(0) = -inf: never take the logarithm of the softmax; write \
                 ln softmax(z)[k] = z[k] - ln(sum over j of e^z[j]), then shift"
            };
            return Err(exercise.wrong(Wrong {
                input: &input,
                expected: format!("log_softmax = {}", expected.show()),
                got: format!("log_softmax = {} (not every entry is a number)", got.show()),
                hint,
            }));
        }
        let softmax: Vec<f64> = expected.iter().map(|v| v.exp()).collect();
        let mistakes = [
            mistake(
                softmax,
                "you returned the softmax itself: take its logarithm (in the stable form)",
            ),
            mistake(
                z.iter().map(|v| v - max).collect(),
                "you subtracted the largest z but not the logarithm of the sum of the \
                 exponentials: your e^out do not add up to one",
            ),
            mistake(
                z.iter().map(|v| v + shift).collect(),
                "the sign of the log-sum: ln softmax(z)[k] = z[k] MINUS \
                 ln(sum over j of e^z[j]), so every entry is at most 0",
            ),
        ];
        exercise.expect(&input, &expected, &got, &mistakes)?;
    }
    Ok(())
}

/// The function the checker measures, with four inputs, and its gradient
/// worked out by hand:
/// `f(w) = w0^3 + w0 w1 + sin(w2) w1^2 + e^(w3 / 2) w2`.
fn f(w: &[f64]) -> f64 {
    w[0].powi(3) + w[0] * w[1] + w[2].sin() * w[1].powi(2) + (w[3] / 2.0).exp() * w[2]
}

/// `df/dw`, by hand: `(3 w0^2 + w1, w0 + 2 w1 sin(w2),
/// cos(w2) w1^2 + e^(w3 / 2), e^(w3 / 2) w2 / 2)`.
fn df(w: &[f64]) -> Vec<f64> {
    vec![
        3.0 * w[0].powi(2) + w[1],
        w[0] + 2.0 * w[1] * w[2].sin(),
        w[2].cos() * w[1].powi(2) + (w[3] / 2.0).exp(),
        (w[3] / 2.0).exp() * w[2] / 2.0,
    ]
}

/// Grades `numerical_gradient` against a gradient worked out by hand: with
/// `h = 1e-3` a two-sided difference is within about `1e-6` of it, a
/// one-sided one only within about `1e-3`.
pub fn numerical_gradient(
    yours: impl Fn(&dyn Fn(&[f64]) -> f64, &[f64], f64) -> Vec<f64>,
) -> Grade {
    let exercise = Exercise::new("derive", "numerical_gradient");
    let w = vec![0.7, -1.3, 0.4, 0.2];
    let h = 1e-3;
    let got = exercise.run(|| yours(&f, &w, h))?;
    let expected = df(&w);
    let each = |measure: &dyn Fn(usize) -> f64| -> Vec<f64> { (0..w.len()).map(measure).collect() };
    let nudged = |i: usize, by: f64| -> Vec<f64> {
        let mut v = w.clone();
        v[i] += by;
        v
    };
    // Nudges left in place: entry i is measured with entries 0..i still
    // moved by -h (the last nudge of each).
    let not_restored: Vec<f64> = {
        let mut v = w.clone();
        (0..w.len())
            .map(|i| {
                v[i] = w[i] + h;
                let up = f(&v);
                v[i] = w[i] - h;
                (up - f(&v)) / (2.0 * h)
            })
            .collect()
    };
    let all_at_once: Vec<f64> = {
        let up: Vec<f64> = w.iter().map(|v| v + h).collect();
        let down: Vec<f64> = w.iter().map(|v| v - h).collect();
        vec![(f(&up) - f(&down)) / (2.0 * h); w.len()]
    };
    let mistakes = [
        mistake(
            each(&|i| (f(&nudged(i, h)) - f(&w)) / h),
            "a one-sided difference (f(w + h) - f(w)) / h: its error grows like h (here \
             about 1e-3); nudge both ways and divide by 2h, and the error shrinks like h^2",
        ),
        mistake(
            each(&|i| (f(&nudged(i, h)) - f(&nudged(i, -h))) / h),
            "your slopes are twice the right ones: the two points w - h and w + h are 2h \
             apart, so divide by 2h",
        ),
        mistake(
            not_restored,
            "you did not put each entry back after nudging it: the later entries were \
             measured at a moved point. Restore w[i] before moving to i + 1",
        ),
        mistake(
            all_at_once,
            "you nudged every entry at once: that measures the slope along the diagonal, \
             the same number for every entry. Nudge one entry at a time",
        ),
    ];
    let input = inputs(&[("w", &w)])
        + NEXT_INPUT
        + &format!("h = {h}, f(w) = w0^3 + w0 w1 + sin(w2) w1^2 + e^(w3 / 2) w2");
    exercise.expect_within(1e-5, &input, &expected, &got, &mistakes)
}
