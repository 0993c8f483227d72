use crate::{MlpNeuralNetwork, NetworkError};

/// The error of one training iteration (one pass over all patterns).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IterationError {
    /// The error of the last pattern of the pass: what the article printed.
    pub last_pattern: f64,
    /// The mean error over all patterns of the pass: what a loss curve shows.
    pub mean: f64,
}

/// Checks a run's settings before any work, as `improved`'s
/// `Config::validate` does for part 2: at least one pass over the patterns
/// (`passes_flag` names the flag: iterations or epochs) and a learning rate
/// `n` that is a finite number `>= 0`.
///
/// A rate of 0 is allowed on purpose: with the article's update rule
/// (P1.4: `w -= n * change + c`, the previous change `c` at full size) the
/// network still learns, which lesson P1.4 asks the reader to try. It comes
/// back as a one-line notice, so it is never silent.
///
/// # Errors
/// [`NetworkError::Invalid`] naming the flag, what was expected and what came.
pub fn check_run(
    passes_flag: &'static str,
    passes: u64,
    n: f64,
) -> Result<Option<String>, NetworkError> {
    if passes == 0 {
        return Err(NetworkError::Invalid {
            name: passes_flag,
            expected: "at least 1",
            got: "0".into(),
        });
    }
    if !(n.is_finite() && n >= 0.0) {
        return Err(NetworkError::Invalid {
            name: "--rate",
            expected: "a finite number >= 0",
            got: n.to_string(),
        });
    }
    Ok((n == 0.0).then(|| {
        "note: --rate 0: every step still subtracts the previous pattern's change at full \
         size (the article's rule), so the network still learns (lesson P1.4)"
            .to_string()
    }))
}

impl MlpNeuralNetwork {
    /// Article P1.5 (`train`): `iterations` passes over the patterns, in the
    /// order given; for each pattern, feed forward then back propagate with
    /// learning rate `n` (the article's defaults: 3000 iterations, `n = 0.0002`).
    ///
    /// Returns the error of every iteration. The article printed one number
    /// every 500 iterations, and that number was the *last pattern's* error
    /// (its loop assigns `error = ...` instead of adding), so it jumps around
    /// with whichever pattern happens to be last. We return both that number
    /// and the mean over all patterns.
    ///
    /// # Errors
    /// No patterns, wrong lengths or non-finite values in a pattern, or a
    /// diverging run (the error or a weight stops being a finite number,
    /// checked after every pattern and every pass respectively).
    pub fn train(
        &mut self,
        patterns: &[(Vec<f64>, Vec<f64>)],
        iterations: usize,
        n: f64,
    ) -> Result<Vec<IterationError>, NetworkError> {
        self.train_with(patterns, iterations, n, |_, _| {})
    }

    // ANCHOR: train
    /// [`train`](Self::train), calling `after_iteration(i, &error)` after
    /// every pass (the digits example uses it to print progress).
    ///
    /// # Errors
    /// As [`train`](Self::train).
    pub fn train_with(
        &mut self,
        patterns: &[(Vec<f64>, Vec<f64>)],
        iterations: usize,
        n: f64,
        mut after_iteration: impl FnMut(usize, &IterationError),
    ) -> Result<Vec<IterationError>, NetworkError> {
        if patterns.is_empty() {
            return Err(NetworkError::NoPatterns);
        }
        // Grows with the iterations actually run: sizing it from the count
        // asked for would claim memory (or overflow) before any work is done.
        let mut history = Vec::new();
        for i in 0..iterations {
            let mut error = 0.0;
            let mut total = 0.0;
            for (p, (inputs, targets)) in patterns.iter().enumerate() {
                self.feed_forward(inputs)?;
                error = self.back_propagate(targets, n)?;
                if !error.is_finite() {
                    return Err(NetworkError::Diverged {
                        iteration: i,
                        pattern: p,
                    });
                }
                total += error;
            }
            if !self.weights_are_finite() {
                return Err(NetworkError::Diverged {
                    iteration: i,
                    pattern: patterns.len() - 1,
                });
            }
            let iteration = IterationError {
                last_pattern: error,
                mean: total / patterns.len() as f64,
            };
            after_iteration(i, &iteration);
            history.push(iteration);
        }
        Ok(history)
    }
    // ANCHOR_END: train

    /// True while no weight has overflowed to infinity or become NaN.
    pub fn weights_are_finite(&self) -> bool {
        self.wi
            .iter()
            .chain(&self.wo)
            .flatten()
            .all(|w| w.is_finite())
    }

    // ANCHOR: predict
    /// Article P1.5 (`predict`): feeds every row forward and collects the
    /// output activations. The predicted class is the largest output.
    ///
    /// # Errors
    /// A row with the wrong number of inputs or a non-finite value.
    pub fn predict<R: AsRef<[f64]>>(
        &mut self,
        rows: impl IntoIterator<Item = R>,
    ) -> Result<Vec<Vec<f64>>, NetworkError> {
        let mut predictions = Vec::new();
        for row in rows {
            predictions.push(self.feed_forward(row.as_ref())?);
        }
        Ok(predictions)
    }
    // ANCHOR_END: predict
}
