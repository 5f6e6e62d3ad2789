use super::*;
use crate::core::data::model::Rgb;
use crate::core::formats;
use crate::core::formats::dataset::parse_dataset;
use crate::core::formats::write_json;
use crate::core::text::markup;

const TYPICAL: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/timelinejs/typical.json"
));
const BCE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/timelinejs/bce.json"
));
const COSMOLOGICAL: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/timelinejs/cosmological.json"
));
const SHEET: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/timelinejs/sheet.csv"
));
const SHEET_LF: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/timelinejs/sheet-lf.csv"
));
const MEDIA_HTML: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/timelinejs/media-html.json"
));
const V2: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/timelinejs/v2.json"
));

fn load(text: &str) -> Loaded {
    formats::read(text).unwrap_or_else(|e| panic!("{e}"))
}

fn clean(text: &str) -> Dataset {
    let l = load(text);
    assert!(l.errors.is_empty(), "{:#?}", l.errors);
    l.dataset
}

fn event<'d>(ds: &'d Dataset, id: &str) -> &'d Event {
    ds.events.iter().find(|e| e.id == id).unwrap_or_else(|| {
        panic!(
            "no event {id} in {:?}",
            ds.events.iter().map(|e| &e.id).collect::<Vec<_>>()
        )
    })
}

fn when(t: &TimePoint) -> String {
    time_string(t)
}

fn group_of<'d>(ds: &'d Dataset, e: &Event) -> Option<&'d str> {
    e.group.map(|g| ds.groups[g].id.as_str())
}

/// What the importer gives is a dataset our own format keeps exactly.
fn assert_round_trips(ds: &Dataset) {
    let written = write_json::dataset_json(ds);
    let back = parse_dataset(&written).unwrap_or_else(|e| panic!("{e}\n{written}"));
    assert!(back.errors.is_empty(), "{:?}\n{written}", back.errors);
    assert_eq!(&back.dataset, ds, "{written}");
}

#[test]
fn typical_json_maps_every_field() {
    assert!(looks_like_json(TYPICAL));
    let ds = clean(TYPICAL);
    assert_eq!(ds.title, "The Harbour Library 1901–2021");
    assert_eq!(
        ds.description,
        "How a reading room for sailors became the town’s largest library."
    );
    assert_eq!((ds.locale.as_deref(), ds.source.as_ref()), (None, None));
    let groups: Vec<(&str, &str, Option<Rgb>)> = ds
        .groups
        .iter()
        .map(|g| (g.id.as_str(), g.label.as_str(), g.color))
        .collect();
    assert_eq!(
        groups,
        [
            ("Buildings", "Buildings", None),
            ("Service", "Service", None)
        ]
    );
    let ids: Vec<&str> = ds.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "reading-room",
            "war",
            "the-new-building",
            "moon-night",
            "the-catalogue-goes-online-snake-case-ids-and-all"
        ]
    );

    let e = event(&ds, "reading-room");
    assert_eq!(
        (when(&e.start), e.start.precision),
        ("1901-04-12".into(), Precision::Day)
    );
    assert_eq!(e.start.offset_min, None);
    assert_eq!(e.end, None);
    assert_eq!(e.title, "A reading room opens");
    assert_eq!(
        e.text.as_deref(),
        Some(
            "The Seamen's Mission rents *two rooms* above the customs house.\n\n\
             See the [mission ledger](https://archive.example.org/mission/1901)."
        )
    );
    assert_eq!(
        e.media.as_deref(),
        Some(&Media {
            url: "https://images.example.org/harbour/1901.png".into(),
            alt: "Two rooms with shelves and a stove".into(),
            caption: Some("The first reading room".into()),
            credit: Some("Town archive".into()),
        })
    );
    assert_eq!(
        e.link.as_deref(),
        Some("https://archive.example.org/photos/1901")
    );
    assert_eq!(group_of(&ds, e), Some("Buildings"));
    assert_eq!(e.display_date, None);

    let e = event(&ds, "war");
    assert_eq!(when(&e.start), "1914-08");
    assert_eq!(e.start.precision, Precision::Month);
    assert_eq!(e.end.map(|t| when(&t)).as_deref(), Some("1918-11"));
    assert_eq!(e.display_date.as_deref(), Some("During the war"));
    assert_eq!(
        e.text.as_deref(),
        Some(r"Books went to ships from a handcart: 5 \* 3 crates a week.")
    );
    assert_eq!(
        markup::plain_text(e.text.as_deref().unwrap()),
        "Books went to ships from a handcart: 5 * 3 crates a week."
    );
    assert_eq!((e.media.as_ref(), e.link.as_ref()), (None, None));
    assert_eq!(group_of(&ds, e), Some("Service"));

    // A video: the link, with its thumbnail as the picture (the background
    // image is not needed then).
    let e = event(&ds, "the-new-building");
    assert_eq!(when(&e.start), "1932-06-03T09:30");
    assert_eq!(e.start.precision, Precision::Minute);
    assert_eq!(e.text.as_deref(), Some("• three floors\n• a map room"));
    assert_eq!(
        e.link.as_deref(),
        Some("https://www.youtube.com/watch?v=abc123XYZ")
    );
    assert_eq!(
        e.media.as_deref(),
        Some(&Media {
            url: "https://images.example.org/harbour/newsreel.jpg".into(),
            alt: "Newsreel of the opening".into(),
            caption: Some("Newsreel of the opening".into()),
            credit: Some("Example Newsreel Co.".into()),
        })
    );

    // Down to the millisecond; the date's own display_date; the background
    // image stands in for missing media.
    let e = event(&ds, "moon-night");
    assert_eq!(when(&e.start), "1969-07-20T20:17:40.250");
    assert_eq!(e.start.precision, Precision::Millisecond);
    assert_eq!(
        e.display_date.as_deref(),
        Some("The night of the Moon landing")
    );
    assert_eq!(e.text, None);
    assert_eq!(
        e.media.as_deref(),
        Some(&Media {
            url: "https://images.example.org/harbour/night.jpg".into(),
            alt: "The reading room at night".into(),
            caption: None,
            credit: None,
        })
    );

    // No headline and no unique_id: title from the text, id from the title;
    // an end equal to the start is dropped, as TimelineJS does.
    let e = &ds.events[4];
    assert_eq!(
        e.title,
        "The catalogue goes online — snake_case ids and all."
    );
    assert_eq!(when(&e.start), "2021-10-01T14:05:09");
    assert_eq!(e.start.precision, Precision::Second);
    assert_eq!(e.end, None);
    assert_eq!(
        e.text.as_deref(),
        Some(r"The catalogue goes online — snake\_case ids and all.")
    );
    assert_eq!(group_of(&ds, e), None);

    let eras: Vec<(String, String, &str)> = ds
        .eras
        .iter()
        .map(|e| (when(&e.start), when(&e.end), e.label.as_str()))
        .collect();
    assert_eq!(
        eras,
        [
            ("1901".into(), "1932".into(), "Mission years"),
            ("1932".into(), "2021-12".into(), "Town library"),
        ]
    );
    assert_round_trips(&ds);
}

