use nalgebra::{DMatrix, DVector};
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand_distr::{Distribution, StandardNormal};

use crate::{Config, Init, Momentum, NetworkError};

/// The part-2 network: `naive`'s arrays, in nalgebra matrices.
///
/// Everything a sample needs is allocated here, once: the activations, the
/// deltas and the momentum state. Training then only overwrites them.
///
/// # Shapes
/// - `ai`: (inputs + 1), the last entry is the bias unit, always 1.0
/// - `ah`: (hidden), `ao`: (output)
/// - `wi`: (inputs + 1, hidden), the bias row last, as in `naive`
/// - `wo`: (hidden, output); there is no bias on the hidden layer
#[derive(Debug, Clone)]
pub struct MlpNeuralNetwork {
    pub(crate) config: Config,
    pub(crate) learning_rate: f64,
    pub(crate) rng: Xoshiro256PlusPlus,
    pub(crate) ai: DVector<f64>,
    /// The next sample's input activations, filled during `fit` only.
    pub(crate) next_ai: DVector<f64>,
    pub(crate) ah: DVector<f64>,
    pub(crate) ao: DVector<f64>,
    pub(crate) wi: DMatrix<f64>,
    pub(crate) wo: DMatrix<f64>,
    pub(crate) output_deltas: DVector<f64>,
    pub(crate) hidden_deltas: DVector<f64>,
    pub(crate) state: MomentumState,
    /// Walk `wi`'s columns backwards on the next update (see `step.rs`).
    pub(crate) reverse: bool,
}

// ANCHOR: momentum_state
/// What a weight update remembers from the previous sample (P2.4).
#[derive(Debug, Clone, PartialEq)]
pub enum MomentumState {
    /// The article's rule needs the previous raw change `ci = outer(ai, hidden_deltas)`
    /// and `co = outer(ah, output_deltas)`. An outer product is fully
    /// described by its two vectors, so we keep those (995 numbers for a
    /// 785-100-10 network instead of 79,500) and rebuild each entry as it is used.
    Article {
        /// Previous input activations, (inputs + 1).
        ai: DVector<f64>,
        /// Previous hidden deltas, (hidden).
        hidden_deltas: DVector<f64>,
        /// Previous hidden activations, (hidden).
        ah: DVector<f64>,
        /// Previous output deltas, (output).
        output_deltas: DVector<f64>,
    },
    /// Classical momentum keeps a velocity per weight: full matrices.
    Classical {
        /// Velocity of `wi`, (inputs + 1, hidden).
        vi: DMatrix<f64>,
        /// Velocity of `wo`, (hidden, output).
        vo: DMatrix<f64>,
    },
}
// ANCHOR_END: momentum_state

impl MomentumState {
    /// No previous change yet: zeros.
    fn zeros(momentum: Momentum, input: usize, hidden: usize, output: usize) -> MomentumState {
        match momentum {
            Momentum::Article(_) => MomentumState::Article {
                ai: DVector::zeros(input),
                hidden_deltas: DVector::zeros(hidden),
                ah: DVector::zeros(hidden),
                output_deltas: DVector::zeros(output),
            },
            Momentum::Classical(_) => MomentumState::Classical {
                vi: DMatrix::zeros(input, hidden),
                vo: DMatrix::zeros(hidden, output),
            },
        }
    }
}

impl MlpNeuralNetwork {
    // ANCHOR: new
    /// Article P1.2 and P2.2: a network with `inputs` features, `hidden` and
    /// `outputs` units, weights drawn by a generator seeded with `config.seed`.
    ///
    /// # Errors
    /// An invalid `config` or a layer of size 0.
    pub fn new(
        inputs: usize,
        hidden: usize,
        outputs: usize,
        config: &Config,
    ) -> Result<MlpNeuralNetwork, NetworkError> {
        config.validate()?;
        check_sizes(inputs, hidden, outputs)?;
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(config.seed);
        let input = inputs + 1; // add 1 for the bias unit
        let wi = init(input, hidden, config.init, &mut rng); // (input, hidden)
        let wo = init(hidden, outputs, config.init, &mut rng); // (hidden, output)
        Ok(MlpNeuralNetwork::assemble(wi, wo, config, rng))
    }
    // ANCHOR_END: new

