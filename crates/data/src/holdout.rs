//! MNIST prepared for training: scaled pixels, a validation hold-out and the
//! test set, the same way for both networks' MNIST examples.

use std::path::{Path, PathBuf};

use crate::{DataError, Dataset, load_mnist};

/// Training images held out for validation when all 60,000 are used.
pub const MNIST_VALIDATION_ROWS: usize = 10_000;

/// MNIST split three ways, pixels scaled to [0, 1].
#[derive(Debug, Clone, PartialEq)]
pub struct MnistSplits {
    /// The training images the network learns from (50,000 by default).
    pub train: Dataset,
    /// The last training images, held out: accuracy on them is measured after
    /// every epoch, to watch for overfitting without touching the test set.
    pub validation: Dataset,
    /// The 10,000 test images, scored once at the end.
    pub test: Dataset,
}

/// Loads MNIST from `dir`, keeps the first `limit` training images (all when
/// `None`), holds out the last 10,000 of them for validation (a sixth when
/// fewer are kept), and divides every pixel by 255.
///
/// # Errors
/// Any error of [`load_mnist`], or a `limit` below 12 (too few rows to split).
pub fn load_mnist_splits(dir: &Path, limit: Option<usize>) -> Result<MnistSplits, DataError> {
    let mnist = load_mnist(dir)?;
    let kept = limit.unwrap_or(usize::MAX).min(mnist.train.len());
    if kept < 12 {
        return Err(DataError::InvalidParameter {
            name: "limit",
            expected: "at least 12 training images",
            got: kept.to_string(),
        });
    }
    let held_out = if kept == mnist.train.len() {
        MNIST_VALIDATION_ROWS
    } else {
        kept / 6
    };
    let (mut train, mut validation) = mnist.train.into_head_split(kept, kept - held_out);
    let mut test = mnist.test;
    for set in [&mut train, &mut validation, &mut test] {
        set.scale_by(255.0)?;
    }
    Ok(MnistSplits {
        train,
        validation,
        test,
    })
}

/// MNIST for a final run, pixels scaled to [0, 1]: the network learns from
/// every training image and none is held out.
#[derive(Debug, Clone, PartialEq)]
pub struct MnistFinal {
    /// All 60,000 training images (or the first `limit`).
    pub train: Dataset,
    /// The 10,000 test images, scored once at the end.
    pub test: Dataset,
}

/// Loads MNIST from `dir` for a final run: the first `limit` training images
/// (all when `None`), none held out, every pixel divided by 255. Use it once
/// the settings are chosen on the validation rows of [`load_mnist_splits`]:
/// learning from the validation rows too is then the usual last step.
///
/// # Errors
/// Any error of [`load_mnist`].
pub fn load_mnist_final(dir: &Path, limit: Option<usize>) -> Result<MnistFinal, DataError> {
    let mnist = load_mnist(dir)?;
    let mut train = mnist.train.head(limit.unwrap_or(usize::MAX));
    let mut test = mnist.test;
    for set in [&mut train, &mut test] {
        set.scale_by(255.0)?;
    }
    Ok(MnistFinal { train, test })
}

/// The folder the MNIST examples read by default: `data/mnist` under the
/// current directory if it exists, else the repository's own `data/mnist`
/// (so the examples also work when run from a crate's folder).
pub fn default_mnist_dir() -> PathBuf {
    let here = PathBuf::from("data/mnist");
    if here.is_dir() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/mnist")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_mnist_splits_into_50k_10k_10k_scaled_to_unit() {
        let s = load_mnist_splits(&default_mnist_dir(), None).unwrap();
        assert_eq!(
            (s.train.len(), s.validation.len(), s.test.len()),
            (50_000, 10_000, 10_000)
        );
        let max = s.train.features().iter().fold(0.0_f64, |m, &x| m.max(x));
        assert_eq!(max, 1.0);
        assert_eq!(s.train.labels()[0], 5, "the first training image is a 5");
    }

    #[test]
    fn a_limit_keeps_the_first_rows_and_holds_out_a_sixth() {
        let s = load_mnist_splits(&default_mnist_dir(), Some(600)).unwrap();
        assert_eq!(
            (s.train.len(), s.validation.len(), s.test.len()),
            (500, 100, 10_000)
        );
        assert!(load_mnist_splits(&default_mnist_dir(), Some(5)).is_err());
    }

    #[test]
    fn a_final_run_learns_from_the_validation_rows_too() {
        let dir = default_mnist_dir();
        let all = load_mnist_final(&dir, None).unwrap();
        let s = load_mnist_splits(&dir, None).unwrap();
        assert_eq!((all.train.len(), all.test.len()), (60_000, 10_000));
        assert_eq!(all.train.head(50_000), s.train);
        assert_eq!(all.train.row(59_999), s.validation.row(9_999));
        assert_eq!(all.test, s.test);
    }
}
