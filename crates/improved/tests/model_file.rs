//! Saving and loading a network (`improved::model_file`): a round trip gives
//! the same bits and the same predictions, and every malformed file is an
//! error naming the line, what was expected and what came.

use improved::{Config, Hidden, MlpNeuralNetwork, ModelFileError, Output, Samples};

/// A trained 3-5-2 network (non-square, so a transposed matrix cannot pass).
fn trained(hidden: Hidden, output: Output) -> MlpNeuralNetwork {
    let features: Vec<f64> = (0..60)
        .map(|i| ((i * 7) % 11) as f64 / 11.0 - 0.4)
        .collect();
    let labels: Vec<usize> = features
        .chunks_exact(3)
        .map(|x| usize::from(x[0] + x[1] > x[2]))
        .collect();
    let config = Config {
        hidden,
        output,
        epochs: 5,
        learning_rate: 0.1,
        seed: 3,
        ..Config::default()
    };
    let mut net = MlpNeuralNetwork::new(3, 5, 2, &config).unwrap();
    let mut trainer = improved::Trainer::new(&config, &net).unwrap();
    trainer
        .fit(&mut net, &Samples::new(&features, &labels).unwrap(), None)
        .unwrap();
    net
}

/// The model text of a small hand-written 1-2-3 network (wi is 2x2, wo 2x3).
fn small() -> String {
    "handcrafted-mlp 1\n\
     layers 1 2 3\n\
     hidden tanh\n\
     output softmax\n\
     wi 2 2\n\
     1.5e0 -2e-1\n\
     0e0 3e0\n\
     wo 2 3\n\
     1e0 2e0 3e0\n\
     4e0 5e0 6e0\n"
        .to_string()
}

/// `small()` with line `line` (from 1) replaced by `with`, or removed.
fn edit(line: usize, with: Option<&str>) -> String {
    let text = small();
    let mut lines: Vec<&str> = text.lines().collect();
    match with {
        Some(w) => lines[line - 1] = w,
        None => {
            lines.remove(line - 1);
        }
    }
    lines.join("\n") + "\n"
}

fn error(text: &str) -> String {
    MlpNeuralNetwork::from_model_text(text)
        .unwrap_err()
        .to_string()
}

#[test]
fn round_trip_gives_bit_identical_weights_and_the_same_predictions() {
    for (hidden, output) in [
        (Hidden::Tanh, Output::Softmax),
        (Hidden::Sigmoid, Output::Logistic),
    ] {
        let mut net = trained(hidden, output);
        let mut back = MlpNeuralNetwork::from_model_text(&net.to_model_text()).unwrap();
        let bits = |n: &MlpNeuralNetwork| -> Vec<u64> {
            n.wi()
                .iter()
                .chain(n.wo().iter())
                .map(|w| w.to_bits())
                .collect()
        };
        assert_eq!(bits(&back), bits(&net));
        assert_eq!(back.wi().shape(), (4, 5));
        assert_eq!(back.wo().shape(), (5, 2));
        assert_eq!(
            (back.config().hidden, back.config().output),
            (hidden, output)
        );
        let rows: Vec<f64> = (0..30).map(|i| (i as f64 * 0.37).sin()).collect();
        assert_eq!(back.predict(&rows).unwrap(), net.predict(&rows).unwrap());
        assert_eq!(
            back.predict_class(&rows).unwrap(),
            net.predict_class(&rows).unwrap()
        );
    }
}

#[test]
fn extreme_values_survive_the_text() {
    let text = small().replace("1.5e0 -2e-1", "5e-324 -1.7976931348623157e308");
    let net = MlpNeuralNetwork::from_model_text(&text).unwrap();
    assert_eq!(net.wi()[(0, 0)], 5e-324);
    assert_eq!(net.wi()[(0, 1)], -f64::MAX);
    let again = MlpNeuralNetwork::from_model_text(&net.to_model_text()).unwrap();
    assert_eq!(again.wi(), net.wi());
}

#[test]
fn the_format_starts_with_name_version_layers_and_activations() {
    let net = trained(Hidden::Tanh, Output::Softmax);
    let text = net.to_model_text();
    let head: Vec<&str> = text.lines().take(5).collect();
    assert_eq!(
        head,
        [
            "handcrafted-mlp 1",
            "layers 3 5 2",
            "hidden tanh",
            "output softmax",
            "wi 4 5"
        ]
    );
    assert_eq!(text.lines().count(), 5 + 4 + 1 + 5);
    assert_eq!(text.lines().nth(9), Some("wo 5 2"));
    let hand = MlpNeuralNetwork::from_model_text(&small()).unwrap();
    // `small()` is written the way `{:e}` writes: it comes back unchanged.
    assert_eq!(hand.to_model_text(), small());
}

