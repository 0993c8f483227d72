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
}
