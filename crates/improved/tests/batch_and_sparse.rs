//! The engines against the reference network: the same steps, within stated
//! tolerances (the order of additions differs, so bit equality is not claimed).

use improved::engine::EpochPlan;
use improved::engine::Real;
use improved::engine::batch::BatchEngine;
use improved::engine::sparse::SparseEngine;
use improved::engine::sparse_inputs::{InputPath, Simd};
use improved::{
    Config, Engine, Hidden, Init, MlpNeuralNetwork, Momentum, Output, Precision, Samples, Sgd,
    Trainer,
};
use nalgebra::DMatrix;
use proptest::prelude::*;
use std::ops::Range;

/// A small problem: weights, rows (about half of the pixels exactly 0, as
/// in MNIST) and labels, and a configuration with every switch drawn.
#[derive(Debug, Clone)]
struct Case {
    wi: DMatrix<f64>,
    wo: DMatrix<f64>,
    features: Vec<f64>,
    labels: Vec<usize>,
    config: Config,
}

fn case(max_samples: usize) -> impl Strategy<Value = Case> {
    case_of(1..7, max_samples)
}

/// [`case`] with a number of inputs drawn from `inputs`.
fn case_of(inputs: Range<usize>, max_samples: usize) -> impl Strategy<Value = Case> {
    (inputs, 1usize..6, 2usize..5, 1usize..=max_samples).prop_flat_map(
        |(inputs, hidden, outputs, n)| {
            (
                prop::collection::vec(-1.0..1.0f64, (inputs + 1) * hidden),
                prop::collection::vec(-1.0..1.0f64, hidden * outputs),
                prop::collection::vec(prop_oneof![Just(0.0), 0.0..1.0f64], inputs * n),
                prop::collection::vec(0..outputs, n),
                (any::<bool>(), any::<bool>(), any::<bool>()),
                (
                    0.0..0.95f64,
                    prop_oneof![Just(0.0), 0.0..0.5f64],
                    0.001..0.5f64,
                ),
            )
                .prop_map(move |(wi, wo, features, labels, switches, numbers)| {
                    let (tanh, softmax, classical) = switches;
                    let (mu, l2, lr) = numbers;
                    Case {
                        wi: DMatrix::from_vec(inputs + 1, hidden, wi),
                        wo: DMatrix::from_vec(hidden, outputs, wo),
                        features,
                        labels,
                        config: Config {
                            hidden: if tanh { Hidden::Tanh } else { Hidden::Sigmoid },
                            output: if softmax {
                                Output::Softmax
                            } else {
                                Output::Logistic
                            },
                            init: Init::Scaled,
                            shuffle: false,
                            l2_in: l2,
                            l2_out: l2 / 2.0,
                            momentum: if classical {
                                Momentum::Classical(mu)
                            } else {
                                Momentum::Article(mu)
                            },
                            learning_rate: lr,
                            ..Config::default()
                        },
                    }
                })
        },
    )
}

/// The reference: `feed_forward` then `back_propagate` for each sample in
/// turn, at the configured learning rate. Returns `(wi, wo)`.
fn reference_steps(c: &Case) -> (DMatrix<f64>, DMatrix<f64>) {
    let mut net =
        MlpNeuralNetwork::from_weights(c.wi.clone(), c.wo.clone(), c.config.architecture())
            .unwrap();
    let mut sgd = Sgd::new(c.config.sgd(), &net).unwrap();
    let inputs = c.wi.nrows() - 1;
    let mut targets = vec![0.0; c.wo.ncols()];
    for (row, &label) in c.features.chunks_exact(inputs).zip(&c.labels) {
        targets[label] = 1.0;
        net.feed_forward(row).unwrap();
        net.back_propagate(&targets, &mut sgd).unwrap();
        targets[label] = 0.0;
    }
    (net.wi().clone(), net.wo().clone())
}

