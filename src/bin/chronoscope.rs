//! `chronoscope`, the command-line tool (docs/cli.md). All of it lives in
//! `chronoscope::cli`; this file only hands it the process.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    chronoscope::cli::main()
}

/// The tool is native only; a wasm32 build of every target (e.g. clippy's
/// `--all-targets`) gets this empty stub.
#[cfg(target_arch = "wasm32")]
fn main() {}
