#!/usr/bin/env bash
# The MNIST example's other rungs and presets, with fast flags: one sample
# per step (f64, and the sparse engine in f32), and the record preset.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== MNIST rungs and presets (fast flags)"
for flags in "--batch-size 1" "--batch-size 1 --engine sparse --precision f32" "--preset record"; do
  echo "\$ cargo run -p improved --example mnist -- --limit 1200 --epochs 1 $flags --json"
  # shellcheck disable=SC2086
  cargo run --locked -q -p improved --example mnist -- --limit 1200 --epochs 1 $flags --json | tail -n 1
done
