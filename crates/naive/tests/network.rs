//! Unit tests of the part-1 network: each value is worked out by hand and
//! written as the article's formula, on non-square sizes so that a
//! transposed index cannot pass.

// The tests index like the article does (`wo[j][k]`), to read like its formulas.
#![allow(clippy::needless_range_loop)]

use naive::{MlpNeuralNetwork, NetworkError, dsigmoid, sigmoid};

/// 3 features (+ bias) -> 5 hidden -> 2 outputs, with distinct weights.
fn net_3_5_2() -> MlpNeuralNetwork {
    let wi = (0..4)
        .map(|i| {
            (0..5)
                .map(|j| 0.1 * (i as f64 + 1.0) - 0.07 * j as f64)
                .collect()
        })
        .collect();
    let wo = (0..5)
        .map(|j| vec![0.2 - 0.1 * j as f64, 0.05 * j as f64 - 0.1])
        .collect();
    MlpNeuralNetwork::from_weights(wi, wo).unwrap()
}

const X: [f64; 3] = [0.5, -1.0, 2.0];
const T: [f64; 2] = [1.0, 0.0];

/// The hidden and output activations, computed here from the formulas.
fn forward_by_hand(net: &MlpNeuralNetwork, x: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let ai: Vec<f64> = x.iter().copied().chain([1.0]).collect();
    let ah: Vec<f64> = (0..5)
        .map(|j| sigmoid((0..4).map(|i| ai[i] * net.wi[i][j]).sum()))
        .collect();
    let ao: Vec<f64> = (0..2)
        .map(|k| sigmoid((0..5).map(|j| ah[j] * net.wo[j][k]).sum()))
        .collect();
    (ah, ao)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-14 * (1.0 + a.abs().max(b.abs()))
}

#[test]
fn new_adds_a_bias_unit_and_sets_up_every_array() {
    let mut rng = data::seeded_rng(1);
    let net = MlpNeuralNetwork::new(3, 5, 2, &mut rng).unwrap();
    assert_eq!((net.input, net.hidden, net.output), (4, 5, 2));
    assert_eq!((net.ai.len(), net.ah.len(), net.ao.len()), (4, 5, 2));
    assert!(
        net.ai
            .iter()
            .chain(&net.ah)
            .chain(&net.ao)
            .all(|&a| a == 1.0)
    );
    assert_eq!(
        (net.wi.len(), net.wi[0].len(), net.wo.len(), net.wo[0].len()),
        (4, 5, 5, 2)
    );
    assert!(net.ci.iter().chain(&net.co).flatten().all(|&c| c == 0.0));
}

#[test]
fn new_draws_standard_normal_weights_reproducibly() {
    let a = MlpNeuralNetwork::new(64, 100, 10, &mut data::seeded_rng(7)).unwrap();
    let b = MlpNeuralNetwork::new(64, 100, 10, &mut data::seeded_rng(7)).unwrap();
    assert_eq!(a, b);
    let w: Vec<f64> = a.wi.iter().flatten().copied().collect();
    let mean = w.iter().sum::<f64>() / w.len() as f64;
    let var = w.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / w.len() as f64;
    // 6500 draws: the mean is within 4 standard errors of 0, the variance near 1.
    assert!(mean.abs() < 4.0 / (w.len() as f64).sqrt(), "mean {mean}");
    assert!((var - 1.0).abs() < 0.08, "variance {var}");
}

#[test]
fn zero_sized_layers_are_errors() {
    let e = MlpNeuralNetwork::new(3, 0, 2, &mut data::seeded_rng(1)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the hidden layer needs at least one unit, got 0"
    );
    assert!(MlpNeuralNetwork::new(0, 5, 2, &mut data::seeded_rng(1)).is_err());
    assert!(MlpNeuralNetwork::new(3, 5, 0, &mut data::seeded_rng(1)).is_err());
}

