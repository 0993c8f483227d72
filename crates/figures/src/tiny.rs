//! The lessons' 2-3-2 network (`naive::trace::tiny_network`) seen one weight
//! at a time: its error as a function of one weight, back-propagation's
//! slope for that weight, and the slope measured by nudging it (article
//! P1.4). The figures of P1.4 and the primer are drawn from these.

use naive::MlpNeuralNetwork;
use naive::trace::tiny_network;

use crate::FigureError;

/// One weight of the network: `Wi(i, j)` is `wi[i][j]` (input `i`, the bias
/// last, to hidden unit `j`); `Wo(j, k)` is `wo[j][k]` (hidden `j` to output `k`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Wi(usize, usize),
    Wo(usize, usize),
}

impl Weight {
    /// The weight's name in the code: `wi[1][2]`, `wo[0][1]`.
    pub fn name(self) -> String {
        match self {
            Weight::Wi(i, j) => format!("wi[{i}][{j}]"),
            Weight::Wo(j, k) => format!("wo[{j}][{k}]"),
        }
    }

    /// Its value in `net`.
    pub fn get(self, net: &MlpNeuralNetwork) -> f64 {
        match self {
            Weight::Wi(i, j) => net.wi[i][j],
            Weight::Wo(j, k) => net.wo[j][k],
        }
    }

    /// Sets its value in `net`.
    pub fn set(self, net: &mut MlpNeuralNetwork, value: f64) {
        match self {
            Weight::Wi(i, j) => net.wi[i][j] = value,
            Weight::Wo(j, k) => net.wo[j][k] = value,
        }
    }
}

/// The 2-3-2 network with its hand-picked weights, and its one pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Tiny {
    pub net: MlpNeuralNetwork,
    pub inputs: [f64; 2],
    pub targets: [f64; 2],
}

impl Tiny {
    /// The step-through network of P1.3 and P1.4.
    ///
    /// # Errors
    /// Never in practice (its weights are valid).
    pub fn new() -> Result<Tiny, FigureError> {
        let t = tiny_network();
        let net =
            MlpNeuralNetwork::from_weights(t.wi, t.wo).map_err(|e| FigureError(e.to_string()))?;
        Ok(Tiny {
            net,
            inputs: t.inputs,
            targets: t.targets,
        })
    }

    /// The same network with the weights `set` to new values.
    pub fn moved(&self, set: &[(Weight, f64)]) -> Tiny {
        let mut t = self.clone();
        for &(w, v) in set {
            w.set(&mut t.net, v);
        }
        t
    }

    /// Every weight, `wi` row by row, then `wo` row by row.
    pub fn weights(&self) -> Vec<Weight> {
        let n = &self.net;
        let wi = (0..n.input).flat_map(|i| (0..n.hidden).map(move |j| Weight::Wi(i, j)));
        let wo = (0..n.hidden).flat_map(|j| (0..n.output).map(move |k| Weight::Wo(j, k)));
        wi.chain(wo).collect()
    }

    /// Article P1.4: the pattern's error `sum over k of 0.5 * (targets[k] - ao[k])^2`
    /// with the weights `set` (each to its value) and every other weight as it is.
    ///
    /// # Errors
    /// Never in practice (the pattern fits the network).
    pub fn error_with(&self, set: &[(Weight, f64)]) -> Result<f64, FigureError> {
        let mut net = self.moved(set).net;
        net.feed_forward(&self.inputs)
            .map_err(|e| FigureError(e.to_string()))?;
        Ok(net.error(&self.targets))
    }

    /// Back-propagation's slope of the error for `w`, from the network's own
    /// functions: `output_deltas[k] * ah[j]` for `wo[j][k]`,
    /// `hidden_deltas[j] * ai[i]` for `wi[i][j]`.
    ///
    /// # Errors
    /// As [`error_with`](Self::error_with).
    pub fn backprop_slope(&self, w: Weight) -> Result<f64, FigureError> {
        let mut net = self.net.clone();
        net.feed_forward(&self.inputs)
            .map_err(|e| FigureError(e.to_string()))?;
        let output_deltas = net.output_deltas(&self.targets);
        Ok(match w {
            Weight::Wo(j, k) => output_deltas[k] * net.ah[j],
            Weight::Wi(i, j) => net.hidden_deltas(&output_deltas)[j] * net.ai[i],
        })
    }

    /// The slope measured by nudging `w` up and down by `h`:
    /// `(E(w + h) - E(w - h)) / (2 h)`.
    ///
    /// # Errors
    /// As [`error_with`](Self::error_with).
    pub fn measured_slope(&self, w: Weight, h: f64) -> Result<f64, FigureError> {
        let v = w.get(&self.net);
        let up = self.error_with(&[(w, v + h)])?;
        let down = self.error_with(&[(w, v - h)])?;
        Ok((up - down) / (2.0 * h))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_network_has_fifteen_weights_and_its_error_is_the_step_throughs() {
        let t = Tiny::new().unwrap();
        assert_eq!(t.weights().len(), 3 * 3 + 3 * 2);
        let e = t.error_with(&[]).unwrap();
        assert!((e - 0.240483).abs() < 5e-7, "{e}");
    }

    #[test]
    fn back_propagation_slopes_match_nudged_slopes_for_every_weight() {
        let t = Tiny::new().unwrap();
        for w in t.weights() {
            let (b, m) = (
                t.backprop_slope(w).unwrap(),
                t.measured_slope(w, 1e-5).unwrap(),
            );
            assert!((b - m).abs() < 1e-9, "{}: {b} vs {m}", w.name());
        }
    }

    #[test]
    fn setting_a_weight_changes_the_error_and_only_in_the_copy() {
        let t = Tiny::new().unwrap();
        let w = Weight::Wo(1, 0);
        let moved = t.error_with(&[(w, 3.0)]).unwrap();
        assert!(
            moved < t.error_with(&[]).unwrap(),
            "raising wo[1][0] helps ao[0]"
        );
        assert_eq!(w.get(&t.net), 0.45);
    }
}
