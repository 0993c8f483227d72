//! Saving and loading a trained network as a small JSON file.
//!
//! # Format, version 2
//!
//! One JSON object, one weight row per line (a 1-2-3 network here):
//!
//! ```json
//! {
//!   "format": "handcrafted-mlp",
//!   "version": 2,
//!   "config": {"hidden":"tanh","output":"softmax","init":"scaled","shuffle":true,"l2_in":0.0,"l2_out":0.0,"momentum":{"rule":"classical","mu":0.9},"rate_decay":0.0,"epochs":50,"learning_rate":0.01,"seed":1,"engine":"fused"},
//!   "layers": [1, 2, 3],
//!   "wi": [
//!     [1.5, -0.2],
//!     [0.0, 3.0]
//!   ],
//!   "wo": [
//!     [1.0, 2.0, 3.0],
//!     [4.0, 5.0, 6.0]
//!   ]
//! }
//! ```
//!
//! - `format` and `version` say what the file is;
//! - `config` is the [`Config`] of the run that trained the network (its
//!   architecture from the network, the rest from its [`Trainer`]), as
//!   `serde` writes it, so a loaded network has the very same architecture;
//! - `layers` gives the inputs (without the bias unit), hidden and output units;
//! - `wi` is (inputs + 1) rows of `hidden` numbers, the bias row last;
//!   `wo` is `hidden` rows of `outputs` numbers. Rows are counted from 0.
//!
//! Numbers are written as the shortest text that reads back to the very
//! same `f64` (and read with `serde_json`'s `float_roundtrip`), so a saved
//! and loaded network has bit-identical weights and predicts exactly the
//! same. JSON has no NaN or infinity: a network holding one cannot be saved.
//!
//! Version 1 was a text format (first line `handcrafted-mlp 1`); reading
//! one says so and asks to train and save again.
//!
//! Reading rejects, with a message saying what is wrong: text that is not
//! JSON (with its line and column), the old text format of version 1,
//! another format or version, missing or unknown fields, shapes that do not
//! follow from `layers`, a row of the wrong length, a `null` weight, an
//! invalid `config`.

use std::fmt;
use std::path::Path;

use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};

use crate::destination::{DestinationError, check_writable, write_atomically};
use crate::{Config, ConfigError, MlpNeuralNetwork, NetworkError, Trainer};

/// The `format` field of a model file (and the first word of the old text format).
pub const MODEL_FORMAT: &str = "handcrafted-mlp";
/// The format version this crate writes and reads.
pub const MODEL_VERSION: u32 = 2;

/// What can be wrong when saving or loading a model file.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelFileError {
    /// The file could not be read or written.
    Io { path: String, message: String },
    /// A file of version 1, the old text format; `first_line` is its first line.
    OldFormat { first_line: String },
    /// The text is not JSON; `message` is `serde_json`'s, with line and column.
    NotJson { message: String },
    /// The JSON does not hold a model's fields (missing, unknown, wrong
    /// type); `message` is `serde_json`'s, with line and column.
    Fields { message: String },
    /// The `format` field is missing or names another format.
    Format { got: Option<String> },
    /// The `version` field is missing or another version.
    Version { got: Option<u64> },
    /// The saved configuration is invalid.
    Config(ConfigError),
    /// `matrix` has `got` rows, or its row `row` has `got` numbers, where
    /// `layers` gives `expected`; `why` says which layer sets the length.
    Shape {
        matrix: &'static str,
        row: Option<usize>,
        expected: usize,
        got: usize,
        why: &'static str,
    },
    /// A weight that is not a finite number: `null` in a file (`value` is
    /// `None`), or NaN or infinity (`Some`) in a network being saved.
    NotFinite {
        matrix: &'static str,
        row: usize,
        column: usize,
        value: Option<f64>,
    },
    /// The weights were read but do not make a network.
    Network(NetworkError),
    /// One of the errors above, in the file `path`.
    InFile {
        path: String,
        error: Box<ModelFileError>,
    },
}

