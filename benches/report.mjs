// Summaries, the printed table and BENCHMARKS.md for `cargo xtask bench`.
//
//   node benches/report.mjs target/bench/results.json [--phone target/bench/phone.json]
//       [--adversarial target/bench/adversarial.json] [--write BENCHMARKS.md]
//
// Imported by benches/run.mjs (summarize, printTable); run on its own it
// prints the table of a results file and, with --write, writes the Markdown
// report from it (what `cargo xtask bench` does after a full run, and
// `cargo xtask bench --report-only` on its own). With --phone the phone
// measurement's section (benches/phone-report.mjs) goes in too, and with
// --adversarial the adversarial shapes' (benches/adversarial-report.mjs).

import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { phoneMarkdown, summarizePhone } from './phone-report.mjs';
import { adversarialMarkdown } from './adversarial-report.mjs';

const CONTENDERS = ['chronoscope', 'floor', 'vis-timeline', 'timelinejs'];
const NAMES = { chronoscope: 'Chronoscope', floor: 'floor', 'vis-timeline': 'vis-timeline 8.5.4', timelinejs: 'TimelineJS 3.9.11' };

// ----- statistics -------------------------------------------------------------

function percentile(values, p) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v[Math.max(0, Math.ceil((p / 100) * v.length) - 1)];
}

function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

function stat(values) {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length === 0) return null;
  return { median: median(v), min: Math.min(...v), max: Math.max(...v), n: v.length };
}

/** Medians (and ranges) over runs of the per-run figures. */
export function summarize(runs, meta) {
  if (!runs || runs.length === 0) return null;
  const per = runs.map((r) => {
    const zw = r.zoom.map((s) => s.work);
    const pw = r.pan.map((s) => s.work);
    return {
      firstPaint: r.firstPaint.latency,
      firstPaintWork: r.firstPaint.work,
      parse: r.firstPaint.parse,
      zoomP50: percentile(zw, 50),
      zoomP95: percentile(zw, 95),
      panP50: percentile(pw, 50),
      panP95: percentile(pw, 95),
      heap: r.memory ? r.memory.heapDelta : NaN,
      wasm: r.memory ? r.memory.wasmDelta : NaN,
      memory: r.memory ? r.memory.total : NaN,
      unverified: [...r.zoom, ...r.pan].filter((s) => !s.ok).length + (r.firstPaint.ok === false ? 1 : 0),
      seconds: r.seconds,
    };
  });
  const out = { runs: runs.length };
  for (const k of Object.keys(per[0])) out[k] = stat(per.map((p) => p[k]));
  if (out.memory && meta.events > 0) {
    out.bytesPerEvent = out.memory.median / meta.events;
    out.titleBytesPerEvent = meta.titleBytes / meta.events;
  }
  out.unverified = per.reduce((a, p) => a + p.unverified, 0);
  return out;
}

// ----- formatting ---------------------------------------------------------------

