use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Which engine trains: see the module docs of [`engine`](crate::engine).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Engine {
    /// The reference network's functions, one sample at a time.
    Reference,
    /// The fused per-sample pass: same rule, same numbers up to rounding, faster.
    #[default]
    Fused,
    /// One sample at a time, skipping the inputs that are 0 (f64 or f32).
    Sparse,
}

/// Article P2.1: the hidden layer's activation function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hidden {
    /// `sigmoid(x) = 1 / (1 + e^-x)`, outputs in (0, 1): part 1's choice.
    Sigmoid,
    /// `tanh(x)`, outputs in (-1, 1) and centred on 0: part 2's choice.
    Tanh,
}

/// Article P2.1: the output layer, and the loss that goes with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Output {
    /// One sigmoid per output unit, trained on the squared error
    /// `sum over k of 0.5 * (t[k] - ao[k])^2` (part 1's choice, part 2's default).
    Logistic,
    /// `softmax`: the outputs are positive and sum to 1 (one probability per
    /// exclusive class), trained on the cross-entropy `-sum over k of t[k] * ln(ao[k])`.
    Softmax,
}

/// Article P2.2: how the starting weights are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Init {
    /// Every weight from a standard normal `Normal(0, 1)`, as `naive` does (P1.2).
    StandardNormal,
    /// `wi ~ Normal(0, 1/sqrt(inputs + 1))`, `wo ~ Normal(0, 1/sqrt(hidden))`:
    /// each unit's weighted sum then starts with a spread of about 1 when the
    /// inputs have mean 0 and spread 1 (P2.2).
    Scaled,
}

// ANCHOR: momentum
/// Article P2.4: how the previous step carries into the next one.
///
/// `g` is this sample's gradient of a weight matrix (`outer(ai, hidden_deltas)`
/// for `wi`), `lr` the learning rate, `l2` the layer's weight decay.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", content = "mu", rename_all = "kebab-case")]
pub enum Momentum {
    /// The article's rule: `w -= lr * (g + l2 * w) + mu * g_prev`, where
    /// `g_prev` is the previous sample's *raw* gradient (not scaled by `lr`,
    /// not accumulated). `mu = 0` is plain gradient descent; `mu = 1` is
    /// `naive`'s quirk. Because `g_prev` is not multiplied by `lr`, `mu = 0.5`
    /// with `lr = 0.01` steps about 50 times further than `lr` alone.
    Article(f64),
    /// Classical (heavy-ball) momentum with a velocity `v` per weight:
    /// `v = mu * v - lr * (g + l2 * w); w += v`.
    Classical(f64),
}

impl Momentum {
    /// The coefficient `mu`, whatever the rule.
    pub fn mu(self) -> f64 {
        match self {
            Momentum::Article(mu) | Momentum::Classical(mu) => mu,
        }
    }
}
// ANCHOR_END: momentum

/// The one spelling of each switch value, shared by the examples' flags,
/// the JSON output, the model file and the traces.
macro_rules! names {
    ($type:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $type {
            /// Every value, in declaration order.
            pub const ALL: &[$type] = &[$($type::$variant),+];

            /// The value's name, e.g. in flags and JSON.
            pub fn name(self) -> &'static str {
                match self {
                    $($type::$variant => $name),+
                }
            }
        }

        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }

        impl FromStr for $type {
            type Err = ParseError;

            fn from_str(s: &str) -> Result<$type, ParseError> {
                $type::ALL
                    .iter()
                    .copied()
                    .find(|v| v.name() == s)
                    .ok_or_else(|| ParseError {
                        what: stringify!($type),
                        expected: $type::ALL.iter().map(|v| v.name()).collect::<Vec<_>>().join(", "),
                        got: s.to_string(),
                    })
            }
        }
    };
}

names!(Hidden { Sigmoid => "sigmoid", Tanh => "tanh" });
names!(Output { Logistic => "logistic", Softmax => "softmax" });
names!(Init { StandardNormal => "standard-normal", Scaled => "scaled" });
names!(Engine { Reference => "reference", Fused => "fused", Sparse => "sparse" });
names!(Precision { F64 => "f64", F32 => "f32" });
pub(crate) use names;