impl fmt::Display for ModelFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ModelFileError as E;
        match self {
            E::Io { path, message } => write!(f, "{path}: {message}"),
            E::OldFormat { first_line } => write!(
                f,
                "this model is in the old text format (version 1, first line `{first_line}`); \
                 this program reads version {MODEL_VERSION}, a JSON file, only: \
                 train the network again and save it with `--save FILE`"
            ),
            E::NotJson { message } => write!(f, "not a JSON model file: {message}"),
            E::Fields { message } => write!(f, "not a model: {message}"),
            E::Format { got } => write!(
                f,
                "expected \"format\": \"{MODEL_FORMAT}\", got {}: not a handcrafted model file",
                or_none(got.as_ref().map(|g| format!("{g:?}")))
            ),
            E::Version { got } => write!(
                f,
                "expected \"version\": {MODEL_VERSION}, got {}: this program reads \
                 version {MODEL_VERSION} of the model format only",
                or_none(got.map(|v| v.to_string()))
            ),
            E::Config(e) => write!(f, "invalid config: {e}"),
            E::Shape {
                matrix,
                row,
                expected,
                got,
                why,
            } => match row {
                None => write!(f, "{matrix} has {got} rows, expected {expected} ({why})"),
                Some(r) => write!(
                    f,
                    "row {r} of {matrix} has {got} numbers, expected {expected} ({why})"
                ),
            },
            E::NotFinite {
                matrix,
                row,
                column,
                value,
            } => {
                write!(f, "row {row} of {matrix}, column {column}: ")?;
                match value {
                    None => write!(
                        f,
                        "expected a finite number, got null \
                         (JSON cannot hold NaN or infinity: a writer that meets one writes null)"
                    ),
                    Some(v) => write!(
                        f,
                        "the weight is {v}, and JSON cannot hold NaN or infinity: \
                         this network cannot be saved (did training diverge?)"
                    ),
                }
            }
            E::Network(e) => write!(f, "the weights do not make a network: {e}"),
            E::InFile { path, error } => write!(f, "{path}: {error}"),
        }
    }
}

impl std::error::Error for ModelFileError {}

impl From<NetworkError> for ModelFileError {
    fn from(e: NetworkError) -> Self {
        ModelFileError::Network(e)
    }
}

/// `what`, or `no such field` when it is missing.
fn or_none(what: Option<String>) -> String {
    what.unwrap_or_else(|| "no such field".to_string())
}

impl MlpNeuralNetwork {
    /// The network's format, version, config, layers and weights as JSON
    /// (see the [module docs](crate::model_file)), one weight row per line.
    ///
    /// `serde_json` writes a NaN or infinite weight as `null`, which loading
    /// rejects; [`save`](Self::save) refuses such a network instead.
    /// `trained_with` gives the schedule and update rule written beside the
    /// network's own architecture.
    pub fn to_model_text(&self, trained_with: &Trainer) -> String {
        let layers = [self.inputs(), self.hidden(), self.outputs()];
        let fields = [
            ("format", to_json(&MODEL_FORMAT)),
            ("version", to_json(&MODEL_VERSION)),
            ("config", to_json(&trained_with.config(self))),
            ("layers", to_json(&layers).replace(',', ", ")),
            ("wi", matrix_json(self.wi())),
            ("wo", matrix_json(self.wo())),
        ];
        let fields: Vec<String> = fields
            .iter()
            .map(|(name, value)| format!("  \"{name}\": {value}"))
            .collect();
        format!("{{\n{}\n}}\n", fields.join(",\n"))
    }

    /// Reads a network written by [`to_model_text`](Self::to_model_text).
    ///
    /// # Errors
    /// Any [`ModelFileError`] but `Io` and `InFile`: the message says what is
    /// wrong and where (line and column, or matrix, row and column).
    pub fn from_model_text(text: &str) -> Result<MlpNeuralNetwork, ModelFileError> {
        MlpNeuralNetwork::from_model_text_with_config(text).map(|(net, _)| net)
    }

