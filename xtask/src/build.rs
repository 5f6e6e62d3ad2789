//! `cargo xtask build [--dev]`: compile the crate to wasm32, generate the
//! wasm-bindgen glue, shrink the module with wasm-opt (release only), copy the
//! hand-written loader and its TypeScript declarations, minify the two JS
//! files with esbuild (release only), write the npm
//! package's files (release only), and report what a page downloads.

use crate::package;
use crate::tools::{self, WASM_TARGET};
use crate::util::{capture, fmt_bytes, repo_root, run, target_dir, Result};
use flate2::write::GzEncoder;
use flate2::Compression;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Name of the wasm-bindgen output (`chronoscope_wasm.js`, `chronoscope_wasm_bg.wasm`).
pub const OUT_NAME: &str = "chronoscope_wasm";
/// The hand-written ES module the page's script tag imports.
const LOADER: &str = "src/web/chronoscope.js";
/// Its TypeScript declarations, shipped as dist/chronoscope.d.ts.
const TYPES: &str = "src/web/chronoscope.d.ts";
/// The page made for `<iframe>` embedding (docs/embedding.md) and its script
/// and stylesheet, in src/web/, shipped beside the loader.
pub const EMBED: [&str; 3] = ["embed.html", "embed.js", "embed.css"];

/// The WebAssembly features rustc 1.95 enables by default for
/// wasm32-unknown-unknown (LLVM's `generic` CPU), as listed in the module's
/// `target_features` section. wasm-bindgen's output uses reference types
/// (its externref table) and multivalue returns, and rustc emits
/// `memory.copy`/`memory.fill`, saturating float-to-int and sign extension,
/// so wasm-opt must accept all of them. wasm-opt would also pick them up from
/// `target_features`, but spelling them out keeps the optimisation valid if
/// that section is ever stripped; and enabling nothing beyond them keeps
/// wasm-opt from introducing instructions the browser baseline lacks.
pub const WASM_OPT_FEATURES: [&str; 8] = [
    "--enable-mutable-globals",
    "--enable-sign-ext",
    "--enable-nontrapping-float-to-int",
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-reference-types",
    "--enable-multivalue",
    "--enable-call-indirect-overlong",
];

pub fn dist_dir() -> PathBuf {
    repo_root().join("dist")
}

/// Runs the whole build; `release` selects the release profile and wasm-opt.
pub fn build(release: bool) -> Result {
    let root = repo_root();
    let profile = if release { "release" } else { "debug" };
    check_wasm_bindgen()?;

    // 1. The wasm module.
    let mut cargo = Command::new("cargo");
    cargo
        .args(["build", "--lib", "--target", WASM_TARGET])
        .current_dir(&root);
    if release {
        cargo.arg("--release");
    }
    run(&mut cargo)?;
    let wasm = target_dir()
        .join(WASM_TARGET)
        .join(profile)
        .join("chronoscope.wasm");
    if !wasm.is_file() {
        return Err(format!("cargo build did not produce {}", wasm.display()));
    }

    // 2. The JS glue, into a clean dist/ so no stale snippet ships.
    let dist = dist_dir();
    if dist.exists() {
        fs::remove_dir_all(&dist).map_err(|e| format!("cannot clear {}: {e}", dist.display()))?;
    }
    run(Command::new("wasm-bindgen")
        .arg(&wasm)
        .args(["--target", "web", "--out-dir"])
        .arg(&dist)
        .args(["--out-name", OUT_NAME, "--no-typescript"]))?;

    // 3. One WebAssembly instance per timeline: the glue becomes a factory.
    let bg = dist.join(format!("{OUT_NAME}_bg.wasm"));
    glue_factory(&dist.join(format!("{OUT_NAME}.js")))?;

    // 4. Size optimisation.
    if release {
        wasm_opt(&root, &bg)?;
        shorten_imports(&bg, &dist.join(format!("{OUT_NAME}.js")))?;
        check_compiles(&bg)?;
    }

    // 5. The loader and its TypeScript declarations; a release build ships
    // both JS files minified (the readable loader stays in src/web/).
    let loader = root.join(LOADER);
    let loader_present = loader.is_file();
    if loader_present {
        fs::copy(&loader, dist.join("chronoscope.js"))
            .map_err(|e| format!("cannot copy {LOADER}: {e}"))?;
    }
    if release {
        let glue = dist.join(format!("{OUT_NAME}.js"));
        minify_js(&root, &glue)?;
        if loader_present {
            minify_js(&root, &dist.join("chronoscope.js"))?;
        }
    }
    fs::copy(root.join(TYPES), dist.join("chronoscope.d.ts"))
        .map_err(|e| format!("cannot copy {TYPES}: {e}"))?;
    for name in EMBED {
        fs::copy(root.join("src/web").join(name), dist.join(name))
            .map_err(|e| format!("cannot copy src/web/{name}: {e}"))?;
    }
    if release {
        minify_js(&root, &dist.join("embed.js"))?;
    }

    report_sizes(&dist)?;
    report_embed_size(&dist)?;
    if !loader_present {
        return Err(format!(
            "{LOADER} is missing: it is the hand-written module the page's <script type=\"module\"> \
             loads (it imports ./{OUT_NAME}.js and defines <chrono-scope>); dist/ has the wasm and \
             its glue but is not usable without it"
        ));
    }

    // 6. A release dist/ is also the npm package: its own files.
    if release {
        let mut files = shipped_files(&dist);
        files.push(PathBuf::from("chronoscope.d.ts"));
        files.extend(EMBED.iter().map(PathBuf::from));
        package::write_package_files(&dist, &files)?;
    }
    println!("dist/ ready ({profile})");
    Ok(())
}

