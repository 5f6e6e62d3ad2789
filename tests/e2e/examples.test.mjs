// End-to-end: the example pages in www/examples/ (served at /examples/).
//
// Every page opens without page errors, console errors, Content-Security-
// Policy violations or widget `error` events, uses no inline script or style
// (so the CSP it declares is a real test), and links only to files that
// exist. Then each example is checked for its point: the live series grows
// and the view follows it, the two synced timelines share one window, the
// annotation is drawn at its date, inside the chart's plot, and moves with a
// zoom, the custom card and tooltip are the page's nodes (and formatted
// values get no dataset unit), the paper theme paints the page's --cs-bg,
// and the page around embed.html follows the height its frame asks for.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoErrors, launch, newPage, url } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const EXAMPLES = [
  'plain.html', 'inline.html', 'theme.html', 'streaming.html',
  'sync.html', 'annotations.html', 'custom-card.html', 'iframe.html',
];

/**
 * Opens /examples/<path>, recording CSP violations and every widget's
 * `error` events (elements written in the page and those made by
 * Chronoscope.create), then waits until `count` widgets are ready.
 */
async function open(path, { count = 1, ...opts } = {}) {
  const page = await newPage(browser, { width: 1280, height: 900, reducedMotion: 'reduce', ...opts });
  await page.addInitScript(() => {
    window.__csp = [];
    window.__widgetErrors = [];
    window.__renders = 0;
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
    const hook = (el) => {
      el.addEventListener('render', () => { window.__renders += 1; });
      el.addEventListener('error', (e) => window.__widgetErrors.push({
        id: el.id, code: e.detail?.code, message: e.detail?.message, path: e.detail?.path,
      }));
    };
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('chrono-scope:not([data-e2e])')) {
        el.setAttribute('data-e2e', '');
        hook(el);
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url(`/examples/${path}`));
  await page.waitForFunction((n) => {
    const els = [...document.querySelectorAll('chrono-scope')];
    return els.length >= n && els.every((e) => e.timeline != null);
  }, count, { timeout: 20_000 });
  return page;
}

/** No page or console errors, no CSP violations, no widget error events. */
async function assertClean(page) {
  assertNoErrors(page);
  assert.deepEqual(await page.evaluate(() => window.__csp ?? []), [], 'no Content-Security-Policy violations');
  assert.deepEqual(await page.evaluate(() => window.__widgetErrors ?? []), [], 'no widget error events');
}

const tl = (sel = 'chrono-scope') => `document.querySelector(${JSON.stringify(sel)}).timeline`;
const getWindow = (page, sel) => page.evaluate(`${tl(sel)}.getWindow()`);

/** Resolves after `n` animation frames in the page. */
const frames = (page, n = 2) => page.evaluate((n) => new Promise((resolve) => {
  const step = () => (n-- <= 0 ? resolve() : requestAnimationFrame(step));
  requestAnimationFrame(step);
}), n);

/** RGB of the base canvas at a CSS point of the widget `sel`. */
const pixel = (page, sel, x, y) => page.evaluate(([sel, x, y]) => {
  const c = document.querySelector(sel).shadowRoot.querySelector('canvas.base');
  const r = c.width / c.clientWidth;
  const px = Math.round((x < 0 ? c.clientWidth + x : x) * r);
  const d = c.getContext('2d').getImageData(px, Math.round(y * r), 1, 1).data;
  return [d[0], d[1], d[2]];
}, [sel, x, y]);

/** '#rrggbb' or 'rgb(r, g, b)' → [r, g, b]. */
function rgb(css) {
  const s = css.trim();
  const hex = /^#([0-9a-f]{6})$/i.exec(s);
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16));
  const fn = /^rgba?\(\s*(\d+)[ ,]+(\d+)[ ,]+(\d+)/i.exec(s);
  if (fn) return fn.slice(1, 4).map(Number);
  throw new Error(`not a colour: ${css}`);
}

