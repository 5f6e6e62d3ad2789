//! The `chronoscope` command-line tool, run as a program: every command,
//! its output and its exit status.
#![cfg(not(target_arch = "wasm32"))]

use chronoscope::core::data::model::Dataset;
use chronoscope::core::formats;
use chronoscope::core::formats::dataset::parse_dataset;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SIP_ZH: &str = "www/data/sip.zh-Hant.json";
const SIP_EN: &str = "www/data/sip.en.json";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the tool in the repository root.
fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the chronoscope binary runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited, not killed")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A fresh folder for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chronoscope-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn help_and_version() {
    let o = cli(&["--help"]);
    assert_eq!(code(&o), 0);
    for word in ["validate", "convert", "render", "Exit status"] {
        assert!(stdout(&o).contains(word), "{word} in {}", stdout(&o));
    }
    let o = cli(&["render", "--help"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("--scale"));
    let o = cli(&["--version"]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o).trim(),
        format!("chronoscope {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["validate"],
        &["render", SIP_EN],
        &["render", SIP_EN, "-o", "x.gif"],
        &["render", SIP_EN, "-o", "x.svg", "--width", "wide"],
        &["render", SIP_EN, "-o", "x.svg", "--start", "yesterday"],
        &[
            "render", SIP_EN, "-o", "x.svg", "--start", "2020", "--end", "2010",
        ],
        &["render", SIP_EN, "-o", "x.svg", "--lang", "xx"],
        &["convert", SIP_EN, "--to", "xml"],
    ] {
        let o = cli(args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).starts_with("chronoscope: "), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    assert!(!root().join("x.svg").exists());
}

#[test]
fn a_missing_file_exits_2() {
    let o = cli(&["validate", "no/such/file.json"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("cannot read no/such/file.json"));
    let o = cli(&["render", "no/such/file.json", "-o", "x.svg"]);
    assert_eq!(code(&o), 2);
}

#[test]
fn a_clean_file_validates() {
    let o = cli(&["validate", SIP_EN, SIP_ZH]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "{SIP_EN}: no problems (20 events, 1 era, 2 series)\n\
             {SIP_ZH}: no problems (20 events, 1 era, 2 series)\n"
        )
    );
}

#[test]
fn every_problem_with_its_place() {
    let dir = scratch("problems");
    let f = write(
        &dir,
        "bad.json",
        br#"{
  "events": [
    {"id": "a", "start": "1994", "title": "Fine"},
    {"id": "b", "start": "2020-13", "title": "Bad month"},
    {"id": "c", "start": "2001", "end": "2000", "title": "Backwards"}
  ]
}"#,
    );
    let o = cli(&["validate", &f]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with(&format!("{f}:4:26: error: ")),
        "{}",
        lines[0]
    );
    assert!(lines[0].ends_with("[bad_time] (at events[1].start)"));
    assert!(lines[1].starts_with(&format!("{f}:5:")), "{}", lines[1]);
    assert!(lines[1].contains("[end_before_start]"));
    assert!(lines[2].starts_with(&format!("{f}: 2 problems")));
}

#[test]
fn a_fatal_problem_exits_1() {
    let dir = scratch("fatal");
    let f = write(&dir, "broken.json", b"{\"events\": [\n  {\"id\": 1,,\n");
    let o = cli(&["validate", &f]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.starts_with(&format!("{f}:2:")), "{out}");
    assert!(out.contains("[json_syntax]"));
    assert!(out.ends_with(&format!("{f}: cannot be used\n")));
    // not UTF-8: a data problem at the bad byte, not an unreadable file
    let f = write(&dir, "latin1.json", b"{\"title\": \"Caf\xe9\"}");
    let o = cli(&["validate", &f]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).starts_with(&format!("{f}:1:15: error: ")));
    assert!(stdout(&o).contains("[bad_encoding]"));
}

