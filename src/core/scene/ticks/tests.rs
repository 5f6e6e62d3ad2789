use super::*;
use crate::core::data::time::{min_span_at, parse_time, MAX_SPAN, MIN_SPAN, MS_PER_HOUR};

const ALL: [Lang; 3] = [Lang::En, Lang::ZhHant, Lang::ZhHans];

/// 7 px per ASCII character, 14 px per anything else (CJK).
fn fake_width(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 7.0 } else { 14.0 })
        .sum()
}

fn at(s: &str) -> Ms {
    parse_time(s).map(|tp| tp.ms).unwrap_or(f64::NAN)
}

fn ticks(start: Ms, end: Ms, width: f64, lang: Lang) -> Vec<Tick> {
    time_ticks(start, end, width, lang, &fake_width)
}

fn labels(ts: &[Tick]) -> Vec<&str> {
    ts.iter().map(|t| t.label.as_str()).collect()
}

/// Every invariant a tick list must satisfy.
fn check(ts: &[Tick], start: Ms, end: Ms, width: f64, ctx: &str) {
    let span = end - start;
    assert!(ts.len() <= MAX_TICKS, "{ctx}: {} ticks", ts.len());
    assert!(
        ts.len() as f64 <= (width / 14.0).floor() + 1.0,
        "{ctx}: {} ticks",
        ts.len()
    );
    for (i, t) in ts.iter().enumerate() {
        assert!(t.t.is_finite(), "{ctx}");
        assert!(t.t >= start && t.t <= end, "{ctx}: tick {} outside", t.t);
        assert!(t.t >= TIME_MIN && t.t <= TIME_MAX, "{ctx}");
        let last = i + 1 == ts.len();
        assert!(last || !t.label.is_empty(), "{ctx}: empty label at {i}");
        assert!(
            !t.label.contains("NaN") && !t.label.contains("inf"),
            "{ctx}: {}",
            t.label
        );
        let x = (t.t - start) / span * width;
        if let Some(n) = ts.get(i + 1) {
            assert!(n.t > t.t, "{ctx}: not ascending");
            let xn = (n.t - start) / span * width;
            assert!(
                xn - x >= 4.0 + fake_width(&t.label) + 10.0 - 1e-9,
                "{ctx}: {:?} too close to {:?} ({} px)",
                t.label,
                n.label,
                xn - x
            );
        } else if !t.label.is_empty() {
            assert!(
                x + 4.0 + fake_width(&t.label) <= width + 1e-9,
                "{ctx}: last label overflows"
            );
        }
    }
}

#[test]
fn years_2020_2024() {
    let (s, e) = (at("2020"), at("2024"));
    // At 400 px: one tick per year.
    let ts = ticks(s, e, 400.0, Lang::En);
    check(&ts, s, e, 400.0, "2020-2024@400");
    assert_eq!(labels(&ts), ["2020", "2021", "2022", "2023", ""]);
    assert_eq!(
        ts.iter().map(|t| t.t).collect::<Vec<_>>(),
        ["2020", "2021", "2022", "2023", "2024"].map(at)
    );
    for t in &ts {
        assert_eq!(t.major, t.t == at("2020"), "{}", t.label);
    }
    let ts = ticks(s, e, 400.0, Lang::ZhHant);
    assert_eq!(labels(&ts), ["2020年", "2021年", "2022年", "2023年", ""]);
    // At 800 px with 7 px glyphs, half-years fit too: the finest step that fits wins.
    let ts = ticks(s, e, 800.0, Lang::En);
    check(&ts, s, e, 800.0, "2020-2024@800");
    assert_eq!(
        labels(&ts),
        ["Jan 2020", "Jul", "Jan 2021", "Jul", "Jan 2022", "Jul", "Jan 2023", "Jul", ""]
    );
    assert_eq!(ts.iter().filter(|t| t.major).count(), 5);
    // With wider glyphs (12.25 px) only years fit at 800 px.
    let wide = |s: &str| fake_width(s) * 1.75;
    let ts = time_ticks(s, e, 800.0, Lang::En, &wide);
    assert_eq!(labels(&ts), ["2020", "2021", "2022", "2023", ""]);
}