test('examples: no inline script or style; every page opens cleanly; every link resolves', async () => {
  for (const path of ['index.html', ...EXAMPLES]) {
    const html = await (await fetch(url(`/examples/${path}`))).text();
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'">/, `${path} declares the strict CSP`);
    assert.doesNotMatch(html, /<style[\s>]/i, `${path}: no <style> element`);
    assert.doesNotMatch(html, /\sstyle\s*=/i, `${path}: no style attribute`);
    for (const [, attrs] of html.matchAll(/<script\b([^>]*)>/gi)) {
      assert.ok(/\bsrc=/.test(attrs) || /type="application\/json"/.test(attrs), `${path}: inline script <script${attrs}>`);
    }
    assert.doesNotMatch(html, /<[^>]*\son[a-z]+\s*=/i, `${path}: no inline event handler attribute`);
  }

  const index = await newPage(browser, { width: 1280, height: 900 });
  await index.goto(url('/examples/'));
  const listed = await index.evaluate(() => [...document.querySelectorAll('.example-list a')].map((a) => a.getAttribute('href')));
  assert.deepEqual(listed, EXAMPLES, 'the index links every example, in order');
  assertNoErrors(index);
  await index.context().close();

  for (const path of EXAMPLES) {
    const count = { 'theme.html': 2, 'sync.html': 2, 'iframe.html': 0 }[path] ?? 1;
    const page = await open(path, { count });
    const links = await page.evaluate(() => [...new Set([...document.querySelectorAll('a[href]')]
      .map((a) => a.href).filter((h) => h.startsWith(location.origin)))]);
    for (const href of links) {
      const res = await fetch(href.replace(/#.*$/, ''));
      assert.equal(res.status, 200, `${path} links to ${href}`);
    }
    await assertClean(page);
    await page.context().close();
  }
});

test('plain and inline: the dataset from src, and from the JSON inside the element', async () => {
  const plain = await open('plain.html');
  const p = await plain.evaluate(`(() => { const d = ${tl()}.getData(); return { events: d.events.length, series: d.series.length }; })()`);
  assert.deepEqual(p, { events: 20, series: 2 }, 'plain.html shows the SIP dataset');
  await assertClean(plain);
  await plain.context().close();

  const inline = await open('inline.html');
  const d = await inline.evaluate(`${tl()}.getData()`);
  assert.equal(d.title, 'Suzhou Industrial Park in six moments');
  assert.equal(d.events.length, 6);
  assert.equal(d.series[0].id, 'sip-gdp');
  const w = await getWindow(inline);
  assert.ok(w.start <= Date.UTC(1994, 0, 1) && w.end >= Date.UTC(2022, 10, 6), 'the first view shows all six');
  await assertClean(inline);
  await inline.context().close();
});

test('theme: the paper timeline paints the page\'s --cs-bg; the other is dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await open('theme.html', { count: 2, colorScheme });
    await frames(page);
    const bg = await page.evaluate(() => getComputedStyle(document.getElementById('paper')).getPropertyValue('--cs-bg'));
    assert.deepEqual(rgb(bg), [0xf7, 0xf1, 0xe3], 'theme.css sets --cs-bg');
    assert.deepEqual(await pixel(page, '#paper', -4, 4), rgb(bg), `${colorScheme}: the canvas background is --cs-bg`);
    const [r, g, b] = await pixel(page, '#night', -4, 4);
    assert.ok(0.2126 * r + 0.7152 * g + 0.0722 * b < 60, `${colorScheme}: theme="dark" is dark (${r},${g},${b})`);
    const font = await page.evaluate(() => getComputedStyle(document.getElementById('paper')).getPropertyValue('--cs-font'));
    assert.match(font, /Georgia/, 'theme.css sets --cs-font');
    await assertClean(page);
    await page.context().close();
  }
});

/** In the page: how many points the first series and how many events the timeline has. */
function counts() {
  const d = document.querySelector('chrono-scope').timeline.getData();
  const p = d.series[0].points;
  return { points: Array.isArray(p) ? p.length : p.t.length, events: d.events.length };
}

