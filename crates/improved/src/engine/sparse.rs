//! One sample at a time, skipping the zero pixels: about 81 % of MNIST's
//! pixels are exactly 0, and a zero input neither adds to a weighted sum nor
//! changes its weights' gradient (`outer(ai, hidden_deltas)` has a zero row).
//!
//! # Where skipping is exact, and what we do elsewhere
//!
//! Row `r` of `wi` holds the weights leaving input `r`. When `ai[r] = 0`:
//!
//! - **feed forward**: the row adds `0 * w` to every sum: skipped, exact.
//! - **article rule, no l2**: the update `w -= lr * ai[r] * d + mu * ai_prev[r] * d_prev`
//!   is zero when `ai[r] = 0` and `ai_prev[r] = 0`: only rows with a non-zero
//!   input now or one sample ago are touched. Exact: the untouched rows keep
//!   their bits, the touched rows get the reference's formula.
//! - **l2** (either rule): every weight shrinks, `w = keep * w`, at every
//!   step, zero input or not. Not skippable as such.
//! - **classical momentum**: a weight keeps moving by its velocity after its
//!   input turns 0 (`v = mu * v; w += v`). Not skippable as such.
//!
//! In the last two cases a row whose input is 0 still follows a *fixed*
//! linear rule each step: `w = keep * w` (article rule), or for classical
//! momentum `(v, w) = (mu * v - lr * l2 * w, mu * v + (1 - lr * l2) * w)`,
//! a 2 x 2 matrix `A` applied to the pair. So the engine applies it
//! **lazily**: it remembers the step at which each row was last brought up to
//! date, and before the row is next read (its input is non-zero again, or the
//! epoch ends) it applies `A^k` once for the `k` steps missed. `A^k` comes
//! from a table filled once per epoch (the learning rate is fixed within an
//! epoch). Equal to stepping every row in exact arithmetic; in floating point
//! it differs by rounding (`A^k` is rounded once instead of `k` times), within
//! the tolerance stated in the tests.

use nalgebra::{DMatrix, DVector};

use super::real::{Real, hidden_deltas, output_deltas};
use super::{EpochLoss, EpochPlan, TrainEpoch, check_loss, report};
use crate::network::{try_convert, try_zeros};
use crate::{Architecture, Hidden, MlpNeuralNetwork, Momentum, NetworkError, Output, SgdSettings};

/// The per-sample engine with zero skipping (see the module docs).
#[derive(Debug, Clone)]
pub struct SparseEngine<T: Real> {
    hidden: Hidden,
    output: Output,
    momentum: Momentum,
    l2_in: f64,
    l2_out: f64,
    /// Skip zero inputs (`false` touches every row, for comparison).
    skip: bool,
    /// `wi` transposed, (hidden, inputs + 1): column `r` holds the weights
    /// leaving input `r`, contiguous, so a skipped input skips a block of memory.
    wt: DMatrix<T>,
    /// (hidden, output).
    wo: DMatrix<T>,
    /// Classical: the velocity of `wt`; article: unused (empty).
    ci_t: DMatrix<T>,
    /// Article: the previous change of `wo`; classical: its velocity. (hidden, output).
    co: DMatrix<T>,
    /// This sample's inputs, dense with the bias 1 last (inputs + 1), and the
    /// indices of its non-zero entries (the bias included).
    x: DVector<T>,
    nz: Vec<usize>,
    /// The previous sample's inputs and non-zero indices (article rule).
    x_prev: DVector<T>,
    nz_prev: Vec<usize>,
    ah: DVector<T>,
    ao: DVector<T>,
    output_deltas: DVector<T>,
    hidden_deltas: DVector<T>,
    /// The previous sample's hidden deltas (article rule).
    dh_prev: DVector<T>,
    /// Lazy decay: steps done this epoch, and for each input row the step up
    /// to which it is up to date.
    step: usize,
    current: Vec<usize>,
    /// `A^k` for k = 0, 1, ... as `[a11, a12, a21, a22]`, acting on `(v, w)`
    /// (article rule: only `a22 = keep^k` is used).
    powers: Vec<[T; 4]>,
    lr: f64,
}

