//! HTML fragments from other tools (TimelineJS texts, captions, headlines)
//! made into our safe markup ([`crate::core::text::markup`]) or plain text. Nothing of
//! the HTML passes through: tags become structure or disappear, entities
//! become the characters they name, and every character our markup reads as
//! a marker is escaped, so the result shows exactly the text the HTML showed.
//!
//! - `<p>`, `<div>`, headings, lists, `<blockquote>`, `<pre>`, `<table>`,
//!   `<hr>` and the other block elements separate **paragraphs** (a blank
//!   line); `<br>` is a **line break**, and so are `<li>` (written `• item`,
//!   or `1. item` in an `<ol>`), `<tr>`, `<dt>` and `<dd>`.
//! - `<b>`/`<strong>` become `**strong**`, `<i>`/`<em>`/`<cite>` `*emphasis*`
//!   (white space at their edges is moved outside the markers; where our
//!   markup could not read them back, e.g. right between a letter and a quote
//!   mark, the paragraph keeps its text without the emphasis).
//! - `<a href>` becomes `[label](url)` when the address passes
//!   [`crate::core::text::markup::is_allowed_url`] (http, https, mailto); otherwise only
//!   the label's text is kept.
//! - `<script>`, `<style>`, `<template>` and `<iframe>` are dropped with
//!   their content; comments, `<!…>` and `<?…>` are dropped; every other tag
//!   is dropped and its text kept (`<img>` has none).
//! - Character references: the common named ones (`&amp;`, `&nbsp;`,
//!   `&mdash;`, `&eacute;` …) and numeric ones (`&#8212;`, `&#x2014;`);
//!   anything else starting with `&` is text.
//! - White space collapses as a browser shows it: runs of spaces, tabs and
//!   line ends become one space.
//!
//! The tokenizer is hand-written and small: one pass over the input, no
//! backtracking, nesting kept to three open elements, so it runs in linear
//! time and never panics (slices are cut only at ASCII bytes).

use crate::core::text::markup;

/// An HTML fragment as our markup text (paragraphs separated by a blank
/// line). Empty when the HTML shows no text.
pub fn to_markup(html: &str) -> String {
    markup_of(html, false)
}

/// An HTML fragment that is a quotation (TimelineJS's `<blockquote>`
/// media) as markup: as [`to_markup`], each paragraph in emphasis where our
/// markup reads the markers back (else without them).
pub fn to_quote(html: &str) -> String {
    markup_of(html, true)
}

fn markup_of(html: &str, quote: bool) -> String {
    let mut out = String::new();
    for mut para in paragraphs(html) {
        if quote {
            para = vec![Node::Em(para)];
        }
        let mut with = String::new();
        write_nodes(&para, &mut with, true, false);
        let with = with.trim().to_string();
        let text = if has_emphasis(&para) {
            let mut without = String::new();
            write_nodes(&para, &mut without, false, false);
            let without = without.trim().to_string();
            // Markers our markup cannot pair (e.g. `**"x"**` inside a word)
            // would show as stars: then the paragraph goes without emphasis.
            if markup::plain_text(&with) == markup::plain_text(&without) {
                with
            } else {
                without
            }
        } else {
            with
        };
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&text);
    }
    out
}

/// An HTML fragment as plain text: paragraphs separated by a blank line,
/// line breaks kept, links as their label.
pub fn to_text(html: &str) -> String {
    let mut out = String::new();
    for para in paragraphs(html) {
        let mut s = String::new();
        flatten(&para, &mut s);
        let lines: Vec<&str> = s.split('\n').map(|l| l.trim_matches(' ')).collect();
        let s = lines.join("\n");
        let s = s.trim_matches(|c| c == ' ' || c == '\n');
        if s.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(s);
    }
    out
}