#[test]
fn year_steps_are_round() {
    let (s, e) = (at("1900"), at("2100"));
    let ts = ticks(s, e, 800.0, Lang::En);
    check(&ts, s, e, 800.0, "1900-2100");
    assert_eq!(labels(&ts).first(), Some(&"1900"));
    assert!(labels(&ts).contains(&"2000"));
    let years: Vec<i64> = ts.iter().map(|t| parts(t.t, 0).year).collect();
    let step = years[1] - years[0];
    assert!([10, 20, 50].contains(&step), "{step}");
    assert!(years.iter().all(|y| y % step == 0));
    for t in &ts {
        assert_eq!(t.major, parts(t.t, 0).year % 100 == 0, "{}", t.label);
    }
}

#[test]
fn bce_years() {
    let (s, e) = (at("1000 BC"), at("1000 CE"));
    let ts = ticks(s, e, 2000.0, Lang::En);
    check(&ts, s, e, 2000.0, "bce");
    let l = labels(&ts);
    assert_eq!(l.first(), Some(&"1000 BC"));
    assert!(l.contains(&"500 BC"), "{l:?}");
    assert!(l.contains(&"500"), "{l:?}");
    assert!(
        !l.iter().any(|s| s.starts_with('0') || s.starts_with('-')),
        "{l:?}"
    );
    let ts = ticks(s, e, 2000.0, Lang::ZhHant);
    assert!(labels(&ts).contains(&"西元前500年"));
    let ts = ticks(s, e, 2000.0, Lang::ZhHans);
    assert!(labels(&ts).contains(&"公元前500年"));
    // Year by year across the era boundary: 2 BCE, 1 BCE, 1, 2.
    let (s, e) = (at("3 BC"), at("3"));
    let ts = ticks(s, e, 500.0, Lang::En);
    assert_eq!(labels(&ts), ["3 BC", "2 BC", "1 BC", "1", "2", ""]);
}

#[test]
fn months_and_days() {
    // Three months: day ticks on 1 / 16, the year on the first tick and Jan 1.
    let (s, e) = (at("2022-10-01"), at("2023-01-01"));
    let ts = ticks(s, e, 800.0, Lang::En);
    check(&ts, s, e, 800.0, "3 months");
    assert_eq!(
        labels(&ts),
        [
            "Oct 1, 2022",
            "Oct 16",
            "Nov 1",
            "Nov 16",
            "Dec 1",
            "Dec 16",
            ""
        ]
    );
    assert_eq!(ts.iter().filter(|t| t.major).count(), 4);
    let ts = ticks(s, e, 1600.0, Lang::ZhHant);
    check(&ts, s, e, 1600.0, "3 months zh");
    let l = labels(&ts);
    assert_eq!(l.first(), Some(&"2022年10月1日"));
    assert!(l.contains(&"11月1日"), "{l:?}");
    // Narrower: month ticks.
    let ts = ticks(s, e, 300.0, Lang::En);
    check(&ts, s, e, 300.0, "3 months narrow");
    assert_eq!(labels(&ts), ["Oct 2022", "Nov", "Dec", ""]);
    let ts = ticks(s, e, 300.0, Lang::ZhHans);
    assert_eq!(labels(&ts), ["2022年10月", "11月", "12月", ""]);
    // A month change to January carries the year.
    let (s, e) = (at("2022-06-01"), at("2023-06-01"));
    let ts = ticks(s, e, 1200.0, Lang::En);
    check(&ts, s, e, 1200.0, "year of months");
    let l = labels(&ts);
    assert_eq!(l.first(), Some(&"Jun 2022"));
    assert!(l.contains(&"Jan 2023") && l.contains(&"Dec"), "{l:?}");
    for t in &ts {
        assert_eq!(t.major, t.label == "Jan 2023");
    }
    // Days across New Year.
    let (s, e) = (at("2022-12-28"), at("2023-01-04"));
    let ts = ticks(s, e, 700.0, Lang::En);
    check(&ts, s, e, 700.0, "new year");
    assert_eq!(
        labels(&ts),
        [
            "Dec 28, 2022",
            "Dec 29",
            "Dec 30",
            "Dec 31",
            "Jan 1, 2023",
            "Jan 2",
            "Jan 3",
            ""
        ]
    );
}

