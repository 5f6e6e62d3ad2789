//! The DOM a widget makes in its element's shadow root: the region with
//! its canvases, overlays and controls, the printed list, the Data dialog.
//! Every element is made by name with its classes and attributes; the
//! controllers that own them are given them in `Widget::new`.

use super::mirror::Mirror;
use super::paint::Surfaces;
use crate::render::theme::SystemColors;
use crate::web::dom::{self, el, set_attr, set_hidden};
use crate::web::panic;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, HtmlCanvasElement, HtmlElement, ShadowRoot};

/// What [`build`] made, for the controllers.
pub(super) struct Parts {
    pub frame: HtmlElement,
    pub paint: Surfaces,
    pub card: HtmlElement,
    pub tooltip: HtmlElement,
    pub hint: HtmlElement,
    pub message: HtmlElement,
    pub notice: HtmlElement,
    pub print_list: HtmlElement,
    pub mirror: Mirror,
    pub summaries: HtmlElement,
    pub data_dialog: HtmlElement,
    pub sys_probe: HtmlElement,
}

/// Builds the widget's DOM inside `root`, replacing whatever the element
/// showed before the code loaded.
pub(super) fn build(doc: &Document, root: &ShadowRoot) -> Result<Parts, JsValue> {
    if let Some(old) = root.query_selector(".frame").ok().flatten() {
        old.remove();
    }
    if let Some(old) = root.query_selector(".boot").ok().flatten() {
        old.remove();
    }
    let frame = el(doc, "div", "frame");
    set_attr(&frame, "tabindex", "0");
    set_attr(&frame, "role", "region");
    set_attr(&frame, "aria-roledescription", "timeline");
    let desc = el(doc, "p", "sr-desc");
    desc.set_id("cs-desc");
    set_attr(&frame, "aria-describedby", "cs-desc");
    let summaries = el(doc, "div", "sr-desc series-summaries");
    let data_dialog = el(doc, "dialog", "data-dialog");
    set_attr(&data_dialog, "aria-labelledby", "cs-data-title");
    let sys_probe = el(doc, "div", "sys-probe");
    set_attr(&sys_probe, "aria-hidden", "true");
    for i in 0..SystemColors::KEYWORDS.len() {
        dom::append(&sys_probe, &el(doc, "span", &format!("sys-{i}")));
    }
    let canvas: HtmlCanvasElement = el(doc, "canvas", "base").unchecked_into();
    set_attr(&canvas, "aria-hidden", "true");
    let overlay: HtmlCanvasElement = el(doc, "canvas", "overlay").unchecked_into();
    set_attr(&overlay, "aria-hidden", "true");
    let card = el(doc, "div", "card");
    set_attr(&card, "role", "dialog");
    set_hidden(&card, true);
    let hint = el(doc, "div", "hint");
    set_attr(&hint, "aria-hidden", "true");
    let tooltip = el(doc, "div", "tooltip");
    set_attr(&tooltip, "aria-hidden", "true");
    set_hidden(&tooltip, true);
    let toolbar = dom::toolbar(doc);
    let readings = el(doc, "div", "readings");
    set_attr(&readings, "aria-hidden", "true");
    let overview = el(doc, "div", "overview");
    set_attr(&overview, "aria-hidden", "true");
    set_hidden(&overview, true);
    let brush = el(doc, "div", "brush");
    for edge in ["edge left", "edge right"] {
        dom::append(&brush, &el(doc, "div", edge));
    }
    dom::append(&overview, &brush);
    let message = el(doc, "div", "message");
    set_hidden(&message, true);
    let notice = el(doc, "div", "notice");
    set_hidden(&notice, true);
    // Printed below the chart (style.rs): the events of the view as text.
    let print_list = el(doc, "ol", "print-list");
    let mirror = Mirror::new(doc);
    let fallback = root
        .query_selector(".fallback")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    let (mirror_root, live) = mirror.elements();
    for child in [
        &desc,
        mirror_root,
        &summaries,
        &sys_probe,
        &canvas as &HtmlElement,
        &overlay,
        &readings,
        &overview,
        &tooltip,
        &hint,
        &toolbar,
        &card,
        &notice,
        &message,
        live,
    ] {
        dom::append(&frame, child);
    }
    crate::web::style::adopt(root)?;
    dom::append(root.unchecked_ref(), &frame);
    dom::append(root.unchecked_ref(), &print_list);
    dom::append(root.unchecked_ref(), &data_dialog);
    panic::register(&message);
    Ok(Parts {
        frame,
        paint: Surfaces {
            canvas,
            overlay,
            readings,
            overview,
            brush,
            fallback,
        },
        card,
        tooltip,
        hint,
        message,
        notice,
        print_list,
        mirror,
        summaries,
        data_dialog,
        sys_probe,
    })
}
