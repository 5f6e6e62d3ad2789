//! The command line: subcommands and options (lexopt), help and version.

use std::ffi::OsString;
use std::path::PathBuf;

/// What the user asked for.
#[derive(Debug, PartialEq)]
pub enum Command {
    Help(Option<Topic>),
    Version,
    Validate { files: Vec<PathBuf> },
    Convert(ConvertArgs),
    Render(RenderArgs),
}

/// A subcommand, for its own help text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Topic {
    Validate,
    Convert,
    Render,
}

#[derive(Debug, PartialEq)]
pub struct ConvertArgs {
    pub input: PathBuf,
    /// `None`: standard output.
    pub output: Option<PathBuf>,
    /// `--no-limits`: read a file beyond the widget's size and count
    /// limits (to rewrite it, e.g. a large TimelineJS file, not to show it).
    pub no_limits: bool,
}

/// Output format of `render`, from the output file's extension.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Format {
    Svg,
    Png,
}

#[derive(Debug, PartialEq)]
pub struct RenderArgs {
    pub input: PathBuf,
    pub output: PathBuf,
    pub format: Format,
    pub width: u32,
    pub height: u32,
    pub start: Option<String>,
    pub end: Option<String>,
    pub lang: Option<String>,
    pub dark: bool,
    pub scale: f64,
}

/// Default picture size: a social card (Open Graph's 1.91:1).
pub const DEFAULT_WIDTH: u32 = 1200;
pub const DEFAULT_HEIGHT: u32 = 630;
/// Largest width or height in CSS px, and largest bitmap side in pixels.
pub const MAX_SIDE: u32 = 16_384;
/// The smallest picture the layout is meant for.
pub const MIN_SIDE: u32 = 100;

pub const USAGE: &str = "\
Usage: chronoscope <COMMAND> [OPTIONS]

Commands:
  validate FILE...                 list every problem in data files
  convert FILE [--to json] [-o OUT] [--no-limits]
                                   write data as Chronoscope dataset JSON
  render FILE -o OUT.svg|OUT.png   draw the timeline as the widget does
  help [COMMAND]                   show help

Options:
  -h, --help     show help (also after a command: `chronoscope render --help`)
  -V, --version  show the version

FILE is anything the widget reads: dataset JSON, a series CSV, TimelineJS
JSON (version 3 or 2) or a TimelineJS sheet CSV; `-` reads standard input. Exit status: 0 no problems, 1 the data had problems,
2 bad arguments or a file that cannot be read or written.
See docs/cli.md.";

pub const VALIDATE_HELP: &str = "\
Usage: chronoscope validate FILE...

Reads each FILE as the widget would and lists every problem with its place,
one a line, as `FILE:LINE:COLUMN: error: MESSAGE [CODE] (at PATH)` (JSON:
the path of the value; CSV: its spreadsheet row and column). Past the first
50 problems of a file it says how many more there are. The widget's limits
apply (128 MiB of data, 1,500,000 events, 10,000,000 series points: beyond
them the file is refused, `too_large`), and data that leaves nothing to show
is refused (`no_data`) as the widget refuses it.

Exit status: 0 when every file is clean, 1 when any has a problem,
2 when a file cannot be read.";

pub const CONVERT_HELP: &str = "\
Usage: chronoscope convert FILE [--to json] [-o OUT] [--no-limits]

Writes the data in FILE (dataset JSON, a series CSV, TimelineJS JSON or a
TimelineJS sheet CSV) as Chronoscope dataset JSON (the format of
docs/dataset.md), to OUT or standard output. Problems are listed on standard
error as `validate` lists them; items the widget would skip are left out.

Options:
  --to FORMAT      json (the only one, and the default)
  -o, --output OUT where to write (default: standard output)
  --no-limits      read a file beyond the widget's limits (128 MiB, 1,500,000
                   events, 10,000,000 points); the result still has to be
                   within them for the widget to show it

