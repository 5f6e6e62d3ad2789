//! The CLI's dates, clock times and numbers through ICU4X with its compiled
//! CLDR data: the native counterpart of the browser's `Intl` provider, so a
//! rendered label reads as the widget writes it. Installed at start by
//! [`install`]; asserted against the strings Chromium's `Intl` writes
//! (tests/common/locale_cases.rs, in tests/locale.rs).
//!
//! Declined (the core's built-in tables then write what `Intl` writes):
//! compact notation (`66 million`, `6600萬`), because ICU4X's compact
//! formatter always rounds to two significant digits where the widget asks
//! for up to four (`4.54 billion`); Arabic month names with an era, whose
//! ICU4X pattern orders them differently from Chromium's; years beyond
//! what `Intl`'s `Date` holds.

use crate::core::i18n::lang::Lang;
use crate::core::i18n::locale::{
    set_provider, CivilDate, ClockStyle, ClockTime, DateStyle, NumberStyle, Provider,
};
use fixed_decimal::{Decimal, SignedRoundingMode, UnsignedRoundingMode};
use icu_calendar::Gregorian;
use icu_datetime::fieldsets::enums::{
    CalendarPeriodFieldSet, CompositeDateTimeFieldSet, DateFieldSet, TimeFieldSet,
};
use icu_datetime::fieldsets::{self, T};
use icu_datetime::input::{Date, DateTime, Time};
use icu_datetime::options::{SubsecondDigits, TimePrecision, YearStyle};
use icu_datetime::preferences::HourCycle;
use icu_datetime::{DateTimeFormatterPreferences, FixedCalendarDateTimeFormatter};
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale;
use std::cell::RefCell;
use std::collections::HashMap;
use std::str::FromStr;

type DateFormatter = FixedCalendarDateTimeFormatter<Gregorian, CompositeDateTimeFieldSet>;

/// Whole years `Intl`'s `Date` holds: the browser's provider formats only
/// these, so this one does the same and leaves the rest to the core.
const YEARS: std::ops::RangeInclusive<i64> = -271_820..=275_759;

/// Formats with ICU4X; formatters are made once per language and style.
#[derive(Default)]
pub struct IcuProvider {
    dates: RefCell<HashMap<(Lang, DateStyle, bool), Option<DateFormatter>>>,
    clocks: RefCell<HashMap<(Lang, ClockStyle), Option<DateFormatter>>>,
    numbers: RefCell<HashMap<(Lang, bool), Option<DecimalFormatter>>>,
}

/// Makes ICU4X the formatting provider of this thread (the CLI's only one).
pub fn install() {
    set_provider(Some(Box::new(IcuProvider::default())));
}

fn locale(lang: Lang) -> Option<Locale> {
    Locale::from_str(lang.tag()).ok()
}

/// ICU4X's semantic field sets have lengths where `Intl` has options per
/// field. `month: 'short'` is the Medium length in English and Chinese, but
/// Medium writes the month as a number in Japanese, Korean and Arabic
/// (`2022/11`), where the Long length spells it as `Intl` does
/// (`2022年11月`, `2022년 11월`, `نوفمبر 2022`).
fn short_month_is_long(lang: Lang) -> bool {
    matches!(lang, Lang::Ja | Lang::Ko | Lang::Ar)
}