#[test]
fn day_steps_stay_in_the_month() {
    for n in [2_u32, 5, 10, 15] {
        let ts =
            candidates(Step::Days(n), at("2023-01-01"), at("2024-12-31"), 1000).unwrap_or_default();
        assert!(!ts.is_empty());
        for c in &ts {
            let Info::Day(y, m, d) = c.info else {
                panic!("not a day")
            };
            assert_eq!((d - 1) % n, 0, "{y}-{m}-{d} for {n}");
            assert!(d + n <= days_in_month(y, m) + 1 || 4 * (days_in_month(y, m) + 1 - d) >= 3 * n);
        }
    }
    let five =
        candidates(Step::Days(5), at("2023-02-01"), at("2023-03-31"), 1000).unwrap_or_default();
    let days: Vec<u32> = five
        .iter()
        .map(|c| match c.info {
            Info::Day(_, _, d) => d,
            _ => 0,
        })
        .collect();
    // Feb 26 would sit 3 days before Mar 1: skipped.
    assert_eq!(days, [1, 6, 11, 16, 21, 1, 6, 11, 16, 21, 26]);
    let two =
        candidates(Step::Days(2), at("2023-01-27"), at("2023-02-04"), 1000).unwrap_or_default();
    let days: Vec<u32> = two
        .iter()
        .map(|c| match c.info {
            Info::Day(_, _, d) => d,
            _ => 0,
        })
        .collect();
    assert_eq!(days, [27, 29, 1, 3]);
}

#[test]
fn hours_minutes_seconds() {
    let (s, e) = (at("2022-11-06T12:00Z"), at("2022-11-06T18:00Z"));
    let ts = ticks(s, e, 800.0, Lang::En);
    check(&ts, s, e, 800.0, "6 hours");
    assert_eq!(
        labels(&ts),
        [
            "Nov 6, 12:00",
            "13:00",
            "14:00",
            "15:00",
            "16:00",
            "17:00",
            ""
        ]
    );
    let ts = ticks(s, e, 800.0, Lang::ZhHant);
    assert_eq!(labels(&ts).first(), Some(&"11月6日 12:00"));
    assert_eq!(labels(&ts).get(1), Some(&"13:00"));
    // Midnight shows the date, Jan 1 with its year; midnight is major.
    let (s, e) = (at("2022-12-31T18:00Z"), at("2023-01-01T06:00Z"));
    let ts = ticks(s, e, 1000.0, Lang::En);
    check(&ts, s, e, 1000.0, "midnight");
    let l = labels(&ts);
    assert!(l.contains(&"Jan 1, 2023"), "{l:?}");
    for t in &ts {
        assert_eq!(t.major, t.label == "Jan 1, 2023");
    }
    let (s, e) = (at("2022-11-06T23:00Z"), at("2022-11-07T01:00Z"));
    let ts = ticks(s, e, 1000.0, Lang::ZhHans);
    assert!(labels(&ts).contains(&"11月7日"), "{:?}", labels(&ts));
    // Ten minutes: minute ticks.
    let (s, e) = (at("2022-11-06T14:30Z"), at("2022-11-06T14:40Z"));
    let ts = ticks(s, e, 800.0, Lang::En);
    check(&ts, s, e, 800.0, "10 minutes");
    assert_eq!(labels(&ts).first(), Some(&"Nov 6, 14:30"));
    assert!(labels(&ts).contains(&"14:32"), "{:?}", labels(&ts));
    // Thirty seconds: second ticks.
    let (s, e) = (at("2022-11-06T14:30:00Z"), at("2022-11-06T14:30:30Z"));
    let ts = ticks(s, e, 800.0, Lang::En);
    check(&ts, s, e, 800.0, "30 s");
    assert!(labels(&ts).contains(&"14:30:05"), "{:?}", labels(&ts));
    // Half a second: millisecond ticks.
    let s = at("2022-11-06T14:30:05Z");
    let ts = ticks(s, s + 500.0, 800.0, Lang::En);
    check(&ts, s, s + 500.0, 800.0, "500 ms");
    assert!(labels(&ts).contains(&"14:30:05.200"), "{:?}", labels(&ts));
    assert_eq!(labels(&ts).first(), Some(&"Nov 6, 14:30:05.000"));
    // One millisecond.
    let ts = ticks(s, s + 1.0, 800.0, Lang::En);
    check(&ts, s, s + 1.0, 800.0, "1 ms");
    assert_eq!(ts.len(), 2);
    assert_eq!(ts[1].t, s + 1.0);
}

