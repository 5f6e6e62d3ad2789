//! Time-axis ticks that adapt to the zoom, and "nice" ticks for value axes.
//!
//! [`time_ticks`] walks a fixed ladder of steps, from 1 ms to 10 Ga, and keeps
//! the finest one whose labels fit. Each candidate step is generated lazily
//! and abandoned as soon as it produces too many ticks or a label collides,
//! so the work per call is bounded by the tick limit, not by the window.

use crate::core::data::time::{
    civil_from_days, days_from_civil, days_in_month, from_days_and_ms, ms_from_days, parts,
    DateParts, Ms, BP_EPOCH, MS_PER_DAY, MS_PER_YEAR, TIME_MAX, TIME_MIN,
};
use crate::core::i18n::lang::Lang;
use crate::core::i18n::locale::{self, ClockStyle, ClockTime, NumberStyle};
use crate::core::i18n::strings::strings;

/// One tick of the time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// The instant the tick marks (the start of the period it labels).
    pub t: Ms,
    /// The label, drawn left-aligned 4 px right of the tick line; empty when
    /// the last label would not fit inside the axis.
    pub label: String,
    /// Whether the next-larger unit changes here (January, midnight, a round
    /// decade…), for a stronger grid line.
    pub major: bool,
}

/// Gap between a tick line and the start of its label.
const LABEL_OFFSET: f64 = 4.0;
/// Minimum gap between the end of a label and the next tick line.
const LABEL_GAP: f64 = 10.0;
/// Hard cap on the number of ticks.
const MAX_TICKS: usize = 1000;

/// The unit shown by a sub-day step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Clock {
    Milli,
    Second,
    Minute,
    Hour,
}

/// One rung of the ladder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// A whole number of milliseconds that divides a day, aligned on the epoch.
    Fixed(i64, Clock),
    /// Days of the month: 1 = every day, 2 = 1, 3, 5…, 5 = 1, 6, …, 26, etc.
    Days(u32),
    /// Months aligned on January.
    Months(u32),
    /// Calendar years whose displayed number (CE, or BCE) is a multiple.
    Years(i64),
    /// Years before present that are multiples.
    Deep(i64),
}

const SEC: i64 = 1000;
const MIN: i64 = 60 * SEC;
const HOUR: i64 = 60 * MIN;

const LADDER: [Step; 65] = [
    Step::Fixed(1, Clock::Milli),
    Step::Fixed(2, Clock::Milli),
    Step::Fixed(5, Clock::Milli),
    Step::Fixed(10, Clock::Milli),
    Step::Fixed(20, Clock::Milli),
    Step::Fixed(50, Clock::Milli),
    Step::Fixed(100, Clock::Milli),
    Step::Fixed(200, Clock::Milli),
    Step::Fixed(500, Clock::Milli),
    Step::Fixed(SEC, Clock::Second),
    Step::Fixed(2 * SEC, Clock::Second),
    Step::Fixed(5 * SEC, Clock::Second),
    Step::Fixed(10 * SEC, Clock::Second),
    Step::Fixed(15 * SEC, Clock::Second),
    Step::Fixed(30 * SEC, Clock::Second),
    Step::Fixed(MIN, Clock::Minute),
    Step::Fixed(2 * MIN, Clock::Minute),
    Step::Fixed(5 * MIN, Clock::Minute),
    Step::Fixed(10 * MIN, Clock::Minute),
    Step::Fixed(15 * MIN, Clock::Minute),
    Step::Fixed(30 * MIN, Clock::Minute),
    Step::Fixed(HOUR, Clock::Hour),
    Step::Fixed(3 * HOUR, Clock::Hour),
    Step::Fixed(6 * HOUR, Clock::Hour),
    Step::Fixed(12 * HOUR, Clock::Hour),
    Step::Days(1),
    Step::Days(2),
    Step::Days(5),
    Step::Days(10),
    Step::Days(15),
    Step::Months(1),
    Step::Months(2),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(20),
    Step::Years(50),
    Step::Years(100),
    Step::Years(200),
    Step::Years(500),
    Step::Years(1000),
    Step::Years(2000),
    Step::Years(5000),
    Step::Deep(10_000),
    Step::Deep(20_000),
    Step::Deep(50_000),
    Step::Deep(100_000),
    Step::Deep(200_000),
    Step::Deep(500_000),
    Step::Deep(1_000_000),
    Step::Deep(2_000_000),
    Step::Deep(5_000_000),
    Step::Deep(10_000_000),
    Step::Deep(20_000_000),
    Step::Deep(50_000_000),
    Step::Deep(100_000_000),
    Step::Deep(200_000_000),
    Step::Deep(500_000_000),
    Step::Deep(1_000_000_000),
    Step::Deep(2_000_000_000),
    Step::Deep(5_000_000_000),
    Step::Deep(10_000_000_000),
];

