//! Zero inputs skipped in the batch engine's first layer (beyond the
//! article: about 81 % of MNIST's pixels are exactly 0).
//!
//! The first layer's two big products of a batch step are the weighted sums
//! `Z = wi^T X` and the gradient `Gi = X Dh^T`. An input that is 0 adds 0 to
//! every weighted sum of its sample and 0 to every gradient entry of its
//! row, so both products can leave it out:
//!
//! - forward: `z[.., s] = sum over the non-zero inputs r of sample s of
//!   x[r, s] * wi[r, ..]`;
//! - gradient: `gi[r, ..] = (sum over the samples s where input r is not 0
//!   of x[r, s] * dh[.., s]) / b`.
//!
//! The sums are the dense ones without their zero terms (`0 * w` is 0, and
//! adding it changes no sum), so the result differs from the dense product
//! only by rounding: here each sum adds its terms one after the other, in
//! increasing `r` (forward) or `s` (gradient), with a fused multiply-add
//! where the CPU has one; the dense product (`matrixmultiply`) adds them in
//! its own blocked order. Property tests bound the difference
//! (`crates/improved/tests/batch_and_sparse.rs`).
//!
//! Which way a batch goes is decided per batch from its data: the sparse
//! way when at least [`SPARSE_FROM_ZEROS`] of the batch's inputs are 0
//! (MNIST: about 0.81), else the dense product (the arithmetic of a dense
//! product runs at a higher rate, so skipping pays only when it skips a lot).

// Lane loops (`for i in 0..BLOCK`) spell out what each vector lane does.
#![allow(clippy::needless_range_loop)]

use super::real::Real;

/// The batch engine takes the sparse way for a batch when at least this
/// fraction of its inputs (bias excluded) are exactly 0.
pub const SPARSE_FROM_ZEROS: f64 = 0.5;

/// How the batch engine computes its first layer's products.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputPath {
    /// Per batch: sparse when at least [`SPARSE_FROM_ZEROS`] of its inputs are 0.
    #[default]
    Auto,
    /// Always the dense products.
    Dense,
    /// Always skip the zero inputs.
    Sparse,
}

// ANCHOR: input_rule
impl InputPath {
    /// Whether a batch with `zeros` zero inputs out of `total` goes the sparse way.
    pub fn sparse(self, zeros: usize, total: usize) -> bool {
        match self {
            InputPath::Auto => zeros as f64 >= SPARSE_FROM_ZEROS * total as f64,
            InputPath::Dense => false,
            InputPath::Sparse => true,
        }
    }
}
// ANCHOR_END: input_rule

/// The vector instructions the sparse loops run with, picked once at run
/// time; ordered from the narrowest to the widest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Simd {
    /// Plain Rust loops for the target's baseline CPU: a multiply, then an add.
    Portable,
    /// x86-64 with AVX2 and FMA: 256-bit registers, fused multiply-adds.
    Avx2Fma,
    /// x86-64 with AVX-512F: 512-bit registers, fused multiply-adds.
    Avx512,
}

impl Simd {
    /// The widest path this CPU runs.
    pub fn detect() -> Simd {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma")
            {
                return Simd::Avx512;
            }
            if std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma")
            {
                return Simd::Avx2Fma;
            }
        }
        Simd::Portable
    }

    /// Every path this CPU runs, the portable one first.
    pub fn available() -> Vec<Simd> {
        let best = Simd::detect();
        [Simd::Portable, Simd::Avx2Fma, Simd::Avx512]
            .into_iter()
            .filter(|&s| s <= best)
            .collect()
    }
}

/// Hidden units per block: the block's partial sums stay in vector
/// registers (8 AVX2 registers of `f64`, 4 of `f32`; half that on AVX-512).
const BLOCK: usize = 32;

/// A batch's non-zero inputs, listed twice: per sample (for the forward
/// sums) and per input (for the gradient). Sized once for the largest
/// batch: filling it allocates nothing.
#[derive(Debug, Clone)]
pub struct SparseBatch<T> {
    /// Rows of `X` (inputs + 1, the bias last).
    inputs: usize,
    /// Per sample `s`: entries `starts[s]..starts[s + 1]` of `rows`, `values`.
    starts: Vec<usize>,
    rows: Vec<u32>,
    values: Vec<T>,
    /// Per input `r`: entries `by_input[r]..by_input[r + 1]` of `samples`, `input_values`.
    by_input: Vec<usize>,
    samples: Vec<u32>,
    input_values: Vec<T>,
}