Exit status: 0 clean, 1 the data had problems (nothing is written when the
data cannot be used at all; otherwise the usable part is), 2 bad arguments
or a file that cannot be read or written.";

pub const RENDER_HELP: &str = "\
Usage: chronoscope render FILE -o OUT.svg|OUT.png [OPTIONS]

Draws the timeline as the widget draws it at that size and window: SVG keeps
labels as text, PNG is a bitmap (fonts: Noto Sans CJK).

Options:
  -o, --output OUT  OUT.svg or OUT.png (required)
  --width PX        width in CSS px (default 1200)
  --height PX       height in CSS px (default 630)
  --start TIME      left edge of the window, e.g. 1994, 2022-11-06, 66 Ma
  --end TIME        right edge (default: the window fits all the data, as the
                    widget's first view does)
  --lang TAG        en, zh-Hant, zh-Hans, ja, ko or ar (any BCP 47 tag of
                    these; default: the dataset's locale, else en)
  --theme NAME      light (default) or dark
  --scale N         PNG pixels per CSS px, e.g. 2 for a sharp picture on
                    HiDPI screens (default 1; SVG is resolution-free)

Exit status: 0 clean, 1 the data had problems (still drawn unless it cannot
be used at all), 2 bad arguments or a file that cannot be read or written.";

pub fn version_text() -> String {
    format!("chronoscope {}", env!("CARGO_PKG_VERSION"))
}

pub fn help_text(topic: Option<Topic>) -> &'static str {
    match topic {
        None => USAGE,
        Some(Topic::Validate) => VALIDATE_HELP,
        Some(Topic::Convert) => CONVERT_HELP,
        Some(Topic::Render) => RENDER_HELP,
    }
}

fn topic(name: &str) -> Option<Topic> {
    match name {
        "validate" => Some(Topic::Validate),
        "convert" => Some(Topic::Convert),
        "render" => Some(Topic::Render),
        _ => None,
    }
}

/// Parses the arguments after the program name. `Err` is a usage error,
/// worded for people.
pub fn parse<I>(args: I) -> Result<Command, String>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    let mut p = lexopt::Parser::from_args(args);
    parse_parser(&mut p).map_err(|e| e.to_string())
}

fn parse_parser(p: &mut lexopt::Parser) -> Result<Command, lexopt::Error> {
    use lexopt::prelude::*;
    let Some(arg) = p.next()? else {
        return Err("no command given (try `chronoscope --help`)".into());
    };
    let name = match arg {
        Short('h') | Long("help") => return Ok(Command::Help(None)),
        Short('V') | Long("version") => return Ok(Command::Version),
        Value(v) => v.string()?,
        other => return Err(other.unexpected()),
    };
    match name.as_str() {
        "help" => {
            let t = match p.next()? {
                Some(Value(v)) => {
                    let v = v.string()?;
                    Some(topic(&v).ok_or_else(|| format!("no command `{v}`"))?)
                }
                Some(other) => return Err(other.unexpected()),
                None => None,
            };
            Ok(Command::Help(t))
        }
        "validate" => validate(p),
        "convert" => convert(p),
        "render" => render(p),
        other => Err(format!(
            "no command `{other}`: the commands are validate, convert and render"
        )
        .into()),
    }
}

fn one_input(
    inputs: Vec<PathBuf>,
    command: &str,
    missing_hint: &str,
) -> Result<PathBuf, lexopt::Error> {
    let mut it = inputs.into_iter();
    match (it.next(), it.next()) {
        (Some(f), None) => Ok(f),
        (None, _) => Err(format!("{command} needs a FILE ({missing_hint})").into()),
        (Some(_), Some(extra)) => {
            Err(format!("{command} takes one FILE; also got `{}`", extra.display()).into())
        }
    }
}

