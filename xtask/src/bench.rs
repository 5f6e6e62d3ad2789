//! `cargo xtask bench`: the measurement harness of issue 5 (not part of
//! `cargo xtask test`, which runs only [`smoke`]).
//!
//! Installs what is missing (the test run's step 1), builds the release
//! `dist/`, generates the datasets (`bench_data`, cached), serves
//! `benches/site/`, a copy of `dist/` (`target/bench/dist/`), the target
//! directory (datasets, recorded frames) and the repository root
//! (`node_modules/` for the peers) on an ephemeral 127.0.0.1 port, and runs
//! `node benches/run.mjs PLAN` (playwright-core driving Debian's Chromium).
//! The driver writes `target/bench/results.json` and prints the table; after
//! a full run `node benches/report.mjs` writes
//! `BENCHMARKS.md` from it. See docs/commands.md and BENCHMARKS.md.
//!
//! The phone measurement (issue 15; part of a full run, or alone with
//! `--phone`) is `node benches/phone.mjs PLAN`: the SIP story on a bare
//! article page against TimelineJS, cold, under Lighthouse's mobile profile,
//! served by its own node server (gzip and brotli, as a CDN would). It writes
//! `target/bench/phone.json`; its section of BENCHMARKS.md comes from
//! `benches/phone-report.mjs`.
//!
//! The adversarial shapes (issue 15; part of a full run, or alone with
//! `--adversarial`) are `node benches/adversarial.mjs PLAN`: Chronoscope's
//! `setData` and first paint on the datasets of
//! [`bench_data::adversarial_specs`], each against the clean dataset of its
//! size, in interleaved rounds. It writes `target/bench/adversarial.json`;
//! its section of BENCHMARKS.md comes from `benches/adversarial-report.mjs`.

use crate::bench_data::{self, json_str, Spec};
use crate::build;
use crate::serve::{Logging, Server};
use crate::tools;
use crate::util::{capture, fmt_duration, repo_root, run, target_dir, Result};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// What `cargo xtask bench` was asked for.
#[derive(Debug, Default, PartialEq)]
pub struct Options {
    /// Fewer runs (2 per dataset, 1 for the peers).
    pub quick: bool,
    /// Only these datasets (names as in the report: `events-10k`, `headline`…).
    pub sizes: Option<Vec<String>>,
    /// Runs per dataset for Chronoscope and the floor (the peers get at most 3).
    pub runs: Option<usize>,
    /// Leave out vis-timeline and TimelineJS.
    pub no_peers: bool,
    /// Skip the tool check and the build; use the `dist/` that is there.
    pub no_build: bool,
    /// Only write BENCHMARKS.md from the last results.json.
    pub report_only: bool,
    /// Only the phone measurement (issue 15).
    pub phone: bool,
    /// Only the adversarial shapes (issue 15).
    pub adversarial: bool,
}

impl Options {
    fn is_full(&self) -> bool {
        !self.quick
            && self.sizes.is_none()
            && self.runs.is_none()
            && !self.no_peers
            && !self.phone
            && !self.adversarial
    }

    /// Rounds of the adversarial shapes: 5 (2 with `--quick`, or `--runs`).
    fn adversarial_runs(&self) -> usize {
        match self.runs {
            Some(n) => n,
            None if self.quick => 2,
            None => ADVERSARIAL_RUNS,
        }
    }

    /// Rounds of the phone measurement: 5 (2 with `--quick`, or `--runs`).
    fn phone_runs(&self) -> usize {
        match self.runs {
            Some(n) => n,
            None if self.quick => 2,
            None => PHONE_RUNS,
        }
    }

    fn command_line(&self) -> String {
        let mut s = String::from("cargo xtask bench");
        if self.quick {
            s.push_str(" --quick");
        }
        if let Some(sizes) = &self.sizes {
            s.push_str(&format!(" --sizes {}", sizes.join(",")));
        }
        if let Some(n) = self.runs {
            s.push_str(&format!(" --runs {n}"));
        }
        if self.no_peers {
            s.push_str(" --no-peers");
        }
        if self.phone {
            s.push_str(" --phone");
        }
        if self.adversarial {
            s.push_str(" --adversarial");
        }
        if self.no_build {
            s.push_str(" --no-build");
        }
        s
    }
}

