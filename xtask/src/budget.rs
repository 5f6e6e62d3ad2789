//! The size budget (issue 15): `xtask/size-budget.toml` holds the gzip -9
//! bytes each shipped file may take, which files a page loads before the
//! widget's first frame, and which the widget may load at all. The step
//! "size budget" of `cargo xtask test` ([`check`], right after the release
//! build) fails when the release `dist/` is over any of them; `cargo xtask
//! size` prints the same table. The issue's targets are printed beside the
//! budget and never fail the check (see docs/commands.md).
//!
//! The file is a small subset of TOML, read by [`parse`]: comments, `[section]`
//! headers, and `key = value` lines whose value is an integer (`_` allowed) or
//! an array of double-quoted strings (on one line or several).

use crate::build;
use crate::util::{fmt_bytes, grouped as group, repo_root, Result};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// Where the budget lives, relative to the repository root.
pub const BUDGET_FILE: &str = "xtask/size-budget.toml";

/// What `xtask/size-budget.toml` says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Budget {
    /// Files (relative to dist/) a page loads before the widget's first frame.
    pub first_frame_files: Vec<String>,
    /// Every file the widget may load; includes the first-frame files.
    pub all_files: Vec<String>,
    /// gzip -9 bytes each file may take, for every file of `all_files`.
    pub file_budget: Vec<(String, u64)>,
    /// gzip -9 bytes the first-frame files may take together.
    pub first_frame: u64,
    /// gzip -9 bytes all the files may take together.
    pub all: u64,
    /// The issue's targets (printed, not enforced): first frame and everything.
    pub target_first_frame: u64,
    pub target_all: u64,
}

/// A value of the TOML subset.
#[derive(Debug, PartialEq)]
enum Value {
    Int(u64),
    Strings(Vec<String>),
}

/// Reads the budget file's text; names the line of anything it does not take.
pub fn parse(text: &str) -> Result<Budget> {
    let mut b = Budget::default();
    let (mut seen_ff, mut seen_all) = (false, false);
    let seen = |key: &str, set: &mut Vec<String>| -> Result {
        if set.iter().any(|k| k == key) {
            return Err(format!("`{key}` is given twice"));
        }
        set.push(key.to_string());
        Ok(())
    };
    let mut keys: Vec<String> = Vec::new();
    let mut section = String::new();
    let mut lines = text.lines().enumerate();
    while let Some((i, raw)) = lines.next() {
        let at = |e: String| format!("{BUDGET_FILE}, line {}: {e}", i + 1);
        let line = strip_comment(raw).trim().to_string();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[') {
            let name = name
                .strip_suffix(']')
                .ok_or_else(|| at("a section header must end with `]`".into()))?
                .trim();
            if !["budget", "file_budget", "target"].contains(&name) {
                return Err(at(format!(
                    "unknown section [{name}] (the sections are [budget], [file_budget] and [target])"
                )));
            }
            section = name.to_string();
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .ok_or_else(|| at(format!("expected `key = value`, found `{line}`")))?;
        let key = unquote_key(key.trim()).map_err(at)?;
        let mut value = value.trim().to_string();
        // An array may go on over several lines, up to its `]`.
        if value.starts_with('[') {
            while !value.ends_with(']') {
                let Some((_, more)) = lines.next() else {
                    return Err(at(format!("the array of `{key}` has no closing `]`")));
                };
                value.push(' ');
                value.push_str(strip_comment(more).trim());
            }
        }
        let value = parse_value(&value).map_err(|e| at(format!("`{key}`: {e}")))?;
        let full = if section.is_empty() {
            key.clone()
        } else {
            format!("{section}.{key}")
        };
        seen(&full, &mut keys).map_err(at)?;
        let int = |v: Value| match v {
            Value::Int(n) => Ok(n),
            Value::Strings(_) => Err(at(format!("`{full}` must be a number of bytes"))),
        };
        match (section.as_str(), key.as_str()) {
            ("", "first_frame_files" | "all_files") => {
                let Value::Strings(files) = value else {
                    return Err(at(format!("`{key}` must be an array of file names")));
                };
                if key == "first_frame_files" {
                    b.first_frame_files = files;
                    seen_ff = true;
                } else {
                    b.all_files = files;
                    seen_all = true;
                }
            }
            ("budget", "first_frame") => b.first_frame = int(value)?,
            ("budget", "all") => b.all = int(value)?,
            ("target", "first_frame") => b.target_first_frame = int(value)?,
            ("target", "all") => b.target_all = int(value)?,
            ("file_budget", _) => b.file_budget.push((key.clone(), int(value)?)),
            _ => return Err(at(format!("unknown key `{full}`"))),
        }
    }
    for (ok, what) in [
        (seen_ff, "first_frame_files"),
        (seen_all, "all_files"),
        (
            keys.iter().any(|k| k == "budget.first_frame"),
            "[budget] first_frame",
        ),
        (keys.iter().any(|k| k == "budget.all"), "[budget] all"),
        (
            keys.iter().any(|k| k == "target.first_frame"),
            "[target] first_frame",
        ),
        (keys.iter().any(|k| k == "target.all"), "[target] all"),
    ] {
        if !ok {
            return Err(format!("{BUDGET_FILE}: `{what}` is missing"));
        }
    }
    validate(&b)?;
    Ok(b)
}

/// The lists and the per-file budgets agree.
fn validate(b: &Budget) -> Result {
    let fail = |e: String| Err(format!("{BUDGET_FILE}: {e}"));
    for list in [&b.first_frame_files, &b.all_files] {
        for (i, f) in list.iter().enumerate() {
            if list[..i].contains(f) {
                return fail(format!("{f} is listed twice"));
            }
        }
    }
    for f in &b.first_frame_files {
        if !b.all_files.contains(f) {
            return fail(format!(
                "{f} is in first_frame_files but not in all_files (all_files lists every file, \
                 the first-frame ones too)"
            ));
        }
    }
    for f in &b.all_files {
        if !b.file_budget.iter().any(|(n, _)| n == f) {
            return fail(format!("{f} has no budget in [file_budget]"));
        }
    }
    for (f, _) in &b.file_budget {
        if !b.all_files.contains(f) {
            return fail(format!(
                "[file_budget] names {f}, which all_files does not list"
            ));
        }
    }
    Ok(())
}

fn strip_comment(line: &str) -> &str {
    let mut in_string = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_string = !in_string,
            '#' if !in_string => return &line[..i],
            _ => {}
        }
    }
    line
}

