//! Every figure of the lessons: regenerating it from its seeded run gives
//! exactly the committed file, the file is well-formed SVG with its titles
//! and axis labels, and a lesson shows it.
//!
//! The MNIST figures train small networks (a few seconds each with the
//! workspace's optimized dev profile); the ablation figure is redrawn from
//! the curves its example measured (`lessons/figures/ablation-digits.tsv`),
//! since measuring them again takes minutes.

use std::path::PathBuf;

use figures::{Drawn, Inputs, default_figures_dir, find, xml};

fn lessons_dir() -> PathBuf {
    default_figures_dir().join("..")
}

/// The first line where two texts differ, for a readable failure.
fn first_difference(a: &str, b: &str) -> String {
    for (n, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            let cut = |s: &str| s.chars().take(160).collect::<String>();
            return format!(
                "line {}:\n  regenerated: {}\n  committed:   {}",
                n + 1,
                cut(x),
                cut(y)
            );
        }
    }
    format!(
        "lengths differ: {} vs {} lines",
        a.lines().count(),
        b.lines().count()
    )
}

/// Regenerates figure `name`, checks each file against the committed one
/// and for the given texts, and checks a lesson shows it.
fn check(name: &str, texts: &[(&str, &[&str])]) -> Vec<Drawn> {
    let figure = find(name).unwrap();
    let drawn = (figure.draw)(&Inputs::default_paths()).unwrap();
    let files: Vec<&str> = drawn.iter().map(|d| d.file.as_str()).collect();
    assert_eq!(files, figure.files, "{name}: the files it says it writes");
    for d in &drawn {
        let parsed = xml::parse(&d.svg).unwrap_or_else(|e| panic!("{}: {e}", d.file));
        assert_eq!(parsed.root, "svg", "{}", d.file);
        let (_, wanted) = texts
            .iter()
            .find(|(f, _)| *f == d.file)
            .unwrap_or_else(|| panic!("{}: no expected texts given", d.file));
        for w in *wanted {
            assert!(
                parsed.texts.iter().any(|t| t.contains(w)),
                "{}: no text containing {w:?} in {:?}",
                d.file,
                parsed.texts
            );
        }
        let committed_path = default_figures_dir().join(&d.file);
        let committed = std::fs::read_to_string(&committed_path)
            .unwrap_or_else(|e| panic!("{}: {e}", committed_path.display()));
        assert!(
            d.svg == committed,
            "{} is not what `cargo run --release -p figures -- --only {name}` writes; rerun it. {}",
            d.file,
            first_difference(&d.svg, &committed)
        );
        let shown = figure.lesson.split(", ").any(|lesson| {
            std::fs::read_to_string(lessons_dir().join(lesson))
                .map(|text| text.contains(&format!("](figures/{})", d.file)))
                .unwrap_or(false)
        });
        assert!(shown, "{}: not shown in {}", d.file, figure.lesson);
    }
    drawn
}