#[test]
fn negative_years_are_bce_as_timelinejs_shows_them() {
    let ds = clean(BCE);
    assert_eq!(ds.title, "Bronze, iron and Rome");
    let t = |id: &str| when(&event(&ds, id).start);
    assert_eq!(t("bce-500"), "-0499");
    assert_eq!(event(&ds, "bce-500").start, parse_time("500 BCE").unwrap());
    assert_eq!(t("ides"), "-0043-03-15");
    assert_eq!(event(&ds, "ides").start.precision, Precision::Day);
    assert_eq!(t("collapse"), "-1199");
    assert_eq!(
        event(&ds, "collapse").end,
        Some(parse_time("1150 BCE").unwrap())
    );
    assert_eq!(t("one-bce"), "0000");
    assert_eq!(t("one-ce"), "0001");
    assert_eq!(
        (when(&ds.eras[0].start), when(&ds.eras[0].end)),
        ("-3299".into(), "-1199".into())
    );
    // In time order.
    let ids: Vec<&str> = ds.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["collapse", "bce-500", "ides", "one-bce", "one-ce"]);
    assert_round_trips(&ds);
}

#[test]
fn cosmological_years_become_deep_time() {
    let ds = clean(COSMOLOGICAL);
    let e = |id: &str| event(&ds, id);
    assert_eq!(
        (
            when(&e("first-light").start),
            e("first-light").start.precision
        ),
        ("13.8 Ga".into(), Precision::Ga)
    );
    assert_eq!(when(&e("earth").start), "4.54 Ga");
    assert_eq!(
        (
            when(&e("extinction").start),
            e("extinction").start.precision
        ),
        ("66 Ma".into(), Precision::Ma)
    );
    assert_eq!(
        e("extinction").end.map(|t| when(&t)).as_deref(),
        Some("65.5 Ma")
    );
    assert_eq!(
        (when(&e("farming").start), e("farming").start.precision),
        ("12 ka".into(), Precision::Ka)
    );
    // Calendar years stay calendar dates.
    assert_eq!(when(&e("moon").start), "1969-07-20");
    assert_eq!(
        (
            when(&ds.eras[0].start),
            when(&ds.eras[0].end),
            ds.eras[0].label.as_str()
        ),
        ("541 Ma".into(), "252 Ma".into(), "Palaeozoic")
    );
    assert_eq!(ds.description, "Deep time, counted in years before now.");
    assert_round_trips(&ds);

    // Without "scale", a year no JavaScript date holds makes it
    // cosmological, as in TimelineJS.
    let unscaled = COSMOLOGICAL.replacen("\"scale\": \"cosmological\",", "", 1);
    assert_eq!(clean(&unscaled), ds);
    // A human-scale file keeps calendar years, however far back.
    let human = COSMOLOGICAL.replacen("\"cosmological\"", "\"human\"", 1);
    let h = clean(&human);
    assert_eq!(event(&h, "farming").start, parse_time("12000 BCE").unwrap());
    assert_eq!(event(&h, "farming").start.precision, Precision::Year);
}

