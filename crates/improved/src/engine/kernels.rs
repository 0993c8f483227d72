//! The two loops every sample spends its time in, written over plain slices
//! so the compiler can vectorize them, for `f64` and `f32` alike.
//!
//! A weight matrix is stored column by column (nalgebra's layout), so one
//! column of `wi` (all the weights into hidden unit `j`) is one contiguous
//! slice. Each function below makes a single pass over such a column: the
//! per-sample cost is memory traffic over the weights, so every pass saved
//! counts (see the crate docs and `benches/epoch.rs`).
//!
//! Each loop is compiled three times: for the baseline CPU of the target
//! (SSE2 on x86-64) and, on x86-64, for CPUs with AVX2 (one instruction
//! handles 4 `f64` or 8 `f32`) and with AVX-512 (8 `f64` or 16 `f32`),
//! the widest the CPU has picked at run time. All do the same operations in
//! the same order, element by element (Rust never fuses `a * b + c` on its
//! own, and the vector loops use no fused multiply-add either), so they
//! give the same bits; tests check it for each type and each path the CPU
//! has. (A fused multiply-add would round once instead of twice: faster,
//! but then the per-sample engine's numbers, and every result measured
//! with it, would change with the CPU.)
//!
//! The loops keep two groups of `W` partial sums, one vector register each
//! on AVX2: `W = 4` for `f64`, `W = 8` for `f32` (a register holds 32 bytes
//! either way, so `f32` moves twice the numbers per instruction). On
//! AVX-512 one register (64 bytes) holds both groups.

// Lane loops (`for l in 0..W`) spell out what each vector lane does.
#![allow(clippy::needless_range_loop)]

use super::Real;

/// A number type with the two loops: the dot product and the column
/// update (article rule, one or two columns; classical momentum).
pub(crate) trait Kernels: Real {
    /// `sum over i of a[i] * b[i]`, with `2 W` partial sums added in a fixed
    /// order: the same inputs always give the same bits, on any machine.
    fn dot(a: &[Self], b: &[Self]) -> Self;

    /// One column of the article's update (P2.4), in one pass:
    /// `w[i] = keep * w[i] - (step * x[i] + carry * x_prev[i])`
    ///
    /// with `keep = 1 - lr * l2`, `step = lr * delta`, `carry = mu * delta_prev`;
    /// that is `w -= lr * (x * delta + l2 * w) + mu * x_prev * delta_prev`, the
    /// previous raw change `x_prev * delta_prev` rebuilt on the fly from two
    /// vectors instead of being read from a stored matrix.
    ///
    /// With `next`, the same pass also returns `dot(updated w, next)`, bit for
    /// bit what [`Kernels::dot`] would give afterwards: the next sample's weighted sum.
    fn article_update(
        w: &mut [Self],
        x: &[Self],
        step: Self,
        keep: Self,
        prev: (&[Self], Self),
        next: Option<&[Self]>,
    ) -> Self;

    /// [`Kernels::article_update`] with `next` on two columns `w.0`, `w.1`
    /// at once, with their own `step` and `carry`: the vectors `x`, `x_prev`
    /// and `next` are loaded once for both. Each column gets exactly the
    /// numbers [`Kernels::article_update`] gives it.
    fn article_update_pair(
        w: (&mut [Self], &mut [Self]),
        x: &[Self],
        step: (Self, Self),
        keep: Self,
        prev: (&[Self], (Self, Self)),
        next: &[Self],
    ) -> (Self, Self);

    /// One column of the classical momentum update, in one pass:
    /// `v[i] = mu * v[i] - (step * x[i] + lr_l2 * w[i]); w[i] += v[i]`,
    /// with `(step, mu, lr_l2) = (lr * delta, mu, lr * l2)`; `next` as in
    /// [`Kernels::article_update`].
    fn classical_update(
        w: &mut [Self],
        v: &mut [Self],
        x: &[Self],
        coefficients: (Self, Self, Self),
        next: Option<&[Self]>,
    ) -> Self;
}

/// Whether this CPU has AVX2 (checked once, then cached by the standard library).
#[cfg(target_arch = "x86_64")]
fn avx2() -> bool {
    std::arch::is_x86_feature_detected!("avx2")
}

