//! Line charts: panels with labelled axes, "nice" ticks and a legend drawn
//! inside the figure, laid out one or several to a figure (small multiples).

use crate::FigureError;
use crate::svg::{Anchor, LABEL_SIZE, Svg, TICK_SIZE, TITLE_SIZE, escape, px};

/// The lowest and highest value on an axis.
pub type Range = (f64, f64);

/// How a tick value is written.
type TickLabel = fn(f64) -> String;

/// Colours that stay distinct for colour-blind readers (Okabe-Ito, with a
/// darker yellow).
pub const COLOURS: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#B8A000",
];

/// The grey of reference curves drawn behind a panel's own.
pub const REFERENCE_GREY: &str = "#9a9a9a";

/// How one series is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    pub colour: String,
    /// An SVG dash pattern, `"none"` for a solid line.
    pub dash: String,
    pub width: f64,
    /// A dot on every point (for paths of few steps).
    pub markers: bool,
}

impl Style {
    /// A solid line of the given colour.
    pub fn solid(colour: &str) -> Style {
        Style {
            colour: colour.into(),
            dash: "none".into(),
            width: 2.2,
            markers: false,
        }
    }

    /// A dashed line of the given colour.
    pub fn dashed(colour: &str) -> Style {
        Style {
            dash: "8 4".into(),
            ..Style::solid(colour)
        }
    }

    /// The same style with a dot on every point.
    pub fn with_markers(mut self) -> Style {
        self.markers = true;
        self
    }
}

/// One named line of `(x, y)` points.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64)>,
    pub style: Style,
}

impl Series {
    /// A series drawn in `style`.
    pub fn new(name: &str, points: Vec<(f64, f64)>, style: Style) -> Series {
        Series {
            name: name.into(),
            points,
            style,
        }
    }
}

/// A shaded stretch of the x axis, with a label written at its top.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub from: f64,
    pub to: f64,
    pub label: String,
}

/// An axis-aligned ellipse in data coordinates (a contour line).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ellipse {
    pub centre: (f64, f64),
    pub radii: (f64, f64),
}

/// A note written at a point in data coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub at: (f64, f64),
    pub text: String,
    pub anchor: Anchor,
}

/// Which corner of the plot area holds the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legend {
    Hidden,
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
    /// Halfway down the left side.
    MiddleLeft,
}

/// One chart: title, axes, series, and extras.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub series: Vec<Series>,
    /// Axis ranges; `None` covers the data.
    pub x_range: Option<Range>,
    pub y_range: Option<Range>,
    pub bands: Vec<Band>,
    pub ellipses: Vec<Ellipse>,
    pub notes: Vec<Note>,
    pub legend: Legend,
    /// Both axes on a log scale (base 10): ticks at powers of ten. Points,
    /// ranges and note positions stay in data units; all must be positive.
    pub log_scale: bool,
}

