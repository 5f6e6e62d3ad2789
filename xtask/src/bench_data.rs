//! The benchmark's synthetic datasets (`cargo xtask bench`): deterministic
//! (a seeded SplitMix64), written once into `target/bench-data/v1/` and reused
//! by later runs.
//!
//! Every dataset comes in Chronoscope's format (`NAME.json`); the event-only
//! ones also in the peers' shapes: `NAME.vis.json` (vis-timeline: `items`
//! `{id, content, start, end, group}` and `groups`) and `NAME.tl.json`
//! (TimelineJS: `events` with `start_date`/`end_date` `{year, month, day}`,
//! `text.headline`, `group`, `unique_id`). `NAME.meta.json` records what is in
//! it (counts, title bytes) for the report.
//!
//! Events: starts uniform over 1900-01-01 … 2025-12-31 (written sorted by
//! start, as an export would be), every third one a span of 1 day to about 10
//! years (log-uniform, clipped at the end of 2025), five groups, titles of two
//! to four words mixing Latin and CJK. Series: three columnar series (`line`,
//! `area`, `bar`) of evenly spaced ms times over 1900–2025 and a random walk of
//! values with two decimals.
//!
//! The adversarial datasets (issue 15; [`adversarial_specs`]) are the same
//! events at 10k and 100k in shapes the format allows but that once made
//! loading quadratic ([`Shape`]): groups the data does not declare, one id
//! shared by every event, every event on one date, every event but one with
//! an unparseable start, and titles of about 1 KB.

use crate::util::Result;
use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Bump when the generator's output changes, so cached files are not reused.
pub const VERSION: &str = "v1";
const SEED: u64 = 0x5EED_C4A0_2025;

/// 1900-01-01 and 2025-12-31 as days since 1970-01-01.
const FIRST_DAY: i64 = -25_567;
const LAST_DAY: i64 = 20_453;
const MS_PER_DAY: i64 = 86_400_000;

const GROUPS: [(&str, &str, &str); 5] = [
    ("politics", "政治 Politics", "#3b6fb6"),
    ("economy", "經濟 Economy", "#c2571a"),
    ("science", "科學 Science", "#2f8f5b"),
    ("culture", "文化 Culture", "#8e4fb0"),
    ("people", "人物 People", "#a8842c"),
];

const LATIN: [&str; 32] = [
    "Treaty",
    "Harbour",
    "Railway",
    "Council",
    "Festival",
    "Reform",
    "Summit",
    "Bridge",
    "Census",
    "Charter",
    "Exhibition",
    "Election",
    "Strike",
    "Museum",
    "Canal",
    "Republic",
    "Academy",
    "Dynasty",
    "Market",
    "Airport",
    "Library",
    "Congress",
    "Expedition",
    "Tariff",
    "Observatory",
    "Uprising",
    "Accord",
    "Pavilion",
    "Reservoir",
    "Mission",
    "Institute",
    "Union",
];

const CJK: [&str; 32] = [
    "條約",
    "港口",
    "鐵路",
    "議會",
    "節慶",
    "改革",
    "峰會",
    "大橋",
    "普查",
    "憲章",
    "博覽會",
    "選舉",
    "罷工",
    "博物館",
    "運河",
    "共和國",
    "學院",
    "王朝",
    "市場",
    "機場",
    "圖書館",
    "大會",
    "探險",
    "關稅",
    "天文台",
    "起義",
    "協議",
    "展館",
    "水庫",
    "使團",
    "研究所",
    "聯盟",
];

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, good enough for test data.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [0, n).
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }
}

/// How a dataset's events are written (issue 15's adversarial shapes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The generated events as they are, their five groups declared.
    Clean,
    /// The same events, but no `groups`: every event names a group the data
    /// does not declare (`unknown_group`, drawn in the "Other" lane).
    UndeclaredGroups,
    /// The same events, all with one id: every one but the first is a
    /// `duplicate_id` and skipped.
    SharedId,
    /// The same titles and groups, every event a point on 2000-01-01.
    OneDate,
    /// The same events, every one but the first with an unparseable start
    /// (`bad_time`, skipped).
    AllBad,
    /// The same events with titles of about 1 KB (1,000–1,030 bytes of UTF-8)
    /// of mixed CJK and Latin words.
    LongTitles,
}

