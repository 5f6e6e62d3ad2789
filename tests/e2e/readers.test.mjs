// End-to-end: every way a reader explores the timeline (issue 3) — touch
// drag, pinch and double-tap, the zoom buttons, the full keyboard, animated
// transitions and momentum (and none with reduced motion), the overview
// strip, hover tooltips and the crosshair, long press, story mode, clusters,
// deep links with Back/Forward, the phone layout.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch, newPage, url } from './browser.mjs';
import { $, openWidget, readings, shadow, span, touchDriver, win } from './widget.mjs';

const OUT = new URL('./output/', import.meta.url);
mkdirSync(OUT, { recursive: true });

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


const open = (path, opts) => openWidget(browser, path, opts);

const count = (page, type) => page.evaluate((t) => window.__events.filter((e) => e.type === t).length, type);
const eventRect = (page, id) => page.evaluate(([id]) => document.querySelector('chrono-scope').timeline.eventRect(id), [id]);

const touch = touchDriver;

test('touch: a horizontal drag pans, a pinch zooms about its centre, a double-tap zooms in', async () => {
  const { page, box } = await open('/en.html', { width: 390, height: 844, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const t = await touch(page);
  const y = box.y + box.height - 70; // over an indicator pane
  const w0 = await win(page);
  await t.drag([box.x + 300, y], [box.x + 150, y]);
  const w1 = await win(page);
  assert.ok(w1.start > w0.start, 'dragging left shows later times');
  assert.ok(Math.abs(span(w1) - span(w0)) < 1, 'a drag keeps the zoom');

  const cx = box.x + 200;
  const tCenter = await page.evaluate((x) => document.querySelector('chrono-scope').timeline.xToTime(x), 200);
  await t.pinch([cx, y], 80, 240);
  const w2 = await win(page);
  assert.ok(span(w1) / span(w2) > 2.5, `pinching out zooms in (${(span(w1) / span(w2)).toFixed(2)}×)`);
  const xAfter = await page.evaluate((tt) => document.querySelector('chrono-scope').timeline.timeToX(tt), tCenter);
  assert.ok(Math.abs(xAfter - 200) < 3, `the time between the fingers stays between them (${xAfter})`);
  const pageZoom = await page.evaluate(() => window.visualViewport.scale);
  assert.equal(pageZoom, 1, 'the page itself did not zoom');

  await t.tap([cx, y]);
  await page.waitForTimeout(80);
  await t.tap([cx, y]);
  await page.waitForTimeout(100);
  const w3 = await win(page);
  assert.ok(Math.abs(span(w2) / span(w3) - 2) < 1e-6, 'a double-tap zooms in 2×');
  await page.context().close();
});

test('touch: a long press shows the tooltip that hovering shows', async () => {
  const { page, box } = await open('/en.html', { width: 390, height: 844, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const r = await eventRect(page, 'sip-founded');
  const t = await touch(page);
  await t.hold([box.x + r.x + 6, box.y + r.y + r.height / 2], 700);
  const tip = await shadow(page, '.tooltip');
  assert.equal(tip.hidden, false, 'tooltip shown');
  assert.match(tip.text, /Suzhou Industrial Park is launched/);
  assert.match(tip.text, /1994/);
  assert.equal((await shadow(page, '.card')).hidden, true, 'a long press is not a tap: no card');
  await page.context().close();
});

test('zoom buttons: in, out and show everything; 44 px on phones', async () => {
  const { page } = await open('/en.html');
  const w0 = await win(page);
  await page.locator('chrono-scope .zoom-in').click();
  const w1 = await win(page);
  assert.ok(Math.abs(span(w0) / span(w1) - 1.5) < 1e-6, 'zoom in');
  await page.locator('chrono-scope .zoom-out').click();
  await page.locator('chrono-scope .zoom-out').click();
  const w2 = await win(page);
  assert.ok(span(w2) > span(w0), 'zoom out');
  await page.locator('chrono-scope .fit').click();
  assert.deepEqual(await win(page), w0, 'show everything');
  const names = await page.evaluate(() => [...document.querySelector('chrono-scope').shadowRoot.querySelectorAll('.toolbar button:not([hidden])')].map((b) => b.getAttribute('aria-label')));
  // The SIP demo has series: a Data button too (docs/accessibility.md).
  assert.deepEqual(names, ['Zoom in', 'Zoom out', 'Show everything', 'Show the data as tables']);
  await page.context().close();

  const phone = await open('/', { width: 390, height: 844 });
  const b = await shadow(phone.page, '.toolbar .zoom-in');
  assert.ok(b.width >= 44 && b.height >= 44, `44 px targets on a phone (${b.width}×${b.height})`);
  const zhNames = await phone.page.evaluate(() => [...document.querySelector('chrono-scope').shadowRoot.querySelectorAll('.toolbar button:not([hidden])')].map((b) => b.getAttribute('aria-label')));
  assert.deepEqual(zhNames, ['放大', '縮小', '顯示全部', '以表格顯示資料']);
  await phone.page.context().close();
});

test('keys: PageUp/PageDown, Home/End, arrows through the selection, Enter, Escape', async () => {
  const { page, box } = await open('/en.html');
  await page.mouse.click(box.x + 5, box.y + box.height - 60); // focus
  const w0 = await win(page);
  await page.keyboard.press('PageDown');
  const w1 = await win(page);
  assert.ok(Math.abs((w1.start - w0.start) / span(w0) - 0.8) < 1e-6, 'PageDown: a large step later');
  await page.keyboard.press('PageUp');
  const w2 = await win(page);
  assert.ok(Math.abs(w2.start - w0.start) < 1, 'PageUp: back');

  await page.keyboard.press('End');
  assert.equal(await page.evaluate(`${$()}.timeline.selected`), 'forum-projects', 'End selects the last event');
  await page.keyboard.press('Home');
  assert.equal(await page.evaluate(`${$()}.timeline.selected`), 'sip-founded', 'Home selects the first event');
  const wHome = await win(page);
  assert.ok(wHome.start < Date.UTC(1994, 0, 1) && wHome.end > Date.UTC(1994, 0, 1), 'the first event is in view');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(`${$()}.timeline.selected`), 'ascendas-xinsu', '→ selects the next event');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.evaluate(`${$()}.timeline.selected`), 'sip-founded', '← the previous one');
  assert.equal((await shadow(page, '.card')).hidden, true, 'selecting by key opens no card');
  await page.keyboard.press('Enter');
  const card = await shadow(page, '.card');
  assert.equal(card.hidden, false, 'Enter opens the card');
  assert.match(card.text, /Suzhou Industrial Park is launched/);
  await page.keyboard.press('ArrowRight');
  assert.match((await shadow(page, '.card .title')).text, /Ascendas-Xinsu/, 'with the card open, → walks the story');
  await page.keyboard.press('Escape');
  assert.equal((await shadow(page, '.card')).hidden, true, 'Escape closes the card');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(`${$()}.timeline.selected`), null, 'Escape again clears the selection');
  await page.context().close();
});

test('story mode: Previous / Next walk the events in time order and the view follows', async () => {
  const { page } = await open('/en.html');
  await page.evaluate(`${$()}.timeline.setWindow('1993', '1997')`);
  await page.evaluate(`${$()}.timeline.select('ascendas-xinsu')`);
  const prevDisabled = await shadow(page, '.card .previous');
  assert.equal(prevDisabled.disabled, false);
  await page.locator('chrono-scope .card .next').click();
  assert.equal(await page.evaluate(`${$()}.timeline.selected`), 'ascendas-innovation-park');
  const w = await win(page);
  assert.ok(w.start < Date.UTC(2015, 0, 1) && w.end > Date.UTC(2015, 0, 1), 'the view moved to 2015');
  await page.locator('chrono-scope .card .previous').click();
  assert.equal(await page.evaluate(`${$()}.timeline.selected`), 'ascendas-xinsu');
  await page.evaluate(`${$()}.timeline.select('sip-founded')`);
  assert.equal((await shadow(page, '.card .previous')).disabled, true, 'no Previous before the first event');
  await page.context().close();
});

test('transitions ease over several frames, then stop exactly; reduced motion jumps', async () => {
  const { page, box } = await open('/en.html', { reducedMotion: 'no-preference' });
  await page.mouse.click(box.x + 5, box.y + box.height - 60);
  const w0 = await win(page);
  const n0 = await count(page, 'windowchange');
  await page.keyboard.press('+');
  // Waited for, not timed (frames come late on a busy machine): the
  // transition ends exactly at the target, after steps in between.
  const target = span(w0) / 1.5;
  await page.waitForFunction((target) => {
    const w = document.querySelector('chrono-scope').timeline.getWindow();
    return Math.abs((w.end - w.start) / target - 1) < 1e-9;
  }, target, { timeout: 10_000 });
  await page.waitForTimeout(100);
  const w1 = await win(page);
  assert.ok(Math.abs(span(w0) / span(w1) - 1.5) < 1e-6, 'ends exactly at the target');
  const spans = await page.evaluate((n) => window.__events.filter((e) => e.type === 'windowchange').slice(n).map((e) => e.detail.end - e.detail.start), n0);
  assert.ok(spans.length >= 2, `animated over ${spans.length} frames, not one jump`);
  // Eased: each step narrower than the last, the last exactly the target.
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i] < spans[i - 1], `step ${i} zooms in`);
  assert.ok(Math.abs(spans.at(-1) / target - 1) < 1e-9);
  assert.ok(spans[0] > target, 'the first frame is on the way, not at the target');
  await page.context().close();

  const reduced = await open('/en.html', { reducedMotion: 'reduce' });
  await reduced.page.mouse.click(reduced.box.x + 5, reduced.box.y + reduced.box.height - 60);
  const m0 = await count(reduced.page, 'windowchange');
  await reduced.page.keyboard.press('+');
  await reduced.page.waitForTimeout(300);
  assert.equal((await count(reduced.page, 'windowchange')) - m0, 1, 'reduced motion: one step');
  await reduced.page.context().close();
});

