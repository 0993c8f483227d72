//! Figure f: the article's "momentum" and classical momentum on a 2-D
//! quadratic bowl, at the article's settings (learning rate 0.01, mu 0.5),
//! so the article's real step, about 50 times the nominal one, is seen
//! (article P2.4; lesson "What the article's settings really do").
//!
//! The bowl is `loss(w) = 0.5 * (A * w1^2 + B * w2^2)`, whose gradient is
//! `(A * w1, B * w2)`: a stand-in for the loss near a minimum, where every
//! direction is a parabola with its own curvature.

use crate::plot::{COLOURS, Chart, Ellipse, Legend, Note, Panel, Series, Style};
use crate::svg::{Anchor, PAGE_WIDTH};
use crate::{Drawn, FigureError, Inputs};

/// Curvatures of the bowl along w1 and w2.
pub const A: f64 = 0.3;
pub const B: f64 = 1.0;
/// The article's part-2 settings.
pub const LEARNING_RATE: f64 = 0.01;
pub const MU: f64 = 0.5;
/// Where both runs start, and how many steps they take.
pub const START: (f64, f64) = (-4.0, 3.0);
pub const STEPS: usize = 30;

fn gradient((w1, w2): (f64, f64)) -> (f64, f64) {
    (A * w1, B * w2)
}

/// The article's rule (P2.4): `w -= lr * g + mu * g_prev`, where `g_prev` is
/// the previous step's raw gradient, not multiplied by `lr`. The same rule
/// as `improved::Momentum::Article`, on two weights.
pub fn article_path(lr: f64, mu: f64, steps: usize) -> Vec<(f64, f64)> {
    let mut w = START;
    let mut previous = (0.0, 0.0);
    let mut path = vec![w];
    for _ in 0..steps {
        let g = gradient(w);
        w = (
            w.0 - lr * g.0 - mu * previous.0,
            w.1 - lr * g.1 - mu * previous.1,
        );
        previous = g;
        path.push(w);
    }
    path
}

/// Classical (heavy-ball) momentum: `v = mu * v - lr * g; w += v`. The same
/// rule as `improved::Momentum::Classical`, on two weights.
pub fn classical_path(lr: f64, mu: f64, steps: usize) -> Vec<(f64, f64)> {
    let mut w = START;
    let mut v = (0.0, 0.0);
    let mut path = vec![w];
    for _ in 0..steps {
        let g = gradient(w);
        v = (mu * v.0 - lr * g.0, mu * v.1 - lr * g.1);
        w = (w.0 + v.0, w.1 + v.1);
        path.push(w);
    }
    path
}

/// The length of every step of a path.
pub fn step_lengths(path: &[(f64, f64)]) -> Vec<f64> {
    path.windows(2)
        .map(|p| ((p[1].0 - p[0].0).powi(2) + (p[1].1 - p[0].1).powi(2)).sqrt())
        .collect()
}

/// The nominal step at the start: `lr` times the gradient's length.
pub fn nominal_step() -> f64 {
    let g = gradient(START);
    LEARNING_RATE * (g.0 * g.0 + g.1 * g.1).sqrt()
}

/// Contour lines of the bowl: ellipses where the loss is `level`.
fn contours() -> Vec<Ellipse> {
    [0.05, 0.2, 0.5, 1.0, 2.0, 3.5, 5.5, 8.0]
        .iter()
        .map(|&level: &f64| Ellipse {
            centre: (0.0, 0.0),
            radii: ((2.0 * level / A).sqrt(), (2.0 * level / B).sqrt()),
        })
        .collect()
}

/// The names of the two rules in the legends.
const ARTICLE_NAME: &str = "article: w -= lr*g + mu*g_prev";
const CLASSICAL_NAME: &str = "classical: v = mu*v - lr*g; w += v";

/// The two rules' series over `points` of each: the article's, then classical.
fn two_series(article: Vec<(f64, f64)>, classical: Vec<(f64, f64)>) -> Vec<Series> {
    vec![
        Series::new(
            ARTICLE_NAME,
            article,
            Style::solid(COLOURS[1]).with_markers(),
        ),
        Series::new(
            CLASSICAL_NAME,
            classical,
            Style::solid(COLOURS[0]).with_markers(),
        ),
    ]
}

