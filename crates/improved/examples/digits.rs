//! The part-2 network on the handwritten digits (article P2.1-P2.5).
//!
//! Run: `cargo run --release -p improved --example digits`
//!
//! Splits the 1797 embedded digits into 1347 training and 450 test rows
//! (seeded), scales every pixel to [0, 1] with the training rows' range,
//! trains a 64-100-10 network with `Config::recommended()` (tanh hidden
//! layer, softmax output, scaled weights, shuffling, classical momentum 0.9
//! at learning rate 0.01) for 50 epochs, then prints a classification report
//! and the test accuracy.
//!
//! Expect: test accuracy 0.9756, 0.9822, 0.9800, 0.9733, 0.9933 for seeds
//! 1-5 (mean 0.981, sd 0.008), about a second of training. Standardized
//! pixels (`--scale standard`) measured lower with this config (mean 0.973):
//! the border pixels of the digits are almost always 0, so standardizing
//! blows their rare non-zero values up to tens of standard deviations.
//!
//! `--article` uses the article's own part-2 digits settings instead
//! (64-400-10, logistic output, the article's momentum 0.5, rate decay
//! 0.0001, standardized pixels). Its "momentum" adds half the previous
//! sample's *raw* gradient, a step about 50 times the learning rate, and it
//! scores clearly lower and unevenly: 0.9178, 0.7978, 0.9622, 0.8511,
//! 0.9289 for seeds 1-5 (mean 0.892, sd 0.066); a NumPy re-implementation
//! of the article got 0.910 +- 0.007. With `--scale minmax` the same
//! settings give mean 0.973.
//!
//! Measured with: `for s in 1 2 3 4 5; do cargo run --release -p improved
//! --example digits -- --seed $s --json | tail -1; done` (add `--article`).
//!
//! Every upgrade has a switch, so you can switch them off one at a time:
//! `--hidden-activation sigmoid|tanh`, `--output logistic|softmax`,
//! `--init normal|scaled`, `--no-shuffle`, `--l2-in X`, `--l2-out X`,
//! `--momentum X`, `--momentum-rule article|classical`, `--rate-decay X`,
//! `--scale standard|minmax`. Also `--seed N`, `--hidden N`,
//! `--epochs N`, `--rate X`, `--every N` and `--json` (one JSON object
//! on the last line).

use std::process::ExitCode;

use data::json::JsonObject;
use data::metrics::ClassificationReport;
use data::{DIGITS_CLASSES, DIGITS_FEATURES, Dataset, MinMaxScaler, Standardizer, cli::Args};
use improved::{
    Config, Epoch, Hidden, Init, MlpNeuralNetwork, Momentum, Observer, Output, Trainer,
};

const USAGE: &str = "\
Train the article's part-2 network on the embedded digits.

usage: cargo run --release -p improved --example digits -- [flags]
  --seed N                          split, weights and shuffling (default 1)
  --hidden N                        hidden units (default 100; 400 with --article)
  --epochs N                        epochs (default 50)
  --rate X                          starting learning rate (default 0.01)
  --article                         the article's part-2 digits settings
  --hidden-activation sigmoid|tanh  hidden layer (default tanh)
  --output logistic|softmax         output layer and loss (default softmax; logistic with --article)
  --init normal|scaled              starting weights (default scaled)
  --no-shuffle                      keep the sample order fixed
  --l2-in X, --l2-out X             weight decay per layer (default 0)
  --momentum X                      momentum coefficient (default 0.9; 0.5 with --article)
  --momentum-rule article|classical (default classical; article with --article)
  --rate-decay X                    lr = lr / (1 + X) after each epoch (default 0; 0.0001 with --article)
  --scale standard|minmax           input scaling (default minmax; standard with --article)
  --every N                         print progress every N epochs (default 10)
  --engine reference|fused         what trains: the readable reference or the fast fused pass (default fused)
  --json                            print one JSON object with the results on the last line";

struct Options {
    config: Config,
    hidden: usize,
    standardize: bool,
    every: usize,
    json: bool,
}

