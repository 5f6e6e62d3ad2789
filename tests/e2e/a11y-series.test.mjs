// Issue 8, part 2: series summaries in the region's description, the Data
// dialog with real tables (keyboard, focus, Escape, capped rows, CSV),
// forced colours on the canvas, and target sizes with a mouse and a finger.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, newPage, assertNoErrors, url } from './browser.mjs';
import { openWidget } from './widget.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const SIP_EN = [
  'SIP gross domestic product (100 million yuan): from 1,589 in 2012 to 3,330 in 2021; '
    + 'lowest 1,589 in 2012, highest 3,330 in 2021.',
  'SIP total imports and exports (100 million US dollars): from 770 in 2012 to 1,120 in 2021; '
    + 'lowest 770 in 2012, highest 1,120 in 2021.',
];

/** The region's description: the texts its aria-describedby names, in order. */
const description = (page) => page.evaluate(() => {
  const root = document.querySelector('chrono-scope').shadowRoot;
  const frame = root.querySelector('.frame');
  return (frame.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
    .map((id) => root.getElementById(id)?.textContent ?? null);
});

/** The focused element inside the widget's shadow root: its class and text. */
const focused = (page) => page.evaluate(() => {
  const a = document.querySelector('chrono-scope').shadowRoot.activeElement;
  return a ? { tag: a.tagName.toLowerCase(), cls: a.className } : null;
});

const dialogState = (page) => page.evaluate(() => {
  const d = document.querySelector('chrono-scope').shadowRoot.querySelector('dialog.data-dialog');
  return {
    open: d.open,
    modal: d.matches(':modal'),
    title: d.querySelector('h2')?.textContent ?? null,
    tables: [...d.querySelectorAll('table')].map((t) => ({
      caption: t.caption?.textContent,
      described: t.getAttribute('aria-describedby')
        && d.querySelector(`#${t.getAttribute('aria-describedby')}`)?.textContent,
      head: [...t.tHead.rows[0].cells].map((c) => [c.tagName, c.scope, c.textContent]),
      rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => [c.tagName, c.scope, c.textContent])),
    })),
    notes: [...d.querySelectorAll('.rows')].map((p) => p.textContent),
  };
});

test('each series has a summary sentence in the region description (en and zh-Hant)', async () => {
  const { page } = await openWidget(browser, '/en.html');
  const desc = await description(page);
  assert.ok(desc.length >= 3, `instructions and two summaries: ${JSON.stringify(desc)}`);
  assert.ok(desc.every((d) => d != null), 'every id names an element');
  assert.deepEqual(desc.slice(-2), SIP_EN);
  assertNoErrors(page);
  await page.context().close();

  const zh = await openWidget(browser, '/');
  const zdesc = await description(zh.page);
  assert.equal(
    zdesc.at(-2),
    '園區生產總值（億元）：由2012年的1,589至2021年的3,330；最低為2012年的1,589，最高為2021年的3,330。',
  );
  // The language follows the element: the same data summarised in Japanese.
  await zh.page.evaluate(() => document.querySelector('chrono-scope').setAttribute('lang', 'ja'));
  await zh.page.waitForFunction(() => document.querySelector('chrono-scope').shadowRoot
    .getElementById('cs-sum-0')?.textContent.includes('から'));
  assert.equal(
    (await description(zh.page)).at(-2),
    '園區生產總值（億元）：2012年の1,589から2021年の3,330まで。最低は2012年の1,589、最高は2021年の3,330。',
  );
  assertNoErrors(zh.page);
  await zh.page.context().close();
});

