//! One pattern through the part-1 network, number by number (P1.3, P1.4).
//!
//! Run: `cargo run -p naive --example step_through` (add `--steps 2` to see
//! the article's quirk: the second step also subtracts the first step's change).
//!
//! A tiny network, 2 inputs + bias -> 3 hidden -> 2 outputs, with hand-picked
//! weights, learns one pattern. Every weighted sum, activation, delta, change
//! and weight update is printed with its formula, from the network's own
//! functions (see `naive::trace`).
//!
//! Flags: `--steps N` (default 1), `--rate N` (default 0.5).

use std::process::ExitCode;

use data::cli::Args;
use naive::MlpNeuralNetwork;
use naive::trace::{render, tiny_network, trace_step};

const USAGE: &str = "\
Print one training step of a 2-3-2 network, number by number.

usage: cargo run -p naive --example step_through -- [--steps N] [--rate N]";

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = Args::from_env(USAGE)?;
    let steps: usize = args.value("steps", 1)?;
    let rate: f64 = args.value("rate", 0.5)?;
    args.finish()?;
    let tiny = tiny_network();
    let (inputs, targets) = (tiny.inputs, tiny.targets);
    let mut net = MlpNeuralNetwork::from_weights(tiny.wi, tiny.wo)?;
    println!(
        "Pattern: inputs {inputs:?}, targets {targets:?}; 2 inputs + bias -> 3 hidden -> 2 outputs"
    );
    for step in 1..=steps {
        println!("\n=== Step {step} ===");
        print!(
            "{}",
            render(&trace_step(&mut net, &inputs, &targets, rate)?)
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    data::cli::exit_code(run())
}
