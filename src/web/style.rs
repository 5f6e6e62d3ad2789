//! The widget's stylesheet: one constructable `CSSStyleSheet` shared by every
//! widget on the page, adopted by each shadow root (no `<style>` element, no
//! style attributes — pages with a strict Content-Security-Policy work).
//! Colours come from [`Theme`] as custom properties the page may override.

use crate::render::theme::WEB_FONTS;
use crate::render::Theme;
use std::cell::RefCell;
use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, ShadowRoot};

const LAYOUT_CSS: &str = r#"
:host([hidden]) { display: none; }
.frame {
  position: absolute; inset: 0; overflow: hidden; background: var(--cs-bg);
  outline: none; border-radius: inherit; cursor: grab;
  touch-action: pan-y; user-select: none; -webkit-user-select: none;
  -webkit-tap-highlight-color: transparent;
}
.fallback:not([hidden]) ~ .frame { background: transparent; }
.fallback { position: absolute; inset: 0; overflow: hidden; }
.fallback[hidden] { display: none; }
::slotted(img), ::slotted(picture) { display: block; width: 100%; height: 100%; object-fit: contain; }
.print-list { display: none; }
.frame.pointing { cursor: pointer; }
.frame.dragging { cursor: grabbing; }
canvas { position: absolute; inset: 0; width: 100%; height: 100%; display: block; direction: ltr; }
canvas.overlay { pointer-events: none; }
/* The focus ring of the timeline (and of the list of its events, whose
   focused event also gets a ring on the canvas): drawn over the canvases,
   which would hide a box-shadow of the frame itself. */
