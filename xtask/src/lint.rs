//! Checks of the source tree that read text and need no compiler (step
//! "architecture" of `cargo xtask test` and `check`), plus the steps "docs"
//! (`cargo doc` with warnings denied) and "unused deps" (`cargo machete`).
//! docs/commands.md describes each rule; in short:
//!
//! 1. **Layering** ([`LAYERS`]): no file under `src/core/` names `web_sys`,
//!    `wasm_bindgen`, `js_sys` or the modules `web`, `render`, `cli` of the
//!    crate; no file under `src/render/` names `web_sys`, `web` or `cli`.
//!    A file "names" a crate when the identifier occurs in its code, and a
//!    module of the crate when a path in its code (`use` or an expression,
//!    `crate::…`, `super::…`, `self::…`) resolves to it. Comments, doc
//!    comments and string literals are not code.
//! 2. **Long files**: no `.rs` file under `src/` has more than [`MAX_LINES`]
//!    lines (tests beside the code, `foo/tests.rs`, too).
//! 3. **Core imports**: the modules of `src/core/` (one per file: `a/b.rs`
//!    and `a/b/mod.rs` are both `a::b`) and the modules each refers to form
//!    a graph without cycles, and, once `src/core/data/` exists, its
//!    top-level folders follow [`FOLDER_ORDER`]. See [`core_graph`] for how
//!    edges are found.
//! 4. **ARCHITECTURE.md** names every folder under `src/` and only folders
//!    that exist. A folder is named when the file holds an inline code span
//!    that is exactly its path from the repository root with a trailing
//!    slash, e.g. `` `src/core/data/` ``; any code span of that form (`src/`,
//!    then path segments of letters, digits, `_`, `-` or `.`, each followed
//!    by `/`) must name a folder that exists. Spans in fenced code blocks do
//!    not count.

use crate::pipeline::require_wasm_target;
use crate::tools::{self, WASM_TARGET};
use crate::util::{repo_root, run, Result};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

mod rust;
use rust::{lex, references, Tok};

/// The longest a `.rs` file under `src/` may be, in lines.
pub const MAX_LINES: usize = 1200;

/// The top-level folders of `src/core/` in the order data flows through
/// them: a module may import modules of its own folder and of earlier
/// folders, never of later ones (so `data/` imports nothing else of core).
/// Applies once `src/core/data/` exists; from then on a `.rs` file directly
/// in `src/core/` other than `mod.rs`, or a folder not listed here, is an
/// error too.
pub const FOLDER_ORDER: [&str; 7] = ["data", "text", "i18n", "formats", "view", "scene", "a11y"];

/// What the files of one layer must not name.
pub struct Layer {
    /// Folder, from the repository root.
    pub dir: &'static str,
    /// Crates (identifiers anywhere in code).
    pub crates: &'static [&'static str],
    /// Top-level modules of this crate (`crate::X`, or reached with `super`).
    pub modules: &'static [&'static str],
}

/// The layering rules: `core` knows nothing of browsers, drawing or the
/// command line; `render` knows drawing but not the DOM or the command line.
pub const LAYERS: [Layer; 2] = [
    Layer {
        dir: "src/core",
        crates: &["web_sys", "wasm_bindgen", "js_sys"],
        modules: &["web", "render", "cli"],
    },
    Layer {
        dir: "src/render",
        crates: &["web_sys"],
        modules: &["web", "cli"],
    },
];

/// The step "architecture": every text check on the repository, all run
/// (one failure does not hide the next), each reported in one line when it
/// passes.
pub fn architecture() -> Result {
    let failed = run_text_checks(&repo_root());
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("failed: {}", failed.join(", ")))
    }
}

type Check = fn(&Path) -> Result<String>;

