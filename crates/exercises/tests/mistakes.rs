//! The graders' own proof: each must fail, with the right words, on the
//! untouched stubs and on typical wrong answers, and accept what is right
//! but done another way. (That they pass on the solutions is
//! `tests/grade.rs` with `--features solutions`.)
//!
//! Run by CI: `cargo test -p exercises --features solutions --test mistakes`.
//! The wrong answers below are written the way a learner might write them.

mod common;

use common::{fails_with, passes};
use exercises::graders::{self, Grade};

mod untouched_stubs {
    use super::*;
    use exercises::{beyond, p1_1, p1_3, p1_4, p2_1, p2_2, p2_3, p2_4};

    fn not_done(grade: Grade, module: &str) {
        fails_with(
            grade,
            &format!("not done yet: open crates/exercises/src/{module}.rs"),
        );
    }

    #[test]
    fn every_stub_says_not_done_yet_and_names_its_file() {
        not_done(graders::p1_1::sigmoid(p1_1::sigmoid), "p1_1");
        not_done(graders::p1_1::dsigmoid(p1_1::dsigmoid), "p1_1");
        not_done(graders::p1_3::feed_forward(p1_3::feed_forward), "p1_3");
        not_done(graders::p1_4::output_deltas(p1_4::output_deltas), "p1_4");
        not_done(graders::p1_4::hidden_deltas(p1_4::hidden_deltas), "p1_4");
        not_done(graders::p1_4::update_weights(p1_4::update_weights), "p1_4");
        not_done(graders::p2_1::tanh(p2_1::tanh), "p2_1");
        not_done(graders::p2_1::dtanh(p2_1::dtanh), "p2_1");
        not_done(graders::p2_1::softmax(p2_1::softmax), "p2_1");
        let delta = graders::p2_1::softmax_cross_entropy_delta(p2_1::softmax_cross_entropy_delta);
        not_done(delta, "p2_1");
        not_done(graders::p2_2::scaled_init(p2_2::scaled_init), "p2_2");
        not_done(graders::p2_3::shuffle(p2_3::shuffle), "p2_3");
        not_done(graders::p2_4::l2_step(p2_4::l2_step), "p2_4");
        let article = graders::p2_4::article_momentum_step(p2_4::article_momentum_step);
        not_done(article, "p2_4");
        let classical = graders::p2_4::classical_momentum_step(p2_4::classical_momentum_step);
        not_done(classical, "p2_4");
        let batch = graders::beyond::mini_batch_gradient(beyond::mini_batch_gradient);
        not_done(batch, "beyond");
    }

    #[test]
    fn a_call_into_another_unfinished_exercise_names_that_file() {
        let uses_p1_1 = |x: f64| 2.0 * p1_1::sigmoid(2.0 * x) - 1.0;
        fails_with(
            graders::p2_1::tanh(uses_p1_1),
            "not done yet: it calls a function that is still todo!() in \
             crates/exercises/src/p1_1.rs: write that one first",
        );
    }

    #[test]
    fn a_panic_in_the_answer_is_reported_with_its_place() {
        // The classic: wo[k][j] instead of wo[j][k] on a 5 x 2 matrix.
        let transposed = |ah: &[f64], wo: &[Vec<f64>], deltas: &[f64]| -> Vec<f64> {
            (0..ah.len())
                .map(|j| (0..deltas.len()).map(|k| deltas[k] * wo[k][j]).sum())
                .collect()
        };
        let grade = graders::p1_4::hidden_deltas(transposed);
        fails_with(
            grade,
            "your code panicked at crates/exercises/tests/mistakes.rs:",
        );
        let grade = graders::p1_4::hidden_deltas(transposed);
        fails_with(
            grade,
            "index out of bounds: the len is 2 but the index is 2",
        );
        let grade = graders::p1_4::hidden_deltas(transposed);
        fails_with(grade, "check each index against the shapes");
    }
}

mod p1_1 {
    use super::*;
    use naive::sigmoid;

    #[test]
    fn sigmoid_with_the_wrong_sign_in_the_exponent() {
        fails_with(
            graders::p1_1::sigmoid(|x: f64| 1.0 / (1.0 + x.exp())),
            "the sign of the exponent",
        );
    }

    #[test]
    fn sigmoid_that_overflows_to_nan() {
        let overflows = |x: f64| x.exp() / (1.0 + x.exp());
        fails_with(graders::p1_1::sigmoid(overflows), "e^x overflows");
    }

