//! A small, strict JSON parser (RFC 8259) that keeps the source position of
//! every value.
//!
//! `serde_json::Value` forgets where a value came from, so a dataset validator
//! built on it can only say *what* is wrong. This parser records, for every
//! value, the byte offset of its first character in the input ([`Json::pos`]);
//! [`line_col`] turns such an offset into the 1-based line and column an
//! editor shows. Syntax errors carry the same information
//! ([`JsonSyntaxError`]).
//!
//! What is accepted is exactly RFC 8259:
//! - no comments, trailing commas, single quotes, `NaN`/`Infinity`, leading
//!   zeros (`01`), leading `+`, or bare decimal points (`.5`, `1.`);
//! - strings may not contain raw control characters U+0000–U+001F; the escapes
//!   are `\" \\ \/ \b \f \n \r \t \uXXXX`, with UTF-16 surrogate pairs combined
//!   and lone surrogates replaced by U+FFFD;
//! - whitespace is space, tab, LF and CR only;
//! - exactly one value, followed only by whitespace.
//!
//! Two deliberate extras: a UTF-8 byte order mark at the very start is skipped
//! (positions still count the bytes of the original text), and numbers too
//! large for `f64` (`1e400`) become infinite instead of failing, so that the
//! caller can report them with a position.
//!
//! Containers nested deeper than [`MAX_DEPTH`] are rejected, so hostile input
//! such as a megabyte of `[` cannot overflow the stack.
//!
//! Compared with `serde_json` (which the tests cross-check against), the set
//! of accepted documents is the same except for the two extras above, lone
//! surrogate escapes (serde_json rejects them), and one more level of nesting
//! (serde_json stops at 127).
//!
//! Parsing is a single pass without per-character allocation: strings without
//! escapes are copied from a slice, and arrays and objects are collected in
//! shared buffers and moved into exactly sized vectors when they close.
//!
//! ```
//! use chronoscope::core::formats::json::{line_col, parse, JsonValue};
//!
//! let text = "{\n  \"title\": \"Rome\",\n  \"start\": -753\n}";
//! let doc = parse(text).unwrap(); // ok: doc example
//! let start = doc.get("start").unwrap(); // ok: doc example
//! assert_eq!(start.value, JsonValue::Number(-753.0));
//! assert_eq!(line_col(text, start.pos), (3, 12));
//!
//! let err = parse("[1, 2,]").unwrap_err();
//! assert_eq!(err.to_string(), "trailing comma before ']' at line 1, column 6");
//! ```

use std::fmt;

/// The deepest nesting of arrays and objects that [`parse`] accepts.
///
/// A document with 128 nested arrays parses; one with 129 is an error
/// ("nesting deeper than 128 levels"), reported at the bracket that opens the
/// 129th level.
pub const MAX_DEPTH: usize = 128;

/// A parsed JSON value together with where it starts in the input.
#[derive(Clone, Debug, PartialEq)]
pub struct Json {
    /// The value itself.
    pub value: JsonValue,
    /// Byte offset of the value's first character in the text given to
    /// [`parse`] (`{`, `[`, `"`, `-`, a digit, or the `t`/`f`/`n` of a
    /// literal). Pass it to [`line_col`] for a line and column.
    pub pos: usize,
}

