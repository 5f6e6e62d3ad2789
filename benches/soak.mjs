// The soak test (issue 7), run by `cargo xtask soak [--minutes N]`:
//
//   node benches/soak.mjs BASE_URL MINUTES RESULTS_JSON
//
// Opens benches/soak/index.html (a <chrono-scope> with the bench
// generator's 10k-event dataset) in headless Chromium and, for MINUTES,
// does random things a reader and a page do: ctrl+wheel zooms, drags,
// keys, clicks on events (cards) and on cluster badges, hovers (tooltips,
// crosshair), resizes of the element, reloads (load() of the same file,
// setData with its bytes). Each minute, after a forced garbage collection,
// it samples the JS heap, the WebAssembly memory, DOM nodes and event
// listeners.
//
// Fails (exit 1) on any page error or console error, or when, after the
// warm-up (the first WARMUP minutes), the last sample is above the warm-up
// sample by more than:
//   JS heap: 25 % + 2 MB;  wasm memory: 16 MiB;  DOM nodes: 300;  listeners: 30.
// (wasm memory never shrinks; it grows to the high-water mark of a reload
// and must stay there.) A seeded PRNG makes runs repeat the same actions.

import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';

const [base, minutesArg, resultsPath] = process.argv.slice(2);
const MINUTES = Number(minutesArg ?? 10);
if (!base || !(MINUTES > 0)) {
  console.error('usage: node benches/soak.mjs BASE_URL MINUTES [RESULTS_JSON]');
  process.exit(2);
}
const WARMUP = MINUTES >= 4 ? 2 : 1;
const TOL = { heapRatio: 0.25, heapBytes: 2e6, wasmBytes: 16 * 1024 * 1024, nodes: 300, listeners: 30 };

let seed = 0x5eed;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = (a) => a[Math.floor(rand() * a.length)];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'no-preference' });
const page = await context.newPage();
const problems = [];
page.on('pageerror', (e) => problems.push(`page error: ${e.stack ?? e}`));
page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');

await page.goto(`${base}/index.html`);
await page.waitForFunction(() => document.querySelector('#soak')?.timeline != null, null, { timeout: 60_000 });
await page.evaluate(async () => {
  window.soakBytes = await (await fetch('/events-10k.json')).arrayBuffer();
  window.soakSrc = document.querySelector('#soak').src;
});

async function sample(minute) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const wasm = await page.evaluate(() => window.Chronoscope.wasmMemoryBytes);
  return { minute, heap: heap.usedSize, wasm, nodes: dom.nodes, listeners: dom.jsEventListeners };
}

const box = async () => page.locator('#soak').boundingBox();
const counts = {};
const actions = {
  async wheel() {
    const b = await box();
    await page.mouse.move(b.x + rand() * b.width, b.y + b.height * (0.2 + 0.6 * rand()));
    await page.keyboard.down('Control');
    for (let i = 0; i < 3; i++) await page.mouse.wheel(0, (rand() < 0.5 ? -1 : 1) * 120);
    await page.keyboard.up('Control');
  },
  async drag() {
    const b = await box();
    const y = b.y + b.height * (0.3 + 0.5 * rand());
    const x = b.x + b.width * (0.2 + 0.6 * rand());
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + (rand() - 0.5) * 600, y + (rand() - 0.5) * 40, { steps: 6 });
    await page.mouse.up();
  },
  async keys() {
    const b = await box();
    await page.mouse.click(b.x + 4, b.y + b.height - 40); // focus (an empty spot)
    for (let i = 0; i < 4; i++) await page.keyboard.press(pick(['+', '-', 'ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown', 'Home', 'End', 'Enter', 'Escape', '0']));
  },
  async clickEvent() {
    // A random event of the dataset: select() moves the view to it and opens
    // its card; then a click on where it is drawn (card or cluster list).
    const id = `e${Math.floor(rand() * 10_000)}`;
    const r = await page.evaluate((id) => {
      const tl = document.querySelector('#soak').timeline;
      tl.select(id);
      return tl.eventRect(id);
    }, id);
    const b = await box();
    if (r) await page.mouse.click(b.x + r.x + Math.min(4, r.width / 2), b.y + r.y + r.height / 2);
    if (rand() < 0.5) await page.keyboard.press('Escape');
  },
  async clickAnywhere() {
    const b = await box();
    await page.mouse.click(b.x + rand() * b.width, b.y + rand() * (b.height - 60));
  },
  async hover() {
    const b = await box();
    for (let i = 0; i < 5; i++) await page.mouse.move(b.x + rand() * b.width, b.y + rand() * b.height, { steps: 2 });
  },
  async resize() {
    await page.evaluate(([w, h]) => {
      const el = document.getElementById('box');
      el.style.width = `${w}px`;
      el.style.height = `${h}px`;
    }, [Math.round(320 + rand() * 900), Math.round(200 + rand() * 480)]);
  },
  async reload() {
    await page.evaluate((useBytes) => {
      const tl = document.querySelector('#soak').timeline;
      return useBytes ? tl.setData(window.soakBytes) : tl.load(window.soakSrc);
    }, rand() < 0.5);
  },
};
const weights = [['wheel', 6], ['drag', 6], ['keys', 4], ['clickEvent', 4], ['clickAnywhere', 3], ['hover', 5], ['resize', 2], ['reload', 1]];
const bag = weights.flatMap(([k, n]) => Array(n).fill(k));