test('streaming: points and events arrive, the view follows until the reader moves it', async () => {
  const page = await open('streaming.html');
  await page.evaluate(`window.__counts = ${counts}`);
  const count = () => page.evaluate(() => window.__counts());
  // Subscribe through the public API and record what the view does.
  await page.evaluate(`window.__wc = []; ${tl()}.on('windowchange', (w) => window.__wc.push(w));`);
  const c0 = await count();
  const w0 = await getWindow(page);
  assert.ok(c0.points > 60, `history is there from the start (${c0.points} points)`);

  // Within ~2.5 s two more readings; the view moves with them.
  await page.waitForFunction((n) => window.__counts().points >= n, c0.points + 2, { timeout: 5_000 });
  await page.waitForFunction((end) => window.__wc.some((w) => w.end > end), w0.end, { timeout: 3_000 });
  const w1 = await getWindow(page);
  assert.ok(w1.start > w0.start && w1.end > w0.end, 'the window moved to later times');
  assert.ok(Math.abs((w1.end - w1.start) - (w0.end - w0.start)) < 1, 'following keeps the span');
  const newest = await page.evaluate(() => {
    const p = document.querySelector('chrono-scope').timeline.getData().series[0].points;
    const last = Array.isArray(p) ? p.at(-1)[0] : p.t.at(-1);
    return typeof last === 'number' ? last : Date.parse(last);
  });
  assert.ok(newest > w1.start && newest < w1.end, 'the newest reading is in view');
  assert.equal(await page.locator('#live-status').getAttribute('data-state'), 'live');

  // Log entries arrive with addEvents every few seconds.
  await page.waitForFunction((n) => window.__counts().events > n, c0.events, { timeout: 8_000 });

  // The reader drags the chart: following stops, the view stays put.
  const box = await page.locator('chrono-scope').boundingBox();
  const y = box.y + box.height * 0.6;
  await page.mouse.move(box.x + box.width * 0.4, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, y, { steps: 6 });
  await page.mouse.up();
  await page.waitForFunction(() => document.getElementById('live-status').dataset.state === 'paused', null, { timeout: 3_000 });
  const moved = await getWindow(page);
  const n = (await count()).points;
  await page.waitForFunction((n) => window.__counts().points > n, n, { timeout: 3_000 });
  await frames(page);
  assert.deepEqual(await getWindow(page), moved, 'a new reading does not move a view the reader moved');
  assert.equal(await page.locator('#follow').isDisabled(), false, 'Follow live is offered');

  // "Follow live" catches up.
  await page.click('#follow');
  const w2 = await getWindow(page);
  assert.ok(w2.end > moved.end, 'the view is back at the newest reading');
  assert.equal(await page.locator('#live-status').getAttribute('data-state'), 'live');
  await assertClean(page);
  await page.context().close();
});

test('sync: moving either timeline moves the other, without echoes', async () => {
  const page = await open('sync.html', { count: 2 });
  const same = (a, b) => Math.abs(a.start - b.start) < 1 && Math.abs(a.end - b.end) < 1;
  const both = async () => ({ en: await getWindow(page, '#sync-en'), zh: await getWindow(page, '#sync-zh') });
  const inSync = () => page.waitForFunction(() => {
    const a = document.getElementById('sync-en').timeline.getWindow();
    const b = document.getElementById('sync-zh').timeline.getWindow();
    return Math.abs(a.start - b.start) < 1 && Math.abs(a.end - b.end) < 1;
  }, null, { timeout: 3_000 });
  await inSync();

  // Count windowchange events from here on.
  await page.evaluate(() => {
    window.__wc = { 'sync-en': 0, 'sync-zh': 0 };
    for (const id of Object.keys(window.__wc)) {
      document.getElementById(id).timeline.on('windowchange', () => { window.__wc[id] += 1; });
    }
  });

  // API on the English one → the Chinese one follows.
  await page.evaluate(() => document.getElementById('sync-en').timeline.setWindow('2010', '2016'));
  await page.waitForFunction(() => document.getElementById('sync-zh').timeline.getWindow().start === Date.UTC(2010, 0, 1), null, { timeout: 3_000 });
  let w = await both();
  assert.ok(same(w.en, w.zh), 'the Chinese timeline shows the English one\'s window');
  assert.equal(w.zh.end, Date.UTC(2016, 0, 1));

  // Settled: a few frames later nothing is still bouncing between the two.
  await frames(page, 6);
  const settled = await page.evaluate(() => ({ ...window.__wc }));
  await frames(page, 6);
  assert.deepEqual(await page.evaluate(() => ({ ...window.__wc })), settled, 'no feedback loop');
  assert.ok(settled['sync-en'] <= 2 && settled['sync-zh'] <= 2, `one change each, not a ping-pong (${JSON.stringify(settled)})`);

  // The reader drags the Chinese one → the English one follows.
  const el = page.locator('#sync-zh');
  await el.scrollIntoViewIfNeeded();
  const box = await el.boundingBox();
  const y = box.y + box.height * 0.55;
  await page.mouse.move(box.x + box.width * 0.5, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, y, { steps: 6 });
  await page.mouse.up();
  await inSync();
  w = await both();
  assert.ok(w.zh.start > Date.UTC(2010, 0, 1), 'the drag showed later times');
  assert.ok(same(w.en, w.zh), 'and the English timeline followed');
  await assertClean(page);
  await page.context().close();
});

