//! `cargo xtask test` (everything CI runs) and `cargo xtask check` (the fast
//! local loop): named steps, each timed, a summary table at the end, and a
//! stop at the first failure.

use crate::bench;
use crate::budget;
use crate::build;
use crate::lint;
use crate::package;
use crate::serve::{Logging, Server};
use crate::tools::{self, CHROMEDRIVER, WASM_TARGET};
use crate::util::{fmt_duration, repo_root, run, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

type StepFn = fn() -> Result;

const TOOLS: (&str, StepFn) = ("tools", tools::ensure_all);
const ARCHITECTURE: (&str, StepFn) = ("architecture", lint::architecture);
const UNUSED_DEPS: (&str, StepFn) = ("unused deps", lint::unused_deps);
const FMT: (&str, StepFn) = ("fmt", fmt);
const CLIPPY: (&str, StepFn) = ("clippy (native)", clippy_native);
const CLIPPY_WASM: (&str, StepFn) = ("clippy (wasm32)", clippy_wasm);
const DOCS: (&str, StepFn) = ("docs", lint::docs);
const TEST_NATIVE: (&str, StepFn) = ("test (native)", test_native);
const BUILD: (&str, StepFn) = ("build (release)", build_release);
const SIZE_BUDGET: (&str, StepFn) = ("size budget", budget::check);
const TYPES: (&str, StepFn) = ("types", types);
const TEST_WASM: (&str, StepFn) = ("test (wasm32, browser)", test_wasm);
const PACKAGE: (&str, StepFn) = ("package", package::smoke_test);
const E2E: (&str, StepFn) = ("e2e (node --test)", e2e);
const BENCH_SMOKE: (&str, StepFn) = ("bench (smoke, 1k events)", bench::smoke);

/// Steps 1–15.
pub fn test() -> Result {
    run_steps(&[
        TOOLS,
        ARCHITECTURE,
        UNUSED_DEPS,
        FMT,
        CLIPPY,
        CLIPPY_WASM,
        DOCS,
        TEST_NATIVE,
        BUILD,
        SIZE_BUDGET,
        TYPES,
        TEST_WASM,
        PACKAGE,
        E2E,
        BENCH_SMOKE,
    ])
}

/// Steps 2–8 and 11.
pub fn check() -> Result {
    run_steps(&[
        ARCHITECTURE,
        UNUSED_DEPS,
        FMT,
        CLIPPY,
        CLIPPY_WASM,
        DOCS,
        TEST_NATIVE,
        TYPES,
    ])
}

/// Step 1 alone.
pub fn tools() -> Result {
    run_steps(&[TOOLS])
}

fn run_steps(steps: &[(&str, StepFn)]) -> Result {
    let started = Instant::now();
    let mut rows: Vec<(&str, &str, Option<Duration>)> = Vec::new();
    let mut failure = None;
    for (i, (name, step)) in steps.iter().enumerate() {
        if failure.is_some() {
            rows.push((name, "not run", None));
            continue;
        }
        println!("\n==> [{}/{}] {name}", i + 1, steps.len());
        let t = Instant::now();
        let result = step();
        let took = t.elapsed();
        match result {
            Ok(()) => {
                println!("<== {name}: ok in {}", fmt_duration(took));
                rows.push((name, "ok", Some(took)));
            }
            Err(e) => {
                println!("<== {name}: FAILED in {}", fmt_duration(took));
                rows.push((name, "FAILED", Some(took)));
                failure = Some(format!("step `{name}` failed: {e}"));
            }
        }
    }
    let width = steps.iter().map(|(n, _)| n.len()).max().unwrap_or(4);
    println!("\n{:<width$}  {:<7}  {:>8}", "step", "result", "time");
    for (name, result, took) in &rows {
        let took = took.map(fmt_duration).unwrap_or_default();
        println!("{name:<width$}  {result:<7}  {took:>8}");
    }
    println!(
        "{:<width$}  {:<7}  {:>8}",
        "total",
        "",
        fmt_duration(started.elapsed())
    );
    match failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn cargo(args: &[&str]) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.args(args).current_dir(repo_root());
    cmd
}

fn fmt() -> Result {
    run(&mut cargo(&["fmt", "--all", "--", "--check"]))
}

fn clippy_native() -> Result {
    run(&mut cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))
}

pub fn require_wasm_target() -> Result {
    if tools::has_wasm_target() {
        Ok(())
    } else {
        Err(format!(
            "the Rust target {WASM_TARGET} is not installed: `rustup target add {WASM_TARGET}` \
             (or `cargo xtask tools`)"
        ))
    }
}

