//! Figure h: what deskewing does to MNIST digits. The first ten training
//! images as they come, and the same images after `data::deskew`, with the
//! slant measured before and after (the record preset's preprocessing,
//! lesson "Three rungs").

use data::{MNIST_SIDE, Slant};

use crate::png::{Image, ink};
use crate::svg::{Anchor, LABEL_SIZE, PAGE_WIDTH, Svg, TICK_SIZE};
use crate::{Drawn, FigureError, Inputs};

/// How many training images the figure shows.
pub const SHOWN: usize = 10;

/// One image before and after, with its slant before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub label: usize,
    pub before: Vec<f64>,
    pub after: Vec<f64>,
    pub slant_before: f64,
    pub slant_after: f64,
}

/// The first [`SHOWN`] MNIST training images, deskewed.
///
/// # Errors
/// MNIST fails to load.
pub fn pairs(inputs: &Inputs) -> Result<Vec<Pair>, FigureError> {
    let splits = data::load_mnist_splits(&inputs.mnist, Some(SHOWN * 6))?;
    let slope = |image: &[f64]| data::slant(image, MNIST_SIDE).map_or(0.0, |s: Slant| s.alpha);
    Ok((0..SHOWN)
        .map(|i| {
            let before = splits.train.row(i).to_vec();
            let after = data::deskew(&before, MNIST_SIDE);
            Pair {
                label: splits.train.labels()[i],
                slant_before: slope(&before),
                slant_after: slope(&after),
                before,
                after,
            }
        })
        .collect())
}

fn image(pixels: &[f64]) -> Image {
    let mut img = Image::filled(MNIST_SIDE, MNIST_SIDE, [255; 3]);
    for (i, &p) in pixels.iter().enumerate() {
        img.set(i % MNIST_SIDE, i / MNIST_SIDE, ink(p));
    }
    img
}

/// `deskew.svg`: two rows of digits, as they come and straightened.
///
/// # Errors
/// As [`pairs`].
pub fn draw(inputs: &Inputs) -> Result<Vec<Drawn>, FigureError> {
    let pairs = pairs(inputs)?;
    let (left, tile) = (150.0, (PAGE_WIDTH - 160.0) / SHOWN as f64);
    let size = tile - 14.0;
    let (top, row_h) = (90.0, size + 44.0);
    let mut svg = Svg::new(PAGE_WIDTH, top + 2.0 * row_h + 20.0);
    svg.title("Deskewing: the same ten MNIST training digits, as written and straightened");
    svg.text(
        PAGE_WIDTH / 2.0,
        56.0,
        LABEL_SIZE,
        Anchor::Middle,
        "Under each image: its slant, the columns its ink drifts right per row down (cov(x, y) / var(y)).",
    );
    for (r, name) in ["as written", "deskewed"].iter().enumerate() {
        let y = top + row_h * r as f64;
        svg.styled_text(
            left - 16.0,
            y + size / 2.0 + 5.0,
            LABEL_SIZE,
            Anchor::End,
            r#"font-weight="bold""#,
            name,
        );
        for (i, p) in pairs.iter().enumerate() {
            let x = left + tile * i as f64;
            let (pixels, slant) = if r == 0 {
                (&p.before, p.slant_before)
            } else {
                (&p.after, p.slant_after)
            };
            svg.push(&image(pixels).svg_element(x, y, size, size));
            svg.rect(x, y, size, size, r##"fill="none" stroke="#999""##);
            svg.styled_text(
                x + size / 2.0,
                y + size + 20.0,
                TICK_SIZE,
                Anchor::Middle,
                r##"fill="#555""##,
                &format!("slant {}", signed(slant)),
            );
        }
    }
    Ok(vec![Drawn {
        file: "deskew.svg".into(),
        svg: svg.finish(),
    }])
}

/// `+0.21`, `-0.35`, and `0.00` for what rounds to zero (no `-0.00`).
fn signed(v: f64) -> String {
    if v.abs() < 0.005 {
        "0.00".into()
    } else {
        format!("{v:+.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deskewing_straightens_every_shown_digit() {
        for p in pairs(&Inputs::default_paths()).unwrap() {
            assert!(
                p.slant_after.abs() < 0.05 && p.slant_after.abs() <= p.slant_before.abs(),
                "{} -> {}",
                p.slant_before,
                p.slant_after
            );
        }
    }
}
