//! The capstone: write a whole training step from nothing, and reach 95%
//! on the digits with it.
//!
//! Grade it with `cargo test -p exercises capstone` (about a minute: the
//! grader trains a network with your step). The grader is in
//! `src/graders/capstone.rs`.

/// One step of stochastic gradient descent on one pattern, in place, for a
/// network with sigmoid hidden units, softmax outputs and the cross-entropy
/// loss `E = -(sum over k of target[k] * ln(ao[k]))`.
///
/// Feed the input forward, back-propagate, and move every weight of both
/// layers down its slope: `w -= rate * dE/dw`. No momentum, no decay, no
/// article quirk: plain gradient descent.
///
/// # Shapes
/// - `wi`: `features + 1` rows of `hidden` values (bias row last; the input
///   activations are `input` followed by `1.0`);
/// - `wo`: `hidden` rows of `output` values;
/// - `input`: `features` values; `target`: `output` values (one 1.0, the
///   rest 0.0).
///
/// # Ingredients
/// Everything you derived: P1.3's feed forward with a softmax on top (P2.1),
/// the output deltas of softmax + cross-entropy, the hidden deltas of P1.4,
/// and each weight's slope as the upper unit's delta times the lower unit's
/// activation. One trap: compute every delta before you change any weight.
/// The grader first compares one step with `rate` times the slopes it
/// measures by finite differences, then trains a 64-32-10 network with your
/// step on the 1347 training digits and needs 95% of the 450 test digits right.
pub fn train_step(
    wi: &mut [Vec<f64>],
    wo: &mut [Vec<f64>],
    input: &[f64],
    target: &[f64],
    rate: f64,
) {
    todo!()
}
