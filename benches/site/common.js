// Timing helpers shared by the benchmark pages (cargo xtask bench).
//
// A step's time is the main-thread work it causes, not the wait for the
// next vsync: the work of the call itself (t0 → tc) plus the work of the
// frame that shows it, from the start of that frame's requestAnimationFrame
// callbacks (tf, taken by a callback registered *before* the call, so it
// runs first) to the end of the frame's rendering (t1, taken in a
// MessageChannel message posted from a callback registered *after* the
// call, which runs once the frame's style, layout and paint are done). The
// widget's own callback, registered by the call, runs in between. The wall
// time t1 − t0 (which includes the idle wait for the vsync) is kept as
// `latency`.

/** A fresh task (a MessageChannel hop): not inside a rAF callback or a microtask chain. */
export function nextTask() {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves at the end of the next frame (rAF, then a message posted from it). */
export function frameEnd() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const tf = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve({ tf, t1: performance.now() });
      ch.port2.postMessage(null);
    });
  });
}

/** Lets follow-up work of the previous step run out: two frames and a pause. */
export async function settle() {
  await frameEnd();
  await frameEnd();
  await sleep(20);
  await nextTask();
}

/**
 * Times `call` (synchronous; it may schedule a rAF paint) as one step.
 * Resolves with {work, latency, call, frame, t0, tc, tf, t1}.
 */
export async function timedStep(call) {
  await nextTask();
  return new Promise((resolve, reject) => {
    let tf = NaN;
    requestAnimationFrame(() => { tf = performance.now(); });
    const t0 = performance.now();
    try {
      call();
    } catch (e) {
      reject(e);
      return;
    }
    const tc = performance.now();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        const t1 = performance.now();
        resolve({ work: (tc - t0) + (t1 - tf), latency: t1 - t0, call: tc - t0, frame: t1 - tf, t0, tc, tf, t1 });
      };
      ch.port2.postMessage(null);
    });
  });
}

/**
 * Times a load that may span several tasks: `start()` begins it and returns
 * a promise of the moment the library says the data is shown (or undefined
 * when it is synchronous). Wall time from t0 to the end of the first frame
 * after that. When the load is synchronous the vsync wait is left out as in
 * timedStep (`work`); `latency` is always the wall time.
 */
export async function timedLoad(start) {
  await nextTask();
  let tf = NaN;
  requestAnimationFrame(() => { tf = performance.now(); });
  const t0 = performance.now();
  const pending = start();
  const tcSync = performance.now();
  if (pending && typeof pending.then === "function") await pending;
  const tc = performance.now();
  // Did a frame run while the library was loading (it yielded)? Then the
  // idle time cannot be told from its work, and work is the wall time.
  const yielded = !Number.isNaN(tf);
  const t1 = await new Promise((resolve) => {
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve(performance.now());
      ch.port2.postMessage(null);
    });
  });
  const work = yielded ? t1 - t0 : (tc - t0) + (t1 - tf);
  return { latency: t1 - t0, work, sync: tcSync - t0, ready: tc - t0, yielded };
}

/** The 20 zoom steps: 10 × 1.25 (in) then 10 × 0.8 (out), about the centre. */
export const ZOOM_FACTORS = [...Array(10).fill(1.25), ...Array(10).fill(0.8)];

/** The 20 pan steps: 10 × 5 % of the span to later times, then 10 back. */
export const PAN_SHIFTS = [...Array(10).fill(0.05), ...Array(10).fill(-0.05)];

/** The window after zooming `w` by `factor` about its centre. */
export function zoomed(w, factor) {
  const c = (w.start + w.end) / 2;
  const half = (w.end - w.start) / factor / 2;
  return { start: c - half, end: c + half };
}

/** The window after shifting `w` by `frac` of its span. */
export function panned(w, frac) {
  const d = (w.end - w.start) * frac;
  return { start: w.start + d, end: w.end + d };
}

/** Timeline window 1900-01-01 … 2026-01-01 (ms): what every contender opens on. */
export const START = Date.UTC(1900, 0, 1);
export const END = Date.UTC(2026, 0, 1);
