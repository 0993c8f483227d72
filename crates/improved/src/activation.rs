use nalgebra::RealField;

use crate::engine::Real;
use crate::{Hidden, Output};

// Every formula is written once, for `f64` (the reference) and `f32` (the
// fast engines' other precision): `T` is either.

/// Article P1.1: `sigmoid(x) = 1 / (1 + e^-x)`, as in `naive`.
pub fn sigmoid<T: Real>(x: T) -> T {
    T::one() / (T::one() + (-x).exp())
}

/// Article P1.1: the sigmoid's slope from its output `y`: `y * (1 - y)`.
pub fn dsigmoid<T: Real>(y: T) -> T {
    y * (T::one() - y)
}

// ANCHOR: tanh
/// Article P2.1: the hidden layer's `tanh(x) = (e^x - e^-x) / (e^x + e^-x)`.
///
/// Like the sigmoid it squashes, but into (-1, 1) and centred on 0, so the
/// next layer sees inputs of mean about 0, which P2.2's initialization expects.
pub fn tanh<T: Real>(x: T) -> T {
    x.tanh()
}

/// Article P2.1: tanh's slope from its output `y = tanh(x)`: `1 - y^2`.
pub fn dtanh<T: Real>(y: T) -> T {
    T::one() - y * y
}
// ANCHOR_END: tanh

// ANCHOR: softmax
/// Article P2.1: turns the output layer's weighted sums `z` into
/// probabilities, in place: `softmax(z)[k] = e^(z[k] - max z) / sum over m of e^(z[m] - max z)`.
///
/// Subtracting the largest value first changes nothing mathematically (it
/// cancels between top and bottom) but keeps `e^...` at most 1, so sums of
/// +-1000 do not overflow to infinity. NaN in, NaN out.
///
/// # Shapes
/// `z`: (output).
pub fn softmax<T: Real>(z: &mut [T]) {
    let Some(&first) = z.first() else { return };
    let max = z.iter().copied().fold(first, RealField::max);
    let mut sum = T::zero();
    for v in z.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in z.iter_mut() {
        *v /= sum;
    }
}
// ANCHOR_END: softmax

impl Hidden {
    /// The activation of one hidden unit from its weighted sum.
    pub fn activate<T: Real>(self, x: T) -> T {
        match self {
            Hidden::Sigmoid => sigmoid(x),
            Hidden::Tanh => tanh(x),
        }
    }

    /// The activation's slope, from the activation `y` itself.
    pub fn derivative<T: Real>(self, y: T) -> T {
        match self {
            Hidden::Sigmoid => dsigmoid(y),
            Hidden::Tanh => dtanh(y),
        }
    }
}

impl Output {
    /// Turns the output layer's weighted sums into activations, in place.
    pub fn activate<T: Real>(self, z: &mut [T]) {
        match self {
            Output::Logistic => z.iter_mut().for_each(|v| *v = sigmoid(*v)),
            Output::Softmax => softmax(z),
        }
    }
}

// Index loops keep the reference formulas readable.
#[cfg(test)]
#[allow(clippy::needless_range_loop)]
mod tests {
    use super::*;

    #[test]
    fn tanh_and_its_derivative_follow_the_formulas() {
        let x = 0.7_f64;
        let y = (x.exp() - (-x).exp()) / (x.exp() + (-x).exp());
        assert!((tanh(x) - y).abs() < 1e-15);
        assert_eq!(dtanh(0.5), 0.75);
        for x in [-2.0_f64, -0.3, 0.0, 1.5] {
            let h = 1e-6;
            let numeric = (tanh(x + h) - tanh(x - h)) / (2.0 * h);
            assert!((dtanh(tanh(x)) - numeric).abs() < 1e-9, "x = {x}");
        }
    }

    #[test]
    fn sigmoid_matches_naive() {
        for x in [-3.0, 0.0, 0.4, 5.0] {
            assert_eq!(sigmoid(x), naive::sigmoid(x));
            assert_eq!(dsigmoid(sigmoid(x)), naive::dsigmoid(naive::sigmoid(x)));
        }
    }

    #[test]
    fn softmax_values_follow_the_formula_and_sum_to_one() {
        let mut z = [1.0, 2.0, 0.5];
        softmax(&mut z);
        let e = [1.0_f64.exp(), 2.0_f64.exp(), 0.5_f64.exp()];
        let s: f64 = e.iter().sum();
        for k in 0..3 {
            assert!((z[k] - e[k] / s).abs() < 1e-15);
        }
        assert!((z.iter().sum::<f64>() - 1.0).abs() < 1e-15);
    }

    #[test]
    fn softmax_is_stable_for_plus_minus_a_thousand() {
        let mut z = [1000.0_f64, -1000.0, 999.0];
        softmax(&mut z);
        assert!(z.iter().all(|p| p.is_finite()), "{z:?}");
        let e1 = (-1.0_f64).exp();
        assert!((z[0] - 1.0 / (1.0 + e1)).abs() < 1e-15);
        assert!((z[2] - e1 / (1.0 + e1)).abs() < 1e-15);
        assert_eq!(z[1], 0.0);
        let mut low = [-1000.0, -1001.0];
        softmax(&mut low);
        assert!((low[0] - 1.0 / (1.0 + (-1.0_f64).exp())).abs() < 1e-15);
    }

    #[test]
    fn hidden_and_output_switches_pick_the_right_functions() {
        assert_eq!(Hidden::Sigmoid.activate(0.3), sigmoid(0.3));
        assert_eq!(Hidden::Tanh.activate(0.3), 0.3_f64.tanh());
        assert_eq!(Hidden::Tanh.derivative(0.5), 0.75);
        assert_eq!(Hidden::Sigmoid.derivative(0.5), 0.25);
        let mut z = [0.0, 0.0];
        Output::Logistic.activate(&mut z);
        assert_eq!(z, [0.5, 0.5]);
        Output::Softmax.activate(&mut z);
        assert_eq!(z, [0.5, 0.5]);
    }
}
