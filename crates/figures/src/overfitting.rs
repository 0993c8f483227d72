//! Figure e: overfitting, shown. Training and validation accuracy and loss
//! after every epoch for a network far too big for its data (1,000 MNIST
//! images, 300 hidden units, no L2), and the same run with L2 (article
//! P2.4, P2.5). The validation images are carved from MNIST's training
//! file (the 1,000 after the training ones), never from the test set.

use data::Dataset;

use crate::hidden_units::mnist_head;
use crate::plot::{COLOURS, Chart, Legend, Panel, Series, Style, shared_y_range};
use crate::svg::PAGE_WIDTH;
use crate::train::{Model, Settings, score};
use crate::{Drawn, FigureError, Inputs};

pub const TRAIN: usize = 1_000;
pub const VALIDATION: usize = 1_000;
pub const HIDDEN: usize = 100;
pub const EPOCHS: usize = 40;
pub const L2: f64 = 1e-2;
pub const SEED: u64 = 1;

/// Accuracy and loss on the training and validation images after each epoch.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Curves {
    pub train_accuracy: Vec<f64>,
    pub validation_accuracy: Vec<f64>,
    pub train_loss: Vec<f64>,
    pub validation_loss: Vec<f64>,
}

/// Plain stochastic gradient descent at learning rate 0.01 (no momentum,
/// no decay, so learning never stops by itself) with the given L2.
pub fn settings(l2: f64) -> Settings {
    Settings {
        rate_decay: 0.0,
        ..Settings::mnist(HIDDEN, l2, SEED)
    }
}

/// Trains `epochs` epochs, scoring both sets after each.
///
/// # Errors
/// Training fails.
pub fn curves(
    train: &Dataset,
    validation: &Dataset,
    s: Settings,
    epochs: usize,
) -> Result<Curves, FigureError> {
    let mut model = Model::new(train, s)?;
    let mut c = Curves::default();
    for _ in 0..epochs {
        model.train_epoch(train)?;
        let (ta, tl) = score(&mut model, train)?;
        let (va, vl) = score(&mut model, validation)?;
        c.train_accuracy.push(ta);
        c.validation_accuracy.push(va);
        c.train_loss.push(tl);
        c.validation_loss.push(vl);
    }
    Ok(c)
}

/// The values as (epoch, value) points, epochs counted from 1.
fn by_epoch(values: &[f64]) -> Vec<(f64, f64)> {
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| (i as f64 + 1.0, v))
        .collect()
}

/// A panel of one measure by epoch: training images solid, validation dashed.
fn pair(title: &str, y_label: &str, train: &[f64], validation: &[f64], legend: Legend) -> Panel {
    let mut p = Panel::new(
        title,
        "epoch",
        y_label,
        vec![
            Series::new("training images", by_epoch(train), Style::solid(COLOURS[0])),
            Series::new(
                "validation images",
                by_epoch(validation),
                Style::dashed(COLOURS[1]),
            ),
        ],
    );
    p.legend = legend;
    p.x_range = Some((0.0, train.len() as f64));
    p
}

/// The training accuracy minus the validation accuracy after the last epoch.
fn final_gap(c: &Curves) -> f64 {
    let last = c.train_accuracy.len() - 1;
    c.train_accuracy[last] - c.validation_accuracy[last]
}

/// The note on both runs' final accuracies: training vs validation, and the gap.
fn finals_note(plain: &Curves, decayed: &Curves) -> String {
    let last = |c: &Curves| {
        let (t, v) = (&c.train_accuracy, &c.validation_accuracy);
        format!(
            "{:.3} vs {:.3} (gap {:.3})",
            t[t.len() - 1],
            v[v.len() - 1],
            final_gap(c)
        )
    };
    format!(
        "Accuracy after epoch {EPOCHS}, training vs validation: no L2 {}; L2 {L2} {}.",
        last(plain),
        last(decayed)
    )
}

/// One run's two panels, named `run`: accuracy (with the final gap in its
/// title) and cross-entropy loss.
fn run_panels(run: &str, c: &Curves) -> [Panel; 2] {
    [
        pair(
            &format!("{run}: accuracy (final gap {:.3})", final_gap(c)),
            "accuracy",
            &c.train_accuracy,
            &c.validation_accuracy,
            Legend::BottomRight,
        ),
        pair(
            &format!("{run}: loss (cross-entropy)"),
            "mean loss",
            &c.train_loss,
            &c.validation_loss,
            Legend::TopRight,
        ),
    ]
}

/// One y range for both accuracy panels (even indices) and one for both loss
/// panels (odd), the loss range from 0 to 1.4 times the largest loss.
fn share_y_ranges(panels: &mut [Panel]) -> Result<(), FigureError> {
    let accuracy = shared_y_range(&[panels[0].clone(), panels[2].clone()])?;
    let loss = shared_y_range(&[panels[1].clone(), panels[3].clone()])?;
    for (i, p) in panels.iter_mut().enumerate() {
        let r = if i % 2 == 0 { accuracy } else { loss };
        p.y_range = Some(if i % 2 == 0 { r } else { (0.0, 1.4 * r.1) });
    }
    Ok(())
}

/// `overfitting.svg`: accuracy and loss, without L2 (top) and with (bottom).
///
/// # Errors
/// MNIST cannot be loaded, or training fails.
pub fn draw(inputs: &Inputs) -> Result<Vec<Drawn>, FigureError> {
    let (train, validation) = mnist_head(&inputs.mnist, TRAIN + VALIDATION)?.split_at(TRAIN);
    let plain = curves(&train, &validation, settings(0.0), EPOCHS)?;
    let decayed = curves(&train, &validation, settings(L2), EPOCHS)?;
    let finals = finals_note(&plain, &decayed);
    let mut panels: Vec<Panel> = run_panels("no L2", &plain)
        .into_iter()
        .chain(run_panels(&format!("L2 {L2}"), &decayed))
        .collect();
    share_y_ranges(&mut panels)?;
    let chart = Chart {
        title: "Overfitting, shown: a big network on few images, without and with L2".into(),
        notes: vec![
            format!(
                "MNIST: {TRAIN} training images, validation = the next {VALIDATION} training images (never the test set)."
            ),
            format!(
                "784-{HIDDEN}-10, Config::recommended() without momentum (plain SGD, lr 0.01, no decay), {EPOCHS} epochs, seed {SEED}; scored after every epoch."
            ),
            finals,
        ],
        panels,
        columns: 2,
        cell: (PAGE_WIDTH / 2.0, 380.0),
    };
    Ok(vec![Drawn {
        file: "overfitting.svg".into(),
        svg: chart.to_svg()?,
    }])
}
