//! The page: every combination's step and train data as one JSON value,
//! embedded in the HTML template (`page.html`), which draws it with plain
//! JavaScript and SVG.

use improved::{Config, Hidden, Momentum, Output};
use serde_json::{Map, Value, json};

use super::{step, train};

/// The page template; `/*EXPLORER_DATA*/` is replaced by the JSON and
/// `/*EXPLORER_ENGINE*/` by the in-page engine (proven by `explorer_proof`).
const TEMPLATE: &str = include_str!("page.html");
const PLACEHOLDER: &str = "/*EXPLORER_DATA*/";
pub const ENGINE: &str = include_str!("engine.js");
const ENGINE_PLACEHOLDER: &str = "/*EXPLORER_ENGINE*/";

/// One combination of the part-2 upgrades (each `false` is part 1's choice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Switches {
    /// P2.1: tanh hidden units instead of sigmoid.
    pub tanh: bool,
    /// P2.1: a softmax output with cross-entropy instead of logistic outputs.
    pub softmax: bool,
    /// P2.4: classical momentum instead of the article's rule.
    pub classical: bool,
    /// P2.4: weight decay on both layers.
    pub l2: bool,
}

impl Switches {
    /// Article P2.1, P2.4: `base` with this combination's activations,
    /// momentum rule (`mu.0` for the article's, `mu.1` for classical) and
    /// weight decay (`l2` on both layers, or none).
    pub fn apply(self, base: Config, mu: (f64, f64), l2: f64) -> Config {
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
                Momentum::Classical(mu.1)
            } else {
                Momentum::Article(mu.0)
            },
            l2_in: if self.l2 { l2 } else { 0.0 },
            l2_out: if self.l2 { l2 } else { 0.0 },
            ..base
        }
    }

    /// All 16 combinations, part 1's first.
    pub fn all() -> Vec<Switches> {
        (0..16u8)
            .map(|b| Switches {
                tanh: b & 1 != 0,
                softmax: b & 2 != 0,
                classical: b & 4 != 0,
                l2: b & 8 != 0,
            })
            .collect()
    }

    /// Every upgrade off: what naive computes.
    pub fn is_part1(self) -> bool {
        !(self.tanh || self.softmax || self.classical || self.l2)
    }

    /// The key the page looks combinations up by, e.g. `0101`: one digit
    /// per switch in the order tanh, softmax, classical, l2.
    pub fn key(self) -> String {
        [self.tanh, self.softmax, self.classical, self.l2]
            .iter()
            .map(|&on| if on { '1' } else { '0' })
            .collect()
    }
}

/// `x` rounded to `decimals` places, so the page stays small and the same
/// on every machine.
pub fn round(x: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (x * scale).round() / scale
}

/// Everything the page shows, computed by the two crates.
pub fn data() -> Result<Value, Box<dyn std::error::Error>> {
    let tiny = naive::trace::tiny_network();
    let set = train::points()?;
    let (mut steps, mut trains) = (Map::new(), Map::new());
    for s in Switches::all() {
        steps.insert(s.key(), step::combination(s)?);
        trains.insert(s.key(), train::combination(s, &set)?);
    }
    Ok(json!({
        "step": {
            "inputs": tiny.inputs,
            "targets": tiny.targets,
            "wi": tiny.wi,
            "wo": tiny.wo,
            "steps": step::STEPS,
            "rate": step::RATE,
            "article_mu": step::ARTICLE_MU,
            "classical_mu": step::CLASSICAL_MU,
            "l2": step::L2,
            "combos": steps,
        },
        "train": {
            "problems": train::problems_json()?,
            "rows": train::ROWS,
            "test_rows": train::TEST_ROWS,
            "seed": train::SEED,
            "test_seed": train::TEST_SEED,
            "rate": train::RATE,
            "article_mu": train::ARTICLE_MU,
            "classical_mu": train::CLASSICAL_MU,
            "l2": train::L2,
            "grid": train::GRID,
            "extent": train::EXTENT,
            "recorded": {
                "problem": train::TOY.name(),
                "hidden": train::HIDDEN,
                "epochs": train::EPOCHS,
                "every": train::EVERY,
                "part": train::PART,
                "replay": train::replay_json(&set)?,
                "combos": trains,
            },
        },
    }))
}

/// The page with `data` embedded (`</` escaped so no string can end the script).
pub fn html(data: &Value) -> String {
    let text = serde_json::to_string(data).unwrap_or_default();
    TEMPLATE
        .replacen(PLACEHOLDER, &text.replace("</", "<\\/"), 1)
        .replacen(ENGINE_PLACEHOLDER, ENGINE, 1)
}
