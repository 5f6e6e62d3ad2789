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
mod tests {
    use super::*;

    fn p(s: &str) -> TimePoint {
        match parse_time(s) {
            Ok(tp) => tp,
            Err(e) => panic!("{s:?} should parse, got {e:?}"),
        }
    }

    fn ymd(y: i64, m: u32, d: u32) -> Ms {
        ms_from_days(days_from_civil(y, m, d))
    }

    fn err(s: &str) -> TimeError {
        match parse_time(s) {
            Ok(tp) => panic!("{s:?} should be rejected, got {tp:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn constants() {
        assert_eq!(MS_PER_SECOND, 1e3);
        assert_eq!(MS_PER_MINUTE, 6e4);
        assert_eq!(MS_PER_HOUR, 3.6e6);
        assert_eq!(MS_PER_DAY, 86_400_000.0);
        assert_eq!(MS_PER_YEAR, 31_556_952_000.0);
        assert_eq!(BP_EPOCH, ymd(1950, 1, 1));
        assert_eq!(BP_EPOCH, -631_152_000_000.0);
        assert_eq!(TIME_MIN, BP_EPOCH - MAX_SPAN);
        assert_eq!(TIME_MAX, BP_EPOCH + MAX_SPAN);
        assert!(TIME_MIN < 0.0 && TIME_MAX > 0.0 && TIME_MIN.is_finite());
    }

    #[test]
    fn min_span() {
        assert_eq!(min_span_at(0.0), MIN_SPAN);
        assert_eq!(min_span_at(1.7e12), 1.0);
        let ga = BP_EPOCH - 4.5e9 * MS_PER_YEAR;
        let h = min_span_at(ga) / MS_PER_HOUR;
        assert!((18.0..19.0).contains(&h), "{h}");
        assert_eq!(min_span_at(-ga), min_span_at(ga));
        for t in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            TIME_MIN,
            TIME_MAX,
        ] {
            let m = min_span_at(t);
            assert!((MIN_SPAN..MAX_SPAN).contains(&m), "{t} → {m}");
        }
        // Grows monotonically with |t|.
        let mut prev = 0.0;
        let mut t = 1.0;
        while t < TIME_MAX {
            let m = min_span_at(t);
            assert!(m >= prev);
            prev = m;
            t *= 3.0;
        }
    }

    #[test]
    fn years() {
        assert_eq!(
            p("1994"),
            TimePoint {
                ms: ymd(1994, 1, 1),
                precision: Precision::Year,
                offset_min: None
            }
        );
        assert_eq!(p("1970").ms, 0.0);
        assert_eq!(p("800").ms, ymd(800, 1, 1));
        assert_eq!(p("-0499").ms, ymd(-499, 1, 1));
        assert_eq!(p("-499"), p("-0499"));
        assert_eq!(p("+12000").ms, ymd(12000, 1, 1));
        assert_eq!(p("0").ms, ymd(0, 1, 1));
        assert_eq!(p("-0").ms, ymd(0, 1, 1));
        assert_eq!(p("  2001 \n").ms, ymd(2001, 1, 1));
        assert_eq!(p("1994").precision, Precision::Year);
        // Far but still in range.
        assert_eq!(p("19000000000").precision, Precision::Year);
        assert_eq!(p("-19000000000").precision, Precision::Year);
    }

    #[test]
    fn year_months() {
        let tp = p("1994-03");
        assert_eq!(tp.ms, ymd(1994, 3, 1));
        assert_eq!(tp.precision, Precision::Month);
        assert_eq!(tp.offset_min, None);
        assert_eq!(p("-0499-03").ms, ymd(-499, 3, 1));
        assert_eq!(p("2022-12").ms, ymd(2022, 12, 1));
    }

    #[test]
    fn dates() {
        let tp = p("2022-11-06");
        assert_eq!(tp.ms, 1_667_692_800_000.0);
        assert_eq!(tp.precision, Precision::Day);
        assert_eq!(tp.offset_min, None);
        assert_eq!(p("1969-12-31").ms, -MS_PER_DAY);
        assert_eq!(p("2000-02-29").precision, Precision::Day);
        assert_eq!(p("-0004-02-29").ms, ymd(-4, 2, 29));
        assert_eq!(p("0000-02-29").ms, ymd(0, 2, 29));
        assert_eq!(p("2022-01-31").ms, ymd(2022, 1, 31));
        assert_eq!(p("2022-04-30").ms, ymd(2022, 4, 30));
    }

    #[test]
    fn date_times() {
        let base = ymd(2022, 11, 6);
        let m = |h: f64, mi: f64| base + h * MS_PER_HOUR + mi * MS_PER_MINUTE;
        let tp = p("2022-11-06T14:30");
        assert_eq!(
            (tp.ms, tp.precision, tp.offset_min),
            (m(14.0, 30.0), Precision::Minute, None)
        );
        let tp = p("2022-11-06t14:30Z");
        assert_eq!(
            (tp.ms, tp.precision, tp.offset_min),
            (m(14.0, 30.0), Precision::Minute, Some(0))
        );
        let tp = p("2022-11-06 14:30:05z");
        assert_eq!(
            (tp.ms, tp.precision, tp.offset_min),
            (m(14.0, 30.0) + 5000.0, Precision::Second, Some(0))
        );
        let tp = p("2022-11-06T14:30:05.25Z");
        assert_eq!(
            (tp.ms, tp.precision),
            (m(14.0, 30.0) + 5250.0, Precision::Millisecond)
        );
        let tp = p("2022-11-06T14:30:05.123999999Z");
        assert_eq!(tp.ms, m(14.0, 30.0) + 5123.0, "fraction is truncated");
        assert_eq!(
            p("2022-11-06T14:30:05.0Z").precision,
            Precision::Millisecond
        );
        // +08:00 is 8 hours ahead of UTC, so the UTC instant is 8 hours earlier.
        let tp = p("2022-11-06T14:30+08:00");
        assert_eq!((tp.ms, tp.offset_min), (m(6.0, 30.0), Some(480)));
        assert_eq!(p("2022-11-06T14:30+0800"), tp);
        let tp = p("2022-11-06T14:30:00-03:30");
        assert_eq!((tp.ms, tp.offset_min), (m(18.0, 0.0), Some(-210)));
        assert_eq!(p("2022-11-06T14:30-00:00").offset_min, Some(0));
        assert_eq!(
            p("2022-11-06T00:00+23:59").ms,
            base - (23.0 * 60.0 + 59.0) * MS_PER_MINUTE
        );
        assert_eq!(p("2022-11-06T23:59:59.999Z").ms, base + MS_PER_DAY - 1.0);
        // Negative years with a time of day.
        assert_eq!(
            p("-0499-03-15T12:00Z").ms,
            ymd(-499, 3, 15) + 12.0 * MS_PER_HOUR
        );
    }

    #[test]
    fn eras() {
        let bce500 = ymd(-499, 1, 1);
        for s in [
            "500 BCE",
            "500 BC",
            "500 B.C.",
            "500 B.C.E.",
            "500 bce",
            "500 b.c.",
            "500bc",
            "  500  Bce ",
        ] {
            assert_eq!(
                p(s),
                TimePoint {
                    ms: bce500,
                    precision: Precision::Year,
                    offset_min: None
                },
                "{s}"
            );
        }
        let ce44 = ymd(44, 1, 1);
        for s in [
            "44 CE", "44 AD", "AD 44", "A.D. 44", "44 ce", "ad 44", "a.d.44", "44 C.E.", "44 A.D.",
        ] {
            assert_eq!(p(s).ms, ce44, "{s}");
        }
        assert_eq!(p("1 BCE").ms, ymd(0, 1, 1));
        assert_eq!(p("1 CE").ms, ymd(1, 1, 1));
        assert_eq!(err("0 BCE"), TimeError::InvalidDate);
        assert_eq!(err("0 AD"), TimeError::InvalidDate);
        assert_eq!(err("-5 BCE"), TimeError::Unrecognized);
        assert_eq!(err("5.5 BCE"), TimeError::Unrecognized);
        assert_eq!(err("BCE 500"), TimeError::Unrecognized);
        assert_eq!(err("500 BCX"), TimeError::Unrecognized);
        assert_eq!(err("AD"), TimeError::Unrecognized);
        assert_eq!(err("99999999999999999999999 BCE"), TimeError::OutOfRange);
        assert_eq!(err("30000000000 BCE"), TimeError::OutOfRange);
    }

    #[test]
    fn deep_time() {
        let tp = p("0 ka");
        assert_eq!(
            (tp.ms, tp.precision, tp.offset_min),
            (BP_EPOCH, Precision::Ka, None)
        );
        assert_eq!(p("12 ka").ms, BP_EPOCH - 12e3 * MS_PER_YEAR);
        assert_eq!(p("66 Ma").ms, BP_EPOCH - 66e6 * MS_PER_YEAR);
        assert_eq!(p("66 Ma").precision, Precision::Ma);
        let tp = p("4.54 Ga");
        assert_eq!(tp.precision, Precision::Ga);
        assert!((years_before_present(tp.ms) - 4.54e9).abs() < 1.0);
        assert_eq!(p("0.5Ma").ms, BP_EPOCH - 0.5e6 * MS_PER_YEAR);
        assert_eq!(p(".5 Ma"), p("0.5Ma"));
        assert_eq!(p("20 Ga").ms, TIME_MIN);
        assert_eq!(err("20.001 Ga"), TimeError::OutOfRange);
        assert_eq!(
            err(&format!("1{} ka", "0".repeat(400))),
            TimeError::OutOfRange
        );
        for s in [
            "12 ky", "12 KA", "12 ma", "12 GA", "-12 ka", "1e3 ka", "ka", ". ka", "12 k a",
            "NaN ka", "inf Ma",
        ] {
            assert_eq!(err(s), TimeError::Unrecognized, "{s}");
        }
    }

    #[test]
    fn rejections() {
        use TimeError::*;
        for s in [
            "",
            "   ",
            "NaN",
            "nan",
            "inf",
            "1994-1-1",
            "1994-1",
            "1994-01-1",
            "94-1-01x",
            "25:00",
            "2022/11/06",
            "2022-11-06T",
            "2022-11-06T14",
            "2022-11-06T14:3",
            "2022-11-06T14:30:5",
            "2022-11-06T14:30:05.",
            "2022-11-06T14:30+8",
            "2022-11-06T14:30+08:0",
            "2022-11-06T14:30Zx",
            "2022-11-06x14:30",
            "2022-11-06  14:30",
            "+",
            "-",
            "+-1994",
            "1994-",
            "1e3",
            "0x10",
            "１９９４",
            "1994 -01",
            "2022-11-06T14:30:05,25Z",
            "2022-11-06T14:30 +08:00",
        ] {
            assert_eq!(err(s), Unrecognized, "{s:?}");
        }
        for s in [
            "2022-02-30",
            "2022-13",
            "2022-00",
            "2022-00-10",
            "2022-01-00",
            "2022-01-32",
            "2022-04-31",
            "2022-11-06T25:00",
            "2022-11-06T24:00",
            "2022-11-06T14:60",
            "2022-11-06T14:30:60",
            "2022-11-06T14:30+24:00",
            "2022-11-06T14:30-23:60",
            "1900-02-29",
            "2023-02-29",
            "-0003-02-29",
        ] {
            assert_eq!(err(s), InvalidDate, "{s:?}");
        }
        for s in [
            "99999999999999999999",
            "-99999999999999999999",
            "30000000000",
            "-30000000000-01-01",
            "100000000001",
        ] {
            assert_eq!(err(s), OutOfRange, "{s:?}");
        }
    }

    #[test]
    fn leap_years() {
        assert!(is_leap(2000));
        assert!(!is_leap(1900));
        assert!(is_leap(2024));
        assert!(!is_leap(2023));
        assert!(is_leap(0));
        assert!(is_leap(-4)); // 5 BCE
        assert!(!is_leap(-100));
        assert!(is_leap(-400));
        assert_eq!(p("5 BCE").ms, ymd(-4, 1, 1));
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(-4, 2), 29);
        assert_eq!(days_in_month(2022, 13), 0);
        assert_eq!(
            days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28),
            2
        );
        assert_eq!(
            days_from_civil(1900, 3, 1) - days_from_civil(1900, 2, 28),
            1
        );
        assert_eq!(
            days_from_civil(2001, 1, 1) - days_from_civil(2000, 1, 1),
            366
        );
        assert_eq!(
            days_from_civil(2400, 1, 1) - days_from_civil(2000, 1, 1),
            146_097
        );
    }

    #[test]
    fn civil_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(1950, 1, 1), -7305);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(days_from_civil(2022, 11, 6), 19_302);
        assert_eq!(days_from_civil(0, 1, 1), -719_528);
        assert_eq!(civil_from_days(-719_529), (-1, 12, 31));
        // Every day around the epoch and around year 0, in sequence.
        for start in [-800_000_i64, -5_000, 700_000] {
            let (mut y, mut m, mut d) = civil_from_days(start);
            for days in start..start + 3000 {
                assert_eq!(civil_from_days(days), (y, m, d));
                assert_eq!(days_from_civil(y, m, d), days);
                d += 1;
                if d > days_in_month(y, m) {
                    d = 1;
                    m += 1;
                    if m > 12 {
                        m = 1;
                        y += 1;
                    }
                }
            }
        }
        // Samples over ±1e7 years and out to the edges of the time range.
        let mut y = -10_000_000_i64;
        while y <= 10_000_000 {
            for (m, d) in [
                (1, 1),
                (2, 28),
                (2, days_in_month(y, 2)),
                (3, 1),
                (12, 31),
                (7, 15),
            ] {
                let days = days_from_civil(y, m, d);
                assert_eq!(civil_from_days(days), (y, m, d), "{y}-{m}-{d}");
                assert!(civil_from_days(days + 1).0 >= y);
            }
            assert_eq!(
                days_from_civil(y + 400, 1, 1) - days_from_civil(y, 1, 1),
                146_097
            );
            y += 9_973;
        }
        for y in [
            -25_000_000_000_i64,
            -20_000_000_000,
            20_000_000_000,
            25_000_000_000,
        ] {
            let days = days_from_civil(y, 6, 30);
            assert_eq!(civil_from_days(days), (y, 6, 30));
            assert_eq!(days_from_civil(y + 400, 6, 30) - days, 146_097);
        }
    }

    #[test]
    fn civil_extremes_do_not_panic() {
        for y in [i64::MIN, i64::MAX, 0] {
            for m in [0, 1, 12, 13, u32::MAX] {
                for d in [0, 1, 31, u32::MAX] {
                    let _ = days_from_civil(y, m, d);
                }
            }
        }
        for days in [i64::MIN, i64::MAX, 0, -1] {
            let (_, m, d) = civil_from_days(days);
            assert!((1..=12).contains(&m) && (1..=31).contains(&d));
        }
        // Rollover like Date.UTC.
        assert_eq!(days_from_civil(2022, 13, 1), days_from_civil(2023, 1, 1));
        assert_eq!(days_from_civil(2022, 0, 1), days_from_civil(2021, 12, 1));
        assert_eq!(days_from_civil(2022, 3, 0), days_from_civil(2022, 2, 28));
    }

    #[test]
    fn parts_and_back() {
        let dp = parts(-1.0, 0);
        assert_eq!(
            dp,
            DateParts {
                year: 1969,
                month: 12,
                day: 31,
                hour: 23,
                minute: 59,
                second: 59,
                millis: 999
            }
        );
        assert_eq!(ms_from_parts(&dp), -1.0);
        let dp = parts(-0.5, 0);
        assert_eq!((dp.year, dp.second, dp.millis), (1969, 59, 999));
        let dp = parts(0.0, 0);
        assert_eq!(
            dp,
            DateParts {
                year: 1970,
                month: 1,
                day: 1,
                hour: 0,
                minute: 0,
                second: 0,
                millis: 0
            }
        );
        let t = p("2022-11-06T14:30:05.250+08:00").ms;
        let dp = parts(t, 480);
        assert_eq!(
            (dp.year, dp.month, dp.day, dp.hour, dp.minute, dp.second, dp.millis),
            (2022, 11, 6, 14, 30, 5, 250)
        );
        let dp = parts(t, 0);
        assert_eq!((dp.day, dp.hour), (6, 6));
        let dp = parts(p("2022-11-06T01:00Z").ms, -210);
        assert_eq!((dp.month, dp.day, dp.hour, dp.minute), (11, 5, 21, 30));
        let dp = parts(ymd(-499, 3, 15) + 12.0 * MS_PER_HOUR + 7.0, 0);
        assert_eq!(
            (dp.year, dp.month, dp.day, dp.hour, dp.millis),
            (-499, 3, 15, 12, 7)
        );
        // Round trips across the range (each value is a whole number of ms).
        let mut t = TIME_MIN;
        let step = (TIME_MAX - TIME_MIN) / 997.0;
        while t <= TIME_MAX {
            let dp = parts(t, 0);
            assert!((1..=12).contains(&dp.month) && (1..=31).contains(&dp.day) && dp.hour < 24);
            assert_eq!(ms_from_parts(&dp), t.floor(), "{t}");
            t += step;
        }
        for t in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -0.0,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
        ] {
            let dp = parts(t, 0);
            assert!(
                (1..=12).contains(&dp.month) && dp.hour < 24 && dp.millis < 1000,
                "{t}"
            );
        }
        let dp = parts(-f64::MIN_POSITIVE, 0);
        assert_eq!((dp.year, dp.hour, dp.millis), (1969, 23, 999));
        let _ = parts(0.0, i32::MAX);
        let _ = parts(TIME_MIN, i32::MIN);
        assert_eq!(parts(f64::INFINITY, 0), parts(TIME_MAX, 0));
    }

    #[test]
    fn before_present() {
        assert_eq!(years_before_present(BP_EPOCH), 0.0);
        assert_eq!(years_before_present(BP_EPOCH - MS_PER_YEAR), 1.0);
        assert!((years_before_present(TIME_MIN) - 20e9).abs() < 1e-3);
        assert!((years_before_present(TIME_MAX) + 20e9).abs() < 1e-3);
        assert!(years_before_present(0.0) < -19.9 && years_before_present(0.0) > -20.1);
        assert_eq!(years_before_present(f64::NAN), years_before_present(0.0));
        assert_eq!(
            years_before_present(f64::NEG_INFINITY),
            years_before_present(TIME_MIN)
        );
    }

    #[test]
    fn numeric_times() {
        use Precision::*;
        assert_eq!(
            time_from_ms(0.0),
            Ok(TimePoint {
                ms: 0.0,
                precision: Day,
                offset_min: Some(0)
            })
        );
        assert_eq!(time_from_ms(-MS_PER_DAY).map(|t| t.precision), Ok(Day));
        assert_eq!(time_from_ms(MS_PER_HOUR).map(|t| t.precision), Ok(Minute));
        assert_eq!(
            time_from_ms(-MS_PER_MINUTE).map(|t| t.precision),
            Ok(Minute)
        );
        assert_eq!(time_from_ms(5000.0).map(|t| t.precision), Ok(Second));
        assert_eq!(time_from_ms(-5001.0).map(|t| t.precision), Ok(Millisecond));
        assert_eq!(time_from_ms(0.5).map(|t| t.precision), Ok(Millisecond));
        assert_eq!(
            time_from_ms(1_667_745_000_000.0).map(|t| t.precision),
            Ok(Minute)
        );
        assert_eq!(time_from_ms(f64::NAN), Err(TimeError::NonFinite));
        assert_eq!(time_from_ms(f64::INFINITY), Err(TimeError::NonFinite));
        assert_eq!(time_from_ms(f64::NEG_INFINITY), Err(TimeError::NonFinite));
        assert_eq!(time_from_ms(f64::MAX), Err(TimeError::OutOfRange));
        assert_eq!(time_from_ms(TIME_MAX * 1.0001), Err(TimeError::OutOfRange));
        assert!(time_from_ms(TIME_MAX).is_ok() && time_from_ms(TIME_MIN).is_ok());
        assert!(time_from_ms(-0.0).is_ok_and(|t| t.ms.is_sign_positive()));
    }

    #[test]
    fn error_messages() {
        use TimeError::*;
        for e in [Unrecognized, InvalidDate, OutOfRange, NonFinite] {
            let s = e.to_string();
            assert!(!s.is_empty());
            let _: &dyn std::error::Error = &e;
        }
        assert!(Unrecognized.to_string().contains("500 BCE"));
        assert!(Unrecognized.to_string().contains("4.54 Ga"));
    }

    #[test]
    fn precision_order() {
        use Precision::*;
        let all = [Ga, Ma, Ka, Year, Month, Day, Minute, Second, Millisecond];
        assert!(all.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn garbage_never_panics() {
        let long = "9".repeat(100);
        let samples = [
            "",
            "-",
            "+",
            "--1",
            "2022-",
            "2022--01",
            "2022-01-01T",
            "\u{0}",
            "é",
            "年",
            "1994年",
            "2022-11-06T14:30:05.",
            "a.d.",
            "b.c.e.",
            long.as_str(),
            "-9999999999999999999999-01-01T00:00Z",
            "2022-11-06T14:30+99:99",
            "4.54.1 Ga",
            " Ga",
        ];
        for s in samples {
            assert!(parse_time(s).is_err(), "{s:?}");
        }
        // Every prefix of a valid date-time.
        let full = "-2022-11-06T14:30:05.250+08:00";
        for i in 0..=full.len() {
            let _ = parse_time(&full[..i]);
        }
    }
}
