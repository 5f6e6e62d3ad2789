// End-to-end: long-lived pages (issue 7) — resize storms, a hidden and
// frozen tab, an element moved around the DOM or removed mid-load, data
// replaced before the first load finished. No errors, nothing left behind
// (DOM nodes and listeners counted through the DevTools protocol, as the
// lifecycle test in api.test.mjs does), and the latest data wins.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoErrors, launch, newPage, url } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function apiPage(opts) {
  const page = await newPage(browser, { reducedMotion: 'reduce', ...opts });
  await page.goto(url('/api.html'));
  await page.waitForFunction(() => window.apiReady === true);
  const cdp = await page.context().newCDPSession(page);
  page.counters = async () => {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    await cdp.send('HeapProfiler.collectGarbage');
    const c = await cdp.send('Memory.getDOMCounters');
    return { nodes: c.nodes, listeners: c.jsEventListeners };
  };
  page.cdp = cdp;
  return page;
}

const dataset = (title, n = 20) => ({
  title,
  events: Array.from({ length: n }, (_, i) => ({ id: `e${i}`, start: String(1950 + i * 3), title: `${title} ${i}` })),
});

const create = (page, data, sel = 'box') => page.evaluate(([data, sel]) => window.Chronoscope.create(document.getElementById(sel), { data }).then((tl) => { window.tl = tl; return tl.getData().title; }), [data, sel]);

const assertFlat = (a, b, what) => {
  assert.ok(b.nodes - a.nodes < 40, `${what}: DOM nodes stay flat (${a.nodes} → ${b.nodes})`);
  assert.ok(b.listeners - a.listeners < 5, `${what}: listeners stay flat (${a.listeners} → ${b.listeners})`);
};

test('a resize storm: hundreds of size changes in a burst, then the right size, no errors, nothing left behind', async () => {
  const page = await apiPage();
  await create(page, dataset('Storm', 200));
  const a = await page.counters();
  const r = await page.evaluate(async () => {
    const box = document.getElementById('box');
    let events = 0;
    window.tl.on('windowchange', () => { events += 1; });
    for (let i = 0; i < 400; i++) {
      box.style.width = `${200 + ((i * 37) % 900)}px`;
      box.style.height = `${160 + ((i * 53) % 500)}px`;
      if (i % 25 === 0) await new Promise((r) => requestAnimationFrame(r));
      else if (i % 5 === 0) await new Promise((r) => setTimeout(r, 0));
    }
    box.style.width = '640px';
    box.style.height = '300px';
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))));
    const el = window.tl.element;
    const c = el.shadowRoot.querySelector('canvas.base');
    const w = window.tl.getWindow();
    return { box: [el.clientWidth, el.clientHeight], canvas: [c.width / devicePixelRatio, c.height / devicePixelRatio], ok: Number.isFinite(w.start) && w.end > w.start, events };
  });
  assert.deepEqual(r.canvas, r.box, 'the canvas follows the last size');
  assert.equal(r.ok, true);
  const b = await page.counters();
  assertFlat(a, b, 'after 400 resizes');
  assertNoErrors(page);
  await page.context().close();
});

