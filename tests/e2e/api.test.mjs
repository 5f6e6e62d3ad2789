// End-to-end: the developer API (issue 4) — Chronoscope.create, data
// editing and streaming, view and selection, events and hooks, export,
// element/handle sync, and the lifecycle (1,000 create/destroy cycles).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, newPage, url } from './browser.mjs';

const SIP = JSON.parse(readFileSync(new URL('../../www/data/sip.en.json', import.meta.url), 'utf8'));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function apiPage(opts = {}) {
  const page = await newPage(browser, { width: 1000, height: 1000, reducedMotion: 'reduce', ...opts });
  await page.goto(url('/api.html'));
  await page.waitForFunction(() => window.apiReady === true);
  return page;
}

/** Runs `fn(tl, sip)` in the page after creating a timeline in #box with the SIP data. */
async function withTimeline(page, fn, arg) {
  return page.evaluate(async ([src, sip, arg]) => {
    const tl = await window.Chronoscope.create(document.getElementById('box'), { data: sip });
    window.tl = tl;
    // eslint-disable-next-line no-new-func
    return (0, eval)(`(${src})`)(tl, sip, arg);
  }, [fn.toString(), SIP, arg]);
}

test('create: resolves with the handle, which is also element.timeline', async () => {
  const page = await apiPage();
  const r = await withTimeline(page, (tl) => ({
    isHandle: tl instanceof window.Chronoscope,
    same: tl.element.timeline === tl,
    tag: tl.element.localName,
    parent: tl.element.parentElement.id,
    version: window.Chronoscope.version,
    height: tl.element.getBoundingClientRect().height,
    events: tl.getData().events.length,
  }));
  assert.deepEqual(r, { isHandle: true, same: true, tag: 'chrono-scope', parent: 'box', version: '0.1.0', height: 420, events: 20 });
  const bad = await page.evaluate(async () => {
    try {
      await window.Chronoscope.create(document.getElementById('box2'), { data: '{"events": [' });
      return 'resolved';
    } catch (e) {
      return { isError: e instanceof Error, code: e.code, fatal: e.fatal, line: e.line };
    }
  });
  assert.deepEqual(bad, { isError: true, code: 'json_syntax', fatal: true, line: 1 });
  assert.deepEqual(page.pageErrors.map(String), []);
  await page.context().close();
});

test('setData and getData round-trip the dataset; load() fetches', async () => {
  const page = await apiPage();
  const r = await withTimeline(page, async (tl, sip) => {
    const readies = [];
    tl.on('ready', (d) => readies.push(d.events));
    await tl.setData({ events: [{ id: 'a', start: '2001', title: 'A' }] });
    const one = tl.getData().events.map((e) => e.id);
    await tl.setData(JSON.stringify(sip));
    const back = tl.getData();
    let err = null;
    try { await tl.setData('{"schemaVersion": 2}'); } catch (e) { err = e.code; }
    await tl.load('/data/sip.zh-Hant.json');
    return { readies, one, back, err, title: tl.getData().title };
  });
  assert.deepEqual(r.one, ['a']);
  assert.equal(r.err, 'unsupported_version');
  assert.deepEqual(r.readies, [1, 20, 20]);
  assert.equal(r.back.events.length, 20);
  assert.deepEqual(r.back.events.find((e) => e.id === 'services-trade-forum-5').start, '2022-11-06');
  assert.deepEqual(r.back.series[0].points, [['2012', 1589], ['2021', 3330]]);
  assert.match(r.title, /中新/);
  await page.context().close();
});

test('setData takes UTF-8 bytes (ArrayBuffer, Uint8Array); bytes that are not UTF-8 reject', async () => {
  const page = await apiPage();
  const r = await withTimeline(page, async (tl) => {
    const json = JSON.stringify({ events: [{ id: 'z', start: '1994', title: '蘇州工業園區' }] });
    const bytes = new TextEncoder().encode(json);
    await tl.setData(bytes.buffer);
    const fromBuffer = tl.getData().events.map((e) => e.title);
    await tl.setData(new TextEncoder().encode(json.replace('1994', '1995')));
    const fromArray = tl.getData().events.map((e) => e.start);
    let err = null;
    try { await tl.setData(new Uint8Array([0x7b, 0xff, 0x7d])); } catch (e) { err = e.code; }
    const fetched = await (await fetch('/data/sip.en.json')).arrayBuffer();
    await tl.setData(fetched);
    return { fromBuffer, fromArray, err, events: tl.getData().events.length };
  });
  assert.deepEqual(r.fromBuffer, ['蘇州工業園區']);
  assert.deepEqual(r.fromArray, ['1995']);
  assert.equal(r.err, 'bad_encoding');
  assert.equal(r.events, 20);
  await page.context().close();
});