/// Whether this CPU has AVX-512F (checked once, then cached by the standard library).
#[cfg(target_arch = "x86_64")]
fn avx512() -> bool {
    std::arch::is_x86_feature_detected!("avx512f")
}

/// The [`Kernels`] of `$t` with `$w` lanes per group: the AVX-512 loops of
/// module `$wide` or the AVX2 loops of module `$avx` when the CPU has them,
/// else the portable loops.
macro_rules! kernels {
    ($t:ty, $w:literal, $avx:ident, $wide:ident) => {
        impl Kernels for $t {
            fn dot(a: &[$t], b: &[$t]) -> $t {
                #[cfg(target_arch = "x86_64")]
                if avx512() {
                    // SAFETY: the CPU supports AVX-512F, checked on the line above.
                    return unsafe { $wide::dot(a, b) };
                }
                #[cfg(target_arch = "x86_64")]
                if avx2() {
                    // SAFETY: the CPU supports AVX2, checked on the line above.
                    return unsafe { $avx::dot(a, b) };
                }
                dot_lanes::<$t, $w, { 2 * $w }>(a, b)
            }

            fn article_update(
                w: &mut [$t],
                x: &[$t],
                step: $t,
                keep: $t,
                prev: (&[$t], $t),
                next: Option<&[$t]>,
            ) -> $t {
                #[cfg(target_arch = "x86_64")]
                if avx512() {
                    // SAFETY: the CPU supports AVX-512F, checked on the line above.
                    return unsafe { $wide::article_update(w, x, step, keep, prev, next) };
                }
                #[cfg(target_arch = "x86_64")]
                if avx2() {
                    // SAFETY: the CPU supports AVX2, checked on the line above.
                    return unsafe { $avx::article_update(w, x, step, keep, prev, next) };
                }
                article_update_lanes::<$t, $w, { 2 * $w }>(w, x, step, keep, prev, next)
            }

            fn article_update_pair(
                w: (&mut [$t], &mut [$t]),
                x: &[$t],
                step: ($t, $t),
                keep: $t,
                prev: (&[$t], ($t, $t)),
                next: &[$t],
            ) -> ($t, $t) {
                #[cfg(target_arch = "x86_64")]
                if avx512() {
                    // SAFETY: the CPU supports AVX-512F, checked on the line above.
                    return unsafe { $wide::article_update_pair(w, x, step, keep, prev, next) };
                }
                #[cfg(target_arch = "x86_64")]
                if avx2() {
                    // SAFETY: the CPU supports AVX2, checked on the line above.
                    return unsafe { $avx::article_update_pair(w, x, step, keep, prev, next) };
                }
                let (x_prev, carry) = prev;
                let single = article_update_lanes::<$t, $w, { 2 * $w }>;
                let za = single(w.0, x, step.0, keep, (x_prev, carry.0), Some(next));
                let zb = single(w.1, x, step.1, keep, (x_prev, carry.1), Some(next));
                (za, zb)
            }

            fn classical_update(
                w: &mut [$t],
                v: &mut [$t],
                x: &[$t],
                coefficients: ($t, $t, $t),
                next: Option<&[$t]>,
            ) -> $t {
                #[cfg(target_arch = "x86_64")]
                if avx512() {
                    // SAFETY: the CPU supports AVX-512F, checked on the line above.
                    return unsafe { $wide::classical_update(w, v, x, coefficients, next) };
                }
                #[cfg(target_arch = "x86_64")]
                if avx2() {
                    // SAFETY: the CPU supports AVX2, checked on the line above.
                    return unsafe { $avx::classical_update(w, v, x, coefficients, next) };
                }
                classical_update_lanes::<$t, $w, { 2 * $w }>(w, v, x, coefficients, next)
            }
        }
    };
}

kernels!(f64, 4, avx_f64, avx512_f64);
kernels!(f32, 8, avx_f32, avx512_f32);

/// Adds the partial sums in a fixed order, halving them the way vector
/// registers hold them (so the compiler keeps them in registers): the two
/// groups lane by lane, then the upper half of the lanes onto the lower
/// half until one is left; then the tail.
#[inline(always)]
fn reduce<T: Real, const W: usize>(acc: [[T; W]; 2], tail: T) -> T {
    let mut lanes = [T::zero(); W];
    for l in 0..W {
        lanes[l] = acc[0][l] + acc[1][l];
    }
    let mut width = W;
    while width > 1 {
        width /= 2;
        for l in 0..width {
            lanes[l] += lanes[l + width];
        }
    }
    lanes[0] + tail
}