    /// As [`from_model_text`](Self::from_model_text), with the [`Config`] of
    /// the run that trained the network.
    ///
    /// # Errors
    /// As [`from_model_text`](Self::from_model_text).
    pub fn from_model_text_with_config(
        text: &str,
    ) -> Result<(MlpNeuralNetwork, Config), ModelFileError> {
        if let Some(old) = old_format(text) {
            return Err(old);
        }
        check_header(serde_json::from_str(text).map_err(|e| json_error(&e, text))?)?;
        let file: ModelFile = serde_json::from_str(text).map_err(|e| json_error(&e, text))?;
        file.config.validate().map_err(ModelFileError::Config)?;
        let [inputs, hidden, outputs] = file.layers;
        let wi = matrix("wi", file.wi, inputs.saturating_add(1), hidden, WI_WHY)?;
        let wo = matrix("wo", file.wo, hidden, outputs, WO_WHY)?;
        let net = MlpNeuralNetwork::from_weights(wi, wo, file.config.architecture())?;
        Ok((net, file.config))
    }

    /// Writes the network to `path` in the model format, with the settings
    /// of the trainer that trained it. The file is written whole or not at
    /// all ([`write_atomically`]): a failed or interrupted save leaves what
    /// was at `path` untouched. A file already at `path` is replaced only if
    /// it is a model (see [`check_save_path`]); [`save_replacing_anything`]
    /// replaces any file.
    ///
    /// [`save_replacing_anything`]: Self::save_replacing_anything
    ///
    /// # Errors
    /// A weight is NaN or infinite (JSON cannot hold it), any error of
    /// [`check_save_path`], or the file cannot be written.
    pub fn save(
        &self,
        path: impl AsRef<Path>,
        trained_with: &Trainer,
    ) -> Result<(), ModelFileError> {
        self.save_to(path.as_ref(), trained_with, false)
    }

    /// As [`save`](Self::save), replacing whatever file is at `path` (the
    /// examples' `--force`).
    ///
    /// # Errors
    /// As [`save`](Self::save), except for a file that is not a model.
    pub fn save_replacing_anything(
        &self,
        path: impl AsRef<Path>,
        trained_with: &Trainer,
    ) -> Result<(), ModelFileError> {
        let replace_anything = true;
        self.save_to(path.as_ref(), trained_with, replace_anything)
    }

    fn save_to(
        &self,
        path: &Path,
        trained_with: &Trainer,
        force: bool,
    ) -> Result<(), ModelFileError> {
        let shown = path.display().to_string();
        let in_file = |error| ModelFileError::InFile {
            path: shown.clone(),
            error: Box::new(error),
        };
        check_finite("wi", self.wi()).map_err(in_file)?;
        check_finite("wo", self.wo()).map_err(in_file)?;
        check_save_path(path, force)?;
        write_atomically(path, self.to_model_text(trained_with).as_bytes()).map_err(io_error)
    }

    /// Reads a network saved with [`save`](Self::save).
    ///
    /// # Errors
    /// The file cannot be read, or any error of
    /// [`from_model_text`](Self::from_model_text), prefixed with the path.
    pub fn load(path: impl AsRef<Path>) -> Result<MlpNeuralNetwork, ModelFileError> {
        let path = path.as_ref();
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ModelFileError::Io {
            path: shown.clone(),
            message: format!("cannot read the model: {e}"),
        })?;
        MlpNeuralNetwork::from_model_text(&text).map_err(|error| ModelFileError::InFile {
            path: shown,
            error: Box::new(error),
        })
    }
}

/// What is at a path a model is about to be saved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Nothing: the file will be created.
    Nothing,
    /// A model file (this version or an older one): it will be replaced.
    Model,
    /// Another file, which saving replaces only when forced.
    Other,
}

