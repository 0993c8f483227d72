use std::fmt;

/// Everything that can be wrong with data handed to this crate.
///
/// Each message says what was expected and what arrived.
#[derive(Debug, Clone, PartialEq)]
pub enum DataError {
    /// A data set with no rows (or no features).
    Empty { what: String },
    /// A row whose length differs from the first row's.
    Ragged {
        row: usize,
        expected: usize,
        got: usize,
    },
    /// A label at or above the number of classes.
    LabelOutOfRange {
        row: usize,
        label: usize,
        classes: usize,
    },
    /// Feature and label counts that disagree.
    CountMismatch { features: usize, labels: usize },
    /// Flat feature values that are not a whole, non-empty row per label.
    NotWholeRows { values: usize, labels: usize },
    /// Two lists that must be as long as each other are not.
    LengthMismatch {
        what: &'static str,
        expected: usize,
        got: usize,
    },
    /// A value that is NaN or infinite.
    NotFinite { row: usize, column: usize },
    /// Text that does not parse.
    Parse { line: usize, message: String },
    /// A parameter outside its valid range.
    InvalidParameter {
        name: &'static str,
        expected: &'static str,
        got: String,
    },
    /// Rows with a different number of features than a fitted scaler expects.
    FeatureMismatch { expected: usize, got: usize },
    /// Reading a file failed (malformed contents, missing file, bad compression).
    File { path: String, message: String },
    /// A data file, or a folder's expected files, that are not there. The
    /// message says which names were looked for and where the data comes from.
    NotFound { path: String, message: String },
    /// A binary file that does not start with the expected magic number.
    BadMagic {
        path: String,
        what: &'static str,
        expected: u32,
        got: u32,
    },
    /// An IDX file with a different number of dimensions than expected.
    WrongDimensions { path: String, expected: u8, got: u8 },
    /// A file that ends before the bytes its header announces.
    Truncated {
        path: String,
        what: &'static str,
        expected: usize,
        got: usize,
    },
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::Empty { what } => write!(f, "{what} is empty: expected at least one row"),
            DataError::Ragged { row, expected, got } => {
                write!(
                    f,
                    "row {row} has {got} features, expected {expected} like the first row"
                )
            }
            DataError::LabelOutOfRange {
                row,
                label,
                classes,
            } => write!(
                f,
                "row {row} has label {label}, expected a label below {classes} (0..={})",
                classes.saturating_sub(1)
            ),
            DataError::NotWholeRows { values, labels } => write!(
                f,
                "expected the features to be whole rows, one per label: \
                 got {values} values for {labels} labels"
            ),
            DataError::CountMismatch { features, labels } => write!(
                f,
                "{features} feature rows but {labels} labels: expected one label per row"
            ),
            DataError::LengthMismatch {
                what,
                expected,
                got,
            } => {
                write!(f, "{what}: expected {expected}, got {got}")
            }
            DataError::NotFinite { row, column } => {
                write!(f, "row {row}, column {column} is not a finite number")
            }
            DataError::Parse { line, message } => write!(f, "line {line}: {message}"),
            DataError::InvalidParameter {
                name,
                expected,
                got,
            } => {
                write!(f, "invalid {name}: expected {expected}, got {got}")
            }
            DataError::FeatureMismatch { expected, got } => write!(
                f,
                "rows have {got} features but the scaler was fitted on {expected}"
            ),
            DataError::File { path, message } => write!(f, "{path}: {message}"),
            DataError::NotFound { path, message } => write!(f, "{path}: not found. {message}"),
            DataError::BadMagic {
                path,
                what,
                expected,
                got,
            } => write!(
                f,
                "{path}: expected the magic number 0x{expected:08x} of {what}, got 0x{got:08x}"
            ),
            DataError::WrongDimensions {
                path,
                expected,
                got,
            } => write!(
                f,
                "{path}: expected an IDX file with {expected} dimensions, got {got} \
                 (images have 3: count, rows, columns; labels have 1: count)"
            ),
            DataError::Truncated {
                path,
                what,
                expected,
                got,
            } => write!(
                f,
                "{path}: truncated {what}: expected {expected} bytes, got {got}"
            ),
        }
    }
}

impl std::error::Error for DataError {}
