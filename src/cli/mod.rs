//! The `chronoscope` command-line tool (native only, feature `cli`):
//! `validate`, `convert` and `render` over the same readers, layout and
//! painter as the widget, with dates and numbers by ICU4X ([`icu`]) as the
//! browser's are by `Intl`. See docs/cli.md. Calls `core` and `render`,
//! never `web`.

mod args;
mod convert;
pub mod icu;
mod render;
mod validate;

use crate::core::data::error::ChronoError;
use crate::core::data::model::{Loaded, MAX_REPORTED_ERRORS};
use crate::core::formats::load::load;
pub use crate::core::formats::load::Limits;
use args::Command;
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

/// Exit status 1: the data had problems.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit status 2: bad arguments, or a file that cannot be read or written.
pub const EXIT_USAGE: u8 = 2;

/// Runs the tool on the process's arguments.
pub fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    ExitCode::from(run(args))
}

/// Runs the tool on `args` (without the program name); returns the exit
/// status.
pub fn run(args: Vec<OsString>) -> u8 {
    icu::install();
    let command = match args::parse(args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("chronoscope: {e}");
            eprintln!("(`chronoscope --help` lists the commands and options)");
            return EXIT_USAGE;
        }
    };
    let result = match command {
        Command::Help(topic) => {
            println!("{}", args::help_text(topic));
            Ok(0)
        }
        Command::Version => {
            println!("{}", args::version_text());
            Ok(0)
        }
        Command::Validate { files } => validate::run(&files),
        Command::Convert(a) => convert::run(&a),
        Command::Render(a) => render::run(&a),
    };
    match result {
        Ok(code) => code,
        Err(Fail(message)) => {
            eprintln!("chronoscope: {message}");
            EXIT_USAGE
        }
    }
}

/// A failure outside the data (a file that cannot be read or written, an
/// argument that makes no sense for this data): exit status 2.
#[derive(Debug)]
pub struct Fail(pub String);

/// How a file is named in messages (`<stdin>` for `-`).
pub fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Reads a file's bytes (`-`: standard input).
fn read_bytes(path: &Path) -> Result<Vec<u8>, Fail> {
    let name = display_name(path);
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Fail(format!("cannot read {name}: {e}")))?;
        return Ok(buf);
    }
    std::fs::read(path).map_err(|e| Fail(format!("cannot read {name}: {e}")))
}

/// What reading a data file gave: the dataset (unless it cannot be used)
/// and every problem, as the widget would report them.
pub struct DataFile {
    pub name: String,
    pub data: Result<Loaded, ChronoError>,
}

impl DataFile {
    /// The problems reported, and how many more were found but not listed.
    pub fn problems(&self) -> (Vec<&ChronoError>, usize) {
        match &self.data {
            Ok(l) => (l.errors.iter().collect(), l.suppressed),
            Err(e) => (vec![e], 0),
        }
    }

    pub fn is_clean(&self) -> bool {
        self.problems().0.is_empty()
    }
}

/// Reads and decodes a data file as the widget does: the one path
/// `core::formats::load` (the widget's limits unless `lim` lifts them;
/// `bad_encoding` at the first byte that is not UTF-8; `no_data` when
/// nothing is left to show). Only a file that cannot be read at all is a
/// `Fail`.
pub fn read_data(path: &Path, lim: Limits) -> Result<DataFile, Fail> {
    let bytes = read_bytes(path)?;
    let name = display_name(path);
    let data = load(&name, &bytes, lim);
    Ok(DataFile { name, data })
}

/// One problem in the `FILE:LINE:COLUMN: error: MESSAGE [CODE] (at PATH)`
/// form editors and terminals link to (`FILE:LINE:` without a column,
/// `FILE:` without a line). JSON problems name the path of the value, CSV
/// problems the spreadsheet cell (`row 4, column B`).
pub fn diagnostic(name: &str, e: &ChronoError) -> String {
    let mut out = String::from(name);
    if let Some(line) = e.line {
        out.push_str(&format!(":{line}"));
        if let Some(col) = e.column {
            out.push_str(&format!(":{col}"));
        }
    }
    out.push_str(": error: ");
    out.push_str(&e.message);
    out.push_str(&format!(" [{}]", e.code));
    match e.path.as_deref() {
        Some("") => out.push_str(" (at the top level)"),
        Some(p) if p.starts_with("row ") => out.push_str(&format!(" ({p})")),
        Some(p) => out.push_str(&format!(" (at {p})")),
        None => {}
    }
    out
}

/// Every problem of `read`, one a line, then how many were not listed and
/// a summary line. Nothing for a clean file.
pub fn report(read: &DataFile) -> Vec<String> {
    let (problems, suppressed) = read.problems();
    if problems.is_empty() {
        return Vec::new();
    }
    let mut lines: Vec<String> = problems.iter().map(|e| diagnostic(&read.name, e)).collect();
    if suppressed > 0 {
        lines.push(format!(
            "{}: … and {suppressed} more {} not listed (only the first {MAX_REPORTED_ERRORS} are)",
            read.name,
            plural(suppressed, "problem", "problems"),
        ));
    }
    let total = problems.len() + suppressed;
    lines.push(match &read.data {
        Err(_) => format!("{}: cannot be used", read.name),
        Ok(_) => format!(
            "{}: {total} {}; the widget would leave out what is named above and show the rest",
            read.name,
            plural(total, "problem", "problems"),
        ),
    });
    lines
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Writes `bytes` to `path`, or to standard output when `path` is `None`.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<(), Fail> {
    match path {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)
                .and_then(|()| out.flush())
                .map_err(|e| Fail(format!("cannot write to standard output: {e}")))
        }
        Some(p) => {
            std::fs::write(p, bytes).map_err(|e| Fail(format!("cannot write {}: {e}", p.display())))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::data::error::ErrorCode;

    #[test]
    fn diagnostics_in_editor_form() {
        let mut e = ChronoError::new(ErrorCode::BadTime, "unknown date form", false);
        assert_eq!(
            diagnostic("a.json", &e),
            "a.json: error: unknown date form [bad_time]"
        );
        e.path = Some("events[3].start".into());
        e.line = Some(12);
        e.column = Some(18);
        assert_eq!(
            diagnostic("a.json", &e),
            "a.json:12:18: error: unknown date form [bad_time] (at events[3].start)"
        );
        e.path = Some("row 4, column B".into());
        e.column = None;
        assert_eq!(
            diagnostic("s.csv", &e),
            "s.csv:12: error: unknown date form [bad_time] (row 4, column B)"
        );
    }

    #[test]
    fn reports_count_what_was_not_listed() {
        let errors = vec![ChronoError::new(ErrorCode::BadTime, "x", false); MAX_REPORTED_ERRORS];
        let read = DataFile {
            name: "f.json".into(),
            data: Ok(Loaded {
                dataset: Default::default(),
                errors,
                suppressed: 7,
            }),
        };
        let lines = report(&read);
        assert_eq!(lines.len(), MAX_REPORTED_ERRORS + 2);
        assert!(lines[MAX_REPORTED_ERRORS].contains("7 more problems not listed"));
        assert!(lines.last().unwrap().contains("57 problems"));
    }
}
