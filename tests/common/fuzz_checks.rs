//! What each fuzz target (`fuzz/fuzz_targets/`) checks for one input, shared
//! with `tests/fuzz_regressions.rs`, which replays the inputs the fuzzers
//! once crashed on through exactly these checks (so plain `cargo test`
//! keeps them fixed, without nightly). Every function panics on a broken
//! invariant; a reader that merely rejects its input is fine.

#![allow(dead_code)]

use chronoscope::core::data::model::{Dataset, Loaded, MAX_REPORTED_ERRORS};
use chronoscope::core::formats::{self, csv_series, dataset, html, timelinejs, write_json};
use chronoscope::core::text::markup::{self, Inline};

/// One input's checks.
pub type Check = fn(&str);

/// The names of the targets, as in `fuzz/Cargo.toml`, with their checks.
pub const TARGETS: [(&str, Check); 7] = [
    ("dataset", dataset),
    ("parse_data", parse_data),
    ("timelinejs_json", timelinejs_json),
    ("timelinejs_sheet", timelinejs_sheet),
    ("csv_series", csv_series),
    ("html", html),
    ("markup", markup),
];

/// Our dataset JSON.
pub fn dataset(text: &str) {
    if let Ok(loaded) = dataset::parse_dataset(text) {
        loaded_ok(&loaded);
    }
}

/// Any data the widget takes, routed by shape.
pub fn parse_data(text: &str) {
    if let Ok(loaded) = formats::read(text) {
        loaded_ok(&loaded);
    }
}

/// TimelineJS JSON, version 3 or 2, straight into the importer.
pub fn timelinejs_json(text: &str) {
    let _ = timelinejs::looks_like_json(text);
    if let Ok(loaded) = timelinejs::parse_json(text) {
        loaded_ok(&loaded);
    }
}

/// A TimelineJS sheet as CSV, straight into the importer.
pub fn timelinejs_sheet(text: &str) {
    let _ = timelinejs::looks_like_sheet(text);
    if let Ok(loaded) = timelinejs::parse_sheet(text) {
        loaded_ok(&loaded);
    }
}

/// The series CSV.
pub fn csv_series(text: &str) {
    if let Ok(csv) = csv_series::parse_series_csv(text) {
        for s in &csv.series {
            assert_eq!(s.t.len(), s.v.len(), "series {}", s.id);
        }
        let ds = Dataset {
            series: csv.series,
            ..Dataset::default()
        };
        round_trips(&ds);
    }
}

/// HTML into markup and text: what comes out is markup whose every link is
/// allowed, and one-line text is one line.
pub fn html(text: &str) {
    for out in [html::to_markup(text), html::to_quote(text)] {
        markup_ok(&out);
    }
    let _ = html::to_text(text);
    assert!(!html::to_line(text).contains('\n'));
    let _ = html::iframe_src(text);
}

/// The event text markup.
pub fn markup(text: &str) {
    markup_ok(text);
    let _ = markup::plain_text(text);
}

fn markup_ok(text: &str) {
    for p in markup::parse(text) {
        assert!(!p.0.is_empty(), "empty paragraph from {text:?}");
        inlines_ok(&p.0, text);
    }
}

fn inlines_ok(items: &[Inline], text: &str) {
    for item in items {
        match item {
            Inline::Text(t) => assert!(!t.is_empty(), "empty text from {text:?}"),
            Inline::Emphasis(c) | Inline::Strong(c) => inlines_ok(c, text),
            Inline::Link { url, children } => {
                assert!(markup::is_allowed_url(url), "link to {url:?} from {text:?}");
                inlines_ok(children, text);
            }
            Inline::Break => {}
        }
    }
}

/// What any reader accepted: few enough errors listed, events in time
/// order, and our own format keeps it.
fn loaded_ok(loaded: &Loaded) {
    assert!(loaded.errors.len() <= MAX_REPORTED_ERRORS);
    let events = &loaded.dataset.events;
    for e in events {
        assert!(
            e.start.ms.is_finite(),
            "event {} starts at {}",
            e.id,
            e.start.ms
        );
    }
    assert!(
        events.windows(2).all(|w| w[0].start.ms <= w[1].start.ms),
        "events out of order"
    );
    round_trips(&loaded.dataset);
}

/// `write_json` writes the dataset and `parse_dataset` reads it back equal
/// (series values compare NaN to NaN as equal). A series of mixed precision
/// is the documented exception: it is written to the millisecond, so it
/// comes back with that precision and its times to the millisecond (a
/// deep time such as `0.38 Ma` may fall between two).
pub fn round_trips(ds: &Dataset) {
    let written = write_json::dataset_json(ds);
    let mut back = match dataset::parse_dataset(&written) {
        Ok(back) => back,
        Err(e) => panic!("written dataset not read back: {e}\n{written}"),
    };
    assert!(back.errors.is_empty(), "{:?}\n{written}", back.errors);
    for (b, s) in back.dataset.series.iter_mut().zip(&ds.series) {
        if s.precision.is_none() && b.t.len() == s.t.len() {
            for (bt, &st) in b.t.iter_mut().zip(&s.t) {
                if (*bt - st).abs() < 1.0 {
                    *bt = st;
                }
            }
        }
    }
    let norm = |d: &Dataset, mixed: &[bool]| {
        let mut d = d.clone();
        for (s, &mixed) in d.series.iter_mut().zip(mixed) {
            for v in &mut s.v {
                if v.is_nan() {
                    *v = f64::MAX;
                }
            }
            if mixed {
                s.precision = None;
            }
        }
        d
    };
    let mixed: Vec<bool> = ds.series.iter().map(|s| s.precision.is_none()).collect();
    assert!(
        norm(&back.dataset, &mixed) == norm(ds, &mixed),
        "round trip differs:\n{ds:#?}\n{:#?}\n{written}",
        back.dataset
    );
}