/// The reference's gradients of one sample at the starting weights:
/// `(outer(ai, hidden_deltas), outer(ah, output_deltas))`.
fn reference_gradients(c: &Case, row: &[f64], label: usize) -> (DMatrix<f64>, DMatrix<f64>) {
    let mut net =
        MlpNeuralNetwork::from_weights(c.wi.clone(), c.wo.clone(), c.config.architecture())
            .unwrap();
    let mut targets = vec![0.0; c.wo.ncols()];
    targets[label] = 1.0;
    net.feed_forward(row).unwrap();
    let od = nalgebra::DVector::from_column_slice(net.output_deltas(&targets));
    let hd = nalgebra::DVector::from_column_slice(net.hidden_deltas());
    let mut ai = row.to_vec();
    ai.push(1.0);
    let ai = nalgebra::DVector::from_vec(ai);
    (&ai * hd.transpose(), net.ah() * od.transpose())
}

/// `|a - b| <= tol * (1 + |b|)` for every entry, else the worst entry.
fn close(a: &DMatrix<f64>, b: &DMatrix<f64>, tol: f64) -> Result<(), String> {
    let worst = a
        .iter()
        .zip(b.iter())
        .map(|(x, y)| (x - y).abs() / (1.0 + y.abs()))
        .fold(0.0, f64::max);
    if a.shape() == b.shape() && worst <= tol {
        Ok(())
    } else {
        Err(format!("relative difference {worst:e} > {tol:e}"))
    }
}

fn samples(c: &Case) -> Samples<'_> {
    Samples::new(&c.features, &c.labels).unwrap()
}

fn order(c: &Case) -> Vec<usize> {
    (0..c.labels.len()).collect()
}

/// Weights after the batch engine in `f64` with batches of `batch` rows.
fn batch_steps(c: &Case, batch: usize, threads: usize) -> (DMatrix<f64>, DMatrix<f64>) {
    let mut engine: BatchEngine<f64> = BatchEngine::new(
        &c.wi,
        &c.wo,
        c.config.architecture(),
        c.config.sgd(),
        batch,
        threads,
    )
    .unwrap();
    engine
        .train_rows(EpochPlan::quiet(
            &samples(c),
            &order(c),
            c.config.learning_rate,
        ))
        .unwrap();
    engine.weights()
}

/// Weights after the batch engine in `T`, with the first layer's products
/// going `path` with the loops of `simd`.
fn batch_steps_with<T: Real>(
    c: &Case,
    batch: usize,
    threads: usize,
    (path, simd): (InputPath, Simd),
) -> (DMatrix<f64>, DMatrix<f64>) {
    let mut engine: BatchEngine<T> = BatchEngine::new(
        &c.wi,
        &c.wo,
        c.config.architecture(),
        c.config.sgd(),
        batch,
        threads,
    )
    .unwrap();
    engine.set_input_path(path);
    engine.set_simd(simd);
    engine
        .train_rows(EpochPlan::quiet(
            &samples(c),
            &order(c),
            c.config.learning_rate,
        ))
        .unwrap();
    engine.weights()
}

/// Every way the batch engine's first layer can go: dense, and skipping
/// zero inputs (always, or by the automatic rule) with each vector path
/// this CPU has and the portable one.
fn input_paths() -> Vec<(InputPath, Simd)> {
    let mut paths = vec![(InputPath::Dense, Simd::Portable)];
    for simd in Simd::available() {
        paths.push((InputPath::Sparse, simd));
        paths.push((InputPath::Auto, simd));
    }
    paths
}

