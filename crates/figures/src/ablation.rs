//! Figure g: the ablation's learning curves (article P2.5), drawn so every
//! curve can be read: one small panel per configuration with the baseline
//! in grey behind it, and squared error and cross-entropy never on one axis.
//!
//! The runs belong to `cargo run --release -p improved --example ablation`:
//! it measures the mean curves over its seeds and calls [`write`], which
//! saves them as a small tab-separated file next to the figures and draws
//! the figures from that file. `cargo run -p figures -- --only ablation`
//! redraws them from the same file without training again.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::plot::{COLOURS, Chart, Legend, Panel, REFERENCE_GREY, Series, Style, shared_y_range};
use crate::svg::PAGE_WIDTH;
use crate::{Drawn, FigureError, Inputs};

/// Panels per row.
const COLUMNS: usize = 4;

/// One configuration's mean curves, one value per epoch.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// A short name for the panel's title.
    pub label: String,
    /// Trained on cross-entropy (softmax output) rather than squared error.
    pub cross_entropy: bool,
    pub accuracy: Vec<f64>,
    pub loss: Vec<f64>,
}

/// Everything the ablation figures show.
#[derive(Debug, Clone, PartialEq)]
pub struct Ablation {
    /// `digits` or `mnist`: part of the file names.
    pub dataset: String,
    pub seeds: u64,
    /// What the accuracy curves measure, e.g. "validation accuracy".
    pub accuracy_label: String,
    /// The label of the curve drawn in grey behind the others.
    pub reference: String,
    pub curves: Vec<Curve>,
}

fn bad(what: impl std::fmt::Display) -> FigureError {
    FigureError(format!("ablation curves: {what}"))
}

/// The per-epoch values of line `line` of the file, each a number.
fn parse_values(line: usize, values: &[&str]) -> Result<Vec<f64>, FigureError> {
    values
        .iter()
        .map(|v| {
            v.parse::<f64>()
                .map_err(|_| bad(format!("line {line}: expected a number, got {v:?}")))
        })
        .collect()
}

/// The loss field of line `line`: `cross-entropy` (true) or `squared-error` (false).
fn parse_loss(line: usize, loss: &str) -> Result<bool, FigureError> {
    match loss {
        "cross-entropy" => Ok(true),
        "squared-error" => Ok(false),
        other => Err(bad(format!(
            "line {line}: expected cross-entropy or squared-error, got {other:?}"
        ))),
    }
}

/// The curve called `label`, added (with no values yet) the first time the
/// label is seen.
fn curve_named<'a>(curves: &'a mut Vec<Curve>, label: &str, cross_entropy: bool) -> &'a mut Curve {
    let i = match curves.iter().position(|c| c.label == label) {
        Some(i) => i,
        None => {
            curves.push(Curve {
                label: label.to_string(),
                cross_entropy,
                accuracy: Vec::new(),
                loss: Vec::new(),
            });
            curves.len() - 1
        }
    };
    &mut curves[i]
}

/// Stores `values` as the curve's accuracy or its loss, as the measure field
/// of line `line` says.
fn set_measure(
    curve: &mut Curve,
    line: usize,
    measure: &str,
    values: Vec<f64>,
) -> Result<(), FigureError> {
    match measure {
        "accuracy" => curve.accuracy = values,
        "loss" => curve.loss = values,
        other => {
            return Err(bad(format!(
                "line {line}: expected accuracy or loss, got {other:?}"
            )));
        }
    }
    Ok(())
}

/// At least one curve, and every curve has both its accuracy and its loss.
fn check_complete(curves: &[Curve]) -> Result<(), FigureError> {
    if let Some(c) = curves
        .iter()
        .find(|c| c.accuracy.is_empty() || c.loss.is_empty())
    {
        return Err(bad(format!(
            "curve {:?} lacks its accuracy or its loss",
            c.label
        )));
    }
    if curves.is_empty() {
        return Err(bad("no curve"));
    }
    Ok(())
}

