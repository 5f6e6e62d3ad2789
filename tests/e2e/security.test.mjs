// Hostile content (issue 7, docs/SECURITY.md): every payload of
// tests/security/xss-payloads.txt is put into every text, URL and id field
// of a dataset — our JSON (through setData and src), our series CSV, and
// TimelineJS 3 JSON, TimelineJS 2 JSON and the TimelineJS sheet CSV — and
// every place a dataset string reaches the DOM is exercised: each event's
// card, cluster lists, tooltips, the series card and crosshair readings,
// the print list, exportSVG, getData and the error message box.
//
// The page (site/security.html) has no Content-Security-Policy, so a payload
// that reached the DOM as markup or as an address would run. The test
// asserts that none did: the sentinel `window.__xss` stays unset, no dialog
// opens (alert/prompt/confirm), no element outside the widget's own few
// kinds appears anywhere (watched with MutationObservers on the document
// and every shadow root, so an element added and removed again is seen
// too), no element has an on* attribute, and every img src and a href is a
// resolved http(s) (or mailto) address. Each card's title must equal the
// payload as text — the proof that the payload did reach the DOM, as text.
// The last test renders the same payloads unsafely (a renderCard hook with
// innerHTML) and checks that the detectors fire: without the protection
// this file fails.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, newPage, url } from './browser.mjs';

const CORPUS = new URL('../security/xss-payloads.txt', import.meta.url);

/** The corpus, expanded (see the file's header): [{ n, text }]. */
function readPayloads() {
  const names = { LF: '\n', CR: '\r', TAB: '\t', NUL: '\0', FF: '\f', VT: '\v' };
  return readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && line !== '#' && !line.startsWith('# '))
    .map((line, i) => ({
      n: i + 1,
      text: line
        .replaceAll('__N__', String(i + 1))
        .replace(/\{\{(LF|CR|TAB|NUL|FF|VT|U\+([0-9A-F]{4,6}))\}\}/g, (_, name, hex) =>
          hex ? String.fromCodePoint(parseInt(hex, 16)) : names[name]),
    }));
}

// SECURITY_PAYLOADS=20 (for a quick run by hand) takes the first 20.
/** Trimmed as the dataset reader trims (Unicode White_Space; not U+FEFF, as JS's trim() does). */
const trim = (s) => s.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, '');

const PAYLOADS = readPayloads().slice(0, Number(process.env.SECURITY_PAYLOADS) || undefined);

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/**
 * Installed in the page before anything runs: the detectors and the helpers
 * that exercise the widget. `window.__sec.problems` collects what must not
 * happen; the observers judge only once `__sec.armed` is set (the page's own
 * script and link elements are not the data's).
 */
