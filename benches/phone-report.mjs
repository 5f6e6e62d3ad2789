// The phone measurement's summary, printed table and BENCHMARKS.md section
// (`cargo xtask bench`, `cargo xtask bench --phone`; see benches/phone.mjs).
//
//   node benches/phone-report.mjs target/bench/phone.json [--write BENCHMARKS.md]
//
// With --write it replaces the section between the two phone markers of
// that file (or puts it before "## Datasets" when there is none yet),
// leaving the rest of the file as it is. benches/report.mjs puts the same
// section into a full report.

import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

const NAMES = { chronoscope: 'Chronoscope', timelinejs: 'TimelineJS 3.9.11' };
const CONTENDERS = ['chronoscope', 'timelinejs'];
const ENCODINGS = ['gzip', 'brotli'];
export const BEGIN = '<!-- phone:begin (written by cargo xtask bench and cargo xtask bench --phone) -->';
export const END = '<!-- phone:end -->';

function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

function stat(values) {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length === 0) return null;
  return { median: median(v), min: Math.min(...v), max: Math.max(...v), n: v.length, values: v };
}

/** Medians over the runs of each page and encoding. */
export function summarizePhone(results) {
  const out = {};
  for (const c of CONTENDERS) {
    out[c] = {};
    for (const enc of results.encodings ?? ENCODINGS) {
      const runs = results.runs.filter((r) => r.contender === c && r.encoding === enc && !r.failed);
      const failed = results.runs.filter((r) => r.contender === c && r.encoding === enc && r.failed).length;
      if (runs.length === 0) {
        out[c][enc] = { runs: 0, failed };
        continue;
      }
      const s = { runs: runs.length, failed };
      for (const k of ['usable', 'signal', 'painted', 'widgetBytesBeforeUsable', 'widgetBytesAll', 'dataBytes', 'pageBytes', 'allBytes']) {
        s[k] = stat(runs.map((r) => r[k]));
      }
      // Which widget files arrived before usable, in how many runs.
      const files = {};
      for (const r of runs) for (const f of r.widgetFilesBeforeUsable) files[f] = (files[f] ?? 0) + 1;
      s.filesBeforeUsable = files;
      // When each request started and ended (medians over the runs).
      const timing = {};
      for (const r of runs) {
        for (const e of r.resources) {
          const f = new URL(e.name).pathname;
          (timing[f] ??= { start: [], end: [] }).start.push(e.startTime);
          timing[f].end.push(e.responseEnd);
        }
      }
      s.requests = Object.entries(timing)
        .map(([file, t]) => ({ file, start: median(t.start), end: median(t.end), n: t.start.length }))
        .sort((a, b) => a.start - b.start);
      s.pageEnd = stat(runs.map((r) => r.page?.responseEnd));
      out[c][enc] = s;
    }
  }
  return out;
}

const sec = (ms) => (ms == null ? '—' : (ms / 1000).toFixed(2));
const kib = (b) => (b == null ? '—' : (b / 1024).toFixed(1));
const med = (s) => s?.median ?? null;
const ratio = (a, b) => (a == null || b == null || !(b > 0) ? null : a / b);
const fx = (r) => (r == null ? '—' : `${r.toFixed(2)}×`);
const pct = (s) => (s && s.median > 0 ? `${(((s.max - s.min) / s.median) * 100).toFixed(0)} %` : '—');

function mainRows(results) {
  const S = results.summary;
  const rows = [];
  for (const c of CONTENDERS) {
    const g = S[c]?.gzip;
    const b = S[c]?.brotli;
    rows.push([
      NAMES[c],
      sec(med(g?.usable)),
      sec(med(b?.usable)),
      kib(med(g?.widgetBytesBeforeUsable)),
      kib(med(b?.widgetBytesBeforeUsable)),
      kib(med(g?.widgetBytesAll)),
      kib(med(b?.widgetBytesAll)),
      kib(med(g?.allBytes)),
      kib(med(b?.allBytes)),
    ]);
  }
  const C = S.chronoscope;
  const T = S.timelinejs;
  rows.push([
    'Chronoscope ÷ TimelineJS',
    fx(ratio(med(C?.gzip?.usable), med(T?.gzip?.usable))),
    fx(ratio(med(C?.brotli?.usable), med(T?.brotli?.usable))),
    fx(ratio(med(C?.gzip?.widgetBytesBeforeUsable), med(T?.gzip?.widgetBytesBeforeUsable))),
    fx(ratio(med(C?.brotli?.widgetBytesBeforeUsable), med(T?.brotli?.widgetBytesBeforeUsable))),
    fx(ratio(med(C?.gzip?.widgetBytesAll), med(T?.gzip?.widgetBytesAll))),
    fx(ratio(med(C?.brotli?.widgetBytesAll), med(T?.brotli?.widgetBytesAll))),
    fx(ratio(med(C?.gzip?.allBytes), med(T?.gzip?.allBytes))),
    fx(ratio(med(C?.brotli?.allBytes), med(T?.brotli?.allBytes))),
  ]);
  return rows;
}

