//! One per-sample training epoch on an MNIST-sized problem: 60,000 random
//! samples, 784 -> 100 -> 10, f64.
//!
//! Command: `cargo bench -p improved --bench epoch` (about a minute; add
//! `-- article_momentum` to run one benchmark). Each benchmark runs 3
//! epochs and divan reports the median. At 0.56 MFLOP per sample an epoch
//! is about 34 GFLOP, so GFLOP/s = 34 / (seconds per epoch).
//!
//! - `article_momentum`: the article's digits settings (tanh, logistic
//!   output, the article's momentum 0.5 stored as two vectors, rate decay),
//!   trained by the fused engine (the default)
//! - `reference_article_momentum`: the same, trained by the reference
//!   network's own functions (`Engine::Reference`: full `ci`, `co` matrices,
//!   one nalgebra call per equation)
//! - `no_momentum`: the article's defaults (momentum 0)
//! - `recommended`: `Config::recommended()` (softmax, classical momentum:
//!   a full velocity matrix per layer, read and written every sample)
//! - `full_matrix_article_momentum`: the article's rule written in the
//!   in-place nalgebra style (`gemv_tr` forward, one update loop per layer)
//!   with the previous change stored as full matrices `ci`, `co`, as most
//!   re-implementations do; no fusion, no AVX2 kernels.
//!
//! Measured on the project's 2-core AMD EPYC (Zen 3) VM, shared with other
//! jobs, default build settings (median of 3 epochs, s/epoch and GFLOP/s):
//!
//! | benchmark | s/epoch | GFLOP/s |
//! |---|---|---|
//! | article_momentum | 2.36 | 14.2 |
//! | no_momentum | 1.97 | 17.1 |
//! | recommended (full velocity matrices) | 2.78 | 12.1 |
//! | full_matrix_article_momentum | 12.57 | 2.7 |
//!
//! Later runs on the same machine gave a median of 2.11 to 2.33 s for
//! `article_momentum` (full matrices: 11.7 to 13.4 s).
//!
//! The project's reference measurement of the full-matrix nalgebra style was
//! 4.2 s on an idle machine of this kind; the same style took 11-13 s in
//! these runs, so the machine was about 3 times slower than that reference
//! when they ran (a per-sample NumPy loop of the same algorithm took about
//! 60 s per epoch, against 15.8 s in the reference). Almost all of our time
//! is the single fused pass over `wi` (see `src/engine/kernels.rs`): about 0.38-0.44
//! ns per weight per sample. A bare C loop doing only that pass
//! (`w -= c * x; z += w * next` over a 785 x 100 matrix, built with
//! `-O3 -march=native -ffast-math`) took 0.35-0.40 ns per weight on the same
//! machine, 1.64 to 1.90 s per 60,000 samples: the whole network is within
//! about 25% of a loop that does nothing but touch `wi` once.

use std::sync::OnceLock;

use divan::Bencher;
use improved::{Config, Engine, Samples};
use nalgebra::{DMatrix, DVector};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

const SAMPLES: usize = 60_000;
const INPUTS: usize = 784;
const HIDDEN: usize = 100;
const OUTPUTS: usize = 10;

fn main() {
    divan::main();
}

/// Random pixels in [0, 1) and random labels, built once.
fn data() -> &'static (Vec<f64>, Vec<usize>) {
    static DATA: OnceLock<(Vec<f64>, Vec<usize>)> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        let features = (0..SAMPLES * INPUTS).map(|_| rng.random::<f64>()).collect();
        let labels = (0..SAMPLES).map(|_| rng.random_range(0..OUTPUTS)).collect();
        (features, labels)
    })
}

