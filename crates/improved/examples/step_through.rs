//! One sample through the part-2 network, in matrix form (P1.3, P1.4, P2.1, P2.4).
//!
//! Run: `cargo run -p improved --example step_through`
//!
//! The same tiny network as `naive`'s step-through (2 inputs + bias -> 3
//! hidden -> 2 outputs, hand-picked weights, one pattern). By default it is
//! configured like `naive` (sigmoid, logistic, the article's momentum rule
//! with mu = 1, learning rate 0.5), so it prints the same numbers as
//! `cargo run -p naive --example naive_step_through`, as whole vectors and
//! matrices with their shapes. Switch the upgrades on to see what changes:
//! `--activation tanh --output softmax`, `--momentum 0.9 --momentum-rule classical`,
//! `--l2 0.1`.
//!
//! Flags: `--steps N` (1), `--rate X` (0.5), `--activation sigmoid|tanh`,
//! `--output logistic|softmax`, `--momentum X` (1), `--momentum-rule
//! article|classical`, `--l2 X` (0, both layers).

use std::process::ExitCode;

use clap::Parser;
use improved::trace::{render, trace_step};
use improved::{Config, Hidden, MlpNeuralNetwork, Momentum, Output, Sgd};
use nalgebra::DMatrix;

/// Print training steps of a 2-3-2 network in matrix form.
#[derive(Parser)]
#[command(name = "step_through")]
struct Flags {
    /// Steps to print.
    #[arg(long, default_value_t = 1)]
    steps: usize,
    /// Learning rate.
    #[arg(long, default_value_t = 0.5)]
    rate: f64,
    /// Hidden activation: sigmoid or tanh.
    #[arg(long, default_value_t = Hidden::Sigmoid)]
    activation: Hidden,
    /// Output layer: logistic or softmax.
    #[arg(long, default_value_t = Output::Logistic)]
    output: Output,
    /// Momentum coefficient (1 is naive's quirk).
    #[arg(long, default_value_t = 1.0)]
    momentum: f64,
    /// Momentum rule: article or classical.
    #[arg(long, default_value = "article")]
    momentum_rule: String,
    /// Weight decay on both layers.
    #[arg(long, default_value_t = 0.0)]
    l2: f64,
}

fn config(f: &Flags) -> Result<Config, Box<dyn std::error::Error>> {
    Ok(Config {
        hidden: f.activation,
        output: f.output,
        momentum: Momentum::with_rule(&f.momentum_rule, f.momentum)?,
        l2_in: f.l2,
        l2_out: f.l2,
        learning_rate: f.rate,
        ..Config::naive_equivalent()
    })
}

fn run(flags: &Flags) -> Result<(), Box<dyn std::error::Error>> {
    let config = config(flags)?;
    let tiny = naive::trace::tiny_network();
    let matrix = |rows: &[Vec<f64>]| DMatrix::from_fn(rows.len(), rows[0].len(), |r, c| rows[r][c]);
    let mut net =
        MlpNeuralNetwork::from_weights(matrix(&tiny.wi), matrix(&tiny.wo), config.architecture())?;
    let mut sgd = Sgd::new(config.sgd(), &net)?;
    println!(
        "Pattern: inputs {:?}, targets {:?}; 2 inputs + bias -> 3 hidden -> 2 outputs",
        tiny.inputs, tiny.targets
    );
    for step in 1..=flags.steps {
        println!("\n=== Step {step} ===");
        let trace = trace_step(&mut net, &mut sgd, &tiny.inputs, &tiny.targets)?;
        print!("{}", render(&trace));
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(&Flags::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
