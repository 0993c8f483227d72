//! The explorer page the lessons link to (`lessons/explorer/index.html`) is
//! exactly what `cargo run -p improved --example explorer` writes today: the
//! same code, included here, regenerates it and compares.

#[path = "../examples/explorer/page.rs"]
mod page;
#[path = "../examples/explorer/step.rs"]
mod step;
#[path = "../examples/explorer/train.rs"]
mod train;

use std::path::Path;

use data::toy::Toy;
use improved::{Config, Engine, Init, MlpNeuralNetwork, Precision, Samples, Sgd};
use nalgebra::DMatrix;

fn committed_page() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons/explorer/index.html");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
fn the_committed_explorer_page_is_what_the_example_writes() {
    let fresh = page::html(&page::data().unwrap());
    let committed = committed_page();
    assert!(
        fresh == committed,
        "lessons/explorer/index.html is stale: run `cargo run -p improved --example explorer` \
         and commit the page (sizes: fresh {} bytes, committed {} bytes)",
        fresh.len(),
        committed.len()
    );
}

#[test]
fn the_page_embeds_the_engine_every_combination_and_stays_under_1_5_mb() {
    let data = page::data().unwrap();
    assert_eq!(data["step"]["combos"].as_object().unwrap().len(), 16);
    let recorded = &data["train"]["recorded"];
    assert_eq!(recorded["combos"].as_object().unwrap().len(), 16);
    // naive's trace exists for the part-1 combination only.
    let steps = &data["step"]["combos"];
    assert_eq!(
        steps["0000"]["naive"].as_array().unwrap().len(),
        step::STEPS
    );
    assert!(steps["1000"]["naive"].is_null());
    // Every data::toy problem, with its training and test points.
    let problems = data["train"]["problems"].as_object().unwrap();
    for toy in Toy::ALL {
        let p = &problems[toy.name()];
        assert_eq!(p["train"]["labels"].as_array().unwrap().len(), train::ROWS);
        assert_eq!(
            p["test"]["labels"].as_array().unwrap().len(),
            train::TEST_ROWS
        );
    }
    let html = page::html(&data);
    assert!(html.len() < 1_500_000, "page is {} bytes", html.len());
    assert!(
        !html.contains("/*EXPLORER_DATA*/"),
        "the data was not embedded"
    );
    assert!(
        !html.contains("/*EXPLORER_ENGINE*/") && html.contains(page::ENGINE),
        "the engine was not embedded"
    );
}

#[test]
fn the_page_embeds_the_traces_of_the_crates_functions() {
    // The embedded part-1 step equals a fresh naive trace (to 12 decimals).
    let data = page::data().unwrap();
    let tiny = naive::trace::tiny_network();
    let mut net = naive::MlpNeuralNetwork::from_weights(tiny.wi.clone(), tiny.wo.clone()).unwrap();
    let t = naive::trace::trace_step(&mut net, &tiny.inputs, &tiny.targets, step::RATE).unwrap();
    let shown = &data["step"]["combos"]["0000"]["naive"][0];
    for (j, ah) in t.ah.iter().enumerate() {
        assert!((shown["ah"][j].as_f64().unwrap() - ah).abs() < 1e-12);
    }
    let wo = shown["wo_after"][1][0].as_f64().unwrap();
    assert!((wo - t.wo_after[1][0]).abs() < 1e-12);
    // And the improved trace of the same combination agrees with it.
    let improved = &data["step"]["combos"]["0000"]["improved"][0];
    assert_eq!(shown["wi_after"], improved["wi_after"]);
}

/// The replay data (starting weights and each epoch's order) really is the
/// recorded run: the reference network stepped through those orders by hand
/// gives the trainer's loss at every epoch, to the last bit.
#[test]
fn the_replay_weights_and_orders_reproduce_the_trainers_run() {
    let set = train::points().unwrap();
    let replay = train::replay_json(&set).unwrap();
    let data = page::data().unwrap();
    let losses = &data["train"]["recorded"]["combos"]["0000"]["loss"];
    let rows = |v: &serde_json::Value| -> DMatrix<f64> {
        let r = v.as_array().unwrap();
        let c = r[0].as_array().unwrap().len();
        DMatrix::from_fn(r.len(), c, |i, j| r[i][j].as_f64().unwrap())
    };
    let config = Config {
        learning_rate: train::RATE,
        init: Init::Scaled,
        engine: Engine::Reference,
        precision: Precision::F64,
        momentum: improved::Momentum::Article(train::ARTICLE_MU),
        ..Config::naive_equivalent()
    };
    let mut net = MlpNeuralNetwork::from_weights(
        rows(&replay["wi"]),
        rows(&replay["wo"]),
        config.architecture(),
    )
    .unwrap();
    let mut sgd = Sgd::new(config.sgd(), &net).unwrap();
    let samples = Samples::new(set.features(), set.labels()).unwrap();
    for (epoch, order) in replay["orders"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .take(5)
    {
        let mut total = 0.0;
        for i in order.as_array().unwrap() {
            let i = i.as_u64().unwrap() as usize;
            let mut t = [0.0; 2];
            t[samples.labels()[i]] = 1.0;
            net.feed_forward(samples.row(i)).unwrap();
            total += net.back_propagate(&t, &mut sgd).unwrap();
        }
        let loss = total / order.as_array().unwrap().len() as f64;
        assert_eq!(loss, losses[epoch].as_f64().unwrap(), "epoch {}", epoch + 1);
    }
}

#[test]
fn grid_letters_span_the_range_and_cells_cover_the_plane() {
    assert_eq!(train::letter(-1.0, -1.0, 1.0), 'a');
    assert_eq!(train::letter(0.0, -1.0, 1.0), 'n'); // 12.5 rounds to 13
    assert_eq!(train::letter(1.0, -1.0, 1.0), 'z');
    assert_eq!(train::letter(7.0, 0.0, 1.0), 'z', "clamped");
    let (x, y) = train::cell_centre(0, 0);
    assert!(x < -1.0 && y > 1.0, "row 0, column 0 is the top left");
    let (x, y) = train::cell_centre(train::GRID - 1, train::GRID - 1);
    assert!(x > 1.0 && y < -1.0, "the last cell is the bottom right");
}