/// The left panel: both paths on the bowl's contours.
fn paths_panel(article: &[(f64, f64)], classical: &[(f64, f64)]) -> Panel {
    let title = format!(
        "{STEPS} steps from ({:.0}, {:.0}) on the bowl",
        START.0, START.1
    );
    let mut paths = Panel::new(
        &title,
        "w1",
        "w2",
        two_series(article.to_vec(), classical.to_vec()),
    );
    paths.x_range = Some((-4.5, 1.0));
    paths.y_range = Some((-2.0, 3.5));
    paths.ellipses = contours();
    paths.legend = Legend::BottomRight;
    let note = |at, text: &str, anchor| Note {
        at,
        text: text.into(),
        anchor,
    };
    paths.notes = vec![
        note((START.0 + 0.2, START.1 + 0.05), "start", Anchor::Start),
        note((0.0, -0.35), "minimum", Anchor::Middle),
    ];
    paths
}

/// The right panel: the length of every step under each rule.
fn lengths_panel(article_steps: &[f64], classical_steps: &[f64]) -> Panel {
    let indexed = |v: &[f64]| -> Vec<(f64, f64)> {
        v.iter()
            .enumerate()
            .map(|(i, &s)| (i as f64 + 1.0, s))
            .collect()
    };
    let series = two_series(indexed(article_steps), indexed(classical_steps));
    let mut lengths = Panel::new("Length of each step", "step", "distance moved", series);
    lengths.x_range = Some((0.0, STEPS as f64));
    lengths.legend = Legend::TopRight;
    lengths
}

/// `momentum-paths.svg`: the two paths on the bowl's contours, and the
/// length of each step.
///
/// # Errors
/// Never in practice (the paths are finite); a chart error otherwise.
pub fn draw(_: &Inputs) -> Result<Vec<Drawn>, FigureError> {
    let article = article_path(LEARNING_RATE, MU, STEPS);
    let classical = classical_path(LEARNING_RATE, MU, STEPS);
    let (a_steps, c_steps) = (step_lengths(&article), step_lengths(&classical));
    let nominal = nominal_step();
    let chart = Chart {
        title: "The article's momentum at lr 0.01, mu 0.5: steps about 50 times the nominal one"
            .into(),
        notes: vec![
            format!(
                "Bowl 0.5*({A}*w1^2 + {B}*w2^2). Step 1 is lr*g for both rules ({nominal:.3}); step 2 is {:.3} under the article's rule ({:.0} times), {:.3} under classical momentum.",
                a_steps[1],
                a_steps[1] / nominal,
                c_steps[1]
            ),
            "The article adds mu times the raw previous gradient, not scaled by lr: its real learning rate is about lr + mu = 0.51.".into(),
        ],
        panels: vec![paths_panel(&article, &classical), lengths_panel(&a_steps, &c_steps)],
        columns: 2,
        cell: (PAGE_WIDTH / 2.0 + 40.0, 520.0),
    };
    Ok(vec![Drawn {
        file: "momentum-paths.svg".into(),
        svg: chart.to_svg()?,
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_steps_agree_then_the_article_steps_about_fifty_times_further() {
        let a = step_lengths(&article_path(LEARNING_RATE, MU, 3));
        let c = step_lengths(&classical_path(LEARNING_RATE, MU, 3));
        assert!((a[0] - c[0]).abs() < 1e-15 && (a[0] - nominal_step()).abs() < 1e-15);
        let ratio = a[1] / nominal_step();
        assert!((40.0..60.0).contains(&ratio), "{ratio}");
        assert!(c[1] / nominal_step() < 2.0);
    }

    #[test]
    fn article_rule_with_mu_zero_is_plain_gradient_descent_and_matches_classical() {
        assert_eq!(article_path(0.1, 0.0, 5), classical_path(0.1, 0.0, 5));
    }
}