#[test]
fn from_weights_rejects_shapes_that_do_not_chain() {
    let e =
        MlpNeuralNetwork::from_weights(vec![vec![0.1; 5]; 4], vec![vec![0.1; 2]; 3]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "wo has the wrong shape: expected 5 rows of 2 values, got 3 rows"
    );
    let ragged = vec![vec![0.1; 5], vec![0.1; 4]];
    let e = MlpNeuralNetwork::from_weights(ragged, vec![vec![0.1; 2]; 5]).unwrap_err();
    assert!(matches!(e, NetworkError::Shape { what: "wi", .. }));
    let e = MlpNeuralNetwork::from_weights(vec![vec![f64::NAN; 1]; 2], vec![vec![0.1]]);
    assert_eq!(e.unwrap_err(), NetworkError::NotFinite { what: "weights" });
}

#[test]
fn feed_forward_applies_the_sigmoid_to_weighted_sums() {
    let mut net = net_3_5_2();
    let (ah, ao) = forward_by_hand(&net, &X);
    let out = net.feed_forward(&X).unwrap();
    assert_eq!(
        net.ai,
        vec![0.5, -1.0, 2.0, 1.0],
        "inputs copied, bias kept at 1"
    );
    assert!(
        ah.iter().zip(&net.ah).all(|(a, b)| close(*a, *b)),
        "{ah:?} vs {:?}",
        net.ah
    );
    assert!(ao.iter().zip(&out).all(|(a, b)| close(*a, *b)));
    assert_eq!(out, net.ao, "returns a copy of the output activations");
}

#[test]
fn wrong_input_length_is_the_silly_goose_error() {
    let e = net_3_5_2().feed_forward(&[1.0, 2.0]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Wrong number of inputs you silly goose! Expected 3, got 2"
    );
    let e = net_3_5_2()
        .feed_forward(&[1.0, f64::INFINITY, 0.0])
        .unwrap_err();
    assert_eq!(e, NetworkError::NotFinite { what: "inputs" });
}

#[test]
fn output_deltas_are_dsigmoid_times_minus_the_error() {
    let mut net = net_3_5_2();
    net.feed_forward(&X).unwrap();
    let d = net.output_deltas(&T);
    for k in 0..2 {
        assert_eq!(d[k], dsigmoid(net.ao[k]) * -(T[k] - net.ao[k]));
    }
}

#[test]
fn hidden_deltas_send_output_deltas_back_through_wo() {
    let mut net = net_3_5_2();
    net.feed_forward(&X).unwrap();
    let od = net.output_deltas(&T);
    let hd = net.hidden_deltas(&od);
    for j in 0..5 {
        let back = od[0] * net.wo[j][0] + od[1] * net.wo[j][1];
        assert!(close(hd[j], dsigmoid(net.ah[j]) * back));
    }
}

#[test]
fn back_propagate_moves_each_weight_by_rate_times_its_change() {
    let n = 0.3;
    let mut net = net_3_5_2();
    net.feed_forward(&X).unwrap();
    let before = net.clone();
    let od = before.output_deltas(&T);
    let hd = before.hidden_deltas(&od);
    let error = net.back_propagate(&T, n).unwrap();
    // First step: the previous changes are 0, so w -= n * change exactly.
    for j in 0..5 {
        for k in 0..2 {
            let change = od[k] * before.ah[j];
            assert_eq!(net.wo[j][k], before.wo[j][k] - n * change);
            assert_eq!(net.co[j][k], change);
        }
    }
    for i in 0..4 {
        for j in 0..5 {
            let change = hd[j] * before.ai[i];
            assert_eq!(net.wi[i][j], before.wi[i][j] - n * change);
            assert_eq!(net.ci[i][j], change);
        }
    }
    let expected = 0.5 * (T[0] - before.ao[0]).powi(2) + 0.5 * (T[1] - before.ao[1]).powi(2);
    assert_eq!(error, expected);
}

