//! The reference network's equations: one matrix statement per article
//! equation, with its shapes. Nothing clever: no index tricks, no fused
//! passes, no SIMD. This is the code the lessons quote and the proofs run
//! on; the engines in `engine/` must give the same numbers.

use nalgebra::DVectorView;

use super::MlpNeuralNetwork;
use crate::{NetworkError, Sgd};

impl MlpNeuralNetwork {
    // ANCHOR: feed_forward
    /// Article P1.3 with P2.1's activations: runs one sample through the network.
    ///
    /// - input: `ai[..inputs] = inputs` (the bias `ai[inputs]` stays 1.0)
    /// - hidden: `ah = activation(wi^T ai)` (sigmoid or tanh)
    /// - output: `ao = output(wo^T ah)` (one sigmoid per unit, or softmax)
    ///
    /// Returns the output activations (borrowed: nothing is allocated).
    ///
    /// # Errors
    /// Wrong number of inputs (the "silly goose"), or a non-finite input.
    pub fn feed_forward(&mut self, inputs: &[f64]) -> Result<&[f64], NetworkError> {
        self.check_inputs(inputs)?;
        let (hidden, output) = (self.architecture.hidden, self.architecture.output);
        let n = self.inputs();
        self.ai.rows_mut(0, n).copy_from_slice(inputs); // (inputs + 1), bias kept
        self.ah.gemv_tr(1.0, &self.wi, &self.ai, 0.0); // (hidden) = (inputs + 1, hidden)^T (inputs + 1)
        self.ah.apply(|z| *z = hidden.activate(*z)); // (hidden)
        self.ao.gemv_tr(1.0, &self.wo, &self.ah, 0.0); // (output) = (hidden, output)^T (hidden)
        output.activate(self.ao.as_mut_slice()); // (output), softmax needs them all
        Ok(self.ao.as_slice())
    }
    // ANCHOR_END: feed_forward

    // ANCHOR: back_propagate
    /// Article P1.4 / P2.4: one step of gradient descent on the sample last
    /// given to [`feed_forward`](Self::feed_forward), with the update rule
    /// `sgd` (learning rate, momentum, l2).
    ///
    /// Same order as `naive`: output deltas, hidden deltas (with the old
    /// `wo`), update `wo`, update `wi`. Returns the sample's loss, measured on
    /// the outputs computed before the update (squared error or cross-entropy).
    ///
    /// # Errors
    /// Wrong number of targets, a non-finite target, or an `sgd` built for
    /// another shape of network.
    pub fn back_propagate(&mut self, targets: &[f64], sgd: &mut Sgd) -> Result<f64, NetworkError> {
        self.check_targets(targets)?;
        sgd.check_shapes(self.wi.shape(), self.wo.shape())?;
        self.output_deltas(targets);
        self.hidden_deltas();
        self.update_output_weights(sgd);
        self.update_input_weights(sgd);
        Ok(self.error(targets))
    }
    // ANCHOR_END: back_propagate

    // ANCHOR: output_deltas
    /// Article P1.4 / P2.1: the loss's slope with respect to each output
    /// unit's weighted sum, unit by unit ([`Output::delta`](crate::Output::delta)):
    ///
    /// - logistic output, squared error: `output_deltas = dsigmoid(ao) * -(t - ao)`
    /// - softmax output, cross-entropy: `output_deltas = -(t - ao)`
    ///   (the softmax's slope and the logarithm's cancel out)
    ///
    /// (`*` is elementwise.)
    ///
    /// # Panics
    /// If `targets` has the wrong length ([`back_propagate`](Self::back_propagate) checks it).
    pub fn output_deltas(&mut self, targets: &[f64]) -> &[f64] {
        let t = DVectorView::from_slice(targets, self.outputs()); // (output)
        let output = self.architecture.output;
        let deltas = &mut self.output_deltas; // (output)
        deltas.zip_zip_apply(&self.ao, &t, |d, ao, t| *d = output.delta(ao, t));
        self.output_deltas.as_slice()
    }
    // ANCHOR_END: output_deltas

