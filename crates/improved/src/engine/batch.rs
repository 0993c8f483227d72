//! Mini-batch training: the third rung. `B` samples go through the network
//! together, so each weight is read once per batch instead of once per
//! sample, and the work becomes matrix x matrix products (`gemm`), which
//! keep the processor's arithmetic units busy instead of waiting on memory.

use std::sync::Arc;

use nalgebra::DMatrix;
use rayon::{ThreadPool, ThreadPoolBuilder};

use super::gemm::{View, product};
use super::real::Real;
use super::sparse_inputs::{self, InputPath, Simd, SparseBatch};
use super::{EpochLoss, EpochPlan, PROGRESS_EVERY, TrainEpoch, check_loss};
use crate::network::{try_convert, try_zeros};
use crate::{
    Architecture, Hidden, MlpNeuralNetwork, Momentum, NetworkError, Output, Samples, SgdSettings,
};

/// One mini-batch step, defined per batch of `B` samples (`B = 1` is exactly
/// the reference's per-sample rule):
///
/// - gradient: the **mean** of the `B` per-sample gradients,
///   `gi = X^T Dh / B` and `go = Ah^T Do / B` (rows of `X`, `Ah`: the batch's
///   input and hidden activations; rows of `Dh`, `Do`: their deltas);
/// - L2: applied once per batch step, `keep = 1 - lr * l2`;
/// - the article's momentum: `w = keep * w - lr * g - mu * g_prev`, with
///   `g_prev` the previous *batch's* raw mean gradient;
/// - classical momentum: `v = mu * v - lr * (g + l2 * w); w += v`, one
///   velocity update per batch step;
/// - the learning rate decays per epoch, as before (the trainer's job).
///
/// The engine keeps its own copy of the weights in `T` (`f32` or `f64`);
/// [`BatchEngine::weights`] gives them back in `f64`. It stores `wi`
/// transposed, (hidden, inputs + 1): one input's weights are contiguous,
/// which the first layer's sparse products need (`sparse_inputs.rs`); the
/// dense products read the same numbers through views with swapped strides.
#[derive(Debug, Clone)]
pub struct BatchEngine<T: Real> {
    hidden: Hidden,
    output: Output,
    momentum: Momentum,
    l2_in: f64,
    l2_out: f64,
    threads: usize,
    /// The engine's own threads when `threads > 1`: each batch step runs
    /// inside this pool, so splitting a product in two costs a queue push,
    /// not a thread start, and when the other thread is busy elsewhere the
    /// working thread does both halves itself.
    pool: Option<Arc<ThreadPool>>,
    /// `wi^T`: (hidden, inputs + 1), the bias column last.
    wi_t: DMatrix<T>,
    /// (hidden, output).
    wo: DMatrix<T>,
    /// What momentum remembers for `wi`: the previous mean gradient (article)
    /// or the velocity (classical), transposed like `wi_t`.
    ci_t: DMatrix<T>,
    /// The same for `wo`, (hidden, output).
    co: DMatrix<T>,
    /// This batch's mean gradients, shaped like `wi_t` and `wo`.
    gi_t: DMatrix<T>,
    go: DMatrix<T>,
    /// The batch's inputs, one sample per column, the bias row (1) last: (inputs + 1, B).
    x: DMatrix<T>,
    /// Hidden activations, then hidden deltas: (hidden, B) each.
    ah: DMatrix<T>,
    hidden_deltas: DMatrix<T>,
    /// Output activations, then output deltas: (output, B) each.
    ao: DMatrix<T>,
    output_deltas: DMatrix<T>,
    /// Which way the first layer's products go, and the batch's non-zero
    /// inputs when they go the sparse way.
    input_path: InputPath,
    sparse: SparseBatch<T>,
    /// Whether the current batch goes the sparse way.
    sparse_now: bool,
    /// The vector instructions of the sparse loops.
    simd: Simd,
}

