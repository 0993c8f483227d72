//! The two loops every sample spends its time in, written over plain slices
//! so the compiler can vectorize them.
//!
//! A weight matrix is stored column by column (nalgebra's layout), so one
//! column of `wi` (all the weights into hidden unit `j`) is one contiguous
//! slice. Each function below makes a single pass over such a column: the
//! per-sample cost is memory traffic over the weights, so every pass saved
//! counts (see the crate docs and `benches/epoch.rs`).

/// Partial sums kept apart in [`dot`], so the additions can run side by side.
const LANES: usize = 8;

/// `sum over i of a[i] * b[i]`, with eight partial sums added in a fixed
/// order: the same inputs always give the same bits, on any machine.
pub(crate) fn dot(a: &[f64], b: &[f64]) -> f64 {
    debug_assert_eq!(a.len(), b.len());
    let (a8, a_tail) = a.as_chunks::<LANES>();
    let (b8, b_tail) = b.as_chunks::<LANES>();
    let mut acc = [0.0; LANES];
    for (x, y) in a8.iter().zip(b8) {
        for l in 0..LANES {
            acc[l] += x[l] * y[l];
        }
    }
    let mut tail = 0.0;
    for (x, y) in a_tail.iter().zip(b_tail) {
        tail += x * y;
    }
    ((acc[0] + acc[4]) + (acc[2] + acc[6])) + ((acc[1] + acc[5]) + (acc[3] + acc[7])) + tail
}

/// One column of the article's update (P2.4), in one pass:
/// `w[i] = keep * w[i] - (step * x[i] + carry * x_prev[i])`
///
/// with `keep = 1 - lr * l2`, `step = lr * delta`, `carry = mu * delta_prev`;
/// that is `w -= lr * (x * delta + l2 * w) + mu * x_prev * delta_prev`, the
/// previous raw change `x_prev * delta_prev` rebuilt on the fly from two
/// vectors instead of being read from a stored matrix.
pub(crate) fn article_update(w: &mut [f64], x: &[f64], step: f64, keep: f64, prev: (&[f64], f64)) {
    let (x_prev, carry) = prev;
    debug_assert!(w.len() == x.len() && x.len() == x_prev.len());
    match (keep == 1.0, carry == 0.0) {
        (true, true) => w.iter_mut().zip(x).for_each(|(w, x)| *w -= step * x),
        (true, false) => {
            for ((w, x), xp) in w.iter_mut().zip(x).zip(x_prev) {
                *w -= step * x + carry * xp;
            }
        }
        _ => {
            for ((w, x), xp) in w.iter_mut().zip(x).zip(x_prev) {
                *w = keep * *w - (step * x + carry * xp);
            }
        }
    }
}

/// One column of the classical momentum update, in one pass:
/// `v[i] = mu * v[i] - (step * x[i] + lr_l2 * w[i]); w[i] += v[i]`,
/// with `step = lr * delta` and `lr_l2 = lr * l2`.
pub(crate) fn classical_update(
    w: &mut [f64],
    v: &mut [f64],
    x: &[f64],
    step: f64,
    mu: f64,
    lr_l2: f64,
) {
    debug_assert!(w.len() == x.len() && x.len() == v.len());
    for ((w, v), x) in w.iter_mut().zip(v.iter_mut()).zip(x) {
        *v = mu * *v - (step * x + lr_l2 * *w);
        *w += *v;
    }
}

// Index loops keep the reference formulas readable.
#[cfg(test)]
#[allow(clippy::needless_range_loop)]
mod tests {
    use super::*;

    #[test]
    fn dot_matches_the_formula_for_any_length() {
        for n in [0, 1, 7, 8, 9, 17, 33] {
            let a: Vec<f64> = (0..n).map(|i| i as f64 * 0.5 - 3.0).collect();
            let b: Vec<f64> = (0..n).map(|i| 1.0 + i as f64 * 0.25).collect();
            let expected: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((dot(&a, &b) - expected).abs() < 1e-12, "n = {n}");
        }
    }

    #[test]
    fn article_update_is_w_minus_lr_change_plus_l2_minus_mu_prev() {
        let x = [1.0, -2.0, 0.5];
        let xp = [0.25, 4.0, -1.0];
        let (lr, l2, mu, d, dp) = (0.1, 0.01, 0.5, 2.0, -3.0);
        for (l2, mu) in [(0.0, 0.0), (0.0, mu), (l2, 0.0), (l2, mu)] {
            let mut w = [0.3, -0.7, 1.1];
            let before = w;
            article_update(&mut w, &x, lr * d, 1.0 - lr * l2, (&xp, mu * dp));
            for i in 0..3 {
                let expected = before[i] - (lr * (x[i] * d + l2 * before[i]) + mu * xp[i] * dp);
                assert!((w[i] - expected).abs() < 1e-15, "l2 {l2} mu {mu} i {i}");
            }
        }
    }

    #[test]
    fn classical_update_moves_by_the_velocity() {
        let x = [1.0, -2.0];
        let (lr, l2, mu, d) = (0.1, 0.01, 0.9, 2.0);
        let mut w = [0.3, -0.7];
        let mut v = [0.05, -0.02];
        let (w0, v0) = (w, v);
        classical_update(&mut w, &mut v, &x, lr * d, mu, lr * l2);
        for i in 0..2 {
            let v1 = mu * v0[i] - lr * (x[i] * d + l2 * w0[i]);
            assert!((v[i] - v1).abs() < 1e-15);
            assert!((w[i] - (w0[i] + v1)).abs() < 1e-15);
        }
    }
}