/// Checks that a model can be saved at `path`, before the training that
/// makes it (a record run takes minutes: a bad path should cost a second).
/// The folder must exist and take a new file; a file already at `path` must
/// be a model of ours (first bytes: a JSON object whose `format` is
/// `handcrafted-mlp`, or the old text format), unless `force`, so that a
/// mistyped `--save` never replaces a data file or a lesson.
///
/// # Errors
/// [`ModelFileError::Io`] naming the path and saying what is wrong.
pub fn check_save_path(path: impl AsRef<Path>, force: bool) -> Result<Existing, ModelFileError> {
    let path = path.as_ref();
    check_writable(path).map_err(io_error)?;
    if !path.exists() {
        return Ok(Existing::Nothing);
    }
    let mut start = Vec::new();
    let read = std::fs::File::open(path)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, 256), &mut start));
    let existing = match read {
        Ok(_) if is_model_start(&start) => Existing::Model,
        _ => Existing::Other,
    };
    if existing == Existing::Other && !force {
        return Err(ModelFileError::Io {
            path: path.display().to_string(),
            message: "exists and is not a model file: refusing to replace it (choose another \
                      name, or pass --force to replace it)"
                .into(),
        });
    }
    Ok(existing)
}

/// The first bytes of a model file: this version's JSON, or version 1's text.
fn is_model_start(start: &[u8]) -> bool {
    let text = String::from_utf8_lossy(start);
    let text = text.trim_start();
    let json =
        text.starts_with('{') && text.contains(&format!("\"format\": {}", to_json(&MODEL_FORMAT)));
    json || text.starts_with(&format!("{MODEL_FORMAT} "))
}

fn io_error(e: DestinationError) -> ModelFileError {
    ModelFileError::Io {
        path: e.path,
        message: e.message,
    }
}

/// Why `wi` and `wo` have the lengths they have.
const WI_WHY: [&str; 2] = ["inputs + 1, the bias row last", "one per hidden unit"];
const WO_WHY: [&str; 2] = ["one per hidden unit", "one per output unit"];

/// The fields every version has: read first, so that a file of another
/// version is reported as such, not as missing or unknown fields.
#[derive(Deserialize)]
#[serde(expecting = "a JSON object with format, version, config, layers, wi and wo")]
struct Header {
    format: Option<String>,
    version: Option<u64>,
}

/// A model file of this version, as read.
#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a JSON object with format, version, config, layers, wi and wo"
)]
struct ModelFile {
    #[serde(rename = "format")]
    _format: serde::de::IgnoredAny,
    #[serde(rename = "version")]
    _version: serde::de::IgnoredAny,
    config: Config,
    /// Inputs (without the bias unit), hidden units, output units.
    layers: [usize; 3],
    /// `null` (what `serde_json` writes for NaN or infinity) is read as `None`.
    wi: Vec<Vec<Option<f64>>>,
    wo: Vec<Vec<Option<f64>>>,
}

/// A version-1 file: its first line is `handcrafted-mlp 1`, not JSON.
fn old_format(text: &str) -> Option<ModelFileError> {
    let first = text.lines().next()?.trim();
    let old = first.split_whitespace().next() == Some(MODEL_FORMAT);
    old.then(|| ModelFileError::OldFormat {
        first_line: first.chars().take(40).collect(),
    })
}

/// The format name and version must be this crate's.
fn check_header(header: Header) -> Result<(), ModelFileError> {
    if header.format.as_deref() != Some(MODEL_FORMAT) {
        return Err(ModelFileError::Format { got: header.format });
    }
    if header.version != Some(u64::from(MODEL_VERSION)) {
        return Err(ModelFileError::Version {
            got: header.version,
        });
    }
    Ok(())
}

/// `serde_json`'s error, sorted: bad JSON or JSON that is not a model.
fn json_error(e: &serde_json::Error, text: &str) -> ModelFileError {
    use serde_json::error::Category;
    let message = e.to_string();
    match e.classify() {
        Category::Data => ModelFileError::Fields { message },
        Category::Eof => ModelFileError::NotJson {
            message: format!("{message} (the file ends too early: truncated?)"),
        },
        Category::Syntax | Category::Io => ModelFileError::NotJson {
            message: message + not_finite_hint(text, e.line(), e.column()),
        },
    }
}

