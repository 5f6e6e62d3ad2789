//! Our dataset JSON as a file for people: pretty-printed (two-space
//! indent, UTF-8 as is, one member a line, a series point `["2012", 1589]`
//! on one line), keys in the documented order (`schemaVersion`, `title`,
//! `description`, `locale`, `source`, `groups`, `eras`, `events`, `series`;
//! inside each item as in `docs/dataset.md`), every time in the form that
//! keeps its precision (`1994`, `2022-11`, `500 BCE` as `-0499`, `66 Ma`).
//!
//! What is written is [`crate::core::formats::dataset_json::dataset_json`]'s document —
//! the one `getData()` returns — laid out again, so both writers always
//! agree. [`parse_dataset`](crate::core::formats::dataset::parse_dataset) reads it back to an
//! equal [`Dataset`], with one exception the model cannot express: a series
//! whose points had different precisions comes back with the precision its
//! written times give.

use crate::core::data::model::Dataset;

/// The dataset as pretty JSON text (ends with a line break). The converter
/// (`convert FILE --to json`) writes exactly this.
pub fn dataset_json(ds: &Dataset) -> String {
    pretty(&crate::core::formats::dataset_json::dataset_json(ds))
}

/// Lays out compact JSON (as [`super::dataset_json`] writes it) with a
/// two-space indent: objects and arrays one member a line, except arrays
/// of plain values, which stay on one line. Linear; strings are copied as
/// they are.
pub fn pretty(json: &str) -> String {
    let b = json.as_bytes();
    // Pass 1: for each container (in opening order), whether it holds
    // another container.
    let mut nested: Vec<bool> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let (mut in_string, mut escaped) = (false, false);
    for &c in b {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_string = false;
            }
            continue;
        }
        match c {
            b'"' => in_string = true,
            b'{' | b'[' => {
                if let Some(&parent) = open.last() {
                    nested[parent] = true;
                }
                open.push(nested.len());
                nested.push(false);
            }
            b'}' | b']' => {
                open.pop();
            }
            _ => {}
        }
    }
    // Pass 2: write.
    let mut out: Vec<u8> = Vec::with_capacity(json.len() + json.len() / 2);
    let mut stack: Vec<bool> = Vec::new(); // per open container: on one line
    let mut ordinal = 0;
    let (mut in_string, mut escaped) = (false, false);
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.extend(std::iter::repeat_n(b' ', depth * 2));
    };
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_string = false;
            }
            continue;
        }
        match c {
            b'"' => {
                in_string = true;
                out.push(c);
            }
            b'{' | b'[' => {
                let flat = !nested.get(ordinal).copied().unwrap_or(true);
                ordinal += 1;
                let close = if c == b'{' { b'}' } else { b']' };
                out.push(c);
                if b.get(i) == Some(&close) {
                    out.push(close);
                    i += 1;
                    continue;
                }
                let inline = stack.last().copied().unwrap_or(false) || (c == b'[' && flat);
                stack.push(inline);
                if !inline {
                    newline(&mut out, stack.len());
                }
            }
            b'}' | b']' => {
                let inline = stack.pop().unwrap_or(false);
                if !inline {
                    newline(&mut out, stack.len());
                }
                out.push(c);
            }
            b',' => {
                out.push(b',');
                if stack.last().copied().unwrap_or(false) {
                    out.push(b' ');
                } else {
                    newline(&mut out, stack.len());
                }
            }
            b':' => out.extend_from_slice(b": "),
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => out.push(c),
        }
    }
    out.push(b'\n');
    // Only ASCII bytes were added or skipped, outside strings.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::data::model::{Era, Event, Group, Media, Rgb, Series, SeriesKind, SourceRef};
    use crate::core::data::time::{parse_time, Precision, TimePoint};
    use crate::core::formats::dataset::parse_dataset;

    #[test]
    fn layout() {
        let compact = r#"{"a":1,"b":"x,y:{z}[\"]","c":[],"d":{},"e":[1,2,null],"f":[["2012",1589],["2021",null]],"g":[{"h":true}]}"#;
        let expected = r#"{
  "a": 1,
  "b": "x,y:{z}[\"]",
  "c": [],
  "d": {},
  "e": [1, 2, null],
  "f": [
    ["2012", 1589],
    ["2021", null]
  ],
  "g": [
    {
      "h": true
    }
  ]
}
"#;
        assert_eq!(pretty(compact), expected);
        // The layout is JSON with the same value.
        let a = crate::core::formats::json::parse(compact).unwrap();
        let b = crate::core::formats::json::parse(&pretty(compact)).unwrap();
        assert_eq!(strip(a), strip(b));
    }

    fn strip(j: crate::core::formats::json::Json) -> String {
        format!("{:?}", j.value).replace(|c: char| c.is_ascii_digit(), "")
    }

    #[test]
    fn the_sip_story_round_trips() {
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
            assert!(written.starts_with("{\n  \"schemaVersion\": 1,\n  \"title\": "));
            // UTF-8 as is, not \u escapes.
            assert!(written.contains("蘇州") || !text.contains("蘇州"));
        }
    }

    #[test]
    fn keys_in_the_documented_order() {
        let text = r##"{"series":[{"points":[["2001",1]],"source":{"url":"https://s.org","name":"S"},"note":"n","color":"#112233","kind":"bar","unit":"u","name":"N","id":"s"}],
          "events":[{"media":{"credit":"c","caption":"p","alt":"a","url":"https://m.org/i.png"},"source":"src","link":"https://l.org","group":"g","text":"t","title":"T","displayDate":"d","end":"2002","start":"2001","id":"e"}],
          "eras":[{"color":"#aabbcc","label":"L","end":"2003","start":"2000"}],
          "groups":[{"color":"#123","label":"G","id":"g"}],
          "source":{"name":"Src"},"locale":"en","description":"D","title":"Title","schemaVersion":1}"##;
        let ds = parse_dataset(text).unwrap().dataset;
        let w = dataset_json(&ds);
        let order = |section: &str, keys: &[&str]| {
            let from = w.find(section).unwrap();
            let at: Vec<usize> = keys
                .iter()
                .map(|k| {
                    w[from..]
                        .find(&format!("\"{k}\": "))
                        .unwrap_or_else(|| panic!("{k} in {w}"))
                })
                .collect();
            assert!(at.windows(2).all(|p| p[0] < p[1]), "{keys:?} in {w}");
        };
        order(
            "{",
            &[
                "schemaVersion",
                "title",
                "description",
                "locale",
                "source",
                "groups",
                "eras",
                "events",
                "series",
            ],
        );
        order(
            "\"events\"",
            &[
                "id",
                "start",
                "end",
                "displayDate",
                "title",
                "text",
                "group",
                "link",
                "source",
                "media",
            ],
        );
        order(
            "\"series\"",
            &[
                "id", "name", "unit", "kind", "color", "note", "source", "points",
            ],
        );
        assert!(w.contains("\"media\": {\n        \"url\": \"https://m.org/i.png\",\n        \"alt\": \"a\",\n        \"caption\": \"p\",\n        \"credit\": \"c\"\n      }"), "{w}");
        assert_eq!(parse_dataset(&w).unwrap().dataset, ds);
    }

    // ---- random datasets

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n.max(1)
        }
        fn chance(&mut self, percent: u64) -> bool {
            self.below(100) < percent
        }
    }

    fn text(rng: &mut Rng) -> String {
        const PIECES: [&str; 14] = [
            "a",
            "Zoë",
            "蘇州",
            "\"",
            "\\",
            "\n",
            "  ",
            "*x*",
            "[l](https://e.org)",
            "\u{1}",
            "😀",
            "\t",
            "</script>",
            "&amp;",
        ];
        let mut s = String::new();
        for _ in 0..1 + rng.below(6) {
            s.push_str(PIECES[rng.below(PIECES.len() as u64) as usize]);
        }
        let s = s.trim().to_string();
        if s.is_empty() {
            "x".to_string()
        } else {
            s
        }
    }

    fn time(rng: &mut Rng, precision: Precision) -> TimePoint {
        let year = rng.below(4000) as i64 - 2000;
        let y = if year < 0 {
            format!("-{:04}", -year)
        } else {
            format!("{year:04}")
        };
        let (mo, d, h, mi, s, ms) = (
            1 + rng.below(12),
            1 + rng.below(28),
            rng.below(24),
            rng.below(60),
            rng.below(60),
            rng.below(1000),
        );
        let offsets = ["", "Z", "+08:00", "-03:30"];
        let off = offsets[rng.below(4) as usize];
        let s = match precision {
            Precision::Ga => format!("{}.{} Ga", rng.below(13), rng.below(1000)),
            Precision::Ma => format!("{}.{} Ma", rng.below(900), rng.below(100)),
            Precision::Ka => format!("{} ka", 12 + rng.below(5000)),
            Precision::Year => y,
            Precision::Month => format!("{y}-{mo:02}"),
            Precision::Day => format!("{y}-{mo:02}-{d:02}"),
            Precision::Minute => format!("{y}-{mo:02}-{d:02}T{h:02}:{mi:02}{off}"),
            Precision::Second => format!("{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{off}"),
            Precision::Millisecond => {
                format!("{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}{off}")
            }
        };
        parse_time(&s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    const PRECISIONS: [Precision; 9] = [
        Precision::Ga,
        Precision::Ma,
        Precision::Ka,
        Precision::Year,
        Precision::Month,
        Precision::Day,
        Precision::Minute,
        Precision::Second,
        Precision::Millisecond,
    ];

    fn random_dataset(rng: &mut Rng) -> Dataset {
        let opt = |rng: &mut Rng| rng.chance(50).then(|| text(rng));
        let url = |rng: &mut Rng| format!("https://example.org/{}", rng.below(1000));
        let color = |rng: &mut Rng| {
            rng.chance(50).then(|| {
                Rgb::new(
                    rng.below(256) as u8,
                    rng.below(256) as u8,
                    rng.below(256) as u8,
                )
            })
        };
        let groups: Vec<Group> = (0..rng.below(4))
            .map(|i| Group {
                id: format!("g{i}"),
                label: text(rng),
                color: color(rng),
            })
            .collect();
        let mut events: Vec<Event> = (0..rng.below(30))
            .map(|i| {
                let p = PRECISIONS[rng.below(9) as usize];
                let start = time(rng, p);
                let end = rng.chance(30).then(|| {
                    let mut e = time(rng, p);
                    if e.ms < start.ms {
                        e = start;
                    }
                    e
                });
                Event {
                    id: format!("e{i}"),
                    start,
                    end,
                    display_date: opt(rng),
                    title: text(rng),
                    text: opt(rng),
                    group: (!groups.is_empty() && rng.chance(70))
                        .then(|| rng.below(groups.len() as u64) as usize),
                    link: rng.chance(30).then(|| url(rng)),
                    source: rng.chance(30).then(|| {
                        Box::new(SourceRef {
                            name: text(rng),
                            url: rng.chance(50).then(|| url(rng)),
                        })
                    }),
                    media: rng.chance(30).then(|| {
                        Box::new(Media {
                            url: url(rng),
                            alt: text(rng),
                            caption: opt(rng),
                            credit: opt(rng),
                        })
                    }),
                }
            })
            .collect();
        events.sort_by_cached_key(|e| crate::core::data::model::total_key(e.start.ms));
        let eras = (0..rng.below(4))
            .map(|_| {
                let p = PRECISIONS[rng.below(9) as usize];
                let (a, b) = (time(rng, p), time(rng, p));
                let (start, end) = if a.ms <= b.ms { (a, b) } else { (b, a) };
                Era {
                    start,
                    end,
                    label: if rng.chance(20) {
                        String::new()
                    } else {
                        text(rng)
                    },
                    color: color(rng),
                }
            })
            .collect();
        let series = (0..rng.below(3))
            .map(|i| {
                let p = PRECISIONS[rng.below(9) as usize];
                // Sometimes past the columnar threshold.
                let n = if rng.chance(15) {
                    10_050
                } else {
                    rng.below(40) as usize
                };
                let mut t: Vec<f64> = (0..n).map(|_| time(rng, p).ms).collect();
                t.sort_by(f64::total_cmp);
                let v = (0..n)
                    .map(|_| {
                        if rng.chance(10) {
                            f64::NAN
                        } else {
                            (rng.below(2_000_001) as f64 - 1e6) / 8.0
                        }
                    })
                    .collect();
                Series {
                    id: format!("s{i}"),
                    name: text(rng),
                    unit: if rng.chance(30) {
                        String::new()
                    } else {
                        text(rng)
                    },
                    kind: SeriesKind::ALL[rng.below(SeriesKind::ALL.len() as u64) as usize],
                    color: color(rng),
                    note: opt(rng),
                    source: rng.chance(30).then(|| SourceRef {
                        name: text(rng),
                        url: None,
                    }),
                    t,
                    v,
                    precision: (n > 0).then_some(p),
                }
            })
            .collect();
        Dataset {
            title: if rng.chance(20) {
                String::new()
            } else {
                text(rng)
            },
            description: if rng.chance(50) {
                String::new()
            } else {
                text(rng)
            },
            locale: rng
                .chance(50)
                .then(|| ["en", "zh-Hant"][rng.below(2) as usize].to_string()),
            source: rng.chance(30).then(|| SourceRef {
                name: text(rng),
                url: Some(url(rng)),
            }),
            groups,
            eras,
            events,
            series,
        }
    }

    /// Series values compare NaN to NaN as equal (a gap is a gap).
    fn same(a: &Dataset, b: &Dataset) -> bool {
        let norm = |d: &Dataset| {
            let mut d = d.clone();
            for s in &mut d.series {
                for v in &mut s.v {
                    if v.is_nan() {
                        *v = f64::MAX;
                    }
                }
            }
            d
        };
        norm(a) == norm(b)
    }

    #[test]
    fn random_datasets_round_trip() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for round in 0..150 {
            let ds = random_dataset(&mut rng);
            let written = dataset_json(&ds);
            let back = parse_dataset(&written).unwrap_or_else(|e| panic!("round {round}: {e}"));
            assert!(back.errors.is_empty(), "round {round}: {:?}", back.errors);
            if !same(&back.dataset, &ds) {
                for (a, b) in back.dataset.events.iter().zip(&ds.events) {
                    assert_eq!(a, b, "round {round}");
                }
                for (a, b) in back.dataset.series.iter().zip(&ds.series) {
                    assert_eq!(
                        (a.t.len(), a.precision),
                        (b.t.len(), b.precision),
                        "round {round}"
                    );
                    assert_eq!(a.t, b.t, "round {round}");
                }
                assert_eq!(back.dataset.eras, ds.eras, "round {round}");
                panic!("round {round}: datasets differ");
            }
        }
    }

    #[test]
    fn deep_times_round_trip_exactly() {
        for s in [
            "13.812345678 Ga",
            "4.54 Ga",
            "65.5 Ma",
            "0.2 ka",
            "12.3456789 ka",
            "1 Ga",
        ] {
            let tp = parse_time(s).unwrap();
            let w = crate::core::formats::dataset_json::time_string(&tp);
            assert_eq!(parse_time(&w).unwrap(), tp, "{s} -> {w}");
        }
        let tp = parse_time("13.812345678 Ga").unwrap();
        assert_eq!(
            crate::core::formats::dataset_json::time_string(&tp),
            "13.812345678 Ga"
        );
        assert_eq!(
            crate::core::formats::dataset_json::time_string(&parse_time("66 Ma").unwrap()),
            "66 Ma"
        );
    }
}
