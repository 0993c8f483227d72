//! Small two-feature problems a learner can see: two classes of points in
//! the plane that no straight line separates, so a hidden layer is needed.
//! Each is drawn by the project's seeded generator, so a seed gives the
//! same points everywhere. Features lie roughly in [-1, 1].

use std::f64::consts::PI;

use rand::{Rng, RngExt};

use crate::{DataError, Dataset, seeded_rng};

/// Which two-class problem in the plane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toy {
    /// XOR: class 1 where `x` and `y` have opposite signs (the four quadrants).
    Xor,
    /// Two interleaved half circles ("two moons").
    Moons,
    /// A disc (class 0) inside a ring (class 1).
    Circles,
    /// Two arms winding one and a half turns around the centre, each the
    /// other turned by half a turn.
    Spiral,
    /// Two round Gaussian clouds, class 0 around (-0.4, -0.4) and class 1
    /// around (0.4, 0.4), each of spread 0.25: the one problem here a single
    /// straight line nearly separates.
    Blobs,
}

impl Toy {
    /// Every problem, in the order the explorer lists them.
    pub const ALL: [Toy; 5] = [Toy::Xor, Toy::Moons, Toy::Circles, Toy::Spiral, Toy::Blobs];

    /// The lower-case name: `xor`, `moons`, `circles`, `spiral`, `blobs`.
    pub fn name(self) -> &'static str {
        match self {
            Toy::Xor => "xor",
            Toy::Moons => "moons",
            Toy::Circles => "circles",
            Toy::Spiral => "spiral",
            Toy::Blobs => "blobs",
        }
    }

    /// `rows` points (half of each class, class 0 first then alternating),
    /// each coordinate moved by Gaussian noise of spread `noise`.
    ///
    /// # Errors
    /// Fewer than 2 rows, or a noise that is negative or not finite.
    pub fn generate(self, rows: usize, noise: f64, seed: u64) -> Result<Dataset, DataError> {
        if rows < 2 {
            return Err(DataError::InvalidParameter {
                name: "rows",
                expected: "at least 2 (one per class)",
                got: rows.to_string(),
            });
        }
        if !(noise.is_finite() && noise >= 0.0) {
            return Err(DataError::InvalidParameter {
                name: "noise",
                expected: "a finite number >= 0",
                got: noise.to_string(),
            });
        }
        let mut rng = seeded_rng(seed);
        let mut features = Vec::with_capacity(2 * rows);
        let mut labels = Vec::with_capacity(rows);
        for i in 0..rows {
            let label = i % 2;
            let (x, y) = self.point(label, &mut rng);
            features.push(x + noise * gaussian(&mut rng));
            features.push(y + noise * gaussian(&mut rng));
            labels.push(label);
        }
        Dataset::new(features, labels, 2, 2)
    }

    /// One noiseless point of class `label`.
    fn point(self, label: usize, rng: &mut impl Rng) -> (f64, f64) {
        match self {
            Toy::Xor => {
                // A point in a random quadrant, away from the axes; class 1
                // where the signs differ.
                let x = rng.random_range(0.1..0.9);
                let y = rng.random_range(0.1..0.9);
                let sx = if rng.random::<bool>() { 1.0 } else { -1.0 };
                let sy = if label == 1 { -sx } else { sx };
                (sx * x, sy * y)
            }
            Toy::Moons => {
                // Upper half circle centred at (-0.5, -0.25) for class 0,
                // lower one centred at (0.5, 0.25) for class 1, radius 1,
                // scaled by 0.6 to stay inside [-1, 1].
                let t = rng.random_range(0.0..PI);
                let (x, y) = if label == 0 {
                    (t.cos() - 0.5, t.sin() - 0.25)
                } else {
                    (0.5 - t.cos(), 0.25 - t.sin())
                };
                (0.6 * x, 0.6 * y)
            }
            Toy::Circles => {
                // Class 0 inside radius 0.4, class 1 on a ring of radius 0.6 to 0.9.
                let angle = rng.random_range(0.0..2.0 * PI);
                let radius = if label == 0 {
                    0.4 * rng.random::<f64>().sqrt()
                } else {
                    rng.random_range(0.6..0.9)
                };
                (radius * angle.cos(), radius * angle.sin())
            }
            Toy::Spiral => {
                // Radius grows with the angle from 0.1 to 0.9 over 1.5
                // turns; class 1's arm is class 0's turned by pi.
                let t: f64 = rng.random();
                let angle = t * 3.0 * PI + label as f64 * PI;
                let radius = 0.1 + 0.8 * t;
                (radius * angle.cos(), radius * angle.sin())
            }
            Toy::Blobs => {
                let centre = if label == 0 { -0.4 } else { 0.4 };
                (centre + 0.25 * gaussian(rng), centre + 0.25 * gaussian(rng))
            }
        }
    }
}

