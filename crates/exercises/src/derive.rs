//! Exercises that make you derive: eight pieces whose code no lesson prints.
//! Each asks for a formula you work out on paper first (the lessons'
//! "Problems" sections lead to them), then write.
//!
//! Grade them all with `cargo test -p exercises derive`, or one with
//! `cargo test -p exercises derive::relu_hidden_deltas`.
//! The graders are in `src/graders/derive.rs`: they measure slopes by finite
//! differences or check properties, never compare with code printed in a lesson.
//!
//! The conventions are `naive`'s: `wi` has `features + 1` rows (the bias row
//! last; the input activations are the inputs followed by a `1.0`), `w[j][k]`
//! joins unit `j` of the lower layer to unit `k` of the upper one, and a
//! "delta" is the slope of the loss with respect to a unit's weighted sum.
//! You may call `naive::sigmoid` and `naive::dsigmoid`.

use nalgebra::DMatrix;

/// A sigmoid output unit trained on the binary cross-entropy (lesson P2.1
/// does softmax + cross-entropy; this is its one-unit cousin).
///
/// The loss of one pattern is
/// `E = -(sum over k of targets[k] * ln(ao[k]) + (1 - targets[k]) * ln(1 - ao[k]))`,
/// with `ao[k] = sigmoid(z[k])`. Return each output unit's delta `dE/dz[k]`.
///
/// # Shapes
/// `ao` and `targets`: `output` values each; returns `output` values.
///
/// # Ingredients
/// The chain rule: the slope of `E` with respect to `ao[k]`, times the
/// sigmoid's slope written with its activation. Simplify on paper before
/// you write: the result is short.
pub fn sigmoid_cross_entropy_delta(ao: &[f64], targets: &[f64]) -> Vec<f64> {
    todo!()
}

/// Back-propagation when the output units are *linear* (no squashing:
/// `ao[k]` is the weighted sum itself, as in a regression network), the
/// hidden units sigmoid, and the loss the squared error
/// `E = sum over k of 0.5 * (targets[k] - ao[k])^2`.
///
/// Returns `(gi, go)`: the gradient of `E` with respect to every entry of
/// `wi` and of `wo` for this one pattern. It does not change the weights.
///
/// # Shapes
/// - `input`: `features` values; `targets`: `output` values;
/// - `wi`: `features + 1` rows of `hidden` values; `wo`: `hidden` rows of
///   `output` values;
/// - returns one matrix shaped like `wi` and one shaped like `wo`.
///
/// # Ingredients
/// Feed forward (sigmoid on the hidden layer only), then P1.4's recipe with
/// one change: which factor disappears from the output deltas when the
/// output "activation" is the identity? A weight's gradient is the upper
/// unit's delta times the lower unit's activation.
pub fn linear_output_gradient(
    input: &[f64],
    wi: &[Vec<f64>],
    wo: &[Vec<f64>],
    targets: &[f64],
) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    todo!()
}

/// The hidden deltas when the hidden units are ReLUs, `relu(z) = max(0, z)`.
///
/// # Shapes
/// - `zh`: `hidden` values, the hidden units' *weighted sums* (not their
///   activations);
/// - `wo`: `hidden` rows of `output` values; `output_deltas`: `output` values;
/// - returns `hidden` values.
///
/// # Ingredients
/// As P1.4: what the output deltas send back to unit `j` through `wo[j][k]`,
/// times the activation's slope at unit `j`. Work out ReLU's slope on each
/// side of 0. At the kink `z = 0` it has no slope: any value between the
/// slopes on its two sides is a valid choice (libraries take 0); the grader
/// gives you a unit sitting exactly on the kink, and your delta there must
/// be a number, not NaN.
pub fn relu_hidden_deltas(zh: &[f64], wo: &[Vec<f64>], output_deltas: &[f64]) -> Vec<f64> {
    todo!()
}

/// Feed forward through *two* hidden layers, all units sigmoid.
///
/// As in `naive`, only the input layer carries a bias unit: the input
/// activations are `input` followed by `1.0`; the hidden layers have none.
/// Returns `(a1, a2, ao)`: the first hidden layer's activations, the second
/// hidden layer's, and the outputs.
///
/// # Shapes
/// - `input`: `features` values;
/// - `w1`: `features + 1` rows of `h1` values; `w2`: `h1` rows of `h2`
///   values; `w3`: `h2` rows of `output` values;
/// - returns `h1`, `h2` and `output` values.
///
/// # Ingredients
/// P1.3's layer, three times: unit `k` of a layer takes the sum over `j` of
/// the lower layer's activation `j` times `w[j][k]`, then the sigmoid.
pub fn deep_feed_forward(
    input: &[f64],
    w1: &[Vec<f64>],
    w2: &[Vec<f64>],
    w3: &[Vec<f64>],
) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    todo!()
}

