use data::{Samples, argmax};
use nalgebra::DMatrix;

use crate::engine::sparse_inputs::{self, InputPath, Simd, SparseBatch};
use crate::{MlpNeuralNetwork, NetworkError};

impl MlpNeuralNetwork {
    // ANCHOR: predict
    /// Article P1.5 (`predict`): the output activations of every row of flat
    /// `features` (row after row). With a softmax output they are class
    /// probabilities.
    ///
    /// # Errors
    /// Features that are not whole rows, a non-finite feature, or outputs
    /// that are not finite (a network whose training diverged): never NaN.
    pub fn predict(&mut self, features: &[f64]) -> Result<Vec<Vec<f64>>, NetworkError> {
        let rows = self.rows(features)?;
        rows.map(|row| self.predict_one(row).map(<[f64]>::to_vec))
            .collect()
    }

    /// The predicted class of every row: the index of the largest output.
    ///
    /// # Errors
    /// As [`predict`](Self::predict).
    pub fn predict_class(&mut self, features: &[f64]) -> Result<Vec<usize>, NetworkError> {
        let rows = self.rows(features)?;
        rows.map(|row| self.predict_one(row).map(argmax)).collect()
    }
    // ANCHOR_END: predict

    /// Checks that the network has one output per class before it scores
    /// labels of `classes` classes (10 for digits): a network with 3 outputs
    /// never predicts a 9, one with 12 may predict an 11, and either would
    /// give an accuracy that means nothing.
    ///
    /// # Errors
    /// [`NetworkError::ClassCount`] when the counts differ.
    pub fn check_classes(&self, classes: usize) -> Result<(), NetworkError> {
        if self.outputs() != classes {
            return Err(NetworkError::ClassCount {
                outputs: self.outputs(),
                classes,
            });
        }
        Ok(())
    }

    /// Fraction of `samples` whose predicted class is their label.
    ///
    /// # Errors
    /// As [`predict`](Self::predict), or rows of the wrong width.
    pub fn accuracy(&self, samples: &Samples<'_>) -> Result<f64, NetworkError> {
        check_samples(samples, self.inputs(), self.outputs())?;
        // Mostly zeros (MNIST): skip them in the first layer, as the batch engine does.
        let zeros = samples.features().iter().filter(|&&x| x == 0.0).count();
        let mut sparse = InputPath::Auto
            .sparse(zeros, samples.features().len())
            .then(|| {
                let lists = SparseBatch::<f64>::new(self.inputs() + 1, ROWS_AT_ONCE);
                (self.wi().transpose(), lists)
            });
        let mut correct = 0;
        let labels = samples.labels();
        for start in (0..samples.len()).step_by(ROWS_AT_ONCE) {
            let rows = ROWS_AT_ONCE.min(samples.len() - start);
            let ao = match sparse.as_mut() {
                Some((wi_t, lists)) => {
                    self.feed_forward_rows_sparse(wi_t, lists, samples, start, rows)
                }
                None => self.feed_forward_rows(samples, start, rows), // (output, rows)
            };
            for (outputs, &label) in ao
                .as_slice()
                .chunks_exact(self.outputs())
                .zip(&labels[start..])
            {
                if outputs.iter().any(|o| !o.is_finite()) {
                    return Err(diverged());
                }
                correct += usize::from(argmax(outputs) == label);
            }
        }
        Ok(correct as f64 / samples.len() as f64)
    }

    /// [`feed_forward_rows`](Self::feed_forward_rows) without the zero
    /// inputs: `ah = activation(wi^T x)` summed over each row's non-zero
    /// features only (`engine/sparse_inputs.rs`: the same sums, other
    /// rounding order), with `wi_t` the transpose of `wi`.
    fn feed_forward_rows_sparse(
        &self,
        wi_t: &DMatrix<f64>,
        lists: &mut SparseBatch<f64>,
        samples: &Samples<'_>,
        start: usize,
        rows: usize,
    ) -> DMatrix<f64> {
        let b = lists.fill_rows((start..start + rows).map(|i| samples.row(i)));
        let mut ah = DMatrix::zeros(self.hidden(), b);
        let (simd, threads) = (Simd::detect(), crate::engine::threads());
        sparse_inputs::forward(simd, threads, lists, wi_t.as_slice(), ah.as_mut_slice(), b);
        ah.apply(|z| *z = self.architecture().hidden.activate(*z));
        let mut ao = self.wo().tr_mul(&ah); // (output, rows)
        for sample in ao.as_mut_slice().chunks_exact_mut(self.outputs()) {
            self.architecture().output.activate(sample);
        }
        ao
    }

