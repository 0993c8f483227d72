//! Accuracy, confusion matrix and a classification report (article P1.6).
//!
//! The report reproduces scikit-learn's `classification_report`: the same
//! numbers for the same predictions (0.0 where a class was never predicted,
//! as scikit-learn's default `zero_division` gives) and the same layout.

use std::fmt;

use crate::DataError;

/// Fraction of predictions equal to the truth.
///
/// # Errors
/// Empty input, or slices of different lengths.
pub fn accuracy(truth: &[usize], predicted: &[usize]) -> Result<f64, DataError> {
    check_lengths(truth, predicted)?;
    let hits = truth.iter().zip(predicted).filter(|(t, p)| t == p).count();
    Ok(hits as f64 / truth.len() as f64)
}

/// The mean and the sample standard deviation (divided by `n - 1`) of
/// several runs' results, as the tables report them: `mean ± sd`.
/// One value has sd 0; no value gives `(NaN, NaN)`.
pub fn mean_sd(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let sd = if values.len() > 1 {
        (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
    } else if values.len() == 1 {
        0.0
    } else {
        f64::NAN
    };
    (mean, sd)
}

/// `matrix[t][p]` counts the rows of true class `t` predicted as `p`.
///
/// # Errors
/// Empty input, slices of different lengths, or a label `>= n_classes`.
pub fn confusion_matrix(
    truth: &[usize],
    predicted: &[usize],
    n_classes: usize,
) -> Result<Vec<Vec<usize>>, DataError> {
    check_lengths(truth, predicted)?;
    let mut matrix = vec![vec![0; n_classes]; n_classes];
    for (row, (&t, &p)) in truth.iter().zip(predicted).enumerate() {
        let label = t.max(p);
        if label >= n_classes {
            return Err(DataError::LabelOutOfRange {
                row,
                label,
                classes: n_classes,
            });
        }
        matrix[t][p] += 1;
    }
    Ok(matrix)
}

/// Precision, recall, f1 and support of one class or of an average.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// Of the rows predicted as this class, the fraction that were.
    pub precision: f64,
    /// Of the rows of this class, the fraction predicted as it.
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
    /// Number of rows of this class (for an average: all rows).
    pub support: usize,
}

/// Per-class scores plus accuracy, macro and weighted averages.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassificationReport {
    /// `(class, scores)` for every class present in the truth or the predictions,
    /// in increasing order, as scikit-learn lists them.
    pub classes: Vec<(usize, Scores)>,
    /// Fraction of correct predictions.
    pub accuracy: f64,
    /// Unweighted mean of the per-class scores.
    pub macro_avg: Scores,
    /// Mean of the per-class scores weighted by support.
    pub weighted_avg: Scores,
}

impl ClassificationReport {
    /// Scores `predicted` against `truth`.
    ///
    /// # Errors
    /// Empty input or slices of different lengths.
    pub fn new(truth: &[usize], predicted: &[usize]) -> Result<Self, DataError> {
        let accuracy = accuracy(truth, predicted)?;
        let mut labels: Vec<usize> = truth.iter().chain(predicted).copied().collect();
        labels.sort_unstable();
        labels.dedup();
        let classes: Vec<(usize, Scores)> = labels
            .iter()
            .map(|&c| (c, class_scores(c, truth, predicted)))
            .collect();
        let n = classes.len() as f64;
        let total = truth.len();
        let average = |weight: &dyn Fn(&Scores) -> f64| Scores {
            precision: classes.iter().map(|(_, s)| s.precision * weight(s)).sum(),
            recall: classes.iter().map(|(_, s)| s.recall * weight(s)).sum(),
            f1: classes.iter().map(|(_, s)| s.f1 * weight(s)).sum(),
            support: total,
        };
        let macro_avg = average(&|_| 1.0 / n);
        let weighted_avg = average(&|s| s.support as f64 / total as f64);
        Ok(ClassificationReport {
            classes,
            accuracy,
            macro_avg,
            weighted_avg,
        })
    }
}

/// The numbers every example's `--json` line starts with.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Summary {
    /// Fraction of correct predictions.
    pub accuracy: f64,
    /// Unweighted means over the classes.
    pub macro_precision: f64,
    pub macro_recall: f64,
    pub macro_f1: f64,
    /// f1 averaged with each class weighted by its support.
    pub weighted_f1: f64,
}

impl ClassificationReport {
    /// Accuracy and the averages, for JSON output.
    pub fn summary(&self) -> Summary {
        Summary {
            accuracy: self.accuracy,
            macro_precision: self.macro_avg.precision,
            macro_recall: self.macro_avg.recall,
            macro_f1: self.macro_avg.f1,
            weighted_f1: self.weighted_avg.f1,
        }
    }
}

fn class_scores(class: usize, truth: &[usize], predicted: &[usize]) -> Scores {
    let pairs = || truth.iter().zip(predicted);
    let true_pos = pairs().filter(|&(&t, &p)| t == class && p == class).count() as f64;
    let predicted_pos = predicted.iter().filter(|&&p| p == class).count() as f64;
    let support = truth.iter().filter(|&&t| t == class).count();
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    let precision = ratio(true_pos, predicted_pos);
    let recall = ratio(true_pos, support as f64);
    let f1 = ratio(2.0 * precision * recall, precision + recall);
    Scores {
        precision,
        recall,
        f1,
        support,
    }
}

