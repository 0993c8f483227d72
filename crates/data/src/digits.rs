use std::io::Read;

use crate::{DataError, Dataset};

/// Rows in the digits set.
pub const DIGITS_ROWS: usize = 1797;
/// Features per digit: an 8x8 image, row after row, pixels 0..=16.
pub const DIGITS_FEATURES: usize = 64;
/// Classes: the digits 0 to 9.
pub const DIGITS_CLASSES: usize = 10;

/// The digits file, compressed, inside the binary (see `data/README.md`).
const DIGITS_CSV_GZ: &[u8] = include_bytes!("../../../data/digits.csv.gz");

/// The handwritten digits the article trains on (P1.6): 1797 images of 8x8
/// pixels with values 0..=16, and their labels 0..=9.
///
/// The data is embedded in the binary, so this works offline and on a fresh
/// clone. It is not ours: E. Alpaydin and C. Kaynak, *Optical Recognition of
/// Handwritten Digits*, UCI Machine Learning Repository (1998), CC BY 4.0, as
/// copied by scikit-learn (BSD-3-Clause); `data/README.md` has the details. Pixels are returned as they are (0..=16): scale them with
/// [`crate::MinMaxScaler`] or [`crate::Standardizer`].
///
/// # Errors
/// Only if the embedded file were corrupt.
pub fn digits() -> Result<Dataset, DataError> {
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(DIGITS_CSV_GZ)
        .read_to_string(&mut text)
        .map_err(|e| DataError::File {
            path: "data/digits.csv.gz".into(),
            message: e.to_string(),
        })?;
    let set = parse_csv(&text, DIGITS_CLASSES)?;
    if set.len() != DIGITS_ROWS || set.n_features() != DIGITS_FEATURES {
        return Err(DataError::File {
            path: "data/digits.csv.gz".into(),
            message: format!(
                "expected {DIGITS_ROWS} rows of {DIGITS_FEATURES} features, got {} rows of {}",
                set.len(),
                set.n_features()
            ),
        });
    }
    Ok(set)
}

/// Parses comma-separated rows: the features, then the label last.
/// No header; blank lines are skipped.
///
/// # Errors
/// A value that is not a number, a label that is not a whole number below
/// `n_classes`, rows of different lengths, or no rows at all.
pub fn parse_csv(text: &str, n_classes: usize) -> Result<Dataset, DataError> {
    let mut rows = Vec::new();
    let mut labels = Vec::new();
    for (index, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let line_no = index + 1;
        let mut values = line
            .split(',')
            .map(|v| {
                v.trim().parse::<f64>().map_err(|_| DataError::Parse {
                    line: line_no,
                    message: format!("expected a number, got {:?}", v.trim()),
                })
            })
            .collect::<Result<Vec<f64>, _>>()?;
        let label = values.pop().unwrap_or(f64::NAN);
        if values.is_empty() || label.fract() != 0.0 || label < 0.0 {
            return Err(DataError::Parse {
                line: line_no,
                message: format!("expected features then a whole-number label, got {line:?}"),
            });
        }
        rows.push(values);
        labels.push(label as usize);
    }
    Dataset::from_rows(&rows, labels, n_classes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_digits_have_1797_rows_of_64_pixels_0_to_16() {
        let d = digits().unwrap();
        assert_eq!((d.len(), d.n_features(), d.n_classes()), (1797, 64, 10));
        assert!(
            d.features()
                .iter()
                .all(|&p| (0.0..=16.0).contains(&p) && p.fract() == 0.0)
        );
        // Every digit appears; the set is roughly balanced (174 to 183 each).
        let mut counts = [0; 10];
        d.labels().iter().for_each(|&l| counts[l] += 1);
        assert!(
            counts.iter().all(|&c| (174..=183).contains(&c)),
            "{counts:?}"
        );
    }

    #[test]
    fn first_digit_is_the_zero_scikit_learn_shows() {
        let d = digits().unwrap();
        assert_eq!(d.labels()[0], 0);
        assert_eq!(&d.row(0)[..8], &[0.0, 0.0, 5.0, 13.0, 9.0, 1.0, 0.0, 0.0]);
    }

    #[test]
    fn csv_rows_end_with_their_label() {
        let d = parse_csv("1,2,0\n\n3,4,1\n", 2).unwrap();
        assert_eq!(d.features(), &[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(d.labels(), &[0, 1]);
    }

    #[test]
    fn csv_errors_name_the_line_and_what_was_expected() {
        let e = parse_csv("1,2,0\n1,x,1\n", 2).unwrap_err();
        assert_eq!(e.to_string(), "line 2: expected a number, got \"x\"");
        let e = parse_csv("1,2,0.5\n", 2).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("line 1: expected features then a whole-number label")
        );
        let e = parse_csv("1,2,0\n1,1\n", 2).unwrap_err();
        assert!(matches!(
            e,
            DataError::Ragged {
                row: 1,
                expected: 2,
                got: 1
            }
        ));
        let e = parse_csv("1,2,7\n", 2).unwrap_err();
        assert!(matches!(e, DataError::LabelOutOfRange { label: 7, .. }));
        assert!(matches!(parse_csv("", 2), Err(DataError::Empty { .. })));
    }
}
