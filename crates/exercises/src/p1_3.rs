//! Exercise for lesson P1.3, feed forward (`lessons/p1-3-feed-forward.md`).
//!
//! Grade it with `cargo test -p exercises p1_3`.
//! The grader is in `src/graders/p1_3.rs`.

/// Article P1.3: runs one pattern through a network with one sigmoid hidden
/// layer and a sigmoid output layer, and returns `(ah, ao)`: the hidden
/// activations and the output activations.
///
/// # Shapes
/// - `inputs`: `features` values (no bias in it).
/// - `wi`: `features + 1` rows of `hidden` values; `wi[i][j]` joins input
///   unit `i` to hidden unit `j`. The LAST row belongs to the bias unit,
///   whose activation is always 1.0.
/// - `wo`: `hidden` rows of `output` values; `wo[j][k]` joins hidden unit
///   `j` to output unit `k`. There is no bias on the hidden layer.
/// - returns `ah` (`hidden` values) and `ao` (`output` values).
///
/// # Ingredients
/// The input activations `ai` are the inputs followed by the bias's 1.0.
/// Each hidden unit takes the weighted sum of all input activations (the
/// weights in its column of `wi`) and squashes it with the sigmoid; each
/// output unit does the same with the hidden activations and `wo`. Use the
/// article's index loops. `naive::sigmoid` is there for you to call (or
/// your own `crate::p1_1::sigmoid` once it passes).
pub fn feed_forward(inputs: &[f64], wi: &[Vec<f64>], wo: &[Vec<f64>]) -> (Vec<f64>, Vec<f64>) {
    todo!()
}
