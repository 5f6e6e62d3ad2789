// End-to-end: edge cases found in review — motion against API calls, history
// budgets and Back without a widget's part, focus and keyboard on controls,
// touch with extra fingers, hover leaving onto the strip, page anchors.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, url } from './browser.mjs';
import { $, openWidget, readings, shadow, span, touchDriver, win } from './widget.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


const open = (path, opts) => openWidget(browser, path, opts);

const touch = touchDriver;

test('Enter on a focused zoom button zooms (and opens no card)', async () => {
  const { page } = await open('/en.html');
  const w0 = await win(page);
  await page.evaluate(() => document.querySelector('chrono-scope').shadowRoot.querySelector('.toolbar .zoom-in').focus());
  await page.keyboard.press('Enter');
  await page.waitForTimeout(100);
  assert.equal((await shadow(page, '.card')).hidden, true, 'no card opened');
  const w1 = await win(page);
  assert.ok(Math.abs(span(w0) / span(w1) - 1.5) < 1e-6, `zoomed in 1.5x (got ${(span(w0) / span(w1)).toFixed(3)})`);
  await page.context().close();
});

test('setWindow() during a transition is not overridden by it', async () => {
  const { page, box } = await open('/en.html', { reducedMotion: 'no-preference' });
  await page.mouse.click(box.x + 5, box.y + box.height - 60);
  await page.keyboard.press('+');
  await page.evaluate(`${$()}.timeline.setWindow('2000', '2010')`);
  await page.waitForTimeout(500);
  assert.deepEqual(await win(page), { start: Date.UTC(2000, 0, 1), end: Date.UTC(2010, 0, 1) });
  await page.context().close();
});

test('after a long press on a pane, a tap elsewhere clears the crosshair readings', async () => {
  const { page, box } = await open('/en.html', { width: 390, height: 844, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const t = await touch(page);
  const y = box.y + box.height - 80;
  await t.send('touchStart', [[box.x + 200, y, 1]]);
  await page.waitForTimeout(700);
  await t.send('touchEnd', []);
  await page.waitForTimeout(50);
  assert.ok((await readings(page)).length > 0, 'long press shows readings');
  // a horizontal drag pans; then a tap on empty space
  for (const [x, id] of [[300, 2]]) {
    await t.send('touchStart', [[box.x + x, y, id]]);
    for (let i = 1; i <= 6; i++) await t.send('touchMove', [[box.x + x - i * 20, y, id]]);
    await t.send('touchEnd', []);
  }
  await page.waitForTimeout(900);
  await t.send('touchStart', [[box.x + 100, box.y + 60, 3]]);
  await t.send('touchEnd', []);
  await page.waitForTimeout(400);
  assert.deepEqual(await readings(page), [], 'crosshair readings gone after the reader moved on');
  await page.context().close();
});

test('Back after a selection made right after load restores the initial state', async () => {
  const { page } = await open('/en.html');
  const w0 = await win(page);
  await page.evaluate(`${$()}.timeline.select('ascendas-innovation-park')`);
  await page.waitForTimeout(1000);
  await page.goBack();
  await page.waitForTimeout(300);
  assert.equal(page.url().startsWith(url('/en.html')), true, 'still on the page');
  assert.equal(await page.evaluate(`${$()}.timeline.selected`), null, 'Back deselects');
  assert.deepEqual(await win(page), w0, 'Back restores the window');
  await page.context().close();
});

test('Back restores a selection together with a window that shows it', async () => {
  const { page } = await open('/en.html');
  await page.evaluate(`${$()}.timeline.setWindow('1990', '1991')`);
  await page.waitForTimeout(1000);
  await page.evaluate(`${$()}.timeline.select('ascendas-innovation-park')`); // 2015: the view moves there
  await page.waitForTimeout(400); // a deliberate second choice (a held key's repeats share one entry)
  await page.evaluate(`${$()}.timeline.select('forum-projects')`);
  await page.waitForTimeout(1000);
  await page.goBack();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(`${$()}.timeline.selected`), 'ascendas-innovation-park');
  const w = await win(page);
  const t = Date.UTC(2015, 0, 1);
  assert.ok(w.start < t + 400 * 86400e3 && w.end > t, `the restored window shows the restored selection (${new Date(w.start).toISOString()} – ${new Date(w.end).toISOString()})`);
  await page.context().close();
});

test('holding → through the events stays within the browsers\' history budget', async () => {
  const { page, box } = await open('/en.html');
  await page.evaluate(() => {
    window.__hist = 0;
    for (const k of ['pushState', 'replaceState']) {
      const f = history[k].bind(history);
      history[k] = (...a) => { window.__hist++; return f(...a); };
    }
  });
  await page.mouse.click(box.x + 5, box.y + box.height - 60);
  await page.keyboard.press('Home');
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 19; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 19; i++) await page.keyboard.press('ArrowLeft');
  }
  const n = await page.evaluate(() => window.__hist);
  assert.ok(n < 100, `${n} history calls in a few seconds (Safari throws after 100 in 30 s)`);
  await page.context().close();
});

