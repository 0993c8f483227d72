//! The fast per-sample engine: the reference's rule (same order, same
//! numbers up to rounding), rearranged so that each weight of `wi` is read
//! and written once per sample, in `f64` or `f32`.
//!
//! Per sample the work is a few passes over `wi` ((inputs + 1) x hidden,
//! 628 KB of `f64` for 785 x 100), so the time goes into moving weights
//! between memory and the processor, not into arithmetic. So:
//!
//! - nothing is allocated per sample (checked by `tests/no_alloc.rs`);
//! - the article's momentum only ever needs the previous *raw* change
//!   `outer(ai_prev, deltas_prev)`, kept as those two vectors instead of a
//!   full matrix ([`Memory::Article`]): 995 numbers instead of 79,500 for
//!   784-100-10, and one matrix less to read and write;
//! - each column of `wi` is updated (change, l2 and momentum together) and,
//!   while it is still in the cache, multiplied with the *next* sample's
//!   inputs: the next feed forward costs no extra pass;
//! - columns are visited two at a time (they share the loads of the input
//!   vectors), forwards and backwards in turn, so the ones touched last
//!   (still in the cache) come first;
//! - on x86-64 CPUs with AVX2 the inner loops run 4 `f64` or 8 `f32` per
//!   instruction, chosen at run time, with the same bits as the portable
//!   loops (`kernels.rs`);
//! - in `f32` ([`Precision::F32`](crate::Precision::F32)) every weight takes
//!   4 bytes instead of 8: half the memory to move per sample.
//!
//! The engine trains its own copy of the weights, in the type `T` it
//! computes in, and writes them back into the (`f64`) network after every
//! epoch. In `f64` the copy is exact, so the numbers do not depend on it.

use nalgebra::{DMatrix, DVector};

use super::kernels::Kernels;
use super::real::{hidden_deltas, output_deltas};
use super::{EpochLoss, EpochPlan, TrainEpoch, check_loss, report};
use crate::network::try_zeros;
use crate::{Hidden, MlpNeuralNetwork, Momentum, NetworkError, Output, SgdSettings};

// ANCHOR: fused_memory
/// What the fused engine remembers from the previous sample (P2.4), in `T`
/// (`f64` or `f32`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Memory<T: Kernels> {
    /// The article's rule needs the previous raw change `ci = outer(ai, hidden_deltas)`
    /// and `co = outer(ah, output_deltas)`. An outer product is fully
    /// described by its two vectors, so we keep those and rebuild each
    /// entry as it is used.
    Article {
        mu: T,
        /// Previous input activations, (inputs + 1), and hidden deltas, (hidden).
        ai: DVector<T>,
        hidden_deltas: DVector<T>,
        /// Previous hidden activations, (hidden), and output deltas, (output).
        ah: DVector<T>,
        output_deltas: DVector<T>,
    },
    /// Classical momentum keeps a velocity per weight: full matrices.
    Classical {
        mu: T,
        /// Velocity of `wi`, (inputs + 1, hidden), and of `wo`, (hidden, output).
        ci: DMatrix<T>,
        co: DMatrix<T>,
    },
}
// ANCHOR_END: fused_memory

/// The network's weights and one sample's vectors, in `T`: the same names,
/// shapes and formulas as the reference network's fields.
#[derive(Debug, Clone)]
struct Layers<T: Kernels> {
    hidden: Hidden,
    output: Output,
    /// (inputs + 1), the bias 1 last; (hidden); (output).
    ai: DVector<T>,
    ah: DVector<T>,
    ao: DVector<T>,
    /// (inputs + 1, hidden) and (hidden, output).
    wi: DMatrix<T>,
    wo: DMatrix<T>,
    /// (output) and (hidden).
    output_deltas: DVector<T>,
    hidden_deltas: DVector<T>,
}

/// The fused engine: its copy of the network in `T`, its momentum memory,
/// the next sample's inputs and the direction of the next pass over `wi`'s columns.
#[derive(Debug, Clone)]
pub(crate) struct FusedEngine<T: Kernels> {
    layers: Layers<T>,
    memory: Memory<T>,
    l2_in: f64,
    l2_out: f64,
    /// The next sample's input activations, (inputs + 1), bias last.
    next_ai: DVector<T>,
    /// Walk `wi`'s columns backwards on the next update.
    reverse: bool,
}

