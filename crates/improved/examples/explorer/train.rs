//! Train mode's data. The points of the five `data::toy` problems (the page
//! trains on them live with its own engine), and one run recorded by Rust:
//! the improved network trained on circles by the crate's own training
//! loop, with snapshots of its decision boundary and of each hidden unit's
//! activation over a grid, for every combination of the part-2 switches,
//! and the starting weights and shuffled orders the page needs to replay it.

use data::Dataset;
use data::toy::Toy;
use improved::{Config, Engine, Hidden, Init, MlpNeuralNetwork, Precision, Samples, Trainer};
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;
use serde_json::{Map, Value, json};

use super::page::{Switches, round};

/// The problem: a disc inside a ring, 200 noisy points, seed 1.
pub const TOY: Toy = Toy::Circles;
pub const ROWS: usize = 200;
pub const NOISE: f64 = 0.08;
pub const SEED: u64 = 1;
/// Hidden units (each gets its own small picture).
pub const HIDDEN: usize = 4;
pub const EPOCHS: usize = 60;
/// A snapshot before training and after every `EVERY` epochs.
pub const EVERY: usize = 15;
pub const RATE: f64 = 0.05;
/// The article's rule at `mu = 0.5` (its part-2 digits setting); classical at 0.9.
pub const ARTICLE_MU: f64 = 0.5;
pub const CLASSICAL_MU: f64 = 0.9;
pub const L2: f64 = 0.001;
/// The grid covers [-EXTENT, EXTENT] on both axes with GRID x GRID cells.
pub const GRID: usize = 24;
pub const EXTENT: f64 = 1.2;
/// Grid values are stored as one letter each, `a` (lowest) to `z` (highest).
const LEVELS: f64 = 25.0;

/// Article P2.1-P2.4: the training settings for one combination of switches.
/// Scaled initialization and shuffling stay on in every combination, so only
/// the switches differ. The reference engine does the per-sample work: the
/// readable code, with no processor-dependent kernels, so the page is the
/// same on every machine.
fn config(s: Switches) -> Config {
    let base = Config {
        learning_rate: RATE,
        init: Init::Scaled,
        shuffle: true,
        rate_decay: 0.0,
        epochs: 1, // `train_epoch` runs one epoch per call
        seed: SEED,
        engine: Engine::Reference,
        batch_size: 1,
        precision: Precision::F64,
        ..Config::naive_equivalent()
    };
    s.apply(base, (ARTICLE_MU, CLASSICAL_MU), L2)
}

/// The training points, shared by every combination.
pub fn points() -> Result<Dataset, data::DataError> {
    TOY.generate(ROWS, NOISE, SEED)
}

/// Test points of every problem: `TEST_ROWS` drawn with `TEST_SEED`.
pub const TEST_ROWS: usize = 100;
pub const TEST_SEED: u64 = 2;

/// Each problem's noise: enough to blur the edges, not the shape.
pub fn noise(toy: Toy) -> f64 {
    match toy {
        Toy::Spiral => 0.03,
        Toy::Blobs => 0.0, // the clouds are their own noise
        Toy::Xor | Toy::Moons | Toy::Circles => NOISE,
    }
}

/// The five problems' training (`ROWS`, seed `SEED`) and test points.
pub fn problems_json() -> Result<Value, data::DataError> {
    let mut problems = Map::new();
    for toy in Toy::ALL {
        let noise = noise(toy);
        problems.insert(
            toy.name().to_string(),
            json!({
                "noise": noise,
                "train": points_json(&toy.generate(ROWS, noise, SEED)?),
                "test": points_json(&toy.generate(TEST_ROWS, noise, TEST_SEED)?),
            }),
        );
    }
    Ok(Value::Object(problems))
}

/// What the page needs to replay the recorded run: the starting weights
/// `config.build` draws (the same for every combination: the switches draw
/// nothing) and each epoch's order, shuffled as the trainer shuffles it (a
/// fresh `0..rows` each `fit`, by the generator that drew the weights).
pub fn replay_json(set: &Dataset) -> Result<Value, improved::NetworkError> {
    let config = config(Switches::all()[0]);
    let (net, _) = config.build(2, HIDDEN, 2)?;
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(config.seed);
    MlpNeuralNetwork::new(2, HIDDEN, 2, config.architecture(), &mut rng)?;
    let orders: Vec<Vec<usize>> = (0..EPOCHS)
        .map(|_| {
            let mut order: Vec<usize> = (0..set.len()).collect();
            order.shuffle(&mut rng);
            order
        })
        .collect();
    let rows = |m: &nalgebra::DMatrix<f64>| -> Vec<Vec<f64>> {
        m.row_iter().map(|r| r.iter().copied().collect()).collect()
    };
    Ok(json!({ "wi": rows(net.wi()), "wo": rows(net.wo()), "orders": orders }))
}

/// The points as JSON: exact coordinates (the replay trains on them), and labels.
pub fn points_json(set: &Dataset) -> Value {
    let xy: Vec<[f64; 2]> = set.rows().map(|r| [r[0], r[1]]).collect();
    json!({ "xy": xy, "labels": set.labels() })
}