fn date_fields(lang: Lang, style: DateStyle, era: bool) -> CompositeDateTimeFieldSet {
    // Intl adds `era: 'short'` for years before 1 and never shows it
    // otherwise.
    let ys = if era {
        YearStyle::WithEra
    } else {
        YearStyle::NoEra
    };
    let long = short_month_is_long(lang);
    use fieldsets::{M, MD, Y, YM, YMD};
    use CompositeDateTimeFieldSet::{CalendarPeriod, Date as D};
    match style {
        DateStyle::Year => {
            CalendarPeriod(CalendarPeriodFieldSet::Y(Y::medium().with_year_style(ys)))
        }
        DateStyle::MonthShort => CalendarPeriod(CalendarPeriodFieldSet::M(if long {
            M::long()
        } else {
            M::medium()
        })),
        DateStyle::MonthYearShort => CalendarPeriod(CalendarPeriodFieldSet::YM(
            if long { YM::long() } else { YM::medium() }.with_year_style(ys),
        )),
        DateStyle::MonthYearLong => {
            CalendarPeriod(CalendarPeriodFieldSet::YM(YM::long().with_year_style(ys)))
        }
        DateStyle::DayMonthShort => D(DateFieldSet::MD(if long {
            MD::long()
        } else {
            MD::medium()
        })),
        DateStyle::DayShort => D(DateFieldSet::YMD(
            if long { YMD::long() } else { YMD::medium() }.with_year_style(ys),
        )),
        DateStyle::DayLong => D(DateFieldSet::YMD(YMD::long().with_year_style(ys))),
    }
}

fn clock_fields(style: ClockStyle) -> CompositeDateTimeFieldSet {
    let precision = match style {
        ClockStyle::Minute => TimePrecision::Minute,
        ClockStyle::Second => TimePrecision::Second,
        ClockStyle::Millisecond => TimePrecision::Subsecond(SubsecondDigits::S3),
    };
    CompositeDateTimeFieldSet::Time(TimeFieldSet::T(T::medium().with_time_precision(precision)))
}

/// A formatter for `fields` in `lang`, 24-hour clock (`hourCycle: 'h23'`).
fn date_formatter(lang: Lang, fields: CompositeDateTimeFieldSet) -> Option<DateFormatter> {
    let mut prefs = DateTimeFormatterPreferences::from(&locale(lang)?);
    prefs.hour_cycle = Some(HourCycle::H23);
    DateFormatter::try_new(prefs, fields).ok()
}

fn with_cached<K, F, R>(
    cache: &RefCell<HashMap<K, Option<F>>>,
    key: K,
    make: impl FnOnce() -> Option<F>,
    f: impl FnOnce(&F) -> Option<R>,
) -> Option<R>
where
    K: std::hash::Hash + Eq,
{
    let mut cache = cache.try_borrow_mut().ok()?;
    cache.entry(key).or_insert_with(make).as_ref().and_then(f)
}

/// `v` as a decimal rounded as `Intl.NumberFormat` rounds (half away from
/// zero) to the digits `style` allows, trailing zeros dropped.
fn rounded(v: f64, style: NumberStyle) -> Option<Decimal> {
    if !v.is_finite() {
        return None;
    }
    // Rust writes the shortest text that reads back as `v`, never with an
    // exponent: what Intl starts from too.
    let mut d = Decimal::from_str(&format!("{v}")).ok()?;
    let position = match style.max_significant {
        Some(n) if v != 0.0 => d.absolute.nonzero_magnitude_start() - i16::from(n) + 1,
        Some(_) => 0,
        None => -i16::from(style.max_fraction),
    };
    d.round_with_mode(
        position,
        SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand),
    );
    d.absolute.trim_end();
    Some(d)
}

impl Provider for IcuProvider {
    fn date(&self, lang: Lang, date: CivilDate, style: DateStyle) -> Option<String> {
        if !YEARS.contains(&date.year) {
            return None;
        }
        let era = style.has_year() && date.year <= 0;
        if era && lang == Lang::Ar && style != DateStyle::Year {
            // ICU4X's Arabic month-and-era patterns put the era first
            // (`ق.م 500 مارس`) where Chromium's ICU puts it last
            // (`مارس 500 ق.م`); the core's tables write Chromium's.
            return None;
        }
        let d = Date::try_new_gregorian(
            i32::try_from(date.year).ok()?,
            u8::try_from(date.month).ok()?,
            u8::try_from(date.day).ok()?,
        )
        .ok()?;
        let input = DateTime {
            date: d,
            time: Time::start_of_day(),
        };
        with_cached(
            &self.dates,
            (lang, style, era),
            || date_formatter(lang, date_fields(lang, style, era)),
            |f| Some(f.format(&input).to_string()),
        )
    }

