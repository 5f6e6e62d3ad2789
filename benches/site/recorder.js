// Records the Canvas 2D calls made on chosen canvases, compactly enough for
// frames of millions of calls, and counts them.
//
// Installed by wrapping CanvasRenderingContext2D.prototype: every drawing,
// path, state and transform method, and the setters of the drawing state.
// Calls on other canvases (a text-measuring one, exports) pass through
// unrecorded. A call is stored as a signature id (`fillRect:nnnn`,
// `=fillStyle:s`: the name, then one letter per argument — n number,
// s string, b boolean, u undefined, z null, a array of numbers), the
// canvas index, and its arguments in one Float64Array (strings as indices
// into a string table shared by all frames). Arguments that cannot be
// replayed (gradients, patterns, Path2D, images) are not stored and are
// counted in `unsupported`. `compileReplay` turns the signatures into one
// function that replays a frame: a loop with a `switch` whose cases are
// direct calls, e.g. `c.fillRect(N[n++], N[n++], N[n++], N[n++])`.

export const METHODS = [
  "fillRect", "strokeRect", "clearRect", "beginPath", "closePath", "moveTo", "lineTo",
  "bezierCurveTo", "quadraticCurveTo", "arc", "arcTo", "ellipse", "rect", "roundRect",
  "fill", "stroke", "clip", "fillText", "strokeText", "drawImage", "putImageData",
  "save", "restore", "setTransform", "resetTransform", "transform", "translate", "rotate",
  "scale", "setLineDash", "reset",
];

export const SETTERS = [
  "fillStyle", "strokeStyle", "font", "lineWidth", "globalAlpha", "textAlign", "textBaseline",
  "lineCap", "lineJoin", "miterLimit", "lineDashOffset", "globalCompositeOperation",
  "shadowBlur", "shadowColor", "shadowOffsetX", "shadowOffsetY", "imageSmoothingEnabled",
  "direction", "filter", "letterSpacing", "wordSpacing", "fontKerning", "textRendering",
];

/** Calls that put pixels on the canvas: what "primitives" counts. */
export const PRIMITIVES = new Set([
  "fillRect", "strokeRect", "clearRect", "fill", "stroke", "fillText", "strokeText",
  "drawImage", "putImageData",
]);