impl Shape {
    /// Every shape, in the order of the report.
    pub const ALL: [Shape; 6] = [
        Shape::Clean,
        Shape::UndeclaredGroups,
        Shape::SharedId,
        Shape::OneDate,
        Shape::AllBad,
        Shape::LongTitles,
    ];

    /// The dataset name's stem: `undeclared-groups`.
    pub fn label(self) -> &'static str {
        match self {
            Shape::Clean => "clean",
            Shape::UndeclaredGroups => "undeclared-groups",
            Shape::SharedId => "shared-id",
            Shape::OneDate => "one-date",
            Shape::AllBad => "all-bad",
            Shape::LongTitles => "long-titles",
        }
    }

    /// How many of `n` written events the widget keeps.
    pub fn loaded(self, n: usize) -> usize {
        match self {
            Shape::SharedId | Shape::AllBad => n.min(1),
            _ => n,
        }
    }
}

/// The day every event of [`Shape::OneDate`] is on: 2000-01-01.
const ONE_DATE_DAY: i64 = 10_957;
/// The unparseable start of [`Shape::AllBad`].
const BAD_START: &str = "not a date";
/// Titles of [`Shape::LongTitles`] are at least this many UTF-8 bytes.
const LONG_TITLE_BYTES: usize = 1_000;
/// The widget's data size limit (docs/api.md, Limits): 128 MiB.
pub const MAX_DATA_BYTES: u64 = 128 << 20;

/// One dataset of the benchmark.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    /// File stem and the name in the report: `events-10k`, `series-1m`, `headline`.
    pub name: String,
    pub events: usize,
    /// Points per series; 0 means no series.
    pub series_points: usize,
    /// Number of series (three when `series_points > 0`).
    pub series: usize,
    /// Whether the peers (vis-timeline, TimelineJS) load it: event-only sets.
    pub peers: bool,
    /// How the events are written ([`Shape::Clean`] but for the adversarial sets).
    pub shape: Shape,
}

/// The datasets of a full run, in the order they are measured.
pub fn all_specs() -> Vec<Spec> {
    let mut out = Vec::new();
    for (label, n) in [
        ("1k", 1_000),
        ("10k", 10_000),
        ("100k", 100_000),
        ("1m", 1_000_000),
    ] {
        out.push(Spec {
            name: format!("events-{label}"),
            events: n,
            series_points: 0,
            series: 0,
            peers: true,
            shape: Shape::Clean,
        });
    }
    for (label, n) in [("10k", 10_000), ("100k", 100_000), ("1m", 1_000_000)] {
        out.push(Spec {
            name: format!("series-{label}"),
            events: 1_000,
            series_points: n,
            series: 3,
            peers: false,
            shape: Shape::Clean,
        });
    }
    out.push(Spec {
        name: "headline".into(),
        events: 100_000,
        series_points: 1_000_000,
        series: 3,
        peers: false,
        shape: Shape::Clean,
    });
    out
}

/// The adversarial datasets (issue 15): every [`Shape`] at 10k and at 100k
/// events, named `SHAPE-SIZE` (`clean-10k`, `one-date-100k`), in the order
/// of the report (by size, then shape). Chronoscope only.
pub fn adversarial_specs() -> Vec<Spec> {
    let mut out = Vec::new();
    for (label, n) in [("10k", 10_000), ("100k", 100_000)] {
        for shape in Shape::ALL {
            out.push(Spec {
                name: format!("{}-{label}", shape.label()),
                events: n,
                series_points: 0,
                series: 0,
                peers: false,
                shape,
            });
        }
    }
    out
}

