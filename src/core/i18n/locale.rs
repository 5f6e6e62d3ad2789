//! Languages and human-readable formatting of times and numbers.
//!
//! Dates, clock times and numbers are written through a [`Provider`], the
//! seam to a platform's CLDR formatting: in the browser the web layer
//! installs one over `Intl` (`src/web/intl.rs`), natively the command-line
//! tool installs one over ICU4X (`src/cli/`). Without a provider (native
//! tests), or when the provider declines a value (a year beyond what `Intl`'s
//! `Date` holds), the `builtin` tables write the same CLDR patterns.
//!
//! This module composes those pieces into the widget's labels: precision-aware
//! dates for cards, deep time (`66 million years ago`, `6600萬年前`), ranges,
//! and axis numbers. Words that are not dates or numbers (`years ago`,
//! `present`) come from [`super::strings`]. Everything here is total: any
//! input gives a string, never a panic.

mod builtin;

use std::cell::RefCell;

use super::lang::Lang;
use super::strings::strings;
use crate::core::data::time::{
    parts, parts_nearest, years_before_present, Precision, TimePoint, MS_PER_DAY, MS_PER_MINUTE,
    MS_PER_SECOND,
};

/// A calendar date on the proleptic Gregorian calendar, astronomical years
/// (year 0 is 1 BCE, -499 is 500 BCE).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CivilDate {
    pub year: i64,
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
}

/// Which fields a date label shows, each as `Intl.DateTimeFormat` options
/// (always with `timeZone: 'UTC'`; the core has already moved the date to
/// the time's own offset). When the style shows the year and the year is
/// before 1 (≤ 0), `era: 'short'` is added, so BCE years read as the
/// language writes them (`500 BC`, `西元前500年`, `公元前500年`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateStyle {
    /// `{year: 'numeric'}`: `2022`, `2022年`, `2022년`.
    Year,
    /// `{month: 'short'}`: `Nov`, `11月`, `11월`, `نوفمبر`.
    MonthShort,
    /// `{year: 'numeric', month: 'short'}`: `Nov 2022`, `2022年11月`.
    MonthYearShort,
    /// `{year: 'numeric', month: 'long'}`: `November 2022`.
    MonthYearLong,
    /// `{month: 'short', day: 'numeric'}`: `Nov 6`, `11月6日`.
    DayMonthShort,
    /// `{year: 'numeric', month: 'short', day: 'numeric'}`: `Nov 6, 2022`.
    DayShort,
    /// `{year: 'numeric', month: 'long', day: 'numeric'}`: `November 6, 2022`.
    DayLong,
}

impl DateStyle {
    /// Every style.
    pub const ALL: [DateStyle; 7] = [
        DateStyle::Year,
        DateStyle::MonthShort,
        DateStyle::MonthYearShort,
        DateStyle::MonthYearLong,
        DateStyle::DayMonthShort,
        DateStyle::DayShort,
        DateStyle::DayLong,
    ];

    /// True when the label shows the year (and so the era before year 1).
    pub fn has_year(self) -> bool {
        !matches!(self, DateStyle::MonthShort | DateStyle::DayMonthShort)
    }
}

/// A time of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClockTime {
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub millis: u32,
}

/// Which fields a clock label shows, as `Intl.DateTimeFormat` options with
/// `hourCycle: 'h23'` and two-digit hours, minutes and seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClockStyle {
    /// `14:30`.
    Minute,
    /// `14:30:05`.
    Second,
    /// `14:30:05.250` (`fractionalSecondDigits: 3`).
    Millisecond,
}

/// How a number is written, as `Intl.NumberFormat` options.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NumberStyle {
    /// `maximumFractionDigits` (and `minimumFractionDigits: 0`).
    pub max_fraction: u8,
    /// `maximumSignificantDigits`, which then rules instead of the fraction
    /// digits.
    pub max_significant: Option<u8>,
    /// `useGrouping`.
    pub grouping: bool,
    /// `notation: 'compact', compactDisplay: 'long'` (`66 million`, `6600萬`).
    pub compact: bool,
}

