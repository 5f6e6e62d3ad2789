//! Languages and human-readable formatting of times and numbers.
//!
//! Hand-written tables for English (as Intl's `en-US` writes dates), Traditional
//! and Simplified Chinese. Everything here is total: any input gives a string,
//! never a panic.

use super::time::{parts, years_before_present, Precision, TimePoint};

/// A display language of the widget.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (en-US conventions).
    En,
    /// Traditional Chinese.
    ZhHant,
    /// Simplified Chinese.
    ZhHans,
}

impl Lang {
    /// Picks the language for a BCP 47 tag, case-insensitively (`_` is
    /// accepted for `-`): a `Hant` script, or region TW / HK / MO → `ZhHant`;
    /// any other `zh` tag (`zh`, `zh-Hans…`, `zh-CN`, `zh-SG`) → `ZhHans`;
    /// everything else → `En`. An explicit script wins over the region.
    pub fn from_tag(tag: &str) -> Lang {
        let lower = tag.trim().to_ascii_lowercase();
        let mut subtags = lower.split(['-', '_']);
        if subtags.next() != Some("zh") {
            return Lang::En;
        }
        let rest: Vec<&str> = subtags.collect();
        if rest.contains(&"hant") {
            Lang::ZhHant
        } else if rest.contains(&"hans") {
            Lang::ZhHans
        } else if rest.iter().any(|s| matches!(*s, "tw" | "hk" | "mo")) {
            Lang::ZhHant
        } else {
            Lang::ZhHans
        }
    }

    /// The canonical tag: `"en"`, `"zh-Hant"` or `"zh-Hans"`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhHant => "zh-Hant",
            Lang::ZhHans => "zh-Hans",
        }
    }

    fn is_zh(self) -> bool {
        self != Lang::En
    }
}

