//! The number type an engine trains in: `f64` (the reference's) or `f32`.

use nalgebra::{DMatrix, DVector, RealField};

use crate::{Hidden, Output, Precision};

/// A floating-point type the engines can train in: nalgebra's [`RealField`]
/// (so matrices, `gemm` and `tanh` work) plus the two conversions an engine
/// needs at its borders (pixels and learning rate in, loss and weights out).
///
/// `f32` halves the bytes per weight, so twice as many fit in a cache line
/// and in one SIMD instruction; the network's own weights stay `f64`.
pub trait Real: RealField + Copy + Send + Sync + super::gemm::Gemm {
    /// The [`Precision`] that asks for this type.
    const PRECISION: Precision;
    /// Deltas smaller than this are set to 0 by [`flush`]: `2^-100` in
    /// `f32`, 0 (keep every delta) in `f64`.
    const FLUSH_BELOW: Self;
    /// Converts from `f64`, rounding to the nearest `f32` (exact for `f64`).
    /// (Not `from_f64`: num-traits already has one, returning an `Option`.)
    fn from_f64_nearest(x: f64) -> Self;
    /// Converts to `f64` (exact).
    fn to_f64(self) -> f64;
    /// The hidden layer's activation of every number of `z`, in place
    /// (the batch engine's whole batch at once). In `f32`, `tanh` goes
    /// through a vectorizable approximation ([`fast_tanh`](super::fast_tanh),
    /// within 5e-7 of the exact value).
    fn activate_all(hidden: Hidden, z: &mut [Self]) {
        z.iter_mut().for_each(|v| *v = hidden.activate(*v));
    }
}

impl Real for f64 {
    const PRECISION: Precision = Precision::F64;
    const FLUSH_BELOW: f64 = 0.0;
    fn from_f64_nearest(x: f64) -> f64 {
        x
    }
    fn to_f64(self) -> f64 {
        self
    }
}

impl Real for f32 {
    const PRECISION: Precision = Precision::F32;
    const FLUSH_BELOW: f32 = 7.888_609e-31; // 2^-100
    fn from_f64_nearest(x: f64) -> f32 {
        x as f32
    }
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
    fn activate_all(hidden: Hidden, z: &mut [f32]) {
        match hidden {
            Hidden::Tanh => super::fast_tanh::tanh_all(z),
            Hidden::Sigmoid => z.iter_mut().for_each(|v| *v = hidden.activate(*v)),
        }
    }
}

/// A delta, or 0 if it is smaller than [`Real::FLUSH_BELOW`] (`f32` only).
///
/// A softmax or sigmoid output can be so close to 0 that its delta, and the
/// products of the updates it enters, fall below the smallest normal `f32`
/// (about 1.2e-38). The processor handles such *subnormal* numbers in
/// microcode, much slower than normal ones: with them an `f32` epoch of the
/// sparse engine took twice as long (the lesson "Three rungs" has the
/// numbers). A delta below `2^-100` (about 8e-31) moves nothing anyway:
/// with a learning rate and inputs of at most 1 its change is below the
/// rounding of any weight larger than about 1e-22. In `f64` nothing is
/// flushed (its normal numbers reach down to 1e-308), so `f64` training
/// keeps its exact numbers.
pub fn flush<T: Real>(d: T) -> T {
    if d.abs() < T::FLUSH_BELOW {
        T::zero()
    } else {
        d
    }
}

/// Article P1.4 / P2.1: one sample's output deltas, as the reference's
/// `output_deltas` with the one-hot target of `label` (tiny `f32` deltas
/// [`flush`]ed to 0). Per-sample engines share it.
pub fn output_deltas<T: Real>(
    output: Output,
    ao: &DVector<T>,
    label: usize,
    deltas: &mut DVector<T>,
) {
    for (k, (d, &a)) in deltas.iter_mut().zip(ao.iter()).enumerate() {
        let t = if k == label { T::one() } else { T::zero() };
        *d = flush(output.delta(a, t));
    }
}

/// Article P1.4 / P2.1: one sample's hidden deltas, as the reference's
/// `hidden_deltas`: `activation'(ah) * (wo output_deltas)`, through the old
/// `wo` (tiny `f32` deltas [`flush`]ed to 0). Per-sample engines share it.
pub fn hidden_deltas<T: Real>(
    hidden: Hidden,
    wo: &DMatrix<T>,
    output_deltas: &DVector<T>,
    ah: &DVector<T>,
    deltas: &mut DVector<T>,
) {
    deltas.gemv(T::one(), wo, output_deltas, T::zero()); // (hidden)
    deltas.zip_apply(ah, |d, y| *d = flush(*d * hidden.derivative(y)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sigmoid_output_near_0_makes_a_subnormal_f32_delta_that_flush_sets_to_0() {
        let mut z = [-45.0_f32, 0.0]; // ao about 2.9e-20, its delta ao^2 about 8e-40
        Output::Logistic.activate(&mut z);
        let delta = Output::Logistic.delta(z[0], 0.0);
        assert!(delta != 0.0 && !delta.is_normal(), "{delta:e} is subnormal");
        assert_eq!(flush(delta), 0.0);
        // the same output in f64 is a normal number, and kept
        let mut z = [-45.0_f64, 0.0];
        Output::Logistic.activate(&mut z);
        let delta = Output::Logistic.delta(z[0], 0.0);
        assert!(delta.is_normal());
        assert_eq!(flush(delta).to_bits(), delta.to_bits());
    }

    #[test]
    fn flush_keeps_deltas_from_2_to_the_minus_100_up_and_every_f64() {
        let edge = 2.0_f32.powi(-100);
        assert_eq!(f32::FLUSH_BELOW, edge);
        for d in [edge, -edge, 1e-20, -0.5, 3.0] {
            assert_eq!(flush(d), d);
        }
        for d in [edge / 2.0, -1e-35, 1e-40] {
            assert_eq!(flush(d), 0.0, "{d:e}");
        }
        for d in [f64::MIN_POSITIVE / 4.0, 1e-300, -1e-35, 0.0] {
            assert_eq!(flush(d).to_bits(), d.to_bits(), "{d:e}");
        }
        assert!(flush(f32::NAN).is_nan() && flush(f64::NAN).is_nan());
    }
}
