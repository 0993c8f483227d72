//! Regenerates the lessons' figures from seeded runs.
//!
//! Run: `cargo run --release -p figures -- [--out lessons/figures] [--only NAME]`

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use figures::{FigureError, Inputs};

const USAGE: &str = "\
Regenerate the lessons' figures (SVG) from seeded runs of the project's networks.

usage: cargo run --release -p figures -- [--out DIR] [--only NAME] [--mnist DIR]
  --out DIR     where the SVG files go (default lessons/figures)
  --only NAME   one figure: network, activations, hidden-units, mistakes,
                overfitting, momentum, ablation, ablation-mnist, error-curve,
                nudge, output-wants, loss-surface, gradient-cost,
                computational-graph or deskew (default: all)
  --mnist DIR   folder of the MNIST IDX files (default data/mnist)

The ablation figures are redrawn from lessons/figures/ablation-digits.tsv and
ablation-mnist.tsv, the curves `cargo run --release -p improved --example
ablation` measures and writes (add `-- --dataset mnist` for the second).";

struct Options {
    out: PathBuf,
    only: Option<String>,
    mnist: PathBuf,
}

fn options() -> Result<Option<Options>, FigureError> {
    let defaults = Inputs::default_paths();
    let mut o = Options {
        out: defaults.figures,
        only: None,
        mnist: defaults.mnist,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Ok(None);
        }
        let mut value = || {
            args.next()
                .ok_or_else(|| FigureError(format!("{flag}: expected a value, got nothing")))
        };
        match flag.as_str() {
            "--out" => o.out = PathBuf::from(value()?),
            "--only" => o.only = Some(value()?),
            "--mnist" => o.mnist = PathBuf::from(value()?),
            _ => {
                return Err(FigureError(format!(
                    "expected --out, --only, --mnist or --help, got {flag:?}"
                )));
            }
        }
    }
    Ok(Some(o))
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let Some(o) = options()? else {
        println!("{USAGE}");
        return Ok(());
    };
    let chosen = match &o.only {
        Some(name) => vec![figures::find(name)?],
        None => figures::all(),
    };
    std::fs::create_dir_all(&o.out)?;
    let inputs = Inputs {
        mnist: o.mnist.clone(),
        figures: Inputs::default_paths().figures,
    };
    for figure in chosen {
        let start = Instant::now();
        for drawn in (figure.draw)(&inputs)? {
            figures::xml::parse(&drawn.svg)
                .map_err(|e| FigureError(format!("{}: not well-formed: {e}", drawn.file)))?;
            let path = o.out.join(&drawn.file);
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
