//! Back-propagation in the part-1 network computes the true gradient.
//!
//! For every weight, the `change` that `back_propagate` computes (and stores
//! in `ci`/`co`) must equal the slope of the pattern's error
//! `E = sum_k 0.5 * (t_k - ao_k)^2` with respect to that weight, measured by
//! central finite differences: `(E(w + h) - E(w - h)) / 2h`.

use naive::MlpNeuralNetwork;
use rand::RngExt;

/// Relative tolerance, with an absolute floor for gradients near 0 (where
/// the finite difference is dominated by rounding, about 1e-11 here).
fn agree(analytic: f64, numeric: f64) -> bool {
    (analytic - numeric).abs() <= 1e-6 * analytic.abs().max(numeric.abs()) + 1e-9
}

fn random_net(features: usize, hidden: usize, output: usize, seed: u64) -> MlpNeuralNetwork {
    let mut rng = data::seeded_rng(seed);
    MlpNeuralNetwork::new(features, hidden, output, &mut rng).unwrap()
}

fn error_at(net: &MlpNeuralNetwork, x: &[f64], t: &[f64]) -> f64 {
    let mut net = net.clone();
    net.feed_forward(x).unwrap();
    net.error(t)
}

/// Central difference of the error along one weight chosen by `pick`.
fn numeric_gradient(
    net: &MlpNeuralNetwork,
    x: &[f64],
    t: &[f64],
    pick: impl Fn(&mut MlpNeuralNetwork) -> &mut f64,
) -> f64 {
    let h = 1e-5;
    let (mut plus, mut minus) = (net.clone(), net.clone());
    *pick(&mut plus) += h;
    *pick(&mut minus) -= h;
    (error_at(&plus, x, t) - error_at(&minus, x, t)) / (2.0 * h)
}

fn check(features: usize, hidden: usize, output: usize, seed: u64) {
    let net = random_net(features, hidden, output, seed);
    let mut rng = data::seeded_rng(seed + 100);
    let x: Vec<f64> = (0..features).map(|_| rng.random_range(-1.0..1.0)).collect();
    let t: Vec<f64> = (0..output).map(|_| rng.random_range(0.0..1.0)).collect();
    let mut stepped = net.clone();
    stepped.feed_forward(&x).unwrap();
    stepped.back_propagate(&t, 0.1).unwrap(); // first step: co and ci hold the changes
    for j in 0..hidden {
        for k in 0..output {
            let numeric = numeric_gradient(&net, &x, &t, |n| &mut n.wo[j][k]);
            assert!(
                agree(stepped.co[j][k], numeric),
                "wo[{j}][{k}]: {} vs {numeric}",
                stepped.co[j][k]
            );
        }
    }
    for i in 0..features + 1 {
        for j in 0..hidden {
            let numeric = numeric_gradient(&net, &x, &t, |n| &mut n.wi[i][j]);
            assert!(
                agree(stepped.ci[i][j], numeric),
                "wi[{i}][{j}]: {} vs {numeric}",
                stepped.ci[i][j]
            );
        }
    }
}

#[test]
fn sigmoid_logistic_changes_match_finite_differences_3_5_2() {
    check(3, 5, 2, 1);
}

#[test]
fn sigmoid_logistic_changes_match_finite_differences_on_other_shapes() {
    for (seed, (f, h, o)) in [(4, 3, 6), (1, 1, 1), (7, 2, 3), (12, 9, 4)]
        .into_iter()
        .enumerate()
    {
        check(f, h, o, seed as u64 + 2);
    }
}

#[test]
fn the_check_catches_a_wrong_gradient() {
    // Guard against a check that cannot fail: a gradient off by 1e-4 relative is rejected.
    let net = random_net(3, 5, 2, 1);
    let (x, t) = ([0.3, -0.2, 0.9], [1.0, 0.0]);
    let numeric = numeric_gradient(&net, &x, &t, |n| &mut n.wo[1][1]);
    assert!(agree(numeric, numeric));
    assert!(!agree(numeric * (1.0 + 1e-4), numeric));
}
