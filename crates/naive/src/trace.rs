//! One training step, number by number: every weighted sum, activation,
//! delta, change and weight update of one `feed_forward` + `back_propagate`,
//! recorded from the network's own functions (no second copy of the maths).
//!
//! The `naive_step_through` example prints it; a top-level test checks that the
//! `improved` crate records the same numbers in its naive-equivalent setting.

use std::fmt::Write;

use crate::{MlpNeuralNetwork, NetworkError};

/// Everything one training step computed, in the article's names.
#[derive(Debug, Clone, PartialEq)]
pub struct StepTrace {
    /// The pattern's inputs and targets, and the learning rate `n`.
    pub inputs: Vec<f64>,
    pub targets: Vec<f64>,
    pub rate: f64,
    /// Input activations (the inputs, then the bias 1.0).
    pub ai: Vec<f64>,
    /// Weighted sum entering each hidden unit, and its activation.
    pub hidden_sums: Vec<f64>,
    pub ah: Vec<f64>,
    /// Weighted sum entering each output unit, and its activation.
    pub output_sums: Vec<f64>,
    pub ao: Vec<f64>,
    /// `dsigmoid(ao[k]) * -(targets[k] - ao[k])`.
    pub output_deltas: Vec<f64>,
    /// `dsigmoid(ah[j]) * sum over k of output_deltas[k] * wo[j][k]`.
    pub hidden_deltas: Vec<f64>,
    /// `wo`, and the previous changes `co`, before the step.
    pub wo_before: Vec<Vec<f64>>,
    pub co_before: Vec<Vec<f64>>,
    /// This step's changes `output_deltas[k] * ah[j]`, and `wo` after the step.
    pub wo_changes: Vec<Vec<f64>>,
    pub wo_after: Vec<Vec<f64>>,
    /// The same for the input-to-hidden weights.
    pub wi_before: Vec<Vec<f64>>,
    pub ci_before: Vec<Vec<f64>>,
    pub wi_changes: Vec<Vec<f64>>,
    pub wi_after: Vec<Vec<f64>>,
    /// The error `back_propagate` returned.
    pub error: f64,
}

/// Runs one `feed_forward` and one `back_propagate` on `net`, recording
/// every intermediate value.
///
/// # Errors
/// As [`MlpNeuralNetwork::feed_forward`] and [`MlpNeuralNetwork::back_propagate`].
pub fn trace_step(
    net: &mut MlpNeuralNetwork,
    inputs: &[f64],
    targets: &[f64],
    n: f64,
) -> Result<StepTrace, NetworkError> {
    net.feed_forward(inputs)?;
    let hidden_sums = (0..net.hidden).map(|j| net.hidden_sum(j)).collect();
    let output_sums = (0..net.output).map(|k| net.output_sum(k)).collect();
    let (wo_before, co_before, wi_before, ci_before) = (
        net.wo.clone(),
        net.co.clone(),
        net.wi.clone(),
        net.ci.clone(),
    );
    let (ai, ah, ao) = (net.ai.clone(), net.ah.clone(), net.ao.clone());
    if targets.len() != net.output {
        return Err(NetworkError::WrongTargets {
            expected: net.output,
            got: targets.len(),
        });
    }
    let output_deltas = net.output_deltas(targets);
    let hidden_deltas = net.hidden_deltas(&output_deltas);
    let error = net.back_propagate(targets, n)?;
    Ok(StepTrace {
        inputs: inputs.to_vec(),
        targets: targets.to_vec(),
        rate: n,
        ai,
        hidden_sums,
        ah,
        output_sums,
        ao,
        output_deltas,
        hidden_deltas,
        wo_before,
        co_before,
        wo_changes: net.co.clone(),
        wo_after: net.wo.clone(),
        wi_before,
        ci_before,
        wi_changes: net.ci.clone(),
        wi_after: net.wi.clone(),
        error,
    })
}

// ANCHOR: render_trace
/// Prints a step the way the article computes it: one line per unit or
/// weight, each with its formula filled in (values to 6 decimals).
pub fn render(trace: &StepTrace) -> String {
    let t = trace;
    let mut s = String::new();
    let _ = writeln!(s, "Feed forward (P1.3)");
    render_inputs(&mut s, t);
    render_hidden_units(&mut s, t);
    render_output_units(&mut s, t);
    let _ = writeln!(s, "Back propagate (P1.4), n = {}", t.rate);
    render_output_deltas(&mut s, t);
    render_hidden_deltas(&mut s, t);
    let wo = [&t.wo_before, &t.co_before, &t.wo_changes, &t.wo_after];
    render_updates(&mut s, ("wo", "co", "output_deltas[k]*ah[j]"), wo, t.rate);
    let wi = [&t.wi_before, &t.ci_before, &t.wi_changes, &t.wi_after];
    render_updates(&mut s, ("wi", "ci", "hidden_deltas[j]*ai[i]"), wi, t.rate);
    let _ = writeln!(
        s,
        "  error = sum of 0.5*(targets[k] - ao[k])^2 = {:.6}",
        t.error
    );
    s
}