/// Rounds of the phone measurement in a full run (and `--phone`): each is
/// four cold loads (Chronoscope and TimelineJS, gzip then brotli).
const PHONE_RUNS: usize = 5;

fn out_dir() -> PathBuf {
    target_dir().join("bench")
}

fn results_path() -> PathBuf {
    out_dir().join("results.json")
}

fn phone_results_path() -> PathBuf {
    out_dir().join("phone.json")
}

fn adversarial_results_path() -> PathBuf {
    out_dir().join("adversarial.json")
}

/// Rounds of the adversarial shapes in a full run (and `--adversarial`):
/// each round loads every dataset once.
const ADVERSARIAL_RUNS: usize = 5;

/// The adversarial dataset the smoke test loads (once, no timing checked).
const SMOKE_ADVERSARIAL: &str = "undeclared-groups-10k";

/// The datasets `--sizes` names (all of them without it).
fn select(sizes: Option<&[String]>) -> Result<Vec<Spec>> {
    let all = bench_data::all_specs();
    let Some(sizes) = sizes else {
        return Ok(all);
    };
    let mut out = Vec::new();
    for name in sizes {
        match all.iter().find(|s| &s.name == name) {
            Some(s) => out.push(s.clone()),
            None => {
                let names: Vec<&str> = all.iter().map(|s| s.name.as_str()).collect();
                return Err(format!(
                    "--sizes: unknown dataset `{name}` (one of: {})",
                    names.join(", ")
                ));
            }
        }
    }
    // Measured in the canonical order, so the peers' skip rule holds.
    out.sort_by_key(|s| all.iter().position(|a| a == s));
    Ok(out)
}

/// The adversarial datasets `--sizes` names (all of them without it), in
/// the report's order.
fn select_adversarial(sizes: Option<&[String]>) -> Result<Vec<Spec>> {
    let all = bench_data::adversarial_specs();
    let Some(sizes) = sizes else {
        return Ok(all);
    };
    for name in sizes {
        if !all.iter().any(|s| &s.name == name) {
            let names: Vec<&str> = all.iter().map(|s| s.name.as_str()).collect();
            return Err(format!(
                "--sizes with --adversarial: unknown dataset `{name}` (one of: {})",
                names.join(", ")
            ));
        }
    }
    Ok(all
        .into_iter()
        .filter(|s| sizes.contains(&s.name))
        .collect())
}

/// The commit measured, and whether the working tree differs from it in
/// what the build reads.
fn commit() -> String {
    let root = repo_root();
    let head = capture(
        Command::new("git")
            .args(["rev-parse", "--short", "HEAD"])
            .current_dir(&root),
    )
    .unwrap_or_else(|| "unknown".into());
    let dirty = capture(
        Command::new("git")
            .args([
                "status",
                "--porcelain",
                "--",
                "src",
                "Cargo.toml",
                "Cargo.lock",
            ])
            .current_dir(&root),
    )
    .is_some_and(|s| !s.is_empty());
    if dirty {
        format!("{head} + uncommitted changes in src/")
    } else {
        head
    }
}

struct Plan<'a> {
    mode: &'a str,
    command: String,
    runs: (usize, usize, usize),
    contenders: Vec<&'a str>,
    specs: &'a [Spec],
    out: PathBuf,
}

