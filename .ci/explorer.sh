#!/usr/bin/env bash
# The explorer page in a real browser. First the proof of its in-page engine:
# random cases computed by improved's reference trace (and naive's) and by
# the page's JavaScript in headless chromium must agree within 1e-12, and
# planted faults must be caught. Then regenerates the page with the example,
# drives headless chromium through step mode (every displayed number checked
# against the embedded traces), the four upgrades and train mode, at
# 1280x800 and 420x900, and saves screenshots into a printed folder.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== explorer (headless chromium)"
chromium_path=$(.ci/browser/setup.sh)
cargo run --locked -q -p improved --example explorer_proof -- --chromium "$chromium_path"
page_dir=$(mktemp -d)
cargo run --locked -q -p improved --example explorer -- --out "$page_dir"
if ! cmp -s "$page_dir/index.html" lessons/explorer/index.html; then
  echo "lessons/explorer/index.html is stale: run cargo run -p improved --example explorer" >&2
  exit 1
fi
shots="${EXPLORER_SCREENSHOTS:-$(mktemp -d)}"
node .ci/browser/explorer.cjs "$page_dir/index.html" "$chromium_path" "$shots"
rm -rf "$page_dir"
echo "explorer screenshots: $shots"
ls "$shots"
