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
fn the_page_embeds_every_combination_and_stays_small() {
    let data = page::data().unwrap();
    for mode in ["step", "train"] {
        let combos = data[mode]["combos"].as_object().unwrap();
        assert_eq!(combos.len(), 16, "{mode}: 16 combinations of 4 switches");
    }
    // naive's trace exists for the part-1 combination only.
    let steps = &data["step"]["combos"];
    assert_eq!(
        steps["0000"]["naive"].as_array().unwrap().len(),
        step::STEPS
    );
    assert!(steps["1000"]["naive"].is_null());
    let html = page::html(&data);
    assert!(html.len() < 2_000_000, "page is {} bytes", html.len());
    assert!(
        !html.contains("/*EXPLORER_DATA*/"),
        "the data was not embedded"
    );
}

#[test]
fn the_page_shows_the_traces_of_the_crates_functions() {
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
