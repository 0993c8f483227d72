//! What both graders' proofs share: a grade must fail with given words, or pass.

use exercises::graders::Grade;

/// The grade must fail, and its message must contain `words`.
pub fn fails_with(grade: Grade, words: &str) {
    match grade {
        Ok(()) => panic!("the grader accepted a wrong answer; it should have said {words:?}"),
        Err(failure) => {
            let text = failure.to_string();
            assert!(
                text.contains(words),
                "the failure should say {words:?}; it says:\n{text}"
            );
        }
    }
}

/// The grade must pass.
pub fn passes(grade: Grade) {
    if let Err(failure) = grade {
        panic!("the grader rejected a right answer:\n{failure}");
    }
}
