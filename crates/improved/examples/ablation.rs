//! What each of part 2's upgrades buys (article P2.5), measured.
//!
//! Run: `cargo run --release -p improved --example ablation`
//!
//! Trains the improved network on the digits, five seeds per configuration:
//! a naive-equivalent baseline, each upgrade alone, the upgrades added one at
//! a time in the article's order, the article's own part-2 settings, the
//! full program the article links after P1.5, and the recommended
//! configuration (classical momentum).
//!
//! The method: for each seed the digits are split into 1347 training and 450
//! test rows (the same split as the digits example), and a fifth of the
//! training rows (270) is held out for validation; the network learns from
//! the other 1077. Validation accuracy is measured after every epoch and
//! ranks the configurations; the test rows are scored once per run, after
//! the last epoch, and never choose anything. (MNIST: the last 10,000
//! training images are the validation rows, see `data::load_mnist_splits`.)
//!
//! Prints a Markdown table (mean +- sd validation accuracy and its rank, mean
//! +- sd test accuracy, final training loss, epochs, seconds per run), the
//! configuration the validation rows choose, and writes learning curves
//! (validation accuracy and loss per epoch, mean over the seeds) under
//! `lessons/figures/`: the data as `ablation-<dataset>.tsv` and, drawn from
//! it by `figures::ablation`, one SVG panel per configuration.
//!
//! Flags: `--seeds N` (5), `--epochs N` (50), `--hidden N` (100),
//! `--dataset digits|mnist`, `--limit N` and `--data DIR` (MNIST),
//! `--figures DIR` (default lessons/figures), `--table FILE` (also write the
//! table to FILE), `--only TEXT` (only the configurations whose name contains
//! TEXT, e.g. `--only "full program"`), `--rate-rows` (only the rows that
//! train at `--rate`: the baseline, alone and cumulative rows; the others
//! keep their own rates), `--engine reference|fused|sparse`
//! (what trains every run; the engines agree within 1e-9, the sparse one is
//! the fastest on MNIST's zero pixels, and standardized pixels, which have
//! no zeros, keep the fused engine).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use data::metrics::mean_sd;
use data::{Dataset, Scaling};
use figures::ablation::{Ablation, Curve};
use improved::{Config, Engine, Hidden, Init, Momentum, Output, Samples};

mod common;

/// One row of the table: a name, a configuration, a hidden size, a scaling.
struct Variant {
    name: &'static str,
    /// A short name for the figures' legends.
    label: &'static str,
    config: Config,
    hidden: usize,
    scale: Scaling,
    rate: Rate,
}

/// Where a row's learning rate comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Rate {
    /// `--rate`: the baseline and every row built from it.
    Flag,
    /// The row's own settings (the article's, the recommended ones).
    Own,
}

