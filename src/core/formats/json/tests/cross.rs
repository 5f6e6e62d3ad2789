use super::*;

// ----- cross-check against serde_json ---------------------------------------

/// Whether our value equals serde_json's (objects: same distinct keys,
/// each mapped to the last occurrence, as serde_json keeps it).
fn same_as_serde(ours: &Json, theirs: &serde_json::Value) -> bool {
    use serde_json::Value as V;
    match (&ours.value, theirs) {
        (JsonValue::Null, V::Null) => true,
        (JsonValue::Bool(a), V::Bool(b)) => a == b,
        // serde_json's default float parsing is not always correctly
        // rounded (ours is), so allow a difference in the last bits.
        (JsonValue::Number(a), V::Number(b)) => b
            .as_f64()
            .is_some_and(|b| b == *a || (b - a).abs() <= a.abs() * 1e-15),
        (JsonValue::String(a), V::String(b)) => a == b,
        (JsonValue::Array(a), V::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_as_serde(x, y))
        }
        (JsonValue::Object(a), V::Object(b)) => {
            let mut keys: Vec<&str> = a.iter().map(|(k, _)| k.as_str()).collect();
            keys.sort_unstable();
            keys.dedup();
            keys.len() == b.len()
                && b.iter()
                    .all(|(k, v)| ours.get(k).is_some_and(|x| same_as_serde(x, v)))
        }
        _ => false,
    }
}

/// Where this parser deliberately differs from serde_json: it accepts a
/// leading BOM, lone surrogate escapes (as U+FFFD) and out-of-range
/// numbers (as infinity), and allows one more level of nesting.
fn known_difference(text: &str, serde_error: &serde_json::Error) -> bool {
    let message = serde_error.to_string();
    let has_surrogate_escape = text.to_ascii_lowercase().contains("\\ud");
    text.starts_with('\u{feff}')
        || message.starts_with("number out of range")
        || message.starts_with("recursion limit exceeded")
        || (has_surrogate_escape
            && (message.contains("surrogate")
                || message.starts_with("unexpected end of hex escape")))
}

/// Parses `text` with both parsers and panics on any disagreement other
/// than a known difference. Returns whether we accepted it.
fn cross_check(text: &str) -> bool {
    let ours = parse(text).map(|j| expanded(&j, text));
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert!(same_as_serde(a, b), "{text:?}: {a:?} vs {b:?}"),
        (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) if known_difference(text, e) => {}
        _ => panic!("{text:?}: we say {ours:?}, serde_json says {theirs:?}"),
    }
    ours.is_ok()
}

const VALID: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "-0",
    "123",
    "-123.456e-7",
    "1E10",
    "1e+2",
    "0.5",
    "1.7976931348623157e308",
    "5e-324",
    "2.2250738585072014e-308",
    "123456789012345678901234567890",
    "-9223372036854775808",
    "18446744073709551615",
    "0.1e1",
    "1e-7",
    "\"\"",
    "\"abc\"",
    r#""\"\\\/\b\f\n\r\t""#,
    r#""\u00e9\u4E2D\u0000""#,
    r#""\ud83d\ude00 and \uD834\uDD1E""#,
    "\"é中😀\u{7f}\"",
    "[]",
    "{}",
    "[1,2,3]",
    " [ 1 , [ 2 , [ 3 ] ] ] ",
    r#"{"a":{"b":{"c":[]}}}"#,
    r#"{"a":1,"a":2}"#,
    r#"{"":0, " ":1}"#,
    "\t\r\n 1 \t\r\n",
    r#"["mixed", 1, -2.5, true, false, null, {}, []]"#,
    r#"{"標題": "蘇州", "x": 1}"#,
    "{\r\n  \"a\": [\r\n    1\r\n  ]\r\n}",
    r#"{"events":[{"id":"e1","start":"2020-01-01","end":null,"tags":["a","b"],"value":3.25}]}"#,
];