#[test]
fn past_the_cap_it_says_how_many_more() {
    let dir = scratch("many");
    let mut events: Vec<String> = (0..80)
        .map(|i| format!(r#"{{"id": "e{i}", "start": "no date", "title": "E"}}"#))
        .collect();
    events.push(r#"{"id": "ok", "start": "2001", "title": "Kept"}"#.to_string());
    let text = format!("{{\"events\": [\n{}\n]}}", events.join(",\n"));
    let f = write(&dir, "many.json", text.as_bytes());
    let loaded = formats::read(&text).unwrap();
    let listed = loaded.errors.len();
    assert!(loaded.suppressed > 0, "the reader caps its list");
    let o = cli(&["validate", &f]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert_eq!(
        out.lines().filter(|l| l.contains(": error: ")).count(),
        listed
    );
    assert!(
        out.contains(&format!(
            "… and {} more problems not listed",
            loaded.suppressed
        )),
        "{out}"
    );
    assert!(out.contains(&format!("{f}: 80 problems")), "{out}");

    // With nothing left to show the file is refused (`no_data`), as the
    // widget refuses it: one problem naming the first ones that emptied it.
    events.pop();
    let text = format!("{{\"events\": [\n{}\n]}}", events.join(",\n"));
    let f = write(&dir, "all-bad.json", text.as_bytes());
    let o = cli(&["validate", &f]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    let errors: Vec<&str> = out.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 1, "{out}");
    assert!(errors[0].starts_with(&format!("{f}:2:")), "{out}");
    assert!(errors[0].contains("nothing to show"), "{out}");
    assert!(
        errors[0].contains("and 77 more [no_data] (at events[0].start)"),
        "{out}"
    );
    assert!(out.ends_with(&format!("{f}: cannot be used\n")), "{out}");
}

#[test]
fn data_with_nothing_to_show_is_refused_but_empty_on_purpose_is_valid() {
    let dir = scratch("nothing");
    let unrelated = write(
        &dir,
        "package.json",
        br#"{"name": "left-pad", "version": "1.3.0"}"#,
    );
    let empty = write(&dir, "empty.json", br#"{"title": "Not yet", "events": []}"#);
    let all_bad = write(
        &dir,
        "all-bad.json",
        br#"{"events": [{"id": "a", "start": "someday", "title": "A"}]}"#,
    );
    let o = cli(&["validate", &unrelated, &empty, &all_bad, SIP_EN]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let hint = "nothing to show: no events, eras or series could be read. Chronoscope reads \
                its dataset JSON ({\"events\": [{\"id\", \"start\", \"title\"}]} or \
                \"series\"), TimelineJS JSON, TimelineJS 2 JSON, a TimelineJS sheet CSV (a \
                header row with Year and Headline) or a series CSV (date,Name,…)";
    assert_eq!(
        lines,
        [
            format!("{unrelated}:1: error: {hint} [no_data]"),
            format!("{unrelated}: cannot be used"),
            format!("{empty}: no problems (0 events, 0 series)"),
            lines[3].to_string(),
            format!("{all_bad}: cannot be used"),
            format!("{SIP_EN}: no problems (20 events, 1 era, 2 series)"),
        ],
        "{out}"
    );
    assert!(
        lines[3].starts_with(&format!("{all_bad}:1:34: error: {hint}. Skipped: ")),
        "{out}"
    );
    assert!(
        lines[3].ends_with("at events[0].start (line 1, column 34) [no_data] (at events[0].start)"),
        "{out}"
    );
    // A file with only eras or only a series has something to show.
    let eras = write(
        &dir,
        "eras.json",
        br#"{"eras": [{"start": "1900", "end": "1910", "label": "E"}]}"#,
    );
    let series = write(
        &dir,
        "gdp.csv",
        b"date,GDP
2001,3
",
    );
    let o = cli(&["validate", &eras, &series]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    // convert and render refuse it too (on standard error), exit 1.
    let out = dir.join("out.json");
    let o = convert_to(&unrelated, &out);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("nothing to show"), "{}", stderr(&o));
    assert!(stderr(&o).contains("[no_data]"), "{}", stderr(&o));
}

#[test]
fn csv_problems_name_the_cell() {
    let dir = scratch("csv");
    let f = write(
        &dir,
        "gdp.csv",
        "date,GDP [bn],Trade\n2019,1.5,2\n2020,x,3\nsoon,4,5\n".as_bytes(),
    );
    let o = cli(&["validate", &f]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(
        out.contains(&format!("{f}:3: error: ")) && out.contains("(row 3, column B)"),
        "{out}"
    );
    assert!(out.contains("(row 4, column A)"), "{out}");
}

fn convert_to(input: &str, out: &Path) -> Output {
    cli(&[
        "convert",
        input,
        "--to",
        "json",
        "-o",
        out.to_str().unwrap(),
    ])
}

fn read_back(path: &Path) -> Dataset {
    let text = std::fs::read_to_string(path).unwrap();
    let loaded = parse_dataset(&text).unwrap();
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    loaded.dataset
}

/// `back` equals `original`, gaps (NaN) in series equal too. A series whose
/// points differ in precision (`precision: None`) is written at millisecond
/// precision, so only a known precision must come back.
fn assert_same(back: Dataset, original: &Dataset) {
    let gaps = |mut d: Dataset| {
        for s in &mut d.series {
            for v in &mut s.v {
                if v.is_nan() {
                    *v = f64::INFINITY;
                }
            }
        }
        d
    };
    let mut back = gaps(back);
    for (b, o) in back.series.iter_mut().zip(&original.series) {
        if o.precision.is_none() {
            b.precision = None;
        }
    }
    assert_eq!(back, gaps(original.clone()));
}

#[test]
fn convert_round_trips() {
    let dir = scratch("convert");
    let out = dir.join("sip.json");
    let o = convert_to(SIP_ZH, &out);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let original = parse_dataset(&std::fs::read_to_string(root().join(SIP_ZH)).unwrap())
        .unwrap()
        .dataset;
    assert_same(read_back(&out), &original);

    // a series CSV becomes dataset JSON with the same series
    let csv = "date,GDP [bn],Trade\n2019,1.5,2\n2020,,3\n2021-06,4,5\n";
    let f = write(&dir, "gdp.csv", csv.as_bytes());
    let out = dir.join("gdp.json");
    let o = convert_to(&f, &out);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_same(read_back(&out), &formats::read(csv).unwrap().dataset);

    // without -o: standard output
    let o = cli(&["convert", &f]);
    assert_eq!(code(&o), 0);
    assert!(
        stdout(&o).starts_with("{\n  \"schemaVersion\": 1,"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn convert_reads_timelinejs() {
    let dir = scratch("timelinejs");
    for name in [
        "typical.json",
        "bce.json",
        "cosmological.json",
        "sheet.csv",
        "media-html.json",
        "v2.json",
    ] {
        let input = format!("tests/fixtures/timelinejs/{name}");
        let out = dir.join(format!("{name}.json"));
        let o = convert_to(&input, &out);
        // The last two have problems on purpose (reported, exit 1).
        let clean = !name.starts_with("media") && !name.starts_with("v2");
        assert_eq!(
            code(&o),
            if clean { 0 } else { 1 },
            "{name}: {}",
            stderr(&o)
        );
        let text = std::fs::read_to_string(root().join(&input)).unwrap();
        let original = formats::read(&text).unwrap().dataset;
        assert!(!original.events.is_empty(), "{name}");
        assert_same(read_back(&out), &original);
    }
}

#[test]
fn convert_reports_problems_and_keeps_the_rest() {
    let dir = scratch("convert-bad");
    let f = write(
        &dir,
        "partly.json",
        br#"{"events": [{"id": "a", "start": "1994", "title": "Kept"},
                        {"id": "b", "start": "whenever", "title": "Dropped"}]}"#,
    );
    let out = dir.join("out.json");
    let o = convert_to(&f, &out);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("(at events[1].start)"));
    let ds = read_back(&out);
    assert_eq!(ds.events.len(), 1);
    assert_eq!(ds.events[0].id, "a");

    let f = write(&dir, "broken.json", b"{");
    let out = dir.join("nothing.json");
    let o = convert_to(&f, &out);
    assert_eq!(code(&o), 1);
    assert!(!out.exists(), "nothing written for unusable data");
}

/// The contents of the SVG's `<text>` elements.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|chunk| {
            let body = chunk.split_once('>')?.1;
            Some(body.split_once("</text>")?.0.trim().to_string())
        })
        .collect()
}

#[test]
fn render_svg_keeps_chinese_labels_as_text() {
    let dir = scratch("svg");
    let out = dir.join("sip.svg");
    let o = cli(&[
        "render",
        SIP_ZH,
        "-o",
        out.to_str().unwrap(),
        "--start",
        "1992",
        "--end",
        "2025",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(
        svg.starts_with("<svg width=\"1200\" height=\"630\""),
        "default size"
    );
    assert!(svg.trim_end().ends_with("</svg>"));
    let texts = svg_texts(&svg);
    assert!(texts.len() > 20, "{texts:?}");
    for label in ["蘇州工業園區啟動", "1994年", "2020年"] {
        assert!(texts.iter().any(|t| t == label), "{label} in {texts:?}");
    }
    assert!(texts.iter().any(|t| t.contains("生產總值")), "pane title");
    // one element per drawn event, with its id, marker x and title
    assert!(svg.contains(r#"<rect class="cs-event" data-id="sip-founded" data-x=""#));
    assert!(svg.contains("<title>蘇州工業園區啟動, 1994年</title>"));
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |o: usize| u32::from_be_bytes(bytes[o..o + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn render_png_at_size_times_scale() {
    let dir = scratch("png");
    let out = dir.join("sip.png");
    let o = cli(&[
        "render",
        SIP_EN,
        "-o",
        out.to_str().unwrap(),
        "--width",
        "640",
        "--height",
        "360",
        "--scale",
        "1.5",
        "--theme",
        "dark",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(png_size(&std::fs::read(&out).unwrap()), (960, 540));
    let out = dir.join("default.png");
    let o = cli(&["render", SIP_ZH, "-o", out.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(png_size(&std::fs::read(&out).unwrap()), (1200, 630));
}

#[test]
fn render_takes_the_language_and_reports_problems() {
    let dir = scratch("lang");
    let out = dir.join("en.svg");
    let o = cli(&[
        "render",
        SIP_ZH,
        "-o",
        out.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(code(&o), 0);
    let texts = svg_texts(&std::fs::read_to_string(&out).unwrap());
    assert!(
        texts.iter().any(|t| t == "2020"),
        "English years: {texts:?}"
    );
    assert!(!texts.iter().any(|t| t == "2020年"));

    let f = write(
        &dir,
        "partly.json",
        br#"{"events": [{"id": "a", "start": "1994", "title": "Kept"},
                        {"id": "b", "start": "whenever", "title": "Dropped"}]}"#,
    );
    let out = dir.join("partly.svg");
    let o = cli(&["render", &f, "-o", out.to_str().unwrap()]);
    assert_eq!(code(&o), 1, "problems are reported");
    assert!(stderr(&o).contains("(at events[1].start)"));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(
        svg_texts(&svg).iter().any(|t| t == "Kept"),
        "the rest drawn"
    );
}

/// The code `validate` gives a file: `ok` when it can be used, else the
/// code of the fatal problem it lists.
fn validate_code(path: &str) -> String {
    let o = cli(&["validate", path]);
    let out = stdout(&o);
    if !out.ends_with(": cannot be used\n") {
        assert!(code(&o) <= 1, "{out}");
        return "ok".into();
    }
    let line = out.lines().find(|l| l.contains(": error: ")).unwrap_or("");
    let code = line.rsplit_once(" [").map_or("", |(_, c)| c);
    code.split(']').next().unwrap_or("").to_string()
}

#[test]
fn the_widget_and_the_cli_accept_and_refuse_the_same_files() {
    // tests/e2e/api.test.mjs gives the widget the same files.
    let manifest = std::fs::read_to_string("tests/fixtures/load/cases.json").unwrap();
    let json: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let cases = json["cases"].as_array().unwrap();
    assert!(cases.len() >= 10);
    for case in cases {
        let (file, want) = (case[0].as_str().unwrap(), case[1].as_str().unwrap());
        let path = format!("tests/fixtures/load/{file}");
        assert_eq!(validate_code(&path), want, "{file}");
        // the core's one path says the same
        let bytes = std::fs::read(&path).unwrap();
        let got = match chronoscope::core::formats::load::load(
            file,
            &bytes,
            chronoscope::core::formats::load::Limits::Apply,
        ) {
            Ok(_) => "ok".to_string(),
            Err(e) => e.code.as_str().to_string(),
        };
        assert_eq!(got, want, "{file}");
    }
}

#[test]
fn render_draws_a_step_series_as_steps() {
    let dir = scratch("step");
    let data = write(
        &dir,
        "rate.json",
        br##"{"series": [{"id": "rate", "name": "Policy rate", "unit": "%", "kind": "step", "color": "#d95f02",
            "points": [["2000", 1], ["2001", 3], ["2002", null], ["2003", 2], ["2004", 4]]}]}"##,
    );
    let o = cli(&["validate", &data]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = dir.join("rate.svg");
    let o = cli(&[
        "render",
        &data,
        "-o",
        out.to_str().unwrap(),
        "--start",
        "1999",
        "--end",
        "2006",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let svg = std::fs::read_to_string(&out).unwrap();
    // The pane's line: 2 px in the series' colour, broken at the null,
    // every piece horizontal (the value held) or vertical (the jump).
    let lines: Vec<Vec<(i32, i32)>> = svg
        .split("<polyline")
        .skip(1)
        .filter(|c| c.contains(r##"stroke="#D95F02" stroke-width="2""##))
        .map(|c| {
            let points = c
                .split("points=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            points
                .split_whitespace()
                .map(|p| {
                    let (x, y) = p.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect()
        })
        .collect();
    assert_eq!(lines.len(), 2, "{svg}");
    for l in &lines {
        assert!(
            l.windows(2).all(|w| w[0].0 == w[1].0 || w[0].1 == w[1].1),
            "{l:?}"
        );
    }
    assert_eq!(
        lines[0].len(),
        4,
        "hold, jump, hold to the null: {:?}",
        lines[0]
    );
    // and it reads back as a step series
    let back = convert_to(&data, &dir.join("back.json"));
    assert_eq!(code(&back), 0, "{}", stderr(&back));
    assert!(std::fs::read_to_string(dir.join("back.json"))
        .unwrap()
        .contains(r#""kind": "step""#));
}