/// A standard normal number (Box-Muller).
fn gaussian(rng: &mut impl Rng) -> f64 {
    let u: f64 = 1.0 - rng.random::<f64>(); // (0, 1], so ln(u) is finite
    let v: f64 = rng.random();
    (-2.0 * u.ln()).sqrt() * (2.0 * PI * v).cos()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Toy; 5] = Toy::ALL;

    #[test]
    fn the_same_seed_gives_the_same_points_and_another_seed_others() {
        for toy in ALL {
            let a = toy.generate(50, 0.1, 7).unwrap();
            assert_eq!(a, toy.generate(50, 0.1, 7).unwrap(), "{}", toy.name());
            assert_ne!(a, toy.generate(50, 0.1, 8).unwrap(), "{}", toy.name());
        }
    }

    #[test]
    fn both_classes_get_half_the_rows_and_two_features() {
        for toy in ALL {
            let d = toy.generate(101, 0.0, 1).unwrap();
            assert_eq!((d.len(), d.n_features(), d.n_classes()), (101, 2, 2));
            let ones = d.labels().iter().filter(|&&l| l == 1).count();
            assert_eq!(ones, 50, "{}", toy.name());
        }
    }

    #[test]
    fn without_noise_each_point_lies_in_its_class_region() {
        let xor = Toy::Xor.generate(200, 0.0, 3).unwrap();
        for (row, &label) in xor.rows().zip(xor.labels()) {
            let opposite_signs = row[0] * row[1] < 0.0;
            assert_eq!(opposite_signs, label == 1, "xor {row:?}");
        }
        let circles = Toy::Circles.generate(200, 0.0, 3).unwrap();
        for (row, &label) in circles.rows().zip(circles.labels()) {
            let r = row[0].hypot(row[1]);
            let inside = if label == 0 {
                r <= 0.4
            } else {
                (0.6..0.9).contains(&r)
            };
            assert!(inside, "circles: radius {r} for class {label}");
        }
        let moons = Toy::Moons.generate(200, 0.0, 3).unwrap();
        for (row, &label) in moons.rows().zip(moons.labels()) {
            // Each moon is a unit half circle (scaled by 0.6) around its centre.
            let (cx, cy) = if label == 0 {
                (-0.3, -0.15)
            } else {
                (0.3, 0.15)
            };
            let r = (row[0] - cx).hypot(row[1] - cy);
            assert!((r - 0.6).abs() < 1e-12, "moons: radius {r}");
            let upper = row[1] >= cy;
            assert_eq!(upper, label == 0, "moons {row:?}");
        }
    }

    #[test]
    fn without_noise_spiral_points_lie_on_their_arm() {
        let spiral = Toy::Spiral.generate(400, 0.0, 3).unwrap();
        for (row, &label) in spiral.rows().zip(spiral.labels()) {
            let r = row[0].hypot(row[1]);
            assert!((0.1..=0.9).contains(&r), "spiral: radius {r}");
            // On arm `label`: the angle is t * 3 pi + label * pi with
            // t = (r - 0.1) / 0.8, up to whole turns.
            let t = (r - 0.1) / 0.8;
            let angle = t * 3.0 * PI + label as f64 * PI;
            let (x, y) = (r * angle.cos(), r * angle.sin());
            assert!(
                (x - row[0]).abs() < 1e-9 && (y - row[1]).abs() < 1e-9,
                "spiral {row:?} class {label}"
            );
        }
    }

    #[test]
    fn blobs_centre_on_their_class_with_spread_a_quarter() {
        let blobs = Toy::Blobs.generate(4000, 0.0, 3).unwrap();
        for label in 0..2 {
            let xs: Vec<f64> = blobs
                .rows()
                .zip(blobs.labels())
                .filter(|(_, l)| **l == label)
                .map(|(r, _)| r[0])
                .collect();
            let mean = xs.iter().sum::<f64>() / xs.len() as f64;
            let sd = (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64).sqrt();
            let centre = if label == 0 { -0.4 } else { 0.4 };
            assert!((mean - centre).abs() < 0.02, "class {label}: mean {mean}");
            assert!((sd - 0.25).abs() < 0.02, "class {label}: sd {sd}");
        }
    }

    #[test]
    fn noise_moves_points_by_about_its_spread() {
        let clean = Toy::Circles.generate(2000, 0.0, 5).unwrap();
        let noisy = Toy::Circles.generate(2000, 0.1, 5).unwrap();
        // Same seed: the same underlying points, each moved by the noise.
        // (The noise draws interleave with the points' draws, so compare
        // spreads, not positions.)
        let radius = |d: &Dataset| -> Vec<f64> { d.rows().map(|r| r[0].hypot(r[1])).collect() };
        let inner_max = |rs: &[f64], d: &Dataset| {
            rs.iter()
                .zip(d.labels())
                .filter(|(_, l)| **l == 0)
                .map(|(r, _)| *r)
                .fold(0.0, f64::max)
        };
        assert!(inner_max(&radius(&clean), &clean) <= 0.4);
        assert!(inner_max(&radius(&noisy), &noisy) > 0.5);
    }

    #[test]
    fn gaussian_noise_has_mean_0_and_spread_1() {
        let mut rng = seeded_rng(11);
        let xs: Vec<f64> = (0..20_000).map(|_| gaussian(&mut rng)).collect();
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64;
        assert!(mean.abs() < 0.03, "mean {mean}");
        assert!((var.sqrt() - 1.0).abs() < 0.03, "sd {}", var.sqrt());
    }

    #[test]
    fn bad_sizes_and_noise_are_clear_errors() {
        let e = Toy::Moons.generate(1, 0.1, 1).unwrap_err().to_string();
        assert!(e.contains("rows") && e.contains("at least 2"), "{e}");
        let e = Toy::Xor.generate(10, -0.1, 1).unwrap_err().to_string();
        assert!(e.contains("noise") && e.contains("-0.1"), "{e}");
        assert!(Toy::Xor.generate(10, f64::NAN, 1).is_err());
    }
}
