//! Writing a dataset back in the dataset format (for `getData()` and
//! exports): the JSON a page could load again, with every time written in
//! the form that keeps its precision (`1994`, `2022-11`, `66 Ma`, …).

use crate::core::data::model::{Dataset, Event, Group, Media, Series, SourceRef};
use crate::core::data::time::{
    parse_time, parts, parts_nearest, time_from_ms, years_before_present, Precision, TimePoint,
    MS_PER_DAY, MS_PER_MINUTE, MS_PER_SECOND,
};
use std::fmt::Write;

/// Series longer than this are written in the columnar form with numbers.
const COLUMNAR_FROM: usize = 10_000;

/// A JSON string literal.
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number as JSON (`null` when not finite).
fn json_number(v: f64) -> String {
    if v.is_finite() {
        if v == v.trunc() && v.abs() < 1e15 {
            format!("{}", v as i64)
        } else {
            format!("{v}")
        }
    } else {
        "null".to_string()
    }
}

/// A deep-time amount with at most `significant` significant digits, no
/// float noise.
fn deep_amount(v: f64, significant: i32) -> String {
    let digits = significant - (v.abs().max(1e-9).log10().floor() as i32 + 1);
    let digits = digits.clamp(0, 20) as usize;
    let s = format!("{v:.digits$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

fn year_string(y: i64) -> String {
    if y < 0 {
        format!("-{:04}", -y)
    } else {
        format!("{y:04}")
    }
}

/// The time in the dataset form that keeps its precision.
pub fn time_string(tp: &TimePoint) -> String {
    // Six significant digits, or as many more as it takes to read back the
    // same instant (`13.812345678 Ga`).
    let deep = |unit: f64, name: &str| {
        let amount = years_before_present(tp.ms) / unit;
        let at = |digits| format!("{} {name}", deep_amount(amount, digits));
        (6..=17)
            .map(at)
            .find(|s| parse_time(s).is_ok_and(|t| t.ms == tp.ms))
            .unwrap_or_else(|| at(6))
    };
    match tp.precision {
        Precision::Ga => return deep(1e9, "Ga"),
        Precision::Ma => return deep(1e6, "Ma"),
        Precision::Ka => return deep(1e3, "ka"),
        _ => {}
    }
    let off = i32::from(tp.offset_min.unwrap_or(0));
    // A date or a time to the minute or second stands for the start of
    // that unit: the nearest one is meant.
    let p = match tp.precision {
        Precision::Minute => parts_nearest(tp.ms, off, MS_PER_MINUTE),
        Precision::Second => parts_nearest(tp.ms, off, MS_PER_SECOND),
        Precision::Millisecond => parts(tp.ms, off),
        _ => parts_nearest(tp.ms, off, MS_PER_DAY),
    };
    let date = match tp.precision {
        Precision::Year => return year_string(p.year),
        Precision::Month => return format!("{}-{:02}", year_string(p.year), p.month),
        Precision::Day => return format!("{}-{:02}-{:02}", year_string(p.year), p.month, p.day),
        _ => format!("{}-{:02}-{:02}", year_string(p.year), p.month, p.day),
    };
    let mut out = format!("{date}T{:02}:{:02}", p.hour, p.minute);
    match tp.precision {
        Precision::Second => {
            let _ = write!(out, ":{:02}", p.second);
        }
        Precision::Millisecond => {
            let _ = write!(out, ":{:02}.{:03}", p.second, p.millis);
        }
        _ => {}
    }
    match tp.offset_min {
        None => {}
        Some(0) => out.push('Z'),
        Some(m) => {
            let sign = if m < 0 { '-' } else { '+' };
            let _ = write!(out, "{sign}{:02}:{:02}", m.abs() / 60, m.abs() % 60);
        }
    }
    out
}

fn source_json(s: &SourceRef) -> String {
    let mut out = format!("{{\"name\":{}", json_string(&s.name));
    if let Some(u) = &s.url {
        let _ = write!(out, ",\"url\":{}", json_string(u));
    }
    out.push('}');
    out
}

fn media_json(m: &Media) -> String {
    let mut out = format!(
        "{{\"url\":{},\"alt\":{}",
        json_string(&m.url),
        json_string(&m.alt)
    );
    if let Some(c) = &m.caption {
        let _ = write!(out, ",\"caption\":{}", json_string(c));
    }
    if let Some(c) = &m.credit {
        let _ = write!(out, ",\"credit\":{}", json_string(c));
    }
    out.push('}');
    out
}

/// One event as a dataset event object.
pub fn event_json(ev: &Event, groups: &[Group]) -> String {
    let mut out = format!(
        "{{\"id\":{},\"start\":{}",
        json_string(&ev.id),
        json_string(&time_string(&ev.start))
    );
    if let Some(e) = &ev.end {
        let _ = write!(out, ",\"end\":{}", json_string(&time_string(e)));
    }
    if let Some(d) = &ev.display_date {
        let _ = write!(out, ",\"displayDate\":{}", json_string(d));
    }
    let _ = write!(out, ",\"title\":{}", json_string(&ev.title));
    if let Some(t) = &ev.text {
        let _ = write!(out, ",\"text\":{}", json_string(t));
    }
    if let Some(g) = ev.group.and_then(|g| groups.get(g)) {
        let _ = write!(out, ",\"group\":{}", json_string(&g.id));
    }
    if let Some(l) = &ev.link {
        let _ = write!(out, ",\"link\":{}", json_string(l));
    }
    if let Some(s) = &ev.source {
        let _ = write!(out, ",\"source\":{}", source_json(s));
    }
    if let Some(m) = &ev.media {
        let _ = write!(out, ",\"media\":{}", media_json(m));
    }
    out.push('}');
    out
}

fn series_json(s: &Series) -> String {
    let kind = s.kind.name();
    let mut out = format!(
        "{{\"id\":{},\"name\":{},\"unit\":{},\"kind\":\"{kind}\"",
        json_string(&s.id),
        json_string(&s.name),
        json_string(&s.unit)
    );
    if let Some(c) = s.color {
        let _ = write!(out, ",\"color\":\"{}\"", c.to_hex());
    }
    if let Some(n) = &s.note {
        let _ = write!(out, ",\"note\":{}", json_string(n));
    }
    if let Some(src) = &s.source {
        let _ = write!(out, ",\"source\":{}", source_json(src));
    }
    out.push_str(",\"points\":");
    let precision = s.precision.unwrap_or(Precision::Millisecond);
    let as_string = |t: &f64| {
        let tp = TimePoint {
            ms: *t,
            precision,
            offset_min: (precision > Precision::Day).then_some(0),
        };
        json_string(&time_string(&tp))
    };
    if s.t.len() >= COLUMNAR_FROM {
        // Numbers, unless they would read back at another precision (a
        // number carries its own: whole days are days, and so on).
        let numbers_keep_precision = s.precision.is_none_or(|p| {
            s.t.iter()
                .all(|&t| time_from_ms(t).is_ok_and(|tp| tp.precision == p))
        });
        let ts: Vec<String> = if numbers_keep_precision {
            s.t.iter().map(|t| json_number(*t)).collect()
        } else {
            s.t.iter().map(as_string).collect()
        };
        let vs: Vec<String> = s.v.iter().map(|v| json_number(*v)).collect();
        let _ = write!(out, "{{\"t\":[{}],\"v\":[{}]}}", ts.join(","), vs.join(","));
    } else {
        let pts: Vec<String> =
            s.t.iter()
                .zip(&s.v)
                .map(|(t, v)| format!("[{},{}]", as_string(t), json_number(*v)))
                .collect();
        let _ = write!(out, "[{}]", pts.join(","));
    }
    out.push('}');
    out
}

/// The whole dataset in the dataset format.
pub fn dataset_json(ds: &Dataset) -> String {
    let mut out = format!(
        "{{\"schemaVersion\":1,\"title\":{},\"description\":{}",
        json_string(&ds.title),
        json_string(&ds.description)
    );
    if let Some(l) = &ds.locale {
        let _ = write!(out, ",\"locale\":{}", json_string(l));
    }
    if let Some(s) = &ds.source {
        let _ = write!(out, ",\"source\":{}", source_json(s));
    }
    let groups: Vec<String> = ds
        .groups
        .iter()
        .map(|g| {
            let mut o = format!(
                "{{\"id\":{},\"label\":{}",
                json_string(&g.id),
                json_string(&g.label)
            );
            if let Some(c) = g.color {
                let _ = write!(o, ",\"color\":\"{}\"", c.to_hex());
            }
            o.push('}');
            o
        })
        .collect();
    let eras: Vec<String> = ds
        .eras
        .iter()
        .map(|e| {
            let mut o = format!(
                "{{\"start\":{},\"end\":{},\"label\":{}",
                json_string(&time_string(&e.start)),
                json_string(&time_string(&e.end)),
                json_string(&e.label)
            );
            if let Some(c) = e.color {
                let _ = write!(o, ",\"color\":\"{}\"", c.to_hex());
            }
            o.push('}');
            o
        })
        .collect();
    let events: Vec<String> = ds
        .events
        .iter()
        .map(|e| event_json(e, &ds.groups))
        .collect();
    let series: Vec<String> = ds.series.iter().map(series_json).collect();
    let _ = write!(
        out,
        ",\"groups\":[{}],\"eras\":[{}],\"events\":[{}],\"series\":[{}]}}",
        groups.join(","),
        eras.join(","),
        events.join(","),
        series.join(",")
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::data::time::parse_time;
    use crate::core::formats::dataset::parse_dataset;

    #[test]
    fn times_keep_their_precision() {
        for s in [
            "1994",
            "0800",
            "-0499",
            "2022-01",
            "2022-11-06",
            "2022-11-06T09:30+08:00",
            "2022-11-06T09:30:05Z",
            "2022-11-06T09:30:05.250-03:30",
            "2022-11-06T09:30",
            "66 Ma",
            "4.54 Ga",
            "12 ka",
            "12000",
        ] {
            let tp = parse_time(s).unwrap();
            let back = time_string(&tp);
            let again = parse_time(&back).unwrap();
            assert_eq!(again, tp, "{s} -> {back}");
        }
        assert_eq!(time_string(&parse_time("500 BCE").unwrap()), "-0499");
        assert_eq!(time_string(&parse_time("66 Ma").unwrap()), "66 Ma");
        assert_eq!(
            time_string(&parse_time("2022-11-06T09:30+08:00").unwrap()),
            "2022-11-06T09:30+08:00"
        );
    }

    #[test]
    fn far_dates_keep_their_year() {
        // Found by fuzzing: the first instant of a year two billion years
        // ahead is held just before it, and was written as the year before.
        for s in [
            "2012014306",
            "2012014306-07",
            "2012014306-07-04",
            "-2012014306",
            "2012014306-07-04T12:30Z",
            "2012014306-07-04T12:30:15+05:30",
            "19000000000",
        ] {
            let Ok(tp) = parse_time(s) else { continue };
            let back = time_string(&tp);
            assert_eq!(parse_time(&back).unwrap(), tp, "{s} -> {back}");
        }
        assert_eq!(
            time_string(&parse_time("2012014306").unwrap()),
            "2012014306"
        );
    }

    #[test]
    fn datasets_round_trip() {
        for text in [
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/sip.en.json")),
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/www/data/sip.zh-Hant.json"
            )),
        ] {
            let ds = parse_dataset(text).unwrap().dataset;
            let written = dataset_json(&ds);
            let back = parse_dataset(&written).unwrap();
            assert!(back.errors.is_empty(), "{:?}", back.errors);
            assert_eq!(back.dataset, ds);
        }
        assert_eq!(json_string("a\"b\\c\n\u{1}"), "\"a\\\"b\\\\c\\n\\u0001\"");
    }
}
