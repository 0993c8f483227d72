//! Saving and loading a trained network as a small text file.
//!
//! # Format, version 1
//!
//! ```text
//! handcrafted-mlp 1
//! layers 784 300 10
//! hidden tanh
//! output softmax
//! wi 785 300
//! <785 lines of 300 numbers: row i of wi, the bias row last>
//! wo 300 10
//! <300 lines of 10 numbers: row j of wo>
//! ```
//!
//! - line 1 names the format and its version;
//! - `layers` gives the inputs (without the bias unit), hidden and output units;
//! - `hidden` is `sigmoid` or `tanh`, `output` is `logistic` or `softmax`;
//! - each matrix starts with its name and shape, (rows, columns), which must
//!   follow from `layers`; then one line per row, numbers separated by a space.
//!
//! Numbers are written with Rust's `{:e}` (`-1.2345678901234567e-2`): the
//! shortest text that parses back to the very same `f64`, so a saved and
//! loaded network has bit-identical weights and predicts exactly the same.
//! Reading rejects anything else with the line number, what was expected and
//! what came: another format or version, wrong shapes, a missing or extra
//! line, a word that is not a number, NaN or infinity.
//!
//! Only what predicting needs is stored. A loaded network has the saved
//! layers and activations and [`Config::default`]'s other settings: to train
//! it further, set the learning rate and the rest yourself.

use std::fmt::{self, Write as _};
use std::path::Path;

use nalgebra::DMatrix;

use crate::{Config, Hidden, MlpNeuralNetwork, NetworkError, Output};

/// First word of a model file.
pub const MODEL_FORMAT: &str = "handcrafted-mlp";
/// The format version this crate writes and reads.
pub const MODEL_VERSION: u32 = 1;

/// What can be wrong when saving or loading a model file.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelFileError {
    /// The file could not be read or written.
    Io { path: String, message: String },
    /// The first line names this format with a version this crate cannot read.
    Version { got: String },
    /// Line `line` (from 1) is not what the format expects there.
    Malformed {
        line: usize,
        expected: String,
        got: String,
    },
    /// The text ends before line `line`, which should hold `expected`.
    Truncated { line: usize, expected: String },
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
        match self {
            ModelFileError::Io { path, message } => write!(f, "{path}: {message}"),
            ModelFileError::Version { got } => write!(
                f,
                "line 1: expected `{MODEL_FORMAT} {MODEL_VERSION}`, got `{got}`: \
                 this program reads version {MODEL_VERSION} of the model format only"
            ),
            ModelFileError::Malformed {
                line,
                expected,
                got,
            } => write!(f, "line {line}: expected {expected}, got {got}"),
            ModelFileError::Truncated { line, expected } => write!(
                f,
                "line {line}: expected {expected}, got the end of the file (truncated?)"
            ),
            ModelFileError::Network(e) => write!(f, "the weights do not make a network: {e}"),
            ModelFileError::InFile { path, error } => write!(f, "{path}: {error}"),
        }
    }
}

impl std::error::Error for ModelFileError {}

impl From<NetworkError> for ModelFileError {
    fn from(e: NetworkError) -> Self {
        ModelFileError::Network(e)
    }
}

impl MlpNeuralNetwork {
    /// The network's layers, activations and weights in the model format
    /// (see the [module docs](crate::model_file)).
    pub fn to_model_text(&self) -> String {
        let (inputs, hidden, outputs) = (self.inputs(), self.hidden(), self.outputs());
        let mut text = format!(
            "{MODEL_FORMAT} {MODEL_VERSION}\nlayers {inputs} {hidden} {outputs}\n\
             hidden {}\noutput {}\n",
            hidden_name(self.config.hidden),
            output_name(self.config.output)
        );
        write_matrix(&mut text, "wi", &self.wi);
        write_matrix(&mut text, "wo", &self.wo);
        text
    }

    /// Reads a network written by [`to_model_text`](Self::to_model_text).
    ///
    /// # Errors
    /// Another format or version, wrong shapes, missing or extra lines,
    /// words that are not finite numbers: the message names the line.
    pub fn from_model_text(text: &str) -> Result<MlpNeuralNetwork, ModelFileError> {
        let mut lines = Lines::new(text);
        let version = lines.next("the format line")?;
        if version != format!("{MODEL_FORMAT} {MODEL_VERSION}") {
            return Err(match version.split_whitespace().next() {
                Some(MODEL_FORMAT) => ModelFileError::Version {
                    got: version.to_string(),
                },
                _ => lines.malformed(
                    format!("`{MODEL_FORMAT} {MODEL_VERSION}` (a handcrafted model file)"),
                    version,
                ),
            });
        }
        let layers = lines.keyword("layers", "the layer sizes: inputs hidden outputs")?;
        let [inputs, hidden, outputs] = lines.sizes(layers, "three whole numbers")?;
        let config = Config {
            hidden: lines.choice("hidden", &["sigmoid", "tanh"], parse_hidden)?,
            output: lines.choice("output", &["logistic", "softmax"], parse_output)?,
            ..Config::default()
        };
        let wi = lines.matrix("wi", inputs.saturating_add(1), hidden)?;
        let wo = lines.matrix("wo", hidden, outputs)?;
        lines.end()?;
        Ok(MlpNeuralNetwork::from_weights(wi, wo, &config)?)
    }

    /// Writes the network to `path` in the model format.
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), ModelFileError> {
        let path = path.as_ref();
        std::fs::write(path, self.to_model_text()).map_err(|e| ModelFileError::Io {
            path: path.display().to_string(),
            message: format!("cannot write the model: {e}"),
        })
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

fn hidden_name(hidden: Hidden) -> &'static str {
    match hidden {
        Hidden::Sigmoid => "sigmoid",
        Hidden::Tanh => "tanh",
    }
}