    /// Starts from exact weights (for tests, the equivalence with `naive`
    /// and the step-through trace). The generator, used for shuffling, is
    /// still seeded with `config.seed`.
    ///
    /// # Shapes
    /// `wi`: (inputs + 1, hidden) with the bias row last; `wo`: (hidden, output).
    ///
    /// # Errors
    /// An invalid `config`, a layer of size 0, shapes that do not chain
    /// (the message names both shapes), non-finite weights.
    pub fn from_weights(
        wi: DMatrix<f64>,
        wo: DMatrix<f64>,
        config: &Config,
    ) -> Result<MlpNeuralNetwork, NetworkError> {
        config.validate()?;
        check_sizes(wi.nrows().saturating_sub(1), wi.ncols(), wo.ncols())?;
        if wo.nrows() != wi.ncols() {
            let expected = (wi.ncols(), wo.ncols());
            return Err(NetworkError::Shape {
                what: "wo",
                expected,
                got: wo.shape(),
            });
        }
        if wi.iter().chain(wo.iter()).any(|w| !w.is_finite()) {
            return Err(NetworkError::NotFinite { what: "weights" });
        }
        let rng = Xoshiro256PlusPlus::seed_from_u64(config.seed);
        Ok(MlpNeuralNetwork::assemble(wi, wo, config, rng))
    }

    /// Allocates the activations, deltas and momentum state around the weights.
    fn assemble(
        wi: DMatrix<f64>,
        wo: DMatrix<f64>,
        config: &Config,
        rng: Xoshiro256PlusPlus,
    ) -> MlpNeuralNetwork {
        let (input, hidden, output) = (wi.nrows(), wi.ncols(), wo.ncols());
        MlpNeuralNetwork {
            config: config.clone(),
            learning_rate: config.learning_rate,
            rng,
            ai: DVector::from_element(input, 1.0),
            next_ai: DVector::from_element(input, 1.0),
            ah: DVector::from_element(hidden, 1.0),
            ao: DVector::from_element(output, 1.0),
            wi,
            wo,
            output_deltas: DVector::zeros(output),
            hidden_deltas: DVector::zeros(hidden),
            state: MomentumState::zeros(config.momentum, input, hidden, output),
            reverse: false,
        }
    }

    /// Features per sample (without the bias unit).
    pub fn inputs(&self) -> usize {
        self.wi.nrows() - 1
    }

    /// Hidden units.
    pub fn hidden(&self) -> usize {
        self.wi.ncols()
    }

    /// Output units.
    pub fn outputs(&self) -> usize {
        self.wo.ncols()
    }

    /// The settings this network was built with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The learning rate the next step uses (it shrinks after every epoch
    /// of `fit` when `rate_decay > 0`).
    pub fn learning_rate(&self) -> f64 {
        self.learning_rate
    }

    /// Sets the learning rate the next steps use.
    ///
    /// # Errors
    /// A rate that is not a finite number above 0.
    pub fn set_learning_rate(&mut self, rate: f64) -> Result<(), NetworkError> {
        let config = Config {
            learning_rate: rate,
            ..self.config.clone()
        };
        config.validate()?;
        self.learning_rate = rate;
        Ok(())
    }

    /// Input activations of the last sample, (inputs + 1), bias last.
    pub fn ai(&self) -> &DVector<f64> {
        &self.ai
    }

    /// Hidden activations of the last sample, (hidden).
    pub fn ah(&self) -> &DVector<f64> {
        &self.ah
    }

    /// Output activations of the last sample, (output).
    pub fn ao(&self) -> &DVector<f64> {
        &self.ao
    }

    /// Input-to-hidden weights, (inputs + 1, hidden), bias row last.
    pub fn wi(&self) -> &DMatrix<f64> {
        &self.wi
    }

    /// Hidden-to-output weights, (hidden, output).
    pub fn wo(&self) -> &DMatrix<f64> {
        &self.wo
    }

    /// Output deltas of the last step, (output).
    pub fn last_output_deltas(&self) -> &DVector<f64> {
        &self.output_deltas
    }