impl<T: Real> SparseBatch<T> {
    /// Lists for batches of up to `batch` samples of `inputs` rows (bias included).
    pub fn new(inputs: usize, batch: usize) -> SparseBatch<T> {
        let most = inputs * batch;
        SparseBatch {
            inputs,
            starts: vec![0; batch + 1],
            rows: vec![0; most],
            values: vec![T::zero(); most],
            by_input: vec![0; inputs + 1],
            samples: vec![0; most],
            input_values: vec![T::zero(); most],
        }
    }

    /// Lists the non-zero entries of the first `b` columns of `x` ((inputs, batch), column-major).
    ///
    /// # Panics
    /// If `x` has fewer than `b` columns of `inputs` rows, or `b` is above the batch size.
    pub fn fill(&mut self, x: &[T], b: usize) {
        assert!(b < self.starts.len() && x.len() >= b * self.inputs);
        let mut n = 0;
        self.by_input.fill(0);
        for (s, column) in x.chunks_exact(self.inputs).take(b).enumerate() {
            self.starts[s] = n;
            for (r, &v) in column.iter().enumerate() {
                n = self.push(n, r, v);
            }
        }
        self.finish(n, b);
    }

    /// Lists the non-zero entries of `rows` (each `inputs - 1` features,
    /// rounded to `T`), the bias input 1 last; returns how many rows.
    ///
    /// # Panics
    /// If there are more rows than the batch size, or a row of another length.
    pub fn fill_rows<'r>(&mut self, rows: impl Iterator<Item = &'r [f64]>) -> usize {
        let mut n = 0;
        let mut b = 0;
        self.by_input.fill(0);
        for (s, row) in rows.enumerate() {
            assert!(s + 1 < self.starts.len() && row.len() + 1 == self.inputs);
            self.starts[s] = n;
            for (r, &v) in row.iter().enumerate() {
                n = self.push(n, r, T::from_f64_nearest(v));
            }
            n = self.push(n, self.inputs - 1, T::one());
            b = s + 1;
        }
        self.finish(n, b);
        b
    }

    /// Appends entry `n`, input `r` of value `v`, if `v` is not 0; returns the next entry.
    fn push(&mut self, n: usize, r: usize, v: T) -> usize {
        if v == T::zero() {
            return n;
        }
        self.rows[n] = r as u32;
        self.values[n] = v;
        self.by_input[r + 1] += 1;
        n + 1
    }

    /// Closes the per-sample lists at `n` entries for `b` samples and
    /// builds the per-input lists from them (a counting sort: the samples
    /// of each input in increasing order).
    fn finish(&mut self, n: usize, b: usize) {
        self.starts[b] = n;
        for r in 0..self.inputs {
            self.by_input[r + 1] += self.by_input[r];
        }
        for s in 0..b {
            for k in self.starts[s]..self.starts[s + 1] {
                let r = self.rows[k] as usize;
                let at = self.by_input[r];
                self.samples[at] = s as u32;
                self.input_values[at] = self.values[k];
                self.by_input[r] += 1;
            }
        }
        // `by_input[r]` now holds the end of input r: shift back to starts.
        for r in (1..=self.inputs).rev() {
            self.by_input[r] = self.by_input[r - 1];
        }
        self.by_input[0] = 0;
    }

    /// How many entries the lists hold (the batch's non-zero inputs).
    pub fn nonzeros(&self, b: usize) -> usize {
        self.starts[b]
    }
}

/// `z[.., s] = sum over the non-zero inputs r of sample s of x[r, s] * wt[.., r]`
/// for the first `b` samples: the forward sums of a batch without its zero
/// terms. `wt` is `wi^T` (hidden, inputs) column-major (one input's weights
/// contiguous); `z` is (hidden, b) column-major. The samples are split over
/// `threads`; no number depends on the split.
///
/// # Panics
/// If the shapes do not match.
pub fn forward<T: Real>(
    simd: Simd,
    threads: usize,
    lists: &SparseBatch<T>,
    wt: &[T],
    z: &mut [T],
    b: usize,
) {
    let hidden = wt.len() / lists.inputs;
    assert!(wt.len() == hidden * lists.inputs && z.len() >= hidden * b);
    let job = Gather {
        offsets: &lists.starts,
        indices: &lists.rows,
        values: &lists.values,
        table: wt,
        hidden,
        scale: None,
    };
    split(simd, threads, &job, &mut z[..hidden * b], 0);
}

