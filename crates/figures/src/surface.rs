//! Figure l: the error of the 2-3-2 network over two weights at once (a
//! loss surface, shaded, with contour lines), and the path of a real
//! gradient-descent run on it: each step moves the two weights against
//! back-propagation's slopes, every other weight held still (article P1.4;
//! the primer).

use crate::plot::{COLOURS, Note, Panel, Series, Style};
use crate::png::Image;
use crate::svg::{Anchor, LABEL_SIZE, PAGE_WIDTH, Svg, TICK_SIZE, px};
use crate::tiny::{Tiny, Weight};
use crate::{Drawn, FigureError, Inputs};

/// The two weights: the bias into hidden unit 2, and hidden unit 2's weight
/// to output 0. They meet in one path to output 0, so the surface bends.
pub const X: Weight = Weight::Wi(2, 2);
pub const Y: Weight = Weight::Wo(2, 0);
/// How far either side of today's weights the surface is drawn.
pub const SPAN: f64 = 4.0;
/// The run: learning rate and number of steps.
pub const RATE: f64 = 2.0;
pub const STEPS: usize = 60;
/// Grid nodes per side, and the error of each contour line.
const NODES: usize = 121;
const LEVELS: [f64; 9] = [0.16, 0.18, 0.2, 0.22, 0.24, 0.26, 0.3, 0.35, 0.4];
/// The plot area, left, top, right, bottom, in pixels.
const AREA: (f64, f64, f64, f64) = (110.0, 110.0, 650.0, 650.0);

/// The gradient-descent path from today's weights: `RATE` times
/// back-propagation's slope for each of the two weights, `STEPS` times.
///
/// # Errors
/// Never in practice (the network is fixed).
pub fn path(t: &Tiny) -> Result<Vec<(f64, f64)>, FigureError> {
    let mut p = (X.get(&t.net), Y.get(&t.net));
    let mut out = vec![p];
    for _ in 0..STEPS {
        let here = t.moved(&[(X, p.0), (Y, p.1)]);
        p = (
            p.0 - RATE * here.backprop_slope(X)?,
            p.1 - RATE * here.backprop_slope(Y)?,
        );
        out.push(p);
    }
    Ok(out)
}

/// The error at every grid node, row 0 at the bottom (lowest `Y`).
fn grid(t: &Tiny, centre: (f64, f64)) -> Result<Vec<Vec<f64>>, FigureError> {
    let at = |i: usize, c: f64| c - SPAN + 2.0 * SPAN * i as f64 / (NODES - 1) as f64;
    (0..NODES)
        .map(|r| {
            (0..NODES)
                .map(|c| t.error_with(&[(X, at(c, centre.0)), (Y, at(r, centre.1))]))
                .collect()
        })
        .collect()
}

/// Light for a low error, dark blue for a high one (`v` in 0..1).
fn shade(v: f64) -> [u8; 3] {
    let v = v.clamp(0.0, 1.0);
    let (low, high) = ([255.0, 250.0, 225.0], [70.0, 110.0, 170.0]);
    let mix = |i: usize| (low[i] + (high[i] - low[i]) * v).round() as u8;
    [mix(0), mix(1), mix(2)]
}