fn validate(p: &mut lexopt::Parser) -> Result<Command, lexopt::Error> {
    use lexopt::prelude::*;
    let mut files = Vec::new();
    while let Some(arg) = p.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help(Some(Topic::Validate))),
            Value(v) => files.push(PathBuf::from(v)),
            other => return Err(other.unexpected()),
        }
    }
    if files.is_empty() {
        return Err("validate needs at least one FILE (`chronoscope validate data.json`)".into());
    }
    Ok(Command::Validate { files })
}

fn convert(p: &mut lexopt::Parser) -> Result<Command, lexopt::Error> {
    use lexopt::prelude::*;
    let mut inputs = Vec::new();
    let mut output = None;
    let mut no_limits = false;
    while let Some(arg) = p.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help(Some(Topic::Convert))),
            Long("no-limits") => no_limits = true,
            Long("to") => {
                let to = p.value()?.string()?;
                if !to.eq_ignore_ascii_case("json") {
                    return Err(format!(
                        "cannot convert to `{to}`: the only output format is json"
                    )
                    .into());
                }
            }
            Short('o') | Long("output") => output = Some(PathBuf::from(p.value()?)),
            Value(v) => inputs.push(PathBuf::from(v)),
            other => return Err(other.unexpected()),
        }
    }
    let input = one_input(
        inputs,
        "convert",
        "`chronoscope convert story.csv --to json`",
    )?;
    let output = output.filter(|o| o.as_os_str() != "-");
    Ok(Command::Convert(ConvertArgs {
        input,
        output,
        no_limits,
    }))
}

fn size(p: &mut lexopt::Parser, name: &str) -> Result<u32, lexopt::Error> {
    let v: u32 = lexopt::ValueExt::parse(&p.value()?)?;
    if !(MIN_SIDE..=MAX_SIDE).contains(&v) {
        return Err(format!("--{name} must be between {MIN_SIDE} and {MAX_SIDE} (CSS px)").into());
    }
    Ok(v)
}

