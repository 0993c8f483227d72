//! Properties the lessons state about the part-2 pieces, checked on many
//! random inputs: softmax, the activations' derivatives, shuffling, L2 decay
//! and the learning-rate decay.

use improved::{Config, Hidden, Init, MlpNeuralNetwork, Momentum, Output, Samples, Trainer};
use nalgebra::DMatrix;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

fn softmaxed(z: &[f64]) -> Vec<f64> {
    let mut v = z.to_vec();
    improved::softmax(&mut v);
    v
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/invariants.txt",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn softmax_is_a_probability_distribution(z in prop::collection::vec(-50.0..50.0f64, 1..12)) {
        let p = softmaxed(&z);
        prop_assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        prop_assert!(p.iter().all(|&v| (0.0..=1.0).contains(&v)));
    }

    #[test]
    fn softmax_ignores_a_constant_added_to_every_input(
        z in prop::collection::vec(-20.0..20.0f64, 1..12),
        c in -100.0..100.0f64,
    ) {
        let shifted: Vec<f64> = z.iter().map(|v| v + c).collect();
        for (a, b) in softmaxed(&z).iter().zip(softmaxed(&shifted)) {
            prop_assert!((a - b).abs() < 1e-12, "{a} vs {b}");
        }
    }

    #[test]
    fn softmax_stays_finite_for_sums_of_a_thousand(
        z in prop::collection::vec(prop::sample::select(vec![-1e3, 1e3, 0.0, 999.0]), 1..8),
    ) {
        let p = softmaxed(&z);
        prop_assert!(p.iter().all(|v| v.is_finite()), "{p:?}");
        prop_assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn each_derivative_is_the_slope_of_its_activation(x in -6.0..6.0f64) {
        let h = 1e-6;
        let slope = |f: fn(f64) -> f64| (f(x + h) - f(x - h)) / (2.0 * h);
        prop_assert!((improved::dsigmoid(improved::sigmoid(x)) - slope(improved::sigmoid)).abs() < 1e-8);
        prop_assert!((improved::dtanh(improved::tanh(x)) - slope(improved::tanh)).abs() < 1e-8);
        prop_assert!((naive::dsigmoid(naive::sigmoid(x)) - slope(naive::sigmoid)).abs() < 1e-8);
    }
}

/// A 2-3-2 network and four samples, for the training-loop properties.
fn small_problem() -> (DMatrix<f64>, DMatrix<f64>, Vec<f64>, Vec<usize>) {
    let wi = DMatrix::from_fn(3, 3, |r, c| ((r * 3 + c) as f64 * 0.9).sin());
    let wo = DMatrix::from_fn(3, 2, |r, c| ((r * 2 + c) as f64 * 1.3).cos());
    let features = vec![0.1, 0.9, -0.5, 0.3, 0.8, -0.7, -0.2, -0.4];
    (wi, wo, features, vec![0, 1, 1, 0])
}

fn fitted(config: &Config) -> MlpNeuralNetwork {
    let (wi, wo, features, labels) = small_problem();
    let mut net = MlpNeuralNetwork::from_weights(wi, wo, config.architecture()).unwrap();
    let mut trainer = Trainer::new(config.schedule(), config.sgd(), &net).unwrap();
    trainer
        .fit(&mut net, &Samples::new(&features, &labels).unwrap(), None)
        .unwrap();
    net
}

/// `naive` trained one epoch on the samples in `order`.
fn naive_in_order(order: &[usize]) -> naive::MlpNeuralNetwork {
    let (wi, wo, features, labels) = small_problem();
    let rows = |m: &DMatrix<f64>| {
        (0..m.nrows())
            .map(|r| m.row(r).iter().copied().collect())
            .collect()
    };
    let mut net = naive::MlpNeuralNetwork::from_weights(rows(&wi), rows(&wo)).unwrap();
    let patterns: Vec<(Vec<f64>, Vec<f64>)> = order
        .iter()
        .map(|&i| {
            (
                features[2 * i..2 * i + 2].to_vec(),
                data::one_hot(labels[i], 2),
            )
        })
        .collect();
    net.train(&patterns, 1, 0.3).unwrap();
    net
}