impl NumberStyle {
    /// At most `n` decimals, grouped: axis values.
    pub const fn fraction(n: u8) -> NumberStyle {
        NumberStyle {
            max_fraction: n,
            max_significant: None,
            grouping: true,
            compact: false,
        }
    }

    /// At most `n` significant digits, grouped.
    pub const fn significant(n: u8) -> NumberStyle {
        NumberStyle {
            max_fraction: 0,
            max_significant: Some(n),
            grouping: true,
            compact: false,
        }
    }

    /// Compact long notation with at most `n` significant digits.
    pub const fn compact(n: u8) -> NumberStyle {
        NumberStyle {
            max_fraction: 0,
            max_significant: Some(n),
            grouping: true,
            compact: true,
        }
    }
}

/// A platform's CLDR formatting: `Intl` in the browser, ICU4X natively.
///
/// Each method may return `None` to decline (the built-in tables then write
/// the value); it is only called with valid fields (month 1–12, day 1–31,
/// clock fields in range) and finite numbers that do not round to `-0`.
pub trait Provider {
    /// `date` in `lang` with the fields of `style`.
    fn date(&self, lang: Lang, date: CivilDate, style: DateStyle) -> Option<String>;
    /// `time` in `lang` with the fields of `style`.
    fn clock(&self, lang: Lang, time: ClockTime, style: ClockStyle) -> Option<String>;
    /// `v` in `lang` as `style` says.
    fn number(&self, lang: Lang, v: f64, style: NumberStyle) -> Option<String>;
}

thread_local! {
    static PROVIDER: RefCell<Option<Box<dyn Provider>>> = const { RefCell::new(None) };
}

/// Installs the formatting provider for this thread (`None`: the built-in
/// tables). The web layer does this once at start, the CLI at launch.
pub fn set_provider(provider: Option<Box<dyn Provider>>) {
    PROVIDER.with(|p| {
        if let Ok(mut slot) = p.try_borrow_mut() {
            *slot = provider;
        }
    });
}

fn with_provider<T>(f: impl FnOnce(&dyn Provider) -> Option<T>) -> Option<T> {
    PROVIDER.with(|p| {
        let slot = p.try_borrow().ok()?;
        f(slot.as_deref()?)
    })
}

/// `date` in `lang` with the fields of `style` (see [`DateStyle`]).
pub fn format_date(lang: Lang, date: CivilDate, style: DateStyle) -> String {
    let date = CivilDate {
        year: date.year,
        month: date.month.clamp(1, 12),
        day: date.day.clamp(1, 31),
    };
    with_provider(|p| p.date(lang, date, style)).unwrap_or_else(|| builtin::date(lang, date, style))
}

/// `time` in `lang` with the fields of `style` (see [`ClockStyle`]).
pub fn format_clock(lang: Lang, time: ClockTime, style: ClockStyle) -> String {
    let time = ClockTime {
        hour: time.hour.min(23),
        minute: time.minute.min(59),
        second: time.second.min(59),
        millis: time.millis.min(999),
    };
    with_provider(|p| p.clock(lang, time, style)).unwrap_or_else(|| builtin::clock(time, style))
}

/// `v` in `lang` as `style` says; a non-finite value reads `–`, and a value
/// that rounds to zero reads `0` (never `-0`).
pub fn format_value(lang: Lang, v: f64, style: NumberStyle) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let tiny = match style.max_significant {
        Some(_) => 1e-20,
        None => 0.5 * 10_f64.powi(-i32::from(style.max_fraction.min(20))),
    };
    let v = if v.abs() < tiny { 0.0 } else { v };
    with_provider(|p| p.number(lang, v, style)).unwrap_or_else(|| builtin::number(lang, v, style))
}