impl<T: Real> SparseEngine<T> {
    /// An engine starting from the network's weights `wi` (inputs + 1,
    /// hidden) and `wo` (hidden, output) with `architecture`, the update rule `sgd` and
    /// no momentum memory yet; `skip` turns zero skipping on.
    ///
    /// # Errors
    /// Shapes that do not chain, a layer of size 0, or memory that cannot be
    /// had ([`NetworkError::TooLarge`]).
    pub fn new(
        wi: &DMatrix<f64>,
        wo: &DMatrix<f64>,
        architecture: Architecture,
        sgd: SgdSettings,
        skip: bool,
    ) -> Result<SparseEngine<T>, NetworkError> {
        crate::network::check_shapes(wi, wo)?;
        let (input, hidden, output) = (wi.nrows(), wi.ncols(), wo.ncols());
        let classical = matches!(sgd.momentum, Momentum::Classical(_));
        let mut x = DVector::zeros(input);
        x[input - 1] = T::one(); // the bias unit
        Ok(SparseEngine {
            hidden: architecture.hidden,
            output: architecture.output,
            momentum: sgd.momentum,
            l2_in: sgd.l2_in,
            l2_out: sgd.l2_out,
            skip,
            wt: try_convert(wi, true)?,
            wo: try_convert(wo, false)?,
            ci_t: if classical {
                try_zeros(hidden, input)?
            } else {
                DMatrix::zeros(0, 0)
            },
            co: try_zeros(hidden, output)?,
            x_prev: DVector::zeros(input),
            x,
            nz: Vec::with_capacity(input),
            nz_prev: Vec::with_capacity(input),
            ah: DVector::zeros(hidden),
            ao: DVector::zeros(output),
            output_deltas: DVector::zeros(output),
            hidden_deltas: DVector::zeros(hidden),
            dh_prev: DVector::zeros(hidden),
            step: 0,
            current: vec![0; input],
            powers: Vec::new(),
            lr: f64::NAN,
        })
    }

    /// The weights `(wi, wo)` in `f64`, every row brought up to date.
    pub fn weights(&mut self) -> (DMatrix<f64>, DMatrix<f64>) {
        self.catch_up_all();
        (self.wt.transpose().map(T::to_f64), self.wo.map(T::to_f64))
    }

    /// Starts from the weights `(wi, wo)` (rounded to `T`), keeping the momentum memory.
    pub fn set_weights(&mut self, wi: &DMatrix<f64>, wo: &DMatrix<f64>) {
        self.catch_up_all();
        self.wt.copy_from(&wi.transpose().map(T::from_f64_nearest));
        self.wo.zip_apply(wo, |w, v| *w = T::from_f64_nearest(v));
    }

    /// Whether rows with a zero input still change (l2 or classical
    /// momentum), so that they must be brought up to date lazily.
    fn lazy(&self) -> bool {
        matches!(self.momentum, Momentum::Classical(_)) || self.l2_in > 0.0
    }

    /// Trains one epoch over the rows `order` of `train` at learning rate
    /// `lr`, one sample per step; returns the mean loss per sample. Calls
    /// `progress(done)` every 1,000 samples. Every row is up to date at the end.
    ///
    /// # Errors
    /// Rows of the wrong width, a label without an output unit, or a
    /// non-finite loss ([`NetworkError::Diverged`], epoch 0).
    pub fn train_rows(&mut self, plan: EpochPlan<'_>) -> Result<f64, NetworkError> {
        let (train, order, lr) = (plan.train, plan.order, plan.lr);
        crate::predict::check_samples(train, self.wt.ncols() - 1, self.wo.ncols())?;
        self.start(lr);
        let mut total = 0.0;
        for (position, &i) in order.iter().enumerate() {
            let loss = self.train_step(train.row(i), train.labels()[i]);
            total += check_loss(loss, position)?;
            report(plan.progress, position + 1, order.len());
        }
        self.catch_up_all();
        Ok(total / order.len() as f64)
    }

    /// Sets the learning rate for the next steps (rows brought up to date
    /// first: their missed steps used the old rate).
    pub fn start(&mut self, lr: f64) {
        if lr != self.lr {
            self.catch_up_all();
            self.lr = lr;
            self.powers.clear();
        }
    }

    /// One sample: feed forward over the non-zero inputs, deltas, update
    /// `wo`, update the touched rows of `wi`. Returns the sample's loss.
    ///
    /// # Panics
    /// If the row is too short or the label has no output unit
    /// (`train_epoch` checks both).
    pub fn train_step(&mut self, row: &[f64], label: usize) -> f64 {
        self.load(row);
        self.feed_forward();
        let loss = self.output.loss_of_label(self.ao.as_slice(), label);
        self.deltas(label);
        self.update_output_weights();
        self.update_input_weights();
        self.step += 1;
        loss
    }

