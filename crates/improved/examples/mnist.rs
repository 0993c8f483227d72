//! The part-2 network on MNIST, beyond the article's 96%.
//!
//! Run: `cargo run --release -p improved --example mnist`
//!
//! Loads the shipped MNIST (`data/mnist`), keeps the last 10,000 training
//! images for validation (except the record preset, see below), scales
//! pixels to [0, 1], and trains with one of three presets
//! (`improved::presets::Preset`; every flag below changes one setting):
//!
//! - `fast` (the default): 784-300-10, tanh, softmax with cross-entropy,
//!   scaled starting weights, a new order every epoch, **mini-batches of 64
//!   in f32**, classical momentum 0.9 at learning rate 0.2 divided by 1.3
//!   after every epoch, l2 0.0001, 10 epochs;
//! - `record`: 800 hidden units, **deskewed images** (`data::deskew`), 25
//!   epochs, rate decay 0.15, l2 0.0002, otherwise the fast preset; it
//!   learns from **all 60,000** training images (`--train-on all`), since its
//!   settings were already chosen on the validation images;
//! - `per-sample` (also picked by `--batch-size 1`): the article's
//!   per-sample rule in f64, plain gradient descent at learning rate 0.01
//!   divided by 1.1 per epoch, l2 0.0001, 20 epochs.
//!
//! Prints one line per epoch with the validation accuracy, then the test
//! accuracy.
//!
//! Expect, with the default (fast) preset, a test accuracy of about 0.981
//! (0.9823, 0.9809, 0.9810 for seeds 1 to 3) in about 15 s of wall time
//! (measured while other jobs kept the 2-core machine busy, PyTorch doing
//! the same job beside it in about 40 s); the lesson "Three rungs" has every
//! preset's measured accuracies and times, and how each preset was chosen on
//! the validation images.
//!
//! Training goes through a [`Trainer`], which shuffles, decays the rate and
//! reports to this example's [`Observer`]: a progress bar while an epoch
//! runs (only on a terminal) and one line after it.
//!
//! Flags: `--preset`, `--batch-size N`, `--precision f32|f64`, `--data
//! DIR`, `--hidden N`, `--limit N` (use only the first N training images),
//! `--train-on split|all`, `--deskew true|false`, `--save FILE` (write the trained model, see
//! `improved::model_file`), `--json` (one JSON object on the last line), and
//! every switch of the digits example (`--epochs`, `--rate`, `--rate-decay`,
//! `--momentum`, `--momentum-rule`, `--l2`, `--engine`, `--seed`, ...);
//! `--help` lists them. A saved model can then classify any IDX images file:
//! see `examples/predict.rs`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use data::{MNIST_CLASSES, MNIST_FEATURES};
use improved::presets::{Preset, TrainOn};
use improved::{Config, Epoch, Observer, Precision};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

mod common;

/// Train the part-2 network on MNIST.
#[derive(Parser, Debug)]
#[command(name = "mnist")]
struct Options {
    /// Folder with the four MNIST IDX files.
    /// [default: data/mnist, looked for at run time in the current folder
    /// and its parents, then beside the program]
    #[arg(long)]
    data: Option<PathBuf>,
    /// Settings to start from: fast (784-300-10, mini-batches of 64 in f32,
    /// 10 epochs), record (784-800-10, deskewed, 25 epochs, all 60,000
    /// images) or per-sample (one f64 sample per step, 20 epochs; the default
    /// when --batch-size is 1). See `improved::presets`.
    #[arg(long)]
    preset: Option<Preset>,
    /// Hidden units (default: the preset's).
    #[arg(long)]
    hidden: Option<usize>,
    /// Samples per step; 1 is the article's per-sample rule.
    #[arg(long)]
    batch_size: Option<usize>,
    /// Numbers to train in: f32 or f64.
    #[arg(long)]
    precision: Option<Precision>,
    /// Use only the first N training images (a sixth of them held out for validation).
    #[arg(long)]
    limit: Option<usize>,
    /// Which training images to learn from: split (the first 50,000; the
    /// last 10,000 are held out for validation) or all (60,000, none held
    /// out: a final run once the settings are chosen). Default: the preset's.
    #[arg(long)]
    train_on: Option<TrainOn>,
    /// Straighten every image (training, validation, test) before training
    /// (`data::deskew`). Default: the preset's.
    #[arg(long)]
    deskew: Option<bool>,
    /// Write the trained model to FILE (checked before training; a file
    /// already there is replaced only if it is a model, or with --force).
    #[arg(long)]
    save: Option<PathBuf>,
    /// Let --save replace a file that is not a model.
    #[arg(long, requires = "save")]
    force: bool,
    /// Print one JSON object with the results on the last line.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    switches: common::Switches,
}

