#![no_main]
//! Fuzz target `parse_data`: see `tests/common/fuzz_checks.rs`.

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/fuzz_checks.rs"]
mod fuzz_checks;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        fuzz_checks::formats::read(text);
    }
});
