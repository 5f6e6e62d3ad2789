//! Small DOM helpers and the widget's overlays (card, hint, message). Every
//! string from a dataset reaches the DOM as text (`textContent`), never as
//! markup.

use crate::core::data::error::ChronoError;
use crate::core::data::model::{Dataset, Event, SourceRef};
use crate::core::i18n::format::Formatter;
use crate::core::i18n::lang::Lang;
use crate::core::i18n::locale::format_number;
use crate::core::i18n::strings::{cluster_title, strings};
use crate::core::scene::Crosshair;
use crate::core::text::markup::{self, Inline, Paragraph};
use crate::render::Theme;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, Node};

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
pub fn event_date(ev: &Event, lang: Lang, fmt: Option<&dyn Formatter>) -> String {
    crate::core::a11y::list::event_date(ev, lang, fmt)
}

/// Splits a text into paragraphs at blank lines.
/// The event text in its safe markup (`core::markup`): paragraphs,
/// emphasis, strong, line breaks and http(s)/mailto links — built as
/// elements with text nodes; nothing from the dataset is parsed as HTML.
fn paragraphs(doc: &Document, parent: &Element, text: &str) {
    for Paragraph(inlines) in markup::parse(text) {
        let p = el(doc, "p", "text");
        inline_nodes(doc, &p, &inlines);
        append(parent, &p);
    }
}

fn inline_nodes(doc: &Document, parent: &Element, inlines: &[Inline]) {
    for node in inlines {
        match node {
            Inline::Text(t) => {
                let _ = parent.append_with_str_1(t);
            }
            Inline::Break => append(parent, &el(doc, "br", "")),
            Inline::Emphasis(children) => {
                let e = el(doc, "em", "");
                inline_nodes(doc, &e, children);
                append(parent, &e);
            }
            Inline::Strong(children) => {
                let e = el(doc, "strong", "");
                inline_nodes(doc, &e, children);
                append(parent, &e);
            }
            // The address as the browser reads it (the markup allows only
            // absolute http(s) and mailto ones); one it cannot read is no
            // link, its label stays as text.
            Inline::Link { url, children } => match resolve(url, "", true) {
                Some(href) => {
                    let a = link(doc, &href, "");
                    inline_nodes(doc, &a, children);
                    append(parent, &a);
                }
                None => inline_nodes(doc, parent, children),
            },
        }
    }
}

/// Marks `root`'s dataset texts (`.title`, `.group`, `.text`,
/// `figcaption`, `.member-title`, `.src-name`, `strong.data`) as written in
/// the dataset's language, with their own direction: an English title in an
/// Arabic widget reads left to right with its punctuation in place, and
/// Chinese text in a Japanese widget gets Chinese glyph forms.
fn mark_data_text(root: &Element, ds: &Dataset) {
    mark_data_text_in(root, ds, DATA_TEXT);
}

const DATA_TEXT: &str =
    ".title, .date, .group, .text, figcaption, .member-title, .src-name, strong.data";

fn mark_data_text_in(root: &Element, ds: &Dataset, selector: &str) {
    let Ok(list) = root.query_selector_all(selector) else {
        return;
    };
    let locale = ds
        .locale
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty());
    for i in 0..list.length() {
        if let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            set_attr(&e, "dir", "auto");
            // A date line is the widget's words unless the dataset wrote it.
            if let (Some(l), false) = (locale, e.class_list().contains("date")) {
                set_attr(&e, "lang", l);
            }
        }
    }
}

fn source_line(doc: &Document, parent: &Element, src: &SourceRef, lang: Lang, base: &str) {
    let p = el(doc, "p", "source");
    p.set_text_content(Some(&format!("{}{}", strings(lang).source, colon(lang))));
    match src.url.as_deref().and_then(|u| resolve(u, base, false)) {
        Some(url) => {
            let url = url.as_str();
            let a = link(doc, url, if src.name.is_empty() { url } else { &src.name });
            set_attr(&a, "class", "src-name");
            append(&p, &a);
        }
        None => append(&p, &text_el(doc, "bdi", "src-name", &src.name)),
    }
    append(parent, &p);
}