function pageGuard() {
  const problems = [];
  const TAGS = new Set(['div', 'p', 'canvas', 'button', 'svg', 'path', 'h2', 'em', 'strong', 'a', 'br',
    'ul', 'ol', 'li', 'span', 'figure', 'img', 'figcaption', 'bdi', 'code', 'slot',
    // the Data dialog (docs/accessibility.md)
    'dialog', 'section', 'h3', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td']);
  const LIGHT_TAGS = new Set(['chrono-scope']);
  const ATTRS = new Set(['class', 'id', 'tabindex', 'role', 'hidden', 'type', 'disabled', 'title', 'dir',
    'lang', 'href', 'target', 'rel', 'src', 'alt', 'loading', 'referrerpolicy', 'style', 'viewbox', 'width',
    'height', 'focusable', 'd', 'fill', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin', 'scope',
    'open']);
  const ICONS = new Set(['M12 5v14M5 12h14', 'M5 12h14', 'M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5',
    'M12 4v11M7 10l5 5 5-5M5 20h14', 'M4 5h16v14H4zM4 10h16M10 10v9']);
  const httpish = (v, mailto) => {
    try {
      const u = new URL(v);
      return u.href === v && (u.protocol === 'http:' || u.protocol === 'https:' || (mailto && u.protocol === 'mailto:'));
    } catch {
      return false;
    }
  };
  const describe = (e) => `<${e.localName}${[...e.attributes].map((a) => ` ${a.name}=${JSON.stringify(a.value.slice(0, 80))}`).join('')}>`;
  function checkAttr(e, a, inShadow) {
    const name = a.name.toLowerCase();
    if (name.startsWith('on')) problems.push(`event handler attribute: ${describe(e)}`);
    else if (inShadow && !ATTRS.has(name) && !name.startsWith('aria-')) problems.push(`unexpected attribute ${name}: ${describe(e)}`);
    if (['action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'srcset', 'poster', 'background', 'codebase'].includes(name)) {
      problems.push(`address attribute ${name}: ${describe(e)}`);
    }
    if (name === 'href' && e.localName !== 'chrono-scope' && !httpish(a.value, true)) problems.push(`href not http(s)/mailto: ${describe(e)}`);
    if (name === 'src' && e.localName !== 'chrono-scope' && !httpish(a.value, false)) problems.push(`src not resolved http(s): ${describe(e)}`);
    if (name === 'style' && /url\(|expression|javascript/i.test(a.value)) problems.push(`style: ${describe(e)}`);
  }

  function checkEl(e, inShadow) {
    const tag = e.localName;
    if (inShadow ? !TAGS.has(tag) : !LIGHT_TAGS.has(tag)) problems.push(`unexpected element: ${describe(e)}`);
    if (tag === 'svg' && !(e.parentElement?.localName === 'button' && e.closest('.toolbar'))) problems.push(`svg outside the toolbar: ${describe(e)}`);
    if (tag === 'path' && !(e.parentElement?.localName === 'svg' && ICONS.has(e.getAttribute('d')))) problems.push(`path that is not an icon: ${describe(e)}`);
    if (tag === 'a' && !e.hasAttribute('href')) problems.push(`a without href: ${describe(e)}`);
    if (tag === 'img' && !httpish(e.getAttribute('src') ?? '', false)) problems.push(`img src: ${describe(e)}`);
    for (const a of e.attributes) checkAttr(e, a, inShadow);
  }

  const sec = {
    problems,
    armed: false,
    dialogs: [],
    errors: [],
  };
  const observer = new MutationObserver((records) => {
    if (!sec.armed) return;
    for (const r of records) {
      // Judged by where the change happened (an element may be gone since).
      const shadow = r.target.getRootNode() instanceof ShadowRoot;
      if (r.type === 'attributes') {
        const a = r.target.getAttributeNode(r.attributeName);
        if (a) checkAttr(r.target, a, shadow);
      }
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        checkEl(n, shadow);
        for (const d of n.querySelectorAll('*')) checkEl(d, shadow);
      }
    }
  });
  const watch = (root) => observer.observe(root, { childList: true, subtree: true, attributes: true });
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function attachShadow(init) {
    const root = attach.call(this, init);
    watch(root);
    return root;
  };
  watch(document);

  /** Every element now in the document and its shadow roots, checked. */
  sec.scan = () => {
    const walk = (root) => {
      for (const e of root.querySelectorAll('*')) {
        if (root !== document) checkEl(e, true);
        else if (e.parentElement?.closest('body') && !e.matches('chrono-scope > script[type="application/json"]')) checkEl(e, false);
        for (const a of e.attributes) if (a.name.toLowerCase().startsWith('on')) problems.push(`handler: ${describe(e)}`);
        if (e.shadowRoot) walk(e.shadowRoot);
      }
    };
    walk(document);
    if (window.__xss !== undefined) problems.push(`sentinel set: window.__xss = ${window.__xss}`);
    return problems.length;
  };

  sec.frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

  /** Opens every event's card; returns [{ id, title, text, hidden, walk }]. */
  sec.cards = async (el) => {
    const tl = el.timeline;
    const card = el.shadowRoot.querySelector('.card');
    const out = [];
    for (const ev of tl.getData().events.filter((e) => e.title !== 'filler')) {
      tl.select(ev.id);
      await sec.frame();
      out.push({
        id: ev.id, title: ev.title, hidden: card.hidden,
        heading: card.querySelector('h2')?.textContent ?? null,
        text: card.textContent,
        date: card.querySelector('.date')?.textContent ?? null,
        walk: !!card.querySelector('.walk'),
      });
    }
    tl.select(null);
    await sec.frame();
    return out;
  };

  /** The print list's text (beforeprint, then afterprint). */
  sec.print = (el) => {
    window.dispatchEvent(new Event('beforeprint'));
    const list = el.shadowRoot.querySelector('.print-list');
    const r = { items: list.children.length, text: list.textContent };
    window.dispatchEvent(new Event('afterprint'));
    return r;
  };

  /** exportSVG, parsed: problems and the label texts. */
  sec.svg = (el) => {
    const s = el.timeline.exportSVG();
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
    const bad = [];
    if (doc.querySelector('parsererror')) bad.push(`not well-formed: ${doc.querySelector('parsererror').textContent.slice(0, 200)}`);
    for (const e of doc.querySelectorAll('*')) {
      if (['script', 'foreignObject', 'iframe', 'use', 'animate', 'set', 'a', 'image', 'style'].includes(e.localName)) bad.push(`<${e.localName}>`);
      for (const a of e.attributes) {
        if (a.name.toLowerCase().startsWith('on')) bad.push(`${a.name} on <${e.localName}>`);
        if (/href$/i.test(a.name)) bad.push(`${a.name}=${a.value}`);
      }
    }
    return { bad, texts: [...doc.querySelectorAll('text')].map((t) => t.textContent.trim()) };
  };

  window.__sec = sec;
  window.addEventListener('DOMContentLoaded', () => {
    for (const el of document.querySelectorAll('chrono-scope')) {
      el.addEventListener('error', (e) => {
        const d = e.detail;
        sec.errors.push({ code: d.code, path: d.path ?? null, fatal: d.fatal, message: d.message });
      });
    }
  });
}

/** Opens security.html with the guard, arms it once the widget is ready. */
async function openGuarded() {
  const page = await newPage(browser, { width: 1100, height: 900, reducedMotion: 'reduce' });
  const origin = new URL(url('/')).origin;
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), type: r.resourceType() }));
  // Nothing leaves the test server (a media address elsewhere is allowed
  // by design, but there is nothing to fetch).
  await page.route((u) => u.origin !== origin, (route) => route.abort());
  page.dialogs = [];
  page.on('dialog', async (d) => {
    page.dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  page.on('popup', (p) => page.dialogs.push(`popup: ${p.url()}`));
  await page.addInitScript(pageGuard);
  await page.goto(url('/security.html'));
  await page.waitForFunction(() => document.querySelector('#w')?.timeline != null, null, { timeout: 20_000 });
  await page.evaluate(() => { window.__sec.armed = true; });
  page.requests = requests;
  page.origin = origin;
  return page;
}

/** Fails with everything the detectors saw (and which payloads ran). */
async function assertClean(page, what) {
  const { problems, xss } = await page.evaluate(() => {
    window.__sec.scan();
    return { problems: window.__sec.problems.slice(0, 20), xss: window.__xss };
  });
  assert.equal(xss, undefined, `${what}: a payload ran (window.__xss = ${xss})`);
  assert.deepEqual(page.dialogs, [], `${what}: a payload opened a dialog`);
  assert.deepEqual(problems, [], `${what}: unexpected DOM`);
  const own = new Set(['/security.html', '/fixture.css', '/chronoscope.js', '/chronoscope_wasm.js',
    '/chronoscope_wasm_bg.wasm', '/favicon.svg']);
  const active = page.requests.filter((r) => ['script', 'stylesheet', 'document', 'font', 'object', 'other'].includes(r.type)
    && !(r.url.startsWith(page.origin) && own.has(new URL(r.url).pathname)));
  assert.deepEqual(active, [], `${what}: only the page's own scripts, styles and documents are requested`);
  assert.deepEqual(page.pageErrors.map(String), [], `${what}: page errors`);
}

// ----- the datasets -----

const TIMES = ['2000', '2010'];

/**
 * Events titled "filler" at 2010, before the second hostile event there:
 * more than the rows of a lane, so that event ends up in a cluster.
 */
const FILL = 16;
const fillers = (make) => Array.from({ length: FILL }, (_, i) => make(i));

/** Our JSON with `p` in every text, URL and id field. */
function ours(p) {
  const event = (id, start, extra = {}) => ({
    id, start, title: p, text: p, displayDate: p, group: p, link: p,
    media: { url: p, alt: p, caption: p, credit: p }, source: { name: p, url: p }, ...extra,
  });
  return {
    schemaVersion: 1, title: p, description: p, locale: p, source: { name: p, url: p },
    groups: [{ id: p, label: p }],
    eras: [{ start: '1995', end: '2005', label: p }],
    events: [
      event(p, TIMES[0]),
      { id: 'ok', start: TIMES[0], title: 'ok', media: { url: 'https://example.org/a.png', alt: p } },
      ...fillers((i) => ({ id: `filler-${i}`, start: TIMES[1], title: 'filler' })),
      // In a cluster, whose list shows its title.
      event(`${p}-2`, TIMES[1], { group: undefined }),
    ],
    series: [{ id: p, name: p, unit: p, note: p, source: { name: p, url: p }, points: [['2000', 1], ['2005', 3], ['2010', 2]] }],
  };
}

/** Where our JSON has an address: [path, mailto allowed]. */
const OUR_URLS = [
  ['source.url', false],
  ['events[0].link', true], ['events[0].media.url', false], ['events[0].source.url', false],
  [`events[${FILL + 2}].link`, true], [`events[${FILL + 2}].media.url`, false], [`events[${FILL + 2}].source.url`, false],
  ['series[0].source.url', false],
];

const csvCell = (s) => `"${s.replaceAll('"', '""')}"`;

/** Our series CSV with `p` as a column's name and unit. */
const seriesCsv = (p) => `date,${csvCell(`${p} [${p}]`)},${csvCell(p)}\n2000,1,2\n2005,3,\n2010,2,5\n`;

/** TimelineJS 3 JSON with `p` everywhere. */
function tl3(p) {
  const media = { url: p, caption: p, credit: p, thumbnail: p, alt: p, link: p };
  return {
    title: { text: { headline: p, text: p }, media: { url: p, caption: p, credit: p } },
    events: [
      { unique_id: p, start_date: { year: 2000, display_date: p }, end_date: { year: 2001, display_date: p },
        display_date: p, text: { headline: p, text: p }, media, group: p, background: { url: p, alt: p } },
      { start_date: { year: 2005 }, text: { headline: 'ok', text: `<p>${p}</p>` }, media: { url: `<blockquote>${p}</blockquote>`, credit: p } },
      { start_date: { year: 2012 }, text: { headline: p }, media: { url: `<iframe src="${p}"></iframe>`, thumbnail: p } },
      ...fillers(() => ({ start_date: { year: 2010 }, text: { headline: 'filler' } })),
      // A page, not an image: the thumbnail becomes the image. In a cluster.
      { unique_id: `${p}-2`, start_date: { year: 2010 }, text: { headline: p, text: p },
        media: { url: 'https://example.org/video', thumbnail: p, caption: p, credit: p, alt: p } },
    ],
    eras: [{ start_date: { year: 1995 }, end_date: { year: 2005 }, text: { headline: p, text: p } }],
  };
}

/** TimelineJS 2 JSON with `p` everywhere. */
const tl2 = (p) => ({
  timeline: {
    headline: p, text: p, type: 'default', asset: { media: p, credit: p, caption: p },
    date: [
      { startDate: '2000,1,1', headline: p, text: p, tag: p, asset: { media: p, thumbnail: p, credit: p, caption: p } },
      { startDate: '2005', headline: 'ok', text: p },
      ...fillers(() => ({ startDate: '2010', headline: 'filler' })),
      { startDate: '2010', headline: p, text: p, unique_id: `${p}-2`, asset: { media: 'https://example.org/page', thumbnail: p } },
    ],
    era: [{ startDate: '1995', endDate: '2005', headline: p, text: p }],
  },
});

/** The TimelineJS sheet as CSV with `p` in every cell but the dates. */
function sheet(p) {
  const cols = ['Year', 'Month', 'Day', 'Time', 'End Year', 'End Month', 'End Day', 'End Time', 'Display Date',
    'Headline', 'Text', 'Media', 'Media Credit', 'Media Caption', 'Media Thumbnail', 'Type', 'Group', 'Background', 'Alt Text'];
  const row = (o) => cols.map((c) => csvCell(o[c] ?? '')).join(',');
  const all = { 'Display Date': p, Headline: p, Text: p, Media: p, 'Media Credit': p, 'Media Caption': p,
    'Media Thumbnail': p, Group: p, Background: p, 'Alt Text': p };
  return [
    cols.join(','),
    row({ Headline: p, Text: p, Media: p, Type: 'title' }),
    row({ ...all, Year: '2000', Month: '1', Day: '1', 'End Year': '2001' }),
    row({ Year: '2005', Headline: 'ok', Text: p }),
    ...fillers(() => row({ Year: '2010', Headline: 'filler' })),
    row({ ...all, Year: '2010', Media: 'https://example.org/page', Group: '' }),
    row({ Year: '1995', 'End Year': '2005', Headline: p, Type: 'era' }),
  ].join('\r\n');
}

/** Each format: how to make it, how it is given to the widget. */
const FORMATS = [
  { name: 'dataset JSON (setData object)', make: ours, via: 'object', series: true, urls: OUR_URLS },
  // Through src: the fetch and the addresses resolved against the file; the
  // hover and series steps are the same as through setData, and left out.
  { name: 'dataset JSON (src)', make: (p) => JSON.stringify(ours(p)), via: 'src', urls: OUR_URLS, interact: false },
  { name: 'series CSV', make: seriesCsv, via: 'text', series: true, events: false },
  { name: 'TimelineJS 3 JSON', make: (p) => JSON.stringify(tl3(p)), via: 'text', where: 'events[0]' },
  { name: 'TimelineJS 3 JSON (src)', make: (p) => JSON.stringify(tl3(p)), via: 'src', where: 'events[0]', interact: false },
  { name: 'TimelineJS 2 JSON', make: (p) => JSON.stringify(tl2(p)), via: 'text', where: 'timeline.date[0]' },
  { name: 'TimelineJS sheet CSV', make: sheet, via: 'text', where: 'row 3' },
];

/** What a browser makes of `p` as an address on this page: its scheme, or null. */
function schemeOf(p, base) {
  try {
    return new URL(p, base).protocol;
  } catch {
    return null;
  }
}

/**
 * Loads `data` (object, text, or text served at a URL of this origin) into
 * #w; returns the error events it caused.
 */
async function load(page, format, data, n) {
  if (format.via === 'src') {
    const path = `/hostile/${n}.json`;
    await page.route(`**${path}`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: data }));
    return page.evaluate(async (path) => {
      const sec = window.__sec;
      sec.errors.length = 0;
      const tl = document.querySelector('#w').timeline ?? sec.handle;
      await tl.load(path);
      await sec.frame();
      return sec.errors.slice();
    }, path);
  }
  return page.evaluate(async (data) => {
    const sec = window.__sec;
    sec.errors.length = 0;
    const tl = document.querySelector('#w').timeline ?? sec.handle;
    await tl.setData(data);
    await sec.frame();
    return sec.errors.slice();
  }, data);
}