impl Ablation {
    /// The curves as tab-separated text: `# key<TAB>value` lines, then one
    /// line per curve and measure: label, loss (`cross-entropy` or
    /// `squared-error`), measure (`accuracy` or `loss`), one value per epoch
    /// with six decimals.
    pub fn to_tsv(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "# dataset\t{}", self.dataset);
        let _ = writeln!(s, "# seeds\t{}", self.seeds);
        let _ = writeln!(s, "# accuracy\t{}", self.accuracy_label);
        let _ = writeln!(s, "# reference\t{}", self.reference);
        for c in &self.curves {
            let loss = if c.cross_entropy {
                "cross-entropy"
            } else {
                "squared-error"
            };
            for (measure, values) in [("accuracy", &c.accuracy), ("loss", &c.loss)] {
                let values: Vec<String> = values.iter().map(|v| format!("{v:.6}")).collect();
                let _ = writeln!(s, "{}\t{loss}\t{measure}\t{}", c.label, values.join("\t"));
            }
        }
        s
    }

    /// Reads what [`to_tsv`](Self::to_tsv) writes.
    ///
    /// # Errors
    /// A missing header, a line with the wrong fields, a value that is not a
    /// number, a curve without both measures, or no curve.
    pub fn from_tsv(text: &str) -> Result<Ablation, FigureError> {
        let mut header = std::collections::BTreeMap::new();
        let mut curves: Vec<Curve> = Vec::new();
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
            let fields: Vec<&str> = line.split('\t').collect();
            if let Some(key) = fields[0].strip_prefix("# ") {
                header.insert(key.to_string(), fields.get(1).unwrap_or(&"").to_string());
                continue;
            }
            let [label, loss, measure, values @ ..] = fields.as_slice() else {
                return Err(bad(format!(
                    "line {}: expected label, loss, measure and values, got {line:?}",
                    n + 1
                )));
            };
            let values = parse_values(n + 1, values)?;
            let cross_entropy = parse_loss(n + 1, loss)?;
            let curve = curve_named(&mut curves, label, cross_entropy);
            set_measure(curve, n + 1, measure, values)?;
        }
        check_complete(&curves)?;
        let get = |key: &str| {
            header
                .get(key)
                .cloned()
                .ok_or_else(|| bad(format!("expected a '# {key}' line, got none")))
        };
        Ok(Ablation {
            dataset: get("dataset")?,
            seeds: get("seeds")?
                .parse()
                .map_err(|_| bad("'# seeds' is not a whole number"))?,
            accuracy_label: get("accuracy")?,
            reference: get("reference")?,
            curves,
        })
    }

    /// `ablation-<dataset>-accuracy.svg` and `ablation-<dataset>-loss.svg`.
    ///
    /// # Errors
    /// A curve with no point or a non-finite value.
    pub fn charts(&self) -> Result<Vec<Drawn>, FigureError> {
        Ok(vec![
            Drawn {
                file: format!("ablation-{}-accuracy.svg", self.dataset),
                svg: self.accuracy_chart()?.to_svg()?,
            },
            Drawn {
                file: format!("ablation-{}-loss.svg", self.dataset),
                svg: self.loss_chart()?.to_svg()?,
            },
        ])
    }

    fn reference_curve(&self) -> Option<&Curve> {
        self.curves.iter().find(|c| c.label == self.reference)
    }

    /// One panel: `own` in colour over `reference` in grey.
    fn panel(
        own: &Curve,
        reference: Option<&Curve>,
        values: fn(&Curve) -> &Vec<f64>,
        y_label: &str,
    ) -> Panel {
        let by_epoch = |v: &[f64]| -> Vec<(f64, f64)> {
            v.iter()
                .enumerate()
                .map(|(i, &y)| (i as f64 + 1.0, y))
                .collect()
        };
        let mut series = Vec::new();
        if let Some(r) = reference.filter(|r| r.label != own.label) {
            series.push(Series::new(
                &r.label,
                by_epoch(values(r)),
                Style::solid(REFERENCE_GREY),
            ));
        }
        series.push(Series::new(
            &own.label,
            by_epoch(values(own)),
            Style::solid(COLOURS[0]),
        ));
        let mut p = Panel::new(&own.label, "epoch", y_label, series);
        p.legend = Legend::Hidden;
        p
    }

    fn grid(&self, title: String, notes: Vec<String>, panels: Vec<Panel>) -> Chart {
        Chart {
            title,
            notes,
            panels,
            columns: COLUMNS,
            cell: (PAGE_WIDTH / COLUMNS as f64 + 20.0, 250.0),
        }
    }

    fn accuracy_chart(&self) -> Result<Chart, FigureError> {
        let reference = self.reference_curve();
        let mut panels: Vec<Panel> = self
            .curves
            .iter()
            .map(|c| Ablation::panel(c, reference, |c| &c.accuracy, &self.accuracy_label))
            .collect();
        let range = shared_y_range(&panels)?;
        for p in &mut panels {
            p.y_range = Some(range);
        }
        Ok(self.grid(
            format!("{}: {} per epoch, one panel per configuration", self.dataset, self.accuracy_label),
            vec![
                format!(
                    "Blue: the panel's configuration; grey: the {} for comparison. Mean of {} seeds; every panel has the same axes.",
                    self.reference, self.seeds
                ),
            ],
            panels,
        ))
    }

    /// Squared-error panels first, then cross-entropy panels: each group
    /// shares its own axis, and the two losses never share one.
    fn loss_chart(&self) -> Result<Chart, FigureError> {
        let mut panels = Vec::new();
        let mut references = Vec::new();
        for (cross_entropy, name) in [(false, "squared error"), (true, "cross-entropy")] {
            let group: Vec<&Curve> = self
                .curves
                .iter()
                .filter(|c| c.cross_entropy == cross_entropy)
                .collect();
            let reference = self
                .reference_curve()
                .filter(|r| r.cross_entropy == cross_entropy)
                .or(group.first().copied());
            if let Some(r) = reference {
                references.push(format!("{} ({name})", r.label));
            }
            let mut group_panels: Vec<Panel> = group
                .iter()
                .map(|c| Ablation::panel(c, reference, |c| &c.loss, &format!("training {name}")))
                .collect();
            if group_panels.is_empty() {
                continue;
            }
            let range = shared_y_range(&group_panels)?;
            for p in &mut group_panels {
                p.y_range = Some((range.0.min(0.0), range.1));
            }
            // Start each loss on a new row, so the two groups stand apart.
            while panels.len() % COLUMNS != 0 {
                panels.push(Panel::blank());
            }
            panels.extend(group_panels);
        }
        Ok(self.grid(
            format!(
                "{}: training loss per epoch; squared error and cross-entropy on separate axes",
                self.dataset
            ),
            vec![format!(
                "Blue: the panel's configuration; grey: {}. Mean of {} seeds.",
                references.join(" or "),
                self.seeds
            )],
            panels,
        ))
    }
}

