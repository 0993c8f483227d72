//! The digits recipe every example, figure and lesson shares: the seeded
//! split, then pixels scaled with statistics of the training rows only (the
//! test rows must not leak into the scaling, or the test score would be
//! measured on data the model has, in a small way, already seen).

use std::fmt;
use std::str::FromStr;

use crate::{DataError, Dataset, MinMaxScaler, Standardizer, digits, seeded_rng};

/// The fraction of the 1797 digits kept as test rows: 450 of them.
pub const DIGITS_TEST_FRACTION: f64 = 0.25;

/// How pixels are scaled before training.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scaling {
    /// Each pixel to [0, 1] with the training rows' range (part 1's choice).
    MinMax,
    /// Each pixel to mean 0 and standard deviation 1 (the article's part-2 demo).
    Standard,
}

impl Scaling {
    /// Every value, in declaration order.
    pub const ALL: [Scaling; 2] = [Scaling::MinMax, Scaling::Standard];

    /// The name used by flags: `minmax` or `standard`.
    pub fn name(self) -> &'static str {
        match self {
            Scaling::MinMax => "minmax",
            Scaling::Standard => "standard",
        }
    }

    /// Fits the scaling on `train` and applies it to `train` and `others`.
    ///
    /// # Errors
    /// A data set of another width than `train`.
    pub fn apply(self, train: &mut Dataset, others: &mut [&mut Dataset]) -> Result<(), DataError> {
        match self {
            Scaling::MinMax => {
                let scaler = MinMaxScaler::fit(train);
                scaler.transform(train)?;
                others.iter_mut().try_for_each(|d| scaler.transform(d))
            }
            Scaling::Standard => {
                let scaler = Standardizer::fit(train);
                scaler.transform(train)?;
                others.iter_mut().try_for_each(|d| scaler.transform(d))
            }
        }
    }
}

impl fmt::Display for Scaling {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Scaling {
    type Err = String;

    fn from_str(s: &str) -> Result<Scaling, String> {
        Scaling::ALL
            .into_iter()
            .find(|v| v.name() == s)
            .ok_or_else(|| format!("expected minmax or standard, got {s:?}"))
    }
}

/// The embedded digits split into 1347 training and 450 test rows by a
/// generator seeded with `seed`, both scaled by `scaling` fitted on the
/// training rows.
///
/// # Errors
/// The embedded file cannot be read (it always can).
pub fn digits_train_test(seed: u64, scaling: Scaling) -> Result<(Dataset, Dataset), DataError> {
    let (mut train, mut test) =
        crate::train_test_split(&digits()?, DIGITS_TEST_FRACTION, &mut seeded_rng(seed))?;
    scaling.apply(&mut train, &mut [&mut test])?;
    Ok((train, test))
}

/// As [`digits_train_test`] (the same test rows for the same seed), with
/// `validation_fraction` of the training rows held out to choose settings
/// on; all three scaled with the remaining training rows' statistics.
///
/// # Errors
/// A validation fraction outside (0, 1).
pub fn digits_train_validation_test(
    seed: u64,
    scaling: Scaling,
    validation_fraction: f64,
) -> Result<(Dataset, Dataset, Dataset), DataError> {
    let (mut train, mut validation, mut test) = crate::train_validation_test_split(
        &digits()?,
        DIGITS_TEST_FRACTION,
        validation_fraction,
        &mut seeded_rng(seed),
    )?;
    scaling.apply(&mut train, &mut [&mut validation, &mut test])?;
    Ok((train, validation, test))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recipe_splits_1347_and_450_and_scales_with_the_training_rows_only() {
        let (train, test) = digits_train_test(1, Scaling::MinMax).unwrap();
        assert_eq!((train.len(), test.len()), (1347, 450));
        let (min, max) = train
            .features()
            .iter()
            .fold((f64::MAX, f64::MIN), |(lo, hi), &x| (lo.min(x), hi.max(x)));
        assert_eq!((min, max), (0.0, 1.0));
        // The test rows are scaled with the training range: they may leave [0, 1].
        let (raw_train, raw_test) =
            crate::train_test_split(&digits().unwrap(), 0.25, &mut seeded_rng(1)).unwrap();
        let mut by_hand = raw_test.clone();
        MinMaxScaler::fit(&raw_train)
            .transform(&mut by_hand)
            .unwrap();
        assert_eq!(test.features(), by_hand.features());
    }

    #[test]
    fn the_validation_split_keeps_the_same_test_rows() {
        let (_, test) = digits_train_test(3, Scaling::Standard).unwrap();
        let (train, validation, test3) =
            digits_train_validation_test(3, Scaling::Standard, 0.2).unwrap();
        assert_eq!(test.labels(), test3.labels());
        assert_eq!(train.len() + validation.len(), 1347);
        let mean: f64 = train.features().iter().sum::<f64>() / train.features().len() as f64;
        assert!(
            mean.abs() < 1e-9,
            "standardized training rows have mean 0, got {mean}"
        );
    }

    #[test]
    fn scaling_names_read_back() {
        for s in Scaling::ALL {
            assert_eq!(s.name().parse::<Scaling>(), Ok(s));
        }
        assert!(
            "z-score"
                .parse::<Scaling>()
                .unwrap_err()
                .contains("z-score")
        );
    }
}