/// Weights after the per-sample engine in `f64`, skipping zero inputs or not.
fn sparse_steps(c: &Case, skip: bool) -> (DMatrix<f64>, DMatrix<f64>) {
    let mut engine: SparseEngine<f64> =
        SparseEngine::new(&c.wi, &c.wo, c.config.architecture(), c.config.sgd(), skip).unwrap();
    engine
        .train_rows(EpochPlan::quiet(
            &samples(c),
            &order(c),
            c.config.learning_rate,
        ))
        .unwrap();
    engine.weights()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Batch size 1 is the reference's per-sample rule: every switch, several
    /// steps (momentum carries over), relative tolerance 1e-12.
    #[test]
    fn a_batch_of_one_steps_like_the_reference(c in case(6)) {
        let (wi, wo) = reference_steps(&c);
        let (bwi, bwo) = batch_steps(&c, 1, 1);
        prop_assert!(close(&bwi, &wi, 1e-12).and(close(&bwo, &wo, 1e-12)).is_ok(),
            "{:?} {:?}", close(&bwi, &wi, 1e-12), close(&bwo, &wo, 1e-12));
    }

    /// One batch step's gradient is the mean of the reference's per-sample
    /// gradients at the same weights (relative tolerance 1e-12).
    #[test]
    fn a_batch_gradient_is_the_mean_of_per_sample_gradients(c in case(8)) {
        let inputs = c.wi.nrows() - 1;
        let n = c.labels.len() as f64;
        let (mut gi, mut go) = (c.wi.map(|_| 0.0), c.wo.map(|_| 0.0));
        for (row, &label) in c.features.chunks_exact(inputs).zip(&c.labels) {
            let (a, b) = reference_gradients(&c, row, label);
            gi += a / n;
            go += b / n;
        }
        let mut engine: BatchEngine<f64> =
            BatchEngine::new(&c.wi, &c.wo, c.config.architecture(), c.config.sgd(), c.labels.len(), 1).unwrap();
        engine.step(&samples(&c), &order(&c), c.config.learning_rate);
        let (bgi, bgo) = engine.gradients();
        prop_assert!(close(&bgi, &gi, 1e-12).is_ok(), "{:?}", close(&bgi, &gi, 1e-12));
        prop_assert!(close(&bgo, &go, 1e-12).is_ok(), "{:?}", close(&bgo, &go, 1e-12));
    }

    /// Splitting the products and the update over threads changes no bit.
    #[test]
    fn threads_change_no_number(c in case(12), batch in 1usize..5) {
        prop_assert_eq!(batch_steps(&c, batch, 1), batch_steps(&c, batch, 3));
    }

    /// Skipping zero inputs in the batch engine's first layer (every path:
    /// dense, sparse, automatic; every vector path this CPU has and the
    /// portable one; 1 to 3 threads) gives the dense engine's weights within
    /// a relative 1e-12, for every switch, over several batch steps of 1 to
    /// 39 inputs (so whole blocks and tails of the vector loops run). Only
    /// the order of additions (and a fused multiply-add's single rounding)
    /// differs: about 1e-16 per step; a missed or doubled term is off by
    /// the size of a change.
    #[test]
    fn skipping_zero_inputs_in_batches_gives_the_dense_batch_weights(
        c in case_of(1..40, 12), batch in 1usize..6, threads in 1usize..4,
    ) {
        let (dwi, dwo) = batch_steps_with::<f64>(&c, batch, 1, (InputPath::Dense, Simd::Portable));
        for path in input_paths() {
            let (wi, wo) = batch_steps_with::<f64>(&c, batch, threads, path);
            prop_assert!(close(&wi, &dwi, 1e-12).and(close(&wo, &dwo, 1e-12)).is_ok(),
                "{:?}: {:?} {:?}", path, close(&wi, &dwi, 1e-12), close(&wo, &dwo, 1e-12));
        }
    }

    /// At batch size 1 every input path steps like the reference (relative 1e-12).
    #[test]
    fn skipping_zero_inputs_in_a_batch_of_one_steps_like_the_reference(c in case_of(1..40, 6)) {
        let (wi, wo) = reference_steps(&c);
        for path in input_paths() {
            let (bwi, bwo) = batch_steps_with::<f64>(&c, 1, 1, path);
            prop_assert!(close(&bwi, &wi, 1e-12).and(close(&bwo, &wo, 1e-12)).is_ok(),
                "{:?}: {:?} {:?}", path, close(&bwi, &wi, 1e-12), close(&bwo, &wo, 1e-12));
        }
    }

    /// In f32 every input path gives the dense f32 engine's weights within a
    /// relative 1e-4: the same sums in another order, each rounding about
    /// 6e-8 of a term, over a few steps.
    #[test]
    fn skipping_zero_inputs_in_f32_batches_gives_the_dense_f32_weights(
        c in case_of(1..40, 12).prop_filter("momentum below 0.9", |c| c.config.momentum.mu() < 0.9),
        batch in 1usize..6,
    ) {
        let (dwi, dwo) = batch_steps_with::<f32>(&c, batch, 1, (InputPath::Dense, Simd::Portable));
        for path in input_paths() {
            let (wi, wo) = batch_steps_with::<f32>(&c, batch, 2, path);
            prop_assert!(close(&wi, &dwi, 1e-4).and(close(&wo, &dwo, 1e-4)).is_ok(),
                "{:?}: {:?} {:?}", path, close(&wi, &dwi, 1e-4), close(&wo, &dwo, 1e-4));
        }
    }

    /// The per-sample engine, skipping zero inputs or not, steps like the
    /// reference for every switch, relative tolerance 1e-12 (the lazily
    /// applied decay of classical momentum and l2 included).
    #[test]
    fn skipping_zero_inputs_steps_like_the_reference(c in case(8), skip in any::<bool>()) {
        let (wi, wo) = reference_steps(&c);
        let (swi, swo) = sparse_steps(&c, skip);
        prop_assert!(close(&swi, &wi, 1e-12).and(close(&swo, &wo, 1e-12)).is_ok(),
            "{:?} {:?}", close(&swi, &wi, 1e-12), close(&swo, &wo, 1e-12));
    }
}

