//! `cargo xtask size [--no-build]` (issue 15): what each function and crate
//! costs in the shipped WebAssembly, and what the shipped files weigh.
//!
//! The shipped module has no names (wasm-opt's `--strip-debug` drops the
//! name section), so the analysis runs on a twin of it that keeps them:
//! wasm-bindgen on the same rustc output
//! (`target/wasm32-unknown-unknown/release/chronoscope.wasm`), wasm-opt with
//! the build's arguments but `-g` in place of `--strip-debug`
//! ([`build::wasm_opt_args`]), and the build's import renaming. Without its
//! name section that module is byte for byte the shipped one, which the
//! command checks and says. twiggy (pinned in `tools.rs`, installed when
//! missing) lists its items (`top`) and their dominator tree
//! (`dominators`); this module groups the items by crate and by module
//! path. The report is printed and kept in `target/size/report.txt`, next to
//! the analysed module and twiggy's full CSV output.

use crate::budget;
use crate::build::{self, OUT_NAME};
use crate::tools::{self, WASM_TARGET};
use crate::util::{fmt_bytes, fmt_duration, grouped, repo_root, run, target_dir, Result};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Rows of the item table (twiggy top).
const TOP_ITEMS: usize = 40;
/// Rows of the retained-size table (twiggy dominators).
const TOP_RETAINERS: usize = 30;
/// Rows of the module table.
const TOP_MODULES: usize = 45;
/// Data segments listed with a glimpse of their text.
const TOP_SEGMENTS: usize = 8;

fn out_dir() -> PathBuf {
    target_dir().join("size")
}

/// `cargo xtask size`.
pub fn size(no_build: bool) -> Result {
    let started = Instant::now();
    let root = repo_root();
    if !no_build {
        tools::ensure_build_tools()?;
    }
    tools::ensure_twiggy()?;
    tools::require_node()?;
    if !no_build {
        build::build(true)?;
    }
    let dist = build::dist_dir();
    let shipped_wasm = dist.join(format!("{OUT_NAME}_bg.wasm"));
    if !shipped_wasm.is_file() {
        return Err(format!(
            "{} is missing: run `cargo xtask size` without --no-build (or `cargo xtask build`)",
            shipped_wasm.display()
        ));
    }
    let dir = out_dir();
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;

    let mut out = String::new();
    shipped_section(&mut out, &dist)?;
    let _ = writeln!(out, "\n== size budget ({}) ==\n", budget::BUDGET_FILE);
    match budget::report(&dist) {
        Ok((table, failures)) => {
            out.push_str(&table);
            for f in failures {
                let _ = writeln!(out, "  OVER BUDGET: {f}");
            }
        }
        Err(e) => {
            let _ = writeln!(out, "  cannot check the budget: {e}");
        }
    }

    let analysed = names_module(&root, &shipped_wasm)?;
    let top_csv = dir.join("top.csv");
    let dom_csv = dir.join("dominators.csv");
    for (what, file) in [("top", &top_csv), ("dominators", &dom_csv)] {
        run(Command::new("twiggy")
            .args([what, "--format", "csv", "-o"])
            .arg(file)
            .arg(&analysed.path))?;
    }
    let read =
        |p: &Path| fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()));
    let items = parse_top(&read(&top_csv)?)?;
    let doms = parse_dominators(&read(&dom_csv)?)?;
    let wasm = fs::read(&analysed.path)
        .map_err(|e| format!("cannot read {}: {e}", analysed.path.display()))?;

    analysed_section(&mut out, &analysed, &root);
    let rollup = Rollup::new(&items);
    rollup_sections(&mut out, &rollup, analysed.shipped_equivalent);
    top_section(&mut out, &items, analysed.shipped_equivalent);
    dominators_section(&mut out, &doms, &items, analysed.shipped_equivalent);
    data_section(&mut out, &wasm, &items, analysed.shipped_equivalent);

    print!("{out}");
    let report = dir.join("report.txt");
    fs::write(&report, &out).map_err(|e| format!("cannot write {}: {e}", report.display()))?;
    println!(
        "\nreport: {} (twiggy's full output: {}, {}); size took {}",
        rel(&root, &report),
        rel(&root, &top_csv),
        rel(&root, &dom_csv),
        fmt_duration(started.elapsed())
    );
    Ok(())
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}

/// Raw, gzip -9 and brotli (quality 11, as the phone benchmark's server)
/// sizes of the files a page downloads.
fn shipped_section(out: &mut String, dist: &Path) -> Result {
    let files = build::shipped_files(dist);
    let paths: Vec<PathBuf> = files.iter().map(|f| dist.join(f)).collect();
    let brotli = brotli_lens(&paths)?;
    let width = files
        .iter()
        .map(|f| f.display().to_string().len())
        .chain([5])
        .max()
        .unwrap_or(5);
    let _ = writeln!(out, "\n== shipped files (release dist/) ==\n");
    let _ = writeln!(
        out,
        "  {:<width$}  {:>22}  {:>22}  {:>22}",
        "file", "raw", "gzip -9", "brotli 11"
    );
    let mut total = (0, 0, 0);
    for ((f, p), br) in files.iter().zip(&paths).zip(brotli) {
        let data = fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        let (raw, gz) = (data.len() as u64, build::gzip_len(&data));
        total = (total.0 + raw, total.1 + gz, total.2 + br);
        let _ = writeln!(
            out,
            "  {:<width$}  {:>22}  {:>22}  {:>22}",
            f.display().to_string(),
            fmt_bytes(raw),
            fmt_bytes(gz),
            fmt_bytes(br)
        );
    }
    let _ = writeln!(
        out,
        "  {:<width$}  {:>22}  {:>22}  {:>22}",
        "total",
        fmt_bytes(total.0),
        fmt_bytes(total.1),
        fmt_bytes(total.2)
    );
    let _ = writeln!(
        out,
        "  (gzip: flate2 at level 9, as `cargo xtask build` prints; brotli: Node.js zlib at quality 11)"
    );
    Ok(())
}

