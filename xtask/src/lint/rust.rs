//! A small Rust lexer and the paths a file refers to, for the checks of
//! `lint.rs`: enough of Rust to find `use` trees and `crate::`/`super::`/
//! `self::` paths in code, with comments, string and character literals,
//! lifetimes and numbers dropped. Not a parser: it never fails, whatever
//! the input.

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Ident(String),
    PathSep,
    Punct(char),
}

#[derive(Debug, Clone)]
pub(super) struct Token {
    pub tok: Tok,
    pub line: usize,
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

pub(super) fn lex(src: &str) -> Vec<Token> {
    let s: Vec<char> = src.chars().collect();
    let at = |i: usize| s.get(i).copied().unwrap_or('\0');
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    // Skips a quoted literal whose opening `"` is at `i`; returns the index
    // after the closing quote.
    let skip_string = |mut i: usize, line: &mut usize| {
        i += 1;
        while i < s.len() {
            match s[i] {
                '\\' => {
                    if at(i + 1) == '\n' {
                        *line += 1;
                    }
                    i += 2;
                }
                '"' => return i + 1,
                c => {
                    if c == '\n' {
                        *line += 1;
                    }
                    i += 1;
                }
            }
        }
        i
    };
    // A raw string `r#*"…"#*` whose `r` is at `i`, or None.
    let skip_raw = |i: usize, line: &mut usize| -> Option<usize> {
        let mut j = i + 1;
        let mut hashes = 0;
        while at(j) == '#' {
            hashes += 1;
            j += 1;
        }
        if at(j) != '"' {
            return None;
        }
        j += 1;
        while j < s.len() {
            if s[j] == '"' && (1..=hashes).all(|k| at(j + k) == '#') {
                return Some(j + 1 + hashes);
            }
            if s[j] == '\n' {
                *line += 1;
            }
            j += 1;
        }
        Some(j)
    };
    while i < s.len() {
        let c = s[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < s.len() && s[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < s.len() {
                if s[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if s[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if s[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if c == '"' {
            i = skip_string(i, &mut line);
        } else if c == '\'' {
            if at(i + 1) == '\\' {
                // '\n', '\'', '\u{…}'
                i += 3;
                while i < s.len() && s[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                // a lifetime or a label
                i += 1;
                while i < s.len() && is_ident_char(s[i]) {
                    i += 1;
                }
            }
        } else if c.is_ascii_digit() {
            while i < s.len()
                && (is_ident_char(s[i]) || (s[i] == '.' && at(i + 1).is_ascii_digit()))
            {
                i += 1;
            }
        } else if is_ident_start(c) {
            let start = i;
            while i < s.len() && is_ident_char(s[i]) {
                i += 1;
            }
            let word: String = s[start..i].iter().collect();
            let next = at(i);
            match word.as_str() {
                "r" | "br" | "cr" if next == '"' || next == '#' => {
                    if let Some(end) = skip_raw(i - 1, &mut line) {
                        i = end;
                        continue;
                    }
                    if word == "r" && next == '#' && is_ident_start(at(i + 1)) {
                        // a raw identifier, r#type
                        let start = i + 1;
                        i = start;
                        while i < s.len() && is_ident_char(s[i]) {
                            i += 1;
                        }
                        out.push(Token {
                            tok: Tok::Ident(s[start..i].iter().collect()),
                            line,
                        });
                        continue;
                    }
                    out.push(Token {
                        tok: Tok::Ident(word),
                        line,
                    });
                }
                "b" | "c" if next == '"' => i = skip_string(i, &mut line),
                "b" if next == '\'' => {
                    // b'x', b'\n', b'\''
                    let mut j = i + 1;
                    j += if at(j) == '\\' { 2 } else { 1 };
                    while j < s.len() && s[j] != '\'' {
                        j += 1;
                    }
                    i = j + 1;
                }
                _ => out.push(Token {
                    tok: Tok::Ident(word),
                    line,
                }),
            }
        } else if c == ':' && at(i + 1) == ':' {
            out.push(Token {
                tok: Tok::PathSep,
                line,
            });
            i += 2;
        } else {
            out.push(Token {
                tok: Tok::Punct(c),
                line,
            });
            i += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Paths in code

/// A path that starts at `crate`, `super` or `self`, resolved to the path
/// from the crate root (`super::time::Ms` in `src/core/scale.rs` is
/// `core::time::Ms`).
#[derive(Debug, Clone)]
pub(super) struct PathRef {
    /// As written (a `use` group is split into one path per leaf).
    pub written: String,
    pub resolved: Vec<String>,
    pub line: usize,
}

fn ident(tokens: &[Token], i: usize) -> Option<&str> {
    match tokens.get(i).map(|t| &t.tok) {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

fn punct(tokens: &[Token], i: usize, c: char) -> bool {
    matches!(tokens.get(i).map(|t| &t.tok), Some(Tok::Punct(p)) if *p == c)
}

fn path_sep(tokens: &[Token], i: usize) -> bool {
    matches!(tokens.get(i).map(|t| &t.tok), Some(Tok::PathSep))
}

/// Parses a path or `use` tree starting at `i`: `a::b::c`, `a::{b, c::d}`,
/// `a::*`, `a as b`, stopping at anything else (a turbofish `::<`, a
/// `(`, …). Returns each leaf path with the line where it starts, and the
/// index after the tree.
fn use_tree(tokens: &[Token], mut i: usize) -> (Vec<(Vec<String>, usize)>, usize) {
    let line = tokens.get(i).map_or(0, |t| t.line);
    let mut segs = Vec::new();
    while let Some(seg) = ident(tokens, i) {
        segs.push(seg.to_string());
        i += 1;
        if !path_sep(tokens, i) {
            break;
        }
        if ident(tokens, i + 1).is_some() {
            i += 1;
        } else if punct(tokens, i + 1, '{') {
            i += 2;
            let mut out = Vec::new();
            while i < tokens.len() {
                if punct(tokens, i, '}') {
                    i += 1;
                    break;
                }
                if punct(tokens, i, ',') {
                    i += 1;
                    continue;
                }
                let (subs, next) = use_tree(tokens, i);
                if next == i {
                    i += 1;
                    continue;
                }
                for (mut sub, sub_line) in subs {
                    if sub.first().map(String::as_str) == Some("self") {
                        sub.remove(0);
                    }
                    let mut full = segs.clone();
                    full.extend(sub);
                    out.push((full, sub_line));
                }
                i = next;
            }
            return (out, i);
        } else {
            // `::*` or `::<…>`: the path ends here.
            i += 2;
            break;
        }
    }
    if ident(tokens, i) == Some("as") && ident(tokens, i + 1).is_some() {
        i += 2;
    }
    if segs.is_empty() {
        (Vec::new(), i)
    } else {
        (vec![(segs, line)], i)
    }
}

/// `crate::…`, `super::…` and `self::…` from inside module `current`, as a
/// path from the crate root; `None` when `super` goes above the root.
fn resolve(segs: &[String], current: &[String]) -> Option<Vec<String>> {
    let mut base: Vec<String>;
    let mut rest = segs;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            base = Vec::new();
            rest = &rest[1..];
        }
        Some("self") => {
            base = current.to_vec();
            rest = &rest[1..];
        }
        Some("super") => base = current.to_vec(),
        _ => return None,
    }
    while rest.first().map(String::as_str) == Some("super") {
        base.pop()?;
        rest = &rest[1..];
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

/// If an attribute `#[cfg(test)]` (or `#![cfg(test)]`) starts at `i`,
/// returns the index after it and whether it is an inner attribute.
fn cfg_test_at(tokens: &[Token], i: usize) -> Option<(usize, bool)> {
    if !punct(tokens, i, '#') {
        return None;
    }
    let inner = punct(tokens, i + 1, '!');
    let j = i + 1 + usize::from(inner);
    let is = punct(tokens, j, '[')
        && ident(tokens, j + 1) == Some("cfg")
        && punct(tokens, j + 2, '(')
        && ident(tokens, j + 3) == Some("test")
        && punct(tokens, j + 4, ')')
        && punct(tokens, j + 5, ']');
    is.then_some((j + 6, inner))
}

fn opens(t: &Token) -> bool {
    matches!(t.tok, Tok::Punct('{' | '(' | '['))
}

fn closes(t: &Token) -> bool {
    matches!(t.tok, Tok::Punct('}' | ')' | ']'))
}

/// The index after the bracketed group that opens at `i`.
fn skip_group(tokens: &[Token], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < tokens.len() {
        if opens(&tokens[i]) {
            depth += 1;
        } else if closes(&tokens[i]) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return i + 1;
            }
        }
        i += 1;
    }
    i
}

/// The index after the item (or field, variant, statement) that starts at
/// `i`: its `;`, the `}` of its block, the `,` after it in a list (not one
/// inside `<…>`), or the closing bracket of the enclosing list (not
/// consumed). With `whole_block`, the rest of the enclosing block.
fn skip_item(tokens: &[Token], mut i: usize, whole_block: bool) -> usize {
    let mut depth = 0usize;
    let mut angle = 0usize;
    while i < tokens.len() {
        let t = &tokens[i];
        if opens(t) {
            depth += 1;
        } else if closes(t) {
            if depth == 0 {
                return i;
            }
            depth -= 1;
            if depth == 0 && !whole_block && punct(tokens, i, '}') {
                return i + 1;
            }
        } else if depth == 0 && !whole_block {
            match t.tok {
                Tok::Punct(';') => return i + 1,
                Tok::Punct(',') if angle == 0 => return i + 1,
                Tok::Punct('<') => angle += 1,
                Tok::Punct('>')
                    if !(punct(tokens, i.wrapping_sub(1), '-')
                        || punct(tokens, i.wrapping_sub(1), '=')) =>
                {
                    angle = angle.saturating_sub(1)
                }
                _ => {}
            }
        }
        i += 1;
    }
    i
}

/// The paths a file refers to (see [`PathRef`]). `module` is the file's
/// module; inline `mod x { … }` blocks are followed, so `super` inside one
/// means the file's module. With `skip_tests`, every item marked
/// `#[cfg(test)]` (and the rest of a block or file marked `#![cfg(test)]`)
/// is left out.
pub(super) fn references(tokens: &[Token], module: &[String], skip_tests: bool) -> Vec<PathRef> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    // Inline modules entered: name and the depth inside their braces.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if skip_tests {
            if let Some((after, inner)) = cfg_test_at(tokens, i) {
                let mut j = after;
                // The item's other attributes.
                while punct(tokens, j, '#') && punct(tokens, j + 1, '[') {
                    j = skip_group(tokens, j + 1);
                }
                i = skip_item(tokens, j, inner);
                continue;
            }
        }
        let t = &tokens[i];
        if ident(tokens, i) == Some("mod") && punct(tokens, i + 2, '{') {
            if let Some(name) = ident(tokens, i + 1) {
                depth += 1;
                inline.push((name.to_string(), depth));
                i += 3;
                continue;
            }
        }
        if opens(t) {
            depth += 1;
        } else if closes(t) {
            if inline.last().is_some_and(|(_, d)| *d == depth) {
                inline.pop();
            }
            depth = depth.saturating_sub(1);
        } else if let Some(word @ ("crate" | "super" | "self")) = ident(tokens, i) {
            let starts_path = path_sep(tokens, i + 1)
                && !(i > 0 && path_sep(tokens, i - 1))
                && !(word == "crate" && ident(tokens, i.wrapping_sub(1)) == Some("in"));
            if starts_path {
                let (leaves, next) = use_tree(tokens, i);
                let mut current = module.to_vec();
                current.extend(inline.iter().map(|(n, _)| n.clone()));
                for (segs, line) in leaves {
                    if let Some(resolved) = resolve(&segs, &current) {
                        out.push(PathRef {
                            written: segs.join("::"),
                            resolved,
                            line,
                        });
                    }
                }
                i = next.max(i + 1);
                continue;
            }
        }
        i += 1;
    }
    out
}