impl Step {
    /// Typical distance between ticks, for a cheap count estimate.
    fn nominal(self) -> Ms {
        match self {
            Step::Fixed(ms, _) => ms as f64,
            Step::Days(n) => f64::from(n) * MS_PER_DAY,
            Step::Months(n) => f64::from(n) * MS_PER_YEAR / 12.0,
            Step::Years(n) | Step::Deep(n) => n as f64 * MS_PER_YEAR,
        }
    }
}

/// What a candidate tick knows about itself, for its label.
#[derive(Clone, Copy, Debug)]
enum Info {
    Clock(DateParts),
    Day(i64, u32, u32),
    Month(i64, u32),
    Year(i64),
    /// Years before present.
    Deep(i64),
}

#[derive(Clone, Copy, Debug)]
struct Cand {
    t: Ms,
    info: Info,
}

/// Collects candidates in ascending order; refuses more than `limit` and
/// instants that do not strictly increase (steps below the f64 resolution).
struct Collector {
    out: Vec<Cand>,
    limit: usize,
}

impl Collector {
    fn push(&mut self, t: Ms, info: Info) -> Option<()> {
        if self.out.len() >= self.limit || self.out.last().is_some_and(|c| c.t >= t) {
            return None;
        }
        self.out.push(Cand { t, info });
        Some(())
    }
}

/// The ticks of `step` inside [lo, hi], or `None` if there are more than
/// `limit` of them or they cannot be represented.
fn candidates(step: Step, lo: Ms, hi: Ms, limit: usize) -> Option<Vec<Cand>> {
    let mut c = Collector {
        out: Vec::new(),
        limit,
    };
    // Every loop below pushes at least once every other iteration, so
    // `2 * limit + 8` iterations always suffice; running out means "too many".
    let rounds = 2 * limit + 8;
    match step {
        Step::Fixed(step_ms, _) => {
            let k = (lo / step_ms as f64).ceil();
            if !k.is_finite() {
                return None;
            }
            let step_ms = i128::from(step_ms);
            for k in (k as i128..).take(rounds) {
                let exact = k * step_ms;
                let t = exact as f64;
                if t > hi {
                    return Some(c.out);
                }
                if t >= lo {
                    let days = exact.div_euclid(86_400_000) as i64;
                    let ms_of_day = exact.rem_euclid(86_400_000) as u32;
                    c.push(t, Info::Clock(from_days_and_ms(days, ms_of_day)))?;
                }
            }
        }
        Step::Days(n) => {
            let n = n.max(1);
            let p = parts(lo, 0);
            let mut idx = days_from_civil(p.year, p.month, p.day);
            if ms_from_days(idx) < lo {
                idx += 1;
            }
            let (mut y, mut m, mut d) = civil_from_days(idx);
            for _ in 0..rounds {
                let dim = days_in_month(y, m);
                // The next allowed day of the month: 1, 1 + n, 1 + 2n, …
                let a = 1 + (d.max(1) - 1).div_ceil(n) * n;
                // Skip a last tick that would crowd the 1st of the next month
                // (e.g. the 31st for 2-day steps, Feb 26 for 5-day steps).
                if a > dim || (n > 1 && 4 * (dim + 1 - a) < 3 * n) {
                    if m >= 12 {
                        y = y.saturating_add(1);
                        m = 1;
                    } else {
                        m += 1;
                    }
                    d = 1;
                    continue;
                }
                let t = ms_from_days(days_from_civil(y, m, a));
                if t > hi {
                    return Some(c.out);
                }
                c.push(t, Info::Day(y, m, a))?;
                d = a + n;
            }
        }
        Step::Months(n) => {
            let n = i64::from(n.max(1));
            let p = parts(lo, 0);
            let mut mi = p.year * 12 + i64::from(p.month) - 1;
            if ms_from_days(days_from_civil(p.year, p.month, 1)) < lo {
                mi += 1;
            }
            mi += (n - mi.rem_euclid(n)) % n;
            for _ in 0..rounds {
                let (y, m) = (mi.div_euclid(12), mi.rem_euclid(12) as u32 + 1);
                let t = ms_from_days(days_from_civil(y, m, 1));
                if t > hi {
                    return Some(c.out);
                }
                c.push(t, Info::Month(y, m))?;
                mi += n;
            }
        }
        Step::Years(n) => {
            let n = n.max(1);
            let mut y = parts(lo, 0).year;
            if ms_from_days(days_from_civil(y, 1, 1)) < lo {
                y += 1;
            }
            let mut y = first_year(y, n);
            for _ in 0..rounds {
                let t = ms_from_days(days_from_civil(y, 1, 1));
                if t > hi {
                    return Some(c.out);
                }
                c.push(t, Info::Year(y))?;
                y = next_year(y, n);
            }
        }
        Step::Deep(s) => {
            let s = s.max(1);
            let sf = s as f64;
            // Years before present decrease as time increases.
            let k_hi = ((BP_EPOCH - lo) / MS_PER_YEAR / sf).floor();
            let k_lo = ((BP_EPOCH - hi) / MS_PER_YEAR / sf).ceil();
            if !(k_hi.is_finite() && k_lo.is_finite()) || k_hi - k_lo > limit as f64 + 2.0 {
                return None;
            }
            let (k_lo, k_hi) = (k_lo as i64, k_hi as i64);
            // One extra on each side absorbs rounding; the filter decides.
            for k in (k_lo - 1..=k_hi + 1).rev() {
                let v = k.saturating_mul(s);
                let t = BP_EPOCH - v as f64 * MS_PER_YEAR;
                if (lo..=hi).contains(&t) {
                    c.push(t, Info::Deep(v))?;
                }
            }
            return Some(c.out);
        }
    }
    None
}

