//! Figure d: the digits the network gets wrong. A gallery of misclassified
//! test images (true label, prediction, confidence) and the confusion
//! matrix as a heat map (article P1.6, P2.0).
//!
//! The run: the embedded 8x8 digits, the seeded 75/25 split of seed 1,
//! pixels scaled to [0, 1] with the training rows' range, a 64-100-10
//! network with `Config::recommended()` trained 50 epochs from seed 1 (the
//! digits example's defaults).

use data::Dataset;

use crate::png::{Image, ink};
use crate::svg::{Anchor, LABEL_SIZE, PAGE_WIDTH, Svg, TICK_SIZE, px};
use crate::train::{Model, Settings};
use crate::{Drawn, FigureError, Inputs};

pub const SEED: u64 = 1;
pub const HIDDEN: usize = 100;
pub const EPOCHS: usize = 50;

/// One test image the network got wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Mistake {
    /// Row in the test set.
    pub row: usize,
    pub truth: usize,
    pub predicted: usize,
    /// The softmax output of the predicted class.
    pub confidence: f64,
}

/// What the figure shows: the test set, its predictions, the mistakes
/// (most confident first), and the confusion matrix `[truth][predicted]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub test: Dataset,
    pub mistakes: Vec<Mistake>,
    pub confusion: Vec<Vec<usize>>,
}

/// Trains the digits example's default network and scores the test set.
///
/// # Errors
/// The digits fail to load or split, or training fails.
pub fn results() -> Result<Results, FigureError> {
    let (train, test) = data::digits_train_test(SEED, data::Scaling::MinMax)?;
    let mut model = Model::new(&train, Settings::digits(HIDDEN, SEED))?;
    for _ in 0..EPOCHS {
        model.train_epoch(&train)?;
    }
    let outputs = model.outputs(&test)?;
    let classes = test.n_classes();
    let mut confusion = vec![vec![0; classes]; classes];
    let mut mistakes = Vec::new();
    for (row, (o, &truth)) in outputs.iter().zip(test.labels()).enumerate() {
        let predicted = data::argmax(o);
        confusion[truth][predicted] += 1;
        if predicted != truth {
            mistakes.push(Mistake {
                row,
                truth,
                predicted,
                confidence: o[predicted],
            });
        }
    }
    mistakes.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    Ok(Results {
        test,
        mistakes,
        confusion,
    })
}

/// An 8x8 digit as ink on paper, enlarged so every pixel stays sharp.
fn digit_image(pixels: &[f64]) -> Image {
    let side = (pixels.len() as f64).sqrt().round() as usize;
    let mut img = Image::filled(side, side, [255; 3]);
    for (i, &p) in pixels.iter().enumerate() {
        img.set(i % side, i / side, ink(p));
    }
    img.enlarged(10)
}

fn gallery(r: &Results) -> String {
    let per_row = 8;
    let (tile_w, tile_h, image) = (PAGE_WIDTH / per_row as f64, 150.0, 80.0);
    let rows = r.mistakes.len().div_ceil(per_row).max(1);
    let head = 82.0;
    let mut svg = Svg::new(PAGE_WIDTH, head + tile_h * rows as f64 + 10.0);
    let n = r.test.len();
    svg.title(&format!(
        "The {} test digits the network gets wrong, out of {n} (accuracy {:.4})",
        r.mistakes.len(),
        1.0 - r.mistakes.len() as f64 / n as f64
    ));
    svg.text(
        PAGE_WIDTH / 2.0,
        56.0,
        LABEL_SIZE,
        Anchor::Middle,
        "Most confident mistakes first. Under each image: its true label, the network's answer, and the probability it gave that answer.",
    );
    svg.text(
        PAGE_WIDTH / 2.0,
        76.0,
        TICK_SIZE,
        Anchor::Middle,
        &format!("digits, 75/25 split of seed {SEED}, 64-{HIDDEN}-10, Config::recommended(), {EPOCHS} epochs"),
    );
    if r.mistakes.is_empty() {
        svg.text(
            PAGE_WIDTH / 2.0,
            head + 60.0,
            LABEL_SIZE,
            Anchor::Middle,
            "no mistakes",
        );
    }
    for (i, m) in r.mistakes.iter().enumerate() {
        let x = tile_w * (i % per_row) as f64;
        let y = head + tile_h * (i / per_row) as f64 + 10.0;
        let left = x + (tile_w - image) / 2.0;
        svg.push(&digit_image(r.test.row(m.row)).svg_element(left, y, image, image));
        svg.rect(left, y, image, image, r##"fill="none" stroke="#999""##);
        let cx = x + tile_w / 2.0;
        svg.text(
            cx,
            y + image + 20.0,
            LABEL_SIZE,
            Anchor::Middle,
            &format!("true {}, said {}", m.truth, m.predicted),
        );
        svg.styled_text(
            cx,
            y + image + 38.0,
            TICK_SIZE,
            Anchor::Middle,
            r##"fill="#555""##,
            &format!("p = {:.2}", m.confidence),
        );
    }
    svg.finish()
}

/// Cell colour: the diagonal (right answers) in blue, the mistakes in
/// orange, each scaled by its own largest count so one mistake still shows.
fn cell_colour(count: usize, diagonal: bool, max_right: usize, max_wrong: usize) -> String {
    if count == 0 {
        return "#ffffff".into();
    }
    let (end, max) = if diagonal {
        ([0.0, 114.0, 178.0], max_right)
    } else {
        ([213.0, 94.0, 0.0], max_wrong)
    };
    let a = 0.25 + 0.75 * count as f64 / max.max(1) as f64;
    let mix = |e: f64| (255.0 + (e - 255.0) * a).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(end[0]), mix(end[1]), mix(end[2]))
}

