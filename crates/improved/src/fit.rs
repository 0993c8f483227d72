use std::time::Instant;

use rand::seq::SliceRandom;

use crate::{MlpNeuralNetwork, NetworkError};

/// Training or test rows, borrowed: flat features (row after row) and one
/// class label per row. `data::Dataset` gives both:
/// `Samples::new(set.features(), set.labels())`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Samples<'a> {
    features: &'a [f64],
    labels: &'a [usize],
    n_features: usize,
}

impl<'a> Samples<'a> {
    /// Pairs flat features with labels; the number of features per row is
    /// `features.len() / labels.len()`.
    ///
    /// # Errors
    /// No labels, or features that are not a whole, non-empty row per label.
    pub fn new(features: &'a [f64], labels: &'a [usize]) -> Result<Samples<'a>, NetworkError> {
        let (f, l) = (features.len(), labels.len());
        if l == 0 || f == 0 || f % l != 0 {
            return Err(NetworkError::Samples {
                features: f,
                labels: l,
            });
        }
        Ok(Samples {
            features,
            labels,
            n_features: f / l,
        })
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Always false: `Samples` cannot be empty.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Features per row.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// The features of row `i`. Panics if `i >= len()`.
    pub fn row(&self, i: usize) -> &'a [f64] {
        &self.features[i * self.n_features..(i + 1) * self.n_features]
    }

    /// The label of every row.
    pub fn labels(&self) -> &'a [usize] {
        self.labels
    }
}

/// One epoch of [`MlpNeuralNetwork::fit`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Epoch {
    /// 0-based epoch number.
    pub epoch: usize,
    /// Mean loss per training sample during the epoch (each measured before
    /// that sample's update).
    pub loss: f64,
    /// The learning rate used during the epoch.
    pub learning_rate: f64,
    /// Wall-clock seconds spent training the epoch (not validating).
    pub seconds: f64,
    /// Accuracy on the validation samples after the epoch, if any were given.
    pub validation_accuracy: Option<f64>,
}

/// Everything `fit` measured, one entry per epoch.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// The epochs, in order.
    pub epochs: Vec<Epoch>,
}

impl History {
    /// The last epoch, if any.
    pub fn last(&self) -> Option<&Epoch> {
        self.epochs.last()
    }

    /// Seconds spent training, summed over the epochs.
    pub fn train_seconds(&self) -> f64 {
        self.epochs.iter().map(|e| e.seconds).sum()
    }
}

impl MlpNeuralNetwork {
    /// Article P1.5 / P2.3: trains for `config.iterations` epochs on `train`,
    /// printing one line per epoch when `config.verbose` is set.
    ///
    /// # Errors
    /// As [`fit_with`](Self::fit_with).
    pub fn fit(
        &mut self,
        train: &Samples<'_>,
        validation: Option<&Samples<'_>>,
    ) -> Result<History, NetworkError> {
        self.fit_with(train, validation, |_| {})
    }

    // ANCHOR: fit
    /// [`fit`](Self::fit), calling `after_epoch` after every epoch.
    ///
    /// Every epoch: shuffle the order (P2.3, if enabled), then for each
    /// sample feed forward and back propagate with its one-hot target; then
    /// check the weights, measure the validation accuracy and decay the rate.
    /// Calling `fit` again continues from the current weights and rate.
    ///
    /// # Errors
    /// Rows of the wrong width, a label without an output unit, a non-finite
    /// feature, or a diverging run: a non-finite loss or weight stops
    /// training with [`NetworkError::Diverged`] naming the epoch.
    pub fn fit_with(
        &mut self,
        train: &Samples<'_>,
        validation: Option<&Samples<'_>>,
        mut after_epoch: impl FnMut(&Epoch),
    ) -> Result<History, NetworkError> {
        self.check_samples(train)?;
        if let Some(v) = validation {
            self.check_samples(v)?;
        }
        let mut order: Vec<usize> = (0..train.len()).collect();
        let mut targets = vec![0.0; self.outputs()]; // (output), one-hot
        let mut history = History::default();
        for epoch in 0..self.config.iterations {
            let start = Instant::now();
            self.shuffle(&mut order);
            let loss = self.train_epoch(train, &order, &mut targets, epoch)?;
            let seconds = start.elapsed().as_secs_f64();
            self.check_weights(epoch)?;
            let validation_accuracy = validation.map(|v| self.accuracy(v)).transpose()?;
            let learning_rate = self.learning_rate;
            let record = Epoch {
                epoch,
                loss,
                learning_rate,
                seconds,
                validation_accuracy,
            };
            self.decay_learning_rate();
            self.report(&record);
            after_epoch(&record);
            history.epochs.push(record);
        }
        Ok(history)
    }
    // ANCHOR_END: fit

