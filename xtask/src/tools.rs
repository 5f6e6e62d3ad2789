//! Step 1 of `cargo xtask test`: install whatever a fresh Debian machine is
//! missing. Every check is cheap, so a second run installs nothing.

use crate::util::{capture, repo_root, run, Result};
use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const CJK_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const APT_PACKAGES: [&str; 3] = ["chromium", "chromium-driver", "fonts-noto-cjk"];
/// cargo-machete, for the step "unused deps" (the newest release when it was
/// pinned; `cargo info cargo-machete` shows the latest).
pub const CARGO_MACHETE_VERSION: &str = "0.9.2";
/// twiggy, the WebAssembly size profiler `cargo xtask size` runs (the newest
/// release when it was pinned; `cargo info twiggy` shows the latest). Only
/// `size` needs it, so only `size` installs it (about 1.5 min to compile on
/// the 2-core machine); the test run does not.
pub const TWIGGY_VERSION: &str = "0.8.0";

/// Installs what `cargo xtask build` (and so `serve`) needs that is not there
/// yet: the wasm32 target, wasm-bindgen-cli at the locked version, and the npm
/// packages (binaryen's wasm-opt). The browser is only needed for tests.
pub fn ensure_build_tools() -> Result {
    ensure_wasm_target()?;
    ensure_wasm_bindgen_cli()?;
    ensure_node_modules()?;
    Ok(())
}

/// Installs everything the test run needs that is not there yet.
pub fn ensure_all() -> Result {
    ensure_rust_components()?;
    ensure_wasm_target()?;
    ensure_wasm_bindgen_cli()?;
    ensure_cargo_machete()?;
    ensure_apt_packages()?;
    ensure_node_modules()?;
    Ok(())
}

fn ensure_rust_components() -> Result {
    let has = |tool: &str| capture(Command::new("cargo").args([tool, "--version"])).is_some();
    let missing: Vec<&str> = ["fmt", "clippy"]
        .into_iter()
        .filter(|tool| !has(tool))
        .collect();
    if missing.is_empty() {
        println!("tools: rustfmt and clippy present");
        return Ok(());
    }
    println!("tools: cargo {} missing", missing.join(", cargo "));
    run(Command::new("rustup").args(["component", "add", "rustfmt", "clippy"]))
}

/// True when the active toolchain has the standard library for wasm32.
pub fn has_wasm_target() -> bool {
    let Some(sysroot) = capture(Command::new("rustc").args(["--print", "sysroot"])) else {
        return false;
    };
    Path::new(&sysroot)
        .join("lib/rustlib")
        .join(WASM_TARGET)
        .join("lib")
        .is_dir()
}

fn ensure_wasm_target() -> Result {
    if has_wasm_target() {
        println!("tools: target {WASM_TARGET} present");
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// The version of the `wasm-bindgen` package in Cargo.lock.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    let path = repo_root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let versions = locked_versions(&lock, "wasm-bindgen");
    match versions.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err("Cargo.lock has no `wasm-bindgen` package".into()),
        many => Err(format!(
            "Cargo.lock has several `wasm-bindgen` versions ({}); the CLI must match exactly one",
            many.join(", ")
        )),
    }
}

/// Every `version` recorded for package `name` in a Cargo.lock text.
fn locked_versions(lock: &str, name: &str) -> Vec<String> {
    let mut versions = Vec::new();
    for block in lock.split("[[package]]").skip(1) {
        let field = |key: &str| {
            block.lines().find_map(|line| {
                let (k, v) = line.split_once('=')?;
                (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
            })
        };
        if field("name").as_deref() == Some(name) {
            if let Some(v) = field("version") {
                if !versions.contains(&v) {
                    versions.push(v);
                }
            }
        }
    }
    versions
}

/// `Some("0.2.130")` from `wasm-bindgen 0.2.130`, `None` if not installed.
pub fn installed_version(program: &str) -> Option<String> {
    let out = capture(Command::new(program).arg("--version"))?;
    out.split_whitespace().nth(1).map(str::to_string)
}

fn ensure_wasm_bindgen_cli() -> Result {
    let wanted = locked_wasm_bindgen_version()?;
    let cli = installed_version("wasm-bindgen");
    let runner = installed_version("wasm-bindgen-test-runner");
    if cli.as_deref() == Some(&wanted) && runner.as_deref() == Some(&wanted) {
        println!("tools: wasm-bindgen-cli {wanted} present (matches Cargo.lock)");
        return Ok(());
    }
    println!(
        "tools: wasm-bindgen-cli must be {wanted} (Cargo.lock); found wasm-bindgen {}, wasm-bindgen-test-runner {}",
        cli.as_deref().unwrap_or("none"),
        runner.as_deref().unwrap_or("none"),
    );
    run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &wanted]))?;
    let now = installed_version("wasm-bindgen");
    if now.as_deref() != Some(&wanted) {
        return Err(format!(
            "installed wasm-bindgen-cli {wanted}, but `wasm-bindgen --version` now says {}: is another wasm-bindgen earlier on PATH?",
            now.as_deref().unwrap_or("nothing")
        ));
    }
    Ok(())
}