/// Contour segments where the error crosses `level` (marching squares),
/// in grid units (column, row).
fn contour(g: &[Vec<f64>], level: f64) -> Vec<((f64, f64), (f64, f64))> {
    let mut segs = Vec::new();
    let cross = |a: (f64, f64, f64), b: (f64, f64, f64)| {
        let t = (level - a.2) / (b.2 - a.2);
        (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
    };
    for r in 0..NODES - 1 {
        for c in 0..NODES - 1 {
            let (x, y) = (c as f64, r as f64);
            let corners = [
                (x, y, g[r][c]),
                (x + 1.0, y, g[r][c + 1]),
                (x + 1.0, y + 1.0, g[r + 1][c + 1]),
                (x, y + 1.0, g[r + 1][c]),
            ];
            let points: Vec<(f64, f64)> = (0..4)
                .filter_map(|e| {
                    let (a, b) = (corners[e], corners[(e + 1) % 4]);
                    ((a.2 < level) != (b.2 < level)).then(|| cross(a, b))
                })
                .collect();
            for pair in points.chunks(2) {
                if let [p, q] = pair {
                    segs.push((*p, *q));
                }
            }
        }
    }
    segs
}

/// `loss-surface.svg`: the shaded surface, its contours, the run's path.
///
/// # Errors
/// Never in practice (the network is fixed).
pub fn draw(_: &Inputs) -> Result<Vec<Drawn>, FigureError> {
    let t = Tiny::new()?;
    let centre = (X.get(&t.net), Y.get(&t.net));
    let g = grid(&t, centre)?;
    let (lo, hi) = g
        .iter()
        .flatten()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let run = path(&t)?;
    let b = AREA.3;
    let mut svg = Svg::new(PAGE_WIDTH, b + 110.0);
    svg.title("The error over two weights, and gradient descent walking down it");
    svg.text(
        PAGE_WIDTH / 2.0,
        56.0,
        LABEL_SIZE,
        Anchor::Middle,
        &format!(
            "The 2-3-2 network of P1.3; {} and {} move, the other 13 weights stay where they are.",
            X.name(),
            Y.name()
        ),
    );
    heat_map(&mut svg, &g, (lo, hi));
    contour_lines(&mut svg, &g);
    descent_panel(&mut svg, &t, centre, run)?;
    colour_bar(&mut svg, lo, hi);
    captions(&mut svg);
    Ok(vec![Drawn {
        file: "loss-surface.svg".into(),
        svg: svg.finish(),
    }])
}

/// The error grid as an image behind the plot: darker shade, larger error,
/// scaled so the grid's lowest error `lo` is white and its highest `hi` the darkest.
fn heat_map(svg: &mut Svg, g: &[Vec<f64>], (lo, hi): (f64, f64)) {
    let (l, top, r, b) = AREA;
    let mut image = Image::filled(NODES, NODES, [255, 255, 255]);
    for (row, values) in g.iter().enumerate() {
        for (c, &v) in values.iter().enumerate() {
            image.set(c, NODES - 1 - row, shade((v - lo) / (hi - lo)));
        }
    }
    svg.push(&image.svg_element(l, top, r - l, b - top));
}

/// One path per level in `LEVELS`: the line where the error equals that level,
/// with grid positions mapped onto the plot area.
fn contour_lines(svg: &mut Svg, g: &[Vec<f64>]) {
    let (l, top, r, b) = AREA;
    let to_px = |(c, row): (f64, f64)| {
        let n = (NODES - 1) as f64;
        (l + c / n * (r - l), b - row / n * (b - top))
    };
    for level in LEVELS {
        let d: String = contour(g, level)
            .into_iter()
            .map(|(p, q)| {
                let (p, q) = (to_px(p), to_px(q));
                format!("M{},{}L{},{}", px(p.0), px(p.1), px(q.0), px(q.1))
            })
            .collect();
        svg.push(&format!(
            r##"<path d="{d}" fill="none" stroke="#555" stroke-width="0.8" stroke-opacity="0.7"><title>E = {level}</title></path>"##
        ));
    }
}

/// The axes and the gradient-descent path over the two weights, with the
/// error at the start and after `STEPS` steps written next to the ends.
fn descent_panel(
    svg: &mut Svg,
    t: &Tiny,
    centre: (f64, f64),
    run: Vec<(f64, f64)>,
) -> Result<(), FigureError> {
    let (l, top, r, b) = AREA;
    let end = run[run.len() - 1];
    let (e0, e1) = (t.error_with(&[])?, t.error_with(&[(X, end.0), (Y, end.1)])?);
    let mut panel = Panel::new(
        "",
        &format!("{} (bias to hidden 2)", X.name()),
        &format!("{} (hidden 2 to output 0)", Y.name()),
        vec![Series::new(
            &format!("{STEPS} steps, rate {RATE}"),
            run,
            Style::solid(COLOURS[1]).with_markers(),
        )],
    );
    panel.x_range = Some((centre.0 - SPAN, centre.0 + SPAN));
    panel.y_range = Some((centre.1 - SPAN, centre.1 + SPAN));
    panel.legend = crate::plot::Legend::BottomLeft;
    panel.notes = vec![
        Note {
            at: (centre.0 + 0.2, centre.1 - 0.3),
            text: format!("start, E = {e0:.4}"),
            anchor: Anchor::Start,
        },
        Note {
            at: (end.0 + 0.2, end.1 + 0.1),
            text: format!("after {STEPS} steps, E = {e1:.4}"),
            anchor: Anchor::Start,
        },
    ];
    panel.draw(svg, crate::plot::Area(l, top, r, b))
}

/// The two lines under the plot: the update rule, and why the path crosses
/// the contours at right angles.
fn captions(svg: &mut Svg) {
    let b = AREA.3;
    let lines = [
        format!("Each step: both weights move by -{RATE} x their slope, the change back-propagation computes (delta x activation) at the current point."),
        "The path crosses the contour lines at right angles: together, the two slopes point straight downhill. Contours at E = 0.16, 0.18, ..., 0.26, 0.3, 0.35, 0.4.".to_string(),
    ];
    for (i, line) in lines.iter().enumerate() {
        svg.text(
            20.0,
            b + 68.0 + 20.0 * i as f64,
            TICK_SIZE,
            Anchor::Start,
            line,
        );
    }
}

/// A vertical bar of the shades, labelled with errors.
fn colour_bar(svg: &mut Svg, lo: f64, hi: f64) {
    let (x, top, bottom) = (AREA.2 + 60.0, AREA.1, AREA.3);
    let mut bar = Image::filled(1, 100, [255, 255, 255]);
    for i in 0..100 {
        bar.set(0, 99 - i, shade(i as f64 / 99.0));
    }
    svg.push(&bar.svg_element(x, top, 24.0, bottom - top));
    svg.rect(x, top, 24.0, bottom - top, r##"fill="none" stroke="#444""##);
    for level in [lo, 0.2, 0.3, 0.4, 0.5, hi] {
        if level < lo || level > hi {
            continue;
        }
        let y = bottom - (level - lo) / (hi - lo) * (bottom - top);
        svg.line((x + 24.0, y), (x + 30.0, y), r##"stroke="#444""##);
        svg.text(
            x + 34.0,
            y + 4.5,
            TICK_SIZE,
            Anchor::Start,
            &format!("{level:.3}"),
        );
    }
    svg.styled_text(
        x + 12.0,
        top - 12.0,
        TICK_SIZE,
        Anchor::Middle,
        r#"font-weight="bold""#,
        "error E",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_run_goes_downhill_at_every_step() {
        let t = Tiny::new().unwrap();
        let run = path(&t).unwrap();
        let errors: Vec<f64> = run
            .iter()
            .map(|&(x, y)| t.error_with(&[(X, x), (Y, y)]).unwrap())
            .collect();
        assert!(errors.windows(2).all(|w| w[1] < w[0]), "{errors:?}");
    }

    #[test]
    fn a_contour_of_a_plane_is_a_straight_line_through_the_level() {
        let g: Vec<Vec<f64>> = (0..NODES)
            .map(|_| (0..NODES).map(|c| c as f64).collect())
            .collect();
        let segs = contour(&g, 10.5);
        assert_eq!(segs.len(), NODES - 1);
        assert!(segs.iter().all(|(p, q)| p.0 == 10.5 && q.0 == 10.5));
    }
}
