use crate::kernels::{article_update, article_update_pair, classical_update, dot};
use crate::network::MomentumState;
use crate::{MlpNeuralNetwork, Momentum, NetworkError, Output, dsigmoid};

impl MlpNeuralNetwork {
    // ANCHOR: feed_forward
    /// Article P1.3 with P2.1's activations: runs one sample through the network.
    ///
    /// - input: `ai[i] = inputs[i]` (the bias `ai[inputs]` stays 1.0)
    /// - hidden: `ah = activation(wi^T ai)` (sigmoid or tanh)
    /// - output: `ao = output(wo^T ah)` (one sigmoid per unit, or softmax)
    ///
    /// Returns the output activations (borrowed: nothing is allocated).
    ///
    /// # Shapes
    /// `inputs`: (inputs), returns (output).
    ///
    /// # Errors
    /// Wrong number of inputs (the "silly goose"), or a non-finite input.
    pub fn feed_forward(&mut self, inputs: &[f64]) -> Result<&[f64], NetworkError> {
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
        self.ai.as_mut_slice()[..n].copy_from_slice(inputs); // (inputs + 1), bias kept
        self.hidden_activations();
        self.output_activations();
        Ok(self.ao.as_slice())
    }

    /// `ah[j] = activation(hidden_sum(j))`: one pass over `wi`.
    fn hidden_activations(&mut self) {
        let activation = self.config.hidden;
        for j in 0..self.hidden() {
            self.ah[j] = activation.activate(self.hidden_sum(j));
        }
    }

    /// `ao = output(wo^T ah)`: every output's weighted sum, then the output
    /// layer's activation over all of them (softmax needs them all).
    fn output_activations(&mut self) {
        for k in 0..self.outputs() {
            self.ao[k] = self.output_sum(k);
        }
        self.config.output.activate(self.ao.as_mut_slice());
    }
    // ANCHOR_END: feed_forward

    /// The weighted sum entering hidden unit `j`: `(wi^T ai)[j]`, the dot
    /// product of `ai` with column `j` of `wi` (all the weights into unit `j`).
    pub fn hidden_sum(&self, j: usize) -> f64 {
        let rows = self.wi.nrows();
        dot(
            &self.wi.as_slice()[j * rows..(j + 1) * rows],
            self.ai.as_slice(),
        ) // (input) . (input)
    }

    /// The weighted sum entering output unit `k`: `(wo^T ah)[k]`.
    pub fn output_sum(&self, k: usize) -> f64 {
        let rows = self.wo.nrows();
        dot(
            &self.wo.as_slice()[k * rows..(k + 1) * rows],
            self.ah.as_slice(),
        ) // (hidden) . (hidden)
    }

    // ANCHOR: back_propagate
    /// Article P1.4 / P2.4: one step of gradient descent on the sample last
    /// given to [`feed_forward`](Self::feed_forward), at the current learning rate.
    ///
    /// Same order as `naive`: output deltas, hidden deltas (with the old
    /// `wo`), update `wo`, update `wi`. Returns the sample's loss, measured on
    /// the outputs computed before the update (squared error or cross-entropy).
    ///
    /// # Errors
    /// Wrong number of targets, or a non-finite target.
    pub fn back_propagate(&mut self, targets: &[f64]) -> Result<f64, NetworkError> {
        if targets.len() != self.outputs() {
            return Err(NetworkError::WrongTargets {
                expected: self.outputs(),
                got: targets.len(),
            });
        }
        if targets.iter().any(|t| !t.is_finite()) {
            return Err(NetworkError::NotFinite { what: "targets" });
        }
        self.output_deltas(targets);
        self.hidden_deltas();
        self.update_output_weights();
        self.update_input_weights();
        Ok(self.error(targets))
    }
    // ANCHOR_END: back_propagate

    // ANCHOR: output_deltas
    /// Article P1.4 / P2.1: the loss's slope with respect to each output
    /// unit's weighted sum, stored and returned.
    ///
    /// - logistic output, squared error: `output_deltas[k] = dsigmoid(ao[k]) * -(t[k] - ao[k])`
    /// - softmax output, cross-entropy: `output_deltas[k] = -(t[k] - ao[k])`
    ///   (the softmax's slope and the logarithm's cancel out)
    ///
    /// # Shapes
    /// `targets`: (output), returns (output).
    ///
    /// # Panics
    /// If `targets` has the wrong length ([`back_propagate`](Self::back_propagate) checks it).
    pub fn output_deltas(&mut self, targets: &[f64]) -> &[f64] {
        assert_eq!(targets.len(), self.outputs(), "one target per output unit");
        let output = self.config.output;
        let deltas = self
            .output_deltas
            .iter_mut()
            .zip(self.ao.iter())
            .zip(targets);
        for ((delta, &ao), &t) in deltas {
            *delta = match output {
                Output::Logistic => dsigmoid(ao) * -(t - ao),
                Output::Softmax => -(t - ao),
            };
        }
        self.output_deltas.as_slice()
    }
    // ANCHOR_END: output_deltas