#[test]
fn sheet_csv_with_bom_crlf_quotes_title_and_era_rows() {
    assert!(SHEET.starts_with('\u{feff}') && SHEET.contains("\r\n"));
    assert!(looks_like_sheet(SHEET));
    let ds = clean(SHEET);
    assert_eq!(ds.title, "蘇州工業園區大事記");
    assert_eq!(ds.description, "中新合作, 1994–2022");
    let ids: Vec<&str> = ds.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "簽署協議",
            "groundbreaking-phase-one",
            "expansion",
            "year-end"
        ]
    );

    let e = event(&ds, "簽署協議");
    assert_eq!(when(&e.start), "1994-02-26");
    assert_eq!(e.text.as_deref(), Some("中國與新加坡簽署**合作協議**。"));
    assert_eq!(
        e.media.as_deref(),
        Some(&Media {
            url: "https://images.example.org/sip/1994.jpg".into(),
            alt: "簽署儀式, 北京".into(),
            caption: Some("簽署儀式, 北京".into()),
            credit: Some("Photo: Archive, Suzhou".into()),
        })
    );
    assert_eq!(group_of(&ds, e), Some("政府"));

    let e = event(&ds, "groundbreaking-phase-one");
    assert_eq!(e.title, "Groundbreaking, phase one");
    assert_eq!(
        (when(&e.start), e.start.precision),
        ("1994-05-12T09:30".into(), Precision::Minute)
    );
    // A line break in a cell is white space in HTML, as TimelineJS shows it.
    assert_eq!(
        e.text.as_deref(),
        Some("Line one line two, with a comma and \"quotes\"")
    );
    assert_eq!(
        e.media.as_ref().map(|m| (m.url.as_str(), m.alt.as_str())),
        Some(("https://images.example.org/sip/bg.png", ""))
    );
    assert_eq!(group_of(&ds, e), Some("Construction"));

    let e = event(&ds, "expansion");
    assert_eq!(when(&e.start), "2001");
    assert_eq!(e.end.map(|t| when(&t)).as_deref(), Some("2005-06"));
    assert_eq!(e.display_date.as_deref(), Some("2001 to mid-2005"));
    assert_eq!(e.text.as_deref(), Some(r"5 \* 3 = 15; snake\_case"));
    assert_eq!(e.link.as_deref(), Some("https://vimeo.com/123456"));
    assert_eq!(
        e.media.as_deref(),
        Some(&Media {
            url: "https://images.example.org/sip/thumb.jpg".into(),
            alt: "A short film".into(),
            caption: Some("A short film".into()),
            credit: Some("Vimeo".into()),
        })
    );

    let e = event(&ds, "year-end");
    assert_eq!(
        (when(&e.start), e.start.precision),
        ("2019-12-31T23:59:59.500".into(), Precision::Millisecond)
    );

    assert_eq!(ds.eras.len(), 1);
    assert_eq!(
        (
            when(&ds.eras[0].start),
            when(&ds.eras[0].end),
            ds.eras[0].label.as_str()
        ),
        ("1994".into(), "2022".into(), "中新合作時期")
    );
    assert_round_trips(&ds);
}

#[test]
fn sheet_headers_match_loosely_and_columns_may_be_missing_or_moved() {
    assert!(looks_like_sheet(SHEET_LF));
    let ds = clean(SHEET_LF);
    assert_eq!(ds.title, "");
    let ids: Vec<&str> = ds.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["a-reading-room-opens", "the-new-building"]);
    let e = &ds.events[0];
    assert_eq!(when(&e.start), "1901-04-12");
    assert_eq!(e.text.as_deref(), Some("Two rooms, one stove"));
    assert_eq!(
        e.media.as_ref().and_then(|m| m.caption.as_deref()),
        Some("The first room")
    );
    assert_eq!(ds.events[1].display_date.as_deref(), Some("June 1932"));
    assert_eq!(
        (when(&ds.eras[0].start), when(&ds.eras[0].end)),
        ("1901".into(), "1932".into())
    );
    assert_round_trips(&ds);
}

#[test]
fn clock_times_as_sheets_write_them() {
    let c = |s: &str| super::sheet::parse_clock(s);
    assert_eq!(c("14:30"), Some((14, Some(30), None, None)));
    assert_eq!(c(" 9:05:07 "), Some((9, Some(5), Some(7), None)));
    assert_eq!(c("09:05:07.25"), Some((9, Some(5), Some(7), Some(250))));
    assert_eq!(c("09:05:07,125"), Some((9, Some(5), Some(7), Some(125))));
    assert_eq!(c("2:30 PM"), Some((14, Some(30), None, None)));
    assert_eq!(c("12:15 am"), Some((0, Some(15), None, None)));
    assert_eq!(c("12:15 p.m."), Some((12, Some(15), None, None)));
    assert_eq!(c("1430"), Some((14, Some(30), None, None)));
    assert_eq!(c("14.30"), Some((14, Some(30), None, None)));
    assert_eq!(c("7"), Some((7, None, None, None)));
    for bad in [
        "",
        "noon",
        "1:2:3:4:5",
        "14:3x",
        "13 PM",
        "0 am",
        "::",
        "12:30:45.x",
        "一點",
    ] {
        assert_eq!(c(bad), None, "{bad}");
    }
    // Out-of-range hours and minutes are caught when the date is made.
    let text = "Year,Time,Headline\n2001,24:00,late\n2001,12:60,odd\n2001,23:59,ok\n";
    let l = load(text);
    let where_: Vec<(ErrorCode, Option<&str>)> = l
        .errors
        .iter()
        .map(|e| (e.code, e.path.as_deref()))
        .collect();
    assert_eq!(
        where_,
        [
            (ErrorCode::BadTime, Some("row 2, column B")),
            (ErrorCode::BadTime, Some("row 3, column B")),
        ]
    );
    assert_eq!(l.dataset.events.len(), 1);
}

