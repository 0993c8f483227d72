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
        if l == 0 || f == 0 || !f.is_multiple_of(l) {
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
        if !features.len().is_multiple_of(n) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Momentum, Output};

    /// Two noisy, separable classes in 3 features: class = (x0 + x1 > x2).
    fn toy() -> (Vec<f64>, Vec<usize>) {
        let mut features = Vec::new();
        let mut labels = Vec::new();
        for i in 0..40 {
            let x = [
                (i % 7) as f64 / 7.0 - 0.5,
                (i % 5) as f64 / 5.0 - 0.4,
                (i % 3) as f64 / 3.0 - 0.3,
            ];
            features.extend_from_slice(&x);
            labels.push(usize::from(x[0] + x[1] > x[2]));
        }
        (features, labels)
    }

    fn config() -> Config {
        Config {
            output: Output::Softmax,
            learning_rate: 0.1,
            iterations: 30,
            ..Config::default()
        }
    }

    #[test]
    fn samples_must_be_whole_rows() {
        assert!(Samples::new(&[1.0, 2.0, 3.0], &[0, 1]).is_err());
        assert!(Samples::new(&[], &[]).is_err());
        let e = Samples::new(&[1.0; 5], &[0, 1]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "expected the features to be whole rows, one per label: got 5 values for 2 labels"
        );
        let s = Samples::new(&[1.0, 2.0, 3.0, 4.0], &[0, 1]).unwrap();
        assert_eq!((s.len(), s.n_features(), s.row(1)), (2, 2, &[3.0, 4.0][..]));
    }

    #[test]
    fn fit_learns_a_separable_problem_and_reports_every_epoch() {
        let (features, labels) = toy();
        let train = Samples::new(&features, &labels).unwrap();
        let mut net = MlpNeuralNetwork::new(3, 5, 2, &config()).unwrap();
        let before = net.accuracy(&train).unwrap();
        let history = net.fit(&train, Some(&train)).unwrap();
        assert_eq!(history.epochs.len(), 30);
        let (first, last) = (history.epochs[0], history.epochs[29]);
        assert!(last.loss < first.loss / 2.0, "{first:?} -> {last:?}");
        assert!(
            last.validation_accuracy.unwrap() >= 0.9 && before < 0.9,
            "{before} -> {last:?}"
        );
        assert!(history.train_seconds() >= 0.0);
        let classes = net.predict_class(&features).unwrap();
        let probabilities = net.predict(&features).unwrap();
        assert_eq!(classes.len(), 40);
        assert!(
            probabilities
                .iter()
                .all(|p| (p.iter().sum::<f64>() - 1.0).abs() < 1e-12)
        );
        assert_eq!(classes[3], argmax(&probabilities[3]));
    }

    #[test]
    fn fit_gives_the_same_weights_as_calling_the_steps_by_hand() {
        let (features, labels) = toy();
        let train = Samples::new(&features, &labels).unwrap();
        let c = Config {
            shuffle: false,
            iterations: 2,
            momentum: Momentum::Article(0.5),
            l2_in: 0.01,
            ..config()
        };
        let mut fitted = MlpNeuralNetwork::new(3, 5, 2, &c).unwrap();
        let mut stepped = fitted.clone();
        fitted.fit(&train, None).unwrap();
        for _ in 0..2 {
            for (row, &label) in features.chunks_exact(3).zip(&labels) {
                let mut t = [0.0; 2];
                t[label] = 1.0;
                stepped.feed_forward(row).unwrap();
                stepped.back_propagate(&t).unwrap();
            }
        }
        assert_eq!(
            fitted.wi(),
            stepped.wi(),
            "fit's fused pass must not change a bit"
        );
        assert_eq!(fitted.wo(), stepped.wo());
    }

    #[test]
    fn shuffling_is_seeded() {
        let (features, labels) = toy();
        let train = Samples::new(&features, &labels).unwrap();
        let run = |seed: u64, shuffle: bool| {
            let c = Config {
                seed,
                shuffle,
                iterations: 3,
                ..config()
            };
            let mut net = MlpNeuralNetwork::new(3, 5, 2, &c).unwrap();
            net.fit(&train, None).unwrap();
            net.wi().clone()
        };
        assert_eq!(run(4, true), run(4, true));
        assert_ne!(run(4, true), run(4, false));
    }

    #[test]
    fn rate_decay_divides_the_rate_by_one_plus_decay_after_each_epoch() {
        let (features, labels) = toy();
        let train = Samples::new(&features, &labels).unwrap();
        let c = Config {
            rate_decay: 0.5,
            iterations: 3,
            ..config()
        };
        let mut net = MlpNeuralNetwork::new(3, 5, 2, &c).unwrap();
        let rates: Vec<f64> = net
            .fit(&train, None)
            .unwrap()
            .epochs
            .iter()
            .map(|e| e.learning_rate)
            .collect();
        assert_eq!(rates, vec![0.1, 0.1 / 1.5, 0.1 / 1.5 / 1.5]);
        assert_eq!(net.learning_rate(), 0.1 / 1.5 / 1.5 / 1.5);
        // The article's own expression gives the same numbers.
        let lr: f64 = 0.1;
        assert!((lr * (lr / (lr + lr * 0.5)) - lr / 1.5).abs() < 1e-17);
    }

    #[test]
    fn divergence_stops_fit_with_an_error_naming_the_epoch() {
        let (features, labels) = toy();
        let train = Samples::new(&features, &labels).unwrap();
        let c = Config {
            learning_rate: f64::MAX,
            ..config()
        };
        let mut net = MlpNeuralNetwork::new(3, 5, 2, &c).unwrap();
        let e = net.fit(&train, None).unwrap_err();
        assert!(
            matches!(e, NetworkError::Diverged { epoch: 0, .. }),
            "{e:?}"
        );
        assert!(
            e.to_string().starts_with("training diverged in epoch 0"),
            "{e}"
        );
        // ... and the broken network refuses to predict instead of giving NaN.
        assert!(net.predict(&features).is_err());
    }

    #[test]
    fn bad_samples_are_errors_before_training() {
        let mut net = MlpNeuralNetwork::new(3, 5, 2, &config()).unwrap();
        let wide = Samples::new(&[0.0; 8], &[0, 1]).unwrap();
        assert_eq!(
            net.fit(&wide, None).unwrap_err(),
            NetworkError::WrongInputs {
                expected: 3,
                got: 4
            }
        );
        let label = Samples::new(&[0.0; 6], &[0, 2]).unwrap();
        let e = net.fit(&label, None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "row 1 has label 2, expected a label below 2 (one per output unit)"
        );
        let nan = Samples::new(&[0.0, f64::NAN, 0.0], &[0]).unwrap();
        assert!(net.fit(&nan, None).is_err());
        assert!(net.predict(&[0.0; 4]).is_err());
    }

    #[test]
    fn argmax_picks_the_first_largest() {
        assert_eq!(argmax(&[0.1, 0.7, 0.7]), 1);
        assert_eq!(argmax(&[]), 0);
    }
}