test('a flick coasts on after release (momentum); none with reduced motion', async () => {
  for (const motion of ['no-preference', 'reduce']) {
    const { page, box } = await open('/en.html', { reducedMotion: motion });
    const y = box.y + box.height - 70;
    await page.mouse.move(box.x + 800, y);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) {
      await page.mouse.move(box.x + 800 - i * 40, y);
      await page.waitForTimeout(8);
    }
    await page.mouse.up();
    const atRelease = await win(page);
    await page.waitForTimeout(600);
    const later = await win(page);
    if (motion === 'reduce') {
      assert.deepEqual(later, atRelease, 'reduced motion: stops where released');
    } else {
      assert.ok(later.start > atRelease.start, 'keeps moving the same way after release');
    }
    await page.context().close();
  }
});

test('the overview strip: brush drag moves the view, its edges resize it, a click elsewhere centres', async () => {
  const { page, box } = await open('/en.html');
  const ov = await shadow(page, '.overview');
  assert.ok(ov && !ov.hidden && ov.width > 200, 'an overview strip is drawn');
  const cy = ov.y + ov.height / 2;
  // zoom in so the brush is narrower than the strip
  await page.evaluate(`${$()}.timeline.setWindow('2005', '2015')`);
  await page.waitForTimeout(50);
  const b = await shadow(page, '.overview .brush');
  const w0 = await win(page);
  // drag the brush body left: earlier times
  await page.mouse.move(b.x + b.width / 2, cy);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2 - 60, cy, { steps: 4 });
  await page.mouse.up();
  const w1 = await win(page);
  assert.ok(w1.start < w0.start && Math.abs(span(w1) - span(w0)) < span(w0) * 1e-6, 'brush moved: earlier times, same zoom');
  // drag the right edge right: wider window
  await page.waitForTimeout(50);
  const b1 = await shadow(page, '.overview .brush');
  await page.mouse.move(b1.x + b1.width - 1, cy);
  await page.mouse.down();
  await page.mouse.move(b1.x + b1.width + 80, cy, { steps: 4 });
  await page.mouse.up();
  const w2 = await win(page);
  assert.ok(span(w2) > span(w1) && Math.abs(w2.start - w1.start) < span(w1) * 0.02, 'right edge resizes');
  // click outside the brush: centre the view there
  await page.mouse.click(ov.x + 10, cy);
  const w3 = await win(page);
  assert.ok(w3.start < w2.start, 'a click left of the brush centres the view there');
  await page.context().close();
});

