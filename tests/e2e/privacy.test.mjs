// Privacy (issue 7, docs/SECURITY.md): the widget requests its own files,
// the dataset and the media the dataset names — nothing else, no other
// host — and keeps nothing: no cookies, no localStorage, sessionStorage,
// IndexedDB, Cache Storage or service worker. Every request of each page
// (and of its frames) is listed with page.on('request') while the page
// loads and a reader uses it: each event's card (with its picture), hover,
// zoom, the print list and both exports.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoErrors, launch, newPage, url } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A dataset whose pictures are elsewhere: the one other host a page may reach. */
const ELSEWHERE = 'https://images.example.org/kiln.png';
const MEDIA_JSON = JSON.stringify({
  title: 'Pictures elsewhere',
  events: [
    { id: 'a', start: '1961', title: 'Fired', media: { url: ELSEWHERE, alt: 'The kiln' } },
    { id: 'b', start: '1962', title: 'Glazed', link: 'https://example.org/glaze', source: { name: 'A book', url: 'https://example.org/book' } },
  ],
});

/**
 * Each page: where it is, what it may request besides the widget's files
 * (paths on the page's origin), and the other hosts' addresses it may
 * request (media its dataset names).
 */
const PAGES = [
  { path: '/', own: ['/', '/demo.css', '/favicon.svg', '/data/sip.zh-Hant.json'] },
  { path: '/en.html', own: ['/en.html', '/demo.css', '/favicon.svg', '/data/sip.en.json'] },
  { path: '/examples/plain.html', own: ['/examples/plain.html', '/demo.css', '/examples/examples.css', '/favicon.svg', '/data/sip.en.json'] },
  {
    path: '/examples/iframe.html',
    own: ['/examples/iframe.html', '/demo.css', '/examples/examples.css', '/examples/iframe.js', '/favicon.svg',
      '/embed.html', '/embed.js', '/embed.css', '/data/sip.en.json'],
    frame: true,
  },
  {
    path: '/embed.html?src=relative/timeline.json&lang=en',
    own: ['/embed.html', '/embed.js', '/embed.css', '/favicon.svg', '/relative/timeline.json', '/relative/pictures/kiln.svg'],
    // Its picture, named relative to the dataset, resolved against it.
    seen: ['/relative/pictures/kiln.svg'],
  },
  {
    path: '/embed.html?src=/elsewhere/media.json&lang=en',
    own: ['/embed.html', '/embed.js', '/embed.css', '/favicon.svg', '/elsewhere/media.json'],
    elsewhere: [ELSEWHERE],
  },
];

/** A 1×1 PNG. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

const WIDGET_FILES = ['/chronoscope.js', '/chronoscope_wasm.js', '/chronoscope_wasm_bg.wasm'];

/** Reads every kind of storage a page could use; all must be empty. */
const storage = () => (async () => ({
  cookie: document.cookie,
  local: localStorage.length,
  session: sessionStorage.length,
  indexedDB: (await indexedDB.databases()).map((d) => d.name),
  caches: await caches.keys(),
  serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
}))();

/** Uses the widget in `frame` as a reader would. */
async function use(page, frame) {
  await frame.waitForFunction(() => document.querySelector('chrono-scope')?.timeline != null, null, { timeout: 20_000 });
  const box = await (await frame.$('chrono-scope')).boundingBox();
  // Each event's card (and its picture, if any).
  const ids = await frame.evaluate(() => document.querySelector('chrono-scope').timeline.getData().events.map((e) => e.id));
  for (const id of ids) {
    await frame.evaluate(async (id) => {
      document.querySelector('chrono-scope').timeline.select(id);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }, id);
  }
  // Let the card's lazy picture load.
  await page.waitForTimeout(300);
  await frame.evaluate(() => document.querySelector('chrono-scope').timeline.select(null));
  // Hover across the chart, wheel-zoom, print, export.
  for (let i = 1; i < 10; i++) await page.mouse.move(box.x + (box.width * i) / 10, box.y + box.height / 3);
  await page.mouse.wheel(0, -200);
  await frame.evaluate(async () => {
    const el = document.querySelector('chrono-scope');
    window.dispatchEvent(new Event('beforeprint'));
    window.dispatchEvent(new Event('afterprint'));
    el.timeline.exportSVG();
    await el.timeline.exportPNG(1);
  });
}

for (const spec of PAGES) {
  test(`privacy: ${spec.path} requests only its own files, its data and its media, and stores nothing`, async () => {
    const page = await newPage(browser, { width: 1100, height: 800, reducedMotion: 'reduce' });
    const origin = new URL(url('/')).origin;
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const setCookies = [];
    page.on('response', async (r) => {
      const h = await r.allHeaders();
      if (h['set-cookie']) setCookies.push(`${r.url()}: ${h['set-cookie']}`);
    });
    await page.route('**/elsewhere/media.json', (route) => route.fulfill({ contentType: 'application/json', body: MEDIA_JSON }));
    // This machine reaches no other host: answer those requests here (a
    // picture's bytes do not matter), so that each is seen and counted.
    await page.route((u) => u.origin !== origin, (route) => route.fulfill({ contentType: 'image/png', body: PIXEL }));
    await page.goto(url(spec.path));
    let frame = page.mainFrame();
    if (spec.frame) {
      frame = await (await page.waitForSelector('iframe')).contentFrame();
    }
    await use(page, frame);

    const allowed = new Set([...spec.own, ...WIDGET_FILES]);
    const unexpected = requests.filter((r) => {
      const u = new URL(r);
      if (u.origin === origin) return !allowed.has(u.pathname);
      return !(spec.elsewhere ?? []).includes(r);
    });
    assert.deepEqual(unexpected, [], `${spec.path}: requests ${JSON.stringify(requests)}`);
    for (const p of spec.seen ?? []) assert.ok(requests.includes(origin + p), `${spec.path}: the dataset's picture ${p} is requested`);
    for (const e of spec.elsewhere ?? []) assert.ok(requests.includes(e), `${spec.path}: the dataset's picture ${e} is requested (the test sees other hosts)`);

    assert.deepEqual(setCookies, [], 'no Set-Cookie');
    assert.deepEqual(await page.context().cookies(), [], 'no cookies in the browser');
    const empty = { cookie: '', local: 0, session: 0, indexedDB: [], caches: [], serviceWorkers: 0 };
    assert.deepEqual(await page.evaluate(storage), empty, 'no storage used by the page');
    if (spec.frame) assert.deepEqual(await frame.evaluate(storage), empty, 'no storage used by the frame');
    assertNoErrors(page, { allowConsoleErrors: false });
    await page.context().close();
  });
}
