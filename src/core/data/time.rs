//! The time model: one continuous axis from milliseconds to the age of the universe.
//!
//! Every instant is an [`Ms`]: milliseconds since 1970-01-01T00:00:00Z on the
//! proleptic Gregorian calendar, in UTC, without leap seconds. Years use
//! astronomical numbering: year 0 is 1 BCE, year -499 is 500 BCE.
//!
//! A single `f64` covers both a millisecond today and 4.54 billion years ago;
//! it only loses resolution gracefully far from 1970 (see [`min_span_at`]).
//! Calendar arithmetic is done with exact `i64` day counts, so dates are right
//! over the whole accepted range [`TIME_MIN`, `TIME_MAX`].

use std::fmt;

/// Milliseconds since 1970-01-01T00:00:00Z (proleptic Gregorian, UTC, no leap seconds).
pub type Ms = f64;

/// Milliseconds in a second.
pub const MS_PER_SECOND: Ms = 1_000.0;
/// Milliseconds in a minute.
pub const MS_PER_MINUTE: Ms = 60_000.0;
/// Milliseconds in an hour.
pub const MS_PER_HOUR: Ms = 3_600_000.0;
/// Milliseconds in a day (86 400 000).
pub const MS_PER_DAY: Ms = 86_400_000.0;
/// The mean Gregorian year (365.2425 days), the unit of ka / Ma / Ga.
pub const MS_PER_YEAR: Ms = 365.2425 * MS_PER_DAY;
/// 1950-01-01T00:00Z, the origin "before present" (BP) counts back from.
pub const BP_EPOCH: Ms = -631_152_000_000.0;
/// The narrowest window anywhere: one millisecond.
pub const MIN_SPAN: Ms = 1.0;
/// The widest window: 20 billion mean years.
pub const MAX_SPAN: Ms = 20e9 * MS_PER_YEAR;
/// The earliest accepted time: 20 billion years before present.
pub const TIME_MIN: Ms = BP_EPOCH - MAX_SPAN;
/// The latest accepted time: 20 billion years after 1950.
pub const TIME_MAX: Ms = BP_EPOCH + MAX_SPAN;

/// Years beyond this magnitude are rejected before any arithmetic (the range
/// only reaches about ±2·10¹⁰ years anyway).
const YEAR_LIMIT: i64 = 100_000_000_000;
/// `days_from_civil` clamps its year here so its arithmetic cannot overflow.
const YEAR_CLAMP: i64 = 100_000_000_000_000;
/// `civil_from_days` clamps its day count here (≈ `YEAR_CLAMP` years).
const DAYS_CLAMP: i64 = 36_600_000_000_000_000;
const MS_PER_DAY_I: i128 = 86_400_000;

/// The narrowest window that `f64` milliseconds still resolve smoothly around `t`:
/// `max(MIN_SPAN, 4096 × ulp(|t|))`.
///
/// Near today (|t| ≈ 1.7·10¹² ms) this is about 1 ms; at 4.5 Ga before present
/// (|t| ≈ 1.4·10²⁰ ms) one ulp is 16 384 ms and the minimum window is about
/// 18.6 hours. A window narrower than this would show visibly quantised
/// positions. `NaN` counts as 0 and infinities as the edge of the range.
pub fn min_span_at(t: Ms) -> Ms {
    let a = if t.is_nan() {
        0.0
    } else {
        t.abs().min(-TIME_MIN)
    };
    // `a` is finite and non-negative, so the next representable value up is
    // the next bit pattern.
    let ulp = f64::from_bits(a.to_bits() + 1) - a;
    (4096.0 * ulp).max(MIN_SPAN)
}

/// How precisely a time is known, from coarse to fine.
/// The narrowest window worth showing around data whose finest stated
/// precision is `p`: a little more than that period (two years for
/// year-precision data, four days for dates, …). Used to fit a dataset that
/// is a single instant.
pub fn fit_span(p: Option<Precision>) -> Ms {
    match p {
        Some(Precision::Ga) => 2e8 * MS_PER_YEAR,
        Some(Precision::Ma) => 2e5 * MS_PER_YEAR,
        Some(Precision::Ka) => 200.0 * MS_PER_YEAR,
        Some(Precision::Year) => 2.0 * MS_PER_YEAR,
        Some(Precision::Month) => 60.0 * MS_PER_DAY,
        Some(Precision::Day) => 4.0 * MS_PER_DAY,
        _ => 4.0 * MS_PER_HOUR,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Billions of years before present.
    Ga,
    /// Millions of years before present.
    Ma,
    /// Thousands of years before present.
    Ka,
    /// A calendar year.
    Year,
    /// A calendar month.
    Month,
    /// A calendar day.
    Day,
    /// A date-time to the minute.
    Minute,
    /// A date-time to the second.
    Second,
    /// A date-time to the millisecond.
    Millisecond,
}

/// A parsed instant together with what the source said about it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimePoint {
    /// The UTC instant (for a date: its first instant).
    pub ms: Ms,
    /// How precisely the source stated it.
    pub precision: Precision,
    /// The UTC offset in minutes the date-time was written in: `Some(480)` for
    /// `+08:00`, `Some(0)` for `Z` and for numeric times; `None` for date-only
    /// values and for date-times written without an offset.
    pub offset_min: Option<i16>,
}

