//! Saving and loading a network (`improved::model_file`): a round trip gives
//! the same bits, the same config and the same predictions, and every
//! malformed file is an error saying what is wrong.

use improved::{
    Config, Hidden, MlpNeuralNetwork, ModelFileError, Momentum, Output, Samples, Trainer,
};

/// A trained 3-5-2 network (non-square, so a transposed matrix cannot pass).
fn trained(hidden: Hidden, output: Output) -> (MlpNeuralNetwork, Trainer) {
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
        momentum: Momentum::Classical(0.5),
        l2_in: 0.001,
        rate_decay: 0.01,
        seed: 3,
        ..Config::default()
    };
    let (mut net, mut trainer) = config.build(3, 5, 2).unwrap();
    trainer
        .fit(&mut net, &Samples::new(&features, &labels).unwrap(), None)
        .unwrap();
    (net, trainer)
}

/// A trainer with `config`'s settings, for writing a network not trained here.
fn trainer_for(net: &MlpNeuralNetwork, config: &Config) -> Trainer {
    Trainer::new(config.schedule(), config.sgd(), net).unwrap()
}

/// A hand-written 1-2-3 network (wi is 2x2, wo 2x3): the module docs' example.
const SMALL: &str = r#"{
  "format": "handcrafted-mlp",
  "version": 2,
  "config": {"hidden":"tanh","output":"softmax","init":"scaled","shuffle":true,"l2_in":0.0,"l2_out":0.0,"momentum":{"rule":"classical","mu":0.9},"rate_decay":0.0,"epochs":50,"learning_rate":0.01,"seed":1,"engine":"fused"},
  "layers": [1, 2, 3],
  "wi": [
    [1.5, -0.2],
    [0.0, 3.0]
  ],
  "wo": [
    [1.0, 2.0, 3.0],
    [4.0, 5.0, 6.0]
  ]
}
"#;

/// `SMALL` with its line `line` (from 1) replaced by `with`.
fn edit(line: usize, with: &str) -> String {
    let mut lines: Vec<&str> = SMALL.lines().collect();
    lines[line - 1] = with;
    lines.join("\n") + "\n"
}

fn error(text: &str) -> String {
    MlpNeuralNetwork::from_model_text(text)
        .unwrap_err()
        .to_string()
}

fn bits(n: &MlpNeuralNetwork) -> Vec<u64> {
    n.wi()
        .iter()
        .chain(n.wo().iter())
        .map(|w| w.to_bits())
        .collect()
}

#[test]
fn round_trip_gives_bit_identical_weights_the_same_config_and_predictions() {
    for (hidden, output) in [
        (Hidden::Tanh, Output::Softmax),
        (Hidden::Sigmoid, Output::Logistic),
    ] {
        let (mut net, trainer) = trained(hidden, output);
        let text = net.to_model_text(&trainer);
        let (mut back, config) = MlpNeuralNetwork::from_model_text_with_config(&text).unwrap();
        assert_eq!(bits(&back), bits(&net));
        assert_eq!(back.wi().shape(), (4, 5));
        assert_eq!(back.wo().shape(), (5, 2));
        assert_eq!(back.architecture(), net.architecture());
        assert_eq!(config, trainer.config(&net));
        let rows: Vec<f64> = (0..30).map(|i| (i as f64 * 0.37).sin()).collect();
        assert_eq!(back.predict(&rows).unwrap(), net.predict(&rows).unwrap());
        assert_eq!(
            back.predict_class(&rows).unwrap(),
            net.predict_class(&rows).unwrap()
        );
    }
}

#[test]
fn extreme_values_survive_bit_for_bit() {
    let extremes = [
        f64::MIN_POSITIVE,
        5e-324,                   // the smallest subnormal
        2.225_073_858_507_2e-308, // the largest subnormal
        -0.0,
        1e308,
        -f64::MAX,
        0.1 + 0.2,
        1.0 / 3.0,
    ];
    let wi = nalgebra::DMatrix::from_row_slice(2, 4, &extremes);
    let wo = nalgebra::DMatrix::from_row_slice(4, 1, &[1.0, -1.0, 0.5, 2.0]);
    let net = MlpNeuralNetwork::from_weights(wi, wo, Config::default().architecture()).unwrap();
    let text = net.to_model_text(&trainer_for(&net, &Config::default()));
    let back = MlpNeuralNetwork::from_model_text(&text).unwrap();
    assert_eq!(bits(&back), bits(&net));
    assert!(back.wi()[(0, 3)].is_sign_negative(), "-0.0 keeps its sign");
}