    /// Remembers the previous sample's inputs, then loads this one's and
    /// lists its non-zero entries (every entry when not skipping).
    fn load(&mut self, row: &[f64]) {
        std::mem::swap(&mut self.x, &mut self.x_prev);
        std::mem::swap(&mut self.nz, &mut self.nz_prev);
        self.nz.clear();
        let bias = row.len();
        for (r, &p) in row.iter().enumerate() {
            self.x[r] = T::from_f64_nearest(p);
            if p != 0.0 || !self.skip {
                self.nz.push(r);
            }
        }
        self.x[bias] = T::one();
        self.nz.push(bias);
    }

    // ANCHOR: sparse_forward
    /// Article P1.3, visiting only the non-zero inputs:
    /// `zh = sum over r with ai[r] != 0 of ai[r] * wi[r, ..]`, then the activations.
    fn feed_forward(&mut self) {
        if self.lazy() {
            for k in 0..self.nz.len() {
                self.catch_up(self.nz[k]);
            }
        }
        self.ah.fill(T::zero());
        let hidden = self.ah.len();
        let ah = self.ah.as_mut_slice();
        for &r in &self.nz {
            let (x, w) = (self.x[r], &self.wt.as_slice()[r * hidden..(r + 1) * hidden]);
            for (z, &w) in ah.iter_mut().zip(w) {
                *z += x * w; // (hidden) += ai[r] * wi[r, ..]
            }
        }
        let activation = self.hidden;
        self.ah.apply(|z| *z = activation.activate(*z));
        self.ao.gemv_tr(T::one(), &self.wo, &self.ah, T::zero()); // (output)
        self.output.activate(self.ao.as_mut_slice());
    }
    // ANCHOR_END: sparse_forward

    /// Article P1.4: output deltas, then hidden deltas through the old `wo`
    /// (tiny `f32` deltas [`flush`]ed to 0).
    fn deltas(&mut self, label: usize) {
        std::mem::swap(&mut self.hidden_deltas, &mut self.dh_prev);
        output_deltas(self.output, &self.ao, label, &mut self.output_deltas);
        hidden_deltas(
            self.hidden,
            &self.wo,
            &self.output_deltas,
            &self.ah,
            &mut self.hidden_deltas,
        );
    }

    /// Article P2.4 on `wo` (small: every weight, as the reference does).
    fn update_output_weights(&mut self) {
        let (lr, mu) = (
            T::from_f64_nearest(self.lr),
            T::from_f64_nearest(self.momentum.mu()),
        );
        let (keep, decay) = (
            T::from_f64_nearest(1.0 - self.lr * self.l2_out),
            T::from_f64_nearest(self.lr * self.l2_out),
        );
        for (k, (wo_k, mo_k)) in self
            .wo
            .column_iter_mut()
            .zip(self.co.column_iter_mut())
            .enumerate()
        {
            let d = self.output_deltas[k];
            for ((w, m), &a) in wo_k.into_iter().zip(mo_k).zip(self.ah.iter()) {
                let g = a * d;
                match self.momentum {
                    Momentum::Article(_) => {
                        *w = keep * *w - lr * g - mu * *m;
                        *m = g;
                    }
                    Momentum::Classical(_) => {
                        *m = mu * *m - (lr * g + decay * *w);
                        *w += *m;
                    }
                }
            }
        }
    }

    // ANCHOR: sparse_update
    /// Article P2.4 on `wi`, only the rows that change this step: the
    /// non-zero inputs, and for the article rule also last sample's
    /// (its momentum term `mu * ai_prev[r] * d_prev`).
    fn update_input_weights(&mut self) {
        let (lr, mu) = (
            T::from_f64_nearest(self.lr),
            T::from_f64_nearest(self.momentum.mu()),
        );
        let keep = T::from_f64_nearest(1.0 - self.lr * self.l2_in);
        let decay = T::from_f64_nearest(self.lr * self.l2_in);
        let next = self.step + 1;
        match self.momentum {
            Momentum::Article(_) => {
                let lazy = self.lazy();
                for k in 0..self.nz_prev.len() {
                    let r = self.nz_prev[k];
                    if self.skip && self.x[r] == T::zero() {
                        // not in `nz`: touched only by the momentum term
                        if lazy {
                            self.catch_up(r);
                        }
                        let carry = mu * self.x_prev[r];
                        for (w, &dp) in column_mut(&mut self.wt, r)
                            .iter_mut()
                            .zip(self.dh_prev.as_slice())
                        {
                            *w = keep * *w - carry * dp;
                        }
                        self.current[r] = next;
                    }
                }
                for &r in &self.nz {
                    let (step, carry) = (lr * self.x[r], mu * self.x_prev[r]);
                    let deltas = self
                        .hidden_deltas
                        .as_slice()
                        .iter()
                        .zip(self.dh_prev.as_slice());
                    for (w, (&d, &dp)) in column_mut(&mut self.wt, r).iter_mut().zip(deltas) {
                        *w = keep * *w - step * d - carry * dp;
                    }
                    self.current[r] = next;
                }
            }
            Momentum::Classical(_) => {
                for &r in &self.nz {
                    let step = lr * self.x[r];
                    let columns = column_mut(&mut self.wt, r)
                        .iter_mut()
                        .zip(column_mut(&mut self.ci_t, r));
                    for ((w, v), &d) in columns.zip(self.hidden_deltas.as_slice()) {
                        *v = mu * *v - (step * d + decay * *w);
                        *w += *v;
                    }
                    self.current[r] = next;
                }
            }
        }
    }
    // ANCHOR_END: sparse_update

