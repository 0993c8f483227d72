use nalgebra::{DMatrix, DVector};
use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

use crate::{Architecture, Init, NetworkError};

// The equations are the network's own code: they live in their own file
// (the one the lessons quote) but see its private fields.
#[path = "reference.rs"]
mod reference;

// ANCHOR: network
/// The part-2 network, the *reference*: `naive`'s arrays as nalgebra
/// matrices, and each article equation one matrix statement (see
/// `reference.rs`). It holds what the network *is* (its weights) and what
/// the last sample did to it (activations, deltas); how it learns (rate,
/// momentum, l2) is [`Sgd`](crate::Sgd)'s job, and the epoch loop is the
/// [`Trainer`](crate::Trainer)'s.
///
/// # Shapes
/// - `ai`: (inputs + 1), the last entry is the bias unit, always 1.0
/// - `ah`: (hidden), `ao`: (output)
/// - `wi`: (inputs + 1, hidden), the bias row last, as in `naive`
/// - `wo`: (hidden, output); there is no bias on the hidden layer
#[derive(Debug, Clone)]
pub struct MlpNeuralNetwork {
    architecture: Architecture,
    ai: DVector<f64>,
    ah: DVector<f64>,
    ao: DVector<f64>,
    wi: DMatrix<f64>,
    wo: DMatrix<f64>,
    output_deltas: DVector<f64>,
    hidden_deltas: DVector<f64>,
}
// ANCHOR_END: network

impl MlpNeuralNetwork {
    // ANCHOR: new
    /// Article P1.2 and P2.2: a network with `inputs` features, `hidden` and
    /// `outputs` units, of the given `architecture`, its weights drawn from
    /// `rng` (as `naive`'s `new(inputs, hidden, outputs, rng)`).
    ///
    /// # Errors
    /// A layer of size 0, or a network too large to allocate (checked
    /// before anything big is allocated).
    pub fn new(
        inputs: usize,
        hidden: usize,
        outputs: usize,
        architecture: Architecture,
        rng: &mut impl Rng,
    ) -> Result<MlpNeuralNetwork, NetworkError> {
        check_sizes(inputs, hidden, outputs)?;
        let input = inputs + 1; // add 1 for the bias unit
        let wi = init(input, hidden, architecture.init, rng)?; // (input, hidden)
        let wo = init(hidden, outputs, architecture.init, rng)?; // (hidden, output)
        Ok(MlpNeuralNetwork::assemble(wi, wo, architecture))
    }
    // ANCHOR_END: new

    /// Starts from exact weights (for tests, the equivalence with `naive`,
    /// the step-through trace and model files).
    ///
    /// # Shapes
    /// `wi`: (inputs + 1, hidden) with the bias row last; `wo`: (hidden, output).
    ///
    /// # Errors
    /// A layer of size 0, shapes that do not chain (the message names both
    /// shapes), non-finite weights.
    pub fn from_weights(
        wi: DMatrix<f64>,
        wo: DMatrix<f64>,
        architecture: Architecture,
    ) -> Result<MlpNeuralNetwork, NetworkError> {
        check_shapes(&wi, &wo)?;
        if wi.iter().chain(wo.iter()).any(|w| !w.is_finite()) {
            return Err(NetworkError::NotFinite { what: "weights" });
        }
        Ok(MlpNeuralNetwork::assemble(wi, wo, architecture))
    }