/// Where skipping is exact: the article rule without l2 leaves the rows of
/// inputs that were 0 now and one sample ago with their exact bits.
#[test]
fn skipped_rows_keep_their_bits_under_the_article_rule_without_l2() {
    let config = Config {
        momentum: Momentum::Article(0.5),
        l2_in: 0.0,
        ..Config::recommended()
    };
    let wi = DMatrix::from_fn(5, 3, |i, j| (i as f64 - 2.0) * 0.3 + j as f64 * 0.1);
    let wo = DMatrix::from_fn(3, 2, |i, j| 0.2 * i as f64 - 0.1 * j as f64);
    // input 1 and 3 are 0 in both samples
    let features = vec![0.5, 0.0, 0.2, 0.0, 0.9, 0.0, 0.4, 0.0];
    let labels = vec![0, 1];
    let train = Samples::new(&features, &labels).unwrap();
    let mut engine: SparseEngine<f64> =
        SparseEngine::new(&wi, &wo, config.architecture(), config.sgd(), true).unwrap();
    engine
        .train_rows(EpochPlan {
            train: &train,
            order: &[0, 1],
            lr: 0.1,
            progress: &mut |_| {},
        })
        .unwrap();
    let (after, _) = engine.weights();
    for r in [1, 3] {
        assert_eq!(after.row(r), wi.row(r), "row {r} untouched");
    }
    assert_ne!(after.row(0), wi.row(0), "row 0 trained");
}

/// The digits (64 pixels, many 0) scaled to [0, 1], as training samples.
fn digits() -> (Vec<f64>, Vec<usize>) {
    let mut set = data::digits().unwrap();
    set.scale_by(16.0).unwrap();
    (set.features().to_vec(), set.labels().to_vec())
}

