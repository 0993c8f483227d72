//! Back-propagation in the part-2 network computes the true gradient, for
//! every pairing of hidden activation (sigmoid, tanh) and output layer
//! (logistic with squared error, softmax with cross-entropy), and with L2
//! weight decay.
//!
//! The change a step applies is compared with the central finite difference
//! `(L(w + h) - L(w - h)) / 2h` of the loss `L` along every weight.

use improved::{Config, Hidden, Init, MlpNeuralNetwork, Momentum, Output};
use nalgebra::DMatrix;
use rand::RngExt;

/// Relative tolerance, with an absolute floor for gradients near 0 (where
/// the finite difference is dominated by rounding, about 1e-11 here).
fn agree(analytic: f64, numeric: f64) -> bool {
    (analytic - numeric).abs() <= 1e-6 * analytic.abs().max(numeric.abs()) + 1e-9
}

/// Plain gradient descent at rate 1 (no momentum), so one step moves each
/// weight by exactly its gradient: `w_after = w_before - (g + l2 * w_before)`.
fn config(hidden: Hidden, output: Output, l2: f64) -> Config {
    Config {
        hidden,
        output,
        init: Init::Scaled,
        shuffle: false,
        l2_in: l2,
        l2_out: l2,
        momentum: Momentum::Article(0.0),
        rate_decay: 0.0,
        learning_rate: 1.0,
        ..Config::default()
    }
}

struct Case {
    wi: DMatrix<f64>,
    wo: DMatrix<f64>,
    x: Vec<f64>,
    t: Vec<f64>,
    config: Config,
}

impl Case {
    fn new(features: usize, hidden: usize, output: usize, config: Config, seed: u64) -> Case {
        let mut rng = data::seeded_rng(seed);
        let mut w = |r, c| DMatrix::from_fn(r, c, |_, _| rng.random_range(-1.0..1.0));
        let (wi, wo) = (w(features + 1, hidden), w(hidden, output));
        let x: Vec<f64> = (0..features).map(|_| rng.random_range(-1.0..1.0)).collect();
        let mut t = vec![0.0; output];
        t[rng.random_range(0..output)] = 1.0;
        Case {
            wi,
            wo,
            x,
            t,
            config,
        }
    }

    /// The objective a step descends: the loss plus `l2/2 * |w|^2` per layer.
    fn objective(&self, wi: &DMatrix<f64>, wo: &DMatrix<f64>) -> f64 {
        let mut net =
            MlpNeuralNetwork::from_weights(wi.clone(), wo.clone(), self.config.architecture())
                .unwrap();
        net.feed_forward(&self.x).unwrap();
        let penalty = 0.5 * self.config.l2_in * wi.norm_squared()
            + 0.5 * self.config.l2_out * wo.norm_squared();
        net.error(&self.t) + penalty
    }

    fn numeric(&self, layer: usize, r: usize, c: usize) -> f64 {
        let h = 1e-5;
        let nudged = |d: f64| {
            let (mut wi, mut wo) = (self.wi.clone(), self.wo.clone());
            if layer == 0 {
                wi[(r, c)] += d
            } else {
                wo[(r, c)] += d
            }
            self.objective(&wi, &wo)
        };
        (nudged(h) - nudged(-h)) / (2.0 * h)
    }

    /// Steps once and checks every weight's move against the finite difference.
    fn check(&self) {
        let mut net = MlpNeuralNetwork::from_weights(
            self.wi.clone(),
            self.wo.clone(),
            self.config.architecture(),
        )
        .unwrap();
        let mut sgd = improved::Sgd::new(self.config.sgd(), &net).unwrap();
        net.feed_forward(&self.x).unwrap();
        net.back_propagate(&self.t, &mut sgd).unwrap();
        for (layer, before, after) in [(0, &self.wi, net.wi()), (1, &self.wo, net.wo())] {
            for r in 0..before.nrows() {
                for c in 0..before.ncols() {
                    let step = before[(r, c)] - after[(r, c)];
                    let numeric = self.numeric(layer, r, c);
                    let name = ["wi", "wo"][layer];
                    assert!(
                        agree(step, numeric),
                        "{:?}: {name}[{r}][{c}] moved {step}, slope {numeric}",
                        self.config.hidden
                    );
                }
            }
        }
    }
}

const PAIRINGS: [(Hidden, Output); 4] = [
    (Hidden::Sigmoid, Output::Logistic),
    (Hidden::Sigmoid, Output::Softmax),
    (Hidden::Tanh, Output::Logistic),
    (Hidden::Tanh, Output::Softmax),
];

#[test]
fn every_hidden_and_output_pairing_computes_the_true_gradient() {
    for (seed, (hidden, output)) in PAIRINGS.into_iter().enumerate() {
        for (f, h, o) in [(3, 5, 2), (4, 3, 6), (1, 1, 2)] {
            Case::new(f, h, o, config(hidden, output, 0.0), seed as u64).check();
        }
    }
}

#[test]
fn l2_weight_decay_is_the_gradient_of_half_l2_times_the_squared_weights() {
    for (seed, (hidden, output)) in PAIRINGS.into_iter().enumerate() {
        Case::new(3, 5, 2, config(hidden, output, 0.3), 10 + seed as u64).check();
    }
}

#[test]
fn softmax_output_deltas_are_outputs_minus_targets() {
    // P2.1: with cross-entropy, the softmax's slope cancels: delta = ao - t.
    let case = Case::new(3, 5, 4, config(Hidden::Tanh, Output::Softmax, 0.0), 3);
    let mut net =
        MlpNeuralNetwork::from_weights(case.wi, case.wo, case.config.architecture()).unwrap();
    let ao = net.feed_forward(&case.x).unwrap().to_vec();
    let deltas = net.output_deltas(&case.t).to_vec();
    for k in 0..4 {
        assert_eq!(deltas[k], -(case.t[k] - ao[k]));
    }
}

#[test]
fn the_check_catches_a_wrong_gradient() {
    // A check that cannot fail proves nothing: a slope off by 1e-4 relative is rejected.
    let case = Case::new(3, 5, 2, config(Hidden::Tanh, Output::Softmax, 0.0), 4);
    let numeric = case.numeric(1, 2, 1);
    assert!(numeric.abs() > 1e-4, "pick a weight with a real slope");
    assert!(!agree(numeric * (1.0 + 1e-4), numeric));
}
