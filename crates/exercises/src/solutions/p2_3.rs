//! Solution for lesson P2.3.

use rand::RngExt;
use rand::rngs::Xoshiro256PlusPlus;

/// Fisher-Yates: for `i` from the last position down to 1, swap `order[i]`
/// with `order[j]`, `j` uniform in `0..=i`.
pub fn shuffle(order: &mut [usize], rng: &mut Xoshiro256PlusPlus) {
    for i in (1..order.len()).rev() {
        let j = rng.random_range(0..=i);
        order.swap(i, j);
    }
}
