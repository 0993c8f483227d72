//! Regenerates the lessons' figures from seeded runs.
//!
//! Run: `cargo run --release -p figures -- [--out lessons/figures] [--only NAME]`

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use clap::builder::PossibleValuesParser;
use figures::{FigureError, Inputs};

/// Regenerate the lessons' figures (SVG) from seeded runs of the project's
/// networks.
///
/// The ablation figures are redrawn from lessons/figures/ablation-digits.tsv
/// and ablation-mnist.tsv, the curves `cargo run --release -p improved
/// --example ablation` measures and writes (add `-- --dataset mnist` for the
/// second).
#[derive(Parser, Debug)]
#[command(name = "figures")]
struct Options {
    /// Where the SVG files go [default: lessons/figures].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Draw one figure only [default: all].
    #[arg(long, value_parser = figure_names())]
    only: Option<String>,
    /// Folder of the MNIST IDX files [default: data/mnist].
    #[arg(long)]
    mnist: Option<PathBuf>,
}

/// The names `--only` accepts: every figure's.
fn figure_names() -> PossibleValuesParser {
    PossibleValuesParser::new(figures::all().into_iter().map(|f| f.name))
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let o = Options::parse();
    let defaults = Inputs::default_paths();
    let out = o.out.unwrap_or(defaults.figures.clone());
    let chosen = match &o.only {
        Some(name) => vec![figures::find(name)?],
        None => figures::all(),
    };
    std::fs::create_dir_all(&out)?;
    let inputs = Inputs {
        mnist: o.mnist.unwrap_or(defaults.mnist),
        figures: defaults.figures,
    };
    for figure in chosen {
        let start = Instant::now();
        for drawn in (figure.draw)(&inputs)? {
            figures::xml::parse(&drawn.svg)
                .map_err(|e| FigureError(format!("{}: not well-formed: {e}", drawn.file)))?;
            let path = out.join(&drawn.file);
            std::fs::write(&path, &drawn.svg)?;
            println!(
                "wrote {} ({} KB, {:.1} s)",
                path.display(),
                drawn.svg.len().div_ceil(1024),
                start.elapsed().as_secs_f64()
            );
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