#[test]
fn the_file_is_json_with_one_weight_row_per_line() {
    let (net, trainer) = trained(Hidden::Tanh, Output::Softmax);
    let text = net.to_model_text(&trainer);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["format"], "handcrafted-mlp");
    assert_eq!(json["version"], 2);
    assert_eq!(json["layers"], serde_json::json!([3, 5, 2]));
    assert_eq!(json["config"]["hidden"], "tanh");
    assert_eq!(json["wi"].as_array().unwrap().len(), 4);
    assert_eq!(json["wo"][4].as_array().unwrap().len(), 2);
    // 4 header lines, "wi": [, 4 rows, ], "wo": [, 5 rows, ], braces.
    assert_eq!(text.lines().count(), 2 + 4 + (2 + 4) + (2 + 5));
    let (hand, config) = MlpNeuralNetwork::from_model_text_with_config(SMALL).unwrap();
    assert_eq!(config, Config::recommended());
    // `SMALL` is written the way `to_model_text` writes: it comes back unchanged.
    assert_eq!(hand.to_model_text(&trainer_for(&hand, &config)), SMALL);
}

#[test]
fn the_module_docs_show_this_very_file() {
    let docs: String = include_str!("../src/model_file.rs")
        .lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .map(|l| format!("{}\n", l.strip_prefix(' ').unwrap_or(l)))
        .collect();
    let example = docs.split("```json\n").nth(1).unwrap().split("```").next();
    assert_eq!(example, Some(SMALL));
}