/// Why a time was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeError {
    /// Not one of the accepted forms.
    Unrecognized,
    /// An accepted form, but a field is out of its range (month 13, Feb 30, 25:00…).
    InvalidDate,
    /// Outside [`TIME_MIN`, `TIME_MAX`].
    OutOfRange,
    /// A numeric time that is NaN or infinite.
    NonFinite,
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeError::Unrecognized => {
                "unrecognized time: expected a year (1994), year-month (2022-01), \
                 date (2022-11-06), RFC 3339 date-time, 500 BCE, or 12 ka / 66 Ma / 4.54 Ga"
            }
            TimeError::InvalidDate => {
                "invalid date: month, day, hour, minute, second or UTC offset out of range"
            }
            TimeError::OutOfRange => "time out of range: must lie within 20 billion years of 1950",
            TimeError::NonFinite => "time must be a finite number",
        })
    }
}

impl std::error::Error for TimeError {}

/// A broken-down calendar date and time of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateParts {
    /// Astronomical year (0 = 1 BCE).
    pub year: i64,
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
    /// 0–23.
    pub hour: u32,
    /// 0–59.
    pub minute: u32,
    /// 0–59.
    pub second: u32,
    /// 0–999.
    pub millis: u32,
}

/// Whether `y` (astronomical) is a leap year in the proleptic Gregorian calendar.
fn is_leap(y: i64) -> bool {
    y.rem_euclid(4) == 0 && (y.rem_euclid(100) != 0 || y.rem_euclid(400) == 0)
}

/// Number of days in month `m` (1–12) of year `y`; 0 for an invalid month.
pub(crate) fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of the date `y-m-d` (proleptic Gregorian, astronomical year).
///
/// Exact for every year the time range can reach. Out-of-range fields roll
/// over like `Date.UTC`: month 13 is January of the next year, month 0 is
/// December of the previous one, day 0 is the last day of the previous month.
/// Years beyond ±10¹⁴ are clamped so the arithmetic cannot overflow.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let m0 = i64::from(m) - 1;
    let y = y.clamp(-YEAR_CLAMP, YEAR_CLAMP) + m0.div_euclid(12);
    let m = m0.rem_euclid(12) + 1;
    // Count years from March so that the leap day is the last day of the year.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400; // 0..=399
    let month_from_march = (m + 9) % 12; // March = 0 … February = 11
    let day_of_year = (153 * month_from_march + 2) / 5; // first day of that month
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    // 719 468 = days from 0000-03-01 to 1970-01-01.
    era * 146_097 + day_of_era - 719_468 + i64::from(d) - 1
}

/// The date `(year, month, day)` that is `days` days after 1970-01-01.
///
/// Inverse of [`days_from_civil`]; exact over the whole time range (day
/// counts beyond ±3.66·10¹⁶ are clamped).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days.clamp(-DAYS_CLAMP, DAYS_CLAMP) + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097; // 0..=146_096
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153; // 0..=11
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1; // 1..=31
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // Both are small positive numbers by construction.
    (year, month as u32, day as u32)
}

/// NaN → 0, everything else clamped into [TIME_MIN, TIME_MAX].
fn sanitize(ms: Ms) -> Ms {
    if ms.is_nan() {
        0.0
    } else {
        ms.clamp(TIME_MIN, TIME_MAX)
    }
}