/// wasm-bindgen's output format changes between versions: the CLI must be the
/// version of the wasm-bindgen crate in Cargo.lock.
pub fn check_wasm_bindgen() -> Result {
    let wanted = tools::locked_wasm_bindgen_version()?;
    match tools::installed_version("wasm-bindgen") {
        Some(v) if v == wanted => Ok(()),
        found => Err(format!(
            "wasm-bindgen CLI {wanted} is needed (the wasm-bindgen version in Cargo.lock), found {}; \
             install it with `cargo install wasm-bindgen-cli --version {wanted}` \
             (or run `cargo xtask tools`)",
            found.as_deref().unwrap_or("none on PATH")
        )),
    }
}

/// `node_modules/.bin/wasm-opt` (npm package binaryen), or how to get it.
pub fn wasm_opt_path(root: &Path) -> Result<PathBuf> {
    let wasm_opt = root.join("node_modules/.bin/wasm-opt");
    if !wasm_opt.exists() {
        return Err(format!(
            "{} is missing: it comes from the npm package binaryen; run `npm ci` at the repo root \
             (or `cargo xtask tools`)",
            wasm_opt.display()
        ));
    }
    Ok(wasm_opt)
}

/// wasm-opt's arguments after the input module: `-Oz --converge` (run the
/// passes again while the module still shrinks: ~0.4 KB gzip), the features, and
/// what to strip. The build strips the name section with the debug info
/// (`--strip-debug`); `cargo xtask size` keeps it (`-g`) and passes the
/// same arguments otherwise, which yields the same module plus its names.
pub fn wasm_opt_args(keep_names: bool) -> Vec<&'static str> {
    let mut args = vec!["-Oz", "--converge"];
    args.extend(WASM_OPT_FEATURES);
    args.push(if keep_names { "-g" } else { "--strip-debug" });
    args.extend(["--strip-producers", "--strip-target-features"]);
    args
}

fn wasm_opt(root: &Path, bg: &Path) -> Result {
    let wasm_opt = wasm_opt_path(root)?;
    // What the module declares in its target_features section.
    let mut probe = Command::new(&wasm_opt);
    probe.arg(bg).arg("--print-features");
    if let Some(declared) = capture(&mut probe) {
        let extra: Vec<&str> = declared
            .split_whitespace()
            .filter(|f| !WASM_OPT_FEATURES.contains(f))
            .collect();
        if !extra.is_empty() {
            println!(
                "warning: the module declares WebAssembly features not in WASM_OPT_FEATURES \
                 (xtask/src/build.rs): {}; review that list for this rustc",
                extra.join(" ")
            );
        }
    }
    let before = file_len(bg)?;
    let tmp = bg.with_extension("opt.wasm");
    run(Command::new(&wasm_opt)
        .arg(bg)
        .args(wasm_opt_args(false))
        .arg("-o")
        .arg(&tmp))?;
    fs::rename(&tmp, bg).map_err(|e| format!("cannot replace {}: {e}", bg.display()))?;
    println!(
        "wasm-opt: {} -> {}",
        fmt_bytes(before),
        fmt_bytes(file_len(bg)?)
    );
    Ok(())
}