test('annotations: the dashed line is drawn at 2015-01-01 and moves with a zoom', async () => {
  const page = await open('annotations.html');
  const ink = rgb(await page.evaluate(() => getComputedStyle(document.getElementById('annotated')).getPropertyValue('--annotation')));

  // Pixels of the annotation colour in the column at CSS x (±1 px), from
  // y0 CSS px (below the labels at the top) to y1 (default: the bottom).
  const inkAt = (x, y0 = 40, y1 = null) => page.evaluate(([x, ink, y0, y1]) => {
    const c = document.getElementById('annotated').shadowRoot.querySelector('canvas.base');
    const r = c.width / c.clientWidth;
    const x0 = Math.max(0, Math.round((x - 1.5) * r));
    const top = Math.round(y0 * r);
    const bottom = y1 == null ? c.height : Math.round(y1 * r);
    const d = c.getContext('2d').getImageData(x0, top, Math.max(1, Math.round(3 * r)), bottom - top).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - ink[0]) + Math.abs(d[i + 1] - ink[1]) + Math.abs(d[i + 2] - ink[2]) < 40) n += 1;
    }
    return n;
  }, [x, ink, y0, y1]);
  const x2015 = () => page.evaluate(`${tl('#annotated')}.timeToX(Date.UTC(2015, 0, 1))`);

  const x0 = await x2015();
  // The first frame after `ready` carries the annotation (annotations.js
  // subscribes as soon as the element is ready).
  await page.waitForFunction(() => window.__renders > 0, null, { timeout: 5_000 });
  assert.ok(await inkAt(x0) > 50, 'the line is drawn at timeToX(2015-01-01)');

  // The line stays inside the render detail's plot: not over the overview
  // strip below it.
  const plot = await page.evaluate(() => new Promise((resolve) => {
    const off = document.getElementById('annotated').timeline.on('render', (d) => { off(); resolve(d.plot); });
  }));
  const height = await page.evaluate(() => document.getElementById('annotated').clientHeight);
  assert.ok(plot.y + plot.height < height - 30, `the plot ends above the overview strip (${JSON.stringify(plot)})`);
  assert.ok(await inkAt(x0, plot.y + plot.height - 30, plot.y + plot.height) > 5, 'the line reaches the plot\'s bottom');
  assert.equal(await inkAt(x0, plot.y + plot.height + 1), 0, 'and is clipped there');

  // Zoom in about 2005: 2015 moves right, and the line goes with it.
  const renders = await page.evaluate(() => window.__renders);
  await page.evaluate(`${tl('#annotated')}.zoom(1.6, '2005')`);
  await page.waitForFunction((n) => window.__renders > n, renders, { timeout: 3_000 });
  const x1 = await x2015();
  assert.ok(x1 - x0 > 40, `2015 moved (${x0} → ${x1})`);
  assert.ok(await inkAt(x1) > 50, 'the line is at 2015-01-01 after the zoom');
  assert.ok(await inkAt(x0) < 5, 'and no longer where it was');
  await assertClean(page);
  await page.context().close();
});

