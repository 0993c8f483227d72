//! Step mode's data: training steps of the lessons' tiny network
//! (`naive::trace::tiny_network`), recorded by both crates' own trace
//! functions, for every combination of the part-2 switches.

use improved::Config;
use nalgebra::{DMatrix, DVector};
use serde_json::{Value, json};

use super::page::{Switches, round};

/// Training steps recorded per combination.
pub const STEPS: usize = 3;
/// Learning rate of every step (naive's `N` in the step-through lessons).
pub const RATE: f64 = 0.5;
/// The article's momentum rule at `mu = 1` is naive's; classical momentum at 0.9.
pub const ARTICLE_MU: f64 = 1.0;
pub const CLASSICAL_MU: f64 = 0.9;
/// Weight decay of both layers when the L2 switch is on.
pub const L2: f64 = 0.1;

/// Article P2.1, P2.4: the improved network's settings for one combination
/// of switches; every switch off is `Config::naive_equivalent` (part 1).
fn config(s: Switches) -> Config {
    let base = Config {
        learning_rate: RATE,
        ..Config::naive_equivalent()
    };
    s.apply(base, (ARTICLE_MU, CLASSICAL_MU), L2)
}

/// The steps of one combination: improved's traces always, naive's only for
/// the part-1 combination (naive has none of the upgrades).
pub fn combination(s: Switches) -> Result<Value, Box<dyn std::error::Error>> {
    let improved = improved_steps(&config(s))?;
    let naive = if s.is_part1() {
        Some(naive_steps()?)
    } else {
        None
    };
    Ok(json!({
        "hidden": if s.tanh { "tanh" } else { "sigmoid" },
        "output": if s.softmax { "softmax" } else { "logistic" },
        "momentum": if s.classical { "classical" } else { "article" },
        "mu": if s.classical { CLASSICAL_MU } else { ARTICLE_MU },
        "l2": if s.l2 { L2 } else { 0.0 },
        "improved": improved,
        "naive": naive,
    }))
}

/// `STEPS` calls of `improved::trace::trace_step` from the tiny network's weights.
fn improved_steps(config: &Config) -> Result<Vec<Value>, Box<dyn std::error::Error>> {
    let tiny = naive::trace::tiny_network();
    let matrix = |rows: &[Vec<f64>]| DMatrix::from_fn(rows.len(), rows[0].len(), |r, c| rows[r][c]);
    let mut net = improved::MlpNeuralNetwork::from_weights(
        matrix(&tiny.wi),
        matrix(&tiny.wo),
        config.architecture(),
    )?;
    let mut sgd = improved::Sgd::new(config.sgd(), &net)?;
    let mut steps = Vec::new();
    for _ in 0..STEPS {
        let t = improved::trace::trace_step(&mut net, &mut sgd, &tiny.inputs, &tiny.targets)?;
        steps.push(improved_json(&t));
    }
    Ok(steps)
}

/// `STEPS` calls of `naive::trace::trace_step` from the same weights.
fn naive_steps() -> Result<Vec<Value>, Box<dyn std::error::Error>> {
    let tiny = naive::trace::tiny_network();
    let mut net = naive::MlpNeuralNetwork::from_weights(tiny.wi.clone(), tiny.wo.clone())?;
    let mut steps = Vec::new();
    for _ in 0..STEPS {
        let t = naive::trace::trace_step(&mut net, &tiny.inputs, &tiny.targets, RATE)?;
        steps.push(naive_json(&t));
    }
    Ok(steps)
}

/// An improved trace as JSON, matrices as lists of rows (`wi[i][j]`, as naive
/// writes them). The activations' slopes come from the crate's own functions.
fn improved_json(t: &improved::trace::StepTrace) -> Value {
    let v = |x: &DVector<f64>| x.iter().map(|&a| round(a, 12)).collect::<Vec<f64>>();
    let m = |x: &DMatrix<f64>| {
        (0..x.nrows())
            .map(|r| (0..x.ncols()).map(|c| round(x[(r, c)], 12)).collect())
            .collect::<Vec<Vec<f64>>>()
    };
    let slope = |x: &DVector<f64>, f: &dyn Fn(f64) -> f64| {
        x.iter().map(|&a| round(f(a), 12)).collect::<Vec<f64>>()
    };
    json!({
        "rate": t.rate,
        "targets": t.targets,
        "ai": v(&t.ai),
        "hidden_sums": v(&t.hidden_sums),
        "ah": v(&t.ah),
        "hidden_slopes": slope(&t.ah, &|y| t.hidden.derivative(y)),
        "output_sums": v(&t.output_sums),
        "ao": v(&t.ao),
        "output_slopes": slope(&t.ao, &improved::dsigmoid),
        "output_deltas": v(&t.output_deltas),
        "hidden_deltas": v(&t.hidden_deltas),
        "wo_before": m(&t.wo_before),
        "co_before": m(&t.co_before),
        "wo_change": m(&t.wo_change),
        "wo_after": m(&t.wo_after),
        "wi_before": m(&t.wi_before),
        "ci_before": m(&t.ci_before),
        "wi_change": m(&t.wi_change),
        "wi_after": m(&t.wi_after),
        "error": round(t.error, 12),
    })
}

/// A naive trace as JSON, in naive's own names.
fn naive_json(t: &naive::trace::StepTrace) -> Value {
    let v = |x: &[f64]| x.iter().map(|&a| round(a, 12)).collect::<Vec<f64>>();
    let m = |x: &[Vec<f64>]| x.iter().map(|r| v(r)).collect::<Vec<Vec<f64>>>();
    json!({
        "rate": t.rate,
        "targets": t.targets,
        "ai": v(&t.ai),
        "hidden_sums": v(&t.hidden_sums),
        "ah": v(&t.ah),
        "hidden_slopes": v(&t.ah.iter().map(|&y| naive::dsigmoid(y)).collect::<Vec<_>>()),
        "output_sums": v(&t.output_sums),
        "ao": v(&t.ao),
        "output_slopes": v(&t.ao.iter().map(|&y| naive::dsigmoid(y)).collect::<Vec<_>>()),
        "output_deltas": v(&t.output_deltas),
        "hidden_deltas": v(&t.hidden_deltas),
        "wo_before": m(&t.wo_before),
        "co_before": m(&t.co_before),
        "wo_changes": m(&t.wo_changes),
        "wo_after": m(&t.wo_after),
        "wi_before": m(&t.wi_before),
        "ci_before": m(&t.ci_before),
        "wi_changes": m(&t.wi_changes),
        "wi_after": m(&t.wi_after),
        "error": round(t.error, 12),
    })
}