#[test]
fn network_diagram_shows_weights_and_deltas_of_one_step() {
    let d = check(
        "network",
        &[(
            "network-step.svg",
            &[
                "Feed forward",
                "Back propagate",
                "bias",
                "0.15",
                "output_deltas[0]",
                "hidden_deltas[2]",
                "-0.1125",
            ],
        )],
    );
    // 15 weights, each labelled in the forward panel; 6 backward arrows.
    assert_eq!(d[0].svg.matches(r#"marker-end="url(#arrow)""#).count(), 6);
}

#[test]
fn activation_figures_mark_the_saturated_regions() {
    check(
        "activations",
        &[
            (
                "sigmoid.svg",
                &[
                    "sigmoid(x)",
                    "saturated",
                    "|x| > 3.64",
                    "x (the weighted sum",
                ],
            ),
            (
                "activations.svg",
                &["tanh(x)", "slope: dtanh", "|x| > 1.82 for tanh", "value"],
            ),
        ],
    );
}

#[test]
fn hidden_unit_images_come_from_a_real_mnist_run() {
    let d = check(
        "hidden-units",
        &[(
            "hidden-units.svg",
            &[
                "at initialization",
                "without L2",
                "with L2 0.01",
                "val. acc.",
            ],
        )],
    );
    assert_eq!(
        d[0].svg.matches("<image ").count(),
        3,
        "three grids of 64 units"
    );
}

#[test]
fn mistakes_gallery_and_confusion_matrix_agree() {
    let d = check(
        "mistakes",
        &[
            (
                "digits-mistakes.svg",
                &["gets wrong", "true", "said", "p = "],
            ),
            (
                "digits-confusion.svg",
                &["predicted digit", "true digit", "on the diagonal"],
            ),
        ],
    );
    let images = d[0].svg.matches("<image ").count();
    assert!(
        d[1].svg.contains(&format!(", {images} off it")),
        "the gallery shows every mistake the matrix counts"
    );
}

#[test]
fn overfitting_figure_shows_training_and_validation_curves() {
    check(
        "overfitting",
        &[(
            "overfitting.svg",
            &[
                "training images",
                "validation images",
                "no L2",
                "L2 0.01",
                "epoch",
                "accuracy",
                "mean loss",
                "Accuracy after epoch 40, training vs validation",
            ],
        )],
    );
}

#[test]
fn momentum_figure_shows_both_rules_on_the_bowl() {
    check(
        "momentum",
        &[(
            "momentum-paths.svg",
            &[
                "article: w -= lr*g + mu*g_prev",
                "classical: v = mu*v - lr*g",
                "w1",
                "w2",
                "distance moved",
                "(51 times)",
            ],
        )],
    );
}

#[test]
fn ablation_figures_are_drawn_from_the_measured_curves() {
    check(
        "ablation",
        &[
            (
                "ablation-digits-accuracy.svg",
                &[
                    "one panel per configuration",
                    "baseline",
                    "recommended",
                    "epoch",
                ],
            ),
            (
                "ablation-digits-loss.svg",
                &[
                    "training squared error",
                    "training cross-entropy",
                    "separate axes",
                ],
            ),
        ],
    );
}

#[test]
fn the_mnist_ablation_figures_are_drawn_from_its_measured_curves() {
    check(
        "ablation-mnist",
        &[
            (
                "ablation-mnist-accuracy.svg",
                &["mnist: validation accuracy", "baseline", "epoch"],
            ),
            (
                "ablation-mnist-loss.svg",
                &["training squared error", "training cross-entropy"],
            ),
        ],
    );
}

#[test]
fn the_deskew_figure_shows_digits_before_and_after() {
    check(
        "deskew",
        &[("deskew.svg", &["as written", "deskewed", "slant"])],
    );
}

#[test]
fn error_curve_draws_back_propagations_slope_as_the_tangent() {
    let d = check(
        "error-curve",
        &[(
            "error-curve.svg",
            &[
                "E as wo[1][0] alone changes",
                "E as wi[0][2] alone changes",
                // The step-through's change for wo[1][0] is -0.052048.
                "slope -0.0520 = output_deltas[0] x ah[1]",
                "slope 0.0255 = hidden_deltas[2] x ai[0]",
                "downhill is to the right",
            ],
        )],
    );
    assert_eq!(
        d[0].svg.matches("<polyline").count(),
        6,
        "curve, tangent, dot, twice"
    );
}

#[test]
fn nudge_figure_sets_measured_slopes_beside_back_propagations_for_all_15_weights() {
    let d = check(
        "nudge",
        &[(
            "nudge-slopes.svg",
            &[
                "Nudge one weight, watch E",
                "h = 0.001",
                "wo[1][0]",
                "wi[2][2]",
                "bias to hidden 2",
                "Largest difference",
            ],
        )],
    );
    // Two bars per weight; the step-through's change -0.052048 twice.
    let bars = d[0].svg.matches(r##"fill="#D55E00""##).count();
    assert_eq!(bars, 15, "one back-propagation bar per weight");
    assert_eq!(d[0].svg.matches(">-0.052048<").count(), 2);
}

#[test]
fn output_wants_figure_builds_each_hidden_delta_from_the_outputs_asks() {
    check(
        "output-wants",
        &[(
            "output-wants.svg",
            &[
                "wants to go up",
                "wants to go down",
                "they disagree",
                // The step-through's hidden deltas.
                "so hidden_deltas[0] = -0.0206",
                "so hidden_deltas[2] = +0.0255",
                "push on its sum: +0.1125",
            ],
        )],
    );
}

#[test]
fn loss_surface_shows_a_real_descent_on_two_weights() {
    let d = check(
        "loss-surface",
        &[(
            "loss-surface.svg",
            &[
                "wi[2][2] (bias to hidden 2)",
                "wo[2][0] (hidden 2 to output 0)",
                "start, E = 0.2405",
                "after 60 steps, E = 0.15",
                "error E",
            ],
        )],
    );
    assert_eq!(
        d[0].svg.matches("<image ").count(),
        2,
        "the surface and its colour bar"
    );
    assert_eq!(
        d[0].svg.matches("<path d=\"M").count(),
        9,
        "nine contour lines"
    );
}

#[test]
fn gradient_cost_is_drawn_from_the_recorded_measurement_on_log_axes() {
    let d = check(
        "gradient-cost",
        &[(
            "gradient-cost.svg",
            &[
                "Seconds for one gradient",
                "finite differences",
                "back-propagation",
                "number of weights",
                "10^4",
                "h = 2, 5, 10, 20, 50, 100",
            ],
        )],
    );
    assert_eq!(d[0].svg.matches("<polyline").count(), 4);
}

#[test]
fn computational_graph_shows_forward_values_and_backward_slopes_of_the_2_3_2_network() {
    check(
        "computational-graph",
        &[(
            "computational-graph.svg",
            &[
                "computational graph",
                "dE/dz^o = delta^o",
                "(-0.1125, 0.1308)",
                "(-0.0206, -0.0061, 0.0255)",
                "dE/dW^o = a^h (delta^o)^T",
                "reverse mode",
            ],
        )],
    );
}

#[test]
fn every_svg_in_the_figures_folder_is_made_by_some_figure() {
    let made: Vec<&str> = figures::all()
        .iter()
        .flat_map(|f| f.files.iter().copied())
        .collect();
    for entry in std::fs::read_dir(default_figures_dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".svg") {
            assert!(made.contains(&name.as_str()), "{name}: no figure makes it");
        }
    }
}

#[test]
fn unknown_figure_names_are_an_error_listing_the_names() {
    let e = find("nope").unwrap_err().to_string();
    assert!(
        e.contains("network, activations") && e.contains("\"nope\""),
        "{e}"
    );
}
