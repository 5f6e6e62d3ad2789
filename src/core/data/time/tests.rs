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
        "12 ky", "12 KA", "12 ma", "12 GA", "-12 ka", "1e3 ka", "ka", ". ka", "12 k a", "NaN ka",
        "inf Ma",
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
