// Chronoscope: the <chrono-scope> custom element.
//
// This is the one file a page loads:
//   <script type="module" src="chronoscope.js"></script>
//   <chrono-scope src="data/story.json"></chrono-scope>
// It finds its WebAssembly and glue next to itself (relative to
// import.meta.url), so the folder can be copied to any host or CDN path.
// Everything is drawn into an open shadow root; styles are a constructable
// stylesheet (no inline <style>, no style attributes), so pages with a
// strict Content-Security-Policy work.

const WASM_URL = new URL("./chronoscope_wasm_bg.wasm", import.meta.url);

// The glue is imported dynamically, so that this module runs — and starts
// the WebAssembly download and compile (below) — without first waiting for
// the glue to arrive: the two downloads overlap instead of following each
// other (issue 15, the phone's waterfall).
let gluePromise = null;
function loadGlue() {
  if (!gluePromise) {
    gluePromise = import("./chronoscope_wasm.js");
    gluePromise.catch(() => { gluePromise = null; }); // a retry may import it again
  }
  return gluePromise;
}

// Until the WebAssembly has loaded, the element only reserves its space
// (so the page does not jump) and shows a quiet placeholder over its own
// children (a fallback image, say, shown through a <slot> until the first
// frame is painted, and kept when the code cannot run). The full
// stylesheet, with the theme's colours, comes from the Rust side.
const BOOT_CSS = `
:host { display: block; position: relative; height: 400px; min-height: 160px; box-sizing: border-box; }
:host([hidden]) { display: none; }
.fallback { position: absolute; inset: 0; overflow: hidden; }
.fallback[hidden] { display: none; }
::slotted(img), ::slotted(picture) { display: block; width: 100%; height: 100%; object-fit: contain; }
.boot { position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%); color: #5b616b; font: 14px system-ui, sans-serif; }
.message.error { position: absolute; left: 16px; right: 16px; top: 50%; transform: translateY(-50%); padding: 12px 16px; border: 1px solid #b3261e; border-radius: 8px; background: #fff; color: #1b1d21; font: 14px/1.5 system-ui, sans-serif; }
.message.error button { display: block; margin-block-start: 8px; min-height: 32px; padding: 4px 14px; border: 1px solid #1b1d21; border-radius: 6px; background: #fff; color: #1b1d21; font: inherit; cursor: pointer; }
@media (pointer: coarse) { .message.error button { min-height: 44px; } }
`;

// What the loader itself may have to say before the WebAssembly (which
// holds the widget's strings) runs, in the widget's languages.
const LOADER_TEXT = {
  en: ["The timeline's code could not be loaded: ", "Retry"],
  "zh-Hant": ["無法載入時間軸的程式碼：", "重試"],
  "zh-Hans": ["无法加载时间轴的代码：", "重试"],
  ja: ["タイムラインのプログラムを読み込めませんでした：", "再試行"],
  ko: ["타임라인 코드를 불러오지 못했습니다: ", "다시 시도"],
  ar: ["تعذّر تحميل شيفرة الخط الزمني: ", "إعادة المحاولة"],
};

// The element's language as the widget reads it (core::locale::Lang::from_tag).
function loaderLang(el) {
  const tag = (el.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang || "").trim().toLowerCase();
  const [first, ...rest] = tag.split(/[-_]/);
  if (first === "ja" || first === "ko" || first === "ar") return first;
  if (first !== "zh") return "en";
  if (rest.includes("hant")) return "zh-Hant";
  if (rest.includes("hans")) return "zh-Hans";
  return rest.some((s) => s === "tw" || s === "hk" || s === "mo") ? "zh-Hant" : "zh-Hans";
}

let bootSheet = null;
function bootStylesheet() {
  if (!bootSheet) {
    bootSheet = new CSSStyleSheet();
    bootSheet.replaceSync(BOOT_CSS);
  }
  return bootSheet;
}

