use super::*;

// ----- helpers -----------------------------------------------------------

fn ok(text: &str) -> Json {
    match parse(text) {
        Ok(json) => expanded(&json, text),
        Err(e) => panic!("{text:?} should parse, got: {e}"),
    }
}

/// `json` with every compact number array turned into an `Array` of
/// values (through `Json::items`), so tests can look at one shape.
fn expanded(json: &Json, text: &str) -> Json {
    let value = match &json.value {
        JsonValue::Array(_) | JsonValue::Numbers(_) => JsonValue::Array(
            json.items(text)
                .unwrap()
                .iter()
                .map(|j| expanded(j, text))
                .collect(),
        ),
        JsonValue::Object(m) => JsonValue::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), expanded(v, text)))
                .collect(),
        ),
        v => v.clone(),
    };
    Json {
        value,
        pos: json.pos,
    }
}

fn err(text: &str) -> JsonSyntaxError {
    match parse(text) {
        Ok(json) => panic!("{text:?} should be rejected, got {json:?}"),
        Err(e) => e,
    }
}

/// Asserts the exact message and position of the error for `text`.
#[track_caller]
fn assert_err(text: &str, message: &str, line: u32, column: u32) {
    let e = err(text);
    assert_eq!(e.message, message, "message for {text:?}");
    assert_eq!(
        (e.line, e.column),
        (line, column),
        "line/column for {text:?}: {e}"
    );
    assert_eq!(
        line_col(text, e.offset),
        (line, column),
        "offset for {text:?}"
    );
}

fn num(text: &str) -> f64 {
    ok(text)
        .as_f64()
        .unwrap_or_else(|| panic!("{text:?} is not a number"))
}

fn string(text: &str) -> String {
    ok(text).as_str().expect("a string").to_owned()
}

/// Checks that every value's `pos` points at the character that starts a
/// value of its type.
fn assert_positions_plausible(text: &str, json: &Json) {
    let first = text.as_bytes()[json.pos];
    let fits = match &json.value {
        JsonValue::Null => first == b'n',
        JsonValue::Bool(true) => first == b't',
        JsonValue::Bool(false) => first == b'f',
        JsonValue::Number(_) => first == b'-' || first.is_ascii_digit(),
        JsonValue::String(_) => first == b'"',
        JsonValue::Array(_) | JsonValue::Numbers(_) => first == b'[',
        JsonValue::Object(_) => first == b'{',
    };
    assert!(fits, "{json:?} at {} in {text:?}", json.pos);
    match &json.value {
        JsonValue::Array(_) | JsonValue::Numbers(_) => json
            .items(text)
            .unwrap()
            .iter()
            .for_each(|item| assert_positions_plausible(text, item)),
        JsonValue::Object(members) => members
            .iter()
            .for_each(|(_, v)| assert_positions_plausible(text, v)),
        _ => {}
    }
}

/// Small xorshift64 generator, deterministic per seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ----- values and accessors ----------------------------------------------

#[test]
fn scalars_parse_with_positions() {
    assert_eq!(
        ok("null"),
        Json {
            value: JsonValue::Null,
            pos: 0
        }
    );
    assert_eq!(
        ok("  true"),
        Json {
            value: JsonValue::Bool(true),
            pos: 2
        }
    );
    assert_eq!(
        ok("\nfalse\n"),
        Json {
            value: JsonValue::Bool(false),
            pos: 1
        }
    );
    assert_eq!(
        ok("\t-12.5e1 "),
        Json {
            value: JsonValue::Number(-125.0),
            pos: 1
        }
    );
    assert_eq!(
        ok("\r\n\"hi\""),
        Json {
            value: JsonValue::String("hi".into()),
            pos: 2
        }
    );
    assert_eq!(
        ok(" [] "),
        Json {
            value: JsonValue::Array(vec![]),
            pos: 1
        }
    );
    assert_eq!(
        ok("{ }"),
        Json {
            value: JsonValue::Object(vec![]),
            pos: 0
        }
    );
}

