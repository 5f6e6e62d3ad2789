// The driver of `cargo xtask bench` (see BENCHMARKS.md and docs/commands.md).
//
//   node benches/run.mjs PLAN.json
//
// The plan (written by xtask/src/bench.rs) names the site's URL (the xtask
// server: benches/site/, dist/, target/, the repository root), the
// datasets, the contenders and how many runs each gets. For every dataset,
// in one Chromium (Debian's /usr/bin/chromium through playwright-core, as
// the end-to-end tests launch it), each run is a fresh browser context:
//
//   1. Chronoscope: load, data in → first paint, memory, 20 zoom + 20 pan steps;
//   2. one more Chronoscope load with ?record: the Canvas 2D calls of each
//      of those frames, written to target/bench/frames/NAME.json;
//   3. the floor: the same frames replayed by plain JavaScript, timed the
//      same way, then checked call for call (and pixel for pixel);
//   4. vis-timeline and TimelineJS (event-only datasets), until one of them
//      takes over 60 s at a size: larger sizes are then skipped.
//
// Results go to plan.out (JSON); benches/report.mjs turns them into the
// table and BENCHMARKS.md. In smoke mode (the `bench (smoke)` step of
// `cargo xtask test`) the process fails if a run fails or the floor did not
// draw the calls it was given; timings never fail it.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';
import { summarize, printTable } from './report.mjs';

const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const started = Date.now();
const SLOW_SECONDS = 60; // a peer slower than this at one size is not run at larger ones
const SINGLE_RUN_SECONDS = 20; // a peer run slower than this is not repeated
// vis-timeline's first paint at 10k events takes 290–310 s on the 2-core
// machine: a phase gets ten minutes before it counts as failed.
const PHASE_TIMEOUT_MS = (plan.phaseTimeoutSeconds ?? 600) * 1000;

const log = (...a) => console.log(...a);
const fmt = (x, d = 1) => (x == null || Number.isNaN(x) ? '—' : Number(x).toFixed(d));

function percentile(values, p) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v[Math.max(0, Math.ceil((p / 100) * v.length) - 1)];
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// ----- shipped bytes --------------------------------------------------------

function sizes(files) {
  const out = { files: [], raw: 0, gzip: 0 };
  for (const [label, file] of files) {
    const data = fs.readFileSync(file);
    const gz = zlib.gzipSync(data, { level: 9 }).length;
    out.files.push({ file: label, raw: data.length, gzip: gz });
    out.raw += data.length;
    out.gzip += gz;
  }
  return out;
}

/**
 * What a contender's page loaded besides the benchmark's own files (pages,
 * harness scripts, datasets, recorded frames): the widget's scripts,
 * styles, WebAssembly and whatever those load in turn (an icon font), as
 * the page requested them. Paths resolve the way the xtask server does.
 */
function shippedBytes(requests) {
  const roots = [path.join(plan.repoRoot, 'benches/site'), plan.distDir, plan.targetDir, plan.repoRoot];
  const files = [];
  for (const p of requests) {
    if (p.startsWith('/bench-data/') || p.startsWith('/bench/frames/')) continue;
    const rel = decodeURIComponent(p).replace(/^\/+/, '');
    const i = roots.findIndex((r) => fs.existsSync(path.join(r, rel)) && fs.statSync(path.join(r, rel)).isFile());
    if (i <= 0) continue; // the harness's own file (benches/site), or not a file
    files.push([rel.startsWith('node_modules/') ? rel.slice('node_modules/'.length) : rel, path.join(roots[i], rel)]);
  }
  return sizes(files);
}

// ----- machine --------------------------------------------------------------

function machine(browserVersion) {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    if (m) cpu = m[1].trim();
  } catch { /* not Linux */ }
  return {
    nproc: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
    cpu,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    chromium: browserVersion,
    node: process.version,
    rendering: 'headless, --disable-gpu (software rendering)',
  };
}

// ----- one run ---------------------------------------------------------------

const PAGES = {
  chronoscope: 'chronoscope.html',
  floor: 'floor.html',
  'vis-timeline': 'vis.html',
  timelinejs: 'timelinejs.html',
};

