//! `chronoscope convert FILE --to json [-o OUT]`: any data the widget reads,
//! written as dataset JSON by the core's writer for people
//! (`core::write_json`: pretty, keys in the documented order).

use super::args::ConvertArgs;
use super::{read_data, report, write_output, Fail, Limits, EXIT_PROBLEMS};
use crate::core::formats::write_json::dataset_json;

/// Writes the usable part of the data; problems go to standard error.
pub fn run(a: &ConvertArgs) -> Result<u8, Fail> {
    let read = read_data(
        &a.input,
        if a.no_limits {
            Limits::Lift
        } else {
            Limits::Apply
        },
    )?;
    for l in report(&read) {
        eprintln!("{l}");
    }
    let Ok(loaded) = &read.data else {
        return Ok(EXIT_PROBLEMS);
    };
    let json = dataset_json(&loaded.dataset);
    write_output(a.output.as_deref(), json.as_bytes())?;
    Ok(if read.is_clean() { 0 } else { EXIT_PROBLEMS })
}