test('setData takes a series CSV: columns become series, problems name the row and column', async () => {
  const page = await apiPage();
  const r = await withTimeline(page, async (tl) => {
    const errors = [];
    tl.on('error', (d) => errors.push(d));
    await tl.setData('\ufeffdate,GDP [億元],"Trade, total [億美元]"\r\n2012,1589,770\r\n2021,3330,\r\n2022,x,800\r\n');
    const data = tl.getData();
    return {
      series: data.series.map((s) => [s.name, s.unit, s.points.length]),
      events: data.events.length,
      errors: errors.map((e) => [e.code, e.path]),
    };
  });
  assert.deepEqual(r.series, [['GDP', '億元', 3], ['Trade, total', '億美元', 3]]);
  assert.equal(r.events, 0);
  assert.deepEqual(r.errors, [['bad_value', 'row 4, column B']]);
  await page.context().close();
});

test('setData takes TimelineJS JSON: slides become events, problems name the JSON path', async () => {
  const page = await apiPage();
  const r = await withTimeline(page, async (tl) => {
    const errors = [];
    tl.on('error', (d) => errors.push(d));
    const timelinejs = {
      title: { text: { headline: 'A <b>harbour</b> library', text: '<p>Reading rooms &amp; ships</p>' } },
      events: [
        {
          start_date: { year: '1901', month: '4', day: '12' },
          text: { headline: 'Opening', text: '<p>Two <i>rooms</i>, see <a href="https://example.org/a">ledger</a><script>alert(1)</script></p>' },
          media: { url: 'https://images.example.org/a.png', caption: 'The room', credit: 'Archive' },
          group: 'Buildings',
          unique_id: 'opening',
        },
        { start_date: { year: 1914, month: 8 }, end_date: { year: 1918 }, text: { headline: 'Closed' }, display_date: 'The war years' },
        { start_date: { year: 1920, month: 13 }, text: { headline: 'Bad month' } },
        { start_date: { year: -500 }, text: { headline: 'Long ago' }, unique_id: 'bce' },
      ],
      eras: [{ start_date: { year: 1901 }, end_date: { year: 1932 }, text: { headline: 'Mission years' } }],
    };
    await tl.setData(JSON.stringify(timelinejs, null, 2));
    const data = tl.getData();
    return {
      title: data.title,
      events: data.events.map((e) => [e.id, e.start, e.end ?? null, e.title, e.group ?? null]),
      opening: data.events.find((e) => e.id === 'opening'),
      closed: data.events.find((e) => e.id === 'closed').displayDate,
      eras: data.eras.map((e) => [e.start, e.end, e.label]),
      shown: tl.eventRect('opening') !== null,
      errors: errors.map((e) => [e.code, e.path, e.line]),
    };
  });
  assert.equal(r.title, 'A harbour library');
  assert.deepEqual(r.events, [
    ['bce', '-0499', null, 'Long ago', null],
    ['opening', '1901-04-12', null, 'Opening', 'Buildings'],
    ['closed', '1914-08', '1918', 'Closed', null],
  ]);
  assert.equal(r.opening.text, 'Two *rooms*, see [ledger](https://example.org/a)');
  assert.deepEqual(r.opening.media, { url: 'https://images.example.org/a.png', alt: 'The room', caption: 'The room', credit: 'Archive' });
  assert.equal(r.closed, 'The war years');
  assert.deepEqual(r.eras, [['1901', '1932', 'Mission years']]);
  assert.equal(r.shown, true);
  assert.deepEqual(r.errors, [['bad_time', 'events[2].start_date.month', 43]]);
  await page.context().close();
});

test('setData takes a TimelineJS sheet CSV: rows become events, problems name the cell', async () => {
  const page = await apiPage();
  const r = await withTimeline(page, async (tl) => {
    const errors = [];
    tl.on('error', (d) => errors.push(d));
    await tl.setData(
      '\ufeffYear,Month,Day,Time,End Year,Headline,Text,Type,Group\r\n' +
        ',,,,,蘇州工業園區,"<p>中新合作, 1994–2022</p>",title,\r\n' +
        '1994,2,26,,,簽署協議,"中國與新加坡簽署<b>合作協議</b>。",,政府\r\n' +
        '1994,5,12,9:30 AM,,"Groundbreaking, phase one","Line one\r\nline two",,Construction\r\n' +
        '1994,,,,2022,中新合作時期,,era,\r\n' +
        '2001,14,,,,Bad month,,,\r\n',
    );
    const data = tl.getData();
    return {
      title: data.title,
      events: data.events.map((e) => [e.id, e.start, e.title, e.group ?? null, e.text ?? null]),
      eras: data.eras.map((e) => [e.start, e.end, e.label]),
      shown: tl.eventRect('簽署協議') !== null,
      errors: errors.map((e) => [e.code, e.path, e.line]),
    };
  });
  assert.equal(r.title, '蘇州工業園區');
  assert.deepEqual(r.events, [
    ['簽署協議', '1994-02-26', '簽署協議', '政府', '中國與新加坡簽署**合作協議**。'],
    ['groundbreaking-phase-one', '1994-05-12T09:30', 'Groundbreaking, phase one', 'Construction', 'Line one line two'],
  ]);
  assert.deepEqual(r.eras, [['1994', '2022', '中新合作時期']]);
  assert.equal(r.shown, true);
  assert.deepEqual(r.errors, [['bad_time', 'row 6, column B', 7]]);
  await page.context().close();
});

