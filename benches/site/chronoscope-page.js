// The Chronoscope contender of `cargo xtask bench`: the page loads the widget
// (dist/chronoscope.js, as a script tag would), warms it up on a tiny dataset,
// then the driver (benches/run.mjs) calls window.bench.* to time a dataset's
// first paint and the zoom and pan steps. With ?record it instead records
// the Canvas 2D calls of each of those frames for the floor page; the
// driver then runs the steps one at a time and takes each frame out
// (takeFrame, chunk) before the next, so the page holds one frame at most.

import { installRecorder, pixelHash, base64 } from "./recorder.js";
import { timedStep, timedLoad, settle, ZOOM_FACTORS, PAN_SHIFTS, START, END } from "./common.js";

const record = new URLSearchParams(location.search).has("record");
// Before the widget's module runs, so every context it makes is wrapped.
const rec = record ? installRecorder() : null;
const { Chronoscope } = await import("/chronoscope.js");

const TINY = {
  schemaVersion: 1,
  title: "warm-up",
  events: [
    { id: "a", start: "1950", title: "Warm-up 熱身" },
    { id: "b", start: "1990", end: "2000", title: "Span 區間" },
  ],
};

const box = document.getElementById("box");
let tl = null;
let text = null;
const renders = [];
// What the last load reported (the adversarial shapes check it): its
// `ready` details and its non-fatal problems (`error` events).
let readies = [];
let problems = [];
let canvases = [];
let frame = null; // the last recorded frame, until the driver takes it
let frameText = "";

function shadowCanvases() {
  return [...tl.element.shadowRoot.querySelectorAll("canvas")];
}

function recordFrame(label, r) {
  rec.on = false;
  frame = { label, ...rec.take() };
  frame.hashes = canvases.map((c) => pixelHash(c));
  r.recorded = { calls: frame.calls, primitives: frame.primitives };
}

window.bench = {
  async init() {
    tl = await Chronoscope.create(box, { data: TINY, locale: "en" });
    tl.element.setAttribute("start", new Date(START).toISOString().slice(0, 10));
    tl.element.setAttribute("end", new Date(END).toISOString().slice(0, 10));
    if (rec) {
      canvases = shadowCanvases();
      canvases.forEach((c, i) => rec.targets.set(c, i));
    } else {
      tl.on("render", (d) => renders.push({ start: d.window.start, end: d.window.end }));
      tl.on("ready", (d) => readies.push(d));
      tl.on("error", (e) => problems.push(e.code));
    }
    await settle();
    return { version: Chronoscope.version, canvases: shadowCanvases().length };
  },

  async fetchData(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    // As bytes, the way the widget's own `src` loader takes a response:
    // setData() passes them to the WebAssembly as they are.
    text = await r.arrayBuffer();
    return text.byteLength;
  },

  wasmMemoryBytes() {
    return Chronoscope.wasmMemoryBytes;
  },

  async firstPaint() {
    performance.clearMeasures("chronoscope:parse");
    readies = [];
    problems = [];
    const before = renders.length;
    let failure = null;
    if (rec) rec.on = true;
    const r = await timedLoad(() => {
      tl.setData(text).catch((e) => { failure = e; });
    });
    if (failure) throw failure;
    if (rec) recordFrame("first paint", r);
    const parse = performance.getEntriesByName("chronoscope:parse", "measure").at(-1);
    r.parse = parse ? parse.duration : null;
    r.window = tl.getWindow();
    r.ok = rec ? r.recorded.primitives > 0 : renders.length > before;
    return r;
  },

  dropText() {
    text = null;
  },

  /** After a first paint: what the load reported, once its follow-up work is done. */
  async loaded() {
    await settle();
    const codes = {};
    for (const c of problems) codes[c] = (codes[c] ?? 0) + 1;
    return { ready: readies.at(-1) ?? null, readyCount: readies.length, problems: problems.length, codes };
  },

  /** Steps `from` … `from + count − 1` of the 20 (zoom or pan). */
  async steps(kind, from = 0, count = 20) {
    const out = [];
    for (let i = from; i < from + count; i++) {
      await settle();
      const before = renders.length;
      const w0 = tl.getWindow();
      let call;
      if (kind === "zoom") {
        call = () => tl.zoom(ZOOM_FACTORS[i]);
      } else {
        const d = (w0.end - w0.start) * PAN_SHIFTS[i];
        call = () => tl.setWindow(w0.start + d, w0.end + d);
      }
      if (rec) rec.on = true;
      const r = await timedStep(call);
      if (rec) recordFrame(`${kind} ${i + 1}`, r);
      const w = tl.getWindow();
      const last = renders.at(-1);
      // The frame that ended the step showed the window the call set.
      r.ok = rec
        ? r.recorded.primitives > 0
        : renders.length > before && !!last &&
          Math.abs(last.start - w.start) <= 1e-9 * (w.end - w.start) + 1e-3 &&
          Math.abs(last.end - w.end) <= 1e-9 * (w.end - w.start) + 1e-3;
      r.changed = w.start !== w0.start || w.end !== w0.end;
      out.push(r);
    }
    return out;
  },

  /** The last recorded frame's figures; its calls wait in base64 for chunk(). */
  async takeFrame() {
    const f = frame;
    frame = null;
    frameText = await base64(f.buffer);
    const { buffer, ...meta } = f;
    return { ...meta, bytes: buffer.byteLength, base64Length: frameText.length };
  },

  chunk(start, length) {
    const part = frameText.slice(start, start + length);
    if (start + length >= frameText.length) frameText = "";
    return part;
  },

  /** The canvases (pixel and CSS size), the call signatures and the strings. */
  recording() {
    const boxRect = box.getBoundingClientRect();
    return {
      canvases: canvases.map((c) => {
        const r = c.getBoundingClientRect();
        return {
          className: c.className,
          width: c.width,
          height: c.height,
          left: r.left - boxRect.left,
          top: r.top - boxRect.top,
          cssWidth: r.width,
          cssHeight: r.height,
        };
      }),
      sigs: rec.sigs,
      strings: rec.strings,
    };
  },
};
window.benchReady = true;