/** The centre of event `id` in page coordinates, or null when not drawn. */
async function eventPoint(page, id) {
  return page.evaluate((id) => {
    const el = document.querySelector('#w');
    const r = el.timeline.eventRect(id);
    if (!r) return null;
    const b = el.getBoundingClientRect();
    return { x: b.x + r.x + Math.min(r.width / 2, 6), y: b.y + r.y + r.height / 2 };
  }, id);
}

/** Finds the first pane's title by clicking down the left edge (once per layout). */
async function findPaneTitle(page, name) {
  const box = await page.evaluate(() => {
    const b = document.querySelector('#w').getBoundingClientRect();
    return { x: b.x, y: b.y, height: b.height };
  });
  for (let y = box.y + 4; y < box.y + box.height - 40; y += 4) {
    await page.mouse.click(box.x + 24, y);
    const found = await page.evaluate(() => {
      const card = document.querySelector('#w').shadowRoot.querySelector('.card');
      return !card.hidden && !card.querySelector('.walk') ? card.querySelector('h2').textContent : null;
    });
    if (found !== null) {
      assert.equal(found, name, 'the series card is titled with the series name');
      return { x: box.x + 24, y };
    }
  }
  return null;
}

test('the corpus: at least 100 payloads, each with a numbered sentinel', () => {
  assert.ok(readPayloads().length >= 100, `${readPayloads().length} payloads`);
  for (const { n, text } of PAYLOADS) {
    assert.match(text, new RegExp(`(alert|prompt|confirm|msgbox|MsgBox)\\W{1,2}${n}\\b|__xss=${n}\\b|__xss%3D${n}\\b|\\b${n}\\b`), `payload ${n} names itself`);
  }
  assert.equal(new Set(PAYLOADS.map((p) => p.text)).size, PAYLOADS.length, 'no payload twice');
});

