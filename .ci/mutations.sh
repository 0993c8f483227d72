#!/usr/bin/env bash
# The parsers' mutation tests (tests/mutations.rs), run long: every parser a
# user's file reaches (IDX raw and gzip, the digits CSV, the model file) gets
# HANDCRAFTED_MUTATIONS damaged files (40,000 each by default, about a
# minute) and must answer each with an error or a result consistent with its
# bytes, never a panic or an abort. `cargo test` runs 300 each.
set -euo pipefail
cd "$(dirname "$0")/.."
export HANDCRAFTED_MUTATIONS="${HANDCRAFTED_MUTATIONS:-40000}"
echo "== mutation tests ($HANDCRAFTED_MUTATIONS per parser)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! cargo test --locked -q --test mutations -- --nocapture > "$log" 2>&1; then
  cat "$log"
  exit 1
fi
grep -oE '(raw|gzip|digits|model) [^:]*: [0-9]+ mutations.*|test result.*' "$log"