fn one_epoch(bencher: Bencher, config: Config) {
    let (features, labels) = data();
    let samples = Samples::new(features, labels).expect("whole rows");
    let config = Config {
        epochs: 1,
        ..config
    };
    let (mut net, mut trainer) = config.build(INPUTS, HIDDEN, OUTPUTS).expect("valid sizes");
    bencher.bench_local(|| trainer.fit(&mut net, &samples, None).expect("finite"));
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn article_momentum(bencher: Bencher) {
    one_epoch(bencher, Config::article_digits());
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn recommended(bencher: Bencher) {
    one_epoch(bencher, Config::recommended());
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn no_momentum(bencher: Bencher) {
    one_epoch(bencher, Config::default());
}

/// The reference network's own `feed_forward` and `back_propagate`
/// (`Engine::Reference`), article momentum: what the fused engine replaces.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn reference_article_momentum(bencher: Bencher) {
    one_epoch(
        bencher,
        Config {
            engine: Engine::Reference,
            ..Config::article_digits()
        },
    );
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn full_matrix_article_momentum(bencher: Bencher) {
    let (features, labels) = data();
    let mut net = FullMatrix::new();
    bencher.bench_local(|| {
        for (row, &label) in features.chunks_exact(INPUTS).zip(labels) {
            net.step(row, label);
        }
    });
}

/// The article's rule with the previous changes stored as full matrices,
/// otherwise written like `improved` (fused single-pass updates).
struct FullMatrix {
    ai: DVector<f64>,
    ah: DVector<f64>,
    ao: DVector<f64>,
    od: DVector<f64>,
    hd: DVector<f64>,
    wi: DMatrix<f64>,
    wo: DMatrix<f64>,
    ci: DMatrix<f64>,
    co: DMatrix<f64>,
}

impl FullMatrix {
    fn new() -> FullMatrix {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
        let mut w = |r: usize, c: usize| {
            DMatrix::from_fn(r, c, |_, _| (rng.random::<f64>() - 0.5) / (r as f64).sqrt())
        };
        FullMatrix {
            ai: DVector::from_element(INPUTS + 1, 1.0),
            ah: DVector::zeros(HIDDEN),
            ao: DVector::zeros(OUTPUTS),
            od: DVector::zeros(OUTPUTS),
            hd: DVector::zeros(HIDDEN),
            wi: w(INPUTS + 1, HIDDEN),
            wo: w(HIDDEN, OUTPUTS),
            ci: DMatrix::zeros(INPUTS + 1, HIDDEN),
            co: DMatrix::zeros(HIDDEN, OUTPUTS),
        }
    }

    fn step(&mut self, row: &[f64], label: usize) {
        let (lr, mu) = (0.01, 0.5);
        self.ai.as_mut_slice()[..INPUTS].copy_from_slice(row);
        self.ah.gemv_tr(1.0, &self.wi, &self.ai, 0.0);
        self.ah.apply(|x| *x = x.tanh());
        self.ao.gemv_tr(1.0, &self.wo, &self.ah, 0.0);
        self.ao.apply(|x| *x = 1.0 / (1.0 + (-*x).exp()));
        for (k, (od, ao)) in self.od.iter_mut().zip(self.ao.iter()).enumerate() {
            let t = if k == label { 1.0 } else { 0.0 };
            *od = ao * (1.0 - ao) * -(t - ao);
        }
        self.hd.gemv(1.0, &self.wo, &self.od, 0.0);
        self.hd.zip_apply(&self.ah, |d, y| *d *= 1.0 - y * y);
        update(&mut self.wo, &mut self.co, &self.ah, &self.od, lr, mu);
        update(&mut self.wi, &mut self.ci, &self.ai, &self.hd, lr, mu);
    }
}

/// `change = x d^T; w -= lr * change + mu * c; c = change`, one pass.
fn update(
    w: &mut DMatrix<f64>,
    c: &mut DMatrix<f64>,
    x: &DVector<f64>,
    d: &DVector<f64>,
    lr: f64,
    mu: f64,
) {
    let rows = w.nrows();
    let columns = w
        .as_mut_slice()
        .chunks_exact_mut(rows)
        .zip(c.as_mut_slice().chunks_exact_mut(rows));
    for ((w, c), &d) in columns.zip(d.iter()) {
        for ((w, c), &x) in w.iter_mut().zip(c.iter_mut()).zip(x.iter()) {
            let change = x * d;
            *w -= lr * change + mu * *c;
            *c = change;
        }
    }
}
