use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

use crate::{NetworkError, dsigmoid, sigmoid};

/// Article P1.2: the network's arrays, named as in the article.
///
/// Fields are public, like the Python object's attributes, so a learner can
/// print any of them between steps.
#[derive(Debug, Clone, PartialEq)]
pub struct MlpNeuralNetwork {
    /// Input units, counting the bias unit: features + 1.
    pub input: usize,
    /// Hidden units (there is no bias unit on the hidden layer).
    pub hidden: usize,
    /// Output units, one per class.
    pub output: usize,
    /// Input activations; the last one is the bias and stays 1.0.
    pub ai: Vec<f64>,
    /// Hidden activations.
    pub ah: Vec<f64>,
    /// Output activations.
    pub ao: Vec<f64>,
    /// Input-to-hidden weights, `wi[i][j]`: `input` rows of `hidden`.
    pub wi: Vec<Vec<f64>>,
    /// Hidden-to-output weights, `wo[j][k]`: `hidden` rows of `output`.
    pub wo: Vec<Vec<f64>>,
    /// The previous change of every input-to-hidden weight.
    pub ci: Vec<Vec<f64>>,
    /// The previous change of every hidden-to-output weight.
    pub co: Vec<Vec<f64>>,
}

impl MlpNeuralNetwork {
    // ANCHOR: new
    /// Article P1.2: sets up the arrays for `input` features, `hidden` and
    /// `output` units.
    ///
    /// One input unit is added for the bias. Activations start at 1.0, the
    /// changes at 0, and the weights are drawn from a standard normal
    /// distribution (`randn`), row by row: random weights make the hidden
    /// units differ from each other, so they can learn different things.
    ///
    /// # Errors
    /// A layer of size 0, or a network too large for memory.
    pub fn new(
        input: usize,
        hidden: usize,
        output: usize,
        rng: &mut impl Rng,
    ) -> Result<MlpNeuralNetwork, NetworkError> {
        check_sizes(input, hidden, output)?;
        let input = input + 1; // add 1 for the bias unit
        let mut randn = || -> f64 { StandardNormal.sample(rng) };
        let wi = (0..input)
            .map(|_| (0..hidden).map(|_| randn()).collect())
            .collect();
        let wo = (0..hidden)
            .map(|_| (0..output).map(|_| randn()).collect())
            .collect();
        Ok(MlpNeuralNetwork::with_weights(wi, wo))
    }

    /// The arrays of P1.2 around the weights `wi` (input rows, bias
    /// included) and `wo`: activations start at 1.0, changes at 0.0.
    fn with_weights(wi: Vec<Vec<f64>>, wo: Vec<Vec<f64>>) -> MlpNeuralNetwork {
        let (input, hidden, output) = (wi.len(), wo.len(), wo[0].len());
        MlpNeuralNetwork {
            input,
            hidden,
            output,
            ai: vec![1.0; input],
            ah: vec![1.0; hidden],
            ao: vec![1.0; output],
            wi,
            wo,
            ci: vec![vec![0.0; hidden]; input],
            co: vec![vec![0.0; output]; hidden],
        }
    }
    // ANCHOR_END: new

    /// Starts from exact weights instead of random ones (for tests and the
    /// step-through trace).
    ///
    /// `wi` has one row per feature plus the bias row, last, each of `hidden`
    /// values; `wo` has `hidden` rows of `output` values.
    ///
    /// # Errors
    /// Empty or ragged matrices, shapes that do not chain, non-finite weights.
    pub fn from_weights(
        wi: Vec<Vec<f64>>,
        wo: Vec<Vec<f64>>,
    ) -> Result<MlpNeuralNetwork, NetworkError> {
        let hidden = wi.first().map_or(0, Vec::len);
        let output = wo.first().map_or(0, Vec::len);
        check_layers(wi.len().saturating_sub(1), hidden, output)?;
        check_rectangle("wi", &wi, wi.len(), hidden)?;
        check_rectangle("wo", &wo, hidden, output)?;
        if wi.iter().chain(&wo).flatten().any(|w| !w.is_finite()) {
            return Err(NetworkError::NotFinite { what: "weights" });
        }
        Ok(MlpNeuralNetwork::with_weights(wi, wo))
    }