/// Breaks `ms` down into calendar fields as seen at UTC offset `offset_min`
/// (minutes east of UTC). Floor-based, so negative times fall on the right
/// day: `-1` ms is 1969-12-31T23:59:59.999. Fractional milliseconds are
/// floored. NaN is read as 0 and times outside the range are clamped to it.
pub fn parts(ms: Ms, offset_min: i32) -> DateParts {
    let local = sanitize(ms) + f64::from(offset_min) * MS_PER_MINUTE;
    // `%` is exact; `local - r` is a whole number of days up to rounding far
    // below a day, hence the `round`. A negative remainder borrows a day; a
    // tiny one may round up to a full day when added, hence the `min`.
    let r = local % MS_PER_DAY;
    let (borrow, rem) = if r < 0.0 { (1, r + MS_PER_DAY) } else { (0, r) };
    let days = ((local - r) / MS_PER_DAY).round() as i64 - borrow;
    let ms_of_day = (rem.floor() as u32).min(86_399_999);
    from_days_and_ms(days, ms_of_day)
}

/// Calendar fields of the whole `unit` (a day, minute or second, in ms)
/// nearest to `ms`, as seen at UTC offset `offset_min`: for a time that
/// stands for the start of such a unit. Far from 1970 an `f64` holds that
/// instant only to its spacing (8 s at 2 Gyr), maybe just before it, where
/// [`parts`] would floor to the unit before (the year 2012014306 written
/// as 2012014305). NaN is read as 0, times outside the range clamped.
pub(crate) fn parts_nearest(ms: Ms, offset_min: i32, unit: Ms) -> DateParts {
    let local = sanitize(ms) + f64::from(offset_min) * MS_PER_MINUTE;
    // |local| / 1 s is below 2^63, so the cast is exact after rounding.
    let units = (local / unit).round() as i64;
    let per_day = (MS_PER_DAY / unit) as i64;
    let ms_of_day = units.rem_euclid(per_day) as u32 * unit as u32;
    from_days_and_ms(units.div_euclid(per_day), ms_of_day)
}

/// Calendar fields of `days` since the epoch plus `ms_of_day` (< 86 400 000).
pub(crate) fn from_days_and_ms(days: i64, ms_of_day: u32) -> DateParts {
    let (year, month, day) = civil_from_days(days);
    DateParts {
        year,
        month,
        day,
        hour: ms_of_day / 3_600_000,
        minute: ms_of_day / 60_000 % 60,
        second: ms_of_day / 1000 % 60,
        millis: ms_of_day % 1000,
    }
}

/// The instant (read as UTC) of the calendar fields `p`. Out-of-range fields
/// roll over (see [`days_from_civil`]); the result is rounded once, from an
/// exact integer count of milliseconds.
pub fn ms_from_parts(p: &DateParts) -> Ms {
    let days = i128::from(days_from_civil(p.year, p.month, p.day));
    let total = days * MS_PER_DAY_I
        + i128::from(p.hour) * 3_600_000
        + i128::from(p.minute) * 60_000
        + i128::from(p.second) * 1000
        + i128::from(p.millis);
    total as f64
}

/// The instant of midnight UTC starting day `days` since the epoch.
pub(crate) fn ms_from_days(days: i64) -> Ms {
    (i128::from(days) * MS_PER_DAY_I) as f64
}

/// Mean Gregorian years between `ms` and [`BP_EPOCH`] (positive in the past).
/// NaN is read as 0 and times outside the range are clamped to it.
pub fn years_before_present(ms: Ms) -> f64 {
    (BP_EPOCH - sanitize(ms)) / MS_PER_YEAR
}

fn in_range(ms: Ms) -> bool {
    (TIME_MIN..=TIME_MAX).contains(&ms)
}

fn checked(ms: Ms, precision: Precision, offset_min: Option<i32>) -> Result<TimePoint, TimeError> {
    // Offsets are checked to be within a day when parsed; i16 keeps a
    // TimePoint at 16 bytes.
    let offset_min = match offset_min {
        Some(o) => Some(i16::try_from(o).map_err(|_| TimeError::OutOfRange)?),
        None => None,
    };
    if in_range(ms) {
        Ok(TimePoint {
            ms,
            precision,
            offset_min,
        })
    } else {
        Err(TimeError::OutOfRange)
    }
}