// The `f64` kernels by the short names the unit tests below use.
#[cfg(test)]
fn dot(a: &[f64], b: &[f64]) -> f64 {
    f64::dot(a, b)
}

#[cfg(test)]
fn article_update(
    w: &mut [f64],
    x: &[f64],
    step: f64,
    keep: f64,
    prev: (&[f64], f64),
    next: Option<&[f64]>,
) -> f64 {
    f64::article_update(w, x, step, keep, prev, next)
}

#[cfg(test)]
fn article_update_pair(
    w: (&mut [f64], &mut [f64]),
    x: &[f64],
    step: (f64, f64),
    keep: f64,
    prev: (&[f64], (f64, f64)),
    next: &[f64],
) -> (f64, f64) {
    f64::article_update_pair(w, x, step, keep, prev, next)
}

#[cfg(test)]
fn classical_update(
    w: &mut [f64],
    v: &mut [f64],
    x: &[f64],
    coefficients: (f64, f64, f64),
    next: Option<&[f64]>,
) -> f64 {
    f64::classical_update(w, v, x, coefficients, next)
}

/// The portable `dot` of `f64` (its unit tests call it by this name).
#[cfg(test)]
fn dot_body(a: &[f64], b: &[f64]) -> f64 {
    dot_lanes::<f64, 4, 8>(a, b)
}

/// The portable `article_update` of `f64` (its unit tests call it by this name).
#[cfg(test)]
fn article_update_body(
    w: &mut [f64],
    x: &[f64],
    step: f64,
    keep: f64,
    prev: (&[f64], f64),
    next: Option<&[f64]>,
) -> f64 {
    article_update_lanes::<f64, 4, 8>(w, x, step, keep, prev, next)
}

/// The portable `classical_update` of `f64` (its unit tests call it by this name).
#[cfg(test)]
fn classical_update_body(
    w: &mut [f64],
    v: &mut [f64],
    x: &[f64],
    coefficients: (f64, f64, f64),
    next: Option<&[f64]>,
) -> f64 {
    classical_update_lanes::<f64, 4, 8>(w, v, x, coefficients, next)
}

/// The portable [`Kernels::dot`], over chunks of `C = 2 W` numbers.
#[inline(always)]
fn dot_lanes<T: Real, const W: usize, const C: usize>(a: &[T], b: &[T]) -> T {
    debug_assert_eq!(a.len(), b.len());
    debug_assert_eq!(C, 2 * W);
    let (a8, a_tail) = a.as_chunks::<C>();
    let (b8, b_tail) = b.as_chunks::<C>();
    let mut acc = [[T::zero(); W]; 2];
    for (x, y) in a8.iter().zip(b8) {
        for r in 0..2 {
            for l in 0..W {
                acc[r][l] += x[W * r + l] * y[W * r + l];
            }
        }
    }
    let mut tail = T::zero();
    for (&x, &y) in a_tail.iter().zip(b_tail) {
        tail += x * y;
    }
    reduce(acc, tail)
}

/// The portable [`Kernels::article_update`], over chunks of `C = 2 W` numbers.
#[inline(always)]
fn article_update_lanes<T: Real, const W: usize, const C: usize>(
    w: &mut [T],
    x: &[T],
    step: T,
    keep: T,
    prev: (&[T], T),
    next: Option<&[T]>,
) -> T {
    let (x_prev, carry) = prev;
    debug_assert!(w.len() == x.len() && x.len() == x_prev.len());
    debug_assert_eq!(C, 2 * W);
    let update = |w: &mut T, x: T, xp: T| *w = keep * *w - (step * x + carry * xp);
    let Some(next) = next else {
        for ((w, &x), &xp) in w.iter_mut().zip(x).zip(x_prev) {
            update(w, x, xp);
        }
        return T::zero();
    };
    let (w8, w_tail) = w.as_chunks_mut::<C>();
    let (x8, x_tail) = x.as_chunks::<C>();
    let (p8, p_tail) = x_prev.as_chunks::<C>();
    let (n8, n_tail) = next.as_chunks::<C>();
    let mut acc = [[T::zero(); W]; 2];
    for (((w, x), xp), n) in w8.iter_mut().zip(x8).zip(p8).zip(n8) {
        for r in 0..2 {
            for l in 0..W {
                let i = W * r + l;
                update(&mut w[i], x[i], xp[i]);
                acc[r][l] += w[i] * n[i];
            }
        }
    }
    let mut tail = T::zero();
    for (((w, &x), &xp), &n) in w_tail.iter_mut().zip(x_tail).zip(p_tail).zip(n_tail) {
        update(w, x, xp);
        tail += *w * n;
    }
    reduce(acc, tail)
}

