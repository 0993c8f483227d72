//! A seeded run of the part-1 network on the digits, pinned by a snapshot:
//! if anything in the data pipeline, the network or the report changes the
//! numbers, this test shows the difference.

use data::metrics::ClassificationReport;
use data::{DIGITS_CLASSES, DIGITS_FEATURES, MinMaxScaler, argmax};
use naive::MlpNeuralNetwork;

#[test]
fn seeded_digits_run_gives_the_same_classification_report() {
    // The digits example's pipeline, shortened: 20 hidden units, 10 iterations.
    let mut rng = data::seeded_rng(1);
    let digits = data::digits().unwrap();
    let (mut train, mut test) = data::train_test_split(&digits, 0.25, &mut rng).unwrap();
    let scaler = MinMaxScaler::fit(&train);
    scaler.transform(&mut train).unwrap();
    scaler.transform(&mut test).unwrap();
    let mut net = MlpNeuralNetwork::new(DIGITS_FEATURES, 20, DIGITS_CLASSES, &mut rng).unwrap();
    let history = net.train(&train.patterns(), 10, 0.0002).unwrap();
    let predicted: Vec<usize> = net
        .predict(test.rows())
        .unwrap()
        .iter()
        .map(|o| argmax(o))
        .collect();
    let report = ClassificationReport::new(test.labels(), &predicted).unwrap();

    let errors: Vec<String> = history.iter().map(|e| format!("{:.6}", e.mean)).collect();
    insta::assert_snapshot!(format!(
        "mean error per iteration: {}\n\n{report}",
        errors.join(" ")
    ));
}