test('relative media and links resolve against the dataset\'s address (the page\'s for setData)', async () => {
  const page = await apiPage();
  const r = await withTimeline(page, async (tl) => {
    const card = () => {
      const root = tl.element.shadowRoot;
      const img = root.querySelector('.card figure img');
      const more = root.querySelector('.card .more a');
      return { img: img?.getAttribute('src') ?? null, more: more?.getAttribute('href') ?? null, img_el: img };
    };
    await tl.load('/relative/timeline.json');
    tl.select('kiln');
    const fetched = card();
    await new Promise((resolve) => {
      const img = fetched.img_el;
      if (img.complete) resolve();
      else { img.addEventListener('load', resolve); img.addEventListener('error', resolve); }
    });
    const loaded = fetched.img_el.naturalWidth;
    const data = tl.getData();
    // The same data given as text: relative to the page.
    await tl.setData(JSON.stringify(data));
    tl.select('kiln');
    const given = card();
    return {
      fetched: [fetched.img, fetched.more],
      loaded,
      kept: [data.events[0].media.url, data.events[0].link],
      given: [given.img, given.more],
    };
  });
  const origin = new URL(url('/')).origin;
  assert.deepEqual(r.fetched, [`${origin}/relative/pictures/kiln.svg`, `${origin}/api.html#kiln`]);
  assert.equal(r.loaded, 40);
  assert.deepEqual(r.kept, ['pictures/kiln.svg', '../api.html#kiln']);
  assert.deepEqual(r.given, [`${origin}/pictures/kiln.svg`, `${origin}/api.html#kiln`]);
  assert.deepEqual(page.pageErrors.map(String), []);
  await page.context().close();
});

test('data that leaves nothing to show is refused (no_data), saying why; data empty on purpose stays valid', async () => {
  const page = await apiPage();
  const r = await withTimeline(page, async (tl) => {
    const out = {};
    const errors = [];
    const readies = [];
    tl.on('error', (d) => errors.push([d.code, d.fatal]));
    tl.on('ready', () => readies.push('ready'));
    const box = tl.element.shadowRoot.querySelector('.message');
    const notice = tl.element.shadowRoot.querySelector('.notice');
    const attempt = async (data) => {
      try { await tl.setData(data); return 'resolved'; } catch (e) { return [e.code, e instanceof Error, e.path ?? null, e.line ?? null]; }
    };
    // none of the formats: the SIP data on screen stays, a notice says why
    out.unrelated = await attempt('{"name": "left-pad", "version": "1.3.0"}');
    out.unrelatedNotice = [notice.hidden, notice.getAttribute('role'), notice.textContent];
    out.stillShown = tl.getData().events.length;
    // with nothing on screen (a new element's inline data), the message box says why
    const el = document.createElement('chrono-scope');
    const inline = document.createElement('script');
    inline.type = 'application/json';
    inline.textContent = '{"events": [{"id": "a", "start": "someday", "title": "A"}]}';
    el.append(inline);
    el.style.height = '300px';
    const failed = new Promise((resolve) => el.addEventListener('error', (e) => resolve(e.detail.code), { once: true }));
    document.body.append(el);
    out.inlineCode = await failed;
    const inlineBox = el.shadowRoot.querySelector('.message');
    out.unrelatedBox = [inlineBox.hidden, inlineBox.getAttribute('role'), inlineBox.textContent];
    el.remove();
    // every item skipped
    out.notAList = await attempt('{"events": "not a list"}');
    out.notAListBox = notice.textContent;
    out.allBad = await attempt('{"events": [{"id": "a", "start": "not a date", "title": "A"}, {"id": "b", "title": "B"}]}');
    out.allBadBox = notice.textContent;
    out.readiesAfterRefusals = readies.length;
    out.errors = errors.splice(0);
    // empty on purpose: valid, ready, a neutral status
    out.empty = await attempt('{"events": []}');
    out.emptyBox = [box.hidden, box.getAttribute('role'), box.textContent];
    out.emptySeries = await attempt('{"series": [{"id": "s", "name": "S", "points": []}]}');
    out.readies = readies.length;
    out.errorsAfter = errors;
    return out;
  });
  assert.deepEqual(r.unrelated, ['no_data', true, null, 1]);
  assert.equal(r.unrelatedNotice[0], false);
  assert.equal(r.unrelatedNotice[1], 'alert');
  assert.match(r.unrelatedNotice[2], /nothing to show/);
  assert.equal(r.stillShown, 20);
  assert.equal(r.inlineCode, 'no_data');
  assert.equal(r.unrelatedBox[0], false);
  assert.equal(r.unrelatedBox[1], 'alert');
  assert.match(r.unrelatedBox[2], /nothing to show/);
  assert.match(r.unrelatedBox[2], /Skipped: .*events\[0\]\.start \(line 1, column \d+\)/);
  assert.match(r.unrelatedBox[2], /no_data/);
  assert.equal(r.notAList[0], 'no_data');
  assert.equal(r.notAList[2], 'events');
  assert.match(r.notAListBox, /Skipped: .*events/);
  assert.equal(r.allBad[0], 'no_data');
  assert.equal(r.allBad[2], 'events[0].start');
  assert.match(r.allBadBox, /events\[0\]\.start/);
  assert.match(r.allBadBox, /events\[1\]/);
  assert.equal(r.readiesAfterRefusals, 0);
  assert.deepEqual(r.errors, [['no_data', true], ['no_data', true], ['no_data', true]]);
  assert.equal(r.empty, 'resolved');
  assert.deepEqual(r.emptyBox, [false, 'status', 'This dataset has nothing to show. The timeline reads a Chronoscope dataset, TimelineJS JSON, a TimelineJS sheet (CSV) or a series CSV.']);
  assert.equal(r.emptySeries, 'resolved');
  assert.equal(r.readies, 2);
  assert.deepEqual(r.errorsAfter, []);
  await page.context().close();
});