test('hover: tooltip for events, crosshair reading every pane in its unit', async () => {
  const { page, box, el } = await open('/');
  const r = await eventRect(page, 'ascendas-innovation-park');
  await page.mouse.move(box.x + r.x + 6, box.y + r.y + r.height / 2);
  await page.waitForTimeout(60);
  const tip = await shadow(page, '.tooltip');
  assert.equal(tip.hidden, false);
  assert.match(tip.text, /騰飛蘇州創新園落成/);
  assert.match(tip.text, /2015年/);
  // over a pane near 2021: the crosshair reads 3,330 億元 (drawn on the overlay)
  const x = await page.evaluate(() => document.querySelector('chrono-scope').timeline.timeToX(Date.UTC(2021, 3, 1)));
  await page.mouse.move(box.x + x, box.y + box.height - 80);
  await page.waitForTimeout(60);
  const readingsNow = () => page.evaluate(() => [...document.querySelector('chrono-scope').shadowRoot.querySelectorAll('.reading')].filter((e) => !e.hidden).map((e) => e.textContent));
  const readings = await readingsNow();
  assert.deepEqual(readings, ['2021年：3,330 億元', '2021年：1,120 億美元']);
  assert.equal((await shadow(page, '.tooltip')).hidden, true, 'no event tooltip over a pane');
  await el.screenshot({ path: new URL('hover-crosshair-zh.png', OUT).pathname });
  await page.mouse.move(box.x - 20, box.y - 20);
  await page.waitForTimeout(60);
  assert.deepEqual(await readingsNow(), [], 'gone when the pointer leaves');
  await page.context().close();
});