/// Back-propagation through *two* hidden layers (the network of
/// [`deep_feed_forward`]), squared error
/// `E = sum over k of 0.5 * (targets[k] - ao[k])^2`.
///
/// Returns `(g1, g2, g3)`, the gradient of `E` with respect to every entry
/// of `w1`, `w2` and `w3`, for this one pattern. It does not change the
/// weights.
///
/// # Shapes
/// As [`deep_feed_forward`]; the gradients are shaped like `w1`, `w2`, `w3`.
///
/// # Ingredients
/// Feed forward (you may call your `deep_feed_forward`). The output deltas
/// are P1.4's. Then each layer's deltas come from the deltas of the layer
/// above it, sent back through the weights between them, times the
/// sigmoid's slope: once for the second hidden layer, once more for the
/// first. Which weights carry the blame from layer 2 to layer 1?
pub fn deep_gradient(
    input: &[f64],
    w1: &[Vec<f64>],
    w2: &[Vec<f64>],
    w3: &[Vec<f64>],
    targets: &[f64],
) -> (Vec<Vec<f64>>, Vec<Vec<f64>>, Vec<Vec<f64>>) {
    todo!()
}

/// The gradient of a mini-batch's *mean* loss in matrix form, without a
/// loop over the patterns: for the part-1 network (sigmoid hidden and output
/// units, squared error `0.5 * sum over k of (t[k] - ao[k])^2` per pattern).
///
/// Returns `(gi, go)`, shaped like `wi` and `wo`.
///
/// # Shapes (one pattern per ROW here, as in a NumPy data set)
/// - `x`: `batch` rows of `features` columns (no bias column: add it);
/// - `t`: `batch` rows of `output` columns;
/// - `wi`: `features + 1` rows of `hidden` columns (bias row last);
///   `wo`: `hidden` rows of `output` columns.
///
/// # Ingredients
/// Write every layer for the whole batch at once: a matrix product gives all
/// the patterns' weighted sums (which side does the weight matrix go on when
/// patterns are rows?); the sigmoid and its slope apply entry by entry
/// (`map`, `component_mul`); and the sum over the batch of each pattern's
/// outer product `a * delta^T` is one product of a transposed matrix with
/// another. Check each product's shape on paper first. In nalgebra:
/// `a.transpose()`, `&a * &b`, `a.insert_column(n, 1.0)`,
/// `a.map(f)`, `a.component_mul(&b)`, `a / n`.
pub fn batch_gradient_matrix(
    wi: &DMatrix<f64>,
    wo: &DMatrix<f64>,
    x: &DMatrix<f64>,
    t: &DMatrix<f64>,
) -> (DMatrix<f64>, DMatrix<f64>) {
    todo!()
}

/// The logarithm of the softmax, `ln(softmax(z)[k])`, computed so that it
/// never overflows nor gives `-inf` for a finite answer.
///
/// # Shapes
/// `z`: `n` values (at least one); returns `n` values.
///
/// # Ingredients
/// Write `ln(softmax(z)[k])` with the logarithm's rules until no division
/// and no `ln` of a tiny number remains; then use the fact that the softmax
/// ignores a shift of all the `z`s by the same number, to keep every
/// exponential at most 1. The grader tries `z` in the thousands (where
/// `e^z` is infinite) and a `z[k]` a thousand below the others (where
/// `softmax(z)[k]` underflows to 0).
pub fn log_softmax(z: &[f64]) -> Vec<f64> {
    todo!()
}

/// The gradient checker itself: the slope of `f` with respect to each
/// entry of `w`, measured by finite differences with step `h`. This is what
/// every grader here (and the project's `tests/gradients_naive.rs`) trusts.
///
/// # Shapes
/// `w`: `n` values; returns `n` values.
///
/// # Ingredients
/// Nudge one entry at a time, down and up by `h`, leaving the others where
/// they are, and divide the change of `f` by the distance between the two
/// points. Why both sides, rather than only `f(w + h) - f(w)`? (The grader
/// can tell: a one-sided difference's error is proportional to `h`, a
/// two-sided one's to `h^2`.)
pub fn numerical_gradient(f: &dyn Fn(&[f64]) -> f64, w: &[f64], h: f64) -> Vec<f64> {
    todo!()
}
