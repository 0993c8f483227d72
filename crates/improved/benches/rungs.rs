//! Three rungs of speed on real MNIST pixels (the 60,000 training images,
//! scaled to [0, 1], about 81 % exactly 0), one epoch per iteration:
//!
//! 1. `per_sample_fused`: the per-sample network as `fit` runs it (one
//!    fused pass over `wi` per sample), in `f64` and `f32`;
//! 2. `per_sample`: the per-sample engine in `f64` and `f32`, every input
//!    (`skip = false`) or only the non-zero ones (`skip = true`);
//! 3. `mini_batch`: the batch engine, batches of 32, 64 and 128, `f32` and
//!    `f64`, 1 and 2 threads, its first layer skipping the zero inputs
//!    (the default on MNIST); `mini_batch_dense`: the same with dense
//!    products only, batches of 64;
//!
//! and the two floors, measured in the same run:
//!
//! - `floor_one_pass`: per sample, one read-modify-write pass over a
//!   (785, hidden) matrix that also takes the dot product of each updated
//!   column with the next sample (`w -= c * x; z += w * next`), and nothing
//!   else: what any dense per-sample step must at least do;
//! - `floor_product`: the two big products of an epoch done as two bare
//!   matrix products over all 60,000 samples at once (`X W` and `X^T D`,
//!   through nalgebra's `gemm` and matrixmultiply), 1 or 2 threads: what a
//!   mini-batch epoch must at least compute, at the best speed matrixmultiply
//!   reaches on this machine.
//!
//! Every network bench uses `Config::article_digits()` (tanh, logistic
//! output, the article's momentum 0.5), shapes 784-100-10 and 784-300-10.
//!
//! Command: `cargo bench -p improved --bench rungs` (a few minutes; add a
//! name, e.g. `-- mini_batch`, to run some). The measured table and the
//! ratios to the floors are in the lesson "Three rungs".

use std::hint::black_box;
use std::sync::OnceLock;

use divan::Bencher;
use improved::engine::batch::BatchEngine;
use improved::engine::sparse::SparseEngine;
use improved::engine::sparse_inputs::InputPath;
use improved::engine::{EpochPlan, Real};
use improved::{Config, Samples};
use nalgebra::DMatrix;

const INPUTS: usize = 784;
const OUTPUTS: usize = 10;
const HIDDEN: [usize; 2] = [100, 300];
/// (hidden units, threads).
const SHAPES: [(usize, usize); 4] = [(100, 1), (100, 2), (300, 1), (300, 2)];

fn main() {
    divan::main();
}

/// MNIST's 60,000 training images, pixels / 255, and their labels, loaded once.
fn mnist() -> &'static (Vec<f64>, Vec<usize>) {
    static DATA: OnceLock<(Vec<f64>, Vec<usize>)> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut train = data::load_mnist(data::default_mnist_dir())
            .expect("MNIST in data/mnist")
            .train;
        train.scale_by(255.0).expect("a positive divisor");
        (train.features().to_vec(), train.labels().to_vec())
    })
}

fn samples() -> Samples<'static> {
    let (features, labels) = mnist();
    Samples::new(features, labels).expect("whole rows")
}

fn order() -> Vec<usize> {
    (0..samples().len()).collect()
}

/// Starting weights for a 784-hidden-10 network (seed 1).
fn weights(hidden: usize) -> (DMatrix<f64>, DMatrix<f64>) {
    let net = Config::article_digits()
        .network(INPUTS, hidden, OUTPUTS)
        .expect("valid sizes");
    (net.wi().clone(), net.wo().clone())
}

#[divan::bench(types = [f64, f32], args = HIDDEN, sample_count = 3, sample_size = 1)]
fn per_sample_fused<T: Real>(bencher: Bencher, hidden: usize) {
    let config = Config {
        epochs: 1,
        shuffle: false,
        precision: T::PRECISION,
        ..Config::article_digits()
    };
    let (mut net, mut trainer) = config.build(INPUTS, hidden, OUTPUTS).expect("valid sizes");
    let train = samples();
    bencher.bench_local(|| trainer.fit(&mut net, &train, None).expect("finite"));
}

#[divan::bench(types = [f64, f32], args = [(100, false), (100, true), (300, false), (300, true)],
    sample_count = 3, sample_size = 1)]
fn per_sample<T: Real>(bencher: Bencher, (hidden, skip): (usize, bool)) {
    let (wi, wo) = weights(hidden);
    let mut engine: SparseEngine<T> = SparseEngine::new(
        &wi,
        &wo,
        Config::article_digits().architecture(),
        Config::article_digits().sgd(),
        skip,
    )
    .expect("valid shapes");
    let (train, order) = (samples(), order());
    bencher.bench_local(|| {
        engine
            .train_rows(EpochPlan::quiet(&train, &order, 0.01))
            .expect("finite")
    });
}

/// The mini-batch engine for 784-`hidden`-10 with the article's digits
/// settings, batches of `batch`, on `threads` threads.
fn batch_engine<T: Real>(hidden: usize, batch: usize, threads: usize) -> BatchEngine<T> {
    let (wi, wo) = weights(hidden);
    let config = Config::article_digits();
    BatchEngine::new(
        &wi,
        &wo,
        config.architecture(),
        config.sgd(),
        batch,
        threads,
    )
    .expect("valid shapes")
}