    fn clock(&self, lang: Lang, time: ClockTime, style: ClockStyle) -> Option<String> {
        let t = Time::try_new(
            u8::try_from(time.hour).ok()?,
            u8::try_from(time.minute).ok()?,
            u8::try_from(time.second).ok()?,
            time.millis.checked_mul(1_000_000)?,
        )
        .ok()?;
        let input = DateTime {
            date: Date::try_new_gregorian(2000, 1, 1).ok()?,
            time: t,
        };
        with_cached(
            &self.clocks,
            (lang, style),
            || date_formatter(lang, clock_fields(style)),
            |f| Some(f.format(&input).to_string()),
        )
    }

    fn number(&self, lang: Lang, v: f64, style: NumberStyle) -> Option<String> {
        if style.compact {
            return None;
        }
        let d = rounded(v, style)?;
        with_cached(
            &self.numbers,
            (lang, style.grouping),
            || {
                let mut options = DecimalFormatterOptions::default();
                options.grouping_strategy = Some(if style.grouping {
                    GroupingStrategy::Auto
                } else {
                    GroupingStrategy::Never
                });
                DecimalFormatter::try_new(locale(lang)?.into(), options).ok()
            },
            |f| Some(f.format(&d).to_string()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(v: f64, style: NumberStyle) -> String {
        rounded(v, style).unwrap().to_string()
    }

    #[test]
    fn rounding_is_intls() {
        assert_eq!(num(2.5, NumberStyle::fraction(0)), "3");
        assert_eq!(num(-2.5, NumberStyle::fraction(0)), "-3");
        // from the shortest decimal that reads back as the double, as
        // Chromium's ICU does (so 1.005 is 1.01, where toFixed says 1.00)
        assert_eq!(num(1.005, NumberStyle::fraction(2)), "1.01");
        assert_eq!(num(1234.5678, NumberStyle::fraction(2)), "1234.57");
        assert_eq!(num(0.123456, NumberStyle::significant(3)), "0.123");
        assert_eq!(num(98765.0, NumberStyle::significant(3)), "98800");
        assert_eq!(num(0.0, NumberStyle::significant(3)), "0");
        assert!(rounded(f64::NAN, NumberStyle::fraction(2)).is_none());
    }

    #[test]
    fn formats_dates_clocks_and_numbers() {
        let p = IcuProvider::default();
        let nov6 = CivilDate {
            year: 2022,
            month: 11,
            day: 6,
        };
        assert_eq!(
            p.date(Lang::En, nov6, DateStyle::DayLong).as_deref(),
            Some("November 6, 2022")
        );
        assert_eq!(
            p.date(Lang::ZhHant, nov6, DateStyle::DayShort).as_deref(),
            Some("2022年11月6日")
        );
        let bce = CivilDate {
            year: -499,
            month: 3,
            day: 1,
        };
        assert_eq!(
            p.date(Lang::En, bce, DateStyle::Year).as_deref(),
            Some("500 BC")
        );
        let far = CivilDate {
            year: -1_000_000,
            month: 1,
            day: 1,
        };
        assert_eq!(p.date(Lang::En, far, DateStyle::Year), None, "declined");
        let t = ClockTime {
            hour: 9,
            minute: 5,
            second: 7,
            millis: 250,
        };
        assert_eq!(
            p.clock(Lang::En, t, ClockStyle::Millisecond).as_deref(),
            Some("09:05:07.250")
        );
        assert_eq!(
            p.number(Lang::En, 1234567.891, NumberStyle::fraction(2))
                .as_deref(),
            Some("1,234,567.89")
        );
        assert_eq!(
            p.number(Lang::En, 66e6, NumberStyle::compact(4)),
            None,
            "compact is left to the core"
        );
    }
}