/// The colon after a label: full-width in Chinese.
fn colon(lang: Lang) -> &'static str {
    strings(lang).colon
}

/// A dataset's address (`link`, `media.url`, `source.url`: absolute or
/// relative, checked by the decoder) resolved against `base`, the
/// dataset's own address: None unless the result is http(s), or mailto
/// for links. Relative addresses never reach `src` or `href` as written.
pub fn resolve(url: &str, base: &str, mailto: bool) -> Option<String> {
    let u = if base.is_empty() {
        web_sys::Url::new(url)
    } else {
        web_sys::Url::new_with_base(url, base)
    }
    .ok()?;
    let scheme = u.protocol();
    (scheme == "http:" || scheme == "https:" || (mailto && scheme == "mailto:")).then(|| u.href())
}

/// An external link that opens in a new tab without giving it our window.
/// The URL has been checked to be http(s)/mailto (by the dataset decoder,
/// or [`resolve`]).
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

/// The buttons of an event card.
pub struct EventCardButtons {
    pub close: HtmlElement,
    pub previous: Option<HtmlElement>,
    pub next: Option<HtmlElement>,
}

/// Fills the card with one event — or with the page's own content for it
/// (`custom`, from its `renderCard` hook) — with Previous / Next buttons to
/// walk the events in time order. The event's addresses resolve against
/// `base` ([`resolve`]).
#[allow(clippy::too_many_arguments)]
pub fn event_card(
    doc: &Document,
    card: &HtmlElement,
    ds: &Dataset,
    idx: usize,
    lang: Lang,
    fmt: Option<&dyn Formatter>,
    custom: Option<Node>,
    base: &str,
) -> Option<EventCardButtons> {
    let ev = ds.events.get(idx)?;
    let (body, close) = card_frame(doc, card, &ev.title, lang);
    match custom {
        Some(node) => {
            let _ = body.append_child(&node);
        }
        None => event_body(doc, &body, ds, ev, lang, fmt, base),
    }
    let nav = el(doc, "div", "walk");
    let button = |class: &str, label: &str, enabled: bool| {
        let b = text_el(doc, "button", class, label);
        set_attr(&b, "type", "button");
        if !enabled {
            set_attr(&b, "disabled", "");
        }
        append(&nav, &b);
        enabled.then_some(b)
    };
    let previous = button(
        "previous",
        &format!("‹ {}", strings(lang).previous),
        idx > 0,
    );
    let next = button(
        "next",
        &format!("{} ›", strings(lang).next),
        idx + 1 < ds.events.len(),
    );
    append(card, &nav);
    mark_data_text(card, ds);
    Some(EventCardButtons {
        close,
        previous,
        next,
    })
}

/// The built-in content of an event card.
fn event_body(
    doc: &Document,
    body: &HtmlElement,
    ds: &Dataset,
    ev: &Event,
    lang: Lang,
    fmt: Option<&dyn Formatter>,
    base: &str,
) {
    let body = body.clone();
    let date = text_el(doc, "p", "date", &event_date(ev, lang, fmt));
    append(&body, &date);
    if let Some(g) = ev.group.and_then(|g| ds.groups.get(g)) {
        let tag = text_el(doc, "p", "group", &g.label);
        append(&body, &tag);
    }
    let media = ev
        .media
        .as_ref()
        .and_then(|m| Some((m, resolve(&m.url, base, false)?)));
    if let Some((m, url)) = media {
        let fig = el(doc, "figure", "media");
        let img = el(doc, "img", "");
        set_attr(&img, "src", &url);
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
    if let Some(url) = ev.link.as_deref().and_then(|u| resolve(u, base, true)) {
        let p = el(doc, "p", "more");
        append(
            &p,
            &link(doc, &url, &format!("{} →", strings(lang).read_more)),
        );
        append(&body, &p);
    }
    if let Some(src) = &ev.source {
        source_line(doc, &body, src, lang, base);
    }
}

/// Fills the card with the list of a cluster's events. Returns the close
/// button and one button per member (in order).
pub fn cluster_card(
    doc: &Document,
    card: &HtmlElement,
    ds: &Dataset,
    members: &[usize],
    lang: Lang,
    fmt: Option<&dyn Formatter>,
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
            &text_el(doc, "span", "member-date", &event_date(ev, lang, fmt)),
        );
        append(&li, &b);
        append(&list, &li);
        buttons.push((m, b));
    }
    append(&body, &list);
    // The heading ("3 events here") is the widget's own words.
    mark_data_text_in(card, ds, ".member-title");
    (close, buttons)
}

