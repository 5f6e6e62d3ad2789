//! The one path from bytes to a loaded dataset, shared by the widget (a
//! `src` fetch, inline data, `setData`) and the command line: the size
//! limit, UTF-8, [`read`](super::read), the count limits, and the rule
//! that data leaving nothing to show is refused (`no_data`).

use super::limits;
use crate::core::data::error::{ChronoError, ErrorCode};
use crate::core::data::model::Loaded;

/// Whether the documented limits apply. The widget and `chronoscope
/// validate` always apply them; `chronoscope convert --no-limits` may lift
/// the size and count limits for a file it only rewrites.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limits {
    Apply,
    Lift,
}

/// Reads `bytes` (named `name` in messages: a URL, a file name, "the
/// data") as any format the widget takes. `Err` only for fatal problems.
pub fn load(name: &str, bytes: &[u8], lim: Limits) -> Result<Loaded, ChronoError> {
    if lim == Limits::Apply {
        limits::check_bytes(name, bytes.len())?;
    }
    let text =
        std::str::from_utf8(bytes).map_err(|e| encoding_error(name, bytes, e.valid_up_to()))?;
    load_text(name, text, lim)
}

/// [`load`] of text already decoded.
pub fn load_text(name: &str, text: &str, lim: Limits) -> Result<Loaded, ChronoError> {
    if lim == Limits::Apply {
        limits::check_bytes(name, text.len())?;
    }
    let loaded = super::read(text)?;
    if lim == Limits::Apply {
        limits::check_dataset(&loaded.dataset)?;
    }
    if loaded.dataset.is_empty() && !loaded.errors.is_empty() {
        return Err(ChronoError::no_data(&loaded.errors, loaded.suppressed));
    }
    Ok(loaded)
}

/// `bad_encoding` at the line and column (in characters) of byte `at`.
pub fn encoding_error(name: &str, bytes: &[u8], at: usize) -> ChronoError {
    let good = bytes
        .get(..at)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("");
    let line = good.matches('\n').count() + 1;
    let column = good.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    ChronoError {
        code: ErrorCode::BadEncoding,
        message: format!(
            "{name} is not UTF-8 text (invalid byte at offset {at}); byte 0x{:02X} cannot start or \
             continue a character: save it as UTF-8",
            bytes.get(at).copied().unwrap_or(0)
        ),
        path: None,
        line: u32::try_from(line).ok(),
        column: u32::try_from(column).ok(),
        fatal: true,
    }
}

#[cfg(test)]
mod tests;
