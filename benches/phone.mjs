// The phone measurement of `cargo xtask bench` (issue 15: the story on a
// phone sooner than TimelineJS shows it). See BENCHMARKS.md and
// docs/commands.md.
//
//   node benches/phone.mjs PLAN.json
//
// The plan (written by xtask/src/bench.rs) names the release dist/ to serve
// (a snapshot), the repository root, the number of runs and where the
// results go. This script:
//
//   1. converts the SIP story (www/data/sip.en.json, 20 events) into
//      TimelineJS's JSON (headline, text, start_date with its display date,
//      group, media when an event has one);
//   2. serves two bare article pages on 127.0.0.1 from node (so it can
//      compress as a CDN does): benches/phone/chronoscope.html (the README's
//      two-line embed: the module script and <chrono-scope src=…>) and
//      benches/phone/timelinejs.html (TimelineJS 3.9.11's CSS and
//      timeline.js, a fetch of the converted story and
//      `new TL.Timeline(el, data, {font: null})`), the widget files and the
//      data. Two servers: one answers with gzip only, the other with brotli
//      when the request accepts it. Every html, css, js, wasm, json, svg and
//      ttf response is compressed (gzip -9, brotli quality 11, made once and
//      kept: a CDN's precompressed static files);
//   3. loads the pages in headless Chromium under Lighthouse's mobile
//      profile (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, CPU ÷ 4;
//      390 × 844 CSS px at 3×, mobile, touch, a phone's user agent), each
//      load in a fresh browser context with its cache cleared, interleaved
//      C, T, C, T for gzip and for brotli, `runs` rounds;
//   4. reads back what the probe (benches/phone/probe.js, an init script)
//      recorded in the page: navigation start → usable, and Resource Timing
//      transfer sizes before that moment and after the network went idle;
//   5. writes plan.out (JSON) and prints the table; benches/phone-report.mjs
//      writes the BENCHMARKS.md section from it.
//
// In smoke mode (a completion check) the process fails if a load does not
// become usable or does not show the 20 events; timings never fail it.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';
import { summarizePhone, printPhone } from './phone-report.mjs';

const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const started = Date.now();
const log = (...a) => console.log(...a);

// ----- the profile ----------------------------------------------------------

// Lighthouse's mobile profile (its constants: rttMs 150, throughputKbps
// 1.6 × 1024, uploadThroughputKbps 750, cpuSlowdownMultiplier 4; a Moto G
// Power's screen, 412 × 823 in Lighthouse, here a 390 × 844 phone). CDP
// takes bytes per second: kbit/s × 1024 / 8.
export const PROFILE = Object.freeze({
  latencyMs: 150,
  downloadBitsPerSecond: 1.6 * 1024 * 1000, // 1,638,400 (Lighthouse: 1.6 × 1024 kbit/s)
  uploadBitsPerSecond: 750 * 1024, // 768,000
  cpuSlowdown: 4,
  width: 390,
  height: 844,
  deviceScaleFactor: 3,
});

const NETWORK = {
  offline: false,
  latency: PROFILE.latencyMs,
  downloadThroughput: PROFILE.downloadBitsPerSecond / 8, // 204,800 B/s
  uploadThroughput: PROFILE.uploadBitsPerSecond / 8, // 96,000 B/s
};

/** Every file the two pages load, compressed before the first load. */
const PRELOAD = [
  '/chronoscope.html', '/chronoscope/chronoscope.js', '/chronoscope/chronoscope_wasm.js',
  '/chronoscope/chronoscope_wasm_bg.wasm', '/data/sip.en.json',
  '/timelinejs.html', '/timelinejs/css/timeline.css', '/timelinejs/js/timeline.js',
  '/timelinejs/css/icons/tl-icons.ttf', '/data/sip.tl.json',
];
const PAGES = { chronoscope: 'chronoscope.html', timelinejs: 'timelinejs.html' };
const DATA = { chronoscope: '/data/sip.en.json', timelinejs: '/data/sip.tl.json' };
const USABLE_TIMEOUT_MS = 120_000;
const QUIET_MS = 2_000; // the network is idle after this long with no request in flight
const IDLE_TIMEOUT_MS = 60_000;

// ----- the SIP story in TimelineJS's format ----------------------------------