for (const format of FORMATS) {
  test(`hostile strings stay text: ${format.name}`, { timeout: 600_000 }, async () => {
    const page = await openGuarded();
    await page.evaluate(() => { window.__sec.handle = document.querySelector('#w').timeline; });
    let pane = null;
    const stats = { cards: 0, tooltips: 0, clusters: 0, seriesCards: 0, refused: 0 };
    for (const { n, text: p } of PAYLOADS) {
      const what = `${format.name}, payload ${n} ${JSON.stringify(p)}`;
      const errors = await load(page, format, format.make(p), n);
      assert.ok(!errors.some((e) => e.fatal), `${what}: loaded (${JSON.stringify(errors.find((e) => e.fatal))})`);

      // Refused addresses: every one a browser would not resolve to http(s)
      // (mailto for links) is a bad_url error at its path.
      const dangerous = ['javascript:', 'vbscript:', 'data:', 'livescript:', 'file:', 'blob:', 'filesystem:', 'jar:'];
      if (format.urls) {
        for (const [path, mailto] of format.urls) {
          const scheme = schemeOf(p, url('/hostile/'));
          const fine = scheme === 'http:' || scheme === 'https:' || (mailto && scheme === 'mailto:');
          if (scheme !== null && !fine) {
            assert.ok(errors.some((e) => e.code === 'bad_url' && e.path === path), `${what}: bad_url at ${path} (errors: ${JSON.stringify(errors.map((e) => `${e.code} ${e.path}`))})`);
            stats.refused += 1;
          }
        }
      } else if (format.where && !p.trimStart().startsWith('<') && dangerous.includes(schemeOf(p, url('/')))) {
        assert.ok(errors.some((e) => e.code === 'bad_url' && e.path?.startsWith(format.where)),
          `${what}: a bad_url error at ${format.where} (errors: ${JSON.stringify(errors.map((e) => `${e.code} ${e.path}`))})`);
        stats.refused += 1;
      }

      // Every event's card; the title is the payload, as text.
      const cards = await page.evaluate(() => window.__sec.cards(document.querySelector('#w')));
      for (const c of cards) {
        assert.equal(c.hidden, false, `${what}: card of ${JSON.stringify(c.id)} opens`);
        assert.equal(c.heading, c.title, `${what}: the card's heading is the title, as text`);
        stats.cards += 1;
      }
      if (format.urls) {
        assert.equal(cards[0].heading, trim(p), `${what}: the payload is the card's heading, as text`);
        assert.equal(cards[0].date, trim(p), `${what}: the payload is the card's date line, as text`);
      }

      // Tooltips of the events drawn on their own, and the cluster's list.
      const events = format.interact === false ? []
        : await page.evaluate(() => document.querySelector('#w').timeline.getData().events);
      for (const ev of events.filter((e) => e.title !== 'filler')) {
        const at = await eventPoint(page, ev.id);
        if (!at) continue;
        await page.mouse.move(at.x, at.y);
        const tip = await page.evaluate(() => {
          const t = document.querySelector('#w').shadowRoot.querySelector('.tooltip');
          return t.hidden ? null : { data: t.querySelector('strong.data')?.textContent ?? null, text: t.textContent };
        });
        if (tip?.data != null) {
          assert.equal(tip.data, ev.title, `${what}: tooltip title as text`);
          stats.tooltips += 1;
        } else if (tip) {
          // A cluster: clicking its badge lists the events at that instant.
          await page.mouse.click(at.x, at.y);
          const list = await page.evaluate(() => [...document.querySelector('#w').shadowRoot.querySelectorAll('.card .member-title')].map((e) => e.textContent));
          assert.ok(list.includes(ev.title), `${what}: the cluster's list shows the title as text`);
          stats.clusters += 1;
          await page.keyboard.press('Escape');
        }
      }
      await page.mouse.move(1, 1);

      // The series card and the crosshair's readings.
      if (format.series) {
        const name = await page.evaluate(() => document.querySelector('#w').timeline.getData().series[0].name);
        pane ??= await findPaneTitle(page, name);
        assert.ok(pane, `${what}: found the series pane's title`);
        await page.mouse.click(pane.x, pane.y);
        const card = await page.evaluate(() => {
          const c = document.querySelector('#w').shadowRoot.querySelector('.card');
          return c.hidden ? null : c.querySelector('h2').textContent;
        });
        assert.equal(card, name, `${what}: series card`);
        stats.seriesCards += 1;
        await page.keyboard.press('Escape');
        // The Data dialog: the name as text in its heading and its table's
        // caption (the guard judges the dialog's DOM while it is open).
        const table = await page.evaluate(async () => {
          const root = document.querySelector('#w').shadowRoot;
          root.querySelector('.toolbar .data').click();
          await window.__sec.frame();
          const d = root.querySelector('dialog');
          const r = { open: d.open, h: d.querySelector('h3')?.textContent, caption: d.querySelector('caption')?.textContent };
          d.close();
          await window.__sec.frame();
          return r;
        });
        assert.equal(table.open, true, `${what}: the Data dialog opens`);
        assert.equal(table.h, table.caption, `${what}: heading and caption`);
        if (name.trim() !== '') assert.ok(table.h.includes(name), `${what}: the series name in the Data dialog, as text`);
        await page.mouse.move(pane.x + 300, pane.y + 30);
        await page.mouse.move(pane.x + 500, pane.y + 30);
        await page.mouse.move(1, 1);
      }

      // Print list, SVG export, getData.
      const out = await page.evaluate(() => {
        const el = document.querySelector('#w');
        const data = el.timeline.getData();
        return { print: window.__sec.print(el), svg: window.__sec.svg(el), data };
      });
      assert.deepEqual(out.svg.bad, [], `${what}: exportSVG`);
      if (format.events !== false) assert.ok(out.print.items > 0, `${what}: print list`);
      for (const ev of out.data.events) {
        for (const [u, mailto] of [[ev.link, true], [ev.media?.url, false], [ev.source?.url, false]]) {
          if (u === undefined) continue;
          const scheme = schemeOf(u, url('/hostile/'));
          assert.ok(scheme === 'http:' || scheme === 'https:' || (mailto && scheme === 'mailto:'), `${what}: getData keeps only addresses that resolve to http(s): ${JSON.stringify(u)}`);
        }
      }
      await assertClean(page, what);
    }
    // Still works: good data renders.
    await load(page, FORMATS[0], { title: 'After', events: [{ id: 'a', start: '2001', title: 'Afterwards' }] }, 0);
    const after = await page.evaluate(async () => {
      const el = document.querySelector('#w');
      el.timeline.select('a');
      await window.__sec.frame();
      return el.shadowRoot.querySelector('.card h2').textContent;
    });
    assert.equal(after, 'Afterwards');
    await assertClean(page, `${format.name}: at the end`);
    if (format.events !== false) assert.ok(stats.cards >= PAYLOADS.length * 2, `cards opened: ${JSON.stringify(stats)}`);
    if (format.events !== false && format.interact !== false) {
      assert.ok(stats.tooltips >= PAYLOADS.length, `tooltips shown: ${JSON.stringify(stats)}`);
      assert.ok(stats.clusters >= PAYLOADS.length, `cluster lists shown: ${JSON.stringify(stats)}`);
    }
    console.log(`# ${format.name}: ${PAYLOADS.length} payloads, ${JSON.stringify(stats)}`);
    await page.context().close();
  });
}

