//! The two loops every sample spends its time in, written over plain slices
//! so the compiler can vectorize them.
//!
//! A weight matrix is stored column by column (nalgebra's layout), so one
//! column of `wi` (all the weights into hidden unit `j`) is one contiguous
//! slice. Each function below makes a single pass over such a column: the
//! per-sample cost is memory traffic over the weights, so every pass saved
//! counts (see the crate docs and `benches/epoch.rs`).
//!
//! Each loop is compiled twice: for the baseline CPU of the target (SSE2 on
//! x86-64) and, on x86-64, for CPUs with AVX (4 numbers per instruction
//! instead of 2), picked at run time. Both do the same operations in the
//! same order, element by element (Rust never fuses `a * b + c` on its own),
//! so they give the same bits; a test checks it.

// Lane loops (`for l in 0..4`) spell out what each vector lane does.
#![allow(clippy::needless_range_loop)]

/// Partial sums kept apart in [`dot`], so the additions can run side by side.
const LANES: usize = 8;

/// `sum over i of a[i] * b[i]`, with eight partial sums added in a fixed
/// order: the same inputs always give the same bits, on any machine.
pub(crate) fn dot(a: &[f64], b: &[f64]) -> f64 {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2, checked on the line above.
        return unsafe { avx::dot(a, b) };
    }
    dot_body(a, b)
}

/// One column of the article's update (P2.4), in one pass:
/// `w[i] = keep * w[i] - (step * x[i] + carry * x_prev[i])`
///
/// with `keep = 1 - lr * l2`, `step = lr * delta`, `carry = mu * delta_prev`;
/// that is `w -= lr * (x * delta + l2 * w) + mu * x_prev * delta_prev`, the
/// previous raw change `x_prev * delta_prev` rebuilt on the fly from two
/// vectors instead of being read from a stored matrix.
///
/// With `next`, the same pass also returns `dot(updated w, next)`, bit for
/// bit what [`dot`] would give afterwards: the next sample's weighted sum.
pub(crate) fn article_update(
    w: &mut [f64],
    x: &[f64],
    step: f64,
    keep: f64,
    prev: (&[f64], f64),
    next: Option<&[f64]>,
) -> f64 {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2, checked on the line above.
        return unsafe { avx::article_update(w, x, step, keep, prev, next) };
    }
    article_update_body(w, x, step, keep, prev, next)
}

/// [`article_update`] with `next` on two columns `w.0`, `w.1` at once,
/// with their own `step` and `carry`: the vectors `x`, `x_prev` and `next`
/// are loaded once for both. Each column gets exactly the numbers
/// [`article_update`] gives it.
pub(crate) fn article_update_pair(
    w: (&mut [f64], &mut [f64]),
    x: &[f64],
    step: (f64, f64),
    keep: f64,
    prev: (&[f64], (f64, f64)),
    next: &[f64],
) -> (f64, f64) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2, checked on the line above.
        return unsafe { avx::article_update_pair(w, x, step, keep, prev, next) };
    }
    let (x_prev, carry) = prev;
    let a = article_update_body(w.0, x, step.0, keep, (x_prev, carry.0), Some(next));
    let b = article_update_body(w.1, x, step.1, keep, (x_prev, carry.1), Some(next));
    (a, b)
}

/// One column of the classical momentum update, in one pass:
/// `v[i] = mu * v[i] - (step * x[i] + lr_l2 * w[i]); w[i] += v[i]`,
/// with `step = lr * delta` and `lr_l2 = lr * l2`; `next` as in [`article_update`].
pub(crate) fn classical_update(
    w: &mut [f64],
    v: &mut [f64],
    x: &[f64],
    (step, mu, lr_l2): (f64, f64, f64),
    next: Option<&[f64]>,
) -> f64 {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2, checked on the line above.
        return unsafe { avx::classical_update(w, v, x, (step, mu, lr_l2), next) };
    }
    classical_update_body(w, v, x, (step, mu, lr_l2), next)
}