// Compiles the WebAssembly once per page. Streams it when the server sends
// `application/wasm`; otherwise (a misconfigured host) compiles from the
// bytes instead of failing.
let compiled = null;
function compileWasm() {
  if (!compiled) {
    compiled = (async () => {
      if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
        throw new Error("this browser cannot run WebAssembly");
      }
      const response = await fetch(WASM_URL);
      if (!response.ok) {
        throw new Error(`${WASM_URL} could not be loaded (HTTP ${response.status})`);
      }
      const type = response.headers.get("content-type") || "";
      if (type.split(";")[0].trim() === "application/wasm" && typeof WebAssembly.compileStreaming === "function") {
        return WebAssembly.compileStreaming(response);
      }
      return WebAssembly.compile(await response.arrayBuffer());
    })();
    // A failed load may be retried by the next element (e.g. after a
    // network hiccup), instead of failing every later element for good.
    compiled.catch(() => { compiled = null; });
  }
  return compiled;
}

// Each timeline runs in its own WebAssembly instance (a fresh copy of the
// glue, the module compiled once): a panic traps and leaves its instance
// half-updated, so it must stop only the widget that hit it. Instances of
// removed widgets are garbage like any object.
const live = new Set(); // the glue exports of each widget alive
async function newInstance() {
  const [module, { glue }] = await Promise.all([compileWasm(), loadGlue()]);
  const g = glue();
  const exports = await g.init({ module_or_path: module });
  if (maxBytes === null) maxBytes = g.Widget.maxDataBytes();
  return { g, exports };
}

// State the widgets of a page share across their instances (see
// Widget::new): the deep-link history budget.
const PAGE = { historyWrites: [] };

let maxBytes = null;

// Gives the widget data bytes, refusing data beyond the documented size
// before it is copied into the WebAssembly's memory (docs/api.md, Limits).
function giveData(w, bytes) {
  if (bytes.byteLength > maxBytes) w.refuseSize(bytes.byteLength); // throws
  w.setData(bytes);
}

// JSON text for addEvents/appendPoints, refused beyond the size limit.
function apiJson(value, replacer) {
  const json = JSON.stringify(value, replacer);
  if (json.length > maxBytes) {
    throw codedError("too_large", `the data is ${json.length} characters; a timeline reads at most ${maxBytes} bytes`);
  }
  return json;
}

// Errors reaching the page are Error objects with a string `code`.
function codedError(code, message, fatal = false) {
  return Object.assign(new Error(message), { code, fatal });
}

function errorEvent(host, code, message) {
  const detail = codedError(code, message, true);
  host.dispatchEvent(new CustomEvent("error", { bubbles: false, detail }));
}

// The `render` hook: the Rust side calls it after each repaint of the chart
// with the canvas context and the frame ({width, height, pixelRatio,
// window, plot} and the window's edges x0, x1); it dispatches the `render`
// event with drawing helpers, inside save()/restore(), in CSS pixels.
function renderHook(host) {
  return (context, frame) => {
    const { x0, x1, ...rest } = frame;
    const { start, end } = rest.window;
    const pixelRatio = rest.pixelRatio;
    const k = (x1 - x0) / (end - start);
    const detail = {
      context, ...rest,
      timeToX: (t) => x0 + (t - start) * k,
      xToTime: (x) => start + (x - x0) / k,
    };
    context.save();
    context.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
    try {
      host.dispatchEvent(new CustomEvent("render", { bubbles: false, detail }));
    } finally {
      context.restore();
    }
  };
}

// A dataset time for an attribute: strings as they are; numbers and Dates
// as ISO date-times (numbers as attributes would read as years).
function timeAttribute(t) {
  if (t instanceof Date) return t.toISOString();
  if (typeof t === "number") return new Date(t).toISOString();
  return String(t);
}

const OBSERVED = ["src", "lang", "start", "end", "theme", "download", "aria-label"];
const HOOKS = ["renderCard", "renderTooltip", "formatDate", "formatValue"];
const EVENTS = ["ready", "select", "hover", "windowchange", "error", "render"];
const INTERNAL = Symbol("chronoscope");

/**
 * A timeline: the JavaScript face of one <chrono-scope>. Get it from
 * `Chronoscope.create(container, options)` or from `element.timeline`
 * (after the element's first `ready`). See docs/api.md.
 */
export class Chronoscope {
  #el;
  #w;
  #call;

  /** @internal Made by the element; use Chronoscope.create(). */
  constructor(token, element, widget, call) {
    if (token !== INTERNAL) {
      throw codedError("bad_argument", "use Chronoscope.create(container, options) or element.timeline");
    }
    this.#el = element;
    this.#w = widget;
    this.#call = call;
  }