    // ANCHOR: hidden_deltas
    /// Article P1.4 / P2.1: each hidden unit's share of the blame, sent back
    /// through the (not yet updated) output weights, stored and returned:
    /// `hidden_deltas = activation'(ah) * (wo @ output_deltas)`, elementwise,
    /// with `activation'(y)` = `y * (1 - y)` (sigmoid) or `1 - y^2` (tanh).
    ///
    /// # Shapes
    /// `wo`: (hidden, output) times `output_deltas`: (output) gives (hidden).
    pub fn hidden_deltas(&mut self) -> &[f64] {
        // (hidden) = (hidden, output) * (output), in place
        self.hidden_deltas
            .gemv(1.0, &self.wo, &self.output_deltas, 0.0);
        let activation = self.config.hidden;
        for (delta, &ah) in self.hidden_deltas.iter_mut().zip(self.ah.iter()) {
            *delta *= activation.derivative(ah);
        }
        self.hidden_deltas.as_slice()
    }
    // ANCHOR_END: hidden_deltas

    // ANCHOR: update_weights
    /// Article P1.4 / P2.4: updates `wo` with this sample's change
    /// `outer(ah, output_deltas)`, the l2 term and the momentum rule (see
    /// [`Momentum`]), then remembers what the next step's momentum needs.
    ///
    /// # Shapes
    /// `wo`: (hidden, output); the change is (hidden) x (output).
    pub fn update_output_weights(&mut self) {
        let (lr, l2) = (self.learning_rate, self.config.l2_out);
        let rows = self.wo.nrows();
        let columns = self.wo.as_mut_slice().chunks_exact_mut(rows); // (hidden) each
        match (&mut self.state, self.config.momentum) {
            (
                MomentumState::Article {
                    ah, output_deltas, ..
                },
                Momentum::Article(mu),
            ) => {
                for ((wo_k, &delta), &delta_prev) in
                    columns.zip(&self.output_deltas).zip(output_deltas.iter())
                {
                    let prev = (ah.as_slice(), mu * delta_prev);
                    article_update(
                        wo_k,
                        self.ah.as_slice(),
                        lr * delta,
                        keep(lr, l2),
                        prev,
                        None,
                    );
                }
                ah.copy_from(&self.ah);
                output_deltas.copy_from(&self.output_deltas);
            }
            (MomentumState::Classical { vo, .. }, Momentum::Classical(mu)) => {
                let velocities = vo.as_mut_slice().chunks_exact_mut(rows);
                for ((wo_k, vo_k), &delta) in columns.zip(velocities).zip(&self.output_deltas) {
                    classical_update(
                        wo_k,
                        vo_k,
                        self.ah.as_slice(),
                        (lr * delta, mu, lr * l2),
                        None,
                    );
                }
            }
            _ => unreachable!("the momentum state is built from config.momentum"),
        }
    }

    /// Article P1.4 / P2.4: updates `wi` the same way, with the change
    /// `outer(ai, hidden_deltas)` and `l2_in`. This is the big one: one pass
    /// over (inputs + 1) x hidden weights, reading and writing each once.
    ///
    /// # Shapes
    /// `wi`: (inputs + 1, hidden); the change is (inputs + 1) x (hidden).
    pub fn update_input_weights(&mut self) {
        self.update_input_weights_and_feed(false);
    }

