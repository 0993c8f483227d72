//! Exercises for lesson P2.4, regularization (`lessons/p2-4-regularization.md`).
//!
//! Grade them with `cargo test -p exercises p2_4`.
//! The graders are in `src/graders/p2_4.rs`.
//!
//! In all three, `w` is a layer's weight matrix and `gradient` the gradient
//! of this sample's loss with respect to it (P1.4's "change", the delta of
//! the upper unit times the activation of the lower one), with the same
//! shape as `w`. They update `w` in place.

/// Article P2.4: one gradient-descent step with L2 weight decay.
///
/// # Ingredients
/// L2 regularization adds the penalty `l2 / 2 * w[i][j]^2` for every weight
/// to the loss. Step every weight down the slope of (loss + penalty), times
/// the learning rate `lr`. The penalty's slope pulls each weight towards 0
/// in proportion to its size.
pub fn l2_step(w: &mut [Vec<f64>], gradient: &[Vec<f64>], lr: f64, l2: f64) {
    todo!()
}

/// Article P2.4: the article's momentum rule (no L2 here).
///
/// # Ingredients
/// Each weight moves down by `lr` times this sample's gradient, and also
/// by `mu` times the *previous sample's* gradient, `previous_gradient`: the
/// raw gradient, not multiplied by the learning rate. (With `mu = 1` this is
/// P1.4's quirk.)
pub fn article_momentum_step(
    w: &mut [Vec<f64>],
    gradient: &[Vec<f64>],
    previous_gradient: &[Vec<f64>],
    lr: f64,
    mu: f64,
) {
    todo!()
}

/// Classical (heavy-ball) momentum (no L2 here).
///
/// # Ingredients
/// Each weight has a velocity `v[i][j]` (same shape as `w`), kept from step
/// to step. This step's velocity is the old one times `mu`, minus `lr` times
/// the gradient; store it in `v`, then move the weight by it.
pub fn classical_momentum_step(
    w: &mut [Vec<f64>],
    v: &mut [Vec<f64>],
    gradient: &[Vec<f64>],
    lr: f64,
    mu: f64,
) {
    todo!()
}
