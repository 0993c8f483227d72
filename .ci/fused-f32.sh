#!/usr/bin/env bash
# The MNIST example one sample per step in f32 with the default (fused)
# engine, with fast flags: the flags must keep working on a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== MNIST, fused per-sample engine in f32 (fast flags)"
echo "\$ cargo run -p improved --example mnist -- --limit 1200 --epochs 1 --batch-size 1 --precision f32 --json"
cargo run --locked -q -p improved --example mnist -- --limit 1200 --epochs 1 --batch-size 1 --precision f32 --json | tail -n 1