/// The portable [`Kernels::classical_update`], over chunks of `C = 2 W` numbers.
#[inline(always)]
fn classical_update_lanes<T: Real, const W: usize, const C: usize>(
    w: &mut [T],
    v: &mut [T],
    x: &[T],
    (step, mu, lr_l2): (T, T, T),
    next: Option<&[T]>,
) -> T {
    debug_assert!(w.len() == x.len() && x.len() == v.len());
    debug_assert_eq!(C, 2 * W);
    let update = |w: &mut T, v: &mut T, x: T| {
        *v = mu * *v - (step * x + lr_l2 * *w);
        *w += *v;
    };
    let Some(next) = next else {
        for ((w, v), &x) in w.iter_mut().zip(v.iter_mut()).zip(x) {
            update(w, v, x);
        }
        return T::zero();
    };
    let (w8, w_tail) = w.as_chunks_mut::<C>();
    let (v8, v_tail) = v.as_chunks_mut::<C>();
    let (x8, x_tail) = x.as_chunks::<C>();
    let (n8, n_tail) = next.as_chunks::<C>();
    let mut acc = [[T::zero(); W]; 2];
    for (((w, v), x), n) in w8.iter_mut().zip(v8.iter_mut()).zip(x8).zip(n8) {
        for r in 0..2 {
            for l in 0..W {
                let i = W * r + l;
                update(&mut w[i], &mut v[i], x[i]);
                acc[r][l] += w[i] * n[i];
            }
        }
    }
    let mut tail = T::zero();
    for (((w, v), &x), &n) in w_tail
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

/// The same loops with the vector instructions written out, for CPUs with
/// AVX2 (`$r = 2` registers of `$w` numbers per chunk) or AVX-512F
/// (`$r = 1` register holding the whole chunk of `2 $w`): either way the
/// registers hold the portable loops' two groups of partial sums lane for
/// lane, so every operation (and the final [`reduce`]) is the portable
/// loops' own, in the same order: the same bits (a test compares them).
/// Left to itself the compiler vectorizes the plain update loops well but
/// keeps the partial sums of the fused loops in narrower registers.
///
/// `$f` is the target feature, `$v` the register type, the other names its
/// instructions: unaligned load and store, add, multiply, subtract,
/// broadcast one number, zero.
#[cfg(target_arch = "x86_64")]
macro_rules! vector_kernels {
    (
        mod $name:ident, $f:literal, $r:literal, $t:ty, $w:literal, $v:ident,
        $load:ident, $store:ident, $add:ident, $mul:ident, $sub:ident, $set1:ident, $zero:ident
    ) => {
        mod $name {
            use std::arch::x86_64::{$add, $load, $mul, $set1, $store, $sub, $v, $zero};

            use super::reduce;

            /// Numbers per chunk: two groups of `$w`, in `$r` registers.
            const C: usize = 2 * $w;
            /// Numbers per register.
            const L: usize = C / $r;

            /// Loads register `r` of the chunk, `chunk[L r..L (r + 1)]`.
            #[target_feature(enable = $f)]
            fn load(chunk: &[$t; C], r: usize) -> $v {
                assert!(L * r + L <= C);
                // SAFETY: the register's numbers are in bounds (checked above); the load needs no alignment.
                unsafe { $load(chunk.as_ptr().add(L * r)) }
            }

            /// Stores register `r` of the chunk, `chunk[L r..L (r + 1)]`.
            #[target_feature(enable = $f)]
            fn store(chunk: &mut [$t; C], r: usize, v: $v) {
                assert!(L * r + L <= C);
                // SAFETY: the register's numbers are in bounds (checked above); the store needs no alignment.
                unsafe { $store(chunk.as_mut_ptr().add(L * r), v) }
            }

            /// The registers as the portable loops' two groups of partial sums.
            #[target_feature(enable = $f)]
            fn partials(acc: [$v; $r]) -> [[$t; $w]; 2] {
                let mut lanes = [0.0; C];
                for (r, a) in acc.into_iter().enumerate() {
                    store(&mut lanes, r, a);
                }
                let (low, high) = lanes.split_at(C / 2);
                let mut out = [[0.0; $w]; 2];
                out[0].copy_from_slice(low);
                out[1].copy_from_slice(high);
                out
            }

            #[target_feature(enable = $f)]
            pub(super) fn dot(a: &[$t], b: &[$t]) -> $t {
                let (a8, a_tail) = a.as_chunks::<C>();
                let (b8, b_tail) = b.as_chunks::<C>();
                let mut acc = [$zero(); $r];
                for (x, y) in a8.iter().zip(b8) {
                    for (r, acc) in acc.iter_mut().enumerate() {
                        *acc = $add(*acc, $mul(load(x, r), load(y, r)));
                    }
                }
                let mut tail = 0.0;
                for (x, y) in a_tail.iter().zip(b_tail) {
                    tail += x * y;
                }
                reduce(partials(acc), tail)
            }

            #[target_feature(enable = $f)]
            pub(super) fn article_update(
                w: &mut [$t],
                x: &[$t],
                step: $t,
                keep: $t,
                prev: (&[$t], $t),
                next: Option<&[$t]>,
            ) -> $t {
                let (x_prev, carry) = prev;
                let Some(next) = next else {
                    return super::article_update_lanes::<$t, $w, C>(w, x, step, keep, prev, None);
                };
                let (w8, w_tail) = w.as_chunks_mut::<C>();
                let (x8, x_tail) = x.as_chunks::<C>();
                let (p8, p_tail) = x_prev.as_chunks::<C>();
                let (n8, n_tail) = next.as_chunks::<C>();
                let (keep_v, step_v, carry_v) = ($set1(keep), $set1(step), $set1(carry));
                let mut acc = [$zero(); $r];
                for (((w, x), xp), n) in w8.iter_mut().zip(x8).zip(p8).zip(n8) {
                    for (r, acc) in acc.iter_mut().enumerate() {
                        // keep * w - (step * x + carry * x_prev)
                        let change = $add($mul(step_v, load(x, r)), $mul(carry_v, load(xp, r)));
                        let updated = $sub($mul(keep_v, load(w, r)), change);
                        store(w, r, updated);
                        *acc = $add(*acc, $mul(updated, load(n, r)));
                    }
                }
                let mut tail = 0.0;
                for (((w, &x), &xp), n) in w_tail.iter_mut().zip(x_tail).zip(p_tail).zip(n_tail) {
                    *w = keep * *w - (step * x + carry * xp);
                    tail += *w * n;
                }
                reduce(partials(acc), tail)
            }

            #[target_feature(enable = $f)]
            pub(super) fn article_update_pair(
                w: (&mut [$t], &mut [$t]),
                x: &[$t],
                step: ($t, $t),
                keep: $t,
                prev: (&[$t], ($t, $t)),
                next: &[$t],
            ) -> ($t, $t) {
                let (x_prev, carry) = prev;
                let (a8, a_tail) = w.0.as_chunks_mut::<C>();
                let (b8, b_tail) = w.1.as_chunks_mut::<C>();
                let (x8, x_tail) = x.as_chunks::<C>();
                let (p8, p_tail) = x_prev.as_chunks::<C>();
                let (n8, n_tail) = next.as_chunks::<C>();
                let keep_v = $set1(keep);
                let (step_a, step_b) = ($set1(step.0), $set1(step.1));
                let (carry_a, carry_b) = ($set1(carry.0), $set1(carry.1));
                let mut acc_a = [$zero(); $r];
                let mut acc_b = [$zero(); $r];
                let chunks = a8.iter_mut().zip(b8.iter_mut()).zip(x8).zip(p8).zip(n8);
                for ((((wa, wb), x), xp), n) in chunks {
                    for r in 0..$r {
                        let (xv, pv, nv) = (load(x, r), load(xp, r), load(n, r));
                        // keep * w - (step * x + carry * x_prev), per column
                        let change = $add($mul(step_a, xv), $mul(carry_a, pv));
                        let updated = $sub($mul(keep_v, load(wa, r)), change);
                        store(wa, r, updated);
                        acc_a[r] = $add(acc_a[r], $mul(updated, nv));
                        let change = $add($mul(step_b, xv), $mul(carry_b, pv));
                        let updated = $sub($mul(keep_v, load(wb, r)), change);
                        store(wb, r, updated);
                        acc_b[r] = $add(acc_b[r], $mul(updated, nv));
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

            #[target_feature(enable = $f)]
            pub(super) fn classical_update(
                w: &mut [$t],
                v: &mut [$t],
                x: &[$t],
                (step, mu, lr_l2): ($t, $t, $t),
                next: Option<&[$t]>,
            ) -> $t {
                let Some(next) = next else {
                    return super::classical_update_lanes::<$t, $w, C>(
                        w,
                        v,
                        x,
                        (step, mu, lr_l2),
                        None,
                    );
                };
                let (w8, w_tail) = w.as_chunks_mut::<C>();
                let (v8, v_tail) = v.as_chunks_mut::<C>();
                let (x8, x_tail) = x.as_chunks::<C>();
                let (n8, n_tail) = next.as_chunks::<C>();
                let (step_v, mu_v, lr_l2_v) = ($set1(step), $set1(mu), $set1(lr_l2));
                let mut acc = [$zero(); $r];
                for (((w, v), x), n) in w8.iter_mut().zip(v8.iter_mut()).zip(x8).zip(n8) {
                    for (r, acc) in acc.iter_mut().enumerate() {
                        let old = load(w, r);
                        // v = mu * v - (step * x + lr_l2 * w); w += v
                        let pull = $add($mul(step_v, load(x, r)), $mul(lr_l2_v, old));
                        let velocity = $sub($mul(mu_v, load(v, r)), pull);
                        let updated = $add(old, velocity);
                        store(v, r, velocity);
                        store(w, r, updated);
                        *acc = $add(*acc, $mul(updated, load(n, r)));
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
    };
}

#[cfg(target_arch = "x86_64")]
vector_kernels!(
    mod avx_f64, "avx2", 2, f64, 4, __m256d,
    _mm256_loadu_pd, _mm256_storeu_pd, _mm256_add_pd, _mm256_mul_pd, _mm256_sub_pd,
    _mm256_set1_pd, _mm256_setzero_pd
);

#[cfg(target_arch = "x86_64")]
vector_kernels!(
    mod avx_f32, "avx2", 2, f32, 8, __m256,
    _mm256_loadu_ps, _mm256_storeu_ps, _mm256_add_ps, _mm256_mul_ps, _mm256_sub_ps,
    _mm256_set1_ps, _mm256_setzero_ps
);

#[cfg(target_arch = "x86_64")]
vector_kernels!(
    mod avx512_f64, "avx512f", 1, f64, 4, __m512d,
    _mm512_loadu_pd, _mm512_storeu_pd, _mm512_add_pd, _mm512_mul_pd, _mm512_sub_pd,
    _mm512_set1_pd, _mm512_setzero_pd
);

#[cfg(target_arch = "x86_64")]
vector_kernels!(
    mod avx512_f32, "avx512f", 1, f32, 8, __m512,
    _mm512_loadu_ps, _mm512_storeu_ps, _mm512_add_ps, _mm512_mul_ps, _mm512_sub_ps,
    _mm512_set1_ps, _mm512_setzero_ps
);

// Index loops keep the reference formulas readable.
#[cfg(test)]
#[allow(clippy::needless_range_loop)]
mod tests {
    use super::*;

    /// Runs the four loops of vector module `$m` (type `$t`, `$w` lanes
    /// per group) on several lengths and requires the portable loops' bits.
    #[cfg(target_arch = "x86_64")]
    macro_rules! same_bits_as_portable {
        ($m:ident, $t:ty, $w:literal) => {{
            for n in [0, 3, 16, 17, 33, 785] {
                let a: Vec<$t> = (0..n)
                    .map(|i| ((i * 7919) % 1013) as $t / 1013.0 - 0.5)
                    .collect();
                let b: Vec<$t> = (0..n)
                    .map(|i| ((i * 104_729) % 997) as $t / 997.0 - 0.3)
                    .collect();
                let portable_dot = dot_lanes::<$t, $w, { 2 * $w }>(&a, &b);
                // SAFETY (each call below): the caller checked the CPU has the path.
                let vector_dot = unsafe { $m::dot(&a, &b) };
                assert_eq!(vector_dot.to_bits(), portable_dot.to_bits(), "dot n {n}");
                for next in [Some(&b[..]), None] {
                    let (mut w1, mut w2) = (a.clone(), a.clone());
                    let z1 =
                        unsafe { $m::article_update(&mut w1, &b, 0.01, 0.999, (&a, 0.3), next) };
                    let z2 = article_update_lanes::<$t, $w, { 2 * $w }>(
                        &mut w2,
                        &b,
                        0.01,
                        0.999,
                        (&a, 0.3),
                        next,
                    );
                    assert_eq!((&w1, z1.to_bits()), (&w2, z2.to_bits()), "article n {n}");
                    let (mut v1, mut v2) = (b.clone(), b.clone());
                    let z1 = unsafe {
                        $m::classical_update(&mut w1, &mut v1, &a, (0.01, 0.9, 1e-4), next)
                    };
                    let z2 = classical_update_lanes::<$t, $w, { 2 * $w }>(
                        &mut w2,
                        &mut v2,
                        &a,
                        (0.01, 0.9, 1e-4),
                        next,
                    );
                    assert_eq!(
                        (&w1, &v1, z1.to_bits()),
                        (&w2, &v2, z2.to_bits()),
                        "classical n {n}"
                    );
                }
                let (mut w1, mut p1, mut w2, mut p2) = (a.clone(), b.clone(), a.clone(), b.clone());
                let pair = unsafe {
                    $m::article_update_pair(
                        (&mut w1, &mut p1),
                        &b,
                        (0.01, -0.02),
                        0.999,
                        (&a, (0.3, 0.1)),
                        &a,
                    )
                };
                let single = article_update_lanes::<$t, $w, { 2 * $w }>;
                let za = single(&mut w2, &b, 0.01, 0.999, (&a, 0.3), Some(&a));
                let zb = single(&mut p2, &b, -0.02, 0.999, (&a, 0.1), Some(&a));
                assert_eq!((&w1, &p1), (&w2, &p2), "pair n {n}");
                assert_eq!(
                    (pair.0.to_bits(), pair.1.to_bits()),
                    (za.to_bits(), zb.to_bits())
                );
            }
        }};
    }

    /// Every vector path this CPU has (AVX2, AVX-512), called directly (not
    /// only the widest, which the dispatch picks), against the portable
    /// loops: the same bits, in `f64` and `f32`. Prints the paths it ran.
    #[test]
    fn every_vector_path_this_cpu_has_gives_the_portable_bits() {
        let mut ran = vec!["portable"];
        #[cfg(target_arch = "x86_64")]
        {
            if avx2() {
                same_bits_as_portable!(avx_f64, f64, 4);
                same_bits_as_portable!(avx_f32, f32, 8);
                ran.push("avx2");
            }
            if avx512() {
                same_bits_as_portable!(avx512_f64, f64, 4);
                same_bits_as_portable!(avx512_f32, f32, 8);
                ran.push("avx512");
            }
        }
        eprintln!("kernel paths checked against the portable loops: {ran:?}");
    }

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

    /// Test vectors in `f32`: the same patterns as above, rounded.
    fn vectors_f32(n: usize) -> (Vec<f32>, Vec<f32>) {
        let a = (0..n)
            .map(|i| ((i * 7919) % 1013) as f32 / 1013.0 - 0.5)
            .collect();
        let b = (0..n)
            .map(|i| ((i * 104_729) % 997) as f32 / 997.0 - 0.3)
            .collect();
        (a, b)
    }

    #[test]
    fn the_avx_and_baseline_f32_loops_give_the_same_bits() {
        // the portable loops: 8 lanes per group, chunks of 16
        let dot_p = dot_lanes::<f32, 8, 16>;
        let article_p = article_update_lanes::<f32, 8, 16>;
        let classical_p = classical_update_lanes::<f32, 8, 16>;
        for n in [3, 16, 17, 785] {
            let (a, b) = vectors_f32(n);
            let (mut w1, mut w2) = (a.clone(), a.clone());
            for keep in [0.999, 1.0] {
                let z1 = f32::article_update(&mut w1, &b, 0.01, keep, (&a, 0.3), Some(&a));
                let z2 = article_p(&mut w2, &b, 0.01, keep, (&a, 0.3), Some(&a));
                assert_eq!((&w1, z1.to_bits()), (&w2, z2.to_bits()), "n {n}");
                f32::article_update(&mut w1, &b, -0.02, keep, (&a, 0.1), None);
                article_p(&mut w2, &b, -0.02, keep, (&a, 0.1), None);
                assert_eq!(w1, w2, "n {n}");
            }
            let (mut p1, mut p2) = (b.clone(), b.clone());
            let pair = f32::article_update_pair(
                (&mut w1, &mut p1),
                &b,
                (0.01, 0.02),
                0.999,
                (&a, (0.3, 0.1)),
                &a,
            );
            let za = article_p(&mut w2, &b, 0.01, 0.999, (&a, 0.3), Some(&a));
            let zb = article_p(&mut p2, &b, 0.02, 0.999, (&a, 0.1), Some(&a));
            assert_eq!((&w1, &p1), (&w2, &p2), "n {n}");
            assert_eq!(
                (pair.0.to_bits(), pair.1.to_bits()),
                (za.to_bits(), zb.to_bits())
            );
            assert_eq!(
                f32::dot(&w1, &b).to_bits(),
                dot_p(&w2, &b).to_bits(),
                "n {n}"
            );
            let (mut v1, mut v2) = (b.clone(), b.clone());
            for next in [Some(&b[..]), None] {
                let z1 = f32::classical_update(&mut w1, &mut v1, &a, (0.01, 0.9, 1e-4), next);
                let z2 = classical_p(&mut w2, &mut v2, &a, (0.01, 0.9, 1e-4), next);
                assert_eq!((&w1, &v1, z1.to_bits()), (&w2, &v2, z2.to_bits()), "n {n}");
            }
        }
    }

    #[test]
    fn the_f32_kernels_follow_the_formulas() {
        let (a, b) = vectors_f32(785);
        let (step, keep, carry) = (0.01_f32, 0.999_f32, 0.3_f32);
        let mut w = a.clone();
        let z = f32::article_update(&mut w, &b, step, keep, (&a, carry), Some(&b));
        let mut expected_z = 0.0_f64;
        for i in 0..785 {
            let (w0, x, xp) = (f64::from(a[i]), f64::from(b[i]), f64::from(a[i]));
            let expected = f64::from(keep) * w0 - (f64::from(step) * x + f64::from(carry) * xp);
            assert!((f64::from(w[i]) - expected).abs() < 1e-6, "i {i}");
            expected_z += expected * f64::from(b[i]);
        }
        // 785 products of numbers below 1, summed in f32: a few ulps of the sum's size
        assert!(
            (f64::from(z) - expected_z).abs() < 1e-4,
            "{z} vs {expected_z}"
        );
        assert!(
            (f64::from(f32::dot(&a, &b))
                - a.iter().zip(&b).map(|(x, y)| f64::from(x * y)).sum::<f64>())
            .abs()
                < 1e-4
        );
        let (mut w, mut v) = (a.clone(), b.clone());
        f32::classical_update(&mut w, &mut v, &b, (step, 0.9, 1e-3), None);
        for i in 0..785 {
            let v1 = 0.9 * f64::from(b[i])
                - (f64::from(step) * f64::from(b[i]) + 1e-3 * f64::from(a[i]));
            assert!((f64::from(v[i]) - v1).abs() < 1e-6, "i {i}");
            assert!(
                (f64::from(w[i]) - (f64::from(a[i]) + v1)).abs() < 1e-6,
                "i {i}"
            );
        }
    }
}
