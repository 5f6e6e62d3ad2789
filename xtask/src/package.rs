//! `dist/` as an npm package: the files `cargo xtask build` (release) writes
//! beside the code (`package.json`, `README.md`, `LICENSE`), and the
//! "package" step of `cargo xtask test`, which packs `dist/`, installs the
//! tarball into a throwaway app and loads it in Chromium, once bundled by
//! Vite and once from a plain `<script type="module">`.

use crate::serve::{Logging, Server};
use crate::tools;
use crate::util::{fmt_bytes, repo_root, run, Result};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const KEYWORDS: [&str; 9] = [
    "timeline",
    "chart",
    "time-series",
    "canvas",
    "webassembly",
    "wasm",
    "custom-element",
    "web-component",
    "deep-time",
];

/// The licence files at the repository root, joined into dist/LICENSE.
const LICENCES: [&str; 2] = ["LICENSE-MIT", "LICENSE-APACHE"];

/// What the root Cargo.toml says about the crate.
#[derive(Debug, PartialEq, Eq)]
pub struct CrateInfo {
    pub version: String,
    pub description: String,
    pub license: String,
}

/// Reads `version`, `description` and `license` from the `[package]` table
/// of a Cargo.toml text (plain `key = "value"` lines, as this project writes them).
pub fn crate_info(manifest: &str) -> Result<CrateInfo> {
    let mut in_package = false;
    let (mut version, mut description, mut license) = (None, None, None);
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
            continue;
        }
        if !in_package {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let value = value.trim();
        let Some(value) = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .map(str::to_string)
        else {
            continue;
        };
        match key.trim() {
            "version" => version = Some(value),
            "description" => description = Some(value),
            "license" => license = Some(value),
            _ => {}
        }
    }
    let missing = |what: &str| format!("Cargo.toml's [package] has no `{what} = \"…\"`");
    Ok(CrateInfo {
        version: version.ok_or_else(|| missing("version"))?,
        description: description.ok_or_else(|| missing("description"))?,
        license: license.ok_or_else(|| missing("license"))?,
    })
}

/// A JSON string literal.
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_list<S: AsRef<str>>(items: &[S], indent: &str) -> String {
    if items.is_empty() {
        return "[]".into();
    }
    let inner: Vec<String> = items
        .iter()
        .map(|s| format!("{indent}  {}", json_string(s.as_ref())))
        .collect();
    format!("[\n{}\n{indent}]", inner.join(",\n"))
}

/// The text of dist/package.json. `files` is every file the package ships
/// besides package.json itself.
pub fn package_json(info: &CrateInfo, files: &[String]) -> String {
    format!(
        r#"{{
  "name": "chronoscope",
  "version": {version},
  "description": {description},
  "keywords": {keywords},
  "license": {license},
  "type": "module",
  "main": "./chronoscope.js",
  "module": "./chronoscope.js",
  "types": "./chronoscope.d.ts",
  "exports": {{
    ".": {{
      "types": "./chronoscope.d.ts",
      "import": "./chronoscope.js",
      "default": "./chronoscope.js"
    }},
    "./chronoscope_wasm_bg.wasm": "./chronoscope_wasm_bg.wasm",
    "./package.json": "./package.json"
  }},
  "files": {files},
  "sideEffects": [
    "./chronoscope.js"
  ]
}}
"#,
        version = json_string(&info.version),
        description = json_string(&info.description),
        keywords = json_list(&KEYWORDS, "  "),
        license = json_string(&info.license),
        files = json_list(files, "  "),
    )
}

