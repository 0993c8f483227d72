//! The step-through trace (P1.3, P1.4), pinned by a snapshot that the lessons quote,
//! and checked against the network it traces.

use naive::MlpNeuralNetwork;
use naive::trace::{render, tiny_network, trace_step};

fn tiny() -> (MlpNeuralNetwork, [f64; 2], [f64; 2]) {
    let t = tiny_network();
    (
        MlpNeuralNetwork::from_weights(t.wi, t.wo).unwrap(),
        t.inputs,
        t.targets,
    )
}

#[test]
fn two_traced_steps_print_every_number() {
    let (mut net, x, t) = tiny();
    let mut out = String::new();
    for step in 1..=2 {
        out += &format!("=== Step {step} ===\n");
        out += &render(&trace_step(&mut net, &x, &t, 0.5).unwrap());
    }
    insta::assert_snapshot!("naive_step_through", out);
}

#[test]
fn a_traced_step_changes_the_network_like_an_untraced_one() {
    let (mut traced, x, t) = tiny();
    let (mut plain, _, _) = tiny();
    for _ in 0..3 {
        let trace = trace_step(&mut traced, &x, &t, 0.5).unwrap();
        plain.feed_forward(&x).unwrap();
        assert_eq!(trace.error, plain.back_propagate(&t, 0.5).unwrap());
        assert_eq!(trace.wo_after, plain.wo);
        assert_eq!(trace.wi_changes, plain.ci);
    }
    assert_eq!(traced, plain);
}

#[test]
fn traced_sums_are_the_inputs_of_the_activations() {
    let (mut net, x, t) = tiny();
    let trace = trace_step(&mut net, &x, &t, 0.5).unwrap();
    for (sum, a) in trace.hidden_sums.iter().zip(&trace.ah) {
        assert_eq!(naive::sigmoid(*sum), *a);
    }
    for (sum, a) in trace.output_sums.iter().zip(&trace.ao) {
        assert_eq!(naive::sigmoid(*sum), *a);
    }
    assert!(trace_step(&mut net, &x, &[1.0], 0.5).is_err());
}