/// `git[.., r] = scale * sum over the samples s where input r is not 0 of
/// x[r, s] * dh[.., s]`: the first layer's mean gradient, transposed
/// (hidden, inputs) column-major, with `scale = 1 / b`, without its zero
/// terms (an input that is 0 in every sample gets a column of zeros). `dh`
/// is (hidden, b) column-major. The inputs are split over `threads` by
/// their number of entries; no number depends on the split.
///
/// # Panics
/// If the shapes do not match.
pub fn gradient<T: Real>(
    simd: Simd,
    threads: usize,
    lists: &SparseBatch<T>,
    scale: T,
    dh: &[T],
    git: &mut [T],
) {
    let hidden = git.len() / lists.inputs;
    assert!(git.len() == hidden * lists.inputs);
    let job = Gather {
        offsets: &lists.by_input,
        indices: &lists.samples,
        values: &lists.input_values,
        table: dh,
        hidden,
        scale: Some(scale),
    };
    split(simd, threads, &job, git, 0);
}

/// One product of the first layer, as sums over lists of entries: column
/// `c` of the output is `scale * sum over the entries e of list c of
/// values[e] * table[.., indices[e]]` (forward: a sample's non-zero inputs
/// and `wi^T`; gradient: an input's samples and `dh`).
struct Gather<'a, T> {
    /// List `c` is entries `offsets[c]..offsets[c + 1]`.
    offsets: &'a [usize],
    indices: &'a [u32],
    values: &'a [T],
    /// (hidden, ..) column-major.
    table: &'a [T],
    hidden: usize,
    /// `None`: the sums as they are (no multiply by 1).
    scale: Option<T>,
}

/// Computes output columns `first..` (as many as `out` has) of `job`, split
/// over `threads` where the lists' entries reach each thread's share.
fn split<T: Real>(simd: Simd, threads: usize, job: &Gather<'_, T>, out: &mut [T], first: usize) {
    let n = out.len() / job.hidden.max(1);
    if threads <= 1 || n < 2 {
        dispatch(simd, job, out, first);
        return;
    }
    // Split where the entries of lists first..first + n reach the share of `left` threads.
    let left = threads / 2;
    let (from, to) = (job.offsets[first], job.offsets[first + n]);
    let goal = from + (to - from) * left / threads;
    let k = (1..n)
        .find(|&k| job.offsets[first + k] >= goal)
        .unwrap_or(n / 2)
        .max(1);
    let (o1, o2) = out.split_at_mut(k * job.hidden);
    rayon::join(
        || split(simd, left, job, o1, first),
        || split(simd, threads - left, job, o2, first + k),
    );
}