test('addEvents, updateEvent, removeEvents: validated, all or nothing', async () => {
  const page = await apiPage();
  const r = await withTimeline(page, (tl) => {
    const out = {};
    tl.addEvents([{ id: 'new-1', start: '2005-06', title: 'A new event', group: 'research' }]);
    out.added = tl.eventRect('new-1') !== null;
    try {
      tl.addEvents([{ id: 'ok', start: '2006', title: 'Fine' }, { id: 'bad', start: '2006-13', title: 'Bad' }]);
    } catch (e) { out.bad = [e.code, e.path, e instanceof Error]; }
    out.noPartial = tl.getData().events.some((e) => e.id === 'ok');
    try { tl.addEvents([{ id: 'new-1', start: '2007', title: 'Again' }]); } catch (e) { out.dup = e.code; }
    tl.updateEvent('new-1', { title: 'Renamed', text: 'Some *text*' });
    tl.updateEvent('new-1', { text: null, start: '2008' });
    out.updated = tl.getData().events.find((e) => e.id === 'new-1');
    try { tl.updateEvent('nope', { title: 'x' }); } catch (e) { out.unknown = e.code; }
    tl.select('new-1');
    const selects = [];
    tl.on('select', (d) => selects.push(d.id));
    tl.removeEvents(['new-1', 'not-there']);
    out.removed = tl.eventRect('new-1') === null && tl.selected === null;
    out.selects = selects;
    out.count = tl.getData().events.length;
    return out;
  });
  assert.equal(r.added, true);
  assert.deepEqual(r.bad, ['bad_time', 'events[1].start', true]);
  assert.equal(r.noPartial, false, 'nothing added when one is invalid');
  assert.equal(r.dup, 'duplicate_id');
  assert.deepEqual(r.updated, { id: 'new-1', start: '2008', title: 'Renamed', group: 'research' });
  assert.equal(r.unknown, 'bad_argument');
  assert.equal(r.removed, true);
  assert.deepEqual(r.selects, [null], 'removing the selected event deselects it');
  assert.equal(r.count, 20);
  await page.context().close();
});

test('appendPoints streams a series', async () => {
  const page = await apiPage();
  const r = await withTimeline(page, (tl) => {
    tl.appendPoints('sip-gdp', [['2022', 3500], [Date.UTC(2023, 0, 1), null]]);
    const pts = tl.getData().series[0].points;
    let err = null;
    try { tl.appendPoints('nope', [['2022', 1]]); } catch (e) { err = e.code; }
    let err2 = null;
    try { tl.appendPoints('sip-gdp', [['2022', 'x']]); } catch (e) { err2 = [e.code, e.path]; }
    return { n: pts.length, last: pts.at(-2), err, err2 };
  });
  assert.equal(r.n, 4);
  // mixed precisions: written as full date-times
  assert.deepEqual(r.last, ['2022-01-01T00:00:00.000Z', 3500]);
  assert.equal(r.err, 'bad_argument');
  assert.deepEqual(r.err2, ['wrong_type', 'points[0][1]']);
  await page.context().close();
});

