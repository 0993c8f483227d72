use data::{Samples, argmax};

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

    /// Fraction of `samples` whose predicted class is their label.
    ///
    /// # Errors
    /// As [`predict`](Self::predict), or rows of the wrong width.
    pub fn accuracy(&mut self, samples: &Samples<'_>) -> Result<f64, NetworkError> {
        check_samples(self, samples)?;
        let mut hits = 0;
        for (i, &label) in samples.labels().iter().enumerate() {
            if argmax(self.predict_one(samples.row(i))?) == label {
                hits += 1;
            }
        }
        Ok(hits as f64 / samples.len() as f64)
    }

    fn predict_one(&mut self, row: &[f64]) -> Result<&[f64], NetworkError> {
        let outputs = self.feed_forward(row)?;
        if outputs.iter().any(|o| !o.is_finite()) {
            return Err(NetworkError::NotFinite {
                what: "outputs (the weights have diverged)",
            });
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

/// Rows of the network's width, finite features, labels it has outputs for.
pub(crate) fn check_samples(
    net: &MlpNeuralNetwork,
    samples: &Samples<'_>,
) -> Result<(), NetworkError> {
    if samples.n_features() != net.inputs() {
        return Err(NetworkError::WrongInputs {
            expected: net.inputs(),
            got: samples.n_features(),
        });
    }
    if samples.features().iter().any(|x| !x.is_finite()) {
        return Err(NetworkError::NotFinite { what: "features" });
    }
    let classes = net.outputs();
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