fn write_plan(plan: &Plan, base_url: &str, dist: &Path) -> Result<PathBuf> {
    let root = repo_root();
    let target = target_dir();
    let data = bench_data::data_dir(&target);
    let rel = |p: &Path| -> String {
        let r = p.strip_prefix(&target).unwrap_or(p);
        format!("/{}", r.display())
    };
    let path_str = |p: &Path| json_str(&p.display().to_string());
    let mut datasets = Vec::new();
    for spec in plan.specs {
        let meta = bench_data::ensure(&data, spec)?;
        let url = |suffix: &str| json_str(&rel(&data.join(format!("{}{suffix}", spec.name))));
        datasets.push(format!(
            "{{\"name\":{},\"meta\":{},\"url\":{},\"visUrl\":{},\"tlUrl\":{},\"peers\":{}}}",
            json_str(&spec.name),
            path_str(&meta),
            url(".json"),
            url(".vis.json"),
            url(".tl.json"),
            spec.peers
        ));
    }
    let frames = out_dir().join("frames");
    let contenders: Vec<String> = plan.contenders.iter().map(|c| json_str(c)).collect();
    let json = format!(
        "{{\n \"mode\":{},\n \"command\":{},\n \"commit\":{},\n \"baseUrl\":{},\n \"repoRoot\":{},\n \"distDir\":{},\n \"targetDir\":{},\n \"out\":{},\n \"framesDir\":{},\n \"framesUrl\":{},\n \"runs\":{{\"chronoscope\":{},\"floor\":{},\"peers\":{}}},\n \"contenders\":[{}],\n \"datasets\":[\n  {}\n ]\n}}\n",
        json_str(plan.mode),
        json_str(&plan.command),
        json_str(&commit()),
        json_str(base_url),
        path_str(&root),
        path_str(dist),
        path_str(&target),
        path_str(&plan.out),
        path_str(&frames),
        json_str(&rel(&frames)),
        plan.runs.0,
        plan.runs.1,
        plan.runs.2,
        contenders.join(","),
        datasets.join(",\n  ")
    );
    fs::create_dir_all(out_dir())
        .map_err(|e| format!("cannot create {}: {e}", out_dir().display()))?;
    let path = out_dir().join(format!("plan-{}.json", plan.mode));
    fs::write(&path, json).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// What every driver needs: node, a built `dist/` and Chromium.
fn require_build_and_browser() -> Result<PathBuf> {
    tools::require_node()?;
    let dist = build::dist_dir();
    if !dist.join("chronoscope_wasm_bg.wasm").is_file() {
        return Err(format!(
            "{} has no build: run `cargo xtask build` (or drop --no-build)",
            dist.display()
        ));
    }
    if !Path::new(tools::CHROMIUM).exists() {
        return Err(format!(
            "{} is missing: `cargo xtask tools` installs it",
            tools::CHROMIUM
        ));
    }
    Ok(dist)
}

/// Serves the bench site and runs the driver on `plan`.
fn drive(plan: &Plan) -> Result {
    let dist = require_build_and_browser()?;
    let root = repo_root();
    // Datasets first (they may take a while the first time), then the server.
    let t = Instant::now();
    let data_dir = bench_data::data_dir(&target_dir());
    for spec in plan.specs {
        bench_data::ensure(&data_dir, spec)?;
    }
    println!(
        "bench: {} dataset(s) ready in {} ({})",
        plan.specs.len(),
        fmt_duration(t.elapsed()),
        data_dir.display()
    );
    // A copy of dist/, so a rebuild by someone else during the run cannot
    // mix two builds into one set of figures.
    let snapshot = out_dir().join("dist");
    copy_dir(&dist, &snapshot)?;
    let roots = vec![
        root.join("benches/site"),
        snapshot.clone(),
        target_dir(),
        root.clone(),
    ];
    let server = Server::start(roots, 0, Logging::Failures)
        .map_err(|e| format!("cannot start the static server on 127.0.0.1: {e}"))?;
    println!(
        "bench: serving benches/site/, dist/, target/, the repository on {}",
        server.url()
    );
    let plan_path = write_plan(plan, &server.url(), &snapshot)?;
    let result = run(Command::new("node")
        .arg("benches/run.mjs")
        .arg(plan_path.strip_prefix(&root).unwrap_or(&plan_path))
        .current_dir(&root));
    server.stop();
    result
}

/// What `benches/adversarial.mjs` is asked for.
struct AdversarialPlan<'a> {
    mode: &'a str,
    command: String,
    /// Rounds: each loads every dataset once, in order.
    runs: usize,
    specs: &'a [Spec],
    out: PathBuf,
}

