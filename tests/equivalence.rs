//! `naive` (loops, article part 1) and `improved` (nalgebra, part 2) are the
//! same algorithm: with every upgrade switched off, `improved` steps exactly
//! like `naive` from the same weights. And the converse: switching any one
//! upgrade on changes the numbers, so the agreement is not vacuous.
//!
//! Tolerance. The two crates add the same products in different orders (a
//! loop with one accumulator against nalgebra's kernels), so results may
//! differ in the last bits. We compare normwise: for a vector or matrix `a`
//! against `b`, `max|a - b| <= tol * max(max|a|, max|b|)`. A single step
//! must agree to 1e-10; whole runs of several epochs to 1e-8 (rounding
//! differences grow slowly with every sample, about 1e-17 per step here).

use improved::{Config, Hidden, Momentum, Output};
use nalgebra::DMatrix;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// A random problem: shapes, weights, patterns, a learning rate.
#[derive(Debug, Clone)]
struct Problem {
    outputs: usize,
    wi: Vec<Vec<f64>>,
    wo: Vec<Vec<f64>>,
    patterns: Vec<(Vec<f64>, usize)>,
    rate: f64,
}

fn matrix(rows: usize, cols: usize) -> impl Strategy<Value = Vec<Vec<f64>>> {
    prop::collection::vec(prop::collection::vec(-2.0..2.0, cols), rows)
}

fn problem() -> impl Strategy<Value = Problem> {
    (1..=12usize, 1..=12usize, 1..=6usize, 1..=8usize).prop_flat_map(|(i, h, o, n)| {
        let pattern = (prop::collection::vec(-1.5..1.5, i), 0..o);
        (
            matrix(i + 1, h),
            matrix(h, o),
            prop::collection::vec(pattern, n),
            1e-4..0.5f64,
        )
            .prop_map(move |(wi, wo, patterns, rate)| Problem {
                outputs: o,
                wi,
                wo,
                patterns,
                rate,
            })
    })
}

fn one_hot(label: usize, n: usize) -> Vec<f64> {
    (0..n).map(|k| if k == label { 1.0 } else { 0.0 }).collect()
}

fn to_matrix(rows: &[Vec<f64>]) -> DMatrix<f64> {
    DMatrix::from_fn(rows.len(), rows[0].len(), |r, c| rows[r][c])
}

/// Normwise relative difference of two equally shaped lists of numbers.
fn difference<'a>(
    a: impl IntoIterator<Item = &'a f64>,
    b: impl IntoIterator<Item = &'a f64>,
) -> f64 {
    let (mut diff, mut scale) = (0.0_f64, 0.0_f64);
    let (a, b): (Vec<f64>, Vec<f64>) = (
        a.into_iter().copied().collect(),
        b.into_iter().copied().collect(),
    );
    assert_eq!(a.len(), b.len(), "shapes differ");
    for (x, y) in a.iter().zip(&b) {
        diff = diff.max((x - y).abs());
        scale = scale.max(x.abs()).max(y.abs());
    }
    if scale == 0.0 { 0.0 } else { diff / scale }
}

/// `naive`'s `wi[i][j]` against `improved`'s `wi[(i, j)]`, same orientation.
fn matrix_difference(naive: &[Vec<f64>], improved: &DMatrix<f64>) -> f64 {
    assert_eq!((naive.len(), naive[0].len()), improved.shape());
    let improved_rows: Vec<f64> = (0..improved.nrows())
        .flat_map(|r| (0..improved.ncols()).map(move |c| (r, c)))
        .map(|(r, c)| improved[(r, c)])
        .collect();
    difference(naive.iter().flatten(), &improved_rows)
}

fn networks(p: &Problem, config: &Config) -> (naive::MlpNeuralNetwork, improved::MlpNeuralNetwork) {
    let naive = naive::MlpNeuralNetwork::from_weights(p.wi.clone(), p.wo.clone()).unwrap();
    let improved = improved::MlpNeuralNetwork::from_weights(
        to_matrix(&p.wi),
        to_matrix(&p.wo),
        config.architecture(),
    )
    .unwrap();
    (naive, improved)
}

