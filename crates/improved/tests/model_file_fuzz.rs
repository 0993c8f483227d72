//! Whatever text a model file holds, loading it gives a network or an error,
//! never a panic.

use improved::{Config, MlpNeuralNetwork};
use proptest::prelude::*;

fn valid_text() -> String {
    MlpNeuralNetwork::new(3, 4, 2, &Config::default())
        .unwrap()
        .to_model_text()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = MlpNeuralNetwork::from_model_text(&text);
    }

    #[test]
    fn a_valid_file_with_one_line_changed_never_panics(
        line in 0usize..12,
        replacement in "[a-z0-9 .eE+-]{0,40}",
    ) {
        let mut lines: Vec<String> = valid_text().lines().map(String::from).collect();
        let at = line % lines.len();
        lines[at] = replacement;
        let _ = MlpNeuralNetwork::from_model_text(&lines.join("\n"));
    }

    #[test]
    fn a_truncated_valid_file_is_an_error(cut in 0usize..5000) {
        let text = valid_text();
        let cut = cut.min(text.len().saturating_sub(1));
        // Cutting inside the last number may leave a valid shorter number: only
        // cuts that drop at least one whole line must fail.
        let truncated = &text[..cut];
        if truncated.lines().count() < text.lines().count() - 1 {
            prop_assert!(MlpNeuralNetwork::from_model_text(truncated).is_err());
        }
    }
}
