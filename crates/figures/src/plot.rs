//! A small SVG line-chart writer for learning curves (no dependency).
//!
//! One chart: a title, two labelled axes with "nice" ticks, one polyline per
//! series and a legend. The ablation example draws its figures with it.

use std::fmt::Write;

use crate::FigureError;

/// One named line of `(x, y)` points.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64)>,
}

/// A line chart with a title and axis labels.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub series: Vec<Series>,
}

/// The lowest and highest value on an axis.
type Range = (f64, f64);

const WIDTH: f64 = 700.0;
const HEIGHT: f64 = 440.0;
/// Plot area: left, top, right, bottom (the legend sits right of it).
const AREA: (f64, f64, f64, f64) = (70.0, 40.0, 520.0, 390.0);
/// Colours that stay distinct for colour-blind readers (Okabe-Ito, with a
/// darker yellow); after eight series they repeat with dashes, then dots.
const COLOURS: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#B8A000",
];
const DASHES: [&str; 3] = ["none", "7 3", "2 2"];

impl LineChart {
    /// Renders the chart as a standalone SVG document.
    ///
    /// # Errors
    /// No series, a series without points, or a non-finite coordinate.
    pub fn to_svg(&self) -> Result<String, FigureError> {
        let (x_range, y_range) = self.ranges()?;
        let (xs, ys) = (nice_ticks(x_range), nice_ticks(y_range));
        let x_range = (xs[0], xs[xs.len() - 1]);
        let y_range = (ys[0], ys[ys.len() - 1]);
        let map = |(x, y): (f64, f64)| {
            let (l, t, r, b) = AREA;
            let px = l + (x - x_range.0) / (x_range.1 - x_range.0) * (r - l);
            let py = b - (y - y_range.0) / (y_range.1 - y_range.0) * (b - t);
            (px, py)
        };
        let mut svg = String::new();
        let _ = writeln!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">"#
        );
        let _ = writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#);
        let _ = writeln!(
            svg,
            r#"<text x="{}" y="22" text-anchor="middle" font-size="15">{}</text>"#,
            WIDTH / 2.0,
            escape(&self.title)
        );
        self.axes(&mut svg, &xs, &ys, &map);
        for (i, s) in self.series.iter().enumerate() {
            let colour = COLOURS[i % COLOURS.len()];
            let dash = DASHES[(i / COLOURS.len()) % DASHES.len()];
            let points: Vec<String> = s
                .points
                .iter()
                .map(|&p| map(p))
                .map(|(x, y)| format!("{x:.1},{y:.1}"))
                .collect();
            let _ = writeln!(
                svg,
                r#"<polyline fill="none" stroke="{colour}" stroke-width="1.8" stroke-dasharray="{dash}" points="{}"><title>{}</title></polyline>"#,
                points.join(" "),
                escape(&s.name)
            );
            let y = AREA.1 + 10.0 + 18.0 * i as f64;
            let _ = writeln!(
                svg,
                r#"<line x1="535" y1="{y}" x2="560" y2="{y}" stroke="{colour}" stroke-width="3" stroke-dasharray="{dash}"/><text x="566" y="{}">{}</text>"#,
                y + 4.0,
                escape(&s.name)
            );
        }
        svg.push_str("</svg>\n");
        Ok(svg)
    }

    fn ranges(&self) -> Result<(Range, Range), FigureError> {
        let bad = |got: String| {
            FigureError(format!(
                "chart data: expected at least one series, each with finite points, got {got}"
            ))
        };
        if self.series.is_empty() {
            return Err(bad("no series".into()));
        }
        let mut x = (f64::INFINITY, f64::NEG_INFINITY);
        let mut y = x;
        for s in &self.series {
            if s.points.is_empty() {
                return Err(bad(format!("series {:?} has no points", s.name)));
            }
            for &(px, py) in &s.points {
                if !px.is_finite() || !py.is_finite() {
                    return Err(bad(format!("point ({px}, {py}) in series {:?}", s.name)));
                }
                x = (x.0.min(px), x.1.max(px));
                y = (y.0.min(py), y.1.max(py));
            }
        }
        Ok((x, y))
    }

    fn axes(
        &self,
        svg: &mut String,
        xs: &[f64],
        ys: &[f64],
        map: &dyn Fn((f64, f64)) -> (f64, f64),
    ) {
        let (l, t, r, b) = AREA;
        let _ = writeln!(
            svg,
            r##"<rect x="{l}" y="{t}" width="{}" height="{}" fill="none" stroke="#444"/>"##,
            r - l,
            b - t
        );
        for &x in xs {
            let (px, _) = map((x, ys[0]));
            let _ = writeln!(
                svg,
                r##"<line x1="{px:.1}" y1="{t}" x2="{px:.1}" y2="{b}" stroke="#ddd"/><text x="{px:.1}" y="{}" text-anchor="middle">{}</text>"##,
                b + 16.0,
                tick_label(x)
            );
        }
        for &y in ys {
            let (_, py) = map((xs[0], y));
            let _ = writeln!(
                svg,
                r##"<line x1="{l}" y1="{py:.1}" x2="{r}" y2="{py:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end">{}</text>"##,
                l - 6.0,
                py + 4.0,
                tick_label(y)
            );
        }
        let _ = writeln!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
            (l + r) / 2.0,
            b + 38.0,
            escape(&self.x_label)
        );
        let _ = writeln!(
            svg,
            r#"<text transform="translate(18 {}) rotate(-90)" text-anchor="middle">{}</text>"#,
            (t + b) / 2.0,
            escape(&self.y_label)
        );
    }
}

