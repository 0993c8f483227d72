//! The literal part-1 network on MNIST (article P2.0's baseline).
//!
//! Run: `cargo run --release -p naive --example naive_mnist`
//!
//! Loads the shipped MNIST (`data/mnist`), keeps the last 10,000 training
//! images for validation, scales pixels to [0, 1], and trains a
//! 784-100-10 sigmoid network with the article's part-1 update (quirk
//! included), one pattern at a time. Prints validation accuracy after every
//! epoch and test accuracy at the end. The article reports 86% for this
//! network; `lessons/results.md` lists what this example measured.
//!
//! Flags: `--data DIR`, `--hidden N` (100), `--epochs N` (3), `--rate N`
//! (0.0002), `--seed N` (1), `--limit N` (use only the first N training
//! images), `--json`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use data::{Dataset, MNIST_CLASSES, MNIST_FEATURES, argmax, metrics::accuracy};
use indicatif::{ProgressBar, ProgressStyle};
use naive::MlpNeuralNetwork;
use serde::Serialize;

mod common;

/// Train the article's part-1 network on MNIST.
#[derive(Parser, Debug)]
#[command(name = "naive_mnist")]
struct Options {
    /// Folder with the four MNIST IDX files.
    /// [default: data/mnist, looked for at run time in the current folder
    /// and its parents, then beside the program]
    #[arg(long)]
    data: Option<PathBuf>,
    /// Hidden units.
    #[arg(long, default_value_t = 100)]
    hidden: usize,
    /// Passes over the training images.
    #[arg(long, default_value_t = 3)]
    epochs: usize,
    /// Learning rate n.
    #[arg(long, default_value_t = 0.0002)]
    rate: f64,
    /// Seed for the weights.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Use only the first N training images (a sixth held out for validation).
    #[arg(long)]
    limit: Option<usize>,
    /// Print one JSON object with the results on the last line.
    #[arg(long)]
    json: bool,
}

/// The `--json` line.
#[derive(Serialize)]
struct Results {
    test_accuracy: f64,
    validation_accuracy: Vec<f64>,
    epoch_seconds: Vec<f64>,
    hidden: usize,
    epochs: usize,
    rate: f64,
    seed: u64,
    train_rows: usize,
}

/// Patterns per progress-bar update (training in chunks is exactly one pass:
/// the network keeps its state between calls).
const CHUNK: usize = 500;

fn predict_labels(
    net: &mut MlpNeuralNetwork,
    set: &Dataset,
) -> Result<Vec<usize>, naive::NetworkError> {
    Ok(net.predict(set.rows())?.iter().map(|o| argmax(o)).collect())
}

fn progress_bar(len: usize, epoch: usize, epochs: usize) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    let style = ProgressStyle::with_template(
        "epoch {prefix} [{bar:30}] {pos}/{len} {per_sec} | mean error {msg} | eta {eta}",
    )
    .map(|s| s.progress_chars("=> "))
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_prefix(format!("{}/{epochs}", epoch + 1));
    bar
}

fn run(o: &Options) -> Result<(), Box<dyn std::error::Error>> {
    let (hidden, epochs, rate, seed) = (o.hidden, o.epochs, o.rate, o.seed);
    if let Some(note) = naive::check_run("--epochs", epochs as u64, rate)? {
        eprintln!("{note}");
    }
    let splits = data::load_mnist_splits(&data::mnist_dir(o.data.as_deref())?, o.limit)?;
    let (train, validation, test) = (&splits.train, &splits.validation, &splits.test);
    println!(
        "MNIST: {} training, {} validation, {} test images; network {MNIST_FEATURES}-{hidden}-{MNIST_CLASSES}, n = {rate}",
        train.len(),
        validation.len(),
        test.len()
    );
    let mut net = MlpNeuralNetwork::new(
        MNIST_FEATURES,
        hidden,
        MNIST_CLASSES,
        &mut data::seeded_rng(seed),
    )?;
    let patterns = train.patterns();
    let (mut validation_accuracy, mut epoch_seconds) = (Vec::new(), Vec::new());
    for epoch in 0..epochs {
        let bar = progress_bar(patterns.len(), epoch, epochs);
        let started = Instant::now();
        let mut total = 0.0;
        for (c, chunk) in patterns.chunks(CHUNK).enumerate() {
            total += net.train(chunk, 1, rate)?[0].mean * chunk.len() as f64;
            bar.inc(chunk.len() as u64);
            bar.set_message(format!("{:.5}", total / (c * CHUNK + chunk.len()) as f64));
        }
        bar.finish_and_clear();
        epoch_seconds.push(started.elapsed().as_secs_f64());
        validation_accuracy.push(accuracy(
            validation.labels(),
            &predict_labels(&mut net, validation)?,
        )?);
        println!(
            "epoch {}: mean error {:.5}, validation accuracy {:.4}, {:.1} s",
            epoch + 1,
            total / patterns.len() as f64,
            validation_accuracy[epoch],
            epoch_seconds[epoch]
        );
    }
    let test_accuracy = accuracy(test.labels(), &predict_labels(&mut net, test)?)?;
    println!("test accuracy {test_accuracy:.4}");
    if o.json {
        let results = Results {
            test_accuracy,
            validation_accuracy,
            epoch_seconds,
            hidden,
            epochs,
            rate,
            seed,
            train_rows: train.len(),
        };
        println!("{}", serde_json::to_string(&results)?);
    }
    Ok(())
}

fn main() -> ExitCode {
    common::exit(run(&Options::parse()))
}