/// The version `cargo-machete --version` prints (`0.9.2`), `None` if it is
/// not installed.
fn cargo_machete_version() -> Option<String> {
    let out = capture(Command::new("cargo-machete").arg("--version"))?;
    out.split_whitespace().last().map(str::to_string)
}

fn ensure_cargo_machete() -> Result {
    let found = cargo_machete_version();
    if found.as_deref() == Some(CARGO_MACHETE_VERSION) {
        println!("tools: cargo-machete {CARGO_MACHETE_VERSION} present");
        return Ok(());
    }
    println!(
        "tools: cargo-machete must be {CARGO_MACHETE_VERSION}; found {}",
        found.as_deref().unwrap_or("none")
    );
    run(Command::new("cargo").args([
        "install",
        "cargo-machete",
        "--locked",
        "--version",
        CARGO_MACHETE_VERSION,
    ]))
}

/// Fails, saying how to install it, when cargo-machete is not the pinned
/// version (`cargo xtask check` installs nothing).
pub fn require_cargo_machete() -> Result {
    match cargo_machete_version() {
        Some(v) if v == CARGO_MACHETE_VERSION => Ok(()),
        found => Err(format!(
            "cargo-machete {CARGO_MACHETE_VERSION} is needed (found {}): \
             `cargo install cargo-machete --locked --version {CARGO_MACHETE_VERSION}` \
             (or `cargo xtask tools`)",
            found.as_deref().unwrap_or("none")
        )),
    }
}

/// The version `twiggy --version` prints (`twiggy-opt 0.8.0`), `None` if
/// it is not installed.
fn twiggy_version() -> Option<String> {
    let out = capture(Command::new("twiggy").arg("--version"))?;
    out.split_whitespace().last().map(str::to_string)
}

/// Installs twiggy at [`TWIGGY_VERSION`] when `twiggy --version` says
/// anything else (or nothing): `cargo install twiggy --locked --version V`.
pub fn ensure_twiggy() -> Result {
    let found = twiggy_version();
    if found.as_deref() == Some(TWIGGY_VERSION) {
        println!("tools: twiggy {TWIGGY_VERSION} present");
        return Ok(());
    }
    println!(
        "tools: twiggy must be {TWIGGY_VERSION}; found {}",
        found.as_deref().unwrap_or("none")
    );
    run(Command::new("cargo").args([
        "install",
        "twiggy",
        "--locked",
        "--version",
        TWIGGY_VERSION,
    ]))?;
    match twiggy_version() {
        Some(v) if v == TWIGGY_VERSION => Ok(()),
        now => Err(format!(
            "installed twiggy {TWIGGY_VERSION}, but `twiggy --version` now says {}: is another \
             twiggy earlier on PATH?",
            now.as_deref().unwrap_or("nothing")
        )),
    }
}

/// How to run a command as root: nothing when root, `sudo -n` when
/// password-less sudo works, an error otherwise.
fn root_prefix() -> Result<Vec<&'static str>> {
    if capture(Command::new("id").arg("-u")).as_deref() == Some("0") {
        return Ok(vec![]);
    }
    if capture(Command::new("sudo").args(["-n", "true"])).is_some() {
        return Ok(vec!["sudo", "-n"]);
    }
    Err(format!(
        "installing {} needs root: this is not root and `sudo -n` does not work; \
         run as root, or install them yourself with `apt-get install {}`",
        APT_PACKAGES.join(", "),
        APT_PACKAGES.join(" ")
    ))
}

