//! One training step in matrix form: the same stages as `naive::trace`
//! (weighted sums, activations, deltas, changes, updates), each printed with
//! its equation and its shape, recorded from the network's own functions.
//!
//! With [`Config::naive_equivalent`](crate::Config::naive_equivalent) every
//! number equals `naive`'s trace of the same step (a top-level test checks it).

use std::fmt::Write;

use nalgebra::{DMatrix, DVector};

use crate::{Hidden, MlpNeuralNetwork, Momentum, NetworkError, Output, Sgd};

/// Everything one training step computed.
#[derive(Debug, Clone, PartialEq)]
pub struct StepTrace {
    /// The sample's targets and the learning rate of the step.
    pub targets: Vec<f64>,
    pub rate: f64,
    /// The configuration's switches that shape the step.
    pub hidden: Hidden,
    pub output: Output,
    pub momentum: Momentum,
    pub l2_in: f64,
    pub l2_out: f64,
    /// (inputs + 1): the inputs, then the bias 1.0.
    pub ai: DVector<f64>,
    /// (hidden): `wi^T ai`, and the activations of those sums.
    pub hidden_sums: DVector<f64>,
    pub ah: DVector<f64>,
    /// (output): `wo^T ah`, and the output layer's activations.
    pub output_sums: DVector<f64>,
    pub ao: DVector<f64>,
    /// (output) and (hidden).
    pub output_deltas: DVector<f64>,
    pub hidden_deltas: DVector<f64>,
    /// `wo` before; the previous step's change (article rule) or velocity
    /// (classical); this step's change `outer(ah, output_deltas)`; `wo` after.
    pub wo_before: DMatrix<f64>,
    pub co_before: DMatrix<f64>,
    pub wo_change: DMatrix<f64>,
    pub wo_after: DMatrix<f64>,
    /// The same for `wi`, with the change `outer(ai, hidden_deltas)`.
    pub wi_before: DMatrix<f64>,
    pub ci_before: DMatrix<f64>,
    pub wi_change: DMatrix<f64>,
    pub wi_after: DMatrix<f64>,
    /// The loss `back_propagate` returned.
    pub error: f64,
}

/// Runs one `feed_forward` and one `back_propagate`, recording every stage.
///
/// # Errors
/// As [`MlpNeuralNetwork::feed_forward`] and [`MlpNeuralNetwork::back_propagate`].
pub fn trace_step(
    net: &mut MlpNeuralNetwork,
    sgd: &mut Sgd,
    inputs: &[f64],
    targets: &[f64],
) -> Result<StepTrace, NetworkError> {
    net.feed_forward(inputs)?;
    let hidden_sums = net.wi().tr_mul(net.ai()); // (hidden)
    let output_sums = net.wo().tr_mul(net.ah()); // (output)
    let (ai, ah, ao) = (net.ai().clone(), net.ah().clone(), net.ao().clone());
    let (wo_before, co_before, wi_before, ci_before) = (
        net.wo().clone(),
        sgd.co().clone(),
        net.wi().clone(),
        sgd.ci().clone(),
    );
    let settings = sgd.settings();
    let error = net.back_propagate(targets, sgd)?;
    let output_deltas = net.last_output_deltas().clone();
    let hidden_deltas = net.last_hidden_deltas().clone();
    let architecture = net.architecture();
    Ok(StepTrace {
        targets: targets.to_vec(),
        rate: settings.learning_rate,
        hidden: architecture.hidden,
        output: architecture.output,
        momentum: settings.momentum,
        l2_in: settings.l2_in,
        l2_out: settings.l2_out,
        wo_change: &ah * output_deltas.transpose(), // (hidden) x (output)
        wi_change: &ai * hidden_deltas.transpose(), // (inputs + 1) x (hidden)
        ai,
        hidden_sums,
        ah,
        output_sums,
        ao,
        output_deltas,
        hidden_deltas,
        wo_before,
        co_before,
        wo_after: net.wo().clone(),
        wi_before,
        ci_before,
        wi_after: net.wi().clone(),
        error,
    })
}

