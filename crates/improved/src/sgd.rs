//! Article P1.4 / P2.4: how the weights move once the deltas are known.
//! Stochastic gradient descent, one sample at a time, with the learning
//! rate, the momentum rule and l2 weight decay, written as the formulas.

use nalgebra::DMatrix;

use crate::network::try_zeros;
use crate::{ConfigError, Momentum, NetworkError, SgdSettings};

// ANCHOR: sgd
/// The update rule and what it remembers between samples.
///
/// `ci` and `co` are the article's names: the previous sample's raw change
/// of `wi` and `wo` (the article's momentum rule) or their velocities
/// (classical momentum). Zeros before the first step.
///
/// # Shapes
/// `ci`: (inputs + 1, hidden), like `wi`; `co`: (hidden, output), like `wo`.
#[derive(Debug, Clone, PartialEq)]
pub struct Sgd {
    settings: SgdSettings,
    ci: DMatrix<f64>,
    co: DMatrix<f64>,
}
// ANCHOR_END: sgd

impl Sgd {
    /// The update rule `settings` (learning rate, momentum, l2) for `net`'s shapes.
    ///
    /// # Errors
    /// Invalid settings, or memory for `ci`/`co` that cannot be had.
    pub fn new(settings: SgdSettings, net: &crate::MlpNeuralNetwork) -> Result<Sgd, NetworkError> {
        settings.validate()?;
        let (wi, wo) = (net.wi().shape(), net.wo().shape());
        Ok(Sgd {
            settings,
            ci: try_zeros(wi.0, wi.1)?,
            co: try_zeros(wo.0, wo.1)?,
        })
    }

    /// The settings, with the learning rate of the next step.
    pub fn settings(&self) -> SgdSettings {
        self.settings
    }

    /// Sets the learning rate of the next steps (the trainer's rate decay).
    ///
    /// # Errors
    /// A rate that is not a finite number above 0.
    pub fn set_learning_rate(&mut self, rate: f64) -> Result<(), NetworkError> {
        if !(rate.is_finite() && rate > 0.0) {
            return Err(ConfigError::LearningRate(rate).into());
        }
        self.settings.learning_rate = rate;
        Ok(())
    }

    /// The article's `ci`: the previous raw change of `wi` (article rule)
    /// or its velocity (classical), (inputs + 1, hidden).
    pub fn ci(&self) -> &DMatrix<f64> {
        &self.ci
    }

    /// The article's `co`, (hidden, output), as [`ci`](Self::ci) for `wo`.
    pub fn co(&self) -> &DMatrix<f64> {
        &self.co
    }

    /// Moves `wo` (hidden, output) by this sample's `change = ah output_deltas^T`.
    pub(crate) fn update_output_weights(&mut self, wo: &mut DMatrix<f64>, change: &DMatrix<f64>) {
        let s = &self.settings;
        let rule = (s.learning_rate, s.l2_out, s.momentum);
        step(wo, &mut self.co, change, rule);
    }

    /// Moves `wi` (inputs + 1, hidden) by this sample's `change = ai hidden_deltas^T`.
    pub(crate) fn update_input_weights(&mut self, wi: &mut DMatrix<f64>, change: &DMatrix<f64>) {
        let s = &self.settings;
        let rule = (s.learning_rate, s.l2_in, s.momentum);
        step(wi, &mut self.ci, change, rule);
    }

    /// An `Sgd` made for another network shape is an error, not a panic.
    pub(crate) fn check_shapes(
        &self,
        wi: (usize, usize),
        wo: (usize, usize),
    ) -> Result<(), NetworkError> {
        for (what, memory, weights) in [("ci", &self.ci, wi), ("co", &self.co, wo)] {
            if memory.shape() != weights {
                return Err(NetworkError::Shape {
                    what,
                    expected: weights,
                    got: memory.shape(),
                });
            }
        }
        Ok(())
    }
}

// ANCHOR: step
/// Article P1.4 / P2.4: one step of a weight matrix `w`, (rows, columns),
/// whose gradient for this sample is `change` (same shape), at learning
/// rate `lr` with weight decay `l2`. `c` is the rule's memory, the
/// article's `ci` or `co`, same shape as `w`.
///
/// - article rule: `w -= lr * (change + l2 * w) + mu * c`, then `c = change`:
///   the raw change, remembered for the next sample;
/// - classical momentum: `c = mu * c - lr * (change + l2 * w)`, then
///   `w += c` (`c` is a velocity).
///
/// `l2 * w` is weight decay: every weight, the bias row included, shrinks
/// a little at every step.
fn step(
    w: &mut DMatrix<f64>,
    c: &mut DMatrix<f64>,
    change: &DMatrix<f64>,
    (lr, l2, momentum): (f64, f64, Momentum),
) {
    let gradient = change + &*w * l2; // the loss's slope plus l2's
    match momentum {
        Momentum::Article(mu) => {
            *w -= gradient * lr + &*c * mu;
            c.copy_from(change);
        }
        Momentum::Classical(mu) => {
            *c = &*c * mu - gradient * lr;
            *w += &*c;
        }
    }
}
// ANCHOR_END: step
