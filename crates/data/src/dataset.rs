use crate::DataError;

/// Rows of features, each with a class label.
///
/// Features are stored flat, row after row (`features[row * n_features + column]`),
/// so a row is a plain `&[f64]` slice and a large set (MNIST's 60,000 x 784)
/// is one allocation.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    features: Vec<f64>,
    labels: Vec<usize>,
    n_features: usize,
    n_classes: usize,
}

impl Dataset {
    /// Builds a data set from flat features (`labels.len()` rows of
    /// `n_features` each) and labels below `n_classes`.
    ///
    /// # Errors
    /// Empty data, a feature count that is not `labels.len() * n_features`,
    /// a label `>= n_classes`, or a non-finite feature.
    pub fn new(
        features: Vec<f64>,
        labels: Vec<usize>,
        n_features: usize,
        n_classes: usize,
    ) -> Result<Self, DataError> {
        if labels.is_empty() || n_features == 0 {
            return Err(DataError::Empty {
                what: "the data set".into(),
            });
        }
        if n_classes == 0 {
            return Err(DataError::InvalidParameter {
                name: "number of classes",
                expected: "at least 1",
                got: "0".into(),
            });
        }
        if features.len() != labels.len() * n_features {
            return Err(DataError::CountMismatch {
                features: features.len() / n_features,
                labels: labels.len(),
            });
        }
        if let Some((row, &label)) = labels.iter().enumerate().find(|(_, l)| **l >= n_classes) {
            return Err(DataError::LabelOutOfRange {
                row,
                label,
                classes: n_classes,
            });
        }
        if let Some(at) = features.iter().position(|x| !x.is_finite()) {
            return Err(DataError::NotFinite {
                row: at / n_features,
                column: at % n_features,
            });
        }
        Ok(Dataset {
            features,
            labels,
            n_features,
            n_classes,
        })
    }

    /// Builds a data set from one `Vec` per row.
    ///
    /// # Errors
    /// As [`Dataset::new`], plus a row whose length differs from the first row's.
    pub fn from_rows(
        rows: &[Vec<f64>],
        labels: Vec<usize>,
        n_classes: usize,
    ) -> Result<Self, DataError> {
        let n_features = rows.first().map_or(0, Vec::len);
        if rows.len() != labels.len() {
            return Err(DataError::CountMismatch {
                features: rows.len(),
                labels: labels.len(),
            });
        }
        if let Some((row, r)) = rows.iter().enumerate().find(|(_, r)| r.len() != n_features) {
            return Err(DataError::Ragged {
                row,
                expected: n_features,
                got: r.len(),
            });
        }
        Dataset::new(rows.concat(), labels, n_features, n_classes)
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Always false: a `Dataset` cannot be built empty.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Features per row.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Number of classes; every label is below it.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// The features of row `i`. Panics if `i >= len()`, like slice indexing.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.features[i * self.n_features..(i + 1) * self.n_features]
    }