test('clusters: a badge of same-day events lists them; picking one opens it', async () => {
  const { page, box } = await open('/en.html');
  const r = await eventRect(page, 'ssc-16');
  const b = await page.evaluate(() => document.querySelector('chrono-scope').timeline.eventRect('jsc-23'));
  assert.ok(r && b, 'drawn');
  await page.mouse.click(box.x + r.x + r.width / 2, box.y + r.y + r.height / 2);
  const card = await shadow(page, '.card');
  assert.equal(card.hidden, false);
  const members = await page.evaluate(() => [...document.querySelector('chrono-scope').shadowRoot.querySelectorAll('.card .member-title')].map((e) => e.textContent));
  assert.ok(members.length >= 2, `a list of the events (${members})`);
  await page.locator('chrono-scope .card .member').first().click();
  assert.ok(await page.evaluate(`${$()}.timeline.selected`), 'picking one selects it');
  assert.ok(await shadow(page, '.card .date'), 'and opens its card');
  await page.context().close();
});

test('deep links: the URL keeps the selection and window; Back and Forward walk the selections', async () => {
  const { page } = await open('/en.html');
  const id = await page.evaluate(`${$()}.id`);
  assert.ok(id, 'the demo element has an id');
  const len0 = await page.evaluate(() => history.length);
  await page.evaluate(`${$()}.timeline.select('sip-founded')`);
  await page.waitForTimeout(400);
  await page.evaluate(`${$()}.timeline.select('ascendas-xinsu')`);
  assert.equal(await page.evaluate(() => history.length), len0 + 2, 'each selection is a history entry');
  assert.match(await page.evaluate(() => location.hash), new RegExp(`${id}=-?\\d+~\\d+~ascendas-xinsu`));
  // a window change replaces the entry (a moment later)
  await page.evaluate(`${$()}.timeline.setWindow('1990', '2000')`);
  // Written a moment later (800 ms); waited for, not timed.
  const windowHash = `=${Date.UTC(1990, 0, 1)}~${Date.UTC(2000, 0, 1)}~`;
  await page.waitForFunction((w) => location.hash.includes(w), windowHash, { timeout: 10_000 });
  assert.equal(await page.evaluate(() => history.length), len0 + 2, 'no entry for a window change');
  const selected = (want) => page.waitForFunction((want) => document.querySelector('chrono-scope').timeline.selected === want, want, { timeout: 10_000 });
  await page.goBack();
  await selected('sip-founded'); // Back: the previous selection
  await page.goForward();
  await selected('ascendas-xinsu'); // Forward
  assert.deepEqual(await win(page), { start: Date.UTC(1990, 0, 1), end: Date.UTC(2000, 0, 1) }, 'with its window');
  // opening the URL restores both
  const link = await page.evaluate(() => location.href);
  const fresh = await newPage(browser, { width: 1280, height: 800, reducedMotion: 'reduce' });
  await fresh.goto(link);
  await fresh.waitForFunction(() => document.querySelector('chrono-scope')?.timeline != null);
  assert.equal(await fresh.evaluate(`${$()}.timeline.selected`), 'ascendas-xinsu');
  assert.deepEqual(await win(fresh), { start: Date.UTC(1990, 0, 1), end: Date.UTC(2000, 0, 1) });
  assert.equal((await shadow(fresh, '.card')).hidden, false, 'its card open');
  await fresh.context().close();
  await page.context().close();
});