test('error messages show hostile values as text', { timeout: 600_000 }, async () => {
  const page = await openGuarded();
  await page.evaluate(() => { window.__sec.handle = document.querySelector('#w').timeline; });
  // Nothing leaves the page for these addresses either.
  await page.route('**/hostile-src/**', (route) => route.fulfill({ status: 404, body: '' }));
  let shown = 0;
  for (const { n, text: p } of PAYLOADS) {
    const what = `payload ${n} ${JSON.stringify(p)}`;
    const r = await page.evaluate(async (p) => {
      const sec = window.__sec;
      const el = document.querySelector('#w');
      const boxes = () => [...el.shadowRoot.querySelectorAll('.detail')].filter((d) => !d.closest('[hidden]')).map((d) => d.textContent);
      const out = {};
      // A fatal error that quotes the value: the message box shows it.
      sec.errors.length = 0;
      try {
        await sec.handle.setData({ schemaVersion: p, events: [] });
        out.resolved = true;
      } catch (e) {
        out.code = e.code;
      }
      await sec.frame();
      out.box = boxes();
      out.event = sec.errors.map((e) => e.code);
      // A src that cannot be loaded: the message names the address.
      try {
        await sec.handle.load(`/hostile-src/${encodeURIComponent(p)}`);
      } catch (e) {
        out.loadCode = e.code;
      }
      try {
        await sec.handle.load(p);
      } catch (e) {
        out.rawLoadCode = e.code;
      }
      await sec.frame();
      out.box2 = boxes();
      return out;
    }, p);
    assert.equal(r.code, 'unsupported_version', `${what}: setData rejects`);
    assert.ok(r.event.includes('unsupported_version'), `${what}: an error event`);
    assert.ok(r.box.some((t) => t.includes(p)), `${what}: the message shows the value as text: ${JSON.stringify(r.box)}`);
    assert.equal(r.loadCode, 'http_status', `${what}: load of a missing file`);
    assert.ok(['http_status', 'fetch_failed', 'json_syntax', 'wrong_type', 'bad_encoding'].includes(r.rawLoadCode), `${what}: load(payload) fails: ${r.rawLoadCode}`);
    assert.ok(r.box2.length > 0, `${what}: the failed load is shown`);
    shown += 1;
    await assertClean(page, `error box, ${what}`);
  }
  // The widget still works.
  await page.evaluate(() => window.__sec.handle.setData({ title: 'After', events: [{ id: 'a', start: '2001', title: 'Afterwards' }] }));
  const after = await page.evaluate(async () => {
    const el = document.querySelector('#w');
    el.timeline.select('a');
    await window.__sec.frame();
    return el.shadowRoot.querySelector('.card h2').textContent;
  });
  assert.equal(after, 'Afterwards');
  assert.equal(shown, PAYLOADS.length);
  await assertClean(page, 'error box: at the end');
  await page.context().close();
});