fn options() -> Result<Options, String> {
    let mut args = Args::from_env(USAGE)?;
    let article = args.switch("article")?;
    let mut c = if article {
        Config::article_digits()
    } else {
        Config::recommended()
    };
    c.seed = args.value("seed", c.seed)?;
    c.epochs = args.value("epochs", c.epochs)?;
    c.learning_rate = args.value("rate", c.learning_rate)?;
    c.hidden = match args.optional::<String>("hidden-activation")?.as_deref() {
        None => c.hidden,
        Some("sigmoid") => Hidden::Sigmoid,
        Some("tanh") => Hidden::Tanh,
        Some(other) => {
            return Err(format!(
                "--hidden-activation: expected sigmoid or tanh, got {other:?}"
            ));
        }
    };
    c.output = match args.optional::<String>("output")?.as_deref() {
        None => c.output,
        Some("logistic") => Output::Logistic,
        Some("softmax") => Output::Softmax,
        Some(other) => {
            return Err(format!(
                "--output: expected logistic or softmax, got {other:?}"
            ));
        }
    };
    c.init = match args.optional::<String>("init")?.as_deref() {
        None => c.init,
        Some("normal") => Init::StandardNormal,
        Some("scaled") => Init::Scaled,
        Some(other) => return Err(format!("--init: expected normal or scaled, got {other:?}")),
    };
    c.shuffle = !args.switch("no-shuffle")?;
    if let Some(engine) = args.optional::<String>("engine")? {
        c.engine = engine
            .parse()
            .map_err(|e: improved::ParseError| format!("--engine: {e}"))?;
    }
    c.l2_in = args.value("l2-in", c.l2_in)?;
    c.l2_out = args.value("l2-out", c.l2_out)?;
    c.rate_decay = args.value("rate-decay", c.rate_decay)?;
    let mu = args.value("momentum", c.momentum.mu())?;
    c.momentum = match args.optional::<String>("momentum-rule")?.as_deref() {
        None => match c.momentum {
            Momentum::Article(_) => Momentum::Article(mu),
            Momentum::Classical(_) => Momentum::Classical(mu),
        },
        Some("article") => Momentum::Article(mu),
        Some("classical") => Momentum::Classical(mu),
        Some(other) => {
            return Err(format!(
                "--momentum-rule: expected article or classical, got {other:?}"
            ));
        }
    };
    let standardize = match args.optional::<String>("scale")?.as_deref() {
        None => article,
        Some("standard") => true,
        Some("minmax") => false,
        Some(other) => {
            return Err(format!(
                "--scale: expected standard or minmax, got {other:?}"
            ));
        }
    };
    let options = Options {
        hidden: args.value("hidden", if article { 400 } else { 100 })?,
        every: args.value("every", 10)?,
        json: args.switch("json")?,
        standardize,
        config: c,
    };
    args.finish()?;
    options.config.validate().map_err(|e| e.to_string())?;
    if options.every == 0 || options.hidden == 0 {
        return Err("--every and --hidden must be at least 1".into());
    }
    Ok(options)
}

/// The seeded 75/25 split, scaled with statistics of the training rows only.
fn split(o: &Options) -> Result<(Dataset, Dataset), Box<dyn std::error::Error>> {
    let digits = data::digits()?;
    let (mut train, mut test) =
        data::train_test_split(&digits, 0.25, &mut data::seeded_rng(o.config.seed))?;
    if o.standardize {
        let scaler = Standardizer::fit(&train);
        scaler.transform(&mut train)?;
        scaler.transform(&mut test)?;
    } else {
        let scaler = MinMaxScaler::fit(&train);
        scaler.transform(&mut train)?;
        scaler.transform(&mut test)?;
    }
    Ok((train, test))
}

fn run(o: &Options) -> Result<(), Box<dyn std::error::Error>> {
    let (train, test) = split(o)?;
    let c = &o.config;
    println!(
        "digits: {} training rows, {} test rows; network {DIGITS_FEATURES}-{}-{DIGITS_CLASSES}, \
         {} epochs at learning rate {}\nconfig: {c:?}",
        train.len(),
        test.len(),
        o.hidden,
        c.epochs,
        c.learning_rate
    );
    let mut net = MlpNeuralNetwork::new(DIGITS_FEATURES, o.hidden, DIGITS_CLASSES, c)?;
    let mut trainer = Trainer::new(c, &net)?;
    let mut progress = EpochLog {
        every: o.every,
        epochs: c.epochs,
    };
    let history = trainer.fit_with(&mut net, &train.samples()?, None, &mut progress)?;
    let train_seconds = history.train_seconds();
    let predicted = net.predict_class(test.features())?;
    let report = ClassificationReport::new(test.labels(), &predicted)?;
    println!("\n{report}");
    println!(
        "test accuracy {:.4} after {train_seconds:.2} s of training",
        report.accuracy
    );
    if o.json {
        let final_loss = history.last().map_or(f64::NAN, |e| e.loss);
        let json = report
            .to_json()
            .number("train_seconds", train_seconds)
            .integer("seed", c.seed)
            .integer("epochs", c.epochs as u64)
            .integer("hidden", o.hidden as u64)
            .number("rate", c.learning_rate)
            .number("final_mean_loss", final_loss)
            .object("config", config_json(o));
        println!("{json}");
    }
    Ok(())
}

/// Prints every `every`-th epoch and the last.
struct EpochLog {
    every: usize,
    epochs: usize,
}

impl Observer for EpochLog {
    fn epoch_done(&mut self, e: &Epoch) {
        if e.epoch.is_multiple_of(self.every) || e.epoch + 1 == self.epochs {
            println!(
                "epoch {:>3}: mean loss {:.5}, learning rate {:.6}, {:.3} s",
                e.epoch + 1,
                e.loss,
                e.learning_rate,
                e.seconds
            );
        }
    }
}

fn config_json(o: &Options) -> JsonObject {
    let c = &o.config;
    let (rule, mu) = match c.momentum {
        Momentum::Article(mu) => ("article", mu),
        Momentum::Classical(mu) => ("classical", mu),
    };
    JsonObject::new()
        .string(
            "hidden_activation",
            if c.hidden == Hidden::Tanh {
                "tanh"
            } else {
                "sigmoid"
            },
        )
        .string(
            "output",
            if c.output == Output::Softmax {
                "softmax"
            } else {
                "logistic"
            },
        )
        .string(
            "init",
            if c.init == Init::Scaled {
                "scaled"
            } else {
                "normal"
            },
        )
        .boolean("shuffle", c.shuffle)
        .number("l2_in", c.l2_in)
        .number("l2_out", c.l2_out)
        .string("momentum_rule", rule)
        .number("momentum", mu)
        .number("rate_decay", c.rate_decay)
        .string("scale", if o.standardize { "standard" } else { "minmax" })
}

fn main() -> ExitCode {
    let result = options().map_err(Into::into).and_then(|o| run(&o));
    data::cli::exit_code(result)
}
