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
//! use chronoscope::core::json::{line_col, parse, JsonValue};
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

    /// Refuses (with [`JsonSyntaxError::too_large`]) any one [`value`]
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
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let bytes = text.as_bytes();
    let mut line: usize = 1;
    let first = if bytes.starts_with(BOM) && offset >= BOM.len() {
        BOM.len()
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
    // Every scalar value has exactly one byte that is not a continuation byte.
    let column = 1 + bytes[line_start..offset]
        .iter()
        .filter(|&&b| (b as i8) >= -0x40)
        .count();
    (saturate(line), saturate(column))
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
mod tests {
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
            JsonValue::Object(members) => {
                1 + members.iter().map(|(_, v)| depth(v)).max().unwrap_or(0)
            }
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
                (_, 2)
                    if matches!(c, '"' | '\\' | '/' | '\n' | '\t' | '\r' | '\u{8}' | '\u{c}') =>
                {
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
                    _ => (*rng.pick(&["0", "-0", "1.5E+3", "-2.25e-2", "0.000001", "9e99"]))
                        .to_owned(),
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
}
