//! The simple series CSV an editor exports from a spreadsheet (issue 6): a
//! header `date,Name [unit],…`, then one row per time; an empty cell is a
//! gap in that series.
//!
//! ```text
//! date,GDP [億元],"Trade, total [億美元]"
//! 2012,1589,770
//! 2021,3330,
//! ```
//!
//! The `csv` crate reads the fields (quotes, commas and line breaks inside
//! quotes, CRLF); a byte order mark is skipped. Each problem names the row
//! and the column the way a spreadsheet shows them (row 1 is the header,
//! columns by their header), and a bad row or cell is skipped and reported
//! rather than failing the whole file. `formats::read` sends such text
//! here, so `src`, `data` and `setData` take a series CSV as they take a
//! dataset.

use crate::core::data::error::{ChronoError, ErrorCode};
use crate::core::data::model::{Series, SeriesKind, MAX_REPORTED_ERRORS};
use crate::core::data::time::{parse_time, Precision};
use crate::core::formats::limits;

/// What a series CSV held: its series (one a value column) and the
/// problems met in it.
#[derive(Debug, Default)]
pub struct SeriesCsv {
    pub series: Vec<Series>,
    /// The first [`MAX_REPORTED_ERRORS`] problems, in row order.
    pub errors: Vec<ChronoError>,
    /// How many more there were.
    pub suppressed: usize,
}

impl SeriesCsv {
    /// Reports the problem `e` makes (made only while it will be listed:
    /// a file of millions of bad cells must not format millions of
    /// messages).
    fn report(&mut self, e: impl FnOnce() -> ChronoError) {
        if self.errors.len() < MAX_REPORTED_ERRORS {
            self.errors.push(e());
        } else {
            self.suppressed += 1;
        }
    }
}

fn line_u32(line: u64) -> u32 {
    u32::try_from(line).unwrap_or(u32::MAX)
}

/// Splits a header cell `Name [unit]` into name and unit.
fn name_and_unit(cell: &str) -> (String, String) {
    let cell = cell.trim();
    if let Some(open) = cell.rfind('[') {
        if let Some(inner) = cell[open + 1..].strip_suffix(']') {
            return (cell[..open].trim().to_string(), inner.trim().to_string());
        }
    }
    (cell.to_string(), String::new())
}

/// A spreadsheet's name for column `i` (0-based): A, B, … Z, AA, …
pub(crate) fn column_letters(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The text line each CSV record starts on, from the record's byte offset
/// (the csv crate's own line count lags one behind after a `\r\n`). Asked
/// for records in order, it counts each byte once.
pub(crate) struct Lines<'a> {
    text: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    /// For the text given to the CSV reader.
    pub(crate) fn new(text: &'a str) -> Self {
        Lines {
            text: text.as_bytes(),
            pos: 0,
            line: 0,
        }
    }

    /// The 1-based line of the record at byte `byte` (line ends before
    /// its first field are skipped).
    pub(crate) fn at(&mut self, byte: u64) -> u64 {
        let mut target = usize::try_from(byte).map_or(self.text.len(), |b| b.min(self.text.len()));
        while matches!(self.text.get(target), Some(b'\r' | b'\n')) {
            target += 1;
        }
        while self.pos < target {
            match self.text[self.pos] {
                b'\n' => self.line += 1,
                b'\r' if self.text.get(self.pos + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
            self.pos += 1;
        }
        self.line + 1
    }
}

/// A problem at a spreadsheet cell (`row` 1-based, the header being row 1;
/// `col` 0-based), with the text line the row starts on.
pub(crate) fn cell_error(
    code: ErrorCode,
    message: String,
    row: u64,
    col: usize,
    line: u64,
) -> ChronoError {
    ChronoError {
        code,
        message,
        path: Some(format!("row {row}, column {}", column_letters(col))),
        line: u32::try_from(line).ok(),
        column: None,
        fatal: false,
    }
}

/// A fatal CSV problem (the file cannot be used), at `line` when known.
/// What is wrong with text the CSV reader refused. (Not the reader's own
/// message: that would bring every I/O error's text into the wasm, for a
/// reader of a string, which meets none.)
pub(crate) fn csv_problem(e: &csv::Error) -> &'static str {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "it is not UTF-8 text",
        csv::ErrorKind::UnequalLengths { .. } => "its rows have different numbers of fields",
        _ => "it is not CSV text",
    }
}