#[test]
fn second_step_subtracts_the_previous_change_at_full_size() {
    // The article's quirk: w -= n * change + previous_change (coefficient 1).
    let n = 0.0002;
    let mut net = net_3_5_2();
    net.feed_forward(&X).unwrap();
    net.back_propagate(&T, n).unwrap();
    let after_first = net.clone();
    net.feed_forward(&X).unwrap();
    let od = net.output_deltas(&T);
    net.back_propagate(&T, n).unwrap();
    let (j, k) = (3, 1);
    let change = od[k] * net.ah[j];
    let expected = after_first.wo[j][k] - (n * change + after_first.co[j][k]);
    assert_eq!(net.wo[j][k], expected);
}

#[test]
fn back_propagate_rejects_wrong_targets_and_rates() {
    let mut net = net_3_5_2();
    net.feed_forward(&X).unwrap();
    let e = net.back_propagate(&[1.0], 0.1).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Wrong number of targets you silly goose! Expected 2, got 1"
    );
    assert!(net.back_propagate(&[1.0, f64::NAN], 0.1).is_err());
    assert!(net.back_propagate(&T, f64::NAN).is_err());
}

#[test]
fn error_is_half_the_squared_distance() {
    let mut net = net_3_5_2();
    net.feed_forward(&X).unwrap();
    let ao = net.ao.clone();
    assert_eq!(
        net.error(&T),
        0.5 * (1.0 - ao[0]).powi(2) + 0.5 * (0.0 - ao[1]).powi(2)
    );
}

fn xor_patterns() -> Vec<(Vec<f64>, Vec<f64>)> {
    [
        ([0.0, 0.0], 0.0),
        ([0.0, 1.0], 1.0),
        ([1.0, 0.0], 1.0),
        ([1.0, 1.0], 0.0),
    ]
    .iter()
    .map(|(x, t)| (x.to_vec(), vec![*t]))
    .collect()
}

#[test]
fn train_reports_last_pattern_and_mean_error_per_iteration() {
    let mut net = MlpNeuralNetwork::new(2, 3, 1, &mut data::seeded_rng(2)).unwrap();
    let patterns = xor_patterns();
    let mut check = net.clone();
    let history = net.train(&patterns, 3, 0.5).unwrap();
    assert_eq!(history.len(), 3);
    // Replay the first iteration by hand: feed forward then back propagate each pattern.
    let errors: Vec<f64> = patterns
        .iter()
        .map(|(x, t)| {
            check.feed_forward(x).unwrap();
            check.back_propagate(t, 0.5).unwrap()
        })
        .collect();
    assert_eq!(history[0].last_pattern, errors[3]);
    assert_eq!(history[0].mean, errors.iter().sum::<f64>() / 4.0);
}

#[test]
fn train_learns_a_simple_function() {
    // OR is linearly separable: the quirky update still learns it.
    let patterns: Vec<_> = xor_patterns()
        .into_iter()
        .map(|(x, _)| {
            let t = if x[0] + x[1] > 0.0 { 1.0 } else { 0.0 };
            (x, vec![t])
        })
        .collect();
    let mut net = MlpNeuralNetwork::new(2, 3, 1, &mut data::seeded_rng(3)).unwrap();
    let history = net.train(&patterns, 2000, 0.05).unwrap();
    assert!(
        history[1999].mean < history[0].mean / 4.0,
        "{:?}",
        history[1999]
    );
    let out = net.predict(patterns.iter().map(|p| &p.0)).unwrap();
    for (o, (_, t)) in out.iter().zip(&patterns) {
        assert_eq!(o[0] > 0.5, t[0] > 0.5, "{out:?}");
    }
}