const MONTHS_LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn month_name(table: &[&'static str; 12], m: u32) -> &'static str {
    let i = m.clamp(1, 12) - 1;
    table.get(i as usize).copied().unwrap_or("")
}

/// `2022`, `500 BCE`; `2022年`, `西元前500年` / `公元前500年`.
pub(crate) fn year_label(y: i64, lang: Lang) -> String {
    let bce = 1_i64.saturating_sub(y);
    match lang {
        Lang::En if y >= 1 => y.to_string(),
        Lang::En => format!("{bce} BCE"),
        _ if y >= 1 => format!("{y}年"),
        Lang::ZhHant => format!("西元前{bce}年"),
        Lang::ZhHans => format!("公元前{bce}年"),
    }
}

/// Abbreviated month with its year: `Nov 2022`, `Mar 500 BCE`; `2022年11月`.
pub(crate) fn month_year_short(y: i64, m: u32, lang: Lang) -> String {
    if lang.is_zh() {
        format!("{}{}月", year_label(y, lang), m)
    } else {
        format!("{} {}", month_name(&MONTHS_SHORT, m), year_label(y, lang))
    }
}

/// Abbreviated month alone: `Dec`; `12月`.
pub(crate) fn month_short(m: u32, lang: Lang) -> String {
    if lang.is_zh() {
        format!("{m}月")
    } else {
        month_name(&MONTHS_SHORT, m).to_string()
    }
}

/// A short date: `Nov 6, 2022` / `Nov 6`; `2022年11月6日` / `11月6日`.
pub(crate) fn day_short(y: i64, m: u32, d: u32, with_year: bool, lang: Lang) -> String {
    match (lang.is_zh(), with_year) {
        (true, true) => format!("{}{m}月{d}日", year_label(y, lang)),
        (true, false) => format!("{m}月{d}日"),
        (false, true) => format!(
            "{} {d}, {}",
            month_name(&MONTHS_SHORT, m),
            year_label(y, lang)
        ),
        (false, false) => format!("{} {d}", month_name(&MONTHS_SHORT, m)),
    }
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

/// The long, precision-aware date for an event card: a value shows only what
/// it is known to (a `Year` never shows a month).
///
/// English: `1994`, `500 BCE`, `November 2022`, `November 6, 2022`,
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
    let (unit, word) = match tp.precision {
        Precision::Ga => (1e9, "billion"),
        Precision::Ma => (1e6, "million"),
        Precision::Ka => (1e3, "thousand"),
        _ => return format_calendar(tp, lang),
    };
    let years = years_before_present(tp.ms);
    if years.abs() < 0.5 {
        return match lang {
            Lang::En => "present",
            Lang::ZhHant => "現在",
            Lang::ZhHans => "现在",
        }
        .to_string();
    }
    let ago = years > 0.0;
    if lang.is_zh() {
        // Choose 億 / 萬 by the rounded value, so 9999.6 years reads 1萬年前.
        let y = round_sig(years.abs(), 4);
        let (div, suffix) = if y >= 1e8 {
            (1e8, if lang == Lang::ZhHant { "億" } else { "亿" })
        } else if y >= 1e4 {
            (1e4, if lang == Lang::ZhHant { "萬" } else { "万" })
        } else {
            (1.0, "")
        };
        let when = match (ago, lang) {
            (true, _) => "年前",
            (false, Lang::ZhHant) => "年後",
            (false, _) => "年后",
        };
        format!("{}{suffix}{when}", fmt_sig(y / div, 4, false))
    } else {
        let n = fmt_sig((years / unit).abs(), 4, true);
        if ago {
            format!("{n} {word} years ago")
        } else {
            format!("{n} {word} years from now")
        }
    }
}

fn format_calendar(tp: &TimePoint, lang: Lang) -> String {
    let p = parts(tp.ms, i32::from(tp.offset_min.unwrap_or(0)));
    let year = year_label(p.year, lang);
    let zh = lang.is_zh();
    let date = match tp.precision {
        Precision::Month if zh => return format!("{year}{}月", p.month),
        Precision::Month => return format!("{} {year}", month_name(&MONTHS_LONG, p.month)),
        Precision::Year | Precision::Ka | Precision::Ma | Precision::Ga => return year,
        _ if zh => format!("{year}{}月{}日", p.month, p.day),
        _ => format!("{} {}, {year}", month_name(&MONTHS_LONG, p.month), p.day),
    };
    let mut time = format!("{:02}:{:02}", p.hour, p.minute);
    match tp.precision {
        Precision::Minute => {}
        Precision::Second => time.push_str(&format!(":{:02}", p.second)),
        Precision::Millisecond => time.push_str(&format!(":{:02}.{:03}", p.second, p.millis)),
        _ => return date,
    }
    match (tp.offset_min, zh) {
        (None, true) => format!("{date} {time}"),
        (None, false) => format!("{date}, {time}"),
        (Some(o), true) => format!("{date} {time} ({})", offset_label(i32::from(o))),
        (Some(o), false) => format!("{date}, {time} {}", offset_label(i32::from(o))),
    }
}

/// `1994 – 2022`; `1994年 – 2022年`: each end at its own precision.
pub fn format_range(start: &TimePoint, end: &TimePoint, lang: Lang) -> String {
    format!("{} – {}", format_time(start, lang), format_time(end, lang))
}

/// A number for axes and tooltips: `3,330`, `-1,234.5`, `0.25`.
///
/// At most 2 decimals, except for |v| < 1, which keeps up to 3 significant
/// digits (never more than 20 decimals); trailing zeros are trimmed, `-0`
/// reads `0`, and a non-finite value reads `–`. The digits are the same for
/// all three languages, as with Intl.
pub fn format_number(v: f64, lang: Lang) -> String {
    let _ = lang;
    if !v.is_finite() {
        return "–".to_string();
    }
    if v.abs() < 1.0 {
        fmt_sig(v, 3, true)
    } else {
        fmt_fixed(v, 2, true)
    }
}

/// Decimal exponent of |v| (v finite, non-zero).
fn exponent(v: f64) -> i32 {
    v.abs().log10().floor() as i32
}

/// `v` rounded to `sig` significant digits (integral part only; fractional
/// rounding is left to the formatter, which rounds exactly).
fn round_sig(v: f64, sig: i32) -> f64 {
    if !v.is_finite() || v == 0.0 {
        return v;
    }
    let e = exponent(v);
    if e >= sig - 1 {
        let scale = 10_f64.powi(e - (sig - 1));
        let r = (v / scale).round() * scale;
        if r.is_finite() {
            return r;
        }
    }
    v
}

/// `v` with at most `sig` significant digits, trailing zeros trimmed.
pub(crate) fn fmt_sig(v: f64, sig: i32, group: bool) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    if v == 0.0 {
        return "0".to_string();
    }
    let decimals = (sig - 1 - exponent(v)).clamp(0, 20) as usize;
    fmt_fixed(round_sig(v, sig), decimals, group)
}

/// `v` rounded to `decimals` places, trailing zeros trimmed, optionally with
/// thousands separators; never `-0`.
pub(crate) fn fmt_fixed(v: f64, decimals: usize, group: bool) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((s.as_str(), ""));
    let frac = frac.trim_end_matches('0');
    let zero = frac.is_empty() && int.bytes().all(|b| b == b'0');
    let mut out = String::with_capacity(s.len() + s.len() / 3 + 2);
    if v < 0.0 && !zero {
        out.push('-');
    }
    if group {
        let n = int.len();
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (n - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
    } else {
        out.push_str(int);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::time::{parse_time, TimePoint, BP_EPOCH, MS_PER_YEAR, TIME_MAX, TIME_MIN};
    use super::*;

    const ALL: [Lang; 3] = [Lang::En, Lang::ZhHant, Lang::ZhHans];

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
            ("ja-JP", Lang::En),
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
        assert_eq!(ft("500 BCE", Lang::En), "500 BCE");
        assert_eq!(ft("-0499", Lang::En), "500 BCE");
        assert_eq!(ft("500 BCE", Lang::ZhHant), "西元前500年");
        assert_eq!(ft("500 BCE", Lang::ZhHans), "公元前500年");
        assert_eq!(ft("0", Lang::En), "1 BCE");
        assert_eq!(ft("1", Lang::En), "1");
        assert_eq!(ft("AD 44", Lang::En), "44");
        assert_eq!(ft("+12000", Lang::En), "12000");
    }

    #[test]
    fn months_and_days() {
        assert_eq!(ft("2022-11", Lang::En), "November 2022");
        assert_eq!(ft("2022-11", Lang::ZhHant), "2022年11月");
        assert_eq!(ft("2022-11", Lang::ZhHans), "2022年11月");
        assert_eq!(ft("-0499-03", Lang::En), "March 500 BCE");
        assert_eq!(ft("-0499-03", Lang::ZhHant), "西元前500年3月");
        assert_eq!(ft("2022-11-06", Lang::En), "November 6, 2022");
        assert_eq!(ft("2022-11-06", Lang::ZhHant), "2022年11月6日");
        assert_eq!(ft("2022-11-06", Lang::ZhHans), "2022年11月6日");
        assert_eq!(ft("-0043-03-15", Lang::En), "March 15, 44 BCE");
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
        let tp = super::super::time::time_from_ms(0.0).expect("in range");
        assert_eq!(format_time(&tp, Lang::En), "January 1, 1970");
    }

    #[test]
    fn deep_time() {
        assert_eq!(ft("12 ka", Lang::En), "12 thousand years ago");
        assert_eq!(ft("66 Ma", Lang::En), "66 million years ago");
        assert_eq!(ft("4.54 Ga", Lang::En), "4.54 billion years ago");
        assert_eq!(ft("4540 Ma", Lang::En), "4,540 million years ago");
        assert_eq!(ft("0.5Ma", Lang::En), "0.5 million years ago");
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
        assert_eq!(ft("12345.6 Ma", Lang::En), "12,350 million years ago");
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
            let num = s.trim_end_matches(" billion years ago");
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
            assert_eq!(format_number(-1234.5, lang), "-1,234.5");
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
            format!("{} BCE", 1 - parts(TIME_MIN, 0).year)
        );
        assert_eq!(offset_label(-59), "UTC-0:59");
        assert_eq!(offset_label(330), "UTC+5:30");
    }

    #[test]
    fn tick_helpers() {
        assert_eq!(year_label(2022, Lang::En), "2022");
        assert_eq!(year_label(-499, Lang::ZhHant), "西元前500年");
        assert_eq!(year_label(i64::MIN, Lang::En), format!("{} BCE", i64::MAX));
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
}