    // ANCHOR: feed_forward_rows
    /// Article P1.3 for `rows` samples at once, from row `start`: the same
    /// equations as [`feed_forward`](Self::feed_forward) with one sample per
    /// row of `x`, so each layer is one matrix product.
    ///
    /// - `ah = activation(x wi)`: (rows, hidden) = (rows, inputs + 1) (inputs + 1, hidden)
    /// - `ao = output(ah wo)`: (rows, output) = (rows, hidden) (hidden, output)
    ///
    /// Returns `ao` transposed, (output, rows): one sample's outputs per column.
    fn feed_forward_rows(&self, samples: &Samples<'_>, start: usize, rows: usize) -> DMatrix<f64> {
        let n = self.inputs();
        let x = DMatrix::from_fn(rows, n + 1, |r, i| {
            if i < n {
                samples.row(start + r)[i]
            } else {
                1.0
            } // the bias column last
        });
        let mut ah = x * self.wi(); // (rows, hidden)
        ah.apply(|z| *z = self.architecture().hidden.activate(*z));
        let mut ao = (ah * self.wo()).transpose(); // (output, rows)
        for sample in ao.as_mut_slice().chunks_exact_mut(self.outputs()) {
            self.architecture().output.activate(sample);
        }
        ao
    }
    // ANCHOR_END: feed_forward_rows

    /// The sample, target and shape checks every entry point shares:
    /// rows of this network's width, finite features, a label per output unit.
    ///
    /// # Errors
    /// As [`check_samples`].
    pub(crate) fn check_samples(&self, samples: &Samples<'_>) -> Result<(), NetworkError> {
        check_samples(samples, self.inputs(), self.outputs())
    }

    fn predict_one(&mut self, row: &[f64]) -> Result<&[f64], NetworkError> {
        let outputs = self.feed_forward(row)?;
        if outputs.iter().any(|o| !o.is_finite()) {
            return Err(diverged());
        }
        Ok(outputs)
    }

    fn rows<'f>(
        &self,
        features: &'f [f64],
    ) -> Result<std::slice::ChunksExact<'f, f64>, NetworkError> {
        let n = self.inputs();
        if features.is_empty() || !features.len().is_multiple_of(n) {
            return Err(NetworkError::NotWholeRows {
                expected: n,
                got: features.len(),
            });
        }
        Ok(features.chunks_exact(n))
    }
}

/// How many rows [`MlpNeuralNetwork::accuracy`] feeds forward at once.
const ROWS_AT_ONCE: usize = 1024;

fn diverged() -> NetworkError {
    NetworkError::NotFinite {
        what: "outputs (the weights have diverged)",
    }
}

/// Rows of `inputs` features, every feature finite, every label below
/// `classes` (one per output unit): the one sample check of the crate.
///
/// # Errors
/// [`NetworkError::WrongInputs`], [`NetworkError::NotFinite`] or
/// [`NetworkError::LabelOutOfRange`] naming the first bad row.
pub(crate) fn check_samples(
    samples: &Samples<'_>,
    inputs: usize,
    classes: usize,
) -> Result<(), NetworkError> {
    if samples.n_features() != inputs {
        return Err(NetworkError::WrongInputs {
            expected: inputs,
            got: samples.n_features(),
        });
    }
    if samples.features().iter().any(|x| !x.is_finite()) {
        return Err(NetworkError::NotFinite { what: "features" });
    }
    if let Some((row, &label)) = samples
        .labels()
        .iter()
        .enumerate()
        .find(|(_, l)| **l >= classes)
    {
        return Err(NetworkError::LabelOutOfRange {
            row,
            label,
            classes,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{Config, NetworkError};

    #[test]
    fn a_network_with_another_number_of_outputs_cannot_score_10_class_labels() {
        for outputs in [1, 3, 12] {
            let net = Config::default().network(4, 3, outputs).unwrap();
            let e = net.check_classes(10).unwrap_err();
            assert_eq!(
                e,
                NetworkError::ClassCount {
                    outputs,
                    classes: 10
                }
            );
            assert!(
                e.to_string()
                    .contains(&format!("{outputs} outputs but the labels have 10 classes")),
                "{e}"
            );
        }
        let net = Config::default().network(4, 3, 10).unwrap();
        assert_eq!(net.check_classes(10), Ok(()));
    }
}