impl<T: Real> BatchEngine<T> {
    /// An engine for batches of up to `batch_size` samples, starting from the
    /// network's weights `wi` (inputs + 1, hidden) and `wo` (hidden, output),
    /// with the switches of `config` (activations, momentum rule, l2) and
    /// no momentum memory yet (zeros). `threads` (1 or more) splits the
    /// big products and the update of `wi` by hidden units.
    ///
    /// # Errors
    /// A batch size or thread count of 0, shapes that do not chain, or
    /// memory that cannot be had ([`NetworkError::TooLarge`]).
    pub fn new(
        wi: &DMatrix<f64>,
        wo: &DMatrix<f64>,
        architecture: Architecture,
        sgd: SgdSettings,
        batch_size: usize,
        threads: usize,
    ) -> Result<BatchEngine<T>, NetworkError> {
        crate::network::check_shapes(wi, wo)?;
        if batch_size == 0 || threads == 0 {
            return Err(NetworkError::ZeroSize {
                layer: if batch_size == 0 {
                    "batch"
                } else {
                    "thread pool"
                },
            });
        }
        let (input, hidden, output) = (wi.nrows(), wi.ncols(), wo.ncols());
        // Every matrix is reserved fallibly: a large `hidden` or batch is an
        // error, never an abort halfway through.
        let mut x = try_zeros(input, batch_size)?;
        x.row_mut(input - 1).fill(T::one()); // the bias unit
        Ok(BatchEngine {
            hidden: architecture.hidden,
            output: architecture.output,
            momentum: sgd.momentum,
            l2_in: sgd.l2_in,
            l2_out: sgd.l2_out,
            threads,
            // Without its threads (the system refused them) the engine runs on one.
            pool: (threads > 1)
                .then(|| ThreadPoolBuilder::new().num_threads(threads).build().ok())
                .flatten()
                .map(Arc::new),
            wi_t: try_convert(wi, true)?,
            wo: try_convert(wo, false)?,
            ci_t: try_zeros(hidden, input)?,
            co: try_zeros(hidden, output)?,
            gi_t: try_zeros(hidden, input)?,
            go: try_zeros(hidden, output)?,
            x,
            ah: try_zeros(hidden, batch_size)?,
            hidden_deltas: try_zeros(hidden, batch_size)?,
            ao: try_zeros(output, batch_size)?,
            output_deltas: try_zeros(output, batch_size)?,
            input_path: InputPath::Auto,
            sparse: SparseBatch::new(input, batch_size),
            sparse_now: false,
            simd: Simd::detect(),
        })
    }

    /// Chooses how the first layer's products go (default: [`InputPath::Auto`]).
    pub fn set_input_path(&mut self, path: InputPath) {
        self.input_path = path;
    }

    /// Chooses the vector instructions of the sparse loops (default: the
    /// widest this CPU has, [`Simd::detect`]); one the CPU lacks runs the
    /// portable loops.
    pub fn set_simd(&mut self, simd: Simd) {
        self.simd = simd;
    }

    /// The largest batch this engine takes.
    pub fn batch_size(&self) -> usize {
        self.x.ncols()
    }

    /// The weights `(wi, wo)` in `f64`.
    pub fn weights(&self) -> (DMatrix<f64>, DMatrix<f64>) {
        (self.wi_t.transpose().map(T::to_f64), self.wo.map(T::to_f64))
    }

    /// This batch's mean gradients `(gi, go)` (valid after a step).
    pub fn gradients(&self) -> (DMatrix<f64>, DMatrix<f64>) {
        (self.gi_t.transpose().map(T::to_f64), self.go.map(T::to_f64))
    }

    /// Trains one epoch over the rows `order` of `train`, `batch_size` rows
    /// per step (the last batch may be smaller), at learning rate `lr`;
    /// returns the mean loss per sample (each measured before its batch's
    /// update). Calls `progress(done)` after every batch.
    ///
    /// # Errors
    /// Rows of the wrong width, a label without an output unit, or a
    /// non-finite loss ([`NetworkError::Diverged`] with `epoch` 0: the
    /// caller knows the epoch).
    pub fn train_rows(&mut self, plan: EpochPlan<'_>) -> Result<f64, NetworkError> {
        let (train, order, lr) = (plan.train, plan.order, plan.lr);
        self.check(train)?;
        let mut total = 0.0;
        for (b, batch) in order.chunks(self.batch_size()).enumerate() {
            let loss = self.step(train, batch, lr);
            total += check_loss(loss, b * self.batch_size())?;
            let done = b * self.batch_size() + batch.len();
            if done / PROGRESS_EVERY > (done - batch.len()) / PROGRESS_EVERY || done == order.len()
            {
                (plan.progress)(done);
            }
        }
        Ok(total / order.len() as f64)
    }