test('without deep-link the widget never touches the URL or history', async () => {
  const page = await newPage(browser, { width: 1000, height: 900, reducedMotion: 'reduce' });
  await page.goto(url('/fixture.html'));
  await page.waitForFunction(() => document.querySelector('#zh')?.timeline != null);
  const len0 = await page.evaluate(() => history.length);
  await page.evaluate(() => { const tl = document.querySelector('#zh').timeline; tl.select('sip-founded'); tl.zoom(3); });
  await page.waitForTimeout(1000);
  assert.equal(await page.evaluate(() => history.length), len0);
  assert.equal(await page.evaluate(() => location.hash), '');
  await page.context().close();
});

test('phone layout: the card is a bottom sheet; screenshots light and dark', async () => {
  for (const scheme of ['light', 'dark']) {
    const { page, el } = await open('/', { width: 390, height: 844, deviceScaleFactor: 3, colorScheme: scheme });
    await page.evaluate(`${$()}.timeline.select('services-trade-forum-5')`);
    const card = await shadow(page, '.card');
    const host = await el.boundingBox();
    assert.ok(Math.abs(card.y + card.height - (host.y + host.height)) < 16, 'docked at the bottom');
    assert.ok(card.width > host.width - 30, 'full width');
    await el.screenshot({ path: new URL(`phone-card-${scheme}.png`, OUT).pathname });
    await page.context().close();
  }
});

