//! The gradient of one pattern's error, two ways, for the lesson "Why
//! back-propagation is fast": by back-propagation (one feed forward, one
//! pass backwards), and by finite differences (two feed forwards per
//! weight). Both return every weight's slope `dE/dw`, in the shapes of `wi`
//! and `wo`; neither changes the weights.

use crate::{MlpNeuralNetwork, NetworkError};

/// The slope of the error for every weight: `wi[i][j]` and `wo[j][k]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Gradient {
    pub wi: Vec<Vec<f64>>,
    pub wo: Vec<Vec<f64>>,
}

impl Gradient {
    /// The largest difference between two gradients of the same shape.
    pub fn max_difference(&self, other: &Gradient) -> f64 {
        let a = self.wi.iter().chain(&self.wo).flatten();
        let b = other.wi.iter().chain(&other.wo).flatten();
        a.zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f64::max)
    }
}

impl MlpNeuralNetwork {
    /// The number of weights: `input * hidden + hidden * output` (the bias
    /// counted among the inputs).
    pub fn weight_count(&self) -> usize {
        self.input * self.hidden + self.hidden * self.output
    }
}

// ANCHOR: by_back_propagation
/// Article P1.4: every slope from one feed forward and one pass backwards:
/// `dE/dwo[j][k] = output_deltas[k] * ah[j]`, `dE/dwi[i][j] = hidden_deltas[j] * ai[i]`.
///
/// # Errors
/// As [`MlpNeuralNetwork::feed_forward`], or the wrong number of targets.
pub fn by_back_propagation(
    net: &mut MlpNeuralNetwork,
    inputs: &[f64],
    targets: &[f64],
) -> Result<Gradient, NetworkError> {
    net.feed_forward(inputs)?;
    check_targets(net, targets)?;
    let output_deltas = net.output_deltas(targets);
    let hidden_deltas = net.hidden_deltas(&output_deltas);
    let mut g = zeros(net);
    for j in 0..net.hidden {
        for k in 0..net.output {
            g.wo[j][k] = output_deltas[k] * net.ah[j];
        }
    }
    for i in 0..net.input {
        for j in 0..net.hidden {
            g.wi[i][j] = hidden_deltas[j] * net.ai[i];
        }
    }
    Ok(g)
}
// ANCHOR_END: by_back_propagation

// ANCHOR: by_finite_differences
/// Every slope measured: for each weight, `(E(w + h) - E(w - h)) / 2h`, two
/// feed forwards per weight. The weights are restored after each nudge.
///
/// # Errors
/// As [`by_back_propagation`].
pub fn by_finite_differences(
    net: &mut MlpNeuralNetwork,
    inputs: &[f64],
    targets: &[f64],
    h: f64,
) -> Result<Gradient, NetworkError> {
    check_targets(net, targets)?;
    let mut g = zeros(net);
    for i in 0..net.input {
        for j in 0..net.hidden {
            let w = net.wi[i][j];
            net.wi[i][j] = w + h;
            let up = error_at(net, inputs, targets)?;
            net.wi[i][j] = w - h;
            let down = error_at(net, inputs, targets)?;
            net.wi[i][j] = w;
            g.wi[i][j] = (up - down) / (2.0 * h);
        }
    }
    for j in 0..net.hidden {
        for k in 0..net.output {
            let w = net.wo[j][k];
            net.wo[j][k] = w + h;
            let up = error_at(net, inputs, targets)?;
            net.wo[j][k] = w - h;
            let down = error_at(net, inputs, targets)?;
            net.wo[j][k] = w;
            g.wo[j][k] = (up - down) / (2.0 * h);
        }
    }
    Ok(g)
}

/// One feed forward, then the pattern's error.
fn error_at(
    net: &mut MlpNeuralNetwork,
    inputs: &[f64],
    targets: &[f64],
) -> Result<f64, NetworkError> {
    net.feed_forward(inputs)?;
    Ok(net.error(targets))
}
// ANCHOR_END: by_finite_differences

fn zeros(net: &MlpNeuralNetwork) -> Gradient {
    Gradient {
        wi: vec![vec![0.0; net.hidden]; net.input],
        wo: vec![vec![0.0; net.output]; net.hidden],
    }
}

fn check_targets(net: &MlpNeuralNetwork, targets: &[f64]) -> Result<(), NetworkError> {
    if targets.len() != net.output {
        return Err(NetworkError::WrongTargets {
            expected: net.output,
            got: targets.len(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case() -> (MlpNeuralNetwork, Vec<f64>, Vec<f64>) {
        let mut rng = data::seeded_rng(3);
        let net = MlpNeuralNetwork::new(3, 5, 2, &mut rng).unwrap();
        (net, vec![0.2, -0.7, 0.9], vec![0.0, 1.0])
    }

    #[test]
    fn both_ways_give_the_same_gradient_on_a_3_5_2_network() {
        let (mut net, x, t) = case();
        let bp = by_back_propagation(&mut net, &x, &t).unwrap();
        let fd = by_finite_differences(&mut net, &x, &t, 1e-5).unwrap();
        assert_eq!((bp.wi.len(), bp.wi[0].len(), bp.wo.len()), (4, 5, 5));
        assert!(bp.max_difference(&fd) < 1e-9, "{}", bp.max_difference(&fd));
        assert!(
            bp.wi.iter().flatten().any(|g| g.abs() > 1e-4),
            "not all zero"
        );
    }

    #[test]
    fn finite_differences_leave_the_weights_as_they_were() {
        let (mut net, x, t) = case();
        let before = (net.wi.clone(), net.wo.clone());
        by_finite_differences(&mut net, &x, &t, 1e-3).unwrap();
        assert_eq!((net.wi.clone(), net.wo.clone()), before);
    }

    #[test]
    fn the_784_100_10_network_has_79_500_weights() {
        let mut rng = data::seeded_rng(1);
        let net = MlpNeuralNetwork::new(784, 100, 10, &mut rng).unwrap();
        assert_eq!(net.weight_count(), 785 * 100 + 100 * 10);
        assert_eq!(net.weight_count(), 79_500);
    }

    #[test]
    fn wrong_targets_are_an_error_both_ways() {
        let (mut net, x, _) = case();
        assert!(by_back_propagation(&mut net, &x, &[1.0]).is_err());
        assert!(by_finite_differences(&mut net, &x, &[1.0], 1e-3).is_err());
    }
}
