//! Figure a: the step-through's toy network (2 inputs + bias -> 3 hidden ->
//! 2 outputs) as a diagram: units with their activations, every weight
//! labelled with its value, then the backward step: each unit's delta and
//! the arrows it travels back along (article P1.3, P1.4). The numbers are
//! `naive::trace::trace_step` on `naive::trace::tiny_network()`.

use naive::trace::{StepTrace, tiny_network, trace_step};

use crate::svg::{Anchor, LABEL_SIZE, PAGE_WIDTH, Svg, TICK_SIZE};
use crate::{Drawn, FigureError, Inputs};

/// The learning rate of the step-through example's default step.
pub const RATE: f64 = 0.5;

const PANEL_HEIGHT: f64 = 420.0;
/// Where along each input-to-hidden edge `wi[i][j]` its label sits, as a
/// fraction of the way from input `i` to hidden unit `j`: chosen so that
/// each label sits on its own line, away from the crossings, and no two
/// labels touch or line up in a column (a search over fractions 0.2 to 0.75
/// by steps of 0.05, keeping at least 8 pixels between any two labels).
const INPUT_LABEL_AT: [[f64; 3]; 3] = [[0.75, 0.75, 0.2], [0.65, 0.3, 0.65], [0.25, 0.75, 0.45]];
/// The same for the hidden-to-output edges, a little further from the
/// hidden units' names.
const OUTPUT_LABEL_AT: f64 = 0.3;
const RADIUS: f64 = 30.0;
/// x of the input, hidden and output columns.
const COLUMNS: [f64; 3] = [150.0, 480.0, 810.0];
const FORWARD: &str = "#0072B2";
const BACKWARD: &str = "#D55E00";

/// Unit centres, relative to a panel's top: inputs (bias last), hidden, outputs.
fn layout() -> [Vec<(f64, f64)>; 3] {
    let column = |x: f64, ys: &[f64]| ys.iter().map(|&y| (x, y)).collect();
    [
        column(COLUMNS[0], &[105.0, 220.0, 335.0]),
        column(COLUMNS[1], &[105.0, 220.0, 335.0]),
        column(COLUMNS[2], &[162.5, 277.5]),
    ]
}

