//! Deskewing: straightening slanted digits before training.
//!
//! People slant their handwriting by different amounts, so the same digit
//! appears at many angles, and a network must learn each angle from
//! examples. Deskewing removes most of that variation from every image,
//! training and test alike, by a fixed rule (no labels, no learning): it
//! measures the slant of the ink and shears the image so the slant becomes
//! zero. LeCun et al.'s MNIST table lists this preprocessing for several
//! of its classifiers.
//!
//! The slant comes from the image's moments, with the pixel values as
//! weights: the centre of mass `(cy, cx)`, the variance of the row `var_y`
//! and the covariance of row and column `cov_xy`. Ink that drifts right as
//! it goes down has `cov_xy > 0`; `alpha = cov_xy / var_y` is how many
//! columns it drifts per row. The deskewed image reads pixel
//! `(y, x)` from the original at row `y + cy - c` and column
//! `x + cx - c + alpha * (y - c)` (`c` the image's centre), interpolated
//! between the four nearest pixels: the slant is undone and the ink is
//! centred.

use crate::{DataError, Dataset};

/// The slant and centre of one square image, from its moments.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slant {
    /// Centre of mass: row and column.
    pub cy: f64,
    pub cx: f64,
    /// Columns the ink drifts right per row down: `cov_xy / var_y`.
    pub alpha: f64,
}

/// The slant of a `side x side` image stored row by row; `None` for an
/// image without ink (or with ink on a single row, which has no slant).
pub fn slant(image: &[f64], side: usize) -> Option<Slant> {
    let pixels = || {
        image
            .iter()
            .enumerate()
            .map(move |(i, &v)| ((i / side) as f64, (i % side) as f64, v))
    };
    let mass: f64 = pixels().map(|(_, _, v)| v).sum();
    if mass <= 0.0 {
        return None;
    }
    let cy = pixels().map(|(y, _, v)| y * v).sum::<f64>() / mass;
    let cx = pixels().map(|(_, x, v)| x * v).sum::<f64>() / mass;
    let var_y = pixels().map(|(y, _, v)| (y - cy).powi(2) * v).sum::<f64>() / mass;
    let cov_xy = pixels()
        .map(|(y, x, v)| (y - cy) * (x - cx) * v)
        .sum::<f64>()
        / mass;
    (var_y > 1e-12).then_some(Slant {
        cy,
        cx,
        alpha: cov_xy / var_y,
    })
}

// ANCHOR: deskew
/// The deskewed copy of a `side x side` image (see the module docs); an
/// image without a slant is returned unchanged.
pub fn deskew(image: &[f64], side: usize) -> Vec<f64> {
    let Some(s) = slant(image, side) else {
        return image.to_vec();
    };
    let c = (side as f64 - 1.0) / 2.0;
    let mut out = vec![0.0; side * side];
    for y in 0..side {
        for x in 0..side {
            let (yf, xf) = (y as f64, x as f64);
            let from_y = yf - c + s.cy;
            let from_x = xf - c + s.cx + s.alpha * (yf - c);
            out[y * side + x] = bilinear(image, side, from_y, from_x);
        }
    }
    out
}
// ANCHOR_END: deskew

/// The image's value at a point between pixels: the four nearest pixels
/// weighted by closeness; outside the image counts as 0.
fn bilinear(image: &[f64], side: usize, y: f64, x: f64) -> f64 {
    let (y0, x0) = (y.floor(), x.floor());
    let (dy, dx) = (y - y0, x - x0);
    let at = |r: f64, c: f64| -> f64 {
        if r < 0.0 || c < 0.0 || r >= side as f64 || c >= side as f64 {
            0.0
        } else {
            image[r as usize * side + c as usize]
        }
    };
    at(y0, x0) * (1.0 - dy) * (1.0 - dx)
        + at(y0, x0 + 1.0) * (1.0 - dy) * dx
        + at(y0 + 1.0, x0) * dy * (1.0 - dx)
        + at(y0 + 1.0, x0 + 1.0) * dy * dx
}

impl Dataset {
    /// Deskews every row, read as a `side x side` image (see [`deskew`]).
    ///
    /// # Errors
    /// Rows that are not `side * side` values long.
    pub fn deskew_images(&mut self, side: usize) -> Result<(), DataError> {
        if self.n_features() != side * side {
            return Err(DataError::InvalidParameter {
                name: "image side",
                expected: "rows of side x side pixels",
                got: format!(
                    "side {side} ({} pixels) for rows of {} values",
                    side * side,
                    self.n_features()
                ),
            });
        }
        let n = self.n_features();
        for row in self.features_mut().chunks_mut(n) {
            let straight = deskew(row, side);
            row.copy_from_slice(&straight);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `side x side` image with a one-pixel-wide stroke from `(top, x_top)`
    /// down to `(bottom, x_bottom)`.
    fn stroke(side: usize, top: usize, bottom: usize, x_top: f64, x_bottom: f64) -> Vec<f64> {
        let mut image = vec![0.0; side * side];
        for y in top..=bottom {
            let t = (y - top) as f64 / (bottom - top) as f64;
            let x = (x_top + t * (x_bottom - x_top)).round() as usize;
            image[y * side + x] = 1.0;
        }
        image
    }

    #[test]
    fn a_stroke_slanting_right_has_a_positive_slant_of_its_drift_per_row() {
        // from column 8 at row 4 to column 16 at row 20: half a column per row
        let s = slant(&stroke(28, 4, 20, 8.0, 16.0), 28).unwrap();
        assert!((s.alpha - 0.5).abs() < 0.02, "{s:?}");
        assert!((s.cy - 12.0).abs() < 1e-9, "{s:?}");
    }

    #[test]
    fn deskewing_makes_a_slanted_stroke_upright_and_centred() {
        let slanted = stroke(28, 4, 20, 8.0, 16.0);
        let straight = deskew(&slanted, 28);
        let s = slant(&straight, 28).unwrap();
        assert!(s.alpha.abs() < 0.02, "still slanted: {s:?}");
        assert!(
            (s.cx - 13.5).abs() < 0.2 && (s.cy - 13.5).abs() < 0.2,
            "{s:?}"
        );
        let (before, after) = (slanted.iter().sum::<f64>(), straight.iter().sum::<f64>());
        assert!(
            (after - before).abs() < 0.05 * before,
            "ink {before} became {after}"
        );
    }

    #[test]
    fn an_empty_image_is_left_alone() {
        assert_eq!(deskew(&[0.0; 16], 4), vec![0.0; 16]);
    }

    #[test]
    fn rows_of_the_wrong_size_are_an_error() {
        let mut d = Dataset::new(vec![0.0; 10], vec![0, 1], 5, 2).unwrap();
        let e = d.deskew_images(3).unwrap_err().to_string();
        assert!(e.contains("side 3 (9 pixels) for rows of 5 values"), "{e}");
    }
}