// Synthetic Pointer Events (CDP cannot lift one finger of several).
const firePointers = (page, steps) => page.evaluate((steps) => {
  const f = document.querySelector('chrono-scope').shadowRoot.querySelector('.frame');
  let t = performance.now();
  for (const [type, id, x, y] of steps) {
    f.dispatchEvent(new PointerEvent(type, { pointerId: id, pointerType: 'touch', isPrimary: id === 1, clientX: x, clientY: y, button: type === 'pointermove' ? -1 : 0, buttons: type === 'pointerup' ? 0 : 1, bubbles: true, cancelable: true, composed: true }));
  }
}, steps);

test('lifting a third finger during a pinch is not a tap', async () => {
  const { page, box } = await open('/en.html', { width: 390, height: 844, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const r = await page.evaluate(() => document.querySelector('chrono-scope').timeline.eventRect('sip-founded'));
  const y = box.y + box.height - 80;
  const cx = box.x + r.x + 6, cy = box.y + r.y + r.height / 2;
  await firePointers(page, [
    ['pointerdown', 1, box.x + 150, y], ['pointerdown', 2, box.x + 250, y],
    ['pointermove', 1, box.x + 120, y], ['pointermove', 2, box.x + 280, y],
    ['pointerdown', 3, cx, cy], ['pointerup', 3, cx, cy],
    ['pointerup', 1, box.x + 120, y], ['pointerup', 2, box.x + 280, y],
  ]);
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(`${$()}.timeline.selected`), null, 'no event selected by the third finger');
  assert.equal((await shadow(page, '.card')).hidden, true);
  await page.context().close();
});

test('a cancelled pinch finger leaves no stale pointer behind', async () => {
  const { page, box } = await open('/en.html', { width: 390, height: 844, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const y = box.y + box.height - 80;
  const w0 = await win(page);
  await firePointers(page, [
    ['pointerdown', 1, box.x + 150, y], ['pointerdown', 2, box.x + 250, y],
    ['pointercancel', 1, box.x + 150, y], ['pointercancel', 2, box.x + 250, y],
    // a new one-finger drag must pan
    ['pointerdown', 5, box.x + 300, y], ['pointermove', 5, box.x + 250, y], ['pointermove', 5, box.x + 200, y], ['pointerup', 5, box.x + 200, y],
  ]);
  await page.waitForTimeout(100);
  const w1 = await win(page);
  assert.ok(w1.start > w0.start && Math.abs(span(w1) - span(w0)) < 1, 'drag pans after a cancelled pinch');
  await page.context().close();
});

test('arriving at a page anchor, the widget keeps the URL pointing at it', async () => {
  const page = await newPage(browser, { width: 1280, height: 800, reducedMotion: 'reduce' });
  await page.goto(url('/en.html#sources'));
  await page.waitForFunction(() => document.querySelector('chrono-scope')?.timeline != null);
  await page.waitForTimeout(700);
  const hash = await page.evaluate(() => location.hash);
  const target = await page.evaluate(() => document.getElementById(decodeURIComponent(location.hash.slice(1))) != null);
  assert.ok(target, `the fragment still names an element (${hash})`);
  await page.context().close();
});

test('phone layout: the card\'s close button is a 44 px target', async () => {
  const { page } = await open('/', { width: 390, height: 844 });
  await page.evaluate(`${$()}.timeline.select('services-trade-forum-5')`);
  const c = await shadow(page, '.card .close');
  assert.ok(c.width >= 44 && c.height >= 44, `${c.width}×${c.height}`);
  await page.context().close();
});

test('a drag interrupted by focus moving away does not leave the grabbing cursor', async () => {
  const { page, box } = await open('/en.html');
  await page.evaluate(() => { const i = document.createElement('input'); i.id = 'q'; document.body.prepend(i); });
  const y = box.y + box.height - 70;
  await page.mouse.move(box.x + 600, y);
  await page.mouse.down();
  await page.mouse.move(box.x + 550, y, { steps: 3 });
  await page.evaluate(() => document.getElementById('q').focus({ preventScroll: true }));
  await page.mouse.move(box.x + 500, y, { steps: 3 });
  await page.mouse.up();
  const cls = await page.evaluate(() => document.querySelector('chrono-scope').shadowRoot.querySelector('.frame').className);
  assert.doesNotMatch(cls, /dragging/);
  await page.context().close();
});

test('a page focusin handler may read the timeline while the reader clicks it', async () => {
  const { page, box } = await open('/en.html');
  await page.evaluate(() => {
    window.__focusErr = [];
    document.addEventListener('focusin', () => {
      try { document.querySelector('chrono-scope').timeline.selected; } catch (e) { window.__focusErr.push(`${e.code}: ${e.message}`); }
    });
  });
  await page.mouse.click(box.x + 5, box.y + box.height - 60);
  assert.deepEqual(await page.evaluate(() => window.__focusErr), []);
  await page.context().close();
});

test('moving the mouse from a pane onto the overview strip clears the crosshair', async () => {
  const { page, box } = await open('/en.html');
  await page.mouse.move(box.x + 600, box.y + box.height - 80);
  await page.waitForTimeout(60);
  assert.ok((await readings(page)).length > 0, 'readings over the pane');
  const ov = await shadow(page, '.overview');
  await page.mouse.move(ov.x + ov.width / 3, ov.y + ov.height / 2, { steps: 4 });
  await page.waitForTimeout(60);
  assert.deepEqual(await readings(page), [], 'no crosshair readings over the overview strip');
  await page.context().close();
});

test('a failed reload makes no history entry', async () => {
  const { page } = await open('/en.html');
  await page.evaluate(`${$()}.timeline.select('sip-founded')`);
  await page.waitForTimeout(1000);
  const len0 = await page.evaluate(() => history.length);
  await page.evaluate(() => document.querySelector('chrono-scope').setAttribute('src', '/data/missing.json'));
  await page.waitForTimeout(1000);
  assert.equal(await page.evaluate(() => history.length), len0);
  await page.context().close();
});

test('the history budget is the page\'s: two deep-linked widgets (each in its own WebAssembly instance) share it', async () => {
  const page = await newPage(browser, { reducedMotion: 'reduce' });
  await page.goto(url('/two.html'));
  await page.waitForFunction(() => [...document.querySelectorAll('chrono-scope')].every((e) => e.timeline != null), null, { timeout: 20_000 });
  const r = await page.evaluate(() => {
    let pushes = 0;
    const push = history.pushState.bind(history);
    history.pushState = (...a) => { pushes++; return push(...a); };
    // A clock the test moves: selections 400 ms apart (past the coalescing),
    // 70 of them within 28 s (inside the budget's 30 s window).
    let now = performance.now();
    performance.now = () => now;
    const [one, two] = ['one', 'two'].map((id) => document.getElementById(id).timeline);
    const ids = one.getData().events.map((e) => e.id);
    for (let i = 0; i < 35; i++) {
      now += 400;
      one.select(ids[i % ids.length]);
      now += 400;
      two.select(ids[(i + 1) % ids.length]);
    }
    return pushes;
  });
  // Each widget alone would have pushed 35 (70 together); the page's budget is 60.
  assert.equal(r, 60);
  await page.context().close();
});
