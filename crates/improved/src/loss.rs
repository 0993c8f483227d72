//! Article P1.4 / P2.1: each output layer's loss and its slope, written
//! once for the reference network and every engine.

use crate::engine::Real;
use crate::{Output, dsigmoid};

/// Article P1.4: the squared error of one sample,
/// `sum over k of 0.5 * (t[k] - ao[k])^2` (the logistic output's loss).
pub fn squared_error(targets: &[f64], ao: &[f64]) -> f64 {
    sum_over_units(targets, ao, squared_term)
}

/// `sum over k of term(t[k], ao[k])`: a sample's loss from one unit's share.
fn sum_over_units(targets: &[f64], ao: &[f64], term: impl Fn(f64, f64) -> f64) -> f64 {
    targets.iter().zip(ao).map(|(&t, &a)| term(t, a)).sum()
}

/// One output unit's share of the squared error: `0.5 * (t - a)^2`.
fn squared_term(t: f64, a: f64) -> f64 {
    0.5 * (t - a) * (t - a)
}

// ANCHOR: cross_entropy
/// Article P2.1: the cross-entropy of one sample, `-sum over k of t[k] * ln(ao[k])`
/// (the softmax output's loss).
///
/// Written naively this turns `0 * ln(0)` into `0 * -inf = NaN` as soon as
/// one probability underflows to 0, and a training monitor would report a
/// diverging run that is fine. So: terms with `t[k] == 0` are skipped (they
/// contribute exactly 0), and a probability of exactly 0 under a positive
/// target counts as the smallest positive `f64` (loss about 708, large but
/// finite). A NaN probability still gives NaN, so real divergence shows.
pub fn cross_entropy(targets: &[f64], ao: &[f64]) -> f64 {
    sum_over_units(targets, ao, cross_entropy_term)
}

/// One output unit's share of the cross-entropy: `-t * ln(p)`, 0 when `t` is 0.
fn cross_entropy_term(t: f64, p: f64) -> f64 {
    if t == 0.0 {
        return 0.0;
    }
    let p = if p == 0.0 { f64::MIN_POSITIVE } else { p };
    -(t * p.ln())
}
// ANCHOR_END: cross_entropy

impl Output {
    /// The loss this output layer is trained on: squared error for
    /// [`Output::Logistic`], cross-entropy for [`Output::Softmax`].
    pub fn loss(self, targets: &[f64], ao: &[f64]) -> f64 {
        match self {
            Output::Logistic => squared_error(targets, ao),
            Output::Softmax => cross_entropy(targets, ao),
        }
    }

    /// [`loss`](Self::loss) against the one-hot target of `label`, from
    /// activations in `f64` or `f32` (the engines' form: no target vector).
    pub fn loss_of_label<T: Real>(self, ao: &[T], label: usize) -> f64 {
        let t = |k: usize| if k == label { 1.0 } else { 0.0 };
        let a = ao.iter().map(|a| a.to_f64()).enumerate();
        match self {
            Output::Logistic => a.map(|(k, a)| squared_term(t(k), a)).sum(),
            Output::Softmax => a.map(|(k, p)| cross_entropy_term(t(k), p)).sum(),
        }
    }

    // ANCHOR: output_delta
    /// Article P1.4 / P2.1: the loss's slope with respect to an output
    /// unit's weighted sum, from its activation `ao` and target `t`:
    ///
    /// - logistic output, squared error: `dsigmoid(ao) * -(t - ao)`
    /// - softmax output, cross-entropy: `-(t - ao)` (the softmax's slope and
    ///   the logarithm's cancel out)
    pub fn delta<T: Real>(self, ao: T, t: T) -> T {
        match self {
            Output::Logistic => dsigmoid(ao) * -(t - ao),
            Output::Softmax => -(t - ao),
        }
    }
    // ANCHOR_END: output_delta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squared_error_is_half_the_sum_of_squares() {
        assert_eq!(
            squared_error(&[1.0, 0.0], &[0.75, 0.5]),
            0.5 * 0.0625 + 0.5 * 0.25
        );
    }

    #[test]
    fn cross_entropy_is_minus_log_of_the_true_class() {
        let l = cross_entropy(&[0.0, 1.0, 0.0], &[0.2, 0.7, 0.1]);
        assert_eq!(l, -(0.7_f64.ln()));
    }

    #[test]
    fn cross_entropy_never_turns_zero_log_zero_into_nan() {
        // A probability of exactly 0 where the target is 0: the term is 0.
        assert_eq!(cross_entropy(&[1.0, 0.0], &[1.0, 0.0]), 0.0);
        // ... and under a positive target: large but finite.
        let l = cross_entropy(&[0.0, 1.0], &[1.0, 0.0]);
        assert_eq!(l, -f64::MIN_POSITIVE.ln());
        assert!(l.is_finite() && l > 700.0);
        // NaN probabilities still show up as NaN.
        assert!(cross_entropy(&[1.0, 0.0], &[f64::NAN, 0.0]).is_nan());
    }

    #[test]
    fn output_picks_its_loss() {
        assert_eq!(Output::Logistic.loss(&[1.0], &[0.5]), 0.125);
        assert_eq!(Output::Softmax.loss(&[1.0], &[0.5]), -(0.5_f64.ln()));
    }
}