/// Adds the partial sums in a fixed order, halving them the way vector
/// registers hold them (so the compiler keeps them in registers).
#[inline(always)]
fn reduce(acc: Partials, tail: f64) -> f64 {
    let mut quarter = [0.0; 4];
    for l in 0..4 {
        quarter[l] = acc[0][l] + acc[1][l];
    }
    ((quarter[0] + quarter[2]) + (quarter[1] + quarter[3])) + tail
}

/// Eight partial sums, as two groups of four (one AVX register each).
type Partials = [[f64; 4]; 2];

#[inline(always)]
fn dot_body(a: &[f64], b: &[f64]) -> f64 {
    debug_assert_eq!(a.len(), b.len());
    let (a8, a_tail) = a.as_chunks::<LANES>();
    let (b8, b_tail) = b.as_chunks::<LANES>();
    let mut acc: Partials = [[0.0; 4]; 2];
    for (x, y) in a8.iter().zip(b8) {
        for r in 0..2 {
            for l in 0..4 {
                acc[r][l] += x[4 * r + l] * y[4 * r + l];
            }
        }
    }
    let mut tail = 0.0;
    for (x, y) in a_tail.iter().zip(b_tail) {
        tail += x * y;
    }
    reduce(acc, tail)
}

#[inline(always)]
fn article_update_body(
    w: &mut [f64],
    x: &[f64],
    step: f64,
    keep: f64,
    prev: (&[f64], f64),
    next: Option<&[f64]>,
) -> f64 {
    let (x_prev, carry) = prev;
    debug_assert!(w.len() == x.len() && x.len() == x_prev.len());
    let update = |w: &mut f64, x: f64, xp: f64| *w = keep * *w - (step * x + carry * xp);
    let Some(next) = next else {
        for ((w, &x), &xp) in w.iter_mut().zip(x).zip(x_prev) {
            update(w, x, xp);
        }
        return 0.0;
    };
    let (w8, w_tail) = w.as_chunks_mut::<LANES>();
    let (x8, x_tail) = x.as_chunks::<LANES>();
    let (p8, p_tail) = x_prev.as_chunks::<LANES>();
    let (n8, n_tail) = next.as_chunks::<LANES>();
    let mut acc: Partials = [[0.0; 4]; 2];
    for (((w, x), xp), n) in w8.iter_mut().zip(x8).zip(p8).zip(n8) {
        for r in 0..2 {
            for l in 0..4 {
                let i = 4 * r + l;
                update(&mut w[i], x[i], xp[i]);
                acc[r][l] += w[i] * n[i];
            }
        }
    }
    let mut tail = 0.0;
    for (((w, &x), &xp), n) in w_tail.iter_mut().zip(x_tail).zip(p_tail).zip(n_tail) {
        update(w, x, xp);
        tail += *w * n;
    }
    reduce(acc, tail)
}

#[inline(always)]
fn classical_update_body(
    w: &mut [f64],
    v: &mut [f64],
    x: &[f64],
    (step, mu, lr_l2): (f64, f64, f64),
    next: Option<&[f64]>,
) -> f64 {
    debug_assert!(w.len() == x.len() && x.len() == v.len());
    let update = |w: &mut f64, v: &mut f64, x: f64| {
        *v = mu * *v - (step * x + lr_l2 * *w);
        *w += *v;
    };
    let Some(next) = next else {
        for ((w, v), &x) in w.iter_mut().zip(v.iter_mut()).zip(x) {
            update(w, v, x);
        }
        return 0.0;
    };
    let (w8, w_tail) = w.as_chunks_mut::<LANES>();
    let (v8, v_tail) = v.as_chunks_mut::<LANES>();
    let (x8, x_tail) = x.as_chunks::<LANES>();
    let (n8, n_tail) = next.as_chunks::<LANES>();
    let mut acc: Partials = [[0.0; 4]; 2];
    for (((w, v), x), n) in w8.iter_mut().zip(v8.iter_mut()).zip(x8).zip(n8) {
        for r in 0..2 {
            for l in 0..4 {
                let i = 4 * r + l;
                update(&mut w[i], &mut v[i], x[i]);
                acc[r][l] += w[i] * n[i];
            }
        }
    }
    let mut tail = 0.0;
    for (((w, v), &x), n) in w_tail
        .iter_mut()
        .zip(v_tail.iter_mut())
        .zip(x_tail)
        .zip(n_tail)
    {
        update(w, v, x);
        tail += *w * n;
    }
    reduce(acc, tail)
}