// ANCHOR: ablation_variants
/// The configurations compared. The baseline is `naive`'s network trained
/// by plain gradient descent (momentum 0) at `rate`; the upgrades are added
/// to it alone, then one at a time in the article's order.
fn variants(epochs: usize, hidden: usize, rate: f64) -> Vec<Variant> {
    let quirk = Config {
        epochs,
        ..Config::naive_equivalent()
    };
    let base = Config {
        momentum: Momentum::Article(0.0),
        learning_rate: rate,
        ..quirk.clone()
    };
    let with = |change: fn(&mut Config), from: &Config| {
        let mut c = from.clone();
        change(&mut c);
        c
    };
    let tanh = |c: &mut Config| c.hidden = Hidden::Tanh;
    let softmax = |c: &mut Config| c.output = Output::Softmax;
    let scaled = |c: &mut Config| c.init = Init::Scaled;
    let shuffle = |c: &mut Config| c.shuffle = true;
    let l2 = |c: &mut Config| (c.l2_in, c.l2_out) = (1e-4, 1e-4);
    let activations = with(softmax, &with(tanh, &base));
    let plus_init = with(scaled, &activations);
    let plus_shuffle = with(shuffle, &plus_init);
    let all_four = with(l2, &plus_shuffle);
    let article = Config {
        epochs,
        ..Config::article_digits()
    };
    let article_unit = article.clone();
    let recommended_standard = Config {
        epochs,
        ..Config::recommended()
    };
    let program = Config {
        epochs,
        ..Config::article_program()
    };
    let recommended = Config {
        epochs,
        ..Config::recommended()
    };
    let (mm, std) = (Scaling::MinMax, Scaling::Standard);
    [
        (
            "naive-equivalent: the quirk mu = 1, n = 0.0002",
            "naive (mu = 1)",
            quirk,
            hidden,
            mm,
            Rate::Own,
        ),
        (
            "baseline: naive's network, plain gradient descent",
            "baseline",
            base.clone(),
            hidden,
            mm,
            Rate::Flag,
        ),
        (
            "alone: tanh hidden (P2.1)",
            "tanh alone",
            with(tanh, &base),
            hidden,
            mm,
            Rate::Flag,
        ),
        (
            "alone: softmax output (P2.1)",
            "softmax alone",
            with(softmax, &base),
            hidden,
            mm,
            Rate::Flag,
        ),
        (
            "alone: scaled init (P2.2)",
            "scaled init alone",
            with(scaled, &base),
            hidden,
            mm,
            Rate::Flag,
        ),
        (
            "alone: shuffling (P2.3)",
            "shuffling alone",
            with(shuffle, &base),
            hidden,
            mm,
            Rate::Flag,
        ),
        (
            "alone: L2 1e-4 (P2.4)",
            "L2 alone",
            with(l2, &base),
            hidden,
            mm,
            Rate::Flag,
        ),
        (
            "cumulative: + tanh and softmax (P2.1)",
            "+ tanh, softmax",
            activations,
            hidden,
            mm,
            Rate::Flag,
        ),
        (
            "cumulative: + scaled init (P2.2)",
            "+ scaled init",
            plus_init,
            hidden,
            mm,
            Rate::Flag,
        ),
        (
            "cumulative: + shuffling (P2.3)",
            "+ shuffling",
            plus_shuffle,
            hidden,
            mm,
            Rate::Flag,
        ),
        (
            "all four: + L2 (P2.4)",
            "+ L2 (all four)",
            all_four,
            hidden,
            mm,
            Rate::Flag,
        ),
        (
            "the article's part-2 settings (400 hidden, standardized)",
            "article's settings",
            article,
            400,
            std,
            Rate::Own,
        ),
        (
            "the article's part-2 settings on [0, 1] pixels",
            "article's settings, [0, 1]",
            article_unit,
            400,
            mm,
            Rate::Own,
        ),
        (
            "the article's linked full program (lr 0.5, its momentum 0.5, decay 0.01)",
            "article's full program",
            program,
            hidden,
            mm,
            Rate::Own,
        ),
        (
            "recommended: the first three upgrades (no L2), classical momentum 0.9, lr 0.01",
            "recommended",
            recommended,
            hidden,
            mm,
            Rate::Own,
        ),
        (
            "recommended, standardized pixels",
            "recommended, standardized",
            recommended_standard,
            hidden,
            std,
            Rate::Own,
        ),
    ]
    .into_iter()
    .map(|(name, label, config, hidden, scale, rate)| Variant {
        name,
        label,
        config,
        hidden,
        scale,
        rate,
    })
    .collect()
}
// ANCHOR_END: ablation_variants

/// Per-epoch curves and final numbers of one run.
struct Run {
    /// Validation accuracy after each epoch.
    accuracy: Vec<f64>,
    loss: Vec<f64>,
    /// Test accuracy, measured once after the last epoch.
    test: f64,
    seconds: f64,
}

/// Training, validation and test rows of one seed.
struct Split {
    train: Dataset,
    validation: Dataset,
    test: Dataset,
}

