// End-to-end: the real demo page in headless Chromium, driven like a reader
// would — wheel, drag, double-click, keys, click on an event — plus the
// fixture page with bad data, several widgets and an inline dataset.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch, newPage, url } from './browser.mjs';

const OUT = new URL('./output/', import.meta.url);
mkdirSync(OUT, { recursive: true });

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Records every event of every <chrono-scope> on the page in window.__events. */
async function recordEvents(page) {
  await page.addInitScript(() => {
    window.__events = [];
    const kinds = ['ready', 'error', 'windowchange', 'select'];
    const hook = (el) => {
      for (const k of kinds) {
        el.addEventListener(k, (e) => {
          // error details are Error objects: keep their own fields and message
          const d = e.detail instanceof Error
            ? { ...e.detail, message: e.detail.message, isError: true }
            : e.detail;
          window.__events.push({ id: el.id, type: k, detail: d });
        });
      }
    };
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('chrono-scope:not([data-hooked])')) {
        el.setAttribute('data-hooked', '');
        hook(el);
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

const events = (page, type, id) =>
  page.evaluate(([type, id]) => window.__events.filter((e) => e.type === type && (id == null || e.id === id)), [type, id]);

async function ready(page, selector = 'chrono-scope') {
  await page.waitForFunction((sel) => document.querySelector(sel)?.timeline != null, selector, { timeout: 20_000 });
}

/** Distinct colours in the base canvas (a blank canvas has one). */
const canvasColours = (page, selector = 'chrono-scope') =>
  page.evaluate((sel) => {
    const c = document.querySelector(sel).shadowRoot.querySelector('canvas.base');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 13) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return { colours: seen.size, width: c.width, height: c.height };
  }, selector);

/** Opens `path` with events recorded, waits for the widget, scrolls it into view. */
async function openDemo(path, opts = {}) {
  // Reduced motion by default: views change at once, so tests can read
  // them right after each input (the motion tests opt back in).
  const page = await newPage(browser, { width: 1280, height: 800, reducedMotion: 'reduce', ...opts });
  await recordEvents(page);
  await page.goto(url(path));
  await ready(page);
  const el = page.locator('chrono-scope');
  await el.scrollIntoViewIfNeeded();
  return { page, el, box: await el.boundingBox() };
}

const getWindow = (page, selector = 'chrono-scope') =>
  page.evaluate((sel) => document.querySelector(sel).timeline.getWindow(), selector);

test('the demo shows the SIP story, sharp and not blank, with no errors', async () => {
  const { page, el, box } = await openDemo('/', { width: 1280, height: 900, deviceScaleFactor: 2 });
  const c = await canvasColours(page);
  assert.equal(c.width, Math.round(box.width * 2), 'canvas is CSS width × devicePixelRatio');
  assert.equal(c.height, Math.round(box.height * 2));
  assert.ok(c.colours > 30, `canvas has content (${c.colours} colours)`);
  const ready1 = await events(page, 'ready');
  assert.equal(ready1.length, 1);
  assert.equal(ready1[0].detail.events, 20);
  assert.deepEqual(await events(page, 'error'), []);
  // the first view fits all data: 1994 to 2022-11-06
  const w = await getWindow(page);
  assert.ok(w.start < Date.UTC(1994, 0, 1) && w.end > Date.UTC(2022, 10, 6));
  await el.screenshot({ path: new URL('demo-zh-Hant.png', OUT).pathname });
  assert.deepEqual(page.pageErrors.map(String), []);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('a plain wheel scrolls the page and hints; Ctrl+wheel zooms at the pointer', async () => {
  const opened = await openDemo('/en.html', { width: 1280, height: 800 });
  const { page, el } = opened;
  let box = opened.box;
  const before = await getWindow(page);
  const changes0 = (await events(page, 'windowchange')).length;
  const scroll0 = await page.evaluate(() => window.scrollY);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 300);
  await page.waitForTimeout(300);
  assert.deepEqual(await getWindow(page), before, 'an unfocused widget does not zoom');
  assert.ok((await page.evaluate(() => window.scrollY)) > scroll0, 'the page scrolled');
  const hintShown = await page.evaluate(() =>
    document.querySelector('chrono-scope').shadowRoot.querySelector('.hint').classList.contains('shown'));
  assert.ok(hintShown, 'the hint explains how to zoom');

  // Ctrl + wheel up zooms in, keeping the time under the pointer in place.
  await el.scrollIntoViewIfNeeded();
  box = await el.boundingBox();
  const px = box.width * 0.7;
  const tBefore = await page.evaluate((x) => document.querySelector('chrono-scope').timeline.xToTime(x), px);
  await page.mouse.move(box.x + px, box.y + box.height / 2);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  await page.waitForFunction((n) => window.__events.filter((e) => e.type === 'windowchange').length > n, changes0);
  const after = await getWindow(page);
  assert.ok(after.end - after.start < before.end - before.start, 'zoomed in');
  const xAfter = await page.evaluate((t) => document.querySelector('chrono-scope').timeline.timeToX(t), tBefore);
  assert.ok(Math.abs(xAfter - px) < 1, `anchor stays under the pointer (${xAfter} vs ${px})`);

  // Once focused (a click), a plain wheel zooms too; Escape releases it.
  await page.mouse.click(box.x + 5, box.y + box.height - 5);
  const w1 = await getWindow(page);
  await page.mouse.wheel(0, -200);
  await page.waitForTimeout(200);
  const w2 = await getWindow(page);
  assert.ok(w2.end - w2.start < w1.end - w1.start, 'focused: plain wheel zooms');
  await page.keyboard.press('Escape');
  await page.mouse.wheel(0, 200);
  await page.waitForTimeout(200);
  assert.deepEqual(await getWindow(page), w2, 'after Escape the wheel scrolls the page again');
  await page.context().close();
});

test('drag pans (left shows later), double-click zooms in, keys zoom and fit', async () => {
  const { page, el, box } = await openDemo('/en.html', { width: 1280, height: 800 });
  const w0 = await getWindow(page);
  const y = box.y + box.height - 70; // over an indicator pane, away from events and the overview strip
  await page.mouse.move(box.x + 700, y);
  await page.mouse.down();
  await page.mouse.move(box.x + 600, y, { steps: 5 });
  await page.mouse.move(box.x + 500, y, { steps: 5 });
  await page.mouse.up();
  const w1 = await getWindow(page);
  assert.ok(w1.start > w0.start, 'dragging left shows later times');
  assert.ok(Math.abs(w1.end - w1.start - (w0.end - w0.start)) < 1, 'panning keeps the span');
  // 200 px of drag moved the window by 200 px worth of time
  const msPerPx = await page.evaluate(() => {
    const tl = document.querySelector('chrono-scope').timeline;
    return tl.xToTime(101) - tl.xToTime(100);
  });
  assert.ok(Math.abs((w1.start - w0.start) / msPerPx - 200) < 1, 'the drag follows the pointer');
  assert.equal(await page.evaluate(() => document.querySelector('chrono-scope').shadowRoot.querySelector('.card').hidden), true, 'a drag is not a click');

  await page.mouse.dblclick(box.x + 640, y);
  const w2 = await getWindow(page);
  assert.ok(Math.abs((w1.end - w1.start) / (w2.end - w2.start) - 2) < 1e-6, 'double-click zooms in 2×');

  // keyboard: the widget is focused by the clicks; + zooms in, 0 fits all
  await page.keyboard.press('+');
  const w3 = await getWindow(page);
  assert.ok(w3.end - w3.start < w2.end - w2.start, '+ zooms in');
  await page.keyboard.press('ArrowLeft');
  const w4 = await getWindow(page);
  assert.ok(w4.start < w3.start, '← shows earlier times');
  await page.keyboard.press('0');
  assert.deepEqual(await getWindow(page), w0, '0 fits all data again');
  await page.context().close();
});

test('clicking an event opens its card; Escape closes it', async () => {
  const { page, el, box } = await openDemo('/', { width: 1280, height: 800 });
  const r = await page.evaluate(() => document.querySelector('chrono-scope').timeline.eventRect('sip-founded'));
  assert.ok(r, 'the 1994 event is drawn');
  // hovering highlights it: the overlay canvas gets pixels
  await page.mouse.move(box.x + r.x + r.width / 2, box.y + r.y + r.height / 2);
  await page.waitForTimeout(100);
  const overlay = await page.evaluate(() => {
    const c = document.querySelector('chrono-scope').shadowRoot.querySelector('canvas.overlay');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
  assert.ok(overlay > 20, `hover ring drawn on the overlay (${overlay} px)`);
  await page.mouse.click(box.x + r.x + r.width / 2, box.y + r.y + r.height / 2);
  const sel = await events(page, 'select');
  assert.equal(sel.at(-1).detail.id, 'sip-founded');
  const card = await page.evaluate(() => {
    const c = document.querySelector('chrono-scope').shadowRoot.querySelector('.card');
    return { hidden: c.hidden, title: c.querySelector('.title')?.textContent, date: c.querySelector('.date')?.textContent };
  });
  assert.equal(card.hidden, false);
  assert.equal(card.title, '蘇州工業園區啟動');
  assert.equal(card.date, '1994年', 'a year-precision date is shown as the year');
  await el.screenshot({ path: new URL('demo-card.png', OUT).pathname });
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.querySelector('chrono-scope').shadowRoot.querySelector('.card').hidden), true);
  assert.equal(await page.evaluate(() => document.querySelector('chrono-scope').timeline.selected), 'sip-founded', 'Escape closes the card, the event stays selected');
  await page.keyboard.press('Escape');
  assert.equal((await events(page, 'select')).at(-1).detail.id, null, 'a second Escape clears the selection');
  await page.context().close();
});

test('bad data shows a clear message; good widgets on the same page still work', async () => {
  const page = await newPage(browser, { width: 1000, height: 900 });
  await recordEvents(page);
  await page.goto(url('/fixture.html'));
  await ready(page, '#zh');
  await ready(page, '#inline');
  await ready(page, '#partly');
  await page.waitForFunction(() => window.__events.some((e) => e.id === 'bad' && e.type === 'error'));
  await page.waitForFunction(() => window.__events.some((e) => e.id === 'missing' && e.type === 'error'));

  const bad = (await events(page, 'error', 'bad'))[0].detail;
  assert.equal(bad.isError, true, 'error details are Error objects');
  assert.equal(bad.code, 'json_syntax');
  assert.equal(bad.fatal, true);
  assert.equal(bad.line, 5, 'the trailing comma');
  const badText = await page.evaluate(() => document.querySelector('#bad').shadowRoot.querySelector('.message').textContent);
  assert.match(badText, /line 5/);
  assert.equal(await page.evaluate(() => document.querySelector('#bad').timeline), null, 'no handle without data');
  await page.locator('#bad').screenshot({ path: new URL('bad-data.png', OUT).pathname });

  const missing = (await events(page, 'error', 'missing'))[0].detail;
  assert.equal(missing.code, 'http_status');
  assert.match(await page.evaluate(() => document.querySelector('#missing').shadowRoot.querySelector('.message').textContent), /404/);

  // one bad event: ready, and non-fatal errors with their paths
  const partly = await events(page, 'error', 'partly');
  assert.deepEqual(partly.map((e) => [e.detail.code, e.detail.path, e.detail.fatal]), [
    ['bad_time', 'events[1].start', false],
    ['end_before_start', 'events[2].end', false],
  ]);
  assert.equal((await events(page, 'ready', 'partly')).length, 1);

  // the widgets are independent: zooming one leaves the others alone
  const zh0 = await getWindow(page, '#zh');
  const in0 = await getWindow(page, '#inline');
  await page.evaluate(() => document.querySelector('#inline').timeline.zoom(4));
  assert.deepEqual(await getWindow(page, '#zh'), zh0);
  assert.notDeepEqual(await getWindow(page, '#inline'), in0);
  // an element without a height reserves 400 px
  const h = await page.evaluate(() => document.querySelector('#unsized').getBoundingClientRect().height);
  assert.equal(Math.round(h), 400, 'reserves 400 px (border included: the host is border-box)');
  const page404 = page.consoleErrors.filter((e) => !/404|no-such-file|bad\.json|json_syntax|http_status|partly-bad|chronoscope:/.test(e));
  assert.deepEqual(page404, [], 'no unexpected console errors');
  assert.deepEqual(page.pageErrors.map(String), [], 'nothing thrown into the page');
  await page.context().close();
});

test('the wasm loads even when the server sends the wrong MIME type', async () => {
  const page = await newPage(browser, { width: 1000, height: 700 });
  await page.route('**/chronoscope_wasm_bg.wasm', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
  });
  await page.goto(url('/en.html'));
  await ready(page);
  assert.ok((await canvasColours(page)).colours > 30);
  assert.deepEqual(page.pageErrors.map(String), []);
  await page.context().close();
});

test('phone size and dark scheme: screenshots for review', async () => {
  for (const [name, opts, path] of [
    ['phone-zh-Hant-light', { width: 390, height: 844, deviceScaleFactor: 3, colorScheme: 'light' }, '/'],
    ['phone-en-dark', { width: 390, height: 844, deviceScaleFactor: 3, colorScheme: 'dark' }, '/en.html'],
    ['desktop-en-dark', { width: 1280, height: 900, deviceScaleFactor: 1, colorScheme: 'dark' }, '/en.html'],
  ]) {
    const page = await newPage(browser, opts);
    await page.goto(url(path));
    await ready(page);
    const el = page.locator('chrono-scope');
    await el.scrollIntoViewIfNeeded();
    const c = await canvasColours(page);
    assert.ok(c.colours > 20, `${name}: not blank`);
    await el.screenshot({ path: new URL(`${name}.png`, OUT).pathname });
    assert.deepEqual(page.pageErrors.map(String), [], name);
    await page.context().close();
  }
});

const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/**
 * Serves `path` with the strict CSP as a header too, with a report-uri, and
 * records violations twice: the `securitypolicyviolation` event (in the page
 * and its frames) and the reports the browser posts to /csp-report.
 */
async function strictPage(path, opts = {}) {
  const page = await newPage(browser, { width: 1000, height: 700, reducedMotion: 'reduce', ...opts });
  page.cspReports = [];
  await page.route('**/csp-report', async (route) => {
    page.cspReports.push(route.request().postData());
    await route.fulfill({ status: 204, body: '' });
  });
  await page.route((u) => /\.html$/.test(u.pathname), async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'content-security-policy': `${STRICT_CSP}; report-uri /csp-report` },
    });
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  await page.goto(url(path));
  return page;
}

