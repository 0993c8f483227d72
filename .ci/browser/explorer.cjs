// Drives the explorer page in headless chromium and checks that it shows the
// numbers Rust computed.
//
// usage: node explorer.cjs PAGE CHROMIUM SCREENSHOT_DIR
//
// The expected numbers are read from the page FILE (the JSON the example
// embedded), not from the page's JavaScript: every number the page displays
// names its source (`data-src="improved/wo_after/1/0"`), and this script
// looks that source up in the JSON itself and compares.
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const [pagePath, browserPath, shots] = process.argv.slice(2);
if (!pagePath || !browserPath || !shots) {
  console.error("usage: node explorer.cjs PAGE CHROMIUM SCREENSHOT_DIR");
  process.exit(2);
}
const html = fs.readFileSync(pagePath, "utf8");
const embedded = html.match(/<script id="explorer-data" type="application\/json">([\s\S]*?)<\/script>/);
if (!embedded) throw new Error(`${pagePath}: no embedded explorer data`);
const DATA = JSON.parse(embedded[1].replace(/<\\\//g, "</"));
const S = DATA.step, T = DATA.train;

let failures = 0;
function check(ok, what) {
  if (!ok) {
    failures += 1;
    console.error(`FAIL: ${what}`);
  }
}

// The JSON value a `data-src` names, in the combination and step shown.
function lookup(src, combo, step) {
  const [side, ...rest] = src.split("/");
  let o = side === "combo" ? S.combos[combo] : S.combos[combo][side][step];
  for (const p of rest) {
    if (o === undefined || o === null) return undefined;
    o = o[p];
  }
  return o;
}

// Every leaf number of a trace, as data-src paths.
function leaves(side, trace) {
  const out = [];
  const walk = (prefix, v) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(`${prefix}/${i}`, x));
    else out.push(prefix);
  };
  for (const [k, v] of Object.entries(trace)) walk(`${side}/${k}`, v);
  return out;
}

// Checks every displayed number of step mode; returns their sources.
async function checkStepNumbers(page, label) {
  const shown = await page.evaluate(() => {
    const where = document.getElementById("where").dataset;
    const nums = [...document.querySelectorAll("#step-view [data-src]")].map((e) => ({
      src: e.dataset.src, digits: Number(e.dataset.digits), text: e.textContent,
    }));
    const results = [...document.querySelectorAll("#step-view .result[data-src]")].map((e) => e.dataset.src);
    const active = [...document.querySelectorAll("#diagram .unit.active")].map((e) => e.dataset.name)
      .concat([...document.querySelectorAll("#diagram .weight.active")].map((e) => e.dataset.weight));
    return { combo: where.combo, step: Number(where.step), stage: Number(where.stage), nums, results, active };
  });
  check(shown.nums.length > 0, `${label}: no numbers displayed`);
  for (const n of shown.nums) {
    const want = lookup(n.src, shown.combo, shown.step);
    const what = `${label} (combo ${shown.combo}, step ${shown.step}, stage ${shown.stage}): ${n.src}`;
    if (typeof want !== "number") { check(false, `${what}: not a number in the JSON`); continue; }
    check(/^-?\d+\.\d+$/.test(n.text) && n.text.split(".")[1].length === n.digits, `${what}: shows "${n.text}", expected ${n.digits} decimals`);
    check(Math.abs(Number(n.text) - want) <= 0.5 * 10 ** -n.digits + 1e-12, `${what}: shows ${n.text}, the trace says ${want}`);
  }
  // The stage computes what it says: its results and its highlighted unit
  // or weight are the ones this stage's place in the step calls for.
  const want = expectedStage(S.combos[shown.combo].improved[0], shown.stage);
  const sides = S.combos[shown.combo].naive ? ["naive", "improved"] : ["improved"];
  const results = sides.flatMap((side) => want.results.map((r) => `${side}/${r}`.replace(`naive/wo_change`, "naive/wo_changes").replace("naive/wi_change", "naive/wi_changes")));
  check(JSON.stringify([...shown.results].sort()) === JSON.stringify(results.sort()),
    `${label} stage ${shown.stage}: results ${shown.results.join(", ")}, expected ${results.join(", ")}`);
  check(want.active.every((a) => shown.active.includes(a)), `${label} stage ${shown.stage}: highlighted ${shown.active.join(", ")}, expected ${want.active.join(", ")}`);
  return shown;
}