test('story text: paragraphs, emphasis and links from the safe markup, never HTML', async () => {
  const page = await newPage(browser, { width: 1000, height: 900, reducedMotion: 'reduce' });
  await page.goto(url('/fixture.html'));
  await page.waitForFunction(() => document.querySelector('#inline')?.timeline != null);
  await page.evaluate(() => document.querySelector('#inline').timeline.select('x'));
  const card = await page.evaluate(() => {
    const c = document.querySelector('#inline').shadowRoot.querySelector('.card');
    return {
      paragraphs: c.querySelectorAll('p.text').length,
      em: c.querySelector('p.text em')?.textContent,
      strong: c.querySelector('p.text strong')?.textContent,
      links: [...c.querySelectorAll('p.text a')].map((a) => [a.textContent, a.getAttribute('href'), a.rel]),
      bold: c.querySelectorAll('b').length,
      text: c.querySelector('p.text:last-of-type').textContent,
      date: c.querySelector('.date').textContent,
      img: (() => { const i = c.querySelector('figure img'); return i && [i.getAttribute('alt'), i.getAttribute('loading'), i.getAttribute('src')]; })(),
      caption: c.querySelector('figcaption')?.textContent,
    };
  });
  assert.deepEqual(card.img, ['The lunar module on the Moon', 'lazy', 'https://example.org/landing.jpg'], 'image with alt text, loaded lazily');
  assert.equal(card.caption, 'Tranquility Base · NASA', 'caption and credit');
  assert.equal(card.paragraphs, 2);
  assert.equal(card.em, 'small');
  assert.equal(card.strong, 'more');
  assert.deepEqual(card.links, [['the transcript', 'https://example.org/a11', 'noopener noreferrer']]);
  assert.equal(card.bold, 0, 'no markup from the dataset');
  assert.match(card.text, /<b>not bold<\/b> \[x\]\(javascript:alert\(1\)\)/);
  assert.equal(card.date, 'July 20, 1969, 20:17:40 UTC', 'a date-time at its precision, in its own offset');
  await page.context().close();
});

test('deep links: two widgets on one page keep separate parts of the hash', async () => {
  const page = await newPage(browser, { width: 1000, height: 900, reducedMotion: 'reduce' });
  await page.goto(url('/two.html'));
  await page.waitForFunction(() => document.querySelector('#one')?.timeline && document.querySelector('#two')?.timeline);
  await page.evaluate(() => { document.querySelector('#one').timeline.select('sip-founded'); });
  await page.evaluate(() => { document.querySelector('#two').timeline.select('services-trade-forum-5'); });
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /one=[^&]*~sip-founded/);
  assert.match(hash, /two=[^&]*~services-trade-forum-5/);
  assert.match(hash, /^#intro&|&intro(&|$)/, 'the page\'s own anchor is kept');
  const link = await page.evaluate(() => location.href);
  const fresh = await newPage(browser, { width: 1000, height: 900, reducedMotion: 'reduce' });
  await fresh.goto(link);
  await fresh.waitForFunction(() => document.querySelector('#one')?.timeline && document.querySelector('#two')?.timeline);
  await fresh.waitForTimeout(100);
  assert.equal(await fresh.evaluate(() => document.querySelector('#one').timeline.selected), 'sip-founded');
  assert.equal(await fresh.evaluate(() => document.querySelector('#two').timeline.selected), 'services-trade-forum-5');
  await fresh.context().close();
  await page.context().close();
});

/** The base canvas's colour at a CSS point (default: top right, background). */
const pixel = (page, sel, x = -4, y = 4) =>
  page.evaluate(([sel, x, y]) => {
    const c = document.querySelector(sel).shadowRoot.querySelector('canvas.base');
    const r = window.devicePixelRatio;
    const px = x < 0 ? c.width + x * r : x * r;
    const d = c.getContext('2d').getImageData(Math.round(px), Math.round(y * r), 1, 1).data;
    return [d[0], d[1], d[2]];
  }, [sel, x, y]);

