//! The part-2 network on MNIST, beyond the article's 96%.
//!
//! Run: `cargo run --release -p improved --example mnist`
//!
//! Loads the shipped MNIST (`data/mnist`), keeps the last 10,000 training
//! images for validation, scales pixels to [0, 1], and trains with one of
//! three presets (see `Preset`; every flag below changes one setting):
//!
//! - `fast` (the default): 784-300-10, tanh, softmax with cross-entropy,
//!   scaled starting weights, a new order every epoch, **mini-batches of 64
//!   in f32**, classical momentum 0.9 at learning rate 0.2 divided by 1.3
//!   after every epoch, l2 0.0001, 10 epochs;
//! - `record`: the same with 800 hidden units, 20 epochs, rate decay 0.2;
//! - `per-sample` (also picked by `--batch-size 1`): the article's
//!   per-sample rule in f64, plain gradient descent at learning rate 0.01
//!   divided by 1.1 per epoch, l2 0.0001, 20 epochs (the previous default).
//!
//! Prints one line per epoch with the validation accuracy, then the test
//! accuracy.
//!
//! Expect, with the default (fast) preset: test accuracy 0.9824, 0.9818,
//! 0.9811 for seeds 1, 2, 3 (`--seed N`; mean 0.9818); validation accuracy
//! about 0.980 from epoch 8 on; about 1.1 s per epoch and 15.0 and 14.5 s of
//! wall time in all for seeds 2 and 3 (loading, validation after each epoch
//! and the test included) on the project's 2-core VM when it was otherwise
//! idle (seed 1: 21.9 s beside a compile; 24 to 36 s while other jobs kept
//! it busy), measured with
//! `time cargo run --release -p improved --example mnist -- --seed N --json`.
//! The per-sample preset (`--batch-size 1`, the previous default) gave
//! 0.9821, 0.9811, 0.9815 in 132 to 137 s. The record preset (`--preset
//! record`) gave 0.9827, 0.9805, 0.9815, 0.9810, 0.9826 for seeds 1 to 5
//! (mean 0.9817 +- 0.0010) in 64 to 78 s each: no better than the fast
//! preset, and short of the 98.4% Simard et al. (2003) report for 800
//! hidden units; finding settings that get there is still open.
//!
//! How the fast preset was chosen (validation accuracy after the last
//! epoch, seed 1, 784-300-10, batches of 64, classical momentum 0.9; the
//! test set was not looked at): rate 0.1 without decay, 10 epochs, about
//! 0.979; rate 0.1 with decay 0.2: 0.980; the same with l2 0.0001 and 12
//! epochs: 0.980, l2 0.0003: 0.979, l2 0.001: 0.974; rate 0.05 (batches of
//! 32 or 64): 0.978 to 0.979; rate 0.2 with decay 0.3 and l2 0.0001: **0.981**
//! (0.980 for seeds 2 and 3); rate 0.3 with decay 0.4: 0.973 (the first
//! epoch nearly diverges); 400 hidden units: 0.979. The record preset: 800
//! hidden units, rate 0.2, decay 0.2, 20 epochs: 0.981 with l2 0.0001,
//! 0.980 with l2 0.0005; rate 0.1, decay 0.1, l2 0.0003: 0.979. Compare
//! settings with the validation accuracy the example prints, e.g.
//! `-- --rate 0.1 --rate-decay 0`.
//!
//! For scale: the article's part-2 network reaches 96%; LeCun's table lists
//! 95.3% for 300 hidden units; scikit-learn's `MLPClassifier((300,))` with
//! Adam, 20 epochs, reaches 97.9% on this machine.
//!
//! Training goes through [`Trainer::fit_with`], whose observer draws the
//! progress bar and prints each epoch's line.
//!
//! Flags: see `USAGE` below (`--help`). The progress bar only shows on a
//! terminal. A saved model (`--save FILE`) can then classify any IDX images
//! file: see `examples/predict.rs`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use data::json::JsonObject;
use data::{MNIST_CLASSES, MNIST_FEATURES, cli::Args};
use improved::{Config, Epoch, MlpNeuralNetwork, Momentum, Observer, Precision, Trainer};
use indicatif::{ProgressBar, ProgressStyle};

const USAGE: &str = "\
Train the part-2 network on MNIST.

