//! Matrix x matrix products for the batch engine, through `matrixmultiply`
//! (the crate nalgebra's own `gemm` calls for large matrices).
//!
//! Why not nalgebra's `gemm` directly: the batch engine multiplies by
//! *transposed* matrices (`wi^T X`, `X Dh^T`). A transpose is free as a
//! view with swapped strides, and `matrixmultiply` takes any strides; but
//! nalgebra's `gemm_tr` runs one matrix x vector product per column (no
//! blocking, several times slower), and its `gemm` mis-sizes strided
//! operands on its small-matrix path (any side of 5 or less, e.g. a batch
//! of 1). So we hand the strides to `matrixmultiply` ourselves.

use super::Real;

/// A matrix read from a slice: element `(i, j)` is `data[i * rs + j * cs]`.
/// Column-major storage has `rs = 1, cs = rows`; its transpose swaps them.
#[derive(Debug, Clone, Copy)]
pub struct View<'a, T> {
    data: &'a [T],
    rows: usize,
    cols: usize,
    rs: usize,
    cs: usize,
}

impl<'a, T> View<'a, T> {
    /// The first `rows * cols` numbers of `data`, column-major.
    ///
    /// # Panics
    /// If `data` is shorter than that.
    pub fn columns(data: &'a [T], rows: usize, cols: usize) -> View<'a, T> {
        assert!(data.len() >= rows * cols, "a slice too short for its shape");
        View {
            data,
            rows,
            cols,
            rs: 1,
            cs: rows,
        }
    }

    /// The transpose: the same numbers, rows and columns swapped.
    pub fn t(self) -> View<'a, T> {
        View {
            rows: self.cols,
            cols: self.rows,
            rs: self.cs,
            cs: self.rs,
            ..self
        }
    }

    /// Columns `from..from + n`.
    fn column_range(self, from: usize, n: usize) -> View<'a, T> {
        assert!(from + n <= self.cols, "columns out of range");
        let start = (from * self.cs).min(self.data.len());
        View {
            data: &self.data[start..],
            cols: n,
            ..self
        }
    }

    /// The largest index read, plus one (0 when empty).
    fn span(&self) -> usize {
        if self.rows == 0 || self.cols == 0 {
            0
        } else {
            (self.rows - 1) * self.rs + (self.cols - 1) * self.cs + 1
        }
    }
}

/// `c = a * b`, overwriting `c` ((rows of a) x (columns of b), column-major
/// in `c[..]`), with the columns of `b` and `c` split over `threads` (each
/// thread computes whole columns of `c`; the numbers do not depend on the split).
///
/// # Panics
/// If the shapes do not chain or `c` is too short.
pub fn product<T: Real>(threads: usize, c: &mut [T], a: View<'_, T>, b: View<'_, T>) {
    assert_eq!(a.cols, b.rows, "product: (m, k) x (k, n)");
    let (m, n) = (a.rows, b.cols);
    assert!(c.len() >= m * n, "product: the result does not fit");
    if threads <= 1 || n < 2 {
        T::gemm(&mut c[..m * n], a, b);
        return;
    }
    let left = threads / 2;
    let k = n * left / threads;
    let (c1, c2) = c.split_at_mut(m * k);
    // rayon::join: another core takes one half if it is free; if not (a busy
    // machine), this thread does both halves instead of waiting for it.
    rayon::join(
        || product(left, c1, a, b.column_range(0, k)),
        || product(threads - left, c2, a, b.column_range(k, n - k)),
    );
}

/// The one unsafe call: `matrixmultiply`'s `sgemm` / `dgemm` on raw pointers.
pub trait Gemm: Sized {
    /// `c = a * b` with `c` column-major (m x n), exactly `m * n` long.
    fn gemm(c: &mut [Self], a: View<'_, Self>, b: View<'_, Self>);
}

macro_rules! gemm_for {
    ($t:ty, $f:path) => {
        impl Gemm for $t {
            fn gemm(c: &mut [$t], a: View<'_, $t>, b: View<'_, $t>) {
                let (m, k, n) = (a.rows, a.cols, b.cols);
                assert!(a.rows == c.len() / n.max(1) || m * n == 0);
                assert_eq!(c.len(), m * n, "gemm: c is (m, n)");
                assert!(a.span() <= a.data.len() && b.span() <= b.data.len());
                if m * n == 0 {
                    return;
                }
                // SAFETY: every index matrixmultiply reads, (i * rs + j * cs)
                // for i < rows and j < cols, is below `span()`, checked against
                // each slice's length above; `c` holds exactly m x n numbers,
                // column-major (row stride 1, column stride m), and does not
                // alias `a` or `b` (it is borrowed mutably).
                unsafe {
                    $f(
                        m,
                        k,
                        n,
                        1.0,
                        a.data.as_ptr(),
                        a.rs as isize,
                        a.cs as isize,
                        b.data.as_ptr(),
                        b.rs as isize,
                        b.cs as isize,
                        0.0,
                        c.as_mut_ptr(),
                        1,
                        m as isize,
                    );
                }
            }
        }
    };
}

gemm_for!(f32, matrixmultiply::sgemm);
gemm_for!(f64, matrixmultiply::dgemm);

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::DMatrix;

    #[test]
    fn products_with_transposes_match_nalgebra_for_small_and_large_shapes() {
        for (m, k, n) in [(1, 1, 1), (3, 2, 1), (2, 7, 5), (17, 9, 33), (64, 70, 3)] {
            let a = DMatrix::from_fn(k, m, |i, j| (i * 7 + j * 3) as f64 * 0.01 - 0.3); // a^T stored
            let b = DMatrix::from_fn(k, n, |i, j| (i + 2 * j) as f64 * 0.02 - 0.5);
            let expected = a.transpose() * &b;
            for threads in [1, 2, 3] {
                let mut c = vec![f64::NAN; m * n];
                let at = View::columns(a.as_slice(), k, m).t();
                product(threads, &mut c, at, View::columns(b.as_slice(), k, n));
                let got = DMatrix::from_vec(m, n, c);
                assert!(
                    (got - &expected).amax() < 1e-12,
                    "{m}x{k}x{n}, {threads} threads"
                );
            }
        }
    }
}