impl<T: Kernels> FusedEngine<T> {
    pub(crate) fn new(sgd: SgdSettings, net: &MlpNeuralNetwork) -> Result<Self, NetworkError> {
        let (input, hidden, output) = (net.inputs() + 1, net.hidden(), net.outputs());
        let memory = match sgd.momentum {
            Momentum::Article(mu) => Memory::Article {
                mu: T::from_f64_nearest(mu),
                ai: DVector::zeros(input),
                hidden_deltas: DVector::zeros(hidden),
                ah: DVector::zeros(hidden),
                output_deltas: DVector::zeros(output),
            },
            Momentum::Classical(mu) => Memory::Classical {
                mu: T::from_f64_nearest(mu),
                ci: try_zeros(input, hidden)?,
                co: try_zeros(hidden, output)?,
            },
        };
        let layers = Layers {
            hidden: net.architecture().hidden,
            output: net.architecture().output,
            ai: DVector::from_element(input, T::one()),
            ah: DVector::zeros(hidden),
            ao: DVector::zeros(output),
            wi: try_zeros(input, hidden)?,
            wo: try_zeros(hidden, output)?,
            output_deltas: DVector::zeros(output),
            hidden_deltas: DVector::zeros(hidden),
        };
        Ok(FusedEngine {
            layers,
            memory,
            l2_in: sgd.l2_in,
            l2_out: sgd.l2_out,
            next_ai: DVector::from_element(input, T::one()),
            reverse: false,
        })
    }
}

impl<T: Kernels> TrainEpoch for FusedEngine<T> {
    /// Copies the network's weights into `T`, trains the epoch, and writes
    /// the weights back (also after a divergence, as the reference leaves
    /// them); the network's activations are left alone.
    fn train_epoch(&mut self, net: &mut MlpNeuralNetwork, plan: EpochPlan<'_>) -> EpochLoss {
        net.check_inputs(plan.train.row(plan.order[0]))?;
        self.layers.copy_weights_from(net);
        let mean_loss = self.epoch(plan);
        self.layers.copy_back_into(net);
        mean_loss
    }
}

impl<T: Kernels> FusedEngine<T> {
    // ANCHOR: fused_epoch
    /// One epoch over the rows `order` of `train`, in `T`: feed the first
    /// sample forward, then step sample by sample. Returns the mean loss.
    fn epoch(&mut self, plan: EpochPlan<'_>) -> Result<f64, NetworkError> {
        let (train, order, lr) = (plan.train, plan.order, plan.lr);
        let mut total = 0.0;
        self.layers.feed_forward(train.row(order[0]));
        for (position, &i) in order.iter().enumerate() {
            let next = order.get(position + 1).map(|&n| train.row(n));
            let loss = self.step(train.labels()[i], next, lr);
            total += check_loss(loss, position)?;
            report(plan.progress, position + 1, order.len());
        }
        Ok(total / order.len() as f64)
    }
    // ANCHOR_END: fused_epoch

    // ANCHOR: fused_step
    /// One training step: the reference's `back_propagate` on the current
    /// sample (of class `label`), then `feed_forward` of `next` (if any)
    /// through the updated weights, sharing the pass over `wi`. Returns the loss.
    fn step(&mut self, label: usize, next: Option<&[f64]>, lr: f64) -> f64 {
        self.layers.output_deltas(label);
        self.layers.hidden_deltas();
        let loss = self.layers.loss(label);
        self.update_output_weights(lr);
        if let Some(next) = next {
            round_into(self.next_ai.as_mut_slice(), next); // the bias, last, stays 1
        }
        self.update_input_weights_and_feed(lr, next.is_some());
        if next.is_some() {
            std::mem::swap(&mut self.layers.ai, &mut self.next_ai); // both keep the bias 1
            self.layers.output_activations();
        }
        loss
    }
    // ANCHOR_END: fused_step