    /// Starts from the weights `(wi, wo)` (rounded to `T`), keeping the momentum memory.
    pub fn set_weights(&mut self, wi: &DMatrix<f64>, wo: &DMatrix<f64>) {
        for (j, column) in wi.column_iter().enumerate() {
            for (r, &v) in column.iter().enumerate() {
                self.wi_t[(j, r)] = T::from_f64_nearest(v); // wi[(r, j)]
            }
        }
        self.wo.zip_apply(wo, |w, v| *w = T::from_f64_nearest(v));
    }

    /// The fraction of `samples` whose largest output is their label, fed
    /// forward `batch_size` rows at a time with the engine's weights.
    ///
    /// # Errors
    /// Rows of the wrong width or labels without an output unit.
    pub fn accuracy(&mut self, samples: &Samples<'_>) -> Result<f64, NetworkError> {
        self.check(samples)?;
        let correct = match self.pool.clone() {
            Some(pool) => pool.install(|| self.count_correct(samples)),
            None => self.count_correct(samples),
        };
        Ok(correct as f64 / samples.len() as f64)
    }

    /// How many of `samples` have their label as the largest output.
    fn count_correct(&mut self, samples: &Samples<'_>) -> usize {
        let order: Vec<usize> = (0..samples.len()).collect();
        let outputs = self.ao.nrows();
        let mut correct = 0;
        for batch in order.chunks(self.batch_size()) {
            self.load(samples, batch);
            self.feed_forward(batch.len());
            let columns = self.ao.as_slice().chunks_exact(outputs);
            for (ao, &i) in columns.zip(batch) {
                let best = (0..outputs).fold(0, |m, k| if ao[k] > ao[m] { k } else { m });
                correct += usize::from(best == samples.labels()[i]);
            }
        }
        correct
    }

    /// One batch step on the rows `batch` of `train`: feed forward, deltas,
    /// mean gradients, update. Returns the batch's summed loss.
    ///
    /// # Panics
    /// If `batch` is empty or longer than [`batch_size`](Self::batch_size),
    /// or a row or label does not fit (`train_epoch` checks them).
    pub fn step(&mut self, train: &Samples<'_>, batch: &[usize], lr: f64) -> f64 {
        match self.pool.clone() {
            Some(pool) => pool.install(|| self.step_here(train, batch, lr)),
            None => self.step_here(train, batch, lr),
        }
    }

    /// [`step`](Self::step) on the current thread.
    fn step_here(&mut self, train: &Samples<'_>, batch: &[usize], lr: f64) -> f64 {
        let b = batch.len();
        assert!(
            b > 0 && b <= self.batch_size(),
            "a batch of 1 to batch_size rows"
        );
        self.load(train, batch);
        self.feed_forward(b);
        let loss = self.output_deltas(train.labels(), batch);
        self.hidden_deltas(b);
        self.mean_gradients(b);
        self.update(lr);
        loss
    }

    /// Copies the batch's rows into the columns of `x` (the bias row stays
    /// 1), and decides which way the first layer's products go
    /// ([`InputPath::sparse`]).
    fn load(&mut self, train: &Samples<'_>, batch: &[usize]) {
        let input = self.x.nrows();
        let mut zeros = 0;
        for (column, &i) in self.x.as_mut_slice().chunks_exact_mut(input).zip(batch) {
            for (x, &p) in column.iter_mut().zip(train.row(i)) {
                *x = T::from_f64_nearest(p);
                zeros += usize::from(p == 0.0);
            }
        }
        self.sparse_now = self.input_path.sparse(zeros, batch.len() * (input - 1));
        if self.sparse_now {
            self.sparse.fill(self.x.as_slice(), batch.len());
        }
    }

