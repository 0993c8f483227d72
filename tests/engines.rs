//! The fast engine computes what the reference network computes.
//!
//! `Engine::Fused` rearranges the reference's per-sample rule (one pass over
//! `wi`, the next sample's feed forward folded into the update, a rank-1
//! momentum memory, SIMD kernels), so its additions happen in another order:
//! the numbers agree up to rounding, not bit for bit. Rounding differences of
//! about 1e-16 per operation grow a little over a short run; we allow
//! `1e-9 * (1 + |value|)` after up to three epochs of a few dozen samples,
//! which a wrong formula (a missing l2 factor, a momentum term off by one
//! sample, a transposed change) misses by many orders of magnitude.
//!
//! Where the engine claims bit-equality (its AVX2 and portable kernels, the
//! fused dot product against a separate one, the column pair against single
//! columns) the kernels' own unit tests check it bit for bit.

use improved::{
    Config, Engine, Hidden, History, Init, MlpNeuralNetwork, Momentum, Output, Precision, Samples,
};
use nalgebra::DMatrix;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Within `1e-9 * (1 + |a|)` of each other.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs())
}

fn all_close<'a>(
    a: impl IntoIterator<Item = &'a f64>,
    b: impl IntoIterator<Item = &'a f64>,
) -> bool {
    a.into_iter().zip(b).all(|(a, b)| close(*a, *b))
}

/// A random small problem: sizes, samples with labels, and switches.
#[derive(Debug, Clone)]
struct Case {
    inputs: usize,
    hidden: usize,
    outputs: usize,
    features: Vec<f64>,
    labels: Vec<usize>,
    config: Config,
}

fn momentum() -> impl Strategy<Value = Momentum> {
    prop_oneof![
        (0.0..=1.0f64).prop_map(Momentum::Article),
        (0.0..0.95f64).prop_map(Momentum::Classical),
    ]
}

fn config() -> impl Strategy<Value = Config> {
    (
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
        momentum(),
        (
            prop_oneof![Just(0.0), 0.0..0.1f64],
            prop_oneof![Just(0.0), 0.0..0.1f64],
        ),
        (prop_oneof![Just(0.0), 0.0..0.5f64], 0.001..0.3f64),
        (1..=3usize, any::<u64>()),
    )
        .prop_map(
            |(
                (tanh, softmax, scaled, shuffle),
                momentum,
                (l2_in, l2_out),
                (rate_decay, lr),
                (epochs, seed),
            )| Config {
                hidden: if tanh { Hidden::Tanh } else { Hidden::Sigmoid },
                output: if softmax {
                    Output::Softmax
                } else {
                    Output::Logistic
                },
                init: if scaled {
                    Init::Scaled
                } else {
                    Init::StandardNormal
                },
                shuffle,
                l2_in,
                l2_out,
                momentum,
                rate_decay,
                epochs,
                learning_rate: lr,
                seed,
                engine: Engine::Reference,
                batch_size: 1,
                precision: Precision::F64,
            },
        )
}

fn case() -> impl Strategy<Value = Case> {
    (1..=9usize, 1..=7usize, 2..=4usize, 1..=24usize, config()).prop_flat_map(
        |(inputs, hidden, outputs, rows, config)| {
            (
                // about half the features exactly 0, as MNIST's pixels (the sparse engine skips them)
                proptest::collection::vec(prop_oneof![Just(0.0), -1.5..1.5f64], inputs * rows),
                proptest::collection::vec(0..outputs, rows),
            )
                .prop_map(move |(features, labels)| Case {
                    inputs,
                    hidden,
                    outputs,
                    features,
                    labels,
                    config: config.clone(),
                })
        },
    )
}

/// Trains a fresh network of `case` with `engine`.
fn train(case: &Case, engine: Engine) -> (MlpNeuralNetwork, History) {
    let config = Config {
        engine,
        ..case.config.clone()
    };
    let (mut net, mut trainer) = config
        .build(case.inputs, case.hidden, case.outputs)
        .unwrap();
    let samples = Samples::new(&case.features, &case.labels).unwrap();
    let history = trainer.fit(&mut net, &samples, Some(&samples)).unwrap();
    (net, history)
}

