//! The documented limits of what one timeline reads (docs/api.md,
//! "Limits"). Beyond them the widget shows a `too_large` message instead of
//! freezing the tab or running out of memory. Chosen from measurements on
//! the benchmark machine (BENCHMARKS.md, "Limits"): a 1 M-event file is
//! 102 MB and loads in 2.6–5.7 s (idle or busy machine) into 305 MB of
//! WebAssembly memory; 2 M events (206 MB) took 12.6 s and 611 MB, 3 M
//! (310 MB) 23 s and 889 MB — a frozen tab, and near the 1–4 GB a tab may
//! have. So the limit sits a little above the 1 M-event benchmark.

use super::error::{ChronoError, ErrorCode};
use super::model::Dataset;

/// The largest dataset file (UTF-8 bytes) the widget reads: 128 MiB
/// (134 MB, about 1.3 M events of the benchmark's kind).
/// Checked against `Content-Length` before the download, while the body
/// arrives, and on the bytes `setData` is given, before anything is parsed.
pub const MAX_DATA_BYTES: usize = 128 << 20;

/// The most events one timeline holds (after a load, `addEvents`).
pub const MAX_EVENTS: usize = 1_500_000;

/// The most series points one timeline holds, all series together (after a
/// load, `appendPoints`).
pub const MAX_POINTS: usize = 10_000_000;

fn mb(bytes: f64) -> String {
    format!("{:.0} MB", bytes / 1e6)
}

/// The error for `bytes` of data (`what` names it: a URL, "the data").
pub fn too_many_bytes(what: &str, bytes: f64) -> ChronoError {
    ChronoError::new(
        ErrorCode::TooLarge,
        format!(
            "{what} is {} ({bytes:.0} bytes); a timeline reads at most {} ({MAX_DATA_BYTES} bytes)",
            mb(bytes),
            mb(MAX_DATA_BYTES as f64)
        ),
        true,
    )
}

/// The error for a download without a (true) length that went past the
/// limit while it arrived.
pub fn too_many_bytes_arriving(what: &str) -> ChronoError {
    ChronoError::new(
        ErrorCode::TooLarge,
        format!(
            "{what} is larger than {} (the download was stopped there); a timeline reads at most {} ({MAX_DATA_BYTES} bytes)",
            mb(MAX_DATA_BYTES as f64),
            mb(MAX_DATA_BYTES as f64)
        ),
        true,
    )
}

/// `Err` when `bytes` is over [`MAX_DATA_BYTES`].
pub fn check_bytes(what: &str, bytes: usize) -> Result<(), ChronoError> {
    if bytes > MAX_DATA_BYTES {
        Err(too_many_bytes(what, bytes as f64))
    } else {
        Ok(())
    }
}

/// Total series points of a dataset.
pub fn points(ds: &Dataset) -> usize {
    ds.series.iter().map(|s| s.t.len()).sum()
}

/// `Err` when `events` events or `points` points are over the limits.
pub fn check_counts(events: usize, points: usize, fatal: bool) -> Result<(), ChronoError> {
    if events > MAX_EVENTS {
        return Err(ChronoError::new(
            ErrorCode::TooLarge,
            format!("{events} events are more than a timeline holds (at most {MAX_EVENTS})"),
            fatal,
        ));
    }
    if points > MAX_POINTS {
        return Err(ChronoError::new(
            ErrorCode::TooLarge,
            format!(
                "{points} series points are more than a timeline holds (at most {MAX_POINTS}, all series together)"
            ),
            fatal,
        ));
    }
    Ok(())
}

/// `Err` (fatal) when a parsed dataset is over the limits.
pub fn check_dataset(ds: &Dataset) -> Result<(), ChronoError> {
    check_counts(ds.events.len(), points(ds), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_and_counts() {
        assert!(check_bytes("x", MAX_DATA_BYTES).is_ok());
        let e = check_bytes("data.json", MAX_DATA_BYTES + 1).unwrap_err();
        assert_eq!(e.code, ErrorCode::TooLarge);
        assert!(e.fatal);
        assert!(e.message.contains("data.json is 134 MB"), "{}", e.message);
        assert!(check_counts(MAX_EVENTS, MAX_POINTS, true).is_ok());
        assert_eq!(
            check_counts(MAX_EVENTS + 1, 0, false).unwrap_err().code,
            ErrorCode::TooLarge
        );
        assert!(!check_counts(0, MAX_POINTS + 1, false).unwrap_err().fatal);
    }
}