/// Runs the text checks on the tree at `root`, printing each one's result;
/// returns the names of those that failed.
pub fn run_text_checks(root: &Path) -> Vec<&'static str> {
    let checks: [(&str, Check); 4] = [
        ("layering", layering),
        ("long files", long_files),
        ("core imports", core_imports),
        ("ARCHITECTURE.md", architecture_md),
    ];
    let mut failed = Vec::new();
    for (name, check) in checks {
        match check(root) {
            Ok(summary) => println!("{name}: {summary}"),
            Err(report) => {
                println!("{name}: FAILED\n{}", report.trim_end());
                failed.push(name);
            }
        }
    }
    failed
}

// ---------------------------------------------------------------------------
// Files

/// A source file: its path from the repository root (with `/`) and text.
struct Source {
    rel: String,
    text: String,
}

fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Every folder below `dir` (not `dir` itself), sorted.
fn folders(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.push(path.clone());
            out.extend(folders(&path));
        }
    }
    out
}

/// Every `.rs` file at or below `dir`, sorted by path.
fn rust_files(root: &Path, dir: &str) -> Result<Vec<Source>> {
    let top = root.join(dir);
    let mut paths = Vec::new();
    let mut dirs = vec![top.clone()];
    dirs.extend(folders(&top));
    for d in dirs {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() && path.extension().is_some_and(|e| e == "rs") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Ok(Source {
                rel: rel_path(root, &path),
                text,
            })
        })
        .collect()
}

/// The module a file under `src/` defines, as the path from the crate root:
/// `src/core/a/b.rs` and `src/core/a/b/mod.rs` are both `["core", "a", "b"]`;
/// `src/lib.rs` is `[]`.
fn module_path(rel: &str) -> Vec<String> {
    let inner = rel.strip_prefix("src/").unwrap_or(rel);
    let inner = inner.strip_suffix(".rs").unwrap_or(inner);
    let mut segs: Vec<String> = inner.split('/').map(str::to_string).collect();
    if matches!(segs.last().map(String::as_str), Some("mod")) {
        segs.pop();
    }
    if segs == ["lib"] {
        segs.clear();
    }
    segs
}

/// Test code by its name: a file `tests.rs`, or any file in a folder
/// `tests/` (`json/tests/mod.rs`, `json/tests/cross.rs`).
fn is_test_file(rel: &str) -> bool {
    let mut parts = rel.rsplit('/');
    parts.next() == Some("tests.rs") || parts.any(|p| p == "tests")
}

// ---------------------------------------------------------------------------
// 1. Layering