usage: cargo run --release -p improved --example mnist -- [flags]
  --preset P        fast (default: 784-300-10, mini-batches of 64 in f32,
                    10 epochs), record (784-800-10, 20 epochs), or
                    per-sample (784-300-10, one f64 sample per step, 20 epochs);
                    the flags below change single settings of the preset
  --data DIR        folder with the four MNIST IDX files (default data/mnist)
  --hidden N        hidden units
  --epochs N        passes over the training images
  --batch-size N    samples per step; 1 is the article's per-sample rule
                    (and picks the per-sample preset unless one is given)
  --precision P     f32 or f64
  --rate X          starting learning rate
  --rate-decay X    lr = lr / (1 + X) after each epoch
  --momentum X      momentum coefficient (0: plain gradient descent)
  --momentum-rule classical|article
                    how momentum is applied (default classical; X = 0 is
                    plain descent, stored as the article rule, cheaper)
  --l2 X            weight decay on both layers
  --seed N          weights and sample order (default 1)
  --limit N         use only the first N training images (a sixth held out)
  --save FILE       write the trained model to FILE
  --engine E        reference, fused or sparse: who trains one sample at a
                    time when the batch size is 1 (default fused)
  --json            print one JSON object with the results on the last line";

struct Options {
    dir: PathBuf,
    preset: Preset,
    hidden: usize,
    config: Config,
    limit: Option<usize>,
    save: Option<PathBuf>,
    json: bool,
}

// ANCHOR: presets
/// A full set of settings, each chosen on the validation images (the last
/// 10,000 training images), never on the test set.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Preset {
    /// Mini-batches of 64 in f32, classical momentum 0.9 at a high rate that
    /// decays fast: 98 % in about ten seconds.
    Fast,
    /// 800 hidden units (as in Simard et al. 2003), more epochs.
    Record,
    /// The article's rule, one sample per step in f64 (the slow rung).
    PerSample,
}

impl Preset {
    /// The preset's name in `--preset`.
    fn name(self) -> &'static str {
        match self {
            Preset::Fast => "fast",
            Preset::Record => "record",
            Preset::PerSample => "per-sample",
        }
    }

    /// `(hidden units, settings)` of the preset.
    fn settings(self) -> (usize, Config) {
        let fast = Config {
            epochs: 10,
            batch_size: 64,
            precision: Precision::F32,
            learning_rate: 0.2,
            rate_decay: 0.3,
            momentum: Momentum::Classical(0.9),
            l2_in: 0.0001,
            l2_out: 0.0001,
            ..Config::recommended()
        };
        match self {
            Preset::Fast => (300, fast),
            Preset::Record => (
                800,
                Config {
                    epochs: 20,
                    rate_decay: 0.2,
                    ..fast
                },
            ),
            Preset::PerSample => (
                300,
                Config {
                    epochs: 20,
                    batch_size: 1,
                    precision: Precision::F64,
                    learning_rate: 0.01,
                    rate_decay: 0.1,
                    momentum: Momentum::Article(0.0),
                    ..fast
                },
            ),
        }
    }
}
// ANCHOR_END: presets

fn options() -> Result<Options, String> {
    let mut args = Args::from_env(USAGE)?;
    let dir = args
        .optional("data")?
        .unwrap_or_else(data::default_mnist_dir);
    let batch_size: Option<usize> = args.optional("batch-size")?;
    let preset = match args.optional::<String>("preset")?.as_deref() {
        None if batch_size == Some(1) => Preset::PerSample,
        None | Some("fast") => Preset::Fast,
        Some("record") => Preset::Record,
        Some("per-sample") => Preset::PerSample,
        Some(other) => {
            return Err(format!(
                "--preset: expected fast, record or per-sample, got {other:?}"
            ));
        }
    };
    let (hidden, base) = preset.settings();
    let hidden = args.value("hidden", hidden)?;
    let l2 = args.value("l2", base.l2_in)?;
    let config = Config {
        epochs: args.value("epochs", base.epochs)?,
        batch_size: batch_size.unwrap_or(base.batch_size),
        precision: parse(&mut args, "precision", base.precision)?,
        learning_rate: args.value("rate", base.learning_rate)?,
        rate_decay: args.value("rate-decay", base.rate_decay)?,
        momentum: momentum(&mut args, base.momentum)?,
        l2_in: l2,
        l2_out: l2,
        seed: args.value("seed", 1)?,
        engine: parse(&mut args, "engine", base.engine)?,
        ..base
    };
    let options = Options {
        dir,
        preset,
        hidden,
        config,
        limit: args.optional("limit")?,
        save: args.optional("save")?,
        json: args.switch("json")?,
    };
    args.finish()?;
    options.config.validate().map_err(|e| e.to_string())?;
    Ok(options)
}

/// `--name VALUE` parsed by the value's `FromStr` (e.g. `f32`), or `default`.
fn parse<T: std::str::FromStr<Err = improved::ParseError>>(
    args: &mut Args,
    name: &str,
    default: T,
) -> Result<T, String> {
    match args.optional::<String>(name)? {
        None => Ok(default),
        Some(text) => text.parse().map_err(|e| format!("--{name}: {e}")),
    }
}