fn confusion(r: &Results) -> String {
    let classes = r.confusion.len();
    let cell = 46.0;
    let size = cell * classes as f64;
    let (left, top) = ((PAGE_WIDTH - size) / 2.0 + 20.0, 120.0);
    let mut svg = Svg::new(PAGE_WIDTH, top + size + 70.0);
    svg.title("Confusion matrix: which digit is taken for which");
    svg.text(
        PAGE_WIDTH / 2.0,
        56.0,
        LABEL_SIZE,
        Anchor::Middle,
        "Row: the true digit; column: the network's answer. Blue: right answers; orange: mistakes (each colour scaled to its own largest count).",
    );
    let max_right = (0..classes).map(|k| r.confusion[k][k]).max().unwrap_or(1);
    let max_wrong = (0..classes)
        .flat_map(|t| (0..classes).filter(move |&p| p != t).map(move |p| (t, p)))
        .map(|(t, p)| r.confusion[t][p])
        .max()
        .unwrap_or(1);
    for (t, row) in r.confusion.iter().enumerate() {
        for (p, &count) in row.iter().enumerate() {
            let (x, y) = (left + cell * p as f64, top + cell * t as f64);
            let fill = cell_colour(count, t == p, max_right, max_wrong);
            svg.rect(
                x,
                y,
                cell,
                cell,
                &format!(r##"fill="{fill}" stroke="#ddd""##),
            );
            if count > 0 {
                let colour = if t == p { "white" } else { "black" };
                svg.styled_text(
                    x + cell / 2.0,
                    y + cell / 2.0 + 5.0,
                    LABEL_SIZE,
                    Anchor::Middle,
                    &format!(r#"fill="{colour}""#),
                    &count.to_string(),
                );
            }
        }
        let y = top + cell * t as f64 + cell / 2.0 + 5.0;
        svg.text(left - 10.0, y, LABEL_SIZE, Anchor::End, &t.to_string());
        let x = left + cell * t as f64 + cell / 2.0;
        svg.text(x, top - 10.0, LABEL_SIZE, Anchor::Middle, &t.to_string());
    }
    svg.rect(left, top, size, size, r##"fill="none" stroke="#444""##);
    svg.styled_text(
        left + size / 2.0,
        top - 34.0,
        LABEL_SIZE,
        Anchor::Middle,
        r#"font-weight="bold""#,
        "predicted digit",
    );
    svg.push(&format!(
        r#"<text transform="translate({} {}) rotate(-90)" font-size="{LABEL_SIZE}" font-weight="bold" text-anchor="middle">true digit</text>"#,
        px(left - 40.0),
        px(top + size / 2.0)
    ));
    let wrong: usize = r.mistakes.len();
    svg.text(
        left + size / 2.0,
        top + size + 34.0,
        LABEL_SIZE,
        Anchor::Middle,
        &format!(
            "{} test digits, {} on the diagonal, {wrong} off it",
            r.test.len(),
            r.test.len() - wrong
        ),
    );
    svg.finish()
}

/// `digits-mistakes.svg` and `digits-confusion.svg`.
///
/// # Errors
/// As [`results`].
pub fn draw(_: &Inputs) -> Result<Vec<Drawn>, FigureError> {
    let r = results()?;
    Ok(vec![
        Drawn {
            file: "digits-mistakes.svg".into(),
            svg: gallery(&r),
        },
        Drawn {
            file: "digits-confusion.svg".into(),
            svg: confusion(&r),
        },
    ])
}
