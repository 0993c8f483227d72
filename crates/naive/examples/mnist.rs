//! The literal part-1 network on MNIST (article P2.0's baseline).
//!
//! Run: `cargo run --release -p naive --example mnist`
//!
//! Loads the shipped MNIST (`data/mnist`), keeps the last 10,000 training
//! images for validation, scales pixels to [0, 1], and trains a
//! 784-100-10 sigmoid network with the article's part-1 update (quirk
//! included), one pattern at a time. Prints validation accuracy after every
//! epoch and test accuracy at the end. The article reports 86% for this
//! network; the README lists what this example measured.
//!
//! Flags: `--data DIR`, `--hidden N` (100), `--epochs N` (3), `--rate N`
//! (0.0002), `--seed N` (1), `--limit N` (use only the first N training
//! images), `--json`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use data::json::JsonObject;
use data::{Dataset, MNIST_CLASSES, MNIST_FEATURES, argmax, cli::Args, metrics::accuracy};
use indicatif::{ProgressBar, ProgressStyle};
use naive::MlpNeuralNetwork;

const USAGE: &str = "\
Train the article's part-1 network on MNIST.

usage: cargo run --release -p naive --example mnist -- [flags]
  --data DIR      folder with the four MNIST IDX files (default data/mnist)
  --hidden N      hidden units (default 100)
  --epochs N      passes over the training images (default 3)
  --rate N        learning rate n (default 0.0002)
  --seed N        seed for the weights (default 1)
  --limit N       use only the first N training images (a sixth held out)
  --json          print one JSON object with the results on the last line";

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

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = Args::from_env(USAGE)?;
    let dir: PathBuf = args
        .optional("data")?
        .unwrap_or_else(data::default_mnist_dir);
    let hidden: usize = args.value("hidden", 100)?;
    let epochs: usize = args.value("epochs", 3)?;
    let rate: f64 = args.value("rate", 0.0002)?;
    let seed: u64 = args.value("seed", 1)?;
    let limit: Option<usize> = args.optional("limit")?;
    let json = args.switch("json")?;
    args.finish()?;

    let splits = data::load_mnist_splits(&dir, limit)?;
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
    if json {
        let config = JsonObject::new()
            .integer("hidden", hidden as u64)
            .integer("epochs", epochs as u64)
            .number("rate", rate)
            .integer("seed", seed)
            .integer("train_rows", train.len() as u64);
        let out = JsonObject::new()
            .number("test_accuracy", test_accuracy)
            .numbers("validation_accuracy", &validation_accuracy)
            .numbers("epoch_seconds", &epoch_seconds)
            .object("config", config);
        println!("{out}");
    }
    Ok(())
}

fn main() -> ExitCode {
    data::cli::exit_code(run())
}