    /// One pass over the samples in `order`; returns the mean loss. The loop
    /// allocates nothing: `targets` is reused for every one-hot vector.
    fn train_epoch(
        &mut self,
        train: &Samples<'_>,
        order: &[usize],
        targets: &mut [f64],
        epoch: usize,
    ) -> Result<f64, NetworkError> {
        let mut total = 0.0;
        self.feed_forward(train.row(order[0]))?;
        for (position, &i) in order.iter().enumerate() {
            let label = train.labels[i];
            let next = order.get(position + 1).map(|&n| train.row(n));
            targets[label] = 1.0;
            let loss = self.train_step(targets, next); // back_propagate, then feed_forward(next)
            targets[label] = 0.0;
            if !loss.is_finite() {
                return Err(NetworkError::Diverged {
                    epoch,
                    sample: Some(position),
                });
            }
            total += loss;
        }
        Ok(total / order.len() as f64)
    }

    // ANCHOR: shuffle
    /// Article P2.3: a new random order of the samples every epoch, so the
    /// network never learns the order itself and consecutive updates do not
    /// all pull the same way. Uses the network's seeded generator.
    fn shuffle(&mut self, order: &mut [usize]) {
        if self.config.shuffle {
            order.shuffle(&mut self.rng);
        }
    }
    // ANCHOR_END: shuffle

    // ANCHOR: rate_decay
    /// Article P2.4's schedule: after every epoch `lr = lr / (1 + rate_decay)`.
    /// (The article writes `lr * (lr / (lr + lr * rate_decay))`: the same number.)
    fn decay_learning_rate(&mut self) {
        self.learning_rate /= 1.0 + self.config.rate_decay;
    }
    // ANCHOR_END: rate_decay

    fn report(&self, e: &Epoch) {
        if self.config.verbose {
            let validation = e
                .validation_accuracy
                .map_or(String::new(), |a| format!("  validation accuracy {a:.4}"));
            println!(
                "epoch {:>3}/{}  loss {:.6}  learning rate {:.6}  {:.3} s{validation}",
                e.epoch + 1,
                self.config.iterations,
                e.loss,
                e.learning_rate,
                e.seconds
            );
        }
    }

    fn check_samples(&self, samples: &Samples<'_>) -> Result<(), NetworkError> {
        if samples.n_features != self.inputs() {
            return Err(NetworkError::WrongInputs {
                expected: self.inputs(),
                got: samples.n_features,
            });
        }
        if samples.features.iter().any(|x| !x.is_finite()) {
            return Err(NetworkError::NotFinite { what: "features" });
        }
        let classes = self.outputs();
        if let Some((row, &label)) = samples
            .labels
            .iter()
            .enumerate()
            .find(|(_, l)| **l >= classes)
        {
            return Err(NetworkError::LabelOutOfRange {
                row,
                label,
                classes,
            });
        }
        Ok(())
    }

    fn check_weights(&self, epoch: usize) -> Result<(), NetworkError> {
        if self.wi.iter().chain(self.wo.iter()).all(|w| w.is_finite()) {
            Ok(())
        } else {
            Err(NetworkError::Diverged {
                epoch,
                sample: None,
            })
        }
    }

    // ANCHOR: predict
    /// Article P1.5 (`predict`): the output activations of every row of flat
    /// `features` (row after row). With a softmax output they are class
    /// probabilities.
    ///
    /// # Errors
    /// Features that are not whole rows, a non-finite feature, or outputs
    /// that are not finite (a network whose training diverged): never NaN.
    pub fn predict(&mut self, features: &[f64]) -> Result<Vec<Vec<f64>>, NetworkError> {
        let rows = self.rows(features)?;
        rows.map(|row| self.predict_one(row).map(<[f64]>::to_vec))
            .collect()
    }

    /// The predicted class of every row: the index of the largest output.
    ///
    /// # Errors
    /// As [`predict`](Self::predict).
    pub fn predict_class(&mut self, features: &[f64]) -> Result<Vec<usize>, NetworkError> {
        let rows = self.rows(features)?;
        rows.map(|row| self.predict_one(row).map(argmax)).collect()
    }
    // ANCHOR_END: predict

    /// Fraction of `samples` whose predicted class is their label.
    ///
    /// # Errors
    /// As [`predict`](Self::predict), or rows of the wrong width.
    pub fn accuracy(&mut self, samples: &Samples<'_>) -> Result<f64, NetworkError> {
        self.check_samples(samples)?;
        let mut hits = 0;
        for (i, &label) in samples.labels.iter().enumerate() {
            if argmax(self.predict_one(samples.row(i))?) == label {
                hits += 1;
            }
        }
        Ok(hits as f64 / samples.len() as f64)
    }

    fn predict_one(&mut self, row: &[f64]) -> Result<&[f64], NetworkError> {
        let outputs = self.feed_forward(row)?;
        if outputs.iter().any(|o| !o.is_finite()) {
            return Err(NetworkError::NotFinite {
                what: "outputs (the weights have diverged)",
            });
        }
        Ok(outputs)
    }

    fn rows<'f>(
        &self,
        features: &'f [f64],
    ) -> Result<std::slice::ChunksExact<'f, f64>, NetworkError> {
        let n = self.inputs();
        if features.len() % n != 0 {
            let got = features.len() % n;
            return Err(NetworkError::WrongInputs { expected: n, got });
        }
        Ok(features.chunks_exact(n))
    }
}

/// Index of the largest value (the first of ties): the predicted class.
pub fn argmax(values: &[f64]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = i;
        }
    }
    best
}
