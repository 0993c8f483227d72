//! Solutions for lesson P2.4.

/// `w -= lr * (gradient + l2 * w)`.
pub fn l2_step(w: &mut [Vec<f64>], gradient: &[Vec<f64>], lr: f64, l2: f64) {
    for (w_row, g_row) in w.iter_mut().zip(gradient) {
        for (w, g) in w_row.iter_mut().zip(g_row) {
            *w -= lr * (g + l2 * *w);
        }
    }
}

/// `w -= lr * gradient + mu * previous_gradient`.
pub fn article_momentum_step(
    w: &mut [Vec<f64>],
    gradient: &[Vec<f64>],
    previous_gradient: &[Vec<f64>],
    lr: f64,
    mu: f64,
) {
    for ((w_row, g_row), p_row) in w.iter_mut().zip(gradient).zip(previous_gradient) {
        for ((w, g), p) in w_row.iter_mut().zip(g_row).zip(p_row) {
            *w -= lr * g + mu * p;
        }
    }
}

/// `v = mu * v - lr * gradient; w += v`.
pub fn classical_momentum_step(
    w: &mut [Vec<f64>],
    v: &mut [Vec<f64>],
    gradient: &[Vec<f64>],
    lr: f64,
    mu: f64,
) {
    for ((w_row, v_row), g_row) in w.iter_mut().zip(v).zip(gradient) {
        for ((w, v), g) in w_row.iter_mut().zip(v_row).zip(g_row) {
            *v = mu * *v - lr * g;
            *w += *v;
        }
    }
}
