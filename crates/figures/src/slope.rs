//! Figure i: the error of the 2-3-2 network as a function of one weight
//! (the real curve, every other weight held still), and the straight line
//! whose slope back-propagation computes, drawn as the tangent at today's
//! weight (article P1.4, lesson P1.4).

use crate::plot::{COLOURS, Chart, Legend, Note, Panel, Series, Style};
use crate::svg::{Anchor, PAGE_WIDTH};
use crate::tiny::{Tiny, Weight};
use crate::{Drawn, FigureError, Inputs};

/// The two weights shown: one into an output unit, one into a hidden unit.
pub const SHOWN: [Weight; 2] = [Weight::Wo(1, 0), Weight::Wi(0, 2)];
/// How far either side of today's value the curve is drawn.
pub const SPAN: f64 = 5.0;
/// How far either side the tangent is drawn.
pub const TANGENT: f64 = 1.6;
const POINTS: usize = 201;

/// One panel: the curve `E(w)`, the tangent `E(w0) + slope * (w - w0)` with
/// back-propagation's slope, and a dot at `(w0, E(w0))`.
fn panel(t: &Tiny, w: Weight, what: &str, formula: &str) -> Result<Panel, FigureError> {
    let w0 = w.get(&t.net);
    let e0 = t.error_with(&[])?;
    let slope = t.backprop_slope(w)?;
    let curve = (0..POINTS)
        .map(|i| {
            let x = w0 - SPAN + 2.0 * SPAN * i as f64 / (POINTS - 1) as f64;
            t.error_with(&[(w, x)]).map(|e| (x, e))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let tangent = [-TANGENT, TANGENT]
        .iter()
        .map(|d| (w0 + d, e0 + slope * d))
        .collect();
    let name = w.name();
    let mut p = Panel::new(
        &format!("E as {name} alone changes ({what})"),
        &format!("value of {name}"),
        "error E of the pattern",
        vec![
            Series::new("E, computed at each value", curve, Style::solid(COLOURS[0])),
            Series::new(
                &format!("slope {slope:.4} = {formula}"),
                tangent,
                Style::dashed(COLOURS[1]),
            ),
            Series::new(
                &format!("today: {name} = {w0}, E = {e0:.4}"),
                vec![(w0, e0)],
                Style::solid(COLOURS[6]).with_markers(),
            ),
        ],
    );
    p.x_range = Some((w0 - SPAN, w0 + SPAN));
    p.y_range = Some((0.0, 0.6));
    p.legend = Legend::BottomLeft;
    // Below the dot, on the side the tangent rises from, where nothing is drawn.
    let (text, x, anchor) = if slope < 0.0 {
        ("downhill is to the right \u{2192}", w0 - 0.3, Anchor::End)
    } else {
        ("\u{2190} downhill is to the left", w0 + 0.3, Anchor::Start)
    };
    p.notes = vec![Note {
        at: (x, e0 - 0.05),
        text: text.into(),
        anchor,
    }];
    Ok(p)
}

/// `error-curve.svg`: two panels, one output weight and one hidden weight.
///
/// # Errors
/// Never in practice (the network is fixed).
pub fn draw(_: &Inputs) -> Result<Vec<Drawn>, FigureError> {
    let t = Tiny::new()?;
    let chart = Chart {
        title: "The error as a function of one weight, and the slope back-propagation finds"
            .into(),
        notes: vec![
            "The 2-3-2 network of P1.3, inputs (1, 0.5), targets (1, 0); the other 14 weights stay where they are.".into(),
            "Back-propagation's slope (delta x activation) is the slope of the tangent at today's weight: it says which way is downhill, and how steeply.".into(),
        ],
        panels: vec![
            panel(&t, SHOWN[0], "hidden 1 to output 0", "output_deltas[0] x ah[1]")?,
            panel(&t, SHOWN[1], "input 0 to hidden 2", "hidden_deltas[2] x ai[0]")?,
        ],
        columns: 2,
        cell: (PAGE_WIDTH / 2.0 + 40.0, 470.0),
    };
    Ok(vec![Drawn {
        file: "error-curve.svg".into(),
        svg: chart.to_svg()?,
    }])
}
