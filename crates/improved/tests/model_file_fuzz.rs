//! Whatever text a model file holds, loading it gives a network or an error,
//! never a panic; and any finite weights come back bit for bit.

use improved::{Config, MlpNeuralNetwork};
use nalgebra::DMatrix;
use proptest::prelude::*;

fn valid_text() -> String {
    let (net, trainer) = Config::default().build(3, 4, 2).unwrap();
    net.to_model_text(&trainer)
}

/// Every finite f64: normal, subnormal and zero, of either sign.
fn finite() -> impl Strategy<Value = f64> {
    prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = MlpNeuralNetwork::from_model_text(&text);
    }

    #[test]
    fn a_valid_file_with_one_line_changed_never_panics(
        line in 0usize..20,
        replacement in "[a-z0-9 .eE+\\-\\[\\]{},:\"]{0,40}",
    ) {
        let mut lines: Vec<String> = valid_text().lines().map(String::from).collect();
        let at = line % lines.len();
        lines[at] = replacement;
        let _ = MlpNeuralNetwork::from_model_text(&lines.join("\n"));
    }

    #[test]
    fn a_valid_file_with_one_token_changed_never_panics(
        token in 0usize..200,
        replacement in prop_oneof![
            Just("null".to_string()), Just("NaN".to_string()), Just("-1e999".to_string()),
            Just("18446744073709551616".to_string()), Just("\"x\"".to_string()),
            Just("[]".to_string()), Just("{}".to_string()), Just("".to_string()),
            "[0-9.eE+-]{1,12}",
        ],
    ) {
        let text = valid_text();
        let tokens: Vec<&str> = text.split_inclusive([',', ':', '[', ']', '{', '}']).collect();
        let at = token % tokens.len();
        let changed: String = tokens.iter().enumerate()
            .map(|(i, t)| if i == at { replacement.as_str() } else { t })
            .collect();
        let _ = MlpNeuralNetwork::from_model_text(&changed);
    }

    #[test]
    fn a_truncated_valid_file_is_an_error(cut in 0usize..5000) {
        let text = valid_text();
        // Every cut before the closing brace leaves an unclosed object.
        let cut = cut % text.trim_end().len();
        prop_assert!(MlpNeuralNetwork::from_model_text(&text[..cut]).is_err());
    }

    #[test]
    fn any_finite_weights_come_back_bit_for_bit(
        wi in prop::collection::vec(finite(), 6),
        wo in prop::collection::vec(finite(), 3),
    ) {
        let net = MlpNeuralNetwork::from_weights(
            DMatrix::from_row_slice(2, 3, &wi),
            DMatrix::from_row_slice(3, 1, &wo),
            Config::default().architecture(),
        ).unwrap();
        let c = Config::default();
        let trainer = improved::Trainer::new(c.schedule(), c.sgd(), &net).unwrap();
        let back = MlpNeuralNetwork::from_model_text(&net.to_model_text(&trainer)).unwrap();
        let bits = |m: &DMatrix<f64>| m.iter().map(|w| w.to_bits()).collect::<Vec<_>>();
        prop_assert_eq!(bits(back.wi()), bits(net.wi()));
        prop_assert_eq!(bits(back.wo()), bits(net.wo()));
    }
}
