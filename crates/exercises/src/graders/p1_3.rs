//! Grader for lesson P1.3: feed forward.

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;

use super::{Exercise, Grade, inputs, mistake};

/// A 3-5-2 network (non-square, so swapped indices cannot pass) with
/// `naive`'s random weights for a fixed seed: `(wi, wo)`.
pub fn network_3_5_2() -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(13);
    let net = naive::MlpNeuralNetwork::new(3, 5, 2, &mut rng).expect("valid sizes");
    (net.wi, net.wo)
}

/// Grades `feed_forward` against `naive`'s: the same weights and inputs must
/// give the same hidden and output activations.
pub fn feed_forward(
    yours: impl Fn(&[f64], &[Vec<f64>], &[Vec<f64>]) -> (Vec<f64>, Vec<f64>),
) -> Grade {
    let exercise = Exercise::new("p1_3", "feed_forward").labelled(&["ah", "ao"]);
    let (wi, wo) = network_3_5_2();
    let x = vec![0.5, -1.0, 2.0];
    let got = exercise.run(|| yours(&x, &wi, &wo))?;
    let mut net = naive::MlpNeuralNetwork::from_weights(wi.clone(), wo.clone()).expect("valid");
    let ao = net.feed_forward(&x).expect("3 inputs");
    let expected = (net.ah.clone(), ao);

    let with_bias: Vec<f64> = x.iter().copied().chain([1.0]).collect();
    let bias_first: Vec<f64> = [1.0].into_iter().chain(x.iter().copied()).collect();
    let sigmoid: fn(f64) -> f64 = naive::sigmoid;
    let none: fn(f64) -> f64 = |s| s;
    let mistakes = [
        mistake(
            layers(&x, &wi[..3], &wo, sigmoid, sigmoid),
            "you left out the bias: the input activations are the inputs followed by a 1.0, \
             which brings in the last row of wi",
        ),
        mistake(
            layers(&bias_first, &wi, &wo, sigmoid, sigmoid),
            "you put the bias's 1.0 first: it goes last, with the last row of wi",
        ),
        mistake(
            layers(&with_bias, &wi, &wo, sigmoid, none),
            "your output activations are the weighted sums: squash them with the sigmoid",
        ),
        mistake(
            layers(&with_bias, &wi, &wo, none, sigmoid),
            "your hidden activations are the weighted sums: squash them with the sigmoid \
             before they feed the output layer",
        ),
    ];
    let input = inputs(&[("inputs", &x), ("wi", &wi), ("wo", &wo)]);
    exercise.expect(&input, &expected, &got, &mistakes)
}

/// One pass through both layers with activations of our choice, written the
/// way the lesson does; the mistakes above are this with one piece changed.
fn layers(
    ai: &[f64],
    wi: &[Vec<f64>],
    wo: &[Vec<f64>],
    hidden: fn(f64) -> f64,
    output: fn(f64) -> f64,
) -> (Vec<f64>, Vec<f64>) {
    let ah = layer(ai, wi, hidden);
    let ao = layer(&ah, wo, output);
    (ah, ao)
}

/// `out[k] = activation(sum over j of a[j] * w[j][k])`.
fn layer(a: &[f64], w: &[Vec<f64>], activation: fn(f64) -> f64) -> Vec<f64> {
    let columns = w[0].len();
    (0..columns)
        .map(|k| activation(a.iter().zip(w).map(|(a, row)| a * row[k]).sum()))
        .collect()
}
