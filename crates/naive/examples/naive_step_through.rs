//! One pattern through the part-1 network, number by number (P1.3, P1.4).
//!
//! Run: `cargo run -p naive --example naive_step_through` (add `--steps 2` to see
//! the article's quirk: the second step also subtracts the first step's change).
//!
//! A tiny network, 2 inputs + bias -> 3 hidden -> 2 outputs, with hand-picked
//! weights, learns one pattern. Every weighted sum, activation, delta, change
//! and weight update is printed with its formula, from the network's own
//! functions (see `naive::trace`).
//!
//! Flags: `--steps N` (default 1), `--rate N` (default 0.5).

use std::process::ExitCode;

use clap::Parser;
use naive::MlpNeuralNetwork;
use naive::trace::{render, tiny_network, trace_step};

mod common;

/// Print training steps of a 2-3-2 network, number by number.
#[derive(Parser, Debug)]
#[command(name = "naive_step_through")]
struct Options {
    /// Steps to print.
    #[arg(long, default_value_t = 1)]
    steps: usize,
    /// Learning rate n.
    #[arg(long, default_value_t = 0.5)]
    rate: f64,
}

fn run(o: &Options) -> Result<(), Box<dyn std::error::Error>> {
    let tiny = tiny_network();
    let (inputs, targets) = (tiny.inputs, tiny.targets);
    let mut net = MlpNeuralNetwork::from_weights(tiny.wi, tiny.wo)?;
    println!(
        "Pattern: inputs {inputs:?}, targets {targets:?}; 2 inputs + bias -> 3 hidden -> 2 outputs"
    );
    for step in 1..=o.steps {
        println!("\n=== Step {step} ===");
        print!(
            "{}",
            render(&trace_step(&mut net, &inputs, &targets, o.rate)?)
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    common::exit(run(&Options::parse()))
}
