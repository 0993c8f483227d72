//! The "Try it" demos of the lessons.
//!
//! Each function builds a small network with `naive` (part 1) or `improved`
//! (part 2), walks through one article section and returns what it prints. `tests/lessons.rs` runs each
//! one as a test (`cargo test --test lessons try_it_p1_3 -- --nocapture`
//! prints it) and checks that the output file its lesson shows is still what
//! it prints. Numbers are rounded so the files are the same on every machine.

use data::Dataset;
use improved::{Config, Init, Momentum, Output, Samples, Sgd};
use naive::{MlpNeuralNetwork, dsigmoid, sigmoid};
use nalgebra::{DMatrix, DVector};

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
        output: "lessons/output/p1-4-nudge.txt",
        command: "cargo test --test lessons try_it_p1_4_nudge -- --nocapture",
        run: p1_4_nudge,
    },
    Demo {
        output: "lessons/output/p1-5-train-predict.txt",
        command: "cargo test --test lessons try_it_p1_5 -- --nocapture",
        run: p1_5_train_predict,
    },
    Demo {
        output: "lessons/output/loops-to-matrices.txt",
        command: "cargo test --test lessons try_it_loops_to_matrices -- --nocapture",
        run: loops_to_matrices,
    },
    Demo {
        output: "lessons/output/p2-1-activations.txt",
        command: "cargo test --test lessons try_it_p2_1 -- --nocapture",
        run: p2_1_activations,
    },
    Demo {
        output: "lessons/output/p2-2-initialization.txt",
        command: "cargo test --test lessons try_it_p2_2 -- --nocapture",
        run: p2_2_initialization,
    },
    Demo {
        output: "lessons/output/p2-3-shuffling.txt",
        command: "cargo test --test lessons try_it_p2_3 -- --nocapture",
        run: p2_3_shuffling,
    },
    Demo {
        output: "lessons/output/p2-4-regularization.txt",
        command: "cargo test --test lessons try_it_p2_4 -- --nocapture",
        run: p2_4_regularization,
    },
    Demo {
        output: "lessons/output/article-settings.txt",
        command: "cargo test --test lessons try_it_article_settings -- --nocapture",
        run: article_settings,
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

/// The step-through's 2-3-2 network (`naive::trace::tiny_network`): the
/// one toy network of the lessons, with its pattern.
fn tiny() -> (MlpNeuralNetwork, [f64; 2], [f64; 2]) {
    let t = naive::trace::tiny_network();
    let net = MlpNeuralNetwork::from_weights(t.wi, t.wo).expect("valid weights");
    (net, t.inputs, t.targets)
}

/// P1.3: one pattern through the 2-3-2 network, every sum written out.
pub fn p1_3_feed_forward() -> String {
    let (mut net, inputs, _) = tiny();
    let returned = net.feed_forward(&inputs).expect("two inputs");
    let mut out = format!("inputs = {}\n", nums(&inputs, 1));
    out += &format!(
        "ai = {}   (the last unit is the bias, always 1)\n",
        nums(&net.ai, 1)
    );
    for j in 0..net.hidden {
        let terms: Vec<String> = (0..net.input)
            .map(|i| format!("{} * {}", num(net.ai[i], 1), signed(net.wi[i][j], 2)))
            .collect();
        let sum: f64 = (0..net.input).map(|i| net.ai[i] * net.wi[i][j]).sum();
        assert!((sigmoid(sum) - net.ah[j]).abs() < 1e-15);
        out += &format!(
            "ah[{j}] = sigmoid({}) = sigmoid({}) = {}\n",
            terms.join(" + "),
            num(sum, 3),
            num(net.ah[j], 6)
        );
    }
    for k in 0..net.output {
        let terms: Vec<String> = (0..net.hidden)
            .map(|j| format!("{} * {}", num(net.ah[j], 6), signed(net.wo[j][k], 2)))
            .collect();
        let sum: f64 = (0..net.hidden).map(|j| net.ah[j] * net.wo[j][k]).sum();
        assert!((sigmoid(sum) - net.ao[k]).abs() < 1e-15);
        out += &format!(
            "ao[{k}] = sigmoid({}) = sigmoid({}) = {}\n",
            terms.join(" + "),
            num(sum, 6),
            num(net.ao[k], 6)
        );
    }
    out += &format!("feed_forward returned {}\n", nums(&returned, 6));
    let error = net
        .feed_forward(&[1.0, 0.5, 3.0])
        .expect_err("three inputs");
    out += &format!("feed_forward(&[1.0, 0.5, 3.0]) -> Err: {error}\n");
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

/// P1.4: the deltas on the 2-3-2 network, checked against measured slopes,
/// then two updates of one weight showing the full-size previous change.
pub fn p1_4_backpropagation() -> String {
    let n = 0.0002;
    let (mut net, inputs, targets) = tiny();
    net.feed_forward(&inputs).expect("two inputs");
    let output_deltas = net.output_deltas(&targets);
    let hidden_deltas = net.hidden_deltas(&output_deltas);
    let mut out = format!(
        "inputs = {}, targets = {}, ao = {}\n",
        nums(&inputs, 1),
        nums(&targets, 1),
        nums(&net.ao, 6)
    );
    out += &format!(
        "error = 0.5 * (1.0 - ao[0])^2 + 0.5 * (0.0 - ao[1])^2 = {}\n",
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
        net.back_propagate(&targets, n).expect("two targets");
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

/// P1.4, "nudge one weight, watch E": for several weights, the error with
/// the weight moved up and down by h, the slope those two errors measure,
/// and back-propagation's delta x activation for the same weight.
pub fn p1_4_nudge() -> String {
    let h = 0.001;
    let (mut net, inputs, targets) = tiny();
    net.feed_forward(&inputs).expect("two inputs");
    let output_deltas = net.output_deltas(&targets);
    let hidden_deltas = net.hidden_deltas(&output_deltas);
    let error_at = |set: &dyn Fn(&mut MlpNeuralNetwork)| {
        let mut copy = net.clone();
        set(&mut copy);
        copy.feed_forward(&inputs).expect("two inputs");
        copy.error(&targets)
    };
    let mut out = format!(
        "E = {} at today's weights; h = {h}\n\n",
        num(net.error(&targets), 6)
    );
    out += &format!(
        "{:<8}  {:>5}   {:<10}   {:<10}   {:>18}   delta x activation\n",
        "weight", "value", "E(w+h)", "E(w-h)", "(E(w+h)-E(w-h))/2h"
    );
    // (name, is an output weight, row, column)
    let shown = [
        ("wo[0][0]", true, 0, 0),
        ("wo[1][0]", true, 1, 0),
        ("wo[2][1]", true, 2, 1),
        ("wi[0][2]", false, 0, 2),
        ("wi[1][1]", false, 1, 1),
        ("wi[2][0]", false, 2, 0),
    ];
    for (name, output, r, c) in shown {
        let (value, backprop, formula) = if output {
            let d = output_deltas[c] * net.ah[r];
            (net.wo[r][c], d, format!("output_deltas[{c}] x ah[{r}]"))
        } else {
            let d = hidden_deltas[c] * net.ai[r];
            (net.wi[r][c], d, format!("hidden_deltas[{c}] x ai[{r}]"))
        };
        let nudge = |d: f64| {
            move |n: &mut MlpNeuralNetwork| {
                if output {
                    n.wo[r][c] += d;
                } else {
                    n.wi[r][c] += d;
                }
            }
        };
        let (up, down) = (error_at(&nudge(h)), error_at(&nudge(-h)));
        let measured = (up - down) / (2.0 * h);
        assert!(
            (measured - backprop).abs() < 1e-6,
            "{name}: {measured} vs {backprop}"
        );
        out += &format!(
            "{name}  {:>5}   {}   {}   {:>18}   {} = {}\n",
            num(value, 2),
            num(up, 8),
            num(down, 8),
            num(measured, 6),
            formula,
            num(backprop, 6)
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

// ---------------------------------------------------------------------------
// Part 2
// ---------------------------------------------------------------------------

/// A 3-5-2 network for "From loops to matrices": no two of its sizes are
/// equal, so a matrix used the wrong way round does not fit and fails.
fn weights_3_5_2() -> (DMatrix<f64>, DMatrix<f64>) {
    let wi = DMatrix::from_fn(4, 5, |i, j| 0.1 * (i as f64 + 1.0) - 0.07 * j as f64); // (3 + 1, 5)
    let wo = DMatrix::from_fn(5, 2, |j, k| 0.2 - 0.05 * j as f64 + 0.3 * k as f64); // (5, 2)
    (wi, wo)
}

/// The step-through's 2-3-2 network as an `improved` network, with its
/// pattern: the toy network of the part-1 lessons, now with `config`.
fn improved_tiny(config: &Config) -> (improved::MlpNeuralNetwork, [f64; 2], [f64; 2]) {
    let t = naive::trace::tiny_network();
    let matrix = |rows: &[Vec<f64>]| DMatrix::from_fn(rows.len(), rows[0].len(), |r, c| rows[r][c]);
    let net = improved::MlpNeuralNetwork::from_weights(
        matrix(&t.wi),
        matrix(&t.wo),
        config.architecture(),
    )
    .expect("valid weights");
    (net, t.inputs, t.targets)
}

fn rows_of(m: &DMatrix<f64>) -> Vec<Vec<f64>> {
    m.row_iter().map(|r| r.iter().copied().collect()).collect()
}

fn max_difference<'a>(
    a: impl IntoIterator<Item = &'a f64>,
    b: impl IntoIterator<Item = &'a f64>,
) -> f64 {
    a.into_iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}

/// Mean and population standard deviation.
fn mean_sd(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// The digits, split as the examples split them (seed 1), scaled to [0, 1]
/// or standardized with the training rows' statistics.
fn digits(standardize: bool) -> (Dataset, Dataset) {
    let scaling = if standardize {
        data::Scaling::Standard
    } else {
        data::Scaling::MinMax
    };
    data::digits_train_test(1, scaling).expect("the embedded digits")
}

/// The seed-1 digits as the method wants them for comparing settings: the
/// training rows minus a held-out fifth, and that fifth (270 validation
/// rows), scaled to [0, 1] with the training rows' range. The 450 test rows
/// are split off first and not used.
fn digits_with_validation() -> (Dataset, Dataset) {
    let (train, validation, _test) =
        data::digits_train_validation_test(1, data::Scaling::MinMax, 0.2)
            .expect("the embedded digits");
    (train, validation)
}

fn samples(set: &Dataset) -> Samples<'_> {
    Samples::new(set.features(), set.labels()).expect("whole rows")
}

/// `config.epochs` epochs of training on `set` with a fresh trainer.
/// `config.epochs` epochs of training on `set` with a fresh network of
/// `sizes` (inputs, hidden, outputs) and its trainer.
fn fit(
    sizes: (usize, usize, usize),
    config: &Config,
    set: &Samples<'_>,
) -> (improved::MlpNeuralNetwork, improved::History) {
    let (mut net, mut trainer) = config
        .build(sizes.0, sizes.1, sizes.2)
        .expect("valid sizes");
    let history = trainer.fit(&mut net, set, None).expect("trains");
    (net, history)
}

/// Trains a 64-100-10 network on `train` and returns its accuracy on the
/// held-out rows `scored`.
fn held_out_accuracy(config: &Config, train: &Dataset, scored: &Dataset) -> f64 {
    let (net, _) = fit((64, 100, 10), config, &samples(train));
    net.accuracy(&samples(scored)).expect("valid rows")
}

/// From loops to matrices: the same numbers from `naive`'s loops and from
/// one matrix expression each.
pub fn loops_to_matrices() -> String {
    let (wi, wo) = weights_3_5_2();
    let mut loops = MlpNeuralNetwork::from_weights(rows_of(&wi), rows_of(&wo)).expect("valid");
    let inputs = [0.5, -1.0, 2.0];
    let targets = [0.0, 1.0];
    loops.feed_forward(&inputs).expect("three inputs");

    let ai = DVector::from_vec(vec![0.5, -1.0, 2.0, 1.0]); // (3 + 1), bias last
    let mut out =
        String::from("a 3-5-2 network: ai (4), wi (4 x 5), ah (5), wo (5 x 2), ao (2)\n\n");
    let sums_loops: Vec<f64> = (0..5).map(|j| loops.hidden_sum(j)).collect();
    let sums_matrix = wi.transpose() * &ai; // (5, 4) * (4) = (5)
    out += &format!("hidden sums, loops over i:  {}\n", nums(&sums_loops, 6));
    out += &format!(
        "hidden sums, wi^T * ai:     {}\n",
        nums(sums_matrix.as_slice(), 6)
    );
    let ah = sums_matrix.map(sigmoid);
    let output_matrix = (wo.transpose() * &ah).map(sigmoid); // (2, 5) * (5) = (2)
    out += &format!("outputs, loops:             {}\n", nums(&loops.ao, 6));
    out += &format!(
        "outputs, sigmoid(wo^T ah):  {}\n",
        nums(output_matrix.as_slice(), 6)
    );

    let od_loops = loops.output_deltas(&targets);
    let hd_loops = loops.hidden_deltas(&od_loops);
    let t = DVector::from_vec(targets.to_vec());
    let od = output_matrix.zip_map(&t, |a, t| dsigmoid(a) * -(t - a)); // (2)
    let back = &wo * &od; // (5, 2) * (2) = (5)
    let hd = back.zip_map(&ah, |b, h| dsigmoid(h) * b);
    out += &format!(
        "\nhidden deltas, loops over k:          {}\n",
        nums(&hd_loops, 6)
    );
    out += &format!(
        "hidden deltas, dsigmoid(ah) * (wo od): {}\n",
        nums(hd.as_slice(), 6)
    );

    loops.back_propagate(&targets, 0.1).expect("two targets");
    let change = &ai * hd.transpose(); // (4) x (5) = (4, 5): an outer product
    let ci_loops: Vec<f64> = loops.ci.iter().flatten().copied().collect();
    let ci_matrix: Vec<f64> = rows_of(&change).into_iter().flatten().collect();
    out += &format!(
        "\nchange of wi: loops fill ci[i][j] = hidden_deltas[j] * ai[i], {} numbers;\n",
        ci_loops.len()
    );
    out += &format!(
        "outer(ai, hidden_deltas) = ai * hidden_deltas^T has shape {} x {}; largest difference {}\n",
        change.nrows(),
        change.ncols(),
        exact(max_difference(&ci_loops, &ci_matrix))
    );

    let (wi, wo) = weights_3_5_2();
    let config = Config {
        learning_rate: 0.1,
        ..Config::naive_equivalent()
    };
    let mut matrices =
        improved::MlpNeuralNetwork::from_weights(wi, wo, config.architecture()).expect("valid");
    let mut sgd = Sgd::new(config.sgd(), &matrices).expect("valid config");
    matrices.feed_forward(&inputs).expect("three inputs");
    matrices
        .back_propagate(&targets, &mut sgd)
        .expect("two targets");
    let wi_loops: Vec<f64> = loops.wi.iter().flatten().copied().collect();
    let wi_matrix: Vec<f64> = rows_of(matrices.wi()).into_iter().flatten().collect();
    out += &format!(
        "\nafter one back_propagate at rate 0.1, naive's wi against improved's wi\n(Config::naive_equivalent()): largest difference {}\n",
        exact(max_difference(&wi_loops, &wi_matrix))
    );
    out
}

/// A difference: "0 (the same bits)" or its value.
fn exact(d: f64) -> String {
    if d == 0.0 {
        "0 (the same bits)".into()
    } else {
        format!("{d:e}")
    }
}

/// Cross-entropy of softmax(z) against `t`, computed from scratch.
fn softmax_loss(z: &[f64], t: &[f64]) -> f64 {
    let mut p = z.to_vec();
    improved::softmax(&mut p);
    improved::cross_entropy(t, &p)
}

/// P2.1: tanh beside the sigmoid, softmax on a few vectors, and why the
/// softmax output delta is `ao - t`.
pub fn p2_1_activations() -> String {
    let mut out = String::from("     x   sigmoid(x)   dsigmoid    tanh(x)      dtanh\n");
    for x in [-3.0, -1.0, 0.0, 1.0, 3.0] {
        let (s, t) = (improved::sigmoid(x), improved::tanh(x));
        out += &format!(
            "{:>6}   {:>10}   {:>8}   {:>8}   {:>8}\n",
            num(x, 1),
            num(s, 6),
            num(improved::dsigmoid(s), 6),
            num(t, 6),
            num(improved::dtanh(t), 6)
        );
    }

    out += "\nsoftmax:\n";
    for z in [
        vec![1.0, 2.0, 3.0],
        vec![101.0, 102.0, 103.0],
        vec![0.0, 0.0, 0.0, 0.0],
        vec![1000.0, -1000.0, 999.0],
    ] {
        let mut p = z.clone();
        improved::softmax(&mut p);
        out += &format!(
            "  {:<26} -> {}   sum {}\n",
            nums(&z, 1),
            nums(&p, 6),
            num(p.iter().sum(), 6)
        );
    }

    let z = [0.5, -1.0, 2.0];
    let t = [0.0, 1.0, 0.0];
    let mut p = z.to_vec();
    improved::softmax(&mut p);
    out += &format!(
        "\nz = {}, targets = {}, ao = softmax(z) = {}\n",
        nums(&z, 1),
        nums(&t, 1),
        nums(&p, 6)
    );
    out += &format!(
        "cross-entropy -sum t * ln(ao) = -ln({}) = {}\n",
        num(p[1], 6),
        num(improved::cross_entropy(&t, &p), 6)
    );
    out += "  k   ao[k] - t[k]   slope of the loss measured by nudging z[k]\n";
    for k in 0..3 {
        let h = 1e-6;
        let (mut up, mut down) = (z, z);
        up[k] += h;
        down[k] -= h;
        let measured = (softmax_loss(&up, &t) - softmax_loss(&down, &t)) / (2.0 * h);
        assert!((measured - (p[k] - t[k])).abs() < 1e-8);
        out += &format!(
            "  {k}   {:>12}   {:>12}\n",
            num(p[k] - t[k], 6),
            num(measured, 6)
        );
    }

    let softmax = Config {
        output: Output::Softmax,
        ..Config::default()
    };
    let (mut net, x, t) = improved_tiny(&softmax);
    let ao = net.feed_forward(&x).expect("two inputs").to_vec();
    let deltas = net.output_deltas(&t).to_vec();
    assert_eq!(deltas, vec![ao[0] - t[0], ao[1] - t[1]]);
    out += &format!(
        "\nThe 2-3-2 network with Output::Softmax, inputs {}: ao = {}, output_deltas({}) = {}\n",
        nums(&x, 1),
        nums(&ao, 6),
        nums(&t, 1),
        nums(&deltas, 6)
    );

    let a = improved::sigmoid(-7.0);
    out += &format!(
        "\nA badly wrong output: the true class gets {} (sum -7 through a sigmoid).\n",
        num(a, 6)
    );
    out += &format!(
        "  logistic output, squared error: delta = dsigmoid(ao) * -(1 - ao) = {}\n",
        num(improved::dsigmoid(a) * -(1.0 - a), 6)
    );
    out += &format!(
        "  softmax output, cross-entropy:  delta = ao - 1                  = {}\n",
        num(a - 1.0, 6)
    );
    out
}

/// Spread of the weights and of the hidden sums on the digits' training rows.
fn spreads(init: Init, train: &Dataset) -> (f64, f64, f64, f64, Vec<f64>) {
    let config = Config {
        init,
        ..Config::default()
    };
    let net = config.network(64, 100, 10).expect("valid sizes");
    let (wi, wo) = (net.wi(), net.wo());
    let (_, sd_wi) = mean_sd(wi.as_slice());
    let (_, sd_wo) = mean_sd(wo.as_slice());
    let mut sums = Vec::new();
    for row in train.rows() {
        let mut ai = row.to_vec();
        ai.push(1.0); // the bias unit
        let ai = DVector::from_vec(ai);
        sums.extend((wi.transpose() * ai).iter().copied()); // (100)
    }
    let (mean, sd) = mean_sd(&sums);
    (sd_wi, sd_wo, mean, sd, sums)
}

fn percent(part: usize, whole: usize) -> String {
    format!("{:.1}%", 100.0 * part as f64 / whole as f64)
}

/// P2.2: standard-normal against scaled weights on the digits.
pub fn p2_2_initialization() -> String {
    let mut out = String::from(
        "64-100-10 network, seed 1; hidden sums z = wi^T ai over the 1347 training digits\n",
    );
    out += "flat: the slope is below a tenth of its peak (sigmoid |z| > 3.64, tanh |z| > 1.82)\n\n";
    out += "inputs        init             sd(wi)   sd(wo)   mean(z)    sd(z)   flat sigmoid   flat tanh\n";
    for (scale, standardize) in [("[0, 1]", false), ("standardized", true)] {
        let (train, _) = digits(standardize);
        for (name, init) in [
            ("Normal(0, 1)", Init::StandardNormal),
            ("scaled", Init::Scaled),
        ] {
            let (sd_wi, sd_wo, mean, sd, sums) = spreads(init, &train);
            let flat_sigmoid = sums
                .iter()
                .filter(|&&z| dsigmoid(sigmoid(z)) < 0.025)
                .count();
            let flat_tanh = sums
                .iter()
                .filter(|&&z| improved::dtanh(z.tanh()) < 0.1)
                .count();
            out += &format!(
                "{scale:<13} {name:<14} {:>8} {:>8} {:>9} {:>8} {:>14} {:>11}\n",
                num(sd_wi, 3),
                num(sd_wo, 3),
                num(mean, 2),
                num(sd, 2),
                percent(flat_sigmoid, sums.len()),
                percent(flat_tanh, sums.len())
            );
        }
    }
    let (train, validation) = digits_with_validation();
    out += "\nValidation accuracy after 1, 5 and 20 epochs (1077 training rows, 270 validation rows\nheld out from them), Config::recommended() otherwise, inputs in [0, 1]:\n";
    for (name, init) in [
        ("Normal(0, 1)", Init::StandardNormal),
        ("scaled", Init::Scaled),
    ] {
        let accuracy = |epochs| {
            let config = Config {
                init,
                epochs,
                ..Config::recommended()
            };
            held_out_accuracy(&config, &train, &validation)
        };
        out += &format!(
            "  {name:<14} {}   {}   {}\n",
            num(accuracy(1), 4),
            num(accuracy(5), 4),
            num(accuracy(20), 4)
        );
    }
    out
}

/// P2.3: the digits sorted by class, with and without shuffling.
pub fn p2_3_shuffling() -> String {
    let (train, validation) = digits_with_validation();
    let mut by_class: Vec<usize> = (0..train.len()).collect();
    by_class.sort_by_key(|&i| train.labels()[i]); // stable: ties keep their order
    let sorted = train.select(&by_class);
    let nines = validation.labels().iter().filter(|&&l| l == 9).count();
    let mut out = format!(
        "64-100-10 network, Config::recommended() for 10 epochs, seed 1, 1077 training rows;\n{} of the 270 validation digits (held out from the training rows) are 9s\n\n",
        nines
    );
    out += "training order               shuffle   validation accuracy   validation digits predicted as 9\n";
    for (order, set, shuffle) in [
        ("as split (random)", &train, false),
        ("sorted by class, 0s first", &sorted, false),
        ("sorted by class, 0s first", &sorted, true),
    ] {
        let config = Config {
            shuffle,
            epochs: 10,
            ..Config::recommended()
        };
        let (mut net, _) = fit((64, 100, 10), &config, &samples(set));
        let predicted = net
            .predict_class(validation.features())
            .expect("valid rows");
        let hits = predicted
            .iter()
            .zip(validation.labels())
            .filter(|(p, l)| p == l)
            .count();
        let as_nine = predicted.iter().filter(|&&p| p == 9).count();
        out += &format!(
            "{order:<28} {:<7} {:>21} {:>34}\n",
            if shuffle { "on" } else { "off" },
            num(hits as f64 / validation.len() as f64, 4),
            as_nine
        );
    }
    out
}

/// P2.4: how far one weight moves under each momentum rule, l2 on the
/// digits, the decay schedule and the size of the momentum state.
pub fn p2_4_regularization() -> String {
    let lr = 0.01;
    let mut out = format!(
        "One sample, the 2-3-2 network, learning rate {lr}: how far wo[0][0] moves at each step,\n\
         divided by lr * change (the step plain gradient descent would take)\n"
    );
    out += "  step   no momentum   Article(0.5)   Classical(0.9)\n";
    let rules = [
        Momentum::Article(0.0),
        Momentum::Article(0.5),
        Momentum::Classical(0.9),
    ];
    let (_, x, t) = improved_tiny(&Config::default());
    let mut nets: Vec<_> = rules
        .iter()
        .map(|&momentum| {
            let config = Config {
                momentum,
                learning_rate: lr,
                ..Config::default()
            };
            let net = improved_tiny(&config).0;
            let sgd = Sgd::new(config.sgd(), &net).expect("valid config");
            (net, sgd)
        })
        .collect();
    for step in 1..=6 {
        let mut ratios = Vec::new();
        for (net, sgd) in &mut nets {
            net.feed_forward(&x).expect("two inputs");
            let change = net.ah()[0] * net.output_deltas(&t)[0];
            let before = net.wo()[(0, 0)];
            net.back_propagate(&t, sgd).expect("two targets");
            ratios.push((before - net.wo()[(0, 0)]) / (lr * change));
        }
        out += &format!(
            "  {step:>4}   {:>11}   {:>12}   {:>14}\n",
            num(ratios[0], 2),
            num(ratios[1], 2),
            num(ratios[2], 2)
        );
    }

    let (train, validation) = digits_with_validation();
    out += "\nL2 on the digits: 64-100-10, Config::recommended() for 20 epochs, seed 1,\n\
            1077 training rows and 270 validation rows held out from them\n";
    out += "  l2_in = l2_out   sum of wi^2   sum of wo^2   final training loss   validation accuracy\n";
    for l2 in [0.0, 1e-4, 1e-3, 1e-2] {
        let config = Config {
            l2_in: l2,
            l2_out: l2,
            epochs: 20,
            ..Config::recommended()
        };
        let (net, history) = fit((64, 100, 10), &config, &samples(&train));
        let loss = history.last().expect("20 epochs").loss;
        let accuracy = net.accuracy(&samples(&validation)).expect("valid rows");
        out += &format!(
            "  {:>14}   {:>11}   {:>11}   {:>19}   {:>19}\n",
            format!("{l2}"),
            num(net.wi().norm_squared(), 1),
            num(net.wo().norm_squared(), 1),
            num(loss, 4),
            num(accuracy, 4)
        );
    }

    out += "\nLearning rate during epochs 1, 2, 10 and 50, starting at 0.01:\n";
    let xor_x = [0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0];
    let xor_y = [0, 1, 1, 0];
    let xor = Samples::new(&xor_x, &xor_y).expect("four rows");
    for decay in [0.0001, 0.01] {
        let config = Config {
            rate_decay: decay,
            ..Config::default()
        };
        let (_, history) = fit((2, 3, 2), &config, &xor);
        let rates: Vec<String> = [1, 2, 10, 50]
            .iter()
            .map(|&e| {
                let rate = history.epochs[e - 1].learning_rate;
                assert!((rate - 0.01 / (1.0 + decay).powi(e as i32 - 1)).abs() < 1e-15);
                format!("{rate:.8}")
            })
            .collect();
        out += &format!("  rate_decay {decay:<6}  {}\n", rates.join("  "));
    }

    out += "\nWhat the update rule remembers (Sgd's ci and co) for a 784-100-10 network:\n";
    for momentum in [Momentum::Article(0.5), Momentum::Classical(0.9)] {
        let config = Config {
            momentum,
            ..Config::default()
        };
        let net = config.network(784, 100, 10).expect("valid sizes");
        let sgd = Sgd::new(config.sgd(), &net).expect("valid config");
        let (ci, co) = (sgd.ci(), sgd.co());
        out += &format!(
            "  {momentum}: ci {}x{} + co {}x{} = {} numbers\n",
            ci.nrows(),
            ci.ncols(),
            co.nrows(),
            co.ncols(),
            ci.len() + co.len()
        );
    }
    out
}

/// What the article's settings really do: the 0 * ln 0 of its cross-entropy,
/// and standardized border pixels.
pub fn article_settings() -> String {
    let mut p: Vec<f64> = vec![1000.0, -1000.0, 999.0];
    improved::softmax(&mut p);
    let t = [1.0, 0.0, 0.0];
    let by_formula: f64 = -t.iter().zip(&p).map(|(t, p)| t * p.ln()).sum::<f64>();
    let mut out = format!(
        "softmax([1000, -1000, 999]) = {} (the middle one underflowed to exactly 0)\n",
        nums(&p, 6)
    );
    out += &format!(
        "targets {}: -sum t * ln(ao) term by term = {by_formula} (0 * ln 0 = 0 * -inf)\n",
        nums(&t, 1)
    );
    out += &format!(
        "improved::cross_entropy skips t = 0 terms:  {}\n",
        num(improved::cross_entropy(&t, &p), 6)
    );

    let (raw_train, _) = {
        let all = data::digits().expect("embedded digits");
        data::train_test_split(&all, 0.25, &mut rng(1)).expect("a valid split")
    };
    let (standard, standard_test) = digits(true);
    let (minmax, _) = digits(false);
    let largest = |set: &Dataset, j: usize| set.rows().map(|r| r[j]).fold(f64::MIN, f64::max);
    let mut pixels: Vec<(usize, f64)> = (0..64).map(|j| (j, largest(&standard, j))).collect();
    pixels.sort_by(|a, b| b.1.total_cmp(&a.1));
    out += "\nDigits (seed 1): the training pixels with the largest standardized value\n";
    out += "  pixel (row, col)   non-zero in   largest raw   largest standardized   largest in [0, 1]\n";
    for &(j, big) in pixels.iter().take(5) {
        let nonzero = raw_train.rows().filter(|r| r[j] != 0.0).count();
        out += &format!(
            "  {:<16}   {:>11}   {:>11}   {:>20}   {:>17}\n",
            format!("{j} ({}, {})", j / 8, j % 8),
            format!("{} rows", nonzero),
            num(largest(&raw_train, j), 0),
            num(big, 1),
            num(largest(&minmax, j), 1)
        );
    }
    let always_zero = (0..64)
        .filter(|&j| raw_train.rows().all(|r| r[j] == 0.0))
        .count();
    let beyond = standard_test
        .features()
        .iter()
        .filter(|x| x.abs() > 5.0)
        .count();
    out += &format!(
        "  {always_zero} pixels are 0 in every training row; {beyond} standardized test values lie beyond 5 sd\n"
    );
    out
}