const f1 = (x) => (x == null || !Number.isFinite(x) ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mb = (x) => (x == null || !Number.isFinite(x) ? '—' : (x / 1e6).toFixed(1));
const kb = (x) => `${(x / 1000).toFixed(1)} KB`;
const ratio = (a, b) => (a == null || b == null || !(b > 0) ? null : a / b);
const fx = (r) => (r == null ? '—' : r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(2)}×`);

function datasetLabel(d) {
  const m = d.meta;
  const ev = m.events >= 1e6 ? `${m.events / 1e6}M` : m.events >= 1e3 ? `${m.events / 1e3}k` : `${m.events}`;
  const pts = m.seriesPoints >= 1e6 ? `${m.seriesPoints / 1e6}M` : `${m.seriesPoints / 1e3}k`;
  return m.series > 0 ? `${ev} events + ${m.series} × ${pts}-point series` : `${ev} events`;
}

function cell(s, key) {
  return s && s[key] ? f1(s[key].median) : '—';
}

/** Rows of the main table: [dataset, contender, first paint, parse, zoom p50, p95, pan p50, p95, memory, B/event, runs]. */
function mainRows(results) {
  const rows = [];
  for (const d of results.datasets) {
    for (const name of CONTENDERS) {
      const c = d.contenders[name];
      if (!c) continue;
      const s = c.summary;
      if (c.status === 'skipped' || c.status === 'failed' || !s) {
        const why = c.status === 'skipped' ? `skipped (${c.reason})` : `failed: ${(c.errors || []).join('; ')}`;
        rows.push([datasetLabel(d), NAMES[name], why, '', '', '', '', '', '', '', '']);
        continue;
      }
      const mem = s.memory ? mb(s.memory.median) : '—';
      const bpe = s.bytesPerEvent != null ? `${f1(s.bytesPerEvent)} (text ${f1(s.titleBytesPerEvent)})` : '—';
      rows.push([
        datasetLabel(d), NAMES[name],
        cell(s, 'firstPaint'),
        name === 'floor' ? '—' : cell(s, 'parse'),
        cell(s, 'zoomP50'), cell(s, 'zoomP95'), cell(s, 'panP50'), cell(s, 'panP95'),
        mem, bpe, `${s.runs}${c.note ? '*' : ''}`,
      ]);
    }
  }
  return rows;
}

const HEAD = ['dataset', 'contender', 'first paint', 'parse', 'zoom p50', 'zoom p95', 'pan p50', 'pan p95', 'memory MB', 'B/event', 'runs'];

function textTable(head, rows) {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i < 2 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

function mdTable(head, rows, alignRightFrom = 2) {
  const esc = (s) => String(s).replace(/\|/g, '\\|');
  return [
    `| ${head.map(esc).join(' | ')} |`,
    `| ${head.map((_, i) => (i >= alignRightFrom ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

export function printTable(results) {
  console.log('\nmedians in ms (first paint: wall time from data in memory to the end of the first frame showing it;');
  console.log('steps: main-thread work per step), memory in MB after load (JS heap + wasm), B/event = memory / events\n');
  console.log(textTable(HEAD, mainRows(results)));
  const t = targets(results);
  if (t.length) {
    console.log('\ntargets:');
    for (const x of t) console.log(`  ${x.met == null ? 'n/a    ' : x.met ? 'met    ' : 'NOT met'}  ${x.what}: ${x.measured}`);
  }
  const sh = results.shipped?.chronoscope;
  if (sh) console.log(`\nshipped (Chronoscope): ${sh.raw} B raw, ${sh.gzip} B gzip -9`);
}

// ----- ratios and targets -------------------------------------------------------------

function summaryOf(d, name) {
  const c = d.contenders[name];
  return c && c.status === 'ok' ? c.summary : null;
}

function ratioRows(results) {
  const rows = [];
  for (const d of results.datasets) {
    const cs = summaryOf(d, 'chronoscope');
    if (!cs) continue;
    const fl = summaryOf(d, 'floor');
    const row = [datasetLabel(d)];
    for (const k of ['zoomP50', 'zoomP95', 'panP50', 'panP95']) row.push(fx(ratio(cs[k]?.median, fl?.[k]?.median)));
    for (const peer of ['vis-timeline', 'timelinejs']) {
      const ps = summaryOf(d, peer);
      const c = d.contenders[peer];
      if (!c) { row.push('—', '—'); continue; }
      if (!ps) { row.push(c.status === 'skipped' ? 'skipped' : 'failed', ''); continue; }
      row.push(fx(ratio(ps.zoomP50?.median, cs.zoomP50?.median)), fx(ratio(ps.firstPaint?.median, cs.firstPaint?.median)));
    }
    rows.push(row);
  }
  return rows;
}

const RATIO_HEAD = ['dataset', 'zoom p50 ÷ floor', 'zoom p95 ÷ floor', 'pan p50 ÷ floor', 'pan p95 ÷ floor',
  'vis-timeline zoom p50 ÷ Chronoscope', 'vis-timeline first paint ÷ Chronoscope',
  'TimelineJS zoom p50 ÷ Chronoscope', 'TimelineJS first paint ÷ Chronoscope'];

/** One entry per target of issue 5: {what, measured, met (true/false/null)}. */
export function targets(results) {
  const out = [];
  const byName = (n) => results.datasets.find((d) => d.name === n);
  const head = byName('headline');
  const hs = head && summaryOf(head, 'chronoscope');
  if (hs) {
    out.push({
      what: 'headline (100k events + 3 × 1M-point columnar series): first paint ≤ 300 ms after the data arrives',
      measured: `${f1(hs.firstPaint.median)} ms (parse ${f1(hs.parse?.median)} ms)`,
      met: hs.firstPaint.median <= 300,
    });
    const z = hs.zoomP95.median;
    const p = hs.panP95.median;
    out.push({
      what: 'headline: zoom and pan step p95 ≤ 8 ms',
      measured: `zoom p95 ${f1(z)} ms, pan p95 ${f1(p)} ms`,
      met: z <= 8 && p <= 8,
    });
  } else {
    out.push({ what: 'headline targets (first paint ≤ 300 ms, step p95 ≤ 8 ms)', measured: 'not measured in this run', met: null });
  }
  let worst = null;
  let all = true;
  let any = false;
  for (const d of results.datasets) {
    const cs = summaryOf(d, 'chronoscope');
    const fl = summaryOf(d, 'floor');
    if (!cs || !fl) continue;
    for (const k of ['zoomP50', 'zoomP95', 'panP50', 'panP95']) {
      const r = ratio(cs[k]?.median, fl[k]?.median);
      if (r == null) continue;
      any = true;
      if (r > 1.5) all = false;
      if (!worst || r > worst.r) worst = { r, where: `${d.name} ${k.replace('P', ' p')}` };
    }
  }
  out.push({
    what: 'frame time within 1.5× the floor at every size (zoom and pan, p50 and p95)',
    measured: worst ? `worst ${fx(worst.r)} (${worst.where})` : 'not measured',
    met: any ? all : null,
  });
  const e10 = byName('events-10k');
  const c10 = e10 && summaryOf(e10, 'chronoscope');
  const v10 = e10 && summaryOf(e10, 'vis-timeline');
  if (c10 && v10) {
    const r50 = ratio(v10.zoomP50.median, c10.zoomP50.median);
    const r95 = ratio(v10.zoomP95.median, c10.zoomP95.median);
    out.push({
      what: 'at 10k events ≥ 20× faster than vis-timeline per zoom frame',
      measured: `${fx(r50)} at p50 (${f1(v10.zoomP50.median)} vs ${f1(c10.zoomP50.median)} ms), ${fx(r95)} at p95`,
      met: r50 >= 20,
    });
  } else {
    out.push({ what: 'at 10k events ≥ 20× faster than vis-timeline per zoom frame', measured: 'not measured in this run', met: null });
  }
  const sh = results.shipped?.chronoscope;
  if (sh) {
    out.push({
      what: 'everything the script tag loads ≤ 150 KB gzip (wasm + JS)',
      measured: `${kb(sh.gzip)} gzip -9 (${sh.gzip} B; ${kb(sh.raw)} raw)`,
      met: sh.gzip <= 150_000,
    });
  }
  const mem = [];
  for (const d of results.datasets) {
    const cs = summaryOf(d, 'chronoscope');
    if (!cs || d.meta.series > 0 || cs.bytesPerEvent == null) continue;
    mem.push({ name: d.name, beyond: cs.bytesPerEvent - cs.titleBytesPerEvent, per: cs.bytesPerEvent, text: cs.titleBytesPerEvent });
  }
  if (mem.length) {
    out.push({
      what: 'memory ≤ 200 bytes per event beyond its text (event-only datasets)',
      measured: mem.map((m) => `${m.name}: ${f1(m.beyond)} B (${f1(m.per)} − text ${f1(m.text)})`).join('; '),
      met: mem.every((m) => m.beyond <= 200),
    });
  }
  return out;
}

// ----- noise -------------------------------------------------------------

function noiseRows(results) {
  const rows = [];
  const range = (s) => (s ? `${f1(s.min)}–${f1(s.max)}` : '—');
  for (const d of results.datasets) {
    for (const name of CONTENDERS) {
      const c = d.contenders[name];
      const s = c?.summary;
      if (!s || c.status !== 'ok') continue;
      rows.push([datasetLabel(d), NAMES[name], String(s.runs), range(s.firstPaint), range(s.zoomP50), range(s.zoomP95), range(s.panP50), range(s.panP95)]);
    }
  }
  return rows;
}

/** Median over rows of (max − min) / median of a figure, in %. */
function spread(results, key) {
  const v = [];
  for (const d of results.datasets) {
    for (const c of Object.values(d.contenders)) {
      const s = c.summary?.[key];
      if (s && s.n > 1 && s.median > 0) v.push((s.max - s.min) / s.median);
    }
  }
  return v.length ? { median: median(v) * 100, max: Math.max(...v) * 100, n: v.length } : null;
}

// ----- BENCHMARKS.md ---------------------------------------------------------------

export function markdown(results, phone = null, adversarial = null) {
  const m = results.machine;
  const runs = results.runsPlanned;
  const L = [];
  L.push('# Benchmarks');
  L.push('');
  L.push('Chronoscope against two widely used timeline widgets and against a floor, on');
  L.push('synthetic datasets, in headless Chromium. Written by `cargo xtask bench` from');
  L.push('`target/bench/results.json`; every figure below was measured in that run, except the');
  L.push('[adversarial shapes](#adversarial-shapes-issue-15) and the');
  L.push('[phone section](#phone-the-story-on-a-phone-issue-15), which say their own runs (`cargo xtask');
  L.push('bench --adversarial` and `cargo xtask bench --phone` rewrite them alone).');
  L.push('');
  L.push(`- **Command:** \`${results.command}\` (${results.mode} mode), ${results.generated.slice(0, 16).replace('T', ' ')} UTC, ` +
    `commit \`${results.commit}\`; the whole run took ${Math.round(results.durationSeconds / 60)} min.`);
  L.push(`- **Machine:** ${m.nproc} CPUs (\`nproc\`), ${m.cpu}, ${m.memoryGiB} GiB RAM, ${m.os}; ` +
    `Chromium ${m.chromium} (Debian's \`/usr/bin/chromium\`), ${m.rendering}; Node.js ${m.node}.`);
  L.push(`- **Runs:** medians of ${runs.chronoscope} page loads per dataset for Chronoscope and the floor, ` +
    `up to ${runs.peers} for vis-timeline and TimelineJS (one when a run took over 20 s, marked *).`);
  L.push('');
  L.push('## Results');
  L.push('');
  L.push('Medians in milliseconds. **First paint**: wall time from the moment the dataset is in');
  L.push('memory in the page (its bytes for Chronoscope, its text for the peers) to the end of the');
  L.push('first frame that shows it (parsing included; its own');
  L.push('line is **parse**). **Zoom / pan**: main-thread work per step, p50 and p95 of 20 steps (see');
  L.push('[Method](#method)). **Memory**: JS heap (after GC) plus WebAssembly memory, after the load');
  L.push('minus before it; **B/event** divides it by the events, next to the title text per event (UTF-8).');
  L.push('');
  L.push(mdTable(HEAD, mainRows(results)));
  L.push('');
  const notes = [];
  for (const d of results.datasets) {
    for (const [name, c] of Object.entries(d.contenders)) {
      if (c.note) notes.push(`${NAMES[name]} at ${d.name}: ${c.note}.`);
      if (c.summary?.unverified) notes.push(`${NAMES[name]} at ${d.name}: ${c.summary.unverified} step(s) whose frame could not be confirmed to show the new view.`);
    }
  }
  if (notes.length) {
    L.push(...notes.map((n) => `- ${n}`));
    L.push('');
  }
  L.push('## Ratios');
  L.push('');
  L.push('Chronoscope\'s step time divided by the floor\'s (1× would be the least any canvas widget');
  L.push('could cost); the peers\' figures divided by Chronoscope\'s (above 1× Chronoscope is faster).');
  L.push('');
  L.push(mdTable(RATIO_HEAD, ratioRows(results), 1));
  L.push('');
  L.push('## Targets (issue 5)');
  L.push('');
  for (const t of targets(results)) {
    L.push(`- **${t.met == null ? 'not measured' : t.met ? 'met' : 'not met'}** — ${t.what}: ${t.measured}.`);
  }
  L.push('');
  L.push('## Noise');
  L.push('');
  const s1 = spread(results, 'firstPaint');
  const s2 = spread(results, 'zoomP95');
  const s3 = spread(results, 'panP95');
  const sp = (s) => (s ? `median ${s.median.toFixed(0)} %, worst ${s.max.toFixed(0)} %` : 'one run only');
  L.push('Spread between runs, (max − min) ÷ median, over the rows with more than one run:');
  L.push(`first paint ${sp(s1)}; zoom p95 ${sp(s2)}; pan p95 ${sp(s3)}. Ranges (min–max over runs):`);
  L.push('');
  L.push(mdTable(['dataset', 'contender', 'runs', 'first paint', 'zoom p50', 'zoom p95', 'pan p50', 'pan p95'], noiseRows(results)));
  L.push('');
  L.push('## Shipped bytes');
  L.push('');
  L.push('Everything the script tag (or tags) load, gzip -9.');
  L.push('');
  const shRows = [];
  for (const [name, s] of Object.entries(results.shipped)) {
    for (const f of s.files) shRows.push([NAMES[name], f.file, String(f.raw), String(f.gzip)]);
    shRows.push([NAMES[name], '**total**', `**${s.raw}**`, `**${s.gzip}**`]);
  }
  L.push(mdTable(['widget', 'file', 'raw B', 'gzip B'], shRows));
  L.push('');
  const chronoReq = results.datasets[0]?.contenders.chronoscope?.runs?.[0]?.requests;
  if (chronoReq) {
    L.push(`The Chronoscope page requested: ${chronoReq.map((r) => `\`${r}\``).join(', ')}.`);
    L.push('');
  }
  if (adversarial) {
    L.push(adversarialMarkdown(adversarial));
    L.push('');
  }
  if (phone) {
    L.push(phoneMarkdown(phone));
    L.push('');
  }
  L.push('## Datasets');
  L.push('');
  L.push('Generated by `xtask/src/bench_data.rs` (SplitMix64, fixed seed; cached in');
  L.push('`target/bench-data/`): event starts uniform over 1900–2025, every third event a span of');
  L.push('1 day to ~10 years, five groups, titles of two to four words mixing Latin and CJK');
  L.push('(~10 % of events have a year appended). Series are columnar (`points: {t, v}`), ms times');
  L.push('evenly spaced over 1900–2025 and a random walk of values, one each of `line`, `area` and');
  L.push('`bar`. The peers get the same events in their own formats; they have no indicator');
  L.push('series, so they run on the event-only datasets.');
  L.push('');
  L.push(mdTable(['dataset', 'events', 'spans', 'series × points', 'title bytes / event', 'file MB'],
    results.datasets.map((d) => [d.name, String(d.meta.events), String(d.meta.spans),
      d.meta.series ? `${d.meta.series} × ${d.meta.seriesPoints}` : '—',
      (d.meta.titleBytes / Math.max(1, d.meta.events)).toFixed(1), mb(d.meta.fileBytes)]), 1));
  L.push('');
  const rec = results.datasets.filter((d) => d.recording && d.contenders.floor?.check);
  if (rec.length) {
    L.push('## What the floor draws');
    L.push('');
    L.push('Canvas 2D calls Chronoscope made (recorded) and the floor replayed, over all 41 frames');
    L.push('of a run (first paint, 20 zoom, 20 pan), and whether the floor\'s canvases ended each frame');
    L.push('with the same pixels as Chronoscope\'s.');
    L.push('');
    L.push(mdTable(['dataset', 'calls', 'primitives', 'floor drew (primitives)', 'calls per zoom frame (median)', 'pixels'],
      rec.map((d) => {
        const ch = d.contenders.floor.check;
        const zf = d.recording.frames.filter((f) => f.label.startsWith('zoom')).map((f) => f.calls);
        return [d.name, String(ch.recordedCalls), String(ch.recordedPrimitives), String(ch.drawnPrimitives),
          String(median(zf)), ch.pixelsDiffer.length ? `differ in ${ch.pixelsDiffer.length} of ${ch.frames} frames` : 'identical'];
      }), 1));
    L.push('');
  }
  L.push('## Method');
  L.push('');
  L.push('- **Pages** (`benches/site/`), served by the xtask server on 127.0.0.1; each run is a fresh');
  L.push('  browser context with a 1280 × 800 viewport at device pixel ratio 1, and every widget draws');
  L.push('  into the same 1280 × 720 box, opening on 1900–2026. The driver is `benches/run.mjs`');
  L.push('  (playwright-core).');
  L.push('- **Chronoscope** loads `dist/chronoscope.js` as a page would, is created on a two-event');
  L.push('  dataset first (so the WebAssembly is compiled and the element laid out), then the');
  L.push('  benchmark fetches the dataset as bytes (`response.arrayBuffer()`, as the widget\'s own');
  L.push('  `src` loader does) and times `timeline.setData(bytes)`: the UTF-8 goes to the');
  L.push('  WebAssembly as it came, without decoding to a string and encoding back. Parse is the');
  L.push('  `chronoscope:parse` User Timing measure the widget leaves. The peers take text, as');
  L.push('  their APIs do, and their `JSON.parse` is inside their first paint.');
  L.push('- **vis-timeline** (standalone UMD build and its CSS): `JSON.parse` (its parse line), a');
  L.push('  `vis.DataSet` of items `{id, content, start, end, group}`, `new vis.Timeline(box, items,');
  L.push('  groups, {start, end, height})`; first paint ends with the frame after its initial draw');
  L.push('  (`initialDrawDone`). Steps: `setWindow(start, end, {animation: false})` with the same');
  L.push('  windows Chronoscope gets; its `changed` event confirms each frame redrew.');
  L.push('- **TimelineJS** (`dist/js/timeline.js` and `timeline.css`): `JSON.parse`, then');
  L.push('  `new TL.Timeline(box, data, {font: null, …})` until its `loaded` event (the web font');
  L.push('  is off: it comes from Google Fonts, and the benchmark machine is offline). It has no');
  L.push('  window API: a zoom step is `zoomIn()` / `zoomOut()` (its zoom is a ladder of levels,');
  L.push('  0.5 to 89 screen widths; from the default level the ten steps in reach the top after');
  L.push('  eight), a pan step moves its time navigator by 5 % of the width, as its drag handler');
  L.push('  does. Its animated transitions are turned off.');
  L.push('- **Floor** (`floor.html`): an extra Chronoscope load records every Canvas 2D call on the');
  L.push('  widget\'s two canvases (chart and overlay) during each of the 41 frames, by wrapping');
  L.push('  `CanvasRenderingContext2D.prototype` methods and state setters. The floor page builds');
  L.push('  two canvases of the same size and compiles each frame\'s calls into a straight-line');
  L.push('  function (outside the timing); each step asks for the next frame and draws it in a');
  L.push('  `requestAnimationFrame` callback, timed exactly like the widgets. It then replays every');
  L.push('  frame again, counting its calls with the same wrapper and hashing its pixels.');
  L.push('- **Steps**: 10 × zoom in by 1.25 then 10 × out by 0.8 about the centre; 10 pans by');
  L.push('  +5 % of the span, then 10 back. Between steps two frames and 20 ms pass. A step\'s');
  L.push('  time is the main-thread work it causes, not the wait for the next vsync: the call');
  L.push('  itself (t0 → tc) plus the frame that shows it, from the first of its');
  L.push('  `requestAnimationFrame` callbacks (one registered before the call, so it runs before');
  L.push('  the widget\'s) to a `MessageChannel` message posted from a callback registered after');
  L.push('  the call, which runs when the frame\'s rendering is done. For Chronoscope its `render`');
  L.push('  event confirms that the frame drew the window the call set.');
  L.push('- **First paint** is wall time, so it includes up to one frame interval (16.7 ms) of');
  L.push('  waiting for the vsync; `results.json` also has the work-only figure (`firstPaintWork`).');
  L.push('- **Memory**: `HeapProfiler.collectGarbage` and `Runtime.getHeapUsage` over the DevTools');
  L.push('  protocol, before the load and after it (the page has dropped the dataset text by then),');
  L.push('  plus `Chronoscope.wasmMemoryBytes`. WebAssembly memory never shrinks, so its growth is');
  L.push('  the high-water mark of the load (parse buffers included), not only what stays in use.');
  L.push('- **Skipping**: a peer that takes over 60 s for one page load at a size is not run at');
  L.push('  larger sizes; each phase of a run times out after 300 s.');
  L.push('');
  return L.join('\n');
}

// ----- command line ---------------------------------------------------------------

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node benches/report.mjs RESULTS.json [--phone PHONE.json] [--adversarial ADVERSARIAL.json] [--write BENCHMARKS.md]');
    process.exit(2);
  }
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const d of results.datasets) {
    for (const c of Object.values(d.contenders)) c.summary = summarize(c.runs, d.meta);
  }
  printTable(results);
  const pi = process.argv.indexOf('--phone');
  let phone = null;
  if (pi > 0) {
    phone = JSON.parse(fs.readFileSync(process.argv[pi + 1], 'utf8'));
    phone.summary = summarizePhone(phone);
  }
  const ai = process.argv.indexOf('--adversarial');
  const adversarial = ai > 0 ? JSON.parse(fs.readFileSync(process.argv[ai + 1], 'utf8')) : null;
  const w = process.argv.indexOf('--write');
  if (w > 0) {
    const out = process.argv[w + 1];
    fs.writeFileSync(out, markdown(results, phone, adversarial));
    console.log(`\nwrote ${out}`);
  }
}