/** A typed array that grows. */
class Grow {
  constructor(Type, n = 4096) {
    this.Type = Type;
    this.a = new Type(n);
    this.n = 0;
  }
  push(x) {
    if (this.n === this.a.length) {
      const b = new this.Type(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = x;
  }
  view() {
    return this.a.subarray(0, this.n);
  }
  clear() {
    this.a = new this.Type(4096);
    this.n = 0;
  }
}

/**
 * Wraps the prototype once. `recorder.targets` maps canvas → index; while
 * `recorder.on`, calls on those canvases are counted and (unless
 * `countOnly`) stored. `take()` ends the frame: its counts and, packed in one
 * ArrayBuffer, [nOps u32, nNums u32, 0, 0 | N f64 × nNums | ops u16 × nOps |
 * canvas u8 × nOps].
 */
export function installRecorder({ countOnly = false } = {}) {
  const sigIds = new Map();
  const strIds = new Map();
  const rec = {
    on: false,
    targets: new Map(),
    sigs: [],
    strings: [],
    calls: 0,
    primitives: 0,
    unsupported: 0,
    byOp: {},
    ops: new Grow(Uint16Array),
    can: new Grow(Uint8Array),
    nums: new Grow(Float64Array),
    reset() {
      this.calls = 0;
      this.primitives = 0;
      this.unsupported = 0;
      this.byOp = {};
      this.ops.clear();
      this.can.clear();
      this.nums.clear();
    },
    take() {
      const nOps = this.ops.n;
      const nNums = this.nums.n;
      const buf = new ArrayBuffer(16 + nNums * 8 + nOps * 3);
      new Uint32Array(buf, 0, 4).set([nOps, nNums, 0, 0]);
      new Float64Array(buf, 16, nNums).set(this.nums.view());
      new Uint16Array(buf, 16 + nNums * 8, nOps).set(this.ops.view());
      new Uint8Array(buf, 16 + nNums * 8 + nOps * 2, nOps).set(this.can.view());
      const frame = {
        calls: this.calls,
        primitives: this.primitives,
        unsupported: this.unsupported,
        byOp: this.byOp,
        buffer: buf,
      };
      this.reset();
      return frame;
    },
  };
  const str = (s) => {
    let id = strIds.get(s);
    if (id === undefined) {
      id = rec.strings.length;
      rec.strings.push(s);
      strIds.set(s, id);
    }
    return id;
  };
  const note = (ctx, name, args) => {
    const idx = rec.targets.get(ctx.canvas);
    if (idx === undefined) return;
    rec.calls++;
    rec.byOp[name] = (rec.byOp[name] || 0) + 1;
    if (PRIMITIVES.has(name)) rec.primitives++;
    if (countOnly) return;
    const mark = rec.nums.n;
    let kinds = "";
    for (const v of args) {
      switch (typeof v) {
        case "number": kinds += "n"; rec.nums.push(v); break;
        case "string": kinds += "s"; rec.nums.push(str(v)); break;
        case "boolean": kinds += "b"; rec.nums.push(v ? 1 : 0); break;
        case "undefined": kinds += "u"; break;
        default:
          if (v === null) {
            kinds += "z";
          } else if (Array.isArray(v) && v.every((x) => typeof x === "number")) {
            kinds += "a";
            rec.nums.push(str(JSON.stringify(v)));
          } else {
            rec.nums.n = mark;
            rec.unsupported++;
            return;
          }
      }
    }
    const sig = `${name}:${kinds}`;
    let id = sigIds.get(sig);
    if (id === undefined) {
      id = rec.sigs.length;
      rec.sigs.push(sig);
      sigIds.set(sig, id);
    }
    rec.ops.push(id);
    rec.can.push(idx);
  };
  const proto = CanvasRenderingContext2D.prototype;
  for (const name of METHODS) {
    const orig = proto[name];
    if (typeof orig !== "function") continue;
    proto[name] = function (...args) {
      if (rec.on) note(this, name, args);
      return orig.apply(this, args);
    };
  }
  for (const name of SETTERS) {
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    if (!desc || !desc.set) continue;
    Object.defineProperty(proto, name, {
      configurable: true,
      enumerable: desc.enumerable,
      get: desc.get,
      set(v) {
        if (rec.on) note(this, `=${name}`, [v]);
        desc.set.call(this, v);
      },
    });
  }
  return rec;
}

/** The typed arrays of a frame packed by `take()`. */
export function unpack(buf) {
  const [nOps, nNums] = new Uint32Array(buf, 0, 2);
  return {
    N: new Float64Array(buf, 16, nNums),
    ops: new Uint16Array(buf, 16 + nNums * 8, nOps),
    can: new Uint8Array(buf, 16 + nNums * 8 + nOps * 2, nOps),
  };
}

/**
 * One function that replays any frame recorded with these signatures:
 * `replay(ops, can, N, T, A, contexts)`, T the string table, A the parsed
 * number arrays (A[i] for a string T[i] that held one).
 */
export function compileReplay(sigs) {
  const arg = { n: "N[n++]", s: "T[N[n++]]", b: "N[n++] !== 0", u: "undefined", z: "null", a: "A[N[n++]]" };
  const cases = sigs.map((sig, id) => {
    const colon = sig.lastIndexOf(":");
    const name = sig.slice(0, colon);
    const args = [...sig.slice(colon + 1)].map((k) => arg[k]);
    const call = name.startsWith("=") ? `c.${name.slice(1)} = ${args[0]};` : `c.${name}(${args.join(", ")});`;
    return `      case ${id}: ${call} break;`;
  });
  const body = `"use strict";
  let n = 0;
  const len = ops.length;
  for (let i = 0; i < len; i++) {
    const c = ctx[can[i]];
    switch (ops[i]) {
${cases.join("\n")}
    }
  }
  return len;`;
  return new Function("ops", "can", "N", "T", "A", "ctx", body);
}

/** A short hash (FNV-1a over the RGBA words) of a canvas's pixels. */
export function pixelHash(canvas) {
  const ctx = canvas.getContext("2d");
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let h = 0x811c9dc5;
  const words = new Uint32Array(data.buffer, data.byteOffset, data.byteLength >> 2);
  for (let i = 0; i < words.length; i++) {
    h ^= words[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** Base64 of a buffer, by the browser's own encoder. */
export function base64(buffer) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).slice(String(r.result).indexOf(",") + 1));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(new Blob([buffer]));
  });
}
