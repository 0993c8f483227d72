//! The fast per-sample engine: the reference's rule (same order, same
//! numbers up to rounding), rearranged so that each weight of `wi` is read
//! and written once per sample.
//!
//! Per sample the work is a few passes over `wi` ((inputs + 1) x hidden,
//! 628 KB for 785 x 100), so the time goes into moving weights between
//! memory and the processor, not into arithmetic. So:
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
//! - on x86-64 CPUs with AVX2 the inner loops run 4 numbers per
//!   instruction, chosen at run time, with the same bits as the portable
//!   loops (`kernels.rs`).

use data::Samples;
use nalgebra::{DMatrix, DVector};

use super::kernels::{article_update, article_update_pair, classical_update, dot};
use super::{TrainEpoch, finite, report, with_one_hot};
use crate::network::try_zeros;
use crate::{Config, MlpNeuralNetwork, Momentum, NetworkError};

// ANCHOR: fused_memory
/// What the fused engine remembers from the previous sample (P2.4).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Memory {
    /// The article's rule needs the previous raw change `ci = outer(ai, hidden_deltas)`
    /// and `co = outer(ah, output_deltas)`. An outer product is fully
    /// described by its two vectors, so we keep those and rebuild each
    /// entry as it is used.
    Article {
        mu: f64,
        /// Previous input activations, (inputs + 1), and hidden deltas, (hidden).
        ai: DVector<f64>,
        hidden_deltas: DVector<f64>,
        /// Previous hidden activations, (hidden), and output deltas, (output).
        ah: DVector<f64>,
        output_deltas: DVector<f64>,
    },
    /// Classical momentum keeps a velocity per weight: full matrices.
    Classical {
        mu: f64,
        /// Velocity of `wi`, (inputs + 1, hidden), and of `wo`, (hidden, output).
        vi: DMatrix<f64>,
        vo: DMatrix<f64>,
    },
}
// ANCHOR_END: fused_memory

/// The fused engine: its momentum memory, the next sample's inputs and
/// the direction of the next pass over `wi`'s columns.
#[derive(Debug, Clone)]
pub(crate) struct FusedEngine {
    memory: Memory,
    l2_in: f64,
    l2_out: f64,
    /// The next sample's input activations, (inputs + 1), bias last.
    next_ai: DVector<f64>,
    /// Walk `wi`'s columns backwards on the next update.
    reverse: bool,
}

impl FusedEngine {
    pub(crate) fn new(config: &Config, net: &MlpNeuralNetwork) -> Result<Self, NetworkError> {
        let (input, hidden, output) = (net.inputs() + 1, net.hidden(), net.outputs());
        let memory = match config.momentum {
            Momentum::Article(mu) => Memory::Article {
                mu,
                ai: DVector::zeros(input),
                hidden_deltas: DVector::zeros(hidden),
                ah: DVector::zeros(hidden),
                output_deltas: DVector::zeros(output),
            },
            Momentum::Classical(mu) => Memory::Classical {
                mu,
                vi: try_zeros(input, hidden)?,
                vo: try_zeros(hidden, output)?,
            },
        };
        Ok(FusedEngine {
            memory,
            l2_in: config.l2_in,
            l2_out: config.l2_out,
            next_ai: DVector::from_element(input, 1.0),
            reverse: false,
        })
    }
}

impl TrainEpoch for FusedEngine {
    // ANCHOR: fused_epoch
    fn train_epoch(
        &mut self,
        net: &mut MlpNeuralNetwork,
        train: &Samples<'_>,
        order: &[usize],
        lr: f64,
        progress: &mut dyn FnMut(usize),
    ) -> Result<f64, NetworkError> {
        let mut targets = vec![0.0; net.outputs()]; // (output), one-hot
        let mut total = 0.0;
        feed_forward(net, train.row(order[0]))?;
        for (position, &i) in order.iter().enumerate() {
            let next = order.get(position + 1).map(|&n| train.row(n));
            let loss = with_one_hot(&mut targets, train.labels()[i], |t| {
                self.step(net, t, next, lr)
            });
            total += finite(loss, position)?;
            report(progress, position + 1, order.len());
        }
        Ok(total / order.len() as f64)
    }
    // ANCHOR_END: fused_epoch
}

impl FusedEngine {
    // ANCHOR: fused_step
    /// One training step: the reference's `back_propagate` on the current
    /// sample, then `feed_forward` of `next` (if any) through the updated
    /// weights, sharing the pass over `wi`. Returns the loss.
    fn step(
        &mut self,
        net: &mut MlpNeuralNetwork,
        targets: &[f64],
        next: Option<&[f64]>,
        lr: f64,
    ) -> f64 {
        net.output_deltas(targets);
        net.hidden_deltas();
        let loss = net.error(targets);
        self.update_output_weights(net, lr);
        if let Some(next) = next {
            let n = net.inputs();
            self.next_ai.as_mut_slice()[..n].copy_from_slice(next);
        }
        self.update_input_weights_and_feed(net, lr, next.is_some());
        if next.is_some() {
            std::mem::swap(&mut net.ai, &mut self.next_ai); // both keep the bias 1.0
            output_activations(net);
        }
        loss
    }
    // ANCHOR_END: fused_step

