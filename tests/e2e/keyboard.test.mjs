// End-to-end: the timeline without a mouse (issue 8) — Tab from the page
// into the labelled region, the accessible list of the view's events (a
// roving tabindex: arrows move, Tab leaves), every event of the SIP demo
// reached, shown and opened from it (the card a dialog taking focus,
// Escape giving it back), the focus ring drawn on the canvas, every
// toolbar button pressed by key, and the polite live region's messages
// after keys, wheel, drag and selection, in English and Chinese.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch } from './browser.mjs';
import { $, openWidget, shadow, span, win } from './widget.mjs';

const OUT = new URL('./output/', import.meta.url);
mkdirSync(OUT, { recursive: true });

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const open = (path, opts) => openWidget(browser, path, opts);

/** Where keyboard focus is: the page's element and, inside the widget, its own. */
const focus = (page) => page.evaluate(() => {
  const host = document.querySelector('chrono-scope');
  const a = host.shadowRoot.activeElement;
  return {
    inWidget: document.activeElement === host,
    cls: a?.className ?? null,
    role: a?.getAttribute('role') ?? null,
    label: a?.getAttribute('aria-label') ?? null,
    i: /^cs-ev-\d+$/.test(a?.id ?? '') ? Number(a.id.slice(6)) : null,
    text: a?.textContent ?? null,
    inCard: !!a?.closest('.card'),
    inOverview: !!a?.closest('.overview'),
    tabStops: [...host.shadowRoot.querySelectorAll('[role=option][tabindex="0"]')].length,
  };
});

/** Presses Tab until focus is inside the widget (from wherever it is). */
async function tabIntoWidget(page) {
  for (let n = 0; n < 80; n++) {
    await page.keyboard.press('Tab');
    if ((await focus(page)).inWidget) return;
  }
  throw new Error('Tab never reached the widget');
}

/** The frame's focus ring (drawn over the canvases by its ::after). */
const frameRing = (page) => page.evaluate(() => {
  const f = document.querySelector('chrono-scope').shadowRoot.querySelector('.frame');
  const a = getComputedStyle(f, '::after');
  return a.content !== 'none' && /inset/.test(a.boxShadow) && /2px/.test(a.boxShadow);
});

const liveText = (page) => page.evaluate(() => document.querySelector('chrono-scope').shadowRoot.querySelector('.sr-live').textContent);

/** Waits until the live region says `want` (a string or a RegExp). */
async function liveSays(page, want) {
  try {
    await page.waitForFunction((w) => {
      const t = document.querySelector('chrono-scope').shadowRoot.querySelector('.sr-live').textContent;
      return w.re ? new RegExp(w.re).test(t) : t === w.s;
    }, want instanceof RegExp ? { re: want.source } : { s: want }, { timeout: 5000 });
  } catch {
    assert.fail(`the live region says ${JSON.stringify(await liveText(page))}, not ${want}`);
  }
}

/** The English message for the current window, worked out here from the data. */
const windowMessage = (page) => page.evaluate(() => {
  const t = document.querySelector('chrono-scope').timeline;
  const w = t.getWindow();
  const n = t.getData().events.filter((e) => {
    const s = Date.parse(e.start.length === 4 ? `${e.start}-01-01T00:00Z` : e.start.length === 7 ? `${e.start}-01T00:00Z` : `${e.start}T00:00Z`);
    return s >= w.start && s <= w.end;
  }).length;
  const y = (ms) => new Date(ms).getUTCFullYear();
  const count = n === 0 ? 'no events' : n === 1 ? '1 event' : `${n} events`;
  return `${y(w.start)} – ${y(w.end)}, ${count}`;
});

