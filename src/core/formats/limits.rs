//! The documented limits of what one timeline reads (docs/api.md,
//! "Limits"). Beyond them the widget shows a `too_large` message instead of
//! freezing the tab or running out of memory. Chosen from measurements on
//! the benchmark machine (BENCHMARKS.md, "Limits"): a 1 M-event file is
//! 102 MB and loads in 2.6–5.7 s (idle or busy machine) into 305 MB of
//! WebAssembly memory; 2 M events (206 MB) took 12.6 s and 611 MB, 3 M
//! (310 MB) 23 s and 889 MB — a frozen tab, and near the 1–4 GB a tab may
//! have. So the limit sits a little above the 1 M-event benchmark.

use crate::core::data::error::{ChronoError, ErrorCode};
use crate::core::data::model::Dataset;

/// The largest dataset file (UTF-8 bytes) the widget reads: 128 MiB
/// (134 MB, about 1.3 M events of the benchmark's kind).
/// Checked against `Content-Length` before the download, while the body
/// arrives, and on the bytes `setData` is given, before anything is parsed.
pub const MAX_DATA_BYTES: usize = 128 << 20;

/// The most events one timeline holds (after a load, `addEvents`).
pub const MAX_EVENTS: usize = 1_500_000;

/// The most series points one timeline holds, all series together (after a
/// load, `appendPoints`).
pub const MAX_POINTS: usize = 10_000_000;

/// The most values one series of a dataset may hold while it is read, counted
/// as `json::parse_with_budget` does: `[t, v]` pairs cost three (the pair and
/// its two numbers), the `{"t": […], "v": […]}` columns two a point. Enough
/// for [`MAX_POINTS`] points in either form; beyond it the series is refused
/// before its tree grows past what the largest accepted series needs (a file
/// of 128 MiB can hold 22 M tiny pairs: about 1.5 GB of tree natively).
pub const MAX_SERIES_VALUES: usize = 3 * MAX_POINTS + 4096;

/// The most slides (events and eras) a TimelineJS file may have. TimelineJS
/// itself takes seconds a step at 10,000 slides; an import is parsed whole
/// and costs about 2 KB a slide on the way, so this keeps a hostile file
/// of tiny slides (5 M in 128 MiB: 9.6 GB) from exhausting the tab.
pub const MAX_TIMELINEJS_SLIDES: usize = 100_000;

/// The most JSON values a TimelineJS file may have: [`MAX_TIMELINEJS_SLIDES`]
/// slides of 64 values each (a full slide — dates, text, media, background
/// — has about 25).
pub const MAX_TIMELINEJS_VALUES: usize = 64 * MAX_TIMELINEJS_SLIDES;

/// The error for a reader that stopped at one of the limits above; `what`
/// says which (`"this series"`, `"this TimelineJS file"`).
pub fn too_many_values(what: &str, limit: &str, line: u32, column: u32) -> ChronoError {
    ChronoError {
        code: ErrorCode::TooLarge,
        message: format!("{what} is larger than a timeline reads ({limit}); reading stopped at line {line}, column {column}"),
        path: None,
        line: Some(line),
        column: Some(column),
        fatal: true,
    }
}

/// The error for a TimelineJS file (JSON or sheet) with too many slides.
pub fn too_many_slides() -> ChronoError {
    ChronoError::new(
        ErrorCode::TooLarge,
        format!("this TimelineJS file has more than {MAX_TIMELINEJS_SLIDES} slides; a timeline imports at most {MAX_TIMELINEJS_SLIDES} from TimelineJS (convert it to Chronoscope's own format for more)"),
        true,
    )
}

fn mb(bytes: f64) -> String {
    format!("{:.0} MB", bytes / 1e6)
}

/// The error for `bytes` of data (`what` names it: a URL, "the data").
pub fn too_many_bytes(what: &str, bytes: f64) -> ChronoError {
    ChronoError::new(
        ErrorCode::TooLarge,
        format!(
            "{what} is {} ({bytes:.0} bytes); a timeline reads at most {} ({MAX_DATA_BYTES} bytes)",
            mb(bytes),
            mb(MAX_DATA_BYTES as f64)
        ),
        true,
    )
}

/// The error for a download without a (true) length that went past the
/// limit while it arrived.
pub fn too_many_bytes_arriving(what: &str) -> ChronoError {
    ChronoError::new(
        ErrorCode::TooLarge,
        format!(
            "{what} is larger than {} (the download was stopped there); a timeline reads at most {} ({MAX_DATA_BYTES} bytes)",
            mb(MAX_DATA_BYTES as f64),
            mb(MAX_DATA_BYTES as f64)
        ),
        true,
    )
}