    /// [`update_input_weights`](Self::update_input_weights); with `feed`, each
    /// column of `wi`, just updated and still in the cache, also gives the
    /// next sample (`next_ai`) its hidden activation: `fit` saves a whole
    /// pass over `wi` per sample this way, with the same numbers.
    fn update_input_weights_and_feed(&mut self, feed: bool) {
        let (lr, l2) = (self.learning_rate, self.config.l2_in);
        let rows = self.wi.nrows();
        let activation = self.config.hidden;
        self.reverse = !self.reverse;
        let reverse = self.reverse;
        let ah = self.ah.as_mut_slice();
        let next = feed.then_some(self.next_ai.as_slice());
        let mut feed_forward = |j: usize, z: f64| {
            if feed {
                ah[j] = activation.activate(z); // the next sample's hidden activation
            }
        };
        match (&mut self.state, self.config.momentum) {
            (
                MomentumState::Article {
                    ai, hidden_deltas, ..
                },
                Momentum::Article(mu),
            ) => {
                let (x, x_prev) = (self.ai.as_slice(), ai.as_slice()); // (input)
                let (d, d_prev) = (self.hidden_deltas.as_slice(), hidden_deltas.as_slice()); // (hidden)
                let keep = keep(lr, l2);
                // Two columns at a time: they share the loads of x, x_prev and next.
                let pairs = self.wi.as_mut_slice().chunks_mut(2 * rows); // (input, 2) each
                for (p, pair) in alternate(pairs.enumerate(), reverse) {
                    let j = 2 * p;
                    match next {
                        Some(next) if pair.len() == 2 * rows => {
                            let (a, b) = pair.split_at_mut(rows);
                            let steps = (lr * d[j], lr * d[j + 1]);
                            let carries = (mu * d_prev[j], mu * d_prev[j + 1]);
                            let (za, zb) = article_update_pair(
                                (a, b),
                                x,
                                steps,
                                keep,
                                (x_prev, carries),
                                next,
                            );
                            feed_forward(j, za);
                            feed_forward(j + 1, zb);
                        }
                        _ => {
                            for (k, wi_j) in pair.chunks_exact_mut(rows).enumerate() {
                                let prev = (x_prev, mu * d_prev[j + k]);
                                let z = article_update(wi_j, x, lr * d[j + k], keep, prev, next);
                                feed_forward(j + k, z);
                            }
                        }
                    }
                }
                ai.copy_from(&self.ai);
                hidden_deltas.copy_from(&self.hidden_deltas);
            }
            (MomentumState::Classical { vi, .. }, Momentum::Classical(mu)) => {
                let columns = self.wi.as_mut_slice().chunks_exact_mut(rows); // (input) each
                let velocities = vi.as_mut_slice().chunks_exact_mut(rows);
                let deltas = self.hidden_deltas.as_slice();
                for (j, ((wi_j, vi_j), &delta)) in
                    alternate(columns.zip(velocities).zip(deltas).enumerate(), reverse)
                {
                    let z = classical_update(
                        wi_j,
                        vi_j,
                        self.ai.as_slice(),
                        (lr * delta, mu, lr * l2),
                        next,
                    );
                    feed_forward(j, z);
                }
            }
            _ => unreachable!("the momentum state is built from config.momentum"),
        }
    }
    // ANCHOR_END: update_weights

    /// One training step of `fit`: [`back_propagate`](Self::back_propagate)
    /// on the current sample, then [`feed_forward`](Self::feed_forward) of
    /// `next` (if any) through the updated weights, sharing the pass over
    /// `wi`. Same numbers as the two calls; the caller has checked `next`.
    pub(crate) fn train_step(&mut self, targets: &[f64], next: Option<&[f64]>) -> f64 {
        self.output_deltas(targets);
        self.hidden_deltas();
        let loss = self.error(targets);
        self.update_output_weights();
        match next {
            None => self.update_input_weights(),
            Some(next) => {
                let n = self.inputs();
                self.next_ai.as_mut_slice()[..n].copy_from_slice(next);
                self.update_input_weights_and_feed(true);
                std::mem::swap(&mut self.ai, &mut self.next_ai); // both keep the bias 1.0
                self.output_activations();
            }
        }
        loss
    }

    /// Article P1.4 / P2.1: the loss of the last sample fed forward: squared
    /// error (logistic output) or cross-entropy (softmax output; see
    /// [`cross_entropy`](crate::cross_entropy) for how `0 * ln 0` is kept finite).
    pub fn error(&self, targets: &[f64]) -> f64 {
        self.config.output.loss(targets, self.ao.as_slice())
    }
}

// ANCHOR: l2
/// Article P2.4's weight decay, as a factor. The update
/// `w -= lr * (change + l2 * w)` is `w = (1 - lr * l2) * w - lr * change`:
/// before each step every weight shrinks by the factor `keep = 1 - lr * l2`,
/// so weights the data does not keep pushing drift back towards 0.
fn keep(lr: f64, l2: f64) -> f64 {
    1.0 - lr * l2
}
// ANCHOR_END: l2