/// The floating-point type training computes in. The network's weights
/// stay `f64`; an `f32` engine keeps `f32` copies and writes them back after
/// every epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Precision {
    /// 64-bit numbers, as the reference network computes.
    #[default]
    F64,
    /// 32-bit numbers: half the memory per weight, twice the numbers per
    /// SIMD instruction, about 7 significant digits instead of 16.
    F32,
}

impl Momentum {
    /// The rule's name without its coefficient: `article` or `classical`.
    pub fn rule(self) -> &'static str {
        match self {
            Momentum::Article(_) => "article",
            Momentum::Classical(_) => "classical",
        }
    }

    /// The rule `name` (`article` or `classical`) with coefficient `mu`.
    ///
    /// # Errors
    /// Another name.
    pub fn with_rule(name: &str, mu: f64) -> Result<Momentum, ParseError> {
        match name {
            "article" => Ok(Momentum::Article(mu)),
            "classical" => Ok(Momentum::Classical(mu)),
            _ => Err(ParseError {
                what: "Momentum",
                expected: "article, classical".to_string(),
                got: name.to_string(),
            }),
        }
    }
}

/// `article(0.5)`, `classical(0.9)`.
impl fmt::Display for Momentum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", self.rule(), self.mu())
    }
}

/// Reads what `Display` writes: `article(0.5)`, `classical(0.9)`.
impl FromStr for Momentum {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Momentum, ParseError> {
        let error = || ParseError {
            what: "Momentum",
            expected: "article(MU) or classical(MU), e.g. classical(0.9)".to_string(),
            got: s.to_string(),
        };
        let (name, rest) = s.split_once('(').ok_or_else(error)?;
        let mu = rest.strip_suffix(')').ok_or_else(error)?;
        let mu: f64 = mu.trim().parse().map_err(|_| error())?;
        Momentum::with_rule(name.trim(), mu).map_err(|_| error())
    }
}

/// A switch value that is not one of the names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub(crate) what: &'static str,
    pub(crate) expected: String,
    pub(crate) got: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {}: expected one of {}, got {:?}",
            self.what, self.expected, self.got
        )
    }
}

impl std::error::Error for ParseError {}

// ANCHOR: config
/// Every setting of the part-2 network, each upgrade a switch.
///
/// [`Config::default`] is the article's part-2 program as it ships;
/// [`Config::recommended`] is what our examples use; [`Config::naive_equivalent`]
/// turns every upgrade off and reproduces `naive`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Activation of the hidden layer (P2.1).
    pub hidden: Hidden,
    /// Output layer and loss (P2.1).
    pub output: Output,
    /// Starting weights (P2.2).
    pub init: Init,
    /// Shuffle the samples at the start of every epoch (P2.3).
    pub shuffle: bool,
    /// Weight decay on the input-to-hidden weights `wi` (P2.4), `>= 0`.
    pub l2_in: f64,
    /// Weight decay on the hidden-to-output weights `wo` (P2.4), `>= 0`.
    pub l2_out: f64,
    /// Momentum rule and coefficient (P2.4), coefficient `>= 0`.
    pub momentum: Momentum,
    /// After every epoch `lr = lr / (1 + rate_decay)`, `>= 0`. The article
    /// writes it as `lr * (lr / (lr + lr * rate_decay))`, which is the same.
    pub rate_decay: f64,
    /// Epochs: passes over the training samples, `>= 1`. (The article
    /// calls them iterations; `naive` keeps that word.)
    pub epochs: usize,
    /// The starting learning rate, `> 0`.
    pub learning_rate: f64,
    /// Seed of the generator that draws the weights and shuffles.
    pub seed: u64,
    /// What does the per-sample work during training: the readable
    /// reference, the fused pass or the sparse pass (the same numbers up to
    /// rounding; a batch size above 1 uses the mini-batch engine instead).
    pub engine: Engine,
    /// Samples per step, `>= 1`. 1 is the article's per-sample rule (with
    /// `engine`); more trains on mini-batches: each step uses the mean of the
    /// batch's per-sample gradients (see [`engine::batch`](crate::engine::batch)).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub batch_size: usize,
    /// The number type training computes in (`f32` works with every engine
    /// but the reference).
    #[serde(default, skip_serializing_if = "is_f64")]
    pub precision: Precision,
}