test('the Data button opens a modal dialog of real tables; Escape closes it and focus returns', async () => {
  const { page } = await openWidget(browser, '/en.html');
  const data = page.locator('chrono-scope .toolbar button.data');
  assert.equal(await data.getAttribute('aria-label'), 'Show the data as tables');
  assert.equal(await data.getAttribute('aria-haspopup'), 'dialog');
  assert.equal(await data.isVisible(), true);
  // By keyboard: focus the button, Enter.
  await data.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('chrono-scope').shadowRoot.querySelector('dialog').open);
  const s = await dialogState(page);
  assert.equal(s.modal, true);
  assert.equal(s.title, 'Data');
  assert.deepEqual(s.tables.map((t) => t.caption), [
    'SIP gross domestic product (100 million yuan)',
    'SIP total imports and exports (100 million US dollars)',
  ]);
  assert.deepEqual(s.tables.map((t) => t.described), SIP_EN);
  for (const t of s.tables) {
    assert.deepEqual(t.head, [['TH', 'col', 'Date'], ['TH', 'col', 'Value']]);
  }
  assert.deepEqual(s.tables[0].rows, [
    [['TH', 'row', '2012'], ['TD', '', '1,589']],
    [['TH', 'row', '2021'], ['TD', '', '3,330']],
  ]);
  assert.deepEqual(s.notes, [], 'two points: nothing capped');
  // Focus moved in (the close button), and Tab stays inside the dialog.
  assert.deepEqual(await focused(page), { tag: 'button', cls: 'close' });
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    const inside = await page.evaluate(() => {
      const root = document.querySelector('chrono-scope').shadowRoot;
      const a = root.activeElement;
      return a == null ? document.activeElement?.tagName : a.closest('dialog') != null;
    });
    // Past the last control the browser may put focus on its own chrome
    // (the document body is inert behind a modal dialog).
    assert.ok(inside === true || inside === 'BODY', `Tab ${i} left the dialog: ${inside}`);
  }
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('chrono-scope').shadowRoot.querySelector('dialog').open);
  assert.deepEqual(await focused(page), { tag: 'button', cls: 'data' });
  // The closed dialog holds nothing (a big table is many nodes); its
  // `close` event comes a task after it closes.
  await page.waitForFunction(() => document.querySelector('chrono-scope').shadowRoot
    .querySelector('dialog').childElementCount === 0);
  // By mouse: click, then the close button.
  await data.click();
  await page.locator('chrono-scope dialog .close').click();
  await page.waitForFunction(() => !document.querySelector('chrono-scope').shadowRoot.querySelector('dialog').open);
  assert.deepEqual(await focused(page), { tag: 'button', cls: 'data' });
  assertNoErrors(page);
  await page.context().close();
});

test('a long series shows its first rows, says so, and the CSV has every row', async () => {
  const { page } = await openWidget(browser, '/en.html');
  const n = 20_000;
  await page.evaluate(async (n) => {
    const points = [];
    for (let i = 0; i < n; i++) {
      const d = new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      points.push([d, i % 97 === 5 ? null : Math.round(1000 * Math.sin(i / 50)) / 10]);
    }
    await document.querySelector('chrono-scope').timeline.setData({
      schemaVersion: 1, title: 'Long', series: [{ id: 'w', name: 'Wave, daily', unit: '°C', points }],
    });
  }, n);
  // Data without series has no Data button; this one has one series.
  await page.locator('chrono-scope .toolbar button.data').click();
  await page.waitForFunction(() => document.querySelector('chrono-scope').shadowRoot.querySelector('dialog').open);
  const s = await dialogState(page);
  assert.equal(s.tables.length, 1);
  assert.equal(s.tables[0].caption, 'Wave, daily (°C)');
  assert.equal(s.tables[0].rows.length, 1000);
  assert.deepEqual(s.tables[0].rows[0], [['TH', 'row', 'January 1, 2000'], ['TD', '', '0']]);
  assert.deepEqual(s.tables[0].rows[5], [['TH', 'row', 'January 6, 2000'], ['TD', '', 'no value']]);
  assert.deepEqual(s.notes, ['Showing the first 1,000 of 20,000 rows; the CSV has all of them.']);
  assert.match(s.tables[0].described, /^Wave, daily \(°C\): from 0 on January 1, 2000 to .*; lowest -100 on .*, highest 100 on .*\. Some values are missing\.$/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('chrono-scope dialog button.csv').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'Wave-daily.csv');
  const text = await readFile(await download.path(), 'utf8');
  const lines = text.replace(/^\uFEFF/, '').trimEnd().split('\n');
  assert.equal(lines.length, n + 1);
  assert.equal(lines[0], 'date,"Wave, daily [°C]"');
  assert.equal(lines[1], '2000-01-01,0');
  assert.equal(lines[6], '2000-01-06,');
  assert.equal(lines[n], `${new Date(Date.UTC(2000, 0, 1) + (n - 1) * 86_400_000).toISOString().slice(0, 10)},${Math.round(1000 * Math.sin((n - 1) / 50)) / 10}`);
  // The downloaded CSV loads back as the same series.
  await page.keyboard.press('Escape');
  const back = await page.evaluate(async (csv) => {
    const el = document.querySelector('chrono-scope');
    await el.timeline.setData(csv);
    const s = el.timeline.getData().series[0];
    // A long series comes back in the columnar form ({t, v}).
    return { name: s.name, unit: s.unit, n: s.points.t.length, v: [s.points.v[0], s.points.v[5], s.points.v[7]] };
  }, text);
  assert.deepEqual(back, { name: 'Wave, daily', unit: '°C', n, v: [0, null, Math.round(1000 * Math.sin(7 / 50)) / 10] });
  assertNoErrors(page);
  await page.context().close();
});