/// An HTML fragment as plain text on one line (for titles, captions,
/// labels): all white space, line breaks included, becomes single spaces.
pub fn to_line(html: &str) -> String {
    to_text(html)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------
// Tokens

enum Token<'a> {
    /// Text with its character references still in it.
    Text(&'a str),
    /// A start tag: lower-case name, and its `href` (references decoded).
    Start {
        name: String,
        href: Option<String>,
    },
    End {
        name: String,
    },
}

/// Elements dropped together with everything inside them.
const DROP_WITH_CONTENT: [&str; 4] = ["script", "style", "template", "iframe"];

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Calls `f` with each token of `html`, in order.
fn tokenize<'a>(html: &'a str, mut f: impl FnMut(Token<'a>)) {
    let b = html.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut text_start = 0;
    while i < n {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let next = b.get(i + 1).copied();
        let after = b.get(i + 2).copied();
        let kind = match next {
            Some(c) if c.is_ascii_alphabetic() => 's',
            Some(b'/') if after.is_some_and(|c| c.is_ascii_alphabetic()) => 'e',
            Some(b'!' | b'?' | b'/') => 'c',
            _ => {
                i += 1; // a lone '<' is text
                continue;
            }
        };
        if text_start < i {
            f(Token::Text(&html[text_start..i]));
        }
        match kind {
            'c' => {
                // Comment, doctype, processing instruction, `</ …>`.
                i = if html[i..].starts_with("<!--") {
                    match html[i + 4..].find("-->") {
                        Some(k) => i + 4 + k + 3,
                        None => n,
                    }
                } else {
                    match html[i..].find('>') {
                        Some(k) => i + k + 1,
                        None => n,
                    }
                };
            }
            'e' => {
                let (name, end) = tag_name(html, i + 2);
                // Attributes of an end tag are ignored; it ends at '>' (an
                // end tag cut off by the end of the input is dropped).
                match html[end..].find('>') {
                    Some(k) => {
                        i = end + k + 1;
                        f(Token::End { name });
                    }
                    None => i = n,
                }
            }
            _ => {
                let (name, end) = tag_name(html, i + 1);
                match attributes(html, end, "href") {
                    Some((href, end)) => {
                        i = end;
                        if DROP_WITH_CONTENT.contains(&name.as_str()) {
                            i = skip_raw(html, i, &name);
                        } else {
                            f(Token::Start { name, href });
                        }
                    }
                    None => i = n, // the input ended inside the tag: dropped
                }
            }
        }
        text_start = i;
    }
    if text_start < n {
        f(Token::Text(&html[text_start..]));
    }
}

/// The lower-case tag name starting at `i` (an ASCII letter), and where it
/// ends (at an ASCII byte, so both are character boundaries).
fn tag_name(html: &str, mut i: usize) -> (String, usize) {
    let b = html.as_bytes();
    let start = i;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    (html[start..i].to_ascii_lowercase(), i)
}

/// Reads a start tag's attributes from `i` to its `>`: the first one named
/// `want` (decoded) and the index after the `>`. None when the input ends
/// first.
fn attributes(html: &str, mut i: usize, want: &str) -> Option<(Option<String>, usize)> {
    let b = html.as_bytes();
    let n = b.len();
    let mut href = None;
    loop {
        while i < n && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        if i >= n {
            return None;
        }
        if b[i] == b'>' {
            return Some((href, i + 1));
        }
        let start = i;
        i += 1; // a name may start with '='
        while i < n && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name = &html[start..i];
        while i < n && is_space(b[i]) {
            i += 1;
        }
        let mut value = None;
        if i < n && b[i] == b'=' {
            i += 1;
            while i < n && is_space(b[i]) {
                i += 1;
            }
            if i >= n {
                return None;
            }
            if b[i] == b'"' || b[i] == b'\'' {
                let q = b[i] as char;
                let close = html[i + 1..].find(q)?;
                value = Some(&html[i + 1..i + 1 + close]);
                i = i + 1 + close + 1;
            } else {
                let start = i;
                while i < n && !is_space(b[i]) && b[i] != b'>' {
                    i += 1;
                }
                value = Some(&html[start..i]);
            }
        }
        if href.is_none() && name.eq_ignore_ascii_case(want) {
            let mut s = String::new();
            decode_entities(value.unwrap_or(""), &mut s);
            href = Some(s);
        }
    }
}

/// The `src` of the first `<iframe>` in `html` (references decoded), as
/// written: the caller checks it.
pub fn iframe_src(html: &str) -> Option<String> {
    // ASCII lower-casing keeps every byte offset.
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = lower[from..].find("<iframe") {
        let end = from + k + 7;
        if lower
            .as_bytes()
            .get(end)
            .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            return attributes(html, end, "src")?.0;
        }
        from = end;
    }
    None
}