/// The displayed number of an astronomical year: `y` for CE, `1 - y` for BCE.
fn display_year(y: i64) -> i64 {
    if y >= 1 {
        y
    } else {
        1_i64.saturating_sub(y)
    }
}

/// The first year ≥ `y` whose displayed number is a multiple of `n`.
fn first_year(y: i64, n: i64) -> i64 {
    if n <= 1 {
        y
    } else if y >= 1 {
        (y + n - 1) / n * n
    } else {
        let bce = (1 - y) / n * n;
        if bce >= 1 {
            1 - bce
        } else {
            n
        }
    }
}

/// The next year after `y` (itself eligible) whose displayed number is a multiple of `n`.
fn next_year(y: i64, n: i64) -> i64 {
    if n <= 1 {
        y + 1
    } else if y >= 1 {
        y + n
    } else {
        let bce = 1 - y - n;
        if bce >= 1 {
            1 - bce
        } else {
            n
        }
    }
}

/// The smallest power of ten above `n`: the period of major ticks for a 1-2-5 step.
fn major_period(n: i64) -> i64 {
    let mut p: i64 = 10;
    while p <= n {
        match p.checked_mul(10) {
            Some(q) => p = q,
            None => break,
        }
    }
    p
}

/// `a / unit` in decimal, exactly (unit is a power of ten), trailing zeros trimmed.
fn ratio(a: u64, unit: u64) -> String {
    let unit = unit.max(1);
    let (int, frac) = (a / unit, a % unit);
    if frac == 0 {
        return int.to_string();
    }
    let width = unit.ilog10() as usize;
    let digits = format!("{frac:0width$}");
    format!("{int}.{}", digits.trim_end_matches('0'))
}

/// `12 ka`, `66 Ma`, `4.5 Ga`, `present` in English (geologists' units);
/// `1萬年前`, `6600萬年前`, `45億年前`, `現在` (the language's compact
/// number and its words for "years ago") in the others. Times after the
/// present read `+10 Ma` / `1萬年後`.
fn deep_label(v: i64, lang: Lang) -> String {
    if v == 0 {
        return strings(lang).present.to_string();
    }
    if lang != Lang::En {
        // Exact: tick values are multiples of a 1-2-5 step, far below 2^53
        // in significant digits.
        return locale::years_ago(v as f64, 15, lang);
    }
    let a = v.unsigned_abs();
    let (unit, name) = if a >= 1_000_000_000 {
        (1_000_000_000, "Ga")
    } else if a >= 1_000_000 {
        (1_000_000, "Ma")
    } else {
        (1_000, "ka")
    };
    let sign = if v < 0 { "+" } else { "" };
    let n = ratio(a, unit).parse::<f64>().unwrap_or(f64::NAN);
    let n = locale::format_value(lang, n, NumberStyle::fraction(9));
    format!("{sign}{n} {name}")
}

fn clock_time(p: &DateParts) -> ClockTime {
    ClockTime {
        hour: p.hour,
        minute: p.minute,
        second: p.second,
        millis: p.millis,
    }
}

