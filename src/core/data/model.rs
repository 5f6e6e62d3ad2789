//! The dataset model: what a timeline shows (`Dataset`, `Event`, `Era`,
//! `Group`, `Series`), as every reader of `formats` produces it and every
//! later stage reads it.

use crate::core::data::error::ChronoError;
use crate::core::data::time::{Ms, Precision, TimePoint};

/// At most this many problems are reported one by one; the rest are counted.
pub const MAX_REPORTED_ERRORS: usize = 50;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Rgb {
    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Rgb { r, g, b }
    }

    /// `#rgb` or `#rrggbb` (case-insensitive).
    pub fn parse_hex(s: &str) -> Option<Rgb> {
        let hex = s.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(hex.get(i..i + 1)?, 16).ok();
        match hex.len() {
            3 => Some(Rgb::new(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => {
                let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
                Some(Rgb::new(byte(0)?, byte(2)?, byte(4)?))
            }
            _ => None,
        }
    }

    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct SourceRef {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Media {
    pub url: String,
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub id: String,
    pub label: String,
    pub color: Option<Rgb>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Era {
    pub start: TimePoint,
    pub end: TimePoint,
    pub label: String,
    pub color: Option<Rgb>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub id: String,
    pub start: TimePoint,
    pub end: Option<TimePoint>,
    pub display_date: Option<String>,
    pub title: String,
    pub text: Option<String>,
    /// Index into [`Dataset::groups`]; `None` for ungrouped events (the "Other" lane).
    pub group: Option<usize>,
    pub link: Option<String>,
    /// Boxed, as `media`: most events have neither, and a frame's memory
    /// per event matters at 100,000 of them.
    pub source: Option<Box<SourceRef>>,
    pub media: Option<Box<Media>>,
}

// An event's size is most of the memory of a big dataset (issue 5): keep
// it from growing unnoticed. 16-byte times, boxed rare parts.
const _: () = assert!(std::mem::size_of::<crate::core::data::time::TimePoint>() == 16);
#[cfg(target_arch = "wasm32")]
const _: () = assert!(std::mem::size_of::<Event>() <= 112);

impl Event {
    /// The last instant the event covers (its start for point events).
    pub fn end_ms(&self) -> Ms {
        self.end.map_or(self.start.ms, |e| e.ms)
    }
    pub fn is_span(&self) -> bool {
        self.end.is_some_and(|e| e.ms > self.start.ms)
    }
}

/// How a series is drawn: its name in a dataset's `kind`. This is the
/// kind's identity only, here because the decoder reads it before anything
/// is drawn; everything else about a kind — its geometry, its value axis,
/// its crosshair reading — is its module in `core::scene::series`, whose
/// registry maps each kind to it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SeriesKind {
    /// The default kind.
    #[default]
    Line,
    Area,
    Bar,
    Step,
}

impl SeriesKind {
    /// Every kind, in the order the documentation lists them.
    pub const ALL: [SeriesKind; 4] = [
        SeriesKind::Line,
        SeriesKind::Area,
        SeriesKind::Bar,
        SeriesKind::Step,
    ];

    /// The name of the kind in a dataset.
    pub fn name(self) -> &'static str {
        match self {
            SeriesKind::Line => "line",
            SeriesKind::Area => "area",
            SeriesKind::Bar => "bar",
            SeriesKind::Step => "step",
        }
    }

    /// The kind a dataset names `name`.
    pub fn from_name(name: &str) -> Option<SeriesKind> {
        SeriesKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub kind: SeriesKind,
    pub color: Option<Rgb>,
    pub note: Option<String>,
    pub source: Option<SourceRef>,
    /// Times, ascending.
    pub t: Vec<Ms>,
    /// Values; `NaN` marks a gap (`null` in the dataset).
    pub v: Vec<f64>,
    /// The precision all points share, if they share one (a bar then spans that period).
    pub precision: Option<Precision>,
}

impl Series {
    /// (min, max) of the finite values.
    pub fn value_range(&self) -> Option<(f64, f64)> {
        let mut it = self.v.iter().copied().filter(|v| v.is_finite());
        let first = it.next()?;
        Some(it.fold((first, first), |(lo, hi), v| (lo.min(v), hi.max(v))))
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Dataset {
    pub title: String,
    pub description: String,
    pub locale: Option<String>,
    pub source: Option<SourceRef>,
    pub groups: Vec<Group>,
    pub eras: Vec<Era>,
    /// Sorted by start time (stable: equal starts keep the dataset's order).
    pub events: Vec<Event>,
    pub series: Vec<Series>,
}

impl Dataset {
    /// The time range covered by events, eras and series points.
    pub fn extent(&self) -> Option<(Ms, Ms)> {
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        let mut add = |t: Ms| {
            lo = lo.min(t);
            hi = hi.max(t);
        };
        for e in &self.events {
            add(e.start.ms);
            add(e.end_ms());
        }
        for e in &self.eras {
            add(e.start.ms);
            add(e.end.ms);
        }
        for s in &self.series {
            if let (Some(first), Some(last)) = (s.t.first(), s.t.last()) {
                add(*first);
                add(*last);
            }
        }
        (lo <= hi).then_some((lo, hi))
    }

    /// Index of the event with this id.
    pub fn event_index(&self, id: &str) -> Option<usize> {
        self.events.iter().position(|e| e.id == id)
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty() && self.eras.is_empty() && self.series.is_empty()
    }

    /// The finest precision among the dataset's times: a hint for how far a
    /// "fit all" of a single instant should zoom.
    pub fn finest_precision(&self) -> Option<Precision> {
        let events = self.events.iter().map(|e| e.start.precision);
        let eras = self.eras.iter().map(|e| e.start.precision);
        let series = self.series.iter().filter_map(|s| s.precision);
        events.chain(eras).chain(series).max()
    }
}

/// A dataset that could be used, with the problems found on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub dataset: Dataset,
    /// Non-fatal problems, at most [`MAX_REPORTED_ERRORS`].
    pub errors: Vec<ChronoError>,
    /// How many further problems were found but not listed.
    pub suppressed: usize,
}

/// A key that orders like `f64::total_cmp`.
pub(crate) fn total_key(x: f64) -> i64 {
    let b = x.to_bits() as i64;
    b ^ (((b >> 63) as u64) >> 1) as i64
}

/// Sorts a series' points (`t`, `v`) by time (stable, `f64::total_cmp`).
/// The one place that sorts points, so the wasm build holds one copy of
/// the sort.
pub(crate) fn sort_points_by_time(t: &mut Vec<f64>, v: &mut Vec<f64>) {
    let mut order: Vec<usize> = (0..t.len()).collect();
    order.sort_by(|&a, &b| t[a].total_cmp(&t[b]));
    *t = order.iter().map(|&i| t[i]).collect();
    *v = order.iter().map(|&i| v[i]).collect();
}
