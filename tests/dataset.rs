//! The dataset decoder: the SIP story, every bad-input case, and where
//! errors point.
#![cfg(not(target_arch = "wasm32"))]

use chronoscope::core::data::error::{ChronoError, ErrorCode};
use chronoscope::core::data::model::{Loaded, SeriesKind, MAX_REPORTED_ERRORS};
use chronoscope::core::data::time::{parse_time, Precision};
use chronoscope::core::formats::dataset::parse_dataset;

const SIP_EN: &str = include_str!("../www/data/sip.en.json");
const SIP_ZH: &str = include_str!("../www/data/sip.zh-Hant.json");

fn ok(text: &str) -> Loaded {
    match parse_dataset(text) {
        Ok(l) => l,
        Err(e) => panic!("expected a usable dataset, got {e}"),
    }
}

fn fatal(text: &str) -> ChronoError {
    match parse_dataset(text) {
        Ok(_) => panic!("expected a fatal error"),
        Err(e) => {
            assert!(e.fatal);
            e
        }
    }
}

/// The single non-fatal error of a dataset.
fn one_error(text: &str) -> (Loaded, ChronoError) {
    let l = ok(text);
    assert_eq!(l.errors.len(), 1, "errors: {:?}", l.errors);
    let e = l.errors[0].clone();
    assert!(!e.fatal);
    (l, e)
}

#[test]
fn sip_datasets_are_complete_and_clean() {
    for text in [SIP_EN, SIP_ZH] {
        let l = ok(text);
        assert!(l.errors.is_empty(), "{:?}", l.errors);
        let d = &l.dataset;
        assert_eq!(d.events.len(), 20);
        assert_eq!(d.groups.len(), 5);
        assert_eq!(d.eras.len(), 1);
        assert_eq!(d.series.len(), 2);
        // events sorted by time; the first is the park's start in 1994
        assert!(d.events.windows(2).all(|w| w[0].start.ms <= w[1].start.ms));
        assert_eq!(d.events[0].id, "sip-founded");
        assert_eq!(d.events[0].start.precision, Precision::Year);
        let forum = &d.events[d.event_index("services-trade-forum-5").unwrap()];
        assert_eq!(forum.start.ms, parse_time("2022-11-06").unwrap().ms);
        assert_eq!(forum.start.precision, Precision::Day);
        let gdp = &d.series[0];
        assert_eq!(gdp.kind, SeriesKind::Area);
        assert_eq!(gdp.v, vec![1589.0, 3330.0]);
        assert_eq!(gdp.precision, Some(Precision::Year));
        assert!(gdp.note.is_some(), "assumed years are explained");
        assert_eq!(d.series[1].v, vec![770.0, 1120.0]);
        // Every string is clean: no pinyin annotations, no mojibake.
        let mut strings: Vec<&str> = vec![&d.title, &d.description];
        for e in &d.events {
            strings.push(&e.title);
            strings.extend(e.text.as_deref());
            strings.extend(e.display_date.as_deref());
        }
        for s in &d.series {
            strings.push(&s.name);
            strings.extend(s.note.as_deref());
        }
        for s in strings {
            assert!(!s.contains('\u{fffd}') && !s.contains("?!?"), "{s}");
            let chars: Vec<char> = s.chars().collect();
            for w in chars.windows(3) {
                let cjk = chronoscope::core::text::measure::is_wide(w[0]) && w[0] as u32 >= 0x3400;
                assert!(
                    !(cjk && w[1] == '(' && w[2].is_ascii_lowercase()),
                    "pinyin annotation in {s}"
                );
            }
        }
    }
}

#[test]
fn malformed_json_is_fatal_with_line_and_column() {
    let e = fatal("{\n  \"events\": [\n    {\"id\": \"a\",}\n  ]\n}");
    assert_eq!(e.code, ErrorCode::JsonSyntax);
    assert_eq!((e.line, e.column), (Some(3), Some(15)));
    assert_eq!(fatal("").code, ErrorCode::JsonSyntax);
    assert_eq!(fatal("[1, 2").code, ErrorCode::JsonSyntax);
}

