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

use crate::core::data::url::is_safe_url;

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
mod tests;