fn unquote_key(key: &str) -> std::result::Result<String, String> {
    if let Some(inner) = key.strip_prefix('"') {
        return match inner.strip_suffix('"') {
            Some(k) if !k.is_empty() && !k.contains(['"', '\\']) => Ok(k.to_string()),
            _ => Err(format!("cannot read the key {key}")),
        };
    }
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        Ok(key.to_string())
    } else {
        Err(format!(
            "cannot read the key `{key}` (quote a file name: \"chronoscope.js\" = …)"
        ))
    }
}

fn parse_value(v: &str) -> std::result::Result<Value, String> {
    if let Some(inner) = v.strip_prefix('[') {
        let inner = inner
            .strip_suffix(']')
            .ok_or("an array must end with `]`")?;
        let mut out = Vec::new();
        for item in inner.split(',') {
            let item = item.trim();
            if item.is_empty() {
                continue; // a trailing comma
            }
            let s = item
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .filter(|s| !s.is_empty() && !s.contains(['"', '\\']))
                .ok_or_else(|| format!("expected a double-quoted file name, found `{item}`"))?;
            out.push(s.to_string());
        }
        return Ok(Value::Strings(out));
    }
    let digits: String = v.chars().filter(|&c| c != '_').collect();
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) && !v.starts_with('_') {
        return digits
            .parse()
            .map(Value::Int)
            .map_err(|_| format!("{v} is too large"));
    }
    Err(format!(
        "expected a whole number of bytes or an array of strings, found `{v}`"
    ))
}

/// The gzip -9 size of each file, as measured in dist/ (`None`: missing).
pub type Measured = Vec<(String, Option<u64>)>;

/// gzip -9 sizes of the files the budget lists.
pub fn measure(dist: &Path, budget: &Budget) -> Measured {
    budget
        .all_files
        .iter()
        .map(|f| {
            let gz = fs::read(dist.join(f)).ok().map(|d| build::gzip_len(&d));
            (f.clone(), gz)
        })
        .collect()
}