/// The point a fraction `t` of the way from `a` to `b`.
fn along(a: (f64, f64), b: (f64, f64), t: f64) -> (f64, f64) {
    (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
}

/// A line between two unit circles (not through them), optionally with an
/// arrow head at its end.
fn edge(svg: &mut Svg, a: (f64, f64), b: (f64, f64), colour: &str, arrow: bool) {
    let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
    let (s, e) = (
        along(a, b, RADIUS / len),
        along(a, b, 1.0 - (RADIUS + 2.0) / len),
    );
    let head = if arrow {
        r#" marker-end="url(#arrow)""#
    } else {
        ""
    };
    svg.line(
        s,
        e,
        &format!(r#"stroke="{colour}" stroke-width="1.6"{head}"#),
    );
}

/// A number on a white box, centred at `(x, y)`.
fn label(svg: &mut Svg, (x, y): (f64, f64), text: &str, colour: &str) {
    let w = 7.6 * text.chars().count() as f64 + 8.0;
    svg.rect(
        x - w / 2.0,
        y - 10.0,
        w,
        19.0,
        r##"fill="white" fill-opacity="0.92" stroke="#ccc" rx="3""##,
    );
    svg.styled_text(
        x,
        y + 4.5,
        TICK_SIZE,
        Anchor::Middle,
        &format!(r#"fill="{colour}""#),
        text,
    );
}

/// A unit: a circle, its name above and a value inside.
fn unit(svg: &mut Svg, (x, y): (f64, f64), name: &str, value: &str, bias: bool) {
    let fill = if bias { "#f3f3f3" } else { "#ffffff" };
    svg.push(&format!(
        r##"<circle cx="{}" cy="{}" r="{RADIUS}" fill="{fill}" stroke="#333" stroke-width="1.6"/>"##,
        crate::svg::px(x),
        crate::svg::px(y)
    ));
    svg.styled_text(
        x,
        y - RADIUS - 6.0,
        LABEL_SIZE,
        Anchor::Middle,
        r#"font-style="italic""#,
        name,
    );
    svg.text(x, y + 5.0, TICK_SIZE, Anchor::Middle, value);
}

/// Names of the units, in the article's terms.
fn names() -> [Vec<String>; 3] {
    [
        vec!["ai[0] = x1".into(), "ai[1] = x2".into(), "bias".into()],
        (0..3).map(|j| format!("ah[{j}]")).collect(),
        (0..2).map(|k| format!("ao[{k}]")).collect(),
    ]
}

/// The bold title over each of the three columns of units.
fn column_titles(svg: &mut Svg, top: f64, titles: [&str; 3]) {
    for (x, t) in COLUMNS.iter().zip(titles) {
        svg.styled_text(
            *x,
            top + 38.0,
            LABEL_SIZE,
            Anchor::Middle,
            r#"font-weight="bold""#,
            t,
        );
    }
}

/// Unit centres of [`layout`], moved down to a panel starting at `top`.
fn layout_at(top: f64) -> [Vec<(f64, f64)>; 3] {
    layout().map(|c| c.into_iter().map(|(x, y)| (x, y + top)).collect::<Vec<_>>())
}

/// A panel's bold heading, then the titles of its three columns.
fn panel_heading(svg: &mut Svg, top: f64, heading: &str, titles: [&str; 3]) {
    svg.styled_text(
        20.0,
        top + 14.0,
        LABEL_SIZE + 2,
        Anchor::Start,
        r#"font-weight="bold""#,
        heading,
    );
    column_titles(svg, top, titles);
}

/// The input units (bias last, shaded), each with its activation `ai[i]`.
fn input_units(svg: &mut Svg, t: &StepTrace, ins: &[(f64, f64)]) {
    let [n_in, _, _] = names();
    for (i, &p) in ins.iter().enumerate() {
        unit(
            svg,
            p,
            &n_in[i],
            &format!("{:.2}", t.ai[i]),
            i + 1 == ins.len(),
        );
    }
}

/// Every edge, labelled with its weight before the step: `wi[i][j]` from
/// input i to hidden unit j, `wo[j][k]` from hidden unit j to output k.
fn weight_edges(svg: &mut Svg, t: &StepTrace, [ins, hid, outs]: &[Vec<(f64, f64)>; 3]) {
    for (i, &a) in ins.iter().enumerate() {
        for (j, &b) in hid.iter().enumerate() {
            edge(svg, a, b, "#9bb7d4", false);
            label(
                svg,
                along(a, b, INPUT_LABEL_AT[i][j]),
                &format!("{:.2}", t.wi_before[i][j]),
                FORWARD,
            );
        }
    }
    for (j, &a) in hid.iter().enumerate() {
        for (k, &b) in outs.iter().enumerate() {
            edge(svg, a, b, "#9bb7d4", false);
            label(
                svg,
                along(a, b, OUTPUT_LABEL_AT),
                &format!("{:.2}", t.wo_before[j][k]),
                FORWARD,
            );
        }
    }
}

/// The hidden activations `ah[j]`, the outputs `ao[k]` and, beside each
/// output, its target.
fn activation_units(svg: &mut Svg, t: &StepTrace, hid: &[(f64, f64)], outs: &[(f64, f64)]) {
    let [_, n_hid, n_out] = names();
    for (j, &p) in hid.iter().enumerate() {
        unit(svg, p, &n_hid[j], &format!("{:.3}", t.ah[j]), false);
    }
    for (k, &p) in outs.iter().enumerate() {
        unit(svg, p, &n_out[k], &format!("{:.3}", t.ao[k]), false);
        svg.text(
            p.0 + RADIUS + 10.0,
            p.1 + 5.0,
            TICK_SIZE,
            Anchor::Start,
            &format!("target {:.0}", t.targets[k]),
        );
    }
}

/// The forward pass: weights on the edges, activations in the units.
fn forward(svg: &mut Svg, t: &StepTrace, top: f64) {
    let units = layout_at(top);
    panel_heading(
        svg,
        top,
        "1. Feed forward (P1.3): each weight's value, each unit's activation",
        ["inputs + bias", "hidden (sigmoid)", "outputs (sigmoid)"],
    );
    weight_edges(svg, t, &units);
    input_units(svg, t, &units[0]);
    activation_units(svg, t, &units[1], &units[2]);
}

/// The input edges in grey, then from each output k back to each hidden
/// unit j an arrow labelled with the share `output_deltas[k] * wo[j][k]`.
fn delta_arrows(svg: &mut Svg, t: &StepTrace, [ins, hid, outs]: &[Vec<(f64, f64)>; 3]) {
    for &a in ins {
        for &b in hid {
            edge(svg, a, b, "#dddddd", false);
        }
    }
    for (j, &h) in hid.iter().enumerate() {
        for (k, &o) in outs.iter().enumerate() {
            edge(svg, o, h, BACKWARD, true);
            let share = t.output_deltas[k] * t.wo_before[j][k];
            label(
                svg,
                along(h, o, OUTPUT_LABEL_AT),
                &format!("{share:+.4}"),
                BACKWARD,
            );
        }
    }
}

/// The hidden and output units, each showing its delta.
fn delta_units(svg: &mut Svg, t: &StepTrace, hid: &[(f64, f64)], outs: &[(f64, f64)]) {
    for (j, &p) in hid.iter().enumerate() {
        unit(
            svg,
            p,
            &format!("hidden_deltas[{j}]"),
            &format!("{:+.4}", t.hidden_deltas[j]),
            false,
        );
    }
    for (k, &p) in outs.iter().enumerate() {
        unit(
            svg,
            p,
            &format!("output_deltas[{k}]"),
            &format!("{:+.4}", t.output_deltas[k]),
            false,
        );
    }
}

/// The three formulas under the backward panel: the output delta, the
/// hidden delta, and the weight update with this step's error.
fn update_formulas(svg: &mut Svg, t: &StepTrace, top: f64) {
    let formulas = [
        "output_deltas[k] = dsigmoid(ao[k]) * -(target[k] - ao[k])".to_string(),
        "hidden_deltas[j] = dsigmoid(ah[j]) * (sum of the arrows into unit j)".to_string(),
        format!(
            "then every weight moves: wo[j][k] -= {RATE}*output_deltas[k]*ah[j] + co[j][k] (co is 0 on a first step); wi likewise; error {:.4}",
            t.error
        ),
    ];
    for (i, f) in formulas.iter().enumerate() {
        svg.text(
            20.0,
            top + 392.0 + 20.0 * i as f64,
            TICK_SIZE + 1,
            Anchor::Start,
            f,
        );
    }
}

/// The backward pass: deltas in the units, and along each output weight
/// the share `output_deltas[k] * wo[j][k]` it carries back to hidden unit j.
fn backward(svg: &mut Svg, t: &StepTrace, top: f64) {
    let units = layout_at(top);
    panel_heading(
        svg,
        top,
        "2. Back propagate (P1.4): each unit's delta; each arrow carries delta[k] * wo[j][k] back",
        ["inputs + bias", "hidden deltas", "output deltas"],
    );
    delta_arrows(svg, t, &units);
    input_units(svg, t, &units[0]);
    delta_units(svg, t, &units[1], &units[2]);
    update_formulas(svg, t, top);
}

/// `network-step.svg`: the forward pass above, the backward pass below.
///
/// # Errors
/// The step-through network cannot take its pattern (it always can).
pub fn draw(_: &Inputs) -> Result<Vec<Drawn>, FigureError> {
    let tiny = tiny_network();
    let mut net = naive::MlpNeuralNetwork::from_weights(tiny.wi, tiny.wo)
        .map_err(|e| FigureError(e.to_string()))?;
    let trace = trace_step(&mut net, &tiny.inputs, &tiny.targets, RATE)
        .map_err(|e| FigureError(e.to_string()))?;
    let head = 46.0;
    let height = head + 2.0 * PANEL_HEIGHT + 40.0;
    let mut svg = Svg::new(PAGE_WIDTH, height);
    svg.push(&format!(
        r#"<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{BACKWARD}"/></marker></defs>"#
    ));
    svg.title(&format!(
        "One training step of the 2-3-2 network: inputs ({}, {}), targets ({}, {})",
        trace.inputs[0], trace.inputs[1], trace.targets[0], trace.targets[1]
    ));
    forward(&mut svg, &trace, head);
    svg.line(
        (20.0, head + PANEL_HEIGHT - 20.0),
        (PAGE_WIDTH - 20.0, head + PANEL_HEIGHT - 20.0),
        r##"stroke="#ccc""##,
    );
    backward(&mut svg, &trace, head + PANEL_HEIGHT);
    Ok(vec![Drawn {
        file: "network-step.svg".into(),
        svg: svg.finish(),
    }])
}
