//! Exercise for lesson P2.2, initializing weights (`lessons/p2-2-initialization.md`).
//!
//! Grade it with `cargo test -p exercises p2_2`.
//! The grader is in `src/graders/p2_2.rs`.

use rand::rngs::Xoshiro256PlusPlus;

/// Article P2.2: a weight matrix of `rows` rows of `columns` values, drawn
/// from a normal distribution with mean 0 and standard deviation
/// `1 / sqrt(fan_in)`.
///
/// # Shapes
/// Returns `rows` rows of `columns` values. Each column feeds one unit of
/// the next layer, and `rows` is how many inputs each of those units sums:
/// its fan-in (for `wi` it counts the bias unit).
///
/// # Ingredients
/// Draw every number from the generator you are given (never create your
/// own: the same seed must give the same matrix). `rand_distr::StandardNormal`
/// draws from Normal(0, 1), `rand_distr::Normal::new(mean, sd)` from any
/// normal, both through `rand_distr::Distribution::sample(&dist, rng)`. Why
/// this spread: a sum of `fan_in` inputs of spread 1, each times a weight of
/// spread `1/sqrt(fan_in)`, has a spread of about 1.
pub fn scaled_init(rows: usize, columns: usize, rng: &mut Xoshiro256PlusPlus) -> Vec<Vec<f64>> {
    todo!()
}
