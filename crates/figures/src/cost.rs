//! Figure m: what one gradient costs, by back-propagation and by finite
//! differences, against the number of weights, on log-log axes (lesson "Why
//! back-propagation is fast"). Drawn from `gradient-cost.tsv`, the times
//! `cargo run --release -p naive --example gradient_cost -- --tsv
//! lessons/figures/gradient-cost.tsv` measured: timing again would give
//! other bytes on every machine.

use crate::plot::{COLOURS, Chart, Legend, Panel, REFERENCE_GREY, Series, Style};
use crate::svg::PAGE_WIDTH;
use crate::{Drawn, FigureError, Inputs};

/// The file the example writes and the figure reads, in the figures folder.
pub const TSV: &str = "gradient-cost.tsv";
const HEADER: &str = "hidden\tweights\tbackprop_seconds\tfinite_difference_seconds";

/// One measured network: its hidden size, weights, and the seconds of one
/// gradient each way.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cost {
    pub hidden: usize,
    pub weights: usize,
    pub backprop: f64,
    pub finite: f64,
}

/// Reads the example's table.
///
/// # Errors
/// A wrong header, a row without four fields, or a field that is not a
/// positive number; the message names the line.
pub fn parse(text: &str) -> Result<Vec<Cost>, FigureError> {
    let mut lines = text.lines();
    let header = lines.next().unwrap_or("");
    if header != HEADER {
        return Err(FigureError(format!(
            "{TSV} line 1: expected the header {HEADER:?}, got {header:?}"
        )));
    }
    let rows = lines
        .enumerate()
        .map(|(n, line)| {
            let bad = |what: String| FigureError(format!("{TSV} line {}: {what}", n + 2));
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 4 {
                return Err(bad(format!("expected 4 fields, got {}", f.len())));
            }
            let int = |s: &str| {
                s.parse::<usize>()
                    .ok()
                    .filter(|v| *v > 0)
                    .ok_or_else(|| bad(format!("expected a positive whole number, got {s:?}")))
            };
            let secs = |s: &str| {
                s.parse::<f64>()
                    .ok()
                    .filter(|v| *v > 0.0 && v.is_finite())
                    .ok_or_else(|| bad(format!("expected positive seconds, got {s:?}")))
            };
            Ok(Cost {
                hidden: int(f[0])?,
                weights: int(f[1])?,
                backprop: secs(f[2])?,
                finite: secs(f[3])?,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    if rows.is_empty() {
        return Err(FigureError(format!(
            "{TSV}: expected at least one row, got none"
        )));
    }
    Ok(rows)
}

/// The table at `figures/gradient-cost.tsv`, or an error saying how to make it.
fn read_table(inputs: &Inputs) -> Result<Vec<Cost>, FigureError> {
    let path = inputs.figures.join(TSV);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        FigureError(format!(
            "{}: {e}; make it with `cargo run --release -p naive --example gradient_cost -- --tsv {}`",
            path.display(),
            path.display()
        ))
    })?;
    parse(&text)
}

/// One measure of every row, as (weights, value) points.
fn points(rows: &[Cost], f: impl Fn(&Cost) -> f64) -> Vec<(f64, f64)> {
    rows.iter().map(|c| (c.weights as f64, f(c))).collect()
}

/// Left panel: the seconds of one gradient each way, on log axes.
fn seconds_panel(rows: &[Cost]) -> Panel {
    let mut seconds = Panel::new(
        "Seconds for one gradient",
        "number of weights",
        "seconds (log scale)",
        vec![
            Series::new(
                "finite differences",
                points(rows, |c| c.finite),
                Style::solid(COLOURS[0]).with_markers(),
            ),
            Series::new(
                "back-propagation",
                points(rows, |c| c.backprop),
                Style::solid(COLOURS[1]).with_markers(),
            ),
        ],
    );
    seconds.log_scale = true;
    seconds.legend = Legend::TopLeft;
    seconds
}

/// Right panel: finite differences' seconds over back-propagation's, beside
/// the line ratio = W.
fn ratio_panel(rows: &[Cost]) -> Panel {
    let mut ratio = Panel::new(
        "How many times slower finite differences are",
        "number of weights",
        "ratio (log scale)",
        vec![
            Series::new(
                "finite diff. / back-prop.",
                points(rows, |c| c.finite / c.backprop),
                Style::solid(COLOURS[2]).with_markers(),
            ),
            Series::new(
                "W, the number of weights",
                points(rows, |c| c.weights as f64),
                Style::dashed(REFERENCE_GREY),
            ),
        ],
    );
    ratio.log_scale = true;
    ratio.legend = Legend::TopLeft;
    ratio
}

/// `gradient-cost.svg`: seconds against weights, and their ratio.
///
/// # Errors
/// The table cannot be read (see [`parse`]).
pub fn draw(inputs: &Inputs) -> Result<Vec<Drawn>, FigureError> {
    let rows = read_table(inputs)?;
    let sizes: Vec<String> = rows.iter().map(|c| c.hidden.to_string()).collect();
    let chart = Chart {
        title: "One gradient, two ways: back-propagation grows like W, finite differences like W^2"
            .into(),
        notes: vec![
            format!(
                "784-h-10 networks, h = {}; naive's own functions, timed by its gradient_cost example.",
                sizes.join(", ")
            ),
            "Finite differences: 2 feed forwards per weight. Back-propagation: 1 feed forward, then 1 pass back.".into(),
        ],
        panels: vec![seconds_panel(&rows), ratio_panel(&rows)],
        columns: 2,
        cell: (PAGE_WIDTH / 2.0 + 40.0, 470.0),
    };
    Ok(vec![Drawn {
        file: "gradient-cost.svg".into(),
        svg: chart.to_svg()?,
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_reads_back_and_a_bad_one_names_its_line() {
        let text = format!("{HEADER}\n2\t1590\t1.0e-5\t3.0e-2\n");
        let rows = parse(&text).unwrap();
        assert_eq!(rows[0].weights, 1590);
        assert_eq!(rows[0].finite, 3.0e-2);
        let e = parse(&format!("{HEADER}\n2\t1590\t-1\t3\n")).unwrap_err();
        assert!(
            e.to_string().contains("line 2") && e.to_string().contains("\"-1\""),
            "{e}"
        );
        assert!(parse("nope\n").is_err());
        assert!(parse(&format!("{HEADER}\n")).is_err());
    }
}