/// Two runs' losses part where they differ by more than this, relative.
pub const PART: f64 = 1e-9;

/// One combination: the loss of every epoch and the snapshots; and how
/// sensitive the run is: the epoch where the same run started from weights
/// each moved by the smallest possible step (one unit in the last place,
/// away from zero) parts from it, or `null` if it never does within `EPOCHS`.
pub fn combination(s: Switches, set: &Dataset) -> Result<Value, Box<dyn std::error::Error>> {
    let samples = Samples::new(set.features(), set.labels())?;
    let (mut net, mut trainer) = new_network(&config(s))?;
    let (nudged_net, mut nudged_trainer) = new_network(&config(s))?;
    let mut wi = nudged_net.wi().clone();
    wi[(0, 0)] = f64::from_bits(wi[(0, 0)].to_bits() + 1);
    let mut nudged =
        MlpNeuralNetwork::from_weights(wi, nudged_net.wo().clone(), nudged_net.architecture())?;
    let mut losses = Vec::with_capacity(EPOCHS);
    let mut parts_at = None;
    let mut snapshots = vec![snapshot(&mut net, 0, &samples)?];
    for epoch in 1..=EPOCHS {
        let loss = train_epoch(&mut net, &mut trainer, &samples)?;
        let other = train_epoch(&mut nudged, &mut nudged_trainer, &samples)?;
        if parts_at.is_none() && (loss - other).abs() > PART * loss.abs() {
            parts_at = Some(epoch);
        }
        losses.push(loss);
        if epoch % EVERY == 0 {
            snapshots.push(snapshot(&mut net, epoch, &samples)?);
        }
    }
    Ok(json!({
        "hidden_range": if s.tanh { [-1.0, 1.0] } else { [0.0, 1.0] },
        "loss": losses,
        "snapshots": snapshots,
        "ulp_parts_at": parts_at,
    }))
}

/// A 2-HIDDEN-2 network with the configuration's seeded starting weights,
/// and its trainer (which shuffles with the same seeded generator).
fn new_network(config: &Config) -> Result<(MlpNeuralNetwork, Trainer), improved::NetworkError> {
    let (net, trainer) = config.build(2, HIDDEN, 2)?;
    Ok((net, trainer))
}

/// One epoch of the crate's own training loop; returns its mean loss.
fn train_epoch(
    net: &mut MlpNeuralNetwork,
    trainer: &mut Trainer,
    samples: &Samples<'_>,
) -> Result<f64, improved::NetworkError> {
    let history = trainer.fit(net, samples, None)?;
    Ok(history.last().map_or(f64::NAN, |e| e.loss))
}

/// The hidden and output activations at one point.
fn activations(
    net: &mut MlpNeuralNetwork,
    x: f64,
    y: f64,
) -> Result<(Vec<f64>, Vec<f64>), improved::NetworkError> {
    let ao = net.feed_forward(&[x, y])?.to_vec();
    Ok((net.ah().iter().copied().collect(), ao))
}

/// The network after `epoch` epochs: training accuracy, the margin
/// `ao[1] - ao[0]` over the grid (its sign is the predicted class) and each
/// hidden unit's activation over the grid, one letter per cell, row by row
/// from the top.
fn snapshot(
    net: &mut MlpNeuralNetwork,
    epoch: usize,
    samples: &Samples<'_>,
) -> Result<Value, improved::NetworkError> {
    let (lo, hi) = if net.architecture().hidden == Hidden::Tanh {
        (-1.0, 1.0)
    } else {
        (0.0, 1.0)
    };
    let mut margin = String::with_capacity(GRID * GRID);
    let mut units = vec![String::with_capacity(GRID * GRID); HIDDEN];
    for row in 0..GRID {
        for col in 0..GRID {
            let (x, y) = cell_centre(row, col);
            let (ah, ao) = activations(net, x, y)?;
            margin.push(letter(ao[1] - ao[0], -1.0, 1.0));
            for (unit, a) in units.iter_mut().zip(ah) {
                unit.push(letter(a, lo, hi));
            }
        }
    }
    Ok(json!({
        "epoch": epoch,
        "accuracy": round(net.accuracy(samples)?, 4),
        "margin": margin,
        "hidden": units,
    }))
}

/// The centre of a grid cell; row 0 is the top (largest y).
pub fn cell_centre(row: usize, col: usize) -> (f64, f64) {
    let step = 2.0 * EXTENT / GRID as f64;
    let x = -EXTENT + (col as f64 + 0.5) * step;
    let y = EXTENT - (row as f64 + 0.5) * step;
    (x, y)
}

/// `value` in [lo, hi] as one of 26 letters, `a` for lo to `z` for hi.
pub fn letter(value: f64, lo: f64, hi: f64) -> char {
    let level = ((value - lo) / (hi - lo) * LEVELS)
        .round()
        .clamp(0.0, LEVELS);
    char::from(b'a' + level as u8)
}
