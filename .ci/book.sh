#!/usr/bin/env bash
# The lessons as a book: builds it with the README's command and fails on any
# warning from mdBook, then checks every internal link and anchor, and opens
# every page in headless Chromium (.ci/book-check.mjs), saving a screenshot of
# each into the folder it prints (BOOK_SCREENSHOTS chooses it).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS

# mdBook is kept outside the clone, so a machine that ran CI before reuses it.
export BOOK_TOOLS="${BOOK_TOOLS:-$HOME/.cache/handcrafted/tools}"

# Chromium, Node.js and npm (the book's build needs Node too), pinned playwright-core.
chromium=$(.ci/browser/setup.sh)
ready=$SECONDS

echo "== book: build (scripts/book.sh)"
log=$(mktemp)
scripts/book.sh 2>&1 | tee "$log"
# mdBook logs one level word per line (" INFO ...", " WARN ...", "ERROR ...");
# cargo install's own advice about PATH is not the book's business.
if grep -Eq '^\s*(WARN|ERROR)\b' "$log"; then
  echo "book: mdBook printed a warning or an error (above)"
  exit 1
fi
rm -f "$log"
built=$SECONDS

echo "== book: links and every page in Chromium"
shots="${BOOK_SCREENSHOTS:-$(mktemp -d)/book-screenshots}"
node .ci/book-check.mjs target/book "$chromium" "$shots"
checked=$SECONDS

# The check must be able to fail: a copy of one page with one of each fault.
echo "== book: the check catches a broken page"
bad=$(mktemp -d)
cp -r target/book "$bad/book"
sed -i 's|</main>|<p>Left raw: $$x$$ and \\frac{a}{b}.</p><img src="figures/missing.svg" alt="missing"><a href="nowhere.html">x</a><a href="p1-4-backpropagation.html#no-such-anchor">y</a><script>throw new Error("planted")</script></main>|' "$bad/book/p1-1-sigmoid.html"
if node .ci/book-check.mjs "$bad/book" "$chromium" "$bad/shots" p1-1-sigmoid.html > "$bad/log" 2>&1; then
  cat "$bad/log"; echo "book: the check passed a broken page"; exit 1
fi
for fault in "TeX left unrendered" "image does not load: figures/missing.svg" "link to nowhere.html: no such file" \
  'no element with id "no-such-anchor"' "JavaScript error: planted"; do
  grep -qF "$fault" "$bad/log" || { cat "$bad/log"; echo "book: the check missed: $fault"; exit 1; }
done
rm -rf "$bad"
echo "book: the check caught all 5 planted faults"
echo "book: browser setup $((ready - start)) s, build $((built - ready)) s, checks $((checked - built)) s, self-test $((SECONDS - checked)) s"
