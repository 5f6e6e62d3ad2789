//! Errors as values: every problem that can reach a page is a [`ChronoError`]
//! with a stable [`ErrorCode`], an English message, and — for data errors —
//! the JSON path and 1-based line/column of the offending value.

use serde::Serialize;
use std::fmt;

/// Stable error codes; `docs/dataset.md` lists them with their meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    JsonSyntax,
    WrongType,
    UnsupportedVersion,
    MissingField,
    BadTime,
    EndBeforeStart,
    NonFinite,
    BadValue,
    DuplicateId,
    UnknownGroup,
    BadUrl,
    BadColor,
    PointsLength,
    NoSource,
    FetchFailed,
    HttpStatus,
    BadEncoding,
    /// The dataset did not arrive within the load timeout.
    Timeout,
    /// The dataset is beyond the documented limits (`core::limits`).
    TooLarge,
    /// The data leaves nothing to show: none of the formats, or every
    /// item skipped.
    NoData,
    BadArgument,
    /// Reported by the JavaScript loader when the WebAssembly cannot load.
    WasmUnavailable,
    /// An API call on a timeline that was removed from the page.
    Destroyed,
    Internal,
}

impl ErrorCode {
    /// The code as JavaScript sees it (`error.code`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::JsonSyntax => "json_syntax",
            ErrorCode::WrongType => "wrong_type",
            ErrorCode::UnsupportedVersion => "unsupported_version",
            ErrorCode::MissingField => "missing_field",
            ErrorCode::BadTime => "bad_time",
            ErrorCode::EndBeforeStart => "end_before_start",
            ErrorCode::NonFinite => "non_finite",
            ErrorCode::BadValue => "bad_value",
            ErrorCode::DuplicateId => "duplicate_id",
            ErrorCode::UnknownGroup => "unknown_group",
            ErrorCode::BadUrl => "bad_url",
            ErrorCode::BadColor => "bad_color",
            ErrorCode::PointsLength => "points_length",
            ErrorCode::NoSource => "no_source",
            ErrorCode::FetchFailed => "fetch_failed",
            ErrorCode::HttpStatus => "http_status",
            ErrorCode::NoData => "no_data",
            ErrorCode::BadEncoding => "bad_encoding",
            ErrorCode::Timeout => "timeout",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::BadArgument => "bad_argument",
            ErrorCode::WasmUnavailable => "wasm_unavailable",
            ErrorCode::Destroyed => "destroyed",
            ErrorCode::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem, as reported to the page (the `error` event's `detail`, or
/// the `Error` thrown by an API call).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChronoError {
    pub code: ErrorCode,
    pub message: String,
    /// JSON path of the offending value, e.g. `events[3].start`; `""` is the root.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// 1-based line of the offending value in the dataset text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column (in characters) of the offending value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// True when the dataset (or the widget) cannot be used at all.
    pub fatal: bool,
}

impl ChronoError {
    /// An error without a location.
    pub fn new(code: ErrorCode, message: impl Into<String>, fatal: bool) -> Self {
        ChronoError {
            code,
            message: message.into(),
            path: None,
            line: None,
            column: None,
            fatal,
        }
    }

    /// `"at events[3].start (line 12, column 18)"` or "" when nothing is known.
    pub fn location(&self) -> String {
        let mut out = String::new();
        if let Some(path) = &self.path {
            out.push_str("at ");
            out.push_str(if path.is_empty() { "(root)" } else { path });
        }
        if let (Some(line), Some(column)) = (self.line, self.column) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&format!("(line {line}, column {column})"));
        }
        out
    }
}

impl fmt::Display for ChronoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let loc = self.location();
        if loc.is_empty() {
            write!(f, "{}: {}", self.code, self.message)
        } else {
            write!(f, "{}: {} {}", self.code, self.message, loc)
        }
    }
}

/// How many of the problems that emptied a dataset `no_data` names.
const NO_DATA_REASONS: usize = 3;

impl ChronoError {
    /// `no_data`: nothing could be read, with the first problems that emptied
    /// the data (their paths and lines) in the message and the first one's
    /// position on the error.
    pub fn no_data(problems: &[ChronoError], suppressed: usize) -> ChronoError {
        let mut message = String::from(
            "nothing to show: no events, eras or series could be read. Chronoscope reads its \
             dataset JSON ({\"events\": [{\"id\", \"start\", \"title\"}]} or \"series\"), TimelineJS \
             JSON, TimelineJS 2 JSON, a TimelineJS sheet CSV (a header row with Year and Headline) \
             or a series CSV (date,Name,…)",
        );
        let total = problems.len() + suppressed;
        for (i, p) in problems.iter().take(NO_DATA_REASONS).enumerate() {
            message.push_str(if i == 0 { ". Skipped: " } else { "; " });
            message.push_str(&p.message);
            let at = p.location();
            if !at.is_empty() {
                message.push(' ');
                message.push_str(&at);
            }
        }
        if total > NO_DATA_REASONS {
            message.push_str(&format!("; and {} more", total - NO_DATA_REASONS));
        }
        let first = problems.first();
        ChronoError {
            code: ErrorCode::NoData,
            message,
            path: first.and_then(|p| p.path.clone()),
            line: first.map_or(Some(1), |p| p.line),
            column: first.and_then(|p| p.column),
            fatal: true,
        }
    }
}

impl std::error::Error for ChronoError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_and_display() {
        let mut e = ChronoError::new(ErrorCode::BadTime, "unknown date form", false);
        assert_eq!(e.location(), "");
        assert_eq!(e.to_string(), "bad_time: unknown date form");
        e.path = Some("events[3].start".into());
        e.line = Some(12);
        e.column = Some(18);
        assert_eq!(e.location(), "at events[3].start (line 12, column 18)");
        e.path = Some(String::new());
        assert!(e.to_string().ends_with("at (root) (line 12, column 18)"));
    }

    #[test]
    fn codes_are_snake_case() {
        assert_eq!(ErrorCode::EndBeforeStart.as_str(), "end_before_start");
        assert_eq!(ErrorCode::JsonSyntax.to_string(), "json_syntax");
    }
}
