use std::fmt;

use crate::ConfigError;

/// What can go wrong when building, running or training the network.
///
/// As in `naive`, the article's "silly goose" stays in the messages about
/// wrong lengths, and every message says what was expected and what came.
#[derive(Debug, Clone, PartialEq)]
pub enum NetworkError {
    /// The [`Config`](crate::Config) is invalid.
    Config(ConfigError),
    /// `feed_forward` (or a row of samples) got the wrong number of inputs.
    WrongInputs { expected: usize, got: usize },
    /// `back_propagate` got the wrong number of targets.
    WrongTargets { expected: usize, got: usize },
    /// A layer with no units.
    ZeroSize { layer: &'static str },
    /// A weight matrix whose shape does not fit the others, as (rows, columns).
    Shape {
        what: &'static str,
        expected: (usize, usize),
        got: (usize, usize),
    },
    /// An input, target, weight or learning rate that is NaN or infinite.
    NotFinite { what: &'static str },
    /// Flat features (`got` values) that are not whole rows of `expected`.
    NotWholeRows { expected: usize, got: usize },
    /// A label with no output unit.
    LabelOutOfRange {
        row: usize,
        label: usize,
        classes: usize,
    },
    /// A weight matrix (rows, columns) too large to allocate.
    TooLarge { rows: usize, columns: usize },
    /// Labels of `classes` classes for a network with another number of
    /// outputs: scoring them would be silently wrong.
    ClassCount { outputs: usize, classes: usize },
    /// The loss or the weights stopped being finite numbers during `fit`.
    /// `sample` is the position in the epoch when the loss was the first sign.
    Diverged { epoch: usize, sample: Option<usize> },
    /// A [`Trainer`](crate::Trainer) given another network than the one it
    /// was built for (other sizes or layers): `expected` and `got` name both.
    OtherNetwork { expected: String, got: String },
}

impl fmt::Display for NetworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NetworkError::Config(e) => write!(f, "invalid configuration: {e}"),
            NetworkError::WrongInputs { expected, got } => write!(
                f,
                "Wrong number of inputs you silly goose! Expected {expected}, got {got}"
            ),
            NetworkError::WrongTargets { expected, got } => write!(
                f,
                "Wrong number of targets you silly goose! Expected {expected}, got {got}"
            ),
            NetworkError::ZeroSize { layer } => {
                write!(f, "the {layer} layer needs at least one unit, got 0")
            }
            NetworkError::Shape {
                what,
                expected,
                got,
            } => write!(
                f,
                "{what} has the wrong shape: expected {}x{}, got {}x{}",
                expected.0, expected.1, got.0, got.1
            ),
            NetworkError::NotFinite { what } => {
                write!(f, "{what} must be finite numbers, got NaN or infinity")
            }
            NetworkError::NotWholeRows { expected, got } => write!(
                f,
                "Wrong number of inputs you silly goose! Expected rows of {expected} values, \
                 got {got} values ({} whole rows and {} left over)",
                got / expected.max(&1),
                got % expected.max(&1)
            ),
            NetworkError::LabelOutOfRange {
                row,
                label,
                classes,
            } => write!(
                f,
                "row {row} has label {label}, expected a label below {classes} (one per output unit)"
            ),
            NetworkError::TooLarge { rows, columns } => {
                let bytes = (*rows as f64) * (*columns as f64) * 8.0;
                write!(
                    f,
                    "a {rows}x{columns} weight matrix ({bytes:.3e} bytes) cannot be \
                     allocated: choose fewer units"
                )
            }
            NetworkError::ClassCount { outputs, classes } => write!(
                f,
                "the network has {outputs} outputs but the labels have {classes} classes: \
                 expected one output per class"
            ),
            NetworkError::OtherNetwork { expected, got } => write!(
                f,
                "this trainer was built for a {expected} network, got a {got} network"
            ),
            NetworkError::Diverged { epoch, sample } => {
                write!(f, "training diverged in epoch {epoch}")?;
                if let Some(sample) = sample {
                    write!(f, " at sample {sample}")?;
                }
                write!(
                    f,
                    ": the loss or the weights are no longer finite numbers \
                     (try a smaller learning rate or momentum)"
                )
            }
        }
    }
}

impl std::error::Error for NetworkError {}

impl NetworkError {
    /// A divergence found inside an epoch, labelled with that epoch.
    pub(crate) fn in_epoch(self, epoch: usize) -> NetworkError {
        match self {
            NetworkError::Diverged { sample, .. } => NetworkError::Diverged { epoch, sample },
            other => other,
        }
    }
}

impl From<ConfigError> for NetworkError {
    fn from(e: ConfigError) -> Self {
        NetworkError::Config(e)
    }
}
