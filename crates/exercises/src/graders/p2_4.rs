//! Graders for lesson P2.4: L2 weight decay and the two momentum rules.
//!
//! Every update here acts weight by weight, so each grader writes the rule
//! for one weight (`w`, its gradient `g`, ...) and applies it to a 3 x 2
//! matrix; the typical mistakes are the same rule with one piece changed.

use super::{Exercise, Grade, NEXT_INPUT, inputs, mistake, slope};

type Matrix = Vec<Vec<f64>>;

fn w0() -> Matrix {
    vec![vec![0.5, -1.2], vec![2.0, 0.3], vec![-0.7, 1.1]]
}

fn gradient() -> Matrix {
    vec![vec![0.2, 0.4], vec![-0.6, 0.1], vec![0.3, -0.5]]
}

fn previous() -> Matrix {
    vec![vec![-0.3, 0.2], vec![0.5, 0.25], vec![0.1, -0.4]]
}

/// Applies `rule(w, a, b) -> (new w, new a)` to every weight, `a` and `b`
/// being the same weight's entries of two more matrices.
fn apply(
    w: &Matrix,
    a: &Matrix,
    b: &Matrix,
    rule: impl Fn(f64, f64, f64) -> (f64, f64),
) -> (Matrix, Matrix) {
    let (mut w, mut a) = (w.clone(), a.clone());
    for i in 0..w.len() {
        for j in 0..w[i].len() {
            (w[i][j], a[i][j]) = rule(w[i][j], a[i][j], b[i][j]);
        }
    }
    (w, a)
}

/// Grades `l2_step`: each weight moves down the slope of (loss + penalty),
/// the penalty's slope `l2 * w` measured by finite differences of `l2/2 * w^2`.
pub fn l2_step(yours: impl Fn(&mut [Vec<f64>], &[Vec<f64>], f64, f64)) -> Grade {
    let exercise = Exercise::new("p2_4", "l2_step").labelled(&["w"]);
    let (g, lr, l2) = (gradient(), 0.1, 0.5);
    let mut w = w0();
    exercise.run(|| yours(&mut w, &g, lr, l2))?;
    let penalty_slope = |w: f64| slope(|x| l2 / 2.0 * x * x, w);
    let rule = |step: &dyn Fn(f64, f64) -> f64| apply(&w0(), &g, &g, |w, g, _| (step(w, g), g)).0;
    let expected = rule(&|w, g| w - lr * (g + penalty_slope(w)));
    let mistakes = [
        mistake(
            rule(&|w, g| w - lr * g - l2 * w),
            "the decay is also multiplied by the learning rate: w -= lr * (g + l2 * w)",
        ),
        mistake(
            rule(&|w, g| w - lr * (g - l2 * w)),
            "the sign of the decay: it pulls each weight towards 0, so it subtracts l2 * w",
        ),
        mistake(
            rule(&|w, _| w - lr * l2 * w),
            "you left out the loss's gradient: the step follows gradient + decay",
        ),
        mistake(
            rule(&|w, g| w - lr * (g + l2 / 2.0 * w * w)),
            "you added the penalty l2/2 * w^2 itself: the step uses its slope, l2 * w",
        ),
        mistake(
            rule(&|w, g| w - lr * g),
            "you left out the decay: add l2 times the weight to its gradient",
        ),
    ];
    let input =
        inputs(&[("w", &w0()), ("gradient", &g)]) + NEXT_INPUT + &format!("lr = {lr}, l2 = {l2}");
    exercise.expect_within(1e-8, &input, &expected, &w, &mistakes)
}