async function heap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/**
 * One page load of `contender` on dataset `ds`. Returns the raw figures, or
 * throws. `record` makes it the Chronoscope recording pass.
 */
async function runOnce(browser, contender, ds, { record = false } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
  });
  const t = Date.now();
  try {
    const page = await context.newPage();
    const problems = [];
    const requests = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('requestfailed', (r) => {
      if (!r.url().endsWith('/favicon.ico')) problems.push(`request failed: ${r.url()}`);
    });
    page.on('response', (r) => requests.push(new URL(r.url()).pathname));
    const query = record ? '?record' : '';
    await page.goto(`${plan.baseUrl}/${PAGES[contender]}${query}`);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
    const dataUrl = contender === 'vis-timeline' ? ds.visUrl : contender === 'timelinejs' ? ds.tlUrl : ds.url;
    const initArg = contender === 'floor' ? `${plan.framesUrl}/${ds.name}/manifest.json` : undefined;
    const init = await page.evaluate((a) => window.bench.init(a), initArg);
    const cdp = await context.newCDPSession(page);
    const measureMemory = contender !== 'floor' && !record;
    if (contender !== 'floor') {
      await withTimeout(page.evaluate((u) => window.bench.fetchData(u), dataUrl), PHASE_TIMEOUT_MS, 'fetching the data');
    }
    const wasm = () => (contender === 'chronoscope' ? page.evaluate(() => window.bench.wasmMemoryBytes()) : 0);
    const before = measureMemory ? { heap: await heap(cdp), wasm: await wasm() } : null;
    const first = await withTimeout(page.evaluate(() => window.bench.firstPaint()), PHASE_TIMEOUT_MS, 'first paint');
    const firstAt = Date.now();
    if (contender !== 'floor') await page.evaluate(() => window.bench.dropText());
    const after = measureMemory ? { heap: await heap(cdp), wasm: await wasm() } : null;
    let zoom;
    let pan;
    const frames = [];
    if (record) {
      // One step at a time, taking each frame's calls out of the page before
      // the next, so that frames of millions of calls never pile up there.
      const dir = path.join(plan.framesDir, ds.name);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      const pull = async () => {
        const meta = await page.evaluate(() => window.bench.takeFrame());
        const parts = [];
        const CHUNK = 32 << 20;
        for (let at = 0; at < meta.base64Length; at += CHUNK) {
          parts.push(Buffer.from(await page.evaluate(([a, n]) => window.bench.chunk(a, n), [at, CHUNK]), 'base64'));
        }
        const file = `${String(frames.length).padStart(2, '0')}.bin`;
        fs.writeFileSync(path.join(dir, file), Buffer.concat(parts));
        frames.push({ ...meta, file });
      };
      await pull();
      const stepwise = async (kind) => {
        const out = [];
        for (let i = 0; i < 20; i++) {
          out.push(...await withTimeout(page.evaluate(([k, j]) => window.bench.steps(k, j, 1), [kind, i]), PHASE_TIMEOUT_MS, `${kind} step`));
          await pull();
        }
        return out;
      };
      zoom = await stepwise('zoom');
      pan = await stepwise('pan');
      const recording = await page.evaluate(() => window.bench.recording());
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ ...recording, frames }));
    } else {
      zoom = await withTimeout(page.evaluate(() => window.bench.steps('zoom')), PHASE_TIMEOUT_MS, 'zoom steps');
      pan = await withTimeout(page.evaluate(() => window.bench.steps('pan')), PHASE_TIMEOUT_MS, 'pan steps');
    }
    const out = {
      init,
      firstPaint: first,
      loadSeconds: (firstAt - t) / 1000,
      memory: before && after ? {
        heapBefore: before.heap, heapAfter: after.heap, wasmBefore: before.wasm, wasmAfter: after.wasm,
        heapDelta: after.heap - before.heap, wasmDelta: after.wasm - before.wasm,
        total: after.heap - before.heap + after.wasm - before.wasm,
      } : null,
      zoom,
      pan,
      requests: [...new Set(requests)].filter((p) => !p.includes('/bench-data/')),
      problems,
    };
    if (record) out.frames = frames;
    if (contender === 'floor') out.verify = await page.evaluate(() => window.bench.verify());
    out.seconds = (Date.now() - t) / 1000;
    return out;
  } finally {
    await context.close().catch(() => {});
  }
}