    // ANCHOR: feed_forward
    /// Article P1.3 (`feedForward`): runs one pattern through the network.
    ///
    /// - input activations: `ai[i] = inputs[i]` (the bias `ai[input-1]` stays 1.0)
    /// - hidden: `ah[j] = sigmoid(sum over i of ai[i] * wi[i][j])`
    /// - output: `ao[k] = sigmoid(sum over j of ah[j] * wo[j][k])`
    ///
    /// Returns a copy of the output activations, as the article does.
    ///
    /// # Errors
    /// Wrong number of inputs (the article's "silly goose"), or a non-finite input.
    pub fn feed_forward(&mut self, inputs: &[f64]) -> Result<Vec<f64>, NetworkError> {
        if inputs.len() != self.input - 1 {
            return Err(NetworkError::WrongInputs {
                expected: self.input - 1,
                got: inputs.len(),
            });
        }
        if inputs.iter().any(|x| !x.is_finite()) {
            return Err(NetworkError::NotFinite { what: "inputs" });
        }
        // input activations (the last unit is the bias: it keeps its 1.0)
        for i in 0..self.input - 1 {
            self.ai[i] = inputs[i];
        }
        // hidden activations
        for j in 0..self.hidden {
            self.ah[j] = sigmoid(self.hidden_sum(j));
        }
        // output activations
        for k in 0..self.output {
            self.ao[k] = sigmoid(self.output_sum(k));
        }
        Ok(self.ao.clone())
    }
    // ANCHOR_END: feed_forward

    // ANCHOR: weighted_sums
    /// Article P1.3: the weighted sum that enters hidden unit `j`,
    /// `sum over i of ai[i] * wi[i][j]` (the bias `ai[input-1] = 1` adds `wi[input-1][j]`).
    ///
    /// The article writes this loop inline in `feedForward`; a function of its
    /// own lets the step-through trace print the sum the network really used.
    pub fn hidden_sum(&self, j: usize) -> f64 {
        let mut sum = 0.0;
        for i in 0..self.input {
            sum += self.ai[i] * self.wi[i][j];
        }
        sum
    }

    /// Article P1.3: the weighted sum that enters output unit `k`,
    /// `sum over j of ah[j] * wo[j][k]`.
    pub fn output_sum(&self, k: usize) -> f64 {
        let mut sum = 0.0;
        for j in 0..self.hidden {
            sum += self.ah[j] * self.wo[j][k];
        }
        sum
    }
    // ANCHOR_END: weighted_sums

    // ANCHOR: back_propagate
    /// Article P1.4 (`backPropagate`): one step of gradient descent on the
    /// pattern last given to [`feed_forward`](Self::feed_forward).
    ///
    /// It computes the output deltas, then the hidden deltas (with the old
    /// `wo`), then updates `wo` and `wi` in that order, and returns this
    /// pattern's error `sum over k of 0.5 * (targets[k] - ao[k])^2`
    /// (measured on the outputs computed before the update).
    ///
    /// # Errors
    /// Wrong number of targets, or a non-finite target or learning rate.
    pub fn back_propagate(&mut self, targets: &[f64], n: f64) -> Result<f64, NetworkError> {
        if targets.len() != self.output {
            return Err(NetworkError::WrongTargets {
                expected: self.output,
                got: targets.len(),
            });
        }
        if targets.iter().any(|t| !t.is_finite()) {
            return Err(NetworkError::NotFinite { what: "targets" });
        }
        if !n.is_finite() {
            return Err(NetworkError::NotFinite {
                what: "the learning rate",
            });
        }
        let output_deltas = self.output_deltas(targets);
        let hidden_deltas = self.hidden_deltas(&output_deltas);
        self.update_output_weights(&output_deltas, n);
        self.update_input_weights(&hidden_deltas, n);
        Ok(self.error(targets))
    }
    // ANCHOR_END: back_propagate

    // ANCHOR: output_deltas
    /// Article P1.4: how much, and in which direction, each output unit's
    /// weighted sum should move: `output_deltas[k] = dsigmoid(ao[k]) * -(targets[k] - ao[k])`.
    ///
    /// This is the derivative of the pattern's squared error with respect to
    /// the output unit's weighted sum. Call it before the weights change.
    pub fn output_deltas(&self, targets: &[f64]) -> Vec<f64> {
        let mut output_deltas = vec![0.0; self.output];
        for k in 0..self.output {
            let error = -(targets[k] - self.ao[k]);
            output_deltas[k] = dsigmoid(self.ao[k]) * error;
        }
        output_deltas
    }
    // ANCHOR_END: output_deltas

