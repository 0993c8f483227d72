//! Figure n: the 2-3-2 network as a computational graph (lesson "Why
//! back-propagation is fast"). Each node is a value the feed forward
//! computes (inputs, weighted sums, activations, error) or a parameter
//! (the weight matrices, the targets). Blue: the forward value of each
//! node; orange: the slope of the error with respect to it, found in one
//! sweep backwards from E. The numbers are the step-through's trace.

use naive::trace::{StepTrace, trace_step};

use crate::svg::{Anchor, LABEL_SIZE, PAGE_WIDTH, Svg, TICK_SIZE};
use crate::tiny::Tiny;
use crate::{Drawn, FigureError, Inputs};

const FORWARD: &str = "#0072B2";
const BACKWARD: &str = "#D55E00";
/// Centre line of the chain of values, and each node's half size.
const ROW: f64 = 300.0;
const HALF: (f64, f64) = (44.0, 22.0);
/// x of the six value nodes.
const XS: [f64; 6] = [70.0, 240.0, 410.0, 580.0, 750.0, 900.0];

/// The values as `(a, b, ...)` with `digits` decimals.
fn vector(v: &[f64], digits: usize) -> String {
    let parts: Vec<String> = v.iter().map(|x| format!("{x:.digits$}")).collect();
    format!("({})", parts.join(", "))
}

