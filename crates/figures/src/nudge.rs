//! Figure j: "nudge one weight, watch E". For each of the 2-3-2 network's
//! 15 weights, the slope measured by nudging it, `(E(w + h) - E(w - h)) / 2h`,
//! beside back-propagation's `delta x activation` (article P1.4, lesson P1.4).

use crate::plot::COLOURS;
use crate::svg::{Anchor, LABEL_SIZE, PAGE_WIDTH, Svg, TICK_SIZE, px};
use crate::tiny::{Tiny, Weight};
use crate::{Drawn, FigureError, Inputs};

/// The nudge: large enough that E visibly changes in its fourth decimal,
/// small enough that the measured slope agrees to about 1e-7.
pub const H: f64 = 1e-3;
const ROW: f64 = 27.0;
const TOP: f64 = 112.0;
/// The bars' zero, and the pixels per unit of slope.
const ZERO: f64 = 430.0;
const SCALE: f64 = 2200.0;
const BACKPROP: &str = COLOURS[1];
const MEASURED: &str = COLOURS[0];

/// One row: a weight, back-propagation's slope and the measured one.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub weight: Weight,
    pub backprop: f64,
    pub measured: f64,
}

/// Every weight's two slopes, the output weights first (back-propagation
/// finds them first), then the input weights.
///
/// # Errors
/// Never in practice (the network is fixed).
pub fn rows(t: &Tiny) -> Result<Vec<Row>, FigureError> {
    let mut weights = t.weights();
    weights.sort_by_key(|w| matches!(w, Weight::Wi(..)));
    weights
        .into_iter()
        .map(|w| {
            Ok(Row {
                weight: w,
                backprop: t.backprop_slope(w)?,
                measured: t.measured_slope(w, H)?,
            })
        })
        .collect()
}

/// A horizontal bar from the zero line, `value * SCALE` pixels long.
fn bar(svg: &mut Svg, y: f64, value: f64, colour: &str) {
    let (x0, x1) = (ZERO, ZERO + value * SCALE);
    svg.rect(
        x0.min(x1),
        y,
        (x1 - x0).abs(),
        9.0,
        &format!(r#"fill="{colour}""#),
    );
}

/// The bold column headings above the rows.
fn header(svg: &mut Svg, y: f64) {
    let bold = r#"font-weight="bold""#;
    svg.styled_text(20.0, y, TICK_SIZE, Anchor::Start, bold, "weight");
    svg.styled_text(
        ZERO,
        y,
        TICK_SIZE,
        Anchor::Middle,
        bold,
        "slope (0 at the line)",
    );
    for (x, t) in [
        (710.0, "back-propagation"),
        (830.0, "measured"),
        (930.0, "difference"),
    ] {
        svg.styled_text(x, y, TICK_SIZE, Anchor::End, bold, t);
    }
}

/// The two lines under the title: how each slope is found.
fn method_notes(svg: &mut Svg) {
    let notes = [
        format!("measured (blue): E recomputed with the weight moved up and down by h = {H}, then (E(w+h) - E(w-h)) / 2h"),
        "back-propagation (orange): the delta of the unit the weight leads to x the activation it comes from".into(),
    ];
    for (i, n) in notes.iter().enumerate() {
        svg.text(
            PAGE_WIDTH / 2.0,
            56.0 + 20.0 * i as f64,
            LABEL_SIZE,
            Anchor::Middle,
            n,
        );
    }
}

/// The rule and the italic line that open the input weights' rows.
fn input_weights_divider(svg: &mut Svg, y: f64) {
    svg.line((20.0, y + 3.0), (940.0, y + 3.0), r##"stroke="#ccc""##);
    svg.styled_text(
        20.0,
        y + 19.0,
        TICK_SIZE,
        Anchor::Start,
        r##"font-style="italic" fill="#444""##,
        "the weights into the hidden units: their deltas come from the output deltas, sent back",
    );
}

/// One weight's row at height `y`: its name and what it joins, both slopes
/// as bars and as numbers, and their difference, which it returns.
fn slope_row(svg: &mut Svg, t: &Tiny, r: &Row, y: f64) -> f64 {
    let what = match r.weight {
        Weight::Wo(j, k) => format!("hidden {j} to output {k}"),
        Weight::Wi(i, j) if i == t.net.input - 1 => format!("bias to hidden {j}"),
        Weight::Wi(i, j) => format!("input {i} to hidden {j}"),
    };
    svg.text(20.0, y + 15.0, TICK_SIZE, Anchor::Start, &r.weight.name());
    svg.styled_text(
        88.0,
        y + 15.0,
        TICK_SIZE - 1,
        Anchor::Start,
        r##"fill="#666""##,
        &what,
    );
    svg.line((ZERO, y - 2.0), (ZERO, y + ROW - 2.0), r##"stroke="#333""##);
    bar(svg, y + 2.0, r.backprop, BACKPROP);
    bar(svg, y + 11.0, r.measured, MEASURED);
    let diff = r.measured - r.backprop;
    for (x, v) in [
        (710.0, format!("{:+.6}", r.backprop)),
        (830.0, format!("{:+.6}", r.measured)),
        (930.0, format!("{diff:+.1e}")),
    ] {
        svg.text(x, y + 15.0, TICK_SIZE, Anchor::End, &v);
    }
    diff
}

/// `nudge-slopes.svg`: one row per weight, two bars and three numbers.
///
/// # Errors
/// Never in practice (the network is fixed).
pub fn draw(_: &Inputs) -> Result<Vec<Drawn>, FigureError> {
    let t = Tiny::new()?;
    let rows = rows(&t)?;
    let height = TOP + ROW * (rows.len() as f64 + 1.0) + 50.0;
    let mut svg = Svg::new(PAGE_WIDTH, height);
    svg.title("Nudge one weight, watch E: the measured slope is back-propagation's");
    method_notes(&mut svg);
    header(&mut svg, TOP - 14.0);
    let mut y = TOP;
    let mut worst: f64 = 0.0;
    for (n, r) in rows.iter().enumerate() {
        if n == 6 {
            input_weights_divider(&mut svg, y);
            y += ROW;
        }
        let diff = slope_row(&mut svg, &t, r, y);
        worst = worst.max(diff.abs());
        y += ROW;
    }
    svg.push(&format!(
        r##"<text x="{}" y="{}" font-size="{TICK_SIZE}" text-anchor="start" fill="#444">Largest difference {worst:.1e}: a nudge of h measures the slope up to a term in h^2; back-propagation has no h.</text>"##,
        px(20.0),
        px(y + 30.0)
    ));
    Ok(vec![Drawn {
        file: "nudge-slopes.svg".into(),
        svg: svg.finish(),
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_weight_has_a_row_and_the_two_slopes_agree_to_a_millionth() {
        let t = Tiny::new().unwrap();
        let rows = rows(&t).unwrap();
        assert_eq!(rows.len(), 15);
        assert!(matches!(rows[0].weight, Weight::Wo(0, 0)));
        assert!(matches!(rows[6].weight, Weight::Wi(0, 0)));
        for r in &rows {
            assert!((r.backprop - r.measured).abs() < 1e-6, "{r:?}");
        }
    }
}