/// Grades `article_momentum_step` against the rule, then checks that with
/// `mu = 1` it steps exactly like `naive`'s update (P1.4's quirk).
pub fn article_momentum_step(
    yours: impl Fn(&mut [Vec<f64>], &[Vec<f64>], &[Vec<f64>], f64, f64),
) -> Grade {
    let exercise = Exercise::new("p2_4", "article_momentum_step").labelled(&["w"]);
    let (g, prev, lr, mu) = (gradient(), previous(), 0.1, 0.5);
    let mut w = w0();
    exercise.run(|| yours(&mut w, &g, &prev, lr, mu))?;
    let rule = |step: &dyn Fn(f64, f64, f64) -> f64| {
        apply(&w0(), &g, &prev, |w, g, p| (step(w, g, p), g)).0
    };
    let expected = rule(&|w, g, p| w - (lr * g + mu * p));
    let mistakes = [
        mistake(
            rule(&|w, g, p| w - lr * (g + mu * p)),
            "the article does not multiply the previous gradient by the learning rate: \
             w -= lr * g + mu * previous_gradient",
        ),
        mistake(
            rule(&|w, g, p| w - lr * g + mu * p),
            "momentum applied with the wrong sign: the previous gradient is subtracted too",
        ),
        mistake(
            rule(&|w, g, _| w - lr * g),
            "you left out the momentum term mu * previous_gradient",
        ),
        mistake(
            rule(&|w, g, p| w - (mu * g + lr * p)),
            "you swapped the coefficients: lr goes with this gradient, mu with the previous one",
        ),
    ];
    let input = inputs(&[("w", &w0()), ("gradient", &g), ("previous_gradient", &prev)])
        + NEXT_INPUT
        + &format!("lr = {lr}, mu = {mu}");
    exercise.expect(&input, &expected, &w, &mistakes)?;
    steps_like_naive_with_mu_one(&exercise, &yours)
}

/// With `mu = 1` the article's rule is P1.4's update: compare with
/// `naive::MlpNeuralNetwork::update_output_weights` on a 3-2 output layer,
/// where the gradient is `outer(ah, output_deltas)`.
fn steps_like_naive_with_mu_one(
    exercise: &Exercise,
    yours: &impl Fn(&mut [Vec<f64>], &[Vec<f64>], &[Vec<f64>], f64, f64),
) -> Grade {
    let mut net =
        naive::MlpNeuralNetwork::from_weights(vec![vec![1.0; 3]; 2], w0()).expect("valid");
    net.ah = vec![0.2, 0.9, 0.6];
    net.co = previous();
    let deltas = vec![0.3, -0.8];
    let g: Matrix = net
        .ah
        .iter()
        .map(|a| deltas.iter().map(|d| d * a).collect())
        .collect();
    let lr = 0.05;
    let mut w = w0();
    exercise.run(|| yours(&mut w, &g, &previous(), lr, 1.0))?;
    net.update_output_weights(&deltas, lr);
    let input = inputs(&[
        ("w", &w0()),
        ("gradient", &g),
        ("previous_gradient", &previous()),
    ]) + NEXT_INPUT
        + &format!("lr = {lr}, mu = 1 (naive's quirk)");
    exercise.expect(&input, &net.wo, &w, &[])
}

/// Grades `classical_momentum_step` against the rule, from a non-zero
/// velocity, checking both the new weights and the stored velocity.
pub fn classical_momentum_step(
    yours: impl Fn(&mut [Vec<f64>], &mut [Vec<f64>], &[Vec<f64>], f64, f64),
) -> Grade {
    let exercise = Exercise::new("p2_4", "classical_momentum_step").labelled(&["w", "v"]);
    let (g, lr, mu) = (gradient(), 0.1, 0.9);
    let v0 = previous();
    let (mut w, mut v) = (w0(), v0.clone());
    exercise.run(|| yours(&mut w, &mut v, &g, lr, mu))?;
    let rule = |step: &dyn Fn(f64, f64, f64) -> (f64, f64)| apply(&w0(), &v0, &g, step);
    let expected = rule(&|w, v, g| {
        let v = mu * v - lr * g;
        (w + v, v)
    });
    let mistakes = [
        mistake(
            rule(&|w, v, g| {
                let v = mu * v + lr * g;
                (w + v, v)
            }),
            "momentum applied with the wrong sign: the velocity must point down the slope, \
             v = mu * v - lr * g",
        ),
        mistake(
            rule(&|w, v, g| (w + v, mu * v - lr * g)),
            "you moved the weight with the old velocity: compute the new v first, then w += v",
        ),
        mistake(
            rule(&|w, v, g| (w + mu * v - lr * g, v)),
            "you did not store the new velocity in v: the next step needs it",
        ),
        mistake(
            rule(&|w, v, g| {
                let v = lr * v - mu * g;
                (w + v, v)
            }),
            "you swapped the coefficients: mu multiplies the old velocity, lr the gradient",
        ),
    ];
    let input = inputs(&[("w", &w0()), ("v", &v0), ("gradient", &g)])
        + NEXT_INPUT
        + &format!("lr = {lr}, mu = {mu}");
    exercise.expect(&input, &expected, &(w, v), &mistakes)
}
