use crate::DataError;

/// Rows to train or test on, *borrowed*: flat features (row after row) and
/// one class label per row. A [`Dataset`](crate::Dataset) *owns* its rows
/// (and knows its number of classes); [`Dataset::samples`](crate::Dataset::samples)
/// lends them to a network as `Samples`, and so can any pair of slices.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Samples<'a> {
    features: &'a [f64],
    labels: &'a [usize],
    n_features: usize,
}

impl<'a> Samples<'a> {
    /// Pairs flat features with labels; the number of features per row is
    /// `features.len() / labels.len()`.
    ///
    /// # Errors
    /// No labels, or features that are not a whole, non-empty row per label.
    pub fn new(features: &'a [f64], labels: &'a [usize]) -> Result<Samples<'a>, DataError> {
        let (f, l) = (features.len(), labels.len());
        if l == 0 || f == 0 || !f.is_multiple_of(l) {
            return Err(DataError::NotWholeRows {
                values: f,
                labels: l,
            });
        }
        Ok(Samples {
            features,
            labels,
            n_features: f / l,
        })
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Always false: `Samples` cannot be empty.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Features per row.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// The features of row `i`. Panics if `i >= len()`.
    pub fn row(&self, i: usize) -> &'a [f64] {
        &self.features[i * self.n_features..(i + 1) * self.n_features]
    }

    /// The flat features, row after row.
    pub fn features(&self) -> &'a [f64] {
        self.features
    }

    /// The label of every row.
    pub fn labels(&self) -> &'a [usize] {
        self.labels
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_must_be_whole_rows() {
        assert!(Samples::new(&[1.0, 2.0, 3.0], &[0, 1]).is_err());
        assert!(Samples::new(&[], &[]).is_err());
        let e = Samples::new(&[1.0; 5], &[0, 1]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "expected the features to be whole rows, one per label: got 5 values for 2 labels"
        );
        let s = Samples::new(&[1.0, 2.0, 3.0, 4.0], &[0, 1]).unwrap();
        assert_eq!((s.len(), s.n_features(), s.row(1)), (2, 2, &[3.0, 4.0][..]));
        assert_eq!(s.features(), &[1.0, 2.0, 3.0, 4.0]);
    }
}
