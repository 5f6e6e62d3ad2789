//! `chronoscope validate FILE...`: every problem of each file, with its place.

use super::{read_data, report, Fail, Limits, EXIT_PROBLEMS};
use crate::core::data::model::Dataset;
use std::path::PathBuf;

/// Lists the problems of every file; 1 if any file has one. A file that
/// cannot be read stops the run (exit status 2).
pub fn run(files: &[PathBuf]) -> Result<u8, Fail> {
    let mut code = 0;
    for f in files {
        let read = read_data(f, Limits::Apply)?;
        let lines = report(&read);
        if lines.is_empty() {
            if let Ok(l) = &read.data {
                println!("{}: no problems ({})", read.name, contents(&l.dataset));
            }
        } else {
            code = EXIT_PROBLEMS;
            for l in lines {
                println!("{l}");
            }
        }
    }
    Ok(code)
}

/// `20 events, 2 eras, 3 series`.
fn contents(ds: &Dataset) -> String {
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    let mut parts = vec![n(ds.events.len(), "event", "events")];
    if !ds.eras.is_empty() {
        parts.push(n(ds.eras.len(), "era", "eras"));
    }
    parts.push(n(ds.series.len(), "series", "series"));
    parts.join(", ")
}