/// Runs `job` on columns `first..` with the loops of `simd` (which must be one this CPU has).
fn dispatch<T: Real>(simd: Simd, job: &Gather<'_, T>, out: &mut [T], first: usize) {
    #[cfg(target_arch = "x86_64")]
    match simd {
        Simd::Avx512
            if std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma") =>
        {
            // SAFETY: the CPU supports AVX-512F, AVX2 and FMA, checked on the lines above.
            return unsafe { run_avx512(job, out, first) };
        }
        Simd::Avx2Fma
            if std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma") =>
        {
            // SAFETY: the CPU supports AVX2 and FMA, checked on the lines above.
            return unsafe { run_avx2(job, out, first) };
        }
        _ => {}
    }
    let _ = simd;
    run::<T, false>(job, out, first);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2,fma")]
fn run_avx512<T: Real>(job: &Gather<'_, T>, out: &mut [T], first: usize) {
    run::<T, true>(job, out, first);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn run_avx2<T: Real>(job: &Gather<'_, T>, out: &mut [T], first: usize) {
    run::<T, true>(job, out, first);
}

/// The loops, with fused multiply-adds when `FMA`; blocks of 64 hidden
/// units in `f32`, 32 in `f64` (8 AVX2 registers of partial sums either way).
#[inline(always)]
fn run<T: Real, const FMA: bool>(job: &Gather<'_, T>, out: &mut [T], first: usize) {
    if std::mem::size_of::<T>() == 4 {
        run_blocks::<T, FMA, 64>(job, out, first);
    } else {
        run_blocks::<T, FMA, BLOCK>(job, out, first);
    }
}

/// `acc + x * w`, fused (one rounding) when `FMA`.
#[inline(always)]
fn madd<T: Real, const FMA: bool>(acc: T, x: T, w: T) -> T {
    if FMA { x.mul_add(w, acc) } else { acc + x * w }
}

/// Columns `first..` of `job` into `out`, `B` hidden units at a time: each
/// sum adds its list's entries one after the other, in list order.
#[inline(always)]
fn run_blocks<T: Real, const FMA: bool, const B: usize>(
    job: &Gather<'_, T>,
    out: &mut [T],
    first: usize,
) {
    let hidden = job.hidden;
    let mut lo = 0;
    while lo < hidden {
        let len = B.min(hidden - lo);
        for (c, column) in out.chunks_exact_mut(hidden).enumerate() {
            let (start, end) = (job.offsets[first + c], job.offsets[first + c + 1]);
            let entries = job.indices[start..end].iter().zip(&job.values[start..end]);
            let out = &mut column[lo..lo + len];
            if len == B {
                let mut acc = [T::zero(); B];
                for (&r, &x) in entries {
                    let w = &job.table[r as usize * hidden + lo..][..B];
                    for i in 0..B {
                        acc[i] = madd::<T, FMA>(acc[i], x, w[i]);
                    }
                }
                match job.scale {
                    None => out.copy_from_slice(&acc),
                    Some(scale) => {
                        for (o, a) in out.iter_mut().zip(acc) {
                            *o = a * scale;
                        }
                    }
                }
            } else {
                out.fill(T::zero());
                for (&r, &x) in entries {
                    let w = &job.table[r as usize * hidden + lo..][..len];
                    for (o, &w) in out.iter_mut().zip(w) {
                        *o = madd::<T, FMA>(*o, x, w);
                    }
                }
                if let Some(scale) = job.scale {
                    out.iter_mut().for_each(|o| *o *= scale);
                }
            }
        }
        lo += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A (rows, cols) column-major matrix with about `zeros` of its entries 0
    /// and the others in [-1, 1), from a fixed pattern.
    fn matrix<T: Real>(rows: usize, cols: usize, zeros: f64, seed: usize) -> Vec<T> {
        (0..rows * cols)
            .map(|i| {
                let u = ((i * 7919 + seed * 104_729) % 1013) as f64 / 1013.0;
                let v = ((i * 31 + seed * 17) % 997) as f64 / 997.0;
                T::from_f64_nearest(if u < zeros { 0.0 } else { 2.0 * v - 1.0 })
            })
            .collect()
    }

    /// The dense formulas in `f64`, and the sum of the absolute terms of
    /// each entry (what bounds its rounding error): `(z, |z|)` for the
    /// forward sums and `(git, |git|)` for the gradient.
    fn dense<T: Real>(
        x: &[T],
        wt: &[T],
        dh: &[T],
        (inputs, hidden, b): (usize, usize, usize),
    ) -> [(Vec<f64>, Vec<f64>); 2] {
        let f = |v: T| v.to_f64();
        let mut z = (vec![0.0; hidden * b], vec![0.0; hidden * b]);
        let mut g = (vec![0.0; hidden * inputs], vec![0.0; hidden * inputs]);
        for s in 0..b {
            for r in 0..inputs {
                let xv = f(x[s * inputs + r]);
                for j in 0..hidden {
                    let term = xv * f(wt[r * hidden + j]);
                    z.0[s * hidden + j] += term;
                    z.1[s * hidden + j] += term.abs();
                    let term = xv * f(dh[s * hidden + j]) / b as f64;
                    g.0[r * hidden + j] += term;
                    g.1[r * hidden + j] += term.abs();
                }
            }
        }
        [z, g]
    }

    /// Every path this CPU has, and the portable one, on every thread count,
    /// against the dense formulas computed in `f64`: each entry within
    /// `2 n eps` times the sum of its absolute terms (`n` terms, each
    /// multiply-add rounded once or twice, `eps` the type's precision), the
    /// classical bound for a sum added one term after the other.
    fn paths_match_the_dense_formulas<T: Real>(eps: f64) {
        for (inputs, hidden, b, zeros) in [(5, 3, 1, 0.5), (785, 300, 64, 0.81), (40, 70, 7, 0.0)] {
            let x = matrix::<T>(inputs, b, zeros, 1);
            let wt = matrix::<T>(hidden, inputs, 0.0, 2);
            let dh = matrix::<T>(hidden, b, 0.0, 3);
            let [z_exact, g_exact] = dense(&x, &wt, &dh, (inputs, hidden, b));
            let mut lists = SparseBatch::<T>::new(inputs, b + 3);
            lists.fill(&x, b);
            let scale = T::from_f64_nearest(1.0 / b as f64);
            for simd in Simd::available() {
                for threads in [1, 2, 3] {
                    let mut z = vec![T::zero(); hidden * b];
                    forward(simd, threads, &lists, &wt, &mut z, b);
                    let mut g = vec![T::zero(); hidden * inputs];
                    gradient(simd, threads, &lists, scale, &dh, &mut g);
                    for (got, (exact, size)) in [(&z, &z_exact), (&g, &g_exact)] {
                        for (k, &v) in got.iter().enumerate() {
                            let bound = 2.0 * (inputs.max(b) + 1) as f64 * eps * size[k];
                            let diff = (v.to_f64() - exact[k]).abs();
                            assert!(
                                diff <= bound + 1e-300,
                                "{simd:?} {threads} threads ({inputs}, {hidden}, {b}) entry {k}: {diff:e} > {bound:e}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn every_path_gives_the_dense_sums_within_the_rounding_bound_f64() {
        paths_match_the_dense_formulas::<f64>(f64::EPSILON);
    }

    #[test]
    fn every_path_gives_the_dense_sums_within_the_rounding_bound_f32() {
        paths_match_the_dense_formulas::<f32>(f64::from(f32::EPSILON));
    }

    /// The vector paths against the portable one, directly: the same
    /// terms in the same order, so they differ only by the fused
    /// multiply-add's single rounding (the portable loop rounds the product,
    /// then the sum); within `2 n eps` of each entry's absolute terms.
    #[test]
    fn each_vector_path_equals_the_portable_path_within_rounding() {
        let (inputs, hidden, b) = (785, 100, 32);
        let x = matrix::<f64>(inputs, b, 0.81, 4);
        let wt = matrix::<f64>(hidden, inputs, 0.0, 5);
        let mut lists = SparseBatch::<f64>::new(inputs, b);
        lists.fill(&x, b);
        let mut portable = vec![0.0; hidden * b];
        forward(Simd::Portable, 1, &lists, &wt, &mut portable, b);
        let size = {
            let abs: Vec<f64> = wt.iter().map(|w| w.abs()).collect();
            let xa: Vec<f64> = x.iter().map(|v| v.abs()).collect();
            let mut lists = SparseBatch::<f64>::new(inputs, b);
            lists.fill(&xa, b);
            let mut s = vec![0.0; hidden * b];
            forward(Simd::Portable, 1, &lists, &abs, &mut s, b);
            s
        };
        for simd in Simd::available() {
            let mut z = vec![0.0; hidden * b];
            forward(simd, 2, &lists, &wt, &mut z, b);
            for k in 0..z.len() {
                let bound = 2.0 * inputs as f64 * f64::EPSILON * size[k];
                assert!((z[k] - portable[k]).abs() <= bound, "{simd:?} entry {k}");
            }
        }
    }

    #[test]
    fn the_lists_hold_each_non_zero_input_once_per_sample_and_per_input() {
        let x = [0.0, 2.0, 0.0, 1.0, 3.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0];
        let mut lists = SparseBatch::<f64>::new(4, 3);
        lists.fill(&x, 3);
        assert_eq!(lists.nonzeros(3), 5);
        assert_eq!(&lists.starts[..4], &[0, 2, 4, 5]);
        assert_eq!(&lists.rows[..5], &[1, 3, 0, 3, 3]);
        assert_eq!(&lists.by_input, &[0, 1, 2, 2, 5]);
        assert_eq!(&lists.samples[..5], &[1, 0, 0, 1, 2]);
        assert_eq!(&lists.input_values[..5], &[3.0, 2.0, 1.0, 1.0, 1.0]);
    }

    #[test]
    fn auto_goes_sparse_from_half_zeros() {
        assert!(InputPath::Auto.sparse(50, 100));
        assert!(!InputPath::Auto.sparse(49, 100));
        assert!(InputPath::Sparse.sparse(0, 100) && !InputPath::Dense.sparse(100, 100));
        assert_eq!(Simd::available()[0], Simd::Portable);
        assert!(Simd::available().contains(&Simd::detect()));
    }
}