.frame:focus-visible::after, .frame:has(.mirror :focus-visible)::after {
  content: ""; position: absolute; inset: 0; border-radius: inherit; pointer-events: none;
  box-shadow: inset 0 0 0 2px var(--cs-selected);
}
.sr-desc, .mirror, .sr-live {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.card {
  position: absolute; top: 30px; right: 12px; width: min(340px, calc(100% - 24px));
  max-height: calc(100% - 42px); overflow: auto; box-sizing: border-box;
  padding: 14px 16px 12px; border-radius: 10px;
  background: var(--cs-card-bg); color: var(--cs-text);
  border: 1px solid var(--cs-card-border); box-shadow: 0 8px 28px rgba(0, 0, 0, 0.18);
  font-size: 14px; line-height: 1.55; cursor: auto; user-select: text; -webkit-user-select: text;
  overscroll-behavior: contain; touch-action: pan-y;
}
.card.left { right: auto; left: 12px; }
.frame.narrow .card { top: auto; bottom: 10px; left: 10px; right: 10px; width: auto; max-height: 62%; }
.frame.narrow .card.top { top: 10px; bottom: auto; }
.card[hidden] { display: none; }
.card .title { font-size: 16px; line-height: 1.35; margin: 0 28px 4px 0; font-weight: 650; }
.frame[dir=rtl] .card .title { margin: 0 0 4px 28px; }
.card .date { margin: 0; color: var(--cs-muted); font-size: 13px; }
.card .group { margin: 2px 0 0; color: var(--cs-muted); font-size: 12px; }
.card .text, .card .note { margin: 10px 0 0; }
.card .more, .card .source { margin: 10px 0 0; font-size: 13px; }
.card .source { color: var(--cs-muted); }
.card a { color: var(--cs-link); }
.card figure { margin: 10px 0 0; }
.card img { max-width: 100%; height: auto; border-radius: 6px; }
.card figcaption { font-size: 12px; color: var(--cs-muted); }
.card .close {
  position: absolute; top: 6px; inset-inline-end: 6px; width: 32px; height: 32px;
  border: 0; border-radius: 16px; background: transparent; color: var(--cs-muted);
  font: inherit; font-size: 20px; line-height: 1; cursor: pointer;
}
.frame.narrow .card .close { width: 44px; height: 44px; top: 2px; inset-inline-end: 2px; }
.card .close:hover, .card .close:focus-visible { background: var(--cs-stripe); color: var(--cs-text); }
.card .close:focus-visible, .card .member:focus-visible { outline: 2px solid var(--cs-selected); outline-offset: 1px; }
.card .members { list-style: none; margin: 8px 0 0; padding: 0; }
.card .member {
  display: block; width: 100%; text-align: start; padding: 6px 8px; margin: 0 0 2px;
  border: 0; border-radius: 6px; background: transparent; color: inherit; font: inherit; cursor: pointer;
}
.card .member:hover { background: var(--cs-stripe); }
.card .member-title { display: block; font-weight: 600; }
.card .member-date { display: block; font-size: 12px; color: var(--cs-muted); }
.readings { position: absolute; inset: 0; pointer-events: none; }
.reading {
  position: absolute; padding: 0 4px; border: 1px solid; border-radius: 4px; white-space: nowrap;
  background: var(--cs-card-bg); color: var(--cs-text); font-size: 11px; line-height: 15px;
}
.reading[hidden] { display: none; }
.overview { position: absolute; cursor: pointer; touch-action: none; }
.overview[hidden] { display: none; }
.overview .brush { position: absolute; top: 0; cursor: grab; }
.overview .edge { position: absolute; top: 0; bottom: 0; width: 24px; cursor: ew-resize; }
.overview .edge.left { left: -12px; }
.overview .edge.right { right: -12px; }
.toolbar { position: absolute; inset-inline-end: 12px; bottom: 4px; display: flex; gap: 4px; }
.toolbar button {
  width: 32px; height: 32px; display: grid; place-items: center; padding: 0; margin: 0;
  border: 1px solid var(--cs-card-border); border-radius: 8px;
  background: var(--cs-card-bg); color: var(--cs-text); cursor: pointer;
}
.toolbar button[hidden] { display: none; }
.toolbar button:hover { background: var(--cs-stripe); }
.toolbar button:focus-visible { outline: 2px solid var(--cs-selected); outline-offset: 1px; }
.frame.narrow .toolbar button { width: 44px; height: 44px; }
.tooltip {
  position: absolute; max-width: 280px; box-sizing: border-box; padding: 6px 10px;
  border-radius: 6px; background: var(--cs-card-bg); color: var(--cs-text);
  border: 1px solid var(--cs-card-border); box-shadow: 0 4px 14px rgba(0, 0, 0, 0.14);
  font-size: 13px; line-height: 1.4; pointer-events: none;
}
.tooltip[hidden] { display: none; }
.tooltip strong { display: block; font-weight: 600; }
.tooltip span { display: block; color: var(--cs-muted); font-size: 12px; }
.card .walk {
  display: flex; justify-content: space-between; gap: 8px; margin: 12px -16px -12px;
  padding: 8px 16px 12px; position: sticky; bottom: -12px; background: var(--cs-card-bg);
}
.card .walk button {
  min-height: 32px; padding: 4px 12px; border: 1px solid var(--cs-card-border); border-radius: 6px;
  background: transparent; color: var(--cs-text); font: inherit; font-size: 13px; cursor: pointer;
}
.card .walk button:hover:not([disabled]) { background: var(--cs-stripe); }
.card .walk button:focus-visible { outline: 2px solid var(--cs-selected); outline-offset: 1px; }
.card .walk button[disabled] { opacity: 0.4; cursor: default; }
.frame.narrow .card .walk button { min-height: 44px; }
/* Opaque, so its contrast does not depend on the chart under it (and axe can measure it). */
.hint {
  position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%);
  max-width: calc(100% - 32px); box-sizing: border-box; padding: 10px 16px; border-radius: 8px;
  background: rgb(20, 22, 26); color: #fff; font-size: 14px; text-align: center;
  opacity: 0; transition: opacity 0.2s; pointer-events: none;
}
.hint.shown { opacity: 1; }
@media (prefers-reduced-motion: reduce) { .hint { transition: none; } }
.message {
  position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%);
  width: max-content; max-width: calc(100% - 32px); box-sizing: border-box;
  padding: 12px 16px; border-radius: 8px;
  background: var(--cs-card-bg); border: 1px solid var(--cs-card-border);
  color: var(--cs-muted); font-size: 14px; line-height: 1.5; text-align: center;
}
.message[hidden] { display: none; }
.message.error {
  color: var(--cs-text); border-color: var(--cs-error); text-align: start;
  user-select: text; -webkit-user-select: text;
}
.message.error strong { display: block; color: var(--cs-error); margin-bottom: 4px; }
.message.error span { display: block; overflow-wrap: anywhere; }
.message.error .where { color: var(--cs-muted); font-size: 13px; }
.message.error code { display: block; margin-top: 4px; font-size: 12px; color: var(--cs-muted); }
.message button.retry, .notice button.retry {
  margin-top: 8px; min-height: 32px; padding: 4px 14px; border-radius: 6px; font: inherit;
  background: var(--cs-card-bg); color: var(--cs-text); border: 1px solid var(--cs-card-border); cursor: pointer;
}
.message button.retry:focus-visible, .notice button:focus-visible { outline: 2px solid var(--cs-selected); }
.notice {
  position: absolute; top: 8px; left: 50%; transform: translateX(-50%); z-index: 3;
  width: max-content; max-width: calc(100% - 24px); max-height: calc(100% - 16px); overflow: auto;
  box-sizing: border-box; padding: 6px 36px 6px 12px; border-radius: 6px;
  background: var(--cs-card-bg); color: var(--cs-text); border: 1px solid var(--cs-error);
  font-size: 13px; line-height: 1.4; cursor: auto; user-select: text; -webkit-user-select: text;
}
.notice[hidden] { display: none; }
.notice strong { display: block; color: var(--cs-error); }
.notice .detail { display: block; overflow-wrap: anywhere; }
.notice code { font-size: 12px; color: var(--cs-muted); margin-inline-end: 8px; }
.notice button.retry { margin-top: 4px; min-height: 28px; }
.notice button.close {
  position: absolute; top: 2px; inset-inline-end: 2px; width: 32px; height: 32px;
  border: 0; background: none; color: var(--cs-muted); font-size: 18px; cursor: pointer;
}
.sys-probe {
  position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); pointer-events: none;
}
.sys-probe span { forced-color-adjust: none; }
.sys-probe .sys-0 { color: Canvas; }
.sys-probe .sys-1 { color: CanvasText; }
.sys-probe .sys-2 { color: LinkText; }
.sys-probe .sys-3 { color: Highlight; }
.sys-probe .sys-4 { color: GrayText; }
.data-dialog {
  box-sizing: border-box; width: min(640px, calc(100vw - 24px)); max-width: none;
  max-height: min(86vh, 900px); margin: auto; padding: 0; overflow: auto;
  border: 1px solid var(--cs-card-border); border-radius: 12px;
  background: var(--cs-card-bg); color: var(--cs-text); font-family: var(--cs-font);
  font-size: 14px; line-height: 1.5; box-shadow: 0 12px 40px rgba(0, 0, 0, 0.28);
  overscroll-behavior: contain;
}
.data-dialog::backdrop { background: rgba(0, 0, 0, 0.45); }
.data-head {
  position: sticky; top: 0; z-index: 2; display: flex; align-items: center;
  justify-content: space-between; gap: 8px; padding: 8px 8px 8px 20px;
  background: var(--cs-card-bg); border-bottom: 1px solid var(--cs-card-border);
}
.data-dialog[dir=rtl] .data-head { padding: 8px 20px 8px 8px; }
.data-head h2 { margin: 0; font-size: 17px; line-height: 1.3; font-weight: 650; }
.data-dialog button {
  font: inherit; color: var(--cs-text); cursor: pointer;
}
.data-dialog .close {
  flex: none; width: 32px; height: 32px; padding: 0; border: 0; border-radius: 16px;
  background: transparent; color: var(--cs-muted); font-size: 22px; line-height: 1;
}
.data-dialog .close:hover { background: var(--cs-stripe); color: var(--cs-text); }
.data-series { padding: 14px 20px 16px; }
.data-series + .data-series { border-top: 1px solid var(--cs-card-border); }
.data-series .summary { margin: 0 0 10px; color: var(--cs-muted); }
.table-wrap { max-height: 300px; overflow: auto; }
.data-dialog table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
.data-series h3 { margin: 0 0 4px; font-size: 15px; line-height: 1.35; font-weight: 650; }
.data-dialog th, .data-dialog td {
  padding: 5px 10px; border-bottom: 1px solid var(--cs-card-border); text-align: start;
}
.data-dialog tbody th { font-weight: 400; }
.data-dialog td { text-align: end; white-space: nowrap; }
.data-dialog td.gap { color: var(--cs-muted); font-style: italic; }
.data-dialog thead th {
  position: sticky; top: 0; z-index: 1; background: var(--cs-card-bg);
  color: var(--cs-muted); font-size: 12px; font-weight: 600; border-bottom-color: var(--cs-axis);
}
.data-dialog thead th:last-child { text-align: end; }
.data-foot {
  display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin-top: 10px;
}
.data-foot .rows { margin: 0; color: var(--cs-muted); font-size: 13px; }
.data-foot .csv {
  margin-inline-start: auto; min-height: 32px; padding: 4px 14px; border-radius: 6px;
  background: var(--cs-card-bg); border: 1px solid var(--cs-card-border); font-size: 13px;
}
.data-foot .csv:hover { background: var(--cs-stripe); }
.data-dialog button:focus-visible, .table-wrap:focus-visible {
  outline: 2px solid var(--cs-selected); outline-offset: 1px;
}
/* Targets: at least 24 x 24 CSS px everywhere (WCAG 2.5.8), 44 x 44 for a
   finger (a coarse pointer, at any width). */