/// Runs the adversarial shapes (issue 15): `node benches/adversarial.mjs`
/// on the bench site (`benches/site/chronoscope.html`), served as for
/// [`drive`].
fn drive_adversarial(plan: &AdversarialPlan) -> Result {
    let dist = require_build_and_browser()?;
    let root = repo_root();
    let target = target_dir();
    let data = bench_data::data_dir(&target);
    let t = Instant::now();
    let mut datasets = Vec::new();
    for spec in plan.specs {
        let meta = bench_data::ensure(&data, spec)?;
        let url = data.join(format!("{}.json", spec.name));
        let url = format!("/{}", url.strip_prefix(&target).unwrap_or(&url).display());
        datasets.push(format!(
            "{{\"name\":{},\"shape\":{},\"events\":{},\"meta\":{},\"url\":{}}}",
            json_str(&spec.name),
            json_str(spec.shape.label()),
            spec.events,
            json_str(&meta.display().to_string()),
            json_str(&url)
        ));
    }
    println!(
        "bench: {} adversarial dataset(s) ready in {} ({})",
        plan.specs.len(),
        fmt_duration(t.elapsed()),
        data.display()
    );
    let snapshot = out_dir().join("dist");
    copy_dir(&dist, &snapshot)?;
    let roots = vec![
        root.join("benches/site"),
        snapshot,
        target.clone(),
        root.clone(),
    ];
    let server = Server::start(roots, 0, Logging::Failures)
        .map_err(|e| format!("cannot start the static server on 127.0.0.1: {e}"))?;
    let json = format!(
        "{{\n \"mode\":{},\n \"command\":{},\n \"commit\":{},\n \"baseUrl\":{},\n \"runs\":{},\n \"out\":{},\n \"datasets\":[\n  {}\n ]\n}}\n",
        json_str(plan.mode),
        json_str(&plan.command),
        json_str(&commit()),
        json_str(&server.url()),
        plan.runs,
        json_str(&plan.out.display().to_string()),
        datasets.join(",\n  ")
    );
    let path = out_dir().join(format!("plan-adversarial-{}.json", plan.mode));
    let result = fs::write(&path, json)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
        .and_then(|()| {
            // A failed run must not leave the figures of an earlier one behind.
            let _ = fs::remove_file(&plan.out);
            run(Command::new("node")
                .arg("benches/adversarial.mjs")
                .arg(path.strip_prefix(&root).unwrap_or(&path))
                .current_dir(&root))
        });
    server.stop();
    result
}

/// `cargo xtask bench --adversarial`: the adversarial shapes alone; a run
/// of every dataset with the default rounds rewrites only its section of
/// BENCHMARKS.md.
fn bench_adversarial(o: &Options, started: Instant) -> Result {
    let root = repo_root();
    if o.no_peers || o.phone {
        return Err(
            "--adversarial takes only --sizes (its dataset names), --runs N, --quick, --no-build \
             and --report-only"
                .into(),
        );
    }
    if o.report_only {
        tools::require_node()?;
        return write_adversarial_section(&root);
    }
    let specs = select_adversarial(o.sizes.as_deref())?;
    if !o.no_build {
        let t = Instant::now();
        tools::ensure_all()?;
        println!("bench: tools ok in {}", fmt_duration(t.elapsed()));
        let t = Instant::now();
        build::build(true)?;
        println!("bench: release build in {}", fmt_duration(t.elapsed()));
    }
    let writes = !o.quick && o.runs.is_none() && o.sizes.is_none();
    drive_adversarial(&AdversarialPlan {
        mode: if writes { "adversarial" } else { "partial" },
        command: o.command_line(),
        runs: o.adversarial_runs(),
        specs: &specs,
        out: adversarial_results_path(),
    })?;
    if writes {
        write_adversarial_section(&root)?;
    } else {
        println!(
            "\nBENCHMARKS.md is written by runs of every dataset with {ADVERSARIAL_RUNS} rounds only; \
             `cargo xtask bench --adversarial --report-only` writes its section from these results ({}).",
            adversarial_results_path().display()
        );
    }
    println!("\nbench: done in {}", fmt_duration(started.elapsed()));
    Ok(())
}