/// Trains 64-32-10 on the digits for 3 epochs with `config` (classical
/// momentum, l2, softmax, shuffling); returns the weights and the history's losses.
fn train(config: &Config) -> (DMatrix<f64>, DMatrix<f64>, Vec<f64>) {
    let (features, labels) = digits();
    let train = Samples::new(&features, &labels).unwrap();
    let (mut net, mut trainer) = config.build(64, 32, 10).unwrap();
    let history = trainer.fit(&mut net, &train, None).unwrap();
    let losses = history.epochs.iter().map(|e| e.loss).collect();
    (net.wi().clone(), net.wo().clone(), losses)
}

fn digits_config() -> Config {
    Config {
        epochs: 3,
        l2_in: 0.001,
        l2_out: 0.001,
        ..Config::recommended()
    }
}

/// Through the trainer, over whole epochs of the digits: the sparse engine
/// (lazy decay of classical momentum and l2 over gaps of hundreds of
/// samples) gives the fused engine's weights and losses within a relative 1e-9.
#[test]
fn the_trainer_with_the_sparse_engine_gives_the_fused_weights() {
    let (wi, wo, losses) = train(&digits_config());
    let sparse = Config {
        engine: Engine::Sparse,
        ..digits_config()
    };
    let (swi, swo, slosses) = train(&sparse);
    close(&swi, &wi, 1e-9).unwrap();
    close(&swo, &wo, 1e-9).unwrap();
    for (a, b) in slosses.iter().zip(&losses) {
        assert!((a - b).abs() <= 1e-9 * b, "{a} vs {b}");
    }
}

/// An f32 run stays close to the f64 run: after 3 epochs of mini-batches of
/// 16 on the digits, every weight within 1e-3 (relative to 1 + |w|) and the
/// mean losses within 0.1 %; the same for the sparse engine one sample at a time.
#[test]
fn an_f32_run_is_within_tolerance_of_the_f64_run() {
    for base in [
        Config {
            batch_size: 16,
            ..digits_config()
        },
        Config {
            engine: Engine::Sparse,
            ..digits_config()
        },
    ] {
        let (wi, wo, losses) = train(&base);
        let (fwi, fwo, flosses) = train(&Config {
            precision: Precision::F32,
            ..base.clone()
        });
        close(&fwi, &wi, 1e-3).unwrap();
        close(&fwo, &wo, 1e-3).unwrap();
        for (a, b) in flosses.iter().zip(&losses) {
            assert!((a - b).abs() <= 1e-3 * b, "{a} vs {b}");
        }
    }
}

/// f32 with the reference engine (the network's own f64 code) is a clear
/// error; the fused and sparse engines take it.
#[test]
fn f32_with_the_reference_engine_is_an_error_saying_what_to_use() {
    let f32_with = |engine| Config {
        precision: Precision::F32,
        engine,
        ..Config::default()
    };
    let e = f32_with(Engine::Reference)
        .validate()
        .unwrap_err()
        .to_string();
    assert!(e.contains("the reference engine computes in f64"), "{e}");
    assert!(e.contains("fused or sparse engine"), "{e}");
    assert!(e.contains("batch size above 1"), "{e}");
    for engine in [Engine::Fused, Engine::Sparse] {
        assert_eq!(f32_with(engine).validate(), Ok(()), "{engine}");
    }
    let zero = Config {
        batch_size: 0,
        ..Config::default()
    };
    assert_eq!(
        zero.validate().unwrap_err().to_string(),
        "batch_size: expected 1 to 65536, got 0"
    );
}

/// The model file keeps a batch size and precision that are not the
/// defaults (and files without them still load: they mean 1 and f64).
#[test]
fn the_model_file_keeps_batch_size_and_precision() {
    let config = Config {
        batch_size: 32,
        precision: Precision::F32,
        ..digits_config()
    };
    let (net, trainer) = config.build(4, 3, 2).unwrap();
    let text = net.to_model_text(&trainer);
    assert!(
        text.contains("\"batch_size\":32") && text.contains("\"precision\":\"f32\""),
        "{text}"
    );
    let (_, back) = MlpNeuralNetwork::from_model_text_with_config(&text).unwrap();
    assert_eq!(back, config);
    let (plain, trainer) = digits_config().build(4, 3, 2).unwrap();
    let plain = plain.to_model_text(&trainer);
    assert!(
        !plain.contains("batch_size") && !plain.contains("precision"),
        "{plain}"
    );
}

