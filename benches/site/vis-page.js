// The vis-timeline 8.5.4 contender of `cargo xtask bench`: the same events
// (items {id, content, start, end, group} and the five groups, from
// NAME.vis.json), in the same 1280 × 720 box, opening on 1900–2026. Zoom and
// pan go through its own API, setWindow(start, end, {animation: false}),
// with the same windows Chronoscope is given. It redraws in a
// requestAnimationFrame callback (its throttled _redraw), registered by the
// call, so the frame that ends a step is the one that shows it; its
// `changed` event (emitted after each redraw) confirms that.

import { timedStep, timedLoad, settle, zoomed, panned, ZOOM_FACTORS, PAN_SHIFTS, START, END } from "./common.js";

const box = document.getElementById("box");
let text = null;
let timeline = null;
let changed = 0;

window.bench = {
  async init() {
    await settle();
    return { version: vis.Timeline ? "8.5.4" : null };
  },

  async fetchData(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    text = await r.text();
    return text.length;
  },

  async firstPaint() {
    let parse = 0;
    const before = changed;
    const r = await timedLoad(() => {
      const p0 = performance.now();
      const data = JSON.parse(text);
      parse = performance.now() - p0;
      const items = new vis.DataSet(data.items);
      const groups = new vis.DataSet(data.groups);
      timeline = new vis.Timeline(box, items, groups, {
        start: START,
        end: END,
        height: "720px",
      });
      // vis-timeline keeps its root hidden until its initial draw is done
      // (`initialDrawDone`, set in its own `changed` handler, which runs
      // before this one); the data is shown at the end of that frame.
      return new Promise((resolve) => {
        const check = () => {
          if (timeline.initialDrawDone) resolve();
        };
        timeline.on("changed", () => { changed++; check(); });
        check();
      });
    });
    r.parse = parse;
    r.ok = true;
    r.redrawsBefore = before;
    return r;
  },

  dropText() {
    text = null;
  },

  async steps(kind) {
    const out = [];
    for (let i = 0; i < 20; i++) {
      await settle();
      const before = changed;
      const w0 = timeline.getWindow();
      const cur = { start: w0.start.valueOf(), end: w0.end.valueOf() };
      const w = kind === "zoom" ? zoomed(cur, ZOOM_FACTORS[i]) : panned(cur, PAN_SHIFTS[i]);
      const r = await timedStep(() => timeline.setWindow(w.start, w.end, { animation: false }));
      r.ok = changed > before;
      out.push(r);
    }
    return out;
  },
};
window.benchReady = true;
