//! Figure c: what hidden units learn. The weights from the 784 pixels into
//! each of 64 hidden units, drawn as 28x28 images: at initialization, after
//! training without L2, and after training with L2 (article P2.2, P2.4).
//!
//! Pixels near the border are 0 in almost every MNIST image, so their
//! weights almost never get a gradient: without L2 they keep their random
//! starting values; L2 shrinks every weight a little at every step, so only
//! the weights that the data keeps pulling survive.

use data::Dataset;

use crate::png::{Image, diverging};
use crate::svg::{Anchor, LABEL_SIZE, PAGE_WIDTH, Svg, TICK_SIZE};
use crate::train::{Model, Settings, score};
use crate::{Drawn, FigureError, Inputs};

/// 8 x 8 hidden units.
pub const HIDDEN: usize = 64;
/// The first `TRAIN` MNIST training images train; the next `VALIDATION` score.
pub const TRAIN: usize = 10_000;
pub const VALIDATION: usize = 2_000;
pub const EPOCHS: usize = 5;
pub const L2: f64 = 1e-2;
pub const SEED: u64 = 1;

/// One panel's weights and its title.
struct Weights {
    title: String,
    units: Vec<Vec<f64>>,
}

/// The 64 units' weights as one image: an 8 x 8 grid of 28 x 28 tiles with
/// a one-pixel white gap, blue negative, red positive, white 0, full colour
/// at `+-scale`.
fn grid(units: &[Vec<f64>], scale: f64) -> Image {
    let side = data::MNIST_SIDE;
    let per_row = (units.len() as f64).sqrt().ceil() as usize;
    let rows = units.len().div_ceil(per_row);
    let mut img = Image::filled(per_row * (side + 1) + 1, rows * (side + 1) + 1, [255; 3]);
    for (u, w) in units.iter().enumerate() {
        let (ox, oy) = (
            1 + (u % per_row) * (side + 1),
            1 + (u / per_row) * (side + 1),
        );
        for (i, &v) in w.iter().enumerate() {
            // 24 shades a side: the eye sees no more, and the file stays small.
            let shade = (v / scale * 24.0).round() / 24.0;
            img.set(ox + i % side, oy + i / side, diverging(shade));
        }
    }
    img
}

/// The 99th percentile of `|w|` over every panel: one colour scale for all,
/// so the panels compare, with a few extreme weights clipped.
fn shared_scale(panels: &[Weights]) -> f64 {
    let mut all: Vec<f64> = panels
        .iter()
        .flat_map(|p| p.units.iter().flatten().map(|w| w.abs()))
        .collect();
    all.sort_by(f64::total_cmp);
    all.get(all.len() * 99 / 100)
        .copied()
        .unwrap_or(1.0)
        .max(1e-12)
}

/// Loads the first `n` MNIST training images, pixels divided by 255.
///
/// # Errors
/// The files are missing or malformed, or hold fewer than `n` images.
pub fn mnist_head(dir: &std::path::Path, n: usize) -> Result<Dataset, FigureError> {
    let file = |name: &str| {
        let raw = dir.join(name);
        if raw.exists() {
            raw
        } else {
            dir.join(format!("{name}.gz"))
        }
    };
    let [images, labels, _, _] = data::MNIST_FILES;
    let all = data::load_idx_pair(file(images), file(labels))?;
    if all.len() < n {
        return Err(FigureError(format!(
            "MNIST training images: expected at least {n}, got {}",
            all.len()
        )));
    }
    let mut head = all.head(n);
    head.scale_by(255.0)?;
    Ok(head)
}

fn trained(train: &Dataset, validation: &Dataset, l2: f64) -> Result<Weights, FigureError> {
    let mut model = Model::new(train, Settings::mnist(HIDDEN, l2, SEED))?;
    for _ in 0..EPOCHS {
        model.train_epoch(train)?;
    }
    let (accuracy, _) = score(&mut model, validation)?;
    let what = if l2 > 0.0 {
        format!("with L2 {l2}")
    } else {
        "without L2".into()
    };
    Ok(Weights {
        title: format!("{EPOCHS} epochs {what}: val. acc. {accuracy:.3}"),
        units: model.first_layer(),
    })
}

/// `hidden-units.svg`.
///
/// # Errors
/// MNIST cannot be loaded, or training fails.
pub fn draw(inputs: &Inputs) -> Result<Vec<Drawn>, FigureError> {
    let (train, validation) = mnist_head(&inputs.mnist, TRAIN + VALIDATION)?.split_at(TRAIN);
    let init = Model::new(&train, Settings::mnist(HIDDEN, 0.0, SEED))?;
    let panels = [
        Weights {
            title: "at initialization (scaled, seed 1)".into(),
            units: init.first_layer(),
        },
        trained(&train, &validation, 0.0)?,
        trained(&train, &validation, L2)?,
    ];
    let scale = shared_scale(&panels);
    let (head, cell, image) = (124.0, PAGE_WIDTH / 3.0, 300.0);
    let mut svg = Svg::new(PAGE_WIDTH, head + image + 70.0);
    svg.title("What 64 hidden units learn: each one's 784 input weights as a 28x28 image");
    let notes = [
        format!(
            "MNIST: the first {TRAIN} training images; validation: the next {VALIDATION} (never the test set)"
        ),
        format!(
            "784-{HIDDEN}-10, the MNIST example's settings (no momentum, lr 0.01 divided by 1.1 per epoch), seed {SEED}"
        ),
        format!(
            "One colour scale for all three: blue negative, white 0, red positive, full colour at ±{scale:.3}"
        ),
    ];
    for (i, note) in notes.iter().enumerate() {
        svg.text(
            PAGE_WIDTH / 2.0,
            56.0 + 20.0 * i as f64,
            LABEL_SIZE,
            Anchor::Middle,
            note,
        );
    }
    for (i, p) in panels.iter().enumerate() {
        let x = cell * i as f64 + (cell - image) / 2.0;
        svg.styled_text(
            cell * (i as f64 + 0.5),
            head + 8.0,
            LABEL_SIZE,
            Anchor::Middle,
            r#"font-weight="bold""#,
            &p.title,
        );
        svg.push(&grid(&p.units, scale).svg_element(x, head + 20.0, image, image));
    }
    svg.text(
        PAGE_WIDTH / 2.0,
        head + image + 50.0,
        TICK_SIZE + 1,
        Anchor::Middle,
        "Border pixels are 0 in nearly every image, so their weights almost never get a gradient: only L2 clears their starting noise.",
    );
    Ok(vec![Drawn {
        file: "hidden-units.svg".into(),
        svg: svg.finish(),
    }])
}