    // ANCHOR: batch_forward
    /// Article P1.3 for a whole batch: `Ah = activation(wi^T X)` and
    /// `Ao = output(wo^T Ah)`, one sample per column; with mostly zero
    /// inputs the first product skips them (`sparse_inputs.rs`).
    ///
    /// # Shapes
    /// `wi^T`: (hidden, inputs + 1) x `X`: (inputs + 1, b) gives (hidden, b);
    /// `wo^T`: (output, hidden) x `Ah`: (hidden, b) gives (output, b).
    fn feed_forward(&mut self, b: usize) {
        let (hidden, input, outputs) = (self.wi_t.nrows(), self.wi_t.ncols(), self.wo.ncols());
        let activation = self.hidden;
        let (wi_t, z) = (self.wi_t.as_slice(), self.ah.as_mut_slice());
        if self.sparse_now {
            sparse_inputs::forward(self.simd, self.threads, &self.sparse, wi_t, z, b);
        } else {
            let wi_t = View::columns(wi_t, hidden, input);
            let x = View::columns(self.x.as_slice(), input, b);
            product(self.threads, z, wi_t, x); // (hidden, b)
        }
        T::activate_all(activation, &mut self.ah.as_mut_slice()[..hidden * b]);
        let wo_t = View::columns(self.wo.as_slice(), hidden, outputs).t();
        let ah = View::columns(self.ah.as_slice(), hidden, b);
        product(1, self.ao.as_mut_slice(), wo_t, ah); // (output, b)
        for sample in self.ao.as_mut_slice().chunks_exact_mut(outputs).take(b) {
            self.output.activate(sample);
        }
    }
    // ANCHOR_END: batch_forward

    /// Article P1.4: every sample's output deltas (one column each) from its
    /// one-hot target; returns the summed loss of the batch.
    fn output_deltas(&mut self, labels: &[usize], batch: &[usize]) -> f64 {
        let outputs = self.ao.nrows();
        let samples = self.ao.as_slice().chunks_exact(outputs);
        let deltas = self.output_deltas.as_mut_slice().chunks_exact_mut(outputs);
        let mut total = 0.0;
        for ((ao, d), &i) in samples.zip(deltas).zip(batch) {
            let label = labels[i];
            total += self.output.loss_of_label(ao, label);
            for (k, (d, &a)) in d.iter_mut().zip(ao).enumerate() {
                let t = if k == label { T::one() } else { T::zero() };
                *d = self.output.delta(a, t);
            }
        }
        total
    }

    // ANCHOR: batch_backward
    /// Article P1.4 for a whole batch: `Dh = activation'(Ah) * (wo Do)`,
    /// elementwise, with the old `wo`.
    ///
    /// # Shapes
    /// `wo`: (hidden, output) x `Do`: (output, b) gives (hidden, b).
    fn hidden_deltas(&mut self, b: usize) {
        let (hidden, outputs) = self.wo.shape();
        let activation = self.hidden;
        let wo = View::columns(self.wo.as_slice(), hidden, outputs);
        let output_deltas = View::columns(self.output_deltas.as_slice(), outputs, b);
        product(1, self.hidden_deltas.as_mut_slice(), wo, output_deltas); // (hidden, b)
        let hidden_deltas = self.hidden_deltas.as_mut_slice()[..hidden * b].iter_mut();
        for (d, &y) in hidden_deltas.zip(self.ah.as_slice()) {
            *d *= activation.derivative(y);
        }
    }

    /// The mean of the batch's per-sample gradients, as two products:
    /// `gi = X Dh^T / b` and `go = Ah Do^T / b` (the sum over the batch of
    /// `outer(ai, hidden_deltas)` is one matrix product). `gi` is kept
    /// transposed, like `wi`: `gi^T = Dh X^T / b`. With mostly zero inputs
    /// the first product skips them (`sparse_inputs.rs`).
    ///
    /// # Shapes
    /// `Dh`: (hidden, b) x `X^T`: (b, inputs + 1) gives (hidden, inputs + 1);
    /// `Ah`: (hidden, b) x `Do^T`: (b, output) gives (hidden, output).
    fn mean_gradients(&mut self, b: usize) {
        let mean = T::from_f64_nearest(1.0 / b as f64);
        let (hidden, input, outputs) = (self.wi_t.nrows(), self.wi_t.ncols(), self.wo.ncols());
        let (dh, gi_t) = (self.hidden_deltas.as_slice(), self.gi_t.as_mut_slice());
        if self.sparse_now {
            sparse_inputs::gradient(self.simd, self.threads, &self.sparse, mean, dh, gi_t);
        } else {
            // gi^T = Dh X^T: (hidden, b) x (b, input) gives (hidden, input)
            let dh = View::columns(dh, hidden, b);
            let x_t = View::columns(self.x.as_slice(), input, b).t();
            product(self.threads, gi_t, dh, x_t);
            self.gi_t.scale_mut(mean);
        }
        let ah = View::columns(self.ah.as_slice(), hidden, b);
        let output_deltas_t = View::columns(self.output_deltas.as_slice(), outputs, b).t(); // (b, output)
        product(1, self.go.as_mut_slice(), ah, output_deltas_t); // (hidden, output)
        self.go.scale_mut(mean);
    }
    // ANCHOR_END: batch_backward