    /// Updates `wo` column by column: `outer(ah, output_deltas)`, l2 and
    /// momentum in one pass, then remembers what the next step needs.
    fn update_output_weights(&mut self, net: &mut MlpNeuralNetwork, lr: f64) {
        let l2 = self.l2_out;
        let rows = net.wo.nrows();
        let columns = net.wo.as_mut_slice().chunks_exact_mut(rows); // (hidden) each
        let (ah_now, deltas) = (net.ah.as_slice(), net.output_deltas.as_slice());
        match &mut self.memory {
            Memory::Article {
                mu,
                ah,
                output_deltas,
                ..
            } => {
                for ((wo_k, &delta), &delta_prev) in columns.zip(deltas).zip(output_deltas.iter()) {
                    let prev = (ah.as_slice(), *mu * delta_prev);
                    article_update(wo_k, ah_now, lr * delta, keep(lr, l2), prev, None);
                }
                ah.copy_from(&net.ah);
                output_deltas.copy_from(&net.output_deltas);
            }
            Memory::Classical { mu, vo, .. } => {
                let velocities = vo.as_mut_slice().chunks_exact_mut(rows);
                for ((wo_k, vo_k), &delta) in columns.zip(velocities).zip(deltas) {
                    classical_update(wo_k, vo_k, ah_now, (lr * delta, *mu, lr * l2), None);
                }
            }
        }
    }

    // ANCHOR: fused_update
    /// Updates `wi` the same way; with `feed`, each column of `wi`, just
    /// updated and still in the cache, also gives the next sample
    /// (`next_ai`) its hidden activation: one pass over `wi` per sample.
    fn update_input_weights_and_feed(&mut self, net: &mut MlpNeuralNetwork, lr: f64, feed: bool) {
        let l2 = self.l2_in;
        let rows = net.wi.nrows();
        let activation = net.config.hidden;
        self.reverse = !self.reverse;
        let reverse = self.reverse;
        let ah = net.ah.as_mut_slice();
        let next = feed.then_some(self.next_ai.as_slice());
        let mut feed_forward = |j: usize, z: f64| {
            if feed {
                ah[j] = activation.activate(z); // the next sample's hidden activation
            }
        };
        let x = net.ai.as_slice(); // (input)
        let d = net.hidden_deltas.as_slice(); // (hidden)
        match &mut self.memory {
            Memory::Article {
                mu,
                ai,
                hidden_deltas,
                ..
            } => {
                let mu = *mu;
                let (x_prev, d_prev) = (ai.as_slice(), hidden_deltas.as_slice());
                let keep = keep(lr, l2);
                // Two columns at a time: they share the loads of x, x_prev and next.
                let pairs = net.wi.as_mut_slice().chunks_mut(2 * rows); // (input, 2) each
                for (p, pair) in alternate(pairs.enumerate(), reverse) {
                    let j = 2 * p;
                    match next {
                        Some(next) if pair.len() == 2 * rows => {
                            let (a, b) = pair.split_at_mut(rows);
                            let steps = (lr * d[j], lr * d[j + 1]);
                            let carries = (mu * d_prev[j], mu * d_prev[j + 1]);
                            let prev = (x_prev, carries);
                            let (za, zb) = article_update_pair((a, b), x, steps, keep, prev, next);
                            feed_forward(j, za);
                            feed_forward(j + 1, zb);
                        }
                        _ => {
                            for (k, wi_j) in pair.chunks_exact_mut(rows).enumerate() {
                                let prev = (x_prev, mu * d_prev[j + k]);
                                let z = article_update(wi_j, x, lr * d[j + k], keep, prev, next);
                                feed_forward(j + k, z);
                            }
                        }
                    }
                }
                ai.copy_from(&net.ai);
                hidden_deltas.copy_from(&net.hidden_deltas);
            }
            Memory::Classical { mu, vi, .. } => {
                let columns = net.wi.as_mut_slice().chunks_exact_mut(rows); // (input) each
                let velocities = vi.as_mut_slice().chunks_exact_mut(rows);
                for (j, ((wi_j, vi_j), &delta)) in
                    alternate(columns.zip(velocities).zip(d).enumerate(), reverse)
                {
                    let z = classical_update(wi_j, vi_j, x, (lr * delta, *mu, lr * l2), next);
                    feed_forward(j, z);
                }
            }
        }
    }
    // ANCHOR_END: fused_update
}

/// The first sample of an epoch: `feed_forward` with the kernels' dot
/// product (the fused pass computes every later one).
fn feed_forward(net: &mut MlpNeuralNetwork, inputs: &[f64]) -> Result<(), NetworkError> {
    net.check_inputs(inputs)?;
    let n = net.inputs();
    net.ai.as_mut_slice()[..n].copy_from_slice(inputs);
    let rows = net.wi.nrows();
    let activation = net.config.hidden;
    for (ah, wi_j) in net.ah.iter_mut().zip(net.wi.as_slice().chunks_exact(rows)) {
        *ah = activation.activate(dot(wi_j, net.ai.as_slice()));
    }
    output_activations(net);
    Ok(())
}

/// `ao = output(wo^T ah)`, with the kernels' dot product.
fn output_activations(net: &mut MlpNeuralNetwork) {
    let rows = net.wo.nrows();
    for (ao, wo_k) in net.ao.iter_mut().zip(net.wo.as_slice().chunks_exact(rows)) {
        *ao = dot(wo_k, net.ah.as_slice());
    }
    net.config.output.activate(net.ao.as_mut_slice());
}

/// L2 weight decay as a factor: `w -= lr * l2 * w` is `w *= 1 - lr * l2`.
fn keep(lr: f64, l2: f64) -> f64 {
    1.0 - lr * l2
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