test('view: setWindow (animated or not), zoom about an anchor, fit; coordinates', async () => {
  const page = await apiPage({ reducedMotion: 'no-preference' });
  const r = await withTimeline(page, async (tl) => {
    const changes = [];
    const off = tl.on('windowchange', (d) => changes.push(d));
    tl.setWindow('2000', '2010');
    const jumped = tl.getWindow();
    const n0 = changes.length;
    tl.setWindow('1995', '2020', { animate: true });
    await new Promise((r) => setTimeout(r, 450));
    const animatedSteps = changes.length - n0;
    const after = tl.getWindow();
    const anchor = Date.UTC(2010, 0, 1);
    const x0 = tl.timeToX(anchor);
    tl.zoom(4, anchor);
    const x1 = tl.timeToX(anchor);
    off();
    const n1 = changes.length;
    tl.fit();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return { jumped, animatedSteps, after, dx: Math.abs(x1 - x0), unsubscribed: changes.length === n1, fitted: tl.getWindow() };
  });
  assert.deepEqual(r.jumped, { start: Date.UTC(2000, 0, 1), end: Date.UTC(2010, 0, 1) });
  assert.ok(r.animatedSteps >= 3, `animated (${r.animatedSteps} frames)`);
  assert.deepEqual(r.after, { start: Date.UTC(1995, 0, 1), end: Date.UTC(2020, 0, 1) });
  assert.ok(r.dx < 1e-6, 'zoom keeps the anchor in place');
  assert.equal(r.unsubscribed, true, 'off() stops the listener');
  assert.ok(r.fitted.start < Date.UTC(1994, 0, 1));
  await page.context().close();
});

test('events: hover and render; the render hook draws glued to time', async () => {
  const page = await apiPage();
  await withTimeline(page, (tl) => {
    window.hovers = [];
    tl.on('hover', (d) => window.hovers.push(d.id));
    window.renders = 0;
    tl.on('render', (d) => {
      window.renders++;
      window.lastRender = { w: d.width, h: d.height, ratio: d.pixelRatio, keys: Object.keys(d).sort() };
      d.context.fillStyle = '#ff0000';
      d.context.fillRect(d.timeToX(Date.UTC(2000, 0, 1)) - 2, 0, 4, d.height);
    });
    tl.setWindow('1990', '2010');
  });
  await page.waitForFunction(() => window.renders > 0);
  const redAt = (x) => page.evaluate((x) => {
    const c = document.querySelector('chrono-scope').shadowRoot.querySelector('canvas.base');
    const r = window.devicePixelRatio;
    const d = c.getContext('2d').getImageData(Math.round(x * r), Math.round(200 * r), 1, 1).data;
    return d[0] > 200 && d[1] < 60 && d[2] < 60;
  }, x);
  let x = await page.evaluate(() => window.tl.timeToX(Date.UTC(2000, 0, 1)));
  assert.ok(await redAt(x), 'the annotation is drawn at its time');
  await page.evaluate(() => window.tl.setWindow('1999', '2003'));
  await page.waitForTimeout(100);
  x = await page.evaluate(() => window.tl.timeToX(Date.UTC(2000, 0, 1)));
  assert.ok(await redAt(x), 'and follows it after a zoom');
  const last = await page.evaluate(() => window.lastRender);
  assert.deepEqual(last.keys, ['context', 'height', 'pixelRatio', 'plot', 'timeToX', 'width', 'window', 'xToTime']);
  // hover an event
  const box = await page.locator('chrono-scope').boundingBox();
  await page.evaluate(() => window.tl.fit());
  await page.waitForTimeout(50);
  const r = await page.evaluate(() => window.tl.eventRect('sip-founded'));
  await page.mouse.move(box.x + r.x + 6, box.y + r.y + r.height / 2);
  await page.mouse.move(box.x + 5, box.y + 5);
  await page.waitForTimeout(50);
  assert.deepEqual(await page.evaluate(() => window.hovers), ['sip-founded', null]);
  await page.context().close();
});