const HEAD = ['page', 'usable s (gzip)', 'usable s (brotli)', 'widget KiB before usable (gzip)', 'widget KiB before usable (brotli)',
  'widget KiB in all (gzip)', 'widget KiB in all (brotli)', 'everything KiB (gzip)', 'everything KiB (brotli)'];

function spreadRows(results) {
  const rows = [];
  for (const c of CONTENDERS) {
    for (const enc of results.encodings ?? ENCODINGS) {
      const s = results.summary[c]?.[enc];
      const runs = results.runs.filter((r) => r.contender === c && r.encoding === enc);
      const each = runs.map((r) => (r.failed ? 'failed' : sec(r.usable))).join(', ');
      rows.push([NAMES[c], enc, each || '—', s?.usable ? `${sec(s.usable.min)}–${sec(s.usable.max)}` : '—', pct(s?.usable),
        s?.signal ? sec(s.signal.median) : '—']);
    }
  }
  return rows;
}

function textTable(head, rows) {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i < 1 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

function mdTable(head, rows, alignRightFrom = 1) {
  const esc = (s) => String(s).replace(/\|/g, '\\|');
  return [
    `| ${head.map(esc).join(' | ')} |`,
    `| ${head.map((_, i) => (i >= alignRightFrom ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

function targetLines(results) {
  const S = results.summary;
  const c = med(S.chronoscope?.gzip?.usable);
  const t = med(S.timelinejs?.gzip?.usable);
  const r = ratio(c, t);
  const cb = med(S.chronoscope?.gzip?.widgetBytesBeforeUsable);
  return [
    `usable ≤ 0.9 × TimelineJS's time: measured Chronoscope ${sec(c)} s, TimelineJS ${sec(t)} s (gzip), ` +
      `${fx(r)}${r == null ? '' : ` (0.9 × ${sec(t)} s = ${sec(t == null ? null : 0.9 * t)} s)`}`,
    `widget bytes before the first frame ≤ 90 KiB gzip: measured ${kib(cb)} KiB (Chronoscope, gzip)`,
  ];
}

export function printPhone(results) {
  console.log('\nphone (Lighthouse mobile profile, cold): medians; usable = navigation start → end of the first frame that shows the story');
  console.log(textTable(HEAD, mainRows(results)));
  console.log('');
  console.log(textTable(['page', 'encoding', 'usable s, each run', 'range', 'spread', 'signal s'], spreadRows(results)));
  console.log('\nissue 15 targets (for reference):');
  for (const l of targetLines(results)) console.log(`  ${l}`);
}

/** The BENCHMARKS.md section, markers included. */
export function phoneMarkdown(results) {
  const m = results.machine;
  const p = results.profile;
  const S = results.summary;
  const L = [];
  L.push(BEGIN);
  L.push('## Phone: the story on a phone (issue 15)');
  L.push('');
  L.push('The SIP story (`www/data/sip.en.json`, 20 events) on a bare article page, cold, under');
  L.push('Lighthouse\'s mobile profile: how long until a reader on a phone sees it, and how many');
  L.push('bytes that took. Written by `cargo xtask bench` and `cargo xtask bench --phone` from');
  L.push('`target/bench/phone.json`; this section has its own run.');
  L.push('');
  L.push(`- **Command:** \`${results.command}\`${results.mode === 'phone' ? '' : ` (${results.mode} mode)`}, ${results.generated.slice(0, 16).replace('T', ' ')} UTC, ` +
    `commit \`${results.commit}\`; the measurement took ${(results.durationSeconds / 60).toFixed(1)} min.`);
  L.push(`- **Machine:** ${m.nproc} CPUs (\`nproc\`), ${m.cpu}, ${m.memoryGiB} GiB RAM, ${m.os}, shared with other builds; ` +
    `Chromium ${m.chromium} (Debian's \`/usr/bin/chromium\`), ${m.rendering}; Node.js ${m.node}.`);
  L.push(`- **Profile** (Lighthouse's mobile, set over the DevTools protocol): ${p.latencyMs} ms latency, ` +
    `${(p.downloadBitsPerSecond / 1024 / 1024).toFixed(1)} Mbit/s down (${p.network.downloadThroughput} B/s), ` +
    `${p.uploadBitsPerSecond / 1024} kbit/s up (${p.network.uploadThroughput} B/s) (\`Network.emulateNetworkConditions\`), ` +
    `CPU slowed ${p.cpuSlowdown}× (\`Emulation.setCPUThrottlingRate\`); ${p.width} × ${p.height} CSS px at ${p.deviceScaleFactor}×, ` +
    'mobile, touch, a phone\'s user agent. The CPU slowdown divides this machine\'s speed, not a phone\'s.');
  const n = results.runsPlanned;
  L.push(`- **Runs:** ${n} round${n === 1 ? '' : 's'} of four cold loads (Chronoscope, TimelineJS with gzip, then both with ` +
    'brotli), each in a fresh browser context with its cache cleared (`Network.clearBrowserCache`), after one ' +
    'uncounted load of each page (the browser\'s first contexts start its processes); medians. ' +
    'Times are comparable only within one run: the ratio is the figure to read.');
  L.push('');
  L.push('**Usable**: seconds from navigation start to the end of the first frame that shows the');
  L.push('story (Chronoscope: its first `ready` event, then the frame its chart is drawn in;');
  L.push('TimelineJS: its `loaded` event, then the next frame). **Widget KiB before usable**: the');
  L.push('Resource Timing `transferSize` of every request that ended before that moment, the page');
  L.push('and the dataset left out. **In all**: the same once the network has been idle for 2 s.');
  L.push('**Everything**: all requests by then, page and dataset included. KiB = 1024 bytes on the');
  L.push('wire (headers included).');
  L.push('');
  L.push(mdTable(HEAD, mainRows(results)));
  L.push('');
  const fails = CONTENDERS.flatMap((c) => ENCODINGS.map((e) => [c, e, S[c]?.[e]?.failed ?? 0])).filter(([, , n]) => n > 0);
  if (fails.length || results.failures.length) {
    for (const [c, e, n] of fails) L.push(`- ${NAMES[c]} (${e}): ${n} load(s) failed, left out of the medians.`);
    for (const f of results.failures) L.push(`- Problem: ${f}.`);
    L.push('');
  }
  L.push('Issue 15\'s targets, for reference (figures as measured above, not a verdict of this benchmark):');
  L.push('');
  for (const l of targetLines(results)) L.push(`- ${l}.`);
  L.push('');
  L.push('Usable, each run in order, and the spread (max − min) ÷ median; **signal** is the median time of');
  L.push('the event itself (`ready`, `loaded`), before its frame:');
  L.push('');
  L.push(mdTable(['page', 'encoding', 'usable s, each run', 'range s', 'spread', 'signal s'], spreadRows(results), 3));
  L.push('');
  const fileRows = [];
  for (const c of CONTENDERS) {
    const files = results.shipped?.[c] ?? [];
    const before = S[c]?.gzip?.filesBeforeUsable ?? {};
    const n = S[c]?.gzip?.runs ?? 0;
    for (const f of files) {
      const k = before[f.file] ?? 0;
      fileRows.push([NAMES[c], `\`${f.file}\``, String(f.raw ?? '—'), String(f.gzip ?? '—'), String(f.brotli ?? '—'),
        k === n ? 'yes' : k === 0 ? 'no' : `in ${k} of ${n} runs`]);
    }
  }
  L.push('Where the time goes: medians over the runs, in seconds from navigation start, of each');
  L.push('request\'s start–end (Resource Timing), the signal and usable:');
  L.push('');
  const wf = [];
  for (const c of CONTENDERS) {
    for (const enc of results.encodings ?? ENCODINGS) {
      const x = S[c]?.[enc];
      if (!x?.runs) continue;
      const steps = [`page 0–${sec(x.pageEnd?.median)}`];
      for (const q of x.requests) steps.push(`${q.file.split('/').pop()} ${sec(q.start)}–${sec(q.end)}`);
      steps.push(`${c === 'chronoscope' ? '`ready`' : '`loaded`'} ${sec(med(x.signal))}`, `usable ${sec(med(x.usable))}`);
      wf.push([NAMES[c], enc, steps.join(' → ')]);
    }
  }
  L.push(mdTable(['page', 'encoding', 'requests and milestones'], wf, 3));
  L.push('');
  L.push('The widgets\' files as the bench server sends them (body bytes; gzip -9, brotli quality 11),');
  L.push('and whether each had arrived before usable (gzip runs):');
  L.push('');
  L.push(mdTable(['page', 'file', 'raw B', 'gzip B', 'brotli B', 'before usable'], fileRows, 2));
  L.push('');
  L.push('Method:');
  L.push('');
  L.push('- **Pages** (`benches/phone/`): the same short article (a heading and two paragraphs, system');
  L.push('  fonts, `width=device-width`) around each widget, 520 px high. Chronoscope\'s is the README\'s');
  L.push('  embed and nothing else: `<script type="module" src="chronoscope/chronoscope.js">` and');
  L.push('  `<chrono-scope src="data/sip.en.json" style="height:520px">`, no preload hints, the files of');
  L.push('  a release `dist/`. TimelineJS\'s loads `timeline.css` and `timeline.js` in the head (as its');
  L.push('  embed instructions say), then an inline script fetches `data/sip.tl.json` and calls');
  L.push('  `new TL.Timeline(el, data, {font: null})` (its web font comes from Google Fonts, off this');
  L.push('  machine\'s network) and hands the timeline to the probe.');
  L.push('- **The same story**: `benches/phone.mjs` converts `sip.en.json` to TimelineJS\'s JSON');
  L.push('  (headline, text, `start_date` with the display date, group label, media when there is');
  L.push('  any); each load checks that the page holds the 20 events by title (Chronoscope');
  L.push('  `getData()` and its `ready` count; TimelineJS its config, 20 time-navigator markers and');
  L.push('  20 slides, no title slide). On a touch screen TimelineJS lays a "Swipe to Navigate" hint');
  L.push('  (dismissed with OK) over its first slide when it has loaded; it is counted as shown.');
  L.push('- **Server**: node on 127.0.0.1, HTTP/1.1 with keep-alive, precompressed like a CDN\'s static');
  L.push('  files: html, css, js, wasm, json, svg and ttf with `Content-Encoding: gzip` (or `br` on the');
  L.push('  brotli server) when the request accepts it. No TLS and no connection set-up cost: the');
  L.push('  emulated latency is added to each request, as DevTools throttling does. Lighthouse\'s');
  L.push('  default is simulated throttling; its own DevTools-throttled runs use 3.75 × the latency and');
  L.push('  0.9 × the throughput of these figures.');
  L.push('- **Probe** (`benches/phone/probe.js`, an init script, so the page carries no extra');
  L.push('  request): Chronoscope sends `ready` when the data is applied, before the frame that draws');
  L.push('  it, so usable waits for the first `render` event after `ready` (sent from the frame\'s');
  L.push('  callback once the chart is drawn) and the end of that frame. TimelineJS fires `loaded`');
  L.push('  when its time navigator and story slider have built their DOM (3.9.11, `_onLoaded`),');
  L.push('  synchronously, so usable is the end of the next frame. It leaves a `usable` mark; the');
  L.push('  driver reads it and `performance.getEntriesByType(\'resource\')` back after the network');
  L.push('  has been idle for 2 s.');
  L.push('');
  L.push(END);
  return L.join('\n');
}

/** `text` with its phone section replaced by `section` (or inserted before "## Datasets", or appended). */
export function spliceSection(text, section) {
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a >= 0 && b > a) return text.slice(0, a) + section + text.slice(b + END.length);
  const d = text.indexOf('\n## Datasets');
  if (d >= 0) return `${text.slice(0, d + 1)}${section}\n\n${text.slice(d + 1)}`;
  return `${text.replace(/\n*$/, '\n\n')}${section}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node benches/phone-report.mjs PHONE.json [--write BENCHMARKS.md]');
    process.exit(2);
  }
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  results.summary = summarizePhone(results);
  printPhone(results);
  const w = process.argv.indexOf('--write');
  if (w > 0) {
    const out = process.argv[w + 1];
    const old = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '# Benchmarks\n';
    fs.writeFileSync(out, spliceSection(old, phoneMarkdown(results)));
    console.log(`\nwrote the phone section of ${out}`);
  }
}