// ANCHOR: ablation_method
/// One run: learn from the training rows, watch the validation rows after
/// every epoch, score the test rows once at the end.
fn train_once(
    v: &Variant,
    seed: u64,
    engine: Option<Engine>,
    split: &Split,
) -> Result<Run, Box<dyn std::error::Error>> {
    let engine = match (engine, v.scale) {
        // standardized pixels have no zeros to skip: the fused engine is faster there
        (Some(Engine::Sparse), Scaling::Standard) => Engine::Fused,
        (asked, _) => asked.unwrap_or(v.config.engine),
    };
    let config = Config {
        seed,
        engine,
        ..v.config.clone()
    };
    let (train, validation, test) = (&split.train, &split.validation, &split.test);
    let (mut net, mut trainer) = config.build(train.n_features(), v.hidden, train.n_classes())?;
    let train_samples = Samples::new(train.features(), train.labels())?;
    let validation_samples = Samples::new(validation.features(), validation.labels())?;
    let history = trainer.fit(&mut net, &train_samples, Some(&validation_samples))?;
    let test_accuracy = net.accuracy(&Samples::new(test.features(), test.labels())?)?;
    Ok(Run {
        accuracy: history
            .epochs
            .iter()
            .map(|e| e.validation_accuracy.unwrap_or(f64::NAN))
            .collect(),
        loss: history.epochs.iter().map(|e| e.loss).collect(),
        test: test_accuracy,
        seconds: history.train_seconds(),
    })
}

/// The fraction of the digits' training rows held out for validation.
const VALIDATION_FRACTION: f64 = 0.2;

/// The digits split for one seed (or MNIST's fixed split), scaled as asked
/// with statistics of the training rows only.
fn split(
    options: &Options,
    seed: u64,
    scale: Scaling,
) -> Result<Split, Box<dyn std::error::Error>> {
    let (mut train, mut validation, mut test) = if options.dataset == "mnist" {
        let s = data::load_mnist_splits(&data::mnist_dir(options.data.as_deref())?, options.limit)?;
        (s.train, s.validation, s.test)
    } else {
        data::train_validation_test_split(
            &data::digits()?,
            data::DIGITS_TEST_FRACTION,
            VALIDATION_FRACTION,
            &mut data::seeded_rng(seed),
        )?
    };
    scale.apply(&mut train, &mut [&mut validation, &mut test])?;
    Ok(Split {
        train,
        validation,
        test,
    })
}
// ANCHOR_END: ablation_method

/// The mean of each epoch's value over the runs.
fn mean_curve(runs: &[Run], pick: fn(&Run) -> &Vec<f64>) -> Vec<f64> {
    let epochs = pick(&runs[0]).len();
    (0..epochs)
        .map(|e| runs.iter().map(|r| pick(r)[e]).sum::<f64>() / runs.len() as f64)
        .collect()
}

/// Measure what each part-2 upgrade buys.
#[derive(Parser, Debug)]
#[command(name = "ablation")]
struct Options {
    /// Seeds per configuration.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    seeds: u64,
    /// Epochs per run.
    #[arg(long, default_value_t = 50, value_parser = at_least_one)]
    epochs: usize,
    /// Hidden units.
    #[arg(long, default_value_t = 100, value_parser = at_least_one)]
    hidden: usize,
    /// Learning rate of the baseline and the upgrades.
    #[arg(long, default_value_t = 0.1)]
    rate: f64,
    /// Data set: digits or mnist.
    #[arg(long, default_value = "digits", value_parser = ["digits", "mnist"])]
    dataset: String,
    /// MNIST: use only the first N training images.
    #[arg(long)]
    limit: Option<usize>,
    /// MNIST: folder of the IDX files.
    /// [default: data/mnist, looked for at run time in the current folder
    /// and its parents, then beside the program]
    #[arg(long)]
    data: Option<PathBuf>,
    /// Where the SVG learning curves go.
    #[arg(long, default_value = "lessons/figures")]
    figures: PathBuf,
    /// Also write the Markdown table to FILE.
    #[arg(long)]
    table: Option<PathBuf>,
    /// Only the configurations whose name contains TEXT.
    #[arg(long)]
    only: Option<String>,
    /// Only the rows that train at --rate (baseline, alone, cumulative).
    #[arg(long)]
    rate_rows: bool,
    /// What trains every run: reference, fused or sparse (default: each
    /// configuration's own, the fused engine). Sparse applies to the [0, 1]
    /// pixels; standardized pixels have no zeros, so they use fused.
    #[arg(long)]
    engine: Option<Engine>,
}

/// A count of at least 1.
fn at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("expected a whole number of at least 1, got {s:?}")),
    }
}