/** [r, g, b] of the system colour `kw` as the page resolves it. */
const sysColor = (page, kw) => page.evaluate((kw) => {
  const p = document.createElement('span');
  p.style.color = kw;
  p.style.forcedColorAdjust = 'none';
  document.body.append(p);
  const m = getComputedStyle(p).color.match(/[\d.]+/g).map(Number);
  p.remove();
  return m.slice(0, 3);
}, kw);

/** The alpha of system colour `kw` (Chromium's forced Highlight is 0.8). */
const sysAlpha = (page, kw) => page.evaluate((kw) => {
  const p = document.createElement('span');
  p.style.color = kw;
  p.style.forcedColorAdjust = 'none';
  document.body.append(p);
  const m = getComputedStyle(p).color.match(/[\d.]+/g).map(Number);
  p.remove();
  return m[3] ?? 1;
}, kw);

/**
 * The share of the base canvas's pixels that are `bg`, or `bg` blended with
 * one of `inks` (antialiasing and translucent fills mix only these).
 */
const systemShare = (page, bg, inks) => page.evaluate(([bg, inks]) => {
  const c = document.querySelector('chrono-scope').shadowRoot.querySelector('canvas.base');
  const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
  let ok = 0;
  const off = [];
  for (let i = 0; i < data.length; i += 4) {
    const p = [data[i], data[i + 1], data[i + 2]];
    const fits = inks.some((ink) => {
      // the best t in bg + t (ink - bg), then the distance to that point
      const d = ink.map((v, k) => v - bg[k]);
      const dd = d.reduce((a, v) => a + v * v, 0);
      const t = dd === 0 ? 0 : Math.min(1, Math.max(0, d.reduce((a, v, k) => a + v * (p[k] - bg[k]), 0) / dd));
      return p.every((v, k) => Math.abs(v - (bg[k] + t * d[k])) <= 4);
    });
    if (fits) ok += 1; else if (off.length < 5) off.push(p);
  }
  return { share: ok / (data.length / 4), off };
}, [bg, inks]);

/** Pixel statistics of the widget's base canvas. */
const canvasPixels = (page, targets) => page.evaluate((targets) => {
  const c = document.querySelector('chrono-scope').shadowRoot.querySelector('canvas.base');
  const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
  const near = (i, [r, g, b], tol) => Math.abs(data[i] - r) <= tol && Math.abs(data[i + 1] - g) <= tol
    && Math.abs(data[i + 2] - b) <= tol;
  const counts = targets.map(() => 0);
  for (let i = 0; i < data.length; i += 4) {
    targets.forEach(([rgb, tol], k) => { if (near(i, rgb, tol)) counts[k] += 1; });
  }
  return { total: data.length / 4, counts, corner: [data[0], data[1], data[2]] };
}, targets);

