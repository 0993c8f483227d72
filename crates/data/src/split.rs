use rand::Rng;
use rand::seq::SliceRandom;

use crate::{DataError, Dataset};

/// Splits a data set into training and test rows after a seeded shuffle.
///
/// The test part gets `ceil(len * test_fraction)` rows, like scikit-learn's
/// `train_test_split` (25% of the 1797 digits is 450 rows), and the
/// training part the rest. The same generator state gives the same split.
///
/// # Errors
/// `test_fraction` outside (0, 1), or a split that would leave either part empty.
pub fn train_test_split(
    data: &Dataset,
    test_fraction: f64,
    rng: &mut impl Rng,
) -> Result<(Dataset, Dataset), DataError> {
    if !(test_fraction > 0.0 && test_fraction < 1.0) {
        return Err(DataError::InvalidParameter {
            name: "test fraction",
            expected: "a number strictly between 0 and 1",
            got: test_fraction.to_string(),
        });
    }
    let n_test = (data.len() as f64 * test_fraction).ceil() as usize;
    if n_test >= data.len() {
        return Err(DataError::InvalidParameter {
            name: "test fraction",
            expected: "a fraction that leaves at least one training row",
            got: format!("{test_fraction} of {} rows", data.len()),
        });
    }
    let mut order: Vec<usize> = (0..data.len()).collect();
    order.shuffle(rng);
    let (test, train) = order.split_at(n_test);
    Ok((data.select(train), data.select(test)))
}

/// Splits a data set three ways: training, validation and test rows.
///
/// The test rows are cut first, exactly as [`train_test_split`] cuts them
/// with the same generator (so a seed gives the same test rows as the
/// two-way split every example uses); then `validation_fraction` of the
/// remaining training rows (rounded up) are held out for validation, with
/// the same generator. Settings are chosen on the validation rows; the test
/// rows are scored once, at the end.
///
/// # Errors
/// Either fraction outside (0, 1), or a cut that would leave a part empty.
pub fn train_validation_test_split(
    data: &Dataset,
    test_fraction: f64,
    validation_fraction: f64,
    rng: &mut impl Rng,
) -> Result<(Dataset, Dataset, Dataset), DataError> {
    let (train, test) = train_test_split(data, test_fraction, rng)?;
    let (train, validation) =
        train_test_split(&train, validation_fraction, rng).map_err(|e| match e {
            DataError::InvalidParameter { expected, got, .. } => DataError::InvalidParameter {
                name: "validation fraction",
                expected,
                got,
            },
            other => other,
        })?;
    Ok((train, validation, test))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seeded_rng;

    fn numbered(n: usize) -> Dataset {
        Dataset::new((0..n).map(|i| i as f64).collect(), vec![0; n], 1, 1).unwrap()
    }

    #[test]
    fn a_quarter_of_1797_rows_is_450_test_rows() {
        let (train, test) = train_test_split(&numbered(1797), 0.25, &mut seeded_rng(1)).unwrap();
        assert_eq!((train.len(), test.len()), (1347, 450));
    }

    #[test]
    fn split_is_a_partition_of_the_rows() {
        let (train, test) = train_test_split(&numbered(20), 0.3, &mut seeded_rng(7)).unwrap();
        let mut all: Vec<f64> = train
            .features()
            .iter()
            .chain(test.features())
            .copied()
            .collect();
        all.sort_by(f64::total_cmp);
        assert_eq!(all, (0..20).map(|i| i as f64).collect::<Vec<_>>());
    }

    #[test]
    fn same_seed_same_split_other_seed_other_split() {
        let a = train_test_split(&numbered(50), 0.25, &mut seeded_rng(3)).unwrap();
        let b = train_test_split(&numbered(50), 0.25, &mut seeded_rng(3)).unwrap();
        let c = train_test_split(&numbered(50), 0.25, &mut seeded_rng(4)).unwrap();
        assert_eq!(a, b);
        assert_ne!(a.1, c.1);
    }

    #[test]
    fn fractions_outside_zero_one_are_errors() {
        for bad in [0.0, 1.0, -0.5, f64::NAN] {
            let e = train_test_split(&numbered(10), bad, &mut seeded_rng(0)).unwrap_err();
            assert!(e.to_string().starts_with("invalid test fraction"), "{e}");
        }
        assert!(train_test_split(&numbered(1), 0.5, &mut seeded_rng(0)).is_err());
    }

    #[test]
    fn three_way_split_keeps_the_two_way_test_rows_and_partitions_the_rest() {
        let data = numbered(1797);
        let (train2, test2) = train_test_split(&data, 0.25, &mut seeded_rng(5)).unwrap();
        let (train, validation, test) =
            train_validation_test_split(&data, 0.25, 0.2, &mut seeded_rng(5)).unwrap();
        assert_eq!(test, test2, "same seed, same test rows");
        assert_eq!(
            (train.len(), validation.len(), test.len()),
            (1077, 270, 450)
        );
        let sorted = |sets: &[&Dataset]| {
            let mut v: Vec<f64> = sets.iter().flat_map(|d| d.features().to_vec()).collect();
            v.sort_by(f64::total_cmp);
            v
        };
        assert_eq!(sorted(&[&train, &validation]), sorted(&[&train2]));
        let e = train_validation_test_split(&data, 0.25, 1.5, &mut seeded_rng(5)).unwrap_err();
        assert!(
            e.to_string().starts_with("invalid validation fraction"),
            "{e}"
        );
    }
}