/** A reader's session in the widget `frame`/`sel`: every place that makes DOM or output. */
async function exercise(page, frame, sel) {
  await ready(frame, sel);
  const el = await frame.$(sel);
  await el.scrollIntoViewIfNeeded();
  const box = await el.boundingBox();
  // Drag, wheel, hover (tooltip and crosshair) across the chart.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 3, box.y + box.height / 3, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.press('0');
  for (let i = 1; i < 20; i++) await page.mouse.move(box.x + (box.width * i) / 20, box.y + box.height * (0.2 + 0.6 * (i % 4) / 4));
  await page.mouse.wheel(0, -120);
  // Each event's card, then a click on the chart (a card or a cluster).
  await frame.evaluate(async (sel) => {
    const el = document.querySelector(sel);
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (const ev of el.timeline.getData().events) {
      el.timeline.select(ev.id);
      await frame();
    }
    el.timeline.select(null);
    el.timeline.fit();
    await frame();
  }, sel);
  for (let i = 1; i < 8; i++) await page.mouse.click(box.x + (box.width * i) / 8, box.y + box.height * 0.3);
  await page.keyboard.press('Escape');
  // Print list, exports, the download button, a new dataset.
  await frame.evaluate(async (sel) => {
    const el = document.querySelector(sel);
    window.dispatchEvent(new Event('beforeprint'));
    window.dispatchEvent(new Event('afterprint'));
    el.timeline.exportSVG();
    await el.timeline.exportPNG(1);
    await el.timeline.setData(el.timeline.getData());
  }, sel);
  await page.waitForTimeout(300);
}