/// The index after the end tag `</name…>` that closes a dropped element
/// whose content starts at `i` (the end of the input if there is none).
fn skip_raw(html: &str, mut i: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let n = b.len();
    let len = name.len();
    while let Some(k) = html[i..].find("</") {
        let at = i + k + 2;
        let matches = b
            .get(at..at + len)
            .is_some_and(|s| s.eq_ignore_ascii_case(name.as_bytes()));
        let ends = b
            .get(at + len)
            .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>');
        if matches && ends {
            return match html[at..].find('>') {
                Some(k) => at + k + 1,
                None => n,
            };
        }
        i = at;
    }
    n
}

// ---------------------------------------------------------------------------
// Character references

/// Named character references: the common ones in texts.
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("zwnj", '\u{200c}'),
    ("zwj", '\u{200d}'),
    ("lrm", '\u{200e}'),
    ("rlm", '\u{200f}'),
    ("shy", '\u{ad}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("bull", '•'),
    ("middot", '·'),
    ("prime", '′'),
    ("Prime", '″'),
    ("dagger", '†'),
    ("Dagger", '‡'),
    ("permil", '‰'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("deg", '°'),
    ("plusmn", '±'),
    ("times", '×'),
    ("divide", '÷'),
    ("minus", '−'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("sup1", '¹'),
    ("sup2", '²'),
    ("sup3", '³'),
    ("micro", 'µ'),
    ("para", '¶'),
    ("sect", '§'),
    ("cent", '¢'),
    ("pound", '£'),
    ("yen", '¥'),
    ("euro", '€'),
    ("curren", '¤'),
    ("iexcl", '¡'),
    ("iquest", '¿'),
    ("ordf", 'ª'),
    ("ordm", 'º'),
    ("not", '¬'),
    ("larr", '←'),
    ("rarr", '→'),
    ("uarr", '↑'),
    ("darr", '↓'),
    ("harr", '↔'),
    ("Agrave", 'À'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Atilde", 'Ã'),
    ("Auml", 'Ä'),
    ("Aring", 'Å'),
    ("AElig", 'Æ'),
    ("Ccedil", 'Ç'),
    ("Egrave", 'È'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Euml", 'Ë'),
    ("Igrave", 'Ì'),
    ("Iacute", 'Í'),
    ("Icirc", 'Î'),
    ("Iuml", 'Ï'),
    ("ETH", 'Ð'),
    ("Ntilde", 'Ñ'),
    ("Ograve", 'Ò'),
    ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'),
    ("Otilde", 'Õ'),
    ("Ouml", 'Ö'),
    ("Oslash", 'Ø'),
    ("Ugrave", 'Ù'),
    ("Uacute", 'Ú'),
    ("Ucirc", 'Û'),
    ("Uuml", 'Ü'),
    ("Yacute", 'Ý'),
    ("THORN", 'Þ'),
    ("szlig", 'ß'),
    ("agrave", 'à'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("atilde", 'ã'),
    ("auml", 'ä'),
    ("aring", 'å'),
    ("aelig", 'æ'),
    ("ccedil", 'ç'),
    ("egrave", 'è'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("euml", 'ë'),
    ("igrave", 'ì'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("iuml", 'ï'),
    ("eth", 'ð'),
    ("ntilde", 'ñ'),
    ("ograve", 'ò'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("otilde", 'õ'),
    ("ouml", 'ö'),
    ("oslash", 'ø'),
    ("ugrave", 'ù'),
    ("uacute", 'ú'),
    ("ucirc", 'û'),
    ("uuml", 'ü'),
    ("yacute", 'ý'),
    ("thorn", 'þ'),
    ("yuml", 'ÿ'),
    ("OElig", 'Œ'),
    ("oelig", 'œ'),
    ("Scaron", 'Š'),
    ("scaron", 'š'),
    ("Yuml", 'Ÿ'),
    ("alpha", 'α'),
    ("beta", 'β'),
    ("gamma", 'γ'),
    ("delta", 'δ'),
    ("pi", 'π'),
    ("mu", 'μ'),
    ("Omega", 'Ω'),
];

/// Appends `s` to `out` with its character references decoded. Unknown or
/// malformed references stay as written.
fn decode_entities(s: &str, out: &mut String) {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(k) = s[i..].find('&') {
        let amp = i + k;
        out.push_str(&s[i..amp]);
        match reference(b, amp + 1) {
            Some((c, end)) => {
                out.push(c);
                i = end;
            }
            None => {
                out.push('&');
                i = amp + 1;
            }
        }
    }
    out.push_str(&s[i..]);
}

/// The character referenced right after an `&` at `i`, and the index after
/// the reference.
fn reference(b: &[u8], i: usize) -> Option<(char, usize)> {
    if b.get(i) == Some(&b'#') {
        let hex = matches!(b.get(i + 1), Some(b'x' | b'X'));
        let mut j = if hex { i + 2 } else { i + 1 };
        let start = j;
        let mut v: u32 = 0;
        while let Some(&c) = b.get(j) {
            let d = if hex {
                (c as char).to_digit(16)
            } else {
                (c as char).to_digit(10)
            };
            let Some(d) = d else { break };
            v = v
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            j += 1;
        }
        if j == start {
            return None;
        }
        if b.get(j) == Some(&b';') {
            j += 1;
        }
        let c = match v {
            0 => '\u{fffd}',
            v => char::from_u32(v).unwrap_or('\u{fffd}'),
        };
        return Some((c, j));
    }
    let mut j = i;
    while j < b.len() && j - i < 10 && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    if j == i || b.get(j) != Some(&b';') {
        return None;
    }
    let name = std::str::from_utf8(&b[i..j]).ok()?;
    ENTITIES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, c)| (c, j + 1))
}

// ---------------------------------------------------------------------------
// The document: paragraphs of inline nodes

#[derive(Clone, Debug, PartialEq)]
enum Node {
    Text(String),
    Break,
    Em(Vec<Node>),
    Strong(Vec<Node>),
    Link(String, Vec<Node>),
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
    Em,
    Strong,
    Link,
}

/// An open inline element.
struct Frame {
    kind: Kind,
    url: String,
    children: Vec<Node>,
}

#[derive(Default)]
struct Builder {
    paragraphs: Vec<Vec<Node>>,
    root: Vec<Node>,
    /// Open emphasis, strong and link: at most one of each.
    frames: Vec<Frame>,
    /// How many `<b>`/`<strong>` and `<i>`/`<em>` are open (nested ones
    /// add nothing to the output, but their end tags must be matched).
    strong: usize,
    em: usize,
    /// Open lists: (ordered, items so far).
    lists: Vec<(bool, u32)>,
    /// White space seen and not yet written.
    space: bool,
    /// Nothing written on the current line yet.
    line_start: bool,
}

impl Builder {
    fn new() -> Self {
        Builder {
            line_start: true,
            ..Builder::default()
        }
    }

    fn children(&mut self) -> &mut Vec<Node> {
        match self.frames.last_mut() {
            Some(f) => &mut f.children,
            None => &mut self.root,
        }
    }

    fn push_char(&mut self, c: char) {
        let space = std::mem::take(&mut self.space) && !self.line_start;
        self.line_start = false;
        let children = self.children();
        if !matches!(children.last(), Some(Node::Text(_))) {
            children.push(Node::Text(String::new()));
        }
        if let Some(Node::Text(s)) = children.last_mut() {
            if space {
                s.push(' ');
            }
            s.push(c);
        }
    }

    fn text(&mut self, raw: &str) {
        let mut decoded = String::new();
        decode_entities(raw, &mut decoded);
        for c in decoded.chars() {
            if c.is_ascii() && is_space(c as u8) {
                self.space = true;
            } else {
                self.push_char(c);
            }
        }
    }

    fn line_break(&mut self) {
        self.children().push(Node::Break);
        self.space = false;
        self.line_start = true;
    }

    /// A line break unless the line is still empty.
    fn new_line(&mut self) {
        if !self.line_start {
            self.line_break();
        }
    }

    /// Closes the frame on top into its parent (dropped when empty).
    fn pop_frame(&mut self) -> Option<(Kind, String)> {
        let f = self.frames.pop()?;
        if !f.children.is_empty() {
            let node = match f.kind {
                Kind::Em => Node::Em(f.children),
                Kind::Strong => Node::Strong(f.children),
                Kind::Link => Node::Link(f.url.clone(), f.children),
            };
            self.children().push(node);
        }
        Some((f.kind, f.url))
    }

    fn open(&mut self, kind: Kind, url: String) {
        // White space before the element stays outside it.
        if std::mem::take(&mut self.space) && !self.line_start {
            self.push_char(' ');
        }
        self.frames.push(Frame {
            kind,
            url,
            children: Vec::new(),
        });
    }

    /// Closes the open element of `kind`; elements opened inside it go on
    /// after it (as browsers do with `<b><i>x</b>y</i>`).
    fn close(&mut self, kind: Kind) {
        let Some(k) = self.frames.iter().rposition(|f| f.kind == kind) else {
            return;
        };
        let mut reopen = Vec::new();
        while self.frames.len() > k + 1 {
            reopen.extend(self.pop_frame());
        }
        self.pop_frame();
        for (kind, url) in reopen.into_iter().rev() {
            self.open(kind, url);
        }
    }

    /// Ends the paragraph (if it has anything); open elements continue in
    /// the next one.
    fn paragraph(&mut self) {
        let mut reopen = Vec::new();
        while !self.frames.is_empty() {
            reopen.extend(self.pop_frame());
        }
        let para = std::mem::take(&mut self.root);
        if para.iter().any(|n| !matches!(n, Node::Break)) {
            self.paragraphs.push(para);
        }
        for (kind, url) in reopen.into_iter().rev() {
            self.open(kind, url);
        }
        self.space = false;
        self.line_start = true;
    }

    fn start(&mut self, name: &str, href: Option<String>) {
        match name {
            "b" | "strong" => {
                self.strong += 1;
                if self.strong == 1 {
                    self.open(Kind::Strong, String::new());
                }
            }
            "i" | "em" | "cite" => {
                self.em += 1;
                if self.em == 1 {
                    self.open(Kind::Em, String::new());
                }
            }
            "a" => {
                // An `<a>` inside another closes it, as in HTML.
                self.close(Kind::Link);
                let url = href.map(|h| {
                    h.trim_matches(|c: char| c.is_ascii_whitespace())
                        .to_string()
                });
                if let Some(url) = url.filter(|u| markup::is_allowed_url(u)) {
                    self.open(Kind::Link, url);
                }
            }
            "br" => self.line_break(),
            "li" => {
                self.new_line();
                let prefix = match self.lists.last_mut() {
                    Some((true, n)) => {
                        *n += 1;
                        format!("{n}.")
                    }
                    _ => "•".to_string(),
                };
                self.text(&prefix);
                self.space = true;
            }
            "ul" | "ol" => {
                self.paragraph();
                self.lists.push((name == "ol", 0));
            }
            "tr" | "dt" | "dd" => self.new_line(),
            "td" | "th" => self.space = true,
            _ if is_block(name) => self.paragraph(),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "b" | "strong" if self.strong > 0 => {
                self.strong -= 1;
                if self.strong == 0 {
                    self.close(Kind::Strong);
                }
            }
            "i" | "em" | "cite" if self.em > 0 => {
                self.em -= 1;
                if self.em == 0 {
                    self.close(Kind::Em);
                }
            }
            "a" => self.close(Kind::Link),
            "ul" | "ol" => {
                self.lists.pop();
                self.paragraph();
            }
            "br" => self.line_break(), // `</br>` is a break in browsers too
            "td" | "th" => self.space = true,
            _ if is_block(name) => self.paragraph(),
            _ => {}
        }
    }
}

/// Elements that begin and end a paragraph.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "table"
            | "hr"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "figure"
            | "figcaption"
            | "address"
            | "dl"
            | "details"
            | "summary"
            | "form"
            | "fieldset"
    )
}

fn paragraphs(html: &str) -> Vec<Vec<Node>> {
    let mut b = Builder::new();
    tokenize(html, |t| match t {
        Token::Text(s) => b.text(s),
        Token::Start { name, href } => b.start(&name, href),
        Token::End { name } => b.end(&name),
    });
    b.paragraph();
    b.paragraphs
}

// ---------------------------------------------------------------------------
// Writing

/// Plain text written into markup, every marker character escaped.
pub fn escape_text(s: &str, out: &mut String) {
    escape_into(s, out, false);
}

/// Characters our markup reads as markers (or as an escape): always
/// escaped in text, so they show as themselves.
fn escape_into(s: &str, out: &mut String, url: bool) {
    for c in s.chars() {
        let special = matches!(c, '\\' | '*' | '_' | '[' | ']') || (url && matches!(c, '(' | ')'));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
}

fn has_emphasis(nodes: &[Node]) -> bool {
    nodes.iter().any(|n| match n {
        Node::Em(_) | Node::Strong(_) => true,
        Node::Link(_, c) => has_emphasis(c),
        _ => false,
    })
}

fn write_nodes(nodes: &[Node], out: &mut String, emphasis: bool, in_link: bool) {
    for node in nodes {
        match node {
            Node::Text(s) => escape_into(s, out, false),
            // A link's label stays on one line.
            Node::Break => out.push(if in_link { ' ' } else { '\n' }),
            Node::Em(c) | Node::Strong(c) => {
                let mut inner = String::new();
                write_nodes(c, &mut inner, emphasis, in_link);
                let marker = if matches!(node, Node::Em(_)) {
                    "*"
                } else {
                    "**"
                };
                let edge = |ch: char| ch == ' ' || ch == '\n';
                let core = inner.trim_matches(edge);
                if !emphasis || core.is_empty() {
                    out.push_str(&inner);
                    continue;
                }
                let lead = inner.len() - inner.trim_start_matches(edge).len();
                let tail = inner.trim_end_matches(edge).len();
                out.push_str(&inner[..lead]);
                out.push_str(marker);
                out.push_str(core);
                out.push_str(marker);
                out.push_str(&inner[tail..]);
            }
            Node::Link(url, c) => {
                out.push('[');
                write_nodes(c, out, emphasis, true);
                out.push_str("](");
                escape_into(url, out, true);
                out.push(')');
            }
        }
    }
}

fn flatten(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(s) => out.push_str(s),
            Node::Break => out.push('\n'),
            Node::Em(c) | Node::Strong(c) | Node::Link(_, c) => flatten(c, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::markup::{parse, Inline, Paragraph};

    fn links(nodes: &[Inline], out: &mut Vec<String>) {
        for n in nodes {
            match n {
                Inline::Link { url, children } => {
                    out.push(url.clone());
                    links(children, out);
                }
                Inline::Emphasis(c) | Inline::Strong(c) => links(c, out),
                _ => {}
            }
        }
    }

    fn all_links(markup: &str) -> Vec<String> {
        let mut out = Vec::new();
        for Paragraph(p) in parse(markup) {
            links(&p, &mut out);
        }
        out
    }

    #[test]
    fn paragraphs_breaks_and_white_space() {
        assert_eq!(
            to_markup("<p>First  one,\n  spread</p><p>Second<br>line</p>"),
            "First one, spread\n\nSecond\nline"
        );
        assert_eq!(to_markup("plain text, no tags"), "plain text, no tags");
        assert_eq!(to_markup("a<div>b</div>c"), "a\n\nb\n\nc");
        assert_eq!(to_markup("<p></p><p>  </p><br><p>x</p>"), "x");
        assert_eq!(to_markup(""), "");
    }

    #[test]
    fn emphasis_strong_and_links() {
        assert_eq!(
            to_markup("A <b>bold</b> and <i>slanted</i> <strong>word</strong>."),
            "A **bold** and *slanted* **word**."
        );
        // White space at the edges moves outside the markers.
        assert_eq!(to_markup("x<em> y </em>z"), "x *y* z");
        assert_eq!(
            to_markup(r#"See <a href="https://example.org/a_(b)">the <i>page</i></a>."#),
            r"See [the *page*](https://example.org/a\_\(b\)).",
        );
        let m = to_markup(r#"See <a href="https://example.org/a_(b)">the page</a>"#);
        assert_eq!(all_links(&m), ["https://example.org/a_(b)"]);
        assert_eq!(markup::plain_text(&m), "See the page");
        // Misnested: the emphasis goes on after the strong ends.
        let m = to_markup("<b>a<i>b</b>c</i>");
        assert_eq!(markup::plain_text(&m), "abc");
        // Nested same kind adds nothing.
        assert_eq!(to_markup("<b>a<b>b</b>c</b>"), "**abc**");
        // Emphasis across paragraphs continues in each.
        assert_eq!(to_markup("<i><p>a</p><p>b</p></i>"), "*a*\n\n*b*");
        // Entities in href are decoded.
        let m = to_markup(r#"<a href="https://x.org/?a=1&amp;b=2">q</a>"#);
        assert_eq!(all_links(&m), ["https://x.org/?a=1&b=2"]);
    }

    #[test]
    fn emphasis_the_markup_cannot_read_back_is_dropped() {
        // `**"x"**` right between letters is not emphasis in our markup:
        // the text stays, without stars.
        let m = to_markup(r#"word<b>"quoted"</b>word"#);
        assert_eq!(markup::plain_text(&m), r#"word"quoted"word"#);
        assert!(!m.contains('*'), "{m}");
    }

    #[test]
    fn marker_characters_are_escaped() {
        for (html, text) in [
            ("5 * 3 = 15", "5 * 3 = 15"),
            ("snake_case_name", "snake_case_name"),
            ("*not emphasis*", "*not emphasis*"),
            ("__init__", "__init__"),
            (
                "[label](https://example.org)",
                "[label](https://example.org)",
            ),
            (r"back\slash \* here", r"back\slash \* here"),
            ("a &lt;b&gt; tag", "a <b> tag"),
        ] {
            let m = to_markup(html);
            assert_eq!(markup::plain_text(&m), text, "{html} -> {m}");
            if !html.contains("https:") {
                assert!(all_links(&m).is_empty(), "{html} -> {m}");
            }
        }
        // Written-out brackets make no link; the bare address in them is
        // one, as in TimelineJS (which links addresses in texts).
        assert_eq!(
            all_links(&to_markup("[label](https://example.org)")),
            ["https://example.org"]
        );
        assert_eq!(to_markup("5 * 3"), r"5 \* 3");
        assert_eq!(to_markup("snake_case"), r"snake\_case");
    }

    #[test]
    fn lists_become_lines() {
        assert_eq!(
            to_markup("<p>Steps:</p><ol><li>one</li><li>two</li></ol><ul><li>a<li>b</ul>end"),
            "Steps:\n\n1. one\n2. two\n\n• a\n• b\n\nend"
        );
    }

    #[test]
    fn entities() {
        assert_eq!(
            to_text("a&amp;b &lt;c&gt; &quot;d&quot; &#39;e&#39; &#x4E2D;&#25991; caf&eacute; &mdash; x"),
            "a&b <c> \"d\" 'e' 中文 café — x"
        );
        // Unknown or broken references stay as written.
        assert_eq!(
            to_text("&bogus; & &amp &#; &#xZZ;"),
            "&bogus; & &amp &#; &#xZZ;"
        );
        // No code point: the replacement character.
        assert_eq!(
            to_text("&#0;&#xD800;&#99999999999;"),
            "\u{fffd}\u{fffd}\u{fffd}"
        );
        // No-break space is kept inside a line.
        assert_eq!(to_text("a&nbsp;b"), "a\u{a0}b");
        assert_eq!(to_line("a&nbsp;b"), "a b");
    }

    #[test]
    fn scripts_styles_and_unsafe_links_leave_nothing_behind() {
        let cases = [
            ("<img src=x onerror=alert(1)>", ""),
            ("<script>alert(1)</script>Hello", "Hello"),
            ("<SCRIPT type='x'>a</b>alert(1)</ScRiPt >after", "after"),
            ("<style>p{color:red}</style>text", "text"),
            ("<a href=\"javascript:alert(1)\">click</a>", "click"),
            ("<a href=' JaVaScRiPt:alert(1)'>click</a>", "click"),
            ("<a href=\"data:text/html,<script>x</script>\">d</a>", "d"),
            ("<a href=\"/relative/page\">rel</a>", "rel"),
            ("<a href=\"https://ok.org/x y\">spaced</a>", "spaced"),
            ("<iframe src=https://x.org>fallback</iframe>z", "z"),
            ("<!-- <script>x</script> -->visible", "visible"),
            ("<svg onload=alert(1)>s</svg>", "s"),
            ("<p onclick=\"alert(1)\">p</p>", "p"),
            ("<b>unclosed <a href='https://x.org'", "unclosed"),
            ("<script>never closed", ""),
            ("a < b > c", "a < b > c"),
        ];
        for (html, text) in cases {
            let m = to_markup(html);
            assert_eq!(markup::plain_text(&m), text, "{html} -> {m:?}");
            for url in all_links(&m) {
                assert!(url.starts_with("https://"), "{html} -> {url}");
            }
            assert!(!m.contains("<img") && !m.contains("<script"), "{m}");
        }
        assert!(all_links(&to_markup("<a href=\"javascript:alert(1)\">click</a>")).is_empty());
        assert_eq!(
            all_links(&to_markup("<a href='mailto:a@b.org'>mail</a>")),
            ["mailto:a@b.org"]
        );
    }

    #[test]
    fn text_and_line_forms() {
        let html = "<p>Para <b>one</b><br> line two</p><p><a href='https://x.org'>link</a> two</p>";
        assert_eq!(to_text(html), "Para one\nline two\n\nlink two");
        assert_eq!(to_line(html), "Para one line two link two");
        assert_eq!(to_line("  <h2>A   title</h2>\n"), "A title");
    }

    #[test]
    fn quotations_and_iframe_addresses() {
        assert_eq!(
            to_quote("<blockquote><p>One <b>bold</b> line</p><p>Two</p></blockquote>"),
            "*One **bold** line*\n\n*Two*"
        );
        // Markers in the text stay text; emphasis that would not read back
        // is left out rather than shown as stars.
        assert_eq!(to_quote("<blockquote>5 * 3</blockquote>"), r"*5 \* 3*");
        let q = to_quote("<blockquote>x<b>\"y\"</b>z</blockquote>");
        assert_eq!(markup::plain_text(&q), "x\"y\"z");
        assert_eq!(to_quote("<blockquote> </blockquote>"), "");
        assert_eq!(
            iframe_src(
                "<p>x</p><IFRAME width=5 SRC=\"https://v.example.org/e?a=1&amp;b=2\"></IFRAME>"
            )
            .as_deref(),
            Some("https://v.example.org/e?a=1&b=2")
        );
        assert_eq!(
            iframe_src("<iframe-x src='a'></iframe-x><iframe src=b>").as_deref(),
            Some("b")
        );
        assert_eq!(iframe_src("<iframe title='no address'>"), None);
        assert_eq!(iframe_src("<iframe src='cut off"), None);
        assert_eq!(iframe_src("iframe src=x"), None);
        let mut out = String::new();
        escape_text("a*b_[c]", &mut out);
        assert_eq!(out, r"a\*b\_\[c\]");
    }

    #[test]
    fn long_and_deep_inputs_stay_linear() {
        let n = 100_000;
        for html in [
            "<b>".repeat(n),
            "<b><i><a href='https://x.org'><p>".repeat(n / 4),
            "<p>x</p>".repeat(n),
            "<ul><li>".repeat(n / 2),
            "&amp;".repeat(n),
            "<a href='".repeat(n / 10),
            "<script>".repeat(n / 8),
            "</x".repeat(n),
            "*_[".repeat(n),
        ] {
            let start = std::time::Instant::now();
            let m = to_markup(&html);
            let _ = markup::parse(&m);
            assert!(
                start.elapsed().as_secs_f64() < 5.0,
                "{} took {:?}",
                &html[..20],
                start.elapsed()
            );
        }
    }

    #[test]
    fn random_inputs_never_panic_and_never_keep_html() {
        let pieces = [
            "<",
            ">",
            "</",
            "<b>",
            "</b>",
            "<i>",
            "</i>",
            "<p>",
            "</p>",
            "<br>",
            "<a href=\"",
            "https://x.org/",
            "javascript:",
            "\">",
            "</a>",
            "<script>",
            "</script>",
            "&",
            "&amp;",
            "&#",
            "x;",
            "中文",
            " ",
            "\n",
            "*",
            "_",
            "[",
            "]",
            "(",
            ")",
            "\\",
            "<li>",
            "<ol>",
            "'",
            "\"",
            "=",
            "<!--",
            "-->",
            "é",
            "<!",
            "<?",
            "/",
        ];
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..5_000 {
            let mut s = String::new();
            for _ in 0..(x % 30) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push_str(pieces[(x % pieces.len() as u64) as usize]);
            }
            let m = to_markup(&s);
            for url in all_links(&m) {
                assert!(markup::is_allowed_url(&url), "{s:?} -> {url}");
                assert!(!url.to_ascii_lowercase().contains("javascript"), "{s:?}");
            }
            let _ = to_line(&s);
        }
    }
}