/// The six kinds of JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonValue {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// Any number, as parsed by `str::parse::<f64>`; may be infinite when the
    /// literal is out of `f64` range (`1e400`), never NaN.
    Number(f64),
    /// A string with its escapes decoded.
    String(String),
    /// An array's elements in order.
    Array(Vec<Json>),
    /// A non-empty array whose elements are all numbers or `null`, stored
    /// compactly (`null` as NaN, which no JSON number parses to): big
    /// numeric columns cost 8 bytes an element instead of a [`Json`] each.
    /// [`Json::items`] gives the elements as values with their positions.
    Numbers(Vec<f64>),
    /// An object's members in source order. Duplicate keys are all kept;
    /// [`Json::get`] returns the last one.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The member named `key` of an object, or `None` if there is none or
    /// `self` is not an object. When a key occurs more than once, the last
    /// occurrence wins (as in JavaScript and serde_json).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match &self.value {
            JsonValue::Object(members) => {
                members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
            }
            _ => None,
        }
    }

    /// The member named `key` (the last one), for taking parts out.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json> {
        match &mut self.value {
            JsonValue::Object(members) => members
                .iter_mut()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The JSON type of the value, for messages: `"null"`, `"boolean"`,
    /// `"number"`, `"string"`, `"array"` or `"object"`.
    pub fn type_name(&self) -> &'static str {
        match self.value {
            JsonValue::Null => "null",
            JsonValue::Bool(_) => "boolean",
            JsonValue::Number(_) => "number",
            JsonValue::String(_) => "string",
            JsonValue::Array(_) | JsonValue::Numbers(_) => "array",
            JsonValue::Object(_) => "object",
        }
    }

    /// The string, if the value is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            JsonValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if the value is a number (possibly infinite).
    pub fn as_f64(&self) -> Option<f64> {
        match self.value {
            JsonValue::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The elements, if the value is an array that is not stored as
    /// [`JsonValue::Numbers`]; [`Json::items`] covers both.
    pub fn as_array(&self) -> Option<&[Json]> {
        match &self.value {
            JsonValue::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The elements of any array, with their positions. `text` must be the
    /// text this value was parsed from (the positions of a compact number
    /// array are found again in it).
    pub fn items(&self, text: &str) -> Option<std::borrow::Cow<'_, [Json]>> {
        use std::borrow::Cow;
        match &self.value {
            JsonValue::Array(items) => Some(Cow::Borrowed(items)),
            JsonValue::Numbers(nums) => {
                let pos = element_positions(text, self.pos, nums.len());
                Some(Cow::Owned(
                    nums.iter()
                        .zip(pos)
                        .map(|(&n, pos)| Json {
                            value: if n.is_nan() {
                                JsonValue::Null
                            } else {
                                JsonValue::Number(n)
                            },
                            pos,
                        })
                        .collect(),
                ))
            }
            _ => None,
        }
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self.value, JsonValue::Null)
    }
}

/// Why a text is not valid JSON, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonSyntaxError {
    /// A short description, e.g. `unexpected character '}' (expected a value)`.
    pub message: String,
    /// Byte offset of the offending character in the input; the input's
    /// length when the input ended too early. Always `<= text.len()`.
    pub offset: usize,
    /// 1-based line of `offset`, as computed by [`line_col`].
    pub line: u32,
    /// 1-based column of `offset`, in Unicode scalar values, as computed by
    /// [`line_col`].
    pub column: u32,
    /// The text is well-formed as far as it was read, but holds more values
    /// than the budget allowed ([`parse_with_budget`],
    /// [`Reader::set_value_budget`]); `offset` is where the budget ran out.
    pub too_large: bool,
}

impl JsonSyntaxError {
    fn new(text: &str, offset: usize, message: String) -> Self {
        let (line, column) = line_col(text, offset);
        JsonSyntaxError {
            message,
            offset,
            line,
            column,
            too_large: false,
        }
    }
}

impl fmt::Display for JsonSyntaxError {
    /// `<message> at line <L>, column <C>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {}, column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for JsonSyntaxError {}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses `text` as exactly one JSON value (RFC 8259, see the module docs).
///
/// A UTF-8 byte order mark at the very start is skipped; all positions, in
/// the result and in errors, are byte offsets into `text` as given.
pub fn parse(text: &str) -> Result<Json, JsonSyntaxError> {
    parse_with_budget(text, usize::MAX)
}

/// [`parse`], refusing (with [`JsonSyntaxError::too_large`]) a document of
/// more than `budget` values, so that a huge document of tiny values is
/// refused before its tree takes more memory than the largest document the
/// caller accepts. Each value counts one, and so does each number of an
/// array of numbers (kept as a column of `f64`).
pub fn parse_with_budget(text: &str, budget: usize) -> Result<Json, JsonSyntaxError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        open: Vec::new(),
        items: Vec::new(),
        members: Vec::new(),
        budget,
    };
    if text.as_bytes().starts_with(BOM) {
        parser.pos = BOM.len();
    }
    parser.skip_ws();
    let value = parser.parse_value()?;
    parser.skip_ws();
    if parser.pos < parser.bytes.len() {
        let c = parser.char_at(parser.pos);
        return Err(parser.error(
            parser.pos,
            format!("unexpected character {c:?} after the JSON value"),
        ));
    }
    Ok(value)
}