test('works under a strict Content-Security-Policy without violations: load, interaction, card, tooltip, print list, exports, the iframe page', async () => {
  const page = await strictPage('/csp.html');
  await ready(page, '#csp');
  assert.ok((await canvasColours(page, '#csp')).colours > 30, 'drawn');
  await page.evaluate(() => document.querySelector('#csp').setAttribute('download', ''));
  await exercise(page, page.mainFrame(), '#csp');
  // The download button (its PNG is made the same way as exportPNG).
  const download = page.waitForEvent('download');
  await page.evaluate(() => document.querySelector('#csp').shadowRoot.querySelector('button.download').click());
  await download;
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.pageErrors.map(String), []);

  // The iframe page, served with the same policy (on top of the one it declares).
  const embed = await strictPage('/embed.html?src=data/sip.en.json&lang=en');
  await exercise(embed, embed.mainFrame(), 'chrono-scope');
  assert.deepEqual(await embed.evaluate(() => window.__violations), [], 'embed.html');
  assert.deepEqual(embed.pageErrors.map(String), []);

  // No report was posted; and the recording works: a deliberate violation
  // is both an event and a report.
  assert.deepEqual([...page.cspReports, ...embed.cspReports], [], 'no CSP report');
  await page.evaluate(() => document.body.setAttribute('style', 'color: red'));
  await page.waitForFunction(() => window.__violations.length > 0);
  assert.match((await page.evaluate(() => window.__violations))[0], /^style-src/);
  for (let i = 0; i < 50 && page.cspReports.length === 0; i++) await page.waitForTimeout(100);
  assert.equal(page.cspReports.length, 1, 'the report of a deliberate violation arrives');
  await page.context().close();
  await embed.context().close();
});