    /// Updates `wo` column by column: `outer(ah, output_deltas)`, l2 and
    /// momentum in one pass, then remembers what the next step needs.
    fn update_output_weights(&mut self, lr: f64) {
        let (keep, lr_l2, lr) = rates::<T>(lr, self.l2_out);
        let layers = &mut self.layers;
        let rows = layers.wo.nrows();
        let columns = layers.wo.as_mut_slice().chunks_exact_mut(rows); // (hidden) each
        let (ah_now, deltas) = (layers.ah.as_slice(), layers.output_deltas.as_slice());
        match &mut self.memory {
            Memory::Article {
                mu,
                ah,
                output_deltas,
                ..
            } => {
                for ((wo_k, &delta), &delta_prev) in columns.zip(deltas).zip(output_deltas.iter()) {
                    let prev = (ah.as_slice(), *mu * delta_prev);
                    T::article_update(wo_k, ah_now, lr * delta, keep, prev, None);
                }
                ah.copy_from(&layers.ah);
                output_deltas.copy_from(&layers.output_deltas);
            }
            Memory::Classical { mu, co, .. } => {
                let velocities = co.as_mut_slice().chunks_exact_mut(rows);
                for ((wo_k, vo_k), &delta) in columns.zip(velocities).zip(deltas) {
                    T::classical_update(wo_k, vo_k, ah_now, (lr * delta, *mu, lr_l2), None);
                }
            }
        }
    }

    // ANCHOR: fused_update
    /// Updates `wi` the same way; with `feed`, each column of `wi`, just
    /// updated and still in the cache, also gives the next sample
    /// (`next_ai`) its hidden activation: one pass over `wi` per sample.
    fn update_input_weights_and_feed(&mut self, lr: f64, feed: bool) {
        let (keep, lr_l2, lr) = rates::<T>(lr, self.l2_in);
        let layers = &mut self.layers;
        let rows = layers.wi.nrows();
        let activation = layers.hidden;
        self.reverse = !self.reverse;
        let reverse = self.reverse;
        let ah = layers.ah.as_mut_slice();
        let next = feed.then_some(self.next_ai.as_slice());
        let mut feed_forward = |j: usize, z: T| {
            if feed {
                ah[j] = activation.activate(z); // the next sample's hidden activation
            }
        };
        let x = layers.ai.as_slice(); // (input)
        let d = layers.hidden_deltas.as_slice(); // (hidden)
        match &mut self.memory {
            Memory::Article {
                mu,
                ai,
                hidden_deltas,
                ..
            } => {
                let wi = layers.wi.as_mut_slice();
                let prev = (ai.as_slice(), hidden_deltas.as_slice(), *mu);
                let pass = ((lr, keep), next, reverse);
                article_pairs(wi, rows, (x, d), prev, pass, &mut feed_forward);
                ai.copy_from(&layers.ai);
                hidden_deltas.copy_from(&layers.hidden_deltas);
            }
            Memory::Classical { mu, ci, .. } => {
                let columns = layers.wi.as_mut_slice().chunks_exact_mut(rows); // (input) each
                let velocities = ci.as_mut_slice().chunks_exact_mut(rows);
                for (j, ((wi_j, vi_j), &delta)) in
                    alternate(columns.zip(velocities).zip(d).enumerate(), reverse)
                {
                    let z = T::classical_update(wi_j, vi_j, x, (lr * delta, *mu, lr_l2), next);
                    feed_forward(j, z);
                }
            }
        }
    }
    // ANCHOR_END: fused_update
}

// ANCHOR: fused_pairs
/// The article rule's pass over `wi` (columns of `rows` numbers), forwards
/// or backwards as `reverse` says, two columns at a time: they share the
/// loads of `x`, `x_prev` and `next`: this sample's `(x, d)`, the previous
/// one's `(x_prev, d_prev, mu)`. Each column's weighted sum for the next
/// sample goes to `feed_forward(j, z)`.
fn article_pairs<T: Kernels>(
    wi: &mut [T],
    rows: usize,
    (x, d): (&[T], &[T]),
    (x_prev, d_prev, mu): (&[T], &[T], T),
    ((lr, keep), next, reverse): ((T, T), Option<&[T]>, bool),
    feed_forward: &mut impl FnMut(usize, T),
) {
    let pairs = wi.chunks_mut(2 * rows); // (input, 2) each
    for (p, pair) in alternate(pairs.enumerate(), reverse) {
        let j = 2 * p;
        match next {
            Some(next) if pair.len() == 2 * rows => {
                let (a, b) = pair.split_at_mut(rows);
                let steps = (lr * d[j], lr * d[j + 1]);
                let carries = (mu * d_prev[j], mu * d_prev[j + 1]);
                let prev = (x_prev, carries);
                let (za, zb) = T::article_update_pair((a, b), x, steps, keep, prev, next);
                feed_forward(j, za);
                feed_forward(j + 1, zb);
            }
            _ => {
                for (k, wi_j) in pair.chunks_exact_mut(rows).enumerate() {
                    let prev = (x_prev, mu * d_prev[j + k]);
                    let z = T::article_update(wi_j, x, lr * d[j + k], keep, prev, next);
                    feed_forward(j + k, z);
                }
            }
        }
    }
}
// ANCHOR_END: fused_pairs