/// The same loops for CPUs with AVX2, with the vector instructions written
/// out: 4 numbers per instruction, the same operations in the same order as
/// the portable loops above (a test compares the bits). Left to itself the
/// compiler vectorizes the plain update loops well but keeps the partial
/// sums of the fused loops in 2-wide registers.
#[cfg(target_arch = "x86_64")]
mod avx {
    use std::arch::x86_64::{
        __m256d, _mm256_add_pd, _mm256_loadu_pd, _mm256_mul_pd, _mm256_set1_pd, _mm256_setzero_pd,
        _mm256_storeu_pd, _mm256_sub_pd,
    };

    use super::{LANES, Partials, reduce};

    /// Loads `chunk[at..at + 4]`.
    #[target_feature(enable = "avx2")]
    fn load(chunk: &[f64; LANES], at: usize) -> __m256d {
        assert!(at + 4 <= LANES);
        // SAFETY: `chunk[at..at + 4]` is in bounds (checked above); loadu needs no alignment.
        unsafe { _mm256_loadu_pd(chunk.as_ptr().add(at)) }
    }

    /// Stores into `chunk[at..at + 4]`.
    #[target_feature(enable = "avx2")]
    fn store(chunk: &mut [f64; LANES], at: usize, v: __m256d) {
        assert!(at + 4 <= LANES);
        // SAFETY: `chunk[at..at + 4]` is in bounds (checked above); storeu needs no alignment.
        unsafe { _mm256_storeu_pd(chunk.as_mut_ptr().add(at), v) }
    }

    #[target_feature(enable = "avx2")]
    fn partials(acc: [__m256d; 2]) -> Partials {
        let mut out: Partials = [[0.0; 4]; 2];
        for (o, a) in out.iter_mut().zip(acc) {
            // SAFETY: `o` is 4 writable, contiguous f64.
            unsafe { _mm256_storeu_pd(o.as_mut_ptr(), a) }
        }
        out
    }

    #[target_feature(enable = "avx2")]
    pub(super) fn dot(a: &[f64], b: &[f64]) -> f64 {
        let (a8, a_tail) = a.as_chunks::<LANES>();
        let (b8, b_tail) = b.as_chunks::<LANES>();
        let mut acc = [_mm256_setzero_pd(); 2];
        for (x, y) in a8.iter().zip(b8) {
            for (r, acc) in acc.iter_mut().enumerate() {
                *acc = _mm256_add_pd(*acc, _mm256_mul_pd(load(x, 4 * r), load(y, 4 * r)));
            }
        }
        let mut tail = 0.0;
        for (x, y) in a_tail.iter().zip(b_tail) {
            tail += x * y;
        }
        reduce(partials(acc), tail)
    }