impl Panel {
    /// A panel with a title, axis labels and series; no extras, legend top right.
    pub fn new(title: &str, x_label: &str, y_label: &str, series: Vec<Series>) -> Panel {
        Panel {
            title: title.into(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            series,
            x_range: None,
            y_range: None,
            bands: Vec::new(),
            ellipses: Vec::new(),
            notes: Vec::new(),
            legend: Legend::TopRight,
            log_scale: false,
        }
    }

    /// An empty cell in a [`Chart`]'s grid (to start a new row).
    pub fn blank() -> Panel {
        Panel::new("", "", "", Vec::new())
    }

    /// True for [`Panel::blank`]: nothing to draw.
    pub fn is_blank(&self) -> bool {
        self.title.is_empty() && self.series.is_empty()
    }

    /// The smallest ranges holding every point (before rounding to ticks).
    ///
    /// # Errors
    /// No series, a series without points, or a non-finite coordinate.
    pub fn data_ranges(&self) -> Result<(Range, Range), FigureError> {
        let bad = |got: String| {
            FigureError(format!(
                "chart {:?}: expected at least one series, each with finite points, got {got}",
                self.title
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

    /// Draws the panel with its plot area at `area` (left, top, right,
    /// bottom); title, ticks and labels go in the margins around it.
    ///
    /// # Errors
    /// As [`data_ranges`](Self::data_ranges).
    pub fn draw(&self, svg: &mut Svg, area: Area) -> Result<(), FigureError> {
        if self.log_scale {
            return self.in_logs()?.draw_scaled(svg, area, true);
        }
        self.draw_scaled(svg, area, false)
    }

    /// The same panel with every coordinate replaced by its base-10
    /// logarithm, and ranges widened to whole powers of ten.
    fn in_logs(&self) -> Result<Panel, FigureError> {
        let log = |v: f64, what: &str| {
            if v > 0.0 && v.is_finite() {
                Ok(v.log10())
            } else {
                Err(FigureError(format!(
                    "chart {:?}: a log scale needs positive values, got {v} in {what}",
                    self.title
                )))
            }
        };
        let mut p = self.clone();
        p.log_scale = false;
        for s in &mut p.series {
            for pt in &mut s.points {
                *pt = (log(pt.0, &s.name)?, log(pt.1, &s.name)?);
            }
        }
        for n in &mut p.notes {
            n.at = (log(n.at.0, &n.text)?, log(n.at.1, &n.text)?);
        }
        let (dx, dy) = p.data_ranges()?;
        let decades = |given: Option<Range>, data: Range| -> Result<Range, FigureError> {
            let (lo, hi) = match given {
                Some(r) => (log(r.0, "the range")?, log(r.1, "the range")?),
                None => data,
            };
            Ok((lo.floor(), hi.ceil().max(lo.floor() + 1.0)))
        };
        p.x_range = Some(decades(self.x_range, dx)?);
        p.y_range = Some(decades(self.y_range, dy)?);
        Ok(p)
    }

    /// Draws the panel; `logs` says its coordinates are already base-10
    /// logarithms ([`in_logs`](Self::in_logs)): one tick per power of ten.
    fn draw_scaled(&self, svg: &mut Svg, area: Area, logs: bool) -> Result<(), FigureError> {
        let (data_x, data_y) = self.data_ranges()?;
        let (x, xs) = axis(self.x_range, data_x);
        let (y, ys) = axis(self.y_range, data_y);
        let whole = |r: Range| (r.0 as i32..=r.1 as i32).map(f64::from).collect::<Vec<_>>();
        let (xs, ys, label): (Vec<f64>, Vec<f64>, TickLabel) = if logs {
            (whole(x), whole(y), power_label)
        } else {
            (xs, ys, tick_label)
        };
        let map = Map { area, x, y };
        let Area(l, t, r, b) = area;
        svg.styled_text(
            title_centre(&self.title, l, r),
            t - 10.0,
            LABEL_SIZE + 1,
            Anchor::Middle,
            r#"font-weight="bold""#,
            &self.title,
        );
        for band in &self.bands {
            let (x0, _) = map.point((band.from.max(map.x.0), 0.0));
            let (x1, _) = map.point((band.to.min(map.x.1), 0.0));
            svg.rect(x0, t, x1 - x0, b - t, r##"fill="#ececec""##);
            svg.styled_text(
                (x0 + x1) / 2.0,
                t + 18.0,
                TICK_SIZE,
                Anchor::Middle,
                r##"fill="#555""##,
                &band.label,
            );
        }
        self.axes(svg, &map, (&xs, &ys), label);
        svg.begin_clip(l, t, r - l, b - t);
        for e in &self.ellipses {
            let (cx, cy) = map.point(e.centre);
            let rx = e.radii.0 / (map.x.1 - map.x.0) * (r - l);
            let ry = e.radii.1 / (map.y.1 - map.y.0) * (b - t);
            svg.push(&format!(
                r##"<ellipse cx="{}" cy="{}" rx="{}" ry="{}" fill="none" stroke="#b8b8b8" stroke-width="1"/>"##,
                px(cx),
                px(cy),
                px(rx),
                px(ry)
            ));
        }
        for s in &self.series {
            draw_series(svg, s, &map);
        }
        svg.end_group();
        for n in &self.notes {
            let (x, y) = map.point(n.at);
            svg.text(x, y, TICK_SIZE, n.anchor, &n.text);
        }
        self.legend(svg, area);
        Ok(())
    }

    fn axes(&self, svg: &mut Svg, map: &Map, (xs, ys): (&[f64], &[f64]), label: TickLabel) {
        let Area(l, t, r, b) = map.area;
        for &x in xs {
            let (px, _) = map.point((x, map.y.0));
            svg.line((px, t), (px, b), r##"stroke="#e2e2e2""##);
            svg.text(px, b + 17.0, TICK_SIZE, Anchor::Middle, &label(x));
        }
        for &y in ys {
            let (_, py) = map.point((map.x.0, y));
            svg.line((l, py), (r, py), r##"stroke="#e2e2e2""##);
            svg.text(l - 6.0, py + 4.5, TICK_SIZE, Anchor::End, &label(y));
        }
        svg.rect(l, t, r - l, b - t, r##"fill="none" stroke="#444""##);
        svg.text(
            (l + r) / 2.0,
            b + 38.0,
            LABEL_SIZE,
            Anchor::Middle,
            &self.x_label,
        );
        svg.push(&format!(
            r#"<text transform="translate({} {}) rotate(-90)" font-size="{LABEL_SIZE}" text-anchor="middle">{}</text>"#,
            px(l - 48.0),
            px((t + b) / 2.0),
            escape(&self.y_label)
        ));
    }

    fn legend(&self, svg: &mut Svg, Area(l, t, r, b): Area) {
        if self.legend == Legend::Hidden {
            return;
        }
        let row = 19.0;
        let chars = self
            .series
            .iter()
            .map(|s| s.name.chars().count())
            .max()
            .unwrap_or(0);
        let w = 44.0 + chars as f64 * 7.4;
        let h = row * self.series.len() as f64 + 8.0;
        let x = match self.legend {
            Legend::TopLeft | Legend::BottomLeft | Legend::MiddleLeft => l + 8.0,
            _ => r - 8.0 - w,
        };
        let y = match self.legend {
            Legend::TopLeft | Legend::TopRight => t + 8.0,
            Legend::MiddleLeft => (t + b - h) / 2.0,
            _ => b - 8.0 - h,
        };
        svg.rect(
            x,
            y,
            w,
            h,
            r##"fill="white" fill-opacity="0.9" stroke="#bbb""##,
        );
        for (i, s) in self.series.iter().enumerate() {
            let ly = y + 4.0 + row * (i as f64 + 0.5);
            svg.line(
                (x + 6.0, ly),
                (x + 34.0, ly),
                &format!(
                    r#"stroke="{}" stroke-width="3" stroke-dasharray="{}""#,
                    s.style.colour, s.style.dash
                ),
            );
            svg.text(x + 40.0, ly + 4.5, TICK_SIZE, Anchor::Start, &s.name);
        }
    }
}

/// Where a panel's title is centred: over the plot area from `l` to `r`,
/// unless the title is wider than the space to the right (or left) of that
/// centre within the panel's cell; then it is moved in, so a long title in
/// the last column is not cut off at the figure's edge. Widths are estimated
/// at 0.6 of the font size per character (bold Helvetica averages less).
fn title_centre(title: &str, l: f64, r: f64) -> f64 {
    let half = 0.6 * f64::from(LABEL_SIZE + 1) * title.chars().count() as f64 / 2.0;
    let (cell_left, cell_right) = (l - MARGIN.0, r + MARGIN.2);
    ((l + r) / 2.0).min(cell_right - half).max(cell_left + half)
}

/// The plot area of a panel: left, top, right, bottom, in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area(pub f64, pub f64, pub f64, pub f64);

/// From data coordinates to pixels.
struct Map {
    area: Area,
    x: Range,
    y: Range,
}

impl Map {
    fn point(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let Area(l, t, r, b) = self.area;
        (
            l + (x - self.x.0) / (self.x.1 - self.x.0) * (r - l),
            b - (y - self.y.0) / (self.y.1 - self.y.0) * (b - t),
        )
    }
}

fn draw_series(svg: &mut Svg, s: &Series, map: &Map) {
    let points: Vec<String> = s
        .points
        .iter()
        .map(|&p| map.point(p))
        .map(|(x, y)| format!("{},{}", px(x), px(y)))
        .collect();
    svg.push(&format!(
        r#"<polyline fill="none" stroke="{}" stroke-width="{}" stroke-dasharray="{}" stroke-linejoin="round" points="{}"><title>{}</title></polyline>"#,
        s.style.colour,
        s.style.width,
        s.style.dash,
        points.join(" "),
        escape(&s.name)
    ));
    if s.style.markers {
        for &p in &s.points {
            let (x, y) = map.point(p);
            svg.push(&format!(
                r#"<circle cx="{}" cy="{}" r="3" fill="{}"/>"#,
                px(x),
                px(y),
                s.style.colour
            ));
        }
    }
}

/// A figure of one or more panels in a grid, with a title and optional
/// lines of explanation under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    /// Lines written under the title (a key shared by every panel, the run's settings).
    pub notes: Vec<String>,
    pub panels: Vec<Panel>,
    pub columns: usize,
    /// Size of one panel's cell, margins included.
    pub cell: (f64, f64),
}

/// Margins inside a cell around the plot area: left, top, right, bottom.
const MARGIN: (f64, f64, f64, f64) = (70.0, 34.0, 16.0, 52.0);

impl Chart {
    /// One panel alone, `width` x `height`.
    pub fn single(panel: Panel, width: f64, height: f64) -> Chart {
        Chart {
            title: String::new(),
            notes: Vec::new(),
            panels: vec![panel],
            columns: 1,
            cell: (width, height),
        }
    }

    /// Renders the figure as a standalone SVG document.
    ///
    /// # Errors
    /// No panel, no columns, or a panel that cannot be drawn (see
    /// [`Panel::data_ranges`]).
    pub fn to_svg(&self) -> Result<String, FigureError> {
        if self.panels.is_empty() || self.columns == 0 {
            return Err(FigureError(format!(
                "chart {:?}: expected at least one panel and one column, got {} and {}",
                self.title,
                self.panels.len(),
                self.columns
            )));
        }
        let rows = self.panels.len().div_ceil(self.columns);
        let head = self.head_height();
        let width = self.cell.0 * self.columns as f64;
        let height = head + self.cell.1 * rows as f64;
        let mut svg = Svg::new(width, height);
        if !self.title.is_empty() {
            svg.styled_text(
                width / 2.0,
                28.0,
                TITLE_SIZE,
                Anchor::Middle,
                r#"font-weight="bold""#,
                &self.title,
            );
        }
        for (i, note) in self.notes.iter().enumerate() {
            svg.text(
                width / 2.0,
                54.0 + 20.0 * i as f64,
                LABEL_SIZE,
                Anchor::Middle,
                note,
            );
        }
        for (i, panel) in self.panels.iter().enumerate() {
            if panel.is_blank() {
                continue;
            }
            let x = self.cell.0 * (i % self.columns) as f64;
            let y = head + self.cell.1 * (i / self.columns) as f64;
            let area = Area(
                x + MARGIN.0,
                y + MARGIN.1,
                x + self.cell.0 - MARGIN.2,
                y + self.cell.1 - MARGIN.3,
            );
            panel.draw(&mut svg, area)?;
        }
        Ok(svg.finish())
    }

    fn head_height(&self) -> f64 {
        let title = if self.title.is_empty() { 0.0 } else { 40.0 };
        title + 20.0 * self.notes.len() as f64 + 6.0
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

/// An axis's range and ticks: a given range is kept as is, with the round
/// ticks inside it; otherwise the range is the data's, widened to round ticks.
fn axis(given: Option<Range>, data: Range) -> (Range, Vec<f64>) {
    match given {
        Some(r) => {
            let eps = (r.1 - r.0).abs() * 1e-9;
            let ticks = nice_ticks(r)
                .into_iter()
                .filter(|t| *t >= r.0 - eps && *t <= r.1 + eps)
                .collect();
            (r, ticks)
        }
        None => {
            let ticks = nice_ticks(data);
            ((ticks[0], ticks[ticks.len() - 1]), ticks)
        }
    }
}

/// A tick value with at most four decimals, trailing zeros dropped.
pub fn tick_label(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// The label of a tick on a log scale at `10^e`: `1`, `10` and `100`
/// written out, any other power as `10^e` (`10^-4`, `10^5`), short enough
/// for the last tick at a figure's edge.
pub fn power_label(e: f64) -> String {
    let e = e.round() as i32;
    match e {
        0..=2 => 10u32.pow(e as u32).to_string(),
        _ => format!("10^{e}"),
    }
}

/// The range covering every point of several panels' series, widened to
/// round ticks, so panels that are compared share one axis.
///
/// # Errors
/// As [`Panel::data_ranges`].
pub fn shared_y_range(panels: &[Panel]) -> Result<Range, FigureError> {
    let mut y = (f64::INFINITY, f64::NEG_INFINITY);
    for p in panels.iter().filter(|p| !p.is_blank()) {
        let (_, r) = p.data_ranges()?;
        y = (y.0.min(r.0), y.1.max(r.1));
    }
    let ticks = nice_ticks(y);
    Ok((ticks[0], ticks[ticks.len() - 1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panel(series: Vec<Series>) -> Panel {
        Panel::new("Loss <per> epoch", "epoch", "loss", series)
    }

    fn line(name: &str, ys: &[f64]) -> Series {
        let points = ys
            .iter()
            .enumerate()
            .map(|(i, &y)| (i as f64 + 1.0, y))
            .collect();
        Series::new(name, points, Style::solid(COLOURS[0]))
    }

    #[test]
    fn one_polyline_and_one_legend_entry_per_series() {
        let chart = Chart::single(
            panel(vec![
                line("tanh", &[0.9, 0.5, 0.3]),
                line("softmax & L2", &[0.8, 0.4]),
            ]),
            600.0,
            400.0,
        );
        let svg = chart.to_svg().unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert!(
            svg.contains(">softmax &amp; L2</text>"),
            "names are escaped"
        );
        assert!(svg.contains("Loss &lt;per&gt; epoch"));
    }

    #[test]
    fn points_map_into_the_plot_area() {
        let chart = Chart::single(panel(vec![line("a", &[0.0, 1.0])]), 600.0, 400.0);
        let svg = chart.to_svg().unwrap();
        // Ticks for x in 1..2 and y in 0..1 start and end on the data, so the
        // first point is the bottom-left corner of the plot area (after the
        // 6-pixel head) and the last the top-right.
        let (l, t, r, b) = (70.0, 6.0 + 34.0, 600.0 - 16.0, 6.0 + 400.0 - 52.0);
        let expected = format!(r#"points="{},{} {},{}""#, px(l), px(b), px(r), px(t));
        assert!(svg.contains(&expected), "{expected} in {svg}");
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
        assert!(panel(vec![]).data_ranges().is_err());
        assert!(panel(vec![line("a", &[])]).data_ranges().is_err());
        let e = panel(vec![line("a", &[f64::NAN])])
            .data_ranges()
            .unwrap_err();
        assert!(
            e.to_string().contains("point (1, NaN) in series \"a\""),
            "{e}"
        );
        let none = Chart {
            panels: vec![],
            ..Chart::single(panel(vec![]), 1.0, 1.0)
        };
        assert!(none.to_svg().is_err());
    }

    #[test]
    fn a_long_title_is_moved_inside_its_cell_and_a_short_one_stays_centred() {
        let (l, r) = (70.0, 244.0);
        assert_eq!(title_centre("baseline", l, r), (l + r) / 2.0);
        let long = "recommended, standardized";
        let centre = title_centre(long, l, r);
        let half = 0.6 * 16.0 * long.chars().count() as f64 / 2.0;
        assert!(centre < (l + r) / 2.0, "{centre}");
        assert!(centre + half <= r + MARGIN.2 + 1e-9, "{centre}");
    }

    #[test]
    fn log_scale_ticks_are_powers_of_ten_and_points_map_by_their_logarithm() {
        assert_eq!(power_label(-5.0), "10^-5");
        assert_eq!(power_label(0.0), "1");
        assert_eq!(power_label(2.0), "100");
        assert_eq!(power_label(4.0), "10^4");
        let mut p = panel(vec![Series::new(
            "a",
            vec![(10.0, 0.01), (1000.0, 1.0)],
            Style::solid(COLOURS[0]),
        )]);
        p.log_scale = true;
        let svg = Chart::single(p.clone(), 600.0, 400.0).to_svg().unwrap();
        // x from 10^1 to 10^3, y from 10^-2 to 10^0: the points are the corners.
        let (l, t, r, b) = (70.0, 6.0 + 34.0, 600.0 - 16.0, 6.0 + 400.0 - 52.0);
        let expected = format!(r#"points="{},{} {},{}""#, px(l), px(b), px(r), px(t));
        assert!(svg.contains(&expected), "{expected} in {svg}");
        assert!(svg.contains(">10^3</text>") && svg.contains(">10^-2</text>"));
        p.series[0].points[0].1 = 0.0;
        assert!(
            Chart::single(p, 600.0, 400.0).to_svg().is_err(),
            "0 has no logarithm"
        );
    }

    #[test]
    fn tick_labels_drop_trailing_zeros() {
        assert_eq!(tick_label(0.6000000000000001), "0.6");
        assert_eq!(tick_label(10.0), "10");
        assert_eq!(tick_label(-0.0), "0");
    }
}
