//! The proof of the explorer's in-page engine (`explorer/engine.js`): random
//! cases (random sizes, weights, inputs, targets, switches, several steps
//! each) are computed by `improved::trace::trace_step` (and, for part 1's
//! rule, by `naive::trace::trace_step`), then by the page's engine in
//! headless Chromium; every number must agree within 1e-12 relative.
//! Planted faults (a flipped sign in a derivative, a transposed weight, a
//! momentum applied before instead of after, for each rule) must each be
//! caught.
//!
//! Run: `cargo run -p improved --example explorer_proof -- --chromium PATH`

#[path = "explorer/browser.rs"]
mod browser;
#[path = "explorer/cases.rs"]
mod cases;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use serde_json::{Value, json};

use cases::{Case, Comparison};

/// The engine, exactly as the page embeds it.
const ENGINE: &str = include_str!("explorer/engine.js");
/// The largest relative difference allowed.
const TOLERANCE: f64 = 1e-12;

/// A planted fault: the engine's `from` text replaced by `to`.
struct Fault {
    name: &'static str,
    from: &'static str,
    to: &'static str,
}

const FAULTS: [Fault; 4] = [
    Fault {
        name: "a flipped sign in the sigmoid's derivative",
        from: "return y * (1 - y);",
        to: "return y * (y - 1);",
    },
    Fault {
        name: "a transposed weight in the hidden deltas (wo[k][j] for wo[j][k])",
        from: "back += od[k] * wo[j][k];",
        to: "back += od[k] * wo[k][j];",
    },
    Fault {
        name: "the article's momentum: this change remembered before the update instead of after",
        from: "          w[r][q] = w[r][q] - (g * lr + c[r][q] * mu);\n          c[r][q] = change[r][q];",
        to: "          c[r][q] = change[r][q];\n          w[r][q] = w[r][q] - (g * lr + c[r][q] * mu);",
    },
    Fault {
        name: "classical momentum: the velocity applied before it is updated instead of after",
        from: "          c[r][q] = c[r][q] * mu - g * lr;\n          w[r][q] = w[r][q] + c[r][q];",
        to: "          w[r][q] = w[r][q] + c[r][q];\n          c[r][q] = c[r][q] * mu - g * lr;",
    },
];

/// Prove the explorer's engine on random cases in headless Chromium.
#[derive(Parser)]
struct Args {
    /// The Chromium (or Chrome) program to run the engine in.
    #[arg(long)]
    chromium: PathBuf,
    /// How many random cases.
    #[arg(long, default_value_t = 240)]
    cases: usize,
    /// Seed of the random cases.
    #[arg(long, default_value_t = 21)]
    seed: u64,
}

/// The page that runs `engine` on every case and writes what it computed
/// into `<pre id="out">` (a case whose run throws gives `null`).
fn runner(engine: &str, inputs: &Value) -> String {
    let inputs = inputs.to_string().replace("</", "<\\/");
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><pre id=\"out\"></pre>\n\
         <script>\n{engine}\n</script>\n<script>\n\"use strict\";\nconst CASES = {inputs};\n\
         const out = CASES.map((c) => {{\n  try {{\n    const net = Engine.network(c.wi, c.wo);\n    \
         return c.steps.map((s) => {{\n      const t = Engine.step(net, c.settings, s.inputs, s.targets);\n      \
         t.error_again = Engine.error(t.wi_before, t.wo_before, c.settings, s.inputs, s.targets);\n      \
         return t;\n    }});\n  \
         }} catch (e) {{ return null; }}\n}});\n\
         document.getElementById(\"out\").textContent = JSON.stringify(out);\n</script></body></html>\n"
    )
}

/// What the engine computed for every case, run in Chromium.
fn run_engine(
    args: &Args,
    dir: &std::path::Path,
    name: &str,
    engine: &str,
    inputs: &Value,
) -> Result<Value, String> {
    let page = dir.join(format!("{name}.html"));
    std::fs::write(&page, runner(engine, inputs))
        .map_err(|e| format!("cannot write {}: {e}", page.display()))?;
    let dom = browser::dump_dom(&args.chromium, &page, &dir.join(format!("profile-{name}")))?;
    let text = browser::pre_text(&dom, "out")
        .ok_or_else(|| format!("{}: the page wrote no results", page.display()))?;
    serde_json::from_str(text).map_err(|e| format!("{}: unreadable results: {e}", page.display()))
}