    #[target_feature(enable = "avx2")]
    pub(super) fn article_update(
        w: &mut [f64],
        x: &[f64],
        step: f64,
        keep: f64,
        prev: (&[f64], f64),
        next: Option<&[f64]>,
    ) -> f64 {
        let (x_prev, carry) = prev;
        let Some(next) = next else {
            return super::article_update_body(w, x, step, keep, prev, None);
        };
        let (w8, w_tail) = w.as_chunks_mut::<LANES>();
        let (x8, x_tail) = x.as_chunks::<LANES>();
        let (p8, p_tail) = x_prev.as_chunks::<LANES>();
        let (n8, n_tail) = next.as_chunks::<LANES>();
        let (keep4, step4, carry4) = (
            _mm256_set1_pd(keep),
            _mm256_set1_pd(step),
            _mm256_set1_pd(carry),
        );
        let mut acc = [_mm256_setzero_pd(); 2];
        for (((w, x), xp), n) in w8.iter_mut().zip(x8).zip(p8).zip(n8) {
            for (r, acc) in acc.iter_mut().enumerate() {
                let at = 4 * r;
                // keep * w - (step * x + carry * x_prev)
                let change = _mm256_add_pd(
                    _mm256_mul_pd(step4, load(x, at)),
                    _mm256_mul_pd(carry4, load(xp, at)),
                );
                let updated = _mm256_sub_pd(_mm256_mul_pd(keep4, load(w, at)), change);
                store(w, at, updated);
                *acc = _mm256_add_pd(*acc, _mm256_mul_pd(updated, load(n, at)));
            }
        }
        let mut tail = 0.0;
        for (((w, &x), &xp), n) in w_tail.iter_mut().zip(x_tail).zip(p_tail).zip(n_tail) {
            *w = keep * *w - (step * x + carry * xp);
            tail += *w * n;
        }
        reduce(partials(acc), tail)
    }

    #[target_feature(enable = "avx2")]
    pub(super) fn article_update_pair(
        w: (&mut [f64], &mut [f64]),
        x: &[f64],
        step: (f64, f64),
        keep: f64,
        prev: (&[f64], (f64, f64)),
        next: &[f64],
    ) -> (f64, f64) {
        let (x_prev, carry) = prev;
        let (a8, a_tail) = w.0.as_chunks_mut::<LANES>();
        let (b8, b_tail) = w.1.as_chunks_mut::<LANES>();
        let (x8, x_tail) = x.as_chunks::<LANES>();
        let (p8, p_tail) = x_prev.as_chunks::<LANES>();
        let (n8, n_tail) = next.as_chunks::<LANES>();
        let keep4 = _mm256_set1_pd(keep);
        let (step_a, step_b) = (_mm256_set1_pd(step.0), _mm256_set1_pd(step.1));
        let (carry_a, carry_b) = (_mm256_set1_pd(carry.0), _mm256_set1_pd(carry.1));
        let mut acc_a = [_mm256_setzero_pd(); 2];
        let mut acc_b = [_mm256_setzero_pd(); 2];
        let chunks = a8.iter_mut().zip(b8.iter_mut()).zip(x8).zip(p8).zip(n8);
        for ((((wa, wb), x), xp), n) in chunks {
            for r in 0..2 {
                let at = 4 * r;
                let (xv, pv, nv) = (load(x, at), load(xp, at), load(n, at));
                // keep * w - (step * x + carry * x_prev), per column
                let change = _mm256_add_pd(_mm256_mul_pd(step_a, xv), _mm256_mul_pd(carry_a, pv));
                let updated = _mm256_sub_pd(_mm256_mul_pd(keep4, load(wa, at)), change);
                store(wa, at, updated);
                acc_a[r] = _mm256_add_pd(acc_a[r], _mm256_mul_pd(updated, nv));
                let change = _mm256_add_pd(_mm256_mul_pd(step_b, xv), _mm256_mul_pd(carry_b, pv));
                let updated = _mm256_sub_pd(_mm256_mul_pd(keep4, load(wb, at)), change);
                store(wb, at, updated);
                acc_b[r] = _mm256_add_pd(acc_b[r], _mm256_mul_pd(updated, nv));
            }
        }
        let (mut tail_a, mut tail_b) = (0.0, 0.0);
        let tails = a_tail
            .iter_mut()
            .zip(b_tail.iter_mut())
            .zip(x_tail)
            .zip(p_tail)
            .zip(n_tail);
        for ((((wa, wb), &x), &xp), n) in tails {
            *wa = keep * *wa - (step.0 * x + carry.0 * xp);
            tail_a += *wa * n;
            *wb = keep * *wb - (step.1 * x + carry.1 * xp);
            tail_b += *wb * n;
        }
        (
            reduce(partials(acc_a), tail_a),
            reduce(partials(acc_b), tail_b),
        )
    }

