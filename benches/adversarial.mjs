// The adversarial shapes of `cargo xtask bench` (issue 15; see BENCHMARKS.md
// and docs/commands.md).
//
//   node benches/adversarial.mjs PLAN.json
//
// The plan (written by xtask/src/bench.rs) names the site (the xtask server:
// benches/site/, a snapshot of dist/, target/), the datasets (every shape of
// xtask/src/bench_data.rs at 10k and 100k events, or those asked for) and the
// rounds. Each round loads every dataset once, in the plan's order, each in a
// fresh browser context of one Chromium (Debian's, through playwright-core):
// the bench page (benches/site/chronoscope.html) creates the widget on a
// two-event dataset, fetches the dataset as bytes, and times
// `timeline.setData(bytes)` to the end of the first frame that shows it
// (benches/site/common.js, timedLoad). Then it checks what the load kept: the
// `ready` event's count must be the events the shape keeps (meta `loaded`),
// and a frame must have been drawn.
//
// A dataset that fails, or whose load took over SLOW_SECONDS, is not loaded
// again. Results go to plan.out (JSON); benches/adversarial-report.mjs
// prints them and writes their section of BENCHMARKS.md. In smoke mode (the
// `bench (smoke)` step of `cargo xtask test`) the process fails on a failed
// load or a wrong count; timings never fail it.

import fs from 'node:fs';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';
import { printAdversarial } from './adversarial-report.mjs';

const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const started = Date.now();
// A shape that is quadratic again takes minutes at 100k: one such load is
// enough to show it, and a phase gets five minutes before it counts as failed.
const SLOW_SECONDS = 30;
const PHASE_TIMEOUT_MS = (plan.phaseTimeoutSeconds ?? 300) * 1000;

const log = (...a) => console.log(...a);
const fmt = (x, d = 1) => (x == null || Number.isNaN(x) ? '—' : Number(x).toFixed(d));

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

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

/** One load of `ds`: the figures, or throws. */
async function runOnce(browser, ds) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
  });
  const t = Date.now();
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('requestfailed', (r) => {
      if (!r.url().endsWith('/favicon.ico')) problems.push(`request failed: ${r.url()}`);
    });
    await page.goto(`${plan.baseUrl}/chronoscope.html`);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
    await page.evaluate(() => window.bench.init());
    const bytes = await withTimeout(page.evaluate((u) => window.bench.fetchData(u), ds.url), PHASE_TIMEOUT_MS, 'fetching the data');
    const wasmBefore = await page.evaluate(() => window.bench.wasmMemoryBytes());
    const first = await withTimeout(page.evaluate(() => window.bench.firstPaint()), PHASE_TIMEOUT_MS, 'setData and first paint');
    await page.evaluate(() => window.bench.dropText());
    const loaded = await withTimeout(page.evaluate(() => window.bench.loaded()), PHASE_TIMEOUT_MS, 'settling');
    const wasmAfter = await page.evaluate(() => window.bench.wasmMemoryBytes());
    return {
      bytes,
      firstPaint: first.latency,
      work: first.work,
      parse: first.parse,
      rendered: first.ok,
      events: loaded.ready ? loaded.ready.events : null,
      readyCount: loaded.readyCount,
      problems: loaded.problems,
      codes: loaded.codes,
      wasmBefore,
      wasmAfter,
      pageProblems: problems,
      seconds: (Date.now() - t) / 1000,
    };
  } finally {
    await context.close().catch(() => {});
  }
}

function describe(r) {
  const codes = Object.entries(r.codes).map(([c, n]) => `${c} ${n}`).join(', ');
  return `${fmt(r.firstPaint)} ms (parse ${fmt(r.parse)} ms), ${r.events} events kept, ` +
    `${r.problems} problem event(s)${codes ? ` (${codes})` : ''}, wasm +${fmt((r.wasmAfter - r.wasmBefore) / 2 ** 20)} MiB, ${fmt(r.seconds)} s`;
}

async function main() {
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
    datasets: plan.datasets.map((ds) => ({
      name: ds.name,
      shape: ds.shape,
      events: ds.events,
      meta: JSON.parse(fs.readFileSync(ds.meta, 'utf8')),
      runs: [],
      errors: [],
    })),
    failures: [],
  };
  try {
    for (let round = 0; round < plan.runs; round++) {
      log(`\n== round ${round + 1}/${plan.runs}`);
      for (const [i, ds] of plan.datasets.entries()) {
        const entry = results.datasets[i];
        if (entry.stopped) continue;
        try {
          const r = await runOnce(browser, ds);
          entry.runs.push(r);
          log(`  ${ds.name.padEnd(22)} ${describe(r)}`);
          for (const p of r.pageProblems) log(`    ${p}`);
          const wrong = [];
          if (!r.rendered) wrong.push('no frame was drawn');
          if (r.events !== entry.meta.loaded) wrong.push(`${r.events} events kept, expected ${entry.meta.loaded}`);
          if (r.pageProblems.length) wrong.push(r.pageProblems.join('; '));
          if (wrong.length) {
            results.failures.push(`${ds.name}: ${wrong.join('; ')}`);
            entry.stopped = 'wrong result';
          } else if (r.seconds > SLOW_SECONDS && round + 1 < plan.runs) {
            entry.stopped = `one load took ${fmt(r.seconds, 0)} s`;
            entry.note = `${entry.runs.length} run${entry.runs.length > 1 ? 's' : ''}: ${entry.stopped}`;
          }
        } catch (e) {
          entry.errors.push(String(e.message ?? e));
          entry.stopped = 'failed';
          results.failures.push(`${ds.name}: ${e.message ?? e}`);
          log(`  ${ds.name.padEnd(22)} FAILED: ${e.message ?? e}`);
        }
      }
    }
  } finally {
    await browser.close();
  }
  for (const d of results.datasets) delete d.stopped;
  results.durationSeconds = (Date.now() - started) / 1000;
  fs.writeFileSync(plan.out, `${JSON.stringify(results, null, 1)}\n`);
  log(`\nresults: ${plan.out}`);
  printAdversarial(results);
  if (results.failures.length) {
    const text = `${results.failures.length} problem(s):\n  ${results.failures.join('\n  ')}`;
    if (plan.mode === 'smoke') {
      console.error(`\nadversarial smoke test failed: ${text}`);
      process.exit(1);
    }
    log(`\n${text}`);
  }
}

await main();