#[divan::bench(types = [f32, f64], consts = [32, 64, 128], args = SHAPES,
    sample_count = 3, sample_size = 1)]
fn mini_batch<T: Real, const B: usize>(bencher: Bencher, (hidden, threads): (usize, usize)) {
    let mut engine = batch_engine::<T>(hidden, B, threads);
    let (train, order) = (samples(), order());
    bencher.bench_local(|| {
        engine
            .train_rows(EpochPlan::quiet(&train, &order, 0.01))
            .expect("finite")
    });
}

#[divan::bench(types = [f32, f64], args = SHAPES, sample_count = 3, sample_size = 1)]
fn mini_batch_dense<T: Real>(bencher: Bencher, (hidden, threads): (usize, usize)) {
    let mut engine = batch_engine::<T>(hidden, 64, threads);
    engine.set_input_path(InputPath::Dense);
    let (train, order) = (samples(), order());
    bencher.bench_local(|| {
        engine
            .train_rows(EpochPlan::quiet(&train, &order, 0.01))
            .expect("finite")
    });
}

#[divan::bench(types = [f64, f32], args = HIDDEN, sample_count = 3, sample_size = 1)]
fn floor_one_pass<T: Real>(bencher: Bencher, hidden: usize) {
    let (features, _) = mnist();
    let rows = INPUTS + 1;
    // 785 numbers per sample (the bias last), padded to a multiple of LANES
    let padded = rows.div_ceil(LANES) * LANES;
    let mut x = vec![T::zero(); features.len() / INPUTS * padded];
    for (to, from) in x
        .chunks_exact_mut(padded)
        .zip(features.chunks_exact(INPUTS))
    {
        to[..INPUTS]
            .iter_mut()
            .zip(from)
            .for_each(|(t, &f)| *t = T::from_f64_nearest(f));
        to[INPUTS] = T::one();
    }
    let mut w = vec![T::from_f64_nearest(0.01); padded * hidden];
    let c = T::from_f64_nearest(1e-9);
    bencher.bench_local(|| {
        let mut z = T::zero();
        let samples = x.chunks_exact(padded);
        for (now, next) in samples.clone().zip(samples.skip(1)) {
            for column in w.chunks_exact_mut(padded) {
                z += update_and_dot(column, now, next, c);
            }
        }
        black_box(z)
    });
}

/// Numbers handled side by side: independent partial sums, so the loop is
/// limited by moving `w`, not by waiting for one running sum.
const LANES: usize = 16;

/// `w -= c * x`, then the dot product of the new `w` with `next`: one
/// read-modify-write pass over `w`.
fn update_and_dot<T: Real>(w: &mut [T], x: &[T], next: &[T], c: T) -> T {
    let mut sums = [T::zero(); LANES];
    let blocks = w
        .chunks_exact_mut(LANES)
        .zip(x.chunks_exact(LANES))
        .zip(next.chunks_exact(LANES));
    for ((w, x), next) in blocks {
        for k in 0..LANES {
            w[k] -= c * x[k];
            sums[k] += w[k] * next[k];
        }
    }
    sums.iter().fold(T::zero(), |a, &b| a + b)
}

#[divan::bench(types = [f32, f64], args = SHAPES, sample_count = 3, sample_size = 1)]
fn floor_product<T: Real>(bencher: Bencher, (hidden, threads): (usize, usize)) {
    let (features, _) = mnist();
    let n = features.len() / INPUTS;
    let rows = INPUTS + 1;
    // X: (n, 785) with the bias column; X^T: (785, n); W, G: (785, hidden); Z, D: (n, hidden)
    let x = DMatrix::<T>::from_fn(n, rows, |i, j| {
        T::from_f64_nearest(if j < INPUTS {
            features[i * INPUTS + j]
        } else {
            1.0
        })
    });
    let xt = x.transpose();
    let w = DMatrix::<T>::from_element(rows, hidden, T::from_f64_nearest(0.01));
    let d = DMatrix::<T>::from_element(n, hidden, T::from_f64_nearest(0.001));
    let mut z = DMatrix::<T>::zeros(n, hidden);
    let mut g = DMatrix::<T>::zeros(rows, hidden);
    bencher.bench_local(|| {
        split_product(threads, &mut z, &x, &w); // the forward pass: X W
        split_product(threads, &mut g, &xt, &d); // the gradient: X^T D
        black_box((&z, &g));
    });
}

/// `c = a b`, the columns of `b` and `c` split between `threads` (1 or 2).
fn split_product<T: Real>(threads: usize, c: &mut DMatrix<T>, a: &DMatrix<T>, b: &DMatrix<T>) {
    if threads == 1 {
        c.gemm(T::one(), a, b, T::zero());
        return;
    }
    let half = b.ncols() / 2;
    let (mut c1, mut c2) = c.columns_range_pair_mut(..half, half..);
    let (b1, b2) = (b.columns(0, half), b.columns(half, b.ncols() - half));
    std::thread::scope(|s| {
        s.spawn(|| c1.gemm(T::one(), a, &b1, T::zero()));
        c2.gemm(T::one(), a, &b2, T::zero());
    });
}