/// The label and major flag of a candidate.
fn label(step: Step, info: Info, first: bool, lang: Lang) -> (String, bool) {
    match (step, info) {
        (Step::Fixed(_, clock), Info::Clock(p)) => {
            let midnight = p.hour == 0 && p.minute == 0 && p.second == 0 && p.millis == 0;
            let major = match clock {
                Clock::Milli => p.millis == 0,
                Clock::Second => p.second == 0 && p.millis == 0,
                Clock::Minute => p.minute == 0 && p.second == 0 && p.millis == 0,
                Clock::Hour => midnight,
            };
            if midnight {
                let jan1 = p.month == 1 && p.day == 1;
                return (locale::day_short(p.year, p.month, p.day, jan1, lang), major);
            }
            let style = match clock {
                Clock::Hour | Clock::Minute => ClockStyle::Minute,
                Clock::Second => ClockStyle::Second,
                Clock::Milli => ClockStyle::Millisecond,
            };
            let time = locale::format_clock(lang, clock_time(&p), style);
            if !first {
                return (time, major);
            }
            let date = locale::day_short(p.year, p.month, p.day, false, lang);
            let joined = strings(lang)
                .date_time
                .replace("{date}", &date)
                .replace("{time}", &time);
            (joined, major)
        }
        (_, Info::Day(y, m, d)) => {
            let with_year = first || (m == 1 && d == 1);
            (locale::day_short(y, m, d, with_year, lang), d == 1)
        }
        (_, Info::Month(y, m)) => {
            if first || m == 1 {
                (locale::month_year_short(y, m, lang), m == 1)
            } else {
                (locale::month_short(m, lang), false)
            }
        }
        (Step::Years(n), Info::Year(y)) => {
            let major = display_year(y) % major_period(n) == 0;
            (locale::year_label(y, lang), major)
        }
        (Step::Deep(s), Info::Deep(v)) => (deep_label(v, lang), v % major_period(s) == 0),
        // Mismatched pairs cannot be produced by `candidates`; label them plainly.
        (_, Info::Year(y)) => (locale::year_label(y, lang), false),
        (_, Info::Deep(v)) => (deep_label(v, lang), false),
        (_, Info::Clock(p)) => (
            locale::format_clock(lang, clock_time(&p), ClockStyle::Minute),
            false,
        ),
    }
}

/// Time-axis ticks for the window [`start`, `end`] drawn across `width_px`
/// pixels, labelled in `lang`, with `text_width` measuring a label in pixels.
///
/// Labels are left-aligned 4 px right of their tick; the finest step of the
/// ladder (1 ms … 500 ms, 1 s … 30 s, 1 min … 30 min, 1 h … 12 h, days 1, 2,
/// 5, 10, 15, months 1, 2, 3, 6, years 1 … 5000, then 10 ka … 10 Ga before
/// present) is chosen for which every label ends at least 10 px before the
/// next tick. The last label is emptied if it would run past `width_px`.
///
/// Labels read unambiguously left to right: the first tick and every tick
/// where the next-larger unit changes carry that unit (`Nov 2022` then `Dec`;
/// `Nov 6, 2022` then `Nov 7`; `Nov 6, 14:00` then `15:00`, with the date at
/// midnight). Sub-day ticks are in UTC.
///
/// Bounded work per call whatever the window; at most 1000 ticks, and
/// `width_px / 14 + 1`. Degenerate input (non-finite, empty window, zero
/// width) gives no ticks.
pub fn time_ticks(
    start: Ms,
    end: Ms,
    width_px: f64,
    lang: Lang,
    text_width: &dyn Fn(&str) -> f64,
) -> Vec<Tick> {
    let span = end - start;
    if !(span.is_finite() && span > 0.0 && width_px.is_finite() && width_px > 0.0) {
        return Vec::new();
    }
    let (lo, hi) = (start.max(TIME_MIN), end.min(TIME_MAX));
    if lo > hi {
        return Vec::new();
    }
    let limit = ((width_px / (LABEL_OFFSET + LABEL_GAP)).floor() as usize)
        .saturating_add(1)
        .min(MAX_TICKS);
    let x = |t: Ms| (t - start) / span * width_px;
    let measure = |s: &str| {
        let w = text_width(s);
        if w.is_nan() || w < 0.0 {
            0.0
        } else {
            w
        }
    };
    for step in LADDER {
        if (hi - lo) / step.nominal() > limit as f64 + 2.0 {
            continue;
        }
        let cands = match candidates(step, lo, hi, limit) {
            Some(c) if !c.is_empty() => c,
            // Too many, unrepresentable, or none in view: try a coarser step.
            _ => continue,
        };
        let mut ticks = Vec::with_capacity(cands.len());
        let mut prev: Option<(f64, f64)> = None;
        let mut fits = true;
        for (i, c) in cands.iter().enumerate() {
            let (text, major) = label(step, c.info, i == 0, lang);
            let w = measure(&text);
            let xc = x(c.t);
            if let Some((px, pw)) = prev {
                // `w` is never NaN; an infinite width fails here as it should.
                if xc - px < LABEL_OFFSET + pw + LABEL_GAP {
                    fits = false;
                    break;
                }
            }
            prev = Some((xc, w));
            ticks.push(Tick {
                t: c.t,
                label: text,
                major,
            });
        }
        if !fits {
            continue;
        }
        if let (Some(last), Some((px, pw))) = (ticks.last_mut(), prev) {
            if px + LABEL_OFFSET + pw > width_px {
                last.label.clear();
            }
        }
        return ticks;
    }
    Vec::new()
}