/// The batch size of files written before it existed: one sample per step.
/// (Left out when writing, as is `f64`, so that those files stay the same.)
fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

fn is_f64(p: &Precision) -> bool {
    *p == Precision::F64
}
// ANCHOR_END: config

impl Default for Config {
    /// The article's part-2 defaults: 50 epochs, learning rate 0.01, no l2,
    /// no momentum, no rate decay, logistic output, tanh hidden layer, scaled
    /// initialization, shuffling on.
    fn default() -> Config {
        Config {
            hidden: Hidden::Tanh,
            output: Output::Logistic,
            init: Init::Scaled,
            shuffle: true,
            l2_in: 0.0,
            l2_out: 0.0,
            momentum: Momentum::Article(0.0),
            rate_decay: 0.0,
            epochs: 50,
            learning_rate: 0.01,
            seed: 1,
            engine: Engine::Fused,
            batch_size: 1,
            precision: Precision::F64,
        }
    }
}

impl Config {
    /// The settings our examples use: tanh hidden layer, softmax output with
    /// cross-entropy, scaled weights, shuffling, classical momentum 0.9 at
    /// learning rate 0.01, 50 epochs, no l2, no decay.
    ///
    /// On the digits (64-100-10, pixels scaled to [0, 1]) this reaches a
    /// test accuracy of 0.978 +- 0.006 over seeds 1-10; its learning rate and
    /// the hidden size were chosen on validation rows (`examples/choose.rs`).
    /// Classical momentum 0.9 makes the effective step about `lr / (1 - mu)`
    /// = 0.1, reached smoothly instead of from one sample's raw gradient.
    pub fn recommended() -> Config {
        Config {
            output: Output::Softmax,
            momentum: Momentum::Classical(0.9),
            ..Config::default()
        }
    }

    /// The article's exact part-2 digits settings: logistic output, article
    /// momentum 0.5, rate decay 0.0001, learning rate 0.01, 50 epochs (the
    /// demo uses 400 hidden units and standardized inputs).
    pub fn article_digits() -> Config {
        Config {
            momentum: Momentum::Article(0.5),
            rate_decay: 0.0001,
            ..Config::default()
        }
    }

    /// The full program the article links right after P1.5, which differs
    /// from its part-1 snippets (the project's notes on the article list the
    /// differences): a tanh hidden layer, a logistic output trained on the
    /// squared error, `Normal(0, 1/sqrt(fan_in))` starting weights, a new
    /// sample order every epoch, learning rate 0.5 divided by `1 + 0.01`
    /// after every epoch, 50 epochs, and its update
    /// `w += lr * change + 0.5 * c_prev` with `change` the negative gradient
    /// (the error sign is flipped), which is `w -= lr * g + 0.5 * g_prev`:
    /// the article's momentum rule with `mu = 0.5`. Its demo is 64-100-10
    /// on pixels scaled to [0, 1].
    pub fn article_program() -> Config {
        Config {
            hidden: Hidden::Tanh,
            output: Output::Logistic,
            init: Init::Scaled,
            shuffle: true,
            momentum: Momentum::Article(0.5),
            learning_rate: 0.5,
            rate_decay: 0.01,
            epochs: 50,
            ..Config::default()
        }
    }

    /// Every upgrade off: sigmoid hidden layer, logistic output, standard
    /// normal weights, no shuffling, no l2, no decay, and the article's
    /// momentum rule with `mu = 1`. Stepped from the same weights, this
    /// network computes what `naive` computes, with `learning_rate` as naive's `N`.
    pub fn naive_equivalent() -> Config {
        Config {
            hidden: Hidden::Sigmoid,
            output: Output::Logistic,
            init: Init::StandardNormal,
            shuffle: false,
            l2_in: 0.0,
            l2_out: 0.0,
            momentum: Momentum::Article(1.0),
            rate_decay: 0.0,
            epochs: 3000,
            learning_rate: 0.0002,
            ..Config::default()
        }
    }

