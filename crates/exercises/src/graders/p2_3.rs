//! Grader for lesson P2.3: a seeded shuffle.
//!
//! A shuffle has no single right output, so this grader checks what every
//! right answer has: it is a permutation, the same seed gives the same
//! order, the rng is really used, and every order is equally likely.

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;

use super::{Exercise, Grade, Wrong};

/// The shuffles of three elements counted by the fairness check.
const TRIES: usize = 60_000;

/// Grades `shuffle`: edge cases, permutation, seeding, fairness.
pub fn shuffle(yours: impl Fn(&mut [usize], &mut Xoshiro256PlusPlus)) -> Grade {
    let exercise = Exercise::new("p2_3", "shuffle");
    let run = |n: usize, seed: u64| {
        let mut order: Vec<usize> = (0..n).collect();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        exercise.run(|| yours(&mut order, &mut rng)).map(|()| order)
    };
    run(0, 1)?;
    run(1, 1)?;
    let order = run(20, 1)?;
    check_permutation(&exercise, &order)?;
    check_seeded(&exercise, &order, &run(20, 1)?, &run(20, 2)?)?;
    let mut counts = [0usize; 6];
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
    for _ in 0..TRIES {
        let mut order = [0, 1, 2];
        exercise.run(|| yours(&mut order, &mut rng))?;
        counts[permutation_index(order)] += 1;
    }
    check_fair(&exercise, &counts)
}

/// The elements must be exactly 0..n, each once.
fn check_permutation(exercise: &Exercise, order: &[usize]) -> Grade {
    let n = order.len();
    let mut seen = vec![0usize; n];
    for &v in order.iter().filter(|&&v| v < n) {
        seen[v] += 1;
    }
    let twice: Vec<usize> = (0..n).filter(|&v| seen[v] > 1).collect();
    let missing: Vec<usize> = (0..n).filter(|&v| seen[v] == 0).collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(exercise.wrong(Wrong {
        input: "order = [0, 1, ..., 19], seed 1",
        expected: "a permutation: each of 0..=19 exactly once".to_string(),
        got: format!("order = {order:?}: {twice:?} more than once, {missing:?} missing"),
        hint: "not a permutation: swap two elements (order.swap(a, b)) instead of copying \
               one over the other",
    }))
}

/// The same seed gives the same order; another seed another order; and the
/// order did change.
fn check_seeded(exercise: &Exercise, order: &[usize], again: &[usize], other: &[usize]) -> Grade {
    let identity: Vec<usize> = (0..order.len()).collect();
    let (expected, hint) = if order != again {
        (
            "the same order twice from seed 1",
            "draw only from the rng argument; do not create a generator of your own",
        )
    } else if order == identity {
        (
            "a shuffled order",
            "nothing moved: swap each position with the one you picked",
        )
    } else if order == other {
        (
            "different orders from seeds 1 and 2",
            "draw from the rng argument: yours ignores it",
        )
    } else {
        return Ok(());
    };
    Err(exercise.wrong(Wrong {
        input: "order = [0, 1, ..., 19], seeds 1 and 2",
        expected: expected.to_string(),
        got: format!("{order:?} (seed 1), {again:?} (seed 1 again), {other:?} (seed 2)"),
        hint,
    }))
}

/// Each of the 6 orders of three elements must come about TRIES / 6 times.
/// The chi-square statistic of a fair shuffle stays below 35 (5 degrees of
/// freedom) except about once in a million runs.
fn check_fair(exercise: &Exercise, counts: &[usize; 6]) -> Grade {
    let expected = TRIES as f64 / 6.0;
    let chi_square: f64 = counts
        .iter()
        .map(|&c| (c as f64 - expected).powi(2) / expected)
        .sum();
    if chi_square < 35.0 {
        return Ok(());
    }
    let hint = if counts.contains(&0) {
        "some orders never come out: when you fill position i, pick among ALL the \
         positions not placed yet, i included (an element may stay where it is)"
    } else {
        "some orders come out more often than others: picking the partner from the whole \
         slice at every step is biased; pick only among the positions not placed yet"
    };
    Err(exercise.wrong(Wrong {
        input: &format!("order = [0, 1, 2], shuffled {TRIES} times from seed 3"),
        expected: format!("each of the 6 orders about {expected:.0} times"),
        got: format!("{counts:?} (orders 012, 021, 102, 120, 201, 210)"),
        hint,
    }))
}

/// Which of the six orders of [0, 1, 2] this is, in lexicographic order.
fn permutation_index(order: [usize; 3]) -> usize {
    match order {
        [0, 1, 2] => 0,
        [0, 2, 1] => 1,
        [1, 0, 2] => 2,
        [1, 2, 0] => 3,
        [2, 0, 1] => 4,
        _ => 5,
    }
}
