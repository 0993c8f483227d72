//! The one place that calls `improved`'s training API: build a network,
//! train it one epoch at a time, read its outputs and first-layer weights.
//! Every figure that trains goes through [`Model`], so a change of that API
//! is a change of this file only.

use data::Dataset;
use data::Samples;
use improved::{Config, MlpNeuralNetwork, Momentum, Trainer};

use crate::FigureError;

/// The settings a figure varies. Everything else is `Config::recommended()`:
/// tanh hidden layer, softmax output with cross-entropy, scaled
/// initialization, shuffling, learning rate 0.01, classical momentum.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub hidden: usize,
    /// Classical momentum coefficient (0.9 in the digits example, 0 in the MNIST one).
    pub momentum: f64,
    /// After every epoch `lr = lr / (1 + rate_decay)` (0.1 in the MNIST example).
    pub rate_decay: f64,
    /// L2 weight decay on both layers (P2.4).
    pub l2: f64,
    pub seed: u64,
}

impl Settings {
    /// The digits example's defaults: classical momentum 0.9, no decay, no L2.
    pub fn digits(hidden: usize, seed: u64) -> Settings {
        Settings {
            hidden,
            momentum: 0.9,
            rate_decay: 0.0,
            l2: 0.0,
            seed,
        }
    }

    /// The MNIST example's defaults but for L2: no momentum, the rate
    /// divided by 1.1 after every epoch.
    pub fn mnist(hidden: usize, l2: f64, seed: u64) -> Settings {
        Settings {
            hidden,
            momentum: 0.0,
            rate_decay: 0.1,
            l2,
            seed,
        }
    }
}

/// A network being trained for a figure.
pub struct Model {
    net: MlpNeuralNetwork,
    trainer: Trainer,
}

impl Model {
    /// A fresh network for `train`'s width and classes, weights drawn from `seed`.
    ///
    /// # Errors
    /// An invalid setting (a negative L2, no hidden unit).
    pub fn new(train: &Dataset, s: Settings) -> Result<Model, FigureError> {
        let config = Config {
            momentum: Momentum::Classical(s.momentum),
            rate_decay: s.rate_decay,
            l2_in: s.l2,
            l2_out: s.l2,
            seed: s.seed,
            epochs: 1, // `train_epoch` calls `fit` once per epoch
            ..Config::recommended()
        };
        let (net, trainer) = config
            .build(train.n_features(), s.hidden, train.n_classes())
            .map_err(err)?;
        Ok(Model { net, trainer })
    }

    /// One more epoch on `train` (the trainer's generator, momentum memory
    /// and learning rate carry over from the previous epoch).
    ///
    /// # Errors
    /// Rows of the wrong width, or a diverging run.
    pub fn train_epoch(&mut self, train: &Dataset) -> Result<(), FigureError> {
        let samples = Samples::new(train.features(), train.labels()).map_err(err)?;
        self.trainer
            .fit(&mut self.net, &samples, None)
            .map_err(err)?;
        Ok(())
    }

    /// The output probabilities of every row of `set`.
    ///
    /// # Errors
    /// Rows of the wrong width, or outputs that are not finite.
    pub fn outputs(&mut self, set: &Dataset) -> Result<Vec<Vec<f64>>, FigureError> {
        self.net.predict(set.features()).map_err(err)
    }

    /// The loss the network trains on (cross-entropy), of one row's outputs.
    pub fn loss(&self, label: usize, outputs: &[f64]) -> f64 {
        let targets = data::one_hot(label, outputs.len());
        self.net.architecture().output.loss(&targets, outputs)
    }

    /// The weights from the inputs into each hidden unit (bias excluded):
    /// `result[j][i]` is `wi[i][j]`.
    pub fn first_layer(&self) -> Vec<Vec<f64>> {
        let wi = self.net.wi();
        let inputs = self.net.inputs();
        (0..self.net.hidden())
            .map(|j| (0..inputs).map(|i| wi[(i, j)]).collect())
            .collect()
    }
}

fn err(e: impl std::fmt::Display) -> FigureError {
    FigureError(e.to_string())
}

/// Accuracy and mean loss of a model on a data set.
///
/// # Errors
/// As [`Model::outputs`].
pub fn score(model: &mut Model, set: &Dataset) -> Result<(f64, f64), FigureError> {
    let outputs = model.outputs(set)?;
    let (mut hits, mut loss) = (0usize, 0.0);
    for (o, &label) in outputs.iter().zip(set.labels()) {
        if data::argmax(o) == label {
            hits += 1;
        }
        loss += model.loss(label, o);
    }
    let n = set.len() as f64;
    Ok((hits as f64 / n, loss / n))
}