/// The text of dist/README.md.
pub fn readme(info: &CrateInfo) -> String {
    format!(
        r#"# Chronoscope

{description}. One custom element, `<chrono-scope>`, draws a dataset of
events, eras and indicator series on one zoomable time axis, from a millisecond
to billions of years.

## Install

```sh
npm install chronoscope
```

The package has no dependencies. Its files are `chronoscope.js` (the module
pages load), `chronoscope_wasm.js` and `chronoscope_wasm_bg.wasm` (which it finds
next to itself), `chronoscope.d.ts` (TypeScript declarations), and
`embed.html` with `embed.js` and `embed.css`: a page made for an `<iframe>`
(`embed.html?src=story.json&lang=en`), for sites that allow nothing else.

## With a script tag

Copy the three code files to one folder of your site (or a CDN path), then:

```html
<script type="module" src="chronoscope.js"></script>
<chrono-scope src="data/story.json" lang="en" style="height:520px"></chrono-scope>
```

The dataset may also be inline, as
`<chrono-scope><script type="application/json">{{…}}</script></chrono-scope>`.

## With a bundler

```js
import {{ Chronoscope }} from "chronoscope";

const timeline = await Chronoscope.create(document.getElementById("box"), {{
  data: {{
    title: "A very short history",
    events: [{{ id: "start", start: "1994", title: "It begins" }}],
  }},
}});
timeline.setWindow("1990", "2000");
```

Importing the module also defines `<chrono-scope>`. The module finds its
WebAssembly with `new URL("./chronoscope_wasm_bg.wasm", import.meta.url)`,
which Vite turns into an emitted asset (tested); with a bundler that does not,
copy `chronoscope_wasm_bg.wasm` next to the bundle.

The widget uses no inline script or style. Under a Content-Security-Policy it
needs `script-src 'self' 'wasm-unsafe-eval'`.

## Documentation

The element's attributes, properties and events, the JavaScript API and the
error codes are documented in the Chronoscope repository's `docs/api.md`; the
dataset format in `docs/dataset.md`, with a JSON Schema in
`docs/dataset.schema.json`. The declarations in `chronoscope.d.ts` carry the
same documentation for editors.

## Licence

{license}, at your option: see `LICENSE`.
"#,
        description = info.description.trim_end_matches('.'),
        license = info.license,
    )
}

/// The text of dist/LICENSE: the dual-licence statement, then both texts.
fn licence(root: &Path) -> Result<String> {
    let mut out = String::from(
        "Chronoscope is licensed under either of\n\n\
         - the MIT License (below), or\n\
         - the Apache License, Version 2.0 (below),\n\n\
         at your option.\n",
    );
    for name in LICENCES {
        let path = root.join(name);
        let text = fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        out.push_str("\n\n");
        out.push_str(&"-".repeat(78));
        out.push_str("\n\n");
        out.push_str(text.trim_end());
        out.push('\n');
    }
    Ok(out)
}

/// Writes dist/package.json, dist/README.md and dist/LICENSE for a release
/// build whose code is in place. `code` is every code file the package
/// ships (relative to dist/); every file in dist/ must be listed.
pub fn write_package_files(dist: &Path, code: &[PathBuf]) -> Result {
    let root = repo_root();
    let manifest_path = root.join("Cargo.toml");
    let manifest = fs::read_to_string(&manifest_path)
        .map_err(|e| format!("cannot read {}: {e}", manifest_path.display()))?;
    let info = crate_info(&manifest)?;

    let mut files: Vec<String> = code
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    files.push("README.md".into());
    files.push("LICENSE".into());

    let write = |name: &str, text: String| {
        fs::write(dist.join(name), text).map_err(|e| format!("cannot write dist/{name}: {e}"))
    };
    write("LICENSE", licence(&root)?)?;
    write("README.md", readme(&info))?;
    write("package.json", package_json(&info, &files))?;

    // Anything else in dist/ would be left out of the package (or a listed
    // file is missing): either way the package would not be what a page gets.
    let mut present = Vec::new();
    collect(dist, Path::new(""), &mut present);
    let mut expected: Vec<String> = files.clone();
    expected.push("package.json".into());
    present.sort();
    expected.sort();
    if present != expected {
        let extra: Vec<&String> = present.iter().filter(|f| !expected.contains(f)).collect();
        let missing: Vec<&String> = expected.iter().filter(|f| !present.contains(f)).collect();
        return Err(format!(
            "dist/ does not match the package's `files` (xtask/src/package.rs): \
             unlisted {extra:?}, missing {missing:?}"
        ));
    }
    println!(
        "npm package: dist/package.json (chronoscope {}), README.md, LICENSE",
        info.version
    );
    Ok(())
}

/// Every file under `base/rel`, as `/`-separated paths relative to `base`.
fn collect(base: &Path, rel: &Path, out: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(base.join(rel)) else {
        return;
    };
    for entry in entries.flatten() {
        let rel = rel.join(entry.file_name());
        match entry.file_type() {
            Ok(t) if t.is_dir() => collect(base, &rel, out),
            Ok(_) => out.push(rel.to_string_lossy().replace('\\', "/")),
            Err(_) => {}
        }
    }
}