/// The table of sizes against the budget (and the targets), and what is
/// over: empty when the check passes. `shipped` is every code file in dist/
/// (the build's list), so that a new file cannot ship outside the budget.
pub fn evaluate(b: &Budget, measured: &Measured, shipped: &[String]) -> (String, Vec<String>) {
    let mut failures = Vec::new();
    let mut t = String::new();
    let gz = |f: &str| measured.iter().find(|(n, _)| n == f).and_then(|(_, g)| *g);
    let width = b
        .all_files
        .iter()
        .map(|f| f.len() + 2)
        .chain([24])
        .max()
        .unwrap_or(24);
    let _ = writeln!(
        t,
        "  {:<width$}  {:>10}  {:>10}  {:>10}  result",
        "gzip -9 bytes", "now", "budget", "headroom"
    );
    let row = |t: &mut String, label: &str, now: Option<u64>, budget: u64| -> bool {
        let ok = now.is_some_and(|n| n <= budget);
        let (now_s, room) = match now {
            Some(n) if n > budget => (group(n), format!("-{}", group(n - budget))),
            Some(n) => (group(n), format!("+{}", group(budget - n))),
            None => ("MISSING".to_string(), String::new()),
        };
        let _ = writeln!(
            t,
            "  {label:<width$}  {now_s:>10}  {:>10}  {room:>10}  {}",
            group(budget),
            if ok { "ok" } else { "OVER BUDGET" }
        );
        ok
    };
    for f in &b.all_files {
        let budget = b
            .file_budget
            .iter()
            .find(|(n, _)| n == f)
            .map_or(0, |(_, v)| *v);
        let first = if b.first_frame_files.contains(f) {
            " *"
        } else {
            ""
        };
        let now = gz(f);
        if !row(&mut t, &format!("{f}{first}"), now, budget) {
            failures.push(match now {
                Some(n) => format!(
                    "dist/{f} is {} gzip -9, over its budget of {}",
                    fmt_bytes(n),
                    fmt_bytes(budget)
                ),
                None => format!("dist/{f} is in the budget but missing from dist/"),
            });
        }
    }
    let sum = |files: &[String]| -> Option<u64> { files.iter().map(|f| gz(f)).sum() };
    let ff = sum(&b.first_frame_files);
    let all = sum(&b.all_files);
    let ff_label = format!("first frame ({} files)", b.first_frame_files.len());
    let all_label = format!("everything ({} files)", b.all_files.len());
    for (label, now, budget, what) in [
        (
            &ff_label,
            ff,
            b.first_frame,
            "what a page loads before the first frame",
        ),
        (&all_label, all, b.all, "everything the widget may load"),
    ] {
        if !row(&mut t, label, now, budget) {
            if let Some(n) = now {
                failures.push(format!(
                    "{what} is {} gzip -9, over the budget of {}",
                    fmt_bytes(n),
                    fmt_bytes(budget)
                ));
            }
        }
    }
    let _ = writeln!(
        t,
        "  (* loaded before the first frame; headroom = budget - now)"
    );
    let _ = writeln!(
        t,
        "  issue 15's targets, not enforced yet: first frame {} ({} now, {}), everything {} ({} now, {})",
        fmt_kib(b.target_first_frame),
        ff.map_or("?".into(), fmt_kib),
        versus(ff, b.target_first_frame),
        fmt_kib(b.target_all),
        all.map_or("?".into(), fmt_kib),
        versus(all, b.target_all),
    );
    for f in shipped {
        if !b.all_files.contains(f) {
            failures.push(format!(
                "dist/{f} is shipped but not in {BUDGET_FILE}: add it to all_files (and to \
                 first_frame_files if a page loads it before the first frame) with its budget"
            ));
        }
    }
    (t, failures)
}

fn versus(now: Option<u64>, target: u64) -> String {
    match now {
        Some(n) if n <= target => "met".into(),
        Some(n) if target > 0 => format!("{:.2}× the target", n as f64 / target as f64),
        _ => "not measured".into(),
    }
}

fn fmt_kib(n: u64) -> String {
    format!("{:.1} KiB", n as f64 / 1024.0)
}

/// Reads the checked-in budget.
pub fn load() -> Result<Budget> {
    let path = repo_root().join(BUDGET_FILE);
    let text =
        fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse(&text)
}

/// The table for the release `dist/` and its failures (see [`evaluate`]).
pub fn report(dist: &Path) -> Result<(String, Vec<String>)> {
    let budget = load()?;
    let measured = measure(dist, &budget);
    let shipped: Vec<String> = build::shipped_files(dist)
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    Ok(evaluate(&budget, &measured, &shipped))
}

