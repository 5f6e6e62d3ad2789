//! The browser's formatting provider: dates, clock times and numbers written
//! by `Intl.DateTimeFormat` and `Intl.NumberFormat` (in every browser the
//! widget supports), installed into the core's [`locale`] seam at start.
//!
//! Formatters are made once per (language, style) and kept; their output is
//! memoised, because axis labels repeat frame after frame while panning. All
//! calls go through `Reflect`, so a throwing `Intl` (an option an old browser
//! rejects, a date beyond `Date`'s range) only declines the value and the
//! core's built-in tables write it instead.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::core::data::time::{days_from_civil, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE};
use crate::core::i18n::lang::Lang;
use crate::core::i18n::locale::{
    self, CivilDate, ClockStyle, ClockTime, DateStyle, NumberStyle, Provider,
};

/// `Date` holds ±8.64·10¹⁵ ms around 1970 (±271,821 years).
const DATE_LIMIT: f64 = 8.64e15;
/// Memoised strings kept before the memo starts over.
const MEMO_LIMIT: usize = 4096;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum FormatKey {
    Date(Lang, DateStyle, bool),
    Clock(Lang, ClockStyle),
    Number(Lang, NumberStyle),
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum MemoKey {
    Date(Lang, CivilDate, DateStyle),
    Clock(Lang, ClockTime, ClockStyle),
    Number(Lang, u64, NumberStyle),
}

/// The provider over `Intl` ([`install`] puts one in the core's seam).
#[derive(Default)]
pub struct IntlProvider {
    /// Each formatter's bound `format` function; `None` when `Intl` refused
    /// the options.
    formats: RefCell<HashMap<FormatKey, Option<Function>>>,
    memo: RefCell<HashMap<MemoKey, String>>,
}

/// Installs the `Intl` provider for the page (once, at module start).
pub fn install() {
    locale::set_provider(Some(Box::<IntlProvider>::default()));
}

fn set(o: &Object, k: &str, v: impl Into<JsValue>) {
    let _ = Reflect::set(o, &JsValue::from_str(k), &v.into());
}

fn date_options(style: DateStyle, era: bool) -> Object {
    let o = Object::new();
    set(&o, "timeZone", "UTC");
    let (year, month, day) = match style {
        DateStyle::Year => (true, None, false),
        DateStyle::MonthShort => (false, Some("short"), false),
        DateStyle::MonthYearShort => (true, Some("short"), false),
        DateStyle::MonthYearLong => (true, Some("long"), false),
        DateStyle::DayMonthShort => (false, Some("short"), true),
        DateStyle::DayShort => (true, Some("short"), true),
        DateStyle::DayLong => (true, Some("long"), true),
    };
    if year {
        set(&o, "year", "numeric");
    }
    if let Some(m) = month {
        set(&o, "month", m);
    }
    if day {
        set(&o, "day", "numeric");
    }
    if era {
        set(&o, "era", "short");
    }
    o
}

fn clock_options(style: ClockStyle) -> Object {
    let o = Object::new();
    set(&o, "timeZone", "UTC");
    set(&o, "hourCycle", "h23");
    set(&o, "hour", "2-digit");
    set(&o, "minute", "2-digit");
    if style != ClockStyle::Minute {
        set(&o, "second", "2-digit");
    }
    if style == ClockStyle::Millisecond {
        set(&o, "fractionalSecondDigits", 3);
    }
    o
}

fn number_options(style: NumberStyle) -> Object {
    let o = Object::new();
    match style.max_significant {
        Some(sig) => set(&o, "maximumSignificantDigits", sig.clamp(1, 21)),
        None => {
            set(&o, "minimumFractionDigits", 0);
            set(&o, "maximumFractionDigits", style.max_fraction.min(20));
        }
    }
    if style.compact {
        set(&o, "notation", "compact");
        set(&o, "compactDisplay", "long");
        // CLDR's compact grouping; browsers before `useGrouping` strings
        // read it as `true`.
        if style.grouping {
            set(&o, "useGrouping", "min2");
        } else {
            set(&o, "useGrouping", false);
        }
    } else {
        set(&o, "useGrouping", style.grouping);
    }
    o
}

/// `new Intl[ctor](lang, options).format`, or `None` if anything throws.
fn make_format(ctor: &str, lang: Lang, options: &Object) -> Option<Function> {
    let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
    let ctor: Function = Reflect::get(&intl, &JsValue::from_str(ctor))
        .ok()?
        .dyn_into()
        .ok()?;
    let args = Array::of2(&JsValue::from_str(lang.tag()), options);
    let formatter = Reflect::construct(&ctor, &args).ok()?;
    Reflect::get(&formatter, &JsValue::from_str("format"))
        .ok()?
        .dyn_into()
        .ok()
}

impl IntlProvider {
    fn format(&self, key: FormatKey, arg: &JsValue) -> Option<String> {
        let mut formats = self.formats.try_borrow_mut().ok()?;
        let f = formats.entry(key).or_insert_with(|| match key {
            FormatKey::Date(lang, style, era) => {
                make_format("DateTimeFormat", lang, &date_options(style, era))
            }
            FormatKey::Clock(lang, style) => {
                make_format("DateTimeFormat", lang, &clock_options(style))
            }
            FormatKey::Number(lang, style) => {
                make_format("NumberFormat", lang, &number_options(style))
            }
        });
        f.as_ref()?
            .call1(&JsValue::UNDEFINED, arg)
            .ok()?
            .as_string()
    }

    fn memoised(&self, key: MemoKey, make: impl FnOnce() -> Option<String>) -> Option<String> {
        if let Some(s) = self.memo.try_borrow().ok()?.get(&key) {
            return Some(s.clone());
        }
        let s = make()?;
        if let Ok(mut memo) = self.memo.try_borrow_mut() {
            if memo.len() >= MEMO_LIMIT {
                memo.clear();
            }
            memo.insert(key, s.clone());
        }
        Some(s)
    }
}

fn date_value(ms: f64) -> Option<JsValue> {
    (ms.is_finite() && ms.abs() <= DATE_LIMIT)
        .then(|| js_sys::Date::new(&JsValue::from_f64(ms)).into())
}

impl Provider for IntlProvider {
    fn date(&self, lang: Lang, date: CivilDate, style: DateStyle) -> Option<String> {
        self.memoised(MemoKey::Date(lang, date, style), || {
            let days = days_from_civil(date.year, date.month, date.day);
            let d = date_value(days as f64 * MS_PER_DAY)?;
            let era = style.has_year() && date.year <= 0;
            self.format(FormatKey::Date(lang, style, era), &d)
        })
    }

    fn clock(&self, lang: Lang, time: ClockTime, style: ClockStyle) -> Option<String> {
        self.memoised(MemoKey::Clock(lang, time, style), || {
            let ms = f64::from(time.hour) * MS_PER_HOUR
                + f64::from(time.minute) * MS_PER_MINUTE
                + f64::from(time.second) * 1000.0
                + f64::from(time.millis);
            self.format(FormatKey::Clock(lang, style), &date_value(ms)?)
        })
    }

    fn number(&self, lang: Lang, v: f64, style: NumberStyle) -> Option<String> {
        self.memoised(MemoKey::Number(lang, v.to_bits(), style), || {
            self.format(FormatKey::Number(lang, style), &JsValue::from_f64(v))
        })
    }
}