// The detectors above, against a rendering that is NOT safe: a renderCard
// hook (the page's own code, inserted as it is) that puts the title into
// innerHTML. If the widget did that itself, the tests above would fail the
// same way — this is the proof that they can.
test('the detectors catch an unsafe rendering of the same payloads', async () => {
  const page = await openGuarded();
  const picks = ['<img src=x onerror=alert(__N__)>', '<svg onload=alert(__N__)>', '<img src=x onerror="window.__xss=__N__">',
    '<a href="javascript:alert(__N__)">click</a>'];
  const chosen = readPayloads().filter((p) => picks.some((q) => p.text === q.replaceAll('__N__', String(p.n))));
  assert.ok(chosen.length >= 2, 'the corpus has the payloads this test uses');
  await page.evaluate(() => {
    document.querySelector('#w').renderCard = (ev) => {
      const div = document.createElement('div');
      div.innerHTML = ev.title; // deliberately unsafe
      return div;
    };
  });
  for (const { text: p } of chosen) {
    await load(page, FORMATS[0], ours(p), 0);
    await page.evaluate(() => window.__sec.cards(document.querySelector('#w')));
    await page.waitForTimeout(100);
  }
  const seen = await page.evaluate(() => { window.__sec.scan(); return { problems: window.__sec.problems, xss: window.__xss }; });
  assert.ok(seen.problems.some((p) => /unexpected element: <img|event handler attribute/.test(p)), `DOM detector: ${JSON.stringify(seen.problems)}`);
  assert.ok(seen.problems.some((p) => /href not http/.test(p)), 'href detector');
  assert.ok(seen.xss !== undefined || page.dialogs.length > 0, 'the sentinel or a dialog shows that a payload ran');
  await assert.rejects(assertClean(page, 'unsafe'), 'assertClean fails');
  await page.context().close();
});