fn run(o: &Options) -> Result<(), Box<dyn std::error::Error>> {
    // Where the results go is checked before the runs, not after them.
    if let Some(path) = &o.table {
        improved::destination::check_writable(path).map_err(|e| format!("--table {e}"))?;
    }
    if o.figures.exists() && !o.figures.is_dir() {
        return Err(format!(
            "--figures {}: is a file, expected a folder for the figures",
            o.figures.display()
        )
        .into());
    }
    let mut table = format!(
        "| configuration | validation accuracy (mean ± sd, {} seeds) | rank on validation | test accuracy, scored once at the end (mean ± sd) | final training loss | epochs | seconds per run |\n|---|---|---|---|---|---|---|\n",
        o.seeds
    );
    let mut curves = Vec::new();
    let mut rows = Vec::new();
    let chosen = variants(o.epochs, o.hidden, o.rate)
        .into_iter()
        .filter(|v| {
            o.only
                .as_ref()
                .is_none_or(|text| v.name.contains(text.as_str()))
        })
        .filter(|v| !o.rate_rows || v.rate == Rate::Flag)
        .collect::<Vec<_>>();
    if chosen.is_empty() {
        return Err(format!(
            "--only: expected part of a configuration name, got {:?}",
            o.only.as_deref().unwrap_or_default()
        )
        .into());
    }
    for v in chosen {
        let mut runs = Vec::new();
        for seed in 1..=o.seeds {
            runs.push(train_once(&v, seed, o.engine, &split(o, seed, v.scale)?)?);
        }
        let last = |pick: fn(&Run) -> &Vec<f64>| -> Vec<f64> {
            runs.iter()
                .map(|r| *pick(r).last().unwrap_or(&f64::NAN))
                .collect()
        };
        let validation = mean_sd(&last(|r| &r.accuracy));
        let loss = mean_sd(&last(|r| &r.loss)).0;
        let test = mean_sd(&runs.iter().map(|r| r.test).collect::<Vec<_>>());
        let seconds = mean_sd(&runs.iter().map(|r| r.seconds).collect::<Vec<_>>()).0;
        eprintln!(
            "{}: validation {:.4} ± {:.4}, test {:.4} ± {:.4}",
            v.name, validation.0, validation.1, test.0, test.1
        );
        rows.push((v.name, validation, test, loss, seconds));
        curves.push(Curve {
            label: v.label.into(),
            cross_entropy: v.config.output == Output::Softmax,
            accuracy: mean_curve(&runs, |r| &r.accuracy),
            loss: mean_curve(&runs, |r| &r.loss),
        });
    }
    let ranks = ranks_by_validation(&rows.iter().map(|r| r.1.0).collect::<Vec<_>>());
    for ((name, (v_mean, v_sd), (t_mean, t_sd), loss, seconds), rank) in rows.iter().zip(&ranks) {
        table.push_str(&format!(
            "| {name} | {v_mean:.4} ± {v_sd:.4} | {rank} | {t_mean:.4} ± {t_sd:.4} | {loss:.4} | {} | {seconds:.2} |\n",
            o.epochs
        ));
    }
    if let Some(best) = ranks.iter().position(|&r| r == 1) {
        let (name, _, (t_mean, t_sd), ..) = rows[best];
        table.push_str(&format!(
            "\nChosen on validation: {name}; its test accuracy {t_mean:.4} ± {t_sd:.4}.\n"
        ));
    }
    println!("{table}");
    if let Some(path) = &o.table {
        improved::destination::write_atomically(path, table.as_bytes())
            .map_err(|e| format!("--table {e}"))?;
    }
    write_figures(o, curves)
}

/// Rank 1 for the highest mean validation accuracy; ties share a rank.
fn ranks_by_validation(means: &[f64]) -> Vec<usize> {
    means
        .iter()
        .map(|m| 1 + means.iter().filter(|other| *other > m).count())
        .collect()
}

/// The learning curves as small multiples (see `figures::ablation`), and
/// the data file they are drawn from.
fn write_figures(o: &Options, curves: Vec<Curve>) -> Result<(), Box<dyn std::error::Error>> {
    let ablation = Ablation {
        dataset: o.dataset.clone(),
        seeds: o.seeds,
        accuracy_label: "validation accuracy".into(),
        reference: "baseline".into(),
        curves,
    };
    for path in figures::ablation::write(&o.figures, &ablation)? {
        println!("wrote {}", path.display());
    }
    Ok(())
}

fn main() -> ExitCode {
    common::exit(run(&Options::parse()))
}