#[test]
fn train_without_patterns_or_with_bad_ones_is_an_error() {
    let mut net = net_3_5_2();
    assert_eq!(
        net.train(&[], 1, 0.1).unwrap_err(),
        NetworkError::NoPatterns
    );
    let bad = vec![(vec![1.0, 2.0, 3.0], vec![1.0, 0.0, 0.0])];
    assert!(matches!(
        net.train(&bad, 1, 0.1),
        Err(NetworkError::WrongTargets { .. })
    ));
}

#[test]
fn a_diverging_run_stops_with_an_error_naming_the_iteration() {
    // Inputs whose weighted sums cancel (so the hidden units are not saturated)
    // and a huge rate: n * change overflows and the input weights become infinite.
    let wi = vec![vec![0.5; 5], vec![0.5; 5], vec![0.5; 5], vec![0.1; 5]];
    let mut net = MlpNeuralNetwork::from_weights(wi, net_3_5_2().wo).unwrap();
    let patterns = vec![(vec![1e12, -1e12, 0.0], vec![1.0, 0.0])];
    let e = net.train(&patterns, 50, 1e300).unwrap_err();
    assert_eq!(
        e,
        NetworkError::Diverged {
            iteration: 0,
            pattern: 0
        }
    );
    assert!(matches!(e, NetworkError::Diverged { .. }), "{e}");
    assert!(
        e.to_string().starts_with("training diverged at iteration"),
        "{e}"
    );
}

#[test]
fn predict_feeds_every_row_forward() {
    let mut net = net_3_5_2();
    let rows = vec![X.to_vec(), vec![0.0, 0.0, 0.0]];
    let out = net.predict(&rows).unwrap();
    assert_eq!(out.len(), 2);
    assert_eq!(out[1], forward_by_hand(&net, &rows[1]).1);
    assert!(net.predict([[1.0]]).is_err());
}

#[test]
fn a_huge_iteration_count_reserves_nothing_up_front() {
    // The history used to be sized from the count: 10^12 iterations asked for
    // 16 TB before the first pass, usize::MAX overflowed. It now grows with
    // the passes actually run, so the bad pattern is the first thing noticed.
    let mut net = net_3_5_2();
    let bad = vec![(vec![1.0, 2.0, 3.0], vec![1.0, 0.0, 0.0])];
    for iterations in [1_000_000_000_000, usize::MAX] {
        assert!(matches!(
            net.train(&bad, iterations, 0.1),
            Err(NetworkError::WrongTargets { .. })
        ));
    }
}

#[test]
fn a_network_too_large_for_memory_is_an_error_before_allocating() {
    let mut rng = data::seeded_rng(1);
    let e = MlpNeuralNetwork::new(64, 1_000_000_000, 10, &mut rng).unwrap_err();
    assert!(
        matches!(
            e,
            NetworkError::TooLarge {
                hidden: 1_000_000_000,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .starts_with("a 64-1000000000-10 network needs 151000000075 numbers"),
        "{e}"
    );
    let e = MlpNeuralNetwork::new(usize::MAX - 1, 2, 2, &mut rng).unwrap_err();
    assert!(
        e.to_string().contains("more than this machine can address"),
        "{e}"
    );
}

#[test]
fn a_run_needs_a_pass_and_a_finite_rate_of_at_least_0() {
    // The examples check their flags with this before any work, as the
    // part-2 network's Config::validate does.
    let e = naive::check_run("--epochs", 0, 0.1).unwrap_err();
    assert_eq!(e.to_string(), "--epochs: expected at least 1, got 0");
    for rate in [-0.1, f64::NAN, f64::INFINITY] {
        let e = naive::check_run("--iterations", 10, rate).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("--rate: expected a finite number >= 0, got "),
            "{e}"
        );
    }
    assert_eq!(naive::check_run("--iterations", 10, 0.0002), Ok(None));
    // A rate of 0 is lesson P1.4's exercise: allowed, with a notice.
    let note = naive::check_run("--iterations", 30, 0.0).unwrap().unwrap();
    assert!(note.starts_with("note: --rate 0:"), "{note}");
}