/// Turns wasm-bindgen's glue (an ES module holding one WebAssembly instance
/// in module-level variables) into a module exporting one function,
/// `glue()`, that evaluates the same code afresh on each call: each
/// `<chrono-scope>` gets its own instance (and memory), so a panic — which
/// traps and leaves that instance half-updated — stops only its own widget.
/// The compiled module is shared (the loader compiles once and instantiates
/// per widget). `glue()` returns the exports (`Widget`, `start`, …) plus
/// `init` (the glue's default export) and `initSync`.
///
/// The glue must be a flat module: no `import` statements, top-level
/// `export class`/`export function` declarations and one closing
/// `export { initSync, __wbg_init as default };`. Anything else fails the
/// build, naming this function, rather than shipping a broken loader.
fn glue_factory(glue: &Path) -> Result {
    let js =
        fs::read_to_string(glue).map_err(|e| format!("cannot read {}: {e}", glue.display()))?;
    let out = factory_source(&js).map_err(|e| {
        format!(
            "{}: {e}; wasm-bindgen's glue changed, review glue_factory in xtask/src/build.rs",
            glue.display()
        )
    })?;
    fs::write(glue, out).map_err(|e| format!("cannot write {}: {e}", glue.display()))
}

fn factory_source(js: &str) -> std::result::Result<String, String> {
    const CLOSING: &str = "export { initSync, __wbg_init as default };";
    let mut names: Vec<String> = Vec::new();
    let mut body = String::with_capacity(js.len() + 256);
    let mut closing = 0;
    for line in js.lines() {
        if line.trim() == CLOSING {
            closing += 1;
            continue;
        }
        if line.starts_with("import ") || line.starts_with("import{") {
            return Err(format!("it imports another module ({line})"));
        }
        let decl = [
            "export class ",
            "export function ",
            "export async function ",
        ]
        .iter()
        .find_map(|p| line.strip_prefix(p).map(|rest| (p, rest)));
        if let Some((prefix, rest)) = decl {
            let name: String = rest.chars().take_while(|&c| is_ident_char(c)).collect();
            if name.is_empty() {
                return Err(format!("cannot read the exported name in {line}"));
            }
            names.push(name);
            body.push_str(&prefix["export ".len()..]);
            body.push_str(rest);
        } else if line.starts_with("export") {
            return Err(format!("an export of an unexpected form ({line})"));
        } else {
            body.push_str(line);
        }
        body.push('\n');
    }
    if closing != 1 {
        return Err(format!(
            "expected `{CLOSING}` once, found it {closing} times"
        ));
    }
    if !names.iter().any(|n| n == "Widget") {
        return Err("it exports no class Widget".into());
    }
    let mut out = String::from(
        "// wasm-bindgen's glue as a factory (xtask/src/build.rs, glue_factory):\n\
         // each call evaluates it afresh, for one WebAssembly instance per timeline.\n\
         export function glue() {\n",
    );
    out.push_str(&body);
    out.push_str("return { ");
    for n in &names {
        out.push_str(n);
        out.push_str(", ");
    }
    out.push_str("initSync, init: __wbg_init };\n}\n");
    Ok(out)
}

/// The module name the glue imports are given in the wasm and the glue.
const SHORT_MODULE: &str = "w";

