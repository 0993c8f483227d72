//! Exercise for lesson P2.3, shuffling training examples (`lessons/p2-3-shuffling.md`).
//!
//! Grade it with `cargo test -p exercises p2_3`.
//! The grader is in `src/graders/p2_3.rs`.

use rand::rngs::Xoshiro256PlusPlus;

/// Article P2.3: shuffles `order` in place (Fisher-Yates), drawing from `rng`.
///
/// # Shapes
/// `order`: any length, including 0 and 1.
///
/// # Ingredients
/// Fill the positions one by one (from the end, say): each position gets an
/// element picked uniformly at random among those not placed yet, by
/// swapping it in (`order.swap(a, b)`). `rand::RngExt::random_range(rng, a..b)`
/// (or `rng.random_range(a..b)` with `use rand::RngExt;`) picks an integer
/// in `a..b`. Every order must be equally likely, the result must be a
/// permutation of the input, and the same seed must give the same order. Do
/// not call `rand`'s own `shuffle`: that is the exercise.
pub fn shuffle(order: &mut [usize], rng: &mut Xoshiro256PlusPlus) {
    todo!()
}