#[test]
fn accessors_and_type_names() {
    let doc = ok(r#"{"n": null, "b": true, "x": 2.5, "s": "str", "a": [1, "two"], "o": {}}"#);
    let names: Vec<&str> = ["n", "b", "x", "s", "a", "o"]
        .iter()
        .map(|k| doc.get(k).unwrap().type_name())
        .collect();
    assert_eq!(
        names,
        ["null", "boolean", "number", "string", "array", "object"]
    );
    assert_eq!(doc.type_name(), "object");

    assert!(doc.get("n").unwrap().is_null());
    assert!(!doc.get("b").unwrap().is_null());
    assert_eq!(doc.get("b").unwrap().value, JsonValue::Bool(true));
    assert_eq!(doc.get("x").unwrap().as_f64(), Some(2.5));
    assert_eq!(doc.get("s").unwrap().as_str(), Some("str"));
    let a = doc.get("a").unwrap().as_array().unwrap();
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].as_f64(), Some(1.0));
    assert_eq!(a[1].as_str(), Some("two"));

    // Wrong types give None.
    let s = doc.get("s").unwrap();
    assert_eq!(s.as_f64(), None);
    assert_eq!(s.as_array(), None);
    assert_eq!(doc.get("x").unwrap().as_str(), None);
    assert_eq!(doc.get("o").unwrap().as_array(), None);
    assert_eq!(doc.as_str(), None);
    assert_eq!(doc.get("missing"), None);
    // get on non-objects is None, even when an element "looks like" a key.
    assert_eq!(doc.get("a").unwrap().get("0"), None);
    assert_eq!(s.get("s"), None);
    assert!(doc.get("o").unwrap().get("").is_none());
}

#[test]
fn positions_in_nested_containers() {
    let text = "{\n  \"a\": [1, {\"b\": null}],\n  \"c\": \"x\"\n}";
    let doc = ok(text);
    assert_eq!(doc.pos, 0);
    let a = doc.get("a").unwrap();
    assert_eq!(a.pos, text.find('[').unwrap());
    assert_eq!(line_col(text, a.pos), (2, 8));
    let items = a.as_array().unwrap();
    assert_eq!(items[0].pos, text.find('1').unwrap());
    assert_eq!(line_col(text, items[0].pos), (2, 9));
    assert_eq!(items[1].pos, text.find("{\"b\"").unwrap());
    let b = items[1].get("b").unwrap();
    assert_eq!(b.pos, text.find("null").unwrap());
    assert_eq!(line_col(text, b.pos), (2, 18));
    let c = doc.get("c").unwrap();
    assert_eq!(c.pos, text.find("\"x\"").unwrap());
    assert_eq!(line_col(text, c.pos), (3, 8));
    assert_positions_plausible(text, &doc);
}

#[test]
fn positions_after_multibyte_characters() {
    let text = r#"{"標題": "蘇州", "x": 1}"#;
    let doc = ok(text);
    let title = doc.get("標題").unwrap();
    assert_eq!(title.as_str(), Some("蘇州"));
    assert_eq!(title.pos, 11); // `{"標題": ` is 1 + 1 + 6 + 1 + 1 + 1 bytes
    assert_eq!(line_col(text, title.pos), (1, 8));
    let x = doc.get("x").unwrap();
    assert_eq!(x.pos, 26);
    assert_eq!(&text[x.pos..x.pos + 1], "1");
    assert_eq!(line_col(text, x.pos), (1, 19)); // 18 characters before it

    let text = "[\n\"蘇州😀\", 2]";
    let doc = ok(text);
    let two = &doc.as_array().unwrap()[1];
    assert_eq!(two.pos, text.len() - 2);
    assert_eq!(line_col(text, two.pos), (2, 8));
}

#[test]
fn positions_after_escapes() {
    let text = r#"["\n\u00e9\ud83d\ude00", 7, "tail"]"#;
    let items = ok(text).as_array().unwrap().to_vec();
    assert_eq!(items[0].as_str(), Some("\né😀"));
    assert_eq!(items[1].pos, text.find('7').unwrap());
    assert_eq!(items[2].pos, text.find("\"tail").unwrap());
}