#[test]
fn deep_time() {
    // A window around 66 Ma.
    let (s, e) = (BP_EPOCH - 71e6 * MS_PER_YEAR, BP_EPOCH - 61e6 * MS_PER_YEAR);
    let ts = ticks(s, e, 800.0, Lang::En);
    check(&ts, s, e, 800.0, "66 Ma");
    let l = labels(&ts);
    assert_eq!(l.first(), Some(&"71 Ma"));
    assert!(
        l.contains(&"66 Ma") && l.iter().all(|s| s.is_empty() || s.ends_with(" Ma")),
        "{l:?}"
    );
    assert!(ts.iter().any(|t| t.major && t.label == "70 Ma"));
    let ts = ticks(s, e, 800.0, Lang::ZhHant);
    check(&ts, s, e, 800.0, "66 Ma zh");
    assert!(
        labels(&ts).contains(&"6600萬年前") || labels(&ts).contains(&"6800萬年前"),
        "{:?}",
        labels(&ts)
    );
    // The age of the Earth.
    let (s, e) = (BP_EPOCH - 5e9 * MS_PER_YEAR, BP_EPOCH);
    let ts = ticks(s, e, 1000.0, Lang::En);
    check(&ts, s, e, 1000.0, "Earth");
    let l = labels(&ts);
    assert_eq!(l.first(), Some(&"5 Ga"));
    assert!(l.contains(&"4.5 Ga") && l.contains(&"500 Ma"), "{l:?}");
    let ts = ticks(s, e, 1200.0, Lang::ZhHant);
    check(&ts, s, e, 1200.0, "Earth zh");
    assert!(labels(&ts).contains(&"45億年前"), "{:?}", labels(&ts));
    let ts = ticks(s, e, 1200.0, Lang::ZhHans);
    assert!(labels(&ts).contains(&"45亿年前"), "{:?}", labels(&ts));
    // Ice ages, in ka, up to the present.
    let (s, e) = (BP_EPOCH - 120e3 * MS_PER_YEAR, BP_EPOCH + 1.0);
    let ts = ticks(s, e, 1000.0, Lang::En);
    check(&ts, s, e, 1000.0, "ka");
    let l = labels(&ts);
    assert!(l.contains(&"120 ka") && l.contains(&"10 ka"), "{l:?}");
    assert_eq!(ts.last().map(|t| t.t), Some(BP_EPOCH));
    let ts = ticks(s, e, 2000.0, Lang::ZhHant);
    check(&ts, s, e, 2000.0, "ka zh");
    assert!(labels(&ts).contains(&"1萬年前"), "{:?}", labels(&ts));
    // Present in the middle, future on the right.
    let (s, e) = (BP_EPOCH - 50e6 * MS_PER_YEAR, BP_EPOCH + 50e6 * MS_PER_YEAR);
    let ts = ticks(s, e, 1000.0, Lang::En);
    check(&ts, s, e, 1000.0, "future");
    let l = labels(&ts);
    assert!(l.contains(&"present") && l.contains(&"+10 Ma"), "{l:?}");
    let ts = ticks(s, e, 1000.0, Lang::ZhHant);
    assert!(labels(&ts).contains(&"現在"));
    let ts = ticks(s, e, 1000.0, Lang::ZhHans);
    assert!(labels(&ts).contains(&"现在"));
    // The whole range.
    let ts = ticks(TIME_MIN, TIME_MAX, 2000.0, Lang::En);
    check(&ts, TIME_MIN, TIME_MAX, 2000.0, "all");
    assert!(labels(&ts).contains(&"present") && labels(&ts).contains(&"20 Ga"));
}

