//! The lessons' figures, drawn as hand-written SVG (no plotting crate).
//!
//! - [`plot`]: line charts with labelled axes, "nice" ticks and a legend.

pub mod plot;

use std::fmt;

/// Why a figure could not be drawn: the message says what was expected and
/// what was found.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureError(pub String);

impl fmt::Display for FigureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FigureError {}
