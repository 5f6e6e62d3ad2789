//! Bytes in and out: every input format the widget and the CLI read (our
//! dataset JSON, the series CSV, TimelineJS 3/2 JSON and its sheet CSV, HTML
//! fragments), the JSON parser under them, the documented limits, and the
//! writers. [`read`] tells the formats apart and dispatches.

pub mod csv_series;
pub mod dataset;
pub mod dataset_json;
pub mod html;
pub mod json;
pub mod limits;
pub mod load;
pub mod timelinejs;
pub mod write_json;

use crate::core::data::error::ChronoError;
use crate::core::data::model::{Dataset, Loaded};

/// Reads data in any form the widget takes: dataset JSON, TimelineJS3
/// JSON (told apart by its shape, [`timelinejs::looks_like_json`]),
/// or CSV — text that does not open with `{` or `[` and whose first line
/// has a comma: a TimelineJS sheet when its header has Year and Headline
/// columns, else a series CSV ([`csv_series`]). `Err` only for
/// fatal problems.
pub fn read(text: &str) -> Result<Loaded, ChronoError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text).trim_start();
    let first_line = body.lines().next().unwrap_or("");
    if body.starts_with(['{', '[']) || !first_line.contains(',') {
        if timelinejs::looks_like_json(text) {
            return timelinejs::parse_json(text);
        }
        return dataset::parse_dataset(text);
    }
    if timelinejs::looks_like_sheet(text) {
        return timelinejs::parse_sheet(text);
    }
    let csv = csv_series::parse_series_csv(text)?;
    Ok(Loaded {
        dataset: Dataset {
            series: csv.series,
            ..Dataset::default()
        },
        errors: csv.errors,
        suppressed: csv.suppressed,
    })
}