/// The year `y` (astronomical): `2022`, `500 BC`; `2022年`, `西元前500年`.
pub(crate) fn year_label(y: i64, lang: Lang) -> String {
    let date = CivilDate {
        year: y,
        month: 1,
        day: 1,
    };
    format_date(lang, date, DateStyle::Year)
}

/// Abbreviated month with its year: `Nov 2022`, `Mar 500 BC`; `2022年11月`.
pub(crate) fn month_year_short(y: i64, m: u32, lang: Lang) -> String {
    let date = CivilDate {
        year: y,
        month: m,
        day: 1,
    };
    format_date(lang, date, DateStyle::MonthYearShort)
}

/// Abbreviated month alone: `Dec`; `12月`.
pub(crate) fn month_short(m: u32, lang: Lang) -> String {
    let date = CivilDate {
        year: 2000,
        month: m,
        day: 1,
    };
    format_date(lang, date, DateStyle::MonthShort)
}

/// A short date: `Nov 6, 2022` / `Nov 6`; `2022年11月6日` / `11月6日`.
pub(crate) fn day_short(y: i64, m: u32, d: u32, with_year: bool, lang: Lang) -> String {
    let style = if with_year {
        DateStyle::DayShort
    } else {
        DateStyle::DayMonthShort
    };
    let date = CivilDate {
        year: y,
        month: m,
        day: d,
    };
    format_date(lang, date, style)
}

/// `UTC`, `UTC+8`, `UTC-3:30`.
fn offset_label(offset_min: i32) -> String {
    if offset_min == 0 {
        return "UTC".to_string();
    }
    let sign = if offset_min < 0 { '-' } else { '+' };
    let a = offset_min.unsigned_abs();
    let (h, m) = (a / 60, a % 60);
    if m == 0 {
        format!("UTC{sign}{h}")
    } else {
        format!("UTC{sign}{h}:{m:02}")
    }
}

/// A count of years before (or after) the present in words: `66 million
/// years ago`, `6600萬年前`, `5 million years from now`; `present` at 0.
/// The number is compact with at most `sig` significant digits.
pub(crate) fn years_ago(years: f64, sig: u8, lang: Lang) -> String {
    let s = strings(lang);
    if !years.is_finite() || years.abs() < 0.5 {
        return s.present.to_string();
    }
    let mut n = format_value(lang, years.abs(), NumberStyle::compact(sig));
    // Korean spaces a counter after a number word (6600만 년) but not after
    // digits (5000년).
    if lang == Lang::Ko && !n.ends_with(|c: char| c.is_ascii_digit()) {
        n.push(' ');
    }
    let template = if years > 0.0 {
        s.years_ago
    } else {
        s.years_ahead
    };
    template.replace("{n}", &n)
}

/// The long, precision-aware date for an event card: a value shows only what
/// it is known to (a `Year` never shows a month).
///
/// English: `1994`, `500 BC`, `November 2022`, `November 6, 2022`,
/// `November 6, 2022, 14:30 UTC+8` (seconds `14:30:05`, ms `14:30:05.250`;
/// no zone label when the offset is unknown), `12 thousand years ago`,
/// `66 million years ago`, `4.54 billion years ago`.
/// Chinese: `1994年`, `西元前500年` (`公元前` in zh-Hans), `2022年11月`,
/// `2022年11月6日`, `2022年11月6日 14:30 (UTC+8)`, `1.2萬年前`, `5000年前`,
/// `6600萬年前`, `45.4億年前` (`万` / `亿` in zh-Hans).
///
/// Date-times are shown in the local time of their own offset. Deep-time
/// numbers keep at most 4 significant digits.
pub fn format_time(tp: &TimePoint, lang: Lang) -> String {
    match tp.precision {
        Precision::Ga | Precision::Ma | Precision::Ka => {
            years_ago(years_before_present(tp.ms), 4, lang)
        }
        _ => format_calendar(tp, lang),
    }
}