    #[test]
    fn dsigmoid_of_the_weighted_sum_instead_of_the_activation() {
        let on_the_sum = |y: f64| sigmoid(y) * (1.0 - sigmoid(y));
        fails_with(
            graders::p1_1::dsigmoid(on_the_sum),
            "as if y were the weighted sum",
        );
    }

    #[test]
    fn dsigmoid_with_tanhs_slope() {
        fails_with(
            graders::p1_1::dsigmoid(|y: f64| 1.0 - y * y),
            "tanh's slope",
        );
    }
}

mod p1_3 {
    use super::*;
    use exercises::solutions::p1_3::feed_forward;
    use naive::sigmoid;

    /// A learner's loop, with the bias and the output squashing as switches.
    fn forward(
        inputs: &[f64],
        wi: &[Vec<f64>],
        wo: &[Vec<f64>],
        bias: bool,
        squash_output: bool,
    ) -> (Vec<f64>, Vec<f64>) {
        let mut ai = inputs.to_vec();
        if bias {
            ai.push(1.0);
        }
        let ah: Vec<f64> = (0..wo.len())
            .map(|j| sigmoid((0..ai.len()).map(|i| ai[i] * wi[i][j]).sum()))
            .collect();
        let ao = (0..wo[0].len())
            .map(|k| {
                let sum: f64 = (0..ah.len()).map(|j| ah[j] * wo[j][k]).sum();
                if squash_output { sigmoid(sum) } else { sum }
            })
            .collect();
        (ah, ao)
    }

    #[test]
    fn feed_forward_without_the_bias() {
        let grade = graders::p1_3::feed_forward(|x, wi, wo| forward(x, wi, wo, false, true));
        fails_with(grade, "you left out the bias");
    }

    #[test]
    fn feed_forward_without_the_output_sigmoid() {
        let grade = graders::p1_3::feed_forward(|x, wi, wo| forward(x, wi, wo, true, false));
        fails_with(grade, "your output activations are the weighted sums");
    }

    #[test]
    fn the_learners_loop_done_right_passes() {
        passes(graders::p1_3::feed_forward(|x, wi, wo| {
            forward(x, wi, wo, true, true)
        }));
        passes(graders::p1_3::feed_forward(feed_forward));
    }
}

mod p1_4 {
    use super::*;
    use naive::{dsigmoid, sigmoid};

    #[test]
    fn output_deltas_with_the_error_sign_flipped() {
        let flipped = |ao: &[f64], t: &[f64]| -> Vec<f64> {
            ao.iter()
                .zip(t)
                .map(|(&a, &t)| dsigmoid(a) * (t - a))
                .collect()
        };
        fails_with(
            graders::p1_4::output_deltas(flipped),
            "an output above its target gets a positive delta",
        );
    }

    #[test]
    fn output_deltas_without_the_sigmoids_slope() {
        let no_slope = |ao: &[f64], t: &[f64]| -> Vec<f64> {
            ao.iter().zip(t).map(|(&a, &t)| -(t - a)).collect()
        };
        fails_with(
            graders::p1_4::output_deltas(no_slope),
            "left out the sigmoid's slope",
        );
    }

    /// Hidden deltas with the derivative taken by `slope_of`.
    fn hidden(ah: &[f64], wo: &[Vec<f64>], d: &[f64], slope_of: fn(f64) -> f64) -> Vec<f64> {
        (0..ah.len())
            .map(|j| slope_of(ah[j]) * (0..d.len()).map(|k| d[k] * wo[j][k]).sum::<f64>())
            .collect()
    }

    #[test]
    fn hidden_deltas_with_the_derivative_on_the_sum() {
        let grade =
            graders::p1_4::hidden_deltas(|ah, wo, d| hidden(ah, wo, d, |a| dsigmoid(sigmoid(a))));
        fails_with(
            grade,
            "did you use the weighted sum instead of the activation in the derivative?",
        );
    }

    #[test]
    fn hidden_deltas_multiplied_by_the_activation() {
        let grade = graders::p1_4::hidden_deltas(|ah, wo, d| hidden(ah, wo, d, |a| a));
        fails_with(grade, "with the activation ah[j] in place of the slope");
    }

    /// The update with a rule of the learner's: `(w, c, change) -> (w, c)`.
    fn update(
        w: &mut [Vec<f64>],
        c: &mut [Vec<f64>],
        a: &[f64],
        d: &[f64],
        rule: impl Fn(f64, f64, f64) -> (f64, f64),
    ) {
        for j in 0..a.len() {
            for k in 0..d.len() {
                (w[j][k], c[j][k]) = rule(w[j][k], c[j][k], d[k] * a[j]);
            }
        }
    }