const escapeHtml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A dataset time (`1994`, `2022-01`, `2022-11-06`) as a TimelineJS date. */
function tlDate(time, display) {
  const m = /^(-?\d{1,6})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(String(time));
  if (!m) throw new Error(`the converter takes years, months and days, not \`${time}\``);
  const d = { year: Number(m[1]) };
  if (m[2]) d.month = Number(m[2]);
  if (m[3]) d.day = Number(m[3]);
  if (display) d.display_date = display;
  return d;
}

/**
 * The events of a Chronoscope dataset as TimelineJS JSON: `text.headline`
 * (the title), `text.text` (the text, as HTML-escaped text), `start_date`
 * (with `display_date` from `displayDate`), `end_date` for spans, `group`
 * (the group's label: TimelineJS shows the group's name as the row's
 * heading), `media` when the event has an image, `unique_id`. Eras, series,
 * sources and the dataset's title are not part of what is compared.
 */
export function toTimelineJS(ds) {
  const groups = new Map((ds.groups ?? []).map((g) => [g.id, g.label ?? g.id]));
  return {
    events: ds.events.map((e) => {
      const out = {
        unique_id: e.id,
        start_date: tlDate(e.start, e.displayDate),
        text: { headline: escapeHtml(e.title), text: e.text ? `<p>${escapeHtml(e.text)}</p>` : '' },
      };
      if (e.end) out.end_date = tlDate(e.end);
      if (e.group) out.group = groups.get(e.group) ?? e.group;
      if (e.media) {
        out.media = { url: e.media.url, alt: e.media.alt ?? '', caption: e.media.caption ?? '', credit: e.media.credit ?? '' };
      }
      return out;
    }),
  };
}

// ----- the servers ----------------------------------------------------------

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.json', '.css', '.svg', '.ttf']);

/** Where a URL path comes from: a file, or bytes made here (the converted story). */
function makeSite(tlJson) {
  const root = plan.repoRoot;
  const tl = path.join(root, 'node_modules/@knight-lab/timelinejs/dist');
  const mounts = [
    ['/chronoscope/', plan.distDir],
    ['/timelinejs/', tl],
  ];
  const fixed = new Map([
    ['/chronoscope.html', path.join(root, 'benches/phone/chronoscope.html')],
    ['/timelinejs.html', path.join(root, 'benches/phone/timelinejs.html')],
    ['/data/sip.en.json', path.join(root, 'www/data/sip.en.json')],
  ]);
  const generated = new Map([['/data/sip.tl.json', Buffer.from(JSON.stringify(tlJson))]]);
  const cache = new Map(); // path → {raw, gzip, br}
  const site = (urlPath) => {
    if (cache.has(urlPath)) return cache.get(urlPath);
    let raw = generated.get(urlPath) ?? null;
    let file = fixed.get(urlPath) ?? null;
    if (!raw && !file) {
      for (const [prefix, dir] of mounts) {
        if (!urlPath.startsWith(prefix)) continue;
        const rel = decodeURIComponent(urlPath.slice(prefix.length));
        const p = path.resolve(dir, rel);
        if (p.startsWith(path.resolve(dir) + path.sep)) file = p;
      }
    }
    if (!raw && file) {
      try {
        if (fs.statSync(file).isFile()) raw = fs.readFileSync(file);
      } catch { /* 404 */ }
    }
    if (!raw) return null;
    const ext = path.extname(urlPath).toLowerCase();
    const entry = { raw, type: TYPES[ext] ?? 'application/octet-stream' };
    if (COMPRESSIBLE.has(ext)) {
      entry.gzip = zlib.gzipSync(raw, { level: 9 });
      entry.br = zlib.brotliCompressSync(raw, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          ...(ext === '.wasm' || ext === '.ttf' ? {} : { [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT }),
        },
      });
    }
    cache.set(urlPath, entry);
    if (site.late) site.late.push(urlPath);
    return entry;
  };
  site.late = null; // once an array: files first asked for during the loads
  return site;
}