/// `m·10^e` (or `k·m·10^e`) as the f64 nearest to that decimal: no float noise.
fn decimal(mantissa: i128, e: i32) -> f64 {
    format!("{mantissa}e{e}").parse().unwrap_or(0.0)
}

/// "Nice" 1-2-5 ticks covering [`min`, `max`]: the first is ≤ min, the last
/// ≥ max, at most `max_count + 2` values (`max_count` is taken in 1..=1000),
/// each the f64 nearest to a short decimal (0.1 + 0.2 comes out as 0.3).
///
/// `min == max` is expanded around the value (by 10 % of it, or ±1 around
/// 0). Arguments in either order are accepted; non-finite input gives no
/// ticks, and spans beyond f64 (|values| > 1e300) just give the two bounds.
pub fn value_ticks(min: f64, max: f64, max_count: usize) -> Vec<f64> {
    if !(min.is_finite() && max.is_finite()) {
        return Vec::new();
    }
    let (mut lo, mut hi) = if min <= max { (min, max) } else { (max, min) };
    if lo == hi {
        let d = if lo.abs() < 1e-300 {
            1.0
        } else {
            lo.abs() * 0.1
        };
        lo -= d;
        hi += d;
    }
    let count = max_count.clamp(1, 1000);
    let allowed = max_count.min(1000) as i128 + 2;
    let raw = (hi - lo) / count as f64;
    if !(lo.abs() <= 1e300 && hi.abs() <= 1e300 && raw >= 1e-300) {
        let mut v = vec![lo.max(-f64::MAX), hi.min(f64::MAX)];
        v.dedup();
        return v;
    }
    // Smallest 1-2-5 step ≥ raw (with a little slack for rounding).
    const MANTISSAS: [i128; 3] = [1, 2, 5];
    let mut e = raw.log10().floor() as i32 - 1;
    let mut mi = 0;
    let advance = |mi: &mut usize, e: &mut i32| {
        *mi += 1;
        if *mi >= MANTISSAS.len() {
            *mi = 0;
            *e += 1;
        }
    };
    for _ in 0..8 {
        let m = MANTISSAS.get(mi).copied().unwrap_or(1);
        if decimal(m, e) >= raw * (1.0 - 1e-9) {
            break;
        }
        advance(&mut mi, &mut e);
    }
    for _ in 0..8 {
        let m = MANTISSAS.get(mi).copied().unwrap_or(1);
        let step = decimal(m, e);
        if step.is_nan() || step <= 0.0 {
            break;
        }
        let (q0, q1) = ((lo / step).floor(), (hi / step).ceil());
        // Cannot happen for the spans admitted above; keeps the i128 maths safe.
        if !(q0.abs() < 1e30 && q1.abs() < 1e30) {
            break;
        }
        let val = |k: i128| decimal(k * m, e);
        let mut k0 = q0 as i128;
        let mut k1 = q1 as i128;
        if val(k0 + 1) <= lo {
            k0 += 1;
        }
        if val(k0) > lo {
            k0 -= 1;
        }
        if val(k1 - 1) >= hi {
            k1 -= 1;
        }
        if val(k1) < hi {
            k1 += 1;
        }
        if k1 - k0 < allowed {
            let mut out: Vec<f64> = (k0..=k1).map(val).collect();
            out.dedup();
            return out;
        }
        advance(&mut mi, &mut e);
    }
    vec![lo, hi]
}

#[cfg(test)]
mod tests;