    #[test]
    fn update_weights_forgetting_the_articles_quirk() {
        let grade = graders::p1_4::update_weights(|w, c, a, d, n| {
            update(w, c, a, d, |w, _, g| (w - n * g, g))
        });
        fails_with(grade, "you left out the article's quirk");
    }

    #[test]
    fn update_weights_with_the_quirk_scaled_by_the_rate() {
        let grade = graders::p1_4::update_weights(|w, c, a, d, n| {
            update(w, c, a, d, |w, c, g| (w - n * (g + c), g))
        });
        fails_with(grade, "at full size");
    }

    #[test]
    fn update_weights_climbing_the_slope() {
        let grade = graders::p1_4::update_weights(|w, c, a, d, n| {
            update(w, c, a, d, |w, c, g| (w + n * g + c, g))
        });
        fails_with(grade, "the weights move down the slope");
    }
}

mod p2_1 {
    use super::*;
    use improved::{dsigmoid, sigmoid};

    #[test]
    fn tanh_written_as_the_sigmoid() {
        fails_with(graders::p2_1::tanh(sigmoid), "that is the sigmoid");
    }

    #[test]
    fn tanh_from_its_exponential_formula_passes() {
        passes(graders::p2_1::tanh(|x: f64| {
            (x.exp() - (-x).exp()) / (x.exp() + (-x).exp())
        }));
    }

    #[test]
    fn dtanh_of_the_weighted_sum_instead_of_the_activation() {
        let on_the_sum = |y: f64| 1.0 - y.tanh() * y.tanh();
        fails_with(
            graders::p2_1::dtanh(on_the_sum),
            "as if y were the weighted sum",
        );
    }

    #[test]
    fn softmax_not_normalized() {
        let exps = |z: &[f64]| -> Vec<f64> { z.iter().map(|v| v.exp()).collect() };
        fails_with(graders::p2_1::softmax(exps), "softmax not normalized");
    }

    #[test]
    fn softmax_of_z_over_its_sum() {
        let ratios = |z: &[f64]| -> Vec<f64> {
            let sum: f64 = z.iter().sum();
            z.iter().map(|v| v / sum).collect()
        };
        fails_with(
            graders::p2_1::softmax(ratios),
            "did you divide z itself by its sum?",
        );
    }

    #[test]
    fn softmax_of_the_wrong_length() {
        let too_short = |z: &[f64]| -> Vec<f64> { vec![1.0 / z.len() as f64; z.len() - 1] };
        fails_with(
            graders::p2_1::softmax(too_short),
            "wrong shape: expected 4 values, got 3 values",
        );
    }

    #[test]
    fn softmax_in_the_wrong_direction() {
        let negated = |z: &[f64]| -> Vec<f64> {
            let e: Vec<f64> = z.iter().map(|v| (-v).exp()).collect();
            let sum: f64 = e.iter().sum();
            e.iter().map(|v| v / sum).collect()
        };
        fails_with(graders::p2_1::softmax(negated), "you took e^(-z[k])");
    }

    #[test]
    fn softmax_without_max_subtraction_is_not_wrong() {
        passes(graders::p2_1::softmax(|z: &[f64]| -> Vec<f64> {
            let e: Vec<f64> = z.iter().map(|v| v.exp()).collect();
            let sum: f64 = e.iter().sum();
            e.iter().map(|v| v / sum).collect()
        }));
    }

    #[test]
    fn softmax_delta_keeping_the_sigmoids_slope() {
        let logistic = |ao: &[f64], t: &[f64]| -> Vec<f64> {
            ao.iter()
                .zip(t)
                .map(|(&a, &t)| dsigmoid(a) * -(t - a))
                .collect()
        };
        fails_with(
            graders::p2_1::softmax_cross_entropy_delta(logistic),
            "you kept P1.4's factor dsigmoid(ao[k])",
        );
    }

    #[test]
    fn softmax_delta_with_the_sign_flipped() {
        let flipped = |ao: &[f64], t: &[f64]| -> Vec<f64> {
            ao.iter().zip(t).map(|(&a, &t)| t - a).collect()
        };
        fails_with(
            graders::p2_1::softmax_cross_entropy_delta(flipped),
            "the unit of the right class",
        );
    }
}