/// What a generated dataset holds, for the report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub events: usize,
    pub spans: usize,
    pub series: usize,
    pub series_points: usize,
    /// UTF-8 bytes of all titles together.
    pub title_bytes: u64,
    /// Size of `NAME.json`.
    pub file_bytes: u64,
}

impl Meta {
    fn json(&self, spec: &Spec) -> String {
        format!(
            "{{\"name\":{},\"version\":\"{VERSION}\",\"events\":{},\"spans\":{},\"series\":{},\"seriesPoints\":{},\"titleBytes\":{},\"fileBytes\":{},\"peers\":{},\"shape\":\"{}\",\"loaded\":{}}}\n",
            json_str(&spec.name),
            self.events,
            self.spans,
            self.series,
            self.series_points,
            self.title_bytes,
            self.file_bytes,
            spec.peers,
            spec.shape.label(),
            spec.shape.loaded(self.events)
        )
    }
}

/// The folder the datasets live in: `target/bench-data/v1/`.
pub fn data_dir(target: &Path) -> PathBuf {
    target.join("bench-data").join(VERSION)
}

/// Writes the dataset's files unless they are already there (all of them,
/// with a meta file, which is written last). Returns the meta file's path.
pub fn ensure(dir: &Path, spec: &Spec) -> Result<PathBuf> {
    let meta_path = dir.join(format!("{}.meta.json", spec.name));
    let mut wanted = vec![dir.join(format!("{}.json", spec.name))];
    if spec.peers {
        wanted.push(dir.join(format!("{}.vis.json", spec.name)));
        wanted.push(dir.join(format!("{}.tl.json", spec.name)));
    }
    if meta_path.is_file() && wanted.iter().all(|p| p.is_file()) {
        return Ok(meta_path);
    }
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let started = std::time::Instant::now();
    let events = shaped(events(spec.events), spec.shape);
    let mut meta = Meta {
        events: events.len(),
        spans: events.iter().filter(|e| e.end_day.is_some()).count(),
        series: spec.series,
        series_points: spec.series_points,
        title_bytes: events.iter().map(|e| e.title.len() as u64).sum(),
        file_bytes: 0,
    };
    meta.file_bytes = write_atomically(&wanted[0], |w| write_chronoscope(w, spec, &events))?;
    if meta.file_bytes > MAX_DATA_BYTES {
        let _ = fs::remove_file(&wanted[0]);
        return Err(format!(
            "{} would be {} bytes, over the widget's limit of 128 MiB",
            spec.name, meta.file_bytes
        ));
    }
    if spec.peers {
        write_atomically(&wanted[1], |w| write_vis(w, &events))?;
        write_atomically(&wanted[2], |w| write_timelinejs(w, &events))?;
    }
    fs::write(&meta_path, meta.json(spec))
        .map_err(|e| format!("cannot write {}: {e}", meta_path.display()))?;
    println!(
        "bench: generated {} ({} events, {} series × {} points, {:.1} MB) in {:.1}s",
        spec.name,
        meta.events,
        meta.series,
        meta.series_points,
        meta.file_bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(meta_path)
}

fn write_atomically(
    path: &Path,
    body: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<u64> {
    let tmp = path.with_extension("json.partial");
    let result = (|| {
        let file = fs::File::create(&tmp)?;
        let mut w = BufWriter::with_capacity(1 << 20, file);
        body(&mut w)?;
        w.flush()?;
        drop(w);
        fs::rename(&tmp, path)?;
        Ok::<_, std::io::Error>(fs::metadata(path)?.len())
    })();
    result.map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// One generated event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub start_day: i64,
    pub end_day: Option<i64>,
    pub group: usize,
    pub title: String,
    /// `e` + its index in the written (sorted) order.
    pub id: usize,
}

/// `n` events, sorted by start (then by their draw order, so the sort is
/// deterministic).
pub fn events(n: usize) -> Vec<Event> {
    let mut rng = SplitMix64::new(SEED ^ n as u64);
    let span_days = (LAST_DAY - FIRST_DAY + 1) as u64;
    let mut out: Vec<(i64, usize, Event)> = (0..n)
        .map(|i| {
            let start_day = FIRST_DAY + rng.below(span_days) as i64;
            let end_day = (i % 3 == 0).then(|| {
                // 1 day … ~10 years, log-uniform.
                let len = (3650f64.ln() * rng.unit()).exp().round().max(1.0) as i64;
                (start_day + len).min(LAST_DAY)
            });
            let group = rng.below(GROUPS.len() as u64) as usize;
            let title = title(&mut rng, start_day);
            let ev = Event {
                start_day,
                end_day,
                group,
                title,
                id: 0,
            };
            (start_day, i, ev)
        })
        .collect();
    out.sort_by_key(|(d, i, _)| (*d, *i));
    out.into_iter()
        .enumerate()
        .map(|(id, (_, _, mut ev))| {
            ev.id = id;
            ev
        })
        .collect()
}

/// The events of a [`Shape`]: new titles ([`Shape::LongTitles`]) or dates
/// ([`Shape::OneDate`]); the writer handles the rest.
fn shaped(mut events: Vec<Event>, shape: Shape) -> Vec<Event> {
    match shape {
        Shape::OneDate => {
            for e in &mut events {
                e.start_day = ONE_DATE_DAY;
                e.end_day = None;
            }
        }
        Shape::LongTitles => {
            let mut rng = SplitMix64::new(SEED ^ 0x7171_7E55 ^ events.len() as u64);
            for e in &mut events {
                e.title = long_title(&mut rng);
            }
        }
        _ => {}
    }
    events
}

/// Latin and CJK words, alternating at random, until the title has
/// [`LONG_TITLE_BYTES`] of UTF-8 (at most one word more).
fn long_title(rng: &mut SplitMix64) -> String {
    let mut t = String::with_capacity(LONG_TITLE_BYTES + 32);
    while t.len() < LONG_TITLE_BYTES {
        if !t.is_empty() {
            t.push(' ');
        }
        let word = if rng.below(2) == 0 {
            CJK[rng.below(CJK.len() as u64) as usize]
        } else {
            LATIN[rng.below(LATIN.len() as u64) as usize]
        };
        t.push_str(word);
    }
    t
}

fn title(rng: &mut SplitMix64, start_day: i64) -> String {
    let words = 2 + rng.below(3) as usize;
    let mut t = String::new();
    for w in 0..words {
        let cjk = rng.below(2) == 0;
        let word = if cjk {
            CJK[rng.below(CJK.len() as u64) as usize]
        } else {
            LATIN[rng.below(LATIN.len() as u64) as usize]
        };
        if w > 0 {
            t.push(' ');
        }
        t.push_str(word);
    }
    if rng.below(4) == 0 {
        let (y, _, _) = civil_from_days(start_day);
        let _ = write!(t, " {y}");
    }
    t
}

/// Proleptic Gregorian (year, month, day) of a day count since 1970-01-01
/// (Howard Hinnant's `civil_from_days`).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn iso_date(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A JSON string literal.
pub fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn write_chronoscope(w: &mut dyn Write, spec: &Spec, events: &[Event]) -> std::io::Result<()> {
    writeln!(w, "{{")?;
    writeln!(w, "  \"schemaVersion\": 1,")?;
    writeln!(
        w,
        "  \"title\": {},",
        json_str(&format!(
            "Benchmark {} ({} events, {} series × {} points)",
            spec.name, spec.events, spec.series, spec.series_points
        ))
    )?;
    writeln!(
        w,
        "  \"description\": \"Synthetic, generated by cargo xtask bench (seeded, {VERSION}).\","
    )?;
    writeln!(w, "  \"locale\": \"en\",")?;
    if spec.shape != Shape::UndeclaredGroups {
        write!(w, "  \"groups\": [")?;
        for (i, (id, label, color)) in GROUPS.iter().enumerate() {
            let sep = if i == 0 { "\n    " } else { ",\n    " };
            write!(
                w,
                "{sep}{{\"id\":\"{id}\",\"label\":{},\"color\":\"{color}\"}}",
                json_str(label)
            )?;
        }
        writeln!(w, "\n  ],")?;
    }
    write!(w, "  \"events\": [")?;
    for (i, e) in events.iter().enumerate() {
        let sep = if i == 0 { "\n    " } else { ",\n    " };
        let id = if spec.shape == Shape::SharedId {
            0
        } else {
            e.id
        };
        let start = if spec.shape == Shape::AllBad && i > 0 {
            BAD_START.to_string()
        } else {
            iso_date(e.start_day)
        };
        write!(w, "{sep}{{\"id\":\"e{id}\",\"start\":\"{start}\"")?;
        if let Some(end) = e.end_day {
            write!(w, ",\"end\":\"{}\"", iso_date(end))?;
        }
        write!(
            w,
            ",\"title\":{},\"group\":\"{}\"}}",
            json_str(&e.title),
            GROUPS[e.group].0
        )?;
    }
    write!(w, "\n  ]")?;
    if spec.series > 0 {
        write!(w, ",\n  \"series\": [")?;
        for s in 0..spec.series {
            let sep = if s == 0 { "\n    " } else { ",\n    " };
            write_series(w, sep, s, spec.series_points)?;
        }
        write!(w, "\n  ]")?;
    }
    writeln!(w, "\n}}")
}

fn write_series(w: &mut dyn Write, sep: &str, index: usize, points: usize) -> std::io::Result<()> {
    const KINDS: [&str; 3] = ["line", "area", "bar"];
    const UNITS: [&str; 3] = ["index points", "億元 (100 million yuan)", "people"];
    let mut rng = SplitMix64::new(SEED ^ ((index as u64 + 1) << 40) ^ points as u64);
    let t0 = FIRST_DAY * MS_PER_DAY;
    let t1 = (LAST_DAY + 1) * MS_PER_DAY;
    let step = (t1 - t0) as f64 / points.max(1) as f64;
    write!(
        w,
        "{sep}{{\"id\":\"s{index}\",\"name\":{},\"unit\":{},\"kind\":\"{}\",\"points\":{{\n      \"t\":[",
        json_str(&format!("Indicator {} 指標", index + 1)),
        json_str(UNITS[index % 3]),
        KINDS[index % 3]
    )?;
    let mut line = String::with_capacity(64 * 1024);
    for i in 0..points {
        if i > 0 {
            line.push(',');
        }
        let _ = write!(line, "{}", t0 + (step * i as f64) as i64);
        if line.len() > 60_000 {
            w.write_all(line.as_bytes())?;
            line.clear();
        }
    }
    w.write_all(line.as_bytes())?;
    line.clear();
    write!(w, "],\n      \"v\":[")?;
    let mut v = 100.0f64;
    for i in 0..points {
        if i > 0 {
            line.push(',');
        }
        v = (v + (rng.unit() - 0.5) * 2.0).max(0.0);
        let _ = write!(line, "{:.2}", v);
        if line.len() > 60_000 {
            w.write_all(line.as_bytes())?;
            line.clear();
        }
    }
    w.write_all(line.as_bytes())?;
    write!(w, "]\n    }}}}")
}

fn write_vis(w: &mut dyn Write, events: &[Event]) -> std::io::Result<()> {
    write!(w, "{{\"groups\":[")?;
    for (i, (id, label, _)) in GROUPS.iter().enumerate() {
        let sep = if i == 0 { "\n" } else { ",\n" };
        write!(
            w,
            "{sep}{{\"id\":\"{id}\",\"content\":{}}}",
            json_str(label)
        )?;
    }
    write!(w, "\n],\"items\":[")?;
    for (i, e) in events.iter().enumerate() {
        let sep = if i == 0 { "\n" } else { ",\n" };
        write!(
            w,
            "{sep}{{\"id\":\"e{}\",\"content\":{},\"start\":\"{}\"",
            e.id,
            json_str(&e.title),
            iso_date(e.start_day)
        )?;
        if let Some(end) = e.end_day {
            write!(w, ",\"end\":\"{}\"", iso_date(end))?;
        }
        write!(w, ",\"group\":\"{}\"}}", GROUPS[e.group].0)?;
    }
    writeln!(w, "\n]}}")
}

fn tl_date(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{{\"year\":\"{y}\",\"month\":\"{m}\",\"day\":\"{d}\"}}")
}

fn write_timelinejs(w: &mut dyn Write, events: &[Event]) -> std::io::Result<()> {
    write!(w, "{{\"events\":[")?;
    for (i, e) in events.iter().enumerate() {
        let sep = if i == 0 { "\n" } else { ",\n" };
        write!(
            w,
            "{sep}{{\"unique_id\":\"e{}\",\"start_date\":{}",
            e.id,
            tl_date(e.start_day)
        )?;
        if let Some(end) = e.end_day {
            write!(w, ",\"end_date\":{}", tl_date(end))?;
        }
        write!(
            w,
            ",\"text\":{{\"headline\":{}}},\"group\":{}}}",
            json_str(&e.title),
            json_str(GROUPS[e.group].1)
        )?;
    }
    writeln!(w, "\n]}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_deterministic_and_spread() {
        let mut a = SplitMix64::new(1);
        let mut b = SplitMix64::new(1);
        let xs: Vec<u64> = (0..4).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..4).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        let mut r = SplitMix64::new(7);
        let mean = (0..10_000).map(|_| r.unit()).sum::<f64>() / 10_000.0;
        assert!((mean - 0.5).abs() < 0.02, "{mean}");
        assert!((0..1000).all(|_| r.below(5) < 5));
    }

    #[test]
    fn calendar() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(FIRST_DAY), (1900, 1, 1));
        assert_eq!(civil_from_days(LAST_DAY), (2025, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(iso_date(-1), "1969-12-31");
    }

    #[test]
    fn events_are_sorted_deterministic_and_mixed() {
        let a = events(3000);
        assert_eq!(a, events(3000));
        assert!(a.windows(2).all(|w| w[0].start_day <= w[1].start_day));
        assert!(a
            .iter()
            .all(|e| (FIRST_DAY..=LAST_DAY).contains(&e.start_day)));
        assert_eq!(a.iter().filter(|e| e.end_day.is_some()).count(), 1000);
        assert!(a
            .iter()
            .all(|e| e.end_day.is_none_or(|d| d >= e.start_day && d <= LAST_DAY)));
        let cjk = a.iter().filter(|e| !e.title.is_ascii()).count();
        let latin = a
            .iter()
            .filter(|e| e.title.chars().any(|c| c.is_ascii_alphabetic()))
            .count();
        assert!(cjk > 2000 && latin > 2000, "{cjk} {latin}");
        for g in 0..GROUPS.len() {
            let n = a.iter().filter(|e| e.group == g).count();
            assert!(n > 450 && n < 750, "group {g}: {n}");
        }
        assert_eq!(a[17].id, 17);
    }

    #[test]
    fn json_strings_escape() {
        assert_eq!(json_str("a\"b\\c\n蘇"), "\"a\\\"b\\\\c\\u000a蘇\"");
    }

    #[test]
    fn writes_valid_looking_files_once() {
        let dir = crate::util::target_dir()
            .join("xtask-test")
            .join(format!("bench-data-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let spec = Spec {
            name: "tiny".into(),
            events: 10,
            series_points: 5,
            series: 3,
            peers: true,
            shape: Shape::Clean,
        };
        let meta = ensure(&dir, &spec).unwrap();
        let text = fs::read_to_string(dir.join("tiny.json")).unwrap();
        assert!(text.contains("\"schemaVersion\": 1"));
        assert_eq!(text.matches("\"start\":\"").count(), 10);
        assert_eq!(text.matches("\"kind\":").count(), 3);
        let vis = fs::read_to_string(dir.join("tiny.vis.json")).unwrap();
        assert_eq!(vis.matches("\"content\":").count(), 15);
        let tl = fs::read_to_string(dir.join("tiny.tl.json")).unwrap();
        assert_eq!(tl.matches("\"headline\":").count(), 10);
        let m = fs::read_to_string(&meta).unwrap();
        assert!(m.contains("\"events\":10"), "{m}");
        // A second call reuses the files.
        let before = fs::metadata(dir.join("tiny.json"))
            .unwrap()
            .modified()
            .unwrap();
        ensure(&dir, &spec).unwrap();
        let after = fs::metadata(dir.join("tiny.json"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(before, after);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn adversarial_specs_cover_every_shape_at_two_sizes() {
        let specs = adversarial_specs();
        assert_eq!(specs.len(), 12);
        assert_eq!(specs[0].name, "clean-10k");
        assert_eq!(specs[8].name, "shared-id-100k");
        assert!(specs.iter().all(|s| !s.peers && s.series == 0));
        assert_eq!(Shape::SharedId.loaded(10_000), 1);
        assert_eq!(Shape::OneDate.loaded(10_000), 10_000);
    }

    #[test]
    fn writes_each_shape() {
        let dir = crate::util::target_dir()
            .join("xtask-test")
            .join(format!("bench-shapes-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let mut texts = Vec::new();
        for shape in Shape::ALL {
            let spec = Spec {
                name: format!("{}-tiny", shape.label()),
                events: 20,
                series_points: 0,
                series: 0,
                peers: false,
                shape,
            };
            let meta = ensure(&dir, &spec).unwrap();
            let m = fs::read_to_string(meta).unwrap();
            assert!(
                m.contains(&format!("\"shape\":\"{}\"", shape.label())),
                "{m}"
            );
            assert!(
                m.contains(&format!("\"loaded\":{}", shape.loaded(20))),
                "{m}"
            );
            texts.push(fs::read_to_string(dir.join(format!("{}.json", spec.name))).unwrap());
        }
        let _ = fs::remove_dir_all(&dir);
        let [clean, undeclared, shared, one_date, bad, long] = &texts[..] else {
            unreachable!()
        };
        assert!(clean.contains("\"groups\"") && clean.contains("\"group\":\""));
        assert!(!undeclared.contains("\"groups\"") && undeclared.contains("\"group\":\""));
        assert_eq!(shared.matches("\"id\":\"e0\"").count(), 20);
        assert_eq!(one_date.matches("\"start\":\"2000-01-01\"").count(), 20);
        assert!(!one_date.contains("\"end\""));
        assert_eq!(
            bad.matches(&format!("\"start\":\"{BAD_START}\"")).count(),
            19
        );
        assert_eq!(clean.matches("\"start\":\"").count(), 20);
        // Long titles: 1,000 bytes or a word more, CJK and Latin.
        let titles: Vec<&str> = long
            .split("\"title\":\"")
            .skip(1)
            .map(|t| &t[..t.find('"').unwrap()])
            .collect();
        assert_eq!(titles.len(), 20);
        for t in titles {
            assert!(
                (LONG_TITLE_BYTES..LONG_TITLE_BYTES + 32).contains(&t.len()),
                "{}",
                t.len()
            );
            assert!(!t.is_ascii() && t.chars().any(|c| c.is_ascii_alphabetic()));
        }
    }

    #[test]
    fn long_titles_at_100k_stay_under_the_data_limit() {
        // Per event: the longest title and the rest of the line (id, dates,
        // group), measured on a sample, times 100k.
        let events = shaped(events(2_000), Shape::LongTitles);
        let spec = Spec {
            name: "sample".into(),
            events: 2_000,
            series_points: 0,
            series: 0,
            peers: false,
            shape: Shape::LongTitles,
        };
        let mut buf = Vec::new();
        write_chronoscope(&mut buf, &spec, &events).unwrap();
        let per_event = buf.len() as u64 / 2_000 + 40;
        assert!(
            per_event * 100_000 < MAX_DATA_BYTES,
            "{per_event} B per event"
        );
    }
}