@media (pointer: coarse) {
  .toolbar button { width: 44px; height: 44px; }
  .card .close, .notice button.close, .data-dialog .close { width: 44px; height: 44px; }
  .card .close { top: 2px; inset-inline-end: 2px; }
  .card .title { margin-inline-end: 40px; }
  .card .walk button, .card .member, .message button.retry, .notice button.retry,
  .data-foot .csv { min-height: 44px; }
  .overview .edge { width: 44px; }
  .overview .edge.left { left: -22px; }
  .overview .edge.right { right: -22px; }
}
/* Forced colours (Windows High Contrast): the browser paints the DOM with
   the system colours and drops shadows; the canvas is painted with them
   too (Theme::forced). Rings drawn as shadows become outlines. */
@media (forced-colors: active) {
  .frame:focus-visible::after, .frame:has(.mirror :focus-visible)::after {
    box-shadow: none; border: 3px solid Highlight;
  }
  .toolbar button, .card .walk button, .data-foot .csv, .message button.retry,
  .notice button.retry { border-color: ButtonText; }
  .toolbar button:focus-visible, .card .close:focus-visible, .card .member:focus-visible,
  .card .walk button:focus-visible, .data-dialog button:focus-visible,
  .table-wrap:focus-visible, .notice button:focus-visible, .message button.retry:focus-visible {
    outline: 3px solid Highlight; outline-offset: 1px;
  }
  .hint { background: Canvas; color: CanvasText; border: 1px solid CanvasText; }
  .card, .tooltip, .message, .notice, .data-dialog, .reading { border-color: CanvasText; }
  .card .walk button[disabled] { opacity: 1; color: GrayText; border-color: GrayText; }
}
.frame.stopped canvas, .frame.stopped .toolbar, .frame.stopped .overview { visibility: hidden; }
@media print {
  :host {
    height: auto !important; min-height: 0 !important; contain: none !important;
    background: none !important; color: #000 !important;
  }
  .frame { position: relative; inset: auto; overflow: visible; box-shadow: none !important; }
  .frame::after { display: none !important; }
  canvas.base { position: static; width: 100%; height: auto; break-inside: avoid; }
  canvas.overlay, .card, .tooltip, .hint, .toolbar, .readings, .overview { display: none !important; }
  .print-list {
    display: block; margin: 8pt 0 0; padding: 0; list-style: none;
    font-size: 10pt; line-height: 1.4; color: #000;
  }
  .print-list li { margin: 0 0 2pt; break-inside: avoid; }
  .print-list .date { font-weight: 600; margin-inline-end: 0.5em; }
}
"#;

/// The whole stylesheet text.
pub fn css() -> String {
    let light = Theme::light().css_vars();
    let dark = Theme::dark().css_vars();
    format!(
        ":host {{ display: block; position: relative; height: 400px; min-height: 160px; \
         box-sizing: border-box; contain: layout paint; --cs-font: {WEB_FONTS}; {light} \
         font-family: var(--cs-font); color: var(--cs-text); background: var(--cs-bg); }}\n\
         :host([theme=\"dark\"]) {{ {dark} }}\n\
         @media (prefers-color-scheme: dark) {{ :host([theme=\"auto\"]) {{ {dark} }} }}\n\
         {LAYOUT_CSS}"
    )
}

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// Adopts the shared sheet into `root` (replacing the loader's boot sheet).
pub fn adopt(root: &ShadowRoot) -> Result<(), JsValue> {
    let sheet = SHEET.with(|s| -> Result<CssStyleSheet, JsValue> {
        let mut s = s
            .try_borrow_mut()
            .map_err(|_| JsValue::from_str("stylesheet busy"))?;
        if let Some(sheet) = s.as_ref() {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(&css())?;
        *s = Some(sheet.clone());
        Ok(sheet)
    })?;
    root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    Ok(())
}
