//! The article's part-1 network on the handwritten digits (article P1.6).
//!
//! Run: `cargo run --release -p naive --example digits`
//!
//! Splits the 1797 embedded digits into 1347 training and 450 test rows
//! (seeded), scales pixels to [0, 1], trains a 64-100-10 sigmoid network with
//! the article's update rule (quirk included) for 3000 iterations at
//! n = 0.0002, then prints a classification report and the test accuracy.
//! Expect about 0.97-0.98 accuracy (the README lists measured numbers).
//!
//! Flags: `--seed N` (split and weights, default 1), `--hidden N` (100),
//! `--iterations N` (3000), `--rate N` (0.0002), `--every N` (print the error
//! every N iterations, 500), `--json` (one JSON object on the last line).

use std::process::ExitCode;
use std::time::Instant;

use data::metrics::ClassificationReport;
use data::{DIGITS_CLASSES, DIGITS_FEATURES, MinMaxScaler, argmax, cli::Args};
use naive::MlpNeuralNetwork;

const USAGE: &str = "\
Train the article's part-1 network on the embedded digits.

usage: cargo run --release -p naive --example digits -- [flags]
  --seed N        seed for the split and the weights (default 1)
  --hidden N      hidden units (default 100)
  --iterations N  passes over the training rows (default 3000)
  --rate N        learning rate n (default 0.0002)
  --every N       print the error every N iterations (default 500)
  --json          print one JSON object with the results on the last line";

struct Options {
    seed: u64,
    hidden: usize,
    iterations: usize,
    rate: f64,
    every: usize,
    json: bool,
}

fn options() -> Result<Options, String> {
    let mut args = Args::from_env(USAGE)?;
    let options = Options {
        seed: args.value("seed", 1)?,
        hidden: args.value("hidden", 100)?,
        iterations: args.value("iterations", 3000)?,
        rate: args.value("rate", 0.0002)?,
        every: args.value("every", 500)?,
        json: args.switch("json")?,
    };
    args.finish()?;
    if options.iterations == 0 || options.every == 0 {
        return Err("--iterations and --every must be at least 1".into());
    }
    Ok(options)
}

fn run(o: &Options) -> Result<(), Box<dyn std::error::Error>> {
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
    let history = net.train_with(&train.patterns(), o.iterations, o.rate, |i, error| {
        if i % o.every == 0 || i + 1 == o.iterations {
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
        let json = report
            .to_json()
            .number("train_seconds", train_seconds)
            .integer("seed", o.seed)
            .integer("iterations", o.iterations as u64)
            .integer("hidden", o.hidden as u64)
            .number("rate", o.rate)
            .number(
                "final_mean_error",
                history.last().map_or(f64::NAN, |e| e.mean),
            );
        println!("{json}");
    }
    Ok(())
}

fn main() -> ExitCode {
    let result = options().map_err(Into::into).and_then(|o| run(&o));
    data::cli::exit_code(result)
}
