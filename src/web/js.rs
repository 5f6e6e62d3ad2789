//! Values that cross to JavaScript. Small structured values — event
//! details, windows, rectangles, the hooks' contexts, error fields — are
//! Rust structs that serde-wasm-bindgen writes as plain objects, the
//! JSON-compatible way (`None` is `null`, numbers are JS numbers, no
//! `Map`s). Datasets never come this way: they cross as UTF-8 bytes or JSON text,
//! for the core's decoder with its paths and positions.

use crate::core::data::error::{ChronoError, ErrorCode};
use crate::core::data::time::{parse_time, time_from_ms, Ms};
use crate::core::scene::Rect;
use crate::core::view::scale::Window;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// `value` as a plain JS value (structs as plain objects).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    // Only unsupported types (none are used) fail to serialise.
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// `{start, end}`: a window in ms since 1970 (`getWindow`, `windowchange`,
/// the `render` detail's `window`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub(crate) struct TimeWindow {
    pub start: f64,
    pub end: f64,
}

impl From<Window> for TimeWindow {
    fn from(w: Window) -> Self {
        TimeWindow {
            start: w.start,
            end: w.end,
        }
    }
}

/// `{x, y, width, height}` in CSS px (`eventRect`, the `render` detail's
/// `plot`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub(crate) struct JsRect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl From<Rect> for JsRect {
    fn from(r: Rect) -> Self {
        JsRect {
            x: r.x,
            y: r.y,
            width: r.w,
            height: r.h,
        }
    }
}

/// What a `ChronoError` adds to its JS `Error`: the message is the
/// `Error`'s own; `path`, `line` and `column` only where known.
#[derive(Serialize)]
struct ErrorFields<'a> {
    code: &'static str,
    fatal: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u32>,
}

/// A `ChronoError` as a JS `Error` carrying `code`, `fatal` and, where
/// known, `path`, `line` and `column`: thrown by API calls and used as the
/// `detail` of `error` events.
pub(crate) fn js_error(e: &ChronoError) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    let fields = to_js(&ErrorFields {
        code: e.code.as_str(),
        fatal: e.fatal,
        path: e.path.as_deref(),
        line: e.line,
        column: e.column,
    });
    if let Some(fields) = fields.dyn_ref::<js_sys::Object>() {
        js_sys::Object::assign(&err, fields);
    }
    err.into()
}

pub(crate) fn bad_argument(msg: impl Into<String>) -> JsValue {
    js_error(&ChronoError::new(ErrorCode::BadArgument, msg, false))
}

/// A time from JS: a number (ms since 1970), a `Date`, or a dataset time string.
pub(crate) fn js_time(v: &JsValue, what: &str) -> Result<Ms, JsValue> {
    if let Some(d) = v.dyn_ref::<js_sys::Date>() {
        let t = d.get_time();
        return time_from_ms(t)
            .map(|p| p.ms)
            .map_err(|e| bad_argument(format!("{what}: {e}")));
    }
    if let Some(n) = v.as_f64() {
        return time_from_ms(n)
            .map(|p| p.ms)
            .map_err(|e| bad_argument(format!("{what}: {n} {e}")));
    }
    if let Some(s) = v.as_string() {
        return parse_time(&s)
            .map(|p| p.ms)
            .map_err(|e| bad_argument(format!("{what}: \"{s}\": {e}")));
    }
    Err(bad_argument(format!(
        "{what} must be a number (ms since 1970), a Date or a time string"
    )))
}