    /// Checks every number (the update rule's, then the schedule's).
    ///
    /// # Errors
    /// As [`SgdSettings::validate`] and [`Schedule::validate`].
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.sgd().validate()?;
        self.schedule().validate()
    }

    // ANCHOR: config_parts
    /// What the network is (P2.1, P2.2): owned by the [`MlpNeuralNetwork`](crate::MlpNeuralNetwork).
    pub fn architecture(&self) -> Architecture {
        Architecture {
            hidden: self.hidden,
            output: self.output,
            init: self.init,
        }
    }

    /// How one step moves the weights (P1.4, P2.4): owned by the [`Sgd`](crate::Sgd).
    pub fn sgd(&self) -> SgdSettings {
        SgdSettings {
            learning_rate: self.learning_rate,
            momentum: self.momentum,
            l2_in: self.l2_in,
            l2_out: self.l2_out,
        }
    }

    /// When and how training runs (P1.5, P2.3, P2.4): owned by the [`Trainer`](crate::Trainer).
    pub fn schedule(&self) -> Schedule {
        Schedule {
            epochs: self.epochs,
            rate_decay: self.rate_decay,
            shuffle: self.shuffle,
            seed: self.seed,
            engine: self.engine,
            batch_size: self.batch_size,
            precision: self.precision,
        }
    }
    // ANCHOR_END: config_parts

    /// What differs from `base`, one `name base -> self` entry per setting
    /// (empty when nothing does). The examples print it as a one-line notice
    /// when flags override a preset on purpose, so an override is never silent.
    pub fn changes_from(&self, base: &Config) -> Vec<String> {
        let mut changes = Vec::new();
        macro_rules! compare {
            ($($field:ident),+) => {$(
                if self.$field != base.$field {
                    changes.push(format!(
                        "{} {} -> {}",
                        stringify!($field),
                        base.$field,
                        self.$field
                    ));
                }
            )+};
        }
        compare!(
            hidden,
            output,
            init,
            shuffle,
            l2_in,
            l2_out,
            momentum,
            rate_decay,
            epochs,
            learning_rate,
            seed,
            engine,
            batch_size,
            precision
        );
        changes
    }

    /// The one value that describes a run, put back together from its
    /// owners' parts (what a model file and `--json` write).
    pub fn from_parts(network: Architecture, sgd: SgdSettings, schedule: Schedule) -> Config {
        Config {
            hidden: network.hidden,
            output: network.output,
            init: network.init,
            shuffle: schedule.shuffle,
            l2_in: sgd.l2_in,
            l2_out: sgd.l2_out,
            momentum: sgd.momentum,
            rate_decay: schedule.rate_decay,
            epochs: schedule.epochs,
            learning_rate: sgd.learning_rate,
            seed: schedule.seed,
            engine: schedule.engine,
            batch_size: schedule.batch_size,
            precision: schedule.precision,
        }
    }
}

/// Article P2.1 / P2.2: what the network *is*, apart from its sizes and
/// weights. The network owns it; nothing else keeps a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Architecture {
    /// Activation of the hidden layer (P2.1).
    pub hidden: Hidden,
    /// Output layer and loss (P2.1).
    pub output: Output,
    /// Starting weights (P2.2).
    pub init: Init,
}

impl Default for Architecture {
    /// Part 2's: tanh, logistic output, scaled weights (as [`Config::default`]).
    fn default() -> Architecture {
        Config::default().architecture()
    }
}

/// Article P1.4 / P2.4: the update rule. The [`Sgd`](crate::Sgd) owns it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SgdSettings {
    /// The learning rate of the first epoch, `> 0` (the trainer decays it).
    pub learning_rate: f64,
    /// Momentum rule and coefficient (P2.4).
    pub momentum: Momentum,
    /// Weight decay of `wi` and of `wo` (P2.4), `>= 0`.
    pub l2_in: f64,
    /// Weight decay of `wo`, `>= 0`.
    pub l2_out: f64,
}

impl SgdSettings {
    /// Checks every number.
    ///
    /// # Errors
    /// A learning rate that is not a finite number above 0, a negative or
    /// non-finite l2 or momentum, classical momentum of 1 or more, the
    /// article's momentum above 1.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let lr = self.learning_rate;
        if !(lr.is_finite() && lr > 0.0) {
            return Err(ConfigError::LearningRate(lr));
        }
        for (name, value) in [
            ("l2_in", self.l2_in),
            ("l2_out", self.l2_out),
            ("momentum", self.momentum.mu()),
        ] {
            check_non_negative(name, value)?;
        }
        match self.momentum {
            Momentum::Classical(mu) if mu >= 1.0 => Err(ConfigError::ClassicalMomentum(mu)),
            Momentum::Article(mu) if mu > 1.0 => Err(ConfigError::ArticleMomentum(mu)),
            _ => Ok(()),
        }
    }
}