test('Tab from the page: the region, one stop in the list, every toolbar button, then out; Shift+Tab back', async () => {
  const { page } = await open('/en.html');
  const w0 = await win(page);
  await tabIntoWidget(page);
  let f = await focus(page);
  assert.equal(f.cls, 'frame');
  assert.equal(f.role, 'region');
  assert.equal(f.label, 'China and Singapore in Suzhou Industrial Park, 1994–2022', 'named by the dataset title');
  const desc = await page.evaluate(() => {
    const r = document.querySelector('chrono-scope').shadowRoot;
    // The instructions, then each series' summary (docs/accessibility.md).
    return r.querySelector('.frame').getAttribute('aria-describedby').split(/\s+/)
      .map((id) => r.getElementById(id)?.textContent).join(' ');
  });
  assert.match(desc, /arrow keys/);
  assert.match(desc, /list of the events in view/, 'the description tells of the list');
  assert.equal(await frameRing(page), true, 'a focus ring around the timeline, over its canvases');

  await page.keyboard.press('Tab');
  f = await focus(page);
  assert.deepEqual([f.role, f.i, f.tabStops], ['option', 0, 1], 'the list has one tab stop: the first event');
  assert.equal(f.text, 'Suzhou Industrial Park is launched, 1994');
  assert.equal(await page.evaluate(`${$()}.timeline.selected`), 'sip-founded', 'focusing an event selects it');
  assert.deepEqual(await win(page), w0, 'an event already in view does not move the view');
  const listName = await page.evaluate(() => document.querySelector('chrono-scope').shadowRoot.querySelector('[role=listbox]').getAttribute('aria-label'));
  assert.equal(listName, 'Events in view');
  assert.equal(await frameRing(page), true, 'the ring stays while focus is in the list');

  // The toolbar, each button pressed from the keyboard.
  await page.keyboard.press('Tab');
  assert.equal((await focus(page)).label, 'Zoom in');
  assert.equal(await frameRing(page), false, 'a button shows its own ring instead');
  await page.keyboard.press('Enter');
  const w1 = await win(page);
  assert.ok(span(w1) < span(w0) * 0.8, 'Enter on Zoom in zooms in');
  await page.keyboard.press('Tab');
  assert.equal((await focus(page)).label, 'Zoom out');
  await page.keyboard.press(' ');
  await page.keyboard.press(' ');
  const w2 = await win(page);
  assert.ok(span(w2) > span(w1) * 1.9, 'Space on Zoom out zooms out');
  await page.keyboard.press('Tab');
  assert.equal((await focus(page)).label, 'Show everything');
  await page.keyboard.press('Enter');
  const w3 = await win(page);
  assert.ok(Math.abs(w3.start - w0.start) < 1 && Math.abs(w3.end - w0.end) < 1, 'Show everything fits all again');

  // The SIP demo has series: the Data button comes next.
  await page.keyboard.press('Tab');
  assert.equal((await focus(page)).label, 'Show the data as tables');

  // Tab leaves the widget (the overview strip takes no focus: it repeats
  // what the buttons and keys do).
  await page.keyboard.press('Tab');
  f = await focus(page);
  assert.equal(f.inWidget, false, 'Tab after the last button leaves the widget');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await focus(page)).label, 'Show the data as tables');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await focus(page)).label, 'Show everything');
  for (const label of ['Zoom out', 'Zoom in']) {
    await page.keyboard.press('Shift+Tab');
    assert.equal((await focus(page)).label, label);
  }
  await page.keyboard.press('Shift+Tab');
  f = await focus(page);
  assert.deepEqual([f.role, f.i], ['option', 0], 'Shift+Tab comes back to the list\'s stop');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await focus(page)).cls, 'frame');
  const overviewFocusable = await page.evaluate(() => document.querySelector('chrono-scope').shadowRoot.querySelector('.overview').getAttribute('aria-hidden'));
  assert.equal(overviewFocusable, 'true');
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('every event of the SIP demo from the list: arrows reach it, it is in view, Enter opens its dialog, Escape comes back', async () => {
  const { page } = await open('/en.html');
  const events = await page.evaluate(`${$()}.timeline.getData().events.map((e) => ({ id: e.id, title: e.title }))`);
  assert.equal(events.length, 20);
  await tabIntoWidget(page);
  await page.keyboard.press('+'); // zoomed in: reaching later events needs the view to move
  await page.keyboard.press('+');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Home');
  for (let k = 0; k < events.length; k++) {
    const { id, title } = events[k];
    let f = await focus(page);
    assert.deepEqual([f.role, f.i, f.tabStops], ['option', k, 1], `event ${k} (${id}) has focus, the only tab stop`);
    assert.ok(f.text.startsWith(`${title}, `), `${f.text} names ${title}`);
    assert.equal(await page.evaluate(`${$()}.timeline.selected`), id);
    const r = await page.evaluate((id) => document.querySelector('chrono-scope').timeline.eventRect(id), id);
    assert.ok(r && r.x >= 0 && r.x < 1280, `${id} is drawn in view`);
    const selected = await page.evaluate(() => document.querySelector('chrono-scope').shadowRoot.querySelector('[aria-selected=true]')?.id);
    assert.equal(selected, `cs-ev-${k}`, 'its option is marked selected');

    await page.keyboard.press('Enter');
    f = await focus(page);
    assert.ok(f.inCard && f.cls === 'close', `Enter: focus moves into the card (${f.cls})`);
    const card = await page.evaluate(() => {
      const c = document.querySelector('chrono-scope').shadowRoot.querySelector('.card');
      return { hidden: c.hidden, role: c.getAttribute('role'), title: c.querySelector('#' + c.getAttribute('aria-labelledby'))?.textContent };
    });
    assert.deepEqual(card, { hidden: false, role: 'dialog', title }, 'a dialog named by the event title');
    await page.keyboard.press('Escape');
    f = await focus(page);
    assert.deepEqual([f.role, f.i], ['option', k], 'Escape returns focus to the event');
    assert.equal((await shadow(page, '.card')).hidden, true);
    await page.keyboard.press(k % 2 ? 'ArrowDown' : 'ArrowRight');
  }
  assert.equal((await focus(page)).i, 19, 'the last event stays focused at the end');
  await page.keyboard.press('ArrowUp');
  assert.equal((await focus(page)).i, 18);
  await page.keyboard.press('ArrowLeft');
  assert.equal((await focus(page)).i, 17);
  await page.keyboard.press('End');
  assert.equal((await focus(page)).i, 19);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('a focused event has a focus ring on the canvas; it goes when focus leaves the list', async () => {
  const { page } = await open('/en.html');
  await tabIntoWidget(page);
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight'); // Ascendas-Xinsu, 1995: alone in its lane
  const countRing = () => page.evaluate(() => {
    const host = document.querySelector('chrono-scope');
    const c = host.shadowRoot.querySelector('canvas.overlay');
    const hex = getComputedStyle(host).getPropertyValue('--cs-selected').trim();
    const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let p = 0; p < d.length; p += 4) {
      if (d[p + 3] > 200 && Math.abs(d[p] - want[0]) + Math.abs(d[p + 1] - want[1]) + Math.abs(d[p + 2] - want[2]) < 30) n++;
    }
    return n;
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const ringed = await countRing();
  await page.screenshot({ path: new URL('keyboard-focus-ring.png', OUT).pathname });
  await page.keyboard.press('Tab'); // to Zoom in: the event stays selected
  assert.equal((await focus(page)).label, 'Zoom in');
  assert.equal(await page.evaluate(`${$()}.timeline.selected`), 'ascendas-xinsu');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const selectedOnly = await countRing();
  assert.ok(selectedOnly > 0, 'the selection ring stays');
  assert.ok(ringed > selectedOnly + 150, `the focus ring adds an outline (${ringed} vs ${selectedOnly} pixels)`);
  await page.context().close();
});

test('live region: the window after keys, wheel and drag, the selected event by key, never the card text', async () => {
  const { page, box } = await open('/en.html');
  const live = await page.evaluate(() => {
    const l = document.querySelector('chrono-scope').shadowRoot.querySelector('.sr-live');
    return { role: l.getAttribute('role'), live: l.getAttribute('aria-live'), text: l.textContent };
  });
  assert.deepEqual(live, { role: 'status', live: 'polite', text: '' }, 'polite, and silent at load');
  await tabIntoWidget(page);
  await page.keyboard.press('+');
  await liveSays(page, await windowMessage(page));
  await page.keyboard.press('PageDown');
  await liveSays(page, await windowMessage(page));
  assert.match(await liveText(page), /^\d{4} – \d{4}, (no events|1 event|\d+ events)$/);

  await page.mouse.move(box.x + box.width / 2, box.y + 150);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, 400);
  await page.keyboard.up('Control');
  await liveSays(page, await windowMessage(page));

  const y = box.y + box.height - 80;
  await page.mouse.move(box.x + 600, y);
  await page.mouse.down();
  for (let s = 1; s <= 6; s++) await page.mouse.move(box.x + 600 - s * 40, y);
  await page.mouse.up();
  const msg = await windowMessage(page);
  await liveSays(page, msg);

  // Several changes in one burst say one thing: the last window.
  await page.evaluate(() => {
    const f = document.querySelector('chrono-scope').shadowRoot.querySelector('.frame');
    window.__said = [];
    new MutationObserver(() => window.__said.push(f.querySelector('.sr-live').textContent))
      .observe(f.querySelector('.sr-live'), { childList: true, characterData: true, subtree: true });
    for (const key of ['-', '-', '-']) f.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });
  const last = await windowMessage(page);
  await liveSays(page, last);
  assert.deepEqual(await page.evaluate(() => window.__said), [last], 'one message for the burst');

  // The selected event: its title and date, then nothing from its card.
  await page.keyboard.press('End');
  await liveSays(page, 'New projects settle in SIP at forum, November 6, 2022');
  await page.keyboard.press('Enter');
  const f = await focus(page);
  assert.ok(f.inCard && f.cls === 'close', 'Enter on the timeline: focus moves into the card');
  const body = await page.evaluate(() => document.querySelector('chrono-scope').shadowRoot.querySelector('.card .text')?.textContent ?? '');
  assert.ok(body.length > 20);
  await page.keyboard.press('ArrowLeft'); // walks the story with the card open
  await liveSays(page, '5th Services Trade Innovation Forum, November 6, 2022');
  assert.ok(!(await liveText(page)).includes(body.slice(0, 20)), 'never the card text');
  await page.keyboard.press('Escape');
  assert.equal((await focus(page)).cls, 'frame', 'Escape: focus back on the timeline');
  await page.context().close();
});

test('live region and list in Chinese; the list follows the language', async () => {
  const { page } = await open('/');
  await tabIntoWidget(page);
  await page.keyboard.press('+');
  await liveSays(page, /^\d{4}年 – \d{4}年，(沒有事件|\d+ 則事件)$/);
  const names = await page.evaluate(() => {
    const r = document.querySelector('chrono-scope').shadowRoot;
    return {
      list: r.querySelector('[role=listbox]').getAttribute('aria-label'),
      lang: r.querySelector('.frame').getAttribute('lang'),
      option: r.querySelector('[role=option]').textContent,
    };
  });
  assert.deepEqual([names.list, names.lang], ['畫面中的事件', 'zh-Hant']);
  assert.match(names.option, /，\d{4}年/, 'title，date');
  await page.evaluate(`${$()}.setAttribute('lang', 'ja')`);
  await page.waitForFunction(() => document.querySelector('chrono-scope').shadowRoot.querySelector('[role=listbox]').getAttribute('aria-label') === '表示中の出来事');
  // The options are made again in Japanese at the next frame.
  await page.waitForFunction(() => /、\d{4}年$/.test(document.querySelector('chrono-scope').shadowRoot.querySelector('[role=option]').textContent));
  await page.context().close();
});

test('a thousand events: 200 in the list with "N more", moved to hold the selected event', async () => {
  const { page } = await open('/en.html');
  await page.evaluate(async () => {
    const events = [];
    for (let i = 0; i < 1000; i++) {
      const d = new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10);
      events.push({ id: `e${i}`, start: d, title: `Day ${i}` });
    }
    await document.querySelector('chrono-scope').timeline.setData({ schemaVersion: 1, title: 'Days', events });
  });
  const list = () => page.evaluate(() => {
    const r = document.querySelector('chrono-scope').shadowRoot;
    const opts = [...r.querySelectorAll('[role=option]')];
    return {
      n: opts.length,
      first: opts[0]?.id,
      setsize: opts[0]?.getAttribute('aria-setsize'),
      posinset: opts[0]?.getAttribute('aria-posinset'),
      before: r.querySelector('.more.before').hidden ? null : r.querySelector('.more.before').textContent,
      after: r.querySelector('.more.after').hidden ? null : r.querySelector('.more.after').textContent,
    };
  });
  await page.waitForFunction(() => document.querySelectorAll('chrono-scope')[0].shadowRoot.querySelectorAll('[role=option]').length === 200);
  assert.deepEqual(await list(), { n: 200, first: 'cs-ev-0', setsize: '1000', posinset: '1', before: null, after: '800 more: zoom in to list them' });

  // The reader selects an event far into the list: the list moves to hold it.
  await tabIntoWidget(page);
  await page.keyboard.press('Tab');
  await page.keyboard.press('End');
  let f = await focus(page);
  assert.deepEqual([f.role, f.i], ['option', 999]);
  const l = await list();
  assert.equal(l.n, 200);
  assert.equal(l.after, null);
  assert.match(l.before ?? '', /^\d{1,3}(,\d{3})* earlier: zoom in to list them$/);
  assert.equal(Number(l.posinset), Number(l.setsize) - 199, 'positions count from the first event in view');

  // Zoomed in to a few days, everything is listed.
  await page.evaluate(`${$()}.timeline.setWindow('2001-06-01', '2001-06-10T12:00:00Z')`);
  await page.waitForFunction(() => document.querySelector('chrono-scope').shadowRoot.querySelectorAll('[role=option]').length === 10);
  const few = await list();
  assert.deepEqual([few.before, few.after, few.setsize], [null, null, '10']);
  f = await focus(page);
  assert.equal(f.role, 'option', 'focus stays in the list when its event leaves the view');
  assert.equal(f.tabStops, 1);
  await page.context().close();
});

test('with motion: arrows in the list keep focus on the event while the view glides to it', async () => {
  const { page } = await open('/en.html', { reducedMotion: 'no-preference' });
  await tabIntoWidget(page);
  // Zoomed in on 2010–2016 (the first view fits the data now, so zooming in
  // on its middle lands on 2006–2010, which has no event to list).
  await page.evaluate(() => document.querySelector('chrono-scope').timeline.setWindow('2010', '2016'));
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Home');
  for (let k = 1; k <= 4; k++) {
    await page.keyboard.press('ArrowDown');
    const f = await focus(page);
    assert.deepEqual([f.role, f.i], ['option', k], 'focus is on the next event at once');
  }
  await page.waitForFunction(() => {
    const t = document.querySelector('chrono-scope').timeline;
    const w = t.getWindow();
    const x = Date.UTC(2020, 0, 1);
    return w.start <= x && x <= w.end;
  });
  await page.context().close();
});