fn format_calendar(tp: &TimePoint, lang: Lang) -> String {
    // A time stands for the start of its unit; far from 1970 an f64 holds
    // that instant only to its spacing, perhaps just before it, so read the
    // nearest whole unit (else the year 3000000000 would read 2999999999).
    let offset = i32::from(tp.offset_min.unwrap_or(0));
    let p = match tp.precision {
        Precision::Millisecond => parts(tp.ms, offset),
        Precision::Second => parts_nearest(tp.ms, offset, MS_PER_SECOND),
        Precision::Minute => parts_nearest(tp.ms, offset, MS_PER_MINUTE),
        _ => parts_nearest(tp.ms, offset, MS_PER_DAY),
    };
    let date = CivilDate {
        year: p.year,
        month: p.month,
        day: p.day,
    };
    let style = match tp.precision {
        Precision::Month => DateStyle::MonthYearLong,
        Precision::Year | Precision::Ka | Precision::Ma | Precision::Ga => DateStyle::Year,
        _ => DateStyle::DayLong,
    };
    let day = format_date(lang, date, style);
    let clock = match tp.precision {
        Precision::Minute => ClockStyle::Minute,
        Precision::Second => ClockStyle::Second,
        Precision::Millisecond => ClockStyle::Millisecond,
        _ => return day,
    };
    let time = ClockTime {
        hour: p.hour,
        minute: p.minute,
        second: p.second,
        millis: p.millis,
    };
    let time = format_clock(lang, time, clock);
    let s = strings(lang);
    let joined = s.date_time.replace("{date}", &day).replace("{time}", &time);
    match tp.offset_min {
        None => joined,
        Some(o) => s
            .with_zone
            .replace("{datetime}", &joined)
            .replace("{zone}", &offset_label(i32::from(o))),
    }
}

/// `1994 – 2022`; `1994年 – 2022年`: each end at its own precision.
pub fn format_range(start: &TimePoint, end: &TimePoint, lang: Lang) -> String {
    format!("{} – {}", format_time(start, lang), format_time(end, lang))
}

/// A number for axes and tooltips: `3,330`, `-1,234.5`, `0.25`.
///
/// At most 2 decimals, except for |v| < 1, which keeps up to 3 significant
/// digits; `-0` reads `0`, and a non-finite value reads `–`.
pub fn format_number(v: f64, lang: Lang) -> String {
    let style = if v.abs() < 1.0 {
        NumberStyle::significant(3)
    } else {
        NumberStyle::fraction(2)
    };
    format_value(lang, v, style)
}

/// A number of events in words: `no events`, `1 event`, `12 events`,
/// `12 則事件`, `12件の出来事`, `사건 12개`; Arabic with its dual and its
/// plural forms (`حدثان`, `3 أحداث`, `11 حدثًا`, `100 حدث`).
pub fn event_count(n: usize, lang: Lang) -> String {
    let s = strings(lang);
    let num = || format_number(n as f64, lang);
    match n {
        0 => s.no_events.to_string(),
        1 => s.one_event.to_string(),
        _ if lang == Lang::Ar => match (n, n % 100) {
            (2, _) => "حدثان".to_string(),
            (_, 3..=10) => format!("{} أحداث", num()),
            (_, 11..=99) => format!("{} حدثًا", num()),
            _ => s.events_n.replace("{n}", &num()),
        },
        _ => s.events_n.replace("{n}", &num()),
    }
}

#[cfg(test)]
mod tests {
    use super::builtin::{fmt_fixed, fmt_sig};
    use super::*;
    use crate::core::data::time::{
        parse_time, TimePoint, BP_EPOCH, MS_PER_YEAR, TIME_MAX, TIME_MIN,
    };

    const ALL: [Lang; 6] = Lang::ALL;

