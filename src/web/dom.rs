//! Small DOM helpers and the widget's overlays (card, hint, message). Every
//! string from a dataset reaches the DOM as text (`textContent`), never as
//! markup.

use crate::core::error::ChronoError;
use crate::core::locale::{format_range, format_time, Lang};
use crate::core::model::{Dataset, Event, SourceRef};
use crate::core::strings::{cluster_title, strings};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement};

/// Creates `<tag class="…">` (an HTML element; nothing in this module fails
/// for well-formed tag names, so a failure falls back to a plain element).
pub fn el(doc: &Document, tag: &str, class: &str) -> HtmlElement {
    let e = doc
        .create_element(tag)
        .ok()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        .unwrap_or_else(|| {
            // `div` is always creatable; this path exists only to avoid a panic.
            doc.create_element("div")
                .ok()
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
                .unwrap_or_else(|| JsValue::NULL.unchecked_into())
        });
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

/// `el` with text content.
pub fn text_el(doc: &Document, tag: &str, class: &str, text: &str) -> HtmlElement {
    let e = el(doc, tag, class);
    e.set_text_content(Some(text));
    e
}

pub fn set_attr(e: &Element, name: &str, value: &str) {
    let _ = e.set_attribute(name, value);
}

pub fn set_hidden(e: &HtmlElement, hidden: bool) {
    e.set_hidden(hidden);
}

pub fn append(parent: &Element, child: &Element) {
    let _ = parent.append_child(child);
}

/// Removes all children.
pub fn clear(e: &Element) {
    e.set_text_content(None);
}

/// The date line of an event card: the dataset's own wording, or the
/// precision-aware date (range).
pub fn event_date(ev: &Event, lang: Lang) -> String {
    if let Some(d) = &ev.display_date {
        return d.clone();
    }
    match &ev.end {
        Some(end) if end.ms > ev.start.ms => format_range(&ev.start, end, lang),
        _ => format_time(&ev.start, lang),
    }
}

/// Splits a text into paragraphs at blank lines.
fn paragraphs(doc: &Document, parent: &Element, text: &str) {
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        append(parent, &text_el(doc, "p", "text", para));
    }
}

fn source_line(doc: &Document, parent: &Element, src: &SourceRef, lang: Lang) {
    let p = el(doc, "p", "source");
    p.set_text_content(Some(&format!("{}{}", strings(lang).source, colon(lang))));
    match &src.url {
        Some(url) => {
            let a = link(doc, url, if src.name.is_empty() { url } else { &src.name });
            append(&p, &a);
        }
        None => {
            let _ = p.append_with_str_1(&src.name);
        }
    }
    append(parent, &p);
}

/// The colon after a label: full-width in Chinese.
fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ": ",
        _ => "：",
    }
}

/// An external link that opens in a new tab without giving it our window.
/// The URL has been checked to be http(s)/mailto by the dataset decoder.
pub fn link(doc: &Document, url: &str, label: &str) -> HtmlElement {
    let a = text_el(doc, "a", "", label);
    set_attr(&a, "href", url);
    set_attr(&a, "target", "_blank");
    set_attr(&a, "rel", "noopener noreferrer");
    a
}

/// The close button and heading every card starts with. Returns the body
/// element to fill and the close button.
fn card_frame(
    doc: &Document,
    card: &HtmlElement,
    title: &str,
    lang: Lang,
) -> (HtmlElement, HtmlElement) {
    clear(card);
    let close = text_el(doc, "button", "close", "×");
    set_attr(&close, "type", "button");
    set_attr(&close, "aria-label", strings(lang).close);
    set_attr(&close, "title", strings(lang).close);
    append(card, &close);
    let h = text_el(doc, "h2", "title", title);
    h.set_id("cs-card-title");
    append(card, &h);
    let body = el(doc, "div", "body");
    append(card, &body);
    (body, close)
}

