//! Article P1.4 / P2.4: how the weights move once the deltas are known.
//! Stochastic gradient descent, one sample at a time, with the learning
//! rate, the momentum rule and l2 weight decay, written as the formulas.

use nalgebra::{DMatrix, DVector};

use crate::network::try_zeros;
use crate::{Config, ConfigError, MlpNeuralNetwork, Momentum, NetworkError};

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
    learning_rate: f64,
    momentum: Momentum,
    l2_in: f64,
    l2_out: f64,
    ci: DMatrix<f64>,
    co: DMatrix<f64>,
}
// ANCHOR_END: sgd

impl Sgd {
    /// The update rule of `config` (learning rate, momentum, l2) for `net`'s shapes.
    ///
    /// # Errors
    /// An invalid `config`, or memory for `ci`/`co` that cannot be had.
    pub fn new(config: &Config, net: &MlpNeuralNetwork) -> Result<Sgd, NetworkError> {
        config.validate()?;
        Ok(Sgd {
            learning_rate: config.learning_rate,
            momentum: config.momentum,
            l2_in: config.l2_in,
            l2_out: config.l2_out,
            ci: try_zeros(net.wi.nrows(), net.wi.ncols())?,
            co: try_zeros(net.wo.nrows(), net.wo.ncols())?,
        })
    }

    /// The learning rate of the next step.
    pub fn learning_rate(&self) -> f64 {
        self.learning_rate
    }

    /// Sets the learning rate of the next steps (the trainer's rate decay).
    ///
    /// # Errors
    /// A rate that is not a finite number above 0.
    pub fn set_learning_rate(&mut self, rate: f64) -> Result<(), NetworkError> {
        if !(rate.is_finite() && rate > 0.0) {
            return Err(ConfigError::LearningRate(rate).into());
        }
        self.learning_rate = rate;
        Ok(())
    }

    /// The momentum rule and its coefficient.
    pub fn momentum(&self) -> Momentum {
        self.momentum
    }

    /// The weight decay of `wi` and of `wo`: `(l2_in, l2_out)`.
    pub fn l2(&self) -> (f64, f64) {
        (self.l2_in, self.l2_out)
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

    /// Moves `wo` (hidden, output) by the change `outer(ah, output_deltas)`.
    pub(crate) fn update_output_weights(
        &mut self,
        wo: &mut DMatrix<f64>,
        ah: &DVector<f64>,
        output_deltas: &DVector<f64>,
    ) {
        let (lr, l2, momentum) = (self.learning_rate, self.l2_out, self.momentum);
        step(wo, &mut self.co, ah, output_deltas, (lr, l2, momentum));
    }

    /// Moves `wi` (inputs + 1, hidden) by the change `outer(ai, hidden_deltas)`.
    pub(crate) fn update_input_weights(
        &mut self,
        wi: &mut DMatrix<f64>,
        ai: &DVector<f64>,
        hidden_deltas: &DVector<f64>,
    ) {
        let (lr, l2, momentum) = (self.learning_rate, self.l2_in, self.momentum);
        step(wi, &mut self.ci, ai, hidden_deltas, (lr, l2, momentum));
    }

    /// An `Sgd` made for another network shape is an error, not a panic.
    pub(crate) fn check_shapes(&self, net: &MlpNeuralNetwork) -> Result<(), NetworkError> {
        for (what, memory, weights) in [("ci", &self.ci, &net.wi), ("co", &self.co, &net.wo)] {
            if memory.shape() != weights.shape() {
                return Err(NetworkError::Shape {
                    what,
                    expected: weights.shape(),
                    got: memory.shape(),
                });
            }
        }
        Ok(())
    }
}

// ANCHOR: step
/// Article P1.4 / P2.4: one step of a weight matrix `w`, (rows, columns),
/// whose gradient for this sample is the change `outer(x, deltas)`:
/// `x` (rows) are the layer's inputs, `deltas` (columns) its units' deltas.
/// `c` is the rule's memory, the article's `ci` or `co`, same shape as `w`.
///
/// - article rule: `w = (1 - lr * l2) * w - lr * outer(x, deltas) - mu * c`,
///   then `c = outer(x, deltas)`, the raw change, for the next sample;
/// - classical momentum: `c = mu * c - lr * (outer(x, deltas) + l2 * w)`,
///   then `w = w + c` (`c` is a velocity).
///
/// `1 - lr * l2` is l2 weight decay written as a factor: `w -= lr * l2 * w`
/// shrinks every weight a little at every step, the bias row included.
fn step(
    w: &mut DMatrix<f64>,
    c: &mut DMatrix<f64>,
    x: &DVector<f64>,
    deltas: &DVector<f64>,
    (lr, l2, momentum): (f64, f64, Momentum),
) {
    match momentum {
        Momentum::Article(mu) => {
            w.scale_mut(1.0 - lr * l2); // w = (1 - lr * l2) * w
            w.ger(-lr, x, deltas, 1.0); // w -= lr * outer(x, deltas)
            w.zip_apply(c, |w, c| *w -= mu * c); // w -= mu * c
            c.ger(1.0, x, deltas, 0.0); // c = outer(x, deltas)
        }
        Momentum::Classical(mu) => {
            c.ger(-lr, x, deltas, mu); // c = mu * c - lr * outer(x, deltas)
            c.zip_apply(w, |c, w| *c -= lr * l2 * w); // c -= lr * l2 * w
            *w += &*c; // w = w + c
        }
    }
}
// ANCHOR_END: step