    fn ft(s: &str, lang: Lang) -> String {
        match parse_time(s) {
            Ok(tp) => format_time(&tp, lang),
            Err(e) => panic!("{s}: {e}"),
        }
    }

    #[test]
    fn lang_tags() {
        for (tag, lang) in [
            ("en", Lang::En),
            ("en-US", Lang::En),
            ("fr", Lang::En),
            ("", Lang::En),
            ("zhx", Lang::En),
            ("ja-JP", Lang::Ja),
            ("ko-KR", Lang::Ko),
            ("ar-EG", Lang::Ar),
            ("AR", Lang::Ar),
            ("zh", Lang::ZhHans),
            ("ZH", Lang::ZhHans),
            ("zh-CN", Lang::ZhHans),
            ("zh-SG", Lang::ZhHans),
            ("zh-Hans", Lang::ZhHans),
            ("zh-hans-cn", Lang::ZhHans),
            ("zh-Hans-HK", Lang::ZhHans),
            ("zh-Hant", Lang::ZhHant),
            ("zh-HANT-cn", Lang::ZhHant),
            ("zh-Hant-TW", Lang::ZhHant),
            ("zh-TW", Lang::ZhHant),
            ("zh-tw", Lang::ZhHant),
            ("zh_HK", Lang::ZhHant),
            ("zh-MO", Lang::ZhHant),
            (" zh-HK ", Lang::ZhHant),
        ] {
            assert_eq!(Lang::from_tag(tag), lang, "{tag:?}");
        }
        for lang in ALL {
            assert_eq!(Lang::from_tag(lang.tag()), lang);
        }
        assert_eq!(Lang::ZhHant.tag(), "zh-Hant");
    }

    #[test]
    fn years_and_eras() {
        assert_eq!(ft("1994", Lang::En), "1994");
        assert_eq!(ft("1994", Lang::ZhHant), "1994年");
        assert_eq!(ft("1994", Lang::ZhHans), "1994年");
        assert_eq!(ft("500 BC", Lang::En), "500 BC");
        assert_eq!(ft("-0499", Lang::En), "500 BC");
        assert_eq!(ft("500 BC", Lang::ZhHant), "西元前500年");
        assert_eq!(ft("500 BC", Lang::ZhHans), "公元前500年");
        assert_eq!(ft("0", Lang::En), "1 BC");
        assert_eq!(ft("1", Lang::En), "1");
        assert_eq!(ft("AD 44", Lang::En), "44");
        assert_eq!(ft("+12000", Lang::En), "12000");
        // Far years read as written, not one early (f64 spacing there is
        // seconds, and the stored instant may fall just before the year).
        for y in ["2012014306", "3000000000", "1999999999", "987654321"] {
            assert_eq!(ft(y, Lang::En), y);
        }
        assert_eq!(ft("-2012014306", Lang::En), "2012014307 BC");
    }

    #[test]
    fn months_and_days() {
        assert_eq!(ft("2022-11", Lang::En), "November 2022");
        assert_eq!(ft("2022-11", Lang::ZhHant), "2022年11月");
        assert_eq!(ft("2022-11", Lang::ZhHans), "2022年11月");
        assert_eq!(ft("-0499-03", Lang::En), "March 500 BC");
        assert_eq!(ft("-0499-03", Lang::ZhHant), "西元前500年3月");
        assert_eq!(ft("2022-11-06", Lang::En), "November 6, 2022");
        assert_eq!(ft("2022-11-06", Lang::ZhHant), "2022年11月6日");
        assert_eq!(ft("2022-11-06", Lang::ZhHans), "2022年11月6日");
        assert_eq!(ft("-0043-03-15", Lang::En), "March 15, 44 BC");
        assert_eq!(ft("-0043-03-15", Lang::ZhHans), "公元前44年3月15日");
        assert_eq!(ft("2022-01-01", Lang::En), "January 1, 2022");
    }

