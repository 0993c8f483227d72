//! Grader for lesson P2.2: scaled initialization.
//!
//! Random numbers cannot be compared one by one with a reference (there is
//! more than one right way to draw them), so this grader measures what a
//! right answer must have: the shape, the same matrix for the same seed,
//! mean 0, spread `1/sqrt(rows)`, and the bell shape of a normal.

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;

use super::{Answer, Exercise, Grade, Wrong};

/// Big enough that the measured spread is within 1% of the true one.
const ROWS: usize = 400;
const COLUMNS: usize = 25;

/// Grades `scaled_init`: shape, reproducibility, mean, spread, bell shape.
pub fn scaled_init(
    yours: impl Fn(usize, usize, &mut Xoshiro256PlusPlus) -> Vec<Vec<f64>>,
) -> Grade {
    let exercise = Exercise::new("p2_2", "scaled_init");
    let draw = |seed: u64| {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        exercise.run(|| yours(ROWS, COLUMNS, &mut rng))
    };
    let w = draw(1)?;
    check_shape(&exercise, &w)?;
    check_seeded(&exercise, &w, &draw(1)?, &draw(2)?)?;
    let values: Vec<f64> = w.into_iter().flatten().collect();
    check_spread(&exercise, &values)?;
    check_mean(&exercise, &values)?;
    check_bell_shape(&exercise, &values)
}

fn input() -> String {
    format!("rows = {ROWS}, columns = {COLUMNS}, a generator seeded with 1")
}

fn check_shape(exercise: &Exercise, w: &Vec<Vec<f64>>) -> Grade {
    let expected = format!("{ROWS} rows of {COLUMNS} values");
    if w.shape() == expected {
        return Ok(());
    }
    Err(exercise.wrong(Wrong {
        input: &input(),
        expected,
        got: w.shape(),
        hint: "one row per input of the layer (rows), one value per unit it feeds (columns)",
    }))
}

/// The same seed gives the same matrix; another seed another matrix.
fn check_seeded(
    exercise: &Exercise,
    w: &Vec<Vec<f64>>,
    again: &Vec<Vec<f64>>,
    other_seed: &Vec<Vec<f64>>,
) -> Grade {
    let (expected, got, hint) = if w != again {
        (
            "the same matrix twice from the same seed",
            "two different matrices",
            "draw every number from the rng argument; do not create a generator of your own",
        )
    } else if w == other_seed {
        (
            "different matrices from seeds 1 and 2",
            "the same matrix",
            "draw every number from the rng argument: yours ignores it",
        )
    } else {
        return Ok(());
    };
    Err(exercise.wrong(Wrong {
        input: &input(),
        expected: expected.to_string(),
        got: got.to_string(),
        hint,
    }))
}

fn check_mean(exercise: &Exercise, values: &[f64]) -> Grade {
    let m = mean(values);
    // The mean of n draws of spread sd is within 5 * sd / sqrt(n) of the
    // true mean, except once in about three million tries.
    if m.abs() <= 5.0 * spread(values) / (values.len() as f64).sqrt() {
        return Ok(());
    }
    Err(exercise.wrong(Wrong {
        input: &input(),
        expected: "weights of mean about 0".to_string(),
        got: format!("a mean of {m:.4}"),
        hint: "draw from a normal distribution centred on 0 (mean 0)",
    }))
}

fn check_spread(exercise: &Exercise, values: &[f64]) -> Grade {
    let expected = 1.0 / (ROWS as f64).sqrt();
    let got = spread(values);
    if (got / expected - 1.0).abs() <= 0.05 {
        return Ok(());
    }
    let near = |target: f64| (got / target - 1.0).abs() <= 0.05;
    let hint = if near(1.0) {
        "these are standard-normal weights (spread 1): scale them by 1 / sqrt(rows)"
    } else if near(1.0 / ROWS as f64) {
        "your spread is 1 / rows: the standard deviation is 1 / sqrt(rows) (1 / rows is \
         the variance; or did you scale twice? Normal::new(0, sd) already multiplies by sd)"
    } else if near(1.0 / (COLUMNS as f64).sqrt()) {
        "you used the number of columns: the fan-in is the number of rows, the inputs \
         each unit sums"
    } else {
        "the standard deviation must be 1 / sqrt(rows)"
    };
    Err(exercise.wrong(Wrong {
        input: &input(),
        expected: format!("a spread (standard deviation) of 1/sqrt({ROWS}) = {expected:.4}"),
        got: format!("a spread of {got:.4}"),
        hint,
    }))
}

/// A normal puts about 68.3% of its draws within one spread of the mean
/// (a uniform of the same spread only 57.7%).
fn check_bell_shape(exercise: &Exercise, values: &[f64]) -> Grade {
    let sd = 1.0 / (ROWS as f64).sqrt();
    let inside = values.iter().filter(|v| v.abs() <= sd).count() as f64 / values.len() as f64;
    if (inside - 0.683).abs() <= 0.03 {
        return Ok(());
    }
    Err(exercise.wrong(Wrong {
        input: &input(),
        expected: "about 68% of the weights within one spread of 0, as for a normal".to_string(),
        got: format!("{:.1}%", 100.0 * inside),
        hint: "draw from a normal distribution (rand_distr::StandardNormal or Normal), \
               not a uniform one",
    }))
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

fn spread(values: &[f64]) -> f64 {
    let m = mean(values);
    let variance = values.iter().map(|v| (v - m).powi(2)).sum::<f64>() / values.len() as f64;
    variance.sqrt()
}