    #[target_feature(enable = "avx2")]
    pub(super) fn classical_update(
        w: &mut [f64],
        v: &mut [f64],
        x: &[f64],
        (step, mu, lr_l2): (f64, f64, f64),
        next: Option<&[f64]>,
    ) -> f64 {
        let Some(next) = next else {
            return super::classical_update_body(w, v, x, (step, mu, lr_l2), None);
        };
        let (w8, w_tail) = w.as_chunks_mut::<LANES>();
        let (v8, v_tail) = v.as_chunks_mut::<LANES>();
        let (x8, x_tail) = x.as_chunks::<LANES>();
        let (n8, n_tail) = next.as_chunks::<LANES>();
        let (step4, mu4, lr_l2_4) = (
            _mm256_set1_pd(step),
            _mm256_set1_pd(mu),
            _mm256_set1_pd(lr_l2),
        );
        let mut acc = [_mm256_setzero_pd(); 2];
        for (((w, v), x), n) in w8.iter_mut().zip(v8.iter_mut()).zip(x8).zip(n8) {
            for (r, acc) in acc.iter_mut().enumerate() {
                let at = 4 * r;
                let old = load(w, at);
                // v = mu * v - (step * x + lr_l2 * w); w += v
                let pull = _mm256_add_pd(
                    _mm256_mul_pd(step4, load(x, at)),
                    _mm256_mul_pd(lr_l2_4, old),
                );
                let velocity = _mm256_sub_pd(_mm256_mul_pd(mu4, load(v, at)), pull);
                let updated = _mm256_add_pd(old, velocity);
                store(v, at, velocity);
                store(w, at, updated);
                *acc = _mm256_add_pd(*acc, _mm256_mul_pd(updated, load(n, at)));
            }
        }
        let mut tail = 0.0;
        for (((w, v), &x), n) in w_tail
            .iter_mut()
            .zip(v_tail.iter_mut())
            .zip(x_tail)
            .zip(n_tail)
        {
            *v = mu * *v - (step * x + lr_l2 * *w);
            *w += *v;
            tail += *w * n;
        }
        reduce(partials(acc), tail)
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
            article_update(&mut w, &x, lr * d, 1.0 - lr * l2, (&xp, mu * dp), None);
            for i in 0..3 {
                let expected = before[i] - (lr * (x[i] * d + l2 * before[i]) + mu * xp[i] * dp);
                assert!((w[i] - expected).abs() < 1e-15, "l2 {l2} mu {mu} i {i}");
            }
        }
    }

    #[test]
    fn the_avx_and_baseline_loops_give_the_same_bits() {
        let n = 785;
        let a: Vec<f64> = (0..n)
            .map(|i| ((i * 7919) % 1013) as f64 / 1013.0 - 0.5)
            .collect();
        let b: Vec<f64> = (0..n)
            .map(|i| ((i * 104_729) % 997) as f64 / 997.0 - 0.3)
            .collect();
        let mut w1 = a.clone();
        let mut w2 = a.clone();
        let z1 = article_update(&mut w1, &b, 0.01, 0.999, (&a, 0.3), Some(&a));
        let z2 = article_update_body(&mut w2, &b, 0.01, 0.999, (&a, 0.3), Some(&a));
        assert_eq!((&w1, z1.to_bits()), (&w2, z2.to_bits()));
        // Without l2, `keep` is exactly 1; single and pair loops still agree bit for bit.
        let z1 = article_update(&mut w1, &b, 0.01, 1.0, (&a, 0.3), Some(&a));
        let z2 = article_update_body(&mut w2, &b, 0.01, 1.0, (&a, 0.3), Some(&a));
        assert_eq!((&w1, z1.to_bits()), (&w2, z2.to_bits()));
        let (mut p1, mut p2) = (a.clone(), a.clone());
        let pair = article_update_pair(
            (&mut w1, &mut p1),
            &b,
            (0.01, 0.02),
            1.0,
            (&a, (0.3, 0.1)),
            &a,
        );
        let za = article_update_body(&mut w2, &b, 0.01, 1.0, (&a, 0.3), Some(&a));
        let zb = article_update_body(&mut p2, &b, 0.02, 1.0, (&a, 0.1), Some(&a));
        assert_eq!((&w1, &p1, pair.0), (&w2, &p2, za));
        assert_eq!(pair.1.to_bits(), zb.to_bits());
        assert_eq!(dot(&w1, &b).to_bits(), dot_body(&w2, &b).to_bits());
        let (mut v1, mut v2) = (b.clone(), b.clone());
        let z1 = classical_update(&mut w1, &mut v1, &a, (0.01, 0.9, 1e-4), Some(&b));
        let z2 = classical_update_body(&mut w2, &mut v2, &a, (0.01, 0.9, 1e-4), Some(&b));
        assert_eq!((w1, v1, z1.to_bits()), (w2, v2, z2.to_bits()));
    }

    #[test]
    fn the_fused_dot_is_bit_for_bit_the_dot_of_the_updated_column() {
        for n in [3, 16, 785] {
            let a: Vec<f64> = (0..n)
                .map(|i| ((i * 7919) % 1013) as f64 / 1013.0 - 0.5)
                .collect();
            let b: Vec<f64> = (0..n)
                .map(|i| ((i * 104_729) % 997) as f64 / 997.0 - 0.3)
                .collect();
            let (mut w1, mut w2) = (a.clone(), a.clone());
            let fused = article_update(&mut w1, &b, 0.01, 1.0, (&a, 0.5), Some(&b));
            assert_eq!(article_update(&mut w2, &b, 0.01, 1.0, (&a, 0.5), None), 0.0);
            assert_eq!((&w1, fused.to_bits()), (&w2, dot(&w2, &b).to_bits()));
            let (mut v1, mut v2) = (b.clone(), b.clone());
            let fused = classical_update(&mut w1, &mut v1, &a, (0.01, 0.9, 0.0), Some(&a));
            classical_update(&mut w2, &mut v2, &a, (0.01, 0.9, 0.0), None);
            assert_eq!((&w1, fused.to_bits()), (&w2, dot(&w2, &a).to_bits()));
        }
    }

    #[test]
    fn the_pair_update_gives_each_column_what_the_single_update_gives() {
        for n in [3, 9, 785] {
            let a: Vec<f64> = (0..n)
                .map(|i| ((i * 7919) % 1013) as f64 / 1013.0 - 0.5)
                .collect();
            let b: Vec<f64> = (0..n)
                .map(|i| ((i * 104_729) % 997) as f64 / 997.0 - 0.3)
                .collect();
            let (mut w0, mut w1, mut v0, mut v1) = (a.clone(), b.clone(), a.clone(), b.clone());
            let (z0, z1) = article_update_pair(
                (&mut w0, &mut w1),
                &b,
                (0.01, -0.02),
                0.999,
                (&a, (0.3, 0.1)),
                &a,
            );
            let y0 = article_update(&mut v0, &b, 0.01, 0.999, (&a, 0.3), Some(&a));
            let y1 = article_update(&mut v1, &b, -0.02, 0.999, (&a, 0.1), Some(&a));
            assert_eq!(
                (w0, w1, z0.to_bits(), z1.to_bits()),
                (v0, v1, y0.to_bits(), y1.to_bits())
            );
        }
    }

    #[test]
    fn classical_update_moves_by_the_velocity() {
        let x = [1.0, -2.0];
        let (lr, l2, mu, d) = (0.1, 0.01, 0.9, 2.0);
        let mut w = [0.3, -0.7];
        let mut v = [0.05, -0.02];
        let (w0, v0) = (w, v);
        classical_update(&mut w, &mut v, &x, (lr * d, mu, lr * l2), None);
        for i in 0..2 {
            let v1 = mu * v0[i] - lr * (x[i] * d + l2 * w0[i]);
            assert!((v[i] - v1).abs() < 1e-15);
            assert!((w[i] - (w0[i] + v1)).abs() < 1e-15);
        }
    }
}