test('forced colours: the canvas is painted with the system colours, re-read when the mode changes', async () => {
  // A dark system (Chromium's forced palette is then black Canvas, white
  // CanvasText) and the widget's own light theme (white) without it.
  const { page } = await openWidget(browser, '/en.html', { colorScheme: 'dark' });
  await page.evaluate(() => document.querySelector('chrono-scope').setAttribute('theme', 'light'));
  const TEAL = [0x11, 0x99, 0x8a]; // the GDP series' dataset colour
  const GOLD = [0xa8, 0x79, 0x0a]; // the trade series'
  await page.waitForTimeout(300);
  const normal = await canvasPixels(page, [[TEAL, 6], [GOLD, 6]]);
  assert.ok(normal.counts[0] > 50 && normal.counts[1] > 50, `the series' own colours without forced colours: ${normal.counts}`);

  await page.emulateMedia({ forcedColors: 'active' });
  const canvasKw = await sysColor(page, 'Canvas');
  const textKw = await sysColor(page, 'CanvasText');
  assert.notDeepEqual(canvasKw, [255, 255, 255], 'the forced Canvas differs from the light theme');
  await page.waitForFunction((bg) => {
    const c = document.querySelector('chrono-scope').shadowRoot.querySelector('canvas.base');
    const d = c.getContext('2d').getImageData(2, 2, 1, 1).data;
    return d[0] === bg[0] && d[1] === bg[1] && d[2] === bg[2];
  }, canvasKw, { timeout: 5000 });
  const forced = await canvasPixels(page, [[canvasKw, 0], [textKw, 0], [TEAL, 6], [GOLD, 6]]);
  assert.deepEqual(forced.corner, canvasKw);
  // Plain Canvas is the background outside the data's extent (inside it the
  // lanes and panes are Canvas mixed with CanvasText); since the first view
  // fits the data (issue 15), that is a thinner margin than it was.
  assert.ok(forced.counts[0] / forced.total > 0.05, `Canvas: ${forced.counts} of ${forced.total}`);
  assert.ok(forced.counts[1] > 200, `marks and text in CanvasText: ${forced.counts}`);
  assert.deepEqual(forced.counts.slice(2), [0, 0], 'no dataset colour left');
  // Every pixel is Canvas, or Canvas mixed with a system colour.
  const inks = await Promise.all(['CanvasText', 'Highlight', 'LinkText'].map((k) => sysColor(page, k)));
  const share = await systemShare(page, canvasKw, inks);
  assert.ok(share.share > 0.995, `system colours only: ${JSON.stringify(share)}`);
  // The frame's focus ring stays visible, in Highlight, on screen (forced
  // colours drop box shadows): the screen's pixel just inside its edge.
  const a = await sysAlpha(page, 'Highlight');
  const highlight = (await sysColor(page, 'Highlight')).map((v, k) => Math.round(a * v + (1 - a) * canvasKw[k]));
  const edge = async () => {
    const box = await page.locator('chrono-scope').boundingBox();
    const png = await page.screenshot({ clip: { x: Math.ceil(box.x) + 1, y: Math.round(box.y + box.height / 2), width: 1, height: 1 } });
    return page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = new OffscreenCanvas(1, 1).getContext('2d');
      c.drawImage(img, 0, 0);
      return [...c.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    }, png.toString('base64'));
  };
  assert.notDeepEqual(await edge(), highlight, 'no ring before focus');
  await page.locator('chrono-scope').evaluate((el) => el.shadowRoot.querySelector('.frame').focus({ focusVisible: true }));
  await page.keyboard.press('Shift');
  await page.waitForFunction(() => document.querySelector('chrono-scope').shadowRoot
    .querySelector('.frame').matches(':focus-visible'));
  assert.deepEqual(await edge(), highlight);

  // And back.
  await page.emulateMedia({ forcedColors: 'none' });
  await page.waitForFunction(() => {
    const c = document.querySelector('chrono-scope').shadowRoot.querySelector('canvas.base');
    const d = c.getContext('2d').getImageData(2, 2, 1, 1).data;
    return d[0] === 255 && d[1] === 255 && d[2] === 255;
  }, null, { timeout: 5000 });
  await page.waitForTimeout(100);
  const again = await canvasPixels(page, [[TEAL, 6]]);
  assert.ok(again.counts[0] > 50);
  // The check above can fail: the light theme's chart is not two-colour.
  const light = await systemShare(page, [255, 255, 255], [[0x1b, 0x1d, 0x21]]);
  assert.ok(light.share < 0.99, `the light theme mixes more colours: ${light.share}`);
  assertNoErrors(page);
  await page.context().close();
});