fn output_name(output: Output) -> &'static str {
    match output {
        Output::Logistic => "logistic",
        Output::Softmax => "softmax",
    }
}

fn parse_hidden(word: &str) -> Option<Hidden> {
    [Hidden::Sigmoid, Hidden::Tanh]
        .into_iter()
        .find(|&h| hidden_name(h) == word)
}

fn parse_output(word: &str) -> Option<Output> {
    [Output::Logistic, Output::Softmax]
        .into_iter()
        .find(|&o| output_name(o) == word)
}

/// `name rows columns`, then one line per row. `{:e}` round-trips every f64.
fn write_matrix(text: &mut String, name: &str, m: &DMatrix<f64>) {
    let _ = writeln!(text, "{name} {} {}", m.nrows(), m.ncols());
    for row in m.row_iter() {
        for (j, w) in row.iter().enumerate() {
            let separator = if j == 0 { "" } else { " " };
            let _ = write!(text, "{separator}{w:e}");
        }
        text.push('\n');
    }
}

/// The lines of a model file, numbered from 1 as an editor shows them.
struct Lines<'a> {
    lines: std::str::Lines<'a>,
    number: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines {
            lines: text.lines(),
            number: 0,
        }
    }

    /// The next line, trimmed; `expected` says what it should hold.
    fn next(&mut self, expected: &str) -> Result<&'a str, ModelFileError> {
        self.number += 1;
        match self.lines.next() {
            Some(line) => Ok(line.trim()),
            None => Err(ModelFileError::Truncated {
                line: self.number,
                expected: expected.to_string(),
            }),
        }
    }

    fn malformed(&self, expected: impl Into<String>, got: &str) -> ModelFileError {
        ModelFileError::Malformed {
            line: self.number,
            expected: expected.into(),
            got: format!("`{got}`"),
        }
    }

    /// A line `keyword rest...`; returns the rest.
    fn keyword(&mut self, keyword: &str, what: &str) -> Result<&'a str, ModelFileError> {
        let line = self.next(&format!("`{keyword} ...` ({what})"))?;
        match line.split_once(' ') {
            Some((word, rest)) if word == keyword => Ok(rest.trim()),
            _ => Err(self.malformed(format!("`{keyword} ...` ({what})"), line)),
        }
    }

    /// `N` whole numbers above 0 on the rest of a line.
    fn sizes<const N: usize>(
        &self,
        rest: &str,
        expected: &str,
    ) -> Result<[usize; N], ModelFileError> {
        let words: Vec<&str> = rest.split_whitespace().collect();
        let parsed: Option<Vec<usize>> = words.iter().map(|w| w.parse().ok()).collect();
        match parsed.map(<[usize; N]>::try_from) {
            Some(Ok(sizes)) if sizes.iter().all(|&s| s > 0) => Ok(sizes),
            _ => Err(self.malformed(format!("{expected} above 0"), rest)),
        }
    }

    /// A line `keyword word` where `word` is one of `names`.
    fn choice<T>(
        &mut self,
        keyword: &str,
        names: &[&str],
        parse: fn(&str) -> Option<T>,
    ) -> Result<T, ModelFileError> {
        let what = names
            .iter()
            .map(|n| format!("`{keyword} {n}`"))
            .collect::<Vec<_>>()
            .join(" or ");
        let line = self.next(&what)?;
        match line.split_once(' ') {
            Some((word, rest)) if word == keyword => {
                parse(rest.trim()).ok_or_else(|| self.malformed(what, line))
            }
            _ => Err(self.malformed(what, line)),
        }
    }

    /// `name rows columns` (checked against the layers), then the rows.
    fn matrix(
        &mut self,
        name: &str,
        rows: usize,
        columns: usize,
    ) -> Result<DMatrix<f64>, ModelFileError> {
        let header = format!("`{name} {rows} {columns}` (the shape the layers give)");
        let line = self.next(&header)?;
        if line.split_whitespace().collect::<Vec<_>>()
            != [name, &rows.to_string(), &columns.to_string()]
        {
            return Err(self.malformed(header, line));
        }
        let mut values = Vec::with_capacity(rows.saturating_mul(columns).min(1 << 24));
        for row in 0..rows {
            let what = format!("row {row} of {name}: {columns} numbers");
            let line = self.next(&what)?;
            self.row(line, &what, columns, &mut values)?;
        }
        Ok(DMatrix::from_row_slice(rows, columns, &values))
    }

    /// Parses `columns` finite numbers of one row onto `values`.
    fn row(
        &self,
        line: &str,
        what: &str,
        columns: usize,
        values: &mut Vec<f64>,
    ) -> Result<(), ModelFileError> {
        let mut count = 0;
        for (column, word) in line.split_whitespace().enumerate() {
            count += 1;
            if column >= columns {
                continue;
            }
            let at = || format!("a finite number ({what}, column {column})");
            match word.parse::<f64>() {
                Ok(w) if w.is_finite() => values.push(w),
                _ => return Err(self.malformed(at(), word)),
            }
        }
        if count != columns {
            return Err(ModelFileError::Malformed {
                line: self.number,
                expected: what.to_string(),
                got: format!("{count} numbers"),
            });
        }
        Ok(())
    }

    /// Nothing but blank lines may follow `wo`.
    fn end(&mut self) -> Result<(), ModelFileError> {
        for line in self.lines.by_ref() {
            self.number += 1;
            if !line.trim().is_empty() {
                let line = line.trim();
                return Err(self.malformed("the end of the file after wo", line));
            }
        }
        Ok(())
    }
}