/// A rounded box named `name`; grey when it holds a parameter.
fn node(svg: &mut Svg, (x, y): (f64, f64), name: &str, parameter: bool) {
    let fill = if parameter { "#f3f3f3" } else { "#ffffff" };
    svg.rect(
        x - HALF.0,
        y - HALF.1,
        2.0 * HALF.0,
        2.0 * HALF.1,
        &format!(r##"fill="{fill}" stroke="#333" stroke-width="1.6" rx="8""##),
    );
    svg.styled_text(
        x,
        y + 6.0,
        LABEL_SIZE + 2,
        Anchor::Middle,
        r#"font-style="italic""#,
        name,
    );
}

/// An arrow from `a` to `b` with the marker `marker`.
fn arrow(svg: &mut Svg, a: (f64, f64), b: (f64, f64), colour: &str, marker: &str) {
    svg.line(
        a,
        b,
        &format!(r#"stroke="{colour}" stroke-width="1.8" marker-end="url(#{marker})""#),
    );
}

/// Lines of text centred on `x`, the first at `y`, one under the other.
fn lines(svg: &mut Svg, x: f64, y: f64, colour: &str, texts: &[String]) {
    for (i, t) in texts.iter().enumerate() {
        svg.styled_text(
            x,
            y + 17.0 * i as f64,
            TICK_SIZE,
            Anchor::Middle,
            &format!(r#"fill="{colour}""#),
            t,
        );
    }
}

/// Each row of a matrix as a vector with three decimals.
fn matrix(rows: &[Vec<f64>]) -> Vec<String> {
    rows.iter().map(|r| vector(r, 3)).collect()
}

/// The names of the six values along the chain.
const NAMES: [&str; 6] = ["a^i", "z^h", "a^h", "z^o", "a^o", "E"];

/// Each value of the chain as the feed forward computed it.
fn forward_values(t: &StepTrace) -> [String; 6] {
    [
        vector(&t.ai, 2),
        vector(&t.hidden_sums, 3),
        vector(&t.ah, 3),
        vector(&t.output_sums, 3),
        vector(&t.ao, 3),
        format!("{:.4}", t.error),
    ]
}

/// The slope of E with respect to each value of the chain:
/// dE/da^o = -(t - a^o), dE/da^h[j] = sum over k of wo[j][k] * delta^o[k],
/// and the deltas for the weighted sums.
fn slopes(t: &StepTrace) -> [String; 6] {
    let d_ah: Vec<f64> = (0..3)
        .map(|j| (0..2).map(|k| t.wo_before[j][k] * t.output_deltas[k]).sum())
        .collect();
    let d_ao: Vec<f64> = (0..2).map(|k| -(t.targets[k] - t.ao[k])).collect();
    [
        "(not needed)".to_string(),
        vector(&t.hidden_deltas, 4),
        vector(&d_ah, 4),
        vector(&t.output_deltas, 4),
        vector(&d_ao, 3),
        "1".to_string(),
    ]
}

/// The six value nodes, each with its forward value above and its slope below.
fn value_nodes(svg: &mut Svg, t: &StepTrace) {
    let forward = forward_values(t);
    let backward = slopes(t);
    let grads = ["", "= delta^h", "", "= delta^o", "", ""];
    for i in 0..6 {
        node(svg, (XS[i], ROW), NAMES[i], false);
        let x = XS[i];
        let fwd_y = ROW - HALF.1 - 12.0;
        lines(svg, x, fwd_y, FORWARD, &[forward[i].clone()]);
        let mut below = vec![format!("dE/d{}", NAMES[i]), backward[i].clone()];
        if !grads[i].is_empty() {
            below[0] = format!("dE/d{} {}", NAMES[i], grads[i]);
        }
        lines(svg, x, ROW + HALF.1 + 20.0, BACKWARD, &below);
    }
}

/// Between each two values: a forward arrow labelled with the operation
/// above, and a backward arrow labelled with the rule for the slope below.
fn operation_arrows(svg: &mut Svg) {
    let ops = [
        "(W^i)^T a^i",
        "sigmoid",
        "(W^o)^T a^h",
        "sigmoid",
        "1/2 sum (t-a)^2",
    ];
    let back_rules = ["", "x a^h (1-a^h)", "W^o x", "x a^o (1-a^o)", "-(t - a^o)"];
    for i in 0..5 {
        let (a, b) = (XS[i] + HALF.0, XS[i + 1] - HALF.0);
        arrow(svg, (a, ROW - 7.0), (b - 2.0, ROW - 7.0), FORWARD, "fwd");
        arrow(svg, (b, ROW + 7.0), (a + 2.0, ROW + 7.0), BACKWARD, "back");
        svg.styled_text(
            (a + b) / 2.0,
            ROW - 64.0,
            TICK_SIZE - 1,
            Anchor::Middle,
            r##"fill="#333""##,
            ops[i],
        );
        if !back_rules[i].is_empty() {
            svg.styled_text(
                (a + b) / 2.0,
                ROW + 100.0,
                TICK_SIZE - 1,
                Anchor::Middle,
                &format!(r#"fill="{BACKWARD}""#),
                back_rules[i],
            );
        }
    }
}

/// The chain: values, the operations between them, forward values above,
/// slopes below.
fn chain(svg: &mut Svg, t: &StepTrace) {
    value_nodes(svg, t);
    operation_arrows(svg);
}

/// The parameters: the two weight matrices, fed into the weighted sums,
/// with their slopes; the targets, fed into the error.
fn parameters(svg: &mut Svg, t: &StepTrace) {
    let wi_at = ((XS[0] + XS[1]) / 2.0, 140.0);
    let wo_at = ((XS[2] + XS[3]) / 2.0, 140.0);
    for (at, name, to) in [(wi_at, "W^i", XS[1]), (wo_at, "W^o", XS[3])] {
        node(svg, at, name, true);
        arrow(
            svg,
            (at.0 + 20.0, at.1 + HALF.1),
            (to - 18.0, ROW - HALF.1 - 30.0),
            FORWARD,
            "fwd",
        );
    }
    let mut wi = vec!["dE/dW^i = a^i (delta^h)^T".to_string()];
    wi.extend(matrix(&t.wi_changes));
    let mut wo = vec!["dE/dW^o = a^h (delta^o)^T".to_string()];
    wo.extend(matrix(&t.wo_changes));
    lines(svg, wi_at.0, 82.0, BACKWARD, &wi[..1]);
    lines(svg, wo_at.0, 82.0, BACKWARD, &wo[..1]);
    for (i, row) in wi[1..].iter().enumerate() {
        svg.styled_text(
            wi_at.0 + HALF.0 + 8.0,
            128.0 + 17.0 * i as f64,
            TICK_SIZE - 1,
            Anchor::Start,
            &format!(r#"fill="{BACKWARD}""#),
            row,
        );
    }
    for (i, row) in wo[1..].iter().enumerate() {
        svg.styled_text(
            wo_at.0 + HALF.0 + 8.0,
            128.0 + 17.0 * i as f64,
            TICK_SIZE - 1,
            Anchor::Start,
            &format!(r#"fill="{BACKWARD}""#),
            row,
        );
    }
    let t_at = ((XS[4] + XS[5]) / 2.0, 140.0);
    node(svg, t_at, "t", true);
    svg.styled_text(
        t_at.0 + HALF.0 + 8.0,
        t_at.1 + 5.0,
        TICK_SIZE,
        Anchor::Start,
        &format!(r#"fill="{FORWARD}""#),
        &vector(&t.targets, 0),
    );
    arrow(
        svg,
        (t_at.0 + 20.0, t_at.1 + HALF.1),
        (XS[5] - 18.0, ROW - HALF.1 - 30.0),
        FORWARD,
        "fwd",
    );
}

/// `computational-graph.svg`.
///
/// # Errors
/// Never in practice (the network is fixed).
pub fn draw(_: &Inputs) -> Result<Vec<Drawn>, FigureError> {
    let mut tiny = Tiny::new()?;
    let (inputs, targets) = (tiny.inputs, tiny.targets);
    let t = trace_step(&mut tiny.net, &inputs, &targets, 0.5)
        .map_err(|e| FigureError(e.to_string()))?;
    let mut svg = Svg::new(PAGE_WIDTH, 500.0);
    svg.title("The 2-3-2 network as a computational graph: forward values, then slopes backwards");
    for (id, colour) in [("fwd", FORWARD), ("back", BACKWARD)] {
        svg.push(&format!(
            r#"<defs><marker id="{id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker></defs>"#
        ));
    }
    chain(&mut svg, &t);
    parameters(&mut svg, &t);
    let notes = [
        "Blue, forward: each value from the one before it. Orange, backward: each slope dE/d(value) from the slope after it, times",
        "the local rule of the operation between them (under the arrows). One sweep from E back gives every slope: reverse mode.",
    ];
    for (i, n) in notes.iter().enumerate() {
        svg.text(
            20.0,
            455.0 + 20.0 * i as f64,
            TICK_SIZE + 1,
            Anchor::Start,
            n,
        );
    }
    Ok(vec![Drawn {
        file: "computational-graph.svg".into(),
        svg: svg.finish(),
    }])
}
