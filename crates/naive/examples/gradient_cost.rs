//! What one gradient costs, two ways (lesson "Why back-propagation is fast").
//!
//! Run: `cargo run --release -p naive --example gradient_cost`
//!
//! For 784-h-10 networks (MNIST's shape, h hidden units), times the gradient
//! of one pattern's error by back-propagation (one feed forward, one pass
//! back) and by finite differences (two feed forwards per weight), both with
//! `naive`'s own functions (`naive::gradient`), checks that the two agree,
//! and prints a table. The pattern is random pixels in [0, 1] and a one-hot
//! target (the cost does not depend on the values); seeded.
//!
//! Each time is the mean over as many repetitions as fit in `--min-seconds`
//! (at least one), and the fastest of `--rounds` such rounds, taken in turn
//! for the two ways. Expect back-propagation's time to grow like the number
//! of weights W, and finite differences' like W^2: about W times slower. The
//! default run takes a few minutes (finite differences on 79,500 weights
//! take tens of seconds a round).
//!
//! Flags: `--hidden 2,5,10,20,50,100` (the sizes), `--min-seconds 0.5`,
//! `--rounds 3`, `--seed 1`, `--tsv FILE` (also write the table as
//! tab-separated values, which `cargo run --release -p figures -- --only
//! gradient-cost` draws).

use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use naive::MlpNeuralNetwork;
use naive::gradient::{by_back_propagation, by_finite_differences};
use rand::RngExt;

mod common;

const INPUTS: usize = 784;
const OUTPUTS: usize = 10;
/// The nudge of the finite differences.
const H: f64 = 1e-5;

/// Time one gradient of 784-h-10 networks, by back-propagation and by finite differences.
#[derive(Parser, Debug)]
#[command(name = "gradient_cost")]
struct Options {
    /// Hidden sizes, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "2,5,10,20,50,100")]
    hidden: Vec<usize>,
    /// Repeat each measurement until this many seconds have passed.
    #[arg(long, default_value_t = 0.5)]
    min_seconds: f64,
    /// Rounds of both measurements, taken in turn; the fastest round counts
    /// (other programs running at the same time only ever slow a round down).
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Seed of the weights and the pattern.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Also write the table to this file, tab-separated.
    #[arg(long)]
    tsv: Option<std::path::PathBuf>,
}

/// One row of the table.
struct Row {
    hidden: usize,
    weights: usize,
    backprop: f64,
    finite: f64,
    difference: f64,
}

/// Seconds per call of `f`, the mean over repetitions filling `min_seconds`.
fn seconds_per_call(
    min_seconds: f64,
    mut f: impl FnMut() -> Result<(), naive::NetworkError>,
) -> Result<f64, naive::NetworkError> {
    let start = Instant::now();
    let mut calls = 0u32;
    while calls == 0 || start.elapsed().as_secs_f64() < min_seconds {
        f()?;
        calls += 1;
    }
    Ok(start.elapsed().as_secs_f64() / f64::from(calls))
}

fn measure(o: &Options, hidden: usize) -> Result<Row, Box<dyn std::error::Error>> {
    let mut rng = data::seeded_rng(o.seed);
    let mut net = MlpNeuralNetwork::new(INPUTS, hidden, OUTPUTS, &mut rng)?;
    let x: Vec<f64> = (0..INPUTS).map(|_| rng.random_range(0.0..1.0)).collect();
    let mut t = vec![0.0; OUTPUTS];
    t[rng.random_range(0..OUTPUTS)] = 1.0;
    // The last gradient each way is kept, to check that the two agree.
    let (mut bp, mut fd) = (None, None);
    let (mut backprop, mut finite) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..o.rounds {
        let b = seconds_per_call(o.min_seconds, || {
            bp = Some(by_back_propagation(&mut net, &x, &t)?);
            Ok(())
        })?;
        let f = seconds_per_call(o.min_seconds, || {
            fd = Some(by_finite_differences(&mut net, &x, &t, H)?);
            Ok(())
        })?;
        (backprop, finite) = (backprop.min(b), finite.min(f));
    }
    let (Some(bp), Some(fd)) = (bp, fd) else {
        return Err("no gradient was computed".into());
    };
    Ok(Row {
        hidden,
        weights: net.weight_count(),
        backprop,
        finite,
        difference: bp.max_difference(&fd),
    })
}

fn run(o: &Options) -> Result<(), Box<dyn std::error::Error>> {
    if o.hidden.is_empty() || o.hidden.contains(&0) {
        return Err(format!("--hidden: expected sizes of at least 1, got {:?}", o.hidden).into());
    }
    if o.rounds == 0 {
        return Err("--rounds: expected 1 or more, got 0".into());
    }
    if o.min_seconds.is_nan() || o.min_seconds < 0.0 {
        return Err(format!("--min-seconds: expected 0 or more, got {}", o.min_seconds).into());
    }
    println!(
        "One gradient of one pattern's error, {INPUTS}-h-{OUTPUTS} networks (seconds per gradient):"
    );
    println!(
        "{:>12} {:>8} {:>14} {:>15} {:>17} {:>9} {:>15}",
        "network",
        "weights",
        "feed forwards",
        "back-prop (s)",
        "finite diff. (s)",
        "ratio",
        "max difference"
    );
    let mut tsv = String::from("hidden\tweights\tbackprop_seconds\tfinite_difference_seconds\n");
    for &h in &o.hidden {
        let r = measure(o, h)?;
        println!(
            "{:>12} {:>8} {:>14} {:>15.3e} {:>17.3e} {:>9.0} {:>15.1e}",
            format!("{INPUTS}-{}-{OUTPUTS}", r.hidden),
            r.weights,
            2 * r.weights,
            r.backprop,
            r.finite,
            r.finite / r.backprop,
            r.difference
        );
        let _ = writeln!(
            tsv,
            "{}\t{}\t{:.6e}\t{:.6e}",
            r.hidden, r.weights, r.backprop, r.finite
        );
    }
    println!(
        "feed forwards: what finite differences run per gradient (2 per weight); back-propagation runs 1, then one pass back."
    );
    if let Some(path) = &o.tsv {
        std::fs::write(path, tsv).map_err(|e| format!("--tsv {}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

fn main() -> ExitCode {
    common::exit(run(&Options::parse()))
}