#[test]
fn a_dataset_must_be_an_object_of_a_known_version() {
    let e = fatal("[]");
    assert_eq!(e.code, ErrorCode::WrongType);
    assert_eq!(e.path.as_deref(), Some(""));
    let e = fatal("{\"schemaVersion\": 2}");
    assert_eq!(e.code, ErrorCode::UnsupportedVersion);
    assert_eq!(e.path.as_deref(), Some("schemaVersion"));
    assert_eq!((e.line, e.column), (Some(1), Some(19)));
    assert!(ok("{\"schemaVersion\": 1, \"events\": []}")
        .errors
        .is_empty());
    // Naming none of events, eras or series: nothing to show (issue 14).
    assert_eq!(fatal("{}").code, ErrorCode::NoData);
    assert_eq!(fatal("{\"schemaVersion\": 1}").code, ErrorCode::NoData);
}

const GOOD: &str = r#"{"id": "good", "start": "2001", "title": "Good"}"#;

fn with_event(bad: &str) -> String {
    format!("{{\"events\": [\n  {GOOD},\n  {bad}\n]}}")
}

#[test]
fn one_bad_event_is_skipped_and_reported_where_it_is() {
    let cases: &[(&str, ErrorCode, &str, (u32, u32))] = &[
        (
            r#"{"id": "b", "start": "2022-13-01", "title": "B"}"#,
            ErrorCode::BadTime,
            "events[1].start",
            (3, 24),
        ),
        (
            r#"{"id": "b", "start": "someday", "title": "B"}"#,
            ErrorCode::BadTime,
            "events[1].start",
            (3, 24),
        ),
        (
            r#"{"id": "b", "start": true, "title": "B"}"#,
            ErrorCode::WrongType,
            "events[1].start",
            (3, 24),
        ),
        (
            r#"{"id": "b", "title": "B"}"#,
            ErrorCode::MissingField,
            "events[1].start",
            (3, 3),
        ),
        (
            r#"{"id": "b", "start": "2001"}"#,
            ErrorCode::MissingField,
            "events[1].title",
            (3, 3),
        ),
        (
            r#"{"start": "2001", "title": "B"}"#,
            ErrorCode::MissingField,
            "events[1].id",
            (3, 3),
        ),
        (
            r#"{"id": "  ", "start": "2001", "title": "B"}"#,
            ErrorCode::BadValue,
            "events[1].id",
            (3, 10),
        ),
        (
            r#"{"id": "b", "start": "2001", "end": "1999", "title": "B"}"#,
            ErrorCode::EndBeforeStart,
            "events[1].end",
            (3, 39),
        ),
        (
            r#"{"id": "b", "start": 1e400, "title": "B"}"#,
            ErrorCode::NonFinite,
            "events[1].start",
            (3, 24),
        ),
        (
            r#"{"id": "good", "start": "2002", "title": "Again"}"#,
            ErrorCode::DuplicateId,
            "events[1].id",
            (3, 10),
        ),
        (
            r#""just a string""#,
            ErrorCode::WrongType,
            "events[1]",
            (3, 3),
        ),
    ];
    for (bad, code, path, (line, col)) in cases {
        let (l, e) = one_error(&with_event(bad));
        assert_eq!(e.code, *code, "{bad}: {e}");
        assert_eq!(e.path.as_deref(), Some(*path), "{bad}");
        assert_eq!((e.line, e.column), (Some(*line), Some(*col)), "{bad}: {e}");
        assert_eq!(l.dataset.events.len(), 1, "{bad}: the good event stays");
        assert_eq!(l.dataset.events[0].id, "good");
    }
}