/** A static server on 127.0.0.1; `brotli` says whether it may answer with br. */
function startServer(site, brotli) {
  const server = http.createServer((req, res) => {
    const urlPath = new URL(req.url, 'http://x').pathname;
    const entry = req.method === 'GET' || req.method === 'HEAD' ? site(urlPath) : null;
    if (!entry) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    const accepts = String(req.headers['accept-encoding'] ?? '').split(',').map((s) => s.trim().split(';')[0]);
    let body = entry.raw;
    const headers = {
      'content-type': entry.type,
      'cache-control': 'public, max-age=3600',
      vary: 'Accept-Encoding',
    };
    if (brotli && entry.br && accepts.includes('br')) {
      body = entry.br;
      headers['content-encoding'] = 'br';
    } else if (entry.gzip && accepts.includes('gzip')) {
      body = entry.gzip;
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const origin = (server) => `http://127.0.0.1:${server.address().port}`;

// ----- one load -------------------------------------------------------------

const PROBE = fs.readFileSync(path.join(plan.repoRoot, 'benches/phone/probe.js'), 'utf8');

/** One cold load of `contender`'s page from `base`; the figures, or a throw. */
async function loadOnce(browser, contender, base, userAgent) {
  const context = await browser.newContext({
    viewport: { width: PROFILE.width, height: PROFILE.height },
    screen: { width: PROFILE.width, height: PROFILE.height },
    deviceScaleFactor: PROFILE.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
    userAgent,
    colorScheme: 'light',
  });
  const t = Date.now();
  try {
    await context.addInitScript({ content: PROBE });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    let inflight = 0;
    let lastChange = Date.now();
    const requests = [];
    page.on('request', (r) => { inflight++; lastChange = Date.now(); requests.push(r.url()); });
    const done = () => { inflight = Math.max(0, inflight - 1); lastChange = Date.now(); };
    page.on('requestfinished', done);
    page.on('requestfailed', (r) => { done(); problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`); });

    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpuSlowdown });

    await page.goto(`${base}/${PAGES[contender]}`, { waitUntil: 'commit' });
    try {
      await page.waitForFunction(() => window.__phone && window.__phone.usable != null, null, {
        timeout: USABLE_TIMEOUT_MS,
        polling: 100,
      });
    } catch (e) {
      throw new Error(`not usable within ${USABLE_TIMEOUT_MS / 1000} s${problems.length ? ` (${problems.join('; ')})` : ''}`);
    }
    // A look at the page just after usable (debugging: plan.screenshots).
    if (plan.screenshots) {
      fs.mkdirSync(plan.screenshots, { recursive: true });
      const n = fs.readdirSync(plan.screenshots).length;
      await page.screenshot({ path: path.join(plan.screenshots, `${String(n).padStart(2, '0')}-${contender}.png`) });
    }
    // All bytes: wait until no request has been in flight for QUIET_MS.
    const idleStart = Date.now();
    while (!(inflight === 0 && Date.now() - lastChange >= QUIET_MS)) {
      if (Date.now() - idleStart > IDLE_TIMEOUT_MS) {
        problems.push(`the network was not idle after ${IDLE_TIMEOUT_MS / 1000} s`);
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const probe = await page.evaluate(() => {
      const P = window.__phone;
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource').map((e) => ({
        name: e.name,
        initiatorType: e.initiatorType,
        startTime: e.startTime,
        responseEnd: e.responseEnd,
        transferSize: e.transferSize,
        encodedBodySize: e.encodedBodySize,
        decodedBodySize: e.decodedBodySize,
        protocol: e.nextHopProtocol,
      }));
      // What the page shows: the titles of the loaded events.
      let titles = null;
      let markers = null;
      const el = document.querySelector('chrono-scope');
      if (el && el.timeline) titles = el.timeline.getData().events.map((e) => e.title);
      if (P.timeline) {
        const tl = P.timeline;
        titles = tl.config.events.map((e) => e.text.headline);
        markers = { markers: tl._timenav?._markers?.length ?? null, slides: tl._storyslider?._slides?.length ?? null };
      }
      return {
        signal: P.signal,
        painted: P.painted,
        usable: P.usable,
        detail: P.detail,
        renderBeforeReady: P.renderBeforeReady,
        missedLoaded: P.missedLoaded,
        mark: performance.getEntriesByName('usable', 'mark')[0]?.startTime ?? null,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
        loadEvent: nav?.loadEventEnd ?? null,
        page: nav ? { transferSize: nav.transferSize, encodedBodySize: nav.encodedBodySize, decodedBodySize: nav.decodedBodySize, responseEnd: nav.responseEnd } : null,
        resources: res,
        titles,
        markers,
        innerWidth,
        dpr: devicePixelRatio,
        ua: navigator.userAgent,
        touch: navigator.maxTouchPoints,
      };
    });
    const dataPath = DATA[contender];
    const isWidget = (r) => new URL(r.name).pathname !== dataPath;
    const sum = (list) => list.reduce((a, r) => a + (r.transferSize || 0), 0);
    const widget = probe.resources.filter(isWidget);
    const before = widget.filter((r) => r.responseEnd <= probe.usable);
    const data = probe.resources.filter((r) => !isWidget(r));
    return {
      usable: probe.usable,
      signal: probe.signal,
      painted: probe.painted,
      detail: probe.detail,
      renderBeforeReady: probe.renderBeforeReady,
      missedLoaded: probe.missedLoaded,
      domContentLoaded: probe.domContentLoaded,
      widgetBytesBeforeUsable: sum(before),
      widgetBytesAll: sum(widget),
      dataBytes: sum(data),
      pageBytes: probe.page?.transferSize ?? 0,
      allBytes: sum(probe.resources) + (probe.page?.transferSize ?? 0),
      widgetFilesBeforeUsable: before.map((r) => new URL(r.name).pathname),
      widgetFilesAfterUsable: widget.filter((r) => !(r.responseEnd <= probe.usable)).map((r) => new URL(r.name).pathname),
      resources: probe.resources,
      page: probe.page,
      titles: probe.titles,
      markers: probe.markers,
      emulation: { innerWidth: probe.innerWidth, dpr: probe.dpr, ua: probe.ua, touch: probe.touch },
      requests: requests.length,
      problems,
      seconds: (Date.now() - t) / 1000,
    };
  } finally {
    await context.close().catch(() => {});
  }
}

// ----- checks ---------------------------------------------------------------

/** Problems with what a load shows: it must be the 20 events of the story, by title. */
function checkShown(contender, run, sourceTitles) {
  const out = [];
  // The converter wrote TimelineJS's headlines as HTML.
  const titles = contender === 'timelinejs' ? sourceTitles.map(escapeHtml) : sourceTitles;
  if (run.titles == null) out.push('the page did not say what it shows');
  else {
    const a = [...run.titles].sort();
    const b = [...titles].sort();
    if (a.length !== b.length || a.some((x, i) => x !== b[i])) {
      out.push(`it shows ${run.titles.length} events, not the story's ${titles.length} (by title)`);
    }
  }
  if (contender === 'chronoscope') {
    if (run.detail?.events !== titles.length) out.push(`ready said ${run.detail?.events} events`);
    if (run.renderBeforeReady) out.push(`${run.renderBeforeReady} render event(s) before ready`);
  } else {
    if (run.missedLoaded) out.push('loaded may have come before the probe listened');
    if (run.markers?.markers !== titles.length) out.push(`${run.markers?.markers} markers in its time navigator`);
    if (run.markers?.slides !== titles.length) out.push(`${run.markers?.slides} slides (a title slide?)`);
  }
  if (!(run.widgetBytesBeforeUsable > 0)) out.push('no widget bytes before usable');
  return out;
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

// ----- the run --------------------------------------------------------------

async function main() {
  const sip = JSON.parse(fs.readFileSync(path.join(plan.repoRoot, 'www/data/sip.en.json'), 'utf8'));
  const tlJson = toTimelineJS(sip);
  const titles = sip.events.map((e) => e.title);
  if (tlJson.events.length !== sip.events.length) throw new Error('the converter lost events');
  const site = makeSite(tlJson);
  // Compressed before the first load (brotli at quality 11 takes seconds
  // on the wasm), as a CDN's files are before a reader asks.
  for (const p of PRELOAD) {
    if (!site(p)) throw new Error(`the phone pages need ${p}, which the server cannot find`);
  }
  site.late = [];
  const servers = { gzip: await startServer(site, false), brotli: await startServer(site, true) };
  const encodings = plan.encodings ?? ['gzip', 'brotli'];
  const contenders = ['chronoscope', 'timelinejs'];
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
  const major = browser.version().split('.')[0];
  // Lighthouse's mobile user agent, with this Chromium's version.
  const userAgent = `Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Mobile Safari/537.36`;
  const results = {
    generated: new Date().toISOString(),
    command: plan.command,
    mode: plan.mode,
    commit: plan.commit,
    machine: machine(browser.version()),
    profile: { ...PROFILE, network: NETWORK, userAgent },
    runsPlanned: plan.runs,
    encodings,
    dataset: { path: 'www/data/sip.en.json', events: sip.events.length },
    shipped: {},
    runs: [],
    failures: [],
  };
  log(`phone: ${plan.runs} round(s) of ${encodings.map((e) => contenders.map((c) => `${c}/${e}`).join(', ')).join(', ')}; ` +
    `${PROFILE.latencyMs} ms, ${PROFILE.downloadBitsPerSecond / 1e6} Mbit/s down, ${PROFILE.uploadBitsPerSecond / 1e3} kbit/s up, CPU ÷ ${PROFILE.cpuSlowdown}, ` +
    `${PROFILE.width} × ${PROFILE.height} at ${PROFILE.deviceScaleFactor}×`);
  try {
    // One load of each page first, not counted: the browser's first
    // contexts start processes and fill the OS's file cache (a phone's
    // browser is already running).
    if (plan.warmup !== false) {
      const t = Date.now();
      for (const contender of contenders) {
        await loadOnce(browser, contender, origin(servers.gzip), userAgent).catch((e) => log(`  warm-up ${contender}: ${e.message ?? e}`));
      }
      log(`  warm-up: one load of each page in ${((Date.now() - t) / 1000).toFixed(1)} s, not counted`);
    }
    for (let i = 0; i < plan.runs; i++) {
      for (const encoding of encodings) {
        for (const contender of contenders) {
          const label = `${contender}/${encoding}`.padEnd(19);
          try {
            const r = await loadOnce(browser, contender, origin(servers[encoding]), userAgent);
            const issues = checkShown(contender, r, titles);
            r.problems.push(...issues);
            results.runs.push({ contender, encoding, round: i + 1, ...r });
            log(`  ${label} ${i + 1}/${plan.runs}: usable ${(r.usable / 1000).toFixed(2)} s ` +
              `(signal ${(r.signal / 1000).toFixed(2)} s), widget ${(r.widgetBytesBeforeUsable / 1024).toFixed(1)} KiB before usable, ` +
              `${(r.widgetBytesAll / 1024).toFixed(1)} KiB in all, everything ${(r.allBytes / 1024).toFixed(1)} KiB; ${r.seconds.toFixed(1)} s`);
            for (const p of r.problems) log(`    ${p}`);
            if (issues.length) results.failures.push(`${contender}/${encoding} run ${i + 1}: ${issues.join('; ')}`);
          } catch (e) {
            const msg = String(e.message ?? e).split('\n')[0];
            log(`  ${label} ${i + 1}/${plan.runs}: FAILED: ${msg}`);
            results.failures.push(`${contender}/${encoding} run ${i + 1}: ${msg}`);
            results.runs.push({ contender, encoding, round: i + 1, failed: msg });
          }
        }
      }
    }
  } finally {
    await browser.close();
    for (const s of Object.values(servers)) s.close();
  }
  // What each widget's files weigh on the wire, per encoding (the files its
  // page loaded, as the server sent them).
  for (const contender of contenders) {
    const first = results.runs.find((r) => r.contender === contender && !r.failed);
    if (!first) continue;
    const files = first.resources.map((r) => new URL(r.name).pathname).filter((p) => p !== DATA[contender]);
    results.shipped[contender] = files.map((p) => {
      const e = site(p);
      return { file: p, raw: e?.raw.length ?? null, gzip: e?.gzip?.length ?? null, brotli: e?.br?.length ?? null };
    });
  }
  if (site.late.length) {
    results.failures.push(`files compressed on first request during the loads (not preloaded): ${site.late.join(', ')}`);
  }
  results.durationSeconds = (Date.now() - started) / 1000;
  results.summary = summarizePhone(results);
  fs.mkdirSync(path.dirname(plan.out), { recursive: true });
  fs.writeFileSync(plan.out, `${JSON.stringify(results, null, 1)}\n`);
  log(`\nresults: ${plan.out}`);
  printPhone(results);
  if (results.failures.length) {
    const msg = `${results.failures.length} problem(s):\n  ${results.failures.join('\n  ')}`;
    if (plan.mode === 'smoke' || results.runs.every((r) => r.failed)) {
      console.error(`\nphone measurement failed: ${msg}`);
      process.exit(1);
    }
    log(`\n${msg}`);
  }
}

await main();