    // ANCHOR: hidden_deltas
    /// Article P1.4: each hidden unit's share of the blame, sent back through
    /// the (not yet updated) output weights:
    /// `hidden_deltas[j] = dsigmoid(ah[j]) * sum over k of output_deltas[k] * wo[j][k]`.
    pub fn hidden_deltas(&self, output_deltas: &[f64]) -> Vec<f64> {
        let mut hidden_deltas = vec![0.0; self.hidden];
        for j in 0..self.hidden {
            let mut error = 0.0;
            for k in 0..self.output {
                error += output_deltas[k] * self.wo[j][k];
            }
            hidden_deltas[j] = dsigmoid(self.ah[j]) * error;
        }
        hidden_deltas
    }
    // ANCHOR_END: hidden_deltas

    // ANCHOR: update_weights
    /// Article P1.4: updates the hidden-to-output weights.
    ///
    /// `change = output_deltas[k] * ah[j]` is the gradient of the error with
    /// respect to `wo[j][k]`. The article then does
    /// `wo[j][k] -= n * change + co[j][k]` and remembers `co[j][k] = change`.
    ///
    /// The quirk, kept on purpose: the previous change is subtracted with
    /// coefficient 1, not scaled by the learning rate. With the article's tiny
    /// `n = 0.0002` each step is mostly *the previous pattern's full gradient*
    /// (`n * g_t + g_(t-1)`), so the effective step is about 1/n = 5000 times
    /// the nominal one. The part-2 network makes the coefficient a parameter.
    pub fn update_output_weights(&mut self, output_deltas: &[f64], n: f64) {
        for j in 0..self.hidden {
            for k in 0..self.output {
                let change = output_deltas[k] * self.ah[j];
                self.wo[j][k] -= n * change + self.co[j][k];
                self.co[j][k] = change;
            }
        }
    }

    /// Article P1.4: updates the input-to-hidden weights, the same way:
    /// `change = hidden_deltas[j] * ai[i]`, `wi[i][j] -= n * change + ci[i][j]`,
    /// `ci[i][j] = change`.
    pub fn update_input_weights(&mut self, hidden_deltas: &[f64], n: f64) {
        for i in 0..self.input {
            for j in 0..self.hidden {
                let change = hidden_deltas[j] * self.ai[i];
                self.wi[i][j] -= n * change + self.ci[i][j];
                self.ci[i][j] = change;
            }
        }
    }
    // ANCHOR_END: update_weights

    /// Article P1.4: the pattern's error, `sum over k of 0.5 * (targets[k] - ao[k])^2`,
    /// from the output activations of the last feed forward.
    pub fn error(&self, targets: &[f64]) -> f64 {
        let mut error = 0.0;
        for k in 0..targets.len() {
            error += 0.5 * (targets[k] - self.ao[k]).powi(2);
        }
        error
    }
}

/// Before building a network: no layer of size 0, and memory for every
/// array (checked by reserving it once, so a huge `hidden` is an error
/// instead of an abort in the middle of filling the weights).
fn check_sizes(features: usize, hidden: usize, output: usize) -> Result<(), NetworkError> {
    check_layers(features, hidden, output)?;
    let input = features.saturating_add(1);
    let too_large = |values| NetworkError::TooLarge {
        input: features,
        hidden,
        output,
        values,
    };
    // wi and ci (input x hidden), wo and co (hidden x output), ai, ah, ao.
    let values = input
        .checked_mul(hidden)
        .and_then(|n| n.checked_add(hidden.checked_mul(output)?))
        .and_then(|n| n.checked_mul(2))
        .and_then(|n| n.checked_add(input.checked_add(hidden)?.checked_add(output)?))
        .filter(|n| n.checked_mul(size_of::<f64>()).is_some())
        .ok_or_else(|| too_large(None))?;
    let mut probe: Vec<f64> = Vec::new();
    probe
        .try_reserve_exact(values)
        .map_err(|_| too_large(Some(values)))?;
    Ok(())
}

/// No layer of size 0.
fn check_layers(features: usize, hidden: usize, output: usize) -> Result<(), NetworkError> {
    for (layer, size) in [("input", features), ("hidden", hidden), ("output", output)] {
        if size == 0 {
            return Err(NetworkError::ZeroSize { layer });
        }
    }
    Ok(())
}

fn check_rectangle(
    what: &'static str,
    m: &[Vec<f64>],
    rows: usize,
    cols: usize,
) -> Result<(), NetworkError> {
    let ragged = m.iter().find(|r| r.len() != cols);
    if m.len() != rows || ragged.is_some() {
        let got = match ragged {
            Some(r) => format!("a row of {} values", r.len()),
            None => format!("{} rows", m.len()),
        };
        return Err(NetworkError::Shape {
            what,
            expected: format!("{rows} rows of {cols} values"),
            got,
        });
    }
    Ok(())
}
