// The adversarial shapes' summary, printed table and BENCHMARKS.md section
// (`cargo xtask bench`, `cargo xtask bench --adversarial`; see
// benches/adversarial.mjs).
//
//   node benches/adversarial-report.mjs target/bench/adversarial.json [--write BENCHMARKS.md]
//
// With --write it replaces the section between the two adversarial markers
// of that file (or puts it before the phone section, or before "## Datasets",
// when there is none yet), leaving the rest of the file as it is.
// benches/report.mjs puts the same section into a full report.

import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

export const BEGIN = '<!-- adversarial:begin (written by cargo xtask bench and cargo xtask bench --adversarial) -->';
export const END = '<!-- adversarial:end -->';
const PHONE_BEGIN = '<!-- phone:begin';

/** Issue 15's target: each shape loads within this factor of the clean dataset of its size. */
const TARGET = 2;

const SHAPES = ['clean', 'undeclared-groups', 'shared-id', 'one-date', 'all-bad', 'long-titles'];
const DESCRIBE = {
  clean: 'clean: the five groups declared',
  'undeclared-groups': 'undeclared groups: no `groups`, every event names one of 5 undeclared groups',
  'shared-id': 'one shared id: every event has the id `e0` (all but the first skipped)',
  'one-date': 'one date: every event a point on 2000-01-01',
  'all-bad': 'all bad: every event but the first has the start `"not a date"` (skipped)',
  'long-titles': 'long titles: ~1 KB of mixed CJK and Latin words per title',
};

function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

