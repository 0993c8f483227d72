use crate::{DataError, Dataset};

/// Maps each feature to [0, 1] with the minimum and maximum seen on the
/// training rows: `x' = (x - min) / (max - min)`.
///
/// Fit on the training part only, then apply the same scaler to the test
/// part (whose values may then fall slightly outside [0, 1]). A feature that
/// is constant on the training rows becomes 0, as in scikit-learn.
#[derive(Debug, Clone, PartialEq)]
pub struct MinMaxScaler {
    min: Vec<f64>,
    range: Vec<f64>,
}

impl MinMaxScaler {
    /// Learns each feature's minimum and range from `train`.
    pub fn fit(train: &Dataset) -> MinMaxScaler {
        let n = train.n_features();
        let mut min = vec![f64::INFINITY; n];
        let mut max = vec![f64::NEG_INFINITY; n];
        for row in train.rows() {
            for (j, &x) in row.iter().enumerate() {
                min[j] = min[j].min(x);
                max[j] = max[j].max(x);
            }
        }
        let range = min.iter().zip(&max).map(|(lo, hi)| hi - lo).collect();
        MinMaxScaler { min, range }
    }

    /// Scales every row of `data` in place.
    ///
    /// # Errors
    /// `data` has a different number of features than the fitted rows.
    pub fn transform(&self, data: &mut Dataset) -> Result<(), DataError> {
        check_features(self.min.len(), data)?;
        let n = self.min.len();
        for (at, x) in data.features_mut().iter_mut().enumerate() {
            let j = at % n;
            *x = if self.range[j] > 0.0 {
                (*x - self.min[j]) / self.range[j]
            } else {
                0.0
            };
        }
        Ok(())
    }
}

/// Gives each feature mean 0 and standard deviation 1 on the training rows:
/// `x' = (x - mean) / sd`, with the population standard deviation.
///
/// This is the "inputs with mean 0" that the article's scaled initialization
/// expects (P2.2). A feature that is constant on the training rows becomes 0,
/// as in scikit-learn's `StandardScaler`.
#[derive(Debug, Clone, PartialEq)]
pub struct Standardizer {
    mean: Vec<f64>,
    sd: Vec<f64>,
}

impl Standardizer {
    /// Learns each feature's mean and standard deviation from `train`.
    pub fn fit(train: &Dataset) -> Standardizer {
        let n = train.n_features();
        let rows = train.len() as f64;
        let mut mean = vec![0.0; n];
        for row in train.rows() {
            row.iter().zip(&mut mean).for_each(|(x, m)| *m += x / rows);
        }
        let mut var = vec![0.0; n];
        for row in train.rows() {
            for j in 0..n {
                var[j] += (row[j] - mean[j]).powi(2) / rows;
            }
        }
        Standardizer {
            mean,
            sd: var.into_iter().map(f64::sqrt).collect(),
        }
    }

    /// Standardizes every row of `data` in place.
    ///
    /// # Errors
    /// `data` has a different number of features than the fitted rows.
    pub fn transform(&self, data: &mut Dataset) -> Result<(), DataError> {
        check_features(self.mean.len(), data)?;
        let n = self.mean.len();
        for (at, x) in data.features_mut().iter_mut().enumerate() {
            let j = at % n;
            *x = if self.sd[j] > 1e-12 {
                (*x - self.mean[j]) / self.sd[j]
            } else {
                0.0
            };
        }
        Ok(())
    }
}

fn check_features(expected: usize, data: &Dataset) -> Result<(), DataError> {
    if data.n_features() != expected {
        return Err(DataError::FeatureMismatch {
            expected,
            got: data.n_features(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three rows, three features: the last one constant.
    fn train() -> Dataset {
        Dataset::from_rows(
            &[
                vec![0.0, 10.0, 5.0],
                vec![4.0, 20.0, 5.0],
                vec![8.0, 60.0, 5.0],
            ],
            vec![0, 0, 0],
            1,
        )
        .unwrap()
    }

    #[test]
    fn min_max_maps_training_range_to_unit_interval() {
        let mut d = train();
        MinMaxScaler::fit(&d).transform(&mut d).unwrap();
        let (a, b) = (0.0 / 8.0, (20.0 - 10.0) / (60.0 - 10.0));
        assert_eq!(d.row(0), &[a, 0.0, 0.0]);
        assert_eq!(d.row(1), &[4.0 / 8.0, b, 0.0]);
        assert_eq!(d.row(2), &[1.0, 1.0, 0.0]);
    }

    #[test]
    fn min_max_applies_the_training_range_to_new_rows() {
        let scaler = MinMaxScaler::fit(&train());
        let mut test = Dataset::from_rows(&[vec![12.0, 0.0, 9.0]], vec![0], 1).unwrap();
        scaler.transform(&mut test).unwrap();
        assert_eq!(test.row(0), &[12.0 / 8.0, (0.0 - 10.0) / 50.0, 0.0]);
    }

    #[test]
    fn standardizer_gives_mean_zero_and_unit_population_sd() {
        let mut d = train();
        Standardizer::fit(&d).transform(&mut d).unwrap();
        // Feature 0: mean 4, population sd sqrt((16 + 0 + 16) / 3).
        let sd = (32.0_f64 / 3.0).sqrt();
        let col0: Vec<f64> = d.rows().map(|r| r[0]).collect();
        assert_eq!(col0, vec![-4.0 / sd, 0.0, 4.0 / sd]);
        for j in 0..2 {
            let col: Vec<f64> = d.rows().map(|r| r[j]).collect();
            let mean = col.iter().sum::<f64>() / 3.0;
            let var = col.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 3.0;
            assert!(
                mean.abs() < 1e-12 && (var - 1.0).abs() < 1e-12,
                "feature {j}"
            );
        }
        assert!(
            d.rows().all(|r| r[2] == 0.0),
            "a constant feature becomes 0"
        );
    }

    #[test]
    fn scalers_reject_rows_of_another_width() {
        let mut narrow = Dataset::from_rows(&[vec![1.0]], vec![0], 1).unwrap();
        let e = Standardizer::fit(&train())
            .transform(&mut narrow)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "rows have 1 features but the scaler was fitted on 3"
        );
        assert!(MinMaxScaler::fit(&train()).transform(&mut narrow).is_err());
    }
}
