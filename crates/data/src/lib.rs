//! Data sets, splitting, scaling and metrics shared by the `naive` and
//! `improved` networks.
//!
//! Nothing here is a neural network: this crate holds what both networks need
//! around them, so the two network crates contain only the article's ideas.
//!
//! - [`Dataset`]: rows of features with a class label each, stored flat;
//!   [`Samples`]: the same rows borrowed, what a network trains on.
//! - [`digits()`]: the 8x8 handwritten digits (1797 rows) embedded in the binary.
//! - [`load_mnist`], [`load_kaggle_csv`]: MNIST's 28x28 digits from IDX files
//!   (raw or gzip-compressed) or Kaggle's `train.csv`, every malformed input a
//!   clear error.
//! - [`train_test_split`], [`train_validation_test_split`]: seeded
//!   shuffle-and-cut splits; settings are chosen on the validation rows.
//! - [`MinMaxScaler`], [`Standardizer`]: fit on training rows, apply to any;
//!   [`deskew`]: straighten slanted digit images.
//! - [`one_hot`], [`argmax`]: between labels and network outputs.
//! - [`metrics`]: accuracy, confusion matrix and a classification report laid
//!   out like scikit-learn's.
//! - [`toy`]: small two-feature problems (XOR, two moons, circles), seeded.

mod dataset;
mod deskew;
mod digits;
mod error;
mod holdout;
pub mod metrics;
mod mnist;
mod recipe;
mod samples;
mod scale;
mod split;
pub mod toy;

pub use dataset::{Dataset, argmax, one_hot};
pub use deskew::{Slant, deskew, slant};
pub use digits::{DIGITS_CLASSES, DIGITS_FEATURES, DIGITS_ROWS, digits, parse_csv};
pub use error::DataError;
pub use holdout::{
    MNIST_VALIDATION_ROWS, MnistFinal, MnistSplits, default_mnist_dir, load_mnist_final,
    load_mnist_splits, mnist_dir,
};
pub use mnist::{
    IdxImages, MNIST_CLASSES, MNIST_FEATURES, MNIST_FILES, MNIST_SIDE, MNIST_TEST_ROWS,
    MNIST_TRAIN_ROWS, Mnist, decode_idx_images, decode_idx_labels, decode_kaggle_csv,
    load_idx_pair, load_kaggle_csv, load_mnist, read_idx_images, read_idx_labels,
};
pub use recipe::{DIGITS_TEST_FRACTION, Scaling, digits_train_test, digits_train_validation_test};
pub use samples::Samples;
pub use scale::{MinMaxScaler, Standardizer};
pub use split::{train_test_split, train_validation_test_split};

/// The seeded random generator every example and test uses.
///
/// Xoshiro256++ is a named algorithm whose output is fixed by its
/// definition, so a seed gives the same numbers on every machine and with
/// every future version of `rand` (unlike `StdRng`, which may change).
pub type SeededRng = rand::rngs::Xoshiro256PlusPlus;

/// Builds the project's seeded generator from a seed.
pub fn seeded_rng(seed: u64) -> SeededRng {
    use rand::SeedableRng;
    SeededRng::seed_from_u64(seed)
}