#[test]
fn json_problems_name_the_path_and_line_and_skip_only_the_event() {
    let text = r#"{
  "events": [
    {"start_date": {"year": "1990", "month": "13"}, "text": {"headline": "bad month"}},
    {"text": {"headline": "no date"}},
    {"start_date": {"year": "MCMXC"}, "text": {"headline": "roman"}},
    {"start_date": {"year": 2000}, "end_date": {"year": 1999}, "text": {"headline": "backwards"}},
    {"start_date": {"year": 2001}, "media": {"url": "javascript:alert(1)"}, "text": {"headline": "bad media"}},
    {"start_date": {"year": 2002}, "unique_id": "x", "text": {"headline": "first x"}},
    {"start_date": {"year": 2003}, "unique_id": "x", "text": {"headline": "second x"}},
    {"start_date": "2004", "text": {"headline": "string date"}},
    {"start_date": {"year": 2005, "month": 2, "day": 30}, "text": {"headline": "feb 30"}},
    17,
    {"start_date": {"year": 2006, "month": 1.5}, "text": {"headline": "half month"}},
    {"start_date": {"year": 2007}, "end_date": {"month": 3}, "text": {"headline": "end without year"}}
  ],
  "eras": [
    {"start_date": {"year": 1990}, "text": {"headline": "open era"}}
  ]
}"#;
    assert!(looks_like_json(text));
    let l = load(text);
    let got: Vec<(ErrorCode, String, u32, u32)> = l
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
    use ErrorCode::*;
    let expected = [
        (BadTime, "events[0].start_date.month", 3, 46),
        (MissingField, "events[1].start_date", 4, 5),
        (BadTime, "events[2].start_date.year", 5, 29),
        (EndBeforeStart, "events[3].end_date.year", 6, 57),
        (BadUrl, "events[4].media.url", 7, 53),
        (DuplicateId, "events[6].unique_id", 9, 49),
        (WrongType, "events[7].start_date", 10, 20),
        (BadTime, "events[8].start_date.day", 11, 54),
        (WrongType, "events[9]", 12, 5),
        (BadTime, "events[10].start_date.month", 13, 44),
        (MissingField, "events[11].end_date", 14, 48),
        (MissingField, "eras[0].end_date", 17, 5),
    ];
    let expected: Vec<(ErrorCode, String, u32, u32)> = expected
        .iter()
        .map(|(c, p, l, col)| (*c, p.to_string(), *l, *col))
        .collect();
    assert_eq!(got, expected, "{:#?}", l.errors);
    assert!(l.errors.iter().all(|e| !e.fatal));
    // Messages say what happens, in an editor's words.
    let msg = |i: usize| l.errors[i].message.as_str();
    assert_eq!(
        msg(0),
        "month 13 is not between 1 and 12; the event is skipped"
    );
    assert_eq!(msg(1), "an event has no start date; the event is skipped");
    assert_eq!(
        msg(2),
        "year \"MCMXC\" is not a whole number; the event is skipped"
    );
    assert!(msg(5).contains("\"x-2\""), "{}", msg(5));
    assert!(msg(8).starts_with("expected an object"), "{}", msg(8));
    let kept: Vec<(&str, &str)> = l
        .dataset
        .events
        .iter()
        .map(|e| (e.id.as_str(), e.title.as_str()))
        .collect();
    assert_eq!(
        kept,
        [
            ("bad-media", "bad media"),
            ("x", "first x"),
            ("x-2", "second x"),
            ("end-without-year", "end without year"),
        ]
    );
    assert_eq!(l.dataset.events[0].media, None);
    assert_eq!(l.dataset.events[3].end, None);
    assert!(l.dataset.eras.is_empty());
}

#[test]
fn sheet_problems_name_the_row_and_column() {
    let text = "Year,Month,Day,Time,End Year,Headline,Media\r\n\
                1990,13,,,,bad month,\r\n\
                ,,,,,no year,\r\n\
                1991,,,25:00,,bad time,\r\n\
                1992,,,,1990,backwards,\r\n\
                abc,,,,,not a number,\r\n\
                \"1,993\",2,,,,\"fine, with a comma\",vbscript:msgbox\r\n\
                ,,,,,,\r\n\
                1994,2,29,,,no leap day,\r\n";
    assert!(looks_like_sheet(text));
    let l = load(text);
    let got: Vec<(ErrorCode, &str, Option<u32>)> = l
        .errors
        .iter()
        .map(|e| (e.code, e.path.as_deref().unwrap(), e.line))
        .collect();
    use ErrorCode::*;
    assert_eq!(
        got,
        [
            (BadTime, "row 2, column B", Some(2)),
            (MissingField, "row 3, column A", Some(3)),
            (BadTime, "row 4, column D", Some(4)),
            (EndBeforeStart, "row 5, column E", Some(5)),
            (BadTime, "row 6, column A", Some(6)),
            (BadUrl, "row 7, column G", Some(7)),
            (BadTime, "row 9, column C", Some(9)),
        ],
        "{:#?}",
        l.errors
    );
    assert_eq!(
        l.errors[0].message,
        "month 13 is not between 1 and 12; the row is skipped"
    );
    assert_eq!(
        l.errors[4].message,
        "year \"abc\" is not a whole number; the row is skipped"
    );
    assert!(l.errors.iter().all(|e| !e.fatal && e.column.is_none()));
    let kept: Vec<(String, &str)> = l
        .dataset
        .events
        .iter()
        .map(|e| (when(&e.start), e.title.as_str()))
        .collect();
    assert_eq!(kept, [("1993-02".to_string(), "fine, with a comma")]);
    assert_eq!(l.dataset.events[0].media, None);
}