// ---------------------------------------------------------------------------
// The "package" step of `cargo xtask test`.
// ---------------------------------------------------------------------------

/// Packs dist/ with `npm pack`, installs the tarball into a fresh app in a
/// temporary folder, type-checks a consumer against the installed package,
/// bundles the app with Vite, and loads the bundle and a plain module page in
/// Chromium (tests/package/check.mjs). The folder is removed on success and
/// kept (and named) on failure.
pub fn smoke_test() -> Result {
    tools::require_node()?;
    let root = repo_root();
    let dist = root.join("dist");
    if !dist.join("package.json").is_file() {
        return Err("dist/package.json is missing: run `cargo xtask build` (release) first".into());
    }
    for bin in ["vite", "tsc"] {
        if !root.join("node_modules/.bin").join(bin).exists() {
            return Err(format!(
                "node_modules/.bin/{bin} is missing: run `npm ci` at the repo root (or `cargo xtask tools`)"
            ));
        }
    }
    let tmp = std::env::temp_dir().join(format!("chronoscope-package-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
    match smoke_test_in(&root, &dist, &tmp) {
        Ok(()) => {
            let _ = fs::remove_dir_all(&tmp);
            Ok(())
        }
        Err(e) => Err(format!(
            "{e}\n(the packed app is kept in {})",
            tmp.display()
        )),
    }
}

fn smoke_test_in(root: &Path, dist: &Path, tmp: &Path) -> Result {
    let fixture = root.join("tests/package");

    // 1. The tarball, as `npm publish` would upload it.
    run(Command::new("npm")
        .arg("pack")
        .arg(dist)
        .arg("--pack-destination")
        .arg(tmp)
        .current_dir(tmp))?;
    let tarballs: Vec<PathBuf> = fs::read_dir(tmp)
        .map_err(|e| format!("cannot list {}: {e}", tmp.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tgz"))
        .collect();
    let [tarball] = tarballs.as_slice() else {
        return Err(format!(
            "npm pack should have written one .tgz in {}, found {}",
            tmp.display(),
            tarballs.len()
        ));
    };
    println!(
        "tarball: {} ({})",
        tarball.file_name().unwrap_or_default().to_string_lossy(),
        fmt_bytes(fs::metadata(tarball).map(|m| m.len()).unwrap_or(0))
    );

    // 2. A fresh app that depends on it. The package has no dependencies,
    // so the install needs no network.
    let app = tmp.join("app");
    copy_dir(&fixture.join("app"), &app)?;
    run(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--offline"])
        .arg(tarball)
        .current_dir(&app))?;

    // 3. A TypeScript consumer resolves the types through `exports`.
    run(Command::new(root.join("node_modules/.bin/tsc"))
        .arg("-p")
        .arg(app.join("tsconfig.json"))
        .current_dir(&app))?;

    // 4. The bundle: the wasm must come out as an emitted asset.
    let out = tmp.join("vite-out");
    run(Command::new(root.join("node_modules/.bin/vite"))
        .arg("build")
        .arg("--config")
        .arg(fixture.join("vite.config.mjs"))
        .args(["--configLoader", "native"])
        .env("CHRONOSCOPE_PACKAGE_APP", &app)
        .env("CHRONOSCOPE_PACKAGE_OUT", &out)
        .current_dir(&app))?;
    let mut emitted = Vec::new();
    collect(&out, Path::new(""), &mut emitted);
    emitted.sort();
    println!("vite emitted:");
    for file in &emitted {
        let len = fs::metadata(out.join(file)).map(|m| m.len()).unwrap_or(0);
        println!("  {file}  {}", fmt_bytes(len));
    }
    if !emitted.iter().any(|f| f.ends_with(".wasm")) {
        return Err(format!(
            "vite emitted no .wasm file in {}: the loader's new URL(\"./chronoscope_wasm_bg.wasm\", \
             import.meta.url) was not turned into an asset",
            out.display()
        ));
    }

    // 5. Both pages in Chromium.
    let bundled = Server::start(vec![out.clone()], 0, Logging::Failures)
        .map_err(|e| format!("cannot start the static server on 127.0.0.1: {e}"))?;
    let plain = Server::start(vec![app.clone()], 0, Logging::Failures)
        .map_err(|e| format!("cannot start the static server on 127.0.0.1: {e}"))?;
    println!(
        "serving the Vite build on {} and the app folder on {}",
        bundled.url(),
        plain.url()
    );
    let result = run(Command::new("node")
        .arg(fixture.join("check.mjs"))
        .env("PACKAGE_VITE_URL", bundled.url())
        .env("PACKAGE_PLAIN_URL", plain.url())
        .env("PACKAGE_DIR", app.join("node_modules/chronoscope"))
        .current_dir(root));
    bundled.stop();
    plain.stop();
    result
}

/// Copies the files of `from` into a new folder `to` (recursively).
fn copy_dir(from: &Path, to: &Path) -> Result {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("cannot list {}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            copy_dir(&src, &dst)?;
        } else {
            fs::copy(&src, &dst)
                .map_err(|e| format!("cannot copy {} to {}: {e}", src.display(), dst.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info() -> CrateInfo {
        CrateInfo {
            version: "0.1.0".into(),
            description: "A \"zoomable\" timeline".into(),
            license: "MIT OR Apache-2.0".into(),
        }
    }

    #[test]
    fn reads_the_package_table() {
        let manifest = r#"
[package]
name = "chronoscope"
version = "1.2.3"
description = "A timeline"
license = "MIT OR Apache-2.0"

[dependencies]
version = "9"
"#;
        let got = crate_info(manifest).unwrap();
        assert_eq!(got.version, "1.2.3");
        assert_eq!(got.description, "A timeline");
        assert_eq!(got.license, "MIT OR Apache-2.0");
        assert!(crate_info("[package]\nname = \"x\"\n").is_err());
    }

    #[test]
    fn the_real_manifest_has_what_the_package_needs() {
        let manifest = fs::read_to_string(repo_root().join("Cargo.toml")).unwrap();
        let got = crate_info(&manifest).unwrap();
        assert!(got.version.split('.').count() == 3, "{}", got.version);
        assert_eq!(got.license, "MIT OR Apache-2.0");
        for name in LICENCES {
            assert!(repo_root().join(name).is_file(), "{name} is missing");
        }
    }

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(json_string("a\"b\\c\nd\u{1}é"), r#""a\"b\\c\nd\u0001é""#);
        assert_eq!(json_list::<&str>(&[], ""), "[]");
        assert_eq!(json_list(&["a", "b"], ""), "[\n  \"a\",\n  \"b\"\n]");
    }

    #[test]
    fn package_json_names_the_entry_points() {
        let files = vec!["chronoscope.js".to_string(), "README.md".to_string()];
        let text = package_json(&info(), &files);
        for needle in [
            r#""name": "chronoscope""#,
            r#""version": "0.1.0""#,
            r#""description": "A \"zoomable\" timeline""#,
            r#""type": "module""#,
            r#""types": "./chronoscope.d.ts""#,
            r#""import": "./chronoscope.js""#,
            r#""./chronoscope_wasm_bg.wasm": "./chronoscope_wasm_bg.wasm""#,
            r#""sideEffects": ["#,
            "\"files\": [\n    \"chronoscope.js\",\n    \"README.md\"\n  ]",
        ] {
            assert!(text.contains(needle), "{needle} not in\n{text}");
        }
        assert!(!text.contains("repository"));
        // Balanced braces and brackets outside strings: a cheap validity check
        // (npm pack parses it for real in the test run).
        let (mut depth, mut in_string, mut escaped) = (0i32, false, false);
        for c in text.chars() {
            match (in_string, escaped, c) {
                (true, true, _) => escaped = false,
                (true, false, '\\') => escaped = true,
                (true, false, '"') => in_string = false,
                (false, _, '"') => in_string = true,
                (false, _, '{' | '[') => depth += 1,
                (false, _, '}' | ']') => depth -= 1,
                _ => {}
            }
            assert!(depth >= 0);
        }
        assert_eq!((depth, in_string), (0, false));
    }

    #[test]
    fn readme_shows_both_ways_in() {
        let text = readme(&info());
        assert!(text.contains("npm install chronoscope"));
        assert!(text.contains(r#"<script type="module" src="chronoscope.js"></script>"#));
        assert!(text.contains(r#"import { Chronoscope } from "chronoscope";"#));
        assert!(text.contains("MIT OR Apache-2.0"));
    }
}