#[test]
fn fixable_fields_are_dropped_not_the_event() {
    let cases: &[(&str, ErrorCode, &str)] = &[
        (
            r#"{"id": "b", "start": "2001", "title": "B", "group": "nope"}"#,
            ErrorCode::UnknownGroup,
            "events[1].group",
        ),
        (
            r#"{"id": "b", "start": "2001", "title": "B", "link": "javascript:alert(1)"}"#,
            ErrorCode::BadUrl,
            "events[1].link",
        ),
        (
            r#"{"id": "b", "start": "2001", "title": "B", "link": "data:text/html,x"}"#,
            ErrorCode::BadUrl,
            "events[1].link",
        ),
        (
            r#"{"id": "b", "start": "2001", "title": "B", "media": {"url": "vbscript:x", "alt": "a"}}"#,
            ErrorCode::BadUrl,
            "events[1].media.url",
        ),
        (
            r#"{"id": "b", "start": "2001", "title": "B", "source": {"name": "S", "url": "ftp://x"}}"#,
            ErrorCode::BadUrl,
            "events[1].source.url",
        ),
        (
            r#"{"id": "b", "start": "2001", "title": "B", "text": 5}"#,
            ErrorCode::WrongType,
            "events[1].text",
        ),
    ];
    for (bad, code, path) in cases {
        let (l, e) = one_error(&with_event(bad));
        assert_eq!(e.code, *code, "{bad}: {e}");
        assert_eq!(e.path.as_deref(), Some(*path), "{bad}");
        assert_eq!(l.dataset.events.len(), 2, "{bad}: the event stays");
    }
    let l = ok(&with_event(
        r#"{"id": "b", "start": "2001", "title": "B", "link": "mailto:desk@example.org"}"#,
    ));
    assert!(l.errors.is_empty());
    let b = &l.dataset.events[l.dataset.event_index("b").unwrap()];
    assert_eq!(b.link.as_deref(), Some("mailto:desk@example.org"));
}