    #[test]
    fn date_times() {
        assert_eq!(
            ft("2022-11-06T14:30+08:00", Lang::En),
            "November 6, 2022, 14:30 UTC+8"
        );
        assert_eq!(
            ft("2022-11-06T14:30+08:00", Lang::ZhHant),
            "2022年11月6日 14:30 (UTC+8)"
        );
        assert_eq!(
            ft("2022-11-06T14:30+08:00", Lang::ZhHans),
            "2022年11月6日 14:30 (UTC+8)"
        );
        assert_eq!(
            ft("2022-11-06T14:30:05Z", Lang::En),
            "November 6, 2022, 14:30:05 UTC"
        );
        assert_eq!(
            ft("2022-11-06T14:30:05.25Z", Lang::En),
            "November 6, 2022, 14:30:05.250 UTC"
        );
        assert_eq!(
            ft("2022-11-06T14:30:05.25Z", Lang::ZhHant),
            "2022年11月6日 14:30:05.250 (UTC)"
        );
        assert_eq!(ft("2022-11-06T14:30", Lang::En), "November 6, 2022, 14:30");
        assert_eq!(ft("2022-11-06T14:30", Lang::ZhHans), "2022年11月6日 14:30");
        assert_eq!(
            ft("2022-11-06T09:05-03:30", Lang::En),
            "November 6, 2022, 09:05 UTC-3:30"
        );
        assert_eq!(
            ft("2022-11-06T23:30+05:45", Lang::En),
            "November 6, 2022, 23:30 UTC+5:45"
        );
        // Shown in its own offset's local time, even across midnight.
        assert_eq!(
            ft("2022-11-06T01:00+09:00", Lang::En),
            "November 6, 2022, 01:00 UTC+9"
        );
        // Numeric times are UTC with a day precision when whole days.
        let tp = crate::core::data::time::time_from_ms(0.0).expect("in range");
        assert_eq!(format_time(&tp, Lang::En), "January 1, 1970");
    }

    #[test]
    fn deep_time() {
        assert_eq!(ft("12 ka", Lang::En), "12 thousand years ago");
        assert_eq!(ft("66 Ma", Lang::En), "66 million years ago");
        assert_eq!(ft("4.54 Ga", Lang::En), "4.54 billion years ago");
        assert_eq!(ft("4540 Ma", Lang::En), "4.54 billion years ago");
        assert_eq!(ft("0.5Ma", Lang::En), "500 thousand years ago");
        assert_eq!(ft("12 ka", Lang::ZhHant), "1.2萬年前");
        assert_eq!(ft("5 ka", Lang::ZhHant), "5000年前");
        assert_eq!(ft("66 Ma", Lang::ZhHant), "6600萬年前");
        assert_eq!(ft("4.54 Ga", Lang::ZhHant), "45.4億年前");
        assert_eq!(ft("12 ka", Lang::ZhHans), "1.2万年前");
        assert_eq!(ft("66 Ma", Lang::ZhHans), "6600万年前");
        assert_eq!(ft("4.54 Ga", Lang::ZhHans), "45.4亿年前");
        assert_eq!(ft("20 Ga", Lang::ZhHans), "200亿年前");
        assert_eq!(ft("0.5 ka", Lang::ZhHant), "500年前");
        // At most 4 significant digits, no float noise.
        assert_eq!(ft("4.54321 Ga", Lang::En), "4.543 billion years ago");
        assert_eq!(ft("12.3456 ka", Lang::ZhHant), "1.235萬年前");
        assert_eq!(ft("9.9999 ka", Lang::ZhHant), "1萬年前");
        assert_eq!(ft("12345.6 Ma", Lang::En), "12.35 billion years ago");
        assert_eq!(ft("0 ka", Lang::En), "present");
        assert_eq!(ft("0 Ma", Lang::ZhHant), "現在");
        assert_eq!(ft("0 Ga", Lang::ZhHans), "现在");
        for n in 1..=2000 {
            let tp = TimePoint {
                ms: BP_EPOCH - f64::from(n) * 0.01 * 1e9 * MS_PER_YEAR,
                precision: Precision::Ga,
                offset_min: None,
            };
            let s = format_time(&tp, Lang::En);
            let num = s.split(' ').next().unwrap_or("");
            assert!(num.len() <= 5, "{s}");
            assert!(!num.contains("999") && !num.contains("000"), "{s}");
        }
        // Future times at deep precision.
        let tp = TimePoint {
            ms: BP_EPOCH + 5e6 * MS_PER_YEAR,
            precision: Precision::Ma,
            offset_min: None,
        };
        assert_eq!(format_time(&tp, Lang::En), "5 million years from now");
        assert_eq!(format_time(&tp, Lang::ZhHant), "500萬年後");
        assert_eq!(format_time(&tp, Lang::ZhHans), "500万年后");
        assert_eq!(format_time(&tp, Lang::Ko), "500만 년 후");
        assert_eq!(ft("5 ka", Lang::Ko), "5천 년 전");
        assert_eq!(ft("0.5 ka", Lang::Ko), "500년 전");
        assert_eq!(ft("66 Ma", Lang::Ja), "6600万年前");
        assert_eq!(ft("66 Ma", Lang::Ar), "قبل 66 مليون سنة");
    }