/// Article P1.5 / P2.3 / P2.4: the schedule (epochs, shuffling, rate decay,
/// the seed) and how the work is done (engine, batch size, precision). The
/// [`Trainer`](crate::Trainer) owns it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Schedule {
    /// Passes over the training samples, `>= 1`.
    pub epochs: usize,
    /// After every epoch `lr = lr / (1 + rate_decay)`, `>= 0`.
    pub rate_decay: f64,
    /// A new sample order every epoch (P2.3).
    pub shuffle: bool,
    /// Seed of the generator that draws the weights and shuffles.
    pub seed: u64,
    /// What does the per-sample work.
    pub engine: Engine,
    /// Samples per step, 1 to [`MAX_BATCH`].
    pub batch_size: usize,
    /// The number type training computes in.
    pub precision: Precision,
}

impl Schedule {
    /// Checks every number and that the engine can compute in the precision.
    ///
    /// # Errors
    /// Zero epochs, a negative or non-finite rate decay, a batch size of 0 or
    /// above [`MAX_BATCH`], `f32` with the reference engine one sample at a
    /// time, or a per-sample engine other than the default (fused) named with
    /// a batch size above 1, where the batch engine does the work and the
    /// named engine would be ignored.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.epochs == 0 {
            return Err(ConfigError::ZeroEpochs);
        }
        check_non_negative("rate_decay", self.rate_decay)?;
        if !(1..=MAX_BATCH).contains(&self.batch_size) {
            return Err(ConfigError::BatchSize(self.batch_size));
        }
        if self.batch_size == 1
            && self.precision == Precision::F32
            && self.engine == Engine::Reference
        {
            return Err(ConfigError::PrecisionEngine(self.engine));
        }
        if self.batch_size > 1 && self.engine != Engine::default() {
            return Err(ConfigError::EngineBatch {
                engine: self.engine,
                batch_size: self.batch_size,
            });
        }
        Ok(())
    }
}

fn check_non_negative(name: &'static str, value: f64) -> Result<(), ConfigError> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(ConfigError::Negative { name, got: value })
    }
}

/// An invalid [`Config`] value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ConfigError {
    /// The learning rate must be a finite number above 0.
    LearningRate(f64),
    /// At least one epoch is needed.
    ZeroEpochs,
    /// Classical momentum needs `mu < 1`: with `mu >= 1` the velocity
    /// never forgets and the weights cannot settle.
    ClassicalMomentum(f64),
    /// `l2_in`, `l2_out`, `momentum` or `rate_decay` is negative, NaN or infinite.
    Negative { name: &'static str, got: f64 },
    /// The batch size must be 1 to [`MAX_BATCH`].
    BatchSize(usize),
    /// The reference engine computes in `f64` only (it is the network's own code).
    PrecisionEngine(Engine),
    /// The article's momentum rule above 1: each step adds more than the
    /// whole previous change, so the weights grow without bound.
    ArticleMomentum(f64),
    /// A per-sample engine named with mini-batches, which it does not train.
    EngineBatch { engine: Engine, batch_size: usize },
}