test('export: PNG blob at 2× and SVG with the labels as text', async () => {
  const page = await apiPage();
  const r = await withTimeline(page, async (tl) => {
    const blob = await tl.exportPNG();
    const bmp = await createImageBitmap(blob);
    const small = await tl.exportPNG(1);
    const svg = tl.exportSVG();
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent.trim());
    let err = null;
    const p = tl.exportPNG(-1);
    const isPromise = p instanceof Promise;
    try { await p; } catch (e) { err = isPromise && e.code; }
    const frame = tl.element.shadowRoot.querySelector('.frame');
    return { type: blob.type, w: bmp.width, h: bmp.height, smallW: (await createImageBitmap(small)).width, cssW: frame.clientWidth, cssH: frame.clientHeight, parseError: doc.querySelector('parsererror') !== null, texts, err };
  });
  assert.equal(r.type, 'image/png');
  assert.equal(r.w, r.cssW * 2, 'twice the CSS size by default');
  assert.equal(r.h, r.cssH * 2);
  assert.equal(r.smallW, r.cssW);
  assert.equal(r.parseError, false, 'the SVG is well formed');
  assert.ok(r.texts.includes('Suzhou Industrial Park is launched'), 'event labels are text');
  assert.ok(r.texts.includes('2000'), 'axis labels are text');
  assert.equal(r.err, 'bad_argument');
  await page.context().close();
});

test('hooks: custom card and tooltip, date and value formatters', async () => {
  const page = await apiPage();
  await page.evaluate(async (sip) => {
    window.tl = await window.Chronoscope.create(document.getElementById('box'), {
      data: sip,
      renderCard(ev) {
        const div = document.createElement('div');
        div.className = 'my-card';
        div.textContent = `Custom: ${ev.title} (${ev.start})`;
        return div;
      },
      renderTooltip(ev) {
        const span = document.createElement('span');
        span.className = 'my-tip';
        span.textContent = `Tip: ${ev.id}`;
        return span;
      },
      formatDate(t) { return t.precision === 'year' ? `Year ${new Date(t.ms).getUTCFullYear()}` : null; },
      formatValue(v, s) { return s.id === 'sip-gdp' ? `¥${(v / 10).toFixed(1)}bn` : null; },
    });
  }, SIP);
  const card = await page.evaluate(() => {
    window.tl.select('sip-founded');
    const c = document.querySelector('chrono-scope').shadowRoot.querySelector('.card');
    return { custom: c.querySelector('.my-card')?.textContent, walk: !!c.querySelector('.walk .next') };
  });
  assert.deepEqual(card, { custom: 'Custom: Suzhou Industrial Park is launched (1994)', walk: true });
  const box = await page.locator('chrono-scope').boundingBox();
  await page.evaluate(() => { window.tl.select(null); window.tl.fit(); });
  await page.waitForTimeout(50);
  const r = await page.evaluate(() => window.tl.eventRect('ascendas-innovation-park'));
  await page.mouse.move(box.x + r.x + 6, box.y + r.y + r.height / 2);
  await page.waitForTimeout(50);
  assert.equal(await page.evaluate(() => document.querySelector('chrono-scope').shadowRoot.querySelector('.tooltip .my-tip')?.textContent), 'Tip: ascendas-innovation-park');
  const x = await page.evaluate(() => window.tl.timeToX(Date.UTC(2021, 3, 1)));
  await page.mouse.move(box.x + x, box.y + box.height - 90);
  await page.waitForTimeout(50);
  const readings = await page.evaluate(() => [...document.querySelector('chrono-scope').shadowRoot.querySelectorAll('.reading')].filter((e) => !e.hidden).map((e) => e.textContent));
  assert.deepEqual(readings, ['Year 2021: ¥333.0bn', 'Year 2021: 1,120 100 million US dollars']);
  // a hook that throws falls back to the built-in behaviour
  const fallback = await page.evaluate(() => {
    document.querySelector('chrono-scope').renderCard = () => { throw new Error('boom'); };
    window.tl.select('sip-founded');
    return document.querySelector('chrono-scope').shadowRoot.querySelector('.card .title').textContent;
  });
  assert.equal(fallback, 'Suzhou Industrial Park is launched');
  await page.context().close();
});

test('element and handle stay in sync: attributes and properties', async () => {
  const page = await apiPage();
  const r = await withTimeline(page, async (tl) => {
    const el = tl.element;
    el.start = '2010';
    el.end = new Date(Date.UTC(2020, 0, 1));
    const w = tl.getWindow();
    el.theme = 'dark';
    el.lang = 'zh-Hant';
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const label = el.shadowRoot.querySelector('.toolbar .zoom-in').getAttribute('aria-label');
    el.deepLink = true;
    const ready = new Promise((r) => el.addEventListener('ready', r, { once: true }));
    el.src = '/data/sip.zh-Hant.json';
    await ready;
    return { w, label, dark: el.getAttribute('theme'), deep: el.hasAttribute('deep-link'), title: tl.getData().title };
  });
  assert.deepEqual(r.w, { start: Date.UTC(2010, 0, 1), end: Date.UTC(2020, 0, 1) });
  assert.equal(r.label, '放大');
  assert.equal(r.dark, 'dark');
  assert.equal(r.deep, true);
  assert.match(r.title, /中新/);
  await page.context().close();
});