/// Reads a document piece by piece: the members of its top-level object
/// one at a time, and the elements of a member's array one at a time, so a
/// caller can decode and drop each element instead of holding the whole
/// tree. Accepts and rejects exactly what [`parse`] does, with the same
/// errors.
pub struct Reader<'a> {
    p: Parser<'a>,
    per_value: usize,
}

impl<'a> Reader<'a> {
    /// Starts reading `text` (a byte order mark is skipped).
    pub fn new(text: &'a str) -> Self {
        let mut p = Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            open: Vec::new(),
            items: Vec::new(),
            members: Vec::new(),
            budget: usize::MAX,
        };
        if text.as_bytes().starts_with(BOM) {
            p.pos = BOM.len();
        }
        p.skip_ws();
        Reader {
            p,
            per_value: usize::MAX,
        }
    }

    /// Refuses (with [`JsonSyntaxError::too_large`]) any one `value`
    /// (`Self::value`) of more than `units` values, counted as in
    /// [`parse_with_budget`].
    pub fn set_value_budget(&mut self, units: usize) {
        self.per_value = units;
    }

    /// The next non-whitespace byte, if any.
    pub fn peek(&mut self) -> Option<u8> {
        self.p.skip_ws();
        self.p.peek()
    }

    /// Where the next value starts.
    pub fn pos(&mut self) -> usize {
        self.p.skip_ws();
        self.p.pos
    }

    /// One whole value.
    pub fn value(&mut self) -> Result<Json, JsonSyntaxError> {
        self.p.skip_ws();
        self.p.budget = self.per_value;
        self.p.parse_value()
    }

    /// Steps into the object at the cursor; returns whether a member follows.
    pub fn begin_object(&mut self) -> Result<bool, JsonSyntaxError> {
        self.begin(Container::Object, b'}')
    }

    /// Steps into a container; whether something follows before `close`.
    fn begin(&mut self, kind: Container, close: u8) -> Result<bool, JsonSyntaxError> {
        self.p.skip_ws();
        self.p.enter(kind)?;
        self.p.skip_ws();
        if self.p.peek() == Some(close) {
            self.p.pos += 1;
            self.p.open.pop();
            return Ok(false);
        }
        Ok(true)
    }

    /// After a member or element: whether another follows (else the
    /// container is closed with `close`).
    fn next(&mut self, close: u8, missing: &str) -> Result<bool, JsonSyntaxError> {
        let more = self.p.separator(close, missing)?;
        if !more {
            self.p.open.pop();
        }
        Ok(more)
    }

    /// The next member's key (and its colon).
    pub fn key(&mut self) -> Result<String, JsonSyntaxError> {
        self.p.key()
    }

    /// After a member's value: whether another member follows (else the
    /// object is closed).
    pub fn next_member(&mut self) -> Result<bool, JsonSyntaxError> {
        self.next(b'}', "missing ',' or '}' after object member")
    }

    /// Steps into the array at the cursor; returns whether an element follows.
    pub fn begin_array(&mut self) -> Result<bool, JsonSyntaxError> {
        self.begin(Container::Array, b']')
    }

    /// After an element: whether another follows (else the array is closed).
    pub fn next_element(&mut self) -> Result<bool, JsonSyntaxError> {
        self.next(b']', "missing ',' or ']' after array element")
    }

    /// Checks that nothing but whitespace follows the document.
    pub fn finish(&mut self) -> Result<(), JsonSyntaxError> {
        self.p.skip_ws();
        if self.p.pos < self.p.bytes.len() {
            let c = self.p.char_at(self.p.pos);
            return Err(self.p.error(
                self.p.pos,
                format!("unexpected character {c:?} after the JSON value"),
            ));
        }
        Ok(())
    }
}

