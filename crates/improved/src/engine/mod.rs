//! Engines: other ways to run the same training step, faster, each proven
//! equal to the reference network within a stated tolerance.
//!
//! - [`sparse`]: one sample at a time, skipping the rows of `wi` whose input is 0;
//! - [`batch`]: mini-batches, matrix x matrix products;
//! - both in `f32` or `f64` ([`Real`]).

pub mod batch;
mod gemm;
pub mod real;
pub mod sparse;

pub use real::Real;
