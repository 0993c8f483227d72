//! The lessons' figures, drawn as hand-written SVG (no plotting crate) from
//! seeded runs of the project's own networks.
//!
//! `cargo run --release -p figures` regenerates every figure into
//! `lessons/figures/`; `--only NAME` regenerates one. Each figure is a
//! function of fixed seeds, so running it again writes the same bytes (a
//! test in `tests/figures.rs` checks this against the committed files).
//!
//! - [`svg`], [`plot`], [`png`]: the drawing pieces (text, lines, line
//!   charts in panels, pixel images); [`xml`]: a well-formedness check.
//! - [`train`]: the one place that calls `improved`'s training API.
//! - one module per figure: [`network`] (a), [`activations`] (b),
//!   [`hidden_units`] (c), [`mistakes`] (d), [`overfitting`] (e),
//!   [`momentum`] (f), [`ablation`] (g), [`deskew`] (h); for P1.4 and the
//!   primer, [`slope`] (i), [`nudge`] (j), [`wants`] (k), [`surface`] (l), from the 2-3-2 network seen one weight at a
//!   time ([`tiny`]); for "Why back-propagation is fast", [`cost`] (m)
//!   and [`graph`] (n).

pub mod ablation;
pub mod activations;
pub mod cost;
pub mod deskew;
pub mod graph;
pub mod hidden_units;
pub mod mistakes;
pub mod momentum;
pub mod network;
pub mod nudge;
pub mod overfitting;
pub mod plot;
pub mod png;
pub mod slope;
pub mod surface;
pub mod svg;
pub mod tiny;
pub mod train;
pub mod wants;
pub mod xml;

use std::fmt;
use std::path::{Path, PathBuf};

/// Why a figure could not be drawn: the message says what was expected and
/// what was found.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureError(pub String);

impl fmt::Display for FigureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FigureError {}

impl From<data::DataError> for FigureError {
    fn from(e: data::DataError) -> FigureError {
        FigureError(e.to_string())
    }
}

/// One file a figure writes: its name in the figures folder and its SVG text.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    pub file: String,
    pub svg: String,
}

/// Where a figure reads its inputs: the MNIST files, and the figures folder
/// (the ablation's curves are read from the data file its example writes there).
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    pub mnist: PathBuf,
    pub figures: PathBuf,
}

impl Inputs {
    /// The repository's `data/mnist` and `lessons/figures`, found from the
    /// current folder or, failing that, from this crate's folder.
    pub fn default_paths() -> Inputs {
        Inputs {
            mnist: data::default_mnist_dir(),
            figures: default_figures_dir(),
        }
    }
}

/// `lessons/figures` under the current folder if it exists, else the
/// repository's own.
pub fn default_figures_dir() -> PathBuf {
    let here = PathBuf::from("lessons/figures");
    if here.is_dir() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons/figures")
}

/// One figure of the lessons: a name for `--only`, the files it writes, the
/// lesson that shows it, and the function that draws it.
#[derive(Debug, Clone, Copy)]
pub struct Figure {
    pub name: &'static str,
    pub files: &'static [&'static str],
    pub lesson: &'static str,
    pub draw: fn(&Inputs) -> Result<Vec<Drawn>, FigureError>,
}

/// Every figure, in the order of the issues that asked for them (a to h,
/// then the figures of P1.4, the primer and "Why back-propagation is fast").
pub const FIGURES: [Figure; 15] = [
    Figure {
        name: "network",
        files: &["network-step.svg"],
        lesson: "p1-4-backpropagation.md",
        draw: network::draw,
    },
    Figure {
        name: "activations",
        files: &["sigmoid.svg", "activations.svg"],
        lesson: "p1-1-sigmoid.md, p2-1-activations.md",
        draw: activations::draw,
    },
    Figure {
        name: "hidden-units",
        files: &["hidden-units.svg"],
        lesson: "p2-4-regularization.md",
        draw: hidden_units::draw,
    },
    Figure {
        name: "mistakes",
        files: &["digits-mistakes.svg", "digits-confusion.svg"],
        lesson: "p1-6-results.md",
        draw: mistakes::draw,
    },
    Figure {
        name: "overfitting",
        files: &["overfitting.svg"],
        lesson: "p2-5-no-more-overfitting.md",
        draw: overfitting::draw,
    },
    Figure {
        name: "momentum",
        files: &["momentum-paths.svg"],
        lesson: "article-settings.md",
        draw: momentum::draw,
    },
    Figure {
        name: "ablation",
        files: &["ablation-digits-accuracy.svg", "ablation-digits-loss.svg"],
        lesson: "p2-5-no-more-overfitting.md",
        draw: ablation::draw_digits,
    },
    Figure {
        name: "ablation-mnist",
        files: &["ablation-mnist-accuracy.svg", "ablation-mnist-loss.svg"],
        lesson: "p2-5-no-more-overfitting.md",
        draw: ablation::draw_mnist,
    },
    Figure {
        name: "error-curve",
        files: &["error-curve.svg"],
        lesson: "p1-4-backpropagation.md",
        draw: slope::draw,
    },
    Figure {
        name: "nudge",
        files: &["nudge-slopes.svg"],
        lesson: "p1-4-backpropagation.md",
        draw: nudge::draw,
    },
    Figure {
        name: "output-wants",
        files: &["output-wants.svg"],
        lesson: "p1-4-backpropagation.md",
        draw: wants::draw,
    },
    Figure {
        name: "loss-surface",
        files: &["loss-surface.svg"],
        lesson: "primer.md",
        draw: surface::draw,
    },
    Figure {
        name: "gradient-cost",
        files: &["gradient-cost.svg"],
        lesson: "why-backprop-is-fast.md",
        draw: cost::draw,
    },
    Figure {
        name: "computational-graph",
        files: &["computational-graph.svg"],
        lesson: "why-backprop-is-fast.md",
        draw: graph::draw,
    },
    Figure {
        name: "deskew",
        files: &["deskew.svg"],
        lesson: "three-rungs.md",
        draw: deskew::draw,
    },
];

/// Every figure of [`FIGURES`], as a list the caller owns.
pub fn all() -> Vec<Figure> {
    FIGURES.to_vec()
}

/// The figure called `name`.
///
/// # Errors
/// No figure has that name; the message lists the names.
pub fn find(name: &str) -> Result<Figure, FigureError> {
    let figures = all();
    figures
        .iter()
        .find(|f| f.name == name)
        .copied()
        .ok_or_else(|| {
            let names: Vec<&str> = figures.iter().map(|f| f.name).collect();
            FigureError(format!(
                "--only: expected one of {}, got {name:?}",
                names.join(", ")
            ))
        })
}