/// The offsets of the first `n` elements of the array of scalars that
/// opens at `open` in `text` (an array [`parse`] accepted); offsets it
/// cannot find are `open`.
pub fn element_positions(text: &str, open: usize, n: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(n);
    let mut i = open + 1;
    while out.len() < n {
        while let Some(b' ' | b'\t' | b'\n' | b'\r' | b',') = bytes.get(i) {
            i += 1;
        }
        match bytes.get(i) {
            None | Some(b']') => break,
            Some(_) => out.push(i),
        }
        while let Some(b) = bytes.get(i) {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b',' | b']') {
                break;
            }
            i += 1;
        }
    }
    out.resize(n, open);
    out
}

/// The string whose opening quote is at `pos` in `text`, decoded (None when
/// there is no well-formed string there).
pub fn string_at(text: &str, pos: usize) -> Option<String> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos,
        open: Vec::new(),
        items: Vec::new(),
        members: Vec::new(),
        budget: usize::MAX,
    };
    if p.peek() != Some(b'"') {
        return None;
    }
    p.parse_string().ok()
}

/// How many elements the array whose `[` is at `open` has, by a quick scan
/// that skips strings and nested values without checking them (the parse
/// that follows reports any error; on broken input the count is only an
/// estimate, never more than half the text's length). Lets a decoder
/// reserve its vectors once instead of doubling them.
pub fn count_elements(text: &str, open: usize) -> usize {
    let b = text.as_bytes();
    let mut st = Scan::default();
    // In chunks, each scanned by a call of its own: a browser runs a wasm
    // function first from quickly made baseline code and uses optimised
    // code from the next call once the function is hot, so one long call
    // would scan every byte at the slow tier.
    for chunk in b.get(open + 1..).unwrap_or(&[]).chunks(1 << 14) {
        if scan_chunk(chunk, &mut st) {
            break;
        }
    }
    (st.commas + usize::from(st.any)).min(b.len() / 2)
}

/// Where [`count_elements`] is in its scan.
#[derive(Default)]
struct Scan {
    depth: usize,
    commas: usize,
    any: bool,
    in_string: bool,
    escaped: bool,
}

/// Scans `chunk` on from `st`; true once the array is closed.
#[inline(never)]
fn scan_chunk(chunk: &[u8], st: &mut Scan) -> bool {
    for &c in chunk {
        if st.in_string {
            if st.escaped {
                st.escaped = false;
            } else if c == b'\\' {
                st.escaped = true;
            } else if c == b'"' {
                st.in_string = false;
            }
            continue;
        }
        match c {
            b'"' => {
                st.any = true;
                st.in_string = true;
            }
            b'[' | b'{' => {
                st.any = true;
                st.depth += 1;
            }
            b']' | b'}' => {
                if st.depth == 0 {
                    return true;
                }
                st.depth -= 1;
            }
            b',' if st.depth == 0 => st.commas += 1,
            b' ' | b'\n' | b'\r' | b'\t' => {}
            _ => st.any = true,
        }
    }
    false
}

/// The 1-based line and column of byte `offset` in `text`.
///
/// Columns count Unicode scalar values (so `"標題"` is two columns), starting
/// at 1. `\n`, `\r\n` and a lone `\r` each end a line; the `\r` of a `\r\n`
/// pair is the last column of its line and the `\n` comes right after it. A
/// byte order mark at the very start of `text` takes no column, as in
/// editors. An `offset` past the end is treated as `text.len()`, and one
/// inside a multi-byte character as the start of that character; this never
/// panics.
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    LineIndex::new(text).line_col(offset)
}

