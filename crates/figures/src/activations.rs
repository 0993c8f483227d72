//! Figure b: the sigmoid and tanh with their derivatives, saturated regions
//! shaded (article P1.1, P2.1). Every value comes from the crates' own
//! `sigmoid`/`dsigmoid` (`naive`) and `tanh`/`dtanh` (`improved`).

use crate::plot::{Band, COLOURS, Chart, Legend, Panel, Series, Style};
use crate::svg::PAGE_WIDTH;
use crate::{Drawn, FigureError, Inputs};

/// The x axis of both panels.
const X_RANGE: (f64, f64) = (-6.0, 6.0);
/// Points per curve: x from -6 to 6 in steps of 0.05.
const STEPS: usize = 240;

/// A unit is called saturated where its slope is below this fraction of
/// the slope at 0 (its largest): a weight into it then barely learns.
pub const SATURATED_BELOW: f64 = 0.1;

/// An activation function and its derivative written from the output `y`,
/// as both crates write them.
struct Activation {
    name: &'static str,
    f: fn(f64) -> f64,
    d: fn(f64) -> f64,
}

fn sigmoid() -> Activation {
    Activation {
        name: "sigmoid",
        f: naive::sigmoid,
        d: naive::dsigmoid,
    }
}

fn tanh() -> Activation {
    Activation {
        name: "tanh",
        f: improved::tanh,
        d: improved::dtanh,
    }
}

/// The smallest `x >= 0` (on a 0.001 grid) where the slope falls below
/// [`SATURATED_BELOW`] times the slope at 0. Both functions are symmetric
/// about 0, so `|x|` beyond it is saturated.
pub fn saturation_edge(f: fn(f64) -> f64, d: fn(f64) -> f64) -> f64 {
    let peak = d(f(0.0));
    (0..100_000)
        .map(|i| i as f64 * 0.001)
        .find(|&x| d(f(x)) < SATURATED_BELOW * peak)
        .unwrap_or(f64::INFINITY)
}

fn curve(g: impl Fn(f64) -> f64) -> Vec<(f64, f64)> {
    (0..=STEPS)
        .map(|i| X_RANGE.0 + (X_RANGE.1 - X_RANGE.0) * i as f64 / STEPS as f64)
        .map(|x| (x, g(x)))
        .collect()
}

fn panel(a: &Activation, y_range: (f64, f64)) -> Panel {
    let (f, d) = (a.f, a.d);
    let edge = saturation_edge(f, d);
    let mut p = Panel::new(
        &format!("{} and its slope", a.name),
        "x (the weighted sum entering a unit)",
        "value",
        vec![
            Series::new(
                &format!("{}(x)", a.name),
                curve(f),
                Style::solid(COLOURS[0]),
            ),
            Series::new(
                &format!("slope: d{}", a.name),
                curve(|x| d(f(x))),
                Style::dashed(COLOURS[1]),
            ),
        ],
    );
    p.x_range = Some(X_RANGE);
    p.y_range = Some(y_range);
    p.legend = Legend::BottomRight;
    p.bands = vec![
        Band {
            from: X_RANGE.0,
            to: -edge,
            label: "saturated".into(),
        },
        Band {
            from: edge,
            to: X_RANGE.1,
            label: "saturated".into(),
        },
    ];
    p
}

fn note(acts: &[Activation]) -> String {
    let edges: Vec<String> = acts
        .iter()
        .map(|a| format!("|x| > {:.2} for {}", saturation_edge(a.f, a.d), a.name))
        .collect();
    format!(
        "Grey: saturated, the slope is below a tenth of its peak ({})",
        edges.join(", ")
    )
}

/// `sigmoid.svg` (P1.1) and `activations.svg` (sigmoid beside tanh, P2.1).
///
/// # Errors
/// Never in practice (the curves are finite); a chart error otherwise.
pub fn draw(_: &Inputs) -> Result<Vec<Drawn>, FigureError> {
    let one = Chart {
        title: "The sigmoid squashes, and its slope vanishes at both ends".into(),
        notes: vec![note(&[sigmoid()])],
        panels: vec![Panel {
            legend: Legend::MiddleLeft,
            ..panel(&sigmoid(), (0.0, 1.0))
        }],
        columns: 1,
        cell: (PAGE_WIDTH, 470.0),
    };
    let both = Chart {
        title: "sigmoid and tanh: same S shape, tanh centred on 0 and four times steeper".into(),
        notes: vec![note(&[sigmoid(), tanh()])],
        // One y axis for both, so the two shapes compare.
        panels: vec![panel(&sigmoid(), (-1.0, 1.0)), panel(&tanh(), (-1.0, 1.0))],
        columns: 2,
        cell: (PAGE_WIDTH / 2.0, 470.0),
    };
    Ok(vec![
        Drawn {
            file: "sigmoid.svg".into(),
            svg: one.to_svg()?,
        },
        Drawn {
            file: "activations.svg".into(),
            svg: both.to_svg()?,
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saturation_edges_are_where_the_slope_formulas_say() {
        // sigmoid: y(1-y) = 0.025 at y = 0.0257, x = ln(y/(1-y)) = -3.64;
        // tanh: 1 - y^2 = 0.1 at y = 0.9487, x = atanh(y) = 1.82.
        let s = saturation_edge(naive::sigmoid, naive::dsigmoid);
        let t = saturation_edge(improved::tanh, improved::dtanh);
        assert!((s - 3.636).abs() < 0.002, "{s}");
        assert!((t - 1.818).abs() < 0.002, "{t}");
    }
}
