//! The two step-through traces agree: in the naive-equivalent configuration,
//! `improved`'s matrix-form trace records the same sums, activations,
//! deltas, changes and weights as `naive`'s loop-by-loop trace, step after
//! step. Snapshots pin the improved trace that the lessons quote.

use improved::trace::{StepTrace, render, trace_step};
use improved::{Config, Hidden, MlpNeuralNetwork, Momentum, Output, Sgd};
use naive::trace::tiny_network;
use nalgebra::{DMatrix, DVector};

fn matrix(rows: &[Vec<f64>]) -> DMatrix<f64> {
    DMatrix::from_fn(rows.len(), rows[0].len(), |r, c| rows[r][c])
}

fn improved_tiny(config: &Config) -> (MlpNeuralNetwork, Sgd) {
    let t = tiny_network();
    let net = MlpNeuralNetwork::from_weights(matrix(&t.wi), matrix(&t.wo), config.architecture())
        .unwrap();
    let sgd = Sgd::new(config.sgd(), &net).unwrap();
    (net, sgd)
}

fn naive_config() -> Config {
    Config {
        learning_rate: 0.5,
        ..Config::naive_equivalent()
    }
}

fn same_vector(what: &str, naive: &[f64], improved: &DVector<f64>) {
    assert_eq!(naive.len(), improved.len(), "{what}");
    for (a, b) in naive.iter().zip(improved.iter()) {
        assert!((a - b).abs() <= 1e-12, "{what}: naive {a} vs improved {b}");
    }
}

fn same_matrix(what: &str, naive: &[Vec<f64>], improved: &DMatrix<f64>) {
    let flat: Vec<f64> = naive.iter().flatten().copied().collect();
    same_vector(
        what,
        &flat,
        &DVector::from_iterator(flat.len(), improved.transpose().iter().copied()),
    );
}

#[test]
fn naive_and_improved_traces_record_the_same_numbers() {
    let tiny = tiny_network();
    let mut naive =
        naive::MlpNeuralNetwork::from_weights(tiny.wi.clone(), tiny.wo.clone()).unwrap();
    let (mut improved, mut sgd) = improved_tiny(&naive_config());
    for step in 0..3 {
        let n = naive::trace::trace_step(&mut naive, &tiny.inputs, &tiny.targets, 0.5).unwrap();
        let i: StepTrace =
            trace_step(&mut improved, &mut sgd, &tiny.inputs, &tiny.targets).unwrap();
        let at = |what: &str| format!("step {step}: {what}");
        same_vector(&at("ai"), &n.ai, &i.ai);
        same_vector(&at("hidden sums"), &n.hidden_sums, &i.hidden_sums);
        same_vector(&at("ah"), &n.ah, &i.ah);
        same_vector(&at("output sums"), &n.output_sums, &i.output_sums);
        same_vector(&at("ao"), &n.ao, &i.ao);
        same_vector(&at("output deltas"), &n.output_deltas, &i.output_deltas);
        same_vector(&at("hidden deltas"), &n.hidden_deltas, &i.hidden_deltas);
        same_matrix(&at("co before"), &n.co_before, &i.co_before);
        same_matrix(&at("wo change"), &n.wo_changes, &i.wo_change);
        same_matrix(&at("wo after"), &n.wo_after, &i.wo_after);
        same_matrix(&at("ci before"), &n.ci_before, &i.ci_before);
        same_matrix(&at("wi change"), &n.wi_changes, &i.wi_change);
        same_matrix(&at("wi after"), &n.wi_after, &i.wi_after);
        assert!((n.error - i.error).abs() <= 1e-12, "{}", at("error"));
    }
}

#[test]
fn an_upgraded_trace_differs_from_naive() {
    // The agreement above is not vacuous: tanh + softmax change every stage after the sums.
    let tiny = tiny_network();
    let mut naive =
        naive::MlpNeuralNetwork::from_weights(tiny.wi.clone(), tiny.wo.clone()).unwrap();
    let config = Config {
        hidden: Hidden::Tanh,
        output: Output::Softmax,
        ..naive_config()
    };
    let n = naive::trace::trace_step(&mut naive, &tiny.inputs, &tiny.targets, 0.5).unwrap();
    let (mut net, mut sgd) = improved_tiny(&config);
    let i = trace_step(&mut net, &mut sgd, &tiny.inputs, &tiny.targets).unwrap();
    same_vector("hidden sums", &n.hidden_sums, &i.hidden_sums);
    assert!((n.ah[0] - i.ah[0]).abs() > 1e-3);
    assert!((n.output_deltas[0] - i.output_deltas[0]).abs() > 1e-3);
}

fn rendered(config: &Config, steps: usize) -> String {
    let tiny = tiny_network();
    let (mut net, mut sgd) = improved_tiny(config);
    (1..=steps)
        .map(|step| {
            let trace = trace_step(&mut net, &mut sgd, &tiny.inputs, &tiny.targets).unwrap();
            format!("=== Step {step} ===\n{}", render(&trace))
        })
        .collect()
}

#[test]
fn improved_trace_in_the_naive_configuration() {
    insta::assert_snapshot!("improved_step_through_naive", rendered(&naive_config(), 2));
}

#[test]
fn improved_trace_with_tanh_and_softmax() {
    // P2.1 shows only what it teaches: the new activations, one step (the
    // previous change is still 0, so the update rule plays no part yet).
    let config = Config {
        hidden: Hidden::Tanh,
        output: Output::Softmax,
        ..naive_config()
    };
    insta::assert_snapshot!("improved_step_through_activations", rendered(&config, 1));
}

#[test]
fn improved_trace_with_tanh_softmax_and_classical_momentum() {
    let config = Config {
        hidden: Hidden::Tanh,
        output: Output::Softmax,
        momentum: Momentum::Classical(0.9),
        l2_in: 0.01,
        l2_out: 0.01,
        ..naive_config()
    };
    insta::assert_snapshot!("improved_step_through_upgraded", rendered(&config, 2));
}