#[test]
fn unsafe_html_and_addresses_never_get_through() {
    let text = r#"{"events": [{
      "start_date": {"year": 2001},
      "text": {
        "headline": "<img src=x onerror=alert(1)><b>Safe</b> &amp; sound<script>alert(2)</script>",
        "text": "<p>Click <a href=\"javascript:alert(3)\">here</a> or <a href='https://ok.example.org/'>there</a>.</p><script>alert(4)</script><style>p{}</style><iframe src='https://evil.example.org'>x</iframe>"
      },
      "media": {"url": "https://img.example.org/a.png", "caption": "<a href='https://x.org'>cap</a><script>c()</script>", "credit": "<i>me</i>"},
      "display_date": "<b>Spring</b> 2001",
      "group": "<em>G</em>"
    }]}"#;
    let ds = clean(text);
    let e = &ds.events[0];
    assert_eq!(e.title, "Safe & sound");
    assert_eq!(
        e.text.as_deref(),
        Some("Click here or [there](https://ok.example.org/).")
    );
    let m = e.media.as_deref().unwrap();
    assert_eq!(
        (m.caption.as_deref(), m.credit.as_deref()),
        (Some("cap"), Some("me"))
    );
    assert_eq!(e.display_date.as_deref(), Some("Spring 2001"));
    assert_eq!(ds.groups[0].id, "G");
    let written = write_json::dataset_json(&ds);
    for bad in ["<", "javascript", "alert", "onerror", "evil"] {
        assert!(!written.contains(bad), "{bad} in {written}");
    }
}

#[test]
fn telling_the_formats_apart() {
    // Ours: a string title, events with "start", or a schemaVersion.
    let ours = [
        r#"{"title": "T", "events": [{"id": "a", "start": "2001", "title": "A"}]}"#,
        r#"{"events": [{"id": "a", "title": "A"}, {"id": "b", "start": "2001", "title": "B"}]}"#,
        r#"{"schemaVersion": 1, "events": [{"start_date": {"year": 1}}]}"#,
        r#"{"events": []}"#,
        r#"{"series": [], "events": [{"start_date": {"year": 1}}]}"#,
        r#"{"groups": [], "title": {"text": {}}}"#,
        r#"{"title": "T", "timeline": {"date": []}}"#,
        r#"{"timeline": "not an object", "events": []}"#,
        r#"{}"#,
        r#"[]"#,
        "",
        "not json",
    ];
    for text in ours {
        assert!(!looks_like_json(text), "{text}");
    }
    // TimelineJS: a title slide, or events/eras with start_date, wherever
    // they come in the object.
    let theirs = [
        r#"{"title": {"text": {"headline": "T"}}}"#,
        r#"{"events": [{"start_date": {"year": 2001}}]}"#,
        r#"{"scale": "human", "eras": [{"start_date": {"year": 1}, "end_date": {"year": 2}}], "events": []}"#,
        r#"{"events": [{"text": {}}, {"start_date": {"year": 2001}}]}"#,
        "\u{feff}  {\"events\": [{\"start_date\": {\"year\": 2001}}]}",
        // TimelineJS 2: a `timeline` object.
        r#"{"timeline": {"headline": "T", "date": []}}"#,
        r#"{"timeline": {}}"#,
    ];
    for text in theirs {
        assert!(looks_like_json(text), "{text}");
    }
    // A dataset of ours still reads as before, through parse_data.
    let sip = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/sip.en.json"));
    assert!(!looks_like_json(sip));
    assert_eq!(formats::read(sip).unwrap(), parse_dataset(sip).unwrap());
    // A schemaVersion wins: TimelineJS fields are then misspelt ones of ours.
    let l = load(ours[2]);
    assert_eq!(l.errors[0].code, ErrorCode::MissingField);

    // CSV: a sheet needs Year and Headline in its header row.
    assert!(looks_like_sheet("year,headline\n2001,A\n"));
    assert!(looks_like_sheet("\u{feff}\"Year\",\"Head line\"\r\n"));
    for text in [
        "date,GDP [億元]\n2012,1589\n",
        "Year,GDP\n2001,3\n",
        "",
        "Headline\n",
    ] {
        assert!(!looks_like_sheet(text), "{text}");
    }
    let series = load("date,GDP [億元]\n2012,1589\n");
    assert_eq!(series.dataset.series.len(), 1);
    let sheet = load("Year,Headline\n2012,Opening\n");
    assert_eq!(sheet.dataset.events[0].title, "Opening");
    assert!(sheet.dataset.series.is_empty());
}