    // ANCHOR: catch_up
    /// Applies to row `r` the steps it missed while its input was 0, all at
    /// once: `(v, w) = A^k (v, w)` (see the module docs).
    fn catch_up(&mut self, r: usize) {
        let k = self.step - self.current[r];
        if k == 0 {
            return;
        }
        let [a11, a12, a21, a22] = self.power(k);
        match self.momentum {
            Momentum::Article(_) => column_mut(&mut self.wt, r)
                .iter_mut()
                .for_each(|w| *w *= a22),
            Momentum::Classical(_) => {
                let columns = column_mut(&mut self.wt, r)
                    .iter_mut()
                    .zip(column_mut(&mut self.ci_t, r));
                for (w, v) in columns {
                    let (v0, w0) = (*v, *w);
                    *v = a11 * v0 + a12 * w0;
                    *w = a21 * v0 + a22 * w0;
                }
            }
        }
        self.current[r] = self.step;
    }
    // ANCHOR_END: catch_up

    /// `A^k`, from the table (extended as needed).
    fn power(&mut self, k: usize) -> [T; 4] {
        if self.powers.is_empty() {
            self.powers.push([T::one(), T::zero(), T::zero(), T::one()]);
        }
        let (mu, a) = (
            T::from_f64_nearest(self.momentum.mu()),
            T::from_f64_nearest(self.lr * self.l2_in),
        );
        // one step of a zero-input row: classical v' = mu v - a w, w' = mu v + (1 - a) w;
        // article w' = (1 - a) w (= keep * w)
        let one = match self.momentum {
            Momentum::Classical(_) => [mu, -a, mu, T::one() - a],
            Momentum::Article(_) => [T::zero(), T::zero(), T::zero(), T::one() - a],
        };
        while self.powers.len() <= k {
            let [p11, p12, p21, p22] = *self.powers.last().expect("not empty");
            let [s11, s12, s21, s22] = one;
            self.powers.push([
                s11 * p11 + s12 * p21,
                s11 * p12 + s12 * p22,
                s21 * p11 + s22 * p21,
                s21 * p12 + s22 * p22,
            ]);
        }
        self.powers[k]
    }

    /// Brings every row up to date and starts counting steps from 0 again.
    fn catch_up_all(&mut self) {
        if self.lazy() && self.step > 0 {
            for r in 0..self.current.len() {
                self.catch_up(r);
            }
        }
        self.step = 0;
        self.current.fill(0);
    }
}

/// The weights leaving input `r`: column `r` of the transposed `wi`, a
/// contiguous slice (plain slices let the compiler use SIMD).
fn column_mut<T: Real>(wt: &mut DMatrix<T>, r: usize) -> &mut [T] {
    let hidden = wt.nrows();
    &mut wt.as_mut_slice()[r * hidden..(r + 1) * hidden]
}

/// The trainer's view: start from the network's weights, train an epoch
/// in `T`, write the weights back into the (f64) network.
impl<T: Real> TrainEpoch for SparseEngine<T> {
    fn train_epoch(&mut self, net: &mut MlpNeuralNetwork, plan: EpochPlan<'_>) -> EpochLoss {
        self.set_weights(net.wi(), net.wo());
        let loss = SparseEngine::train_rows(self, plan)?;
        let (wi, wo) = self.weights();
        let (net_wi, net_wo) = net.weights_mut();
        net_wi.copy_from(&wi);
        net_wo.copy_from(&wo);
        Ok(loss)
    }
}
