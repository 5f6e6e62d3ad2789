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

import init, { Widget } from "./chronoscope_wasm.js";

const WASM_URL = new URL("./chronoscope_wasm_bg.wasm", import.meta.url);

// Until the WebAssembly has loaded, the element only reserves its space
// (so the page does not jump) and shows a quiet placeholder. The full
// stylesheet, with the theme's colours, comes from the Rust side.
const BOOT_CSS = `
:host { display: block; position: relative; height: 400px; min-height: 160px; box-sizing: border-box; }
:host([hidden]) { display: none; }
.boot { position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%); color: #5b616b; font: 14px system-ui, sans-serif; }
.message.error { position: absolute; left: 16px; right: 16px; top: 50%; transform: translateY(-50%); padding: 12px 16px; border: 1px solid #b3261e; border-radius: 8px; background: #fff; color: #1b1d21; font: 14px/1.5 system-ui, sans-serif; }
`;

let bootSheet = null;
function bootStylesheet() {
  if (!bootSheet) {
    bootSheet = new CSSStyleSheet();
    bootSheet.replaceSync(BOOT_CSS);
  }
  return bootSheet;
}

// Loads the WebAssembly once per page. Streams it when the server sends
// `application/wasm`; otherwise (a misconfigured host) instantiates from
// the bytes instead of failing.
let ready = null;
function loadWasm() {
  if (!ready) {
    ready = (async () => {
      const response = await fetch(WASM_URL);
      if (!response.ok) {
        throw new Error(`${WASM_URL} could not be loaded (HTTP ${response.status})`);
      }
      const type = response.headers.get("content-type") || "";
      const source = type.split(";")[0].trim() === "application/wasm"
        ? response
        : await response.arrayBuffer();
      await init({ module_or_path: source });
    })();
    // A failed load may be retried by the next element (e.g. after a
    // network hiccup), instead of failing every later element for good.
    ready.catch(() => { ready = null; });
  }
  return ready;
}

// Errors reaching the page are Error objects with a string `code`.
function codedError(code, message, fatal) {
  return Object.assign(new Error(message), { code, fatal });
}

function errorEvent(host, code, message) {
  const detail = codedError(code, message, true);
  host.dispatchEvent(new CustomEvent("error", { bubbles: false, detail }));
}

const OBSERVED = ["src", "lang", "start", "end", "theme"];

class ChronoScopeElement extends HTMLElement {
  static get observedAttributes() {
    return OBSERVED;
  }

  #root;
  #widget = null;
  #handle = null;
  #broken = false;

  constructor() {
    super();
    this.#root = this.shadowRoot || this.attachShadow({ mode: "open" });
    this.#root.adoptedStyleSheets = [bootStylesheet()];
    const boot = document.createElement("div");
    boot.className = "boot";
    boot.setAttribute("role", "status");
    boot.textContent = "…";
    this.#root.append(boot);
  }

  connectedCallback() {
    if (this.#broken) return;
    if (this.#widget) {
      // Moved in the DOM: the language and theme may come from new parents.
      this.#guard(() => this.#widget.connected());
      return;
    }
    loadWasm().then(
      () => {
        if (!this.isConnected || this.#widget || this.#broken) return;
        this.#guard(() => {
          const w = new Widget(this, this.#root);
          this.#widget = w;
          this.#handle = makeHandle(w, (f) => {
            // A handle kept after its element was removed refers to a freed
            // widget: say so, and never disturb the element's current one.
            if (this.#widget !== w) {
              throw codedError("destroyed", "this timeline was removed from the page", false);
            }
            return this.#guard(f);
          });
          w.connected();
        });
      },
      (err) => this.#fail("wasm_unavailable", `The timeline's code could not be loaded: ${err && err.message ? err.message : err}`),
    );
  }

  disconnectedCallback() {
    // Moving an element disconnects and reconnects it in one task; only a
    // real removal frees the widget (its listeners, observers and timers).
    queueMicrotask(() => {
      if (!this.isConnected && this.#widget) {
        const w = this.#widget;
        this.#widget = null;
        this.#handle = null;
        this.#guard(() => { w.destroy(); w.free(); });
      }
    });
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue !== newValue && this.#widget) {
      this.#guard(() => this.#widget.attributeChanged(name));
    }
  }

  /** The JavaScript handle: null until the first `ready`. */
  get timeline() {
    return this.#widget && !this.#broken && this.#widget.isReady() ? this.#handle : null;
  }

  get src() { return this.getAttribute("src"); }
  set src(v) { this.setAttribute("src", v); }
  get start() { return this.getAttribute("start"); }
  set start(v) { v == null ? this.removeAttribute("start") : this.setAttribute("start", v); }
  get end() { return this.getAttribute("end"); }
  set end(v) { v == null ? this.removeAttribute("end") : this.setAttribute("end", v); }
  get theme() { return this.getAttribute("theme") || "light"; }
  set theme(v) { this.setAttribute("theme", v); }

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

  #fail(code, message) {
    this.#broken = true;
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
}

// The handle behind `element.timeline`.
function makeHandle(w, guard) {
  return Object.freeze({
    getWindow: () => guard(() => w.getWindow()),
    setWindow: (start, end) => guard(() => w.setWindow(start, end)),
    zoom: (factor, anchor) => guard(() => w.zoom(factor, anchor)),
    fit: () => guard(() => w.fit()),
    select: (id) => guard(() => w.select(id == null ? undefined : String(id))),
    get selected() { return guard(() => w.selected()) ?? null; },
    timeToX: (t) => guard(() => w.timeToX(t)),
    xToTime: (x) => guard(() => w.xToTime(x)),
    eventRect: (id) => guard(() => w.eventRect(String(id))),
  });
}

if (!customElements.get("chrono-scope")) {
  customElements.define("chrono-scope", ChronoScopeElement);
}

export { ChronoScopeElement };