fn naive_config(p: &Problem, epochs: usize) -> Config {
    Config {
        learning_rate: p.rate,
        epochs,
        engine: improved::Engine::Reference,
        ..Config::naive_equivalent()
    }
}

/// `config.epochs` epochs of training with a fresh trainer.
fn fit(
    net: &mut improved::MlpNeuralNetwork,
    config: &Config,
    samples: &improved::Samples<'_>,
) -> improved::History {
    let mut trainer = improved::Trainer::new(config.schedule(), config.sgd(), net).unwrap();
    trainer.fit(net, samples, None).unwrap()
}

/// Flat features and labels of the problem's patterns, for `improved::Samples`.
fn flat(p: &Problem) -> (Vec<f64>, Vec<usize>) {
    (
        p.patterns.iter().flat_map(|(x, _)| x.clone()).collect(),
        p.patterns.iter().map(|(_, l)| *l).collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 96,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/equivalence.txt",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_step_agrees_with_naive(p in problem()) {
        let config = naive_config(&p, 1);
        let (mut naive, mut improved) = networks(&p, &config);
        let mut sgd = improved::Sgd::new(config.sgd(), &improved).unwrap();
        for (x, label) in &p.patterns {
            let t = one_hot(*label, p.outputs);
            let naive_out = naive.feed_forward(x).unwrap();
            let improved_out = improved.feed_forward(x).unwrap().to_vec();
            prop_assert!(difference(&naive_out, &improved_out) <= 1e-10, "outputs {naive_out:?} vs {improved_out:?}");
            let naive_error = naive.back_propagate(&t, p.rate).unwrap();
            let improved_error = improved.back_propagate(&t, &mut sgd).unwrap();
            prop_assert!(difference([&naive_error], [&improved_error]) <= 1e-10);
            prop_assert!(matrix_difference(&naive.wo, improved.wo()) <= 1e-10, "wo");
            prop_assert!(matrix_difference(&naive.wi, improved.wi()) <= 1e-10, "wi");
            prop_assert!(matrix_difference(&naive.co, sgd.co()) <= 1e-10, "co");
            prop_assert!(matrix_difference(&naive.ci, sgd.ci()) <= 1e-10, "ci");
        }
    }

    #[test]
    fn whole_training_runs_agree_with_naive(p in problem(), epochs in 1..=4usize) {
        let config = naive_config(&p, epochs);
        let (mut naive, mut improved) = networks(&p, &config);
        let patterns: Vec<(Vec<f64>, Vec<f64>)> =
            p.patterns.iter().map(|(x, l)| (x.clone(), one_hot(*l, p.outputs))).collect();
        let naive_history = naive.train(&patterns, epochs, p.rate).unwrap();
        let (features, labels) = flat(&p);
        let samples = improved::Samples::new(&features, &labels).unwrap();
        let history = fit(&mut improved, &config, &samples);
        let naive_losses: Vec<f64> = naive_history.iter().map(|e| e.mean).collect();
        let improved_losses: Vec<f64> = history.epochs.iter().map(|e| e.loss).collect();
        prop_assert!(difference(&naive_losses, &improved_losses) <= 1e-8, "{naive_losses:?} vs {improved_losses:?}");
        prop_assert!(matrix_difference(&naive.wo, improved.wo()) <= 1e-8, "wo");
        prop_assert!(matrix_difference(&naive.wi, improved.wi()) <= 1e-8, "wi");
    }
}