#[test]
fn a_fatal_error_only_when_nothing_can_be_read() {
    let e = formats::read(r#"{"title": {"text": {"headline": "T"}}, "events": [}"#).unwrap_err();
    assert_eq!(
        (e.code, e.fatal, e.line),
        (ErrorCode::JsonSyntax, true, Some(1))
    );
    let e = parse_json("[1]").unwrap_err();
    assert_eq!((e.code, e.fatal), (ErrorCode::WrongType, true));
    let e = parse_sheet("Year,Text\n2001,x\n").unwrap_err();
    assert!(e.fatal);
    // Wrong types in places that do not matter are reported, not fatal.
    let l = load(
        r#"{"title": {"text": "x"}, "events": {"start_date": 1}, "eras": 3, "scale": "galactic"}"#,
    );
    let codes: Vec<(ErrorCode, &str)> = l
        .errors
        .iter()
        .map(|e| (e.code, e.path.as_deref().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [
            (ErrorCode::WrongType, "title.text"),
            (ErrorCode::WrongType, "events"),
            (ErrorCode::WrongType, "eras"),
            (ErrorCode::BadValue, "scale"),
        ]
    );
}

#[test]
fn ids_are_made_unique_and_headlines_fill_in() {
    let text = r#"{"events": [
      {"start_date": {"year": 2001}, "text": {"headline": "Same"}},
      {"start_date": {"year": 2002}, "text": {"headline": "Same"}},
      {"start_date": {"year": 2003}, "text": {"headline": "Other"}, "unique_id": "same"},
      {"start_date": {"year": 2004}, "unique_id": 42, "media": {"url": "https://i.example.org/p.JPG?w=1", "caption": "Only a caption"}},
      {"start_date": {"year": 2005, "month": 6}, "display_date": "Mid-2005"},
      {"start_date": {"year": 2006, "month": 6, "day": 1}},
      {"start_date": {"year": 2007}, "text": {"text": "<p>A very long first paragraph that goes on and on well past the sixty characters a title may take.</p>"}}
    ]}"#;
    let ds = clean(text);
    let got: Vec<(&str, &str)> = ds
        .events
        .iter()
        .map(|e| (e.id.as_str(), e.title.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("same-2", "Same"),
            ("same-3", "Same"),
            ("same", "Other"),
            ("42", "Only a caption"),
            ("mid-2005", "Mid-2005"),
            ("2006-06-01", "2006-06-01"),
            (
                "a-very-long-first-paragraph-that-goes-on-and-on-well-past-th",
                "A very long first paragraph that goes on and on well past th…"
            ),
        ]
    );
    assert_eq!(
        ds.events[3].media.as_ref().map(|m| m.alt.as_str()),
        Some("Only a caption")
    );
    assert_round_trips(&ds);
}