    // ANCHOR: hidden_deltas
    /// Article P1.4 / P2.1: each hidden unit's share of the blame, sent back
    /// through the (not yet updated) output weights:
    /// `hidden_deltas = activation'(ah) * (wo output_deltas)`, elementwise,
    /// with `activation'(y)` = `y * (1 - y)` (sigmoid) or `1 - y^2` (tanh).
    pub fn hidden_deltas(&mut self) -> &[f64] {
        let hidden = self.architecture.hidden;
        let deltas = &mut self.hidden_deltas;
        deltas.gemv(1.0, &self.wo, &self.output_deltas, 0.0); // (hidden) = (hidden, output) (output)
        deltas.zip_apply(&self.ah, |d, ah| *d *= hidden.derivative(ah)); // (hidden) * (hidden)
        self.hidden_deltas.as_slice()
    }
    // ANCHOR_END: hidden_deltas

    // ANCHOR: update_weights
    /// Article P1.4 / P2.4: moves `wo`, (hidden, output), against its
    /// gradient, the change `ah output_deltas^T`, by `sgd`'s rule.
    pub fn update_output_weights(&mut self, sgd: &mut Sgd) {
        let change = &self.ah * self.output_deltas.transpose(); // (hidden, output) = (hidden) (output)^T
        sgd.update_output_weights(&mut self.wo, &change);
    }

    /// Article P1.4 / P2.4: moves `wi`, (inputs + 1, hidden), against its
    /// gradient, the change `ai hidden_deltas^T`, by `sgd`'s rule.
    pub fn update_input_weights(&mut self, sgd: &mut Sgd) {
        let change = &self.ai * self.hidden_deltas.transpose(); // (inputs + 1, hidden) = (inputs + 1) (hidden)^T
        sgd.update_input_weights(&mut self.wi, &change);
    }
    // ANCHOR_END: update_weights

    /// Article P1.4 / P2.1: the loss of the last sample fed forward: squared
    /// error (logistic output) or cross-entropy (softmax output; see
    /// [`cross_entropy`](crate::cross_entropy) for how `0 * ln 0` is kept finite).
    pub fn error(&self, targets: &[f64]) -> f64 {
        self.architecture.output.loss(targets, self.ao.as_slice())
    }

    /// The wrong length or a NaN, before anything is computed.
    pub(crate) fn check_inputs(&self, inputs: &[f64]) -> Result<(), NetworkError> {
        let n = self.inputs();
        if inputs.len() != n {
            return Err(NetworkError::WrongInputs {
                expected: n,
                got: inputs.len(),
            });
        }
        if inputs.iter().any(|x| !x.is_finite()) {
            return Err(NetworkError::NotFinite { what: "inputs" });
        }
        Ok(())
    }

    fn check_targets(&self, targets: &[f64]) -> Result<(), NetworkError> {
        if targets.len() != self.outputs() {
            return Err(NetworkError::WrongTargets {
                expected: self.outputs(),
                got: targets.len(),
            });
        }
        if targets.iter().any(|t| !t.is_finite()) {
            return Err(NetworkError::NotFinite { what: "targets" });
        }
        Ok(())
    }
}

// Index loops keep the reference formulas readable.
#[cfg(test)]
#[allow(clippy::needless_range_loop)]
mod tests {
    use nalgebra::DMatrix;

    use super::*;
    use crate::{Config, Hidden, Momentum, Output, sigmoid, softmax};

    /// A 3 -> 5 -> 2 network with distinct, hand-picked weights.
    fn weights() -> (DMatrix<f64>, DMatrix<f64>) {
        let wi = DMatrix::from_fn(4, 5, |i, j| 0.1 * (i as f64 + 1.0) - 0.07 * j as f64); // (3 + 1, 5)
        let wo = DMatrix::from_fn(5, 2, |j, k| 0.2 - 0.05 * j as f64 + 0.3 * k as f64); // (5, 2)
        (wi, wo)
    }