    /// Hidden deltas of the last step, (hidden).
    pub fn last_hidden_deltas(&self) -> &DVector<f64> {
        &self.hidden_deltas
    }

    /// What the momentum remembers (two vectors per layer for the
    /// article's rule, a velocity matrix per layer for the classical one).
    pub fn momentum_state(&self) -> &MomentumState {
        &self.state
    }

    /// The article's `ci`, (inputs + 1, hidden): the previous change of `wi`
    /// (article rule) or its velocity (classical). Built on request, for
    /// inspection and comparison with `naive`; training never calls it.
    pub fn ci(&self) -> DMatrix<f64> {
        match &self.state {
            MomentumState::Article {
                ai, hidden_deltas, ..
            } => ai * hidden_deltas.transpose(),
            MomentumState::Classical { vi, .. } => vi.clone(),
        }
    }

    /// The article's `co`, (hidden, output), as [`ci`](Self::ci) for `wo`.
    pub fn co(&self) -> DMatrix<f64> {
        match &self.state {
            MomentumState::Article {
                ah, output_deltas, ..
            } => ah * output_deltas.transpose(),
            MomentumState::Classical { vo, .. } => vo.clone(),
        }
    }
}

// ANCHOR: init
/// Article P1.2 / P2.2: a (rows, columns) weight matrix drawn row by row,
/// in `naive`'s order, from `Normal(0, 1)` or `Normal(0, 1/sqrt(rows))`.
///
/// `rows` is the layer's fan-in (for `wi` it counts the bias unit), so with
/// [`Init::Scaled`] each unit's weighted sum of `rows` inputs of spread 1
/// starts with a spread of about 1: not saturated, not vanishing.
fn init(rows: usize, columns: usize, init: Init, rng: &mut Xoshiro256PlusPlus) -> DMatrix<f64> {
    let scale = match init {
        Init::StandardNormal => 1.0,
        Init::Scaled => 1.0 / (rows as f64).sqrt(),
    };
    let values: Vec<f64> = (0..rows * columns)
        .map(|_| {
            let z: f64 = StandardNormal.sample(rng);
            scale * z
        })
        .collect();
    DMatrix::from_row_slice(rows, columns, &values)
}
// ANCHOR_END: init

fn check_sizes(inputs: usize, hidden: usize, outputs: usize) -> Result<(), NetworkError> {
    for (layer, size) in [("input", inputs), ("hidden", hidden), ("output", outputs)] {
        if size == 0 {
            return Err(NetworkError::ZeroSize { layer });
        }
    }
    Ok(())
}

// Index loops keep the reference formulas readable.
#[cfg(test)]
#[allow(clippy::needless_range_loop)]
mod tests {
    use super::*;
    use crate::Output;

    #[test]
    fn shapes_follow_the_article_with_the_bias_row_last() {
        let n = MlpNeuralNetwork::new(3, 5, 2, &Config::default()).unwrap();
        assert_eq!(n.wi().shape(), (4, 5));
        assert_eq!(n.wo().shape(), (5, 2));
        assert_eq!((n.ai().len(), n.ah().len(), n.ao().len()), (4, 5, 2));
        assert_eq!(n.ai()[3], 1.0);
        assert_eq!((n.inputs(), n.hidden(), n.outputs()), (3, 5, 2));
    }

    #[test]
    fn standard_normal_init_draws_what_naive_draws_from_the_same_seed() {
        let config = Config {
            seed: 9,
            ..Config::naive_equivalent()
        };
        let n = MlpNeuralNetwork::new(3, 5, 2, &config).unwrap();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(9);
        let reference = naive::MlpNeuralNetwork::new(3, 5, 2, &mut rng).unwrap();
        for i in 0..4 {
            for j in 0..5 {
                assert_eq!(n.wi()[(i, j)], reference.wi[i][j]);
            }
        }
        for j in 0..5 {
            for k in 0..2 {
                assert_eq!(n.wo()[(j, k)], reference.wo[j][k]);
            }
        }
    }

