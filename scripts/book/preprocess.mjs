#!/usr/bin/env node
// The book's mdBook preprocessor (see lessons/book.toml). mdBook sends
// `[context, book]` as JSON on stdin and reads the book back on stdout.
//
// It does two things to every lesson, outside code blocks and code spans:
// 1. renders `$...$` and `$$...$$` with KaTeX into HTML, at build time, so
//    the pages need no script and no network to show the equations;
// 2. rewrites a link that leaves the lessons folder (`../crates/naive/src/network.rs`)
//    into a link to a generated page of the book that shows that file
//    (`source/crates/naive/src/network.rs.md`), and adds those pages to the
//    book under "Source files". In the Markdown the link stays repository-
//    relative, so it still works on GitHub.
//
// Any TeX error or link to a missing file stops the build with a message
// naming the lesson and the line.
import fs from "node:fs";
import path from "node:path";
import katex from "katex";

const SOURCE_DIR = "source";

if (process.argv[2] === "supports") {
  // Only the HTML renderer is used.
  process.exit(process.argv[3] === "html" ? 0 : 1);
}

function fail(message) {
  process.stderr.write(`book preprocessor: ${message}\n`);
  process.exit(1);
}

// ---------------------------------------------------------------------------
// Equations
// ---------------------------------------------------------------------------

