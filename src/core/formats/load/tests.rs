use super::*;
use crate::core::formats::limits::MAX_DATA_BYTES;

fn code(r: Result<Loaded, ChronoError>) -> &'static str {
    match r {
        Ok(_) => "ok",
        Err(e) => e.code.as_str(),
    }
}

#[test]
fn encoding_errors_name_the_byte_its_line_and_column() {
    let e = encoding_error("f.json", b"{\n  \"t\xc3\xa9\": \xff", 11);
    assert_eq!((e.line, e.column), (Some(2), Some(9)));
    assert!(e.message.contains("0xFF"), "{}", e.message);
    assert!(e
        .message
        .contains("f.json is not UTF-8 text (invalid byte at offset 11)"));
    assert_eq!(e.code, ErrorCode::BadEncoding);
    assert!(e.fatal);
    let e = load("d", b"{\"title\": \"Caf\xe9\"}", Limits::Apply).unwrap_err();
    assert_eq!(
        (e.code, e.line, e.column),
        (ErrorCode::BadEncoding, Some(1), Some(15))
    );
}

#[test]
fn data_that_is_none_of_the_formats_is_no_data() {
    for text in [
        "{}",
        r#"{"name": "left-pad", "version": "1.3.0"}"#,
        r#"{"title": "Only a title"}"#,
    ] {
        let e = load_text("d", text, Limits::Apply).unwrap_err();
        assert_eq!(e.code, ErrorCode::NoData, "{text}");
        assert!(e.fatal);
        assert_eq!((e.path.as_deref(), e.line), (None, Some(1)), "{text}");
        assert!(e.message.starts_with("nothing to show"), "{}", e.message);
    }
}

#[test]
fn data_whose_every_item_was_skipped_is_no_data_naming_the_first_problems() {
    let e = load_text("d", r#"{"events": "not a list"}"#, Limits::Apply).unwrap_err();
    assert_eq!(e.code, ErrorCode::NoData);
    assert_eq!(e.path.as_deref(), Some("events"));
    assert!(e.message.contains("Skipped: "), "{}", e.message);

    let bad: Vec<String> = (0..5)
        .map(|i| format!(r#"{{"id": "e{i}", "start": "later", "title": "E"}}"#))
        .collect();
    let text = format!("{{\"events\": [\n{}\n]}}", bad.join(",\n"));
    let e = load_text("d", &text, Limits::Apply).unwrap_err();
    assert_eq!(e.code, ErrorCode::NoData);
    assert_eq!(
        (e.path.as_deref(), e.line),
        (Some("events[0].start"), Some(2))
    );
    for i in 0..3 {
        assert!(
            e.message.contains(&format!("events[{i}].start")),
            "{}",
            e.message
        );
    }
    assert!(!e.message.contains("events[3].start"), "{}", e.message);
    assert!(e.message.ends_with("; and 2 more"), "{}", e.message);

    // TimelineJS whose every event is broken; a series CSV of nothing usable
    let tl = r#"{"events": [{"start_date": {"year": "soon"}, "text": {"headline": "A"}}]}"#;
    assert_eq!(code(load_text("d", tl, Limits::Apply)), "no_data");
}

#[test]
fn data_empty_on_purpose_stays_valid() {
    for text in [
        r#"{"events": []}"#,
        r#"{"title": "Not yet", "events": [], "series": []}"#,
        r#"{"series": [{"id": "s", "name": "S", "points": []}]}"#,
        "date,GDP\n",
    ] {
        let l = load_text("d", text, Limits::Apply).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert!(l.errors.is_empty(), "{text}");
    }
    // one good item among bad ones: the rest shows, each problem reported
    let l = load_text(
        "d",
        r#"{"events": [{"id": "a", "start": "2001", "title": "A"}, {"id": "b", "title": "B"}]}"#,
        Limits::Apply,
    )
    .unwrap();
    assert_eq!((l.dataset.events.len(), l.errors.len()), (1, 1));
}

#[test]
fn limits_apply_unless_lifted() {
    let big = vec![b' '; MAX_DATA_BYTES + 1];
    assert_eq!(code(load("d", &big, Limits::Apply)), "too_large");
    // lifted, the size is not checked: the bytes go on to be read (a
    // blank text is no JSON at all)
    assert_eq!(code(load("d", &big[..1000], Limits::Lift)), "json_syntax");
}