#[test]
fn relative_addresses_are_kept_and_script_addresses_are_not() {
    use chronoscope::core::data::url::{is_relative_url, is_safe_ref};
    // Relative references: media, links and sources, kept as written (the
    // widget resolves them against the dataset's own address).
    let relative = [
        "img/a.jpg",
        "/static/img/x.jpg",
        "../up/b.png",
        "./c.gif",
        "examples/taylor/born.jpg?w=2#top",
        "?page=2",
        "#notes",
        "//cdn.example.org/d.png",
        "img/a:b.jpg",
        "a/javascript:alert(1)",
    ];
    for url in relative {
        assert!(is_relative_url(url) && is_safe_ref(url, false), "{url}");
        let event = format!(
            r#"{{"id": "b", "start": "2001", "title": "B", "link": {url:?}, "media": {{"url": {url:?}, "alt": "a"}}, "source": {{"name": "S", "url": {url:?}}}}}"#
        );
        let l = ok(&with_event(&event));
        assert!(l.errors.is_empty(), "{url}: {:?}", l.errors);
        let b = &l.dataset.events[l.dataset.event_index("b").unwrap()];
        assert_eq!(b.link.as_deref(), Some(url));
        assert_eq!(b.media.as_ref().map(|m| m.url.as_str()), Some(url));
        assert_eq!(b.source.as_ref().and_then(|s| s.url.as_deref()), Some(url));
    }
    // Script and data addresses stay out in every spelling: any case,
    // white space or control characters before or inside, entity- or
    // percent-encoded colons, an empty scheme.
    let refused = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "\tjavascript:alert(1)",
        "\u{1}javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\u{0}script:alert(1)",
        "javascript\u{a0}:alert(1)",
        "&#106;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "javascript%3Aalert(1)",
        "javascript%3aalert(1)",
        "%6Aavascript:alert(1)",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:image/png;base64,iVBORw0KGgo=",
        "DATA:image/svg+xml,<svg onload=alert(1)>",
        "file:///etc/passwd",
        ":relative-looking",
        "img/a b.jpg",
        "",
        "   ",
    ];
    for url in refused {
        assert!(!is_safe_ref(url, true), "{url:?}");
        let json_url = serde_json::to_string(url).unwrap();
        for field in [
            format!(r#""link": {json_url}"#),
            format!(r#""media": {{"url": {json_url}, "alt": "a"}}"#),
            format!(r#""source": {{"name": "S", "url": {json_url}}}"#),
        ] {
            let l = ok(&with_event(&format!(
                r#"{{"id": "b", "start": "2001", "title": "B", {field}}}"#
            )));
            let b = &l.dataset.events[l.dataset.event_index("b").unwrap()];
            assert_eq!(b.link, None, "{url:?}");
            assert!(b.media.is_none(), "{url:?}");
            assert!(b.source.as_ref().is_none_or(|s| s.url.is_none()), "{url:?}");
            if !url.trim().is_empty() {
                assert_eq!(l.errors.len(), 1, "{url:?} {field}");
                assert_eq!(l.errors[0].code, ErrorCode::BadUrl, "{url:?}");
            }
        }
    }
}

#[test]
fn colours_eras_and_groups() {
    let text = r##"{
      "groups": [{"id": "g", "label": "G", "color": "#12g"}, {"id": "g", "label": "again"}, {"id": "h", "color": "#a1b2c3"}],
      "eras": [{"start": "1990", "end": "1980", "label": "backwards"}, {"start": "1990", "end": "2000", "label": "ok", "color": "#abc"}]
    }"##;
    let l = ok(text);
    let codes: Vec<_> = l
        .errors
        .iter()
        .map(|e| (e.code, e.path.clone().unwrap()))
        .collect();
    assert_eq!(
        codes,
        vec![
            (ErrorCode::BadColor, "groups[0].color".to_string()),
            (ErrorCode::DuplicateId, "groups[1].id".to_string()),
            (ErrorCode::EndBeforeStart, "eras[0].end".to_string()),
        ]
    );
    let d = l.dataset;
    assert_eq!(d.groups.len(), 2);
    assert_eq!(d.groups[0].color, None);
    assert_eq!(d.groups[1].label, "h", "label defaults to the id");
    assert_eq!(d.groups[1].color.unwrap().to_hex(), "#a1b2c3");
    assert_eq!(d.eras.len(), 1);
    assert_eq!(d.eras[0].color.unwrap().to_hex(), "#aabbcc");
}

#[test]
fn series_points_in_both_forms_with_gaps_and_bad_points() {
    let text = r#"{"series": [
      {"id": "a", "name": "A", "unit": "u", "kind": "bar", "points": [["2003", 3], ["2001", 1], ["2002", null], ["bad", 4], ["2004", 1e999], [2004]]},
      {"id": "b", "points": {"t": ["2001", "2002", "2003"], "v": [1, 2]}},
      {"id": "c", "kind": "pie", "points": []},
      {"id": "a", "points": []},
      {"id": "d"}
    ]}"#;
    let l = ok(text);
    let codes: Vec<_> = l
        .errors
        .iter()
        .map(|e| (e.code, e.path.clone().unwrap()))
        .collect();
    assert_eq!(
        codes,
        vec![
            (ErrorCode::BadTime, "series[0].points[3][0]".to_string()),
            (ErrorCode::NonFinite, "series[0].points[4][1]".to_string()),
            (ErrorCode::WrongType, "series[0].points[5]".to_string()),
            (ErrorCode::PointsLength, "series[1].points".to_string()),
            (ErrorCode::BadValue, "series[2].kind".to_string()),
            (ErrorCode::DuplicateId, "series[3].id".to_string()),
            (ErrorCode::MissingField, "series[4].points".to_string()),
        ]
    );
    let d = l.dataset;
    assert_eq!(d.series.len(), 2);
    let a = &d.series[0];
    assert_eq!(a.kind, SeriesKind::Bar);
    // sorted by time, the null kept as a gap
    assert_eq!(a.t.len(), 3);
    assert!(a.t.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(a.v[0], 1.0);
    assert!(a.v[1].is_nan());
    assert_eq!(a.v[2], 3.0);
    let b = &d.series[1];
    assert_eq!(b.kind, SeriesKind::Line, "kind defaults to line");
    assert_eq!(b.name, "b", "name defaults to the id");
    assert_eq!(b.v, vec![1.0, 2.0]);
}

