// Checks the built book (.ci/book.sh runs it):
//   node .ci/book-check.mjs BOOK_DIR CHROMIUM SCREENSHOT_DIR
// 1. every internal link and anchor of every HTML page resolves, and no page
//    loads anything from the network;
// 2. headless Chromium opens every page and fails on a JavaScript error, a
//    failed or outside request, an image that does not load, KaTeX's fonts
//    missing, TeX left unrendered in the visible text ($$, $x$, \frac, ...)
//    or a page wider than the window; it saves a PNG of each page.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const [bookArg, chromiumPath, shotsArg, onlyArg] = process.argv.slice(2);
if (!bookArg || !chromiumPath || !shotsArg) {
  console.error("usage: node .ci/book-check.mjs BOOK_DIR CHROMIUM SCREENSHOT_DIR [ONLY_THIS_PAGE.html]");
  process.exit(2);
}
const book = path.resolve(bookArg);
const shots = path.resolve(shotsArg);
const here = path.dirname(fileURLToPath(import.meta.url));
const { chromium } = createRequire(path.join(here, "browser", "package.json"))("playwright-core");

const problems = [];
const problem = (page, what) => problems.push(`${page}: ${what}`);

function htmlFiles(dir, rel = "") {
  const found = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...htmlFiles(dir, child));
    else if (entry.name.endsWith(".html")) found.push(child);
  }
  return found.sort();
}

const decode = (s) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'");

// ---------------------------------------------------------------------------
// 1. Links and anchors, in the HTML as written
// ---------------------------------------------------------------------------

// 404.html is served from the site's root by a web server, with its own base.
const pages = htmlFiles(book).filter((p) => p !== "404.html");
const ids = new Map();
const idsOf = (file) => {
  if (!ids.has(file)) {
    const html = fs.readFileSync(path.join(book, file), "utf8");
    ids.set(file, new Set([...html.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => decode(m[1]))));
  }
  return ids.get(file);
};
let links = 0;
for (const page of pages) {
  // Code blocks may show HTML as text (the source pages): only real tags count.
  const html = fs.readFileSync(path.join(book, page), "utf8").replace(/<(pre|code)\b[\s\S]*?<\/\1>/g, "");
  for (const m of html.matchAll(/<(script|link|img|iframe|source)\b[^>]*\s(?:src|href)="(https?:)?\/\/[^"]*"/g)) {
    problem(page, `loads ${m[0].slice(0, 120)} from the network`);
  }
  for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const target = decode(m[1]);
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//") || target === "#" || target === "") continue;
    links++;
    const [file, fragment] = target.split("#");
    const resolved = file ? path.posix.normalize(path.posix.join(path.posix.dirname(page), decodeURIComponent(file.split("?")[0]))) : page;
    const onDisk = path.join(book, resolved);
    if (resolved.startsWith("..") || !fs.existsSync(onDisk)) {
      problem(page, `link to ${target}: no such file`);
    } else if (fragment && resolved.endsWith(".html") && !/=/.test(fragment) && !idsOf(resolved).has(decodeURIComponent(fragment))) {
      // A fragment with "=" is a page's state (the explorer's mode and
      // settings), not an element: .ci/browser/explorer.cjs opens those links.
      problem(page, `link to ${target}: no element with id "${fragment}"`);
    }
  }
}
for (const css of fs.readdirSync(book, { recursive: true }).filter((f) => f.endsWith(".css"))) {
  if (/url\(\s*["']?(https?:)?\/\//.test(fs.readFileSync(path.join(book, css), "utf8"))) problem(css, "loads a URL from the network");
}
console.log(`links: ${links} internal links and anchors in ${pages.length} pages checked`);

// ---------------------------------------------------------------------------
// 2. Every page in a real browser
// ---------------------------------------------------------------------------

const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
fs.rmSync(shots, { recursive: true, force: true });
fs.mkdirSync(shots, { recursive: true });
const browsed = pages.filter((p) => p !== "toc.html" && (!onlyArg || p === onlyArg));
let equations = 0;
async function check(file) {
  const page = await context.newPage();
  page.on("pageerror", (e) => problem(file, `JavaScript error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problem(file, `console error: ${m.text()}`));
  page.on("requestfailed", (r) => problem(file, `request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on("request", (r) => /^(file|data|about|blob):/.test(r.url()) || problem(file, `network request: ${r.url()}`));
  await page.goto(pathToFileURL(path.join(book, file)).href, { waitUntil: "load" });
  await page.evaluate(() => document.fonts.ready);
  const report = await page.evaluate(() => {
    const out = { broken: [], katex: document.querySelectorAll(".katex").length, fonts: true, wide: false, text: "" };
    for (const img of document.images) if (!img.complete || img.naturalWidth === 0) out.broken.push(img.getAttribute("src"));
    if (out.katex > 0) {
      const family = getComputedStyle(document.querySelector(".katex")).fontFamily;
      const faces = [...document.fonts].filter((f) => f.family.replace(/"/g, "").startsWith("KaTeX"));
      out.fonts = family.includes("KaTeX") && faces.some((f) => f.status === "loaded") && !faces.some((f) => f.status === "error");
    }
    out.wide = document.documentElement.scrollWidth > window.innerWidth + 1;
    // The visible prose: rendered equations' hidden MathML and code are left out.
    const main = document.querySelector("main") ?? document.body;
    const hidden = [...main.querySelectorAll(".katex-mathml, pre, code")];
    const saved = hidden.map((e) => [e, e.style.display]);
    for (const e of hidden) e.style.display = "none";
    out.text = main.innerText;
    for (const [e, d] of saved) e.style.display = d;
    return out;
  });
  equations += report.katex;
  for (const src of report.broken) problem(file, `image does not load: ${src}`);
  if (!report.fonts) problem(file, "KaTeX's stylesheet or fonts are not applied");
  if (report.wide) problem(file, "the page is wider than the window (something overflows)");
  const tex = report.text.match(/\$\$|\\(frac|sum|partial|delta|sigma|left|right|cdot|odot|top|text|sqrt|eta|mu|lambda|tfrac|leftarrow|mathcal|operatorname)\b|(^|[\s(])\$[^\s$][^$\n]{0,80}\$(?=[\s.,;:)]|$)/m);
  if (tex) problem(file, `TeX left unrendered: "${tex[0]}"`);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const name = file.replace(/\.html$/, "").replace(/\//g, "__") + ".png";
  // A screenshot is for people to look at, not a check: a slow machine may
  // take long over a tall page, so it gets two minutes and one more try, and
  // a page that still cannot be shot is reported as a warning only.
  const shot = { path: path.join(shots, name), fullPage: true, timeout: 120000, clip: { x: 0, y: 0, width: 1280, height: Math.min(height, 16000) } };
  try {
    await page.screenshot(shot);
  } catch {
    try {
      await page.screenshot({ ...shot, clip: { ...shot.clip, height: Math.min(height, 4000) } });
    } catch (e) {
      console.warn(`warning: ${file}: no screenshot (${e.message.split("\n")[0]})`);
    }
  }
  await page.close();
}
// Three pages at a time: the browser waits on fonts and screenshots more than on the CPU.
const queue = [...browsed];
await Promise.all([1, 2, 3].map(async () => {
  while (queue.length > 0) await check(queue.shift());
}));
await browser.close();
console.log(`browser: ${browsed.length} pages opened in Chromium, ${equations} rendered equations; screenshots in ${shots}`);

if (problems.length > 0) {
  console.error(problems.join("\n"));
  console.error(`book check: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log("book check: no problem");
