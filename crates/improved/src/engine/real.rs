//! The number type an engine trains in: `f64` (the reference's) or `f32`.

use nalgebra::RealField;

use crate::{Hidden, Output};

/// A floating-point type the engines can train in: nalgebra's [`RealField`]
/// (so matrices, `gemm` and `tanh` work) plus the two conversions an engine
/// needs at its borders (pixels and learning rate in, loss and weights out).
///
/// `f32` halves the bytes per weight, so twice as many fit in a cache line
/// and in one SIMD instruction; the network's own weights stay `f64`.
pub trait Real: RealField + Copy + Send + Sync + super::gemm::Gemm {
    /// Converts from `f64` (rounding to nearest for `f32`).
    fn of(x: f64) -> Self;
    /// Converts to `f64` (exact).
    fn to_f64(self) -> f64;
}

impl Real for f64 {
    fn of(x: f64) -> f64 {
        x
    }
    fn to_f64(self) -> f64 {
        self
    }
}

impl Real for f32 {
    fn of(x: f64) -> f32 {
        x as f32
    }
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
}

/// Article P2.1: the hidden activation of a weighted sum, in `T`
/// (the same formulas as [`Hidden::activate`]).
pub fn activate<T: Real>(hidden: Hidden, x: T) -> T {
    match hidden {
        Hidden::Sigmoid => T::one() / (T::one() + (-x).exp()),
        Hidden::Tanh => x.tanh(),
    }
}

/// Article P2.1: the hidden activation's slope from its output `y`
/// (the same formulas as [`Hidden::derivative`]).
pub fn derivative<T: Real>(hidden: Hidden, y: T) -> T {
    match hidden {
        Hidden::Sigmoid => y * (T::one() - y),
        Hidden::Tanh => T::one() - y * y,
    }
}

/// Article P2.1: one sample's output activations from its weighted sums
/// `z`, in place. Same formulas as [`Output::activate`]: a sigmoid per unit,
/// or softmax with the largest sum subtracted first.
pub fn activate_output<T: Real>(output: Output, z: &mut [T]) {
    match output {
        Output::Logistic => z
            .iter_mut()
            .for_each(|v| *v = T::one() / (T::one() + (-*v).exp())),
        Output::Softmax => {
            let max = z.iter().fold(z[0], |m, &v| if v > m { v } else { m });
            let mut sum = T::zero();
            for v in z.iter_mut() {
                *v = (*v - max).exp();
                sum += *v;
            }
            z.iter_mut().for_each(|v| *v /= sum);
        }
    }
}

/// Article P1.4 / P2.1: an output unit's delta from its activation `ao` and
/// target `t`: `dsigmoid(ao) * -(t - ao)` (logistic) or `-(t - ao)` (softmax).
pub fn output_delta<T: Real>(output: Output, ao: T, t: T) -> T {
    match output {
        Output::Logistic => ao * (T::one() - ao) * -(t - ao),
        Output::Softmax => -(t - ao),
    }
}

/// One sample's loss in `f64` from its output activations and label: the
/// squared error `sum of 0.5 * (t - ao)^2` or the cross-entropy `-ln ao[label]`
/// (with a probability of exactly 0 counted as the smallest positive `f64`,
/// as [`crate::cross_entropy`] does).
pub fn loss<T: Real>(output: Output, mut ao: impl Iterator<Item = T>, label: usize) -> f64 {
    match output {
        Output::Logistic => ao
            .enumerate()
            .map(|(k, a)| {
                let d = if k == label { 1.0 } else { 0.0 } - a.to_f64();
                0.5 * d * d
            })
            .sum(),
        Output::Softmax => {
            let p = ao.nth(label).map_or(f64::NAN, T::to_f64);
            -(if p == 0.0 { f64::MIN_POSITIVE } else { p }).ln()
        }
    }
}