// KaTeX's HTML goes back into Markdown: escape, in the text between tags,
// every character Markdown would read (emphasis, escapes, table pipes, links).
function protect(html) {
  const escapes = { "\\": "&#92;", _: "&#95;", "*": "&#42;", "`": "&#96;", "[": "&#91;", "]": "&#93;", "|": "&#124;", $: "&#36;", "~": "&#126;" };
  return html.replace(/>([^<]+)</g, (_m, text) => ">" + text.replace(/[\\_*`[\]|$~]/g, (c) => escapes[c]) + "<");
}

function render(tex, display, where) {
  try {
    const html = katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: "error", output: "htmlAndMathml" });
    return protect(html);
  } catch (e) {
    fail(`${where}: cannot render ${display ? "$$" : "$"}${tex}${display ? "$$" : "$"}: ${e.message}`);
  }
}

// Inline math in one line of prose: `$x$` opens on `$` followed by a non-space
// and closes on `$` preceded by a non-space and not followed by a digit.
// Code spans and `\$` are left alone.
function inlineMath(line, where) {
  let out = "";
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === "\\" && line[i + 1] === "$") {
      out += "\\$";
      i += 2;
    } else if (c === "`") {
      let run = 1;
      while (line[i + run] === "`") run++;
      const fence = "`".repeat(run);
      const close = line.indexOf(fence, i + run);
      const end = close < 0 ? i + run : close + run;
      out += line.slice(i, end);
      i = end;
    } else if (c === "$" && line[i + 1] !== "$" && line[i + 1] !== undefined && !/\s/.test(line[i + 1])) {
      let j = i + 1;
      let found = -1;
      while (j < line.length) {
        if (line[j] === "\\") {
          j += 2;
          continue;
        }
        if (line[j] === "$" && !/\s/.test(line[j - 1]) && !/[0-9]/.test(line[j + 1] ?? "")) {
          found = j;
          break;
        }
        j++;
      }
      if (found < 0) {
        out += c;
        i++;
      } else {
        // Punctuation right after an equation stays on its line.
        const tail = line.slice(found + 1).match(/^(?:[.,;:!?)]|['’]s\b)*/)[0];
        const html = render(line.slice(i + 1, found), false, where);
        out += tail ? `<span class="nowrap">${html}${tail}</span>` : html;
        i = found + 1 + tail.length;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

// A whole chapter: fenced blocks pass through; `$$` starts display math
// (one line `$$...$$`, or lines up to the one ending in `$$`), also inside
// a block quote; the rest gets inline math.
function equations(content, chapter) {
  const lines = content.split("\n");
  const out = [];
  let fence = null;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const where = `${chapter}:${n + 1}`;
    const prefix = line.match(/^[ \t>]*/)[0];
    const body = line.slice(prefix.length);
    const opening = body.match(/^(`{3,}|~{3,})/);
    if (fence) {
      if (opening && opening[1][0] === fence[0] && opening[1].length >= fence.length && body.trim() === opening[1]) fence = null;
      out.push(line);
    } else if (opening) {
      fence = opening[1];
      out.push(line);
    } else if (body.startsWith("$$")) {
      let tex = body.slice(2);
      let m = n;
      while (!tex.trimEnd().endsWith("$$")) {
        m++;
        if (m >= lines.length) fail(`${where}: $$ never closed`);
        tex += "\n" + lines[m].slice(lines[m].match(/^[ \t>]*/)[0].length);
      }
      tex = tex.trimEnd().slice(0, -2);
      const quote = prefix.includes(">") ? prefix.trimEnd() + " " : prefix;
      const html = render(tex.trim(), true, where);
      out.push(quote.trimEnd(), `${quote}<div class="math-display">${html}</div>`, quote.trimEnd());
      n = m;
    } else {
      out.push(inlineMath(line, where));
    }
  }
  return out.join("\n");
}

// ---------------------------------------------------------------------------
// Links into the repository
// ---------------------------------------------------------------------------

function sourcePage(repoPath) {
  return `${SOURCE_DIR}/${repoPath}.md`;
}

// Rewrites `](../x)` targets that leave the lessons folder; records what they name.
function sourceLinks(content, chapterPath, lessonsDir, repoRoot, linked) {
  const chapterDir = path.dirname(chapterPath);
  const lines = content.split("\n");
  let fence = null;
  return lines
    .map((line, n) => {
      const body = line.replace(/^[ \t>]*/, "");
      const opening = body.match(/^(`{3,}|~{3,})/);
      if (fence) {
        if (opening && opening[1][0] === fence[0] && body.trim().length >= fence.length && body.trim() === opening[1]) fence = null;
        return line;
      }
      if (opening) {
        fence = opening[1];
        return line;
      }
      return line.replace(/\]\(([^)\s#]+)(#[^)\s]*)?\)/g, (whole, target, fragment) => {
        if (target.includes("://") || target.startsWith("mailto:")) return whole;
        const absolute = path.resolve(lessonsDir, chapterDir, target);
        const repoPath = path.relative(repoRoot, absolute).split(path.sep).join("/");
        const inBook = path.relative(lessonsDir, absolute).split(path.sep).join("/");
        if (!inBook.startsWith("..")) {
          if (!renamed.has(inBook)) return whole;
          const page = path.relative(chapterDir, renamed.get(inBook)).split(path.sep).join("/");
          return `](${page}${fragment ?? ""})`;
        }
        if (repoPath.startsWith("..")) fail(`${chapterPath}:${n + 1}: link ${target} leaves the repository`);
        if (!fs.existsSync(absolute)) fail(`${chapterPath}:${n + 1}: link ${target} points at nothing`);
        linked.add(repoPath);
        const page = path.relative(chapterDir, sourcePage(repoPath)).split(path.sep).join("/");
        return `](${page})`;
      });
    })
    .join("\n");
}

// Files of a linked folder that get a page of their own.
function filesBelow(repoRoot, dir) {
  const found = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(repoRoot, rel), { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "target") continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (/\.(rs|md|toml)$/.test(entry.name)) found.push(child);
    }
  };
  walk(dir);
  return found.sort();
}

const LANGUAGES = { rs: "rust", toml: "toml", md: "markdown", sh: "bash", mjs: "javascript", json: "json" };

function chapter(name, content, chapterPath, parents) {
  return { Chapter: { name, content, number: null, sub_items: [], path: chapterPath, source_path: null, parent_names: parents } };
}

function sourceChapters(repoRoot, linked, number) {
  const pages = new Set();
  const dirs = [];
  for (const p of linked) {
    if (fs.statSync(path.join(repoRoot, p)).isDirectory()) {
      dirs.push(p);
      for (const f of filesBelow(repoRoot, p)) pages.add(f);
    } else pages.add(p);
  }
  const title = "Source files";
  const items = [];
  for (const dir of dirs.sort()) {
    const list = filesBelow(repoRoot, dir)
      .map((f) => `- [${f}](${path.relative(path.dirname(sourcePage(dir)), sourcePage(f)).split(path.sep).join("/")})`)
      .join("\n");
    items.push(chapter(`${dir}/`, `# \`${dir}/\`\n\nThe files of this folder:\n\n${list}\n`, sourcePage(dir), [title]));
  }
  for (const file of [...pages].sort()) {
    const text = fs.readFileSync(path.join(repoRoot, file), "utf8");
    const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
    const fence = "`".repeat(longest + 1);
    const language = LANGUAGES[file.split(".").pop()] ?? "text";
    const body = `# \`${file}\`\n\nThe file as it is in the repository (${text.split("\n").length - 1} lines).\n\n${fence}${language}\n${text.replace(/\n$/, "")}\n${fence}\n`;
    items.push(chapter(file, body, sourcePage(file), [title]));
  }
  const index = items
    .map((c) => `- [${c.Chapter.name}](${path.relative(SOURCE_DIR, c.Chapter.path).split(path.sep).join("/")})`)
    .join("\n");
  const top = chapter(title, `# ${title}\n\nEvery file of the repository that a lesson links to, as it is in the repository.\n\n${index}\n`, `${SOURCE_DIR}/index.md`, []);
  // The sidebar nests (and folds) chapters by the depth of their number.
  top.Chapter.number = [number];
  items.forEach((item, i) => (item.Chapter.number = [number, i + 1]));
  top.Chapter.sub_items = items;
  return top;
}

// ---------------------------------------------------------------------------

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const [context, book] = input;
const lessonsDir = path.resolve(context.root, context.config.book?.src ?? "src");
const repoRoot = path.resolve(lessonsDir, "..");
const linked = new Set();

// A lesson links to `README.md`; in the book that chapter is `index.md`.
const renamed = new Map();
const collect = (items) => {
  for (const item of items) {
    const ch = item.Chapter;
    if (!ch) continue;
    if (ch.path && ch.source_path && ch.path !== ch.source_path) renamed.set(ch.source_path, ch.path);
    collect(ch.sub_items);
  }
};
collect(book.items);

const visit = (items) => {
  for (const item of items) {
    const ch = item.Chapter;
    if (!ch) continue;
    if (ch.path) {
      const name = ch.source_path ?? ch.path;
      ch.content = equations(sourceLinks(ch.content, ch.path, lessonsDir, repoRoot, linked), name);
    }
    visit(ch.sub_items);
  }
};
visit(book.items);
const numbers = book.items.map((item) => item.Chapter?.number?.[0] ?? 0);
if (linked.size > 0) book.items.push("Separator", sourceChapters(repoRoot, linked, Math.max(0, ...numbers) + 1));
process.stdout.write(JSON.stringify(book));