    // ANCHOR: batch_update
    /// Article P2.4, once per batch, for both layers (see [`BatchEngine`]).
    fn update(&mut self, lr: f64) {
        let (momentum, threads) = (self.momentum, self.threads);
        update(
            momentum,
            lr,
            self.l2_out,
            &mut self.wo,
            &mut self.co,
            &self.go,
            1,
        );
        update(
            momentum,
            lr,
            self.l2_in,
            &mut self.wi_t,
            &mut self.ci_t,
            &self.gi_t,
            threads,
        );
    }
    // ANCHOR_END: batch_update

    /// Checks the rows' width and the labels before an epoch.
    fn check(&self, train: &Samples<'_>) -> Result<(), NetworkError> {
        crate::predict::check_samples(train, self.x.nrows() - 1, self.wo.ncols())
    }
}

/// The trainer's view: start from the network's weights, train an epoch
/// in `T`, write the weights back into the (f64) network.
impl<T: Real> TrainEpoch for BatchEngine<T> {
    fn train_epoch(&mut self, net: &mut MlpNeuralNetwork, plan: EpochPlan<'_>) -> EpochLoss {
        self.set_weights(net.wi(), net.wo());
        let loss = BatchEngine::train_rows(self, plan)?;
        let (wi, wo) = net.weights_mut();
        for (r, column) in self.wi_t.column_iter().enumerate() {
            for (j, &v) in column.iter().enumerate() {
                wi[(r, j)] = v.to_f64(); // wi_t[(j, r)]
            }
        }
        wo.zip_apply(&self.wo, |w, v| *w = v.to_f64());
        Ok(loss)
    }
}

/// `w`, `m` (momentum memory) and `g` (mean gradient) of one layer, updated by
/// the momentum rule, split by columns over `threads`:
/// - article: `w = keep * w - lr * g - mu * m`, then `m = g`;
/// - classical: `m = mu * m - lr * (g + l2 * w)`, then `w += m`.
fn update<T: Real>(
    momentum: Momentum,
    lr: f64,
    l2: f64,
    w: &mut DMatrix<T>,
    m: &mut DMatrix<T>,
    g: &DMatrix<T>,
    threads: usize,
) {
    let (lr_t, mu, l2_t) = (
        T::from_f64_nearest(lr),
        T::from_f64_nearest(momentum.mu()),
        T::from_f64_nearest(l2),
    );
    let keep = T::from_f64_nearest(1.0 - lr * l2);
    let rows = w.nrows();
    let columns = per_thread(w.ncols(), threads) * rows;
    let parts = w
        .as_mut_slice()
        .chunks_mut(columns)
        .zip(m.as_mut_slice().chunks_mut(columns))
        .zip(g.as_slice().chunks(columns));
    let run = |((w, m), g): ((&mut [T], &mut [T]), &[T])| match momentum {
        Momentum::Article(_) => {
            for ((w, m), &g) in w.iter_mut().zip(m.iter_mut()).zip(g) {
                *w = keep * *w - lr_t * g - mu * *m;
                *m = g;
            }
        }
        Momentum::Classical(_) => {
            for ((w, v), &g) in w.iter_mut().zip(m.iter_mut()).zip(g) {
                *v = mu * *v - lr_t * (g + l2_t * *w);
                *w += *v;
            }
        }
    };
    if threads == 1 {
        parts.for_each(run);
    } else {
        rayon::scope(|s| {
            for part in parts {
                s.spawn(move |_| run(part));
            }
        });
    }
}

/// Columns per part when `n` columns are split over `threads`.
fn per_thread(n: usize, threads: usize) -> usize {
    n.div_ceil(threads).max(1)
}
