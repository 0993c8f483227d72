#!/usr/bin/env bash
# The exercises' graders, checked three ways (crates/exercises):
#   (a) they pass on the worked solutions;
#   (b) they fail on the untouched stubs, each with its "not done yet: open
#       crates/exercises/src/<module>.rs" message and no panic printout;
#   (c) they fail, with the right diagnostic, on typical wrong answers
#       (tests/mistakes.rs, tests/mistakes_derive.rs), and accept right
#       answers written another way.
# The crate is not a default member, so the root `cargo test` skips it.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

echo "== exercises: clippy with the solutions"
cargo clippy --locked -p exercises --all-targets --features solutions -- -D warnings

echo "== exercises (a): the graders pass on the solutions"
cargo test --locked -q -p exercises --features solutions --test grade

echo "== exercises (c): the graders catch typical wrong answers"
cargo test --locked -q -p exercises --features solutions --test mistakes --test mistakes_derive

echo "== exercises (b): the untouched stubs fail, lesson by lesson, with their message"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for module in p1_1 p1_3 p1_4 p2_1 p2_2 p2_3 p2_4 beyond derive capstone; do
    # The learner's command. It must fail: every stub is todo!().
    if cargo test --locked -p exercises "$module" > "$log" 2>&1; then
        cat "$log"; echo "FAIL: the stubs of $module passed their grades"; exit 1
    fi
    graded=$(grep -c "^test $module::.* \.\.\. FAILED$" "$log" || true)
    told=$(grep -c "^Error: $module::[a-z0-9_]*: not done yet: open crates/exercises/src/$module.rs " "$log" || true)
    if [ "$graded" -eq 0 ] || [ "$graded" != "$told" ]; then
        cat "$log"; echo "FAIL: $module: $graded failed grades, $told 'not done yet' messages"; exit 1
    fi
    if grep -q -e "not yet implemented" -e "panicked at" "$log"; then
        cat "$log"; echo "FAIL: $module: a panic printout leaked into the learner's output"; exit 1
    fi
    echo "$module: all $graded grades fail with 'not done yet: open crates/exercises/src/$module.rs'"
done