    /// The network and its update rule.
    fn net(config: Config) -> (MlpNeuralNetwork, Sgd) {
        let (wi, wo) = weights();
        let n = MlpNeuralNetwork::from_weights(wi, wo, config.architecture()).unwrap();
        let sgd = Sgd::new(config.sgd(), &n).unwrap();
        (n, sgd)
    }

    const X: [f64; 3] = [0.5, -1.0, 2.0];
    const T: [f64; 2] = [0.0, 1.0];

    #[test]
    fn feed_forward_follows_the_formulas_with_the_bias_row_last() {
        let (mut n, _) = net(Config::default()); // tanh hidden, logistic output
        let ao = n.feed_forward(&X).unwrap().to_vec();
        let (wi, wo) = weights();
        let ai = [X[0], X[1], X[2], 1.0];
        let ah: Vec<f64> = (0..5)
            .map(|j| (0..4).map(|i| ai[i] * wi[(i, j)]).sum::<f64>().tanh())
            .collect();
        for k in 0..2 {
            let z: f64 = (0..5).map(|j| ah[j] * wo[(j, k)]).sum();
            assert!((ao[k] - sigmoid(z)).abs() < 1e-15, "k = {k}");
        }
        for j in 0..5 {
            assert!((n.ah()[j] - ah[j]).abs() < 1e-15);
        }
        assert_eq!(n.ai().as_slice(), &ai);
    }

    #[test]
    fn softmax_output_is_the_softmax_of_the_weighted_sums() {
        let (mut n, _) = net(Config {
            output: Output::Softmax,
            ..Config::default()
        });
        let ao = n.feed_forward(&X).unwrap().to_vec();
        let mut z: Vec<f64> = (0..2).map(|k| n.wo().column(k).dot(n.ah())).collect();
        softmax(&mut z);
        assert!((ao[0] - z[0]).abs() < 1e-15 && (ao[1] - z[1]).abs() < 1e-15);
        assert!((ao[0] + ao[1] - 1.0).abs() < 1e-15);
    }

    #[test]
    fn wrong_lengths_and_nan_are_errors_with_the_goose() {
        let (mut n, mut sgd) = net(Config::default());
        let e = n.feed_forward(&[1.0, 2.0]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Wrong number of inputs you silly goose! Expected 3, got 2"
        );
        assert!(n.feed_forward(&[1.0, f64::NAN, 0.0]).is_err());
        n.feed_forward(&X).unwrap();
        let e = n.back_propagate(&[1.0], &mut sgd).unwrap_err();
        assert_eq!(
            e,
            NetworkError::WrongTargets {
                expected: 2,
                got: 1
            }
        );
        assert!(n.back_propagate(&[f64::INFINITY, 0.0], &mut sgd).is_err());
    }

    #[test]
    fn output_deltas_follow_each_outputs_formula() {
        let (mut n, _) = net(Config::default());
        n.feed_forward(&X).unwrap();
        let ao = n.ao().clone();
        let d = n.output_deltas(&T).to_vec();
        for k in 0..2 {
            assert_eq!(d[k], ao[k] * (1.0 - ao[k]) * -(T[k] - ao[k]));
        }
        let (mut s, _) = net(Config {
            output: Output::Softmax,
            ..Config::default()
        });
        s.feed_forward(&X).unwrap();
        let ao = s.ao().clone();
        let d = s.output_deltas(&T).to_vec();
        assert_eq!(d, vec![-(T[0] - ao[0]), -(T[1] - ao[1])]);
    }