// The stages of a step, in the order the networks compute them: hidden
// units, output units, output deltas, hidden deltas, each wo, each wi, error.
function expectedStage(trace, n) {
  const NI = trace.ai.length, NH = trace.ah.length, NO = trace.ao.length;
  const stages = [];
  for (let j = 0; j < NH; j++) stages.push({ results: [`hidden_sums/${j}`, `ah/${j}`], active: [`h${j}`] });
  for (let k = 0; k < NO; k++) stages.push({ results: [`output_sums/${k}`, `ao/${k}`], active: [`o${k}`] });
  for (let k = 0; k < NO; k++) stages.push({ results: [`output_deltas/${k}`], active: [`o${k}`] });
  for (let j = 0; j < NH; j++) stages.push({ results: [`hidden_deltas/${j}`], active: [`h${j}`] });
  for (let j = 0; j < NH; j++) for (let k = 0; k < NO; k++) stages.push({ results: [`wo_after/${j}/${k}`], active: [`wo/${j}/${k}`] });
  for (let i = 0; i < NI; i++) for (let j = 0; j < NH; j++) stages.push({ results: [`wi_after/${i}/${j}`], active: [`wi/${i}/${j}`] });
  stages.push({ results: ["error"], active: [] });
  return stages[n];
}

async function main() {
  fs.mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: browserPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("request", (r) => { if (!r.url().startsWith("file:")) errors.push(`network request: ${r.url()}`); });
  await page.goto("file://" + path.resolve(pagePath));

  // 1. One whole training step of part 1, with buttons and arrow keys:
  //    every number shown equals the trace's, and every number of both
  //    traces is shown at some stage.
  const stages = await page.evaluate(() => STAGES.length);
  const seen = new Set();
  for (let n = 0; n < stages; n++) {
    const shown = await checkStepNumbers(page, "step mode");
    check(shown.combo === "0000" && shown.step === 0 && shown.stage === n, `expected step 0 stage ${n}, at step ${shown.step} stage ${shown.stage}`);
    shown.nums.forEach((x) => seen.add(x.src));
    if (n === 20) await page.screenshot({ path: path.join(shots, "step-1280x800.png") });
    if (n % 2 === 0) await page.click("#next"); else await page.keyboard.press("ArrowRight");
  }
  for (const side of ["naive", "improved"]) {
    const missing = leaves(side, S.combos["0000"][side][0]).filter((src) => !seen.has(src));
    check(missing.length === 0, `the ${side} trace's numbers never shown during step 1: ${missing.join(", ")}`);
  }
  let at = await page.evaluate(() => ({ ...document.getElementById("where").dataset }));
  check(at.step === "1" && at.stage === "0", `after a whole step, expected step 1 stage 0, got ${JSON.stringify(at)}`);
  await checkStepNumbers(page, "step 2");
  await page.keyboard.press("ArrowLeft");
  at = await page.evaluate(() => ({ ...document.getElementById("where").dataset }));
  check(at.step === "0" && Number(at.stage) === stages - 1, `ArrowLeft should go back to the last stage of step 1, got ${JSON.stringify(at)}`);

  // 2. Each upgrade, at a weight-update stage: the numbers become that combination's.
  for (let n = 0; n < 5; n++) await page.keyboard.press("ArrowLeft"); // an update of wi
  const partOne = await checkStepNumbers(page, "part 1 at an update");
  for (const [id, combo] of [["sw-tanh", "1000"], ["sw-softmax", "1100"], ["sw-classical", "1110"], ["sw-l2", "1111"]]) {
    await page.click(`#${id}`);
    const shown = await checkStepNumbers(page, `after switching ${id}`);
    check(shown.combo === combo, `after ${id}: showing combination ${shown.combo}, expected ${combo}`);
    check(!shown.nums.some((x) => x.src.startsWith("naive/")), `after ${id}: naive numbers shown for an upgraded combination`);
    const before = new Map(partOne.nums.filter((x) => x.src.startsWith("improved/")).map((x) => [x.src, x.text]));
    const changed = shown.nums.filter((x) => before.has(x.src) && before.get(x.src) !== x.text);
    check(changed.length > 0, `after ${id}: no improved number changed`);
  }
  // The upgraded feed forward too (softmax output), then back to part 1.
  await page.keyboard.press("Home");
  for (let n = 0; n < 4; n++) await page.keyboard.press("ArrowRight");
  await checkStepNumbers(page, "upgraded output unit");
  await page.screenshot({ path: path.join(shots, "step-upgraded-1280x800.png") });
  for (const id of ["sw-tanh", "sw-softmax", "sw-classical", "sw-l2"]) await page.click(`#${id}`);

  // 3. Train mode, played to the end; then an upgrade switched on.
  async function checkTrain(label) {
    const shown = await page.evaluate(() => {
      const stats = document.getElementById("train-stats").dataset;
      const text = (k) => document.querySelector(`[data-train="${k}"]`).textContent;
      const levels = (sel) => [...document.querySelectorAll(`${sel} [data-level]`)].map((e) => e.dataset.level).join("");
      return {
        combo: stats.combo, snapshot: Number(stats.snapshot), epoch: text("epoch"), loss: text("loss"), accuracy: text("accuracy"),
        margin: levels("#margin-cells"),
        hidden: [...document.querySelectorAll("[data-unit]")].map((e) => levels(`[data-unit="${e.dataset.unit}"]`)),
      };
    });
    const combo = T.combos[shown.combo], snap = combo.snapshots[shown.snapshot];
    check(shown.epoch === String(snap.epoch), `${label}: epoch ${shown.epoch}, expected ${snap.epoch}`);
    const loss = snap.epoch > 0 ? combo.loss[snap.epoch - 1].toFixed(4) : "-";
    check(shown.loss === loss, `${label}: loss ${shown.loss}, expected ${loss}`);
    check(shown.accuracy === snap.accuracy.toFixed(4), `${label}: accuracy ${shown.accuracy}, expected ${snap.accuracy}`);
    check(shown.margin === snap.margin, `${label}: the boundary cells differ from the snapshot's`);
    check(JSON.stringify(shown.hidden) === JSON.stringify(snap.hidden), `${label}: the hidden units' pictures differ from the snapshot's`);
    return shown;
  }
  await page.click("#mode-train");
  await checkTrain("train mode at the start");
  await page.click("#play");
  await page.waitForSelector('#play[data-done="true"]', { timeout: 60000 });
  let shown = await checkTrain("train mode at the end");
  check(shown.combo === "0000" && shown.snapshot === T.combos["0000"].snapshots.length - 1, `train mode did not reach the last snapshot: ${shown.snapshot}`);
  check(shown.epoch === String(T.epochs), `train mode ended at epoch ${shown.epoch}, expected ${T.epochs}`);
  await page.screenshot({ path: path.join(shots, "train-1280x800.png") });
  await page.click("#sw-softmax");
  shown = await checkTrain("train mode, softmax");
  check(shown.combo === "0100", `train mode after softmax: combination ${shown.combo}`);
  await page.keyboard.press("ArrowLeft");
  shown = await checkTrain("train mode, one snapshot back");
  check(shown.snapshot === T.combos["0100"].snapshots.length - 2, `ArrowLeft in train mode: snapshot ${shown.snapshot}`);

  // 4. A narrow screen: nothing wider than the window.
  await page.setViewportSize({ width: 420, height: 900 });
  const overflow = async () => page.evaluate(() => document.documentElement.scrollWidth);
  check(await overflow() <= 420, `train mode at 420 px is ${await overflow()} px wide`);
  await page.screenshot({ path: path.join(shots, "train-420x900.png"), fullPage: true });
  await page.click("#mode-step");
  await page.click("#sw-softmax");
  for (let n = 0; n < 12; n++) await page.keyboard.press("ArrowRight");
  await checkStepNumbers(page, "step mode at 420 px");
  check(await overflow() <= 420, `step mode at 420 px is ${await overflow()} px wide`);
  await page.screenshot({ path: path.join(shots, "step-420x900.png"), fullPage: true });

  check(errors.length === 0, `console errors or network requests:\n  ${errors.join("\n  ")}`);
  await browser.close();
  if (failures > 0) {
    console.error(`explorer: ${failures} check(s) failed`);
    process.exit(1);
  }
  console.log(`explorer: ${stages} stages of a training step, 4 upgrades and ${T.combos["0000"].snapshots.length} training snapshots checked in chromium; screenshots in ${shots}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