const samples = [await sample(0)];
const t0 = Date.now();
const end = t0 + MINUTES * 60_000;
let nextSample = t0 + 60_000;
while (Date.now() < end && problems.length === 0) {
  const k = pick(bag);
  counts[k] = (counts[k] ?? 0) + 1;
  await actions[k]();
  await page.waitForTimeout(20 + rand() * 60);
  if (Date.now() >= nextSample) {
    await page.waitForTimeout(300); // let animations settle
    samples.push(await sample(Math.round((Date.now() - t0) / 60_000)));
    nextSample += 60_000;
    const s = samples.at(-1);
    console.log(`soak: minute ${s.minute}: heap ${(s.heap / 1e6).toFixed(1)} MB, wasm ${(s.wasm / 1e6).toFixed(1)} MB, ${s.nodes} nodes, ${s.listeners} listeners`);
  }
}
if (problems.length === 0 && Date.now() - t0 - samples.at(-1).minute * 60_000 > 10_000) {
  await page.waitForTimeout(300);
  const s = await sample(Number(((Date.now() - t0) / 60_000).toFixed(1)));
  samples.push(s);
}
await browser.close();

const mb = (b) => (b / 1e6).toFixed(1);
const lines = ['| minute | JS heap MB | wasm MB | DOM nodes | listeners |', '| ---: | ---: | ---: | ---: | ---: |'];
for (const s of samples) lines.push(`| ${s.minute} | ${mb(s.heap)} | ${mb(s.wasm)} | ${s.nodes} | ${s.listeners} |`);
const total = Object.values(counts).reduce((a, b) => a + b, 0);
console.log(`\nsoak: ${total} actions in ${((Date.now() - t0) / 60_000).toFixed(1)} min: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
console.log(lines.join('\n'));

const failures = [...problems];
const warm = samples.find((s) => s.minute >= WARMUP) ?? samples[0];
const last = samples.at(-1);
if (last === warm) failures.push(`too short to judge growth (no sample after the ${WARMUP}-minute warm-up)`);
else {
  if (last.heap > warm.heap * (1 + TOL.heapRatio) + TOL.heapBytes) failures.push(`JS heap grew ${mb(warm.heap)} → ${mb(last.heap)} MB`);
  if (last.wasm > warm.wasm + TOL.wasmBytes) failures.push(`wasm memory grew ${mb(warm.wasm)} → ${mb(last.wasm)} MB`);
  if (last.nodes > warm.nodes + TOL.nodes) failures.push(`DOM nodes grew ${warm.nodes} → ${last.nodes}`);
  if (last.listeners > warm.listeners + TOL.listeners) failures.push(`listeners grew ${warm.listeners} → ${last.listeners}`);
}
if (resultsPath) {
  writeFileSync(resultsPath, `${JSON.stringify({ date: new Date().toISOString(), minutes: MINUTES, warmup: WARMUP, tolerance: TOL, actions: counts, samples, failures }, null, 1)}\n`);
}
if (failures.length) {
  console.error(`\nsoak FAILED:\n${failures.join('\n')}`);
  process.exit(1);
}
console.log(`\nsoak passed: against minute ${warm.minute}, JS heap ${mb(warm.heap)} → ${mb(last.heap)} MB, wasm ${mb(warm.wasm)} → ${mb(last.wasm)} MB, nodes ${warm.nodes} → ${last.nodes}, listeners ${warm.listeners} → ${last.listeners}; no page errors`);
