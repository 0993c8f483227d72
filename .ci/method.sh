#!/usr/bin/env bash
# The validation method's examples, with fast flags: choosing the digits
# default on validation rows, and the ablation restricted to one row.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() { echo "\$ cargo run $*"; cargo run --locked -q "$@" > "$out/out.txt" || { cat "$out/out.txt"; exit 1; }; tail -n 2 "$out/out.txt"; }
run -p improved --example choose -- --rates 0.01,0.03 --hidden 10 --seeds 1 --test-seeds 2 --epochs 2
run -p improved --example ablation -- --only "full program" --seeds 2 --epochs 2 --figures "$out"