/// Renames the module's imports to short names, in the module and in the
/// glue's import object alike: wasm-bindgen names each import after the JS
/// function plus a 16-digit hash (`__wbg_set_2793479888329cb6`), under the
/// module `./chronoscope_wasm_bg.js`, and both files carry every name (about
/// 6 KB of gzip together). Each old name must occur exactly once in the glue,
/// as a key (`name: `) of its import object, or the build fails; nothing else
/// in the glue refers to import names.
fn shorten_imports(bg: &Path, glue: &Path) -> Result {
    let wasm = fs::read(bg).map_err(|e| format!("cannot read {}: {e}", bg.display()))?;
    let mut js =
        fs::read_to_string(glue).map_err(|e| format!("cannot read {}: {e}", glue.display()))?;
    let (wasm, renamed) = rename_imports(&wasm)?;
    let mut modules: Vec<&str> = renamed.iter().map(|(m, _, _)| m.as_str()).collect();
    modules.sort_unstable();
    modules.dedup();
    for module in modules {
        let key = format!("\"{module}\": import0");
        if js.matches(&key).count() != 1 {
            return Err(format!(
                "{}: expected the import object entry {key} once; wasm-bindgen's glue changed, \
                 review shorten_imports in xtask/src/build.rs",
                glue.display()
            ));
        }
        js = js.replace(&key, &format!("{SHORT_MODULE}: import0"));
    }
    for (_, old, new) in &renamed {
        let found: Vec<usize> = js
            .match_indices(old.as_str())
            .map(|(i, _)| i)
            .filter(|&i| {
                let before = js[..i].chars().next_back();
                let after = js[i + old.len()..].chars().next();
                !before.is_some_and(is_ident_char) && !after.is_some_and(is_ident_char)
            })
            .collect();
        match found.as_slice() {
            [i] if js[i + old.len()..].starts_with(": ") => {
                js.replace_range(*i..i + old.len(), new);
            }
            _ => {
                return Err(format!(
                    "{}: expected the import {old} once, as a key of the import object, found it \
                     {} times; review shorten_imports in xtask/src/build.rs",
                    glue.display(),
                    found.len()
                ))
            }
        }
    }
    let before = file_len(bg)?;
    fs::write(bg, &wasm).map_err(|e| format!("cannot write {}: {e}", bg.display()))?;
    fs::write(glue, js).map_err(|e| format!("cannot write {}: {e}", glue.display()))?;
    println!(
        "imports renamed: {} names, module {} -> {}",
        renamed.len(),
        fmt_bytes(before),
        fmt_bytes(wasm.len() as u64)
    );
    Ok(())
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// A short JS identifier for import number `k`: a … z, A … Z, aa, ab, …
fn short_name(mut k: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut out = Vec::new();
    loop {
        out.push(ALPHABET[k % ALPHABET.len()]);
        k /= ALPHABET.len();
        if k == 0 {
            break;
        }
        k -= 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII")
}

pub fn read_leb(data: &[u8], pos: &mut usize) -> Result<u64> {
    let (mut value, mut shift) = (0u64, 0);
    loop {
        let byte = *data.get(*pos).ok_or("wasm: truncated LEB128")?;
        *pos += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
        shift += 7;
        if shift > 63 {
            return Err("wasm: LEB128 too long".into());
        }
    }
}

fn write_leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

pub fn read_name(data: &[u8], pos: &mut usize) -> Result<String> {
    let len = read_leb(data, pos)? as usize;
    let bytes = data.get(*pos..*pos + len).ok_or("wasm: truncated name")?;
    *pos += len;
    String::from_utf8(bytes.to_vec()).map_err(|_| "wasm: a name is not UTF-8".into())
}

/// An import's old module, old name and new name.
pub type Renamed = (String, String, String);

/// Rewrites the import section: every function import gets module
/// [`SHORT_MODULE`] and the name [`short_name`] of its position. Returns the
/// new module and (old module, old name, new name) for each import. Other
/// kinds of import (tables, memories, globals) are refused: wasm-bindgen's
/// web target imports functions only.
pub fn rename_imports(wasm: &[u8]) -> Result<(Vec<u8>, Vec<Renamed>)> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a WebAssembly module".into());
    }
    let mut out = wasm[..8].to_vec();
    let mut renamed = Vec::new();
    let mut pos = 8;
    while pos < wasm.len() {
        let start = pos;
        let id = wasm[pos];
        pos += 1;
        let size = read_leb(wasm, &mut pos)? as usize;
        let body = pos;
        let end = body + size;
        if end > wasm.len() {
            return Err("wasm: truncated section".into());
        }
        if id != 2 {
            out.extend_from_slice(&wasm[start..end]);
            pos = end;
            continue;
        }
        let count = read_leb(wasm, &mut pos)?;
        let mut section = Vec::new();
        write_leb(&mut section, count);
        for k in 0..count as usize {
            let module = read_name(wasm, &mut pos)?;
            let name = read_name(wasm, &mut pos)?;
            if wasm.get(pos) != Some(&0) {
                return Err(format!(
                    "wasm: import {module}.{name} is not a function; shorten_imports handles \
                     function imports only"
                ));
            }
            let desc_start = pos;
            pos += 1;
            read_leb(wasm, &mut pos)?; // type index
            let new = short_name(k);
            write_leb(&mut section, SHORT_MODULE.len() as u64);
            section.extend_from_slice(SHORT_MODULE.as_bytes());
            write_leb(&mut section, new.len() as u64);
            section.extend_from_slice(new.as_bytes());
            section.extend_from_slice(&wasm[desc_start..pos]);
            renamed.push((module, name, new));
        }
        if pos != end {
            return Err("wasm: import section size mismatch".into());
        }
        out.push(2);
        write_leb(&mut out, section.len() as u64);
        out.extend_from_slice(&section);
    }
    Ok((out, renamed))
}

