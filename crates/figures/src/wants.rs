//! Figure k: what each output unit of the 2-3-2 network "wants" (its sum
//! to go up or down, by how much), and how that blame is shared out to each
//! hidden unit through the output weights: the hidden deltas, built up from
//! the step-through's trace (article P1.4, lesson P1.4).
//!
//! Everything is written as a *push*, minus a delta: how the unit's weighted
//! sum should move to lower the error (positive: up). Output unit `k` pushes
//! its sum by `-output_deltas[k]`; it asks hidden unit `j` to move its
//! activation by `-output_deltas[k] * wo[j][k]`; the hidden unit adds the
//! asks and scales them by its slope `ah[j] * (1 - ah[j])`, which gives
//! `-hidden_deltas[j]`.

use naive::trace::{StepTrace, trace_step};

use crate::plot::COLOURS;
use crate::svg::{Anchor, LABEL_SIZE, PAGE_WIDTH, Svg, TICK_SIZE, px};
use crate::tiny::Tiny;
use crate::{Drawn, FigureError, Inputs};

/// One colour per output unit, and black for a sum.
const OUTPUT_COLOURS: [&str; 2] = [COLOURS[0], COLOURS[2]];
/// Pixels per unit of push in the bars.
const SCALE: f64 = 1100.0;
/// Top of the hidden units' section, and its bars' zero line.
const HIDDEN_TOP: f64 = 300.0;
const BASELINE: f64 = 450.0;

/// What output `k` asks of hidden unit `j`'s activation: `-output_deltas[k] * wo[j][k]`.
pub fn ask(t: &StepTrace, j: usize, k: usize) -> f64 {
    -t.output_deltas[k] * t.wo_before[j][k]
}

/// A filled triangle with its tip at `(x, y)`, pointing up or down.
fn arrow_head(svg: &mut Svg, (x, y): (f64, f64), up: bool, colour: &str) {
    let d = if up { -1.0 } else { 1.0 };
    svg.push(&format!(
        r#"<path d="M{},{} L{},{} L{},{} z" fill="{colour}"/>"#,
        px(x - 7.0),
        px(y - 10.0 * d),
        px(x + 7.0),
        px(y - 10.0 * d),
        px(x),
        px(y)
    ));
}

/// Top and bottom of an output's 0-to-1 scale.
const GAUGE: (f64, f64) = (112.0, 252.0);

/// The height on an output's scale of the activation `v`.
fn gauge_y(v: f64) -> f64 {
    GAUGE.1 - v * (GAUGE.1 - GAUGE.0)
}

/// The 0-to-1 scale at `x`, with its two ticks labelled.
fn gauge_scale(svg: &mut Svg, x: f64) {
    svg.line(
        (x, GAUGE.0),
        (x, GAUGE.1),
        r##"stroke="#888" stroke-width="2""##,
    );
    for v in [0.0, 1.0] {
        svg.line(
            (x - 6.0, gauge_y(v)),
            (x + 6.0, gauge_y(v)),
            r##"stroke="#888""##,
        );
        svg.text(
            x - 20.0,
            gauge_y(v) + 4.5,
            TICK_SIZE,
            Anchor::End,
            &format!("{v}"),
        );
    }
}