#[test]
fn save_and_load_through_a_file() {
    let dir = std::env::temp_dir().join(format!("improved-model-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("net.json");
    let (net, trainer) = trained(Hidden::Tanh, Output::Softmax);
    net.save(&path, &trainer).unwrap();
    let back = MlpNeuralNetwork::load(&path).unwrap();
    assert_eq!(bits(&back), bits(&net));
    assert_eq!(back.architecture(), net.architecture());
    std::fs::write(&path, edit(3, r#"  "version": 3,"#)).unwrap();
    let e = MlpNeuralNetwork::load(&path).unwrap_err().to_string();
    assert_eq!(
        e,
        format!(
            "{}: expected \"version\": 2, got 3: this program reads version 2 of the model format only",
            path.display()
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let e = MlpNeuralNetwork::load("no/such/model.json").unwrap_err();
    assert!(matches!(e, ModelFileError::Io { .. }), "{e:?}");
    assert!(
        e.to_string()
            .starts_with("no/such/model.json: cannot read the model: "),
        "{e}"
    );
}

#[test]
fn a_version_1_text_file_says_it_is_the_old_format_and_what_to_do() {
    let old = "handcrafted-mlp 1\nlayers 1 2 3\nhidden tanh\noutput softmax\nwi 2 2\n";
    assert_eq!(
        error(old),
        "this model is in the old text format (version 1, first line `handcrafted-mlp 1`); \
         this program reads version 2, a JSON file, only: \
         train the network again and save it with `--save FILE`"
    );
}

#[test]
fn text_that_is_not_json_is_an_error_with_line_and_column() {
    assert_eq!(
        error("P5\n28 28\n"),
        "not a JSON model file: expected value at line 1 column 1"
    );
    assert_eq!(
        error(&edit(7, "    [0.0 3.0]")),
        "not a JSON model file: expected `,` or `]` at line 7 column 10"
    );
    assert_eq!(
        error(""),
        "not a JSON model file: EOF while parsing a value at line 1 column 0 \
         (the file ends too early: truncated?)"
    );
}

#[test]
fn a_truncated_file_is_an_error() {
    let cut = &SMALL[..SMALL.find("[4.0").unwrap()];
    assert_eq!(
        error(cut),
        "not a JSON model file: EOF while parsing a value at line 12 column 4 \
         (the file ends too early: truncated?)"
    );
}

#[test]
fn another_format_or_version_is_an_error() {
    assert_eq!(
        error(&edit(2, r#"  "format": "onnx","#)),
        "expected \"format\": \"handcrafted-mlp\", got \"onnx\": not a handcrafted model file"
    );
    assert_eq!(
        error(r#"{"weights": [1, 2]}"#),
        "expected \"format\": \"handcrafted-mlp\", got no such field: not a handcrafted model file"
    );
    assert_eq!(
        error(&edit(3, r#"  "version": 1,"#)),
        "expected \"version\": 2, got 1: this program reads version 2 of the model format only"
    );
    assert_eq!(
        error(&edit(3, "")),
        "expected \"version\": 2, got no such field: this program reads version 2 of the model format only"
    );
    assert_eq!(
        error("[1, 2]"),
        "not a model: invalid type: integer `1`, expected a string at line 1 column 2"
    );
}

#[test]
fn missing_unknown_or_mistyped_fields_are_errors() {
    let no_wo = SMALL.replace(
        "],\n  \"wo\": [\n    [1.0, 2.0, 3.0],\n    [4.0, 5.0, 6.0]\n  ]",
        "]",
    );
    assert_eq!(
        error(&no_wo),
        "not a model: missing field `wo` at line 10 column 1"
    );
    assert_eq!(
        error(&SMALL.replace("\"wo\"", "\"w_o\"")),
        "not a model: unknown field `w_o`, expected one of `format`, `version`, `config`, \
         `layers`, `wi`, `wo` at line 10 column 7"
    );
    assert_eq!(
        error(&edit(7, r#"    [0.0, "three"],"#)),
        "not a model: invalid type: string \"three\", expected f64 at line 7 column 17"
    );
    assert_eq!(
        error(&edit(5, r#"  "layers": [1, 2],"#)),
        "not a model: invalid length 2, expected an array of length 3 at line 5 column 18"
    );
    assert_eq!(
        error(&SMALL.replace("\"tanh\"", "\"relu\"")),
        "not a model: unknown variant `relu`, expected `sigmoid` or `tanh` at line 4 column 28"
    );
}

#[test]
fn an_invalid_config_is_an_error_with_its_message() {
    let text = SMALL.replace("\"learning_rate\":0.01", "\"learning_rate\":-0.5");
    assert_eq!(
        error(&text),
        "invalid config: learning_rate: expected a finite number above 0, got -0.5"
    );
}

#[test]
fn shapes_that_do_not_follow_from_the_layers_are_errors() {
    let cases = [
        (
            r#"  "layers": [2, 2, 3],"#,
            "wi has 2 rows, expected 3 (inputs + 1, the bias row last)",
        ),
        (
            r#"  "layers": [1, 3, 3],"#,
            "row 0 of wi has 2 numbers, expected 3 (one per hidden unit)",
        ),
        (
            r#"  "layers": [1, 2, 2],"#,
            "row 0 of wo has 3 numbers, expected 2 (one per output unit)",
        ),
    ];
    for (layers, message) in cases {
        assert_eq!(error(&edit(5, layers)), message);
    }
    assert_eq!(
        error(&edit(8, "    [0.0, 3.0, 4.0]")),
        "row 1 of wi has 3 numbers, expected 2 (one per hidden unit)"
    );
    assert_eq!(
        error(&SMALL.replace(",\n    [4.0, 5.0, 6.0]", "")),
        "wo has 1 rows, expected 2 (one per hidden unit)"
    );
    assert_eq!(
        error(&edit(5, r#"  "layers": [1, 0, 3],"#)),
        "row 0 of wi has 2 numbers, expected 0 (one per hidden unit)"
    );
}

#[test]
fn nan_and_infinity_are_errors_saying_json_cannot_hold_them() {
    for (word, serde) in [
        ("NaN", "expected value at line 7 column 11"),
        ("Infinity", "expected value at line 7 column 11"),
        ("-inf", "invalid number at line 7 column 12"),
    ] {
        assert_eq!(
            error(&edit(7, &format!("    [0.0, {word}],"))),
            format!(
                "not a JSON model file: {serde} \
                 (JSON cannot hold NaN or infinity, and a model's weights must be finite numbers)"
            )
        );
    }
    assert_eq!(
        error(&edit(7, "    [0.0, 1e999],")),
        "not a JSON model file: number out of range at line 7 column 15 \
         (JSON cannot hold NaN or infinity, and a model's weights must be finite numbers)"
    );
    assert_eq!(
        error(&edit(7, "    [0.0, null],")),
        "row 0 of wi, column 1: expected a finite number, got null \
         (JSON cannot hold NaN or infinity: a writer that meets one writes null)"
    );
}

/// A fresh folder under the system's temporary directory, removed on drop.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(test: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("improved-save-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn a_save_path_is_checked_before_training_naming_what_is_wrong() {
    use improved::model_file::{Existing, check_save_path};
    let dir = TempDir::new("check");
    let missing = dir.0.join("missing/model.json");
    let e = check_save_path(&missing, false).unwrap_err().to_string();
    assert!(e.starts_with(&missing.display().to_string()), "{e}");
    assert!(
        e.contains("does not exist (create the folder first)"),
        "{e}"
    );
    let e = check_save_path(&dir.0, false).unwrap_err().to_string();
    assert!(e.contains("is a folder: expected a file name"), "{e}");
    let fresh = dir.0.join("model.json");
    assert_eq!(check_save_path(&fresh, false), Ok(Existing::Nothing));
    let (net, trainer) = trained(Hidden::Tanh, Output::Softmax);
    net.save(&fresh, &trainer).unwrap();
    assert_eq!(check_save_path(&fresh, false), Ok(Existing::Model));
    std::fs::write(dir.0.join("old.model"), "handcrafted-mlp 1\n3 5 2\n").unwrap();
    assert_eq!(
        check_save_path(dir.0.join("old.model"), false),
        Ok(Existing::Model)
    );
}

#[test]
fn saving_over_a_file_that_is_not_a_model_is_refused_unless_forced() {
    let dir = TempDir::new("refuse");
    let path = dir.0.join("notes.md");
    std::fs::write(&path, "# my notes\n").unwrap();
    let (net, trainer) = trained(Hidden::Tanh, Output::Softmax);
    let e = net.save(&path, &trainer).unwrap_err().to_string();
    assert!(
        e.contains("notes.md: exists and is not a model file"),
        "{e}"
    );
    assert!(e.contains("--force"), "{e}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# my notes\n");
    net.save_replacing_anything(&path, &trainer).unwrap();
    assert_eq!(bits(&MlpNeuralNetwork::load(&path).unwrap()), bits(&net));
}

#[test]
fn a_failed_save_leaves_the_previous_model_untouched() {
    let dir = TempDir::new("failed");
    let path = dir.0.join("net.json");
    let (net, trainer) = trained(Hidden::Tanh, Output::Softmax);
    net.save(&path, &trainer).unwrap();
    let before = std::fs::read(&path).unwrap();
    // The write fails after every check (the temporary file's name is taken
    // by a folder, where a full disk or a killed process would fail it).
    let blocker = dir.0.join(format!(".net.json.{}.tmp", std::process::id()));
    std::fs::create_dir(&blocker).unwrap();
    let (other, other_trainer) = trained(Hidden::Sigmoid, Output::Logistic);
    let e = other.save(&path, &other_trainer).unwrap_err().to_string();
    assert!(e.contains("net.json: cannot be written"), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    std::fs::remove_dir(&blocker).unwrap();
    other.save(&path, &other_trainer).unwrap();
    assert_eq!(bits(&MlpNeuralNetwork::load(&path).unwrap()), bits(&other));
    let names: Vec<_> = std::fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["net.json"], "no temporary file left behind");
}