mod p2_2 {
    use super::*;
    use rand::rngs::Xoshiro256PlusPlus;
    use rand::{RngExt, SeedableRng};
    use rand_distr::{Distribution, Normal};

    /// Draws a rows x columns matrix from Normal(0, sd) with `rng`.
    fn normal(rows: usize, columns: usize, sd: f64, rng: &mut Xoshiro256PlusPlus) -> Vec<Vec<f64>> {
        let dist = Normal::new(0.0, sd).expect("a valid spread");
        (0..rows)
            .map(|_| (0..columns).map(|_| dist.sample(rng)).collect())
            .collect()
    }

    #[test]
    fn init_with_rand_distrs_normal_passes() {
        passes(graders::p2_2::scaled_init(|r, c, rng| {
            normal(r, c, 1.0 / (r as f64).sqrt(), rng)
        }));
    }

    #[test]
    fn init_not_scaled() {
        let grade = graders::p2_2::scaled_init(|r, c, rng| normal(r, c, 1.0, rng));
        fails_with(grade, "standard-normal weights");
    }

    #[test]
    fn init_scaled_by_one_over_fan_in() {
        let grade = graders::p2_2::scaled_init(|r, c, rng| normal(r, c, 1.0 / r as f64, rng));
        fails_with(grade, "your spread is 1 / rows");
    }

    #[test]
    fn init_with_the_fan_out() {
        let grade =
            graders::p2_2::scaled_init(|r, c, rng| normal(r, c, 1.0 / (c as f64).sqrt(), rng));
        fails_with(grade, "you used the number of columns");
    }

    #[test]
    fn init_with_its_own_generator() {
        let grade = graders::p2_2::scaled_init(|r, c, _| {
            let mut mine = Xoshiro256PlusPlus::seed_from_u64(42);
            normal(r, c, 1.0 / (r as f64).sqrt(), &mut mine)
        });
        fails_with(grade, "yours ignores it");
    }

    #[test]
    fn init_from_a_uniform_of_the_right_spread() {
        let grade = graders::p2_2::scaled_init(|r, c, rng| {
            let half_width = 3.0_f64.sqrt() / (r as f64).sqrt(); // spread 1/sqrt(r)
            (0..r)
                .map(|_| {
                    (0..c)
                        .map(|_| rng.random_range(-half_width..half_width))
                        .collect()
                })
                .collect()
        });
        fails_with(grade, "not a uniform one");
    }
}

mod p2_3 {
    use super::*;
    use rand::rngs::Xoshiro256PlusPlus;
    use rand::{RngExt, SeedableRng};

    #[test]
    fn shuffle_that_copies_instead_of_swapping() {
        let grade = graders::p2_3::shuffle(|order, rng| {
            for i in (1..order.len()).rev() {
                let j = rng.random_range(0..=i);
                order[i] = order[j];
            }
        });
        fails_with(grade, "not a permutation");
    }

    #[test]
    fn shuffle_picking_from_the_whole_slice_is_biased() {
        let grade = graders::p2_3::shuffle(|order, rng| {
            let n = order.len();
            for i in 0..n {
                order.swap(i, rng.random_range(0..n));
            }
        });
        fails_with(grade, "some orders come out more often than others");
    }

    #[test]
    fn shuffle_that_never_leaves_an_element_in_place() {
        let grade = graders::p2_3::shuffle(|order, rng| {
            for i in (1..order.len()).rev() {
                order.swap(i, rng.random_range(0..i));
            }
        });
        fails_with(grade, "some orders never come out");
    }

    #[test]
    fn shuffle_with_its_own_generator() {
        let grade = graders::p2_3::shuffle(|order, _| {
            let mut mine = Xoshiro256PlusPlus::seed_from_u64(7);
            exercises::solutions::p2_3::shuffle(order, &mut mine);
        });
        fails_with(grade, "yours ignores it");
    }

    #[test]
    fn shuffle_that_underflows_on_an_empty_slice() {
        let grade = graders::p2_3::shuffle(|order, rng| {
            for i in 0..order.len() - 1 {
                let j = rng.random_range(i..order.len());
                order.swap(i, j);
            }
        });
        fails_with(grade, "with an empty slice, len() - 1 underflows");
    }

    #[test]
    fn shuffle_from_the_front_passes() {
        passes(graders::p2_3::shuffle(|order, rng| {
            let n = order.len();
            for i in 0..n.saturating_sub(1) {
                order.swap(i, rng.random_range(i..n));
            }
        }));
    }
}

mod p2_4 {
    use super::*;