#[test]
fn duplicate_keys_keep_all_members_and_get_returns_the_last() {
    let text = r#"{"a": 1, "b": 2, "a": 3}"#;
    let doc = ok(text);
    match &doc.value {
        JsonValue::Object(members) => {
            let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(keys, ["a", "b", "a"]);
            assert_eq!(members[0].1.as_f64(), Some(1.0));
        }
        other => panic!("not an object: {other:?}"),
    }
    let a = doc.get("a").unwrap();
    assert_eq!(a.as_f64(), Some(3.0));
    assert_eq!(a.pos, text.find('3').unwrap());
    assert_eq!(doc.get("b").unwrap().as_f64(), Some(2.0));
    // Keys are compared after unescaping.
    let doc = ok(r#"{"k": 1, "\u006b": 2}"#);
    assert_eq!(doc.get("k").unwrap().as_f64(), Some(2.0));
}

// ----- strings ------------------------------------------------------------

#[test]
fn string_escapes() {
    assert_eq!(string(r#""""#), "");
    assert_eq!(string(r#""plain""#), "plain");
    assert_eq!(string(r#""\"\\\/\b\f\n\r\t""#), "\"\\/\u{8}\u{c}\n\r\t");
    assert_eq!(string(r#""a\u0041\u00e9\u00E9\u4E2D""#), "aAéé中");
    assert_eq!(string(r#""\u0000""#), "\0");
    assert_eq!(string("\"raw é 中 😀 \u{7f}\""), "raw é 中 😀 \u{7f}");
    assert_eq!(string(r#""x\ny\tz""#), "x\ny\tz");
}

#[test]
fn surrogate_pairs_combine_and_lone_surrogates_become_replacement() {
    assert_eq!(string(r#""\ud83d\ude00""#), "😀");
    assert_eq!(string(r#""\uD834\uDD1E!""#), "𝄞!");
    assert_eq!(string(r#""\ud800\udc00""#), "\u{10000}");
    assert_eq!(string(r#""\uDBFF\uDFFF""#), "\u{10ffff}");
    assert_eq!(string(r#""\ud83d""#), "\u{fffd}");
    assert_eq!(string(r#""\ud83dx""#), "\u{fffd}x");
    assert_eq!(string(r#""\ude00""#), "\u{fffd}");
    assert_eq!(string(r#""\ude00\ud83d""#), "\u{fffd}\u{fffd}");
    assert_eq!(string(r#""\ud83d\ud83d\ude00""#), "\u{fffd}😀");
    assert_eq!(string(r#""\ud83d\u0041""#), "\u{fffd}A");
    assert_eq!(string(r#""\ud83d\n""#), "\u{fffd}\n");
    assert_eq!(string(r#""\ud83d\\ude00""#), "\u{fffd}\\ude00");
    // The escape after a high surrogate is still checked.
    assert_err(
        r#""\ud83d\uZZZZ""#,
        "invalid \\u escape (expected 4 hex digits)",
        1,
        8,
    );
}

// ----- numbers ------------------------------------------------------------

#[test]
fn numbers() {
    let cases: &[(&str, f64)] = &[
        ("0", 0.0),
        ("7", 7.0),
        ("-7", -7.0),
        ("10", 10.0),
        ("1234567890", 1234567890.0),
        ("0.5", 0.5),
        ("-0.25", -0.25),
        ("1.5e3", 1500.0),
        ("1E3", 1000.0),
        ("1e+3", 1000.0),
        ("1e-3", 0.001),
        ("0e0", 0.0),
        ("0.0e-0", 0.0),
        ("2.5E-1", 0.25),
        ("1.7976931348623157e308", f64::MAX),
        ("5e-324", 5e-324),
        ("9007199254740993", 9007199254740992.0),
        ("0.1", 0.1),
    ];
    for &(text, expected) in cases {
        assert_eq!(num(text), expected, "{text}");
    }
    assert!(num("-0").is_sign_negative());
    assert!(num("-0.0").is_sign_negative());
    // Out of range: infinite (or zero), not an error.
    assert_eq!(num("1e400"), f64::INFINITY);
    assert_eq!(num("-1e400"), f64::NEG_INFINITY);
    assert_eq!(num("1e99999999999999999999999999"), f64::INFINITY);
    assert_eq!(num("1e-400"), 0.0);
    let long = format!("1{}", "0".repeat(400));
    assert_eq!(num(&long), f64::INFINITY);
    let long_fraction = format!("0.{}1", "0".repeat(1000));
    assert_eq!(num(&long_fraction), 0.0);
}

// ----- rejections ---------------------------------------------------------

#[test]
fn rejects_unexpected_characters_where_a_value_is_expected() {
    assert_err(
        r#"{"a": }"#,
        "unexpected character '}' (expected a value)",
        1,
        7,
    );
    assert_err(
        "[\n  ,1]",
        "unexpected character ',' (expected a value)",
        2,
        3,
    );
    assert_err("+1", "unexpected character '+' (expected a value)", 1, 1);
    assert_err(".5", "unexpected character '.' (expected a value)", 1, 1);
    assert_err(
        "[1, .5]",
        "unexpected character '.' (expected a value)",
        1,
        5,
    );
    assert_err("NaN", "unexpected character 'N' (expected a value)", 1, 1);
    assert_err(
        "[Infinity]",
        "unexpected character 'I' (expected a value)",
        1,
        2,
    );
    assert_err(
        "-Infinity",
        "unexpected character 'I' (expected a digit after '-')",
        1,
        2,
    );
    assert_err("True", "unexpected character 'T' (expected a value)", 1, 1);
    assert_err("'a'", "unexpected character '\\'' (expected a value)", 1, 1);
    assert_err(
        "[1, 'a']",
        "unexpected character '\\'' (expected a value)",
        1,
        5,
    );
    assert_err(
        "[1,,2]",
        "unexpected character ',' (expected a value)",
        1,
        4,
    );
    assert_err(
        "[\"蘇\", ?]",
        "unexpected character '?' (expected a value)",
        1,
        7,
    );
}

#[test]
fn rejects_comments() {
    assert_err(
        "// note\n1",
        "unexpected character '/' (expected a value)",
        1,
        1,
    );
    assert_err(
        "/* c */ 1",
        "unexpected character '/' (expected a value)",
        1,
        1,
    );
    assert_err(
        "1 // note",
        "unexpected character '/' after the JSON value",
        1,
        3,
    );
    assert_err(
        "[1 /* c */]",
        "missing ',' or ']' after array element",
        1,
        4,
    );
    assert_err(
        "{\n  \"a\": 1 # c\n}",
        "missing ',' or '}' after object member",
        2,
        10,
    );
}

#[test]
fn rejects_trailing_commas() {
    assert_err("[1, 2,]", "trailing comma before ']'", 1, 6);
    assert_err("[1, 2,\n]", "trailing comma before ']'", 1, 6);
    assert_err("{\"a\": 1,}", "trailing comma before '}'", 1, 8);
    assert_err("{\n  \"a\": 1,\n  \n}", "trailing comma before '}'", 2, 9);
    assert_err("[,]", "unexpected character ',' (expected a value)", 1, 2);
    assert_err(
        "{,}",
        "unexpected character ',' (expected a key in double quotes)",
        1,
        2,
    );
}

#[test]
fn rejects_bad_object_syntax() {
    assert_err(
        "{'a': 1}",
        "unexpected character '\\'' (expected a key in double quotes)",
        1,
        2,
    );
    assert_err(
        "{a: 1}",
        "unexpected character 'a' (expected a key in double quotes)",
        1,
        2,
    );
    assert_err(
        "{1: 1}",
        "unexpected character '1' (expected a key in double quotes)",
        1,
        2,
    );
    assert_err(
        "{\"a\": 1, b: 2}",
        "unexpected character 'b' (expected a key in double quotes)",
        1,
        10,
    );
    assert_err("{\"a\" 1}", "expected ':' after key", 1, 6);
    assert_err("{\"a\"}", "expected ':' after key", 1, 5);
    assert_err("{\"a\" = 1}", "expected ':' after key", 1, 6);
    assert_err(
        "{\"a\": 1 \"b\": 2}",
        "missing ',' or '}' after object member",
        1,
        9,
    );
    assert_err("{\"a\": 1]", "missing ',' or '}' after object member", 1, 8);
    assert_err("[1 2]", "missing ',' or ']' after array element", 1, 4);
    assert_err(
        "[true false]",
        "missing ',' or ']' after array element",
        1,
        7,
    );
    assert_err("[1}", "missing ',' or ']' after array element", 1, 3);
}

#[test]
fn rejects_bad_numbers() {
    assert_err("01", "number with leading zero", 1, 1);
    assert_err("[1, 00]", "number with leading zero", 1, 5);
    assert_err("-01", "number with leading zero", 1, 2);
    assert_err("{\"x\": 007}", "number with leading zero", 1, 7);
    assert_err(
        "1.",
        "unexpected end of input (expected a digit after the decimal point)",
        1,
        3,
    );
    assert_err(
        "[1.]",
        "unexpected character ']' (expected a digit after the decimal point)",
        1,
        4,
    );
    assert_err(
        "1.e5",
        "unexpected character 'e' (expected a digit after the decimal point)",
        1,
        3,
    );
    assert_err(
        "1e",
        "unexpected end of input (expected a digit in the exponent)",
        1,
        3,
    );
    assert_err(
        "[1e+]",
        "unexpected character ']' (expected a digit in the exponent)",
        1,
        5,
    );
    assert_err(
        "1e-x",
        "unexpected character 'x' (expected a digit in the exponent)",
        1,
        4,
    );
    assert_err(
        "-",
        "unexpected end of input (expected a digit after '-')",
        1,
        2,
    );
    assert_err(
        "--1",
        "unexpected character '-' (expected a digit after '-')",
        1,
        2,
    );
    assert_err(
        "- 1",
        "unexpected character ' ' (expected a digit after '-')",
        1,
        2,
    );
    assert_err(
        "0x10",
        "unexpected character 'x' after the JSON value",
        1,
        2,
    );
    assert_err(
        "1.5.3",
        "unexpected character '.' after the JSON value",
        1,
        4,
    );
    assert_err(
        "1_000",
        "unexpected character '_' after the JSON value",
        1,
        2,
    );
}

#[test]
fn rejects_bad_literals() {
    assert_err("tru", "unexpected end of input (expected 'true')", 1, 4);
    assert_err("trUe", "unexpected character 'U' (expected 'true')", 1, 3);
    assert_err("[nul]", "unexpected character ']' (expected 'null')", 1, 5);
    assert_err("fals", "unexpected end of input (expected 'false')", 1, 5);
    assert_err(
        "[1, fal",
        "unexpected end of input (an array opened at line 1, column 1 is not closed)",
        1,
        8,
    );
    assert_err(
        "nulls",
        "unexpected character 's' after the JSON value",
        1,
        5,
    );
    assert_err("[truex]", "missing ',' or ']' after array element", 1, 6);
}

#[test]
fn rejects_bad_strings() {
    assert_err(
        "\"abc",
        "unterminated string (opened at line 1, column 1)",
        1,
        5,
    );
    assert_err(
        "[\n  \"abc",
        "unterminated string (opened at line 2, column 3)",
        2,
        7,
    );
    assert_err(
        "\"abc\\",
        "unterminated string (opened at line 1, column 1)",
        1,
        6,
    );
    assert_err(
        "\"\\u12",
        "unterminated string (opened at line 1, column 1)",
        1,
        6,
    );
    assert_err(
        "\"a\tb\"",
        "unescaped control character U+0009 in string",
        1,
        3,
    );
    assert_err(
        "\"a\u{0}\"",
        "unescaped control character U+0000 in string",
        1,
        3,
    );
    assert_err(
        "\"a\u{1f}\"",
        "unescaped control character U+001F in string",
        1,
        3,
    );
    assert_err("{\"a\nb\": 1}", "unescaped line break in string", 1, 4);
    assert_err(
        "[\"a\\n\", \"b\rc\"]",
        "unescaped line break in string",
        1,
        11,
    );
    assert_err("[\"a\\x\"]", "invalid escape \\x", 1, 4);
    assert_err("\"\\a\"", "invalid escape \\a", 1, 2);
    assert_err("\"\\'\"", "invalid escape \\'", 1, 2);
    assert_err("\"é\\é\"", "invalid escape \\é", 1, 3);
    assert_err("\"\\U0041\"", "invalid escape \\U", 1, 2);
    assert_err("\"\\\n\"", "invalid escape (backslash before U+000A)", 1, 2);
    assert_err(
        "\"\\u12\"",
        "invalid \\u escape (expected 4 hex digits)",
        1,
        2,
    );
    assert_err(
        "\"\\uGGGG\"",
        "invalid \\u escape (expected 4 hex digits)",
        1,
        2,
    );
    assert_err(
        "\"\\u\"",
        "invalid \\u escape (expected 4 hex digits)",
        1,
        2,
    );
    assert_err(
        "\"\\u 123\"",
        "invalid \\u escape (expected 4 hex digits)",
        1,
        2,
    );
    assert_err(
        "\"\\u+123\"",
        "invalid \\u escape (expected 4 hex digits)",
        1,
        2,
    );
    // An escaped control character is fine; a raw DEL too.
    assert_eq!(string("\"\\u001f\u{7f}\""), "\u{1f}\u{7f}");
}

#[test]
fn rejects_non_json_whitespace() {
    for ws in [
        "\u{c}", "\u{b}", "\u{a0}", "\u{2028}", "\u{3000}", "\u{feff}",
    ] {
        let text = format!("[1,{ws}2]");
        let e = err(&text);
        assert!(
            e.message.starts_with("unexpected character")
                && e.message.ends_with("(expected a value)"),
            "{text:?}: {e}"
        );
        assert_eq!((e.offset, e.line, e.column), (3, 1, 4), "{text:?}");
    }
    assert_err(
        "\u{c}1",
        "unexpected character '\\u{c}' (expected a value)",
        1,
        1,
    );
}

#[test]
fn rejects_premature_end_with_the_open_container() {
    assert_err("", "unexpected end of input (expected a value)", 1, 1);
    assert_err(" \n\t", "unexpected end of input (expected a value)", 2, 2);
    assert_err(
        "[",
        "unexpected end of input (an array opened at line 1, column 1 is not closed)",
        1,
        2,
    );
    assert_err(
        "[1, 2",
        "unexpected end of input (an array opened at line 1, column 1 is not closed)",
        1,
        6,
    );
    assert_err(
        "[1,",
        "unexpected end of input (an array opened at line 1, column 1 is not closed)",
        1,
        4,
    );
    assert_err(
        "{",
        "unexpected end of input (an object opened at line 1, column 1 is not closed)",
        1,
        2,
    );
    assert_err(
        "{\"a\"",
        "unexpected end of input (an object opened at line 1, column 1 is not closed)",
        1,
        5,
    );
    assert_err(
        "{\"a\":",
        "unexpected end of input (an object opened at line 1, column 1 is not closed)",
        1,
        6,
    );
    assert_err(
        "{\"a\": 1",
        "unexpected end of input (an object opened at line 1, column 1 is not closed)",
        1,
        8,
    );
    assert_err(
        "{\"a\": 1,",
        "unexpected end of input (an object opened at line 1, column 1 is not closed)",
        1,
        9,
    );
    // The innermost unclosed container is named.
    let text = "{\n  \"title\": \"x\",\n  \"serie\": [1, 2,\n    3\n";
    assert_err(
        text,
        "unexpected end of input (an array opened at line 3, column 12 is not closed)",
        5,
        1,
    );
    let text = "{\"a\": [1, {\"b\": [2]}]";
    let e = err(text);
    assert_eq!(
        e.message,
        "unexpected end of input (an object opened at line 1, column 1 is not closed)"
    );
    assert_eq!(e.offset, text.len());
}

#[test]
fn rejects_trailing_content() {
    assert_err(
        "{} {}",
        "unexpected character '{' after the JSON value",
        1,
        4,
    );
    assert_err("1 2", "unexpected character '2' after the JSON value", 1, 3);
    assert_err(
        "[1]]",
        "unexpected character ']' after the JSON value",
        1,
        4,
    );
    assert_err(
        "\"a\"\n\"b\"",
        "unexpected character '\"' after the JSON value",
        2,
        1,
    );
    assert_err(
        "null\u{0}",
        "unexpected character '\\0' after the JSON value",
        1,
        5,
    );
    // Trailing whitespace of every allowed kind is fine.
    assert_eq!(ok("1 \t\r\n\n\r ").as_f64(), Some(1.0));
}

#[test]
fn error_display_and_error_trait() {
    let e = err("{\"a\" 1}");
    assert_eq!(e.to_string(), "expected ':' after key at line 1, column 6");
    assert_eq!(e.offset, 5);
    let boxed: Box<dyn std::error::Error> = Box::new(e.clone());
    assert_eq!(boxed.to_string(), e.to_string());
    let e = err("[\r\n  1,\r\n  2,\r\n]");
    assert_eq!(
        e.to_string(),
        "trailing comma before ']' at line 3, column 4"
    );
}

// ----- BOM, lines and columns ---------------------------------------------

#[test]
fn byte_order_mark_is_skipped_at_the_start_only() {
    let text = "\u{feff}{\"a\": 1}";
    let doc = ok(text);
    assert_eq!(doc.pos, 3);
    let a = doc.get("a").unwrap();
    assert_eq!(a.pos, 9);
    assert_eq!(line_col(text, a.pos), (1, 7)); // as without the BOM
    assert_eq!(line_col(text, doc.pos), (1, 1));
    assert_eq!(ok("\u{feff} \n 5").pos, 6);

    assert_err(
        "\u{feff}",
        "unexpected end of input (expected a value)",
        1,
        1,
    );
    assert_eq!(err("\u{feff}").offset, 3);
    assert_err("\u{feff}[1,]", "trailing comma before ']'", 1, 3);
    // Only one BOM, and only at the very start.
    let e = err("\u{feff}\u{feff}1");
    assert_eq!(
        (e.offset, e.message.as_str()),
        (3, "unexpected character '\\u{feff}' (expected a value)")
    );
    assert_eq!(err(" \u{feff}1").offset, 1);
    assert_eq!(err("[\u{feff}1]").offset, 1);
}

#[test]
fn line_col_counts_lines_and_scalar_values() {
    let text = "a\r\nb\rc\nd";
    assert_eq!(line_col(text, 0), (1, 1));
    assert_eq!(line_col(text, 1), (1, 2)); // the \r of \r\n
    assert_eq!(line_col(text, 2), (1, 3)); // the \n of \r\n
    assert_eq!(line_col(text, 3), (2, 1)); // b
    assert_eq!(line_col(text, 4), (2, 2)); // lone \r
    assert_eq!(line_col(text, 5), (3, 1)); // c
    assert_eq!(line_col(text, 7), (4, 1)); // d
    assert_eq!(line_col(text, 8), (4, 2)); // the end
    assert_eq!(line_col("\n\n\n", 3), (4, 1));
    assert_eq!(line_col("\r\r", 2), (3, 1));
    assert_eq!(line_col("\r\n\r\n", 4), (3, 1));
    assert_eq!(line_col("x\n蘇州😀y", 12), (2, 4));
    assert_eq!(line_col("x\n蘇州😀y", 13), (2, 5));
}

#[test]
fn line_col_clamps_and_never_panics() {
    assert_eq!(line_col("", 0), (1, 1));
    assert_eq!(line_col("", 99), (1, 1));
    assert_eq!(line_col("abc", 99), (1, 4));
    assert_eq!(line_col("a\n", usize::MAX), (2, 1));
    // Inside a multi-byte character: the start of that character.
    assert_eq!(line_col("é", 1), (1, 1));
    assert_eq!(line_col("a😀b", 2), (1, 2));
    assert_eq!(line_col("a😀b", 4), (1, 2));
    assert_eq!(line_col("a😀b", 5), (1, 3));
    assert_eq!(line_col("\u{feff}x", 1), (1, 1));
    assert_eq!(line_col("\u{feff}x", 3), (1, 1));
    assert_eq!(line_col("\u{feff}x", 4), (1, 2));
    let text = "蘇\r\n州\r";
    for offset in 0..=text.len() + 2 {
        let (line, column) = line_col(text, offset);
        assert!(line >= 1 && column >= 1);
    }
}

#[test]
fn crlf_documents_report_lines() {
    let text = "{\r\n  \"a\": 1,\r\n  \"b\": x\r\n}";
    assert_err(text, "unexpected character 'x' (expected a value)", 3, 8);
    let text = "[\r\r1,\r\n\n 2]";
    let items = ok(text).as_array().unwrap().to_vec();
    assert_eq!(line_col(text, items[0].pos), (3, 1));
    assert_eq!(line_col(text, items[1].pos), (5, 2));
}

// ----- nesting --------------------------------------------------------------

fn depth(json: &Json) -> usize {
    match &json.value {
        JsonValue::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        JsonValue::Object(members) => 1 + members.iter().map(|(_, v)| depth(v)).max().unwrap_or(0),
        _ => 0,
    }
}

#[test]
fn nesting_up_to_the_limit_parses() {
    let text = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert_eq!(depth(&ok(&text)), MAX_DEPTH);
    let text = format!("{}1{}", "{\"a\":".repeat(MAX_DEPTH), "}".repeat(MAX_DEPTH));
    let doc = ok(&text);
    assert_eq!(depth(&doc), MAX_DEPTH);
    let mut inner = &doc;
    for _ in 0..MAX_DEPTH {
        inner = inner.get("a").unwrap();
    }
    assert_eq!(inner.as_f64(), Some(1.0));
    assert_eq!(inner.pos, MAX_DEPTH * 5);
}

#[test]
fn nesting_over_the_limit_is_an_error_at_the_bracket() {
    let n = MAX_DEPTH + 1;
    let text = format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert_err(&text, "nesting deeper than 128 levels", 1, 129);
    assert_eq!(err(&text).offset, 128);
    let text = format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n));
    assert_eq!(err(&text).offset, 128 * 5);
    assert_eq!(err(&text).message, "nesting deeper than 128 levels");
    let text = format!("{}{{}}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert_eq!(err(&text).offset, 128);
}

#[test]
fn megabyte_deep_nesting_does_not_overflow_the_stack() {
    // Run on a small stack (wasm's default is 1 MiB) to show the
    // recursion is bounded.
    let handle = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(|| {
            let text = "[".repeat(1 << 20);
            let e = parse(&text).unwrap_err();
            assert_eq!(
                (e.offset, e.message.as_str()),
                (128, "nesting deeper than 128 levels")
            );
            let text = "{\"k\":[".repeat(200_000);
            let e = parse(&text).unwrap_err();
            assert_eq!(e.message, "nesting deeper than 128 levels");
            assert_eq!(e.offset, 64 * 6); // the `{` opening level 129
            let text = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
            parse(&text).unwrap();
        })
        .unwrap();
    handle.join().unwrap();
}

#[test]
fn count_elements_counts_top_level_elements() {
    for (text, n) in [
        ("[]", 0),
        ("[ ]", 0),
        ("[1]", 1),
        ("[1, 2,3]", 3),
        (r#"[{"a":[1,2,{"b":"]"}]}, "x,y", "q\"z,"]"#, 3),
        (r#"[[1,2],[3,[4,5]],{}]"#, 3),
        (
            r#"{"events": [ {"id":"a"} , {"id":"b"} ] , "x": [1,2,3]}"#,
            2,
        ),
    ] {
        let open = text.find('[').unwrap();
        let open = if text.starts_with('{') {
            text.find(": [").unwrap() + 2
        } else {
            open
        };
        assert_eq!(count_elements(text, open), n, "{text}");
    }
    // Broken input: an estimate, bounded, never a panic.
    for text in ["[", "[\"", "[\"\\", "[1,2", "[{,,,,,,,,,,"] {
        assert!(count_elements(text, 0) <= text.len() / 2, "{text}");
    }
}

/// Cross-checks against serde_json, randomized inputs, performance.
mod cross;
