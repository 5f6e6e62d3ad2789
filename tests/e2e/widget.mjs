// Helpers shared by the end-to-end tests that drive a <chrono-scope>.

import { newPage, url } from './browser.mjs';

/** JS source for the element `sel` (default: the first <chrono-scope>). */
export const $ = (sel = 'chrono-scope') => `document.querySelector(${JSON.stringify(sel)})`;

/** The element's window, `{start, end}` in ms. */
export const win = (page, sel) => page.evaluate(`${$(sel)}.timeline.getWindow()`);

export const span = (w) => w.end - w.start;

/** Box, text and state of the first element matching `q` in the widget's shadow root. */
export const shadow = (page, q, sel) =>
  page.evaluate(([q, sel]) => {
    const e = document.querySelector(sel).shadowRoot.querySelector(q);
    if (!e) return null;
    const r = e.getBoundingClientRect();
    return {
      hidden: e.hidden, text: e.textContent, x: r.x, y: r.y, width: r.width, height: r.height,
      className: e.className, disabled: e.disabled === true,
    };
  }, [q, sel ?? 'chrono-scope']);

/** The crosshair's readings on show. */
export const readings = (page) =>
  page.evaluate(() => [...document.querySelector('chrono-scope').shadowRoot.querySelectorAll('.reading')]
    .filter((e) => !e.hidden).map((e) => e.textContent));

/**
 * Opens `path` (reduced motion unless `opts` says otherwise), records every
 * widget event in `window.__events`, waits for the first widget, scrolls it
 * into view.
 */
export async function openWidget(browser, path, opts = {}) {
  const page = await newPage(browser, { width: 1280, height: 800, reducedMotion: 'reduce', ...opts });
  await page.addInitScript(() => {
    window.__events = [];
    document.addEventListener('DOMContentLoaded', () => {
      for (const el of document.querySelectorAll('chrono-scope')) {
        for (const k of ['ready', 'error', 'windowchange', 'select']) {
          el.addEventListener(k, (e) => window.__events.push({
            id: el.id, type: k, t: performance.now(),
            detail: e.detail instanceof Error ? { ...e.detail, message: e.detail.message } : e.detail,
          }));
        }
      }
    });
  });
  await page.goto(url(path));
  await page.waitForFunction(() => document.querySelector('chrono-scope')?.timeline != null, null, { timeout: 20_000 });
  const el = page.locator('chrono-scope').first();
  await el.scrollIntoViewIfNeeded();
  const box = await el.boundingBox();
  return { page, el, box };
}

/** Touch through the DevTools protocol, which Chromium turns into pointer events. */
export async function touchDriver(page) {
  const cdp = await page.context().newCDPSession(page);
  const send = (type, points) => cdp.send('Input.dispatchTouchEvent', {
    type,
    touchPoints: points.map(([x, y, id], i) => ({ x, y, id: id ?? i, radiusX: 4, radiusY: 4, force: 1 })),
  });
  return {
    send,
    async drag(from, to, steps = 8) {
      await send('touchStart', [from]);
      for (let i = 1; i <= steps; i++) {
        await send('touchMove', [[from[0] + ((to[0] - from[0]) * i) / steps, from[1] + ((to[1] - from[1]) * i) / steps]]);
      }
      await send('touchEnd', []);
    },
    async pinch(center, d0, d1, steps = 8) {
      const pts = (d) => [[center[0] - d / 2, center[1]], [center[0] + d / 2, center[1]]];
      await send('touchStart', pts(d0));
      for (let i = 1; i <= steps; i++) await send('touchMove', pts(d0 + ((d1 - d0) * i) / steps));
      await send('touchEnd', []);
    },
    async tap(p) {
      await send('touchStart', [p]);
      await send('touchEnd', []);
    },
    async hold(p, ms) {
      await send('touchStart', [p]);
      await page.waitForTimeout(ms);
      await send('touchEnd', []);
    },
  };
}
