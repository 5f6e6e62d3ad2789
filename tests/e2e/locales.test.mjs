// End-to-end: the six languages (issue 6). Each one's own words on the
// controls, its dates on the axis (exported SVG keeps them as <text>) and in
// cards — BCE and deep time as Intl writes them — and the mirrored chrome
// on right-to-left pages.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, url } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const DATA = {
  title: 'Languages',
  locale: 'en',
  events: [
    { id: 'bce', start: '-0499', title: 'Five hundred BCE' },
    { id: 'deep', start: '66 Ma', title: 'Asteroid' },
    { id: 'day', start: '2022-11-06', title: 'A day' },
  ],
};
const YEARS = {
  events: [
    { id: 'a', start: '1994', title: 'A' },
    { id: 'b', start: '2022', title: 'B' },
  ],
};

const CASES = {
  en: { zoomIn: 'Zoom in', bce: '500 BC', deep: '66 million years ago', day: 'November 6, 2022', year: /^(19|20)\d\d$/ },
  'zh-Hant': { zoomIn: '放大', bce: '西元前500年', deep: '6600萬年前', day: '2022年11月6日', year: /^(19|20)\d\d年$/ },
  'zh-Hans': { zoomIn: '放大', bce: '公元前500年', deep: '6600万年前', day: '2022年11月6日', year: /^(19|20)\d\d年$/ },
  ja: { zoomIn: '拡大', bce: '紀元前500年', deep: '6600万年前', day: '2022年11月6日', year: /^(19|20)\d\d年$/ },
  ko: { zoomIn: '확대', bce: 'BC 500년', deep: '6600만 년 전', day: '2022년 11월 6일', year: /^(19|20)\d\d년$/ },
  ar: { zoomIn: 'تكبير', bce: '500 ق.م', deep: 'قبل 66 مليون سنة', day: '6 نوفمبر 2022', year: /^(19|20)\d\d$/ },
};

async function page() {
  const p = await newPage(browser, { width: 1000, height: 1000, reducedMotion: 'reduce' });
  await p.goto(url('/api.html'));
  await p.waitForFunction(() => window.apiReady === true);
  return p;
}

for (const [lang, want] of Object.entries(CASES)) {
  test(`${lang}: controls, card dates and axis labels in the language`, async () => {
    const p = await page();
    const r = await p.evaluate(async ([lang, data, years]) => {
      const tl = await window.Chronoscope.create(document.getElementById('box'), { data, locale: lang });
      const root = tl.element.shadowRoot;
      const zoomIn = root.querySelector('.toolbar button')?.getAttribute('aria-label');
      const dates = {};
      for (const id of ['bce', 'deep', 'day']) {
        tl.select(id);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        dates[id] = root.querySelector('.card .date')?.textContent;
      }
      tl.select(null);
      await tl.setData(years);
      const svg = tl.exportSVG();
      const texts = [...new DOMParser().parseFromString(svg, 'image/svg+xml').querySelectorAll('text')]
        .map((t) => t.textContent.trim());
      return { zoomIn, dates, texts, lang: root.querySelector('.frame')?.getAttribute('lang') };
    }, [lang, DATA, YEARS]);
    assert.equal(r.zoomIn, want.zoomIn);
    assert.equal(r.lang, lang);
    assert.deepEqual(r.dates, { bce: want.bce, deep: want.deep, day: want.day });
    const years = r.texts.filter((t) => want.year.test(t));
    assert.ok(years.length >= 3, `year ticks like ${want.year} in ${JSON.stringify(r.texts)}`);
    await p.close();
  });
}

test('right to left: Arabic or a dir="rtl" page mirrors the chrome, time still runs left to right', async () => {
  const p = await page();
  const r = await p.evaluate(async (data) => {
    const box = document.getElementById('box');
    const out = {};
    for (const [name, lang, dir] of [['ar', 'ar', null], ['en-in-rtl', 'en', 'rtl'], ['ar-forced-ltr', 'ar', 'ltr'], ['en', 'en', null]]) {
      if (dir) box.setAttribute('dir', dir); else box.removeAttribute('dir');
      box.textContent = '';
      const tl = await window.Chronoscope.create(box, { data, locale: lang });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const root = tl.element.shadowRoot;
      const host = tl.element.getBoundingClientRect();
      tl.element.toggleAttribute('download', name === 'ar');
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const bar = root.querySelector('.toolbar').getBoundingClientRect();
      const ov = root.querySelector('.overview').getBoundingClientRect();
      tl.select('day');
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const card = root.querySelector('.card').getBoundingClientRect();
      const close = root.querySelector('.card .close').getBoundingClientRect();
      const title = root.querySelector('.card .title');
      out[name] = {
        dir: root.querySelector('.frame').getAttribute('dir'),
        toolbarLeft: bar.left - host.left < host.width / 2,
        closeLeft: close.left - card.left < card.width / 2,
        // Earlier times stay on the left.
        ltrTime: tl.timeToX('-0499') < tl.timeToX('2022-11-06'),
        // The overview strip and the toolbar (four buttons in 'ar') share the bar.
        apart: ov.width > 100 && (bar.left >= ov.right || ov.left >= bar.right),
        // The dataset's English title keeps its language and direction.
        title: [title.getAttribute('lang'), getComputedStyle(title).direction],
      };
      tl.destroy();
    }
    return out;
  }, DATA);
  const title = ['en', 'ltr'];
  assert.deepEqual(r.ar, { dir: 'rtl', toolbarLeft: true, closeLeft: true, ltrTime: true, apart: true, title });
  assert.deepEqual(r['en-in-rtl'], { dir: 'rtl', toolbarLeft: true, closeLeft: true, ltrTime: true, apart: true, title });
  assert.deepEqual(r['ar-forced-ltr'], { dir: 'ltr', toolbarLeft: false, closeLeft: false, ltrTime: true, apart: true, title });
  assert.deepEqual(r.en, { dir: 'ltr', toolbarLeft: false, closeLeft: false, ltrTime: true, apart: true, title });
  await p.close();
});