pub(crate) fn csv_fatal(message: String, line: Option<u64>) -> ChronoError {
    ChronoError {
        code: ErrorCode::WrongType,
        message,
        path: None,
        line: line.and_then(|l| u32::try_from(l).ok()),
        column: None,
        fatal: true,
    }
}

/// A CSV reader over `text` (a BOM skipped; rows may differ in length)
/// and its header row.
pub(crate) fn open_csv(text: &str) -> Result<(csv::Reader<&[u8]>, csv::StringRecord), ChronoError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| {
            csv_fatal(
                format!("the CSV header cannot be read: {}", csv_problem(&e)),
                None,
            )
        })?
        .clone();
    Ok((reader, headers))
}

/// Reads a series CSV. Fails (a fatal error) only when nothing can be used:
/// no header, no value column, or a row the CSV reader cannot read.
pub fn parse_series_csv(text: &str) -> Result<SeriesCsv, ChronoError> {
    parse_series_csv_within(text, limits::MAX_POINTS)
}

/// [`parse_series_csv`] reading at most `max_points` points (the limit's
/// seam, for tests).
pub(crate) fn parse_series_csv_within(
    text: &str,
    max_points: usize,
) -> Result<SeriesCsv, ChronoError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (mut reader, headers) = open_csv(text)?;
    if headers.len() < 2 {
        return Err(csv_fatal(
            "a series CSV needs a header row: a date column, then one column per series (\"date,Name [unit]\")".into(),
            Some(1),
        ));
    }
    let mut out = SeriesCsv::default();
    let mut columns: Vec<(Vec<f64>, Vec<f64>)> = vec![(Vec::new(), Vec::new()); headers.len() - 1];
    let mut precisions: Vec<Option<Precision>> = Vec::new();
    let mut lines = Lines::new(text);
    let mut points = 0usize;
    for (k, record) in reader.records().enumerate() {
        let row = k as u64 + 2;
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line());
            csv_fatal(
                format!("row {row} cannot be read: {}", csv_problem(&e)),
                line,
            )
        })?;
        let line = record.position().map_or(row, |p| lines.at(p.byte()));
        let date = record.get(0).unwrap_or("").trim();
        if date.is_empty() && record.iter().all(|c| c.trim().is_empty()) {
            continue; // a blank line
        }
        let time = match parse_time(date) {
            Ok(tp) => tp,
            Err(_) => {
                out.report(|| cell_error(
                    ErrorCode::BadTime,
                    format!("\"{date}\" is not a date (write 2021, 2021-06 or 2021-06-30); the row is skipped"),
                    row,
                    0,
                    line,
                ));
                continue;
            }
        };
        precisions.push(Some(time.precision));
        for (i, (t, v)) in columns.iter_mut().enumerate() {
            let cell = record.get(i + 1).unwrap_or("").trim();
            let value = if cell.is_empty() {
                f64::NAN // a gap
            } else {
                match cell.parse::<f64>() {
                    Ok(x) if x.is_finite() => x,
                    _ => {
                        out.report(|| {
                            cell_error(
                                ErrorCode::BadValue,
                                format!("\"{cell}\" is not a number; the cell is left empty"),
                                row,
                                i + 1,
                                line,
                            )
                        });
                        f64::NAN
                    }
                }
            };
            t.push(time.ms);
            v.push(value);
        }
        points += columns.len();
        if points > max_points {
            let limit = format!("at most {max_points} points, all series together");
            return Err(limits::too_many_values(
                "this CSV",
                &limit,
                line_u32(line),
                1,
            ));
        }
    }
    let shared = match precisions.first() {
        Some(first) if precisions.iter().all(|p| p == first) => *first,
        _ => None,
    };
    for (i, (mut t, mut v)) in columns.into_iter().enumerate() {
        crate::core::data::model::sort_points_by_time(&mut t, &mut v);
        let (name, unit) = name_and_unit(headers.get(i + 1).unwrap_or(""));
        let name = if name.is_empty() {
            format!("Series {}", i + 1)
        } else {
            name
        };
        out.series.push(Series {
            id: format!("s{}", i + 1),
            name,
            unit,
            kind: SeriesKind::default(),
            color: None,
            note: None,
            source: None,
            t,
            v,
            precision: shared,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(s: &str) -> f64 {
        parse_time(s).unwrap().ms
    }

    #[test]
    fn reads_names_units_values_and_gaps() {
        let text = "date,GDP [億元],\"Trade, total [億美元]\"\n2021,3330,\n2012,1589,770\n";
        let r = parse_series_csv(text).unwrap();
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert_eq!(r.series.len(), 2);
        let (gdp, trade) = (&r.series[0], &r.series[1]);
        assert_eq!((gdp.name.as_str(), gdp.unit.as_str()), ("GDP", "億元"));
        assert_eq!(
            (trade.name.as_str(), trade.unit.as_str()),
            ("Trade, total", "億美元")
        );
        // sorted by time; the empty cell is a gap
        assert_eq!(gdp.t, vec![ms("2012"), ms("2021")]);
        assert_eq!(gdp.v, vec![1589.0, 3330.0]);
        assert_eq!(trade.v[0], 770.0);
        assert!(trade.v[1].is_nan());
        assert_eq!(gdp.precision, Some(Precision::Year));
    }

    #[test]
    fn bom_crlf_quotes_and_line_breaks_inside_quotes() {
        let text =
            "\u{feff}date,\"蘇州\n工業園區 [%]\"\r\n2020-01,1.5\r\n\"2020-02\",\"2.5\"\r\n\r\n";
        let r = parse_series_csv(text).unwrap();
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert_eq!(r.series[0].name, "蘇州\n工業園區");
        assert_eq!(r.series[0].unit, "%");
        assert_eq!(r.series[0].v, vec![1.5, 2.5]);
        assert_eq!(r.series[0].precision, Some(Precision::Month));
    }

    #[test]
    fn problems_name_the_row_and_column_and_keep_the_rest() {
        let text = "date,A,B\n2001,1,2\nsoon,3,4\n2003,x,6\n";
        let r = parse_series_csv(text).unwrap();
        assert_eq!(r.errors.len(), 2, "{:?}", r.errors);
        let (a, b) = (&r.errors[0], &r.errors[1]);
        assert_eq!(a.code, ErrorCode::BadTime);
        assert_eq!(a.path.as_deref(), Some("row 3, column A"));
        assert_eq!(a.line, Some(3));
        assert_eq!(b.code, ErrorCode::BadValue);
        assert_eq!(b.path.as_deref(), Some("row 4, column B"));
        assert!(b.message.contains("\"x\""));
        // the bad row is skipped, the bad cell is a gap
        assert_eq!(r.series[0].t, vec![ms("2001"), ms("2003")]);
        assert!(r.series[0].v[1].is_nan());
        assert_eq!(r.series[1].v, vec![2.0, 6.0]);
    }

    #[test]
    fn lines_are_counted_with_any_line_ends() {
        // Windows line ends, a quoted line break, a blank line, a BOM.
        let text = "\u{feff}date,A\r\n2001,1\r\n\"2002\",\"x\r\ny\"\r\n\r\nsoon,3\r\n";
        let r = parse_series_csv(text).unwrap();
        let at: Vec<(Option<&str>, Option<u32>)> = r
            .errors
            .iter()
            .map(|e| (e.path.as_deref(), e.line))
            .collect();
        assert_eq!(
            at,
            [
                (Some("row 3, column B"), Some(3)),
                (Some("row 4, column A"), Some(6)),
            ]
        );
    }

    #[test]
    fn a_file_without_value_columns_is_fatal() {
        for text in ["", "date\n2001\n"] {
            let e = parse_series_csv(text).unwrap_err();
            assert!(e.fatal, "{text:?}");
        }
    }

    #[test]
    fn parse_data_tells_csv_from_json() {
        let csv =
            crate::core::formats::read("\u{feff}date,GDP [億元]\n2012,1589\n2021,3330\n").unwrap();
        assert_eq!(csv.dataset.series.len(), 1);
        assert!(csv.dataset.events.is_empty());
        let json =
            crate::core::formats::read(r#"{"events":[{"id":"a","start":"2001","title":"A"}]}"#)
                .unwrap();
        assert_eq!(json.dataset.events.len(), 1);
        // Not CSV-shaped: still read (and reported) as JSON.
        for text in ["", "hello", "{\"events\": ["] {
            assert_eq!(
                crate::core::formats::read(text).unwrap_err().code,
                ErrorCode::JsonSyntax,
                "{text:?}"
            );
        }
    }

    #[test]
    fn column_letters_count_like_a_spreadsheet() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn arbitrary_text_never_panics() {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let alphabet = [
            "date", ",", "\"", "\n", "\r\n", "2001", "-06", "1.5", "[", "]", "x", "蘇", "",
        ];
        for _ in 0..2_000 {
            let mut s = String::new();
            for _ in 0..(x % 40) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push_str(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            let _ = parse_series_csv(&s);
        }
    }
}