    #[test]
    fn ranges() {
        let a = parse_time("1994");
        let b = parse_time("2022");
        if let (Ok(a), Ok(b)) = (a, b) {
            assert_eq!(format_range(&a, &b, Lang::En), "1994 – 2022");
            assert_eq!(format_range(&a, &b, Lang::ZhHant), "1994年 – 2022年");
            assert_eq!(format_range(&a, &b, Lang::ZhHans), "1994年 – 2022年");
        } else {
            panic!("parse");
        }
        if let (Ok(a), Ok(b)) = (parse_time("66 Ma"), parse_time("2022-11-06")) {
            assert_eq!(
                format_range(&a, &b, Lang::En),
                "66 million years ago – November 6, 2022"
            );
        } else {
            panic!("parse");
        }
    }

    #[test]
    fn numbers() {
        for lang in ALL {
            assert_eq!(format_number(3330.0, lang), "3,330");
            // Arabic keeps a left-to-right mark before the minus, as Intl does.
            let minus = if lang == Lang::Ar { "\u{200e}-" } else { "-" };
            assert_eq!(format_number(-1234.5, lang), format!("{minus}1,234.5"));
            assert_eq!(format_number(0.25, lang), "0.25");
        }
        let f = |v: f64| format_number(v, Lang::En);
        assert_eq!(f(0.0), "0");
        assert_eq!(f(-0.0), "0");
        assert_eq!(f(-0.0001), "-0.0001");
        assert_eq!(f(-0.004), "-0.004");
        assert_eq!(f(-1.004), "-1");
        assert_eq!(f(-1.005), "-1", "1.005 is 1.00499… in binary");
        assert_eq!(f(1.0), "1");
        assert_eq!(f(999.999), "1,000");
        assert_eq!(f(1234567.891), "1,234,567.89");
        assert_eq!(f(100.0), "100");
        assert_eq!(f(123456.0), "123,456");
        assert_eq!(f(12.3456), "12.35");
        assert_eq!(f(0.123456), "0.123");
        assert_eq!(f(0.00012345), "0.000123");
        assert_eq!(f(0.9996), "1");
        assert_eq!(f(0.1 + 0.2), "0.3");
        assert_eq!(f(1e-30), "0");
        assert_eq!(f(f64::NAN), "–");
        assert_eq!(f(f64::INFINITY), "–");
        assert_eq!(f(f64::NEG_INFINITY), "–");
        assert!(f(f64::MAX).starts_with("179,769,313"));
        assert!(f(f64::MIN_POSITIVE) == "0");
        assert_eq!(f(1e21), "1,000,000,000,000,000,000,000");
    }