/// A reminder when the word at (line, column), both from 1, is NaN or
/// infinite, which JSON cannot hold.
fn not_finite_hint(text: &str, line: usize, column: usize) -> &'static str {
    let line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let bytes = line.as_bytes();
    let in_word = |b: &u8| b.is_ascii_alphanumeric() || b"+-.".contains(b);
    let at = column.saturating_sub(1).min(bytes.len());
    let start = bytes[..at]
        .iter()
        .rposition(|b| !in_word(b))
        .map_or(0, |i| i + 1);
    let end = bytes[at..]
        .iter()
        .position(|b| !in_word(b))
        .map_or(bytes.len(), |i| at + i);
    let word = std::str::from_utf8(&bytes[start..end]).unwrap_or("");
    let bare = word.trim_start_matches(['+', '-']).to_ascii_lowercase();
    let infinite = word.parse::<f64>().is_ok_and(f64::is_infinite);
    if infinite || ["nan", "inf", "infinity"].contains(&bare.as_str()) {
        " (JSON cannot hold NaN or infinity, and a model's weights must be finite numbers)"
    } else {
        ""
    }
}

/// `rows` checked against the shape `layers` gives, then as a matrix.
fn matrix(
    name: &'static str,
    rows: Vec<Vec<Option<f64>>>,
    expected_rows: usize,
    columns: usize,
    why: [&'static str; 2],
) -> Result<DMatrix<f64>, ModelFileError> {
    let shape = |row, expected, got, why| ModelFileError::Shape {
        matrix: name,
        row,
        expected,
        got,
        why,
    };
    if rows.len() != expected_rows {
        return Err(shape(None, expected_rows, rows.len(), why[0]));
    }
    let mut values = Vec::with_capacity(rows.iter().map(Vec::len).sum());
    for (r, row) in rows.into_iter().enumerate() {
        if row.len() != columns {
            return Err(shape(Some(r), columns, row.len(), why[1]));
        }
        for (column, w) in row.into_iter().enumerate() {
            values.push(w.ok_or(ModelFileError::NotFinite {
                matrix: name,
                row: r,
                column,
                value: None,
            })?);
        }
    }
    Ok(DMatrix::from_row_slice(expected_rows, columns, &values))
}

/// The first NaN or infinite weight of `m`, as an error.
fn check_finite(name: &'static str, m: &DMatrix<f64>) -> Result<(), ModelFileError> {
    for (row, weights) in m.row_iter().enumerate() {
        if let Some((column, &w)) = weights.iter().enumerate().find(|(_, w)| !w.is_finite()) {
            return Err(ModelFileError::NotFinite {
                matrix: name,
                row,
                column,
                value: Some(w),
            });
        }
    }
    Ok(())
}

/// `value` as compact JSON.
fn to_json(value: &impl Serialize) -> String {
    // Strings, whole numbers, floats and `Config` always serialize.
    serde_json::to_string(value).expect("a model's fields serialize to JSON")
}

/// One row of `m` per line, as a JSON array of arrays.
fn matrix_json(m: &DMatrix<f64>) -> String {
    let rows: Vec<String> = m
        .row_iter()
        .map(|row| to_json(&row.iter().collect::<Vec<_>>()))
        .map(|row| format!("    {}", row.replace(',', ", ")))
        .collect();
    format!("[\n{}\n  ]", rows.join(",\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_network_with_a_nan_weight_is_not_saved() {
        let (mut net, trainer) = Config::default().build(2, 3, 1).unwrap();
        net.weights_mut().1[(2, 0)] = f64::NAN;
        let path = std::env::temp_dir().join(format!("improved-nan-{}.json", std::process::id()));
        let e = net.save(&path, &trainer).unwrap_err().to_string();
        assert_eq!(
            e,
            format!(
                "{}: row 2 of wo, column 0: the weight is NaN, and JSON cannot hold NaN or \
                 infinity: this network cannot be saved (did training diverge?)",
                path.display()
            )
        );
        assert!(!path.exists(), "nothing is written");
    }
}