    /// Iterates over the rows' features.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = &[f64]> {
        self.features.chunks_exact(self.n_features)
    }

    /// All features, flat, row after row.
    pub fn features(&self) -> &[f64] {
        &self.features
    }

    /// Mutable flat features (used by the scalers).
    pub(crate) fn features_mut(&mut self) -> &mut [f64] {
        &mut self.features
    }

    /// The rows, borrowed as [`Samples`](crate::Samples) for a network.
    ///
    /// # Errors
    /// An empty data set (for instance `head(0)`): a network needs rows.
    pub fn samples(&self) -> Result<crate::Samples<'_>, DataError> {
        crate::Samples::new(&self.features, &self.labels)
    }

    /// The label of every row.
    pub fn labels(&self) -> &[usize] {
        &self.labels
    }

    /// A new data set holding the given rows, in the given order.
    /// Panics if an index is out of range, like slice indexing.
    pub fn select(&self, indices: &[usize]) -> Dataset {
        let mut features = Vec::with_capacity(indices.len() * self.n_features);
        for &i in indices {
            features.extend_from_slice(self.row(i));
        }
        Dataset {
            features,
            labels: indices.iter().map(|&i| self.labels[i]).collect(),
            n_features: self.n_features,
            n_classes: self.n_classes,
        }
    }

    /// The first `n` rows (all of them if `n >= len()`).
    pub fn head(&self, n: usize) -> Dataset {
        let n = n.min(self.len()).max(1);
        self.select(&(0..n).collect::<Vec<_>>())
    }

    /// The first `n` rows and the rest, as two data sets.
    /// Panics unless `0 < n < len()`.
    pub fn split_at(&self, n: usize) -> (Dataset, Dataset) {
        assert!(
            0 < n && n < self.len(),
            "split_at({n}) of {} rows",
            self.len()
        );
        let rest: Vec<usize> = (n..self.len()).collect();
        (self.head(n), self.select(&rest))
    }

    /// [`head`](Self::head)`(n)` then [`split_at`](Self::split_at)`(at)`,
    /// consuming the data set: the first part keeps its memory, only the
    /// rest is copied (for MNIST's 60,000 images, 376 MB of `f64` that are
    /// not copied twice). Panics unless `0 < at < min(n, len())`.
    pub fn into_head_split(mut self, n: usize, at: usize) -> (Dataset, Dataset) {
        let n = n.min(self.len());
        assert!(
            0 < at && at < n,
            "into_head_split({n}, {at}) of {} rows",
            self.len()
        );
        self.features.truncate(n * self.n_features);
        self.labels.truncate(n);
        let rest = Dataset {
            features: self.features.split_off(at * self.n_features),
            labels: self.labels.split_off(at),
            n_features: self.n_features,
            n_classes: self.n_classes,
        };
        (self, rest)
    }

    /// Divides every feature by `divisor` (pixels 0..=255 by 255 gives [0, 1]).
    ///
    /// # Errors
    /// A divisor that is not a positive finite number.
    pub fn scale_by(&mut self, divisor: f64) -> Result<(), DataError> {
        if !(divisor > 0.0 && divisor.is_finite()) {
            return Err(DataError::InvalidParameter {
                name: "divisor",
                expected: "a positive finite number",
                got: divisor.to_string(),
            });
        }
        self.features.iter_mut().for_each(|x| *x /= divisor);
        Ok(())
    }

    /// The label of every row as a one-hot target vector.
    pub fn one_hot_targets(&self) -> Vec<Vec<f64>> {
        self.labels
            .iter()
            .map(|&l| one_hot(l, self.n_classes))
            .collect()
    }

    /// The rows as `(inputs, targets)` pairs, the article's "patterns" (P1.5).
    pub fn patterns(&self) -> Vec<(Vec<f64>, Vec<f64>)> {
        self.rows()
            .zip(&self.labels)
            .map(|(row, &l)| (row.to_vec(), one_hot(l, self.n_classes)))
            .collect()
    }
}

/// A vector of `classes` zeros with a 1.0 at `label`: the target a network
/// learns for that class. Panics if `label >= classes`.
pub fn one_hot(label: usize, classes: usize) -> Vec<f64> {
    assert!(
        label < classes,
        "label {label} out of range for {classes} classes"
    );
    let mut v = vec![0.0; classes];
    v[label] = 1.0;
    v
}