#[test]
fn media_given_as_html_and_relative_addresses() {
    let l = load(MEDIA_HTML);
    let ds = &l.dataset;
    // A blockquote is a quotation before the event's text: its paragraphs
    // in emphasis, then the credit after a dash and the caption.
    let e = event(ds, "the-ovens-are-lit");
    assert_eq!(
        e.text.as_deref(),
        Some(
            "*We baked until the *windows* steamed over.*\n\n*Nobody went home early.*\n\n\
             — Ada Lindqvist, founder\n\nFrom an interview in 1990\n\n\
             The first loaves sell out by **seven**."
        )
    );
    assert_eq!((e.media.as_ref(), e.link.as_ref()), (None, None));
    assert_eq!(group_of(ds, e), Some("Voices"));
    assert_eq!(
        markup::plain_text(e.text.as_deref().unwrap()),
        "We baked until the windows steamed over.\n\nNobody went home early.\n\n\
         — Ada Lindqvist, founder\n\nFrom an interview in 1990\n\n\
         The first loaves sell out by seven."
    );
    // Marker characters in a quote stay text; without a headline the
    // quote gives the title.
    let e = &ds.events[1];
    assert_eq!(e.title, "Rye on Mondays, *always* rye_on_mondays.");
    assert_eq!(
        markup::plain_text(e.text.as_deref().unwrap()),
        "Rye on Mondays, *always* rye_on_mondays."
    );
    // An iframe is an embed: its address is the link (references
    // decoded), its thumbnail the picture, with the caption and credit.
    let e = event(ds, "a-film-about-the-night-shift");
    assert_eq!(
        e.link.as_deref(),
        Some("https://video.example.org/embed/night-shift?a=1&b=2")
    );
    assert_eq!(e.text, None);
    assert_eq!(
        e.media.as_deref(),
        Some(&Media {
            url: "/static/thumbs/night-shift.png".into(),
            alt: "The night shift".into(),
            caption: Some("The night shift".into()),
            credit: Some("Local film club".into()),
        })
    );
    // An embedded post is a quotation with its link; its script is gone.
    let e = event(ds, "a-post-about-the-new-sign");
    assert_eq!(
        e.text.as_deref(),
        Some("*The new sign is up! [see it](https://social.example.org/bakery/42)*\n\n*— Orchard St Bakery*")
    );
    // Other HTML is text, not a quotation.
    let e = event(ds, "a-menu-card");
    assert_eq!(e.text.as_deref(), Some("Today\n\n• Rye\n• Cardamom buns"));
    // Relative addresses are kept as written (the widget resolves them
    // against the file's address); `//host` becomes https.
    let e = event(ds, "the-shop-is-extended");
    assert_eq!(
        e.media.as_ref().map(|m| m.url.as_str()),
        Some("images/extension.jpg")
    );
    assert_eq!(e.link.as_deref(), Some("../history/extension.html"));
    let e = event(ds, "a-picture-on-another-host");
    assert_eq!(
        e.media.as_ref().map(|m| m.url.as_str()),
        Some("https://cdn.example.org/bakery/2010.jpg")
    );
    // Only what is dropped is reported.
    let got: Vec<(ErrorCode, &str, u32)> = l
        .errors
        .iter()
        .map(|e| (e.code, e.path.as_deref().unwrap(), e.line.unwrap()))
        .collect();
    use ErrorCode::BadUrl;
    assert_eq!(
        got,
        [
            (BadUrl, "events[5].media.url", 54),
            (BadUrl, "events[6].media.url", 59),
            (BadUrl, "events[9].media.url", 79),
            (BadUrl, "events[9].media.link", 81),
            (BadUrl, "events[9].background.url", 83),
        ],
        "{:#?}",
        l.errors
    );
    assert_eq!(
        l.errors[1].message,
        "the media is HTML with nothing to show (no text, no iframe); it is left out"
    );
    for title in [
        "An embed that is not allowed",
        "A picture in HTML",
        "Addresses that stay out",
    ] {
        let e = ds.events.iter().find(|e| e.title == title).unwrap();
        assert_eq!(
            (&e.text, &e.link, &e.media),
            (&None, &None, &None),
            "{title}"
        );
    }
    let written = write_json::dataset_json(ds);
    for bad in ["<", "javascript", "script:", "data:", "alert", "iframe"] {
        assert!(
            !written.to_ascii_lowercase().contains(bad),
            "{bad} in {written}"
        );
    }
    assert_round_trips(ds);

    // A sheet's Media cell is read the same way.
    let sheet = "Year,Headline,Media,Media Credit\n\
                 1952,Opening,\"<blockquote>Fresh bread, at last.</blockquote>\",A neighbour\n\
                 1953,Film,\"<iframe src=\"\"https://video.example.org/e/1\"\"></iframe>\",\n\
                 1954,Picture,img/1954.jpg,\n";
    let ds = clean(sheet);
    assert_eq!(
        ds.events[0].text.as_deref(),
        Some("*Fresh bread, at last.*\n\n— A neighbour")
    );
    assert_eq!(
        ds.events[1].link.as_deref(),
        Some("https://video.example.org/e/1")
    );
    assert_eq!(
        ds.events[2].media.as_ref().map(|m| m.url.as_str()),
        Some("img/1954.jpg")
    );
}

#[test]
fn timelinejs_2_json() {
    assert!(looks_like_json(V2));
    let l = load(V2);
    let ds = &l.dataset;
    assert_eq!(ds.title, "The River Ferry 1899–1987");
    assert_eq!(
        ds.description,
        "How a rope ferry carried a valley for almost ninety years."
    );
    type Row<'a> = (String, Precision, Option<String>, &'a str, Option<&'a str>);
    let got: Vec<Row> = ds
        .events
        .iter()
        .map(|e| {
            (
                when(&e.start),
                e.start.precision,
                e.end.map(|t| when(&t)),
                e.title.as_str(),
                group_of(ds, e),
            )
        })
        .collect();
    use Precision::*;
    assert_eq!(
        got,
        [
            ("-0499".into(), Year, None, "A ford, long before", None),
            (
                "1899-05-02".into(),
                Day,
                None,
                "The first crossing",
                Some("Boats")
            ),
            (
                "1914-08".into(),
                Month,
                Some("1918-11-11".into()),
                "Closed in wartime",
                Some("People")
            ),
            (
                "1931-06-03T09:30".into(),
                Minute,
                None,
                "A motor ferry",
                Some("Boats")
            ),
            (
                "1953-01-31T23:15:40".into(),
                Second,
                None,
                "The flood night",
                None
            ),
            ("1987".into(), Year, None, "The bridge opens", None),
        ]
    );
    // The asset is media by the same rules as TimelineJS3's: an image
    // (relative here), a video as the link with its thumbnail, a quotation.
    let e = event(ds, "the-first-crossing");
    assert_eq!(
        e.text.as_deref(),
        Some("A raft on a rope takes **six** passengers over.")
    );
    assert_eq!(
        e.media.as_deref(),
        Some(&Media {
            url: "pictures/raft.jpg".into(),
            alt: "The raft at the landing".into(),
            caption: Some("The raft at the landing".into()),
            credit: Some("Valley museum".into()),
        })
    );
    let e = event(ds, "a-motor-ferry");
    assert_eq!(
        e.link.as_deref(),
        Some("https://video.example.org/watch?v=ferry31")
    );
    assert_eq!(
        e.media.as_ref().map(|m| m.url.as_str()),
        Some("https://images.example.org/ferry/1931-thumb.jpg")
    );
    assert_eq!(
        event(ds, "the-flood-night").text.as_deref(),
        Some("*The water came up to the ticket window.*\n\n— A ferry hand")
    );
    let eras: Vec<(String, String, &str)> = ds
        .eras
        .iter()
        .map(|e| (when(&e.start), when(&e.end), e.label.as_str()))
        .collect();
    assert_eq!(eras, [("1899".into(), "1931-06-03".into(), "Rope years")]);
    // Problems at the JSON path and line of the value.
    let problems: Vec<(ErrorCode, &str, u32, u32)> = l
        .errors
        .iter()
        .map(|e| {
            (
                e.code,
                e.path.as_deref().unwrap(),
                e.line.unwrap(),
                e.column.unwrap(),
            )
        })
        .collect();
    use ErrorCode::*;
    assert_eq!(
        problems,
        [
            (BadTime, "timeline.date[6].startDate", 65, 30),
            (BadTime, "timeline.date[7].startDate", 69, 30),
            (MissingField, "timeline.date[8].startDate", 72, 13),
            (EndBeforeStart, "timeline.date[9].endDate", 77, 28),
            (MissingField, "timeline.era[1].endDate", 88, 13),
        ],
        "{:#?}",
        l.errors
    );
    assert_eq!(
        l.errors[0].message,
        "month 13 is not between 1 and 12; the event is skipped"
    );
    assert_eq!(
        l.errors[1].message,
        "\"spring 1961\" is not a TimelineJS date (write 2011,3,23, 2011,3,23,14,30 or 1994); the event is skipped"
    );
    assert_round_trips(ds);

    // Dates: up to the millisecond, a trailing comma, spaces, numbers,
    // cosmological years; wrong types.
    let text = r#"{"timeline": {"date": [
      {"startDate": "2011, 3, 23, 14, 30, 5, 250", "headline": "ms"},
      {"startDate": "2011,3,", "headline": "trailing"},
      {"startDate": "-13800000000", "headline": "big bang"},
      {"startDate": {"year": 2001}, "headline": "object"},
      {"startDate": "2011,3,23,1,2,3,4,5", "headline": "too many"}
    ], "era": {"startDate": "1"}}}"#;
    let l = load(text);
    let got: Vec<(String, &str)> = l
        .dataset
        .events
        .iter()
        .map(|e| (when(&e.start), e.title.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("13.8 Ga".into(), "big bang"),
            ("2011-03".into(), "trailing"),
            ("2011-03-23T14:30:05.250".into(), "ms"),
        ]
    );
    let problems: Vec<(ErrorCode, &str)> = l
        .errors
        .iter()
        .map(|e| (e.code, e.path.as_deref().unwrap()))
        .collect();
    assert_eq!(
        problems,
        [
            (WrongType, "timeline.date[3].startDate"),
            (BadTime, "timeline.date[4].startDate"),
            (WrongType, "timeline.era"),
        ]
    );
}