fn render(p: &mut lexopt::Parser) -> Result<Command, lexopt::Error> {
    use lexopt::prelude::*;
    let mut inputs = Vec::new();
    let mut output: Option<PathBuf> = None;
    let (mut width, mut height) = (DEFAULT_WIDTH, DEFAULT_HEIGHT);
    let (mut start, mut end, mut lang) = (None, None, None);
    let mut dark = false;
    let mut scale = 1.0;
    while let Some(arg) = p.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help(Some(Topic::Render))),
            Short('o') | Long("output") => output = Some(PathBuf::from(p.value()?)),
            Long("width") => width = size(p, "width")?,
            Long("height") => height = size(p, "height")?,
            Long("start") => start = Some(p.value()?.string()?),
            Long("end") => end = Some(p.value()?.string()?),
            Long("lang") => lang = Some(p.value()?.string()?),
            Long("theme") => {
                dark = match p.value()?.string()?.to_ascii_lowercase().as_str() {
                    "light" => false,
                    "dark" => true,
                    other => return Err(format!("--theme is light or dark, not `{other}`").into()),
                }
            }
            Long("scale") => {
                scale = p.value()?.parse::<f64>()?;
                if !(scale.is_finite() && (0.25..=8.0).contains(&scale)) {
                    return Err("--scale must be between 0.25 and 8".into());
                }
            }
            Value(v) => inputs.push(PathBuf::from(v)),
            other => return Err(other.unexpected()),
        }
    }
    let input = one_input(
        inputs,
        "render",
        "`chronoscope render story.json -o story.svg`",
    )?;
    let Some(output) = output else {
        return Err("render needs -o OUT.svg or -o OUT.png".into());
    };
    let ext = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let format = match ext.as_deref() {
        Some("svg") => Format::Svg,
        Some("png") => Format::Png,
        _ => {
            return Err(format!(
                "cannot tell the format of `{}`: name it .svg or .png",
                output.display()
            )
            .into())
        }
    };
    if format == Format::Png {
        let side = (f64::from(width.max(height)) * scale).round();
        if side > f64::from(MAX_SIDE) {
            return Err(format!(
                "the PNG would be {side} px wide or high; at most {MAX_SIDE} (lower --scale)"
            )
            .into());
        }
    }
    Ok(Command::Render(RenderArgs {
        input,
        output,
        format,
        width,
        height,
        start,
        end,
        lang,
        dark,
        scale,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().copied())
    }

    #[test]
    fn top_level() {
        assert_eq!(cmd(&["--help"]), Ok(Command::Help(None)));
        assert_eq!(cmd(&["-V"]), Ok(Command::Version));
        assert_eq!(
            cmd(&["help", "render"]),
            Ok(Command::Help(Some(Topic::Render)))
        );
        assert_eq!(
            cmd(&["render", "--help"]),
            Ok(Command::Help(Some(Topic::Render)))
        );
        assert!(cmd(&[]).unwrap_err().contains("no command"));
        assert!(cmd(&["frobnicate"]).unwrap_err().contains("frobnicate"));
        assert!(cmd(&["--frob"]).is_err());
    }

    #[test]
    fn validate_takes_files() {
        assert_eq!(
            cmd(&["validate", "a.json", "b.csv"]),
            Ok(Command::Validate {
                files: vec!["a.json".into(), "b.csv".into()]
            })
        );
        assert!(cmd(&["validate"]).is_err());
    }

    #[test]
    fn convert_options() {
        assert_eq!(
            cmd(&["convert", "a.csv", "--to", "json", "-o", "a.json"]),
            Ok(Command::Convert(ConvertArgs {
                input: "a.csv".into(),
                output: Some("a.json".into()),
                no_limits: false,
            }))
        );
        assert_eq!(
            cmd(&["convert", "--to=JSON", "a.csv", "-o", "-", "--no-limits"]),
            Ok(Command::Convert(ConvertArgs {
                input: "a.csv".into(),
                output: None,
                no_limits: true,
            }))
        );
        assert!(cmd(&["convert", "a.csv", "--to", "xml"])
            .unwrap_err()
            .contains("xml"));
        assert!(cmd(&["convert", "a.csv", "b.csv"]).is_err());
        assert!(cmd(&["convert", "--to", "json"]).is_err());
    }

    #[test]
    fn render_options_and_defaults() {
        let Ok(Command::Render(r)) = cmd(&["render", "a.json", "-o", "out.SVG"]) else {
            panic!()
        };
        assert_eq!(
            (r.format, r.width, r.height, r.scale, r.dark),
            (Format::Svg, 1200, 630, 1.0, false)
        );
        let Ok(Command::Render(r)) = cmd(&[
            "render",
            "a.json",
            "--output=b.png",
            "--width",
            "800",
            "--height=400",
            "--start",
            "66 Ma",
            "--end",
            "2022",
            "--lang",
            "zh-Hant",
            "--theme",
            "dark",
            "--scale",
            "2",
        ]) else {
            panic!()
        };
        assert_eq!(r.format, Format::Png);
        assert_eq!((r.width, r.height, r.scale, r.dark), (800, 400, 2.0, true));
        assert_eq!(r.start.as_deref(), Some("66 Ma"));
        assert_eq!(r.lang.as_deref(), Some("zh-Hant"));
        for bad in [
            &["render", "a.json"][..],
            &["render", "a.json", "-o", "a.gif"],
            &["render", "a.json", "-o", "a.png", "--width", "wide"],
            &["render", "a.json", "-o", "a.png", "--width", "10"],
            &["render", "a.json", "-o", "a.png", "--theme", "blue"],
            &["render", "a.json", "-o", "a.png", "--scale", "0"],
            &[
                "render", "a.json", "-o", "a.png", "--width", "9000", "--scale", "2",
            ],
        ] {
            assert!(cmd(bad).is_err(), "{bad:?}");
        }
    }
}