/// `Err` when `bytes` is over [`MAX_DATA_BYTES`].
pub fn check_bytes(what: &str, bytes: usize) -> Result<(), ChronoError> {
    if bytes > MAX_DATA_BYTES {
        Err(too_many_bytes(what, bytes as f64))
    } else {
        Ok(())
    }
}

/// Total series points of a dataset.
pub fn points(ds: &Dataset) -> usize {
    ds.series.iter().map(|s| s.t.len()).sum()
}

/// `Err` when `events` events or `points` points are over the limits.
pub fn check_counts(events: usize, points: usize, fatal: bool) -> Result<(), ChronoError> {
    if events > MAX_EVENTS {
        return Err(ChronoError::new(
            ErrorCode::TooLarge,
            format!("{events} events are more than a timeline holds (at most {MAX_EVENTS})"),
            fatal,
        ));
    }
    if points > MAX_POINTS {
        return Err(ChronoError::new(
            ErrorCode::TooLarge,
            format!(
                "{points} series points are more than a timeline holds (at most {MAX_POINTS}, all series together)"
            ),
            fatal,
        ));
    }
    Ok(())
}

/// `Err` (fatal) when a parsed dataset is over the limits.
pub fn check_dataset(ds: &Dataset) -> Result<(), ChronoError> {
    check_counts(ds.events.len(), points(ds), true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::formats;
    use crate::core::formats::csv_series::{parse_series_csv, parse_series_csv_within};
    use crate::core::formats::dataset::{parse_dataset, parse_dataset_within};
    use crate::core::formats::json::{self, JsonValue};

    fn refused<T>(r: Result<T, ChronoError>) -> ChronoError {
        match r {
            Ok(_) => panic!("accepted, should be refused"),
            Err(e) => e,
        }
    }

    #[test]
    fn json_budget_counts_values_and_column_numbers() {
        // 1 array + 3 values; 1 array + 3 numbers in a column.
        assert!(json::parse_with_budget(r#"[1,"a",true]"#, 4).is_ok());
        let e = json::parse_with_budget(r#"[1,"a",true]"#, 3).unwrap_err();
        assert!(e.too_large);
        assert_eq!((e.line, e.column), (1, 8)); // at `true`
        assert!(json::parse_with_budget("[1,2,3]", 4).is_ok());
        assert!(json::parse_with_budget("[1,2,3]", 3).unwrap_err().too_large);
        // A syntax error within the budget stays one.
        assert!(
            !json::parse_with_budget("[1,2,]", 100)
                .unwrap_err()
                .too_large
        );
        // The reader's budget is per value.
        let text = r#"{"a": [1, 2, 3], "b": [4, 5, 6], "c": [7, 8, 9, 10]}"#;
        let mut r = json::Reader::new(text);
        r.set_value_budget(4);
        assert!(r.begin_object().unwrap());
        for (key, fits) in [("a", true), ("b", true), ("c", false)] {
            assert_eq!(r.key().unwrap(), key);
            match r.value() {
                Ok(v) => {
                    assert!(fits, "{key}");
                    assert!(matches!(v.value, JsonValue::Numbers(_)));
                    r.next_member().unwrap();
                }
                Err(e) => assert!(!fits && e.too_large, "{key}: {e}"),
            }
        }
    }

    #[test]
    fn too_many_events_are_refused_before_decoding() {
        let mut text = String::from(r#"{"events":["#);
        for _ in 0..MAX_EVENTS {
            text.push_str("{},");
        }
        text.push_str(r#"{"start": 2000, "title": "one too many"}]}"#);
        let e = refused(parse_dataset(&text));
        assert_eq!(e.code, ErrorCode::TooLarge);
        assert!(e.fatal);
        assert!(e.message.contains("1500001 events"), "{}", e.message);
    }

    #[test]
    fn a_dataset_part_past_the_value_budget_is_refused_where_it_stops() {
        let ok = r#"{"events": [{"start": 2000, "title": "a"}],
  "series": [{"id": "s", "name": "S", "points": [[2000, 1], [2001, 2]]}]}"#;
        // The series holds 1 object + 2 strings + 1 array + 2 × (pair + 2 numbers) = 10.
        assert!(parse_dataset_within(ok, 10).is_ok());
        let e = refused(parse_dataset_within(ok, 9));
        assert_eq!(e.code, ErrorCode::TooLarge);
        assert_eq!(e.line, Some(2));
        assert!(
            e.message.contains("at most 10000000 series points"),
            "{}",
            e.message
        );
        // Any member counts, not only series (a tree is a tree).
        let junk = r#"{"events": [{"start": 2000, "title": "a"}], "junk": [[1,2],[3,4],[5,6]]}"#;
        assert_eq!(
            parse_dataset_within(junk, 8).err().map(|e| e.code),
            Some(ErrorCode::TooLarge)
        );
        assert!(parse_dataset_within(junk, 10).is_ok());
        // And so does one event.
        let fat = r#"{"events": [{"start": 2000, "title": "a", "x": [1, 2, 3, 4, 5, 6]}]}"#;
        assert_eq!(
            parse_dataset_within(fat, 8).err().map(|e| e.code),
            Some(ErrorCode::TooLarge)
        );
    }

    #[test]
    fn series_points_over_the_limit_are_refused_while_reading() {
        let csv = "date,a,b\n2000,1,2\n2001,3,4\n2002,5,6\n";
        assert!(parse_series_csv_within(csv, 6).is_ok());
        let e = refused(parse_series_csv_within(csv, 5));
        assert_eq!(e.code, ErrorCode::TooLarge);
        assert_eq!(e.line, Some(4));
        assert!(e.message.contains("at most 5 points"), "{}", e.message);
    }

    #[test]
    fn many_bad_cells_keep_fifty_messages_and_count_the_rest() {
        let mut csv = String::from("date,a\n");
        for i in 0..500 {
            csv.push_str(&format!("nope{i},1\n"));
        }
        csv.push_str("2000,1\n");
        let r = parse_series_csv(&csv).unwrap();
        assert_eq!(r.errors.len(), 50);
        assert_eq!(r.suppressed, 450);
        assert!(r.errors[0].message.contains("nope0"));
        assert!(r.errors[49].message.contains("nope49"));
        let l = formats::read(&csv).unwrap();
        assert_eq!((l.errors.len(), l.suppressed), (50, 450));
    }

    #[test]
    fn timelinejs_files_over_the_slide_limit_are_refused() {
        let mut text = String::from(r#"{"events":["#);
        for _ in 0..MAX_TIMELINEJS_SLIDES {
            text.push_str(r#"{"start_date":{"year":1}},"#);
        }
        text.push_str(r#"{"start_date":{"year":2}}]}"#);
        let e = refused(formats::read(&text));
        assert_eq!(e.code, ErrorCode::TooLarge);
        assert!(
            e.message.contains("more than 100000 slides"),
            "{}",
            e.message
        );
        // A file of more values than that many full slides stops early.
        let mut text = String::from(r#"{"events":[{"start_date":{"year":1},"x":["#);
        for _ in 0..MAX_TIMELINEJS_VALUES {
            text.push_str("[],");
        }
        text.push_str("[]]}]}");
        let e = refused(formats::read(&text));
        assert_eq!(e.code, ErrorCode::TooLarge);
        assert!(e.message.contains("at most 100000 slides"), "{}", e.message);
        // The sheet: rows are slides.
        let mut sheet = String::from("Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n");
        for _ in 0..=MAX_TIMELINEJS_SLIDES {
            sheet.push_str("1,,,,,,,,,a,,,,,,,,\n");
        }
        let e = refused(formats::read(&sheet));
        assert_eq!(e.code, ErrorCode::TooLarge);
    }

    #[test]
    fn timelinejs_problems_keep_the_first_fifty_in_the_text() {
        let mut text = String::from(r#"{"events":["#);
        for i in 0..120 {
            text.push_str(&format!(
                r#"{{"start_date":{{"year":"bad{i}"}},"text":{{"headline":"h{i}"}}}},"#
            ));
        }
        text.push_str(r#"{"start_date":{"year":2000},"text":{"headline":"fine"}}]}"#);
        let l = formats::read(&text).unwrap();
        assert_eq!(l.errors.len(), 50, "{:?}", l.errors);
        assert!(l.suppressed >= 70, "{}", l.suppressed);
        let cols: Vec<u32> = l.errors.iter().filter_map(|e| e.column).collect();
        assert!(cols.windows(2).all(|w| w[0] <= w[1]), "in text order");
        assert!(
            l.errors[0].message.contains("bad0"),
            "{}",
            l.errors[0].message
        );
    }

    #[test]
    fn bytes_and_counts() {
        assert!(check_bytes("x", MAX_DATA_BYTES).is_ok());
        let e = check_bytes("data.json", MAX_DATA_BYTES + 1).unwrap_err();
        assert_eq!(e.code, ErrorCode::TooLarge);
        assert!(e.fatal);
        assert!(e.message.contains("data.json is 134 MB"), "{}", e.message);
        assert!(check_counts(MAX_EVENTS, MAX_POINTS, true).is_ok());
        assert_eq!(
            check_counts(MAX_EVENTS + 1, 0, false).unwrap_err().code,
            ErrorCode::TooLarge
        );
        assert!(!check_counts(0, MAX_POINTS + 1, false).unwrap_err().fatal);
    }
}
