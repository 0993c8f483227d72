use std::fmt;

/// What can go wrong when building, running or training the network.
///
/// The article raised `ValueError('Wrong number of inputs you silly goose!')`;
/// we keep the goose and add what was expected and what came.
#[derive(Debug, Clone, PartialEq)]
pub enum NetworkError {
    /// `feed_forward` got the wrong number of inputs (P1.3).
    WrongInputs { expected: usize, got: usize },
    /// `back_propagate` got the wrong number of targets (P1.4).
    WrongTargets { expected: usize, got: usize },
    /// A layer with no units.
    ZeroSize { layer: &'static str },
    /// A weight matrix whose shape does not fit the others.
    Shape {
        what: &'static str,
        expected: String,
        got: String,
    },
    /// An input, target, weight or learning rate that is NaN or infinite.
    NotFinite { what: &'static str },
    /// The error became NaN or infinite during training.
    Diverged { iteration: usize, pattern: usize },
    /// `train` was given no patterns.
    NoPatterns,
    /// A setting outside its range (a flag, named as on the command line).
    Invalid {
        name: &'static str,
        expected: &'static str,
        got: String,
    },
    /// A network whose arrays need more memory than can be had: `values`
    /// numbers of 8 bytes (weights, changes and activations).
    TooLarge {
        input: usize,
        hidden: usize,
        output: usize,
        values: Option<usize>,
    },
}

impl fmt::Display for NetworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
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
            } => {
                write!(
                    f,
                    "{what} has the wrong shape: expected {expected}, got {got}"
                )
            }
            NetworkError::NotFinite { what } => {
                write!(f, "{what} must be finite numbers, got NaN or infinity")
            }
            NetworkError::Diverged { iteration, pattern } => write!(
                f,
                "training diverged at iteration {iteration}, pattern {pattern}: \
                 the error is no longer a finite number (try a smaller learning rate)"
            ),
            NetworkError::NoPatterns => write!(f, "train needs at least one pattern, got none"),
            NetworkError::Invalid {
                name,
                expected,
                got,
            } => write!(f, "{name}: expected {expected}, got {got}"),
            NetworkError::TooLarge {
                input,
                hidden,
                output,
                values,
            } => {
                let size = values.map_or("more than this machine can address".into(), |v| {
                    format!("{v} numbers, {:.3e} bytes", v as f64 * 8.0)
                });
                write!(
                    f,
                    "a {input}-{hidden}-{output} network needs {size}, which cannot be \
                     allocated: choose fewer units"
                )
            }
        }
    }
}

impl std::error::Error for NetworkError {}
