//! Project automation for Chronoscope, run as `cargo xtask <command>`.
//! See docs/commands.md.

mod bench;
mod bench_data;
mod budget;
mod build;
mod fuzz;
mod lint;
mod package;
mod pipeline;
mod serve;
mod size;
mod soak;
mod tools;
mod util;

use std::process::ExitCode;
use util::Result;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  build [--dev]                  compile to wasm32 and write dist/ (release unless --dev;
                                 a release dist/ is also the npm package);
                                 prints the shipped size, raw and gzip -9
  size [--no-build]              build (release), then what each crate, module and function
                                 costs in the shipped wasm (twiggy top and dominators, by
                                 crate and module), the shipped sizes (raw, gzip -9, brotli)
                                 and the size budget (xtask/size-budget.toml)
  serve [--port N] [--no-build]  build (release), then serve www/ and dist/ on
                                 http://127.0.0.1:N/ (default 8000)
  test                           install missing tools, then run every check and test
                                 (what CI runs: .ci/run)
  check                          architecture, unused deps, fmt, clippy (native and wasm32),
                                 docs, native tests, types
  bench [--quick] [--sizes A,B] [--runs N] [--no-peers] [--no-build] [--report-only]
                                 measure Chronoscope against vis-timeline, TimelineJS and
                                 a canvas floor in headless Chromium (issue 5), and the
                                 SIP story on a throttled phone against TimelineJS and the
                                 adversarial shapes (issue 15, full runs); writes
                                 target/bench/results.json (phone.json, adversarial.json)
                                 and, after a full run, BENCHMARKS.md
  bench --phone [--runs N] [--quick] [--no-build] [--report-only]
                                 only the phone measurement; rewrites its section of
                                 BENCHMARKS.md (with the default 5 rounds)
  bench --adversarial [--sizes A,B] [--runs N] [--quick] [--no-build] [--report-only]
                                 only the adversarial shapes (issue 15): setData + first
                                 paint at 10k and 100k events against the clean dataset;
                                 rewrites its section of BENCHMARKS.md (all datasets,
                                 the default 5 rounds)
  soak [--minutes N] [--no-build]
                                 random interaction with a 10k-event timeline in headless
                                 Chromium for N minutes (default 10), memory sampled each
                                 minute; fails on a page error or growing memory (issue 7)
  tools                          only install what is missing (step 1 of test)
  fuzz [--time SECS] [TARGET…]   run the cargo-fuzz targets of fuzz/ (all, or those
                                 named) for SECS seconds each (default 60) on nightly;
                                 not part of test (docs/testing.md)
";