    #[test]
    fn hidden_deltas_use_the_old_output_weights() {
        for hidden in [Hidden::Sigmoid, Hidden::Tanh] {
            let (mut n, _) = net(Config {
                hidden,
                ..Config::default()
            });
            n.feed_forward(&X).unwrap();
            let od = n.output_deltas(&T).to_vec();
            let hd = n.hidden_deltas().to_vec();
            let (_, wo) = weights();
            for j in 0..5 {
                let back: f64 = (0..2).map(|k| od[k] * wo[(j, k)]).sum();
                let y = n.ah()[j];
                let slope = if hidden == Hidden::Tanh {
                    1.0 - y * y
                } else {
                    y * (1.0 - y)
                };
                assert!((hd[j] - slope * back).abs() < 1e-16, "{hidden:?} j = {j}");
            }
        }
    }

    /// The loss of `X`, `T` for given weights.
    fn loss(config: &Config, wi: DMatrix<f64>, wo: DMatrix<f64>) -> f64 {
        let mut n = MlpNeuralNetwork::from_weights(wi, wo, config.architecture()).unwrap();
        n.feed_forward(&X).unwrap();
        n.error(&T)
    }

    #[test]
    fn one_step_moves_every_weight_by_minus_lr_times_the_finite_difference_gradient() {
        let lr = 1e-3;
        for (hidden, output) in [
            (Hidden::Tanh, Output::Softmax),
            (Hidden::Sigmoid, Output::Logistic),
        ] {
            let config = Config {
                hidden,
                output,
                learning_rate: lr,
                ..Config::default()
            };
            let (mut n, mut sgd) = net(config.clone());
            n.feed_forward(&X).unwrap();
            n.back_propagate(&T, &mut sgd).unwrap();
            let (wi, wo) = weights();
            let h = 1e-6;
            for (i, j) in [(0, 0), (2, 3), (3, 4), (1, 2)] {
                let (mut up, mut down) = (wi.clone(), wi.clone());
                up[(i, j)] += h;
                down[(i, j)] -= h;
                let g =
                    (loss(&config, up, wo.clone()) - loss(&config, down, wo.clone())) / (2.0 * h);
                let step = (wi[(i, j)] - n.wi()[(i, j)]) / lr;
                assert!(
                    (step - g).abs() < 1e-8,
                    "{output:?} wi[{i}][{j}]: {step} vs {g}"
                );
            }
            for (j, k) in [(0, 0), (4, 1), (2, 1)] {
                let (mut up, mut down) = (wo.clone(), wo.clone());
                up[(j, k)] += h;
                down[(j, k)] -= h;
                let g =
                    (loss(&config, wi.clone(), up) - loss(&config, wi.clone(), down)) / (2.0 * h);
                let step = (wo[(j, k)] - n.wo()[(j, k)]) / lr;
                assert!(
                    (step - g).abs() < 1e-8,
                    "{output:?} wo[{j}][{k}]: {step} vs {g}"
                );
            }
        }
    }

    #[test]
    fn article_rule_subtracts_lr_change_plus_l2_and_mu_times_the_previous_raw_change() {
        let (lr, mu, l2_in, l2_out) = (0.1, 0.5, 0.01, 0.02);
        let config = Config {
            learning_rate: lr,
            momentum: Momentum::Article(mu),
            l2_in,
            l2_out,
            ..Config::default()
        };
        let (mut n, mut sgd) = net(config);
        n.feed_forward(&X).unwrap();
        n.back_propagate(&T, &mut sgd).unwrap();
        let (ci, co) = (sgd.ci().clone(), sgd.co().clone()); // the first step's raw changes
        assert_eq!(ci, n.ai() * n.last_hidden_deltas().transpose());
        let (wi, wo) = (n.wi().clone(), n.wo().clone());
        let x2 = [1.0, 0.25, -0.5];
        n.feed_forward(&x2).unwrap();
        let (ah, ai) = (n.ah().clone(), n.ai().clone());
        n.back_propagate(&T, &mut sgd).unwrap();
        let (od, hd) = (n.last_output_deltas(), n.last_hidden_deltas());
        for (j, k) in [(0, 0), (3, 1)] {
            let change = ah[j] * od[k];
            let expected = wo[(j, k)] - (lr * (change + l2_out * wo[(j, k)]) + mu * co[(j, k)]);
            assert!((n.wo()[(j, k)] - expected).abs() < 1e-15);
        }
        for (i, j) in [(0, 1), (3, 4), (2, 2)] {
            let change = ai[i] * hd[j];
            let expected = wi[(i, j)] - (lr * (change + l2_in * wi[(i, j)]) + mu * ci[(i, j)]);
            assert!((n.wi()[(i, j)] - expected).abs() < 1e-15);
        }
    }