fn same_matrix(a: &DMatrix<f64>, b: &DMatrix<f64>) -> bool {
    a.shape() == b.shape() && all_close(a.iter(), b.iter())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/engines.txt",
        ))),
        ..ProptestConfig::default()
    })]

    /// Every switch: activations, init, shuffling, both momentum rules, l2
    /// per layer, rate decay, one to three epochs.
    #[test]
    fn the_fused_engine_trains_like_the_reference(case in case()) {
        let (reference, reference_history) = train(&case, Engine::Reference);
        let (fused, fused_history) = train(&case, Engine::Fused);
        prop_assert!(same_matrix(reference.wi(), fused.wi()), "wi\n{}\n{}", reference.wi(), fused.wi());
        prop_assert!(same_matrix(reference.wo(), fused.wo()), "wo");
        // The engine trained the weights and touched nothing else of the
        // network: its activations are still those of a fresh network.
        let fresh = case.config.network(case.inputs, case.hidden, case.outputs).unwrap();
        prop_assert_eq!((fused.ai(), fused.ah(), fused.ao()), (fresh.ai(), fresh.ah(), fresh.ao()));
        // The same history: losses, rates, validation accuracies.
        let (r, f) = (&reference_history.epochs, &fused_history.epochs);
        prop_assert_eq!(r.len(), f.len());
        for (r, f) in r.iter().zip(f) {
            prop_assert!(close(r.loss, f.loss), "loss {} vs {}", r.loss, f.loss);
            prop_assert_eq!(r.learning_rate, f.learning_rate);
            prop_assert_eq!(r.validation_accuracy, f.validation_accuracy);
        }
    }

    /// The sparse engine (zero inputs skipped, l2 and classical momentum
    /// applied lazily to the skipped rows) under the trainer: every switch,
    /// the same weights and history within the same tolerance.
    #[test]
    fn the_sparse_engine_trains_like_the_reference(case in case()) {
        let (reference, reference_history) = train(&case, Engine::Reference);
        let (sparse, sparse_history) = train(&case, Engine::Sparse);
        prop_assert!(same_matrix(reference.wi(), sparse.wi()), "wi\n{}\n{}", reference.wi(), sparse.wi());
        prop_assert!(same_matrix(reference.wo(), sparse.wo()), "wo");
        let (r, f) = (&reference_history.epochs, &sparse_history.epochs);
        prop_assert_eq!(r.len(), f.len());
        for (r, f) in r.iter().zip(f) {
            prop_assert!(close(r.loss, f.loss), "loss {} vs {}", r.loss, f.loss);
            prop_assert_eq!(r.validation_accuracy, f.validation_accuracy);
        }
    }
}

#[test]
fn the_comparison_notices_a_different_rule() {
    // Not vacuous: the same problem with another momentum rule is far apart.
    let case = Case {
        inputs: 3,
        hidden: 4,
        outputs: 2,
        features: (0..30)
            .map(|i| ((i * 7) % 11) as f64 / 11.0 - 0.5)
            .collect(),
        labels: (0..10).map(|i| i % 2).collect(),
        config: Config {
            momentum: Momentum::Article(0.5),
            shuffle: false,
            epochs: 2,
            learning_rate: 0.1,
            ..Config::default()
        },
    };
    let (article, _) = train(&case, Engine::Fused);
    let classical = Case {
        config: Config {
            momentum: Momentum::Classical(0.5),
            ..case.config.clone()
        },
        ..case.clone()
    };
    let (other, _) = train(&classical, Engine::Reference);
    assert!(!same_matrix(article.wi(), other.wi()));
    let (same, _) = train(&case, Engine::Reference);
    assert!(same_matrix(article.wi(), same.wi()));
}
