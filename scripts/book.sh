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

# Cargo's status lines, turned into a line of progress every 10 crates compiled (cargo
# install is otherwise silent for minutes); any other line (an error, a warning, "Blocking
# waiting for file lock") passes through.
progress() {
  local n=0 line downloading=""
  while IFS= read -r line; do
    case "$line" in
      *" Compiling "*)
        n=$((n + 1))
        if [ $((n % 10)) -eq 0 ]; then echo "  $1: $n crates compiled" >&2; fi ;;
      *" Downloaded "*|*" Downloading "*)
        if [ -z "$downloading" ]; then echo "  $1: downloading sources" >&2; downloading=1; fi ;;
      *" Updating "*|*" Locking "*|*" Adding "*|*" Installing "*|*" Finished "*) ;;
      *) echo "$line" >&2 ;;
    esac
  done
  echo "  $1: $n crates compiled" >&2
}

# mdBook: the pinned version, from .tools/ or the PATH, else built once.
if ! { [ -x "$mdbook" ] && "$mdbook" --version | grep -qx "mdbook v$mdbook_version"; }; then
  if command -v mdbook >/dev/null && mdbook --version | grep -qx "mdbook v$mdbook_version"; then
    mdbook="$(command -v mdbook)"
  else
    # Only what `mdbook build` needs: without `serve` and `watch` (a web server
    # and a file watcher) it compiles 123 crates instead of 190, a fifth less work.
    echo "installing mdbook $mdbook_version into $tools (once; a few minutes: about 120 crates to compile)" >&2
    cargo install --locked "mdbook@$mdbook_version" --no-default-features --features search --root "$tools" 2>&1 |
      progress mdbook
  fi
fi

# The equations' preprocessor: KaTeX, pinned by scripts/book/package-lock.json.
command -v node >/dev/null && command -v npm >/dev/null ||
  { echo "error: the book needs Node.js and npm (for KaTeX, which renders the equations); install them and rerun" >&2; exit 1; }
book_tools="$root/scripts/book"
want=$(cd "$book_tools" && node -p "require('./package-lock.json').packages['node_modules/katex'].version")
have=$(cd "$book_tools" && node -p "require('./node_modules/katex/package.json').version" 2>/dev/null || true)
if [ "$want" != "$have" ]; then
  echo "installing KaTeX $want with npm into scripts/book/node_modules (once)" >&2
  (cd "$book_tools" && npm ci --no-audit --no-fund --silent)
fi
# KaTeX's stylesheet and fonts go into the book itself (lessons/katex/, ignored by git).
rm -rf lessons/katex
mkdir -p lessons/katex
cp "$book_tools/node_modules/katex/dist/katex.min.css" lessons/katex/
cp -r "$book_tools/node_modules/katex/dist/fonts" lessons/katex/

"$mdbook" build lessons
echo "book: $root/target/book/index.html"