/// Small xorshift generator.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn random_edits_never_panic_and_what_loads_round_trips() {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let pieces = [
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "-",
        "1",
        "13",
        "-13800000000",
        "\"year\"",
        "\"month\": 2",
        "null",
        "<b>",
        "</b>",
        "<a href='https://x.org'>",
        "&amp;",
        "中",
        "\\",
        "\n",
        "*",
        "_",
        " ",
        "\"start_date\": {\"year\": 1994}",
        "\"unique_id\": \"a\"",
        "1e400",
        "\"scale\": \"cosmological\"",
        "<blockquote>",
        "</blockquote>",
        "<iframe src='https://x.org/e'>",
        "../up.png",
        "\"startDate\": \"2011,3,23\"",
        "\"2011,3,23,14,30,5,250\"",
        "\"-13800000000\"",
        "\"tag\": \"T\"",
    ];
    for base in [TYPICAL, BCE, COSMOLOGICAL, MEDIA_HTML, V2] {
        for _ in 0..400 {
            let mut s: Vec<char> = base.chars().collect();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(s.len() + 1);
                match rng.below(3) {
                    0 if at < s.len() => {
                        let n = rng.below(20).min(s.len() - at);
                        s.drain(at..at + n);
                    }
                    _ => {
                        let p = pieces[rng.below(pieces.len())];
                        s.splice(at..at, p.chars());
                    }
                }
            }
            let text: String = s.into_iter().collect();
            if let Ok(l) = formats::read(&text) {
                if looks_like_json(&text) {
                    assert_round_trips(&l.dataset);
                }
            }
        }
    }
    let cells = [
        "Year",
        "Month",
        "Day",
        "Time",
        "End Year",
        "Headline",
        "Text",
        "Media",
        "Type",
        "Group",
        "Background",
        "title",
        "era",
        "1994",
        "-500",
        "13",
        "2:30 PM",
        "25:00",
        "\"a,b\"",
        "\"x\ny\"",
        "<b>x</b>",
        "https://i.example.org/a.png",
        "//cdn.example.org/b.gif",
        "/rel",
        "\"<blockquote>q <i>x</i></blockquote>\"",
        "<iframe src=//v.example.org/1>",
        "中文",
        "",
        "\"",
        "1,000",
        "-13800000000",
    ];
    for _ in 0..2_000 {
        let mut text = String::from("Year,Headline");
        for _ in 0..rng.below(40) {
            text.push_str([",", "\n", "\r\n", ","][rng.below(4)]);
            text.push_str(cells[rng.below(cells.len())]);
        }
        if let Ok(l) = formats::read(&text) {
            assert_round_trips(&l.dataset);
        }
        let _ = parse_sheet(&text);
    }
}