/// Brotli sizes at quality 11 through Node.js's zlib, with the phone
/// benchmark's settings (text mode for everything but wasm).
fn brotli_lens(files: &[PathBuf]) -> Result<Vec<u64>> {
    const SCRIPT: &str = "const fs = require('fs'); const z = require('zlib'); \
        for (const f of process.argv.slice(1)) { const d = fs.readFileSync(f); \
        const p = { [z.constants.BROTLI_PARAM_QUALITY]: 11, [z.constants.BROTLI_PARAM_SIZE_HINT]: d.length }; \
        if (!f.endsWith('.wasm')) p[z.constants.BROTLI_PARAM_MODE] = z.constants.BROTLI_MODE_TEXT; \
        console.log(z.brotliCompressSync(d, { params: p }).length); }";
    let out = Command::new("node")
        .args(["-e", SCRIPT])
        .args(files)
        .output()
        .map_err(|e| format!("cannot run node for the brotli sizes: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "node could not compute the brotli sizes: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let sizes: Vec<u64> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect();
    if sizes.len() != files.len() {
        return Err("node printed the wrong number of brotli sizes".into());
    }
    Ok(sizes)
}

/// The module twiggy reads, and how it relates to the shipped one.
struct Analysed {
    path: PathBuf,
    bytes: u64,
    /// Bytes of its custom sections (the name section).
    custom: u64,
    /// `bytes - custom`: what the shipped module weighs if they are the same.
    shipped_equivalent: u64,
    shipped_path: PathBuf,
    shipped_bytes: u64,
    /// Without its custom sections, byte for byte the shipped module.
    identical: bool,
    rustc_output: PathBuf,
}

/// Makes the shipped module's twin with names (see the module doc).
fn names_module(root: &Path, shipped: &Path) -> Result<Analysed> {
    build::check_wasm_bindgen()?;
    let rustc_output = target_dir()
        .join(WASM_TARGET)
        .join("release")
        .join("chronoscope.wasm");
    if !rustc_output.is_file() {
        return Err(format!(
            "{} is missing: run `cargo xtask size` without --no-build",
            rustc_output.display()
        ));
    }
    let dir = out_dir();
    let bindgen = dir.join("bindgen");
    let _ = fs::remove_dir_all(&bindgen);
    run(Command::new("wasm-bindgen")
        .arg(&rustc_output)
        .args(["--target", "web", "--out-dir"])
        .arg(&bindgen)
        .args(["--out-name", OUT_NAME, "--no-typescript"]))?;
    let bg = bindgen.join(format!("{OUT_NAME}_bg.wasm"));
    let optimised = dir.join("optimised.wasm");
    run(Command::new(build::wasm_opt_path(root)?)
        .arg(&bg)
        .args(build::wasm_opt_args(true))
        .arg("-o")
        .arg(&optimised))?;
    let wasm =
        fs::read(&optimised).map_err(|e| format!("cannot read {}: {e}", optimised.display()))?;
    let (renamed, _) = build::rename_imports(&wasm)?;
    let path = dir.join(format!("{OUT_NAME}_bg.names.wasm"));
    fs::write(&path, &renamed).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let _ = fs::remove_file(&optimised);
    let _ = fs::remove_dir_all(&bindgen);
    let (stripped, custom) = strip_custom_sections(&renamed)?;
    let shipped_data =
        fs::read(shipped).map_err(|e| format!("cannot read {}: {e}", shipped.display()))?;
    Ok(Analysed {
        path,
        bytes: renamed.len() as u64,
        custom,
        shipped_equivalent: stripped.len() as u64,
        shipped_path: shipped.to_path_buf(),
        shipped_bytes: shipped_data.len() as u64,
        identical: stripped == shipped_data,
        rustc_output,
    })
}

/// A module's sections: (id, custom section name, whole section byte range).
fn sections(wasm: &[u8]) -> Result<Vec<(u8, String, std::ops::Range<usize>)>> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a WebAssembly module".into());
    }
    let mut out = Vec::new();
    let mut pos = 8;
    while pos < wasm.len() {
        let start = pos;
        let id = wasm[pos];
        pos += 1;
        let size = build::read_leb(wasm, &mut pos)? as usize;
        let end = pos + size;
        if end > wasm.len() {
            return Err("wasm: truncated section".into());
        }
        let name = if id == 0 {
            let mut p = pos;
            build::read_name(wasm, &mut p)?
        } else {
            String::new()
        };
        out.push((id, name, start..end));
        pos = end;
    }
    Ok(out)
}