impl<T: Kernels> Layers<T> {
    /// Starts from the network's weights (rounded to `T`; exact in `f64`).
    fn copy_weights_from(&mut self, net: &MlpNeuralNetwork) {
        self.wi
            .zip_apply(net.wi(), |w, v| *w = T::from_f64_nearest(v));
        self.wo
            .zip_apply(net.wo(), |w, v| *w = T::from_f64_nearest(v));
    }

    /// Writes the weights, and nothing else, into the network.
    fn copy_back_into(&self, net: &mut MlpNeuralNetwork) {
        let (wi, wo) = net.weights_mut();
        wi.zip_apply(&self.wi, |w, v| *w = v.to_f64());
        wo.zip_apply(&self.wo, |w, v| *w = v.to_f64());
    }

    /// The first sample of an epoch: `feed_forward` with the kernels' dot
    /// product (the fused pass computes every later one).
    fn feed_forward(&mut self, inputs: &[f64]) {
        round_into(self.ai.as_mut_slice(), inputs);
        let rows = self.wi.nrows();
        let columns = self.wi.as_slice().chunks_exact(rows);
        for (ah, wi_j) in self.ah.iter_mut().zip(columns) {
            *ah = self.hidden.activate(T::dot(wi_j, self.ai.as_slice()));
        }
        self.output_activations();
    }

    /// `ao = output(wo^T ah)`, with the kernels' dot product.
    fn output_activations(&mut self) {
        let rows = self.wo.nrows();
        let columns = self.wo.as_slice().chunks_exact(rows);
        for (ao, wo_k) in self.ao.iter_mut().zip(columns) {
            *ao = T::dot(wo_k, self.ah.as_slice());
        }
        self.output.activate(self.ao.as_mut_slice());
    }

    /// Article P1.4 / P2.1: this sample's output deltas ([`output_deltas`]).
    fn output_deltas(&mut self, label: usize) {
        output_deltas(self.output, &self.ao, label, &mut self.output_deltas);
    }

    /// Article P1.4 / P2.1: this sample's hidden deltas ([`hidden_deltas`]).
    fn hidden_deltas(&mut self) {
        let (wo, ah) = (&self.wo, &self.ah);
        hidden_deltas(
            self.hidden,
            wo,
            &self.output_deltas,
            ah,
            &mut self.hidden_deltas,
        );
    }

    /// The sample's loss (squared error or cross-entropy), in `f64`.
    fn loss(&self, label: usize) -> f64 {
        self.output.loss_of_label(self.ao.as_slice(), label)
    }
}

/// `to[i] = from[i]` rounded to `T`, for the length of `from`: a loop
/// over plain slices, which the compiler turns into vector instructions.
fn round_into<T: Kernels>(to: &mut [T], from: &[f64]) {
    to.iter_mut()
        .zip(from)
        .for_each(|(t, &x)| *t = T::from_f64_nearest(x));
}

/// L2 weight decay as a factor: `w -= lr * l2 * w` is `w *= 1 - lr * l2`.
fn keep(lr: f64, l2: f64) -> f64 {
    1.0 - lr * l2
}

/// The factors of one layer's update, rounded to `T`: `(keep, lr * l2, lr)`.
fn rates<T: Kernels>(lr: f64, l2: f64) -> (T, T, T) {
    (
        T::from_f64_nearest(keep(lr, l2)),
        T::from_f64_nearest(lr * l2),
        T::from_f64_nearest(lr),
    )
}

/// `columns` forwards, or backwards when `reverse`. Each column's update is
/// independent of the others, so the order changes no number; alternating
/// it means the columns touched last, still in the CPU's cache, come first.
fn alternate<I: DoubleEndedIterator>(columns: I, reverse: bool) -> impl Iterator<Item = I::Item> {
    let (forwards, backwards) = if reverse {
        (None, Some(columns.rev()))
    } else {
        (Some(columns), None)
    };
    forwards
        .into_iter()
        .flatten()
        .chain(backwards.into_iter().flatten())
}
