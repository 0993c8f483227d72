//! Exercises for lesson P1.4, backpropagation (`lessons/p1-4-backpropagation.md`).
//!
//! Grade them with `cargo test -p exercises p1_4`.
//! The graders are in `src/graders/p1_4.rs`.
//!
//! The loss of one pattern is the squared error
//! `E = sum over k of 0.5 * (targets[k] - ao[k])^2`, and both layers use the
//! sigmoid. A "delta" is the slope of `E` with respect to a unit's weighted
//! sum. `naive::dsigmoid` is there for you to call.

/// Article P1.4: the output layer's deltas.
///
/// # Shapes
/// `ao` and `targets`: `output` values each; returns `output` values.
///
/// # Ingredients
/// For output unit `k`: the slope of `0.5 * (targets[k] - ao[k])^2` with
/// respect to `ao[k]` (mind its sign: an output above its target must get a
/// positive delta), times the slope of the sigmoid at that unit, written with
/// its activation `ao[k]`.
pub fn output_deltas(ao: &[f64], targets: &[f64]) -> Vec<f64> {
    todo!()
}

/// Article P1.4: the hidden layer's deltas: each hidden unit's share of the
/// output deltas, sent back through the output weights.
///
/// # Shapes
/// - `ah`: `hidden` values (the hidden activations of the last feed forward);
/// - `wo`: `hidden` rows of `output` values (`wo[j][k]`: hidden `j` to output `k`),
///   the weights *before* this step's update;
/// - `output_deltas`: `output` values;
/// - returns `hidden` values.
///
/// # Ingredients
/// For hidden unit `j`: the sum over the output units `k` of each output
/// delta weighted by the weight that joins `j` to `k`, times the sigmoid's
/// slope at hidden unit `j`, written with its activation `ah[j]`.
pub fn hidden_deltas(ah: &[f64], wo: &[Vec<f64>], output_deltas: &[f64]) -> Vec<f64> {
    todo!()
}

/// Article P1.4: updates one layer's weights, in place, the article's way,
/// and remembers this step's changes for the next one.
///
/// The same function serves both layers: for `wo` pass `activations = ah`
/// and `deltas = output_deltas`; for `wi` pass `activations = ai` and
/// `deltas = hidden_deltas`.
///
/// # Shapes
/// - `w` and `c`: `activations.len()` rows of `deltas.len()` values;
///   `w[j][k]` joins unit `j` of the lower layer to unit `k` of the upper one;
/// - `c[j][k]` holds the previous step's change of `w[j][k]`.
///
/// # Ingredients
/// - the change of `w[j][k]` is the gradient of the error with respect to
///   it: the upper unit's delta times the lower unit's activation;
/// - the weight moves down by the learning rate `n` times that change, AND
///   (the article's quirk, keep it) by the previous change `c[j][k]` at full
///   size, not multiplied by `n`;
/// - then `c[j][k]` remembers the raw change (not multiplied by `n`).
pub fn update_weights(
    w: &mut [Vec<f64>],
    c: &mut [Vec<f64>],
    activations: &[f64],
    deltas: &[f64],
    n: f64,
) {
    todo!()
}