const INVALID: &[&str] = &[
    "",
    " ",
    "[",
    "]",
    "{",
    "}",
    "[1,]",
    r#"{"a":1,}"#,
    "[,1]",
    "{,}",
    "[1,,2]",
    "01",
    "-01",
    "00",
    "+1",
    ".5",
    "1.",
    "1.e5",
    "1e",
    "1e+",
    "-",
    "--1",
    "NaN",
    "Infinity",
    "-Infinity",
    "'a'",
    "{'a':1}",
    "{a:1}",
    "{1:1}",
    "\"a",
    r#""\x""#,
    r#""\u12""#,
    r#""\uGGGG""#,
    r#""\u""#,
    "\"\\",
    "\"a\tb\"",
    "\"a\nb\"",
    "\"\u{1}\"",
    "// c\n1",
    "/* c */ 1",
    "1 // c",
    "1 2",
    "[1 2]",
    r#"{"a" 1}"#,
    r#"{"a":1 "b":2}"#,
    r#"{"a"}"#,
    r#"{"a":}"#,
    "{:1}",
    "tru",
    "True",
    "nul",
    "nulll",
    "[true false]",
    "\u{a0}1",
    "\u{c}1",
    "\u{b}1",
    "0x10",
    "1_000",
    "[1]]",
    "{}}",
    r#"["a",]"#,
    "[1}",
    r#"{"a":1]"#,
];

#[test]
fn agrees_with_serde_json_on_hand_written_documents() {
    for text in VALID {
        assert!(cross_check(text), "{text:?} should be valid");
        assert_positions_plausible(text, &ok(text));
    }
    for text in INVALID {
        assert!(!cross_check(text), "{text:?} should be invalid");
    }
    assert!(VALID.len() + INVALID.len() >= 60);
}

#[test]
fn known_differences_from_serde_json() {
    // Accepted here, rejected by serde_json (see the module docs).
    for text in ["\u{feff}1", r#""\ud800""#, r#""\udc00x""#, "1e400"] {
        assert!(parse(text).is_ok(), "{text:?}");
        assert!(
            serde_json::from_str::<serde_json::Value>(text).is_err(),
            "{text:?}"
        );
    }
    // serde_json stops one level earlier.
    let text = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&text).is_ok());
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_err());
    let text = format!("{}{}", "[".repeat(MAX_DEPTH - 1), "]".repeat(MAX_DEPTH - 1));
    assert!(cross_check(&text));
}

// ----- randomized ---------------------------------------------------------

/// Parses `text`, which must not panic, and checks the invariants of the
/// result: error offsets within the text on a char boundary and matching
/// line/column; value positions at the right kind of character.
fn parse_checked(text: &str) -> Result<Json, JsonSyntaxError> {
    let result = parse(text);
    match &result {
        Ok(json) => assert_positions_plausible(text, json),
        Err(e) => {
            assert!(e.offset <= text.len(), "{text:?}: {e:?}");
            assert!(text.is_char_boundary(e.offset), "{text:?}: {e:?}");
            assert_eq!((e.line, e.column), line_col(text, e.offset), "{text:?}");
            assert!(!e.message.is_empty());
        }
    }
    result
}

const DATASET: &str = r#"{
  "title": "Dynasties — 中国朝代",
  "events": [
{"id": "tang", "start": 618, "end": 907, "label": "唐朝 Tang", "tags": ["dynasty", "golden age"], "weight": 1.5e0},
{"id": "song", "start": 960, "end": 1279, "note": null, "visible": true, "text": "line\nbreak \"quoted\" \u00e9 \ud83d\ude00 \/"},
{"id": "yuan", "start": -1.25E+2, "end": 0.0, "visible": false}
  ],
  "series": [[1, 2.5], [3, -4e-2]],
  "empty": {}, "none": []
}"#;

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    const ALPHABET: &[u8] = b"{}[],:\"\\ \n\r\t-+.0123456789eEtrufalsn/u'xAF";
    let mut accepted = 0;
    for round in 0..20_000 {
        let len = rng.below(24);
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                if rng.below(8) == 0 {
                    rng.next() as u8
                } else {
                    *rng.pick(ALPHABET)
                }
            })
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        let ours = parse_checked(&text).is_ok();
        if round % 4 == 0 {
            assert_eq!(ours, cross_check(&text));
        }
        accepted += usize::from(ours);
    }
    // Sanity: the generator does produce some valid documents.
    assert!(accepted > 100, "only {accepted} random texts were valid");
}