/// Each upgrade alone, as a change to the naive-equivalent configuration.
fn single_upgrades(base: &Config) -> Vec<(&'static str, Config)> {
    vec![
        (
            "tanh hidden layer (P2.1)",
            Config {
                hidden: Hidden::Tanh,
                ..base.clone()
            },
        ),
        (
            "softmax output (P2.1)",
            Config {
                output: Output::Softmax,
                ..base.clone()
            },
        ),
        (
            "shuffling (P2.3)",
            Config {
                shuffle: true,
                ..base.clone()
            },
        ),
        (
            "l2 on wi (P2.4)",
            Config {
                l2_in: 0.1,
                ..base.clone()
            },
        ),
        (
            "l2 on wo (P2.4)",
            Config {
                l2_out: 0.1,
                ..base.clone()
            },
        ),
        (
            "article momentum 0.5 (P2.4)",
            Config {
                momentum: Momentum::Article(0.5),
                ..base.clone()
            },
        ),
        (
            "classical momentum 0.9",
            Config {
                momentum: Momentum::Classical(0.9),
                ..base.clone()
            },
        ),
        (
            "rate decay",
            Config {
                rate_decay: 0.5,
                ..base.clone()
            },
        ),
    ]
}

#[test]
fn any_single_upgrade_makes_the_networks_differ() {
    // 3 -> 5 -> 2, six patterns of both classes, three epochs.
    let p = Problem {
        outputs: 2,
        wi: (0..4)
            .map(|i| (0..5).map(|j| ((i * 5 + j) as f64 * 0.37).sin()).collect())
            .collect(),
        wo: (0..5)
            .map(|j| (0..2).map(|k| ((j * 2 + k) as f64 * 0.71).cos()).collect())
            .collect(),
        patterns: (0..6)
            .map(|s| {
                (
                    vec![
                        (s as f64).sin(),
                        (s as f64 * 0.5).cos(),
                        0.3 * s as f64 - 0.7,
                    ],
                    s % 2,
                )
            })
            .collect(),
        rate: 0.1,
    };
    let epochs = 3;
    let patterns: Vec<(Vec<f64>, Vec<f64>)> = p
        .patterns
        .iter()
        .map(|(x, l)| (x.clone(), one_hot(*l, p.outputs)))
        .collect();
    let (mut naive, _) = networks(&p, &naive_config(&p, epochs));
    naive.train(&patterns, epochs, p.rate).unwrap();
    let (features, labels) = flat(&p);
    let samples = improved::Samples::new(&features, &labels).unwrap();

    // The baseline agrees...
    let (_, mut same) = networks(&p, &naive_config(&p, epochs));
    fit(&mut same, &naive_config(&p, epochs), &samples);
    assert!(matrix_difference(&naive.wi, same.wi()) <= 1e-10);
    // ...and each upgrade alone moves the weights away from naive's.
    for (name, config) in single_upgrades(&naive_config(&p, epochs)) {
        let (_, mut upgraded) = networks(&p, &config);
        fit(&mut upgraded, &config, &samples);
        let d = matrix_difference(&naive.wi, upgraded.wi())
            .max(matrix_difference(&naive.wo, upgraded.wo()));
        assert!(
            d > 1e-3,
            "{name}: the weights differ from naive's by only {d:e}"
        );
    }
}

#[test]
fn scaled_initialization_draws_smaller_weights_than_naive() {
    // P2.2 changes only `new`: standard-normal weights have spread 1, scaled
    // ones 1/sqrt(fan_in) (1/sqrt(65) for 64 inputs plus the bias).
    let spread = |config: Config| {
        let net = config.network(64, 100, 10).unwrap();
        (net.wi().iter().map(|w| w * w).sum::<f64>() / net.wi().len() as f64).sqrt()
    };
    let naive_like = spread(Config::naive_equivalent());
    let scaled = spread(Config {
        init: improved::Init::Scaled,
        ..Config::naive_equivalent()
    });
    assert!((naive_like - 1.0).abs() < 0.05, "{naive_like}");
    assert!((scaled - 1.0 / 65f64.sqrt()).abs() < 0.01, "{scaled}");
}