/// Evenly spaced round tick values (steps of 1, 2 or 5 times a power of ten)
/// that cover `(lo, hi)`; a flat range is widened so it has some height.
pub fn nice_ticks((lo, hi): Range) -> Vec<f64> {
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        (lo - 0.5, hi + 0.5)
    };
    let rough = (hi - lo) / 5.0;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power);
    let first = (lo / step).floor();
    let last = (hi / step).ceil();
    (0..=(last - first) as usize)
        .map(|i| (first + i as f64) * step)
        .collect()
}

fn tick_label(v: f64) -> String {
    let s = format!("{:.4}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(series: Vec<Series>) -> LineChart {
        LineChart {
            title: "Loss <per> epoch".into(),
            x_label: "epoch".into(),
            y_label: "loss".into(),
            series,
        }
    }

    fn line(name: &str, ys: &[f64]) -> Series {
        Series {
            name: name.into(),
            points: ys
                .iter()
                .enumerate()
                .map(|(i, &y)| (i as f64 + 1.0, y))
                .collect(),
        }
    }

    #[test]
    fn one_polyline_and_one_legend_entry_per_series() {
        let svg = chart(vec![
            line("tanh", &[0.9, 0.5, 0.3]),
            line("softmax & L2", &[0.8, 0.4]),
        ])
        .to_svg()
        .unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert!(
            svg.contains(">softmax &amp; L2</text>"),
            "names are escaped"
        );
        assert!(svg.contains("Loss &lt;per&gt; epoch"));
        assert_eq!(svg.matches('<').count(), svg.matches('>').count());
    }

    #[test]
    fn points_map_into_the_plot_area() {
        let svg = chart(vec![line("a", &[0.0, 1.0])]).to_svg().unwrap();
        // Ticks for x in 1..2 and y in 0..1 start and end on the data, so the
        // first point is the bottom-left corner and the last the top-right.
        assert!(svg.contains(r#"points="70.0,390.0 520.0,40.0""#), "{svg}");
    }

    #[test]
    fn nice_ticks_are_round_and_cover_the_range() {
        assert_eq!(
            nice_ticks((0.0, 1.0)),
            vec![0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]
        );
        assert_eq!(
            nice_ticks((1.0, 50.0)),
            vec![0.0, 10.0, 20.0, 30.0, 40.0, 50.0]
        );
        let t = nice_ticks((0.912, 0.987));
        assert!(
            t[0] <= 0.912 && *t.last().unwrap() >= 0.987 && t.len() <= 12,
            "{t:?}"
        );
        let flat = nice_ticks((2.0, 2.0));
        assert!(
            flat[0] < 2.0 && *flat.last().unwrap() > 2.0,
            "a flat line gets an axis: {flat:?}"
        );
    }

    #[test]
    fn empty_or_non_finite_data_is_an_error() {
        assert!(chart(vec![]).to_svg().is_err());
        assert!(chart(vec![line("a", &[])]).to_svg().is_err());
        let e = chart(vec![line("a", &[f64::NAN])]).to_svg().unwrap_err();
        assert!(
            e.to_string().contains("point (1, NaN) in series \"a\""),
            "{e}"
        );
    }

    #[test]
    fn tick_labels_drop_trailing_zeros() {
        assert_eq!(tick_label(0.6000000000000001), "0.6");
        assert_eq!(tick_label(10.0), "10");
        assert_eq!(tick_label(-0.0), "0");
    }
}