/// `--momentum X` with `--momentum-rule classical|article` (article P2.4),
/// starting from the preset's rule.
///
/// Without a rule, 0 is plain gradient descent, kept as the article's rule
/// with coefficient 0: it stores two vectors per layer instead of the
/// classical rule's velocity matrices, which would only ever hold `-lr * g`.
fn momentum(args: &mut Args, preset: Momentum) -> Result<Momentum, String> {
    let mu = args.value("momentum", preset.mu())?;
    match args.optional::<String>("momentum-rule")?.as_deref() {
        None if mu == 0.0 => Ok(Momentum::Article(0.0)),
        None => Ok(Momentum::with_rule(preset.rule(), mu).map_err(|e| e.to_string())?),
        Some(rule) => Momentum::with_rule(rule, mu).map_err(|e| format!("--momentum-rule: {e}")),
    }
}

/// Shows a progress bar per epoch and prints a line after each.
struct Progress {
    bar: Option<ProgressBar>,
    epoch: usize,
    epochs: usize,
}

impl Progress {
    fn bar(&mut self, total: usize) -> &ProgressBar {
        let (epoch, epochs) = (self.epoch, self.epochs);
        self.bar.get_or_insert_with(|| {
            let bar = ProgressBar::new(total as u64);
            let style = ProgressStyle::with_template(
                "epoch {prefix} [{bar:20}] {pos}/{len} {per_sec}  eta {eta}",
            )
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.set_prefix(format!("{}/{epochs}", epoch + 1));
            bar
        })
    }
}

impl Observer for Progress {
    fn samples_done(&mut self, done: usize, total: usize) {
        self.bar(total).set_position(done as u64);
    }

    fn epoch_done(&mut self, e: &Epoch) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        self.epoch += 1;
        println!(
            "epoch {:>2}: mean loss {:.5}, learning rate {:.6}, validation accuracy {:.4}, {:.1} s",
            e.epoch + 1,
            e.loss,
            e.learning_rate,
            e.validation_accuracy.unwrap_or(f64::NAN),
            e.seconds
        );
    }
}

fn run(o: &Options) -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let splits = data::load_mnist_splits(&o.dir, o.limit)?;
    let (train, validation, test) = (&splits.train, &splits.validation, &splits.test);
    let c = &o.config;
    println!(
        "MNIST: {} training, {} validation, {} test images; network {MNIST_FEATURES}-{}-{MNIST_CLASSES}\n\
         config: {c:?}",
        train.len(),
        validation.len(),
        test.len(),
        o.hidden,
    );
    let mut net = MlpNeuralNetwork::new(MNIST_FEATURES, o.hidden, MNIST_CLASSES, c)?;
    let mut trainer = Trainer::new(c, &net)?;
    let mut progress = Progress {
        bar: None,
        epoch: 0,
        epochs: c.epochs,
    };
    let history = trainer.fit_with(
        &mut net,
        &train.samples()?,
        Some(&validation.samples()?),
        &mut progress,
    )?;
    let test_accuracy = net.accuracy(&test.samples()?)?;
    let total_seconds = started.elapsed().as_secs_f64();
    println!("test accuracy {test_accuracy:.4} ({total_seconds:.1} s in all)");
    if let Some(path) = &o.save {
        net.save(path)?;
        println!("model saved to {}", path.display());
    }
    if o.json {
        let validation_accuracy: Vec<f64> = history
            .epochs
            .iter()
            .filter_map(|e| e.validation_accuracy)
            .collect();
        let epoch_seconds: Vec<f64> = history.epochs.iter().map(|e| e.seconds).collect();
        let out = JsonObject::new()
            .number("test_accuracy", test_accuracy)
            .numbers("validation_accuracy", &validation_accuracy)
            .numbers("epoch_seconds", &epoch_seconds)
            .number("total_seconds", total_seconds)
            .object("config", config_json(o, train.len()));
        println!("{out}");
    }
    Ok(())
}

fn config_json(o: &Options, train_rows: usize) -> JsonObject {
    let c = &o.config;
    JsonObject::new()
        .string("preset", o.preset.name())
        .integer("hidden", o.hidden as u64)
        .integer("batch_size", c.batch_size as u64)
        .string("precision", c.precision.name())
        .integer("epochs", c.epochs as u64)
        .number("rate", c.learning_rate)
        .number("rate_decay", c.rate_decay)
        .string(
            "momentum_rule",
            match c.momentum {
                Momentum::Classical(_) => "classical",
                Momentum::Article(_) => "article",
            },
        )
        .number("momentum", c.momentum.mu())
        .number("l2", c.l2_in)
        .string("hidden_activation", "tanh")
        .string("output", "softmax")
        .string("init", "scaled")
        .integer("seed", c.seed)
        .integer("train_rows", train_rows as u64)
}

fn main() -> ExitCode {
    let result = options().map_err(Into::into).and_then(|o| run(&o));
    data::cli::exit_code(result)
}
