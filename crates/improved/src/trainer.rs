//! Article P1.5 / P2.3 / P2.4: training, apart from the network. The
//! [`Trainer`] owns what changes from epoch to epoch (the sample order and
//! its generator, the learning rate and its decay) and the engine that
//! does the per-sample work (with its momentum memory). It reports through
//! an [`Observer`]; it prints nothing.

use std::time::Instant;

use data::Samples;
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;

use crate::engine::{self, EpochPlan, TrainEpoch};
use crate::{Architecture, Config, MlpNeuralNetwork, NetworkError, Schedule, SgdSettings};

/// One epoch of [`Trainer::fit`].
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Epoch {
    /// 0-based epoch number, counted over every `fit` of this trainer.
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
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
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

/// What a [`Trainer`] tells while it trains: a progress bar, a log, a plot.
/// Both methods do nothing by default.
pub trait Observer {
    /// After each epoch (and its validation).
    fn epoch_done(&mut self, _epoch: &Epoch) {}
    /// Every thousand samples or so, and at the end of each epoch: `done`
    /// of the epoch's `total` samples are trained.
    fn samples_done(&mut self, _done: usize, _total: usize) {}
}

/// An observer that ignores everything.
impl Observer for () {}

/// Trains a network: epochs, shuffling, rate decay, the engine.
///
/// It owns the [`Schedule`], the update rule's settings (the engine owns the
/// [`Sgd`](crate::Sgd) or its fast equivalent, with the momentum memory) and
/// the generator that shuffles. It holds no copy of the network's
/// [`Architecture`]: the engine reads the network it is given.
pub struct Trainer {
    schedule: Schedule,
    sgd: SgdSettings,
    rng: Xoshiro256PlusPlus,
    learning_rate: f64,
    epochs_done: usize,
    /// The network the engine was built for: its architecture and sizes.
    built_for: (Architecture, [usize; 3]),
    engine: Box<dyn TrainEpoch>,
}

impl Config {
    /// A network of `inputs`, `hidden` and `outputs` units with this
    /// configuration's architecture, its weights drawn from a generator
    /// seeded with `seed`.
    ///
    /// # Errors
    /// As [`MlpNeuralNetwork::new`].
    pub fn network(
        &self,
        inputs: usize,
        hidden: usize,
        outputs: usize,
    ) -> Result<MlpNeuralNetwork, NetworkError> {
        self.build(inputs, hidden, outputs).map(|(net, _)| net)
    }

    // ANCHOR: build
    /// A network and the trainer that trains it, from this one description:
    /// the network gets the architecture, the trainer the schedule and the
    /// update rule. One seed fixes everything: the generator draws the
    /// weights, then the trainer shuffles with it, continued.
    ///
    /// # Errors
    /// An invalid configuration, a layer of size 0, or memory that cannot be had.
    pub fn build(
        &self,
        inputs: usize,
        hidden: usize,
        outputs: usize,
    ) -> Result<(MlpNeuralNetwork, Trainer), NetworkError> {
        self.validate()?;
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(self.seed);
        let net = MlpNeuralNetwork::new(inputs, hidden, outputs, self.architecture(), &mut rng)?;
        let trainer = Trainer::with_generator(self.schedule(), self.sgd(), &net, rng)?;
        Ok((net, trainer))
    }
    // ANCHOR_END: build
}

impl Trainer {
    /// A trainer for `net` (its shapes and architecture) with a `schedule`
    /// and an update rule `sgd`, shuffling with a generator seeded with
    /// `schedule.seed`. (To draw the weights from the same generator, use
    /// [`Config::build`].)
    ///
    /// # Errors
    /// Invalid settings, or engine memory that cannot be allocated.
    pub fn new(
        schedule: Schedule,
        sgd: SgdSettings,
        net: &MlpNeuralNetwork,
    ) -> Result<Trainer, NetworkError> {
        let rng = Xoshiro256PlusPlus::seed_from_u64(schedule.seed);
        Trainer::with_generator(schedule, sgd, net, rng)
    }

    fn with_generator(
        schedule: Schedule,
        sgd: SgdSettings,
        net: &MlpNeuralNetwork,
        rng: Xoshiro256PlusPlus,
    ) -> Result<Trainer, NetworkError> {
        sgd.validate()?;
        schedule.validate()?;
        Ok(Trainer {
            schedule,
            sgd,
            rng,
            learning_rate: sgd.learning_rate,
            epochs_done: 0,
            built_for: describe(net),
            engine: engine::build(schedule, sgd, net)?,
        })
    }

    /// The whole description of this run for `net`: its architecture, this
    /// trainer's schedule and update rule (what a model file and `--json` write).
    pub fn config(&self, net: &MlpNeuralNetwork) -> Config {
        Config::from_parts(net.architecture(), self.sgd, self.schedule)
    }

    /// The schedule: epochs, decay, shuffling, seed, engine, batch size, precision.
    pub fn schedule(&self) -> Schedule {
        self.schedule
    }

    /// The learning rate of the next epoch.
    pub fn learning_rate(&self) -> f64 {
        self.learning_rate
    }

    /// [`fit_with`](Self::fit_with) without an observer.
    ///
    /// # Errors
    /// As [`fit_with`](Self::fit_with).
    pub fn fit(
        &mut self,
        net: &mut MlpNeuralNetwork,
        train: &Samples<'_>,
        validation: Option<&Samples<'_>>,
    ) -> Result<History, NetworkError> {
        self.fit_with(net, train, validation, &mut ())
    }

    // ANCHOR: fit
    /// Article P1.5 / P2.3: trains `net` for `config.epochs` epochs on `train`.
    ///
    /// Every epoch: shuffle the order (P2.3, if enabled), let the engine
    /// feed forward and back propagate every sample with its one-hot
    /// target, check the weights, measure the validation accuracy, decay
    /// the rate. Calling `fit` again continues where the last one stopped.
    ///
    /// # Errors
    /// Rows of the wrong width, a label without an output unit, a non-finite
    /// feature, or a diverging run: a non-finite loss or weight stops
    /// training with [`NetworkError::Diverged`] naming the epoch.
    pub fn fit_with(
        &mut self,
        net: &mut MlpNeuralNetwork,
        train: &Samples<'_>,
        validation: Option<&Samples<'_>>,
        observer: &mut impl Observer,
    ) -> Result<History, NetworkError> {
        self.check_network(net)?;
        net.check_samples(train)?;
        if let Some(v) = validation {
            net.check_samples(v)?;
        }
        let mut order: Vec<usize> = (0..train.len()).collect();
        let mut history = History::default();
        for _ in 0..self.schedule.epochs {
            self.shuffle(&mut order);
            let record = self.train_epoch(net, train, &order, validation, observer)?;
            self.decay_learning_rate();
            observer.epoch_done(&record);
            history.epochs.push(record);
        }
        Ok(history)
    }
    // ANCHOR_END: fit

    /// The engine was built for one network's shapes and architecture:
    /// another one is an error, not a silent mix of the two.
    fn check_network(&self, net: &MlpNeuralNetwork) -> Result<(), NetworkError> {
        let given = describe(net);
        if given != self.built_for {
            return Err(NetworkError::OtherNetwork {
                expected: name(self.built_for),
                got: name(given),
            });
        }
        Ok(())
    }

    /// One epoch in `order`, timed, checked and validated.
    fn train_epoch(
        &mut self,
        net: &mut MlpNeuralNetwork,
        train: &Samples<'_>,
        order: &[usize],
        validation: Option<&Samples<'_>>,
        observer: &mut impl Observer,
    ) -> Result<Epoch, NetworkError> {
        let epoch = self.epochs_done;
        let start = Instant::now();
        let total = order.len();
        let mut progress = |done: usize| observer.samples_done(done, total);
        let loss = self
            .engine
            .train_epoch(
                net,
                EpochPlan {
                    train,
                    order,
                    lr: self.learning_rate,
                    progress: &mut progress,
                },
            )
            .map_err(|e| e.in_epoch(epoch))?;
        let seconds = start.elapsed().as_secs_f64();
        if !net.weights_are_finite() {
            return Err(NetworkError::Diverged {
                epoch,
                sample: None,
            });
        }
        self.epochs_done += 1;
        Ok(Epoch {
            epoch,
            loss,
            learning_rate: self.learning_rate,
            seconds,
            validation_accuracy: validation.map(|v| net.accuracy(v)).transpose()?,
        })
    }

    // ANCHOR: shuffle
    /// Article P2.3: a new random order of the samples every epoch, so the
    /// network never learns the order itself and consecutive updates do not
    /// all pull the same way. Uses the trainer's seeded generator.
    fn shuffle(&mut self, order: &mut [usize]) {
        if self.schedule.shuffle {
            order.shuffle(&mut self.rng);
        }
    }
    // ANCHOR_END: shuffle

    // ANCHOR: rate_decay
    /// Article P2.4's schedule: after every epoch `lr = lr / (1 + rate_decay)`.
    /// (The article writes `lr * (lr / (lr + lr * rate_decay))`: the same number.)
    fn decay_learning_rate(&mut self) {
        self.learning_rate /= 1.0 + self.schedule.rate_decay;
    }
    // ANCHOR_END: rate_decay
}

/// A network's architecture and sizes (inputs, hidden, outputs).
fn describe(net: &MlpNeuralNetwork) -> (Architecture, [usize; 3]) {
    (
        net.architecture(),
        [net.inputs(), net.hidden(), net.outputs()],
    )
}

/// `64-100-10 tanh/softmax`.
fn name((a, [i, h, o]): (Architecture, [usize; 3])) -> String {
    format!("{i}-{h}-{o} {}/{}", a.hidden, a.output)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Engine, Momentum, Output, Sgd, argmax};

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
            epochs: 30,
            ..Config::default()
        }
    }

    #[test]
    fn fit_learns_a_separable_problem_and_reports_every_epoch() {
        let (features, labels) = toy();
        let train = Samples::new(&features, &labels).unwrap();
        let (mut net, mut trainer) = config().build(3, 5, 2).unwrap();
        let before = net.accuracy(&train).unwrap();
        let history = trainer.fit(&mut net, &train, Some(&train)).unwrap();
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
    fn the_reference_engine_is_feed_forward_and_back_propagate_by_hand() {
        let (features, labels) = toy();
        let train = Samples::new(&features, &labels).unwrap();
        let c = Config {
            shuffle: false,
            epochs: 2,
            momentum: Momentum::Article(0.5),
            l2_in: 0.01,
            engine: Engine::Reference,
            ..config()
        };
        let mut fitted = c.network(3, 5, 2).unwrap();
        let mut stepped = fitted.clone();
        Trainer::new(c.schedule(), c.sgd(), &fitted)
            .unwrap()
            .fit(&mut fitted, &train, None)
            .unwrap();
        let mut sgd = Sgd::new(c.sgd(), &stepped).unwrap();
        for _ in 0..2 {
            for (row, &label) in features.chunks_exact(3).zip(&labels) {
                let mut t = [0.0; 2];
                t[label] = 1.0;
                stepped.feed_forward(row).unwrap();
                stepped.back_propagate(&t, &mut sgd).unwrap();
            }
        }
        assert_eq!(
            fitted.wi(),
            stepped.wi(),
            "the reference engine is these calls"
        );
        assert_eq!(fitted.wo(), stepped.wo());
    }

    #[test]
    fn an_observer_hears_every_epoch_and_the_samples_done() {
        #[derive(Default)]
        struct Log {
            epochs: Vec<usize>,
            samples: Vec<(usize, usize)>,
        }
        impl Observer for Log {
            fn epoch_done(&mut self, e: &Epoch) {
                self.epochs.push(e.epoch);
            }
            fn samples_done(&mut self, done: usize, total: usize) {
                self.samples.push((done, total));
            }
        }
        let (features, labels) = toy();
        let train = Samples::new(&features, &labels).unwrap();
        let c = Config {
            epochs: 3,
            ..config()
        };
        let (mut net, mut trainer) = c.build(3, 5, 2).unwrap();
        let mut log = Log::default();
        trainer.fit_with(&mut net, &train, None, &mut log).unwrap();
        assert_eq!(log.epochs, vec![0, 1, 2]);
        assert_eq!(log.samples, vec![(40, 40); 3]);
        // A second fit continues: epochs are counted on, the rate keeps decaying.
        trainer.fit_with(&mut net, &train, None, &mut log).unwrap();
        assert_eq!(log.epochs, vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn shuffling_is_seeded() {
        let (features, labels) = toy();
        let train = Samples::new(&features, &labels).unwrap();
        let run = |seed: u64, shuffle: bool| {
            let c = Config {
                seed,
                shuffle,
                epochs: 3,
                ..config()
            };
            let (mut net, mut trainer) = c.build(3, 5, 2).unwrap();
            trainer.fit(&mut net, &train, None).unwrap();
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
            epochs: 3,
            ..config()
        };
        let (mut net, mut trainer) = c.build(3, 5, 2).unwrap();
        let rates: Vec<f64> = trainer
            .fit(&mut net, &train, None)
            .unwrap()
            .epochs
            .iter()
            .map(|e| e.learning_rate)
            .collect();
        assert_eq!(rates, vec![0.1, 0.1 / 1.5, 0.1 / 1.5 / 1.5]);
        assert_eq!(trainer.learning_rate(), 0.1 / 1.5 / 1.5 / 1.5);
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
        let (mut net, mut trainer) = c.build(3, 5, 2).unwrap();
        let e = trainer.fit(&mut net, &train, None).unwrap_err();
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
    fn a_trainer_refuses_a_network_it_was_not_built_for() {
        let (features, labels) = toy();
        let train = Samples::new(&features, &labels).unwrap();
        let (_, mut trainer) = config().build(3, 5, 2).unwrap();
        let sigmoid = Config {
            hidden: crate::Hidden::Sigmoid,
            ..config()
        };
        let mut other = sigmoid.network(3, 5, 2).unwrap();
        let e = trainer.fit(&mut other, &train, None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "this trainer was built for a 3-5-2 tanh/softmax network, got a 3-5-2 \
             sigmoid/softmax network"
        );
        let mut wider = config().network(3, 6, 2).unwrap();
        assert!(trainer.fit(&mut wider, &train, None).is_err());
    }

    #[test]
    fn bad_samples_are_errors_before_training() {
        let (mut net, mut trainer) = config().build(3, 5, 2).unwrap();
        let wide = Samples::new(&[0.0; 8], &[0, 1]).unwrap();
        assert_eq!(
            trainer.fit(&mut net, &wide, None).unwrap_err(),
            NetworkError::WrongInputs {
                expected: 3,
                got: 4
            }
        );
        let label = Samples::new(&[0.0; 6], &[0, 2]).unwrap();
        let e = trainer.fit(&mut net, &label, None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "row 1 has label 2, expected a label below 2 (one per output unit)"
        );
        let nan = Samples::new(&[0.0, f64::NAN, 0.0], &[0]).unwrap();
        assert!(trainer.fit(&mut net, &nan, None).is_err());
        let e = net.predict(&[0.0; 4]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Wrong number of inputs you silly goose! Expected rows of 3 values, \
             got 4 values (1 whole rows and 1 left over)"
        );
    }
}