    #[test]
    fn extremes_never_panic() {
        let precs = [
            Precision::Ga,
            Precision::Ma,
            Precision::Ka,
            Precision::Year,
            Precision::Month,
            Precision::Day,
            Precision::Minute,
            Precision::Second,
            Precision::Millisecond,
        ];
        for ms in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            TIME_MIN,
            TIME_MAX,
            0.0,
            -0.0,
            f64::MAX,
            1e-300,
        ] {
            for precision in precs {
                for offset_min in [None, Some(0), Some(i16::MAX), Some(i16::MIN), Some(-59)] {
                    for lang in ALL {
                        let s = format_time(
                            &TimePoint {
                                ms,
                                precision,
                                offset_min,
                            },
                            lang,
                        );
                        assert!(!s.is_empty());
                        assert!(!s.contains("NaN") && !s.contains("inf"), "{s}");
                    }
                }
            }
        }
        let tp = TimePoint {
            ms: TIME_MIN,
            precision: Precision::Year,
            offset_min: None,
        };
        assert_eq!(
            format_time(&tp, Lang::En),
            format!("{} BC", 1 - parts_nearest(TIME_MIN, 0, MS_PER_DAY).year)
        );
        assert_eq!(offset_label(-59), "UTC-0:59");
        assert_eq!(offset_label(330), "UTC+5:30");
    }

    #[test]
    fn tick_helpers() {
        assert_eq!(year_label(2022, Lang::En), "2022");
        assert_eq!(year_label(-499, Lang::ZhHant), "西元前500年");
        assert_eq!(year_label(i64::MIN, Lang::En), format!("{} BC", i64::MAX));
        assert_eq!(month_year_short(2022, 11, Lang::En), "Nov 2022");
        assert_eq!(month_year_short(2022, 11, Lang::ZhHans), "2022年11月");
        assert_eq!(month_short(12, Lang::En), "Dec");
        assert_eq!(month_short(12, Lang::ZhHant), "12月");
        assert_eq!(month_short(0, Lang::En), "Jan");
        assert_eq!(month_short(99, Lang::En), "Dec");
        assert_eq!(day_short(2022, 11, 6, true, Lang::En), "Nov 6, 2022");
        assert_eq!(day_short(2022, 11, 6, false, Lang::En), "Nov 6");
        assert_eq!(day_short(2022, 11, 6, true, Lang::ZhHant), "2022年11月6日");
        assert_eq!(day_short(2022, 11, 6, false, Lang::ZhHans), "11月6日");
        assert_eq!(fmt_sig(4.54, 4, false), "4.54");
        assert_eq!(fmt_sig(45436.0, 4, true), "45,440");
        assert_eq!(fmt_fixed(-0.001, 2, true), "0");
    }

    #[test]
    fn event_counts_follow_each_language_s_plurals() {
        let en: Vec<String> = [0, 1, 2, 1000].map(|n| event_count(n, Lang::En)).into();
        assert_eq!(en, ["no events", "1 event", "2 events", "1,000 events"]);
        assert_eq!(event_count(7, Lang::ZhHant), "7 則事件");
        assert_eq!(event_count(7, Lang::ZhHans), "7 则事件");
        assert_eq!(event_count(7, Lang::Ja), "7件の出来事");
        assert_eq!(event_count(7, Lang::Ko), "사건 7개");
        let ar: Vec<String> = [0, 1, 2, 3, 10, 11, 99, 100, 103, 111]
            .map(|n| event_count(n, Lang::Ar))
            .into();
        assert_eq!(
            ar,
            [
                "لا أحداث",
                "حدث واحد",
                "حدثان",
                "3 أحداث",
                "10 أحداث",
                "11 حدثًا",
                "99 حدثًا",
                "100 حدث",
                "103 أحداث",
                "111 حدثًا"
            ]
        );
    }
}