/// Trains from the case's weights through the trainer for 3 epochs with
/// `engine` in `precision`; returns the weights and the mean loss of each epoch.
fn trainer_steps(
    c: &Case,
    engine: Engine,
    precision: Precision,
) -> (DMatrix<f64>, DMatrix<f64>, Vec<f64>) {
    let config = Config {
        epochs: 3,
        engine,
        precision,
        ..c.config.clone()
    };
    let mut net =
        MlpNeuralNetwork::from_weights(c.wi.clone(), c.wo.clone(), config.architecture()).unwrap();
    let mut trainer = Trainer::new(config.schedule(), config.sgd(), &net).unwrap();
    let history = trainer.fit(&mut net, &samples(c), None).unwrap();
    let losses = history.epochs.iter().map(|e| e.loss).collect();
    (net.wi().clone(), net.wo().clone(), losses)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The fused engine in f32 against the reference in f64, 3 epochs, every
    /// switch (activations, outputs, both momentum rules with coefficients
    /// below 0.9, l2), 1 to 39 inputs (so the 16-number chunks of the f32
    /// kernels run, not only their tails): every weight within 1e-3
    /// (relative to 1 + |w|) and each epoch's mean loss within 0.1 % (plus
    /// 1e-6), as for the sparse engine in f32 above.
    ///
    /// f32 rounds each number to about 7 digits, and training amplifies the
    /// differences (the article's momentum adds `mu` times the previous raw
    /// change, not scaled by the rate): over 26,000 drawn cases the largest
    /// weight difference was 2.1e-4 and the median 8e-8. A wrong formula
    /// (a missing term, a momentum off by one sample) is off by about the
    /// size of a change, 1e-2 to 1.
    #[test]
    fn the_fused_engine_in_f32_trains_within_tolerance_of_the_reference(
        c in case_of(1..40, 8).prop_filter("momentum below 0.9", |c| c.config.momentum.mu() < 0.9)
    ) {
        let (wi, wo, losses) = trainer_steps(&c, Engine::Reference, Precision::F64);
        let (fwi, fwo, flosses) = trainer_steps(&c, Engine::Fused, Precision::F32);
        prop_assert!(close(&fwi, &wi, 1e-3).and(close(&fwo, &wo, 1e-3)).is_ok(),
            "{:?} {:?}", close(&fwi, &wi, 1e-3), close(&fwo, &wo, 1e-3));
        for (a, b) in flosses.iter().zip(&losses) {
            prop_assert!((a - b).abs() <= 1e-3 * b + 1e-6, "loss {} vs {}", a, b);
        }
    }
}

#[test]
fn engines_too_large_for_memory_are_errors_not_aborts() {
    // The batch engine used to allocate with infallible `DMatrix::zeros`: a
    // (hidden, batch) matrix past what the machine can give aborted the
    // program. Now every engine matrix is reserved first.
    let config = Config::default();
    let (wi, wo) = (
        DMatrix::from_element(3, 4, 0.1),
        DMatrix::from_element(4, 2, 0.1),
    );
    for batch in [usize::MAX / 2, 1 << 50] {
        let Err(e) =
            BatchEngine::<f32>::new(&wi, &wo, config.architecture(), config.sgd(), batch, 1)
        else {
            panic!("a batch of {batch} is too large for memory: expected an error");
        };
        assert!(
            matches!(e, improved::NetworkError::TooLarge { .. }),
            "{e:?}"
        );
        assert!(e.to_string().contains("cannot be allocated"), "{e}");
    }
    let engine = BatchEngine::<f32>::new(&wi, &wo, config.architecture(), config.sgd(), 8, 1);
    assert!(engine.is_ok());
}
