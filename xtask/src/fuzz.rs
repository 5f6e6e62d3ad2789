//! `cargo xtask fuzz [--time SECS] [TARGET…]`: runs the cargo-fuzz targets
//! of `fuzz/` (docs/testing.md) one after the other, each for `SECS`
//! seconds (default 60), on the nightly toolchain. Installs cargo-fuzz when
//! it is missing. New inputs go to `target/fuzz-corpus/<target>/`; the
//! committed seeds in `fuzz/corpus/<target>/` are only read. A crash stops
//! the run with its input in `fuzz/artifacts/<target>/`; keep it as a
//! regression test in `tests/fuzz_regressions/<target>/`.

use crate::util::{self, Result};
use std::process::Command;

/// The targets, as `fuzz/Cargo.toml` declares them (`name = "…"` of each
/// `[[bin]]`).
pub fn targets() -> Result<Vec<String>> {
    let manifest = util::repo_root().join("fuzz/Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let mut names = Vec::new();
    let mut in_bin = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_bin = line == "[[bin]]";
        } else if let Some(v) = line.strip_prefix("name").map(str::trim_start) {
            if let (true, Some(v)) = (in_bin, v.strip_prefix('=')) {
                names.push(v.trim().trim_matches('"').to_string());
            }
        }
    }
    Ok(names)
}

pub fn fuzz(secs: u64, chosen: Vec<String>) -> Result {
    let all = targets()?;
    for t in &chosen {
        if !all.contains(t) {
            return Err(format!(
                "no fuzz target `{t}`; there are: {}",
                all.join(", ")
            ));
        }
    }
    let run = if chosen.is_empty() { all } else { chosen };
    if util::capture(Command::new("cargo").args(["+nightly", "--version"])).is_none() {
        return Err("fuzzing needs the nightly toolchain: rustup toolchain install nightly".into());
    }
    if util::capture(Command::new("cargo").args(["fuzz", "--version"])).is_none() {
        util::run(Command::new("cargo").args(["install", "cargo-fuzz"]))?;
    }
    let root = util::repo_root();
    for t in &run {
        let work = util::target_dir().join("fuzz-corpus").join(t);
        std::fs::create_dir_all(&work)
            .map_err(|e| format!("cannot create {}: {e}", work.display()))?;
        let mut cmd = Command::new("cargo");
        cmd.current_dir(&root)
            .env_remove("RUSTUP_TOOLCHAIN")
            .args(["+nightly", "fuzz", "run", t])
            .arg(&work)
            .arg(root.join("fuzz/corpus").join(t))
            .arg("--")
            .arg(format!("-max_total_time={secs}"))
            .args(["-rss_limit_mb=2048", "-timeout=10", "-max_len=16384"])
            .arg("-print_final_stats=1");
        util::run(&mut cmd).map_err(|e| {
            format!("{e}\nthe failing input is in fuzz/artifacts/{t}/ (docs/testing.md)")
        })?;
    }
    println!("fuzzed {} for {secs} s each: no crash", run.join(", "));
    Ok(())
}