/// A time given as a JSON number of milliseconds since the epoch (UTC).
///
/// The precision is read off the value: whole days → `Day`, whole minutes →
/// `Minute`, whole seconds → `Second`, anything else → `Millisecond`.
pub fn time_from_ms(ms: f64) -> Result<TimePoint, TimeError> {
    if !ms.is_finite() {
        return Err(TimeError::NonFinite);
    }
    // Whole ms within ±2^53 (every real date) take integer remainders,
    // much cheaper than `f64::rem_euclid` over millions of points.
    let whole = ms as i64;
    let precision = if whole as f64 == ms && whole.unsigned_abs() < 1 << 53 {
        if whole % 86_400_000 == 0 {
            Precision::Day
        } else if whole % 60_000 == 0 {
            Precision::Minute
        } else if whole % 1000 == 0 {
            Precision::Second
        } else {
            Precision::Millisecond
        }
    } else if ms.rem_euclid(MS_PER_DAY) == 0.0 {
        Precision::Day
    } else if ms.rem_euclid(MS_PER_MINUTE) == 0.0 {
        Precision::Minute
    } else if ms.rem_euclid(MS_PER_SECOND) == 0.0 {
        Precision::Second
    } else {
        Precision::Millisecond
    };
    // Normalise -0.0 so that equal instants compare and hash alike downstream.
    checked(ms + 0.0, precision, Some(0))
}

/// Parses a time written by a person. Surrounding whitespace is ignored.
///
/// Accepted forms:
/// 1. a year `[+-]?\d+`: `1994`, `800`, `-0499` (= 500 BCE), `+12000` → `Year`;
/// 2. a year-month `1994-03`, `-0499-03` → `Month`;
/// 3. a date `2022-11-06` → `Day`;
/// 4. an RFC 3339-style date-time `YYYY-MM-DD[T|t| ]HH:MM[:SS[.fraction]][Z|z|±HH:MM|±HHMM]`
///    → `Minute` / `Second` / `Millisecond` (the fraction is truncated to ms);
/// 5. an era year `500 BCE`, `500 BC`, `500 B.C.`, `500 B.C.E.`, `44 CE`,
///    `44 C.E.`, `44 AD`, `AD 44`, `A.D. 44` (case-insensitive, N ≥ 1) → `Year`;
/// 6. deep time before present `12 ka`, `66 Ma`, `4.54 Ga`, `0.5Ma`
///    (units case-sensitive) → `Ka` / `Ma` / `Ga`.
///
/// A date stands for its first instant (UTC). A date-time with an offset is
/// converted to the UTC instant; one without is read as UTC and keeps
/// `offset_min: None`.
pub fn parse_time(s: &str) -> Result<TimePoint, TimeError> {
    let s = s.trim();
    if let Some(r) = parse_deep(s) {
        return r;
    }
    if let Some(r) = parse_era(s) {
        return r;
    }
    parse_iso(s)
}

/// `\d+`, `\d+\.\d*` or `\.\d+`.
fn is_decimal(s: &str) -> bool {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    all_digits(int)
        && frac.is_none_or(all_digits)
        && (!int.is_empty() || frac.is_some_and(|f| !f.is_empty()))
}

fn parse_deep(s: &str) -> Option<Result<TimePoint, TimeError>> {
    let (num, years, precision) = if let Some(n) = s.strip_suffix("ka") {
        (n, 1e3, Precision::Ka)
    } else if let Some(n) = s.strip_suffix("Ma") {
        (n, 1e6, Precision::Ma)
    } else if let Some(n) = s.strip_suffix("Ga") {
        (n, 1e9, Precision::Ga)
    } else {
        return None;
    };
    let num = num.trim_end();
    if !is_decimal(num) {
        return None;
    }
    let n: f64 = num.parse().ok()?;
    let ms = BP_EPOCH - n * (years * MS_PER_YEAR);
    Some(checked(ms, precision, None))
}

/// A run of ASCII digits as a year number; `None` if not all digits.
/// Overflowing or absurdly large numbers give `Some(Err(OutOfRange))`.
fn year_number(s: &str) -> Option<Result<i64, TimeError>> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut v: i64 = 0;
    for b in s.bytes() {
        v = v * 10 + i64::from(b - b'0');
        if v > YEAR_LIMIT {
            return Some(Err(TimeError::OutOfRange));
        }
    }
    Some(Ok(v))
}

fn year_start(year: i64) -> Result<TimePoint, TimeError> {
    checked(
        ms_from_days(days_from_civil(year, 1, 1)),
        Precision::Year,
        None,
    )
}