/** Boxes of the controls that take a press, with the dialog and a card open. */
async function targetBoxes(page) {
  const boxes = {};
  const grab = async (name, sel) => {
    const all = await page.locator(`chrono-scope ${sel}`).all();
    boxes[name] = [];
    for (const l of all) {
      if (await l.isVisible()) boxes[name].push(await l.boundingBox());
    }
  };
  await grab('toolbar', '.toolbar button');
  await grab('brush edges', '.overview .edge');
  await page.evaluate(() => {
    const el = document.querySelector('chrono-scope');
    el.timeline.select(el.timeline.getData().events[1].id);
  });
  await page.locator('chrono-scope .card .close').waitFor();
  await grab('card close', '.card .close');
  await grab('card walk', '.card .walk button');
  await page.evaluate(() => document.querySelector('chrono-scope').timeline.select(null));
  await page.locator('chrono-scope .toolbar .data').click();
  await page.locator('chrono-scope dialog .close').waitFor();
  await grab('dialog close', 'dialog .close');
  await grab('dialog csv', 'dialog .csv');
  await page.keyboard.press('Escape');
  return boxes;
}

for (const [name, opts, min] of [
  ['a mouse (desktop)', { width: 1280, height: 800 }, 24],
  ['a finger (coarse pointer, wide screen)', { width: 1024, height: 768, hasTouch: true, isMobile: true }, 44],
  ['a finger (phone)', { width: 390, height: 844, hasTouch: true, isMobile: true, deviceScaleFactor: 3 }, 44],
]) {
  test(`targets are at least ${min} px for ${name}`, async () => {
    const { page } = await openWidget(browser, '/en.html', opts);
    assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), min === 44);
    const boxes = await targetBoxes(page);
    for (const [what, list] of Object.entries(boxes)) {
      assert.ok(list.length > 0, `${what}: none visible`);
      for (const b of list) {
        assert.ok(b.width >= min - 0.01 && b.height >= min - 0.01, `${what}: ${b.width}×${b.height} < ${min}`);
      }
    }
    assertNoErrors(page);
    await page.context().close();
  });
}

test('a dataset without series has no Data button and no summaries', async () => {
  const page = await newPage(browser);
  await page.goto(url('/en.html'));
  await page.waitForFunction(() => document.querySelector('chrono-scope')?.timeline != null);
  await page.evaluate(async () => {
    const el = document.querySelector('chrono-scope');
    await el.timeline.setData({ schemaVersion: 1, events: [{ id: 'a', start: '2000', title: 'A' }] });
  });
  const st = await page.evaluate(() => {
    const root = document.querySelector('chrono-scope').shadowRoot;
    return {
      data: root.querySelector('.toolbar .data').hidden,
      described: root.querySelector('.frame').getAttribute('aria-describedby'),
      summaries: root.querySelector('.series-summaries').childElementCount,
    };
  });
  assert.deepEqual(st, { data: true, described: 'cs-desc', summaries: 0 });
  assertNoErrors(page);
  await page.context().close();
});
