//! The indicator series for people who do not see the chart: a summary
//! sentence per series in the region's accessible description, and the
//! *Data* dialog (a toolbar button) with each series as a real `<table>`
//! and a CSV download. Words and sentences come from `core::summary`.
//!
//! The dialog is a native `<dialog>` opened with `showModal()`: focus moves
//! into it and stays there, the page behind is inert, Escape closes it, and
//! focus returns to the button that opened it. It lives in the shadow root
//! beside the frame, so keys and pointers inside it never reach the
//! timeline's own handlers.

use super::{with_state, State};
use crate::core::a11y::summary::{
    point_time, series_csv, series_heading, series_summary, words, TABLE_ROWS,
};
use crate::core::data::model::Dataset;
use crate::core::i18n::format::Formatter;
use crate::core::i18n::format::{date_text, value_text};
use crate::core::i18n::lang::Lang;
use crate::core::i18n::strings::strings;
use crate::web::dom::{append, clear, el, set_attr, text_el};
use crate::web::listener::Listener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, HtmlElement};

/// The summaries and the dialog.
pub(super) struct Dialog {
    /// The series' summary sentences (visually hidden, in the region's
    /// description).
    summaries: HtmlElement,
    el: HtmlElement,
    listeners: Vec<Listener>,
    /// The last CSV download's object URL (revoked at the next one).
    csv_url: Option<String>,
}

impl Dialog {
    pub fn new(summaries: HtmlElement, el: HtmlElement) -> Dialog {
        Dialog {
            summaries,
            el,
            listeners: Vec::new(),
            csv_url: None,
        }
    }

    /// The widget is going: the dialog, its listeners and its download's
    /// address go too.
    pub fn remove(&mut self) {
        self.listeners.clear();
        self.el.remove();
        if let Some(url) = self.csv_url.take() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    }
}

/// Fills `box_` (visually hidden) with one paragraph per series, the
/// summary sentence, and returns their ids for `aria-describedby`.
fn fill_summaries(
    doc: &Document,
    box_: &HtmlElement,
    ds: Option<&Dataset>,
    lang: Lang,
    fmt: Option<&dyn Formatter>,
) -> Vec<String> {
    clear(box_);
    let Some(ds) = ds else { return Vec::new() };
    let mut ids = Vec::with_capacity(ds.series.len());
    for i in 0..ds.series.len() {
        let p = text_el(doc, "p", "", &series_summary(&ds.series, i, lang, fmt));
        let id = format!("cs-sum-{i}");
        p.set_id(&id);
        append(box_, &p);
        ids.push(id);
    }
    ids
}

/// Calls a method of a DOM object by name (`showModal`, `close`): the
/// dialog's methods without a web-sys feature for one element type.
fn call(target: &JsValue, method: &str) {
    if let Ok(f) = js_sys::Reflect::get(target, &JsValue::from_str(method)) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call0(target);
        }
    }
}

/// True while the dialog is open.
fn is_open(dialog: &HtmlElement) -> bool {
    dialog.has_attribute("open")
}

impl State {
    /// The series' summary sentences, in the region's description after
    /// its instructions.
    pub(super) fn describe_series(&mut self) {
        let ds = self.data.dataset().cloned();
        let fmt = ds.as_deref().map(|d| self.page_formatter(d));
        let ids = fill_summaries(
            &self.doc,
            &self.dialog.summaries,
            ds.as_deref(),
            self.lang,
            fmt.as_ref().and_then(|f| f.as_formatter()),
        );
        let mut described = String::from("cs-desc");
        for id in ids {
            described.push(' ');
            described.push_str(&id);
        }
        set_attr(&self.frame, "aria-describedby", &described);
    }

    /// Opens the data dialog over the page with every series of the dataset.
    pub(super) fn open_dialog(&mut self) {
        open(self);
    }

    /// Closes the dialog (its `close` event then returns focus).
    pub(super) fn close_dialog(&mut self) {
        if is_open(&self.dialog.el) {
            call(&self.dialog.el, "close");
        }
    }
}