#[test]
fn every_time_form_is_accepted_and_extent_covers_everything() {
    let text = r#"{
      "eras": [{"start": "66 Ma", "end": "12 ka"}],
      "events": [
        {"id": "a", "start": "-0499", "title": "A"},
        {"id": "b", "start": "500 BCE", "title": "B"},
        {"id": "c", "start": "2022-11-06T09:30:00+08:00", "title": "C"},
        {"id": "d", "start": 0, "title": "D"},
        {"id": "e", "start": "4.54 Ga", "title": "E"}
      ],
      "series": [{"id": "s", "points": [["2100", 1]]}]
    }"#;
    let l = ok(text);
    assert!(l.errors.is_empty(), "{:?}", l.errors);
    let d = &l.dataset;
    let a = &d.events[d.event_index("a").unwrap()];
    let b = &d.events[d.event_index("b").unwrap()];
    assert_eq!(a.start.ms, b.start.ms, "-0499 is 500 BCE");
    let c = &d.events[d.event_index("c").unwrap()];
    assert_eq!(c.start.offset_min, Some(480));
    assert_eq!(d.events[0].id, "e", "deep time sorts first");
    let (lo, hi) = d.extent().unwrap();
    assert_eq!(lo, parse_time("4.54 Ga").unwrap().ms);
    assert_eq!(hi, parse_time("2100").unwrap().ms);
}