/// Index of the largest value: the predicted class of an output vector.
/// The first wins ties; NaN is never chosen over a number. Returns 0 for an
/// empty slice.
pub fn argmax(values: &[f64]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] || values[best].is_nan() && !v.is_nan() {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn three_rows() -> Dataset {
        Dataset::from_rows(
            &[vec![1.0, 2.0], vec![3.0, 4.0], vec![5.0, 6.0]],
            vec![0, 2, 1],
            3,
        )
        .unwrap()
    }

    #[test]
    fn rows_are_stored_flat_in_order() {
        let d = three_rows();
        assert_eq!(d.len(), 3);
        assert_eq!(d.n_features(), 2);
        assert_eq!(d.row(1), &[3.0, 4.0]);
        assert_eq!(d.features(), &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert_eq!(d.rows().count(), 3);
    }

    #[test]
    fn ragged_rows_are_an_error_naming_the_row() {
        let e = Dataset::from_rows(&[vec![1.0, 2.0], vec![3.0]], vec![0, 1], 2).unwrap_err();
        assert_eq!(
            e,
            DataError::Ragged {
                row: 1,
                expected: 2,
                got: 1
            }
        );
        assert_eq!(
            e.to_string(),
            "row 1 has 1 features, expected 2 like the first row"
        );
    }

    #[test]
    fn labels_out_of_range_are_an_error() {
        let e = Dataset::from_rows(&[vec![1.0]], vec![3], 3).unwrap_err();
        assert!(
            e.to_string().contains("label 3, expected a label below 3"),
            "{e}"
        );
    }

    #[test]
    fn empty_data_is_an_error() {
        assert!(matches!(
            Dataset::from_rows(&[], vec![], 2),
            Err(DataError::Empty { .. })
        ));
        assert!(matches!(
            Dataset::new(vec![], vec![0], 0, 1),
            Err(DataError::Empty { .. })
        ));
    }

    #[test]
    fn counts_that_disagree_are_an_error() {
        let e = Dataset::new(vec![1.0, 2.0, 3.0], vec![0], 2, 2).unwrap_err();
        assert!(matches!(e, DataError::CountMismatch { .. }));
        let e = Dataset::from_rows(&[vec![1.0]], vec![0, 1], 2).unwrap_err();
        assert!(matches!(
            e,
            DataError::CountMismatch {
                features: 1,
                labels: 2
            }
        ));
    }

    #[test]
    fn non_finite_features_are_an_error() {
        let e = Dataset::new(vec![1.0, f64::NAN], vec![0], 2, 1).unwrap_err();
        assert_eq!(e, DataError::NotFinite { row: 0, column: 1 });
    }

    #[test]
    fn select_keeps_the_given_rows_in_order() {
        let d = three_rows().select(&[2, 0]);
        assert_eq!(d.features(), &[5.0, 6.0, 1.0, 2.0]);
        assert_eq!(d.labels(), &[1, 0]);
        assert_eq!(three_rows().head(2).labels(), &[0, 2]);
    }

    #[test]
    fn split_at_cuts_the_rows_in_two() {
        let (a, b) = three_rows().split_at(1);
        assert_eq!((a.labels(), b.labels()), (&[0][..], &[2, 1][..]));
    }

    #[test]
    fn into_head_split_gives_what_head_then_split_at_give() {
        for (n, at) in [(3, 1), (3, 2), (2, 1), (9, 2)] {
            assert_eq!(
                three_rows().into_head_split(n, at),
                three_rows().head(n).split_at(at),
                "{n} {at}"
            );
        }
    }

    #[test]
    fn scale_by_divides_every_feature() {
        let mut d = three_rows();
        d.scale_by(2.0).unwrap();
        assert_eq!(d.row(2), &[2.5, 3.0]);
        assert!(d.scale_by(0.0).is_err());
        assert!(d.scale_by(f64::NAN).is_err());
    }

    #[test]
    fn one_hot_puts_a_single_one_at_the_label() {
        assert_eq!(one_hot(2, 4), vec![0.0, 0.0, 1.0, 0.0]);
        assert_eq!(three_rows().one_hot_targets()[1], vec![0.0, 0.0, 1.0]);
    }

    #[test]
    fn patterns_pair_inputs_with_one_hot_targets() {
        let p = three_rows().patterns();
        assert_eq!(p[2], (vec![5.0, 6.0], vec![0.0, 1.0, 0.0]));
    }

    #[test]
    fn argmax_picks_the_first_largest_and_skips_nan() {
        assert_eq!(argmax(&[0.1, 0.7, 0.2]), 1);
        assert_eq!(argmax(&[0.5, 0.5]), 0);
        assert_eq!(argmax(&[f64::NAN, 0.2, 0.3]), 2);
        assert_eq!(argmax(&[]), 0);
    }
}