/// Fills the card with one event. Returns the close button.
pub fn event_card(
    doc: &Document,
    card: &HtmlElement,
    ds: &Dataset,
    idx: usize,
    lang: Lang,
) -> Option<HtmlElement> {
    let ev = ds.events.get(idx)?;
    let (body, close) = card_frame(doc, card, &ev.title, lang);
    let date = text_el(doc, "p", "date", &event_date(ev, lang));
    append(&body, &date);
    if let Some(g) = ev.group.and_then(|g| ds.groups.get(g)) {
        let tag = text_el(doc, "p", "group", &g.label);
        append(&body, &tag);
    }
    if let Some(m) = &ev.media {
        let fig = el(doc, "figure", "media");
        let img = el(doc, "img", "");
        set_attr(&img, "src", &m.url);
        set_attr(&img, "alt", &m.alt);
        set_attr(&img, "loading", "lazy");
        set_attr(&img, "referrerpolicy", "no-referrer");
        append(&fig, &img);
        let cap = [m.caption.as_deref(), m.credit.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        if !cap.is_empty() {
            append(&fig, &text_el(doc, "figcaption", "", &cap));
        }
        append(&body, &fig);
    }
    if let Some(t) = &ev.text {
        paragraphs(doc, &body, t);
    }
    if let Some(url) = &ev.link {
        let p = el(doc, "p", "more");
        append(
            &p,
            &link(doc, url, &format!("{} →", strings(lang).read_more)),
        );
        append(&body, &p);
    }
    if let Some(src) = &ev.source {
        source_line(doc, &body, src, lang);
    }
    Some(close)
}

/// Fills the card with the list of a cluster's events. Returns the close
/// button and one button per member (in order).
pub fn cluster_card(
    doc: &Document,
    card: &HtmlElement,
    ds: &Dataset,
    members: &[usize],
    lang: Lang,
) -> (HtmlElement, Vec<(usize, HtmlElement)>) {
    let (body, close) = card_frame(doc, card, &cluster_title(members.len(), lang), lang);
    let list = el(doc, "ul", "members");
    let mut buttons = Vec::new();
    for &m in members {
        let Some(ev) = ds.events.get(m) else { continue };
        let li = el(doc, "li", "");
        let b = el(doc, "button", "member");
        set_attr(&b, "type", "button");
        append(&b, &text_el(doc, "span", "member-title", &ev.title));
        append(
            &b,
            &text_el(doc, "span", "member-date", &event_date(ev, lang)),
        );
        append(&li, &b);
        append(&list, &li);
        buttons.push((m, b));
    }
    append(&body, &list);
    (close, buttons)
}

/// Fills the card with an indicator series' description.
pub fn series_card(
    doc: &Document,
    card: &HtmlElement,
    ds: &Dataset,
    idx: usize,
    lang: Lang,
) -> Option<HtmlElement> {
    let s = ds.series.get(idx)?;
    let (body, close) = card_frame(doc, card, &s.name, lang);
    if !s.unit.is_empty() {
        append(&body, &text_el(doc, "p", "date", &s.unit));
    }
    if let Some(note) = &s.note {
        let p = el(doc, "p", "note");
        append(
            &p,
            &text_el(doc, "strong", "", &format!("{}: ", strings(lang).note)),
        );
        let _ = p.append_with_str_1(note);
        append(&body, &p);
    }
    if let Some(src) = &s.source {
        source_line(doc, &body, src, lang);
    }
    Some(close)
}

/// Shows an error in the message box.
pub fn show_error(doc: &Document, message: &HtmlElement, err: &ChronoError, lang: Lang) {
    clear(message);
    message.set_class_name("message error");
    set_attr(message, "role", "alert");
    append(
        message,
        &text_el(doc, "strong", "", strings(lang).error_title),
    );
    append(message, &text_el(doc, "span", "detail", &err.message));
    let loc = err.location();
    if !loc.is_empty() {
        append(message, &text_el(doc, "span", "where", &loc));
    }
    append(message, &text_el(doc, "code", "", err.code.as_str()));
    set_hidden(message, false);
}

/// Shows a neutral status (loading, nothing to show).
pub fn show_status(message: &HtmlElement, text: &str) {
    clear(message);
    message.set_class_name("message");
    set_attr(message, "role", "status");
    message.set_text_content(Some(text));
    set_hidden(message, false);
}