/// `columns` forwards, or backwards when `reverse`. Each column's update is
/// independent of the others, so the order changes no number; alternating
/// it means the columns touched last, still in the CPU's cache, come first.
fn alternate<I: DoubleEndedIterator>(columns: I, reverse: bool) -> impl Iterator<Item = I::Item> {
    let (forwards, backwards) = if reverse {
        (None, Some(columns.rev()))
    } else {
        (Some(columns), None)
    };
    forwards
        .into_iter()
        .flatten()
        .chain(backwards.into_iter().flatten())
}

// Index loops keep the reference formulas readable.
#[cfg(test)]
#[allow(clippy::needless_range_loop)]
mod tests {
    use nalgebra::DMatrix;

    use super::*;
    use crate::{Config, Hidden, sigmoid, softmax};

    /// A 3 -> 5 -> 2 network with distinct, hand-picked weights.
    fn weights() -> (DMatrix<f64>, DMatrix<f64>) {
        let wi = DMatrix::from_fn(4, 5, |i, j| 0.1 * (i as f64 + 1.0) - 0.07 * j as f64); // (3 + 1, 5)
        let wo = DMatrix::from_fn(5, 2, |j, k| 0.2 - 0.05 * j as f64 + 0.3 * k as f64); // (5, 2)
        (wi, wo)
    }

    fn net(config: Config) -> MlpNeuralNetwork {
        let (wi, wo) = weights();
        MlpNeuralNetwork::from_weights(wi, wo, &config).unwrap()
    }

    const X: [f64; 3] = [0.5, -1.0, 2.0];
    const T: [f64; 2] = [0.0, 1.0];

    #[test]
    fn feed_forward_follows_the_formulas_with_the_bias_row_last() {
        let mut n = net(Config::default()); // tanh hidden, logistic output
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
        let mut n = net(Config {
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
        let mut n = net(Config::default());
        let e = n.feed_forward(&[1.0, 2.0]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Wrong number of inputs you silly goose! Expected 3, got 2"
        );
        assert!(n.feed_forward(&[1.0, f64::NAN, 0.0]).is_err());
        n.feed_forward(&X).unwrap();
        let e = n.back_propagate(&[1.0]).unwrap_err();
        assert_eq!(
            e,
            NetworkError::WrongTargets {
                expected: 2,
                got: 1
            }
        );
        assert!(n.back_propagate(&[f64::INFINITY, 0.0]).is_err());
    }

    #[test]
    fn output_deltas_follow_each_outputs_formula() {
        let mut n = net(Config::default());
        n.feed_forward(&X).unwrap();
        let ao = n.ao().clone();
        let d = n.output_deltas(&T).to_vec();
        for k in 0..2 {
            assert_eq!(d[k], ao[k] * (1.0 - ao[k]) * -(T[k] - ao[k]));
        }
        let mut s = net(Config {
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
            let mut n = net(Config {
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
        let mut n = MlpNeuralNetwork::from_weights(wi, wo, config).unwrap();
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
            let mut n = net(config.clone());
            n.feed_forward(&X).unwrap();
            n.back_propagate(&T).unwrap();
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
        let mut n = net(config);
        n.feed_forward(&X).unwrap();
        n.back_propagate(&T).unwrap();
        let (ci, co) = (n.ci(), n.co()); // the first step's raw changes
        assert_eq!(ci, n.ai() * n.last_hidden_deltas().transpose());
        let (wi, wo) = (n.wi().clone(), n.wo().clone());
        let x2 = [1.0, 0.25, -0.5];
        n.feed_forward(&x2).unwrap();
        let (ah, ai) = (n.ah().clone(), n.ai().clone());
        n.back_propagate(&T).unwrap();
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
        let mut n = net(config);
        n.feed_forward(&X).unwrap();
        n.back_propagate(&T).unwrap();
        let (vi, wi) = (n.ci(), n.wi().clone());
        n.feed_forward(&X).unwrap();
        let ai = n.ai().clone();
        n.back_propagate(&T).unwrap();
        let hd = n.last_hidden_deltas();
        for (i, j) in [(0, 0), (3, 4), (1, 2)] {
            let v = mu * vi[(i, j)] - lr * (ai[i] * hd[j] + l2 * wi[(i, j)]);
            assert!((n.ci()[(i, j)] - v).abs() < 1e-15);
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
        let mut n = net(Config {
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
            let eb = n.back_propagate(t).unwrap();
            assert!((ea - eb).abs() < 1e-13, "error at step {step}");
            for i in 0..4 {
                for j in 0..5 {
                    assert!(
                        (reference.wi[i][j] - n.wi()[(i, j)]).abs() < 1e-12,
                        "wi at step {step}"
                    );
                    assert!(
                        (reference.ci[i][j] - n.ci()[(i, j)]).abs() < 1e-12,
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