#[test]
fn deep_labels() {
    assert_eq!(deep_label(10_000, Lang::En), "10 ka");
    assert_eq!(deep_label(12_000, Lang::En), "12 ka");
    assert_eq!(deep_label(66_000_000, Lang::En), "66 Ma");
    assert_eq!(deep_label(4_500_000_000, Lang::En), "4.5 Ga");
    assert_eq!(deep_label(1_234_560_000, Lang::En), "1.23456 Ga");
    assert_eq!(deep_label(0, Lang::En), "present");
    assert_eq!(deep_label(-10_000_000, Lang::En), "+10 Ma");
    assert_eq!(deep_label(10_000, Lang::ZhHant), "1萬年前");
    assert_eq!(deep_label(66_000_000, Lang::ZhHant), "6600萬年前");
    assert_eq!(deep_label(4_500_000_000, Lang::ZhHant), "45億年前");
    assert_eq!(deep_label(4_500_000_000, Lang::ZhHans), "45亿年前");
    assert_eq!(deep_label(50_000, Lang::ZhHans), "5万年前");
    assert_eq!(deep_label(-10_000, Lang::ZhHant), "1萬年後");
    assert_eq!(deep_label(-10_000, Lang::ZhHans), "1万年后");
    assert_eq!(deep_label(0, Lang::ZhHant), "現在");
    assert_eq!(deep_label(0, Lang::ZhHans), "现在");
    assert_eq!(deep_label(66_000_000, Lang::Ja), "6600万年前");
    assert_eq!(deep_label(4_500_000_000, Lang::Ja), "45億年前");
    assert_eq!(deep_label(66_000_000, Lang::Ko), "6600만 년 전");
    assert_eq!(deep_label(5_000, Lang::Ko), "5천 년 전");
    assert_eq!(deep_label(-10_000, Lang::Ko), "1만 년 후");
    assert_eq!(deep_label(66_000_000, Lang::Ar), "قبل 66 مليون سنة");
    assert_eq!(deep_label(5_000_000, Lang::Ar), "قبل 5 ملايين سنة");
    assert_eq!(deep_label(0, Lang::Ar), "الحاضر");
    assert_eq!(deep_label(1_234_560_000, Lang::ZhHant), "12.3456億年前");
    assert!(!deep_label(i64::MIN, Lang::En).is_empty());
    assert_eq!(major_period(1), 10);
    assert_eq!(major_period(5), 10);
    assert_eq!(major_period(10), 100);
    assert_eq!(major_period(5000), 10_000);
    assert_eq!(major_period(i64::MAX), 1_000_000_000_000_000_000);
}

#[test]
fn year_alignment_helpers() {
    assert_eq!(first_year(1991, 10), 2000);
    assert_eq!(first_year(2000, 10), 2000);
    assert_eq!(first_year(-499, 100), -499); // 500 BCE
    assert_eq!(first_year(-450, 100), -399); // 400 BCE
    assert_eq!(first_year(-50, 100), 100);
    assert_eq!(first_year(0, 1), 0);
    assert_eq!(next_year(-99, 100), 100); // 100 BCE → 100 CE
    assert_eq!(next_year(-499, 100), -399);
    assert_eq!(next_year(0, 1), 1);
    assert_eq!(next_year(1990, 10), 2000);
    assert_eq!(display_year(0), 1);
    assert_eq!(display_year(-499), 500);
}

#[test]
fn sweep() {
    let mut spans = Vec::new();
    let mut s = MIN_SPAN;
    while s < MAX_SPAN {
        spans.push(s);
        s *= 4.3;
    }
    spans.push(MAX_SPAN);
    let fractions = [0.0, 0.001, 0.2, 0.45, 0.499_999_999_9, 0.5, 0.7, 0.999, 1.0];
    let mut centres: Vec<Ms> = fractions
        .iter()
        .map(|f| TIME_MIN + f * (TIME_MAX - TIME_MIN))
        .collect();
    centres.extend([
        0.0,
        BP_EPOCH,
        at("0"),
        at("2022-11-06T14:30Z"),
        BP_EPOCH - 4.5e9 * MS_PER_YEAR,
    ]);
    let mut calls = 0;
    for &span in &spans {
        for &c in &centres {
            let start = (c - span / 2.0).clamp(TIME_MIN, TIME_MAX - span);
            let end = start + span;
            let sane = span >= 2.0 * min_span_at(start).max(min_span_at(end));
            for width in [200.0, 537.0, 1000.0, 2000.0] {
                for lang in ALL {
                    let ts = ticks(start, end, width, lang);
                    let ctx = format!("span {span} at {start} width {width} {lang:?}");
                    check(&ts, start, end, width, &ctx);
                    if sane {
                        assert!(!ts.is_empty(), "{ctx}: no ticks");
                        assert!(
                            ts.iter().any(|t| !t.label.is_empty()) || ts.len() == 1,
                            "{ctx}"
                        );
                    }
                    calls += 1;
                }
            }
        }
    }
    assert!(calls > 1000);
}

