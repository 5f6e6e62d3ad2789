//! The built-in formatting tables against what Chromium's `Intl` writes
//! (tests/common/locale_cases.rs). With no provider installed, the core
//! formats through them, so native renders read like the browser's.

use chronoscope::core::i18n::lang::Lang;
use chronoscope::core::i18n::locale::{
    format_clock, format_date, format_value, CivilDate, ClockStyle, ClockTime, DateStyle,
    NumberStyle,
};

include!("common/locale_cases.rs");

#[test]
fn builtin_dates_match_intl() {
    let mut bad = Vec::new();
    for &(lang, date, style, want) in DATE_CASES {
        let got = format_date(lang, date, style);
        if got != want {
            bad.push(format!("{lang:?} {date:?} {style:?}: {got:?} != {want:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn builtin_clocks_match_intl() {
    let t = ClockTime {
        hour: 14,
        minute: 30,
        second: 5,
        millis: 250,
    };
    for &(lang, style, want) in CLOCK_CASES {
        assert_eq!(format_clock(lang, t, style), want, "{lang:?} {style:?}");
    }
}

#[test]
fn builtin_numbers_match_intl() {
    let mut bad = Vec::new();
    for &(lang, v, style, want) in NUMBER_CASES {
        let got = format_value(lang, v, style);
        if got != want {
            bad.push(format!("{lang:?} {v} {style:?}: {got:?} != {want:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