/// Compares the engine's steps with every recorded trace.
fn compare(expected: &[(Vec<Value>, Option<Vec<Value>>)], got: &Value) -> (Comparison, Comparison) {
    let (mut improved, mut naive) = (Comparison::default(), Comparison::default());
    for (n, (reference, part1)) in expected.iter().enumerate() {
        let reference = json!(reference);
        let what = format!("case {n} (improved)");
        improved.compare(&what, &reference, &got[n], None, TOLERANCE);
        if let Some(trace) = part1 {
            let what = format!("case {n} (naive)");
            naive.compare(&what, &json!(trace), &got[n], Some(&reference), TOLERANCE);
        }
    }
    (improved, naive)
}

fn run() -> Result<String, String> {
    let args = Args::parse();
    if args.cases == 0 {
        return Err("--cases: expected at least 1 case, got 0".into());
    }
    let mut rng = data::seeded_rng(args.seed);
    let cases: Vec<Case> = (0..args.cases).map(|_| Case::random(&mut rng)).collect();
    let mut expected = Vec::with_capacity(cases.len());
    for (n, c) in cases.iter().enumerate() {
        let reference = c
            .improved_traces()
            .map_err(|e| format!("case {n}: improved: {e}"))?;
        let part1 = if c.is_part1() {
            Some(
                c.naive_traces()
                    .map_err(|e| format!("case {n}: naive: {e}"))?,
            )
        } else {
            None
        };
        expected.push((reference, part1));
    }
    let inputs = Value::Array(cases.iter().map(Case::input_json).collect());
    let dir = std::env::temp_dir().join(format!("explorer-proof-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;

    let got = run_engine(&args, &dir, "engine", ENGINE, &inputs)?;
    let (improved, naive) = compare(&expected, &got);
    let mut problems = Vec::new();
    for (side, c) in [("improved", &improved), ("naive", &naive)] {
        if c.mismatches > 0 {
            problems.push(format!(
                "{} numbers differ from {side}'s trace:\n  {}",
                c.mismatches,
                c.failures.join("\n  ")
            ));
        }
    }
    let mut caught = Vec::new();
    for (n, fault) in FAULTS.iter().enumerate() {
        if ENGINE.matches(fault.from).count() != 1 {
            problems.push(format!(
                "planted fault \"{}\": its text is not in engine.js exactly once",
                fault.name
            ));
            continue;
        }
        let faulty = ENGINE.replacen(fault.from, fault.to, 1);
        let got = run_engine(&args, &dir, &format!("fault-{n}"), &faulty, &inputs)?;
        let (i, _) = compare(&expected, &got);
        if i.mismatches == 0 {
            problems.push(format!("planted fault \"{}\" was not caught", fault.name));
        } else {
            caught.push(format!(
                "  caught: {} ({} numbers differ)",
                fault.name, i.mismatches
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    let steps: usize = cases.iter().map(|c| c.steps.len()).sum();
    let part1 = cases.iter().filter(|c| c.is_part1()).count();
    let sizes = |f: &dyn Fn(&Case) -> usize| {
        let mut s: Vec<usize> = cases.iter().map(f).collect();
        s.sort_unstable();
        s.dedup();
        s.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
    };
    let switches = [
        ("tanh", cases.iter().filter(|c| c.tanh).count()),
        ("softmax", cases.iter().filter(|c| c.softmax).count()),
        ("classical", cases.iter().filter(|c| c.classical).count()),
        ("l2", cases.iter().filter(|c| c.l2 > 0.0).count()),
    ]
    .map(|(name, n)| format!("{name} {n}"))
    .join(", ");
    Ok(format!(
        "{} random cases ({steps} steps; 2 inputs, hidden {}, outputs {}; switched on: {switches}): {} numbers of the page's engine within {TOLERANCE:e} relative of improved's reference trace (largest {:.1e}), {} numbers also checked against naive's trace for the {part1} part-1 cases (largest {:.1e} except {} where naive and improved themselves differ by as much: improved adds a sum of 8 terms in another order); {} planted faults caught\n{}",
        cases.len(),
        sizes(&|c| c.hidden),
        sizes(&|c| c.outputs),
        improved.numbers,
        improved.worst,
        naive.numbers,
        naive.worst,
        naive.explained,
        caught.len(),
        caught.join("\n")
    ))
}

fn main() -> ExitCode {
    match run() {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