#[test]
fn degenerate_input() {
    let w = &fake_width;
    assert!(time_ticks(0.0, 0.0, 800.0, Lang::En, w).is_empty());
    assert!(time_ticks(1.0, 0.0, 800.0, Lang::En, w).is_empty());
    assert!(time_ticks(f64::NAN, 1.0, 800.0, Lang::En, w).is_empty());
    assert!(time_ticks(0.0, f64::INFINITY, 800.0, Lang::En, w).is_empty());
    assert!(time_ticks(-f64::MAX, f64::MAX, 800.0, Lang::En, w).is_empty());
    assert!(time_ticks(0.0, 1e9, 0.0, Lang::En, w).is_empty());
    assert!(time_ticks(0.0, 1e9, -5.0, Lang::En, w).is_empty());
    assert!(time_ticks(0.0, 1e9, f64::NAN, Lang::En, w).is_empty());
    assert!(time_ticks(TIME_MAX + 1e20, TIME_MAX + 2e20, 800.0, Lang::En, w).is_empty());
    // Sub-resolution windows far away: no panic, sane.
    let t = TIME_MIN + 1e6;
    let ts = time_ticks(t, t + 1.0, 800.0, Lang::En, w);
    check(&ts, t, t + 1.0, 800.0, "sub-ulp");
    // A window wider than the range, a tiny width, a huge width.
    let ts = time_ticks(TIME_MIN - 1e21, TIME_MAX + 1e21, 800.0, Lang::En, w);
    check(&ts, TIME_MIN - 1e21, TIME_MAX + 1e21, 800.0, "wider");
    let ts = time_ticks(0.0, MS_PER_DAY, 1.0, Lang::En, w);
    assert!(ts.len() <= 1);
    let ts = time_ticks(0.0, MAX_SPAN, 1e12, Lang::En, w);
    assert!(!ts.is_empty() && ts.len() <= MAX_TICKS);
    // 1000 one-second ticks would be 1001 with both ends: 2-second ticks.
    let ts = time_ticks(0.0, 1e6, 1e12, Lang::En, &|_| 0.0);
    assert_eq!(ts.len(), 501);
    // Hostile text widths.
    let ts = time_ticks(0.0, MS_PER_DAY, 800.0, Lang::En, &|_| f64::NAN);
    assert!(!ts.is_empty());
    let ts = time_ticks(0.0, MS_PER_DAY, 800.0, Lang::En, &|_| -100.0);
    assert!(!ts.is_empty());
    let ts = time_ticks(0.0, MS_PER_DAY, 800.0, Lang::En, &|_| f64::INFINITY);
    assert!(ts.len() <= 1);
    let ts = time_ticks(0.0, MS_PER_HOUR, 800.0, Lang::En, &|_| 1e6);
    assert!(ts.len() <= 1);
}

#[test]
fn bounded_work() {
    use std::cell::Cell;
    let calls = Cell::new(0_usize);
    let counting = |s: &str| {
        calls.set(calls.get() + 1);
        fake_width(s)
    };
    let mut span = 1.0;
    while span < MAX_SPAN {
        for start in [0.0, TIME_MIN, TIME_MAX - span, BP_EPOCH - span / 2.0] {
            calls.set(0);
            let _ = time_ticks(start, start + span, 2000.0, Lang::ZhHant, &counting);
            assert!(
                calls.get() <= 4 * (2000 / 14 + 2),
                "{} label measurements",
                calls.get()
            );
        }
        span *= 7.0;
    }
}