fn check_lengths(truth: &[usize], predicted: &[usize]) -> Result<(), DataError> {
    if truth.is_empty() {
        return Err(DataError::Empty {
            what: "the list of true labels".into(),
        });
    }
    if truth.len() != predicted.len() {
        return Err(DataError::LengthMismatch {
            what: "predictions (one per true label)",
            expected: truth.len(),
            got: predicted.len(),
        });
    }
    Ok(())
}

/// Lays the report out exactly like scikit-learn's `classification_report`
/// with two digits.
impl fmt::Display for ClassificationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let w = "weighted avg".len();
        let row = |f: &mut fmt::Formatter<'_>, name: &str, s: &Scores| {
            writeln!(
                f,
                "{name:>w$}  {:>9.2} {:>9.2} {:>9.2} {:>9}",
                s.precision, s.recall, s.f1, s.support
            )
        };
        writeln!(
            f,
            "{:>w$}  {:>9} {:>9} {:>9} {:>9}",
            "", "precision", "recall", "f1-score", "support"
        )?;
        writeln!(f)?;
        for (class, scores) in &self.classes {
            row(f, &class.to_string(), scores)?;
        }
        writeln!(f)?;
        let total = self.macro_avg.support;
        writeln!(
            f,
            "{:>w$}  {:>9} {:>9} {:>9.2} {:>9}",
            "accuracy", "", "", self.accuracy, total
        )?;
        row(f, "macro avg", &self.macro_avg)?;
        row(f, "weighted avg", &self.weighted_avg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Truth and predictions small enough to score by hand.
    const TRUTH: [usize; 6] = [0, 0, 1, 1, 1, 2];
    const PRED: [usize; 6] = [0, 1, 1, 1, 0, 1];

    #[test]
    fn accuracy_counts_matches() {
        assert_eq!(accuracy(&TRUTH, &PRED).unwrap(), 3.0 / 6.0);
    }

    #[test]
    fn confusion_matrix_rows_are_truth_columns_predictions() {
        let m = confusion_matrix(&TRUTH, &PRED, 3).unwrap();
        assert_eq!(m, vec![vec![1, 1, 0], vec![1, 2, 0], vec![0, 1, 0]]);
    }

    #[test]
    fn per_class_scores_match_hand_counts() {
        let r = ClassificationReport::new(&TRUTH, &PRED).unwrap();
        // Class 1: predicted 4 times, 2 right; 3 true rows.
        let (p, rec) = (2.0 / 4.0, 2.0 / 3.0);
        let s1 = r.classes[1].1;
        assert_eq!((s1.precision, s1.recall, s1.support), (p, rec, 3));
        assert_eq!(s1.f1, 2.0 * p * rec / (p + rec));
        // Class 2 is never predicted: precision and f1 are 0, not NaN.
        assert_eq!(
            r.classes[2].1,
            Scores {
                precision: 0.0,
                recall: 0.0,
                f1: 0.0,
                support: 1
            }
        );
    }

    #[test]
    fn averages_are_plain_and_support_weighted_means() {
        let r = ClassificationReport::new(&TRUTH, &PRED).unwrap();
        let f1: Vec<f64> = r.classes.iter().map(|(_, s)| s.f1).collect();
        assert!((r.macro_avg.f1 - (f1[0] + f1[1] + f1[2]) / 3.0).abs() < 1e-15);
        let weighted = (2.0 * f1[0] + 3.0 * f1[1] + f1[2]) / 6.0;
        assert!((r.weighted_avg.f1 - weighted).abs() < 1e-15);
        assert_eq!(r.macro_avg.support, 6);
    }

    #[test]
    fn report_lists_classes_seen_in_truth_or_predictions() {
        let r = ClassificationReport::new(&[3, 3], &[3, 5]).unwrap();
        let classes: Vec<usize> = r.classes.iter().map(|(c, _)| *c).collect();
        assert_eq!(classes, vec![3, 5]);
    }

    #[test]
    fn bad_lengths_and_labels_are_errors() {
        assert!(accuracy(&[], &[]).is_err());
        let e = accuracy(&[1, 2], &[1]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "predictions (one per true label): expected 2, got 1"
        );
        let e = confusion_matrix(&[0, 4], &[0, 0], 3).unwrap_err();
        assert!(matches!(
            e,
            DataError::LabelOutOfRange {
                row: 1,
                label: 4,
                classes: 3
            }
        ));
    }

    #[test]
    fn json_summary_holds_accuracy_and_macro_averages() {
        let r = ClassificationReport::new(&[0, 1], &[0, 0]).unwrap();
        let json = serde_json::to_string(&r.summary()).unwrap();
        assert!(
            json.starts_with(r#"{"accuracy":0.5,"macro_precision":0.25,"macro_recall":0.5,"#),
            "{json}"
        );
    }

    #[test]
    fn mean_sd_uses_the_sample_standard_deviation() {
        let (mean, sd) = mean_sd(&[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(mean, 2.5);
        assert!((sd - (5.0_f64 / 3.0).sqrt()).abs() < 1e-15, "{sd}");
        assert_eq!(mean_sd(&[0.7]), (0.7, 0.0));
        assert!(mean_sd(&[]).0.is_nan());
    }

    #[test]
    fn report_layout_matches_scikit_learn() {
        let r = ClassificationReport::new(&TRUTH, &PRED).unwrap();
        insta::assert_snapshot!(r.to_string());
    }
}
