//! The article's part-1 network on the handwritten digits (article P1.6).
//!
//! Run: `cargo run --release -p naive --example naive_digits`
//!
//! Splits the 1797 embedded digits into 1347 training and 450 test rows
//! (seeded), scales pixels to [0, 1], trains a 64-100-10 sigmoid network with
//! the article's update rule (quirk included) for 3000 iterations at
//! n = 0.0002, then prints a classification report and the test accuracy.
//! Expect about 0.97-0.98 accuracy (`lessons/results.md` lists measured numbers).
//!
//! Flags: `--seed N` (split and weights, default 1), `--hidden N` (100),
//! `--iterations N` (3000), `--rate N` (0.0002), `--every N` (print the error
//! every N iterations, 500), `--json` (one JSON object on the last line).

use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use data::metrics::{ClassificationReport, Summary};
use data::{DIGITS_CLASSES, DIGITS_FEATURES, MinMaxScaler, argmax};
use naive::MlpNeuralNetwork;
use serde::Serialize;

mod common;

/// Train the article's part-1 network on the embedded digits.
#[derive(Parser, Debug)]
#[command(name = "naive_digits")]
struct Options {
    /// Seed for the split and the weights.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Hidden units.
    #[arg(long, default_value_t = 100)]
    hidden: usize,
    /// Passes over the training rows (the article's iterations).
    #[arg(long, default_value_t = 3000, value_parser = clap::value_parser!(u64).range(1..))]
    iterations: u64,
    /// Learning rate n.
    #[arg(long, default_value_t = 0.0002)]
    rate: f64,
    /// Print the error every N iterations.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u64).range(1..))]
    every: u64,
    /// Print one JSON object with the results on the last line.
    #[arg(long)]
    json: bool,
}

/// The `--json` line.
#[derive(Serialize)]
struct Results {
    #[serde(flatten)]
    summary: Summary,
    train_seconds: f64,
    seed: u64,
    iterations: u64,
    hidden: usize,
    rate: f64,
    final_mean_error: Option<f64>,
}

fn run(o: &Options) -> Result<(), Box<dyn std::error::Error>> {
    if let Some(note) = naive::check_run("--iterations", o.iterations, o.rate)? {
        eprintln!("{note}");
    }
    let mut rng = data::seeded_rng(o.seed);
    let digits = data::digits()?;
    let (mut train, mut test) = data::train_test_split(&digits, 0.25, &mut rng)?;
    let scaler = MinMaxScaler::fit(&train);
    scaler.transform(&mut train)?;
    scaler.transform(&mut test)?;
    println!(
        "digits: {} training rows, {} test rows; network {DIGITS_FEATURES}-{}-{DIGITS_CLASSES}, \
         {} iterations at n = {}",
        train.len(),
        test.len(),
        o.hidden,
        o.iterations,
        o.rate
    );

    let mut net = MlpNeuralNetwork::new(DIGITS_FEATURES, o.hidden, DIGITS_CLASSES, &mut rng)?;
    let started = Instant::now();
    let iterations = usize::try_from(o.iterations).map_err(|_| {
        format!(
            "--iterations: expected at most {}, got {}",
            usize::MAX,
            o.iterations
        )
    })?;
    let every = usize::try_from(o.every).unwrap_or(usize::MAX);
    let history = net.train_with(&train.patterns(), iterations, o.rate, |i, error| {
        if i.is_multiple_of(every) || i + 1 == iterations {
            println!(
                "iteration {i:>5}: error of the last pattern {:.5}, mean error {:.5}",
                error.last_pattern, error.mean
            );
        }
    })?;
    let train_seconds = started.elapsed().as_secs_f64();

    let predicted: Vec<usize> = net
        .predict(test.rows())?
        .iter()
        .map(|o| argmax(o))
        .collect();
    let report = ClassificationReport::new(test.labels(), &predicted)?;
    println!("\n{report}");
    println!(
        "test accuracy {:.4} after {train_seconds:.1} s of training",
        report.accuracy
    );
    if o.json {
        let results = Results {
            summary: report.summary(),
            train_seconds,
            seed: o.seed,
            iterations: o.iterations,
            hidden: o.hidden,
            rate: o.rate,
            final_mean_error: history.last().map(|e| e.mean),
        };
        println!("{}", serde_json::to_string(&results)?);
    }
    Ok(())
}

fn main() -> ExitCode {
    common::exit(run(&Options::parse()))
}