/// Rewrites the adversarial section of BENCHMARKS.md from
/// `adversarial.json`, the rest of the file as it is.
fn write_adversarial_section(root: &Path) -> Result {
    let results = adversarial_results_path();
    if !results.is_file() {
        return Err(format!(
            "{} does not exist: run `cargo xtask bench --adversarial` first",
            results.display()
        ));
    }
    run(Command::new("node")
        .arg("benches/adversarial-report.mjs")
        .arg(&results)
        .args(["--write", "BENCHMARKS.md"])
        .current_dir(root))
}

/// What `benches/phone.mjs` is asked for.
struct PhonePlan<'a> {
    mode: &'a str,
    command: String,
    /// Rounds of loads (each: Chronoscope, TimelineJS, per encoding).
    runs: usize,
    /// `gzip`, `brotli`.
    encodings: &'a [&'a str],
    /// One uncounted load of each page first.
    warmup: bool,
    out: PathBuf,
}

/// Runs the phone measurement (issue 15): `node benches/phone.mjs`, which
/// serves the pages itself (node, for gzip and brotli) from a snapshot of
/// `dist/`.
fn drive_phone(plan: &PhonePlan) -> Result {
    let dist = require_build_and_browser()?;
    let root = repo_root();
    let snapshot = out_dir().join("phone-dist");
    copy_dir(&dist, &snapshot)?;
    let path_str = |p: &Path| json_str(&p.display().to_string());
    let encodings: Vec<String> = plan.encodings.iter().map(|e| json_str(e)).collect();
    let json = format!(
        "{{\n \"mode\":{},\n \"command\":{},\n \"commit\":{},\n \"runs\":{},\n \"encodings\":[{}],\n \"warmup\":{},\n \"repoRoot\":{},\n \"distDir\":{},\n \"out\":{}\n}}\n",
        json_str(plan.mode),
        json_str(&plan.command),
        json_str(&commit()),
        plan.runs,
        encodings.join(","),
        plan.warmup,
        path_str(&root),
        path_str(&snapshot),
        path_str(&plan.out),
    );
    let path = out_dir().join(format!("plan-phone-{}.json", plan.mode));
    fs::write(&path, json).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    // A failed run must not leave the figures of an earlier one behind.
    let _ = fs::remove_file(&plan.out);
    run(Command::new("node")
        .arg("benches/phone.mjs")
        .arg(path.strip_prefix(&root).unwrap_or(&path))
        .current_dir(&root))
}

/// `cargo xtask bench --phone`: the phone measurement alone; with the
/// default rounds it rewrites only its section of BENCHMARKS.md.
fn bench_phone(o: &Options, started: Instant) -> Result {
    let root = repo_root();
    if o.sizes.is_some() || o.no_peers {
        return Err("--phone takes only --runs N, --quick, --no-build and --report-only".into());
    }
    if o.report_only {
        tools::require_node()?;
        return write_phone_section(&root);
    }
    if !o.no_build {
        let t = Instant::now();
        tools::ensure_all()?;
        println!("bench: tools ok in {}", fmt_duration(t.elapsed()));
        let t = Instant::now();
        build::build(true)?;
        println!("bench: release build in {}", fmt_duration(t.elapsed()));
    }
    let writes = !o.quick && o.runs.is_none();
    drive_phone(&PhonePlan {
        mode: if writes { "phone" } else { "partial" },
        command: o.command_line(),
        runs: o.phone_runs(),
        encodings: &["gzip", "brotli"],
        warmup: true,
        out: phone_results_path(),
    })?;
    if writes {
        write_phone_section(&root)?;
    } else {
        println!(
            "\nBENCHMARKS.md is written by runs of {PHONE_RUNS} rounds only; \
             `cargo xtask bench --phone --report-only` writes its section from these results ({}).",
            phone_results_path().display()
        );
    }
    println!("\nbench: done in {}", fmt_duration(started.elapsed()));
    Ok(())
}

