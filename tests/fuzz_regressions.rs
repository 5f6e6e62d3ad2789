//! Replays, through the fuzz targets' own checks, every input a fuzzer once
//! crashed on (`tests/fuzz_regressions/<target>/`) and every seed of the
//! fuzz corpora (`fuzz/corpus/<target>/`), so plain `cargo test` keeps the
//! findings fixed without the nightly toolchain or cargo-fuzz
//! (docs/testing.md).

#[path = "common/fuzz_checks.rs"]
mod fuzz_checks;

use std::path::Path;

fn replay(dir: &Path, check: fn(&str)) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut n = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        // The targets skip input that is not UTF-8, as the readers take &str.
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let caught = std::panic::catch_unwind(|| check(text));
            assert!(caught.is_ok(), "{} fails its check", path.display());
        }
        n += 1;
    }
    n
}

#[test]
fn fuzz_findings_stay_fixed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (target, check) in fuzz_checks::TARGETS {
        replay(&root.join("tests/fuzz_regressions").join(target), check);
    }
}

#[test]
fn fuzz_seeds_pass_the_checks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for (target, check) in fuzz_checks::TARGETS {
        n += replay(&root.join("fuzz/corpus").join(target), check);
    }
    assert!(n > 20, "only {n} seeds");
}
