#!/usr/bin/env bash
# Builds the lessons as a book and prints where it is:
#   scripts/book.sh            then open target/book/index.html
# Needs a Rust toolchain and Node.js (18 or newer) with npm. The first run
# installs, into .tools/ (ignored by git), the pinned mdBook and the pinned
# KaTeX package that renders the equations at build time; later runs reuse
# them and work offline. The built book needs no network either.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

mdbook_version="0.5.4"
tools="${BOOK_TOOLS:-$root/.tools}"  # BOOK_TOOLS: another place to keep it (CI uses one outside the clone)
mdbook="$tools/bin/mdbook"

# mdBook: the pinned version, from .tools/ or the PATH, else built once.
if ! { [ -x "$mdbook" ] && "$mdbook" --version | grep -qx "mdbook v$mdbook_version"; }; then
  if command -v mdbook >/dev/null && mdbook --version | grep -qx "mdbook v$mdbook_version"; then
    mdbook="$(command -v mdbook)"
  else
    # Only what `mdbook build` needs: without `serve` and `watch` (a web server
    # and a file watcher) it compiles 123 crates instead of 190, a fifth less work.
    echo "installing mdbook $mdbook_version into $tools (once; a few minutes)" >&2
    cargo install --locked --quiet "mdbook@$mdbook_version" --no-default-features --features search --root "$tools"
  fi
fi

# The equations' preprocessor: KaTeX, pinned by scripts/book/package-lock.json.
command -v node >/dev/null && command -v npm >/dev/null ||
  { echo "error: the book needs Node.js and npm (for KaTeX, which renders the equations); install them and rerun" >&2; exit 1; }
book_tools="$root/scripts/book"
want=$(cd "$book_tools" && node -p "require('./package-lock.json').packages['node_modules/katex'].version")
have=$(cd "$book_tools" && node -p "require('./node_modules/katex/package.json').version" 2>/dev/null || true)
if [ "$want" != "$have" ]; then
  (cd "$book_tools" && npm ci --no-audit --no-fund --silent)
fi
# KaTeX's stylesheet and fonts go into the book itself (lessons/katex/, ignored by git).
rm -rf lessons/katex
mkdir -p lessons/katex
cp "$book_tools/node_modules/katex/dist/katex.min.css" lessons/katex/
cp -r "$book_tools/node_modules/katex/dist/fonts" lessons/katex/

"$mdbook" build lessons
echo "book: $root/target/book/index.html"
