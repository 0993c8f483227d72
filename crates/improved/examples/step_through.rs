//! One sample through the part-2 network, in matrix form (P1.3, P1.4, P2.1, P2.4).
//!
//! Run: `cargo run -p improved --example step_through`
//!
//! The same tiny network as `naive`'s step-through (2 inputs + bias -> 3
//! hidden -> 2 outputs, hand-picked weights, one pattern). By default it is
//! configured like `naive` (sigmoid, logistic, the article's momentum rule
//! with mu = 1, learning rate 0.5), so it prints the same numbers as
//! `cargo run -p naive --example step_through`, as whole vectors and
//! matrices with their shapes. Switch the upgrades on to see what changes:
//! `--hidden tanh --output softmax`, `--momentum 0.9 --momentum-rule classical`,
//! `--l2 0.1`.
//!
//! Flags: `--steps N` (1), `--rate X` (0.5), `--hidden sigmoid|tanh`,
//! `--output logistic|softmax`, `--momentum X` (1), `--momentum-rule
//! article|classical`, `--l2 X` (0, both layers).

use std::process::ExitCode;

use data::cli::Args;
use improved::trace::{render, trace_step};
use improved::{Config, Hidden, MlpNeuralNetwork, Momentum, Output};
use nalgebra::DMatrix;

const USAGE: &str = "\
Print training steps of a 2-3-2 network in matrix form.

usage: cargo run -p improved --example step_through -- [flags]
  --steps N                      steps to print (default 1)
  --rate X                       learning rate (default 0.5)
  --hidden sigmoid|tanh          hidden activation (default sigmoid)
  --output logistic|softmax      output layer (default logistic)
  --momentum X                   momentum coefficient (default 1, naive's quirk)
  --momentum-rule article|classical (default article)
  --l2 X                         weight decay on both layers (default 0)";

fn config(args: &mut Args) -> Result<Config, String> {
    let hidden = match args.value("hidden", "sigmoid".to_string())?.as_str() {
        "sigmoid" => Hidden::Sigmoid,
        "tanh" => Hidden::Tanh,
        other => return Err(format!("--hidden: expected sigmoid or tanh, got {other:?}")),
    };
    let output = match args.value("output", "logistic".to_string())?.as_str() {
        "logistic" => Output::Logistic,
        "softmax" => Output::Softmax,
        other => {
            return Err(format!(
                "--output: expected logistic or softmax, got {other:?}"
            ));
        }
    };
    let mu: f64 = args.value("momentum", 1.0)?;
    let momentum = match args.value("momentum-rule", "article".to_string())?.as_str() {
        "article" => Momentum::Article(mu),
        "classical" => Momentum::Classical(mu),
        other => {
            return Err(format!(
                "--momentum-rule: expected article or classical, got {other:?}"
            ));
        }
    };
    let l2: f64 = args.value("l2", 0.0)?;
    let learning_rate = args.value("rate", 0.5)?;
    Ok(Config {
        hidden,
        output,
        momentum,
        l2_in: l2,
        l2_out: l2,
        learning_rate,
        ..Config::naive_equivalent()
    })
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = Args::from_env(USAGE)?;
    let steps: usize = args.value("steps", 1)?;
    let config = config(&mut args)?;
    args.finish()?;
    let tiny = naive::trace::tiny_network();
    let matrix = |rows: &[Vec<f64>]| DMatrix::from_fn(rows.len(), rows[0].len(), |r, c| rows[r][c]);
    let mut net = MlpNeuralNetwork::from_weights(matrix(&tiny.wi), matrix(&tiny.wo), &config)?;
    println!(
        "Pattern: inputs {:?}, targets {:?}; 2 inputs + bias -> 3 hidden -> 2 outputs",
        tiny.inputs, tiny.targets
    );
    for step in 1..=steps {
        println!("\n=== Step {step} ===");
        print!(
            "{}",
            render(&trace_step(&mut net, &tiny.inputs, &tiny.targets)?)
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    data::cli::exit_code(run())
}