    /// Applies `rule(w, a, b) -> (w, a)` weight by weight.
    fn each(
        w: &mut [Vec<f64>],
        a: &mut [Vec<f64>],
        b: &[Vec<f64>],
        rule: impl Fn(f64, f64, f64) -> (f64, f64),
    ) {
        for i in 0..w.len() {
            for j in 0..w[i].len() {
                (w[i][j], a[i][j]) = rule(w[i][j], a[i][j], b[i][j]);
            }
        }
    }

    #[test]
    fn l2_decay_without_the_learning_rate() {
        let grade = graders::p2_4::l2_step(|w, g, lr, l2| {
            for (w_row, g_row) in w.iter_mut().zip(g) {
                for (w, g) in w_row.iter_mut().zip(g_row) {
                    *w -= lr * g + l2 * *w;
                }
            }
        });
        fails_with(grade, "also multiplied by the learning rate");
    }

    #[test]
    fn l2_decay_with_the_wrong_sign() {
        let grade = graders::p2_4::l2_step(|w, g, lr, l2| {
            for (w_row, g_row) in w.iter_mut().zip(g) {
                for (w, g) in w_row.iter_mut().zip(g_row) {
                    *w -= lr * (g - l2 * *w);
                }
            }
        });
        fails_with(grade, "the sign of the decay");
    }

    #[test]
    fn article_momentum_scaled_by_the_learning_rate() {
        let grade = graders::p2_4::article_momentum_step(|w, g, p, lr, mu| {
            let mut g = g.to_vec();
            each(w, &mut g, p, |w, g, p| (w - lr * (g + mu * p), g));
        });
        fails_with(
            grade,
            "does not multiply the previous gradient by the learning rate",
        );
    }

    #[test]
    fn article_momentum_with_the_wrong_sign() {
        let grade = graders::p2_4::article_momentum_step(|w, g, p, lr, mu| {
            let mut g = g.to_vec();
            each(w, &mut g, p, |w, g, p| (w - lr * g + mu * p, g));
        });
        fails_with(grade, "momentum applied with the wrong sign");
    }

    #[test]
    fn classical_momentum_with_the_wrong_sign() {
        let grade = graders::p2_4::classical_momentum_step(|w, v, g, lr, mu| {
            each(w, v, g, |w, v, g| {
                let v = mu * v + lr * g;
                (w + v, v)
            });
        });
        fails_with(grade, "momentum applied with the wrong sign");
    }

    #[test]
    fn classical_momentum_moving_with_the_old_velocity() {
        let grade = graders::p2_4::classical_momentum_step(|w, v, g, lr, mu| {
            each(w, v, g, |w, v, g| (w + v, mu * v - lr * g));
        });
        fails_with(grade, "you moved the weight with the old velocity");
    }

    #[test]
    fn classical_momentum_forgetting_the_velocity() {
        let grade = graders::p2_4::classical_momentum_step(|w, v, g, lr, mu| {
            each(w, v, g, |w, v, g| (w + mu * v - lr * g, v));
        });
        fails_with(grade, "you did not store the new velocity");
    }
}

mod beyond {
    use super::*;
    use exercises::solutions::beyond::mini_batch_gradient;

    fn scale(m: Vec<Vec<f64>>, factor: f64) -> Vec<Vec<f64>> {
        m.into_iter()
            .map(|row| row.into_iter().map(|v| v * factor).collect())
            .collect()
    }

    #[test]
    fn mini_batch_summed_instead_of_averaged() {
        let grade = graders::beyond::mini_batch_gradient(|wi, wo, x, t| {
            let (gi, go) = mini_batch_gradient(wi, wo, x, t);
            let b = x.len() as f64;
            (scale(gi, b), scale(go, b))
        });
        fails_with(grade, "the batch size times the expected one");
    }

    #[test]
    fn mini_batch_keeping_only_the_last_pattern() {
        let grade = graders::beyond::mini_batch_gradient(|wi, wo, x, t| {
            let last = x.len() - 1;
            mini_batch_gradient(wi, wo, &x[last..], &t[last..])
        });
        fails_with(grade, "the last pattern's gradient alone");
    }

    #[test]
    fn mini_batch_with_the_sign_flipped() {
        let grade = graders::beyond::mini_batch_gradient(|wi, wo, x, t| {
            let (gi, go) = mini_batch_gradient(wi, wo, x, t);
            (scale(gi, -1.0), scale(go, -1.0))
        });
        fails_with(grade, "the update, not the gradient, goes down");
    }
}