#[test]
fn mutated_dataset_never_panics_and_agrees_with_serde_json() {
    let original = ok(DATASET);
    assert!(cross_check(DATASET));
    assert_eq!(original.get("events").unwrap().as_array().unwrap().len(), 3);
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    const INSERTS: &[u8] = b"{}[],:\"\\ \n-.0123456789eE'/\x01\xff";
    let (mut accepted, mut rejected) = (0, 0);
    for _ in 0..6_000 {
        let mut bytes = DATASET.as_bytes().to_vec();
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(bytes.len() + 1);
            let byte = if rng.below(4) == 0 {
                rng.next() as u8
            } else {
                *rng.pick(INSERTS)
            };
            match rng.below(3) {
                0 if at < bytes.len() => {
                    bytes.remove(at);
                }
                1 if at < bytes.len() => bytes[at] = byte,
                _ => bytes.insert(at, byte),
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        parse_checked(&text).ok();
        if cross_check(&text) {
            accepted += 1;
        } else {
            rejected += 1;
        }
    }
    assert!(
        accepted > 100 && rejected > 1000,
        "{accepted} accepted, {rejected} rejected"
    );
}

/// Random whitespace between tokens.
fn gen_ws(rng: &mut Rng, out: &mut String) {
    for _ in 0..rng.below(3) {
        let ws: &[&str] = &["", " ", "  ", "\t", "\n", "\r\n", "\r"];
        let w: &&str = rng.pick(ws);
        out.push_str(w);
    }
}

/// Appends `s` as a JSON string literal, escaping at random.
fn gen_string_literal(rng: &mut Rng, s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        let must = c == '"' || c == '\\' || c < ' ';
        match (must, rng.below(4)) {
            (false, 0 | 1) => out.push(c),
            (_, 2) if matches!(c, '"' | '\\' | '/' | '\n' | '\t' | '\r' | '\u{8}' | '\u{c}') => {
                out.push_str(match c {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '/' => "\\/",
                    '\n' => "\\n",
                    '\t' => "\\t",
                    '\r' => "\\r",
                    '\u{8}' => "\\b",
                    _ => "\\f",
                });
            }
            _ => {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    if rng.below(2) == 0 {
                        out.push_str(&format!("\\u{unit:04x}"));
                    } else {
                        out.push_str(&format!("\\u{unit:04X}"));
                    }
                }
            }
        }
    }
    out.push('"');
}

fn gen_string(rng: &mut Rng) -> String {
    const CHARS: &[char] = &[
        'a',
        'b',
        'k',
        ' ',
        '"',
        '\\',
        '/',
        '\n',
        '\t',
        '\r',
        '\u{8}',
        '\u{c}',
        '\0',
        '\u{1f}',
        '\u{7f}',
        'é',
        '蘇',
        '州',
        '😀',
        '𝄞',
        '\u{feff}',
        '\u{fffd}',
        '\u{10000}',
        '\u{10ffff}',
        '\u{d7ff}',
        '\u{e000}',
    ];
    (0..rng.below(6)).map(|_| *rng.pick(CHARS)).collect()
}