test('custom card: the card, tooltip and value readings are the page\'s', async () => {
  const page = await open('custom-card.html');
  const el = page.locator('chrono-scope');
  await el.scrollIntoViewIfNeeded();
  const box = await el.boundingBox();

  // The card the page opened, then another one selected through the API.
  const card = () => page.evaluate(() => {
    const root = document.querySelector('chrono-scope').shadowRoot;
    const c = root.querySelector('.card');
    const custom = c?.querySelector('.custom-card');
    const inner = custom?.shadowRoot;
    return {
      hidden: c?.hidden ?? null,
      title: c?.querySelector('.title')?.textContent ?? null,
      when: inner?.querySelector('.when')?.textContent ?? null,
      text: inner?.querySelector('.text')?.textContent ?? null,
      id: inner?.querySelector('.id code')?.textContent ?? null,
      buttons: [...c.querySelectorAll('button')].map((b) => b.textContent.trim()).filter(Boolean),
    };
  });
  await page.waitForFunction(() => document.querySelector('chrono-scope').shadowRoot.querySelector('.card .custom-card'), null, { timeout: 3_000 });
  let c = await card();
  assert.equal(c.hidden, false);
  assert.equal(c.title, '5th Services Trade Innovation Forum', 'the widget keeps the card\'s title');
  assert.equal(c.when, 'Sun 6 Nov 2022', 'the card dates with the page\'s format');
  assert.match(c.text, /^The 5th China–Singapore Services Trade Innovation Forum/);
  await page.evaluate(`${tl()}.select('sip-founded')`);
  await page.waitForFunction(() => document.querySelector('chrono-scope').shadowRoot.querySelector('.card .custom-card')
    ?.shadowRoot.querySelector('.id code')?.textContent === 'sip-founded');
  c = await card();
  assert.equal(c.title, 'Suzhou Industrial Park is launched');
  assert.ok(c.buttons.length >= 2, `Previous/Next and close stay (${c.buttons.join(', ')})`);

  // Data is text, never markup: an event whose title looks like HTML.
  await page.evaluate(`${tl()}.addEvents([{ id: 'xss', start: '2005', title: '<img src=x onerror=alert(1)>', group: 'gov' }])`);
  await page.evaluate(`${tl()}.select('xss')`);
  await page.waitForFunction(() => document.querySelector('chrono-scope').shadowRoot.querySelector('.card .custom-card')
    ?.shadowRoot.querySelector('.id code')?.textContent === 'xss');
  await page.evaluate(`${tl()}.updateEvent('xss', { text: '<b>bold?</b> <script>alert(2)<\\/script>' })`);
  await page.waitForFunction(() => document.querySelector('chrono-scope').shadowRoot.querySelector('.card .custom-card')
    ?.shadowRoot.querySelector('.text')?.textContent.startsWith('<b>'));
  c = await card();
  assert.equal(c.title, '<img src=x onerror=alert(1)>', 'the title is shown as text');
  assert.equal(c.text, '<b>bold?</b> <script>alert(2)</script>', 'the text is shown as text');
  assert.equal(await page.evaluate(() => document.querySelector('chrono-scope').shadowRoot.querySelector('.card .custom-card').shadowRoot.querySelector('img, b, script')), null);
  await page.evaluate(`${tl()}.select(null)`);

  // Hovering an event shows the page's tooltip.
  await page.evaluate(`${tl()}.fit()`);
  await frames(page);
  const r = await page.evaluate(`${tl()}.eventRect('sip-founded')`);
  assert.ok(r, 'sip-founded is drawn');
  await page.mouse.move(box.x + r.x + r.width / 2, box.y + r.y + r.height / 2);
  await page.waitForFunction(() => {
    const t = document.querySelector('chrono-scope').shadowRoot.querySelector('.custom-tooltip');
    return t && t.shadowRoot.textContent.includes('Suzhou Industrial Park is launched');
  }, null, { timeout: 3_000 });

  // Over the charts, the crosshair reads values with formatValue: find the
  // GDP pane by moving down the 2021 column until readings appear.
  const x2021 = await page.evaluate(`${tl()}.timeToX(Date.UTC(2021, 0, 1))`);
  let readings = [];
  for (let y = box.height * 0.35; y < box.height - 10 && readings.length === 0; y += 12) {
    await page.mouse.move(box.x + x2021, box.y + y);
    await frames(page, 1);
    readings = await page.evaluate(() => [...document.querySelector('chrono-scope').shadowRoot.querySelectorAll('.reading')]
      .filter((e) => !e.hidden && e.textContent.trim()).map((e) => e.textContent));
  }
  assert.ok(readings.includes('2021: ¥333 bn'), `GDP read in ¥ bn: ${JSON.stringify(readings)}`);
  assert.ok(readings.includes('2021: US$112 bn'), `trade read in US$ bn: ${JSON.stringify(readings)}`);
  // The formatted text is used as it is: the dataset's units ("100 million
  // yuan") are not appended, on the value axes either.
  const labels = await page.evaluate(`${tl()}.exportSVG()`);
  assert.match(labels, />\s*¥\d+ bn\s*</, 'the GDP axis reads in ¥ bn');
  assert.doesNotMatch(labels, /100 million/, 'no dataset unit after a formatted value');
  await assertClean(page);
  await page.context().close();
});

test('iframe: embed.html shows the timeline in the frame and the page follows its height', async () => {
  const page = await open('iframe.html', { count: 0 });
  const frame = await (await page.waitForSelector('iframe.chronoscope')).contentFrame();
  await frame.waitForFunction(() => document.querySelector('chrono-scope')?.timeline != null, null, { timeout: 20_000 });
  const inside = await frame.evaluate(() => {
    const el = document.querySelector('chrono-scope');
    const d = el.timeline.getData();
    return { id: el.id, lang: el.getAttribute('lang'), theme: el.getAttribute('theme'), events: d.events.length, series: d.series.length };
  });
  assert.deepEqual(inside, { id: 'sip', lang: 'en', theme: 'auto', events: 20, series: 2 });
  // 420 px and 80 for each of the two series: the page's 520 px become 580.
  await page.waitForFunction(() => document.querySelector('iframe.chronoscope').getBoundingClientRect().height === 580, null, { timeout: 5_000 });
  assert.deepEqual(await frame.evaluate(() => window.__csp), [], 'no CSP violation in the frame');
  await assertClean(page);
  await page.context().close();
});