test('a hidden, frozen tab: an animation in flight ends where it should once the tab is back', async () => {
  const page = await apiPage({ reducedMotion: 'no-preference' });
  await create(page, dataset('Hidden', 50));
  const w0 = await page.evaluate(() => window.tl.getWindow());
  await page.evaluate(() => window.tl.zoom(4, undefined, { animate: true }));
  // Hidden (visibilitychange with document.hidden), then frozen by the
  // browser's lifecycle, as a background tab is.
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.cdp.send('Page.enable');
  await page.cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  await new Promise((r) => setTimeout(r, 1500));
  await page.cdp.send('Page.setWebLifecycleState', { state: 'active' });
  await page.evaluate(() => {
    delete document.hidden;
    delete document.visibilityState;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.evaluate(() => new Promise((r) => setTimeout(r, 800)));
  const w1 = await page.evaluate(() => window.tl.getWindow());
  const ratio = (w0.end - w0.start) / (w1.end - w1.start);
  assert.ok(Math.abs(ratio - 4) < 1e-6, `the zoom finished (×${ratio})`);
  // Still answers input.
  await page.evaluate(() => window.tl.zoom(0.5));
  const w2 = await page.evaluate(() => window.tl.getWindow());
  assert.ok(Math.abs((w2.end - w2.start) / (w1.end - w1.start) - 2) < 1e-6);
  assertNoErrors(page);
  await page.context().close();
});

test('an element moved around the DOM 200 times keeps its data, view and handle; nothing left behind', async () => {
  const page = await apiPage();
  await create(page, dataset('Moved', 40));
  await page.evaluate(() => {
    window.tl.setWindow('1960', '1990');
    window.tl.select('e5');
    window.readies = 0;
    window.tl.element.addEventListener('ready', () => { window.readies += 1; });
  });
  const a = await page.counters();
  const r = await page.evaluate(async () => {
    const el = window.tl.element;
    const tl = window.tl;
    const homes = [document.getElementById('box'), document.getElementById('box2')];
    for (let i = 0; i < 200; i++) {
      homes[i % 2].append(el);
      if (i % 20 === 0) await new Promise((r) => requestAnimationFrame(r));
    }
    await new Promise((r) => setTimeout(r, 100));
    return { same: el.timeline === tl, selected: tl.selected, w: tl.getWindow(), readies: window.readies, title: tl.getData().title };
  });
  assert.deepEqual(r, { same: true, selected: 'e5', w: { start: Date.UTC(1960, 0, 1), end: Date.UTC(1990, 0, 1) }, readies: 0, title: 'Moved' });
  const b = await page.counters();
  assertFlat(a, b, 'after 200 moves');
  assertNoErrors(page);
  await page.context().close();
});

test('removed mid-load: the download is stopped, nothing arrives late, nothing left behind', async () => {
  const page = await apiPage();
  // One widget first, so the WebAssembly is loaded and counted in the baseline.
  await create(page, dataset('Other'), 'box2');
  const a = await page.counters();
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route('**/slow/sip.json*', async (route) => {
    await gate;
    await route.fulfill({ path: new URL('../../www/data/sip.en.json', import.meta.url).pathname }).catch(() => {});
  });
  await page.evaluate(() => {
    window.late = [];
    for (let i = 0; i < 20; i++) {
      const el = document.createElement('chrono-scope');
      el.setAttribute('src', `/slow/sip.json?${i}`);
      for (const k of ['ready', 'error']) el.addEventListener(k, (e) => window.late.push(`${k} ${e.detail?.code ?? ''}`));
      document.getElementById('box').append(el);
    }
  });
  await page.waitForTimeout(300);
  await page.evaluate(() => { for (const el of document.querySelectorAll('#box chrono-scope')) el.remove(); });
  release();
  await page.waitForTimeout(500);
  assert.deepEqual(await page.evaluate(() => window.late), [], 'no ready or error after removal');
  assert.equal(failed.filter((u) => u.includes('/slow/sip.json')).length, 20, 'every download was aborted');
  const b = await page.counters();
  assertFlat(a, b, 'after 20 removals mid-load');
  assertNoErrors(page);
  await page.context().close();
});

test('setData again before the first load finished: the latest wins', async () => {
  const page = await apiPage();
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route('**/slow/first.json', async (route) => {
    await gate;
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(dataset('From src')) }).catch(() => {});
  });
  const r = await page.evaluate(async ([a, b, c]) => {
    // Before the WebAssembly has even loaded: a src, then two data.
    const el = document.createElement('chrono-scope');
    el.setAttribute('src', '/slow/first.json');
    const titles = [];
    el.addEventListener('ready', (e) => titles.push(e.detail.title));
    document.getElementById('box').append(el);
    const p1 = window.Chronoscope.create(el, { data: a });
    const p2 = window.Chronoscope.create(el, { data: b });
    const settled = await Promise.allSettled([p1, p2]);
    const afterCreate = el.timeline.getData().title;
    // Loaded: two setData calls in a row and one load() left hanging.
    const tl = el.timeline;
    const hanging = tl.load('/slow/first.json').then(() => 'ready', (e) => e.code);
    const s1 = tl.setData(a);
    const s2 = tl.setData(c);
    await Promise.all([s1, s2]);
    return { settled: settled.map((s) => s.status), afterCreate, final: tl.getData().title, titles, hanging: await Promise.race([hanging, new Promise((r) => setTimeout(() => r('pending'), 50))]) };
  }, [dataset('A'), dataset('B'), dataset('C')]);
  release();
  await page.waitForTimeout(500);
  const final = await page.evaluate(() => ({ title: document.querySelector('#box chrono-scope').timeline.getData().title }));
  assert.equal(r.afterCreate, 'B', 'the second data given before the code loaded wins');
  assert.deepEqual(r.settled, ['fulfilled', 'fulfilled']);
  assert.equal(r.final, 'C');
  assert.equal(final.title, 'C', 'the src that arrived late did not replace newer data');
  assert.ok(!r.titles.includes('From src'), `readies: ${r.titles.join(', ')}`);
  assertNoErrors(page);
  await page.context().close();
});

test('load() twice: a slow first src that arrives after a fast second one loses', async () => {
  const page = await apiPage();
  await create(page, dataset('Start'));
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route('**/slow/one.json', async (route) => {
    await gate;
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(dataset('Slow')) }).catch(() => {});
  });
  await page.route('**/fast/two.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(dataset('Fast')) }));
  const r = await page.evaluate(async () => {
    const p1 = window.tl.load('/slow/one.json');
    const p2 = window.tl.load('/fast/two.json');
    await p2;
    return window.tl.getData().title;
  });
  assert.equal(r, 'Fast');
  release();
  await page.waitForTimeout(400);
  assert.equal(await page.evaluate(() => window.tl.getData().title), 'Fast');
  assertNoErrors(page);
  await page.context().close();
});

test('1,000 reloads and failed reloads in a row leave nothing behind', async () => {
  const page = await apiPage();
  await create(page, dataset('Reloads', 100));
  await page.route('**/gone.json', (r) => r.fulfill({ status: 404, body: '' }));
  const run = (n) => page.evaluate(async (n) => {
    const tl = window.tl;
    for (let i = 0; i < n; i++) {
      if (i % 3 === 2) await tl.load('/gone.json').catch(() => {});
      else await tl.setData({ title: `R${i}`, events: [{ id: 'a', start: String(1900 + (i % 100)), title: 'x' }] });
    }
    tl.select('a');
  }, n);
  await run(100);
  const a = await page.counters();
  const wasmA = await page.evaluate(() => window.Chronoscope.wasmMemoryBytes);
  await run(900);
  const b = await page.counters();
  const wasmB = await page.evaluate(() => window.Chronoscope.wasmMemoryBytes);
  assertFlat(a, b, 'after 900 more reloads');
  assert.ok(wasmB - wasmA <= 2 * 65536 * 16, `wasm memory ${wasmA} → ${wasmB}`);
  assertNoErrors(page, { allowConsoleErrors: true });
  await page.context().close();
});