/// The largest batch size [`Config::validate`] accepts.
pub const MAX_BATCH: usize = 1 << 16;

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::LearningRate(got) => {
                write!(
                    f,
                    "learning_rate: expected a finite number above 0, got {got}"
                )
            }
            ConfigError::ZeroEpochs => write!(f, "epochs: expected at least 1, got 0"),
            ConfigError::ClassicalMomentum(mu) => write!(
                f,
                "momentum: classical momentum needs a coefficient below 1 \
                 (at 1 or more the velocity never decays), got {mu}"
            ),
            ConfigError::Negative { name, got } => {
                write!(f, "{name}: expected a finite number >= 0, got {got}")
            }
            ConfigError::BatchSize(got) => {
                write!(f, "batch_size: expected 1 to {MAX_BATCH}, got {got}")
            }
            ConfigError::ArticleMomentum(mu) => write!(
                f,
                "momentum: the article's rule needs a coefficient of at most 1 (1 is part 1's \
                 full-size quirk; above it every step adds more than the whole previous change \
                 and the weights grow without bound), got {mu}"
            ),
            ConfigError::EngineBatch { engine, batch_size } => write!(
                f,
                "engine: the {engine} engine trains one sample at a time, but the batch size is \
                 {batch_size}, which the batch engine trains: use a batch size of 1 to choose \
                 the engine, or leave the engine out"
            ),
            ConfigError::PrecisionEngine(engine) => write!(
                f,
                "precision: the {engine} engine computes in f64; for f32 use the fused \
                 or sparse engine, or a batch size above 1"
            ),
        }
    }
}

