//! The "Try it" demos of the part-1 lessons.
//!
//! Each function builds a tiny network with `naive`, walks through one
//! article section and returns what it prints. `tests/lessons.rs` runs each
//! one as a test (`cargo test --test lessons try_it_p1_3 -- --nocapture`
//! prints it) and checks that the output file its lesson shows is still what
//! it prints. Numbers are rounded so the files are the same on every machine.

use naive::{MlpNeuralNetwork, dsigmoid, sigmoid};

/// A demo, the command that shows it, and the file its lesson quotes.
pub struct Demo {
    pub output: &'static str,
    pub command: &'static str,
    pub run: fn() -> String,
}

pub const DEMOS: &[Demo] = &[
    Demo {
        output: "lessons/output/p1-1-sigmoid.txt",
        command: "cargo test --test lessons try_it_p1_1 -- --nocapture",
        run: p1_1_sigmoid,
    },
    Demo {
        output: "lessons/output/p1-2-arrays.txt",
        command: "cargo test --test lessons try_it_p1_2 -- --nocapture",
        run: p1_2_arrays,
    },
    Demo {
        output: "lessons/output/p1-3-feed-forward.txt",
        command: "cargo test --test lessons try_it_p1_3 -- --nocapture",
        run: p1_3_feed_forward,
    },
    Demo {
        output: "lessons/output/p1-4-backpropagation.txt",
        command: "cargo test --test lessons try_it_p1_4 -- --nocapture",
        run: p1_4_backpropagation,
    },
    Demo {
        output: "lessons/output/p1-5-train-predict.txt",
        command: "cargo test --test lessons try_it_p1_5 -- --nocapture",
        run: p1_5_train_predict,
    },
];