fn parse_era(s: &str) -> Option<Result<TimePoint, TimeError>> {
    const BCE: [&str; 4] = ["b.c.e.", "b.c.", "bce", "bc"];
    const CE_SUFFIX: [&str; 4] = ["c.e.", "ce", "a.d.", "ad"];
    const CE_PREFIX: [&str; 2] = ["a.d.", "ad"];
    let lower = s.to_ascii_lowercase();
    let mut found: Option<(&str, bool)> = None;
    if let Some(rest) = BCE.iter().find_map(|suf| lower.strip_suffix(suf)) {
        found = Some((rest.trim_end(), true));
    } else if let Some(rest) = CE_SUFFIX.iter().find_map(|suf| lower.strip_suffix(suf)) {
        found = Some((rest.trim_end(), false));
    }
    let (digits, bce) = match found {
        Some((d, bce)) if year_number(d).is_some() => (d, bce),
        _ => (
            CE_PREFIX
                .iter()
                .find_map(|p| lower.strip_prefix(p))?
                .trim_start(),
            false,
        ),
    };
    let n = match year_number(digits)? {
        Ok(n) => n,
        Err(e) => return Some(Err(e)),
    };
    if n == 0 {
        return Some(Err(TimeError::InvalidDate));
    }
    Some(year_start(if bce { 1 - n } else { n }))
}

/// A tiny byte cursor for the ISO forms.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn done(&self) -> bool {
        self.i >= self.b.len()
    }
    /// Zero or more ASCII digits.
    fn digits(&mut self) -> &'a [u8] {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        self.b.get(start..self.i).unwrap_or(&[])
    }
    /// Exactly two ASCII digits.
    fn two(&mut self) -> Result<u32, TimeError> {
        let mut v = 0;
        for _ in 0..2 {
            match self.peek() {
                Some(c) if c.is_ascii_digit() => {
                    v = v * 10 + u32::from(c - b'0');
                    self.i += 1;
                }
                _ => return Err(TimeError::Unrecognized),
            }
        }
        Ok(v)
    }
}

fn parse_iso(s: &str) -> Result<TimePoint, TimeError> {
    use TimeError::{InvalidDate, Unrecognized};
    let mut c = Cursor {
        b: s.as_bytes(),
        i: 0,
    };
    let negative = if c.eat(b'-') {
        true
    } else {
        c.eat(b'+');
        false
    };
    let year_digits = c.digits();
    // The digits are ASCII, so this is valid UTF-8.
    let year_str = std::str::from_utf8(year_digits).map_err(|_| Unrecognized)?;
    if year_str.is_empty() {
        return Err(Unrecognized);
    }
    let mut precision = Precision::Year;
    let (mut month, mut day, mut hour, mut minute, mut second, mut millis) = (1, 1, 0, 0, 0, 0);
    let mut offset: Option<i32> = None;
    let mut offset_valid = true;
    if !c.done() {
        if !c.eat(b'-') {
            return Err(Unrecognized);
        }
        month = c.two()?;
        precision = Precision::Month;
    }
    if !c.done() {
        if !c.eat(b'-') {
            return Err(Unrecognized);
        }
        day = c.two()?;
        precision = Precision::Day;
    }
    if !c.done() {
        if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
            return Err(Unrecognized);
        }
        hour = c.two()?;
        if !c.eat(b':') {
            return Err(Unrecognized);
        }
        minute = c.two()?;
        precision = Precision::Minute;
        if c.eat(b':') {
            second = c.two()?;
            precision = Precision::Second;
            if c.eat(b'.') {
                let frac = c.digits();
                if frac.is_empty() {
                    return Err(Unrecognized);
                }
                // Truncate to milliseconds: the first three digits, zero-padded.
                millis = (0..3).fold(0, |acc, k| {
                    acc * 10 + frac.get(k).map_or(0, |d| u32::from(d - b'0'))
                });
                precision = Precision::Millisecond;
            }
        }
        if c.eat(b'Z') || c.eat(b'z') {
            offset = Some(0);
        } else if let Some(sign @ (b'+' | b'-')) = c.peek() {
            c.i += 1;
            let oh = c.two()?;
            c.eat(b':');
            let om = c.two()?;
            offset_valid = oh <= 23 && om <= 59;
            let total = (oh * 60 + om) as i32;
            offset = Some(if sign == b'-' { -total } else { total });
        }
        if !c.done() {
            return Err(Unrecognized);
        }
    }
    let year = match year_number(year_str) {
        Some(Ok(y)) => {
            if negative {
                -y
            } else {
                y
            }
        }
        Some(Err(e)) => return Err(e),
        None => return Err(Unrecognized),
    };
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
        || !offset_valid
    {
        return Err(InvalidDate);
    }
    let local = ms_from_parts(&DateParts {
        year,
        month,
        day,
        hour,
        minute,
        second,
        millis,
    });
    let ms = local - f64::from(offset.unwrap_or(0)) * MS_PER_MINUTE;
    checked(ms, precision, offset)
}

#[cfg(test)]
mod tests;
