//! The small, safe markup that event texts (`text` in a dataset) are written
//! in. It is parsed here into a tree of a few node kinds; the web layer makes
//! an element for each node kind and sets every piece of text with
//! `textContent`, so nothing a dataset contains ever reaches the DOM as HTML.
//!
//! # The markup
//!
//! - **Paragraphs** are separated by one or more blank lines (lines holding
//!   nothing but white space). A single line break inside a paragraph is kept
//!   as a line break ([`Inline::Break`]). `\r\n` and `\r` count as line breaks.
//! - **White space.** Each line is trimmed (so each paragraph is too); runs of
//!   spaces and tabs inside a line become one space. Other spaces (no-break
//!   space, ideographic space) inside a line are kept as written.
//! - **Emphasis** `*text*` or `_text_`, **strong** `**text**` or `__text__`.
//!   They may contain each other and links. Which runs of markers open and
//!   close, and how they pair up, follows CommonMark (flanking runs, the "rule
//!   of three", `***a***` is strong inside emphasis): a marker opens only when
//!   the character after it is not white space and closes only when the
//!   character before it is not, so `5 * 3` keeps its star. CommonMark's extra
//!   condition for a marker between a letter and punctuation is waived when
//!   either neighbour is CJK, so markers work right next to CJK text without
//!   spaces (`這是*重點*內容`, `園區**「首個」**項目`). `_` must also stand at a
//!   word boundary: it does not open after, nor close before, a letter or
//!   digit of any script, so `snake_case_name` (and `_` between CJK
//!   characters) stays literal; use `*` inside CJK text. A marker that finds
//!   no partner is literal text.
//! - **Links** `[label](https://example.org/path)`. The address must be
//!   `http:`, `https:` or `mailto:` and contain no white space or control
//!   characters ([`is_allowed_url`]); parentheses inside it must be balanced
//!   (or escaped). When the address is anything else (`javascript:`, `data:`,
//!   a relative address, one with spaces) the whole `[label](…)` is kept as
//!   plain text, markers included. A link's label may hold emphasis but no
//!   other link; an empty label shows the address. `[label]` not directly
//!   followed by `(` is plain text.
//! - **Bare addresses** starting `http://` or `https://` in running text become
//!   links showing the address. One ends at white space, a line break, `<`,
//!   `>` or CJK punctuation (`。`, `，`, `」` …); trailing `.,;:!?*_~'"` are
//!   not part of it, nor is a trailing `)` or `]` without a partner inside the
//!   address. It does not start right after an ASCII letter or digit, nor
//!   inside a link label. `mailto:` addresses are linked only with `[…](…)`.
//! - **Escapes** `\*`, `\_`, `\[`, `\]`, `\(`, `\)` and `\\` stand for the
//!   character itself, never markup. Any other backslash is literal.
//! - **Everything else is text**, including HTML (`<b>`, `<script>`) and
//!   entities (`&amp;`).
//! - **Depth.** Emphasis, strong and links nest at most five levels;
//!   a pair of markers that would nest deeper stays literal text.
//!
//! Parsing never fails and never panics; it runs in time linear in the input
//! (no backtracking, no recursion on the input's nesting).

use crate::core::model::is_safe_url;

/// A piece of a paragraph.
#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    /// Text, never empty; adjacent texts are merged.
    Text(String),
    /// `*…*` or `_…_`.
    Emphasis(Vec<Inline>),
    /// `**…**` or `__…__`.
    Strong(Vec<Inline>),
    /// A link whose `url` passes [`is_allowed_url`].
    Link { url: String, children: Vec<Inline> },
    /// A line break inside a paragraph.
    Break,
}

/// A paragraph: never empty.
#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph(pub Vec<Inline>);

/// The deepest nesting of emphasis, strong and links.
const MAX_DEPTH: u8 = 5;

/// Characters a backslash escapes.
const ESCAPABLE: [char; 7] = ['*', '_', '[', ']', '(', ')', '\\'];

/// Parses a `text` field into paragraphs.
pub fn parse(text: &str) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut units: Vec<Unit> = Vec::new();
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        for line in raw.split('\r') {
            let line = line.trim();
            if line.is_empty() {
                if !units.is_empty() {
                    paragraphs.push(paragraph(std::mem::take(&mut units)));
                }
                continue;
            }
            if !units.is_empty() {
                units.push(Unit::plain(BREAK));
            }
            push_line(&mut units, line);
        }
    }
    if !units.is_empty() {
        paragraphs.push(paragraph(units));
    }
    paragraphs
}

/// The text without its markup: paragraphs joined by a blank line, line
/// breaks kept, links as their label. For tooltips and accessible names.
pub fn plain_text(text: &str) -> String {
    let mut out = String::new();
    for (i, p) in parse(text).iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        flatten(&p.0, &mut out);
    }
    out
}

/// Whether `url` may be a link: `http:`, `https:` or `mailto:`, with no white
/// space or control characters anywhere (surrounding white space is refused,
/// not trimmed: the address is used exactly as given). The scheme rule is
/// [`is_safe_url`]'s, so link fields and links in texts agree.
pub fn is_allowed_url(url: &str) -> bool {
    url.trim() == url && is_safe_url(url, true)
}