/// Rewrites the phone section of BENCHMARKS.md from `phone.json`, the rest
/// of the file as it is.
fn write_phone_section(root: &Path) -> Result {
    let results = phone_results_path();
    if !results.is_file() {
        return Err(format!(
            "{} does not exist: run `cargo xtask bench --phone` first",
            results.display()
        ));
    }
    run(Command::new("node")
        .arg("benches/phone-report.mjs")
        .arg(&results)
        .args(["--write", "BENCHMARKS.md"])
        .current_dir(root))
}

/// Replaces `to` with a copy of the files under `from`.
fn copy_dir(from: &Path, to: &Path) -> Result {
    let _ = fs::remove_dir_all(to);
    let fail = |p: &Path, e: std::io::Error| format!("cannot copy {}: {e}", p.display());
    fs::create_dir_all(to).map_err(|e| fail(to, e))?;
    for entry in fs::read_dir(from).map_err(|e| fail(from, e))? {
        let entry = entry.map_err(|e| fail(from, e))?;
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &dest)?;
        } else {
            fs::copy(&path, &dest).map_err(|e| fail(&path, e))?;
        }
    }
    Ok(())
}

/// `cargo xtask bench`.
pub fn bench(o: Options) -> Result {
    let started = Instant::now();
    let root = repo_root();
    if o.phone && o.adversarial {
        return Err("--phone and --adversarial are separate runs: give one of them".into());
    }
    if o.phone {
        return bench_phone(&o, started);
    }
    if o.adversarial {
        return bench_adversarial(&o, started);
    }
    if o.report_only {
        tools::require_node()?;
        return write_report(&root);
    }
    let specs = select(o.sizes.as_deref())?;
    if !o.no_build {
        let t = Instant::now();
        tools::ensure_all()?;
        println!("bench: tools ok in {}", fmt_duration(t.elapsed()));
        let t = Instant::now();
        build::build(true)?;
        println!("bench: release build in {}", fmt_duration(t.elapsed()));
    }
    let (c, f, p) = if o.quick { (2, 2, 1) } else { (5, 5, 3) };
    let runs = match o.runs {
        Some(n) => (n, n, n.min(3)),
        None => (c, f, p),
    };
    let mut contenders = vec!["chronoscope", "floor"];
    if !o.no_peers {
        contenders.extend(["vis-timeline", "timelinejs"]);
    }
    let mode = if o.is_full() {
        "full"
    } else if o.quick {
        "quick"
    } else {
        "partial"
    };
    let plan = Plan {
        mode,
        command: o.command_line(),
        runs,
        contenders,
        specs: &specs,
        out: results_path(),
    };
    drive(&plan)?;
    if o.is_full() {
        // The adversarial shapes and the phone measurement are part of a
        // full run; their sections go into the same report (a failure is
        // reported after the report is written).
        let specs = bench_data::adversarial_specs();
        let adversarial = drive_adversarial(&AdversarialPlan {
            mode: "full",
            command: o.command_line(),
            runs: ADVERSARIAL_RUNS,
            specs: &specs,
            out: adversarial_results_path(),
        });
        let phone = drive_phone(&PhonePlan {
            mode: "full",
            command: o.command_line(),
            runs: PHONE_RUNS,
            encodings: &["gzip", "brotli"],
            warmup: true,
            out: phone_results_path(),
        });
        write_report(&root)?;
        adversarial.map_err(|e| format!("the adversarial shapes failed: {e}"))?;
        phone.map_err(|e| format!("the phone measurement failed: {e}"))?;
    } else {
        println!(
            "\nBENCHMARKS.md is written by full runs only; `cargo xtask bench --report-only` \
             writes it from these results ({}).",
            results_path().display()
        );
    }
    println!("\nbench: done in {}", fmt_duration(started.elapsed()));
    Ok(())
}

fn write_report(root: &Path) -> Result {
    let results = results_path();
    if !results.is_file() {
        return Err(format!(
            "{} does not exist: run `cargo xtask bench` first",
            results.display()
        ));
    }
    let mut cmd = Command::new("node");
    cmd.arg("benches/report.mjs").arg(&results);
    let phone = phone_results_path();
    if phone.is_file() {
        cmd.arg("--phone").arg(&phone);
    }
    let adversarial = adversarial_results_path();
    if adversarial.is_file() {
        cmd.arg("--adversarial").arg(&adversarial);
    }
    run(cmd.args(["--write", "BENCHMARKS.md"]).current_dir(root))
}

