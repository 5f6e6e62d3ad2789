// End-to-end: publishing a timeline beyond the script tag (issue 6) — the
// iframe page embed.html (cross-origin, under a strict CSP, parameters
// checked, its height posted to the parent), exports of the current view,
// printing (the chart whole, the window's events as text) and a fallback
// image shown until the widget paints and kept when its code cannot load.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoErrors, baseUrl, launch, newPage, url } from './browser.mjs';
import { $, openWidget, shadow } from './widget.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/** The site on another origin (localhost instead of 127.0.0.1), so the frame is cross-origin. */
function otherOrigin(path) {
  const u = new URL(url(path));
  if (u.hostname === '127.0.0.1') u.hostname = 'localhost';
  return u.href;
}

/**
 * Opens the parent fixture, serves embed.html with the strict CSP as a
 * header (on top of the one it declares), records CSP violations in every
 * frame, and adds an iframe of embed.html with `query`.
 */
async function parentWithFrame(query, { width = 1000, frameHeight = 300, ...opts } = {}) {
  const page = await newPage(browser, { width, height: 900, reducedMotion: 'reduce', ...opts });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.route('**/embed.html*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'content-security-policy': STRICT_CSP },
    });
  });
  await page.goto(url('/embed-parent.html'));
  const src = otherOrigin(`/embed.html${query}`);
  await page.evaluate(([src, h]) => {
    const f = document.createElement('iframe');
    f.className = 'chronoscope';
    f.title = 'Timeline';
    f.src = src;
    f.width = '100%';
    f.height = String(h);
    f.style.border = '0';
    document.body.append(f);
  }, [src, frameHeight]);
  const handle = await page.waitForSelector('iframe.chronoscope');
  const frame = await handle.contentFrame();
  await frame.waitForLoadState('load');
  return { page, frame, handle, src };
}