fn open(st: &mut State) {
    let Some(ds) = st.data.dataset().cloned() else {
        return;
    };
    if ds.series.is_empty() || is_open(&st.dialog.el) {
        return;
    }
    let doc = st.doc.clone();
    let lang = st.lang;
    let dialog = st.dialog.el.clone();
    let fmt = st.page_formatter(&ds);
    let fmt = fmt.as_formatter();
    let w = words(lang);
    clear(&dialog);
    set_attr(&dialog, "lang", lang.tag());
    set_attr(&dialog, "dir", if lang.is_rtl() { "rtl" } else { "ltr" });
    let head = el(&doc, "div", "data-head");
    let h = text_el(&doc, "h2", "", w.data_title);
    h.set_id("cs-data-title");
    append(&head, &h);
    let close = text_el(&doc, "button", "close", "×");
    set_attr(&close, "type", "button");
    set_attr(&close, "aria-label", strings(lang).close);
    set_attr(&close, "title", strings(lang).close);
    append(&head, &close);
    append(&dialog, &head);
    let mut listeners = Vec::new();
    let weak = st.weak.clone();
    listeners.push(Listener::new(&close, "click", true, move |_| {
        with_state(&weak, |st| st.close_dialog());
    }));
    for (i, s) in ds.series.iter().enumerate() {
        // A plain group under its heading, not a named <section>: named
        // sections are region landmarks, and a modal dialog of landmarks
        // adds noise to a screen reader's landmark list (axe's
        // landmark-unique flagged them).
        let section = el(&doc, "div", "data-series");
        // The series' name heads its section; the table's caption says it
        // again for table navigation (visually hidden: one title on screen).
        let title = text_el(&doc, "h3", "", &series_heading(s, lang));
        title.set_id(&format!("cs-data-h-{i}"));
        set_attr(&title, "dir", "auto");
        set_attr(&section, "role", "group");
        set_attr(&section, "aria-labelledby", &format!("cs-data-h-{i}"));
        append(&section, &title);
        let sum = text_el(
            &doc,
            "p",
            "summary",
            &series_summary(&ds.series, i, lang, fmt),
        );
        sum.set_id(&format!("cs-data-sum-{i}"));
        // The table scrolls on its own: a focusable region, named by the
        // table's caption, so keys scroll it too.
        let wrap = el(&doc, "div", "table-wrap");
        set_attr(&wrap, "tabindex", "0");
        set_attr(&wrap, "role", "region");
        set_attr(&wrap, "aria-labelledby", &format!("cs-data-cap-{i}"));
        let table = el(&doc, "table", "");
        set_attr(&table, "aria-describedby", &format!("cs-data-sum-{i}"));
        let caption = text_el(&doc, "caption", "sr-desc", &series_heading(s, lang));
        caption.set_id(&format!("cs-data-cap-{i}"));
        set_attr(&caption, "dir", "auto");
        append(&table, &caption);
        let thead = el(&doc, "thead", "");
        let tr = el(&doc, "tr", "");
        for label in [w.date, w.value] {
            let th = text_el(&doc, "th", "", label);
            set_attr(&th, "scope", "col");
            append(&tr, &th);
        }
        append(&thead, &tr);
        append(&table, &thead);
        let tbody = el(&doc, "tbody", "");
        let n = s.t.len().min(s.v.len());
        for k in 0..n.min(TABLE_ROWS) {
            let Some(tp) = point_time(s, k) else { continue };
            let tr = el(&doc, "tr", "");
            let th = text_el(&doc, "th", "", &date_text(fmt, &tp, lang));
            set_attr(&th, "scope", "row");
            append(&tr, &th);
            let v = s.v[k];
            let cell = if v.is_finite() {
                value_text(fmt, v, i, None, lang)
            } else {
                w.no_value.to_string()
            };
            let td = text_el(&doc, "td", if v.is_finite() { "" } else { "gap" }, &cell);
            append(&tr, &td);
            append(&tbody, &tr);
        }
        append(&table, &tbody);
        append(&wrap, &table);
        append(&section, &sum);
        append(&section, &wrap);
        let foot = el(&doc, "div", "data-foot");
        if n > TABLE_ROWS {
            append(
                &foot,
                &text_el(&doc, "p", "rows", &w.rows_shown(TABLE_ROWS, n, lang)),
            );
        }
        let csv = text_el(&doc, "button", "csv", w.download_csv);
        set_attr(&csv, "type", "button");
        set_attr(
            &csv,
            "aria-label",
            &format!(
                "{}{}{}",
                w.download_csv,
                strings(lang).colon,
                series_heading(s, lang)
            ),
        );
        append(&foot, &csv);
        append(&section, &foot);
        append(&dialog, &section);
        let weak = st.weak.clone();
        listeners.push(Listener::new(&csv, "click", true, move |_| {
            with_state(&weak, |st| download_csv(st, i));
        }));
    }
    let weak = st.weak.clone();
    // Escape, the close button or the page's `close()`: focus goes back.
    listeners.push(Listener::new(&dialog, "close", true, move |_| {
        with_state(&weak, closed);
    }));
    // A press on the backdrop (outside the dialog's box) closes it too.
    let weak = st.weak.clone();
    let d = dialog.clone();
    listeners.push(Listener::new(&dialog, "click", true, move |e| {
        let on_backdrop = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlElement>().ok())
            .is_some_and(|t| t == d);
        if on_backdrop {
            with_state(&weak, |st| st.close_dialog());
        }
    }));
    st.dialog.listeners = listeners;
    call(&dialog, "showModal");
    st.focus_element(&close);
}

/// After the dialog closed: empty it (a big table is many nodes) and give
/// focus back to the Data button.
fn closed(st: &mut State) {
    st.dialog.listeners.clear();
    clear(&st.dialog.el);
    if let Some(b) = st
        .frame
        .query_selector(".toolbar .data")
        .ok()
        .flatten()
        .and_then(|b| b.dyn_into::<HtmlElement>().ok())
    {
        st.focus_element(&b);
    }
}

/// Saves series `i` as a CSV file (UTF-8 with a byte-order mark, so
/// spreadsheets read its names in any script) named after the series.
fn download_csv(st: &mut State, i: usize) {
    let Some(s) = st.data.dataset().and_then(|d| d.series.get(i)) else {
        return;
    };
    let text = format!("\u{feff}{}", series_csv(s));
    let name = super::export::file_name(if s.name.is_empty() { &s.id } else { &s.name });
    let name = format!("{}.csv", name.trim_end_matches(".png"));
    let parts = js_sys::Array::of1(&JsValue::from_str(&text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = st
        .doc
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(&name);
        // Firefox follows a download link only while it is in the document.
        if let Some(body) = st.doc.body() {
            let _ = body.append_child(&a);
            a.click();
            a.remove();
        }
    }
    // The address lives until the next download or the widget's end (a
    // download may still be reading it after the click returns).
    if let Some(old) = st.dialog.csv_url.replace(url) {
        let _ = web_sys::Url::revoke_object_url(&old);
    }
}