impl Options {
    /// The preset (per-sample when `--batch-size 1` is the only hint), its
    /// hidden units and its settings with every flag applied.
    fn settings(&self) -> Result<(Preset, usize, Config), Box<dyn std::error::Error>> {
        let preset = match (self.preset, self.batch_size) {
            (Some(p), _) => p,
            (None, Some(1)) => Preset::PerSample,
            (None, _) => Preset::Fast,
        };
        let (preset_hidden, preset_config) = (preset.hidden(), preset.config());
        let mut base = preset_config.clone();
        base.batch_size = self.batch_size.unwrap_or(base.batch_size);
        base.precision = self.precision.unwrap_or(base.precision);
        let (hidden, config) = (
            self.hidden.unwrap_or(preset_hidden),
            self.switches.apply(base)?,
        );
        if self.preset.is_some() {
            // Overriding a preset on purpose is allowed, never silent.
            let mut changes = config.changes_from(&preset_config);
            changes.retain(|c| !c.starts_with("seed "));
            if hidden != preset_hidden {
                changes.push(format!("hidden units {preset_hidden} -> {hidden}"));
            }
            if let Some(on) = self.train_on.filter(|&on| on != preset.train_on()) {
                changes.push(format!("train on {:?} -> {on:?}", preset.train_on()));
            }
            if let Some(d) = self.deskew.filter(|&d| d != preset.deskew()) {
                changes.push(format!("deskew {} -> {d}", preset.deskew()));
            }
            if !changes.is_empty() {
                eprintln!(
                    "note: flags override the {} preset: {}",
                    preset.name(),
                    changes.join(", ")
                );
            }
        }
        Ok((preset, hidden, config))
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
        let validation = e
            .validation_accuracy
            .map_or_else(|| "none held out".into(), |a| format!("{a:.4}"));
        println!(
            "epoch {:>2}: mean loss {:.5}, learning rate {:.6}, validation accuracy {validation}, {:.1} s",
            e.epoch + 1,
            e.loss,
            e.learning_rate,
            e.seconds
        );
    }
}

fn run(o: &Options) -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let (preset, hidden, config) = o.settings()?;
    let c = &config;
    if let Some(path) = &o.save {
        improved::model_file::check_save_path(path, o.force)?;
    }
    let (mut train, mut validation, mut test) = match o.train_on.unwrap_or(preset.train_on()) {
        TrainOn::Split => {
            let s = data::load_mnist_splits(&data::mnist_dir(o.data.as_deref())?, o.limit)?;
            (s.train, Some(s.validation), s.test)
        }
        TrainOn::All => {
            let s = data::load_mnist_final(&data::mnist_dir(o.data.as_deref())?, o.limit)?;
            (s.train, None, s.test)
        }
    };
    if o.deskew.unwrap_or(preset.deskew()) {
        for set in [Some(&mut train), validation.as_mut(), Some(&mut test)]
            .into_iter()
            .flatten()
        {
            set.deskew_images(data::MNIST_SIDE)?;
        }
    }
    println!(
        "MNIST: {} training, {} validation, {} test images; network {MNIST_FEATURES}-{}-{MNIST_CLASSES}\n\
         config: {c:?}",
        train.len(),
        validation.as_ref().map_or(0, |v| v.len()),
        test.len(),
        hidden,
    );
    let (mut net, mut trainer) = c.build(MNIST_FEATURES, hidden, MNIST_CLASSES)?;
    let mut progress = Progress {
        bar: None,
        epoch: 0,
        epochs: c.epochs,
    };
    let validation = validation.as_ref().map(|v| v.samples()).transpose()?;
    let history = trainer.fit_with(
        &mut net,
        &train.samples()?,
        validation.as_ref(),
        &mut progress,
    )?;
    let test_accuracy = net.accuracy(&test.samples()?)?;
    let total_seconds = started.elapsed().as_secs_f64();
    println!("test accuracy {test_accuracy:.4} ({total_seconds:.1} s in all)");
    if let Some(path) = &o.save {
        if o.force {
            net.save_replacing_anything(path, &trainer)?;
        } else {
            net.save(path, &trainer)?;
        }
        println!("model saved to {}", path.display());
    }
    if o.json {
        let results = Results {
            test_accuracy,
            validation_accuracy: history
                .epochs
                .iter()
                .filter_map(|e| e.validation_accuracy)
                .collect(),
            epoch_seconds: history.epochs.iter().map(|e| e.seconds).collect(),
            total_seconds,
            preset: preset.name(),
            hidden,
            train_rows: train.len(),
            config: c,
        };
        println!("{}", serde_json::to_string(&results)?);
    }
    Ok(())
}

/// The `--json` line.
#[derive(Serialize)]
struct Results<'a> {
    test_accuracy: f64,
    validation_accuracy: Vec<f64>,
    epoch_seconds: Vec<f64>,
    total_seconds: f64,
    preset: &'static str,
    hidden: usize,
    train_rows: usize,
    config: &'a Config,
}

fn main() -> ExitCode {
    common::exit(run(&Options::parse()))
}