/// The module without its custom sections, and how many bytes they took.
fn strip_custom_sections(wasm: &[u8]) -> Result<(Vec<u8>, u64)> {
    let sections = sections(wasm)?;
    let mut out = wasm[..8].to_vec();
    let mut custom = 0;
    for (id, _, range) in sections {
        if id == 0 {
            custom += range.len() as u64;
        } else {
            out.extend_from_slice(&wasm[range]);
        }
    }
    Ok((out, custom))
}

fn analysed_section(out: &mut String, a: &Analysed, root: &Path) {
    let _ = writeln!(out, "\n== the analysed module ==\n");
    let _ = writeln!(out, "  {}: {}", rel(root, &a.path), fmt_bytes(a.bytes));
    let _ = writeln!(
        out,
        "  = wasm-bindgen of {},\n    \
         then wasm-opt with the build's arguments but -g (keep names) for --strip-debug,\n    \
         then the build's import renaming.",
        rel(root, &a.rustc_output)
    );
    if a.identical {
        let _ = writeln!(
            out,
            "  Without its name section ({}) it is byte for byte the shipped\n  \
             {} ({}): every figure below is a part of the\n  \
             shipped module, and shares are of its {} bytes.",
            fmt_bytes(a.custom),
            rel(root, &a.shipped_path),
            fmt_bytes(a.shipped_bytes),
            grouped(a.shipped_equivalent)
        );
    } else {
        let _ = writeln!(
            out,
            "  WARNING: without its name section ({}) it is {},\n  \
             but the shipped {} is {} and differs: dist/ was not\n  \
             built from this rustc output (rebuilt since?). Run without --no-build for figures of the\n  \
             shipped module; shares are of the analysed module's {} bytes.",
            fmt_bytes(a.custom),
            fmt_bytes(a.shipped_equivalent),
            rel(root, &a.shipped_path),
            fmt_bytes(a.shipped_bytes),
            grouped(a.shipped_equivalent)
        );
    }
}

// ----- twiggy's CSV ---------------------------------------------------------

/// Rows of a CSV text (RFC 4180: quoted fields, doubled quotes).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            }
            '"' if field.is_empty() => quoted = true,
            ',' if !quoted => row.push(std::mem::take(&mut field)),
            '\n' if !quoted => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            '\r' if !quoted => {}
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// One item of `twiggy top`.
#[derive(Clone, Debug, PartialEq)]
struct Item {
    name: String,
    shallow: u64,
}

fn column(head: &[String], name: &str) -> Result<usize> {
    head.iter()
        .position(|h| h == name)
        .ok_or_else(|| format!("twiggy's CSV has no column {name} (a different twiggy version?)"))
}

fn parse_top(text: &str) -> Result<Vec<Item>> {
    let rows = csv_rows(text);
    let head = rows.first().ok_or("twiggy top printed nothing")?;
    let (n, s) = (column(head, "Name")?, column(head, "ShallowSize")?);
    let mut items = Vec::new();
    for r in &rows[1..] {
        let (Some(name), Some(size)) = (r.get(n), r.get(s)) else {
            continue;
        };
        // twiggy ends its table with a summary row for the items left out.
        if name.starts_with("... and ") || name.starts_with("Σ") {
            continue;
        }
        let shallow = size
            .parse()
            .map_err(|_| format!("twiggy top: cannot read the size `{size}` of {name}"))?;
        items.push(Item {
            name: name.clone(),
            shallow,
        });
    }
    Ok(items)
}

/// One node of `twiggy dominators`.
#[derive(Clone, Debug, PartialEq)]
struct Dom {
    id: u64,
    name: String,
    shallow: u64,
    retained: u64,
    parent: u64,
}

fn parse_dominators(text: &str) -> Result<Vec<Dom>> {
    let rows = csv_rows(text);
    let head = rows.first().ok_or("twiggy dominators printed nothing")?;
    let cols = [
        column(head, "Id")?,
        column(head, "Name")?,
        column(head, "ShallowSize")?,
        column(head, "RetainedSize")?,
        column(head, "ImmediateDominator")?,
    ];
    let mut out = Vec::new();
    for r in &rows[1..] {
        // Rows without an id: twiggy's summary of the unreachable items.
        if r.len() < head.len() || r[cols[0]].is_empty() {
            continue;
        }
        let num = |i: usize| -> Result<u64> {
            r[cols[i]]
                .parse()
                .map_err(|_| format!("twiggy dominators: cannot read `{}`", r[cols[i]]))
        };
        out.push(Dom {
            id: num(0)?,
            name: r[cols[1]].clone(),
            shallow: num(2)?,
            retained: num(3)?,
            parent: num(4)?,
        });
    }
    Ok(out)
}

// ----- names ----------------------------------------------------------------

/// What an item of the module is.
#[derive(Clone, Debug, PartialEq)]
enum Kind {
    /// Part of the name section: in the analysed module only.
    Names,
    /// A data segment (constants: strings, tables).
    Data,
    /// Types, imports, exports, the table, globals, section headers.
    Structure,
    /// A function; its crate and module.
    Code { krate: String, module: String },
}

