//! `cargo xtask soak [--minutes N] [--no-build]`: the soak test of issue 7
//! (not part of `cargo xtask test`). A 10k-event dataset from the bench
//! generator (`bench_data`), scripted random interaction in headless
//! Chromium for N minutes (default 10), memory and DOM counts sampled each
//! minute; fails on any page error or on growth beyond the tolerances
//! `benches/soak.mjs` states. Writes `target/soak/results.json` and prints
//! the table (docs/commands.md, BENCHMARKS.md "Soak").

use crate::bench_data::{self, Spec};
use crate::build;
use crate::serve::{Logging, Server};
use crate::tools;
use crate::util::{repo_root, run, target_dir, Result};
use std::path::Path;
use std::process::Command;

/// What `cargo xtask soak` was asked for.
pub struct Options {
    pub minutes: f64,
    pub no_build: bool,
}

pub fn soak(o: Options) -> Result {
    tools::require_node()?;
    if !Path::new(tools::CHROMIUM).exists() {
        return Err(format!(
            "{} is missing: `cargo xtask tools` installs it",
            tools::CHROMIUM
        ));
    }
    if !o.no_build {
        tools::ensure_build_tools()?;
        build::build(true)?;
    }
    let dist = build::dist_dir();
    if !dist.join("chronoscope_wasm_bg.wasm").is_file() {
        return Err(format!(
            "{} has no build: run `cargo xtask build` (or drop --no-build)",
            dist.display()
        ));
    }
    let data_dir = bench_data::data_dir(&target_dir());
    let spec = Spec {
        name: "events-10k".into(),
        events: 10_000,
        series_points: 0,
        series: 0,
        peers: true,
        shape: bench_data::Shape::Clean,
    };
    bench_data::ensure(&data_dir, &spec)?;
    let root = repo_root();
    let server = Server::start(
        vec![root.join("benches/soak"), dist, data_dir],
        0,
        Logging::Failures,
    )
    .map_err(|e| format!("cannot start the static server on 127.0.0.1: {e}"))?;
    let out = target_dir().join("soak");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    println!(
        "soak: {} minute(s) on {} (benches/soak/, dist/, the bench data)",
        o.minutes,
        server.url()
    );
    let result = run(Command::new("node")
        .arg("benches/soak.mjs")
        .arg(server.url())
        .arg(o.minutes.to_string())
        .arg(out.join("results.json"))
        .current_dir(&root));
    server.stop();
    result
}