fn apt_get(prefix: &[&str], args: &[&str]) -> Command {
    let mut cmd;
    if prefix.is_empty() {
        cmd = Command::new("apt-get");
        cmd.env("DEBIAN_FRONTEND", "noninteractive");
    } else {
        // sudo resets the environment; `env` carries the variable through.
        cmd = Command::new(prefix[0]);
        cmd.args(&prefix[1..])
            .args(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]);
    }
    cmd.args(args);
    cmd
}

fn ensure_apt_packages() -> Result {
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER, CJK_FONT]
        .into_iter()
        .filter(|path| !Path::new(path).exists())
        .collect();
    if missing.is_empty() {
        println!("tools: chromium, chromedriver and Noto CJK fonts present");
        return Ok(());
    }
    println!("tools: missing {}", missing.join(", "));
    let prefix = root_prefix()?;
    run(&mut apt_get(&prefix, &["update"]))?;
    let mut install = vec!["install", "-y"];
    install.extend(APT_PACKAGES);
    run(&mut apt_get(&prefix, &install))?;
    let still: Vec<&str> = [CHROMIUM, CHROMEDRIVER, CJK_FONT]
        .into_iter()
        .filter(|path| !Path::new(path).exists())
        .collect();
    if !still.is_empty() {
        return Err(format!(
            "apt-get install succeeded but {} is still missing",
            still.join(", ")
        ));
    }
    Ok(())
}

/// Fails with a clear message when `node` or `npm` is not on PATH.
pub fn require_node() -> Result {
    for tool in ["node", "npm"] {
        if capture(Command::new(tool).arg("--version")).is_none() {
            return Err(format!(
                "`{tool}` was not found on PATH (or does not run): Node.js and npm are needed \
                 for wasm-opt (npm package binaryen) and the end-to-end tests (playwright-core); \
                 on Debian: apt-get install nodejs npm"
            ));
        }
    }
    Ok(())
}

fn modified(path: &Path) -> Option<SystemTime> {
    path.metadata().and_then(|m| m.modified()).ok()
}

/// True when `npm ci` must run: node_modules is missing or older than
/// package-lock.json. npm rewrites node_modules/.package-lock.json on every
/// install, so its time is when node_modules was last brought in line.
pub fn node_modules_stale(root: &Path) -> bool {
    let lock = root.join("package-lock.json");
    let modules = root.join("node_modules");
    if !modules.is_dir() {
        return true;
    }
    let installed = modified(&modules.join(".package-lock.json")).or_else(|| modified(&modules));
    match (installed, modified(&lock)) {
        (Some(installed), Some(lock)) => installed < lock,
        _ => true,
    }
}

fn ensure_node_modules() -> Result {
    require_node()?;
    let root = repo_root();
    if !node_modules_stale(&root) {
        println!("tools: node_modules up to date with package-lock.json");
        return Ok(());
    }
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&root))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "cfg-if",
]

[[package]]
name = "wasm-bindgen-backend"
version = "0.2.99"

[[package]]
name = "serde-wasm-bindgen"
version = "0.6.5"
"#;

    #[test]
    fn finds_the_locked_version() {
        assert_eq!(locked_versions(LOCK, "wasm-bindgen"), vec!["0.2.130"]);
        assert_eq!(
            locked_versions(LOCK, "wasm-bindgen-backend"),
            vec!["0.2.99"]
        );
        assert!(locked_versions(LOCK, "wasm").is_empty());
    }

    #[test]
    fn the_real_lock_file_has_one_wasm_bindgen() {
        let v = locked_wasm_bindgen_version().unwrap();
        assert!(v.starts_with("0.2."), "{v}");
    }

    #[test]
    fn apt_commands() {
        let root = apt_get(&[], &["install", "-y", "chromium"]);
        assert_eq!(
            crate::util::display(&root),
            "DEBIAN_FRONTEND=noninteractive apt-get install -y chromium"
        );
        let sudo = apt_get(&["sudo", "-n"], &["update"]);
        assert_eq!(
            crate::util::display(&sudo),
            "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update"
        );
    }
}
