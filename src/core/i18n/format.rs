//! Dates and values for people: the page's formatter (the web layer's
//! `formatDate`/`formatValue` hooks) when it gives one, else the built-in one.

use crate::core::data::time::TimePoint;
use crate::core::i18n::lang::Lang;
use crate::core::i18n::locale::{format_number, format_time};

/// Formatting supplied by the page (the web layer's `formatDate` and
/// `formatValue` hooks). `None` from either means "the built-in one".
pub trait Formatter {
    fn date(&self, tp: &TimePoint) -> Option<String>;
    /// A value of series `series` (index into `Dataset::series`).
    fn value(&self, v: f64, series: usize) -> Option<String>;
}

/// A date for people: the page's formatter, else the built-in one.
pub fn date_text(fmt: Option<&dyn Formatter>, tp: &TimePoint, lang: Lang) -> String {
    fmt.and_then(|f| f.date(tp))
        .unwrap_or_else(|| format_time(tp, lang))
}

/// A value of series `series` for people: the page's formatter, else the
/// built-in number format. With `unit`, the built-in format is followed by
/// it (a page's formatter says the unit itself, if it wants one).
pub fn value_text(
    fmt: Option<&dyn Formatter>,
    v: f64,
    series: usize,
    unit: Option<&str>,
    lang: Lang,
) -> String {
    if let Some(custom) = fmt.and_then(|f| f.value(v, series)) {
        return custom;
    }
    let n = format_number(v, lang);
    match unit.filter(|u| !u.is_empty()) {
        Some(u) => format!("{n} {u}"),
        None => n,
    }
}
