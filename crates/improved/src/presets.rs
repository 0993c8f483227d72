//! The MNIST presets: full sets of settings for the MNIST example, each
//! chosen on the validation images (the last 10,000 training images), never
//! on the test set. The lesson "Three rungs" tells how each was chosen.

use std::fmt;
use std::str::FromStr;

use crate::config::names;
use crate::{Config, Momentum, ParseError, Precision};

// ANCHOR: presets
/// A full set of settings for MNIST, chosen on the validation images.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// Mini-batches of 64 in f32, classical momentum 0.9 at a high rate that
    /// decays fast: 98 % in about ten seconds.
    Fast,
    /// 800 hidden units (as in Simard et al. 2003), deskewed images, more
    /// epochs, then trained on all 60,000 training images.
    Record,
    /// The article's rule, one sample per step in f64 (the slow rung).
    PerSample,
}

/// Which training images the network learns from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrainOn {
    /// The first 50,000; the last 10,000 are held out and scored after
    /// every epoch. Settings are chosen this way.
    Split,
    /// All 60,000, none held out: a final run with settings already chosen.
    All,
}

impl Preset {
    /// Hidden units of the preset's 784-h-10 network.
    pub fn hidden(self) -> usize {
        match self {
            Preset::Fast | Preset::PerSample => 300,
            Preset::Record => 800,
        }
    }

    /// Whether the preset straightens the images first (`data::deskew`).
    pub fn deskew(self) -> bool {
        self == Preset::Record
    }

    /// The training images the preset learns from: the record preset's
    /// settings were chosen on the split, its runs then learn from all.
    pub fn train_on(self) -> TrainOn {
        match self {
            Preset::Record => TrainOn::All,
            Preset::Fast | Preset::PerSample => TrainOn::Split,
        }
    }

    /// The preset's settings; the record and per-sample presets change a
    /// few of the fast preset's.
    pub fn config(self) -> Config {
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
            Preset::Fast => fast,
            Preset::Record => Config {
                epochs: 25,
                rate_decay: 0.15,
                l2_in: 0.0002,
                l2_out: 0.0002,
                ..fast
            },
            Preset::PerSample => Config {
                epochs: 20,
                batch_size: 1,
                precision: Precision::F64,
                learning_rate: 0.01,
                rate_decay: 0.1,
                momentum: Momentum::Article(0.0),
                ..fast
            },
        }
    }
}
// ANCHOR_END: presets

names!(Preset { Fast => "fast", Record => "record", PerSample => "per-sample" });
names!(TrainOn { Split => "split", All => "all" });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_a_valid_config() {
        for &preset in Preset::ALL {
            if let Err(e) = preset.config().validate() {
                panic!("{preset}: {e}");
            }
        }
    }

    #[test]
    fn presets_and_train_on_read_their_own_names() {
        for &preset in Preset::ALL {
            assert_eq!(preset.name().parse::<Preset>(), Ok(preset));
        }
        for &train_on in TrainOn::ALL {
            assert_eq!(train_on.name().parse::<TrainOn>(), Ok(train_on));
        }
        let error = "quick".parse::<Preset>().unwrap_err().to_string();
        assert!(error.contains("fast, record, per-sample"), "{error}");
    }

    #[test]
    fn only_the_per_sample_preset_trains_one_sample_per_step() {
        for &preset in Preset::ALL {
            let one = preset.config().batch_size == 1;
            assert_eq!(one, preset == Preset::PerSample, "{preset}");
        }
    }
}