/// Saves the curves as `ablation-<dataset>.tsv` in `dir` and draws the two
/// figures from that file; returns the paths written.
///
/// # Errors
/// The folder cannot be written, or a curve cannot be drawn.
pub fn write(dir: &Path, ablation: &Ablation) -> Result<Vec<PathBuf>, FigureError> {
    let io = |e: std::io::Error| FigureError(format!("{}: {e}", dir.display()));
    std::fs::create_dir_all(dir).map_err(io)?;
    let tsv = ablation.to_tsv();
    let tsv_path = dir.join(format!("ablation-{}.tsv", ablation.dataset));
    std::fs::write(&tsv_path, &tsv).map_err(io)?;
    let mut written = vec![tsv_path];
    // Drawn from the saved text, so redrawing from the file gives the same bytes.
    for drawn in Ablation::from_tsv(&tsv)?.charts()? {
        let path = dir.join(&drawn.file);
        std::fs::write(&path, &drawn.svg).map_err(io)?;
        written.push(path);
    }
    Ok(written)
}

/// The digits ablation's figures, redrawn from `ablation-digits.tsv`.
///
/// # Errors
/// The file is missing or malformed.
pub fn draw_digits(inputs: &Inputs) -> Result<Vec<Drawn>, FigureError> {
    redraw(inputs, "digits", "")
}

