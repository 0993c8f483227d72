//! Solution for lesson P2.2.

use rand::rngs::Xoshiro256PlusPlus;
use rand_distr::{Distribution, StandardNormal};

/// Row by row, `Normal(0, 1) * 1/sqrt(rows)`.
pub fn scaled_init(rows: usize, columns: usize, rng: &mut Xoshiro256PlusPlus) -> Vec<Vec<f64>> {
    let scale = 1.0 / (rows as f64).sqrt();
    (0..rows)
        .map(|_| {
            (0..columns)
                .map(|_| {
                    let z: f64 = StandardNormal.sample(rng);
                    scale * z
                })
                .collect()
        })
        .collect()
}