fn permutations(items: &[usize]) -> Vec<Vec<usize>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    (0..items.len())
        .flat_map(|i| {
            let mut rest = items.to_vec();
            let first = rest.remove(i);
            permutations(&rest).into_iter().map(move |mut p| {
                p.insert(0, first);
                p
            })
        })
        .collect()
}

/// Which order of the four samples one shuffled epoch used, found by
/// replaying every order with `naive`.
fn shuffled_order(seed: u64) -> Vec<usize> {
    let config = Config {
        shuffle: true,
        learning_rate: 0.3,
        epochs: 1,
        seed,
        ..Config::naive_equivalent()
    };
    let net = fitted(&config);
    let matches: Vec<Vec<usize>> = permutations(&[0, 1, 2, 3])
        .into_iter()
        .filter(|order| {
            let n = naive_in_order(order);
            (0..3).all(|r| (0..3).all(|c| (n.wi[r][c] - net.wi()[(r, c)]).abs() < 1e-12))
        })
        .collect();
    assert_eq!(
        matches.len(),
        1,
        "seed {seed}: one epoch must be exactly one order of the samples"
    );
    matches[0].clone()
}

#[test]
fn a_shuffled_epoch_visits_every_sample_once_in_a_seeded_order() {
    let orders: Vec<Vec<usize>> = (1..=6).map(shuffled_order).collect();
    assert_eq!(
        orders[0],
        shuffled_order(1),
        "the same seed gives the same order"
    );
    assert!(
        orders.iter().any(|o| o != &orders[0]),
        "other seeds give other orders: {orders:?}"
    );
}

#[test]
fn with_a_zero_gradient_l2_shrinks_weights_by_one_minus_rate_times_l2() {
    // wo = 0 makes every logistic output 0.5; targets of 0.5 then give zero
    // deltas, so the only change left is the decay: w -= lr * l2 * w.
    let (lr, l2) = (0.1, 0.25);
    let config = Config {
        hidden: Hidden::Tanh,
        output: Output::Logistic,
        init: Init::Scaled,
        l2_in: l2,
        l2_out: l2,
        momentum: Momentum::Article(0.0),
        learning_rate: lr,
        ..Config::default()
    };
    let (wi, _, _, _) = small_problem();
    let mut net =
        MlpNeuralNetwork::from_weights(wi.clone(), DMatrix::zeros(3, 2), config.architecture())
            .unwrap();
    let mut sgd = improved::Sgd::new(config.sgd(), &net).unwrap();
    net.feed_forward(&[0.4, -0.6]).unwrap();
    net.back_propagate(&[0.5, 0.5], &mut sgd).unwrap();
    for (after, before) in net.wi().iter().zip(wi.iter()) {
        let expected = before * (1.0 - lr * l2);
        assert!(
            (after - expected).abs() <= 2.0 * f64::EPSILON * before.abs(),
            "{after} vs {expected}"
        );
    }
}

#[test]
fn the_learning_rate_decays_as_rate_over_one_plus_decay_each_epoch() {
    let config = Config {
        rate_decay: 0.1,
        learning_rate: 0.3,
        epochs: 5,
        ..Config::naive_equivalent()
    };
    let (wi, wo, features, labels) = small_problem();
    let mut net = MlpNeuralNetwork::from_weights(wi, wo, config.architecture()).unwrap();
    let mut trainer = Trainer::new(config.schedule(), config.sgd(), &net).unwrap();
    let history = trainer
        .fit(&mut net, &Samples::new(&features, &labels).unwrap(), None)
        .unwrap();
    let mut expected = 0.3;
    for epoch in &history.epochs {
        assert!(
            (epoch.learning_rate - expected).abs() <= 1e-15,
            "epoch {}",
            epoch.epoch
        );
        expected /= 1.0 + 0.1;
    }
    assert!((trainer.learning_rate() - 0.3 / 1.1f64.powi(5)).abs() < 1e-15);
}

#[test]
fn the_same_seed_gives_the_same_network_and_training() {
    let config = Config {
        epochs: 3,
        ..Config::recommended()
    };
    let (a, b) = (fitted(&config), fitted(&config));
    assert_eq!(a.wi(), b.wi());
    let new = |seed| {
        Config {
            seed,
            ..Config::recommended()
        }
        .network(4, 3, 2)
        .unwrap()
    };
    assert_eq!(new(7).wi(), new(7).wi());
    assert_ne!(new(7).wi(), new(8).wi());
}
