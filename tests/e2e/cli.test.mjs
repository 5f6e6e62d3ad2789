// End-to-end: the command-line tool draws the browser's layout. The SIP
// story is rendered to SVG by `chronoscope render` at the size and window of
// a widget in Chromium, and every event the SVG draws on its own is where
// the widget draws it (within 1 px).
//
// The binary comes from CHRONOSCOPE_CLI (`cargo xtask test` builds it and
// sets it), else target/debug/chronoscope.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, newPage, url } from './browser.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = process.env.CHRONOSCOPE_CLI || join(ROOT, 'target/debug/chronoscope');
const SIP_PATH = join(ROOT, 'www/data/sip.en.json');
const SIP = JSON.parse(readFileSync(SIP_PATH, 'utf8'));
const START = '1992';
const END = '2025';

let browser;
let dir;
before(async () => {
  assert.ok(existsSync(CLI), `${CLI} is missing: \`cargo build --bin chronoscope\` (or set CHRONOSCOPE_CLI)`);
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'chronoscope-cli-e2e-'));
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The attributes of each `<tag …>` element in `svg`, as objects. */
function elements(svg, tag) {
  const out = [];
  for (const m of svg.matchAll(new RegExp(`<${tag}\\s([^>]*)>`, 'g'))) {
    const attrs = {};
    for (const a of m[1].matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
    out.push(attrs);
  }
  return out;
}

for (const [width, height] of [[900, 420], [1200, 630]]) {
  test(`the CLI's SVG puts every event where the widget does (${width}×${height}, ${START}–${END})`, async () => {
    const page = await newPage(browser, { width: width + 100, height: height + 100, reducedMotion: 'reduce' });
    await page.goto(url('/api.html'));
    await page.waitForFunction(() => window.apiReady === true);
    const browserSide = await page.evaluate(async ([sip, width, height, start, end]) => {
      const box = document.getElementById('box');
      box.style.width = `${width}px`;
      box.style.height = `${height}px`;
      const tl = await window.Chronoscope.create(box, { data: sip, locale: 'en', theme: 'light' });
      // no border: the picture is the element's whole box, as the SVG is
      tl.element.style.border = 'none';
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      tl.setWindow(start, end);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const r = tl.element.getBoundingClientRect();
      const inner = [tl.element.clientWidth, tl.element.clientHeight];
      const events = {};
      for (const e of sip.events) {
        events[e.id] = { rect: tl.eventRect(e.id), x: tl.timeToX(e.start) };
      }
      return { size: [r.width, r.height], inner, window: tl.getWindow(), events };
    }, [SIP, width, height, START, END]);
    assert.deepEqual(browserSide.size, [width, height], 'the widget has the requested size');
    assert.deepEqual(browserSide.inner, [width, height], 'and no border or padding');
    assert.deepEqual(browserSide.window, { start: Date.UTC(Number(START), 0, 1), end: Date.UTC(Number(END), 0, 1) });
    assert.deepEqual(page.pageErrors.map(String), []);
    await page.context().close();

    const out = join(dir, `sip-${width}.svg`);
    execFileSync(CLI, ['render', SIP_PATH, '-o', out, '--width', String(width), '--height', String(height),
      '--start', START, '--end', END, '--lang', 'en']);
    const svg = readFileSync(out, 'utf8');
    const marks = elements(svg, 'rect').filter((a) => a.class === 'cs-event');
    const circles = elements(svg, 'circle').map((a) => [Number(a.cx), Number(a.cy)]);
    assert.ok(marks.length >= 10, `${marks.length} events drawn one by one in the SVG`);

    // Events the widget draws in a cluster share its badge's rect.
    const key = (r) => (r ? [r.x, r.y, r.width, r.height].join() : '');
    const sharing = {};
    for (const { rect } of Object.values(browserSide.events)) sharing[key(rect)] = (sharing[key(rect)] ?? 0) + 1;

    let compared = 0;
    for (const m of marks) {
      const b = browserSide.events[m['data-id']];
      assert.ok(b, `${m['data-id']} is an event of the dataset`);
      const x = Number(m['data-x']);
      // the marker is where the widget's time scale puts the event…
      assert.ok(Math.abs(x - b.x) <= 1, `${m['data-id']}: SVG marker x ${x}, widget timeToX ${b.x}`);
      // …and the SVG really draws a marker there
      assert.ok(circles.some(([cx]) => Math.abs(cx - x) <= 1), `${m['data-id']}: a circle at x ${x}`);
      // where the widget draws it alone too (not in a cluster), it starts at the same x
      if (b.rect && sharing[key(b.rect)] === 1) {
        // A label left of its marker (near the right edge) starts where the
        // text's width puts it, which each side measures with its own font:
        // then the rects end together, at the marker.
        const labelLeft = Number(m.x) < x - 20; // a hit rect reaches 12 px left of its marker
        const [svgEdge, widgetEdge] = labelLeft
          ? [Number(m.x) + Number(m.width), b.rect.x + b.rect.width]
          : [Number(m.x), b.rect.x];
        assert.ok(Math.abs(widgetEdge - svgEdge) <= 1,
          `${m['data-id']}: SVG rect ${labelLeft ? 'right' : 'x'} ${svgEdge}, widget eventRect ${widgetEdge}`);
        compared += 1;
      }
    }
    assert.ok(compared >= 10, `${compared} events compared with eventRect`);
  });
}