impl std::error::Error for ConfigError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default configuration with `momentum`.
    fn with_momentum(momentum: Momentum) -> Config {
        Config {
            momentum,
            ..Config::default()
        }
    }

    #[test]
    fn default_is_the_articles_part_2_program() {
        let c = Config::default();
        assert_eq!((c.epochs, c.learning_rate), (50, 0.01));
        assert_eq!((c.l2_in, c.l2_out, c.rate_decay), (0.0, 0.0, 0.0));
        assert_eq!(c.momentum, Momentum::Article(0.0));
        assert_eq!(
            (c.hidden, c.output, c.init, c.shuffle),
            (Hidden::Tanh, Output::Logistic, Init::Scaled, true)
        );
        assert_eq!(c.validate(), Ok(()));
    }

    #[test]
    fn named_settings_are_valid() {
        for c in [
            Config::recommended(),
            Config::article_digits(),
            Config::article_program(),
            Config::naive_equivalent(),
        ] {
            assert_eq!(c.validate(), Ok(()), "{c:?}");
        }
        let n = Config::naive_equivalent();
        assert_eq!(
            (n.hidden, n.init, n.shuffle),
            (Hidden::Sigmoid, Init::StandardNormal, false)
        );
        assert_eq!(n.momentum, Momentum::Article(1.0));
        let p = Config::article_program();
        assert_eq!(
            (p.hidden, p.output, p.init, p.shuffle),
            (Hidden::Tanh, Output::Logistic, Init::Scaled, true)
        );
        assert_eq!(
            (p.momentum, p.learning_rate, p.rate_decay, p.epochs),
            (Momentum::Article(0.5), 0.5, 0.01, 50)
        );
    }

    #[test]
    fn bad_learning_rates_are_errors_saying_what_came() {
        for lr in [0.0, -0.1, f64::NAN, f64::INFINITY] {
            let c = Config {
                learning_rate: lr,
                ..Config::default()
            };
            assert_eq!(
                c.validate()
                    .map_err(|e| matches!(e, ConfigError::LearningRate(_))),
                Err(true)
            );
        }
        let e = Config {
            learning_rate: -0.5,
            ..Config::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "learning_rate: expected a finite number above 0, got -0.5"
        );
    }

    #[test]
    fn zero_epochs_is_an_error() {
        let e = Config {
            epochs: 0,
            ..Config::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.to_string(), "epochs: expected at least 1, got 0");
    }

    #[test]
    fn negative_or_nan_regularization_momentum_and_decay_are_errors() {
        let cases = [
            (
                Config {
                    l2_in: -1.0,
                    ..Config::default()
                },
                "l2_in: expected a finite number >= 0, got -1",
            ),
            (
                Config {
                    l2_out: f64::NAN,
                    ..Config::default()
                },
                "l2_out: expected a finite number >= 0, got NaN",
            ),
            (
                Config {
                    momentum: Momentum::Classical(f64::NAN),
                    ..Config::default()
                },
                "momentum: expected a finite number >= 0, got NaN",
            ),
            (
                Config {
                    rate_decay: -0.01,
                    ..Config::default()
                },
                "rate_decay: expected a finite number >= 0, got -0.01",
            ),
        ];
        for (config, message) in cases {
            assert_eq!(config.validate().unwrap_err().to_string(), message);
        }
    }

    #[test]
    fn every_switch_value_reads_back_what_it_displays() {
        for h in Hidden::ALL {
            assert_eq!(h.to_string().parse::<Hidden>(), Ok(*h));
        }
        for o in Output::ALL {
            assert_eq!(o.to_string().parse::<Output>(), Ok(*o));
        }
        for i in Init::ALL {
            assert_eq!(i.to_string().parse::<Init>(), Ok(*i));
        }
        for m in [Momentum::Article(0.5), Momentum::Classical(0.9)] {
            assert_eq!(m.to_string().parse::<Momentum>(), Ok(m));
        }
        assert_eq!(Momentum::Classical(0.9).to_string(), "classical(0.9)");
        let e = "relu".parse::<Hidden>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown Hidden: expected one of sigmoid, tanh, got \"relu\""
        );
        assert!("classical(x)".parse::<Momentum>().is_err());
        assert!("nesterov(0.9)".parse::<Momentum>().is_err());
    }

    #[test]
    fn classical_momentum_of_one_or_more_is_an_error() {
        let c = with_momentum(Momentum::Classical(1.0));
        assert_eq!(c.validate(), Err(ConfigError::ClassicalMomentum(1.0)));
        let ok = with_momentum(Momentum::Classical(0.99));
        assert!(ok.validate().is_ok());
        // The article's rule with mu = 1 is naive's quirk, and allowed.
        assert!(Config::naive_equivalent().validate().is_ok());
    }

    #[test]
    fn changes_from_a_preset_name_every_overridden_setting() {
        let preset = Config::recommended();
        assert!(preset.changes_from(&preset).is_empty());
        let flags = Config {
            batch_size: 1,
            learning_rate: 0.05,
            precision: Precision::F32,
            ..preset
        };
        let base = Config {
            batch_size: 64,
            ..preset
        };
        assert_eq!(
            flags.changes_from(&base),
            [
                "learning_rate 0.01 -> 0.05",
                "batch_size 64 -> 1",
                "precision f64 -> f32"
            ]
        );
    }

    #[test]
    fn the_articles_momentum_above_one_is_an_error() {
        // Above 1 every step adds more than the whole previous change: the
        // loss grew and the accuracy fell to chance (0.098 on MNIST) while
        // the run still ended with success.
        let c = with_momentum(Momentum::Article(1.5));
        assert_eq!(c.validate(), Err(ConfigError::ArticleMomentum(1.5)));
        assert!(
            c.validate()
                .unwrap_err()
                .to_string()
                .contains("at most 1 (1 is part 1's full-size quirk"),
        );
        let one = with_momentum(Momentum::Article(1.0));
        assert_eq!(one.validate(), Ok(()));
    }

    #[test]
    fn a_per_sample_engine_named_with_mini_batches_is_an_error_not_ignored() {
        for engine in [Engine::Reference, Engine::Sparse] {
            for precision in [Precision::F64, Precision::F32] {
                let c = Config {
                    engine,
                    batch_size: 64,
                    precision,
                    ..Config::default()
                };
                assert_eq!(
                    c.validate(),
                    Err(ConfigError::EngineBatch {
                        engine,
                        batch_size: 64
                    }),
                    "{engine} {precision:?}"
                );
            }
        }
        let e = Config {
            engine: Engine::Reference,
            batch_size: 8,
            ..Config::default()
        }
        .validate()
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with(
                "engine: the reference engine trains one sample at a time, but the batch size is 8"
            ),
            "{e}"
        );
        // The reference engine in f32 stays an error one sample at a time.
        let c = Config {
            engine: Engine::Reference,
            precision: Precision::F32,
            ..Config::default()
        };
        assert_eq!(
            c.validate(),
            Err(ConfigError::PrecisionEngine(Engine::Reference))
        );
        let batched = Config {
            batch_size: 64,
            precision: Precision::F32,
            ..Config::default()
        };
        assert_eq!(batched.validate(), Ok(()));
    }

    #[test]
    fn config_serializes_with_the_switch_names() {
        let json = serde_json::to_string(&Config::recommended()).unwrap();
        assert!(json.contains("\"hidden\":\"tanh\""), "{json}");
        assert!(
            json.contains("\"momentum\":{\"rule\":\"classical\",\"mu\":0.9}"),
            "{json}"
        );
        let back: Config = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Config::recommended());
    }
}