fn clippy_wasm() -> Result {
    require_wasm_target()?;
    run(&mut cargo(&[
        "clippy",
        "-p",
        "chronoscope",
        "--target",
        WASM_TARGET,
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))
}

fn test_native() -> Result {
    run(&mut cargo(&["test", "--workspace"]))
}

fn build_release() -> Result {
    build::build(true)
}

/// Type-checks tests/types/example.ts, a program using the whole API and
/// deliberate misuse marked `@ts-expect-error`, against
/// src/web/chronoscope.d.ts.
fn types() -> Result {
    let root = repo_root();
    let tsc = root.join("node_modules/.bin/tsc");
    if !tsc.exists() {
        return Err(format!(
            "{} is missing: it comes from the npm package typescript; run `npm ci` at the repo root \
             (or `cargo xtask tools`)",
            tsc.display()
        ));
    }
    run(Command::new(tsc)
        .args(["-p", "tests/types/tsconfig.json"])
        .current_dir(&root))
}

/// Browser tests with wasm-bindgen-test-runner driving Debian's Chromium
/// through chromedriver; `webdriver.json` (repo root) names the binary and
/// its flags.
fn test_wasm() -> Result {
    require_wasm_target()?;
    let root = repo_root();
    let mut cmd = cargo(&["test", "-p", "chronoscope", "--target", WASM_TARGET]);
    cmd.env(
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
        "wasm-bindgen-test-runner",
    )
    .env("CHROMEDRIVER", CHROMEDRIVER)
    .env(
        "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
        root.join("webdriver.json"),
    );
    // The runner's defaults (20 s for a whole test binary, 5 s for
    // chromedriver to start) are tight on a busy 2-core machine.
    for (var, secs) in [
        ("WASM_BINDGEN_TEST_TIMEOUT", "180"),
        ("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "30"),
    ] {
        if std::env::var_os(var).is_none() {
            cmd.env(var, secs);
        }
    }
    run(&mut cmd)
}

/// Test files under `dir` the way `node --test DIR` picks them (`test.mjs`,
/// `test-*.mjs`, `*.test.mjs`, `*-test.mjs`, `*_test.mjs`; .js/.cjs/.mjs),
/// listed explicitly so the command means the same on Node 20 and 22+.
fn node_test_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "node_modules" && !name.starts_with('.') {
                out.extend(node_test_files(&path));
            }
            continue;
        }
        let Some(stem) = [".mjs", ".cjs", ".js"]
            .iter()
            .find_map(|ext| name.strip_suffix(ext))
        else {
            continue;
        };
        let is_test = stem == "test"
            || stem.starts_with("test-")
            || [".test", "-test", "_test"]
                .iter()
                .any(|s| stem.ends_with(s) && stem.len() > s.len());
        if is_test {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Serves www/, dist/ and tests/e2e/site/ on an ephemeral loopback port and
/// runs the node:test suites in tests/e2e/ against it. The command-line tool
/// (debug build, as the native tests left it: then this build does nothing)
/// is passed to them in `CHRONOSCOPE_CLI`.
fn e2e() -> Result {
    tools::require_node()?;
    let root = repo_root();
    run(&mut cargo(&[
        "build",
        "-p",
        "chronoscope",
        "--bin",
        "chronoscope",
    ]))?;
    let cli = crate::util::target_dir().join("debug").join("chronoscope");
    let files = node_test_files(&root.join("tests/e2e"));
    if files.is_empty() {
        return Err("no test files in tests/e2e/ (expected *.test.mjs)".into());
    }
    let roots = vec![
        root.join("www"),
        root.join("dist"),
        root.join("tests/e2e/site"),
    ];
    let server = Server::start(roots, 0, Logging::Failures)
        .map_err(|e| format!("cannot start the static server on 127.0.0.1: {e}"))?;
    println!("serving www/, dist/, tests/e2e/site/ on {}", server.url());
    let mut cmd = Command::new("node");
    cmd.env("CHRONOSCOPE_URL", server.url())
        .env("CHRONOSCOPE_CLI", &cli)
        .arg("--test")
        .args(files.iter().map(|f| f.strip_prefix(&root).unwrap_or(f)))
        .current_dir(&root);
    let result = run(&mut cmd);
    server.stop();
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn node_test_file_names() {
        let dir = crate::util::target_dir()
            .join("xtask-test")
            .join(format!("e2e-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::create_dir_all(dir.join("node_modules")).unwrap();
        for name in [
            "smoke.test.mjs",
            "browser.mjs",
            "test.js",
            "test-a.cjs",
            "b_test.mjs",
            "sub/c-test.mjs",
            "node_modules/x.test.mjs",
            "notes.txt",
            ".test.mjs",
        ] {
            fs::write(dir.join(name), "").unwrap();
        }
        let found: Vec<String> = node_test_files(&dir)
            .iter()
            .map(|p| p.strip_prefix(&dir).unwrap().display().to_string())
            .collect();
        let _ = fs::remove_dir_all(&dir);
        assert_eq!(
            found,
            [
                "b_test.mjs",
                "smoke.test.mjs",
                "sub/c-test.mjs",
                "test-a.cjs",
                "test.js"
            ]
        );
    }
}