/// [`line_col`] for many offsets of one text: the line starts are found
/// once (when the index is made), and a column is counted from the last
/// position asked on the same line when that is earlier, so reporting
/// problems in document order costs time linear in the text however many
/// there are — also for minified JSON, all on one line.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last (line start, offset, column) answered.
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let first = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
        let mut starts = vec![first];
        for (i, &b) in bytes.iter().enumerate().skip(first) {
            let ends_line = match b {
                b'\n' => true,
                b'\r' => bytes.get(i + 1) != Some(&b'\n'),
                _ => false,
            };
            if ends_line {
                starts.push(i + 1);
            }
        }
        LineIndex {
            text,
            starts,
            last: std::cell::Cell::new((usize::MAX, 0, 0)),
        }
    }

    /// The 1-based line and column of byte `offset`, as [`line_col`] says.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let first = self.starts.first().copied().unwrap_or(0);
        if offset < first {
            // Inside the byte order mark: on line 1, counted from the start.
            let column = 1 + text.as_bytes()[..offset]
                .iter()
                .filter(|&&b| (b as i8) >= -0x40)
                .count();
            return (1, saturate(column));
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let line_start = self.starts.get(line - 1).copied().unwrap_or(first);
        let (last_start, last_offset, last_column) = self.last.get();
        let (from, base) = if last_start == line_start && last_offset <= offset {
            (last_offset, last_column)
        } else {
            (line_start, 1)
        };
        let column = base
            + text.as_bytes()[from..offset]
                .iter()
                .filter(|&&b| (b as i8) >= -0x40)
                .count();
        self.last.set((line_start, offset, column));
        (saturate(line), saturate(column))
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[derive(Clone, Copy)]
enum Container {
    Array,
    Object,
}

impl Container {
    fn name(self) -> &'static str {
        match self {
            Container::Array => "array",
            Container::Object => "object",
        }
    }
}