// ANCHOR: render_matrix_trace
/// Prints a step stage by stage, each line an equation with its shapes and
/// its values (6 decimals), matrices row by row.
pub fn render(t: &StepTrace) -> String {
    let (n_in, n_hidden, n_out) = (t.ai.len(), t.ah.len(), t.ao.len());
    let hidden = t.hidden.name();
    let (output, delta) = match t.output {
        Output::Logistic => ("sigmoid", "dsigmoid(ao) * -(targets - ao)"),
        Output::Softmax => ("softmax", "-(targets - ao)"),
    };
    let momentum = match t.momentum {
        Momentum::Article(mu) => format!("article rule, mu = {mu}"),
        Momentum::Classical(mu) => format!("classical, mu = {mu}"),
    };
    let (ai, ah, ao) = (vector(&t.ai), vector(&t.ah), vector(&t.ao));
    let (sums_h, sums_o) = (vector(&t.hidden_sums), vector(&t.output_sums));
    let targets = vector(&DVector::from_column_slice(&t.targets));
    let (deltas_o, deltas_h) = (vector(&t.output_deltas), vector(&t.hidden_deltas));
    let wo_ah = format!("(({n_hidden}, {n_out}) x ({n_out}))");
    let lines = [
        "Feed forward (P1.3, P2.1)".to_string(),
        format!("  ai ({n_in}) = {ai}   (inputs, then the bias 1)"),
        format!(
            "  hidden sums = wi^T ai: ({n_in}, {n_hidden})^T x ({n_in}) = ({n_hidden}) = {sums_h}"
        ),
        format!("  ah = {hidden}(hidden sums) ({n_hidden}) = {ah}"),
        format!(
            "  output sums = wo^T ah: ({n_hidden}, {n_out})^T x ({n_hidden}) = ({n_out}) = {sums_o}"
        ),
        format!("  ao = {output}(output sums) ({n_out}) = {ao}"),
        format!(
            "Back propagate (P1.4, P2.4): learning rate {}, momentum {momentum}",
            t.rate
        ),
        format!("  targets ({n_out}) = {targets}"),
        format!("  output_deltas = {delta} ({n_out}) = {deltas_o}"),
        format!(
            "  hidden_deltas = d{hidden}(ah) * (wo @ output_deltas): ({n_hidden}) * {wo_ah} = ({n_hidden}) = {deltas_h}"
        ),
    ];
    let mut s = lines.join("\n") + "\n";
    let layers = [
        (
            ("wo", "co", "outer(ah, output_deltas)", t.l2_out),
            [&t.wo_before, &t.co_before, &t.wo_change, &t.wo_after],
        ),
        (
            ("wi", "ci", "outer(ai, hidden_deltas)", t.l2_in),
            [&t.wi_before, &t.ci_before, &t.wi_change, &t.wi_after],
        ),
    ];
    for (names, matrices) in layers {
        render_update(&mut s, names, t.momentum, matrices);
    }
    let _ = writeln!(s, "  error (the loss before the update) = {:.6}", t.error);
    s
}
// ANCHOR_END: render_matrix_trace

/// The update of one weight matrix: its change, its rule, before and after.
fn render_update(
    s: &mut String,
    (w, c, change, l2): (&str, &str, &str, f64),
    momentum: Momentum,
    [before, previous, this, after]: [&DMatrix<f64>; 4],
) {
    let shape = format!("({}, {})", before.nrows(), before.ncols());
    let rule = match momentum {
        Momentum::Article(mu) => {
            format!("{w} -= lr * (change + {l2} * {w}) + {mu} * {c}; {c} = change")
        }
        Momentum::Classical(mu) => {
            format!("{c} = {mu} * {c} - lr * (change + {l2} * {w}); {w} += {c}")
        }
    };
    let what = if matches!(momentum, Momentum::Article(_)) {
        "previous change"
    } else {
        "velocity"
    };
    let _ = writeln!(s, "  {w} change = {change}: {shape} = {}", matrix(this));
    let _ = writeln!(s, "  {w} update: {rule}");
    let _ = writeln!(s, "    {w} before {shape} = {}", matrix(before));
    let _ = writeln!(s, "    {c} ({what}) before = {}", matrix(previous));
    let _ = writeln!(s, "    {w} after = {}", matrix(after));
}

fn vector(v: &DVector<f64>) -> String {
    let items: Vec<String> = v.iter().map(|x| format!("{x:.6}")).collect();
    format!("[{}]", items.join(", "))
}

fn matrix(m: &DMatrix<f64>) -> String {
    let rows: Vec<String> = (0..m.nrows())
        .map(|r| vector(&m.row(r).transpose()))
        .collect();
    format!("[{}]", rows.join(", "))
}