test('lifecycle: destroy frees everything; 1,000 create/destroy cycles do not grow', async () => {
  const page = await apiPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  // Every timeline has its own WebAssembly instance: count the memories the
  // heap still holds (after a collection), not only the loader's live list.
  const memories = async () => {
    const proto = await cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
    const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
    const n = await cdp.send('Runtime.callFunctionOn', { objectId: objects.objectId, functionDeclaration: 'function () { return this.length; }', returnByValue: true });
    await cdp.send('Runtime.releaseObject', { objectId: objects.objectId });
    return n.result.value;
  };
  const counters = async () => {
    await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    const c = await cdp.send('Memory.getDOMCounters');
    return { nodes: c.nodes, listeners: c.jsEventListeners, wasm: await page.evaluate(() => window.Chronoscope.wasmMemoryBytes), memories: await memories() };
  };
  const cycles = (n) => page.evaluate(async ([n, sip]) => {
    const box = document.getElementById('box');
    for (let i = 0; i < n; i++) {
      const tl = await window.Chronoscope.create(box, { data: sip });
      tl.select('sip-founded');
      tl.destroy();
    }
    return box.childElementCount;
  }, [n, { events: SIP.events.slice(0, 5), series: SIP.series }]);
  // The count sees a live timeline's memory (so its zero below means something).
  await page.evaluate((sip) => window.Chronoscope.create(document.getElementById('box'), { data: sip }).then((tl) => { window.held = tl; }), { events: SIP.events.slice(0, 5) });
  const held = await counters();
  assert.equal(held.memories, 1, 'one live timeline, one WebAssembly memory');
  assert.ok(held.wasm > 0);
  await page.evaluate(() => { window.held.destroy(); window.held = null; });
  assert.equal(await cycles(50), 0, 'destroy removes the element create() made');
  await cdp.send('HeapProfiler.collectGarbage');
  const a = await counters();
  assert.equal(await cycles(450), 0);
  await cdp.send('HeapProfiler.collectGarbage');
  const b = await counters();
  assert.equal(await cycles(500), 0);
  await cdp.send('HeapProfiler.collectGarbage');
  const c = await counters();
  assert.ok(c.nodes - a.nodes < 50, `DOM nodes stay flat (${a.nodes} → ${c.nodes})`);
  assert.ok(c.listeners - a.listeners < 10, `listeners stay flat (${a.listeners} → ${c.listeners})`);
  assert.equal(c.wasm, 0, `no live timeline holds wasm memory (${a.wasm} → ${b.wasm} → ${c.wasm})`);
  assert.ok(c.memories <= 1 && b.memories <= 1, `destroyed timelines' WebAssembly memories are collected (${a.memories} → ${b.memories} → ${c.memories} left)`);
  const after = await page.evaluate(async (sip) => {
    const tl = await window.Chronoscope.create(document.getElementById('box'), { data: sip });
    const el = tl.element;
    tl.destroy();
    let code = null;
    try { tl.getWindow(); } catch (e) { code = e.code; }
    return { code, attached: el.isConnected, timeline: el.timeline };
  }, SIP);
  assert.deepEqual(after, { code: 'destroyed', attached: false, timeline: null });
  await page.context().close();
});

test('create() on a running element applies the options; load() of the same src reloads; redraw()', async () => {
  const page = await apiPage();
  const r = await page.evaluate(async (sip) => {
    const el = document.createElement('chrono-scope');
    el.setAttribute('src', '/data/sip.en.json');
    document.getElementById('box').append(el);
    const tl = await window.Chronoscope.create(el, { data: { events: [{ id: 'x', start: '2001', title: 'X' }] }, theme: 'dark' });
    const out = { same: tl === el.timeline, ids: tl.getData().events.map((e) => e.id), theme: el.getAttribute('theme') };
    let readies = 0;
    tl.on('ready', () => readies++);
    await tl.load('/data/sip.en.json');
    await tl.load('/data/sip.en.json');
    out.readies = readies;
    let renders = 0;
    tl.on('render', (d) => { renders++; out.plot = d.plot; });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    out.renderedOnSubscribe = renders > 0;
    const before = renders;
    tl.redraw();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    out.redrawn = renders > before;
    let detached = null;
    try { await window.Chronoscope.create(document.createElement('div'), { data: sip }); } catch (e) { detached = e.code; }
    out.detached = detached;
    return out;
  }, SIP);
  assert.equal(r.same, true);
  assert.deepEqual(r.ids, ['x']);
  assert.equal(r.theme, 'dark');
  assert.equal(r.readies, 2, 'loading the same src again reloads');
  assert.equal(r.renderedOnSubscribe, true, 'a new render listener draws at once');
  assert.equal(r.redrawn, true);
  assert.ok(r.plot.x > 0 && r.plot.width > 500 && r.plot.height > 100, JSON.stringify(r.plot));
  assert.equal(r.detached, 'bad_argument');
  await page.context().close();
});