function stepStats(steps) {
  const work = steps.map((s) => s.work);
  return {
    p50: percentile(work, 50),
    p95: percentile(work, 95),
    max: Math.max(...work),
    latencyP50: percentile(steps.map((s) => s.latency), 50),
    unverified: steps.filter((s) => !s.ok).length,
  };
}

function describeRun(r) {
  const z = stepStats(r.zoom);
  const p = stepStats(r.pan);
  return `first paint ${fmt(r.firstPaint.work)} ms (wall ${fmt(r.firstPaint.latency)}, parse ${fmt(r.firstPaint.parse)}), ` +
    `zoom p50 ${fmt(z.p50, 2)} p95 ${fmt(z.p95, 2)} ms, pan p50 ${fmt(p.p50, 2)} p95 ${fmt(p.p95, 2)} ms` +
    (z.unverified + p.unverified ? `, ${z.unverified + p.unverified} step(s) unconfirmed` : '') +
    (r.memory ? `, memory +${fmt((r.memory.total) / 1e6)} MB` : '') + `, ${fmt(r.seconds)} s`;
}

// ----- the run --------------------------------------------------------------

async function main() {
  fs.mkdirSync(plan.framesDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      '--disable-renderer-backgrounding',
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
    ],
  });
  const results = {
    generated: new Date().toISOString(),
    command: plan.command,
    mode: plan.mode,
    commit: plan.commit,
    machine: machine(browser.version()),
    runsPlanned: plan.runs,
    shipped: {},
    datasets: [],
    failures: [],
  };
  const peerState = {}; // peer → reason larger sizes are skipped
  try {
    for (const ds of plan.datasets) {
      const meta = JSON.parse(fs.readFileSync(ds.meta, 'utf8'));
      const entry = { name: ds.name, meta, contenders: {} };
      results.datasets.push(entry);
      log(`\n== ${ds.name}: ${meta.events} events, ${meta.series} series × ${meta.seriesPoints} points, ${fmt(meta.fileBytes / 1e6)} MB`);

      const runMany = async (contender, n, opts = {}) => {
        const c = { status: 'ok', runs: [], errors: [] };
        entry.contenders[contender] = c;
        for (let i = 0; i < n; i++) {
          try {
            const r = await runOnce(browser, contender, ds, opts);
            c.runs.push(r);
            log(`  ${contender.padEnd(12)} run ${i + 1}/${n}: ${describeRun(r)}`);
            for (const pr of r.problems) log(`    ${pr}`);
            if (opts.singleIfSlow && r.seconds > SINGLE_RUN_SECONDS && i + 1 < n) {
              c.note = `${i + 1} run${i ? 's' : ''}: one took ${fmt(r.seconds, 0)} s`;
              break;
            }
          } catch (e) {
            c.errors.push(String(e.message ?? e));
            log(`  ${contender.padEnd(12)} run ${i + 1}/${n}: FAILED: ${e.message ?? e}`);
            results.failures.push(`${ds.name} ${contender}: ${e.message ?? e}`);
            c.status = c.runs.length ? 'ok' : 'failed';
            break;
          }
        }
        return c;
      };

      if (plan.contenders.includes('chronoscope')) {
        await runMany('chronoscope', plan.runs.chronoscope);
      }
      if (plan.contenders.includes('floor')) {
        let rec;
        try {
          rec = await runOnce(browser, 'chronoscope', ds, { record: true });
          const frames = rec.frames;
          const sum = (k) => frames.reduce((a, f) => a + f[k], 0);
          log(`  recorded     ${frames.length} frames, ${sum('calls')} calls (${sum('primitives')} primitives, ` +
            `${sum('unsupported')} unsupported), ${fmt(sum('bytes') / 1e6)} MB, in ${fmt(rec.seconds)} s ` +
            `(recording run, not a figure: ${describeRun(rec)})`);
          entry.recording = {
            frames: frames.map((f) => ({ label: f.label, calls: f.calls, primitives: f.primitives, unsupported: f.unsupported, byOp: f.byOp })),
          };
        } catch (e) {
          results.failures.push(`${ds.name} recording: ${e.message ?? e}`);
          log(`  recording FAILED: ${e.message ?? e}`);
        }
        if (rec) {
          const c = await runMany('floor', plan.runs.floor);
          const v = c.runs.at(-1)?.verify;
          if (v) {
            const bad = v.filter((f) => f.calls !== f.recordedCalls || f.primitives !== f.recordedPrimitives || f.unsupported > 0);
            const pixels = v.filter((f) => f.pixelsMatch === false).map((f) => f.label);
            c.check = {
              frames: v.length,
              recordedPrimitives: v.reduce((a, f) => a + f.recordedPrimitives, 0),
              drawnPrimitives: v.reduce((a, f) => a + f.primitives, 0),
              recordedCalls: v.reduce((a, f) => a + f.recordedCalls, 0),
              drawnCalls: v.reduce((a, f) => a + f.calls, 0),
              mismatched: bad.map((f) => f.label),
              pixelsDiffer: pixels,
            };
            log(`  floor check: ${c.check.drawnPrimitives}/${c.check.recordedPrimitives} primitives, ` +
              `${c.check.drawnCalls}/${c.check.recordedCalls} calls drawn; ` +
              `${bad.length ? `MISMATCH in ${bad.map((f) => f.label).join(', ')}` : 'every frame matches'}; ` +
              `pixels ${pixels.length ? `differ in ${pixels.length} frame(s): ${pixels.slice(0, 5).join(', ')}` : 'identical in every frame'}`);
            if (bad.length) results.failures.push(`${ds.name} floor: drawn calls differ from the recording in ${bad.map((f) => f.label).join(', ')}`);
          } else if (c.status === 'ok') {
            results.failures.push(`${ds.name} floor: no verification`);
          }
          // The frames of the large datasets take gigabytes; they are made
          // again by every run, so only the smallest are kept for inspection.
          if (!plan.keepFrames && rec.frames.reduce((a, f) => a + f.bytes, 0) > 50e6) {
            fs.rmSync(path.join(plan.framesDir, ds.name), { recursive: true, force: true });
          }
        }
      }
      for (const peer of ['vis-timeline', 'timelinejs']) {
        if (!plan.contenders.includes(peer) || !ds.peers) continue;
        if (peerState[peer]) {
          entry.contenders[peer] = { status: 'skipped', reason: peerState[peer], runs: [] };
          log(`  ${peer.padEnd(12)} skipped (${peerState[peer]})`);
          continue;
        }
        const c = await runMany(peer, plan.runs.peers, { singleIfSlow: true });
        const slowest = Math.max(0, ...c.runs.map((r) => r.seconds));
        if (c.status === 'failed') {
          peerState[peer] = `it failed at ${ds.name}`;
        } else if (slowest > SLOW_SECONDS) {
          peerState[peer] = `${ds.name} took ${fmt(slowest, 0)} s > ${SLOW_SECONDS} s`;
        }
      }
      for (const [name, c] of Object.entries(entry.contenders)) {
        c.summary = summarize(c.runs, meta);
        if (name !== 'floor' && !results.shipped[name] && c.runs.length) {
          results.shipped[name] = shippedBytes(c.runs[0].requests);
        }
      }
    }
  } finally {
    await browser.close();
  }
  results.durationSeconds = (Date.now() - started) / 1000;
  fs.writeFileSync(plan.out, `${JSON.stringify(results, null, 1)}\n`);
  log(`\nresults: ${plan.out}`);
  printTable(results);
  if (plan.mode === 'smoke' && results.failures.length) {
    console.error(`\nbench smoke test failed:\n  ${results.failures.join('\n  ')}`);
    process.exit(1);
  }
  if (results.failures.length) {
    log(`\n${results.failures.length} problem(s):\n  ${results.failures.join('\n  ')}`);
  }
}

await main();
