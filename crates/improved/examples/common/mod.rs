//! What the training examples share: the switches of every upgrade as
//! command-line flags, and one way to end with an error.
//!
//! Each example uses the part it needs.
#![allow(dead_code)]

use std::process::ExitCode;

use improved::{Config, Engine, Hidden, Init, Momentum, Output};

/// Every switch of [`Config`], as flags. A flag left out keeps the value of
/// the example's starting configuration.
#[derive(clap::Args, Debug, Clone)]
pub struct Switches {
    /// Seed of the split, the weights and the shuffling.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Epochs: passes over the training samples.
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Starting learning rate.
    #[arg(long)]
    pub rate: Option<f64>,
    /// Hidden layer's activation: sigmoid or tanh (P2.1).
    #[arg(long)]
    pub activation: Option<Hidden>,
    /// Output layer and loss: logistic or softmax (P2.1).
    #[arg(long)]
    pub output: Option<Output>,
    /// Starting weights: standard-normal or scaled (P2.2).
    #[arg(long)]
    pub init: Option<Init>,
    /// Keep the sample order fixed instead of shuffling every epoch (P2.3).
    #[arg(long)]
    pub no_shuffle: bool,
    /// Weight decay on both layers (P2.4); --l2-in and --l2-out override it per layer.
    #[arg(long)]
    pub l2: Option<f64>,
    /// Weight decay on the input-to-hidden weights (P2.4).
    #[arg(long)]
    pub l2_in: Option<f64>,
    /// Weight decay on the hidden-to-output weights (P2.4).
    #[arg(long)]
    pub l2_out: Option<f64>,
    /// Momentum coefficient (P2.4).
    #[arg(long)]
    pub momentum: Option<f64>,
    /// Momentum rule: article or classical (P2.4).
    #[arg(long)]
    pub momentum_rule: Option<String>,
    /// After every epoch lr = lr / (1 + X) (P2.4).
    #[arg(long)]
    pub rate_decay: Option<f64>,
    /// What trains one sample at a time: reference (readable, f64 only),
    /// fused (fast, the same numbers up to rounding) or sparse (skips the
    /// inputs that are 0); the last two in f64 or f32.
    #[arg(long)]
    pub engine: Option<Engine>,
}

impl Switches {
    /// `base` with every given flag applied, checked.
    pub fn apply(&self, base: Config) -> Result<Config, Box<dyn std::error::Error>> {
        let mut c = base;
        c.seed = self.seed;
        c.epochs = self.epochs.unwrap_or(c.epochs);
        c.learning_rate = self.rate.unwrap_or(c.learning_rate);
        c.hidden = self.activation.unwrap_or(c.hidden);
        c.output = self.output.unwrap_or(c.output);
        c.init = self.init.unwrap_or(c.init);
        c.shuffle = c.shuffle && !self.no_shuffle;
        let l2 = (self.l2.unwrap_or(c.l2_in), self.l2.unwrap_or(c.l2_out));
        c.l2_in = self.l2_in.unwrap_or(l2.0);
        c.l2_out = self.l2_out.unwrap_or(l2.1);
        let mu = self.momentum.unwrap_or(c.momentum.mu());
        let rule = self.momentum_rule.as_deref().unwrap_or(c.momentum.rule());
        c.momentum = Momentum::with_rule(rule, mu)?;
        c.rate_decay = self.rate_decay.unwrap_or(c.rate_decay);
        c.engine = self.engine.unwrap_or(c.engine);
        if let Some(engine) = self.engine
            && c.batch_size > 1
        {
            // Even the default engine: a flag that changes nothing is an error.
            return Err(improved::ConfigError::EngineBatch {
                engine,
                batch_size: c.batch_size,
            }
            .into());
        }
        c.validate()?;
        Ok(c)
    }
}

/// Success, or `error: ...` on standard error and a failing exit code.
pub fn exit(result: Result<(), Box<dyn std::error::Error>>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
