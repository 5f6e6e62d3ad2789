// The TimelineJS 3.9.11 contender of `cargo xtask bench`: the same events in
// its own JSON shape (NAME.tl.json: start_date/end_date {year, month, day},
// text.headline, group, unique_id), in the same 1280 × 720 box.
//
// TimelineJS has no window API. Its zoom is a ladder of levels
// (zoom_sequence 0.5 … 89 screen widths); a zoom step is zoomIn() for a
// factor above 1 and zoomOut() below (from level 2, ten in reach the top
// level 89 after eight steps; the last two are no-ops it still redraws for).
// A pan step moves its time navigator by 5 % of the box's width, which is
// what its drag handler (Swipable) does: it sets the slider's `left`.
// Options: the web font is off (`font: null`: its default font CSS loads
// Google Fonts, and this machine has no internet), `script_path` points at
// the local package so nothing else is fetched.

import { timedStep, timedLoad, settle, ZOOM_FACTORS, PAN_SHIFTS } from "./common.js";

const box = document.getElementById("box");
let text = null;
let timeline = null;

window.bench = {
  async init() {
    await settle();
    return { version: typeof TL !== "undefined" && TL.Timeline ? "3.9.11" : null };
  },

  async fetchData(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    text = await r.text();
    return text.length;
  },

  async firstPaint() {
    let parse = 0;
    const r = await timedLoad(() => {
      const p0 = performance.now();
      const data = JSON.parse(text);
      parse = performance.now() - p0;
      return new Promise((resolve, reject) => {
        try {
          timeline = new TL.Timeline(box, data, {
            script_path: new URL("/node_modules/@knight-lab/timelinejs/dist/js/", location.href).href,
            font: null,
            language: "en",
            hash_bookmark: false,
            duration: 0,
          });
          timeline.on("loaded", () => resolve());
        } catch (e) {
          reject(e);
        }
      });
    });
    r.parse = parse;
    r.ok = !!timeline._timenav && timeline._timenav._markers.length > 0;
    return r;
  },

  dropText() {
    text = null;
  },

  async steps(kind) {
    const out = [];
    const nav = timeline._timenav;
    for (let i = 0; i < 20; i++) {
      await settle();
      let call;
      let check;
      if (kind === "zoom") {
        const before = nav.options.scale_factor;
        call = () => (ZOOM_FACTORS[i] > 1 ? timeline.zoomIn() : timeline.zoomOut());
        check = () => nav.options.scale_factor !== before ||
          before === nav.options.zoom_sequence.at(ZOOM_FACTORS[i] > 1 ? -1 : 0);
      } else {
        const slider = nav._el.slider;
        const left = parseFloat(slider.style.left) || slider.offsetLeft;
        const to = left - PAN_SHIFTS[i] * box.clientWidth;
        call = () => { slider.style.left = `${to}px`; };
        check = () => Math.abs(slider.offsetLeft - to) < 1;
      }
      const r = await timedStep(call);
      r.ok = check();
      r.scale = nav.options.scale_factor;
      out.push(r);
    }
    return out;
  },
};
window.benchReady = true;
