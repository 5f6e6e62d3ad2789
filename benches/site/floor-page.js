// The floor of `cargo xtask bench`: plain JavaScript that draws, with Canvas
// 2D, exactly the calls Chronoscope made for each frame (recorded by
// chronoscope-page.js?record), on canvases of the same size — no parsing, no
// layout, no DOM besides the canvases. Its step time is the least any
// canvas widget could spend on that view.
//
// The recording is a manifest (canvases, call signatures, strings) and one
// binary file per frame (see recorder.js). One replay function, compiled
// from the signatures (a loop over the frame's calls with a `switch` of
// direct calls), draws any frame; it is warmed up on scratch canvases
// before timing starts. Before each step the frame's calls are fetched and
// unpacked (outside the timing); the step asks for the frame and draws it
// in a requestAnimationFrame callback, as a widget would.

import { installRecorder, pixelHash, unpack, compileReplay } from "./recorder.js";
import { timedStep, timedLoad, settle } from "./common.js";

const box = document.getElementById("box");
let manifest = null;
let base = "";
let canvases = [];
let contexts = [];
let replay = null;
let T = [];
let A = [];
let next = 0;

async function loadFrame(i) {
  const url = `${base}/${manifest.frames[i].file}`;
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return unpack(await r.arrayBuffer());
}

function draw(f, ctx = contexts) {
  return replay(f.ops, f.can, f.N, T, A, ctx);
}

window.bench = {
  async init(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    manifest = await r.json();
    base = url.slice(0, url.lastIndexOf("/"));
    T = manifest.strings;
    A = T.map((s) => {
      if (!s.startsWith("[")) return null;
      try { return JSON.parse(s); } catch { return null; }
    });
    canvases = manifest.canvases.map((c) => {
      const el = document.createElement("canvas");
      el.width = c.width;
      el.height = c.height;
      Object.assign(el.style, {
        position: "absolute", display: "block",
        left: `${c.left}px`, top: `${c.top}px`,
        width: `${c.cssWidth}px`, height: `${c.cssHeight}px`,
      });
      box.append(el);
      return el;
    });
    contexts = canvases.map((c) => c.getContext("2d"));
    replay = compileReplay(manifest.sigs);
    // Warm-up: the first two frames' calls run on 1 × 1 scratch canvases,
    // so the replay loop is compiled and its call sites have seen their
    // types (the first paint has nearly every kind of call).
    const scratch = canvases.map(() => {
      const c = document.createElement("canvas");
      c.width = 1;
      c.height = 1;
      return c.getContext("2d");
    });
    for (let i = 0; i < Math.min(2, manifest.frames.length); i++) draw(await loadFrame(i), scratch);
    next = 0;
    await settle();
    return { frames: manifest.frames.length, canvases: canvases.length, sigs: manifest.sigs.length };
  },

  /** Frame 0: the recorded first paint, drawn from the moment it is asked for. */
  async firstPaint() {
    const f = await loadFrame(next++);
    await settle();
    const r = await timedLoad(() => { requestAnimationFrame(() => draw(f)); });
    r.parse = 0;
    r.ok = true;
    return r;
  },

  async steps(kind, from = 0, count = 20) {
    const out = [];
    for (let s = from; s < from + count; s++) {
      const i = next++;
      let f = await loadFrame(i);
      await settle();
      let drawn = 0;
      const r = await timedStep(() => requestAnimationFrame(() => { drawn = draw(f); }));
      f = null;
      r.ok = drawn === manifest.frames[i].calls - manifest.frames[i].unsupported;
      r.frameLabel = manifest.frames[i].label;
      out.push(r);
    }
    return out;
  },

  /**
   * Replays every frame again from fresh canvases, counting the calls it
   * makes with the recorder's wrapper, and compares counts and pixels with
   * the recording.
   */
  async verify() {
    for (const c of canvases) {
      const w = c.width;
      c.width = 0;
      c.width = w; // a reset: fresh state, cleared pixels
    }
    const counter = installRecorder({ countOnly: true });
    canvases.forEach((c, i) => counter.targets.set(c, i));
    const result = [];
    for (let i = 0; i < manifest.frames.length; i++) {
      const m = manifest.frames[i];
      const f = await loadFrame(i);
      counter.reset();
      counter.on = true;
      draw(f);
      counter.on = false;
      const hashes = canvases.map((c) => pixelHash(c));
      result.push({
        label: m.label,
        recordedCalls: m.calls,
        recordedPrimitives: m.primitives,
        unsupported: m.unsupported,
        calls: counter.calls,
        primitives: counter.primitives,
        pixelsMatch: m.hashes ? hashes.every((h, k) => h === m.hashes[k]) : null,
      });
    }
    return result;
  },
};
window.benchReady = true;
