//! The built-in formatting: what [`super::format_date`] and friends fall back
//! to when no [`super::Provider`] is installed (native tests, the render
//! layer's own tests) or when the installed one declines a value (a year
//! beyond what `Intl`'s `Date` holds, ±271,821).
//!
//! The patterns are those CLDR gives each language (as Chromium's `Intl` and
//! ICU4X write them, checked by the shared cases in
//! `tests/common/locale_cases.rs`), so a fallback label reads like its
//! neighbours. Everything here is total: any input gives a string.

use super::{CivilDate, ClockStyle, ClockTime, DateStyle, Lang, NumberStyle};

const EN_LONG: [&str; 12] = [
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
const EN_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const AR_MONTHS: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

fn month_name(table: &[&'static str; 12], m: u32) -> &'static str {
    let i = m.clamp(1, 12) - 1;
    table.get(i as usize).copied().unwrap_or("")
}

/// The year as written with its era when before year 1 (astronomical year
/// `y`: 0 is 1 BCE).
fn year(y: i64, lang: Lang) -> String {
    let bce = 1_i64.saturating_sub(y);
    match lang {
        Lang::En if y >= 1 => y.to_string(),
        Lang::En => format!("{bce} BC"),
        Lang::Ar if y >= 1 => y.to_string(),
        Lang::Ar => format!("{bce} ق.م"),
        Lang::Ko if y >= 1 => format!("{y}년"),
        Lang::Ko => format!("BC {bce}년"),
        _ if y >= 1 => format!("{y}年"),
        Lang::ZhHant => format!("西元前{bce}年"),
        Lang::ZhHans => format!("公元前{bce}年"),
        _ => format!("紀元前{bce}年"),
    }
}

pub(super) fn date(lang: Lang, d: CivilDate, style: DateStyle) -> String {
    let CivilDate {
        year: y,
        month: m,
        day,
    } = d;
    let m = m.clamp(1, 12);
    let yr = || year(y, lang);
    match lang {
        Lang::En => match style {
            DateStyle::Year => yr(),
            DateStyle::MonthShort => month_name(&EN_SHORT, m).to_string(),
            DateStyle::MonthYearShort => format!("{} {}", month_name(&EN_SHORT, m), yr()),
            DateStyle::MonthYearLong => format!("{} {}", month_name(&EN_LONG, m), yr()),
            DateStyle::DayMonthShort => format!("{} {day}", month_name(&EN_SHORT, m)),
            DateStyle::DayShort => format!("{} {day}, {}", month_name(&EN_SHORT, m), yr()),
            DateStyle::DayLong => format!("{} {day}, {}", month_name(&EN_LONG, m), yr()),
        },
        Lang::Ar => {
            let name = month_name(&AR_MONTHS, m);
            match style {
                DateStyle::Year => yr(),
                DateStyle::MonthShort => name.to_string(),
                DateStyle::MonthYearShort | DateStyle::MonthYearLong => format!("{name} {}", yr()),
                DateStyle::DayMonthShort => format!("{day} {name}"),
                DateStyle::DayShort | DateStyle::DayLong => format!("{day} {name} {}", yr()),
            }
        }
        Lang::Ko => match style {
            DateStyle::Year => yr(),
            DateStyle::MonthShort => format!("{m}월"),
            DateStyle::MonthYearShort | DateStyle::MonthYearLong => format!("{} {m}월", yr()),
            DateStyle::DayMonthShort => format!("{m}월 {day}일"),
            DateStyle::DayShort | DateStyle::DayLong => format!("{} {m}월 {day}일", yr()),
        },
        Lang::ZhHant | Lang::ZhHans | Lang::Ja => match style {
            DateStyle::Year => yr(),
            DateStyle::MonthShort => format!("{m}月"),
            DateStyle::MonthYearShort | DateStyle::MonthYearLong => format!("{}{m}月", yr()),
            DateStyle::DayMonthShort => format!("{m}月{day}日"),
            DateStyle::DayShort | DateStyle::DayLong => format!("{}{m}月{day}日", yr()),
        },
    }
}

pub(super) fn clock(t: ClockTime, style: ClockStyle) -> String {
    let ClockTime {
        hour,
        minute,
        second,
        millis,
    } = t;
    match style {
        ClockStyle::Minute => format!("{hour:02}:{minute:02}"),
        ClockStyle::Second => format!("{hour:02}:{minute:02}:{second:02}"),
        ClockStyle::Millisecond => format!("{hour:02}:{minute:02}:{second:02}.{millis:03}"),
    }
}

/// Compact units: (threshold, English-style word) ascending; the value is
/// divided by the largest threshold not above it.
fn compact_units(lang: Lang) -> &'static [(f64, &'static str)] {
    match lang {
        Lang::En => &[
            (1e3, " thousand"),
            (1e6, " million"),
            (1e9, " billion"),
            (1e12, " trillion"),
        ],
        Lang::Ar => &[
            (1e3, " ألف"),
            (1e6, " مليون"),
            (1e9, " مليار"),
            (1e12, " ترليون"),
        ],
        Lang::ZhHant => &[(1e4, "萬"), (1e8, "億"), (1e12, "兆")],
        Lang::ZhHans => &[(1e4, "万"), (1e8, "亿"), (1e12, "万亿")],
        Lang::Ja => &[(1e4, "万"), (1e8, "億"), (1e12, "兆")],
        Lang::Ko => &[(1e3, "천"), (1e4, "만"), (1e8, "억"), (1e12, "조")],
    }
}

pub(super) fn number(lang: Lang, v: f64, style: NumberStyle) -> String {
    if style.compact {
        // Choose the unit by the rounded value, so 9999.6 reads 1萬.
        let sig = i32::from(style.max_significant.unwrap_or(2).clamp(1, 21));
        let r = round_sig(v.abs(), sig);
        let (div, word) = compact_units(lang)
            .iter()
            .rev()
            .find(|(t, _)| r >= *t)
            .map_or((1.0, ""), |&(t, w)| (t, w));
        let sign = if v < 0.0 && r != 0.0 { minus(lang) } else { "" };
        let m = r / div;
        // Arabic's plural "few" form after a one-digit count of 3 to 9.
        let word = match word {
            " ألف" if few(m) => " آلاف",
            " مليون" if few(m) => " ملايين",
            w => w,
        };
        // Compact notation groups only from five integer digits (CLDR's
        // "min2" grouping): `6600萬`, `12,000萬`.
        let group = style.grouping && r / div >= 1e4;
        return format!("{sign}{}{word}", fmt_sig(r / div, sig, group));
    }
    let s = match style.max_significant {
        Some(sig) => fmt_sig(v, i32::from(sig.clamp(1, 21)), style.grouping),
        None => fmt_fixed(v, usize::from(style.max_fraction.min(20)), style.grouping),
    };
    match s.strip_prefix('-') {
        Some(rest) => format!("{}{rest}", minus(lang)),
        None => s,
    }
}

/// The minus sign: Arabic keeps a left-to-right mark before it, so the sign
/// stays on the number's left inside right-to-left text.
fn minus(lang: Lang) -> &'static str {
    if lang == Lang::Ar {
        "\u{200e}-"
    } else {
        "-"
    }
}

fn few(m: f64) -> bool {
    m.fract() == 0.0 && (3.0..=9.0).contains(&m)
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
