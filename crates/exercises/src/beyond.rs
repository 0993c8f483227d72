//! Exercise for the lesson "From loops to matrices" (`lessons/loops-to-matrices.md`),
//! one step beyond the article: a mini-batch gradient.
//!
//! Grade it with `cargo test -p exercises beyond`.
//! The grader is in `src/graders/beyond.rs`.

/// The gradient of the *mean* loss over a batch of patterns, for the
/// article's part-1 network (sigmoid hidden and output layers, squared error
/// `0.5 * sum over k of (targets[k] - ao[k])^2` per pattern), with respect to
/// both weight matrices. Returns `(gradient of wi, gradient of wo)`. It does
/// not change the weights.
///
/// # Shapes
/// - `wi`: `features + 1` rows of `hidden` values (bias row last), `wo`:
///   `hidden` rows of `output` values, as in `naive`;
/// - `inputs`: `batch` rows of `features` values, `targets`: `batch` rows of
///   `output` values;
/// - returns one matrix shaped like `wi` and one shaped like `wo`.
///
/// # Ingredients
/// The slope of a mean is the mean of the slopes: the batch's gradient is
/// the mean, over the patterns, of each pattern's gradient, and a pattern's
/// gradient of `w[j][k]` is P1.4's "change", the upper unit's delta times the
/// lower unit's activation. `naive::MlpNeuralNetwork` gives you everything
/// per pattern: `from_weights`, `feed_forward`, the activations `ai`, `ah`,
/// `ao`, `output_deltas`, `hidden_deltas`. Do not call `back_propagate`: it
/// changes the weights between patterns.
pub fn mini_batch_gradient(
    wi: &[Vec<f64>],
    wo: &[Vec<f64>],
    inputs: &[Vec<f64>],
    targets: &[Vec<f64>],
) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    todo!()
}