/** Distinct colours in a sample of the widget's chart canvas in `target` (a page or frame). */
const canvasColours = (target) => target.evaluate(() => {
  const c = document.querySelector('chrono-scope').shadowRoot.querySelector('canvas.base');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  const seen = new Set();
  for (let i = 0; i < d.length; i += 4 * 97) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]},${d[i + 3]}`);
  return seen.size;
});

test('embed.html in a cross-origin frame under a strict CSP: fills it, applies its parameters, posts its height', async () => {
  const query = '?src=data/sip.en.json&lang=en&theme=dark&start=2000&end=2010&id=sip-story';
  const { page, frame, handle, src } = await parentWithFrame(query);
  assert.notEqual(new URL(src).origin, new URL(page.url()).origin, 'the frame is cross-origin');
  await frame.waitForFunction(() => document.querySelector('chrono-scope')?.timeline != null, null, { timeout: 20_000 });
  // The parent follows the height message (and checked event.source).
  await page.waitForFunction(() => window.__messages.some((m) => m.data?.type === 'chronoscope:height'), null, { timeout: 10_000 });
  const messages = await page.evaluate(() => window.__messages);
  const heights = messages.filter((m) => m.data?.type === 'chronoscope:height');
  assert.ok(heights.length >= 1);
  for (const m of heights) {
    assert.deepEqual(Object.keys(m.data).sort(), ['height', 'id', 'type'], 'a small message: type, height, id');
    assert.equal(m.data.id, 'sip-story');
    assert.equal(m.fromFrame, 0, 'from the frame');
  }
  const wanted = heights.at(-1).data.height;
  // sip.en.json has indicator series, so it asks for more than the 420 px base.
  assert.ok(wanted > 420 && wanted <= 900, `preferred height ${wanted}`);
  await page.waitForFunction((h) => document.querySelector('iframe.chronoscope').getBoundingClientRect().height === h, wanted);
  await frame.waitForTimeout(300);

  // Parameters became attributes; start/end set the window.
  const state = await frame.evaluate(() => {
    const el = document.querySelector('chrono-scope');
    const r = el.getBoundingClientRect();
    const de = document.documentElement;
    return {
      lang: el.getAttribute('lang'), theme: el.getAttribute('theme'), id: el.id,
      src: el.getAttribute('src'), htmlLang: de.lang, title: document.title,
      window: el.timeline.getWindow(),
      box: { x: r.x, y: r.y, w: r.width, h: r.height },
      viewport: { w: de.clientWidth, h: de.clientHeight },
      scroll: { w: de.scrollWidth, h: de.scrollHeight },
      bodyMargin: getComputedStyle(document.body).margin,
      cardLang: el.shadowRoot.querySelector('.frame').getAttribute('lang'),
      bg: getComputedStyle(el).getPropertyValue('--cs-bg').trim(),
    };
  });
  assert.equal(state.lang, 'en');
  assert.equal(state.theme, 'dark');
  assert.equal(state.id, 'sip-story');
  assert.equal(state.src, new URL('/data/sip.en.json', src).href, 'src resolved against embed.html');
  assert.equal(state.htmlLang, 'en');
  assert.equal(state.cardLang, 'en');
  assert.ok(state.title.length > 0 && state.title !== 'Timeline', `the frame's title is the dataset's: ${state.title}`);
  assert.deepEqual(state.window, { start: Date.UTC(2000, 0, 1), end: Date.UTC(2010, 0, 1) });
  // Fills the frame: no margin, no scrollbars.
  assert.equal(state.bodyMargin, '0px');
  assert.deepEqual(state.box, { x: 0, y: 0, w: state.viewport.w, h: state.viewport.h });
  assert.equal(state.viewport.h, wanted);
  assert.ok(state.scroll.w <= state.viewport.w && state.scroll.h <= state.viewport.h, 'nothing to scroll');
  // The dark theme is drawn, and the chart is not blank.
  assert.ok(await canvasColours(frame) > 5, 'the chart is drawn');
  const px = await frame.evaluate(() => {
    const c = document.querySelector('chrono-scope').shadowRoot.querySelector('canvas.base');
    return [...c.getContext('2d').getImageData(4, 4, 1, 1).data];
  });
  assert.ok(px[0] + px[1] + px[2] < 3 * 80, `a dark background (${px})`);
  // No CSP violation in either document, no errors.
  assert.deepEqual(await frame.evaluate(() => window.__csp), []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assertNoErrors(page);

  // A narrower frame asks for more height (cards open as a sheet there).
  await page.evaluate(() => { document.querySelector('iframe.chronoscope').style.width = '400px'; });
  await page.waitForFunction((h) => {
    const m = window.__messages.filter((x) => x.data?.type === 'chronoscope:height').at(-1);
    return m.data.height === h + 80;
  }, wanted, { timeout: 5_000 });
  assert.ok(await handle.boundingBox().then((b) => b.height === wanted + 80), 'and the parent follows');
  await page.context().close();
});

test('embed.html sets only valid parameters and explains a missing or refused src', async () => {
  // No src: a notice for the editor, and its height for the parent.
  {
    const { page, frame } = await parentWithFrame('?lang=en');
    const notice = await frame.waitForSelector('.notice');
    const text = await notice.textContent();
    assert.match(text, /no data yet/);
    assert.match(text, /src=/);
    assert.equal(await frame.evaluate(() => document.querySelector('chrono-scope')), null, 'no widget');
    await page.waitForFunction(() => window.__messages.some((m) => m.data?.type === 'chronoscope:height'));
    const m = await page.evaluate(() => window.__messages.find((x) => x.data?.type === 'chronoscope:height').data);
    const box = await notice.boundingBox();
    assert.ok(m.height >= box.height && m.height < box.height + 100, `height ${m.height} fits the notice (${box.height})`);
    assert.equal(m.id, null);
    assertNoErrors(page);
    await page.context().close();
  }
  // Script and data URLs are refused, and said so (as text).
  for (const bad of ['javascript:alert(document.domain)', ' JavaScript:alert(1)', 'data:application/json,{"events":[]}', 'blob:null/x']) {
    const { page, frame } = await parentWithFrame(`?src=${encodeURIComponent(bad)}`);
    const notice = await frame.waitForSelector('.notice');
    assert.match(await notice.textContent(), /not accepted/);
    assert.equal(await frame.evaluate(() => document.querySelector('chrono-scope')), null, `${bad}: no widget`);
    assert.equal(await frame.evaluate(() => document.querySelector('.notice code').textContent), bad.trim().slice(0, 200), 'the value shown as text');
    assertNoErrors(page);
    await page.context().close();
  }
  // Other bad values are ignored (the widget keeps its defaults); no markup gets in.
  const evil = '"><img src=x onerror=alert(1)>';
  const query = `?src=${encodeURIComponent('/data/sip.en.json')}&theme=evil&lang=${encodeURIComponent(evil)}` +
    `&id=${encodeURIComponent(evil)}&start=${encodeURIComponent(evil)}&end=2010&height=99999&deep-link=&onload=alert(1)`;
  const { page, frame } = await parentWithFrame(query);
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await frame.waitForFunction(() => document.querySelector('chrono-scope')?.timeline != null, null, { timeout: 20_000 });
  const attrs = await frame.evaluate(() => {
    const el = document.querySelector('chrono-scope');
    return Object.fromEntries([...el.attributes].map((a) => [a.name, a.value]));
  });
  assert.deepEqual(Object.keys(attrs).sort(), ['end', 'src'], `only known, valid attributes: ${JSON.stringify(attrs)}`);
  assert.equal(attrs.end, '2010');
  assert.equal(await frame.evaluate(() => document.querySelectorAll('img').length), 0);
  assert.equal(await frame.evaluate(() => document.documentElement.lang), 'en', 'the page keeps its language');
  await page.waitForFunction(() => window.__messages.some((m) => m.data?.type === 'chronoscope:height'));
  const m = await page.evaluate(() => window.__messages.find((x) => x.data?.type === 'chronoscope:height').data);
  assert.equal(m.id, null, 'a refused id is not echoed');
  assert.ok(m.height < 4000, 'a refused height is not used');
  assertNoErrors(page);
  await page.context().close();
});

test('exports are of the current view: PNG at 2× the CSS box whatever the screen, SVG with its labels', async () => {
  const { page } = await openWidget(browser, '/en.html', { deviceScaleFactor: 3 });
  await page.evaluate(`${$()}.timeline.setWindow('1993', '1997')`);
  await page.waitForTimeout(100);
  const r = await page.evaluate(async () => {
    const tl = document.querySelector('chrono-scope').timeline;
    const frame = tl.element.shadowRoot.querySelector('.frame');
    const blob = await tl.exportPNG();
    const bmp = await createImageBitmap(blob);
    const three = await createImageBitmap(await tl.exportPNG(3));
    const svg = tl.exportSVG();
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent.trim());
    const { events } = tl.getData();
    const inView = (e) => Date.parse(`${e.start.length === 4 ? `${e.start}-01-01` : e.start}`) >= Date.UTC(1993, 0, 1)
      && Date.parse(`${e.start.length === 4 ? `${e.start}-01-01` : e.start}`) < Date.UTC(1997, 0, 1);
    const shown = events.filter((e) => tl.eventRect(e.id) && inView(e)).map((e) => e.title);
    const later = events.filter((e) => e.start >= '2015').map((e) => e.title);
    return {
      type: blob.type, w: bmp.width, h: bmp.height, w3: three.width, cssW: frame.clientWidth, cssH: frame.clientHeight,
      svgW: doc.documentElement.getAttribute('width'), texts, shown, later,
    };
  });
  assert.equal(r.type, 'image/png');
  assert.equal(r.w, r.cssW * 2, 'PNG: 2× by default, not the screen\'s 3×');
  assert.equal(r.h, r.cssH * 2);
  assert.equal(r.w3, r.cssW * 3, 'a scale may be given');
  assert.equal(Number(r.svgW), r.cssW, 'SVG in CSS px');
  assert.ok(r.texts.includes('Jan 1995') && !r.texts.some((t) => t.includes('2010')), `the axis of the view: ${r.texts.slice(0, 12)}`);
  assert.ok(r.shown.length > 0, 'events in the view');
  const labelled = r.shown.filter((t) => r.texts.some((x) => x === t || (x.endsWith('…') && t.startsWith(x.slice(0, -1)))));
  assert.ok(labelled.length > 0, `labels of the view are text: ${r.shown}`);
  assert.deepEqual(r.later.filter((t) => r.texts.includes(t)), [], 'events outside the view are not in it');
  assertNoErrors(page);
  await page.context().close();
});

test('the download button (with the download attribute) saves the view as a 2× PNG named after the dataset', async () => {
  const { page } = await openWidget(browser, '/en.html');
  const b = page.locator('chrono-scope .toolbar .download');
  assert.equal(await b.isVisible(), false, 'no button without the attribute');
  await page.evaluate(`${$()}.setAttribute('download', '')`);
  assert.equal(await b.getAttribute('aria-label'), 'Download image');
  assert.ok(await b.isVisible());
  const [download] = await Promise.all([page.waitForEvent('download'), b.click()]);
  const title = await page.evaluate(`${$()}.timeline.getData().title`);
  assert.equal(download.suggestedFilename(), `${title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/-+$/, '')}.png`);
  const bytes = await (await import('node:fs/promises')).readFile(await download.path());
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
  const css = await page.evaluate(() => document.querySelector('chrono-scope').shadowRoot.querySelector('.frame').clientWidth);
  assert.equal(bytes.readUInt32BE(16), css * 2, 'IHDR width: 2× the CSS box');
  // In the widget's language.
  await page.evaluate(`${$()}.setAttribute('lang', 'ja')`);
  assert.equal(await b.getAttribute('aria-label'), '画像をダウンロード');
  assertNoErrors(page);
  await page.context().close();
});

test('a card picture that cannot load is hidden, its caption kept', async () => {
  const page = await newPage(browser, { width: 1000, height: 800, reducedMotion: 'reduce' });
  await page.goto(url('/api.html'));
  await page.waitForFunction(() => window.apiReady === true);
  const r = await page.evaluate(async () => {
    const data = { events: [{ id: 'a', start: '2001', title: 'A', media: { url: 'missing/picture.jpg', alt: 'x', caption: 'The caption' } }] };
    const tl = await window.Chronoscope.create(document.getElementById('box'), { data });
    tl.select('a');
    const img = () => tl.element.shadowRoot.querySelector('.card figure.media img');
    for (let i = 0; i < 100 && !img()?.hidden; i++) await new Promise((r) => setTimeout(r, 50));
    return { hidden: img()?.hidden, caption: tl.element.shadowRoot.querySelector('.card figcaption')?.textContent };
  });
  assert.deepEqual(r, { hidden: true, caption: 'The caption' });
  await page.context().close();
});

test('print: the chart prints whole, no card covers it, and the window\'s events are listed as text', async () => {
  const { page } = await openWidget(browser, '/en.html', { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await page.evaluate(`${$()}.timeline.setWindow('2014', '2021')`);
  // A card open as a bottom sheet on a phone.
  const some = await page.evaluate(() => {
    const tl = document.querySelector('chrono-scope').timeline;
    const e = tl.getData().events.find((x) => x.start === '2019');
    tl.select(e.id);
    return e.id;
  });
  await page.waitForTimeout(200);
  assert.equal((await shadow(page, '.card')).hidden, false);
  const cardDate = (await shadow(page, '.card .date')).text;
  const expected = await page.evaluate(() => {
    const tl = document.querySelector('chrono-scope').timeline;
    const w = tl.getWindow();
    // Dataset times as ms: years, months and days in UTC.
    const ms = (s) => { const [y, m = 1, d = 1] = s.split('-').map(Number); return Date.UTC(y, m - 1, d); };
    return tl.getData().events
      .filter((e) => ms(e.start) <= w.end && ms(e.end ?? e.start) >= w.start)
      .map((e) => ({ id: e.id, title: e.title }));
  });
  assert.ok(expected.length >= 3, 'several events in the window');

  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const printed = await page.evaluate(() => {
    const el = document.querySelector('chrono-scope');
    const root = el.shadowRoot;
    const vis = (q) => { const e = root.querySelector(q); return e ? getComputedStyle(e).display !== 'none' : null; };
    const canvas = root.querySelector('canvas.base').getBoundingClientRect();
    const host = el.getBoundingClientRect();
    return {
      items: [...root.querySelectorAll('.print-list li')].map((li) => ({
        date: li.querySelector('.date')?.textContent, title: li.querySelector('.title')?.textContent, html: li.innerHTML,
      })),
      list: vis('.print-list'), card: vis('.card'), toolbar: vis('.toolbar'), overlay: vis('canvas.overlay'),
      canvas: { w: canvas.width, h: canvas.height, top: canvas.top - host.top },
      ratio: root.querySelector('canvas.base').width / root.querySelector('canvas.base').height,
      host: { w: host.width, h: host.height },
    };
  });
  assert.equal(printed.list, true, 'the list prints');
  assert.equal(printed.card, false, 'the card does not print over the chart');
  assert.equal(printed.toolbar, false);
  assert.equal(printed.overlay, false);
  assert.ok(Math.abs(printed.canvas.w / printed.canvas.h - printed.ratio) < 0.02, 'the chart keeps its proportions');
  assert.equal(printed.canvas.top, 0);
  assert.ok(printed.host.h > printed.canvas.h, 'the element grows to hold the chart and the list');
  assert.deepEqual(printed.items.map((i) => i.title), expected.map((e) => e.title), 'the window\'s events in time order');
  const mine = printed.items.find((i, k) => expected[k].id === some);
  assert.equal(mine.date, cardDate, 'dates as the card writes them');
  assert.ok(printed.items.every((i) => i.date && !/[<>]/.test(i.html.replace(/<\/?span( class="(date|title)")?>/g, ''))), 'text only');

  // A real print of the page (headless Chromium's PDF, print media) goes through.
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10_000, 'a PDF was made');

  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.evaluate(() => document.querySelector('chrono-scope').shadowRoot.querySelectorAll('.print-list li').length), 0, 'emptied after printing');
  assert.equal((await shadow(page, '.card')).hidden, false, 'the card is back on screen');
  assertNoErrors(page);
  await page.context().close();
});

/** Whether the fallback image is on screen (inside the element, with a box). */
const fallbackShown = (page) => page.evaluate(() => {
  const img = document.querySelector('#with-fallback img');
  const r = img.getBoundingClientRect();
  return img.checkVisibility() && r.width > 0 && r.height > 0;
});

test('a fallback image shows until the first frame is painted, and stays when the code cannot load', async () => {
  // Delayed WebAssembly: the image shows meanwhile, then gives way to the chart.
  {
    const page = await newPage(browser, { width: 1000, height: 800 });
    let release;
    const gate = new Promise((r) => { release = r; });
    await page.route('**/chronoscope_wasm_bg.wasm', async (route) => { await gate; await route.continue(); });
    await page.goto(url('/fallback.html'));
    await page.waitForFunction(() => document.querySelector('#with-fallback img').complete);
    assert.equal(await fallbackShown(page), true, 'visible while the code loads');
    const box = await page.evaluate(() => {
      const r = document.querySelector('#with-fallback img').getBoundingClientRect();
      const h = document.querySelector('#with-fallback').getBoundingClientRect();
      return { w: r.width, h: r.height, hw: h.width, hh: h.height };
    });
    assert.ok(box.w > 0.9 * box.hw - 2 && box.h > 0.9 * box.hh - 2, 'it fills the element');
    release();
    await page.waitForFunction(() => document.querySelector('#with-fallback').timeline != null, null, { timeout: 20_000 });
    await page.waitForFunction(() => !document.querySelector('#with-fallback img').checkVisibility(), null, { timeout: 5_000 });
    assert.ok(await canvasColours(page) > 5, 'the chart is painted');
    assert.equal(await fallbackShown(page), false, 'hidden once the chart is painted');
    // Removed and destroyed: the fallback is what is left.
    await page.evaluate(() => document.querySelector('#with-fallback').timeline.destroy());
    assert.equal(await fallbackShown(page), true, 'shown again after destroy()');
    assertNoErrors(page);
    await page.context().close();
  }
  // The WebAssembly cannot load: the image stays, with the error message.
  {
    const page = await newPage(browser, { width: 1000, height: 800 });
    await page.route('**/chronoscope_wasm_bg.wasm', (route) => route.abort());
    await page.goto(url('/fallback.html'));
    await page.waitForFunction(() => document.querySelector('#with-fallback').shadowRoot.querySelector('.message.error'), null, { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('#with-fallback img').complete);
    assert.equal(await fallbackShown(page), true, 'the image stays');
    const msg = await page.evaluate(() => {
      const m = document.querySelector('#with-fallback').shadowRoot.querySelector('.message.error');
      const r = m.getBoundingClientRect();
      return { text: m.textContent, role: m.getAttribute('role'), visible: m.checkVisibility() && r.width > 0 };
    });
    assert.equal(msg.visible, true, 'and the message shows over it');
    assert.equal(msg.role, 'alert');
    assert.match(msg.text, /could not be loaded/);
    await page.context().close();
  }
  // A data error on the first load: the image stays too.
  {
    const page = await newPage(browser, { width: 1000, height: 800 });
    await page.route('**/data/sip.en.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(url('/fallback.html'));
    await page.waitForFunction(() => document.querySelector('#with-fallback').shadowRoot.querySelector('.message.error:not([hidden])'), null, { timeout: 20_000 });
    await page.waitForTimeout(100);
    assert.equal(await fallbackShown(page), true, 'the image stays after a failed load');
    await page.context().close();
  }
  // Without JavaScript the element is unknown and its image simply shows.
  {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    await page.goto(url('/fallback.html'));
    await page.waitForFunction(() => document.querySelector('#with-fallback img').complete).catch(() => {});
    const r = await page.locator('#with-fallback img').boundingBox();
    assert.ok(r && r.width > 100 && r.height > 50, 'shown without JavaScript');
    await context.close();
  }
});

test('the demo server serves embed.html beside chronoscope.js', async () => {
  const page = await newPage(browser);
  for (const [path, type] of [['/embed.html', 'text/html'], ['/embed.js', 'text/javascript'], ['/embed.css', 'text/css']]) {
    const res = await page.request.get(`${baseUrl}${path}`);
    assert.equal(res.status(), 200, path);
    assert.ok(res.headers()['content-type'].startsWith(type), `${path}: ${res.headers()['content-type']}`);
  }
  const html = await (await page.request.get(`${baseUrl}/embed.html`)).text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  assert.doesNotMatch(html, /<style|\sstyle=/, 'no inline style');
  await page.context().close();
});
