//! How the digits default (`Config::recommended()`, 64-100-10) is chosen:
//! on validation rows, never on the test rows.
//!
//! Run: `cargo run --release -p improved --example choose`
//!
//! 1. For every learning rate and hidden size of a small grid (rates 0.003,
//!    0.01, 0.03; hidden sizes 50, 100, 200; everything else as in
//!    `Config::recommended()`), and for seeds 1 to 5: split the digits into
//!    1347 training and 450 test rows exactly as the digits example does,
//!    hold a fifth of the training rows (270) out for validation, learn from
//!    the other 1077 and measure the validation accuracy after the last
//!    epoch. The test rows are not looked at.
//! 2. Choose the setting with the highest mean validation accuracy.
//! 3. Train the chosen setting as the digits example does (all 1347
//!    training rows) for seeds 1 to 10 and score the test rows once per
//!    seed: this is the number to report, mean ± sd.
//!
//! Flags: `--rates`, `--hidden` (comma-separated grids), `--seeds N`
//! (validation seeds, default 5), `--test-seeds N` (default 10),
//! `--epochs N` (default 50).

use std::process::ExitCode;

use clap::Parser;
use data::metrics::mean_sd;
use data::{DIGITS_CLASSES, DIGITS_FEATURES, Dataset, Scaling};
use improved::{Config, Samples};

/// Choose the digits default's learning rate and hidden size on validation
/// rows, then score the choice once per seed on the test rows.
#[derive(Parser)]
struct Options {
    /// Learning rates to try, comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = [0.003, 0.01, 0.03])]
    rates: Vec<f64>,
    /// Hidden sizes to try, comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = [50, 100, 200])]
    hidden: Vec<usize>,
    /// Seeds 1..=N for the validation runs that choose.
    #[arg(long, default_value_t = 5)]
    seeds: u64,
    /// Seeds 1..=N for the test runs of the chosen setting.
    #[arg(long, default_value_t = 10)]
    test_seeds: u64,
    /// Epochs per run.
    #[arg(long, default_value_t = 50)]
    epochs: usize,
}

/// The fraction of the training rows held out for validation.
const VALIDATION_FRACTION: f64 = 0.2;

/// Trains `config` with `hidden` units on `train`; the accuracy on `scored`.
fn accuracy_after_training(
    config: &Config,
    hidden: usize,
    train: &Dataset,
    scored: &Dataset,
) -> Result<f64, Box<dyn std::error::Error>> {
    let (mut net, mut trainer) = config.build(DIGITS_FEATURES, hidden, DIGITS_CLASSES)?;
    let train = Samples::new(train.features(), train.labels())?;
    trainer.fit(&mut net, &train, None)?;
    Ok(net.accuracy(&Samples::new(scored.features(), scored.labels())?)?)
}

// ANCHOR: choose_on_validation
/// Step 1: the validation accuracy of one setting for one seed. The network
/// learns from the training rows minus a held-out fifth and is scored on that
/// fifth; the test rows are split off first and left alone.
fn validation_accuracy(config: &Config, hidden: usize) -> Result<f64, Box<dyn std::error::Error>> {
    let (train, validation, _test) =
        data::digits_train_validation_test(config.seed, Scaling::MinMax, VALIDATION_FRACTION)?;
    accuracy_after_training(config, hidden, &train, &validation)
}

/// Step 3: the test accuracy of the chosen setting for one seed, trained on
/// all the training rows, as the digits example trains.
fn test_accuracy(config: &Config, hidden: usize) -> Result<f64, Box<dyn std::error::Error>> {
    let (train, test) = data::digits_train_test(config.seed, Scaling::MinMax)?;
    accuracy_after_training(config, hidden, &train, &test)
}
// ANCHOR_END: choose_on_validation

fn run(o: &Options) -> Result<(), Box<dyn std::error::Error>> {
    if o.seeds == 0 || o.test_seeds == 0 || o.epochs == 0 {
        return Err(format!(
            "--seeds, --test-seeds and --epochs: expected at least 1 each, got {}, {} and {}",
            o.seeds, o.test_seeds, o.epochs
        )
        .into());
    }
    if o.rates.is_empty() || o.hidden.contains(&0) || o.hidden.is_empty() {
        return Err(format!(
            "--rates and --hidden: expected at least one rate and hidden sizes of at least 1, got {:?} and {:?}",
            o.rates, o.hidden
        )
        .into());
    }
    let setting = |rate: f64, seed: u64| Config {
        learning_rate: rate,
        epochs: o.epochs,
        seed,
        ..Config::recommended()
    };
    println!(
        "Step 1: validation accuracy (mean ± sd over seeds 1-{}), {} epochs, 1077 training and 270 validation rows\n",
        o.seeds, o.epochs
    );
    println!("| learning rate | hidden units | validation accuracy |\n|---|---|---|");
    let mut best: Option<(f64, f64, usize)> = None;
    for &rate in &o.rates {
        for &hidden in &o.hidden {
            let scores = (1..=o.seeds)
                .map(|seed| validation_accuracy(&setting(rate, seed), hidden))
                .collect::<Result<Vec<_>, _>>()?;
            let (mean, sd) = mean_sd(&scores);
            println!("| {rate} | {hidden} | {mean:.4} ± {sd:.4} |");
            if best.is_none_or(|(m, ..)| mean > m) {
                best = Some((mean, rate, hidden));
            }
        }
    }
    let Some((_, rate, hidden)) = best else {
        return Err("no setting was tried".into());
    };
    println!("\nStep 2: chosen on validation: learning rate {rate}, {hidden} hidden units\n");
    println!(
        "Step 3: test accuracy of the choice, trained on all 1347 training rows, seeds 1-{}",
        o.test_seeds
    );
    let tests = (1..=o.test_seeds)
        .map(|seed| test_accuracy(&setting(rate, seed), hidden))
        .collect::<Result<Vec<_>, _>>()?;
    let listed: Vec<String> = tests.iter().map(|t| format!("{t:.4}")).collect();
    let (mean, sd) = mean_sd(&tests);
    println!(
        "{}\nmean {mean:.4} ± {sd:.4} (min {:.4}, max {:.4})",
        listed.join(", "),
        tests.iter().copied().fold(f64::INFINITY, f64::min),
        tests.iter().copied().fold(f64::NEG_INFINITY, f64::max)
    );
    Ok(())
}

fn main() -> ExitCode {
    match run(&Options::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