    /// Allocates the activations and deltas around the weights.
    fn assemble(
        wi: DMatrix<f64>,
        wo: DMatrix<f64>,
        architecture: Architecture,
    ) -> MlpNeuralNetwork {
        let (input, hidden, output) = (wi.nrows(), wi.ncols(), wo.ncols());
        MlpNeuralNetwork {
            architecture,
            ai: DVector::from_element(input, 1.0),
            ah: DVector::from_element(hidden, 1.0),
            ao: DVector::from_element(output, 1.0),
            wi,
            wo,
            output_deltas: DVector::zeros(output),
            hidden_deltas: DVector::zeros(hidden),
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

    /// What this network is: its hidden and output layers and how its
    /// weights were drawn.
    pub fn architecture(&self) -> Architecture {
        self.architecture
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

    /// Both weight matrices, for an engine to train in place: `wi`
    /// (inputs + 1, hidden) and `wo` (hidden, output). Engines touch nothing else.
    pub(crate) fn weights_mut(&mut self) -> (&mut DMatrix<f64>, &mut DMatrix<f64>) {
        (&mut self.wi, &mut self.wo)
    }

    /// True when every weight is a finite number.
    pub(crate) fn weights_are_finite(&self) -> bool {
        self.wi.iter().chain(self.wo.iter()).all(|w| w.is_finite())
    }
}

// ANCHOR: init
/// Article P1.2 / P2.2: a (rows, columns) weight matrix drawn row by row,
/// in `naive`'s order, from `Normal(0, 1)` or `Normal(0, 1/sqrt(rows))`.
///
/// `rows` is the layer's fan-in (for `wi` it counts the bias unit), so with
/// [`Init::Scaled`] each unit's weighted sum of `rows` inputs of spread 1
/// starts with a spread of about 1: not saturated, not vanishing.
fn init(
    rows: usize,
    columns: usize,
    init: Init,
    rng: &mut impl Rng,
) -> Result<DMatrix<f64>, NetworkError> {
    let scale = match init {
        Init::StandardNormal => 1.0,
        Init::Scaled => 1.0 / (rows as f64).sqrt(),
    };
    let mut w = try_zeros(rows, columns)?;
    for i in 0..rows {
        for j in 0..columns {
            let z: f64 = StandardNormal.sample(rng);
            w[(i, j)] = scale * z;
        }
    }
    Ok(w)
}
// ANCHOR_END: init

/// A (rows, columns) matrix of zeros, or [`NetworkError::TooLarge`] if the
/// memory cannot be had (instead of aborting the program).
pub(crate) fn try_zeros<T: crate::engine::Real>(
    rows: usize,
    columns: usize,
) -> Result<DMatrix<T>, NetworkError> {
    let too_large = || NetworkError::TooLarge { rows, columns };
    let len = rows.checked_mul(columns).ok_or_else(too_large)?;
    let mut values: Vec<T> = Vec::new();
    values.try_reserve_exact(len).map_err(|_| too_large())?;
    values.resize(len, T::zero());
    Ok(DMatrix::from_vec(rows, columns, values))
}

/// `w` rounded to `T` (transposed when `transpose`), or
/// [`NetworkError::TooLarge`] if the memory cannot be had.
pub(crate) fn try_convert<T: crate::engine::Real>(
    w: &DMatrix<f64>,
    transpose: bool,
) -> Result<DMatrix<T>, NetworkError> {
    let (rows, columns) = if transpose {
        (w.ncols(), w.nrows())
    } else {
        w.shape()
    };
    let mut out = try_zeros(rows, columns)?;
    for c in 0..w.ncols() {
        for r in 0..w.nrows() {
            let at = if transpose { (c, r) } else { (r, c) };
            out[at] = T::from_f64_nearest(w[(r, c)]);
        }
    }
    Ok(out)
}

/// `wi` (inputs + 1, hidden) and `wo` (hidden, output): no layer of size 0,
/// and `wo` has a row per hidden unit. The one shape check of the crate.
pub(crate) fn check_shapes(wi: &DMatrix<f64>, wo: &DMatrix<f64>) -> Result<(), NetworkError> {
    check_sizes(wi.nrows().saturating_sub(1), wi.ncols(), wo.ncols())?;
    if wo.nrows() != wi.ncols() {
        return Err(NetworkError::Shape {
            what: "wo",
            expected: (wi.ncols(), wo.ncols()),
            got: wo.shape(),
        });
    }
    Ok(())
}

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
    use crate::Config;
    use rand::SeedableRng;
    use rand::rngs::Xoshiro256PlusPlus;

    #[test]
    fn shapes_follow_the_article_with_the_bias_row_last() {
        let n = Config::default().network(3, 5, 2).unwrap();
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
        let n = config.network(3, 5, 2).unwrap();
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
        let plain = Config {
            init: Init::StandardNormal,
            ..Config::default()
        }
        .network(3, 5, 2)
        .unwrap();
        let scaled = Config::default().network(3, 5, 2).unwrap();
        assert_eq!(scaled.wi()[(2, 4)], plain.wi()[(2, 4)] / 4.0_f64.sqrt());
        assert_eq!(scaled.wo()[(3, 1)], plain.wo()[(3, 1)] / 5.0_f64.sqrt());
    }

    #[test]
    fn same_seed_same_weights_other_seed_other_weights() {
        let a = Config::default().network(3, 5, 2).unwrap();
        let b = Config::default().network(3, 5, 2).unwrap();
        let c = Config {
            seed: 2,
            ..Config::default()
        }
        .network(3, 5, 2)
        .unwrap();
        assert_eq!(a.wi(), b.wi());
        assert_ne!(a.wi(), c.wi());
    }

    #[test]
    fn a_network_too_large_for_memory_is_an_error_before_allocating() {
        let e = Config::default()
            .network(64, 1_000_000_000, 10)
            .unwrap_err();
        assert_eq!(
            e,
            NetworkError::TooLarge {
                rows: 65,
                columns: 1_000_000_000
            }
        );
        assert!(e.to_string().contains("65x1000000000"), "{e}");
        let e = Config::default().network(usize::MAX - 1, 2, 2).unwrap_err();
        assert!(matches!(e, NetworkError::TooLarge { .. }), "{e:?}");
    }

    #[test]
    fn zero_sizes_and_invalid_configs_are_errors() {
        let e = Config::default().network(3, 0, 2).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the hidden layer needs at least one unit, got 0"
        );
        let bad = Config {
            learning_rate: 0.0,
            ..Config::default()
        };
        let e = bad.network(3, 5, 2).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid configuration: learning_rate: expected a finite number above 0, got 0"
        );
        assert!(Config::default().network(0, 5, 2).is_err());
    }

    #[test]
    fn from_weights_names_both_shapes() {
        let config = Config::default();
        let e = MlpNeuralNetwork::from_weights(
            DMatrix::zeros(4, 5),
            DMatrix::zeros(3, 2),
            config.architecture(),
        )
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
        assert!(
            MlpNeuralNetwork::from_weights(wi, DMatrix::zeros(5, 2), config.architecture())
                .is_err()
        );
        assert!(
            MlpNeuralNetwork::from_weights(
                DMatrix::zeros(1, 5),
                DMatrix::zeros(5, 2),
                config.architecture()
            )
            .is_err()
        );
        let n = MlpNeuralNetwork::from_weights(
            DMatrix::zeros(4, 5),
            DMatrix::zeros(5, 2),
            config.architecture(),
        )
        .unwrap();
        assert_eq!((n.inputs(), n.hidden(), n.outputs()), (3, 5, 2));
    }
}