/// Minifies an ES module in place with esbuild (the npm package, pinned in
/// package.json): whitespace, syntax and local names only, no bundling and
/// no syntax lowering (`--target=esnext`), so the module keeps its imports,
/// exports and `import.meta.url` and runs wherever the source did.
fn minify_js(root: &Path, file: &Path) -> Result {
    let esbuild = root.join("node_modules/.bin/esbuild");
    if !esbuild.exists() {
        return Err(format!(
            "{} is missing: it comes from the npm package esbuild; run `npm ci` at the repo root \
             (or `cargo xtask tools`)",
            esbuild.display()
        ));
    }
    let before = file_len(file)?;
    let tmp = file.with_extension("min.js");
    run(Command::new(&esbuild)
        .arg(file)
        .args([
            "--minify",
            "--format=esm",
            "--target=esnext",
            "--log-level=warning",
        ])
        .arg(format!("--outfile={}", tmp.display())))?;
    fs::rename(&tmp, file).map_err(|e| format!("cannot replace {}: {e}", file.display()))?;
    println!(
        "esbuild --minify {}: {} -> {}",
        file.file_name().unwrap_or_default().to_string_lossy(),
        fmt_bytes(before),
        fmt_bytes(file_len(file)?)
    );
    Ok(())
}

/// Compiles the optimised module with the V8 in Node.js (the engine of the
/// Chromium the tests use), so a feature mismatch fails the build, not the page.
fn check_compiles(bg: &Path) -> Result {
    if tools::require_node().is_err() {
        println!("(node not found: skipped the compile check of the optimised module)");
        return Ok(());
    }
    const SCRIPT: &str = "const fs = require('fs'); \
        const m = new WebAssembly.Module(fs.readFileSync(process.argv[1])); \
        console.log(`wasm compiles in node ${process.version}: ${WebAssembly.Module.imports(m).length} imports, ${WebAssembly.Module.exports(m).length} exports`);";
    run(Command::new("node").args(["-e", SCRIPT]).arg(bg))
}

fn file_len(path: &Path) -> Result<u64> {
    fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("cannot stat {}: {e}", path.display()))
}

/// The files a page's script tag ends up loading, relative to dist/:
/// the loader, the glue, the module, and any snippets wasm-bindgen emitted.
pub fn shipped_files(dist: &Path) -> Vec<PathBuf> {
    let mut files = vec![
        PathBuf::from("chronoscope.js"),
        PathBuf::from(format!("{OUT_NAME}.js")),
        PathBuf::from(format!("{OUT_NAME}_bg.wasm")),
    ];
    let mut snippets = Vec::new();
    collect_files(dist, Path::new("snippets"), &mut snippets);
    snippets.sort();
    files.extend(snippets);
    files
}

fn collect_files(base: &Path, rel: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(base.join(rel)) else {
        return;
    };
    for entry in entries.flatten() {
        let rel = rel.join(entry.file_name());
        match entry.file_type() {
            Ok(t) if t.is_dir() => collect_files(base, &rel, out),
            Ok(_) => out.push(rel),
            Err(_) => {}
        }
    }
}

/// gzip -9 size of `data`.
pub fn gzip_len(data: &[u8]) -> u64 {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::new(9));
    encoder
        .write_all(data)
        .expect("writing to a Vec cannot fail");
    encoder
        .finish()
        .expect("writing to a Vec cannot fail")
        .len() as u64
}

fn report_sizes(dist: &Path) -> Result {
    let files = shipped_files(dist);
    let width = files
        .iter()
        .map(|f| f.display().to_string().len())
        .max()
        .unwrap_or(0)
        .max("total".len());
    println!();
    println!("shipped size (dist/, gzip -9):");
    println!("  {:<width$}  {:>24}  {:>24}", "file", "raw", "gzip");
    let (mut raw_total, mut gz_total) = (0, 0);
    for rel in &files {
        let path = dist.join(rel);
        match fs::read(&path) {
            Ok(data) => {
                let (raw, gz) = (data.len() as u64, gzip_len(&data));
                raw_total += raw;
                gz_total += gz;
                println!(
                    "  {:<width$}  {:>24}  {:>24}",
                    rel.display().to_string(),
                    fmt_bytes(raw),
                    fmt_bytes(gz)
                );
            }
            Err(_) => println!("  {:<width$}  {:>24}", rel.display().to_string(), "MISSING"),
        }
    }
    println!(
        "  {:<width$}  {:>24}  {:>24}",
        "total",
        fmt_bytes(raw_total),
        fmt_bytes(gz_total)
    );
    println!();
    Ok(())
}