#[test]
fn error_lists_are_capped() {
    let bad: Vec<String> = (0..200)
        .map(|i| format!(r#"{{"id": "e{i}", "start": "never", "title": "x"}}"#))
        .collect();
    let l = ok(&format!(r#"{{"events": [{}]}}"#, bad.join(",")));
    assert_eq!(l.errors.len(), MAX_REPORTED_ERRORS);
    assert_eq!(l.suppressed, 200 - MAX_REPORTED_ERRORS);
    assert!(l.dataset.events.is_empty());
}

#[test]
fn top_level_sections_of_the_wrong_type_are_reported_not_fatal() {
    let l = ok(r#"{"title": 5, "events": {"id": "x"}, "eras": null, "groups": "g"}"#);
    let paths: Vec<_> = l.errors.iter().map(|e| e.path.clone().unwrap()).collect();
    assert_eq!(paths, vec!["title", "events", "groups"], "document order");
    assert!(l
        .errors
        .iter()
        .all(|e| e.code == ErrorCode::WrongType && !e.fatal));
}

#[test]
fn numeric_points_columns_and_pairs_report_bad_entries_where_they_are() {
    // Numbers-only arrays are stored as compact columns by the parser; a
    // problem inside one still names its path, line and column.
    let text = "{\"series\": [\n {\"id\": \"n\", \"points\": {\"t\": [0, null, 172800000, 259200000],\n  \"v\": [1, 2, 1e999, null]}},\n {\"id\": \"p\", \"points\": [[0, 1], [null, 2], [86400000, 1e999], [172800000, null]]}\n]}";
    let l = ok(text);
    let got: Vec<_> = l
        .errors
        .iter()
        .map(|e| {
            (
                e.code,
                e.path.clone().unwrap(),
                e.line.unwrap(),
                e.column.unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                ErrorCode::WrongType,
                "series[0].points.t[1]".to_string(),
                2,
                34
            ),
            (
                ErrorCode::NonFinite,
                "series[0].points.v[2]".to_string(),
                3,
                15
            ),
            (
                ErrorCode::WrongType,
                "series[1].points[1][0]".to_string(),
                4,
                34
            ),
            (
                ErrorCode::NonFinite,
                "series[1].points[2][1]".to_string(),
                4,
                55
            ),
        ]
    );
    let n = &l.dataset.series[0];
    assert_eq!(n.t, vec![0.0, 259_200_000.0]);
    assert_eq!(n.v[0], 1.0);
    assert!(n.v[1].is_nan(), "null is a gap");
    let p = &l.dataset.series[1];
    assert_eq!(p.t, vec![0.0, 172_800_000.0]);
    assert!(p.v[1].is_nan());
}

#[test]
fn events_are_read_one_at_a_time_whatever_the_member_order() {
    // Groups after the events they name; an unknown group reported at its
    // own position; a repeated "events" key: the last one wins, and what
    // the first one reported is forgotten.
    let text = r#"{
      "events": [{"id": "x", "start": "bad", "title": "X"}],
      "events": [
        {"id": "a", "start": "2001", "title": "A", "group": "g"},
        {"id": "b", "start": "2000", "title": "B", "group": "nope"},
        {"id": "a", "start": "2002", "title": "A again"}
      ],
      "groups": [{"id": "g", "label": "G"}]
    }"#;
    let l = ok(text);
    let got: Vec<_> = l
        .errors
        .iter()
        .map(|e| {
            (
                e.code,
                e.path.clone().unwrap(),
                e.line.unwrap(),
                e.column.unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                ErrorCode::UnknownGroup,
                "events[1].group".to_string(),
                5,
                61
            ),
            (ErrorCode::DuplicateId, "events[2].id".to_string(), 6, 16),
        ]
    );
    let d = l.dataset;
    let ids: Vec<_> = d.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["b", "a"], "sorted by start");
    assert_eq!(d.events[1].group, Some(0));
    assert_eq!(d.events[0].group, None);

    // A later non-array "events" replaces an array.
    let l = ok(r#"{"events": [{"id": "a", "start": "x", "title": "A"}], "events": null}"#);
    assert!(l.dataset.events.is_empty());
    assert!(l.errors.is_empty(), "{:?}", l.errors);
}

#[test]
fn syntax_errors_inside_the_events_are_those_of_the_parser() {
    for text in [
        "{\"events\": [{\"id\": \"a\", \"start\": 1, \"title\": \"A\"},\n ]}",
        "{\"events\": [{\"id\": \"a\" \"start\": 1}]}",
        "{\"events\": [1, 2 3]}",
        "{\"events\": [], }",
        "{\"events\": []} x",
        "{\"events\": [",
        "[1, 2]",
    ] {
        let ours = chronoscope::core::formats::dataset::parse_dataset(text);
        let parser = chronoscope::core::formats::json::parse(text);
        match (ours, parser) {
            (Err(e), Err(p)) => {
                assert_eq!(e.code, ErrorCode::JsonSyntax, "{text}");
                assert_eq!(
                    (e.message.as_str(), e.line, e.column),
                    (p.message.as_str(), Some(p.line), Some(p.column)),
                    "{text}"
                );
            }
            (Err(e), Ok(_)) => assert_eq!(e.code, ErrorCode::WrongType, "{text}: {e:?}"),
            (ours, parser) => panic!("{text}: {ours:?} vs {parser:?}"),
        }
    }
}

#[test]
fn clean_number_columns_become_the_series_as_they_are() {
    let text = r#"{"series": [{"id": "x", "kind": "oops", "points": []}],
      "series": [
        {"id": "a", "points": {"t": [172800000, 86400000, -0.0], "v": [3, null, 1]}},
        {"id": "b", "points": {"t": [0, 1500], "v": [1, 2]}}
      ]}"#;
    let l = ok(text);
    assert!(
        l.errors.is_empty(),
        "the first \"series\" is replaced: {:?}",
        l.errors
    );
    let a = &l.dataset.series[0];
    assert_eq!(a.t, vec![0.0, 86_400_000.0, 172_800_000.0], "sorted");
    assert!(a.t[0].is_sign_positive(), "-0 is 0");
    assert_eq!(a.v[0], 1.0);
    assert!(a.v[1].is_nan(), "null is a gap");
    assert_eq!(a.v[2], 3.0);
    assert_eq!(a.precision, Some(Precision::Day));
    let b = &l.dataset.series[1];
    assert_eq!(b.precision, None, "mixed precisions");
}