/// Appends a random value to `out` and returns what parsing it must give.
fn gen_value(rng: &mut Rng, depth: usize, out: &mut String) -> Json {
    let pos = out.len();
    let kind = if depth >= 5 {
        rng.below(4)
    } else {
        rng.below(6)
    };
    let value = match kind {
        0 => {
            let (text, value) = rng.pick(&[
                ("null", JsonValue::Null),
                ("true", JsonValue::Bool(true)),
                ("false", JsonValue::Bool(false)),
            ]);
            out.push_str(text);
            value.clone()
        }
        1 => {
            let text = match rng.below(4) {
                0 => format!("{}", rng.next() as i64 >> rng.below(64)),
                1 => format!("{:e}", f64::from_bits(rng.next() >> 2)),
                2 => format!("{}", (rng.next() % 100_000) as f64 / 64.0),
                _ => (*rng.pick(&["0", "-0", "1.5E+3", "-2.25e-2", "0.000001", "9e99"])).to_owned(),
            };
            out.push_str(&text);
            JsonValue::Number(text.parse().unwrap())
        }
        2 | 3 => {
            let s = gen_string(rng);
            gen_string_literal(rng, &s, out);
            JsonValue::String(s)
        }
        4 => {
            out.push('[');
            let mut items = Vec::new();
            for k in 0..rng.below(5) {
                if k > 0 {
                    out.push(',');
                }
                gen_ws(rng, out);
                items.push(gen_value(rng, depth + 1, out));
                gen_ws(rng, out);
            }
            if items.is_empty() {
                gen_ws(rng, out);
            }
            out.push(']');
            JsonValue::Array(items)
        }
        _ => {
            out.push('{');
            let mut members = Vec::new();
            for k in 0..rng.below(5) {
                if k > 0 {
                    out.push(',');
                }
                gen_ws(rng, out);
                let key = gen_string(rng);
                gen_string_literal(rng, &key, out);
                gen_ws(rng, out);
                out.push(':');
                gen_ws(rng, out);
                members.push((key, gen_value(rng, depth + 1, out)));
                gen_ws(rng, out);
            }
            if members.is_empty() {
                gen_ws(rng, out);
            }
            out.push('}');
            JsonValue::Object(members)
        }
    };
    Json { value, pos }
}

#[test]
fn numbers_equal_the_standard_library_bit_for_bit() {
    let mut rng = Rng(0x5EED);
    for _ in 0..200_000 {
        let int = rng.next() % 10u64.pow(1 + (rng.next() % 16) as u32);
        let frac_digits = (rng.next() % 24) as usize;
        let mut text = String::new();
        if rng.next() % 2 == 0 {
            text.push('-');
        }
        text.push_str(&int.to_string());
        if frac_digits > 0 {
            text.push('.');
            for _ in 0..frac_digits {
                text.push(char::from(b'0' + (rng.next() % 10) as u8));
            }
        }
        let ours = num(&text);
        let std = text.parse::<f64>().unwrap();
        assert_eq!(ours.to_bits(), std.to_bits(), "{text}");
    }
}

#[test]
fn arrays_of_numbers_and_nulls_are_stored_as_columns() {
    let text = "[1, null ,-2.5e3,\n 4]";
    let doc = parse(text).unwrap();
    let JsonValue::Numbers(n) = &doc.value else {
        panic!("{doc:?}");
    };
    assert_eq!(n.len(), 4);
    assert!(n[1].is_nan());
    assert_eq!((n[0], n[2], n[3]), (1.0, -2500.0, 4.0));
    let items = doc.items(text).unwrap();
    let pos: Vec<usize> = items.iter().map(|j| j.pos).collect();
    assert_eq!(pos, [1, 4, 10, 19]);
    assert!(items[1].is_null());
    assert_eq!(doc.type_name(), "array");
    // A column interrupted by another kind becomes an ordinary array.
    let text = "[1, null, \"a\", [2]]";
    let doc = parse(text).unwrap();
    let items = doc.as_array().unwrap();
    let pos: Vec<usize> = items.iter().map(|j| j.pos).collect();
    assert_eq!(pos, [1, 4, 10, 15]);
    assert!(matches!(items[3].value, JsonValue::Numbers(_)));
    assert!(matches!(parse("[]").unwrap().value, JsonValue::Array(ref a) if a.is_empty()));
}