fn flatten(nodes: &[Inline], out: &mut String) {
    for node in nodes {
        match node {
            Inline::Text(s) => out.push_str(s),
            Inline::Break => out.push('\n'),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { children: c, .. } => {
                flatten(c, out)
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Characters of a paragraph

/// The line break inside a paragraph, as a unit character (lines never
/// contain it).
const BREAK: char = '\n';

/// One character of a paragraph after white space and escapes are resolved.
#[derive(Clone, Copy, Debug)]
struct Unit {
    c: char,
    /// Written with a backslash: never markup.
    escaped: bool,
    /// Inside a `[…](…)` whose address was refused: plain text throughout.
    dead: bool,
}

impl Unit {
    fn plain(c: char) -> Unit {
        Unit {
            c,
            escaped: false,
            dead: false,
        }
    }
    /// Whether this is `c` as markup (not escaped, not in a refused link).
    fn is(&self, c: char) -> bool {
        self.c == c && !self.escaped && !self.dead
    }
}

/// Appends a trimmed, non-empty line: spaces and tabs collapsed, escapes
/// resolved.
fn push_line(units: &mut Vec<Unit>, line: &str) {
    let mut chars = line.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        if c == ' ' || c == '\t' {
            space = true;
            continue;
        }
        if space {
            units.push(Unit::plain(' '));
            space = false;
        }
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if ESCAPABLE.contains(&next) {
                    chars.next();
                    units.push(Unit {
                        c: next,
                        escaped: true,
                        dead: false,
                    });
                    continue;
                }
            }
        }
        units.push(Unit::plain(c));
    }
}

// ---------------------------------------------------------------------------
// Links `[label](url)`: found first, over the whole paragraph

/// A `[label](url)` with an allowed address: units `start` (`[`) to `end`
/// (`)`), the label before `label_end` (`]`).
struct LinkSpan {
    start: usize,
    label_end: usize,
    end: usize,
    url: String,
}

/// For each unescaped `(`, the index of its partner `)` on the same line.
fn match_parens(units: &[Unit]) -> Vec<Option<usize>> {
    let mut partner = vec![None; units.len()];
    let mut open = Vec::new();
    for (i, u) in units.iter().enumerate() {
        if u.c == BREAK {
            open.clear();
        } else if u.is('(') {
            open.push(i);
        } else if u.is(')') {
            if let Some(o) = open.pop() {
                partner[o] = Some(i);
            }
        }
    }
    partner
}

/// Finds the links of a paragraph, and marks every `[label](…)` with a
/// refused address as dead (plain text). As in CommonMark, a `]` closes the
/// nearest `[`, and a link deactivates the `[`s before it (no links in
/// links). Linear: each `[` is pushed and popped once, each `(…)` is matched
/// once in advance.
fn find_links(units: &mut [Unit]) -> Vec<LinkSpan> {
    let partner = match_parens(units);
    let mut links = Vec::new();
    // Refused `[…](…)` spans, disjoint, in order (a later one may contain
    // earlier ones, which it then replaces).
    let mut refused: Vec<(usize, usize)> = Vec::new();
    let mut openers: Vec<usize> = Vec::new();
    // Openers below this index are inactive (a link closed after them).
    let mut inactive_below = 0;
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        if u.is('[') {
            openers.push(i);
        } else if u.is(']') {
            if let Some(start) = openers.pop() {
                let active = openers.len() >= inactive_below;
                inactive_below = inactive_below.min(openers.len());
                let dest = units
                    .get(i + 1)
                    .filter(|n| n.is('('))
                    .and_then(|_| partner[i + 1]);
                if let (true, Some(end)) = (active, dest) {
                    let target = &units[i + 2..end];
                    let url: String = target.iter().map(|u| u.c).collect();
                    if is_allowed_url(&url) {
                        links.push(LinkSpan {
                            start,
                            label_end: i,
                            end,
                            url,
                        });
                        inactive_below = openers.len();
                    } else {
                        while refused.last().is_some_and(|&(s, _)| s >= start) {
                            refused.pop();
                        }
                        refused.push((start, end));
                    }
                    i = end + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    for (s, e) in refused {
        for u in &mut units[s..=e] {
            u.dead = true;
        }
    }
    links
}

fn paragraph(mut units: Vec<Unit>) -> Paragraph {
    let links = find_links(&mut units);
    let mut toks = Vec::with_capacity(units.len());
    let mut next_link = links.into_iter().peekable();
    let mut i = 0;
    while i < units.len() {
        if let Some(link) = next_link.next_if(|l| l.start == i) {
            let label = units[link.start + 1..link.label_end]
                .iter()
                .map(|&u| Tok::Unit(u))
                .collect();
            let (mut children, mut height) = inlines(label, false, MAX_DEPTH - 1);
            if is_blank(&children) {
                children = vec![Inline::Text(link.url.clone())];
                height = 0;
            }
            let node = Inline::Link {
                url: link.url,
                children,
            };
            toks.push(Tok::Atom(Some(node), height + 1));
            i = link.end + 1;
        } else {
            toks.push(Tok::Unit(units[i]));
            i += 1;
        }
    }
    Paragraph(inlines(toks, true, MAX_DEPTH).0)
}

fn is_blank(nodes: &[Inline]) -> bool {
    nodes.iter().all(|n| match n {
        Inline::Text(s) => s.trim().is_empty(),
        Inline::Break => true,
        _ => false,
    })
}

// ---------------------------------------------------------------------------
// Bare addresses, emphasis and strong: one pass over a paragraph (with its
// links already made) or over a link's label

enum Tok {
    Unit(Unit),
    /// A finished node (a link) and its height; taken when used.
    Atom(Option<Inline>, u8),
}

/// What stands beside a run of markers.
#[derive(Clone, Copy, PartialEq)]
enum Class {
    /// White space, a line break, or the start or end of the text.
    Space,
    /// A letter or digit of any script.
    Word,
    /// Anything else: punctuation, symbols, a link.
    Punct,
}

fn class(tok: Option<&Tok>) -> (Class, bool) {
    match tok {
        None => (Class::Space, false),
        Some(Tok::Atom(..)) => (Class::Punct, false),
        Some(Tok::Unit(u)) if u.c == BREAK || u.c.is_whitespace() => (Class::Space, false),
        Some(Tok::Unit(u)) if u.c.is_alphanumeric() => (Class::Word, is_cjk(u.c)),
        Some(Tok::Unit(u)) => (Class::Punct, is_cjk(u.c)),
    }
}

/// Chinese, Japanese and Korean characters, their punctuation and the
/// full-width forms: text written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'
        | '\u{2E80}'..='\u{2FFF}'
        | '\u{3000}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{AC00}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Whether a run of markers between `before` and `after` can open and can
/// close. CommonMark's flanking rules, relaxed for CJK: a run between a
/// letter and punctuation (`是**「`, `」**內`) counts as flanking when either
/// neighbour is CJK, since CJK text has no spaces to mark where emphasis
/// begins and ends. `_` must also stand at a word boundary.
fn flanking(ch: char, before: (Class, bool), after: (Class, bool)) -> (bool, bool) {
    let cjk = before.1 || after.1;
    let left =
        after.0 != Class::Space && (after.0 != Class::Punct || before.0 != Class::Word || cjk);
    let right =
        before.0 != Class::Space && (before.0 != Class::Punct || after.0 != Class::Word || cjk);
    if ch == '_' {
        (
            left && before.0 != Class::Word,
            right && after.0 != Class::Word,
        )
    } else {
        (left, right)
    }
}

fn is_marker(tok: &Tok, ch: char) -> bool {
    matches!(tok, Tok::Unit(u) if u.is(ch))
}

/// Builds the nodes of `toks`, returning them and their height (the deepest
/// nesting among them). `autolink`: turn bare addresses into links. `cap`:
/// the greatest height a node may have.
fn inlines(mut toks: Vec<Tok>, autolink: bool, cap: u8) -> (Vec<Inline>, u8) {
    let mut b = Builder::new(cap);
    let mut i = 0;
    while i < toks.len() {
        let unit = match &mut toks[i] {
            Tok::Atom(node, height) => {
                if let Some(node) = node.take() {
                    b.push_node(node, *height);
                }
                i += 1;
                continue;
            }
            Tok::Unit(u) => *u,
        };
        if unit.c == BREAK {
            b.push_node(Inline::Break, 0);
            i += 1;
        } else if unit.is('*') || unit.is('_') {
            let ch = unit.c;
            let mut end = i + 1;
            while end < toks.len() && is_marker(&toks[end], ch) {
                end += 1;
            }
            let before = class(i.checked_sub(1).map(|p| &toks[p]));
            let after = class(toks.get(end));
            let (can_open, can_close) = flanking(ch, before, after);
            b.delimiter(ch, end - i, can_open, can_close);
            i = end;
        } else if let Some((url, end)) = autolink.then(|| bare_url(&toks, i)).flatten() {
            let children = vec![Inline::Text(url.clone())];
            b.push_node(Inline::Link { url, children }, 1);
            i = end;
        } else {
            b.push_text(unit.c);
            i += 1;
        }
    }
    b.finish()
}

/// Stops a bare address: white space, control characters, `<`, `>` and CJK
/// punctuation (CJK symbols and punctuation, full-width forms).
fn ends_bare_url(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || c == '<'
        || c == '>'
        || (matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}') && !c.is_alphanumeric())
}

/// The bare `http://` or `https://` address starting at `toks[i]`, if any,
/// and the index after it.
fn bare_url(toks: &[Tok], i: usize) -> Option<(String, usize)> {
    let unit = |k: usize| match toks.get(k) {
        Some(Tok::Unit(u)) if u.c != BREAK && !u.dead => Some(*u),
        _ => None,
    };
    if let Some(prev) = i.checked_sub(1).and_then(unit) {
        if prev.c.is_ascii_alphanumeric() {
            return None;
        }
    }
    let scheme_is = |scheme: &str| {
        scheme
            .chars()
            .enumerate()
            .all(|(k, s)| unit(i + k).is_some_and(|u| !u.escaped && u.c.to_ascii_lowercase() == s))
    };
    let body = if scheme_is("https://") {
        i + 8
    } else if scheme_is("http://") {
        i + 7
    } else {
        return None;
    };
    let mut end = body;
    let (mut parens, mut brackets) = (0i64, 0i64);
    while let Some(u) = unit(end).filter(|u| !ends_bare_url(u.c)) {
        if !u.escaped {
            match u.c {
                '(' => parens += 1,
                ')' => parens -= 1,
                '[' => brackets += 1,
                ']' => brackets -= 1,
                _ => {}
            }
        }
        end += 1;
    }
    // Trailing punctuation belongs to the sentence, not the address.
    while let Some(u) = unit(end - 1).filter(|_| end > body) {
        let trailing = !u.escaped
            && match u.c {
                '.' | ',' | ';' | ':' | '!' | '?' | '*' | '_' | '~' | '\'' | '"' => true,
                ')' if parens < 0 => {
                    parens += 1;
                    true
                }
                ']' if brackets < 0 => {
                    brackets += 1;
                    true
                }
                _ => false,
            };
        if !trailing {
            break;
        }
        end -= 1;
    }
    if end == body {
        return None;
    }
    let url: String = (i..end).filter_map(unit).map(|u| u.c).collect();
    is_allowed_url(&url).then_some((url, end))
}

// ---------------------------------------------------------------------------
// Emphasis: CommonMark's delimiter algorithm, run as each closer arrives.

enum Item {
    Text(String),
    Node(Inline, u8),
    /// The place of the opener on the stack that points here.
    Opener,
}

/// A run of `*` or `_` that may still open.
struct Opener {
    /// Its index in `items`.
    item: usize,
    ch: char,
    /// Markers left.
    count: usize,
    /// Markers in the run as written (for the rule of three).
    run: usize,
    /// It could also have closed.
    both: bool,
    /// The greatest height of the items after it, up to the next opener.
    seg: u8,
}

struct Builder {
    items: Vec<Item>,
    openers: Vec<Opener>,
    /// For each kind of closer, the stack height below which no opener fits
    /// it (CommonMark's `openers_bottom`): keeps failed searches linear.
    bottom: [usize; 12],
    cap: u8,
}

fn push_inline(out: &mut Vec<Inline>, node: Inline) {
    match node {
        Inline::Text(s) if s.is_empty() => {}
        Inline::Text(s) => match out.last_mut() {
            Some(Inline::Text(prev)) => prev.push_str(&s),
            _ => out.push(Inline::Text(s)),
        },
        node => out.push(node),
    }
}

fn markers(ch: char, count: usize) -> String {
    std::iter::repeat_n(ch, count).collect()
}

impl Builder {
    fn new(cap: u8) -> Builder {
        Builder {
            items: Vec::new(),
            openers: Vec::new(),
            bottom: [0; 12],
            cap,
        }
    }

    fn push_text(&mut self, c: char) {
        match self.items.last_mut() {
            Some(Item::Text(s)) => s.push(c),
            _ => self.items.push(Item::Text(c.to_string())),
        }
    }

    fn push_node(&mut self, node: Inline, height: u8) {
        self.items.push(Item::Node(node, height));
        if let Some(top) = self.openers.last_mut() {
            top.seg = top.seg.max(height);
        }
    }

    /// Drops the openers from index `from` up: their markers become text.
    /// Returns the greatest height of the items after them.
    fn drop_openers(&mut self, from: usize) -> u8 {
        let mut seg = 0;
        for o in self.openers.drain(from..) {
            self.items[o.item] = Item::Text(markers(o.ch, o.count));
            seg = seg.max(o.seg);
        }
        let len = self.openers.len();
        for b in &mut self.bottom {
            *b = (*b).min(len);
        }
        seg
    }

    /// A run of `count` markers `ch`.
    fn delimiter(&mut self, ch: char, mut count: usize, can_open: bool, can_close: bool) {
        let run = count;
        if can_close {
            let key = usize::from(ch == '_') * 6 + usize::from(can_open) * 3 + run % 3;
            while count > 0 {
                let mut seg = 0;
                let mut found = None;
                let mut j = self.openers.len();
                while j > self.bottom[key] {
                    j -= 1;
                    let o = &self.openers[j];
                    seg = seg.max(o.seg);
                    let rule_of_three = (o.both || can_open)
                        && (o.run + run) % 3 == 0
                        && !(o.run % 3 == 0 && run % 3 == 0);
                    if o.ch == ch && !rule_of_three {
                        found = Some(j);
                        break;
                    }
                }
                let Some(j) = found else {
                    self.bottom[key] = self.openers.len();
                    break;
                };
                if seg >= self.cap {
                    // Too deep: the opener and those after it are text, and
                    // this run closes nothing.
                    let seg = self.drop_openers(j);
                    if let Some(top) = self.openers.last_mut() {
                        top.seg = top.seg.max(seg);
                    }
                    break;
                }
                self.drop_openers(j + 1);
                let o = &mut self.openers[j];
                let used = if o.count >= 2 && count >= 2 { 2 } else { 1 };
                o.count -= used;
                o.seg = 0;
                count -= used;
                let at = o.item;
                let mut children = Vec::new();
                for item in self.items.drain(at + 1..) {
                    match item {
                        Item::Text(s) => push_inline(&mut children, Inline::Text(s)),
                        Item::Node(n, _) => push_inline(&mut children, n),
                        Item::Opener => {}
                    }
                }
                if self.openers[j].count == 0 {
                    self.drop_openers(j);
                    self.items.truncate(at);
                }
                let node = if used == 2 {
                    Inline::Strong(children)
                } else {
                    Inline::Emphasis(children)
                };
                self.push_node(node, seg + 1);
            }
        }
        if count == 0 {
            return;
        }
        if can_open {
            self.openers.push(Opener {
                item: self.items.len(),
                ch,
                count,
                run,
                both: can_close,
                seg: 0,
            });
            self.items.push(Item::Opener);
        } else {
            match self.items.last_mut() {
                Some(Item::Text(s)) => s.push_str(&markers(ch, count)),
                _ => self.items.push(Item::Text(markers(ch, count))),
            }
        }
    }

    fn finish(mut self) -> (Vec<Inline>, u8) {
        self.drop_openers(0);
        let mut out = Vec::new();
        let mut height = 0;
        for item in self.items {
            match item {
                Item::Text(s) => push_inline(&mut out, Inline::Text(s)),
                Item::Node(n, h) => {
                    height = height.max(h);
                    push_inline(&mut out, n);
                }
                Item::Opener => {}
            }
        }
        (out, height)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn t(s: &str) -> Inline {
        Inline::Text(s.to_string())
    }
    fn em(c: Vec<Inline>) -> Inline {
        Inline::Emphasis(c)
    }
    fn strong(c: Vec<Inline>) -> Inline {
        Inline::Strong(c)
    }
    fn link(url: &str, c: Vec<Inline>) -> Inline {
        Inline::Link {
            url: url.to_string(),
            children: c,
        }
    }
    /// The inlines of a one-paragraph text.
    fn one(text: &str) -> Vec<Inline> {
        let mut p = parse(text);
        assert_eq!(p.len(), 1, "{text:?} gave {p:?}");
        p.remove(0).0
    }
    /// A text that must come out as exactly itself, as text.
    fn literal(text: &str) {
        assert_eq!(one(text), vec![t(text)], "{text:?}");
    }
    fn depth(nodes: &[Inline]) -> usize {
        nodes
            .iter()
            .map(|n| match n {
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { children: c, .. } => {
                    1 + depth(c)
                }
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }

    /// Every invariant of the output: texts non-empty, merged, normalised;
    /// links allowed; nesting capped; paragraphs non-empty.
    fn check_tree(nodes: &[Inline], input: &str) {
        let mut prev_text = false;
        for n in nodes {
            match n {
                Inline::Text(s) => {
                    assert!(!s.is_empty(), "empty text from {input:?}");
                    assert!(!prev_text, "unmerged texts from {input:?}");
                    assert!(!s.contains("  ") && !s.contains(['\t', '\n', '\r']));
                }
                Inline::Emphasis(c) | Inline::Strong(c) => {
                    assert!(!c.is_empty(), "empty emphasis from {input:?}");
                    check_tree(c, input);
                }
                Inline::Link { url, children } => {
                    assert!(is_allowed_url(url), "{url:?} from {input:?}");
                    assert!(!children.is_empty());
                    check_tree(children, input);
                }
                Inline::Break => {}
            }
            prev_text = matches!(n, Inline::Text(_));
        }
    }
    fn check(input: &str) -> Vec<Paragraph> {
        let ps = parse(input);
        for p in &ps {
            assert!(!p.0.is_empty(), "empty paragraph from {input:?}");
            assert!(depth(&p.0) <= MAX_DEPTH as usize, "too deep: {input:?}");
            assert!(!matches!(p.0.first(), Some(Inline::Break)));
            assert!(!matches!(p.0.last(), Some(Inline::Break)));
            check_tree(&p.0, input);
        }
        ps
    }

    #[test]
    fn paragraphs_and_breaks() {
        assert_eq!(parse(""), vec![]);
        assert_eq!(parse(" \n\t\n  "), vec![]);
        assert_eq!(
            parse("one\n\ntwo"),
            vec![Paragraph(vec![t("one")]), Paragraph(vec![t("two")])]
        );
        assert_eq!(
            parse("\n\none\n \t \n\n\n two \n\n"),
            vec![Paragraph(vec![t("one")]), Paragraph(vec![t("two")])]
        );
        assert_eq!(one("a\nb"), vec![t("a"), Inline::Break, t("b")]);
        assert_eq!(one("a  \n   b"), vec![t("a"), Inline::Break, t("b")]);
        assert_eq!(
            parse("a\r\nb\r\n\r\nc\rd\r\re"),
            vec![
                Paragraph(vec![t("a"), Inline::Break, t("b")]),
                Paragraph(vec![t("c"), Inline::Break, t("d")]),
                Paragraph(vec![t("e")]),
            ]
        );
    }

    #[test]
    fn white_space() {
        assert_eq!(one("  a \t\t b   c  "), vec![t("a b c")]);
        // Only spaces and tabs collapse inside a line; the line is trimmed of
        // all white space.
        assert_eq!(
            one("\u{3000}a\u{a0}\u{a0}b\u{3000}"),
            vec![t("a\u{a0}\u{a0}b")]
        );
        assert_eq!(
            one("*a*   *b*"),
            vec![em(vec![t("a")]), t(" "), em(vec![t("b")])]
        );
    }

    #[test]
    fn emphasis_and_strong() {
        assert_eq!(one("*a*"), vec![em(vec![t("a")])]);
        assert_eq!(one("_a_"), vec![em(vec![t("a")])]);
        assert_eq!(one("**a**"), vec![strong(vec![t("a")])]);
        assert_eq!(one("__a__"), vec![strong(vec![t("a")])]);
        assert_eq!(
            one("x *a b* y **c d** z"),
            vec![
                t("x "),
                em(vec![t("a b")]),
                t(" y "),
                strong(vec![t("c d")]),
                t(" z")
            ]
        );
        assert_eq!(one("***a***"), vec![em(vec![strong(vec![t("a")])])]);
        assert_eq!(
            one("*a **b** c*"),
            vec![em(vec![t("a "), strong(vec![t("b")]), t(" c")])]
        );
        assert_eq!(
            one("**a _b_ c**"),
            vec![strong(vec![t("a "), em(vec![t("b")]), t(" c")])]
        );
        assert_eq!(
            one("_a **b *c* d** e_"),
            vec![em(vec![
                t("a "),
                strong(vec![t("b "), em(vec![t("c")]), t(" d")]),
                t(" e")
            ])]
        );
        // Emphasis across a line break.
        assert_eq!(one("*a\nb*"), vec![em(vec![t("a"), Inline::Break, t("b")])]);
        // Markers of different kinds do not close each other.
        assert_eq!(one("*a_"), vec![t("*a_")]);
        assert_eq!(one("**a__"), vec![t("**a__")]);
        // A closer takes the nearest opener; the rule of three.
        assert_eq!(one("*foo**bar*"), vec![em(vec![t("foo**bar")])]);
        assert_eq!(
            one("*foo**bar**baz*"),
            vec![em(vec![t("foo"), strong(vec![t("bar")]), t("baz")])]
        );
    }

    #[test]
    fn unmatched_markers_are_text() {
        for s in [
            "5 * 3",
            "5 * 3 * 2",
            "a * b",
            "*a",
            "a*",
            "a **",
            "** a",
            "_a",
            "a_",
            "* list-like line",
            "a ** b ** c",
            "a __ b",
            "A*STAR",
            "新*科研",
            "[a",
            "a]",
            "]a[",
            "[a] b",
            "[a](",
            "(a)",
            "a)",
            "[]",
            "\\",
            "a\\",
            "\\a",
        ] {
            literal(s);
        }
        assert_eq!(one("**a*"), vec![t("*"), em(vec![t("a")])]);
        assert_eq!(one("*a**"), vec![em(vec![t("a")]), t("*")]);
        assert_eq!(one("* a *"), vec![t("* a *")]);
    }

    #[test]
    fn underscores_only_at_word_boundaries() {
        literal("snake_case_name");
        literal("a_b_c d_e");
        literal("2_000_000");
        literal("這是_重點_內容");
        literal("Δ_x_y");
        assert_eq!(
            one("call snake_case_name _now_"),
            vec![t("call snake_case_name "), em(vec![t("now")])]
        );
        assert_eq!(one("_a_b_"), vec![em(vec![t("a_b")])]);
        assert_eq!(one("(_a_)"), vec![t("("), em(vec![t("a")]), t(")")]);
        assert_eq!(one("__init__"), vec![strong(vec![t("init")])]);
        // `*` works inside words.
        assert_eq!(
            one("un*frigging*believable"),
            vec![t("un"), em(vec![t("frigging")]), t("believable")]
        );
    }

    #[test]
    fn cjk() {
        assert_eq!(
            one("這是*重點*內容"),
            vec![t("這是"), em(vec![t("重點")]), t("內容")]
        );
        assert_eq!(
            one("這是**重點**內容"),
            vec![t("這是"), strong(vec![t("重點")]), t("內容")]
        );
        assert_eq!(
            one("園區**「首個」**項目。"),
            vec![t("園區"), strong(vec![t("「首個」")]), t("項目。")]
        );
        assert_eq!(one("（*註*）"), vec![t("（"), em(vec![t("註")]), t("）")]);
        assert_eq!(one("_重點_內容"), vec![t("_重點_內容")]);
        assert_eq!(
            one("見 _重點_，"),
            vec![t("見 "), em(vec![t("重點")]), t("，")]
        );
        assert_eq!(
            one("請見[官網](https://www.sipac.gov.cn/)。"),
            vec![
                t("請見"),
                link("https://www.sipac.gov.cn/", vec![t("官網")]),
                t("。")
            ]
        );
        assert_eq!(
            one("詳見https://a.org/x。之後"),
            vec![
                t("詳見"),
                link("https://a.org/x", vec![t("https://a.org/x")]),
                t("。之後")
            ]
        );
        assert_eq!(
            one("網址：https://zh.wikipedia.org/wiki/蘇州，"),
            vec![
                t("網址："),
                link(
                    "https://zh.wikipedia.org/wiki/蘇州",
                    vec![t("https://zh.wikipedia.org/wiki/蘇州")]
                ),
                t("，")
            ]
        );
        assert_eq!(one("新加坡　　蘇州"), vec![t("新加坡　　蘇州")]);
        assert_eq!(
            one("**注意：**內容"),
            vec![strong(vec![t("注意：")]), t("內容")]
        );
        assert_eq!(
            one("『*重點*』與「**強調**」"),
            vec![
                t("『"),
                em(vec![t("重點")]),
                t("』與「"),
                strong(vec![t("強調")]),
                t("」")
            ]
        );
        assert_eq!(
            one("這是 *重點* 內容"),
            vec![t("這是 "), em(vec![t("重點")]), t(" 內容")]
        );
    }

    #[test]
    fn links() {
        assert_eq!(
            one("[label](https://example.org/path)"),
            vec![link("https://example.org/path", vec![t("label")])]
        );
        assert_eq!(
            one("see [the site](http://example.org) now"),
            vec![
                t("see "),
                link("http://example.org", vec![t("the site")]),
                t(" now")
            ]
        );
        assert_eq!(
            one("[write](mailto:a@example.org)"),
            vec![link("mailto:a@example.org", vec![t("write")])]
        );
        assert_eq!(
            one("[x](HTTPS://EXAMPLE.ORG)"),
            vec![link("HTTPS://EXAMPLE.ORG", vec![t("x")])]
        );
        // Balanced and escaped parentheses in the address.
        assert_eq!(
            one("[w](https://en.wikipedia.org/wiki/Merlion_(statue))."),
            vec![
                link(
                    "https://en.wikipedia.org/wiki/Merlion_(statue)",
                    vec![t("w")]
                ),
                t(".")
            ]
        );
        assert_eq!(
            one("[w](https://a.org/x\\)y)"),
            vec![link("https://a.org/x)y", vec![t("w")])]
        );
        // Markup in the label; links in emphasis.
        assert_eq!(
            one("[*a* **b**](https://a.org)"),
            vec![link(
                "https://a.org",
                vec![em(vec![t("a")]), t(" "), strong(vec![t("b")])]
            )]
        );
        assert_eq!(
            one("*see [a](https://a.org)*"),
            vec![em(vec![t("see "), link("https://a.org", vec![t("a")])])]
        );
        assert_eq!(
            one("**[a _b_](https://a.org)**"),
            vec![strong(vec![link(
                "https://a.org",
                vec![t("a "), em(vec![t("b")])]
            )])]
        );
        // Emphasis cannot cross a link's edge.
        assert_eq!(
            one("*a [b* c](https://a.org)"),
            vec![t("*a "), link("https://a.org", vec![t("b* c")])]
        );
        // Brackets inside the label; no link inside a link.
        assert_eq!(
            one("[a [b] c](https://a.org)"),
            vec![link("https://a.org", vec![t("a [b] c")])]
        );
        assert_eq!(
            one("[a [b](https://b.org) c](https://a.org)"),
            vec![
                t("[a "),
                link("https://b.org", vec![t("b")]),
                t(" c]("),
                link("https://a.org", vec![t("https://a.org")]),
                t(")")
            ]
        );
        assert_eq!(
            one("[https://b.org](https://a.org)"),
            vec![link("https://a.org", vec![t("https://b.org")])]
        );
        // An empty label shows the address.
        assert_eq!(
            one("[](https://a.org) [ ](https://b.org)"),
            vec![
                link("https://a.org", vec![t("https://a.org")]),
                t(" "),
                link("https://b.org", vec![t("https://b.org")])
            ]
        );
        // A label over two lines.
        assert_eq!(
            one("[a\nb](https://a.org)"),
            vec![link("https://a.org", vec![t("a"), Inline::Break, t("b")])]
        );
        // `[x]` then a space is not a link; the address in parentheses is bare.
        assert_eq!(
            one("[x] (https://a.org)"),
            vec![
                t("[x] ("),
                link("https://a.org", vec![t("https://a.org")]),
                t(")")
            ]
        );
        // An address without its `)` on the same line.
        assert_eq!(
            one("[x](https://a.org\n)"),
            vec![
                t("[x]("),
                link("https://a.org", vec![t("https://a.org")]),
                Inline::Break,
                t(")")
            ]
        );
    }

    #[test]
    fn refused_links_are_plain_text() {
        for s in [
            "[x](javascript:alert(1))",
            "[x](JAVASCRIPT:alert(1))",
            "[x](JavaScript:alert(document.cookie))",
            "[x](javascript&colon;alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[x](DATA:image/svg+xml,<svg/onload=alert(1)>)",
            "[x](vbscript:msgbox(1))",
            "[x](file:///etc/passwd)",
            "[x](/relative/path)",
            "[x](relative.html)",
            "[x](//evil.example/)",
            "[x](#top)",
            "[x](https:evil.example)",
            "[x](https://)",
            "[x](mailto:)",
            "[x]()",
            "[x]( https://a.org)",
            "[x](https://a.org )",
            "[x](https://a.org x)",
            "[x](https://a.org\u{3000}x)",
            "[x](https://a.org\u{0}x)",
            "[*x*](javascript:alert(1))",
            "[x](javascript:*y*)",
            "[x](java\nscript:y)",
            "[_x_ https://a.org](javascript:y)",
        ] {
            assert!(
                check(s).iter().all(|p| p
                    .0
                    .iter()
                    .all(|n| matches!(n, Inline::Text(_) | Inline::Break))),
                "{s:?}"
            );
            if !s.contains('\n') && !s.contains('\u{0}') {
                literal(s);
            }
        }
        // The refused span is text, what follows is parsed as usual.
        assert_eq!(
            one("[x](javascript:alert(1)) *y* https://a.org"),
            vec![
                t("[x](javascript:alert(1)) "),
                em(vec![t("y")]),
                t(" "),
                link("https://a.org", vec![t("https://a.org")])
            ]
        );
        assert_eq!(
            one("*a [b](javascript:x) c*"),
            vec![em(vec![t("a [b](javascript:x) c")])]
        );
        assert_eq!(
            one("[[a](x y)](https://a.org)"),
            vec![link("https://a.org", vec![t("[a](x y)")])]
        );
        assert_eq!(one("[[a](x y)](z w)"), vec![t("[[a](x y)](z w)")]);
    }

    #[test]
    fn hostile_html_is_text() {
        for s in [
            "<img src=x onerror=alert(1)>",
            "<script>alert(1)</script>",
            "<b>bold</b> &amp; &lt;i&gt; &#x3C;",
            "<a href=\"javascript:alert(1)\">x</a>",
            "\"><svg onload=alert(1)>",
            "{{constructor.constructor('alert(1)')()}}",
        ] {
            literal(s);
        }
        // A bare address stops at `<` and `>`.
        assert_eq!(
            one("<https://a.org>"),
            vec![
                t("<"),
                link("https://a.org", vec![t("https://a.org")]),
                t(">")
            ]
        );
        assert_eq!(
            one("https://a.org/\"onmouseover=\"alert(1)"),
            vec![link(
                "https://a.org/\"onmouseover=\"alert(1)",
                vec![t("https://a.org/\"onmouseover=\"alert(1)")]
            )]
        );
    }

    #[test]
    fn bare_urls() {
        let bare = |u: &str| link(u, vec![t(u)]);
        assert_eq!(
            one("see https://a.org/x."),
            vec![t("see "), bare("https://a.org/x"), t(".")]
        );
        assert_eq!(
            one("https://a.org/x?y=1&z=2#f, then"),
            vec![bare("https://a.org/x?y=1&z=2#f"), t(", then")]
        );
        assert_eq!(
            one("(see https://a.org/x)"),
            vec![t("(see "), bare("https://a.org/x"), t(")")]
        );
        assert_eq!(
            one("(https://en.wikipedia.org/wiki/A_(b))."),
            vec![t("("), bare("https://en.wikipedia.org/wiki/A_(b)"), t(").")]
        );
        assert_eq!(one("http://a.org?!"), vec![bare("http://a.org"), t("?!")]);
        assert_eq!(one("HTTPS://A.ORG"), vec![bare("HTTPS://A.ORG")]);
        assert_eq!(
            one("*https://a.org*"),
            vec![em(vec![bare("https://a.org")])]
        );
        assert_eq!(
            one("_https://a.org/snake_case_"),
            vec![em(vec![bare("https://a.org/snake_case")])]
        );
        assert_eq!(
            one("https://a.org\nhttps://b.org"),
            vec![bare("https://a.org"), Inline::Break, bare("https://b.org")]
        );
        assert_eq!(
            one("'https://a.org' \"https://b.org\""),
            vec![
                t("'"),
                bare("https://a.org"),
                t("' \""),
                bare("https://b.org"),
                t("\"")
            ]
        );
        // Escapes inside an address stand for their character.
        assert_eq!(one("https://a.org/\\_x"), vec![bare("https://a.org/_x")]);
        // Not addresses.
        literal("https://");
        literal("https://...");
        literal("xhttps://a.org");
        literal("ftp://a.org");
        literal("mailto:a@example.org");
        literal("javascript:alert(1)");
        literal("http:/a.org");
    }

    #[test]
    fn escapes() {
        literal("a \\q b");
        assert_eq!(one("\\*a\\*"), vec![t("*a*")]);
        assert_eq!(one("\\_a\\_"), vec![t("_a_")]);
        assert_eq!(one("\\**a**"), vec![t("*"), em(vec![t("a")]), t("*")]);
        assert_eq!(one("\\\\*a*"), vec![t("\\"), em(vec![t("a")])]);
        assert_eq!(one("\\\\"), vec![t("\\")]);
        assert_eq!(one("*a\\*"), vec![t("*a*")]);
        assert_eq!(one("\\[x\\](y)"), vec![t("[x](y)")]);
        assert_eq!(
            one("[x\\](https://a.org)"),
            vec![
                t("[x]("),
                link("https://a.org", vec![t("https://a.org")]),
                t(")")
            ]
        );
        assert_eq!(
            one("\\[x](https://a.org)"),
            vec![
                t("[x]("),
                link("https://a.org", vec![t("https://a.org")]),
                t(")")
            ]
        );
        assert_eq!(
            one("[\\*](https://a.org)"),
            vec![link("https://a.org", vec![t("*")])]
        );
        assert_eq!(one("\\(\\)\\[\\]"), vec![t("()[]")]);
    }

    #[test]
    fn depth_is_capped() {
        // Nesting up to the cap is kept.
        assert_eq!(depth(&one("*a _b **c __d [e](https://a.org)__** c_ a*")), 5);
        // Deeper pairs stay text; the text is all kept.
        for s in [
            "*_*_*_*_*_*_a_*_*_*_*_*_*",
            "***************a***************",
            "*1 _2 **3 __4 *5 _6 **7 x** 6_ 5* 4__ 3** 2_ 1*",
            "[*_*_*_*_a_*_*_*_*](https://a.org)",
        ] {
            let ps = check(s);
            assert!(depth(&ps[0].0) <= 5, "{s}");
            let text: String = s.chars().filter(|c| c.is_alphanumeric()).collect();
            let plain: String = plain_text(s)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            if !s.contains('[') {
                assert_eq!(plain, text, "{s}");
            }
        }
    }

    #[test]
    fn large_hostile_inputs_are_fast() {
        let n = 100_000;
        let inputs = [
            "*".repeat(n),
            "_".repeat(n),
            "[".repeat(n),
            "]".repeat(n),
            "(".repeat(n),
            "\\".repeat(n),
            format!("{}a{}", "*".repeat(n / 2), "*".repeat(n / 2)),
            format!("{}a{}", "[".repeat(n / 2), "]".repeat(n / 2)),
            format!(
                "{}a{}",
                "[".repeat(n / 2),
                "](https://a.org)".repeat(n / 32)
            ),
            format!("{}{}", "*a ".repeat(n / 6), "a* ".repeat(n / 6)),
            format!("{}{}", "*a _".repeat(n / 8), "a* _".repeat(n / 8)),
            "*a".repeat(n / 2),
            "a*".repeat(n / 2),
            "_*".repeat(n / 2),
            "*_a".repeat(n / 3),
            "[a](".repeat(n / 4),
            "[a](x".repeat(n / 5),
            "[x](javascript:x)".repeat(n / 17),
            "[".repeat(n / 20) + &"[a](x y)](x y)".repeat(n / 20),
            "[a](https://a.org)".repeat(n / 18),
            "https://".repeat(n / 8),
            "https://a.org/(".repeat(n / 15),
            "https://a.org/)".repeat(n / 15),
            "**_".repeat(n / 3) + &"_**".repeat(n / 3),
            "a\n".repeat(n / 2),
            "*\n".repeat(n / 2),
            " \t".repeat(n / 2),
            "重*點".repeat(n / 9),
        ];
        for input in &inputs {
            let start = Instant::now();
            let ps = check(input);
            let plain = plain_text(input);
            let took = start.elapsed();
            assert!(
                took < Duration::from_secs(5),
                "{took:?} for {}…",
                &input.chars().take(20).collect::<String>()
            );
            assert!(ps.len() <= 1 || input.contains('\n'));
            drop(plain);
        }
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(plain_text(""), "");
        assert_eq!(
            plain_text("  A *b* **c** [d _e_](https://a.org) \\*f\\* https://g.org.\nh\n\n\ni  "),
            "A b c d e *f* https://g.org.\nh\n\ni"
        );
        assert_eq!(plain_text("5 * 3 = 15"), "5 * 3 = 15");
        assert_eq!(plain_text("[x](javascript:y)"), "[x](javascript:y)");
        assert_eq!(plain_text("這是*重點*內容"), "這是重點內容");
    }

    #[test]
    fn allowed_urls() {
        for u in [
            "https://a.org",
            "http://a.org/x?y#z",
            "HTTPS://A.ORG",
            "mailto:a@b.org",
            "https://zh.wikipedia.org/wiki/蘇州",
        ] {
            assert!(is_allowed_url(u), "{u}");
        }
        for u in [
            "",
            "https://",
            "mailto:",
            "javascript:alert(1)",
            "data:text/html,x",
            "ftp://a.org",
            "/x",
            "//a.org",
            " https://a.org",
            "https://a.org ",
            "https://a .org",
            "https://a.org\n",
            "https://a\u{7}.org",
            "https://a\u{a0}.org",
        ] {
            assert!(!is_allowed_url(u), "{u:?}");
        }
    }

    /// xorshift64*: small, deterministic.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn random_inputs_never_panic() {
        const PIECES: [&str; 38] = [
            "*",
            "*",
            "**",
            "_",
            "_",
            "__",
            "[",
            "]",
            "(",
            ")",
            "\\",
            " ",
            "  ",
            "\t",
            "\n",
            "\n\n",
            "\r",
            "a",
            "b",
            "x_y",
            "重",
            "點",
            "。",
            "，",
            "「",
            "」",
            "https://a.org",
            "http://b.org/(c)",
            "mailto:d@e.org",
            "javascript:f()",
            "](",
            "](https://g.org)",
            "<b>",
            "&amp;",
            ".",
            "\u{3000}",
            "é",
            "\u{0}",
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let len = rng.below(40);
            let input: String = (0..len).map(|_| PIECES[rng.below(PIECES.len())]).collect();
            let ps = check(&input);
            // Without links every letter survives, in order.
            let has_link = ps.iter().any(|p| format!("{:?}", p.0).contains("Link"));
            if !has_link {
                let letters =
                    |s: &str| -> String { s.chars().filter(|c| c.is_alphanumeric()).collect() };
                assert_eq!(letters(&plain_text(&input)), letters(&input), "{input:?}");
            }
        }
    }

    #[test]
    fn sip_texts_are_plain() {
        /// White space normalised as the markup does: lines trimmed, runs of
        /// spaces and tabs made one space, blank lines separate paragraphs.
        fn normalise(text: &str) -> String {
            let mut paragraphs: Vec<Vec<String>> = vec![vec![]];
            for line in text.lines() {
                let words: Vec<&str> = line.split([' ', '\t']).filter(|w| !w.is_empty()).collect();
                let line = words.join(" ").trim().to_string();
                if line.is_empty() {
                    paragraphs.push(vec![]);
                } else {
                    paragraphs.last_mut().unwrap().push(line);
                }
            }
            paragraphs
                .iter()
                .filter(|p| !p.is_empty())
                .map(|p| p.join("\n"))
                .collect::<Vec<_>>()
                .join("\n\n")
        }
        for json in [
            include_str!("../../www/data/sip.en.json"),
            include_str!("../../www/data/sip.zh-Hant.json"),
        ] {
            let loaded = crate::core::model::parse_dataset(json).expect("SIP dataset loads");
            let texts: Vec<&str> = loaded
                .dataset
                .events
                .iter()
                .filter_map(|e| e.text.as_deref())
                .collect();
            assert!(texts.len() >= 10);
            for text in texts {
                let ps = check(text);
                assert!(!ps.is_empty());
                for p in &ps {
                    assert!(
                        p.0.iter()
                            .all(|n| matches!(n, Inline::Text(_) | Inline::Break)),
                        "markup found in {text:?}: {p:?}"
                    );
                }
                assert_eq!(plain_text(text), normalise(text));
            }
        }
    }
}