  static get version() { return "0.1.0"; }

  /** Bytes of WebAssembly memory held by the timelines alive on the page (for diagnostics). */
  static get wasmMemoryBytes() {
    let sum = 0;
    for (const e of live) sum += e.memory.buffer.byteLength;
    return sum;
  }

  /**
   * Creates a timeline in `container` and resolves once it shows its data
   * (rejects with the fatal error when it cannot).
   */
  static async create(container, options = {}) {
    if (!(container instanceof Element)) {
      throw codedError("bad_argument", "Chronoscope.create needs a container element");
    }
    if (!container.isConnected) {
      throw codedError("bad_argument", "the container must be in the document");
    }
    const own = container.localName !== "chrono-scope";
    const el = own ? document.createElement("chrono-scope") : container;
    const o = options || {};
    if (!own && el[INTERNAL].started) {
      // An element already running: apply the options to it.
      const int = el[INTERNAL];
      if (int.broken()) {
        throw int.failure || codedError("destroyed", "this element's timeline was destroyed");
      }
      for (const h of HOOKS) if (typeof o[h] === "function") el[h] = o[h];
      if (o.locale) el.setAttribute("lang", o.locale);
      if (o.theme) el.setAttribute("theme", o.theme);
      if (el.timeline) {
        if (o.data !== undefined) await el.timeline.setData(o.data);
        else if (o.src) await el.timeline.load(o.src);
      } else if (o.data !== undefined || o.src) {
        // Still loading, or its own source failed: the data given wins.
        const bytes = o.data !== undefined ? dataBytes(o.data) : undefined;
        const settled = nextLoad(el);
        if (bytes !== undefined) int.supplyData(bytes);
        else int.loadSrc(o.src);
        await settled;
      } else if (int.failure) {
        throw int.failure; // its last load failed and nothing new was given
      } else {
        await nextLoad(el);
      }
      const tl = el.timeline;
      if (o.start !== undefined || o.end !== undefined) {
        const w = tl.getWindow();
        tl.setWindow(o.start ?? w.start, o.end ?? w.end);
      }
      return tl;
    }
    if (o.id) el.id = o.id;
    if (o.locale) el.setAttribute("lang", o.locale);
    if (o.theme) el.setAttribute("theme", o.theme);
    if (o.deepLink) el.setAttribute("deep-link", "");
    if (o.download) el.setAttribute("download", "");
    for (const h of HOOKS) if (typeof o[h] === "function") el[h] = o[h];
    if (o.data !== undefined) el[INTERNAL].pendingData = dataBytes(o.data);
    else if (o.src) el.setAttribute("src", o.src);
    const settled = nextLoad(el);
    if (own) {
      el[INTERNAL].owned = true;
      if (container.clientHeight > 0) el.style.height = "100%";
      container.append(el);
    }
    await settled;
    const tl = el.timeline;
    if (o.start !== undefined || o.end !== undefined) {
      const w = tl.getWindow();
      tl.setWindow(o.start ?? w.start, o.end ?? w.end);
    }
    return tl;
  }