    #[test]
    fn scaled_init_divides_by_the_square_root_of_the_fan_in() {
        let plain = MlpNeuralNetwork::new(
            3,
            5,
            2,
            &Config {
                init: Init::StandardNormal,
                ..Config::default()
            },
        )
        .unwrap();
        let scaled = MlpNeuralNetwork::new(3, 5, 2, &Config::default()).unwrap();
        assert_eq!(scaled.wi()[(2, 4)], plain.wi()[(2, 4)] / 4.0_f64.sqrt());
        assert_eq!(scaled.wo()[(3, 1)], plain.wo()[(3, 1)] / 5.0_f64.sqrt());
    }

    #[test]
    fn same_seed_same_weights_other_seed_other_weights() {
        let a = MlpNeuralNetwork::new(3, 5, 2, &Config::default()).unwrap();
        let b = MlpNeuralNetwork::new(3, 5, 2, &Config::default()).unwrap();
        let c = MlpNeuralNetwork::new(
            3,
            5,
            2,
            &Config {
                seed: 2,
                ..Config::default()
            },
        )
        .unwrap();
        assert_eq!(a.wi(), b.wi());
        assert_ne!(a.wi(), c.wi());
    }

    #[test]
    fn zero_sizes_and_invalid_configs_are_errors() {
        let e = MlpNeuralNetwork::new(3, 0, 2, &Config::default()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the hidden layer needs at least one unit, got 0"
        );
        let bad = Config {
            learning_rate: 0.0,
            ..Config::default()
        };
        let e = MlpNeuralNetwork::new(3, 5, 2, &bad).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid configuration: learning_rate: expected a finite number above 0, got 0"
        );
        assert!(MlpNeuralNetwork::new(0, 5, 2, &Config::default()).is_err());
    }

    #[test]
    fn from_weights_names_both_shapes() {
        let config = Config::default();
        let e = MlpNeuralNetwork::from_weights(DMatrix::zeros(4, 5), DMatrix::zeros(3, 2), &config)
            .unwrap_err();
        assert_eq!(
            e,
            NetworkError::Shape {
                what: "wo",
                expected: (5, 2),
                got: (3, 2)
            }
        );
        assert_eq!(
            e.to_string(),
            "wo has the wrong shape: expected 5x2, got 3x2"
        );
        let mut wi = DMatrix::zeros(4, 5);
        wi[(1, 1)] = f64::NAN;
        assert!(MlpNeuralNetwork::from_weights(wi, DMatrix::zeros(5, 2), &config).is_err());
        assert!(
            MlpNeuralNetwork::from_weights(DMatrix::zeros(1, 5), DMatrix::zeros(5, 2), &config)
                .is_err()
        );
        let n = MlpNeuralNetwork::from_weights(DMatrix::zeros(4, 5), DMatrix::zeros(5, 2), &config)
            .unwrap();
        assert_eq!((n.inputs(), n.hidden(), n.outputs()), (3, 5, 2));
    }

    #[test]
    fn momentum_state_is_two_vectors_for_the_article_rule_and_matrices_for_classical() {
        let article = MlpNeuralNetwork::new(3, 5, 2, &Config::default()).unwrap();
        assert!(matches!(
            article.momentum_state(),
            MomentumState::Article { .. }
        ));
        assert_eq!(article.ci(), DMatrix::zeros(4, 5));
        let classical = Config {
            momentum: Momentum::Classical(0.9),
            output: Output::Softmax,
            ..Config::default()
        };
        let n = MlpNeuralNetwork::new(3, 5, 2, &classical).unwrap();
        assert!(matches!(
            n.momentum_state(),
            MomentumState::Classical { .. }
        ));
        assert_eq!(n.co(), DMatrix::zeros(5, 2));
    }

    #[test]
    fn learning_rate_can_be_changed_but_not_to_nonsense() {
        let mut n = MlpNeuralNetwork::new(3, 5, 2, &Config::default()).unwrap();
        assert_eq!(n.learning_rate(), 0.01);
        n.set_learning_rate(0.5).unwrap();
        assert_eq!(n.learning_rate(), 0.5);
        assert!(n.set_learning_rate(f64::NAN).is_err());
        assert_eq!(n.learning_rate(), 0.5);
    }
}