test('themes: light by default, dark, auto follows the reader, CSS custom properties win', async () => {
  for (const scheme of ['light', 'dark']) {
    const page = await newPage(browser, { width: 1000, height: 900, colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto(url('/themes.html'));
    for (const id of ['auto', 'light', 'dark', 'custom']) {
      await page.waitForFunction((id) => document.getElementById(id)?.timeline != null, id);
    }
    await page.waitForTimeout(100);
    const lum = ([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
    assert.ok(lum(await pixel(page, '#light')) > 200, `${scheme}: theme defaults to light`);
    assert.ok(lum(await pixel(page, '#dark')) < 60, `${scheme}: theme="dark"`);
    const auto = lum(await pixel(page, '#auto'));
    assert.ok(scheme === 'dark' ? auto < 60 : auto > 200, `${scheme}: theme="auto" follows prefers-color-scheme (${auto})`);
    assert.deepEqual(await pixel(page, '#custom'), [0xfd, 0xf6, 0xe3], `${scheme}: --cs-bg from the page's stylesheet`);
    await page.context().close();
  }
});

test('clusters: clicking a badge of nearby events zooms in until they separate', async () => {
  const page = await newPage(browser, { width: 1000, height: 900, reducedMotion: 'reduce' });
  await page.goto(url('/themes.html'));
  await page.waitForFunction(() => document.getElementById('dense')?.timeline != null);
  const el = page.locator('#dense');
  await el.scrollIntoViewIfNeeded();
  const box = await el.boundingBox();
  const tl = (f) => page.evaluate(f);
  const r = await tl(() => document.getElementById('dense').timeline.eventRect('d13'));
  const r0 = await tl(() => document.getElementById('dense').timeline.eventRect('d12'));
  assert.deepEqual(r, r0, 'the close events that do not fit share one badge');
  const w0 = await tl(() => document.getElementById('dense').timeline.getWindow());
  await page.mouse.click(box.x + r.x + r.width / 2, box.y + r.y + r.height / 2);
  await page.waitForTimeout(50);
  const w1 = await tl(() => document.getElementById('dense').timeline.getWindow());
  assert.ok(span(w0) / span(w1) > 50, 'zoomed in on the cluster');
  const rects = await tl(() => ['d11', 'd12', 'd13'].map((id) => document.getElementById('dense').timeline.eventRect(id)));
  assert.ok(rects.every((a, i) => rects.every((b, j) => i === j || a.x !== b.x || a.y !== b.y)), 'now shown one by one');
  await page.context().close();
});

test('phone: a selected event stays in sight beside the card sheet (centred; the sheet below or above it, no taller than the room there)', async () => {
  const { page } = await open('/en.html', { width: 390, height: 844, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const r = await page.evaluate(async () => {
    const el = document.querySelector('chrono-scope');
    const tl = el.timeline;
    const frames = (n) => new Promise((res) => { const step = () => (n-- <= 0 ? res() : requestAnimationFrame(step)); step(); });
    const card = el.shadowRoot.querySelector('.card');
    const out = {};
    const look = async (id) => {
      tl.select(id);
      await frames(4);
      const box = el.getBoundingClientRect();
      const ev = tl.eventRect(id);
      const c = card.getBoundingClientRect();
      const marker = { x: tl.timeToX(tl.getData().events.find((e) => e.id === id).start), y: ev.y + ev.height / 2 };
      return {
        top: card.classList.contains('top'),
        // the marker's centre is outside the sheet
        covered: marker.y + box.top >= c.top && marker.y + box.top <= c.bottom,
        xShare: marker.x / box.width,
      };
    };
    const events = tl.getData().events;
    out.first = await look(events[0].id); // 1994, in the top lane
    const low = events.filter((e) => e.group === 'forums').pop();
    out.low = await look(low.id);
    return out;
  });
  // the 1994 event, revealed from the left edge, goes to the middle, above the sheet
  assert.equal(r.first.top, false);
  assert.equal(r.first.covered, false);
  assert.ok(Math.abs(r.first.xShare - 0.5) < 0.1, `1994 at ${r.first.xShare} of the width`);
  // an event in the lowest lane: the sheet, shortened to the room below it (or
  // moved above it), leaves it in sight
  assert.equal(r.low.covered, false);
  await page.context().close();
});