/// The `bench (smoke)` step of `cargo xtask test`: the benchmark on 1k
/// events, one run of each contender, against the `dist/` the build step
/// made, one load of one adversarial shape at 10k events
/// ([`SMOKE_ADVERSARIAL`]), then one gzip load of each phone page. Fails
/// only if a run fails, the floor does not draw exactly the calls (and
/// primitives) recorded from Chronoscope, the adversarial load does not
/// finish with the events it should keep, or a phone page does not become
/// usable showing the story's 20 events; timings never fail it.
pub fn smoke() -> Result {
    let specs = select(Some(&["events-1k".to_string()]))?;
    let plan = Plan {
        mode: "smoke",
        command: "cargo xtask test (step bench smoke)".into(),
        runs: (1, 1, 1),
        // TimelineJS takes about 40 s for one run at 1k events, so the smoke
        // test leaves it to `cargo xtask bench`.
        contenders: vec!["chronoscope", "floor", "vis-timeline"],
        specs: &specs,
        out: out_dir().join("smoke.json"),
    };
    drive(&plan)?;
    let adversarial = select_adversarial(Some(&[SMOKE_ADVERSARIAL.to_string()]))?;
    drive_adversarial(&AdversarialPlan {
        mode: "smoke",
        command: "cargo xtask test (step bench smoke)".into(),
        runs: 1,
        specs: &adversarial,
        out: out_dir().join("adversarial-smoke.json"),
    })?;
    drive_phone(&PhonePlan {
        mode: "smoke",
        command: "cargo xtask test (step bench smoke)".into(),
        runs: 1,
        encodings: &["gzip"],
        warmup: false,
        out: out_dir().join("phone-smoke.json"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selects_datasets_in_canonical_order() {
        let all = select(None).unwrap();
        assert_eq!(all.len(), 8);
        assert_eq!(all[0].name, "events-1k");
        assert_eq!(all.last().unwrap().name, "headline");
        let some = select(Some(&["headline".into(), "events-10k".into()])).unwrap();
        let names: Vec<&str> = some.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["events-10k", "headline"]);
        assert!(select(Some(&["events-2k".into()])).is_err());
    }

    #[test]
    fn command_lines() {
        assert!(Options::default().is_full());
        assert_eq!(Options::default().command_line(), "cargo xtask bench");
        let o = Options {
            quick: true,
            sizes: Some(vec!["events-1k".into()]),
            ..Options::default()
        };
        assert!(!o.is_full());
        assert_eq!(
            o.command_line(),
            "cargo xtask bench --quick --sizes events-1k"
        );
        let p = Options {
            phone: true,
            ..Options::default()
        };
        assert!(!p.is_full());
        assert_eq!(p.phone_runs(), PHONE_RUNS);
        assert_eq!(p.command_line(), "cargo xtask bench --phone");
        let q = Options {
            phone: true,
            quick: true,
            ..Options::default()
        };
        assert_eq!(q.phone_runs(), 2);
        let a = Options {
            adversarial: true,
            ..Options::default()
        };
        assert!(!a.is_full());
        assert_eq!(a.adversarial_runs(), ADVERSARIAL_RUNS);
        assert_eq!(a.command_line(), "cargo xtask bench --adversarial");
    }

    #[test]
    fn selects_adversarial_datasets() {
        assert_eq!(select_adversarial(None).unwrap().len(), 12);
        let some =
            select_adversarial(Some(&["one-date-100k".into(), "clean-100k".into()])).unwrap();
        let names: Vec<&str> = some.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["clean-100k", "one-date-100k"]);
        assert!(select_adversarial(Some(&["events-10k".into()])).is_err());
        assert!(select_adversarial(Some(&[SMOKE_ADVERSARIAL.into()])).is_ok());
    }
}