#[test]
fn save_and_load_through_a_file() {
    let dir = std::env::temp_dir().join(format!("improved-model-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("net.txt");
    let net = trained(Hidden::Tanh, Output::Softmax);
    net.save(&path).unwrap();
    let back = MlpNeuralNetwork::load(&path).unwrap();
    assert_eq!(back.wi(), net.wi());
    assert_eq!(back.wo(), net.wo());
    std::fs::write(&path, edit(1, Some("handcrafted-mlp 2"))).unwrap();
    let e = MlpNeuralNetwork::load(&path).unwrap_err().to_string();
    assert!(
        e.starts_with(&format!("{}: line 1: ", path.display())),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let e = MlpNeuralNetwork::load("no/such/model.txt").unwrap_err();
    assert!(matches!(e, ModelFileError::Io { .. }), "{e:?}");
    assert!(
        e.to_string()
            .starts_with("no/such/model.txt: cannot read the model: "),
        "{e}"
    );
}

#[test]
fn another_version_is_an_error() {
    assert_eq!(
        error(&edit(1, Some("handcrafted-mlp 2"))),
        "line 1: expected `handcrafted-mlp 1`, got `handcrafted-mlp 2`: \
         this program reads version 1 of the model format only"
    );
}

#[test]
fn another_format_is_an_error() {
    assert_eq!(
        error("P5\n28 28\n"),
        "line 1: expected `handcrafted-mlp 1` (a handcrafted model file), got `P5`"
    );
    assert_eq!(
        error(""),
        "line 1: expected the format line, got the end of the file (truncated?)"
    );
}

#[test]
fn bad_layer_sizes_are_errors() {
    assert_eq!(
        error(&edit(2, Some("layers 1 2"))),
        "line 2: expected three whole numbers above 0, got `1 2`"
    );
    assert_eq!(
        error(&edit(2, Some("layers 1 0 3"))),
        "line 2: expected three whole numbers above 0, got `1 0 3`"
    );
    assert_eq!(
        error(&edit(2, Some("sizes 1 2 3"))),
        "line 2: expected `layers ...` (the layer sizes: inputs hidden outputs), got `sizes 1 2 3`"
    );
}

#[test]
fn unknown_activations_are_errors() {
    assert_eq!(
        error(&edit(3, Some("hidden relu"))),
        "line 3: expected `hidden sigmoid` or `hidden tanh`, got `hidden relu`"
    );
    assert_eq!(
        error(&edit(4, Some("output linear"))),
        "line 4: expected `output logistic` or `output softmax`, got `output linear`"
    );
}

#[test]
fn a_matrix_shape_that_does_not_follow_from_the_layers_is_an_error() {
    assert_eq!(
        error(&edit(5, Some("wi 3 2"))),
        "line 5: expected `wi 2 2` (the shape the layers give), got `wi 3 2`"
    );
    assert_eq!(
        error(&edit(8, Some("wo 3 3"))),
        "line 8: expected `wo 2 3` (the shape the layers give), got `wo 3 3`"
    );
    // Layers that disagree with the rows: 3 hidden units, rows of 2.
    let text = small().replace("layers 1 2 3", "layers 1 3 3");
    assert_eq!(
        error(&text.replace("wi 2 2", "wi 2 3")),
        "line 6: expected row 0 of wi: 3 numbers, got 2 numbers"
    );
}

#[test]
fn a_row_of_the_wrong_length_is_an_error() {
    assert_eq!(
        error(&edit(10, Some("4e0 5e0"))),
        "line 10: expected row 1 of wo: 3 numbers, got 2 numbers"
    );
    assert_eq!(
        error(&edit(6, Some("1 2 3"))),
        "line 6: expected row 0 of wi: 2 numbers, got 3 numbers"
    );
}

#[test]
fn a_truncated_file_is_an_error() {
    let text = small();
    let cut: String = text.lines().take(8).map(|l| format!("{l}\n")).collect();
    assert_eq!(
        error(&cut),
        "line 9: expected row 0 of wo: 3 numbers, got the end of the file (truncated?)"
    );
    let cut: String = text.lines().take(4).map(|l| format!("{l}\n")).collect();
    assert_eq!(
        error(&cut),
        "line 5: expected `wi 2 2` (the shape the layers give), got the end of the file (truncated?)"
    );
}

#[test]
fn a_word_that_is_not_a_number_is_an_error() {
    assert_eq!(
        error(&edit(7, Some("0e0 three"))),
        "line 7: expected a finite number (row 1 of wi: 2 numbers, column 1), got `three`"
    );
}

#[test]
fn nan_and_infinity_are_errors() {
    for word in ["NaN", "inf", "-infinity", "1e999"] {
        assert_eq!(
            error(&edit(9, Some(&format!("1e0 {word} 3e0")))),
            format!(
                "line 9: expected a finite number (row 0 of wo: 3 numbers, column 1), got `{word}`"
            )
        );
    }
}

#[test]
fn extra_lines_are_an_error_and_blank_lines_at_the_end_are_not() {
    assert_eq!(
        error(&(small() + "7e0 8e0 9e0\n")),
        "line 11: expected the end of the file after wo, got `7e0 8e0 9e0`"
    );
    assert!(MlpNeuralNetwork::from_model_text(&(small() + "\n\n")).is_ok());
    assert!(MlpNeuralNetwork::from_model_text(&small().replace('\n', "\r\n")).is_ok());
}