#[test]
fn nice_values() {
    assert_eq!(
        value_ticks(1589.0, 3330.0, 5),
        [1500.0, 2000.0, 2500.0, 3000.0, 3500.0]
    );
    assert_eq!(
        value_ticks(3330.0, 1589.0, 5),
        [1500.0, 2000.0, 2500.0, 3000.0, 3500.0]
    );
    assert_eq!(value_ticks(0.0, 1.0, 5), [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
    assert_eq!(value_ticks(0.1, 0.3, 2), [0.1, 0.2, 0.3]);
    assert_eq!(value_ticks(0.1 + 0.2, 0.7, 4), [0.3, 0.4, 0.5, 0.6, 0.7]);
    assert_eq!(value_ticks(0.0, 0.1 + 0.2, 3), [0.0, 0.1, 0.2, 0.3, 0.4]);
    assert_eq!(value_ticks(-1.0, 1.0, 0), [-1.0, 1.0]);
    assert_eq!(value_ticks(1589.0, 3330.0, 0), [0.0, 5000.0]);
    assert_eq!(
        value_ticks(-7.0, 13.0, 4),
        [-10.0, -5.0, 0.0, 5.0, 10.0, 15.0]
    );
    assert_eq!(
        value_ticks(0.0, 100.0, 10),
        [0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0]
    );
    assert_eq!(value_ticks(5.0, 5.0, 4), [4.5, 5.0, 5.5]);
    assert_eq!(value_ticks(0.0, 0.0, 5), [-1.0, -0.5, 0.0, 0.5, 1.0]);
    assert_eq!(
        value_ticks(-200.0, -200.0, 4),
        [-220.0, -210.0, -200.0, -190.0, -180.0]
    );
    assert!(value_ticks(f64::NAN, 1.0, 5).is_empty());
    assert!(value_ticks(0.0, f64::INFINITY, 5).is_empty());
    for v in value_ticks(0.000_123, 0.000_987, 5) {
        let s = format!("{v}");
        assert!(s.len() <= 7, "{s}");
    }
}

#[test]
fn nice_values_sweep() {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    for _ in 0..5000 {
        let scale = 10f64.powf(rnd() * 40.0 - 20.0);
        let a = (rnd() - 0.5) * scale * 10.0;
        let b = a + rnd() * scale * (if rnd() < 0.1 { 0.0 } else { 1.0 });
        let n = 1 + (rnd() * 12.0) as usize;
        let v = value_ticks(a, b, n);
        assert!(!v.is_empty(), "{a} {b} {n}");
        assert!(v.len() <= n + 2, "{a} {b} {n}: {v:?}");
        let (lo, hi) = (a.min(b), a.max(b));
        assert!(v[0] <= lo && v[v.len() - 1] >= hi, "{a} {b} {n}: {v:?}");
        assert!(v.windows(2).all(|w| w[0] < w[1]), "{v:?}");
        assert!(v.iter().all(|x| x.is_finite()));
        // Short decimals: no 0.30000000000000004.
        for x in &v {
            let s = format!("{x:e}");
            let digits = s
                .split('e')
                .next()
                .unwrap_or("")
                .bytes()
                .filter(u8::is_ascii_digit)
                .count();
            assert!(digits <= 15, "{x} in {v:?}");
        }
    }
    for (a, b) in [
        (-f64::MAX, f64::MAX),
        (f64::MAX, f64::MAX),
        (-1e305, 1e305),
        (0.0, f64::MIN_POSITIVE),
        (1e-320, 1e-320),
        (1e15, 1e15 + 1.0),
        (1e300, 1e300),
    ] {
        for n in [0, 1, 5, 1000, usize::MAX] {
            let v = value_ticks(a, b, n);
            assert!(
                !v.is_empty() && v.len() <= n.saturating_add(2).max(2),
                "{a} {b} {n}: {v:?}"
            );
            assert!(v.iter().all(|x| x.is_finite()));
            assert!(
                v[0] <= a.min(b) && v[v.len() - 1] >= a.max(b),
                "{a} {b} {n}: {v:?}"
            );
        }
    }
}