test('Tab reaches the widget, + zooms in, and Tab moves on out of it', async () => {
  const { page } = await openDemo('/en.html', { width: 1280, height: 800 });
  const focusedFrame = () =>
    page.evaluate(() => document.querySelector('chrono-scope').shadowRoot.activeElement?.className ?? null);
  let reached = false;
  for (let i = 0; i < 12 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = (await focusedFrame()) === 'frame';
  }
  assert.ok(reached, 'Tab focuses the timeline');
  const w0 = await getWindow(page);
  await page.keyboard.press('+');
  const w1 = await getWindow(page);
  assert.ok(w1.end - w1.start < w0.end - w0.start, '+ zooms in');
  await page.keyboard.press('Tab');
  assert.notEqual(await focusedFrame(), 'frame', 'no keyboard trap');
  await page.context().close();
});

test('moving and removing elements: handles of removed timelines fail cleanly', async () => {
  const page = await newPage(browser, { width: 1000, height: 900 });
  await recordEvents(page);
  await page.goto(url('/fixture.html'));
  await ready(page, '#inline');
  const result = await page.evaluate(async () => {
    const el = document.querySelector('#inline');
    const old = el.timeline;
    // a move (disconnect + connect in one task) keeps the widget
    document.body.append(el);
    await new Promise((r) => requestAnimationFrame(r));
    const keptAfterMove = el.timeline === old;
    // a real removal frees it; the old handle says so with a code
    el.remove();
    await new Promise((r) => setTimeout(r, 50));
    let code = null;
    try { old.getWindow(); } catch (e) { code = e.code; }
    // back in the page: a new widget loads the inline data again
    document.body.append(el);
    await new Promise((r) => {
      const check = () => (el.timeline ? r() : setTimeout(check, 20));
      check();
    });
    let stillWorks = true;
    try { old.zoom(2); } catch { stillWorks = el.timeline != null; }
    return { keptAfterMove, code, fresh: el.timeline !== old, stillWorks, window: el.timeline.getWindow() };
  });
  assert.equal(result.keptAfterMove, true, 'a move keeps the widget');
  assert.equal(result.code, 'destroyed');
  assert.equal(result.fresh, true);
  assert.equal(result.stillWorks, true, 'a stale handle never breaks the new widget');
  assert.ok(result.window.end > result.window.start);
  const internal = (await events(page, 'error', 'inline')).filter((e) => e.detail.code === 'internal');
  assert.deepEqual(internal, []);
  assert.deepEqual(page.pageErrors.map(String), []);
  await page.context().close();
});
