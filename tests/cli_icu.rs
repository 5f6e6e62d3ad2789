//! The command-line tool's ICU4X formatting against what Chromium's `Intl`
//! writes (the shared table tests/common/locale_cases.rs, which the browser
//! test asserts too), so CLI labels read as the widget's.
#![cfg(all(not(target_arch = "wasm32"), feature = "cli"))]

use chronoscope::cli::icu::IcuProvider;
use chronoscope::core::i18n::lang::Lang;
use chronoscope::core::i18n::locale::{
    format_clock, format_date, format_value, set_provider, CivilDate, ClockStyle, ClockTime,
    DateStyle, NumberStyle, Provider,
};

include!("common/locale_cases.rs");

/// The cases ICU4X declines: Arabic months with an era (ICU4X orders them
/// era first, Chromium last); the core's tables write those.
fn declined(lang: Lang, date: CivilDate, style: DateStyle) -> bool {
    lang == Lang::Ar && date.year <= 0 && style != DateStyle::Year && style.has_year()
}

#[test]
fn icu_dates_match_intl() {
    let p = IcuProvider::default();
    let mut bad = Vec::new();
    for &(lang, date, style, want) in DATE_CASES {
        let got = p.date(lang, date, style);
        let expected = (!declined(lang, date, style)).then_some(want);
        if got.as_deref() != expected {
            bad.push(format!(
                "{lang:?} {date:?} {style:?}: {got:?} != {expected:?}"
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {}:\n{}",
        bad.len(),
        DATE_CASES.len(),
        bad.join("\n")
    );
}

#[test]
fn icu_clocks_match_intl() {
    let p = IcuProvider::default();
    let t = ClockTime {
        hour: 14,
        minute: 30,
        second: 5,
        millis: 250,
    };
    for &(lang, style, want) in CLOCK_CASES {
        assert_eq!(
            p.clock(lang, t, style).as_deref(),
            Some(want),
            "{lang:?} {style:?}"
        );
    }
}

#[test]
fn icu_numbers_match_intl() {
    let p = IcuProvider::default();
    let mut bad = Vec::new();
    for &(lang, v, style, want) in NUMBER_CASES {
        let got = p.number(lang, v, style);
        // compact notation is declined (ICU4X rounds it to two digits)
        let ok = if style.compact {
            got.is_none()
        } else {
            got.as_deref() == Some(want)
        };
        if !ok {
            bad.push(format!("{lang:?} {v} {style:?}: {got:?} != {want:?}"));
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {}:\n{}",
        bad.len(),
        NUMBER_CASES.len(),
        bad.join("\n")
    );
}

#[test]
fn installed_it_writes_everything_as_intl_does() {
    // with the provider installed (as the CLI does), declined values fall
    // back to the core's tables: the result is Intl's in every case
    set_provider(Some(Box::new(IcuProvider::default())));
    for &(lang, date, style, want) in DATE_CASES {
        assert_eq!(
            format_date(lang, date, style),
            want,
            "{lang:?} {date:?} {style:?}"
        );
    }
    let t = ClockTime {
        hour: 14,
        minute: 30,
        second: 5,
        millis: 250,
    };
    for &(lang, style, want) in CLOCK_CASES {
        assert_eq!(format_clock(lang, t, style), want, "{lang:?} {style:?}");
    }
    for &(lang, v, style, want) in NUMBER_CASES {
        assert_eq!(format_value(lang, v, style), want, "{lang:?} {v} {style:?}");
    }
    set_provider(None);
}