/// The step "size budget" of `cargo xtask test`: prints the sizes against
/// the budget and fails if any is over (or a shipped file is not budgeted).
pub fn check() -> Result {
    let dist = build::dist_dir();
    if !dist.join(format!("{}_bg.wasm", build::OUT_NAME)).is_file() {
        return Err(format!(
            "{} has no build: the size budget is checked after the release build",
            dist.display()
        ));
    }
    let (table, failures) = report(&dist)?;
    println!("size budget ({BUDGET_FILE}), release dist/:");
    print!("{table}");
    if failures.is_empty() {
        return Ok(());
    }
    Err(format!(
        "over the size budget:\n  {}\nMake it smaller, or raise the number in {BUDGET_FILE} on \
         purpose (say why in the commit message); `cargo xtask size` shows what the bytes are",
        failures.join("\n  ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"
# a comment
first_frame_files = ["a.js", "b.wasm"]  # trailing comment
all_files = [
  "a.js",
  "b.wasm",
  "c.wasm", # later
]

[budget]
first_frame = 1_100
all = 1_600

[file_budget]
"a.js" = 100
"b.wasm" = 1000
"c.wasm" = 500

[target]
first_frame = 900
all = 1_500
"#;

    fn budget() -> Budget {
        parse(TEXT).unwrap()
    }

    fn measured(a: u64, b: u64, c: u64) -> Measured {
        vec![
            ("a.js".into(), Some(a)),
            ("b.wasm".into(), Some(b)),
            ("c.wasm".into(), Some(c)),
        ]
    }

    fn shipped() -> Vec<String> {
        vec!["a.js".into(), "b.wasm".into(), "c.wasm".into()]
    }

    #[test]
    fn reads_the_subset() {
        let b = budget();
        assert_eq!(b.first_frame_files, ["a.js", "b.wasm"]);
        assert_eq!(b.all_files, ["a.js", "b.wasm", "c.wasm"]);
        assert_eq!(b.file_budget[1], ("b.wasm".to_string(), 1000));
        assert_eq!((b.first_frame, b.all), (1100, 1600));
        assert_eq!((b.target_first_frame, b.target_all), (900, 1500));
    }

    #[test]
    fn refuses_what_it_does_not_know() {
        let bad = |from: &str, to: &str| {
            let t = TEXT.replacen(from, to, 1);
            parse(&t).unwrap_err()
        };
        assert!(bad("all = 1_600", "all = 1.5").contains("line 12"));
        assert!(bad("all = 1_600", "al = 1600").contains("unknown key `budget.al`"));
        assert!(bad("[target]", "[targets]").contains("unknown section"));
        assert!(bad("\"c.wasm\" = 500", "").contains("c.wasm has no budget"));
        assert!(bad("\"c.wasm\", # later", "").contains("which all_files does not list"));
        assert!(bad("[\"a.js\", \"b.wasm\"]", "[\"a.js\", \"d.js\"]")
            .contains("d.js is in first_frame_files but not in all_files"));
        assert!(bad("first_frame = 900", "").contains("`[target] first_frame` is missing"));
        assert!(bad("all = 1_600", "all = 1_600\nall = 1").contains("given twice"));
        assert!(bad("first_frame = 1_100", "first_frame = [\"x\"]").contains("number of bytes"));
    }

    #[test]
    fn passes_within_budget() {
        let (table, failures) = evaluate(&budget(), &measured(100, 1000, 500), &shipped());
        assert!(failures.is_empty(), "{failures:?}");
        assert!(table.contains("first frame (2 files)"), "{table}");
        assert!(table.contains("1.07× the target"), "{table}");
        assert!(!table.contains("OVER"), "{table}");
    }

    #[test]
    fn fails_over_budget() {
        // One byte over a file's own budget.
        let (table, failures) = evaluate(&budget(), &measured(101, 999, 500), &shipped());
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(failures[0].contains("dist/a.js is 101 B"), "{failures:?}");
        assert!(table.contains("OVER BUDGET"), "{table}");

        // Every file within its own budget, the first frame over its total.
        let mut b = budget();
        b.first_frame = 1000;
        let (_, failures) = evaluate(&b, &measured(100, 1000, 500), &shipped());
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(
            failures[0].contains("before the first frame is 1,100 B"),
            "{failures:?}"
        );

        // Only the total of everything over.
        let mut b = budget();
        b.all = 1599;
        let (_, failures) = evaluate(&b, &measured(100, 1000, 500), &shipped());
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(failures[0].contains("everything the widget may load"));
    }

    #[test]
    fn fails_on_missing_and_unbudgeted_files() {
        let mut m = measured(100, 1000, 500);
        m[2].1 = None;
        let (table, failures) = evaluate(&budget(), &m, &shipped());
        assert!(table.contains("MISSING"), "{table}");
        assert!(failures[0].contains("dist/c.wasm is in the budget but missing"));

        let mut s = shipped();
        s.push("snippets/x.js".into());
        let (_, failures) = evaluate(&budget(), &measured(100, 1000, 500), &s);
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(failures[0].contains("dist/snippets/x.js is shipped but not in"));
    }

    #[test]
    fn the_checked_in_budget_reads_and_budgets_the_build_s_files() {
        let b = load().unwrap();
        for f in [
            "chronoscope.js",
            "chronoscope_wasm.js",
            "chronoscope_wasm_bg.wasm",
        ] {
            assert!(b.all_files.iter().any(|x| x == f), "{f}");
        }
        assert!(b.first_frame <= b.all);
        assert!(b.target_first_frame <= b.target_all);
        // The totals are budgets of their own, not looser than the files'.
        let files: u64 = b.file_budget.iter().map(|(_, v)| v).sum();
        assert!(b.all <= files, "{} > {files}", b.all);
    }
}
