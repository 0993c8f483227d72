//! The random cases the page's engine is proven on: random sizes, weights,
//! inputs, targets and switches, several steps each, every step recorded by
//! `improved::trace::trace_step` (and, for part 1's rule, by
//! `naive::trace::trace_step` too).

use data::SeededRng;
use improved::{Config, Hidden, Momentum, Output};
use nalgebra::{DMatrix, DVector};
use rand::RngExt;
use serde_json::{Value, json};

/// One case: a network, its settings and the samples of its steps.
pub struct Case {
    pub hidden: usize,
    pub outputs: usize,
    pub tanh: bool,
    pub softmax: bool,
    pub classical: bool,
    pub mu: f64,
    pub l2: f64,
    pub rate: f64,
    /// wi (3, hidden) and wo (hidden, outputs), rows.
    pub wi: Vec<Vec<f64>>,
    pub wo: Vec<Vec<f64>>,
    /// (inputs, targets) of each step.
    pub steps: Vec<(Vec<f64>, Vec<f64>)>,
}

impl Case {
    /// A random case; one in three is part 1's rule exactly (sigmoid,
    /// logistic, the article's momentum with mu = 1, no L2), which naive
    /// also computes.
    pub fn random(rng: &mut SeededRng) -> Case {
        let part1 = rng.random_range(0..3) == 0;
        let hidden = rng.random_range(1..=8);
        let outputs = rng.random_range(2..=3);
        let (tanh, softmax, classical) = if part1 {
            (false, false, false)
        } else {
            (rng.random(), rng.random(), rng.random())
        };
        let mu = match (part1, classical) {
            (true, _) => 1.0,
            (false, true) => rng.random_range(0.0..0.99),
            (false, false) => rng.random_range(0.0..=1.0),
        };
        let l2 = if part1 || rng.random() {
            0.0
        } else {
            rng.random_range(0.0..0.1)
        };
        let rate = 10f64.powf(rng.random_range(-3.0..0.5));
        let scale = rng.random_range(0.1..2.0);
        let mut matrix = |rows: usize, cols: usize| -> Vec<Vec<f64>> {
            (0..rows)
                .map(|_| {
                    (0..cols)
                        .map(|_| scale * rng.random_range(-1.0..1.0))
                        .collect()
                })
                .collect()
        };
        let (wi, wo) = (matrix(3, hidden), matrix(hidden, outputs));
        let steps = (0..rng.random_range(2..=5))
            .map(|_| {
                let inputs = vec![rng.random_range(-2.0..2.0), rng.random_range(-2.0..2.0)];
                let class = rng.random_range(0..outputs);
                let targets = (0..outputs)
                    .map(|k| {
                        if softmax || rng.random() {
                            f64::from(u8::from(k == class))
                        } else {
                            rng.random_range(0.0..=1.0)
                        }
                    })
                    .collect();
                (inputs, targets)
            })
            .collect();
        Case {
            hidden,
            outputs,
            tanh,
            softmax,
            classical,
            mu,
            l2,
            rate,
            wi,
            wo,
            steps,
        }
    }

    /// Part 1's rule: what naive computes.
    pub fn is_part1(&self) -> bool {
        !(self.tanh || self.softmax || self.classical) && self.mu == 1.0 && self.l2 == 0.0
    }

    /// Article P2.1, P2.4: the improved network's settings for this case.
    fn config(&self) -> Config {
        Config {
            hidden: if self.tanh {
                Hidden::Tanh
            } else {
                Hidden::Sigmoid
            },
            output: if self.softmax {
                Output::Softmax
            } else {
                Output::Logistic
            },
            momentum: if self.classical {
                Momentum::Classical(self.mu)
            } else {
                Momentum::Article(self.mu)
            },
            l2_in: self.l2,
            l2_out: self.l2,
            learning_rate: self.rate,
            ..Config::naive_equivalent()
        }
    }

    /// What the page's engine is given: weights, settings and samples.
    pub fn input_json(&self) -> Value {
        json!({
            "wi": self.wi, "wo": self.wo,
            "settings": {
                "hidden": if self.tanh { "tanh" } else { "sigmoid" },
                "output": if self.softmax { "softmax" } else { "logistic" },
                "momentum": if self.classical { "classical" } else { "article" },
                "mu": self.mu, "l2": self.l2, "rate": self.rate,
            },
            "steps": self.steps.iter().map(|(x, t)| json!({"inputs": x, "targets": t})).collect::<Vec<_>>(),
        })
    }

    /// improved's trace of every step, in the page engine's names.
    pub fn improved_traces(&self) -> Result<Vec<Value>, improved::NetworkError> {
        let matrix =
            |rows: &[Vec<f64>]| DMatrix::from_fn(rows.len(), rows[0].len(), |r, c| rows[r][c]);
        let config = self.config();
        let mut net = improved::MlpNeuralNetwork::from_weights(
            matrix(&self.wi),
            matrix(&self.wo),
            config.architecture(),
        )?;
        let mut sgd = improved::Sgd::new(config.sgd(), &net)?;
        self.steps
            .iter()
            .map(|(x, t)| {
                let t = improved::trace::trace_step(&mut net, &mut sgd, x, t)?;
                Ok(improved_json(&t))
            })
            .collect()
    }

    /// naive's trace of every step (part-1 cases only).
    pub fn naive_traces(&self) -> Result<Vec<Value>, naive::NetworkError> {
        let mut net = naive::MlpNeuralNetwork::from_weights(self.wi.clone(), self.wo.clone())?;
        self.steps
            .iter()
            .map(|(x, t)| {
                let t = naive::trace::trace_step(&mut net, x, t, self.rate)?;
                Ok(naive_json(&t))
            })
            .collect()
    }
}