/// Recursive descent; the recursion depth is bounded by `MAX_DEPTH` because
/// `open` is checked before every descent into an array or object.
struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// Next byte to read; always on a char boundary between tokens.
    pos: usize,
    /// The containers currently open, innermost last, with their offsets.
    open: Vec<(Container, usize)>,
    /// Values still allowed (see [`parse_with_budget`]).
    budget: usize,
    /// Elements of all open arrays, innermost last. A finished array moves
    /// its tail into an exactly sized `Vec`, so big arrays are not
    /// over-allocated and small ones reuse this buffer.
    items: Vec<Json>,
    /// Members of all open objects, innermost last; same scheme as `items`.
    members: Vec<(String, Json)>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn error(&self, offset: usize, message: impl Into<String>) -> JsonSyntaxError {
        JsonSyntaxError::new(self.text, offset, message.into())
    }

    /// The character at `offset`, a char boundary before the end of the text.
    fn char_at(&self, offset: usize) -> char {
        self.text
            .get(offset..)
            .and_then(|rest| rest.chars().next())
            .unwrap_or('\u{FFFD}')
    }

    /// "unexpected character 'x' (<context>)" at `offset`.
    fn unexpected_char(&self, offset: usize, context: &str) -> JsonSyntaxError {
        let c = self.char_at(offset);
        self.error(offset, format!("unexpected character {c:?} ({context})"))
    }

    /// The input ended early. Points at the end; names the innermost
    /// unclosed container if there is one, otherwise what was expected.
    fn eof(&self, expected: &str) -> JsonSyntaxError {
        let message = match self.open.last() {
            Some(&(kind, at)) => {
                let (line, column) = line_col(self.text, at);
                format!(
                    "unexpected end of input (an {} opened at line {line}, column {column} is not closed)",
                    kind.name()
                )
            }
            None => format!("unexpected end of input (expected {expected})"),
        };
        self.error(self.bytes.len(), message)
    }

    /// Takes one value from the budget.
    #[inline]
    fn spend(&mut self) -> Result<(), JsonSyntaxError> {
        match self.budget.checked_sub(1) {
            Some(b) => {
                self.budget = b;
                Ok(())
            }
            None => {
                let mut e = self.error(self.pos, "more values than this reader accepts");
                e.too_large = true;
                Err(e)
            }
        }
    }

    /// Parses the value starting at `self.pos` (whitespace already skipped).
    fn parse_value(&mut self) -> Result<Json, JsonSyntaxError> {
        let start = self.pos;
        self.spend()?;
        let value = match self.peek() {
            None => return Err(self.eof("a value")),
            Some(b'[') => self.parse_array()?,
            Some(b'{') => self.parse_object()?,
            Some(b'"') => JsonValue::String(self.parse_string()?),
            Some(b'-' | b'0'..=b'9') => JsonValue::Number(self.parse_number()?),
            Some(b't') => {
                self.parse_literal("true")?;
                JsonValue::Bool(true)
            }
            Some(b'f') => {
                self.parse_literal("false")?;
                JsonValue::Bool(false)
            }
            Some(b'n') => {
                self.parse_literal("null")?;
                JsonValue::Null
            }
            Some(_) => return Err(self.unexpected_char(start, "expected a value")),
        };
        Ok(Json { value, pos: start })
    }

    /// Records that a container opens at `self.pos` and steps over its
    /// bracket, or fails if that would nest too deeply.
    fn enter(&mut self, kind: Container) -> Result<(), JsonSyntaxError> {
        if self.open.len() >= MAX_DEPTH {
            return Err(self.error(self.pos, format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        self.open.push((kind, self.pos));
        self.pos += 1;
        Ok(())
    }

    /// After an array element or object member: a comma (not followed by
    /// `close`) or `close` itself. Returns whether another one follows.
    fn separator(&mut self, close: u8, missing: &str) -> Result<bool, JsonSyntaxError> {
        self.skip_ws();
        match self.peek() {
            Some(b',') => {
                let comma = self.pos;
                self.pos += 1;
                self.skip_ws();
                if self.peek() == Some(close) {
                    let msg = format!("trailing comma before '{}'", close as char);
                    return Err(self.error(comma, msg));
                }
                Ok(true)
            }
            Some(c) if c == close => {
                self.pos += 1;
                Ok(false)
            }
            None => Err(self.eof(&format!("'{}'", close as char))),
            Some(_) => Err(self.error(self.pos, missing)),
        }
    }

    fn parse_array(&mut self) -> Result<JsonValue, JsonSyntaxError> {
        let open = self.pos;
        self.enter(Container::Array)?;
        let base = self.items.len();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.open.pop();
            return Ok(JsonValue::Array(Vec::new()));
        }
        if let Some(b'-' | b'0'..=b'9' | b'n') = self.peek() {
            // Numbers (and nulls) go straight into a compact column, until
            // the array ends or an element of another kind comes.
            let mut nums = Vec::new();
            loop {
                let n = match self.peek() {
                    Some(b'n') => {
                        self.spend()?;
                        self.parse_literal("null")?;
                        f64::NAN
                    }
                    Some(b'-' | b'0'..=b'9') => {
                        self.spend()?;
                        self.parse_number()?
                    }
                    _ => break,
                };
                nums.push(n);
                if !self.separator(b']', "missing ',' or ']' after array element")? {
                    self.open.pop();
                    nums.shrink_to_fit();
                    return Ok(JsonValue::Numbers(nums));
                }
            }
            // Another kind of element: the column so far becomes values.
            let at = element_positions(self.text, open, nums.len());
            for (n, pos) in nums.into_iter().zip(at) {
                let value = if n.is_nan() {
                    JsonValue::Null
                } else {
                    JsonValue::Number(n)
                };
                self.items.push(Json { value, pos });
            }
        }
        loop {
            let item = self.parse_value()?;
            self.items.push(item);
            if !self.separator(b']', "missing ',' or ']' after array element")? {
                break;
            }
        }
        self.open.pop();
        Ok(JsonValue::Array(self.items.drain(base..).collect()))
    }

    fn parse_object(&mut self) -> Result<JsonValue, JsonSyntaxError> {
        self.enter(Container::Object)?;
        let base = self.members.len();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                let key = self.key()?;
                let value = self.parse_value()?;
                self.members.push((key, value));
                if !self.separator(b'}', "missing ',' or '}' after object member")? {
                    break;
                }
            }
        }
        self.open.pop();
        Ok(JsonValue::Object(self.members.drain(base..).collect()))
    }

    /// A member's key and its colon, at the cursor.
    fn key(&mut self) -> Result<String, JsonSyntaxError> {
        match self.peek() {
            Some(b'"') => {}
            None => return Err(self.eof("a key")),
            Some(_) => {
                return Err(self.unexpected_char(self.pos, "expected a key in double quotes"))
            }
        }
        let key = self.parse_string()?;
        self.skip_ws();
        match self.peek() {
            Some(b':') => self.pos += 1,
            None => return Err(self.eof("':'")),
            Some(_) => return Err(self.error(self.pos, "expected ':' after key")),
        }
        self.skip_ws();
        Ok(key)
    }

    /// Parses the string whose opening quote is at `self.pos`.
    fn parse_string(&mut self) -> Result<String, JsonSyntaxError> {
        let bytes = self.bytes;
        let open = self.pos;
        let start = open + 1;
        let mut i = start;
        // Fast path: no escapes, the result is a copy of the slice.
        loop {
            match bytes.get(i) {
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok(self.text[start..i].to_owned());
                }
                Some(b'\\') => break,
                Some(&b) if b < 0x20 => return Err(self.control_char(i, b)),
                Some(_) => i += 1,
                None => return Err(self.unterminated(open)),
            }
        }
        // Slow path: copy unescaped runs, decode escapes.
        let mut out = String::with_capacity(i - start + 16);
        let mut run = start;
        loop {
            match bytes.get(i) {
                Some(b'"') => {
                    out.push_str(&self.text[run..i]);
                    self.pos = i + 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(&self.text[run..i]);
                    i = self.parse_escape(i, open, &mut out)?;
                    run = i;
                }
                Some(&b) if b < 0x20 => return Err(self.control_char(i, b)),
                Some(_) => i += 1,
                None => return Err(self.unterminated(open)),
            }
        }
    }

    /// Decodes the escape whose backslash is at `at` into `out`; returns the
    /// offset just after it. `open` is the string's opening quote.
    fn parse_escape(
        &self,
        at: usize,
        open: usize,
        out: &mut String,
    ) -> Result<usize, JsonSyntaxError> {
        let decoded = match self.bytes.get(at + 1) {
            None => return Err(self.unterminated(open)),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let unit = self.hex4(at, open)?;
                let mut next = at + 6;
                let c = match unit {
                    0xD800..=0xDBFF => {
                        // A high surrogate: combine it with a following low
                        // one, else it is lone and becomes U+FFFD.
                        match self.low_surrogate_at(next) {
                            Some(low) => {
                                next += 6;
                                let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                                char::from_u32(code).unwrap_or('\u{FFFD}')
                            }
                            None => '\u{FFFD}',
                        }
                    }
                    _ => char::from_u32(unit).unwrap_or('\u{FFFD}'),
                };
                out.push(c);
                return Ok(next);
            }
            Some(_) => {
                let c = self.char_at(at + 1);
                let message = if c.is_control() {
                    format!("invalid escape (backslash before U+{:04X})", u32::from(c))
                } else {
                    format!("invalid escape \\{c}")
                };
                return Err(self.error(at, message));
            }
        };
        out.push(decoded);
        Ok(at + 2)
    }

    /// The four hex digits of the `\u` escape whose backslash is at `at`.
    fn hex4(&self, at: usize, open: usize) -> Result<u32, JsonSyntaxError> {
        let mut unit = 0;
        for k in 2..6 {
            let digit = match self.bytes.get(at + k) {
                None => return Err(self.unterminated(open)),
                Some(&b) => (b as char).to_digit(16),
            };
            match digit {
                Some(d) => unit = unit * 16 + d,
                None => {
                    return Err(self.error(at, "invalid \\u escape (expected 4 hex digits)"));
                }
            }
        }
        Ok(unit)
    }

    /// The code unit of a `\uDC00`–`\uDFFF` escape at `at`, if there is one.
    fn low_surrogate_at(&self, at: usize) -> Option<u32> {
        let b = self.bytes.get(at..at + 6)?;
        if b[0] != b'\\' || b[1] != b'u' {
            return None;
        }
        let mut unit = 0;
        for &h in &b[2..] {
            unit = unit * 16 + (h as char).to_digit(16)?;
        }
        (0xDC00..=0xDFFF).contains(&unit).then_some(unit)
    }

    fn control_char(&self, at: usize, b: u8) -> JsonSyntaxError {
        let message = match b {
            b'\n' | b'\r' => "unescaped line break in string".to_owned(),
            _ => format!("unescaped control character U+{b:04X} in string"),
        };
        self.error(at, message)
    }

    /// The input ended inside the string whose opening quote is at `open`.
    fn unterminated(&self, open: usize) -> JsonSyntaxError {
        let (line, column) = line_col(self.text, open);
        self.error(
            self.bytes.len(),
            format!("unterminated string (opened at line {line}, column {column})"),
        )
    }

    /// Parses the number at `self.pos` (`-` or a digit).
    fn parse_number(&mut self) -> Result<f64, JsonSyntaxError> {
        let bytes = self.bytes;
        let start = self.pos;
        let mut i = start;
        let negative = bytes[i] == b'-';
        if negative {
            i += 1;
        }
        let int_start = i;
        match bytes.get(i) {
            Some(b'0') => {
                i += 1;
                if let Some(b'0'..=b'9') = bytes.get(i) {
                    return Err(self.error(i - 1, "number with leading zero"));
                }
            }
            Some(b'1'..=b'9') => i = skip_digits(bytes, i + 1),
            _ => return Err(self.expected_digit(i, "after '-'")),
        }
        let int_end = i;
        let mut frac = (i, i);
        if bytes.get(i) == Some(&b'.') {
            i += 1;
            if !matches!(bytes.get(i), Some(b'0'..=b'9')) {
                return Err(self.expected_digit(i, "after the decimal point"));
            }
            frac = (i, skip_digits(bytes, i));
            i = frac.1;
        }
        let mut exact = true;
        if let Some(b'e' | b'E') = bytes.get(i) {
            exact = false;
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            if !matches!(bytes.get(i), Some(b'0'..=b'9')) {
                return Err(self.expected_digit(i, "in the exponent"));
            }
            i = skip_digits(bytes, i);
        }
        self.pos = i;
        // Fast path (Clinger): at most 15 significant digits and 22
        // decimals make the mantissa and the power of ten exact doubles,
        // so one division is correctly rounded, as `f64::from_str` is.
        let digits = (int_end - int_start) + (frac.1 - frac.0);
        if exact && digits <= 15 && frac.1 - frac.0 <= 22 {
            let mut m: u64 = 0;
            for &b in bytes[int_start..int_end]
                .iter()
                .chain(&bytes[frac.0..frac.1])
            {
                m = m * 10 + u64::from(b - b'0');
            }
            let v = m as f64 / POW10[frac.1 - frac.0];
            return Ok(if negative { -v } else { v });
        }
        // The slice matches the JSON number grammar, which `f64::from_str`
        // always accepts (out-of-range values saturate to infinity or zero).
        self.text[start..i]
            .parse::<f64>()
            .map_err(|_| self.error(start, "invalid number"))
    }

    fn expected_digit(&self, at: usize, context: &str) -> JsonSyntaxError {
        if at >= self.bytes.len() {
            self.eof(&format!("a digit {context}"))
        } else {
            self.unexpected_char(at, &format!("expected a digit {context}"))
        }
    }

    /// Checks the literal `word` at `self.pos` and steps over it.
    fn parse_literal(&mut self, word: &str) -> Result<(), JsonSyntaxError> {
        for (k, &expected) in word.as_bytes().iter().enumerate() {
            let at = self.pos + k;
            match self.bytes.get(at) {
                Some(&b) if b == expected => {}
                Some(_) => return Err(self.unexpected_char(at, &format!("expected '{word}'"))),
                None => return Err(self.eof(&format!("'{word}'"))),
            }
        }
        self.pos += word.len();
        Ok(())
    }
}

/// 10^0 … 10^22, all exact in `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

fn skip_digits(bytes: &[u8], mut i: usize) -> usize {
    while let Some(b'0'..=b'9') = bytes.get(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests;