/// Group labels of the non-code kinds.
const DATA: &str = "data segments";
const STRUCTURE: &str = "wasm structure";
const EXPORTS: &str = "chronoscope::web (exported methods: wasm-bindgen shims)";
const BUILTINS: &str = "compiler_builtins";

/// Twiggy's item name without rustc's crate disambiguators
/// (`core[c5930c85a12de822]::fmt` → `core::fmt`) and the symbol hash
/// (`…::load::h5e0d2c0e586cd2a9` → `…::load`).
fn clean(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let b = name.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'[' && i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
            let hex = b[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_hexdigit())
                .count();
            if hex >= 8 && b.get(i + 1 + hex) == Some(&b']') {
                i += hex + 2;
                continue;
            }
        }
        let c = name[i..].chars().next().expect("in bounds");
        out.push(c);
        i += c.len_utf8();
    }
    if let Some(at) = out.rfind("::h") {
        let hash = &out[at + 3..];
        if hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()) {
            out.truncate(at);
        }
    }
    out
}

/// Splits a path at its top-level `::` (not inside `<…>`, `(…)` or `[…]`).
fn segments(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'<' | b'(' | b'[' => depth += 1,
            b'>' if i > 0 && b[i - 1] == b'-' => {} // `->` in a fn type
            b'>' | b')' | b']' => depth -= 1,
            b':' if depth == 0 && b.get(i + 1) == Some(&b':') => {
                out.push(&path[start..i]);
                i += 2;
                start = i;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(&path[start..]);
    out
}

/// The index of the `>` that closes the `<` at `open`.
fn closing(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    let mut prev = ' ';
    for (i, c) in s[open..].char_indices() {
        let arrow = prev == '-';
        prev = c;
        match c {
            '<' => depth += 1,
            '>' if arrow => {}
            '>' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

fn is_std(krate: &str) -> bool {
    matches!(krate, "core" | "alloc" | "std")
}

/// The path of a type as written in a symbol (`&mut alloc::vec::Vec<T>` →
/// `alloc::vec::Vec<T>`); `None` for primitives, slices, tuples.
fn type_path(ty: &str) -> Option<&str> {
    let mut t = ty.trim();
    loop {
        let before = t;
        for p in ["&", "mut ", "*const ", "*mut ", "dyn ", "impl "] {
            t = t.strip_prefix(p).unwrap_or(t).trim_start();
        }
        if t == before {
            break;
        }
    }
    if t.starts_with(['[', '(']) {
        return None;
    }
    let head = &t[..t.find('<').unwrap_or(t.len())];
    head.contains("::").then_some(t)
}

/// The path a function belongs to: its own path, or for a method of
/// `<Type as Trait>` the type's (the trait's when the type is a primitive
/// or from the standard library and the trait is not); drop glue
/// (`core::ptr::drop_in_place<T>`) goes with the first type in `T` that is
/// not from the standard library.
fn owner(sym: &str) -> String {
    if let Some(rest) = sym.strip_prefix("core::ptr::drop_in_place<") {
        let mut words = rest.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'));
        if let Some(path) = words.find(|w| {
            let s = segments(w);
            s.len() > 1 && !s[0].is_empty() && !is_std(s[0])
        }) {
            return path.to_string();
        }
        return "core::ptr::drop_in_place".into();
    }
    if sym.starts_with('<') {
        if let Some(close) = closing(sym, 0) {
            let inner = &sym[1..close];
            let (ty, tr) = split_as(inner);
            let ty = type_path(ty);
            let tr = tr.and_then(type_path);
            let std_ty = ty.is_none_or(|t| is_std(segments(t)[0]));
            return match (ty, tr) {
                (_, Some(tr)) if std_ty && !is_std(segments(tr)[0]) => tr.to_string(),
                (Some(ty), _) => ty.to_string(),
                (None, Some(tr)) => tr.to_string(),
                (None, None) => "core".into(),
            };
        }
    }
    sym.to_string()
}

/// `A as B` at the top level of `inner` → (A, Some(B)).
fn split_as(inner: &str) -> (&str, Option<&str>) {
    let mut depth = 0i32;
    let b = inner.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'<' | b'(' | b'[' => depth += 1,
            b'>' if i > 0 && b[i - 1] == b'-' => {}
            b'>' | b')' | b']' => depth -= 1,
            b' ' if depth == 0 && inner[i..].starts_with(" as ") => {
                return (&inner[..i], Some(&inner[i + 4..]));
            }
            _ => {}
        }
    }
    (inner, None)
}

/// The crate and the module (ours to three levels, `chronoscope::core::formats`;
/// the standard library's to two, `core::fmt`; other crates by name) of a
/// function's owner path.
fn crate_and_module(owner: &str) -> (String, String) {
    let segs = segments(owner);
    let krate = segs[0]
        .split('<')
        .next()
        .unwrap_or(segs[0])
        .trim()
        .to_string();
    let depth = match krate.as_str() {
        "chronoscope" => 3,
        k if is_std(k) => 2,
        _ => 1,
    };
    // The last segment is the function (or the type) itself.
    let mut module = vec![krate.as_str()];
    for s in segs.iter().take(segs.len().saturating_sub(1)).skip(1) {
        let s = s.trim();
        let module_like = s.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !module_like || module.len() >= depth {
            break;
        }
        module.push(s);
    }
    (krate.clone(), module.join("::"))
}

/// What an item is, by its name (`exports`: the module's export names).
fn classify(name: &str, exports: &[String]) -> Kind {
    let code = |krate: &str, module: &str| Kind::Code {
        krate: krate.into(),
        module: module.into(),
    };
    if (name.starts_with('"') && name.ends_with(" subsection"))
        || (name.starts_with("custom section ") && name.ends_with(" headers"))
    {
        return Kind::Names;
    }
    if name.starts_with("data segment") {
        return Kind::Data;
    }
    let structure = [
        "import ", "export ", "type[", "table[", "elem[", "global[", "memory[",
    ];
    if structure.iter().any(|p| name.starts_with(p))
        || name.ends_with(" headers")
        || name == "start"
        || name.starts_with("wasm magic")
    {
        return Kind::Structure;
    }
    if name.starts_with("code[") {
        return code("(unnamed functions)", "(unnamed functions)");
    }
    let first = name.split(' ').next().unwrap_or(name);
    let bindgen = [
        "__wbindgen",
        "__wbg_",
        "__externref",
        "__instance_",
        "__abort_handler",
    ];
    if exports.iter().any(|e| e == first) && !name.contains("::") {
        return if bindgen.iter().any(|p| first.starts_with(p)) {
            code("wasm_bindgen", "wasm_bindgen")
        } else {
            code("chronoscope", EXPORTS)
        };
    }
    if name.contains("::") {
        let (krate, module) = crate_and_module(&owner(&clean(name)));
        return code(&krate, &module);
    }
    if bindgen.iter().any(|p| name.starts_with(p)) || name.ends_with(" shim") {
        return code("wasm_bindgen", "wasm_bindgen");
    }
    // memcmp, fmin, round, __multi3, …: compiler-rt and libm.
    code(BUILTINS, BUILTINS)
}

/// The export names (`export "widget_new"` → `widget_new`).
fn export_names(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| i.name.strip_prefix("export \""))
        .map(|n| n.trim_end_matches('"').to_string())
        .collect()
}

/// Bytes and items per crate and per module.
struct Rollup {
    crates: Vec<(String, u64, usize)>,
    modules: Vec<(String, u64, usize)>,
    names: u64,
}

impl Rollup {
    fn new(items: &[Item]) -> Rollup {
        let exports = export_names(items);
        let mut crates: HashMap<String, (u64, usize)> = HashMap::new();
        let mut modules: HashMap<String, (u64, usize)> = HashMap::new();
        let mut names = 0;
        for item in items {
            let (krate, module) = match classify(&item.name, &exports) {
                Kind::Names => {
                    names += item.shallow;
                    continue;
                }
                Kind::Data => (DATA.to_string(), DATA.to_string()),
                Kind::Structure => (STRUCTURE.to_string(), STRUCTURE.to_string()),
                Kind::Code { krate, module } => (krate, module),
            };
            for (map, key) in [(&mut crates, krate), (&mut modules, module)] {
                let e = map.entry(key).or_default();
                e.0 += item.shallow;
                e.1 += 1;
            }
        }
        let sorted = |m: HashMap<String, (u64, usize)>| {
            let mut v: Vec<(String, u64, usize)> =
                m.into_iter().map(|(k, (b, n))| (k, b, n)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v
        };
        Rollup {
            crates: sorted(crates),
            modules: sorted(modules),
            names,
        }
    }
}

// ----- the report -------------------------------------------------------------

fn share(n: u64, total: u64) -> String {
    format!("{:.1} %", 100.0 * n as f64 / total.max(1) as f64)
}

fn shorten(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_string();
    }
    let cut: String = name.chars().take(max - 1).collect();
    format!("{cut}…")
}

fn top_section(out: &mut String, items: &[Item], total: u64) {
    let _ = writeln!(
        out,
        "\n== the {TOP_ITEMS} largest items (twiggy top; shallow bytes: the item itself) ==\n"
    );
    let _ = writeln!(out, "  {:>8}  {:>6}  item", "bytes", "share");
    let mut sorted: Vec<&Item> = items
        .iter()
        .filter(|i| classify(&i.name, &[]) != Kind::Names)
        .collect();
    sorted.sort_by(|a, b| b.shallow.cmp(&a.shallow).then(a.name.cmp(&b.name)));
    for i in sorted.iter().take(TOP_ITEMS) {
        let _ = writeln!(
            out,
            "  {:>8}  {:>6}  {}",
            grouped(i.shallow),
            share(i.shallow, total),
            shorten(&clean(&i.name), 120)
        );
    }
    let rest: u64 = sorted.iter().skip(TOP_ITEMS).map(|i| i.shallow).sum();
    let _ = writeln!(
        out,
        "  {:>8}  {:>6}  … and {} more items",
        grouped(rest),
        share(rest, total),
        sorted.len().saturating_sub(TOP_ITEMS)
    );
}

fn dominators_section(out: &mut String, doms: &[Dom], items: &[Item], total: u64) {
    const ROOT: u64 = u64::MAX;
    let elem = doms.iter().find(|d| d.name == "elem[0]").map(|d| d.id);
    let table = doms.iter().find(|d| d.name == "table[0]");
    let reached: u64 = doms
        .iter()
        .filter(|d| d.parent == ROOT && d.id != ROOT && classify(&d.name, &[]) != Kind::Names)
        .map(|d| d.retained)
        .sum();
    let _ = writeln!(
        out,
        "\n== what keeps what (twiggy dominators; retained bytes: the item and all that only it reaches) ==\n"
    );
    let _ = writeln!(
        out,
        "  The top of the dominator tree: items that nothing else dominates (exports, shared functions),\n  \
         and in place of the function table, its entries (functions called through pointers: closures,\n  \
         trait objects, callbacks; the table with them retains {}).\n",
        table.map_or("?".into(), |t| fmt_bytes(t.retained))
    );
    let _ = writeln!(
        out,
        "  {:>8}  {:>6}  {:>8}  item",
        "retained", "share", "shallow"
    );
    let mut top: Vec<&Dom> = doms
        .iter()
        .filter(|d| {
            d.id != ROOT
                && (d.parent == ROOT || Some(d.parent) == elem)
                && !matches!(d.name.as_str(), "table[0]")
                && classify(&d.name, &[]) != Kind::Names
        })
        .collect();
    top.sort_by(|a, b| b.retained.cmp(&a.retained).then(a.name.cmp(&b.name)));
    for d in top.iter().take(TOP_RETAINERS) {
        let via = if Some(d.parent) == elem {
            "table: "
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {:>8}  {:>6}  {:>8}  {via}{}",
            grouped(d.retained),
            share(d.retained, total),
            grouped(d.shallow),
            shorten(&clean(&d.name), 110)
        );
    }
    // What twiggy's call graph does not reach: data segments (code reaches
    // them by address, which twiggy does not follow) and unused types.
    let in_tree: std::collections::HashSet<&str> = doms.iter().map(|d| d.name.as_str()).collect();
    let (mut unreached, mut data) = (0, 0);
    for i in items {
        if !in_tree.contains(i.name.as_str()) {
            unreached += i.shallow;
            if i.name.starts_with("data segment") {
                data += i.shallow;
            }
        }
    }
    let _ = writeln!(
        out,
        "  Reached from the roots: {}; not in twiggy's graph: {} (data segments {}: code reaches\n  \
         them by address, which twiggy does not follow).",
        fmt_bytes(reached),
        fmt_bytes(unreached),
        fmt_bytes(data)
    );
}

fn rollup_sections(out: &mut String, r: &Rollup, total: u64) {
    let _ = writeln!(
        out,
        "\n== by crate (shallow bytes of the functions whose symbol is the crate's; generic code of the\n   \
         standard library counts as the standard library's, drop glue as the dropped type's crate's) ==\n"
    );
    let _ = writeln!(
        out,
        "  {:>8}  {:>6}  {:>5}  crate",
        "bytes", "share", "items"
    );
    for (name, bytes, n) in &r.crates {
        let _ = writeln!(
            out,
            "  {:>8}  {:>6}  {:>5}  {name}",
            grouped(*bytes),
            share(*bytes, total),
            n
        );
    }
    let sum: u64 = r.crates.iter().map(|c| c.1).sum();
    let _ = writeln!(
        out,
        "  {:>8}  {:>6}         total (the name section, {} more, is not shipped)",
        grouped(sum),
        share(sum, total),
        grouped(r.names)
    );
    let _ = writeln!(
        out,
        "\n== by module (ours to three levels, the standard library's to two) ==\n"
    );
    let _ = writeln!(
        out,
        "  {:>8}  {:>6}  {:>5}  module",
        "bytes", "share", "items"
    );
    for (name, bytes, n) in r.modules.iter().take(TOP_MODULES) {
        let _ = writeln!(
            out,
            "  {:>8}  {:>6}  {:>5}  {name}",
            grouped(*bytes),
            share(*bytes, total),
            n
        );
    }
    if r.modules.len() > TOP_MODULES {
        let rest = &r.modules[TOP_MODULES..];
        let bytes: u64 = rest.iter().map(|m| m.1).sum();
        let _ = writeln!(
            out,
            "  {:>8}  {:>6}  {:>5}  … {} more modules",
            grouped(bytes),
            share(bytes, total),
            rest.iter().map(|m| m.2).sum::<usize>(),
            rest.len()
        );
    }
}

/// The module's data segments, by index: their bytes.
fn data_segments(wasm: &[u8]) -> Result<Vec<&[u8]>> {
    let mut out = Vec::new();
    for (id, _, range) in sections(wasm)? {
        if id != 11 {
            continue;
        }
        let mut pos = range.start + 1;
        build::read_leb(wasm, &mut pos)?; // the section size
        let count = build::read_leb(wasm, &mut pos)?;
        for _ in 0..count {
            let flags = build::read_leb(wasm, &mut pos)?;
            if flags == 2 {
                build::read_leb(wasm, &mut pos)?; // memory index
            }
            if flags != 1 {
                skip_const_expr(wasm, &mut pos)?;
            }
            let len = build::read_leb(wasm, &mut pos)? as usize;
            let bytes = wasm.get(pos..pos + len).ok_or("wasm: truncated data")?;
            out.push(bytes);
            pos += len;
        }
    }
    Ok(out)
}

/// Skips an offset expression: `i32.const` / `i64.const` / `global.get`, then `end`.
fn skip_const_expr(wasm: &[u8], pos: &mut usize) -> Result {
    loop {
        let op = *wasm.get(*pos).ok_or("wasm: truncated expression")?;
        *pos += 1;
        match op {
            0x0b => return Ok(()),
            0x41 | 0x42 | 0x23 => {
                build::read_leb(wasm, pos)?;
            }
            _ => return Err(format!("wasm: unexpected opcode {op:#x} in a data offset")),
        }
    }
}

/// The data segments' names from the name section (subsection 9).
fn data_names(wasm: &[u8]) -> Result<HashMap<String, usize>> {
    let mut out = HashMap::new();
    for (id, name, range) in sections(wasm)? {
        if id != 0 || name != "name" {
            continue;
        }
        let mut pos = range.start + 1;
        build::read_leb(wasm, &mut pos)?;
        build::read_name(wasm, &mut pos)?;
        while pos < range.end {
            let sub = wasm[pos];
            pos += 1;
            let len = build::read_leb(wasm, &mut pos)? as usize;
            let end = pos + len;
            if sub == 9 {
                let mut p = pos;
                let count = build::read_leb(wasm, &mut p)?;
                for _ in 0..count {
                    let index = build::read_leb(wasm, &mut p)? as usize;
                    out.insert(build::read_name(wasm, &mut p)?, index);
                }
            }
            pos = end;
        }
    }
    Ok(out)
}

/// The runs of readable text in `bytes` (at least 6 characters, mostly
/// letters and spaces), joined, up to `max` characters.
fn glimpse(bytes: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    for run in text.split(|c: char| c.is_control() || c == '\u{fffd}') {
        let run = run.split_whitespace().collect::<Vec<_>>().join(" ");
        let n = run.chars().count();
        let wordy = run
            .chars()
            .filter(|&c| {
                c.is_ascii_alphabetic() || c == ' ' || ('\u{4e00}'..='\u{9fff}').contains(&c)
            })
            .count();
        if n < 6 || wordy * 10 < n * 7 {
            continue;
        }
        if !out.is_empty() {
            out.push_str(" | ");
        }
        out.push_str(&run);
        if out.chars().count() >= max {
            break;
        }
    }
    if out.is_empty() {
        return "(no text: numbers, tables)".into();
    }
    shorten(&out, max)
}

fn data_section(out: &mut String, wasm: &[u8], items: &[Item], total: u64) {
    let segments = data_segments(wasm).unwrap_or_default();
    let names = data_names(wasm).unwrap_or_default();
    let mut data: Vec<&Item> = items
        .iter()
        .filter(|i| i.name.starts_with("data segment"))
        .collect();
    data.sort_by(|a, b| b.shallow.cmp(&a.shallow).then(a.name.cmp(&b.name)));
    let all: u64 = data.iter().map(|i| i.shallow).sum();
    let _ = writeln!(
        out,
        "\n== the largest data segments ({} in all, {}) and the text in them ==\n",
        data.len(),
        fmt_bytes(all)
    );
    let _ = writeln!(out, "  {:>8}  {:>6}  segment: text", "bytes", "share");
    for i in data.iter().take(TOP_SEGMENTS) {
        let seg = i
            .name
            .trim_start_matches("data segment ")
            .trim_matches('"')
            .to_string();
        let text = names
            .get(&seg)
            .and_then(|&k| segments.get(k))
            .map(|b| glimpse(b, 100))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:>8}  {:>6}  {seg}: {text}",
            grouped(i.shallow),
            share(i.shallow, total)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_csv() {
        let rows = csv_rows("Name,Size\n\"a, \"\"b\"\"\",12\nplain,3\n");
        assert_eq!(
            rows,
            vec![
                vec!["Name".to_string(), "Size".into()],
                vec!["a, \"b\"".into(), "12".into()],
                vec!["plain".into(), "3".into()],
            ]
        );
    }

    #[test]
    fn cleans_names() {
        assert_eq!(
            clean("core[c5930c85a12de822]::fmt::float::float_to_decimal_common_exact::<f64>"),
            "core::fmt::float::float_to_decimal_common_exact::<f64>"
        );
        assert_eq!(
            clean("chronoscope::core::formats::load::load::h5e0d2c0e586cd2a9"),
            "chronoscope::core::formats::load::load"
        );
        assert_eq!(clean("<[T]>::sort::h0"), "<[T]>::sort::h0");
        assert_eq!(
            clean("alloc::vec::Vec<[u8; 4]>::push"),
            "alloc::vec::Vec<[u8; 4]>::push"
        );
    }

    fn module(name: &str) -> (String, String) {
        match classify(name, &["widget_new".into(), "__wbg_widget_free".into()]) {
            Kind::Code { krate, module } => (krate, module),
            other => panic!("{name}: {other:?}"),
        }
    }

    #[test]
    fn groups_by_crate_and_module() {
        let cases = [
            ("chronoscope::core::formats::load::load::h5e0d2c0e586cd2a9", "chronoscope", "chronoscope::core::formats"),
            ("chronoscope::web::widget::State::start_load::{{closure}}::h50f1eb5b8dca738b", "chronoscope", "chronoscope::web::widget"),
            ("chronoscope::web::start::h0123456789abcdef", "chronoscope", "chronoscope::web"),
            (
                "chronoscope::core::formats::timelinejs::v3json::<impl chronoscope::core::formats::timelinejs::Import>::json_slide::hc16e3a957e6ffa4b",
                "chronoscope",
                "chronoscope::core::formats",
            ),
            (
                "<chronoscope::web::measure::CanvasMeasure as chronoscope::core::text::measure::TextMeasure>::width::h439d65e93cf3f58c",
                "chronoscope",
                "chronoscope::web::measure",
            ),
            ("core[c5930c85a12de822]::fmt::float::float_to_decimal_common_exact::<f64>", "core", "core::fmt"),
            ("<f64 as core[c5930c85a12de822]::str::traits::FromStr>::from_str", "core", "core::str"),
            (
                "<dlmalloc[e24a27700634d609]::dlmalloc::Dlmalloc<dlmalloc[e24a27700634d609]::sys::System>>::malloc",
                "dlmalloc",
                "dlmalloc",
            ),
            (
                "<js_sys::futures::JsFuture<T,E> as core::future::future::Future>::poll::h1546cec9b065cd7d",
                "js_sys",
                "js_sys",
            ),
            (
                "<alloc::vec::Vec<T,A> as serde::ser::Serialize>::serialize::h0123456789abcdef",
                "serde",
                "serde",
            ),
            (
                "<alloc::vec::Vec<T,A> as core::clone::Clone>::clone::h0123456789abcdef",
                "alloc",
                "alloc::vec",
            ),
            (
                "core::ptr::drop_in_place<core::result::Result<(alloc::vec::Vec<u8>,alloc::string::String),chronoscope::core::data::error::ChronoError>>::he8b723d255e60098",
                "chronoscope",
                "chronoscope::core::data",
            ),
            ("core::ptr::drop_in_place<alloc::string::String>::h0123456789abcdef", "core", "core::ptr"),
            ("<[T]>::sort_unstable::h0123456789abcdef", "core", "core"),
            ("widget_new externref shim multivalue shim", "chronoscope", EXPORTS),
            ("__wbg_widget_free", "wasm_bindgen", "wasm_bindgen"),
            ("__externref_table_alloc", "wasm_bindgen", "wasm_bindgen"),
            ("Ref(String) -> Externref externref shim", "wasm_bindgen", "wasm_bindgen"),
            ("memcmp", BUILTINS, BUILTINS),
            ("code[1651]", "(unnamed functions)", "(unnamed functions)"),
        ];
        for (name, krate, module_path) in cases {
            assert_eq!(
                module(name),
                (krate.to_string(), module_path.to_string()),
                "{name}"
            );
        }
        for (name, kind) in [
            ("\"function names\" subsection", Kind::Names),
            ("data segment \".rodata.1\"", Kind::Data),
            ("import w::a", Kind::Structure),
            ("export \"widget_new\"", Kind::Structure),
            ("type[162]: (i32, i32) -> nil", Kind::Structure),
            ("code section headers", Kind::Structure),
            ("elem[0]", Kind::Structure),
            ("custom section 'name' headers", Kind::Names),
        ] {
            assert_eq!(classify(name, &[]), kind, "{name}");
        }
    }

    #[test]
    fn rolls_up_and_leaves_names_out() {
        let items: Vec<Item> = [
            ("\"function names\" subsection", 1000),
            (
                "chronoscope::core::scene::layout::layout::h0123456789abcdef",
                30,
            ),
            (
                "chronoscope::core::scene::ticks::ticks::h0123456789abcdef",
                20,
            ),
            ("core::fmt::write::h0123456789abcdef", 10),
            ("data segment \".rodata\"", 5),
        ]
        .iter()
        .map(|(n, s)| Item {
            name: n.to_string(),
            shallow: *s,
        })
        .collect();
        let r = Rollup::new(&items);
        assert_eq!(r.names, 1000);
        assert_eq!(r.crates[0], ("chronoscope".to_string(), 50, 2));
        assert_eq!(
            r.modules[0],
            ("chronoscope::core::scene".to_string(), 50, 2)
        );
        assert_eq!(r.crates.iter().map(|c| c.1).sum::<u64>(), 65);
    }

    #[test]
    fn strips_custom_sections() {
        // Header, a type section (id 1, 1 byte), a custom section "name" (5 bytes of body).
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend([1, 1, 0]);
        wasm.extend([0, 6, 4, b'n', b'a', b'm', b'e', 7]);
        let (stripped, custom) = strip_custom_sections(&wasm).unwrap();
        assert_eq!(stripped, b"\0asm\x01\0\0\0\x01\x01\0");
        assert_eq!(custom, 8);
        assert!(strip_custom_sections(b"nope").is_err());
    }

    #[test]
    fn glimpses_text() {
        assert_eq!(
            glimpse(b"\x01\x02Hello world\x00ab\x00JanFebMar\x00+Q1/7&$x", 40),
            "Hello world | JanFebMar"
        );
        assert_eq!(glimpse(b"abcdefghijkl", 5), "abcd…");
        assert_eq!(glimpse(b"\x01+Q1/7&$x", 5), "(no text: numbers, tables)");
    }
}