/// Fills the card with an indicator series' description.
pub fn series_card(
    doc: &Document,
    card: &HtmlElement,
    ds: &Dataset,
    idx: usize,
    lang: Lang,
    base: &str,
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
        source_line(doc, &body, src, lang, base);
    }
    mark_data_text(card, ds);
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

/// A Retry button at the end of `parent` (the message box or the notice).
pub fn retry_button(doc: &Document, parent: &HtmlElement, lang: Lang) -> HtmlElement {
    let b = text_el(doc, "button", "retry", strings(lang).retry);
    set_attr(&b, "type", "button");
    append(parent, &b);
    b
}

/// Fills the notice of a failed reload (the earlier data stays on screen):
/// what happened, the error's message and code, and a close button, which
/// it returns.
pub fn show_notice(
    doc: &Document,
    notice: &HtmlElement,
    err: &ChronoError,
    lang: Lang,
) -> HtmlElement {
    clear(notice);
    set_attr(notice, "role", "alert");
    append(
        notice,
        &text_el(doc, "strong", "", strings(lang).reload_failed),
    );
    append(notice, &text_el(doc, "span", "detail", &err.message));
    append(notice, &text_el(doc, "code", "", err.code.as_str()));
    let close = text_el(doc, "button", "close", "×");
    set_attr(&close, "type", "button");
    set_attr(&close, "aria-label", strings(lang).close);
    set_attr(&close, "title", strings(lang).close);
    append(notice, &close);
    set_hidden(notice, false);
    close
}

/// Shows a neutral status (loading, nothing to show).
pub fn show_status(message: &HtmlElement, text: &str) {
    clear(message);
    message.set_class_name("message");
    set_attr(message, "role", "status");
    message.set_text_content(Some(text));
    set_hidden(message, false);
}

/// The zoom buttons (zoom in, zoom out, show everything). Their accessible
/// names are set by [`label_toolbar`] in the widget's language.
pub fn toolbar(doc: &Document) -> HtmlElement {
    let bar = el(doc, "div", "toolbar");
    for (class, icon) in [
        ("zoom-in", "M12 5v14M5 12h14"),
        ("zoom-out", "M5 12h14"),
        ("fit", "M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5"),
        // A table: frame, header rule, column rule.
        ("data", "M4 5h16v14H4zM4 10h16M10 10v9"),
        ("download", "M12 4v11M7 10l5 5 5-5M5 20h14"),
    ] {
        let b = el(doc, "button", class);
        set_attr(&b, "type", "button");
        if class == "data" {
            // Shown when the dataset has series; opens a modal dialog.
            set_attr(&b, "hidden", "");
            set_attr(&b, "aria-haspopup", "dialog");
        }
        if class == "download" {
            // Shown with the element's `download` attribute.
            set_attr(&b, "hidden", "");
        }
        append(&b, &svg_icon(doc, icon));
        append(&bar, &b);
    }
    bar
}

/// A 24×24 stroked icon from one SVG path.
fn svg_icon(doc: &Document, d: &str) -> Element {
    const NS: &str = "http://www.w3.org/2000/svg";
    let make = |tag: &str| doc.create_element_ns(Some(NS), tag).ok();
    let (Some(svg), Some(path)) = (make("svg"), make("path")) else {
        return el(doc, "span", "").into();
    };
    for (k, v) in [
        ("viewBox", "0 0 24 24"),
        ("width", "18"),
        ("height", "18"),
        ("aria-hidden", "true"),
        ("focusable", "false"),
    ] {
        set_attr(&svg, k, v);
    }
    for (k, v) in [
        ("d", d),
        ("fill", "none"),
        ("stroke", "currentColor"),
        ("stroke-width", "2"),
        ("stroke-linecap", "round"),
        ("stroke-linejoin", "round"),
    ] {
        set_attr(&path, k, v);
    }
    let _ = svg.append_child(&path);
    svg
}