/// The input activations `ai`, the last one the bias.
fn render_inputs(s: &mut String, t: &StepTrace) {
    for (i, a) in t.ai.iter().enumerate() {
        let what = if i + 1 == t.ai.len() {
            "bias, always 1"
        } else {
            "input"
        };
        let _ = writeln!(s, "  ai[{i}] = {a:.6}   ({what})");
    }
}

/// Each hidden unit j: its sum of `ai[i]*wi[i][j]`, then `ah[j] = sigmoid(sum)`.
fn render_hidden_units(s: &mut String, t: &StepTrace) {
    for j in 0..t.ah.len() {
        let terms: Vec<String> = (0..t.ai.len())
            .map(|i| format!("{:.6}*{:.6}", t.ai[i], t.wi_before[i][j]))
            .collect();
        let _ = writeln!(
            s,
            "  hidden sum[{j}] = {} = {:.6}",
            terms.join(" + "),
            t.hidden_sums[j]
        );
        let _ = writeln!(
            s,
            "  ah[{j}] = sigmoid({:.6}) = {:.6}",
            t.hidden_sums[j], t.ah[j]
        );
    }
}

/// Each output unit k: its sum of `ah[j]*wo[j][k]`, then `ao[k] = sigmoid(sum)`.
fn render_output_units(s: &mut String, t: &StepTrace) {
    for k in 0..t.ao.len() {
        let terms: Vec<String> = (0..t.ah.len())
            .map(|j| format!("{:.6}*{:.6}", t.ah[j], t.wo_before[j][k]))
            .collect();
        let _ = writeln!(
            s,
            "  output sum[{k}] = {} = {:.6}",
            terms.join(" + "),
            t.output_sums[k]
        );
        let _ = writeln!(
            s,
            "  ao[{k}] = sigmoid({:.6}) = {:.6}",
            t.output_sums[k], t.ao[k]
        );
    }
}

/// Each output delta: `dsigmoid(ao[k]) * -(targets[k] - ao[k])`.
fn render_output_deltas(s: &mut String, t: &StepTrace) {
    for k in 0..t.ao.len() {
        let (ao, tk) = (t.ao[k], t.targets[k]);
        let _ = writeln!(
            s,
            "  output_deltas[{k}] = dsigmoid({ao:.6}) * -({tk:.6} - {ao:.6}) = {:.6}",
            t.output_deltas[k]
        );
    }
}

/// Each hidden delta: `dsigmoid(ah[j])` times the sum of
/// `output_deltas[k]*wo[j][k]` over the outputs.
fn render_hidden_deltas(s: &mut String, t: &StepTrace) {
    for j in 0..t.ah.len() {
        let terms: Vec<String> = (0..t.ao.len())
            .map(|k| format!("{:.6}*{:.6}", t.output_deltas[k], t.wo_before[j][k]))
            .collect();
        let _ = writeln!(
            s,
            "  hidden_deltas[{j}] = dsigmoid({:.6}) * ({}) = {:.6}",
            t.ah[j],
            terms.join(" + "),
            t.hidden_deltas[j]
        );
    }
}
// ANCHOR_END: render_trace

/// One line per weight: its change, and `before - (n*change + previous) = after`.
fn render_updates(
    s: &mut String,
    (w, c, change): (&str, &str, &str),
    [before, previous, changes, after]: [&Vec<Vec<f64>>; 4],
    n: f64,
) {
    let _ = writeln!(
        s,
        "  {w} update: change = {change}; {w} -= n*change + {c} (previous change); {c} = change"
    );
    for r in 0..before.len() {
        for q in 0..before[r].len() {
            let _ = writeln!(
                s,
                "    {w}[{r}][{q}]: change {:.6}; {:.6} - ({n}*{:.6} + {:.6}) = {:.6}",
                changes[r][q], before[r][q], changes[r][q], previous[r][q], after[r][q]
            );
        }
    }
}

/// The step-through network: 2 inputs + bias -> 3 hidden -> 2 outputs with
/// hand-picked weights, and the one pattern it learns. The `improved`
/// crate's step-through starts from the same numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct TinyNetwork {
    /// (2 inputs + bias) x 3 hidden, bias row last.
    pub wi: Vec<Vec<f64>>,
    /// 3 hidden x 2 outputs.
    pub wo: Vec<Vec<f64>>,
    pub inputs: [f64; 2],
    pub targets: [f64; 2],
}

/// The hand-picked step-through network.
pub fn tiny_network() -> TinyNetwork {
    TinyNetwork {
        wi: vec![
            vec![0.15, -0.25, 0.30],
            vec![0.20, 0.10, -0.35],
            vec![0.05, 0.05, -0.10],
        ],
        wo: vec![vec![0.40, -0.30], vec![0.45, 0.20], vec![-0.50, 0.35]],
        inputs: [1.0, 0.5],
        targets: [1.0, 0.0],
    }
}
