//! The classification report equals scikit-learn's, number for number and
//! character for character, on predictions whose reports scikit-learn wrote
//! into `fixtures/sklearn_reports.txt` (see the header of that file).

use data::metrics::{ClassificationReport, Scores};

struct Case {
    name: String,
    truth: Vec<usize>,
    predicted: Vec<usize>,
    classes: Vec<(usize, Scores)>,
    averages: Vec<(String, [f64; 3])>,
    accuracy: f64,
    report: String,
}

fn numbers<T: std::str::FromStr>(words: &[&str]) -> Vec<T> {
    words
        .iter()
        .map(|w| w.parse().ok().expect("a number in the fixture"))
        .collect()
}

fn read_cases() -> Vec<Case> {
    let text = include_str!("fixtures/sklearn_reports.txt");
    let mut cases: Vec<Case> = Vec::new();
    let mut in_report = false;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let case = cases.last_mut();
        if in_report {
            let case = case.expect("a report inside a case");
            if line == "end" {
                in_report = false;
            } else {
                case.report.push_str(line);
                case.report.push('\n');
            }
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        match (words[0], case) {
            ("case", _) => cases.push(Case {
                name: words[1].into(),
                truth: vec![],
                predicted: vec![],
                classes: vec![],
                averages: vec![],
                accuracy: f64::NAN,
                report: String::new(),
            }),
            ("truth", Some(c)) => c.truth = numbers(&words[1..]),
            ("predicted", Some(c)) => c.predicted = numbers(&words[1..]),
            ("class", Some(c)) => {
                let v: Vec<f64> = numbers(&words[2..5]);
                let scores = Scores {
                    precision: v[0],
                    recall: v[1],
                    f1: v[2],
                    support: numbers(&words[5..])[0],
                };
                c.classes.push((numbers(&words[1..2])[0], scores));
            }
            ("macro" | "weighted", Some(c)) => {
                let v: Vec<f64> = numbers(&words[1..]);
                c.averages.push((words[0].into(), [v[0], v[1], v[2]]));
            }
            ("accuracy", Some(c)) => c.accuracy = numbers(&words[1..])[0],
            ("report", Some(_)) => in_report = true,
            _ => panic!("unexpected fixture line {line:?}"),
        }
    }
    cases
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12
}

#[test]
fn fixture_has_the_cases_it_promises() {
    let cases = read_cases();
    assert_eq!(cases.len(), 2);
    assert!(
        cases
            .iter()
            .all(|c| c.truth.len() == c.predicted.len() && !c.report.is_empty())
    );
}

#[test]
fn per_class_scores_equal_scikit_learns() {
    for case in read_cases() {
        let ours = ClassificationReport::new(&case.truth, &case.predicted).unwrap();
        assert_eq!(ours.classes.len(), case.classes.len(), "{}", case.name);
        for ((c, s), (ec, e)) in ours.classes.iter().zip(&case.classes) {
            assert_eq!((c, s.support), (ec, e.support), "{}", case.name);
            let pairs = [
                (s.precision, e.precision),
                (s.recall, e.recall),
                (s.f1, e.f1),
            ];
            assert!(
                pairs.iter().all(|(a, b)| close(*a, *b)),
                "{} class {c}: {s:?} vs {e:?}",
                case.name
            );
        }
    }
}

#[test]
fn averages_and_accuracy_equal_scikit_learns() {
    for case in read_cases() {
        let ours = ClassificationReport::new(&case.truth, &case.predicted).unwrap();
        assert!(close(ours.accuracy, case.accuracy), "{}", case.name);
        for (name, expected) in &case.averages {
            let s = if name == "macro" {
                ours.macro_avg
            } else {
                ours.weighted_avg
            };
            let got = [s.precision, s.recall, s.f1];
            assert!(
                got.iter().zip(expected).all(|(a, b)| close(*a, *b)),
                "{name}: {got:?}"
            );
        }
    }
}

#[test]
fn report_text_equals_scikit_learns() {
    for case in read_cases() {
        let ours = ClassificationReport::new(&case.truth, &case.predicted).unwrap();
        assert_eq!(ours.to_string(), case.report, "{}", case.name);
    }
}