const sizeLabel = (n) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : `${n}`);
const f1 = (x) => (x == null || !Number.isFinite(x) ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const fx = (r) => (r == null ? '—' : `${r.toFixed(2)}×`);

/** Per dataset: medians and ranges over its runs, and the ratio to the clean dataset of its size. */
export function summarizeAdversarial(results) {
  const out = {};
  for (const d of results.datasets) {
    const times = d.runs.map((r) => r.firstPaint);
    out[d.name] = {
      name: d.name,
      shape: d.shape,
      events: d.events,
      runs: d.runs.length,
      failed: d.errors.length > 0,
      errors: d.errors,
      note: d.note,
      times,
      median: median(times),
      min: times.length ? Math.min(...times) : null,
      max: times.length ? Math.max(...times) : null,
      parse: median(d.runs.map((r) => r.parse)),
      kept: d.runs.at(-1)?.events ?? null,
      expected: d.meta.loaded,
      problems: d.runs.at(-1)?.problems ?? null,
      codes: d.runs.at(-1)?.codes ?? {},
      wasm: median(d.runs.map((r) => r.wasmAfter - r.wasmBefore)),
      fileBytes: d.meta.fileBytes,
      titleBytes: d.meta.titleBytes,
    };
  }
  for (const s of Object.values(out)) {
    const clean = Object.values(out).find((c) => c.shape === 'clean' && c.events === s.events);
    s.ratio = clean && clean.median > 0 && s.median != null ? s.median / clean.median : null;
    s.bytesRatio = clean && clean.fileBytes > 0 ? s.fileBytes / clean.fileBytes : null;
  }
  return out;
}

function sizes(results) {
  return [...new Set(results.datasets.map((d) => d.events))].sort((a, b) => a - b);
}

function shapesOf(results) {
  const present = new Set(results.datasets.map((d) => d.shape));
  return SHAPES.filter((s) => present.has(s));
}

function cellOf(s) {
  if (!s) return ['—', '—'];
  if (s.failed && s.median == null) return [`failed: ${s.errors.join('; ')}`, '—'];
  return [`${f1(s.median)}${s.note ? '*' : ''}`, s.shape === 'clean' ? '1×' : fx(s.ratio)];
}

/** [head, rows] of the main table: one row per shape, ms and ÷ clean per size. */
function table(results, sum) {
  const ns = sizes(results);
  const head = ['shape'];
  for (const n of ns) head.push(`${sizeLabel(n)}: ms`, `${sizeLabel(n)}: ÷ clean`);
  head.push('events kept', 'problems reported');
  const rows = [];
  for (const shape of shapesOf(results)) {
    const row = [shape];
    const kept = [];
    let problems = '—';
    for (const n of ns) {
      const s = Object.values(sum).find((x) => x.shape === shape && x.events === n);
      row.push(...cellOf(s));
      kept.push(s?.kept ?? '—');
      if (s && n === ns[0] && s.problems != null) {
        const codes = Object.entries(s.codes).map(([c, k]) => `${c} ${k}`).join(', ');
        problems = `${s.problems}${codes ? ` (${codes})` : ''}`;
      }
    }
    row.push(kept.join(' / '), problems);
    rows.push(row);
  }
  return [head, rows];
}

/** The target's verdict: {met, worst, over: [names]} (met null when nothing was measured). */
function verdict(sum) {
  const rs = Object.values(sum).filter((s) => s.shape !== 'clean');
  const measured = rs.filter((s) => s.ratio != null);
  const failed = rs.filter((s) => s.failed && s.median == null);
  if (measured.length === 0) return { met: null, worst: null, over: [], failed };
  const worst = measured.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const over = measured.filter((s) => s.ratio > TARGET);
  return { met: over.length === 0 && failed.length === 0, worst, over, failed };
}

function textTable(head, rows) {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('  ');
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

function verdictLine(v) {
  if (v.met == null) return 'not measured';
  const worst = v.worst ? `worst ${v.worst.name} at ${fx(v.worst.ratio)}` : '';
  if (v.met) return `met: every shape within ${TARGET}× of clean (${worst})`;
  const parts = [];
  if (v.over.length) parts.push(`over ${TARGET}×: ${v.over.map((s) => `${s.name} ${fx(s.ratio)}`).join(', ')}`);
  if (v.failed.length) parts.push(`failed: ${v.failed.map((s) => s.name).join(', ')}`);
  return `NOT met (${parts.join('; ')})`;
}

export function printAdversarial(results) {
  const sum = summarizeAdversarial(results);
  console.log('\nadversarial shapes: setData + first paint, wall ms (median of runs), and ÷ the clean dataset of the same size\n');
  const [head, rows] = table(results, sum);
  console.log(textTable(head, rows));
  console.log(`\ntarget (issue 15: each shape within ${TARGET}× of clean): ${verdictLine(verdict(sum))}`);
}

/** The BENCHMARKS.md section, markers included. */
export function adversarialMarkdown(results) {
  const sum = summarizeAdversarial(results);
  const m = results.machine;
  const L = [];
  L.push(BEGIN);
  L.push('## Adversarial shapes (issue 15)');
  L.push('');
  L.push('Shapes of data the format allows that once made loading quadratic in the widget (issue 15');
  L.push('measured 8–9.5 s to `setData` 10,000 events in 5 undeclared groups, against 41 ms with the');
  L.push('groups declared, and 8 s for 10,000 events sharing one id). Each is timed against the clean');
  L.push('dataset of the same size, in the same run. Written by `cargo xtask bench` and `cargo xtask');
  L.push('bench --adversarial` from `target/bench/adversarial.json`; this section has its own run.');
  L.push('');
  L.push(`- **Command:** \`${results.command}\` (${results.mode} mode), ${results.generated.slice(0, 16).replace('T', ' ')} UTC, ` +
    `commit \`${results.commit}\`; the measurement took ${(results.durationSeconds / 60).toFixed(1)} min.`);
  L.push(`- **Machine:** ${m.nproc} CPUs (\`nproc\`), ${m.cpu}, ${m.memoryGiB} GiB RAM, ${m.os}, shared with other builds; ` +
    `Chromium ${m.chromium} (Debian's \`/usr/bin/chromium\`), ${m.rendering}; Node.js ${m.node}.`);
  L.push(`- **Runs:** ${results.runsPlanned} rounds, each loading every dataset once in a fresh browser context, ` +
    'interleaved so that a slow spell of the machine hits every shape alike; medians. Times are comparable only ' +
    'within one run: the ratio is the figure to read.');
  L.push('');
  L.push('**ms**: wall time from `timeline.setData(bytes)` (the dataset\'s UTF-8 already in the page) to');
  L.push('the end of the first frame that shows it: reading, checking, preparing and the first paint.');
  L.push('**÷ clean**: that median over the clean dataset\'s of the same size. **Events kept**: the');
  L.push('`ready` event\'s count at each size (checked against what the shape should keep). **Problems');
  L.push('reported**: `error` events of the load at the smaller size (the widget reports the first 50');
  L.push('problems, then one event that counts the rest).');
  L.push('');
  const [head, rows] = table(results, sum);
  L.push(mdTable(head, rows));
  L.push('');
  const notes = Object.values(sum).filter((s) => s.note).map((s) => `- ${s.name}: ${s.note} (*).`);
  if (notes.length) {
    L.push(...notes);
    L.push('');
  }
  L.push(`Issue 15's target, each shape within ${TARGET}× of clean: **${verdictLine(verdict(sum))}**.`);
  L.push('');
  // A shape with much more text than clean has more bytes to read: say how it compares per byte.
  const heavy = Object.values(sum).filter((x) => x.bytesRatio >= 2 && x.ratio != null);
  for (const x of heavy) {
    L.push(`${x.name}'s file is ${x.bytesRatio.toFixed(1)}× the clean one's (${(x.fileBytes / 1e6).toFixed(1)} vs ` +
      `${(x.fileBytes / x.bytesRatio / 1e6).toFixed(1)} MB): per byte of data its load took ${fx(x.ratio / x.bytesRatio)} the clean one's.`);
  }
  if (heavy.length) L.push('');
  if (results.failures?.length) {
    L.push('Problems in this run:');
    L.push('');
    L.push(...results.failures.map((f) => `- ${f}`));
    L.push('');
  }
  L.push('Each run in round order, the range and the spread (max − min) ÷ median; parse is the');
  L.push('`chronoscope:parse` measure (median), wasm the growth of WebAssembly memory (median):');
  L.push('');
  const spread = (s) => (s.median > 0 && s.times.length > 1 ? `${(((s.max - s.min) / s.median) * 100).toFixed(0)} %` : '—');
  L.push(mdTable(['dataset', 'ms, each run', 'range ms', 'spread', 'parse ms', 'wasm MiB', 'file MB', 'ms / MB', 'title B / event'],
    Object.values(sum).map((s) => [
      s.name,
      s.times.map(f1).join(', ') || '—',
      s.times.length ? `${f1(s.min)}–${f1(s.max)}` : '—',
      spread(s),
      f1(s.parse),
      s.wasm == null ? '—' : (s.wasm / 2 ** 20).toFixed(1),
      (s.fileBytes / 1e6).toFixed(1),
      s.median == null ? '—' : f1(s.median / (s.fileBytes / 1e6)),
      (s.titleBytes / Math.max(1, s.events)).toFixed(0),
    ])));
  L.push('');
  L.push('Datasets (`xtask/src/bench_data.rs`, seeded; cached in `target/bench-data/`): the benchmark\'s');
  L.push('events (starts uniform over 1900–2025, every third a span, five groups, short mixed');
  L.push('Latin/CJK titles), written in each shape:');
  L.push('');
  for (const s of shapesOf(results)) L.push(`- ${DESCRIBE[s]}.`);
  L.push('');
  L.push('Method: the page is `benches/site/chronoscope.html`, as for the main table: the widget is');
  L.push('created on a two-event dataset first (so the WebAssembly is compiled and the element laid');
  L.push('out), the dataset is fetched as bytes, then `setData` is timed to the end of the next frame');
  L.push('(`timedLoad` in `benches/site/common.js`). A dataset whose load takes over 30 s is not loaded');
  L.push('again; a phase times out after 300 s.');
  L.push('');
  L.push(END);
  return L.join('\n');
}

/** `text` with its adversarial section replaced by `section` (or inserted before the phone section or "## Datasets", or appended). */
export function spliceSection(text, section) {
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a >= 0 && b > a) return text.slice(0, a) + section + text.slice(b + END.length);
  for (const marker of [PHONE_BEGIN, '\n## Datasets']) {
    const d = text.indexOf(marker);
    if (d >= 0) {
      const at = marker.startsWith('\n') ? d + 1 : d;
      return `${text.slice(0, at)}${section}\n\n${text.slice(at)}`;
    }
  }
  return `${text.replace(/\n*$/, '\n\n')}${section}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node benches/adversarial-report.mjs ADVERSARIAL.json [--write BENCHMARKS.md]');
    process.exit(2);
  }
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  printAdversarial(results);
  const w = process.argv.indexOf('--write');
  if (w > 0) {
    const out = process.argv[w + 1];
    const old = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '# Benchmarks\n';
    fs.writeFileSync(out, spliceSection(old, adversarialMarkdown(results)));
    console.log(`\nwrote the adversarial section of ${out}`);
  }
}
