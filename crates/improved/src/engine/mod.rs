//! Engines: what trains one epoch. The [`Trainer`](crate::Trainer) picks one
//! from [`Config::engine`](crate::Config::engine).
//!
//! - [`Engine::Reference`]: the reference network's own `feed_forward` and
//!   `back_propagate`, one sample after the other: the readable way.
//! - [`Engine::Fused`]: the same per-sample rule, made fast (`fused.rs`):
//!   one pass over `wi` per sample, a rank-1 momentum memory, SIMD kernels.
//!
//! Every engine is proven to give the reference's numbers (within a stated
//! tolerance) by `tests/engines.rs`.

mod fused;
pub(crate) mod kernels;
mod reference;

use data::Samples;

pub(crate) use fused::FusedEngine;
pub(crate) use reference::ReferenceEngine;

use crate::{Config, MlpNeuralNetwork, NetworkError};

/// How often (in samples) an engine reports its progress.
pub(crate) const PROGRESS_EVERY: usize = 1000;

/// Which engine trains: see the module docs of `engine`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Engine {
    /// The reference network's functions, one sample at a time.
    Reference,
    /// The fused per-sample pass: same rule, same numbers up to rounding, faster.
    #[default]
    Fused,
}

/// One epoch of training, whatever the engine.
pub(crate) trait TrainEpoch {
    /// Trains one epoch over the rows `order` of `train` at learning rate
    /// `lr`; returns the mean loss per sample (each measured before that
    /// sample's update); calls `progress(done)` every [`PROGRESS_EVERY`]
    /// samples and at the end.
    ///
    /// # Errors
    /// [`NetworkError::Diverged`] (epoch 0: the trainer fills in the epoch)
    /// when a loss stops being finite.
    fn train_epoch(
        &mut self,
        net: &mut MlpNeuralNetwork,
        train: &Samples<'_>,
        order: &[usize],
        lr: f64,
        progress: &mut dyn FnMut(usize),
    ) -> Result<f64, NetworkError>;
}

/// The engine `config` asks for, with its memory sized for `net`.
pub(crate) fn build(
    config: &Config,
    net: &MlpNeuralNetwork,
) -> Result<Box<dyn TrainEpoch>, NetworkError> {
    Ok(match config.engine {
        Engine::Reference => Box::new(ReferenceEngine::new(config, net)?),
        Engine::Fused => Box::new(FusedEngine::new(config, net)?),
    })
}

/// Sets `targets` to the one-hot vector of `label`, calls `f`, clears it.
pub(crate) fn with_one_hot<R>(targets: &mut [f64], label: usize, f: impl FnOnce(&[f64]) -> R) -> R {
    targets[label] = 1.0;
    let r = f(targets);
    targets[label] = 0.0;
    r
}

/// A sample's loss, or the divergence error if it is not finite.
pub(crate) fn finite(loss: f64, position: usize) -> Result<f64, NetworkError> {
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
