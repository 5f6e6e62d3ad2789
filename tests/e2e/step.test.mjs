// Issue 14: a series of kind "step" in the widget — it loads, is drawn as
// held values with jumps (on the canvas and in the SVG export alike), the
// crosshair reads the value in force under the cursor (not the nearest
// point), and the Data dialog lists its points.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, assertNoErrors } from './browser.mjs';
import { openWidget, readings } from './widget.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const RATE = {
  schemaVersion: 1,
  title: 'Policy rate',
  series: [{
    id: 'rate', name: 'Policy rate', unit: '%', kind: 'step', color: '#d95f02',
    points: [['2000', 1], ['2001', 3], ['2002', null], ['2003', 2], ['2004', 4]],
  }],
};

/** The points of the SVG export's 2 px polylines in the series' colour. */
const stepLines = (page) => page.evaluate(() => {
  const svg = document.querySelector('chrono-scope').timeline.exportSVG();
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  return [...doc.querySelectorAll('polyline')]
    .filter((p) => p.getAttribute('stroke') === '#D95F02' && p.getAttribute('stroke-width') === '2')
    .map((p) => p.getAttribute('points').trim().split(/\s+/).map((xy) => xy.split(',').map(Number)));
});

test('a step series loads, draws held values with jumps, and the crosshair reads the value in force', async () => {
  const { page, box } = await openWidget(browser, '/en.html');
  await page.evaluate(async (data) => {
    const tl = document.querySelector('chrono-scope').timeline;
    await tl.setData(data);
    tl.setWindow('1999', '2006');
  }, RATE);
  await page.waitForFunction(() => document.querySelector('chrono-scope').timeline.getData().series[0]?.kind === 'step');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

  // The export: two lines (the null breaks it), every piece horizontal or
  // vertical; the first holds 1 from 2000 to 2001, jumps to 3 and holds it
  // up to the null in 2002.
  const lines = await stepLines(page);
  assert.equal(lines.length, 2, JSON.stringify(lines));
  for (const l of lines) {
    for (let i = 1; i < l.length; i++) {
      assert.ok(l[i][0] === l[i - 1][0] || l[i][1] === l[i - 1][1], `a diagonal in ${JSON.stringify(l)}`);
    }
  }
  const x = (t) => page.evaluate((t) => document.querySelector('chrono-scope').timeline.timeToX(t), t);
  const [x2000, x2001, x2002] = [await x('2000'), await x('2001'), await x('2002')];
  const first = lines[0];
  assert.equal(first.length, 4, JSON.stringify(first));
  const near = (a, b) => Math.abs(a - b) <= 1;
  assert.ok(near(first[0][0], x2000) && near(first[1][0], x2001) && near(first[3][0], x2002), JSON.stringify({ first, x2000, x2001, x2002 }));
  assert.equal(first[0][1], first[1][1], 'the value holds');
  assert.equal(first[1][0], first[2][0], 'then jumps');
  assert.ok(first[2][1] < first[1][1], '3 is above 1');

  // The canvas: the same picture (a PNG at 1×): the series' colour on the
  // held piece, and not halfway up the jump's diagonal a line would draw.
  const pixels = await page.evaluate(async (probes) => {
    const blob = await document.querySelector('chrono-scope').timeline.exportPNG(1);
    const bmp = await createImageBitmap(blob);
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const g = c.getContext('2d');
    g.drawImage(bmp, 0, 0);
    return probes.map(([px, py]) => [...g.getImageData(Math.round(px), Math.round(py), 1, 1).data]);
  }, [
    [(first[0][0] + first[1][0]) / 2, first[0][1]],
    [(first[0][0] + first[1][0]) / 2, (first[0][1] + first[2][1]) / 2],
  ]);
  const orange = ([r, g, b]) => Math.abs(r - 0xd9) < 40 && Math.abs(g - 0x5f) < 40 && Math.abs(b - 0x02) < 60;
  assert.ok(orange(pixels[0]), `held piece drawn: ${pixels[0]}`);
  assert.ok(!orange(pixels[1]), `no diagonal: ${pixels[1]}`);

  // The crosshair in November 2000 (nearer the 2001 point): the reading is
  // 2000's value, in force until 2001.
  const y = box.y + first[0][1];
  await page.mouse.move(box.x + (await x(Date.UTC(2000, 10, 1))), y);
  await page.waitForFunction(() => [...document.querySelector('chrono-scope').shadowRoot.querySelectorAll('.reading')].some((e) => !e.hidden));
  assert.deepEqual(await readings(page), ['2000: 1 %']);
  // On the 2001 point itself it reads 2001's value.
  await page.mouse.move(box.x + x2001 + 1, y);
  await page.waitForFunction(() => [...document.querySelector('chrono-scope').shadowRoot.querySelectorAll('.reading')].some((e) => !e.hidden && e.textContent.startsWith('2001')));
  assert.deepEqual(await readings(page), ['2001: 3 %']);
  // After the null, nothing is in force: no reading.
  await page.mouse.move(box.x + (await x(Date.UTC(2002, 6, 1))), y);
  await page.waitForFunction(() => ![...document.querySelector('chrono-scope').shadowRoot.querySelectorAll('.reading')].some((e) => !e.hidden));

  // The Data dialog lists the points, the null as no value.
  await page.mouse.move(box.x + 5, box.y + 5);
  await page.locator('chrono-scope .toolbar button.data').click();
  await page.waitForFunction(() => document.querySelector('chrono-scope').shadowRoot.querySelector('dialog').open);
  const rows = await page.evaluate(() => [...document.querySelector('chrono-scope').shadowRoot
    .querySelectorAll('dialog table tbody tr')].map((r) => [...r.cells].map((c) => c.textContent)));
  assert.deepEqual(rows, [['2000', '1'], ['2001', '3'], ['2002', 'no value'], ['2003', '2'], ['2004', '4']]);
  await page.keyboard.press('Escape');
  assertNoErrors(page);
  await page.context().close();
});
