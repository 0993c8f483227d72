//! Snapshots of what a reader sees: the first epochs of seeded runs on the
//! digits, and the error messages for bad input. Floats are rounded so the
//! snapshots are stable; `cargo insta review` (or `INSTA_UPDATE=always`)
//! accepts an intended change.

use data::{DIGITS_CLASSES, DIGITS_FEATURES};
use improved::{Config, MlpNeuralNetwork, Samples};

fn digits_split(seed: u64) -> (data::Dataset, data::Dataset) {
    data::digits_train_test(seed, data::Scaling::MinMax).unwrap()
}

#[test]
fn improved_first_epochs_on_digits() {
    let (train, test) = digits_split(1);
    let config = Config {
        epochs: 5,
        seed: 1,
        ..Config::recommended()
    };
    let (mut net, mut trainer) = config.build(DIGITS_FEATURES, 100, DIGITS_CLASSES).unwrap();
    let train_samples = Samples::new(train.features(), train.labels()).unwrap();
    let test_samples = Samples::new(test.features(), test.labels()).unwrap();
    let history = trainer
        .fit(&mut net, &train_samples, Some(&test_samples))
        .unwrap();
    let lines: Vec<String> = history
        .epochs
        .iter()
        .map(|e| {
            format!(
                "epoch {}: loss {:.6}, learning rate {:.6}, test accuracy {:.4}",
                e.epoch + 1,
                e.loss,
                e.learning_rate,
                e.validation_accuracy.unwrap_or(f64::NAN)
            )
        })
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
}

#[test]
fn naive_first_iterations_on_digits() {
    let (train, _) = digits_split(1);
    let mut net = naive::MlpNeuralNetwork::new(
        DIGITS_FEATURES,
        100,
        DIGITS_CLASSES,
        &mut data::seeded_rng(1),
    )
    .unwrap();
    let history = net.train(&train.patterns(), 3, 0.0002).unwrap();
    let lines: Vec<String> = history
        .iter()
        .enumerate()
        .map(|(i, e)| {
            format!(
                "iteration {i}: last pattern {:.6}, mean {:.6}",
                e.last_pattern, e.mean
            )
        })
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
}

/// Every message a learner can meet for bad input, in one place.
#[test]
fn error_messages_for_bad_input() {
    let mut messages = Vec::new();
    let mut say = |what: &str, e: &dyn std::fmt::Display| messages.push(format!("{what}: {e}"));

    let mut n = naive::MlpNeuralNetwork::from_weights(vec![vec![0.1; 3]; 3], vec![vec![0.1; 2]; 3])
        .unwrap();
    say(
        "naive, 3 inputs to a 2-input network",
        &n.feed_forward(&[1.0, 2.0, 3.0]).unwrap_err(),
    );
    n.feed_forward(&[1.0, 2.0]).unwrap();
    say(
        "naive, 1 target for 2 outputs",
        &n.back_propagate(&[1.0], 0.1).unwrap_err(),
    );
    say(
        "naive, NaN input",
        &n.feed_forward(&[f64::NAN, 0.0]).unwrap_err(),
    );
    say(
        "naive, no hidden units",
        &naive::MlpNeuralNetwork::new(2, 0, 2, &mut data::seeded_rng(1)).unwrap_err(),
    );

    let bad = |config: Config| config.network(2, 3, 2).unwrap_err();
    say(
        "improved, learning rate 0",
        &bad(Config {
            learning_rate: 0.0,
            ..Config::default()
        }),
    );
    say(
        "improved, learning rate NaN",
        &bad(Config {
            learning_rate: f64::NAN,
            ..Config::default()
        }),
    );
    say(
        "improved, negative l2",
        &bad(Config {
            l2_in: -0.1,
            ..Config::default()
        }),
    );
    say(
        "improved, zero epochs",
        &bad(Config {
            epochs: 0,
            ..Config::default()
        }),
    );
    let mut m = Config::default().network(2, 3, 2).unwrap();
    say(
        "improved, 1 input to a 2-input network",
        &m.feed_forward(&[1.0]).unwrap_err(),
    );
    let wi = nalgebra::DMatrix::zeros(3, 4);
    let wo = nalgebra::DMatrix::zeros(3, 2);
    say(
        "improved, wo with 3 rows for 4 hidden units",
        &MlpNeuralNetwork::from_weights(wi, wo, Config::default().architecture()).unwrap_err(),
    );
    say(
        "improved, 3 features for 2 labels",
        &Samples::new(&[1.0, 2.0, 3.0], &[0, 1]).unwrap_err(),
    );

    say(
        "data, ragged rows",
        &data::Dataset::from_rows(&[vec![1.0, 2.0], vec![1.0]], vec![0, 1], 2).unwrap_err(),
    );
    say(
        "data, label 10 of 10 classes",
        &data::Dataset::from_rows(&[vec![1.0]], vec![10], 10).unwrap_err(),
    );
    say(
        "data, CSV with a word",
        &data::parse_csv("1,2,0\n1,two,1\n", 2).unwrap_err(),
    );
    say(
        "data, test fraction 1.5",
        &data::train_test_split(&data::digits().unwrap(), 1.5, &mut data::seeded_rng(1))
            .unwrap_err(),
    );
    say(
        "data, missing MNIST folder",
        &data::load_mnist("no/such/folder").unwrap_err(),
    );
    insta::assert_snapshot!(messages.join("\n"));
}
