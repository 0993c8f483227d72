//! The explorer: one self-contained web page that steps through training
//! number by number and trains a small network on a problem in the plane,
//! with everything editable. The page computes with its own engine
//! (`explorer/engine.js`, proven against the crates on random cases by the
//! `explorer_proof` example) and embeds what Rust recorded, so it can show
//! that it reproduces it: `naive::trace::trace_step` and
//! `improved::trace::trace_step` for the lessons' network, a training run of
//! `MlpNeuralNetwork`'s own loop for train mode, and the points of the five
//! `data::toy` problems.
//!
//! Run: `cargo run -p improved --example explorer [-- --out DIR]`
//!
//! Writes `DIR/index.html` (default `lessons/explorer/index.html`, the copy
//! the lessons link to) and prints its path. Open it in any browser; it needs
//! no network. A test checks that the committed page is what this writes.

#[path = "explorer/page.rs"]
mod page;
#[path = "explorer/step.rs"]
mod step;
#[path = "explorer/train.rs"]
mod train;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Write the explorer page.
#[derive(Parser)]
struct Args {
    /// Folder to write index.html into.
    #[arg(long, default_value = "lessons/explorer")]
    out: PathBuf,
}

fn run() -> Result<PathBuf, Box<dyn std::error::Error>> {
    let args = Args::parse();
    let html = page::html(&page::data()?);
    std::fs::create_dir_all(&args.out)
        .map_err(|e| format!("cannot create {}: {e}", args.out.display()))?;
    let path = args.out.join("index.html");
    std::fs::write(&path, html).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

fn main() -> ExitCode {
    match run() {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