/// Output `k`'s target as a bar, an arrow from its activation towards the
/// target, and a dot at the activation.
fn gauge_marks(svg: &mut Svg, t: &StepTrace, k: usize, x: f64) {
    let colour = OUTPUT_COLOURS[k];
    let (ao, target) = (t.ao[k], t.targets[k]);
    svg.line(
        (x - 14.0, gauge_y(target)),
        (x + 14.0, gauge_y(target)),
        r##"stroke="#000" stroke-width="3""##,
    );
    let up = target > ao;
    let end = gauge_y(ao) + if up { -42.0 } else { 42.0 };
    svg.line(
        (x + 26.0, gauge_y(ao)),
        (x + 26.0, end),
        &format!(r#"stroke="{colour}" stroke-width="4""#),
    );
    arrow_head(
        svg,
        (x + 26.0, end + if up { -6.0 } else { 6.0 }),
        up,
        colour,
    );
    svg.push(&format!(
        r#"<circle cx="{}" cy="{}" r="6" fill="{colour}"/>"#,
        px(x),
        px(gauge_y(ao))
    ));
}

/// The four lines beside output `k`'s scale: its activation and target,
/// which way it wants to go, its delta, and the push on its sum (minus the delta).
fn gauge_notes(svg: &mut Svg, t: &StepTrace, k: usize, x: f64) {
    let colour = OUTPUT_COLOURS[k];
    let (ao, target) = (t.ao[k], t.targets[k]);
    let way = if target > ao { "up" } else { "down" };
    let lines = [
        format!("ao[{k}] = {ao:.3}, target {target}"),
        format!("wants to go {way}"),
        format!("output_deltas[{k}] = {:+.4}", t.output_deltas[k]),
        format!("push on its sum: {:+.4}", -t.output_deltas[k]),
    ];
    for (i, l) in lines.iter().enumerate() {
        let style = if i == 1 {
            format!(r#"font-weight="bold" fill="{colour}""#)
        } else {
            String::new()
        };
        svg.styled_text(
            x + 50.0,
            GAUGE.0 + 28.0 + 22.0 * i as f64,
            TICK_SIZE + 1,
            Anchor::Start,
            &style,
            l,
        );
    }
}

/// An output unit: a 0-to-1 scale, a dot at its activation, the target,
/// and an arrow from the activation towards the target.
fn output_gauge(svg: &mut Svg, t: &StepTrace, k: usize, x: f64) {
    gauge_scale(svg, x);
    gauge_marks(svg, t, k, x);
    gauge_notes(svg, t, k, x);
}

/// One vertical bar from the zero line, with its value written beyond its end.
fn bar(svg: &mut Svg, x: f64, value: f64, colour: &str, label: &str) {
    let h = value * SCALE;
    let (y, height) = if h >= 0.0 {
        (BASELINE - h, h)
    } else {
        (BASELINE, -h)
    };
    svg.rect(x - 17.0, y, 34.0, height, &format!(r#"fill="{colour}""#));
    let ty = if h >= 0.0 {
        BASELINE - h - 6.0
    } else {
        BASELINE - h + 16.0
    };
    svg.text(x, ty, TICK_SIZE, Anchor::Middle, &format!("{value:+.3}"));
    svg.styled_text(
        x,
        BASELINE + if h >= 0.0 { 16.0 } else { -6.0 },
        TICK_SIZE - 2,
        Anchor::Middle,
        r##"fill="#555""##,
        label,
    );
}

/// Hidden unit `j`: what each output asks of it, their sum, and its delta.
fn hidden_group(svg: &mut Svg, t: &StepTrace, j: usize, centre: f64) {
    let asks = [ask(t, j, 0), ask(t, j, 1)];
    let sum = asks[0] + asks[1];
    svg.line(
        (centre - 110.0, BASELINE),
        (centre + 110.0, BASELINE),
        r##"stroke="#333""##,
    );
    bar(svg, centre - 70.0, asks[0], OUTPUT_COLOURS[0], "by ao[0]");
    bar(svg, centre - 20.0, asks[1], OUTPUT_COLOURS[1], "by ao[1]");
    bar(svg, centre + 50.0, sum, "#333", "together");
    let verdict = if asks[0].signum() == asks[1].signum() {
        "both ask the same way"
    } else {
        "they disagree: the larger ask wins"
    };
    let slope = t.ah[j] * (1.0 - t.ah[j]);
    let lines = [
        (format!("ah[{j}] = {:.3}: {verdict}", t.ah[j]), true),
        (
            format!(
                "x its slope ah(1 - ah) = {slope:.4}: push {:+.4}",
                slope * sum
            ),
            false,
        ),
        (
            format!("so hidden_deltas[{j}] = {:+.4}", t.hidden_deltas[j]),
            false,
        ),
    ];
    for (i, (l, bold)) in lines.iter().enumerate() {
        let style = if *bold { r#"font-weight="bold""# } else { "" };
        svg.styled_text(
            centre,
            BASELINE + 158.0 + 20.0 * i as f64,
            TICK_SIZE,
            Anchor::Middle,
            style,
            l,
        );
    }
}

/// `output-wants.svg`: the two outputs' wishes above, the three hidden
/// units' shares of the blame below.
///
/// # Errors
/// Never in practice (the network is fixed).
pub fn draw(_: &Inputs) -> Result<Vec<Drawn>, FigureError> {
    let mut tiny = Tiny::new()?;
    let (inputs, targets) = (tiny.inputs, tiny.targets);
    let t = trace_step(&mut tiny.net, &inputs, &targets, 0.5)
        .map_err(|e| FigureError(e.to_string()))?;
    let height = BASELINE + 225.0;
    let mut svg = Svg::new(PAGE_WIDTH, height);
    svg.title("What each output unit wants, and how the blame flows back");
    svg.text(
        PAGE_WIDTH / 2.0,
        56.0,
        LABEL_SIZE,
        Anchor::Middle,
        "The 2-3-2 network of P1.3 on inputs (1, 0.5), targets (1, 0). A push is minus a delta: how a unit's sum should move (up is positive).",
    );
    let bold = r#"font-weight="bold""#;
    svg.styled_text(
        20.0,
        92.0,
        LABEL_SIZE + 1,
        Anchor::Start,
        bold,
        "1. Each output unit compares itself with its target",
    );
    output_gauge(&mut svg, &t, 0, 130.0);
    output_gauge(&mut svg, &t, 1, 560.0);
    svg.line(
        (20.0, HIDDEN_TOP - 22.0),
        (PAGE_WIDTH - 20.0, HIDDEN_TOP - 22.0),
        r##"stroke="#ccc""##,
    );
    svg.styled_text(
        20.0,
        HIDDEN_TOP,
        LABEL_SIZE + 1,
        Anchor::Start,
        bold,
        "2. Each output asks every hidden unit to move, in proportion to the weight between them: push x wo[j][k]",
    );
    for j in 0..3 {
        hidden_group(&mut svg, &t, j, 165.0 + 315.0 * j as f64);
    }
    Ok(vec![Drawn {
        file: "output-wants.svg".into(),
        svg: svg.finish(),
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_asks_times_the_slope_are_minus_the_hidden_deltas() {
        let mut tiny = Tiny::new().unwrap();
        let (i, tg) = (tiny.inputs, tiny.targets);
        let t = trace_step(&mut tiny.net, &i, &tg, 0.5).unwrap();
        for j in 0..3 {
            let push = t.ah[j] * (1.0 - t.ah[j]) * (ask(&t, j, 0) + ask(&t, j, 1));
            assert!((push + t.hidden_deltas[j]).abs() < 1e-15, "{j}");
        }
    }
}