test('formatValue output is used as it is (no unit appended)', async () => {
  const page = await apiPage();
  await page.evaluate(async (sip) => {
    window.tl = await window.Chronoscope.create(document.getElementById('box'), {
      data: sip,
      formatValue: (v) => `${v} units`,
    });
  }, SIP);
  const box = await page.locator('chrono-scope').boundingBox();
  const x = await page.evaluate(() => window.tl.timeToX(Date.UTC(2021, 3, 1)));
  await page.mouse.move(box.x + x, box.y + box.height - 90);
  await page.waitForTimeout(50);
  const readings = await page.evaluate(() => [...document.querySelector('chrono-scope').shadowRoot.querySelectorAll('.reading')].filter((e) => !e.hidden).map((e) => e.textContent));
  assert.deepEqual(readings, ['2021: 3330 units', '2021: 1120 units']);
  await page.context().close();
});

test('create() on an element without data of its own, or whose load failed; load() on a destroyed handle', async () => {
  const page = await apiPage();
  const r = await page.evaluate(async () => {
    const out = {};
    const one = [{ id: 'x', start: '2001', title: 'X' }];
    // No src, no inline JSON: given data in the same task as insertion…
    const a = document.createElement('chrono-scope');
    document.getElementById('box').append(a);
    out.sameTask = (await window.Chronoscope.create(a, { data: { events: one } })).getData().events.length;
    // …and after it has started and shows `no_source`.
    const b = document.createElement('chrono-scope');
    document.getElementById('box2').append(b);
    const code = await new Promise((res) => b.addEventListener('error', (e) => res(e.detail.code), { once: true }));
    out.started = code;
    try { await window.Chronoscope.create(b); out.noData = 'resolved'; } catch (e) { out.noData = e.code; }
    out.afterNoSource = (await window.Chronoscope.create(b, { data: { events: one } })).getData().events.length;
    // A failed reload keeps the data on screen: create() resolves with it.
    b.setAttribute('src', '/data/missing.json');
    await new Promise((res) => b.addEventListener('error', res, { once: true }));
    out.kept = (await window.Chronoscope.create(b)).getData().events.length;
    // A failed first load: create() without data rejects with its error at once; with src it recovers.
    const c = document.createElement('chrono-scope');
    c.setAttribute('src', '/data/missing.json');
    document.getElementById('box2').append(c);
    await new Promise((res) => c.addEventListener('error', res, { once: true }));
    try { await window.Chronoscope.create(c); out.failed = 'resolved'; } catch (e) { out.failed = e.code; }
    out.recovered = (await window.Chronoscope.create(b, { src: '/data/sip.en.json' })).getData().events.length;
    out.recoveredC = (await window.Chronoscope.create(c, { src: '/data/sip.en.json' })).getData().events.length;
    // A destroyed handle: load() rejects with `destroyed`, whatever the src.
    const tl = b.timeline;
    tl.destroy();
    out.loadSame = await tl.load('/data/sip.en.json').then(() => 'resolved', (e) => e.code);
    out.loadOther = await tl.load('/data/other.json').then(() => 'resolved', (e) => e.code);
    try { await window.Chronoscope.create(b); out.destroyedCreate = 'resolved'; } catch (e) { out.destroyedCreate = e.code; }
    return out;
  });
  assert.deepEqual(r, {
    sameTask: 1,
    started: 'no_source',
    noData: 'no_source',
    afterNoSource: 1,
    kept: 1,
    failed: 'http_status',
    recovered: 20,
    recoveredC: 20,
    loadSame: 'destroyed',
    loadOther: 'destroyed',
    destroyedCreate: 'destroyed',
  });
  await page.context().close();
});

test('the widget accepts and refuses the same files as the command line, with the same codes', async () => {
  // tests/cli.rs runs `chronoscope validate` over the same manifest.
  const dir = new URL('../fixtures/load/', import.meta.url);
  const { cases } = JSON.parse(readFileSync(new URL('cases.json', dir), 'utf8'));
  const files = cases.map(([file, want]) => [file, want, Array.from(readFileSync(new URL(file, dir)))]);
  const page = await apiPage();
  const got = await withTimeline(page, async (tl, _sip, files) => {
    const out = [];
    for (const [file, , bytes] of files) {
      try {
        await tl.setData(new Uint8Array(bytes));
        out.push([file, 'ok']);
      } catch (e) {
        out.push([file, e instanceof Error ? e.code : `not an Error: ${e}`]);
      }
    }
    return out;
  }, files);
  assert.deepEqual(got, cases.map(([file, want]) => [file, want]));
  await page.context().close();
});