#[test]
fn random_documents_parse_to_the_generated_values_and_positions() {
    let mut rng = Rng(0xDEAD_BEEF_CAFE_F00D);
    for _ in 0..3_000 {
        let mut text = String::new();
        if rng.below(10) == 0 {
            text.push('\u{feff}');
        }
        gen_ws(&mut rng, &mut text);
        let expected = gen_value(&mut rng, 0, &mut text);
        gen_ws(&mut rng, &mut text);
        let parsed = parse_checked(&text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(expanded(&parsed, &text), expected, "{text:?}");
        cross_check(&text);
    }
}

// ----- performance ----------------------------------------------------------

/// `cargo test --release --lib core::json -- --ignored --nocapture`
#[test]
#[ignore = "timing; run in release"]
fn million_numbers_parse_fast() {
    let mut text = String::with_capacity(8 << 20);
    text.push('[');
    for i in 0..1_000_000u32 {
        if i > 0 {
            text.push_str(", ");
        }
        if i % 2 == 0 {
            text.push_str(&format!("{}.5", i % 1000));
        } else {
            text.push_str(&format!("{}", i));
        }
    }
    text.push(']');
    let mut best = std::time::Duration::MAX;
    for _ in 0..5 {
        let start = std::time::Instant::now();
        let doc = parse(&text).unwrap();
        let elapsed = start.elapsed();
        assert_eq!(doc.items(&text).unwrap().len(), 1_000_000);
        best = best.min(elapsed);
    }
    println!(
        "1M-number array ({} bytes): best of 5 parses {:.1} ms",
        text.len(),
        best.as_secs_f64() * 1e3
    );
    assert!(best.as_secs_f64() < 1.0);
}

/// The line/column rule written the plain way (a scan from the start), as
/// `line_col` was before it went through `LineIndex`: the reference both
/// are checked against.
fn reference_line_col(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let bytes = text.as_bytes();
    let mut line = 1u32;
    let first = if bytes.starts_with(b"\xEF\xBB\xBF") && offset >= 3 {
        3
    } else {
        0
    };
    let mut line_start = first;
    for (i, &b) in bytes.iter().enumerate().take(offset).skip(first) {
        let ends_line = match b {
            b'\n' => true,
            b'\r' => bytes.get(i + 1) != Some(&b'\n'),
            _ => false,
        };
        if ends_line {
            line += 1;
            line_start = i + 1;
        }
    }
    let column = 1 + bytes[line_start..offset]
        .iter()
        .filter(|&&b| (b as i8) >= -0x40)
        .count();
    (line, column as u32)
}

#[test]
fn line_index_agrees_with_line_col_everywhere() {
    let texts = [
        "",
        "\u{feff}{\"a\":\r\n 1,\r \"標題\": [\n\n\"x\"]}\r",
        "{\"events\": [\n  {\"id\": \"é\", \"start\": \"2001\"},\r\n  {}\r]}",
        "\u{feff}",
        "\r\r\n\n\r",
    ];
    for text in texts {
        let index = LineIndex::new(text);
        // in order (the memo), then backwards (no memo), then again
        let forward: Vec<(u32, u32)> = (0..=text.len() + 2).map(|o| index.line_col(o)).collect();
        let backward: Vec<(u32, u32)> = (0..=text.len() + 2)
            .rev()
            .map(|o| index.line_col(o))
            .collect();
        for o in 0..=text.len() + 2 {
            let want = reference_line_col(text, o);
            assert_eq!(line_col(text, o), want, "{text:?} at {o} (line_col)");
            assert_eq!(forward[o], want, "{text:?} at {o}");
            assert_eq!(
                backward[text.len() + 2 - o],
                want,
                "{text:?} at {o} (backwards)"
            );
            assert_eq!(index.line_col(o), want, "{text:?} at {o} (again)");
        }
    }
}