  /** The <chrono-scope> element. */
  get element() { return this.#el; }

  // ----- data -----

  /** Replaces the data (a dataset object or JSON text). */
  setData(data) {
    return new Promise((resolve, reject) => {
      try {
        const bytes = dataBytes(data);
        this.#call((w) => giveData(w, bytes));
        resolve();
      } catch (e) {
        reject(e);
      }
    });
  }

  /** Loads the dataset at `src` (like the attribute; the same src loads again). */
  load(src) {
    try {
      this.#call(() => undefined); // a destroyed handle rejects
    } catch (e) {
      return Promise.reject(e);
    }
    const settled = nextLoad(this.#el);
    this.#el[INTERNAL].loadSrc(src);
    return settled;
  }

  /** The current data, in dataset form. */
  getData() { return JSON.parse(this.#call((w) => w.getData())); }

  addEvents(events) {
    if (!Array.isArray(events)) throw codedError("bad_argument", "addEvents takes an array of events");
    const json = apiJson(events);
    this.#call((w) => w.addEvents(json));
  }

  /** Merges `patch` into event `id` (null removes an optional field). */
  updateEvent(id, patch) {
    const current = this.#call((w) => w.getEvent(String(id)));
    if (current === undefined) throw codedError("bad_argument", `no event has the id "${id}"`);
    const merged = { ...JSON.parse(current), ...(patch || {}) };
    for (const k of Object.keys(merged)) if (merged[k] === null) delete merged[k];
    this.#call((w) => w.replaceEvent(String(id), JSON.stringify(merged)));
  }

  removeEvents(ids) {
    if (!Array.isArray(ids)) throw codedError("bad_argument", "removeEvents takes an array of ids");
    this.#call((w) => w.removeEvents(ids.map(String)));
  }

  appendPoints(seriesId, points) {
    const json = apiJson(points, timeReplacer);
    this.#call((w) => w.appendPoints(String(seriesId), json));
  }

  // ----- view -----

  getWindow() { return this.#call((w) => w.getWindow()); }
  setWindow(start, end, options) {
    this.#call((w) => w.setWindow(start, end, !!(options && options.animate)));
  }
  zoom(factor, anchor, options) {
    this.#call((w) => w.zoom(factor, anchor, !!(options && options.animate)));
  }
  fit(options) { this.#call((w) => w.fit(!!(options && options.animate))); }

  // ----- selection -----

  select(id) { this.#call((w) => w.select(id == null ? undefined : String(id))); }
  get selected() { return this.#call((w) => w.selected()) ?? null; }

  // ----- coordinates -----

  timeToX(time) { return this.#call((w) => w.timeToX(time)); }
  xToTime(x) { return this.#call((w) => w.xToTime(x)); }
  eventRect(id) { return this.#call((w) => w.eventRect(String(id))); }

  // ----- events -----

  /** Listens for `type`; `listener` gets the event's detail. Returns an unsubscribe function. */
  on(type, listener) {
    if (!EVENTS.includes(type)) throw codedError("bad_argument", `no event is called "${type}"`);
    if (typeof listener !== "function") throw codedError("bad_argument", "on() needs a function");
    const el = this.#el;
    const h = (e) => listener(e.detail);
    el.addEventListener(type, h);
    // A new render listener draws at once, not at the next change.
    if (type === "render") this.redraw();
    return () => el.removeEventListener(type, h);
  }

  // ----- export -----

  exportPNG(scale = 2) {
    try {
      return this.#call((w) => w.exportPng(scale));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** Reads the theme's custom properties again and repaints at the next animation frame. */
  redraw() { this.#call((w) => w.redraw()); }
  exportSVG() { return this.#call((w) => w.exportSvg()); }

  /** Frees everything the timeline holds; the element too when create() made it. */
  destroy() { this.#el[INTERNAL].destroy(); }
}

// Dates in points become ms numbers.
function timeReplacer(key, value) {
  return this[key] instanceof Date ? this[key].getTime() : value;
}

// Data text for the WebAssembly, as UTF-8 bytes of exactly its size (see
// Widget.setData).
const encoder = new TextEncoder();
function utf8(text) {
  return encoder.encode(text);
}

// The bytes setData gives the WebAssembly: UTF-8 bytes as they are (as
// fetched: no decoding to a string and encoding back), else the JSON text.
function dataBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return utf8(dataText(data));
}

function dataText(data) {
  if (typeof data === "string") return data;
  try {
    return JSON.stringify(data, timeReplacer);
  } catch (e) {
    throw codedError("bad_argument", `the data cannot be written as JSON: ${e.message}`);
  }
}

// Resolves on the element's next `ready`, rejects on its next fatal `error`.
function nextLoad(el) {
  return new Promise((resolve, reject) => {
    const done = () => {
      el.removeEventListener("ready", onReady);
      el.removeEventListener("error", onError);
    };
    const onReady = () => { done(); resolve(); };
    const onError = (e) => {
      if (e.detail && e.detail.fatal) { done(); reject(e.detail); }
    };
    el.addEventListener("ready", onReady);
    el.addEventListener("error", onError);
  });
}

class ChronoScopeElement extends HTMLElement {
  static get observedAttributes() {
    return OBSERVED;
  }

  #root;
  #widget = null;
  #timeline = null;
  #broken = false;
  #starting = false;
  #exports = null;

  constructor() {
    super();
    this.#root = this.shadowRoot || this.attachShadow({ mode: "open" });
    this.#root.adoptedStyleSheets = [bootStylesheet()];
    if (!this.#root.querySelector(".fallback")) {
      // The element's children (a fallback image) show through this slot
      // until the widget paints; the Rust side hides it then.
      const fallback = document.createElement("div");
      fallback.className = "fallback";
      fallback.append(document.createElement("slot"));
      this.#root.append(fallback);
    }
    const boot = document.createElement("div");
    boot.className = "boot";
    boot.setAttribute("role", "status");
    boot.textContent = "…";
    this.#root.append(boot);
    // What Chronoscope.create() and destroy() reach through.
    const int = {
      pendingData: undefined,
      owned: false,
      started: false,
      hooks: {},
      // The fatal error of the last load, until a load succeeds.
      failure: null,
      broken: () => this.#broken,
      destroy: () => this.#destroy(true),
      setHook: (name, f) => this.#setHook(name, f),
      supplyData: (text) => this.#supplyData(text),
      loadSrc: (src) => this.#loadSrc(src),
      testPanic: (confirm, inFrame) => {
        const w = this.#widget;
        if (w) this.#guard(() => w.testPanic(String(confirm), !!inFrame));
      },
    };
    this[INTERNAL] = int;
    this.addEventListener("ready", () => { int.failure = null; });
    this.addEventListener("error", (e) => {
      if (e.detail && e.detail.fatal) int.failure = e.detail;
    });
  }

  connectedCallback() {
    if (this.#broken) return;
    if (this.#widget) {
      // Moved in the DOM: the language and theme may come from new parents.
      this.#guard(() => this.#widget.connected());
      return;
    }
    this[INTERNAL].started = true;
    if (this.#starting) return; // moved while its instance was being made
    this.#starting = true;
    newInstance().then(
      ({ g, exports }) => {
        this.#starting = false;
        if (!this.isConnected || this.#widget || this.#broken) return;
        this.#guard(() => {
          const w = new g.Widget(this, this.#root, PAGE);
          this.#widget = w;
          this.#exports = exports;
          live.add(exports);
          w.setHook("render", renderHook(this));
          for (const [name, f] of Object.entries(this[INTERNAL].hooks)) w.setHook(name, f);
          this.#timeline = new Chronoscope(INTERNAL, this, w, (f) => {
            // A handle kept after its timeline was destroyed refers to a freed
            // widget: say so, and never disturb the element's current one.
            if (this.#widget !== w) {
              throw codedError("destroyed", "this timeline was destroyed or removed from the page");
            }
            return this.#guard(() => f(w));
          });
          const data = this[INTERNAL].pendingData;
          this[INTERNAL].pendingData = undefined;
          if (data !== undefined) {
            try { giveData(w, data); } catch (e) { /* shown in the widget and reported as `error` */ }
          }
          w.connected();
        });
      },
      (err) => {
        this.#starting = false;
        const [text] = LOADER_TEXT[loaderLang(this)];
        this.#fail("wasm_unavailable", `${text}${err && err.message ? err.message : err}`);
        this.#offerRetry();
      },
    );
  }

  disconnectedCallback() {
    // Moving an element disconnects and reconnects it in one task; only a
    // real removal frees the widget (its listeners, observers and timers).
    queueMicrotask(() => {
      if (!this.isConnected && this.#widget) this.#destroy(false);
    });
  }

  #destroy(byApi) {
    const w = this.#widget;
    this.#widget = null;
    this.#timeline = null;
    if (w) this.#guard(() => { w.destroy(); w.free(); });
    if (this.#exports) live.delete(this.#exports);
    this.#exports = null;
    if (byApi) {
      this.#broken = true; // destroyed on purpose: never comes back by itself
      if (this[INTERNAL].owned) this.remove();
    }
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue !== newValue && this.#widget) {
      this.#guard(() => this.#widget.attributeChanged(name));
    }
  }

  /** The JavaScript handle: null until the first `ready`. */
  get timeline() {
    return this.#widget && !this.#broken && this.#widget.isReady() ? this.#timeline : null;
  }

  get src() { return this.getAttribute("src"); }
  set src(v) { this.setAttribute("src", v); }
  get start() { return this.getAttribute("start"); }
  set start(v) { v == null ? this.removeAttribute("start") : this.setAttribute("start", timeAttribute(v)); }
  get end() { return this.getAttribute("end"); }
  set end(v) { v == null ? this.removeAttribute("end") : this.setAttribute("end", timeAttribute(v)); }
  get theme() { return this.getAttribute("theme") || "light"; }
  set theme(v) { this.setAttribute("theme", v); }
  get deepLink() { return this.hasAttribute("deep-link"); }
  set deepLink(v) { this.toggleAttribute("deep-link", !!v); }
  get download() { return this.hasAttribute("download"); }
  set download(v) { this.toggleAttribute("download", !!v); }

  // Runs a call into WebAssembly; an internal failure (a trap after a
  // panic) marks this widget broken and reports it instead of throwing
  // into the page. Errors the API throws on purpose (they carry a `code`)
  // go to the caller.
  #guard(f) {
    try {
      return f();
    } catch (err) {
      if (err && typeof err.code === "string") throw err;
      this.#fail("internal", `Internal error: ${err && err.message ? err.message : err}`);
      return undefined;
    }
  }

  // A Retry button under the message of a failed WebAssembly load (a
  // network hiccup passes; a blocking policy or an old browser fails again
  // and says so again).
  #offerRetry() {
    const box = this.#root.querySelector(".message.error");
    if (!box) return;
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = LOADER_TEXT[loaderLang(this)][1];
    button.addEventListener("click", () => {
      if (!this.isConnected || this.#widget || !this.#broken) return;
      this.#broken = false;
      box.textContent = "…";
      box.className = "boot";
      box.setAttribute("role", "status");
      this.connectedCallback();
    }, { once: true });
    box.append(button);
  }

  #fail(code, message) {
    const shown = this.#root.querySelector(".message.error");
    if (this.#broken && shown && !shown.hidden) return; // already said
    this.#broken = true;
    // A panic's trap: the panic hook has already shown the message and
    // reports `internal` itself.
    if (code === "internal" && shown && !shown.hidden) return;
    console.error(`chronoscope: ${message}`);
    let box = this.#root.querySelector(".message") || this.#root.querySelector(".boot");
    if (!box) {
      box = document.createElement("div");
      this.#root.append(box);
    }
    box.className = "message error";
    box.hidden = false;
    box.setAttribute("role", "alert");
    box.textContent = message;
    errorEvent(this, code, message);
  }

  // Data (UTF-8 bytes) from create() or the API: given to the widget, or
  // kept for it until the WebAssembly has loaded (the latest wins).
  #supplyData(bytes) {
    this[INTERNAL].failure = null;
    if (!this.#widget) {
      this[INTERNAL].pendingData = bytes;
      return;
    }
    try {
      this.#guard(() => giveData(this.#widget, bytes));
    } catch (e) {
      // shown in the widget and reported as `error`
    }
  }

  // Loads `src`; the same src loads again.
  #loadSrc(src) {
    this[INTERNAL].failure = null;
    if (this.getAttribute("src") === src && this.#widget) {
      this.#guard(() => this.#widget.attributeChanged("src"));
    } else {
      this.setAttribute("src", src);
    }
  }

  #setHook(name, f) {
    if (f != null && typeof f !== "function") {
      throw codedError("bad_argument", `${name} must be a function or null`);
    }
    const hooks = this[INTERNAL].hooks;
    if (f == null) delete hooks[name];
    else hooks[name] = f;
    if (this.#widget) this.#guard(() => this.#widget.setHook(name, f ?? null));
  }
}

// For the end-to-end tests only: makes this element's WebAssembly panic
// (at once, or in its next animation frame) when given the exact phrase
// the Rust side checks (Widget::test_panic). Never reachable from data.
Object.defineProperty(ChronoScopeElement.prototype, Symbol.for("chronoscope.testPanic"), {
  value(confirm, inFrame) { this[INTERNAL].testPanic(confirm, inFrame); },
});

// The hook properties: renderCard, renderTooltip, formatDate, formatValue.
for (const name of HOOKS) {
  Object.defineProperty(ChronoScopeElement.prototype, name, {
    get() { return this[INTERNAL].hooks[name] ?? null; },
    set(f) { this[INTERNAL].setHook(name, f); },
  });
}

if (!customElements.get("chrono-scope")) {
  customElements.define("chrono-scope", ChronoScopeElement);
}

export { ChronoScopeElement };