    #[test]
    fn classical_rule_moves_by_a_velocity() {
        let (lr, mu, l2) = (0.1, 0.9, 0.01);
        let config = Config {
            learning_rate: lr,
            momentum: Momentum::Classical(mu),
            l2_in: l2,
            l2_out: l2,
            ..Config::default()
        };
        let (mut n, mut sgd) = net(config);
        n.feed_forward(&X).unwrap();
        n.back_propagate(&T, &mut sgd).unwrap();
        let (vi, wi) = (sgd.ci().clone(), n.wi().clone());
        n.feed_forward(&X).unwrap();
        let ai = n.ai().clone();
        n.back_propagate(&T, &mut sgd).unwrap();
        let hd = n.last_hidden_deltas();
        for (i, j) in [(0, 0), (3, 4), (1, 2)] {
            let v = mu * vi[(i, j)] - lr * (ai[i] * hd[j] + l2 * wi[(i, j)]);
            assert!((sgd.ci()[(i, j)] - v).abs() < 1e-15);
            assert!((n.wi()[(i, j)] - (wi[(i, j)] + v)).abs() < 1e-15);
        }
    }

    #[test]
    fn naive_equivalent_steps_like_naive_from_the_same_weights() {
        let (wi, wo) = weights();
        let rows = |m: &DMatrix<f64>| -> Vec<Vec<f64>> {
            m.row_iter().map(|r| r.iter().copied().collect()).collect()
        };
        let mut reference = naive::MlpNeuralNetwork::from_weights(rows(&wi), rows(&wo)).unwrap();
        let n_rate = 0.05;
        let (mut n, mut sgd) = net(Config {
            learning_rate: n_rate,
            ..Config::naive_equivalent()
        });
        let patterns = [
            ([0.5, -1.0, 2.0], [0.0, 1.0]),
            ([1.0, 0.0, -0.5], [1.0, 0.0]),
            ([0.1, 0.2, 0.3], [0.0, 1.0]),
        ];
        for step in 0..30 {
            let (x, t) = &patterns[step % 3];
            let a = reference.feed_forward(x).unwrap();
            let b = n.feed_forward(x).unwrap();
            assert!(
                a.iter().zip(b).all(|(a, b)| (a - b).abs() < 1e-13),
                "outputs at step {step}"
            );
            let ea = reference.back_propagate(t, n_rate).unwrap();
            let eb = n.back_propagate(t, &mut sgd).unwrap();
            assert!((ea - eb).abs() < 1e-13, "error at step {step}");
            for i in 0..4 {
                for j in 0..5 {
                    assert!(
                        (reference.wi[i][j] - n.wi()[(i, j)]).abs() < 1e-12,
                        "wi at step {step}"
                    );
                    assert!(
                        (reference.ci[i][j] - sgd.ci()[(i, j)]).abs() < 1e-12,
                        "ci at step {step}"
                    );
                }
            }
            for j in 0..5 {
                for k in 0..2 {
                    assert!(
                        (reference.wo[j][k] - n.wo()[(j, k)]).abs() < 1e-12,
                        "wo at step {step}"
                    );
                }
            }
        }
    }
}