fn main() -> ExitCode {
    util::ensure_cargo_bin_on_path();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nerror: {e}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(args: Vec<String>) -> Result {
    let mut args = Args(args);
    let Some(command) = args.next() else {
        print!("{USAGE}");
        return Ok(());
    };
    match command.as_str() {
        "build" => {
            let dev = args.flag("--dev");
            args.finish()?;
            tools::ensure_build_tools()?;
            build::build(!dev)
        }
        "size" => {
            let no_build = args.flag("--no-build");
            args.finish()?;
            size::size(no_build)
        }
        "serve" => {
            let port = match args.value("--port")? {
                Some(p) => p
                    .parse::<u16>()
                    .map_err(|_| format!("--port takes a port number, not `{p}`"))?,
                None => 8000,
            };
            let no_build = args.flag("--no-build");
            args.finish()?;
            serve(port, no_build)
        }
        "test" => {
            args.finish()?;
            pipeline::test()
        }
        "check" => {
            args.finish()?;
            pipeline::check()
        }
        "tools" => {
            args.finish()?;
            pipeline::tools()
        }
        "bench" => {
            let quick = args.flag("--quick");
            let sizes = args.value("--sizes")?.map(|v| {
                v.split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            });
            let runs = match args.value("--runs")? {
                Some(n) => Some(
                    n.parse::<usize>()
                        .ok()
                        .filter(|&n| n > 0)
                        .ok_or_else(|| format!("--runs takes a positive number, not `{n}`"))?,
                ),
                None => None,
            };
            let options = bench::Options {
                quick,
                sizes,
                runs,
                no_peers: args.flag("--no-peers"),
                no_build: args.flag("--no-build"),
                report_only: args.flag("--report-only"),
                phone: args.flag("--phone"),
                adversarial: args.flag("--adversarial"),
            };
            args.finish()?;
            bench::bench(options)
        }
        "fuzz" => {
            let secs = match args.value("--time")? {
                Some(n) => n.parse::<u64>().ok().filter(|&n| n > 0).ok_or_else(|| {
                    format!("--time takes a positive number of seconds, not `{n}`")
                })?,
                None => 60,
            };
            if let Some(flag) = args.0.iter().find(|a| a.starts_with('-')) {
                return Err(format!("unknown option `{flag}`\n\n{USAGE}"));
            }
            fuzz::fuzz(secs, std::mem::take(&mut args.0))
        }
        "soak" => {
            let minutes = match args.value("--minutes")? {
                Some(m) => m
                    .parse::<f64>()
                    .ok()
                    .filter(|m| m.is_finite() && *m > 0.0)
                    .ok_or_else(|| format!("--minutes takes a positive number, not `{m}`"))?,
                None => 10.0,
            };
            let no_build = args.flag("--no-build");
            args.finish()?;
            soak::soak(soak::Options { minutes, no_build })
        }
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    }
}

fn serve(port: u16, no_build: bool) -> Result {
    if !no_build {
        // On a fresh machine this is the first command a person runs.
        tools::ensure_build_tools()?;
        build::build(true)?;
    }
    let root = util::repo_root();
    let server = serve::Server::start(
        vec![root.join("www"), root.join("dist")],
        port,
        serve::Logging::All,
    )
    .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let url = server.url();
    println!("serving www/ then dist/ on {url}/ (127.0.0.1 only; Ctrl-C stops)");
    println!("  demo:    {url}/");
    println!("  English: {url}/en.html");
    println!("  iframe:  {url}/embed.html?src=data/sip.en.json&lang=en");
    server.wait();
    Ok(())
}

/// Minimal flag parsing: `--flag`, `--key value`, `--key=value`.
struct Args(Vec<String>);

impl Args {
    fn next(&mut self) -> Option<String> {
        (!self.0.is_empty()).then(|| self.0.remove(0))
    }

    fn flag(&mut self, name: &str) -> bool {
        let before = self.0.len();
        self.0.retain(|a| a != name);
        self.0.len() != before
    }

    fn value(&mut self, name: &str) -> Result<Option<String>> {
        let prefix = format!("{name}=");
        if let Some(i) = self.0.iter().position(|a| a.starts_with(&prefix)) {
            let arg = self.0.remove(i);
            return Ok(Some(arg[prefix.len()..].to_string()));
        }
        if let Some(i) = self.0.iter().position(|a| a == name) {
            if i + 1 >= self.0.len() {
                return Err(format!("{name} needs a value"));
            }
            self.0.remove(i);
            return Ok(Some(self.0.remove(i)));
        }
        Ok(None)
    }

    fn finish(self) -> Result {
        match self.0.first() {
            None => Ok(()),
            Some(extra) => Err(format!("unexpected argument `{extra}`\n\n{USAGE}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Args {
        Args(list.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn parses_flags_and_values() {
        let mut a = args(&["--port", "9000", "--no-build"]);
        assert_eq!(a.value("--port").unwrap().as_deref(), Some("9000"));
        assert!(a.flag("--no-build"));
        assert!(a.finish().is_ok());

        let mut a = args(&["--port=1"]);
        assert_eq!(a.value("--port").unwrap().as_deref(), Some("1"));
        assert!(args(&["--port"]).value("--port").is_err());
        assert!(args(&["--bogus"]).finish().is_err());
    }
}