fn layering(root: &Path) -> Result<String> {
    let mut problems = String::new();
    let mut files = 0;
    for layer in &LAYERS {
        for src in rust_files(root, layer.dir)? {
            files += 1;
            let tokens = lex(&src.text);
            let mut seen = BTreeSet::new();
            for t in &tokens {
                if let Tok::Ident(name) = &t.tok {
                    if layer.crates.contains(&name.as_str()) && seen.insert((t.line, name.clone()))
                    {
                        let _ = writeln!(
                            problems,
                            "  {}:{}: names `{name}`, which {}/ must not use",
                            src.rel, t.line, layer.dir
                        );
                    }
                }
            }
            for r in references(&tokens, &module_path(&src.rel), false) {
                if let Some(first) = r.resolved.first() {
                    if layer.modules.contains(&first.as_str()) {
                        let _ = writeln!(
                            problems,
                            "  {}:{}: `{}` is crate::{}, which {}/ must not use",
                            src.rel,
                            r.line,
                            r.written,
                            r.resolved.join("::"),
                            layer.dir
                        );
                    }
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(format!(
            "ok ({files} files under {})",
            LAYERS.map(|l| format!("{}/", l.dir)).join(" and ")
        ))
    } else {
        Err(problems)
    }
}

// ---------------------------------------------------------------------------
// 2. Long files

fn long_files(root: &Path) -> Result<String> {
    let files = rust_files(root, "src")?;
    let mut long: Vec<(usize, &str)> = files
        .iter()
        .map(|f| (f.text.lines().count(), f.rel.as_str()))
        .filter(|(n, _)| *n > MAX_LINES)
        .collect();
    if long.is_empty() {
        let longest = files.iter().map(|f| f.text.lines().count()).max();
        return Ok(format!(
            "ok ({} .rs files under src/, the longest {} lines; limit {MAX_LINES})",
            files.len(),
            longest.unwrap_or(0)
        ));
    }
    long.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let mut out = format!(
        "  {} .rs files under src/ are over {MAX_LINES} lines:\n",
        long.len()
    );
    for (n, rel) in long {
        let _ = writeln!(out, "  {rel}: {n} lines");
    }
    Err(out)
}

// ---------------------------------------------------------------------------
// 3. Core imports

/// One module referring to another: where, and the path as written.
#[derive(Debug, Clone)]
struct Edge {
    file: String,
    line: usize,
    written: String,
}

/// The import graph of `src/core/`.
struct Graph {
    /// Module paths below `core` (`[]` is core itself, `["data", "model"]`
    /// is `core::data::model`), each with its file.
    modules: BTreeMap<Vec<String>, String>,
    /// For each module, the modules it names, each with the first place
    /// where it does.
    edges: BTreeMap<Vec<String>, BTreeMap<Vec<String>, Edge>>,
}

impl Graph {
    fn edge_count(&self) -> usize {
        self.edges.values().map(BTreeMap::len).sum()
    }
}

/// `data::model`, or `core` for the root of core.
fn module_name(m: &[String]) -> String {
    if m.is_empty() {
        "core".to_string()
    } else {
        m.join("::")
    }
}

/// Builds the graph of `src/core/`:
///
/// - nodes: one module per `.rs` file, except test files ([`is_test_file`]);
/// - edges: every path in a file's code that starts with `crate::core::`,
///   `super::` or `self::` (in `use` or an expression; `use` groups are
///   split) and resolves into core, resolved to the longest prefix that is
///   a module: `super::model::Dataset` and `super::model::{Event, Era}` are
///   edges to `model`, and a name a folder's `mod.rs` re-exports
///   (`crate::core::data::Dataset`) is an edge to the folder's module
///   (`data`), not to the child that defines it. Paths that start with a
///   plain name (`model::Dataset` after `use super::model;`, a child module
///   `builtin::…`) are not followed: the `use` that brought the name in is
///   already an edge;
/// - left out: items marked `#[cfg(test)]` and the rest of a block marked
///   `#![cfg(test)]`, comments and string literals; an edge from a module to
///   itself; and an edge from a module to one of its own descendants (a
///   `mod.rs`, or `a.rs` beside `a/`, handing on or using its children's
///   names: the children are part of it), while the child's edges to its
///   parent count.
fn core_graph(root: &Path) -> Result<Graph> {
    let files = rust_files(root, "src/core")?;
    let mut modules = BTreeMap::new();
    let mut parsed = Vec::new();
    for src in files {
        if is_test_file(&src.rel) {
            continue;
        }
        let module = module_path(&src.rel);
        modules.insert(module[1..].to_vec(), src.rel.clone());
        parsed.push((module, src));
    }
    let mut edges: BTreeMap<Vec<String>, BTreeMap<Vec<String>, Edge>> = BTreeMap::new();
    for (module, src) in &parsed {
        let from = module[1..].to_vec();
        let targets = edges.entry(from.clone()).or_default();
        for r in references(&lex(&src.text), module, true) {
            if r.resolved.first().map(String::as_str) != Some("core") {
                continue;
            }
            let path = &r.resolved[1..];
            let to = (0..=path.len())
                .rev()
                .map(|n| &path[..n])
                .find(|p| modules.contains_key(*p))
                .unwrap_or(&[])
                .to_vec();
            if to.starts_with(&from) {
                continue; // itself or one of its descendants
            }
            targets.entry(to).or_insert(Edge {
                file: src.rel.clone(),
                line: r.line,
                written: r.written,
            });
        }
    }
    Ok(Graph { modules, edges })
}

/// Strongly connected components with more than one module (Tarjan),
/// each sorted, in order of their first module.
fn cycles(g: &Graph) -> Vec<Vec<Vec<String>>> {
    struct State<'a> {
        g: &'a Graph,
        index: BTreeMap<&'a [String], usize>,
        low: BTreeMap<&'a [String], usize>,
        stack: Vec<&'a [String]>,
        on_stack: BTreeSet<&'a [String]>,
        out: Vec<Vec<Vec<String>>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a [String]) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        let g = s.g;
        for w in g.edges.get(v).into_iter().flat_map(BTreeMap::keys) {
            let w = w.as_slice();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                comp.push(w.to_vec());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = State {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in g.modules.keys() {
        if !s.index.contains_key(v.as_slice()) {
            visit(&mut s, v);
        }
    }
    s.out.sort();
    s.out
}

/// A shortest cycle through `start` inside `comp` (breadth-first), as the
/// list of modules from `start` back to just before `start`.
fn shortest_cycle(g: &Graph, comp: &[Vec<String>], start: &[String]) -> Option<Vec<Vec<String>>> {
    let inside: BTreeSet<&[String]> = comp.iter().map(Vec::as_slice).collect();
    let mut prev: BTreeMap<&[String], &[String]> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for w in g.edges.get(v).into_iter().flat_map(BTreeMap::keys) {
            let w = w.as_slice();
            if !inside.contains(w) {
                continue;
            }
            if w == start {
                let mut path = vec![v.to_vec()];
                let mut at = v;
                while at != start {
                    at = prev[at];
                    path.push(at.to_vec());
                }
                path.reverse();
                return Some(path);
            }
            if !prev.contains_key(w) && w != start {
                prev.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    None
}

/// The cycles to print for a component: a shortest one through each of its
/// modules, without repeats (a rotation of a printed cycle is a repeat).
fn component_cycles(g: &Graph, comp: &[Vec<String>]) -> Vec<Vec<Vec<String>>> {
    let mut out: Vec<Vec<Vec<String>>> = Vec::new();
    for m in comp {
        let Some(cycle) = shortest_cycle(g, comp, m) else {
            continue;
        };
        let smallest = (0..cycle.len())
            .min_by_key(|&i| &cycle[i])
            .expect("a cycle has modules");
        let mut canon = cycle[smallest..].to_vec();
        canon.extend_from_slice(&cycle[..smallest]);
        if !out.contains(&canon) {
            out.push(canon);
        }
    }
    out
}

fn core_imports(root: &Path) -> Result<String> {
    let g = core_graph(root)?;
    let mut problems = String::new();
    for comp in cycles(&g) {
        let names: Vec<String> = comp.iter().map(|m| module_name(m)).collect();
        let _ = writeln!(
            problems,
            "  import cycle among {} modules of core: {}",
            comp.len(),
            names.join(", ")
        );
        for cycle in component_cycles(&g, &comp) {
            let mut ring = cycle.clone();
            ring.push(cycle[0].clone());
            let shown: Vec<String> = ring.iter().map(|m| module_name(m)).collect();
            let _ = writeln!(problems, "    {}", shown.join(" → "));
            for pair in ring.windows(2) {
                let e = &g.edges[&pair[0]][&pair[1]];
                let _ = writeln!(
                    problems,
                    "      {} → {}: {}:{} `{}`",
                    module_name(&pair[0]),
                    module_name(&pair[1]),
                    e.file,
                    e.line,
                    e.written
                );
            }
        }
    }
    let ordered = root.join("src/core").join(FOLDER_ORDER[0]).is_dir();
    if ordered {
        problems.push_str(&folder_order(root, &g));
    }
    let count = format!(
        "{} modules, {} import edges",
        g.modules.len(),
        g.edge_count()
    );
    if problems.is_empty() {
        let order = if ordered {
            format!(", folders in order ({})", FOLDER_ORDER.join(" → "))
        } else {
            format!(
                "; folder order not checked (no src/core/{}/ yet)",
                FOLDER_ORDER[0]
            )
        };
        Ok(format!("{count}, no cycles{order}"))
    } else {
        Err(format!("  {count}\n{problems}"))
    }
}

/// The folder rules of [`FOLDER_ORDER`], given that `src/core/data/` exists.
fn folder_order(root: &Path, g: &Graph) -> String {
    let mut problems = String::new();
    let core = root.join("src/core");
    let mut loose: Vec<String> = std::fs::read_dir(&core)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "rs"))
        .map(|p| rel_path(root, &p))
        .filter(|rel| rel != "src/core/mod.rs")
        .collect();
    loose.sort();
    for rel in loose {
        let _ = writeln!(
            problems,
            "  {rel}: a file directly in src/core/; it belongs in one of its folders ({})",
            FOLDER_ORDER.join(", ")
        );
    }
    for dir in folders(&core) {
        if dir.parent() == Some(core.as_path()) {
            let name = dir.file_name().unwrap_or_default().to_string_lossy();
            if !FOLDER_ORDER.contains(&name.as_ref()) {
                let _ = writeln!(
                    problems,
                    "  src/core/{name}/: not a folder of FOLDER_ORDER ({}) in xtask/src/lint.rs",
                    FOLDER_ORDER.join(", ")
                );
            }
        }
    }
    let rank = |m: &[String]| {
        m.first()
            .and_then(|f| FOLDER_ORDER.iter().position(|o| o == f))
    };
    for (from, targets) in &g.edges {
        let Some(rf) = rank(from) else { continue };
        for (to, e) in targets {
            let what = match rank(to) {
                Some(rt) if rt <= rf => continue,
                Some(_) => format!(
                    "{}/ comes after {}/ in the data flow ({})",
                    to[0],
                    from[0],
                    FOLDER_ORDER.join(" → ")
                ),
                None => "that is core's own module, whose re-exports hide which folder is used: \
                         name the module in its folder"
                    .to_string(),
            };
            let _ = writeln!(
                problems,
                "  {}:{}: {} imports {} (`{}`): {what}",
                e.file,
                e.line,
                module_name(from),
                module_name(to),
                e.written
            );
        }
    }
    problems
}

// ---------------------------------------------------------------------------
// 4. ARCHITECTURE.md

/// Inline code spans of a Markdown text, each with its line; fenced code
/// blocks are skipped. A span opens with a run of backticks and closes with
/// the next run of the same length on the same line.
fn code_spans(md: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut fence: Option<String> = None;
    for (n, line) in md.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if indent < 4 {
            let marker: String = trimmed
                .chars()
                .take_while(|&c| c == '`' || c == '~')
                .collect();
            let is_fence =
                marker.len() >= 3 && marker.chars().all(|c| c == marker.chars().next().unwrap());
            if let Some(open) = &fence {
                if is_fence && marker.starts_with(open.as_str()) {
                    fence = None;
                }
                continue;
            }
            if is_fence {
                fence = Some(marker);
                continue;
            }
        } else if fence.is_some() {
            continue;
        }
        let b = line.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] != b'`' {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && b[i] == b'`' {
                i += 1;
            }
            let run = i - start;
            let body = i;
            let mut j = i;
            let mut close = None;
            while j < b.len() {
                if b[j] == b'`' {
                    let s = j;
                    while j < b.len() && b[j] == b'`' {
                        j += 1;
                    }
                    if j - s == run {
                        close = Some(s);
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            if let Some(c) = close {
                out.push((line[body..c].trim().to_string(), n + 1));
                i = c + run;
            }
        }
    }
    out
}

/// True for a code span that names a folder: `src/`, then segments of
/// letters, digits, `_`, `-`, `.`, each followed by `/`.
fn is_folder_span(span: &str) -> bool {
    let Some(rest) = span.strip_prefix("src/") else {
        return false;
    };
    if rest.is_empty() {
        return true;
    }
    let Some(inner) = rest.strip_suffix('/') else {
        return false;
    };
    inner.split('/').all(|seg| {
        !seg.is_empty()
            && seg != "."
            && seg != ".."
            && seg
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
    })
}

fn architecture_md(root: &Path) -> Result<String> {
    let path = root.join("ARCHITECTURE.md");
    let md = std::fs::read_to_string(&path)
        .map_err(|e| format!("  cannot read {}: {e}", path.display()))?;
    let named: Vec<(String, usize)> = code_spans(&md)
        .into_iter()
        .filter(|(s, _)| is_folder_span(s))
        .collect();
    let mut problems = String::new();
    let mut reported = BTreeSet::new();
    for (span, line) in &named {
        if !root.join(span).is_dir() && reported.insert(span) {
            let _ = writeln!(
                problems,
                "  ARCHITECTURE.md:{line}: names `{span}`, which is not a folder"
            );
        }
    }
    let names: BTreeSet<&str> = named.iter().map(|(s, _)| s.as_str()).collect();
    let all = folders(&root.join("src"));
    for dir in &all {
        let span = format!("{}/", rel_path(root, dir));
        if !names.contains(span.as_str()) {
            let _ = writeln!(
                problems,
                "  {span} is not named in ARCHITECTURE.md (as the code span `{span}`)"
            );
        }
    }
    if problems.is_empty() {
        Ok(format!(
            "ok (names all {} folders under src/, and only folders that exist)",
            all.len()
        ))
    } else {
        Err(problems)
    }
}

// ---------------------------------------------------------------------------
// The steps "docs" and "unused deps"

/// `RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p PACKAGE ARGS…` in
/// `root`.
fn cargo_doc(root: &Path, package: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.args(["doc", "--no-deps", "-p", package])
        .args(args)
        .env("RUSTDOCFLAGS", "-D warnings")
        .current_dir(root);
    cmd
}

/// `cargo doc --no-deps` with warnings denied, natively (the library and
/// the command-line tool's binary) and for wasm32 (the library, so that
/// `src/web/` is documented too). Both run even if the first fails, so one
/// run lists every warning.
pub fn docs() -> Result {
    let root = repo_root();
    // Naming `--bins` is what makes cargo document the binary, which has the
    // library's name (plain `cargo doc` skips it): cargo then warns that
    // both write target/doc/chronoscope/ (cargo issue 6313), harmless here.
    let native = run(&mut cargo_doc(&root, "chronoscope", &["--lib", "--bins"]));
    let wasm = require_wasm_target().and_then(|()| {
        run(&mut cargo_doc(
            &root,
            "chronoscope",
            &["--lib", "--target", WASM_TARGET],
        ))
    });
    match (native, wasm) {
        (Ok(()), Ok(())) => Ok(()),
        (Err(e), Ok(())) | (Ok(()), Err(e)) => Err(e),
        (Err(a), Err(b)) => Err(format!("{a}; {b}")),
    }
}

/// `cargo machete --with-metadata .` in `root`. cargo-machete takes itself
/// for `cargo run` (and the word `machete` for a path to check) when
/// `CARGO_PKG_NAME` is set, as it is for xtask under `cargo xtask`.
fn machete(root: &Path) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.args(["machete", "--with-metadata", "."])
        .env_remove("CARGO_PKG_NAME")
        .current_dir(root);
    cmd
}

/// `cargo machete --with-metadata .`: dependencies declared in a
/// `Cargo.toml` of the repository (the main crate, xtask, and fuzz/) that
/// no source file of that crate names. `--with-metadata` makes it read the
/// dependencies cargo resolved, which include the target-specific tables
/// (`[target.'cfg(…)'.dependencies]`, where the wasm32 and command-line
/// dependencies are); without it, machete reads only the top-level
/// `[dependencies]`. It walks the folders git does not ignore (not
/// `target/` or `node_modules/`).
pub fn unused_deps() -> Result {
    tools::require_cargo_machete()?;
    run(&mut machete(&repo_root()))
}

#[cfg(test)]
mod tests;