/// `x` with `digits` decimals, never `-0.000`.
fn num(x: f64, digits: usize) -> String {
    let s = format!("{x:.digits$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// Like [`num`], in parentheses when negative (for products written out).
fn signed(x: f64, digits: usize) -> String {
    let s = num(x, digits);
    if s.starts_with('-') {
        format!("({s})")
    } else {
        s
    }
}

fn nums(xs: &[f64], digits: usize) -> String {
    let parts: Vec<String> = xs.iter().map(|&x| num(x, digits)).collect();
    format!("[{}]", parts.join(", "))
}

fn matrix(name: &str, m: &[Vec<f64>], digits: usize) -> String {
    let mut out = format!(
        "{name} ({} x {}):\n",
        m.len(),
        m.first().map_or(0, Vec::len)
    );
    for row in m {
        let cells: Vec<String> = row
            .iter()
            .map(|&x| format!("{:>8}", num(x, digits)))
            .collect();
        out += &format!("  {}\n", cells.join(" "));
    }
    out
}

fn rng(seed: u64) -> data::SeededRng {
    data::seeded_rng(seed)
}

/// The four XOR patterns: two inputs, one target.
fn xor() -> Vec<(Vec<f64>, Vec<f64>)> {
    [
        ([0.0, 0.0], 0.0),
        ([0.0, 1.0], 1.0),
        ([1.0, 0.0], 1.0),
        ([1.0, 1.0], 0.0),
    ]
    .iter()
    .map(|(x, t)| (x.to_vec(), vec![*t]))
    .collect()
}

/// P1.1: the sigmoid, its derivative from the output, and the slope measured
/// by finite differences.
pub fn p1_1_sigmoid() -> String {
    let mut out = String::from("     x   sigmoid(x)   dsigmoid(sigmoid(x))   measured slope\n");
    for x in [-6.0, -2.0, -1.0, 0.0, 1.0, 2.0, 6.0] {
        let y = sigmoid(x);
        let h = 1e-5;
        let measured = (sigmoid(x + h) - sigmoid(x - h)) / (2.0 * h);
        assert!((dsigmoid(y) - measured).abs() < 1e-9);
        out += &format!(
            "{:>6}   {:>10}   {:>20}   {:>14}\n",
            num(x, 1),
            num(y, 6),
            num(dsigmoid(y), 6),
            num(measured, 6)
        );
    }
    out
}

/// P1.2: the arrays of a fresh 2-3-1 network, and why the weights are random.
pub fn p1_2_arrays() -> String {
    let net = MlpNeuralNetwork::new(2, 3, 1, &mut rng(7)).expect("valid sizes");
    let mut out = String::from("MlpNeuralNetwork::new(2, 3, 1, &mut data::seeded_rng(7))\n");
    out += &format!(
        "input = {} (2 features + 1 bias unit), hidden = {}, output = {}\n",
        net.input, net.hidden, net.output
    );
    out += &format!(
        "ai = {}  ah = {}  ao = {}\n",
        nums(&net.ai, 1),
        nums(&net.ah, 1),
        nums(&net.ao, 1)
    );
    out += &matrix("wi, one row per input unit, the bias row last", &net.wi, 4);
    out += &matrix("wo, one row per hidden unit", &net.wo, 4);
    out += &matrix("ci", &net.ci, 1);
    out += &matrix("co", &net.co, 1);

    // Every weight equal: the hidden units stay clones of each other.
    let mut same =
        MlpNeuralNetwork::from_weights(vec![vec![0.5; 3]; 3], vec![vec![0.5]; 3]).expect("valid");
    same.train(&xor(), 200, 0.0002).expect("trains");
    out += "\nEvery weight 0.5, then 200 passes over XOR:\n";
    out += &matrix("wi", &same.wi, 4);
    let clones = same.wi.iter().all(|row| row.iter().all(|&w| w == row[0]));
    out += &format!("the three hidden units are still identical: {clones}\n");
    out
}

/// A 2-2-1 network with weights small enough to follow by hand.
fn tiny() -> MlpNeuralNetwork {
    // wi: rows are input 0, input 1, then the bias unit; columns are hidden units.
    let wi = vec![vec![0.1, 0.4], vec![-0.2, 0.3], vec![0.5, -0.6]];
    let wo = vec![vec![0.7], vec![-0.8]];
    MlpNeuralNetwork::from_weights(wi, wo).expect("valid weights")
}

/// P1.3: one pattern through a 2-2-1 network, every sum written out.
pub fn p1_3_feed_forward() -> String {
    let mut net = tiny();
    let inputs = [1.0, 2.0];
    let returned = net.feed_forward(&inputs).expect("two inputs");
    let mut out = String::from("inputs = [1.0, 2.0]\n");
    out += &format!(
        "ai = {}   (the last unit is the bias, always 1)\n",
        nums(&net.ai, 1)
    );
    for j in 0..net.hidden {
        let terms: Vec<String> = (0..net.input)
            .map(|i| format!("{} * {}", num(net.ai[i], 1), signed(net.wi[i][j], 1)))
            .collect();
        let sum: f64 = (0..net.input).map(|i| net.ai[i] * net.wi[i][j]).sum();
        assert!((sigmoid(sum) - net.ah[j]).abs() < 1e-15);
        out += &format!(
            "ah[{j}] = sigmoid({}) = sigmoid({}) = {}\n",
            terms.join(" + "),
            num(sum, 2),
            num(net.ah[j], 6)
        );
    }
    let terms: Vec<String> = (0..net.hidden)
        .map(|j| format!("{} * {}", num(net.ah[j], 6), signed(net.wo[j][0], 1)))
        .collect();
    let sum: f64 = (0..net.hidden).map(|j| net.ah[j] * net.wo[j][0]).sum();
    assert!((sigmoid(sum) - net.ao[0]).abs() < 1e-15);
    out += &format!(
        "ao[0] = sigmoid({}) = sigmoid({}) = {}\n",
        terms.join(" + "),
        num(sum, 6),
        num(net.ao[0], 6)
    );
    out += &format!("feed_forward returned {}\n", nums(&returned, 6));
    let error = net
        .feed_forward(&[1.0, 2.0, 3.0])
        .expect_err("three inputs");
    out += &format!("feed_forward(&[1.0, 2.0, 3.0]) -> Err: {error}\n");
    out
}

/// d(error)/d(weight) measured by nudging one weight of a copy of `net`.
fn measured_slope(
    net: &MlpNeuralNetwork,
    inputs: &[f64],
    targets: &[f64],
    nudge: impl Fn(&mut MlpNeuralNetwork, f64),
) -> f64 {
    let h = 1e-6;
    let error_at = |delta: f64| {
        let mut copy = net.clone();
        nudge(&mut copy, delta);
        copy.feed_forward(inputs).expect("valid inputs");
        copy.error(targets)
    };
    (error_at(h) - error_at(-h)) / (2.0 * h)
}

/// P1.4: the deltas on the 2-2-1 network, checked against measured slopes,
/// then two updates of one weight showing the full-size previous change.
pub fn p1_4_backpropagation() -> String {
    let (inputs, targets, n) = ([1.0, 2.0], [1.0], 0.0002);
    let mut net = tiny();
    net.feed_forward(&inputs).expect("two inputs");
    let output_deltas = net.output_deltas(&targets);
    let hidden_deltas = net.hidden_deltas(&output_deltas);
    let mut out = format!(
        "inputs = [1.0, 2.0], targets = [1.0], ao = {}\n",
        nums(&net.ao, 6)
    );
    out += &format!(
        "error = 0.5 * (1.0 - ao[0])^2 = {}\n",
        num(net.error(&targets), 6)
    );
    out += &format!("output_deltas = {}\n", nums(&output_deltas, 6));
    out += &format!("hidden_deltas = {}\n", nums(&hidden_deltas, 6));

    out +=
        "\nchange = delta * activation below, against the slope measured by nudging the weight:\n";
    let g_wo = output_deltas[0] * net.ah[1];
    let m_wo = measured_slope(&net, &inputs, &targets, |c, d| c.wo[1][0] += d);
    let g_wi = hidden_deltas[1] * net.ai[1];
    let m_wi = measured_slope(&net, &inputs, &targets, |c, d| c.wi[1][1] += d);
    assert!((g_wo - m_wo).abs() < 1e-8 && (g_wi - m_wi).abs() < 1e-8);
    out += &format!(
        "  wo[1][0]: change {}   measured {}\n",
        num(g_wo, 6),
        num(m_wo, 6)
    );
    out += &format!(
        "  wi[1][1]: change {}   measured {}\n",
        num(g_wi, 6),
        num(m_wi, 6)
    );

    out +=
        &format!("\nTwo back_propagate steps on the same pattern, n = {n}, watching wo[1][0]:\n");
    out += "  step   n * change   previous change   wo[1][0] moves by\n";
    for step in 1..=2 {
        net.feed_forward(&inputs).expect("two inputs");
        let change = net.output_deltas(&targets)[0] * net.ah[1];
        let previous = net.co[1][0];
        let before = net.wo[1][0];
        net.back_propagate(&targets, n).expect("one target");
        let moved = net.wo[1][0] - before;
        assert!((moved + n * change + previous).abs() < 1e-15);
        out += &format!(
            "  {step:>4}   {:>10}   {:>15}   {:>17}\n",
            num(n * change, 8),
            num(previous, 8),
            num(moved, 8)
        );
    }
    out
}

/// P1.5: the article's `train` settings on XOR, then `predict`.
pub fn p1_5_train_predict() -> String {
    let patterns = xor();
    let rows: Vec<&[f64]> = patterns.iter().map(|(x, _)| x.as_slice()).collect();
    let mut net = MlpNeuralNetwork::new(2, 3, 1, &mut rng(1)).expect("valid sizes");
    let mut out =
        String::from("train(XOR, 3000 iterations, n = 0.0002) on a 2-3-1 network, seed 1\n");
    net.train_with(&patterns, 3000, 0.0002, |i, e| {
        if i % 500 == 0 || i == 2999 {
            out += &format!(
                "iteration {i:>4}: last pattern's error {}   mean error {}\n",
                num(e.last_pattern, 5),
                num(e.mean, 5)
            );
        }
    })
    .expect("trains");
    let predictions = net.predict(rows.iter().copied()).expect("two inputs each");
    out += "predict:\n";
    for ((x, t), p) in patterns.iter().zip(&predictions) {
        out += &format!(
            "  {} -> {}   target {}\n",
            nums(x, 0),
            nums(p, 4),
            num(t[0], 0)
        );
    }

    // The same run from 20 different random starts.
    let mut stuck = Vec::new();
    for seed in 1..=20 {
        let mut net = MlpNeuralNetwork::new(2, 3, 1, &mut rng(seed)).expect("valid sizes");
        net.train(&patterns, 3000, 0.0002).expect("trains");
        let predictions = net.predict(rows.iter().copied()).expect("two inputs each");
        if patterns
            .iter()
            .zip(&predictions)
            .any(|((_, t), p)| (t[0] - p[0]).abs() >= 0.5)
        {
            stuck.push(seed.to_string());
        }
    }
    out += &format!(
        "\nseeds 1 to 20: {} of 20 put all four outputs on the right side of 0.5; stuck: seeds {}\n",
        20 - stuck.len(),
        stuck.join(", ")
    );
    out
}
