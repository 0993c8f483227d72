//! Engines: what trains one epoch. The [`Trainer`](crate::Trainer) picks one
//! from [`Config::engine`](crate::Config::engine).
//!
//! - [`Engine::Reference`]: the reference network's own `feed_forward` and
//!   `back_propagate`, one sample after the other: the readable way.
//! - [`Engine::Fused`]: the same per-sample rule, made fast (`fused.rs`):
//!   one pass over `wi` per sample, a rank-1 momentum memory, SIMD kernels,
//!   in `f64` or `f32`.
//! - [`Engine::Sparse`]: the same per-sample rule, visiting only the rows of
//!   `wi` whose input is not 0 ([`sparse`]), in `f64` or `f32`.
//! - a batch size above 1 ([`Config::batch_size`](crate::Config::batch_size))
//!   trains on mini-batches ([`batch`]), in `f64` or `f32`, whatever `engine` says.
//!
//! Every engine is proven to give the reference's numbers (within a stated
//! tolerance) by `tests/engines.rs` (fused, sparse) and
//! `crates/improved/tests/batch_and_sparse.rs` (mini-batches, f32).

pub mod batch;
mod fast_tanh;
mod fused;
mod gemm;
pub(crate) mod kernels;
pub mod real;
mod reference;
pub mod sparse;
pub mod sparse_inputs;

pub use real::Real;

use data::Samples;

use batch::BatchEngine;
pub(crate) use fused::FusedEngine;
pub(crate) use reference::ReferenceEngine;
use sparse::SparseEngine;

use crate::{
    ConfigError, Engine, MlpNeuralNetwork, NetworkError, Precision, Schedule, SgdSettings,
};

/// How often (in samples) an engine reports its progress.
pub(crate) const PROGRESS_EVERY: usize = 1000;

/// An epoch's mean loss, or why training stopped.
pub(crate) type EpochLoss = Result<f64, NetworkError>;

/// One epoch of training, whatever the engine.
pub(crate) trait TrainEpoch {
    /// Trains one epoch as `plan` says; returns the mean loss per sample
    /// (each measured before that sample's update).
    ///
    /// # Errors
    /// [`NetworkError::Diverged`] (epoch 0: the trainer fills in the epoch)
    /// when a loss stops being finite.
    fn train_epoch(&mut self, net: &mut MlpNeuralNetwork, plan: EpochPlan<'_>) -> EpochLoss;
}

/// One epoch's work: the rows `order` of `train`, at learning rate `lr`,
/// calling `progress(done)` every [`PROGRESS_EVERY`] samples and at the end.
pub struct EpochPlan<'a> {
    /// The training samples.
    pub train: &'a Samples<'a>,
    /// The rows of `train` to visit, in this order.
    pub order: &'a [usize],
    /// The learning rate of this epoch.
    pub lr: f64,
    /// Told how many samples are done.
    pub progress: &'a mut dyn FnMut(usize),
}

impl<'a> EpochPlan<'a> {
    /// The rows `order` of `train` at rate `lr`, with no one to tell the
    /// progress to (tests and benches).
    pub fn quiet(train: &'a Samples<'a>, order: &'a [usize], lr: f64) -> EpochPlan<'a> {
        // A closure that captures nothing has size 0: boxing and leaking it
        // allocates nothing and leaks nothing.
        let progress: &'a mut dyn FnMut(usize) = Box::leak(Box::new(|_: usize| {}));
        EpochPlan {
            train,
            order,
            lr,
            progress,
        }
    }
}

/// The engine `schedule` asks for, with the update rule `sgd` and its
/// memory sized for `net` (whose architecture it trains).
pub(crate) fn build(
    schedule: Schedule,
    sgd: SgdSettings,
    net: &MlpNeuralNetwork,
) -> Result<Box<dyn TrainEpoch>, NetworkError> {
    let (wi, wo, arch) = (net.wi(), net.wo(), net.architecture());
    let threads = threads();
    Ok(
        match (schedule.batch_size, schedule.engine, schedule.precision) {
            (1, Engine::Reference, Precision::F64) => Box::new(ReferenceEngine::new(sgd, net)?),
            (1, Engine::Fused, Precision::F64) => Box::new(FusedEngine::<f64>::new(sgd, net)?),
            (1, Engine::Fused, Precision::F32) => Box::new(FusedEngine::<f32>::new(sgd, net)?),
            (1, Engine::Sparse, Precision::F64) => {
                Box::new(SparseEngine::<f64>::new(wi, wo, arch, sgd, true)?)
            }
            (1, Engine::Sparse, Precision::F32) => {
                Box::new(SparseEngine::<f32>::new(wi, wo, arch, sgd, true)?)
            }
            (1, Engine::Reference, Precision::F32) => {
                return Err(ConfigError::PrecisionEngine(Engine::Reference).into());
            }
            (b, _, Precision::F64) => {
                Box::new(BatchEngine::<f64>::new(wi, wo, arch, sgd, b, threads)?)
            }
            (b, _, Precision::F32) => {
                Box::new(BatchEngine::<f32>::new(wi, wo, arch, sgd, b, threads)?)
            }
        },
    )
}

/// Threads for the batch engine's products: the machine's cores (at most 8).
pub(crate) fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// Sets `targets` to the one-hot vector of `label`, calls `f`, clears it.
pub(crate) fn with_one_hot<R>(targets: &mut [f64], label: usize, f: impl FnOnce(&[f64]) -> R) -> R {
    targets[label] = 1.0;
    let r = f(targets);
    targets[label] = 0.0;
    r
}

/// A sample's loss, or the divergence error if it is not finite.
pub(crate) fn check_loss(loss: f64, position: usize) -> Result<f64, NetworkError> {
    if loss.is_finite() {
        Ok(loss)
    } else {
        Err(NetworkError::Diverged {
            epoch: 0,
            sample: Some(position),
        })
    }
}

/// Calls `progress` every [`PROGRESS_EVERY`] samples and after the last.
pub(crate) fn report(progress: &mut dyn FnMut(usize), done: usize, total: usize) {
    if done.is_multiple_of(PROGRESS_EVERY) || done == total {
        progress(done);
    }
}