/// Names the zoom buttons in `lang`.
pub fn label_toolbar(bar: &Element, lang: Lang) {
    let s = strings(lang);
    for (class, label) in [
        ("zoom-in", s.zoom_in),
        ("zoom-out", s.zoom_out),
        ("fit", s.fit_all),
        ("data", crate::core::a11y::summary::words(lang).data_button),
        ("download", s.download_image),
    ] {
        if let Ok(Some(b)) = bar.query_selector(&format!(".{class}")) {
            set_attr(&b, "aria-label", label);
            set_attr(&b, "title", label);
        }
    }
}

/// The hover tooltip: an event's title and date, or a cluster's count.
pub fn fill_tooltip(
    doc: &Document,
    tip: &HtmlElement,
    ds: &Dataset,
    members: &[usize],
    lang: Lang,
    fmt: Option<&dyn Formatter>,
    custom: Option<Node>,
) {
    clear(tip);
    if let Some(node) = custom {
        let _ = tip.append_child(&node);
        return;
    }
    match members {
        [one] => {
            if let Some(ev) = ds.events.get(*one) {
                append(tip, &text_el(doc, "strong", "data", &ev.title));
                mark_data_text(tip, ds);
                append(tip, &text_el(doc, "span", "", &event_date(ev, lang, fmt)));
            }
        }
        many => {
            append(
                tip,
                &text_el(doc, "strong", "", &cluster_title(many.len(), lang)),
            );
        }
    }
}

/// Shows the crosshair's readings as text plates (DOM, so they are crisp,
/// selectable and readable by assistive technology), reusing the plates.
pub fn show_readings(doc: &Document, box_: &HtmlElement, cross: Option<&Crosshair>, theme: &Theme) {
    let marks = cross.map_or(&[][..], |c| &c.marks[..]);
    let children = box_.children();
    for (i, m) in marks.iter().enumerate() {
        let plate: HtmlElement = match children.item(i as u32) {
            Some(e) => e.unchecked_into(),
            None => {
                let e = el(doc, "div", "reading");
                append(box_, &e);
                e
            }
        };
        plate.set_text_content(Some(&m.label.text));
        plate.set_hidden(false);
        let style = plate.style();
        let r = m.label.rect();
        let _ = style.set_property("left", &format!("{}px", r.x - 4.0));
        let _ = style.set_property("top", &format!("{}px", r.y - 1.0));
        let _ = style.set_property("border-color", &theme.mark(m.color).to_css());
    }
    for i in marks.len()..children.length() as usize {
        if let Some(e) = children.item(i as u32) {
            e.unchecked_into::<HtmlElement>().set_hidden(true);
        }
    }
}

/// The print-only list: one item per event (`members`, in time order) with
/// its date as the card writes it and its title, as text; `more` events
/// past the list's limit are counted in a last item.
pub fn fill_print_list(
    doc: &Document,
    list: &HtmlElement,
    ds: &Dataset,
    members: &[usize],
    more: usize,
    lang: Lang,
    fmt: Option<&dyn Formatter>,
) {
    clear(list);
    for &m in members {
        let Some(ev) = ds.events.get(m) else { continue };
        let li = el(doc, "li", "");
        append(
            &li,
            &text_el(doc, "span", "date", &event_date(ev, lang, fmt)),
        );
        let _ = li.append_with_str_1(" ");
        append(&li, &text_el(doc, "span", "title", &ev.title));
        append(list, &li);
    }
    if more > 0 {
        let text = format!("… +{}", format_number(more as f64, lang));
        append(list, &text_el(doc, "li", "more", &text));
    }
}

/// Places `e` at `r` (CSS px in the frame).
pub fn place(e: &HtmlElement, r: &crate::core::scene::Rect) {
    let style = e.style();
    let _ = style.set_property("left", &format!("{}px", r.x));
    let _ = style.set_property("top", &format!("{}px", r.y));
    let _ = style.set_property("width", &format!("{}px", r.w));
    let _ = style.set_property("height", &format!("{}px", r.h));
}