/// An improved trace with full precision, matrices as lists of rows; the
/// slopes from the crate's own functions.
pub fn improved_json(t: &improved::trace::StepTrace) -> Value {
    let v = |x: &DVector<f64>| x.iter().copied().collect::<Vec<f64>>();
    let m = |x: &DMatrix<f64>| {
        (0..x.nrows())
            .map(|r| (0..x.ncols()).map(|c| x[(r, c)]).collect())
            .collect::<Vec<Vec<f64>>>()
    };
    json!({
        "ai": v(&t.ai),
        "hidden_sums": v(&t.hidden_sums),
        "ah": v(&t.ah),
        "hidden_slopes": t.ah.iter().map(|&y| t.hidden.derivative(y)).collect::<Vec<f64>>(),
        "output_sums": v(&t.output_sums),
        "ao": v(&t.ao),
        "output_slopes": t.ao.iter().map(|&y| improved::dsigmoid(y)).collect::<Vec<f64>>(),
        "output_deltas": v(&t.output_deltas),
        "hidden_deltas": v(&t.hidden_deltas),
        "wo_before": m(&t.wo_before),
        "co_before": m(&t.co_before),
        "wo_change": m(&t.wo_change),
        "wo_after": m(&t.wo_after),
        "wi_before": m(&t.wi_before),
        "ci_before": m(&t.ci_before),
        "wi_change": m(&t.wi_change),
        "wi_after": m(&t.wi_after),
        "error": t.error,
        // The page's nudge measures E(w) with `Engine.error`: the same loss.
        "error_again": t.error,
    })
}

/// A naive trace in the page engine's names (`wo_changes` is `wo_change`).
fn naive_json(t: &naive::trace::StepTrace) -> Value {
    json!({
        "ai": t.ai,
        "hidden_sums": t.hidden_sums,
        "ah": t.ah,
        "output_sums": t.output_sums,
        "ao": t.ao,
        "output_deltas": t.output_deltas,
        "hidden_deltas": t.hidden_deltas,
        "wo_before": t.wo_before,
        "co_before": t.co_before,
        "wo_change": t.wo_changes,
        "wo_after": t.wo_after,
        "wi_before": t.wi_before,
        "ci_before": t.ci_before,
        "wi_change": t.wi_changes,
        "wi_after": t.wi_after,
        "error": t.error,
    })
}

/// How two traces compare: numbers checked, the largest relative
/// difference, and the first numbers that differ by more than `tolerance`.
#[derive(Default)]
pub struct Comparison {
    pub numbers: usize,
    pub mismatches: usize,
    /// Differences as large as the two Rust crates' own (see `compare`).
    pub explained: usize,
    pub worst: f64,
    pub failures: Vec<String>,
}

impl Comparison {
    /// Compares every number `want` holds with the same place in `got`
    /// (`what` names the place in messages). Relative difference:
    /// `|a - b| / max(|a|, |b|)`, 0 when both are equal. With `other` (a
    /// second trace of the same steps), a difference is *explained* rather
    /// than failed when `want` and `other` already differ by as much: the
    /// two Rust crates add some sums in another order.
    pub fn compare(
        &mut self,
        what: &str,
        want: &Value,
        got: &Value,
        other: Option<&Value>,
        tolerance: f64,
    ) {
        match want {
            Value::Object(map) => {
                for (key, w) in map {
                    let o = other.map(|o| &o[key.as_str()]);
                    self.compare(
                        &format!("{what}.{key}"),
                        w,
                        &got[key.as_str()],
                        o,
                        tolerance,
                    );
                }
            }
            Value::Array(items) => {
                let n = got.as_array().map_or(0, Vec::len);
                if n != items.len() {
                    self.fail(format!(
                        "{what}: {} values, the engine gave {n}",
                        items.len()
                    ));
                }
                for (i, w) in items.iter().enumerate() {
                    self.compare(
                        &format!("{what}[{i}]"),
                        w,
                        &got[i],
                        other.map(|o| &o[i]),
                        tolerance,
                    );
                }
            }
            _ => {
                self.numbers += 1;
                let (Some(a), Some(b)) = (want.as_f64(), got.as_f64()) else {
                    self.fail(format!("{what}: expected {want}, the engine gave {got}"));
                    return;
                };
                let rel = relative(a, b);
                if rel.is_nan() || rel > tolerance {
                    let between = other.and_then(Value::as_f64).map(|o| relative(a, o));
                    if between.is_some_and(|d| d > tolerance && rel <= 2.0 * d) {
                        self.explained += 1;
                        return;
                    }
                    self.fail(format!(
                        "{what}: expected {a:e}, the engine gave {b:e} (relative {rel:e})"
                    ));
                }
                if rel > self.worst {
                    self.worst = rel;
                }
            }
        }
    }

    fn fail(&mut self, message: String) {
        self.mismatches += 1;
        if self.failures.len() < 5 {
            self.failures.push(message);
        } else if self.failures.len() == 5 {
            self.failures.push("...".to_string());
        }
    }
}

/// `|a - b| / max(|a|, |b|)`, 0 when `a == b`.
fn relative(a: f64, b: f64) -> f64 {
    if a == b {
        0.0
    } else {
        (a - b).abs() / a.abs().max(b.abs())
    }
}
