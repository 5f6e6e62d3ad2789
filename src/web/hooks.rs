//! The page's extension hooks: custom card and tooltip content, date and
//! value formatters, and the `render` hook. Each is a JavaScript function the
//! page sets on the element (or in `Chronoscope.create` options); an
//! exception in it is logged and the built-in behaviour used instead.

use crate::core::data::model::Dataset;
use crate::core::data::time::{Precision, TimePoint};
use crate::core::formats::dataset_json::event_json;
use crate::core::i18n::format::Formatter;
use crate::core::i18n::lang::Lang;
use crate::web::js::to_js;
use js_sys::Function;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Node;

/// The functions a page may set.
#[derive(Default)]
pub struct Hooks {
    /// `(ctx, start, end, x0, x1, width, height, ratio)`, installed by
    /// chronoscope.js: dispatches the `render` event inside save/restore.
    pub render: Option<Function>,
    pub render_card: Option<Function>,
    pub render_tooltip: Option<Function>,
    pub format_date: Option<Function>,
    pub format_value: Option<Function>,
}

impl Hooks {
    /// Sets (or clears, with a non-function) the hook called `name`.
    /// Returns false for an unknown name.
    pub fn set(&mut self, name: &str, f: &JsValue) -> bool {
        let f = f.dyn_ref::<Function>().cloned();
        let slot = match name {
            "render" => &mut self.render,
            "renderCard" => &mut self.render_card,
            "renderTooltip" => &mut self.render_tooltip,
            "formatDate" => &mut self.format_date,
            "formatValue" => &mut self.format_value,
            _ => return false,
        };
        *slot = f;
        true
    }
}

fn log_failure(hook: &str, err: &JsValue) {
    web_sys::console::error_2(
        &JsValue::from_str(&format!(
            "chronoscope: the {hook} hook failed; using the built-in one:"
        )),
        err,
    );
}

/// An event as the page sees it: a plain object in the dataset form.
pub fn event_object(ds: &Dataset, i: usize) -> Option<JsValue> {
    let ev = ds.events.get(i)?;
    js_sys::JSON::parse(&event_json(ev, &ds.groups)).ok()
}

/// Calls a node-making hook with event `i`; the node, or None to use the
/// built-in content.
pub fn custom_node(hook: Option<&Function>, name: &str, ds: &Dataset, i: usize) -> Option<Node> {
    let f = hook?;
    let ev = event_object(ds, i)?;
    match f.call1(&JsValue::NULL, &ev) {
        Ok(v) => v.dyn_into::<Node>().ok(),
        Err(e) => {
            log_failure(name, &e);
            None
        }
    }
}

fn precision_name(p: Precision) -> &'static str {
    match p {
        Precision::Ga => "Ga",
        Precision::Ma => "Ma",
        Precision::Ka => "ka",
        Precision::Year => "year",
        Precision::Month => "month",
        Precision::Day => "day",
        Precision::Minute => "minute",
        Precision::Second => "second",
        Precision::Millisecond => "millisecond",
    }
}

/// What `formatDate` is told of a time.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TimeInfo<'a> {
    ms: f64,
    precision: &'static str,
    /// The UTC offset it was written with, or null.
    offset_minutes: Option<i16>,
    lang: &'a str,
}

/// What `formatValue` is told of a series.
#[derive(Serialize)]
struct SeriesInfo<'a> {
    id: &'a str,
    name: &'a str,
    unit: &'a str,
    lang: &'a str,
}

/// The page's `formatDate` / `formatValue`, as core's [`Formatter`].
pub struct PageFormatter<'a> {
    pub date: Option<&'a Function>,
    pub value: Option<&'a Function>,
    pub dataset: &'a Dataset,
    pub lang: Lang,
}

impl PageFormatter<'_> {
    /// Some when the page set either formatter.
    pub fn as_formatter(&self) -> Option<&dyn Formatter> {
        (self.date.is_some() || self.value.is_some()).then_some(self as &dyn Formatter)
    }
}

fn string_result(name: &str, r: Result<JsValue, JsValue>) -> Option<String> {
    match r {
        Ok(v) => v.as_string(),
        Err(e) => {
            log_failure(name, &e);
            None
        }
    }
}

impl Formatter for PageFormatter<'_> {
    fn date(&self, tp: &TimePoint) -> Option<String> {
        let f = self.date?;
        let info = to_js(&TimeInfo {
            ms: tp.ms,
            precision: precision_name(tp.precision),
            offset_minutes: tp.offset_min,
            lang: self.lang.tag(),
        });
        string_result("formatDate", f.call1(&JsValue::NULL, &info))
    }

    fn value(&self, v: f64, series: usize) -> Option<String> {
        let f = self.value?;
        let s = self.dataset.series.get(series)?;
        let info = to_js(&SeriesInfo {
            id: &s.id,
            name: &s.name,
            unit: &s.unit,
            lang: self.lang.tag(),
        });
        string_result(
            "formatValue",
            f.call2(&JsValue::NULL, &JsValue::from_f64(v), &info),
        )
    }
}