/// The MNIST ablation's figures, redrawn from `ablation-mnist.tsv`.
///
/// # Errors
/// The file is missing or malformed.
pub fn draw_mnist(inputs: &Inputs) -> Result<Vec<Drawn>, FigureError> {
    redraw(
        inputs,
        "mnist",
        " -- --dataset mnist --epochs 20 --engine sparse",
    )
}

/// The figures of `ablation-<dataset>.tsv`; `flags` completes the command
/// named when the file is missing.
fn redraw(inputs: &Inputs, dataset: &str, flags: &str) -> Result<Vec<Drawn>, FigureError> {
    let path = inputs.figures.join(format!("ablation-{dataset}.tsv"));
    let text = std::fs::read_to_string(&path).map_err(|e| {
        FigureError(format!(
            "{}: {e} (run `cargo run --release -p improved --example ablation{flags}` to measure it)",
            path.display()
        ))
    })?;
    Ablation::from_tsv(&text)?.charts()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Ablation {
        Ablation {
            dataset: "digits".into(),
            seeds: 2,
            accuracy_label: "validation accuracy".into(),
            reference: "baseline".into(),
            curves: vec![
                Curve {
                    label: "baseline".into(),
                    cross_entropy: false,
                    accuracy: vec![0.5, 0.75],
                    loss: vec![0.25, 0.125],
                },
                Curve {
                    label: "+ softmax".into(),
                    cross_entropy: true,
                    accuracy: vec![0.625, 0.875],
                    loss: vec![1.5, 0.5],
                },
            ],
        }
    }

    #[test]
    fn curves_survive_the_text_file() {
        let a = sample();
        assert_eq!(Ablation::from_tsv(&a.to_tsv()).unwrap(), a);
    }

    #[test]
    fn malformed_files_are_errors_that_say_why() {
        for (text, why) in [
            ("", "no curve"),
            ("# dataset\td\na\tsquared-error\taccuracy\t0.5\n", "lacks"),
            ("a\tsquared-error\taccuracy\tx\n", "expected a number"),
            ("a\tmystery\taccuracy\t1\n", "expected cross-entropy"),
            ("a\tsquared-error\n", "expected label"),
            (
                "a\tsquared-error\taccuracy\t1\na\tsquared-error\tloss\t1\n",
                "'# dataset'",
            ),
        ] {
            let e = Ablation::from_tsv(text).unwrap_err().to_string();
            assert!(e.contains(why), "{text:?}: {e}");
        }
    }

    #[test]
    fn the_two_losses_are_never_on_one_axis() {
        let chart = sample().loss_chart().unwrap();
        for p in &chart.panels {
            let names: Vec<&str> = p.series.iter().map(|s| s.name.as_str()).collect();
            let losses: Vec<bool> = names
                .iter()
                .map(|n| {
                    sample()
                        .curves
                        .iter()
                        .find(|c| c.label == *n)
                        .unwrap()
                        .cross_entropy
                })
                .collect();
            assert!(
                losses.windows(2).all(|w| w[0] == w[1]),
                "{}: {names:?}",
                p.title
            );
        }
        let drawn: Vec<&str> = chart.panels.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(
            drawn,
            ["baseline", "", "", "", "+ softmax"],
            "cross-entropy starts a row"
        );
    }
}