/// The iframe page's own files, on top of the widget's (what a frame loads).
fn report_embed_size(dist: &Path) -> Result {
    let (mut raw, mut gz) = (0, 0);
    for name in EMBED {
        let data =
            fs::read(dist.join(name)).map_err(|e| format!("cannot read dist/{name}: {e}"))?;
        raw += data.len() as u64;
        gz += gzip_len(&data);
    }
    println!(
        "iframe page ({}): {} raw, {} gzip, besides the widget's files",
        EMBED.join(", "),
        fmt_bytes(raw),
        fmt_bytes(gz)
    );
    println!();
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn glue_becomes_a_factory() {
        let js = "let wasm;\nexport class Widget {\n  f() {}\n}\nexport function start() {\n    wasm.start();\n}\nfunction initSync(m) {}\nasync function __wbg_init(m) { return new URL('x', import.meta.url); }\nexport { initSync, __wbg_init as default };\n";
        let out = super::factory_source(js).unwrap();
        assert!(out.contains("export function glue() {\nlet wasm;\nclass Widget {"));
        assert!(out.contains("\nfunction start() {"));
        assert!(out.ends_with("return { Widget, start, initSync, init: __wbg_init };\n}\n"));
        assert_eq!(out.matches("export ").count(), 1, "{out}");
        // Forms the factory cannot keep are refused, not shipped.
        assert!(super::factory_source("import x from './y.js';\nexport class Widget {}\nexport { initSync, __wbg_init as default };").is_err());
        assert!(super::factory_source("export class Widget {}\nexport const a = 1;\nexport { initSync, __wbg_init as default };").is_err());
        assert!(super::factory_source("export class Widget {}\n").is_err());
        assert!(super::factory_source(
            "export function start() {}\nexport { initSync, __wbg_init as default };"
        )
        .is_err());
    }

    use super::*;

    #[test]
    fn gzip_shrinks_repetitive_data() {
        let data = vec![b'a'; 100_000];
        let gz = gzip_len(&data);
        assert!(gz > 18 && gz < 1000, "{gz}");
    }

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(names[51], "Z");
        assert_eq!(names[52], "aa");
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
        assert!(names
            .iter()
            .all(|n| n.chars().all(|c| c.is_ascii_alphabetic())));
    }

    #[test]
    fn imports_are_renamed_and_the_rest_kept() {
        // (module (type (func)) (import "./m.js" "long_name_1" (func))
        //   (import "./m.js" "long_name_2" (func)) (memory 1))
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]);
        let mut imports = vec![2];
        for name in ["long_name_1", "long_name_2"] {
            imports.push(6);
            imports.extend_from_slice(b"./m.js");
            imports.push(name.len() as u8);
            imports.extend_from_slice(name.as_bytes());
            imports.extend_from_slice(&[0, 0]);
        }
        wasm.push(2);
        wasm.push(imports.len() as u8);
        wasm.extend_from_slice(&imports);
        wasm.extend_from_slice(&[5, 3, 1, 0, 1]);
        let (out, renamed) = rename_imports(&wasm).unwrap();
        assert_eq!(
            renamed,
            [
                ("./m.js".into(), "long_name_1".into(), "a".into()),
                ("./m.js".into(), "long_name_2".into(), "b".into()),
            ]
        );
        let mut expected = b"\0asm\x01\0\0\0".to_vec();
        expected.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]);
        expected.extend_from_slice(&[2, 13, 2, 1, b'w', 1, b'a', 0, 0, 1, b'w', 1, b'b', 0, 0]);
        expected.extend_from_slice(&[5, 3, 1, 0, 1]);
        assert_eq!(out, expected);
    }

    #[test]
    fn shipped_files_include_snippets() {
        let dir = target_dir()
            .join("xtask-test")
            .join(format!("dist-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("snippets/chronoscope-abc/inline")).unwrap();
        fs::write(dir.join("snippets/chronoscope-abc/inline/inline0.js"), "x").unwrap();
        fs::write(dir.join("snippets/chronoscope-abc/a.js"), "y").unwrap();
        let files = shipped_files(&dir);
        let _ = fs::remove_dir_all(&dir);
        let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        assert_eq!(
            names,
            [
                "chronoscope.js",
                "chronoscope_wasm.js",
                "chronoscope_wasm_bg.wasm",
                "snippets/chronoscope-abc/a.js",
                "snippets/chronoscope-abc/inline/inline0.js",
            ]
        );
    }
}
