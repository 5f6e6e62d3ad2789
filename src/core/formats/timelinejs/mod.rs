//! Importers for TimelineJS3 data (issue 6): its JSON format, the CSV a
//! TimelineJS Google Sheet exports, and the older TimelineJS 2 JSON
//! (`{"timeline": {"date": [...]}}`). All become a [`Dataset`], with every
//! problem reported the way our own decoder reports it — a JSON path and
//! line/column, or a spreadsheet cell (`row 5, column B`) — and a broken
//! event skipped while the rest loads. `docs/dataset.md` ("Importing from
//! TimelineJS") says what maps to what; in short:
//!
//! | TimelineJS | Chronoscope |
//! |---|---|
//! | `title.text.headline` / `.text` | dataset `title` / `description` (plain text) |
//! | `events[].start_date`, `end_date` | `start`, `end`, at the precision of the finest field given |
//! | `unique_id` | `id` (made from the headline when missing, made unique when repeated) |
//! | `display_date` (slide, or the dates') | `displayDate` |
//! | `text.headline` | `title` (plain text) |
//! | `text.text` | `text` (HTML made into our markup by [`super::html`]) |
//! | `media` (image) | `media` (`url`, `alt`, `caption`, `credit`) |
//! | `media` (anything else), `media.link` | `link`, with `thumbnail` as the image |
//! | `media` as HTML: `<blockquote>` / `<iframe>` / other | a quotation before the `text` / `link` / text |
//! | `background.url` | `media` when the event has none |
//! | `group` | a group of that name |
//! | `eras[]` | `eras` (`text.headline` as the label) |
//! | `scale: "cosmological"` | negative years as deep time (ka, Ma, Ga before present) |
//!
//! Negative years are read as TimelineJS shows them: `-500` is 500 BCE
//! (astronomical `-0499`). Dates are calendar dates without a zone, as
//! TimelineJS shows them in every reader's zone.

use crate::core::data::error::{ChronoError, ErrorCode};
use crate::core::data::model::{
    total_key, Dataset, Era, Event, Group, Loaded, Media, MAX_REPORTED_ERRORS,
};
use crate::core::data::time::{days_in_month, parse_time, Precision, TimePoint};
use crate::core::data::url::is_safe_ref;
use crate::core::formats::csv_series::{self, cell_error, Lines};
use crate::core::formats::dataset::syntax_error;
use crate::core::formats::dataset_json::time_string;
use crate::core::formats::html;
use crate::core::formats::json::{self, Json, JsonValue};
use crate::core::formats::limits;
use crate::core::text::markup;
use std::collections::{HashMap, HashSet};

/// Years a JavaScript `Date` holds: TimelineJS switches to its cosmological
/// scale when a year lies outside them.
const JS_YEARS: std::ops::RangeInclusive<i64> = -271_820..=275_759;

/// Headlines made from the text are cut to this many characters.
const TITLE_FROM_TEXT: usize = 60;

// ---------------------------------------------------------------------------
// Telling TimelineJS data from ours

/// Whether JSON text is TimelineJS data rather than a Chronoscope dataset:
/// a top-level object whose `title` is an object (a TimelineJS3 slide),
/// whose first event (or era) object has a `start_date` (TimelineJS3), or
/// whose `timeline` is an object (TimelineJS 2; neither our format nor
/// TimelineJS3 has that member). A dataset of ours has a string
/// `title` and events with `start`; one with a member only our format has
/// (`schemaVersion`, `description`, `locale`, `source`, `groups`,
/// `series`) met first is always ours. Reads only as far as it needs (the
/// first event at most, so a big dataset of ours is not parsed twice);
/// text that is not JSON is not TimelineJS.
pub fn looks_like_json(text: &str) -> bool {
    let mut r = json::Reader::new(text);
    if r.peek() != Some(b'{') {
        return false;
    }
    let Ok(mut more) = r.begin_object() else {
        return false;
    };
    while more {
        let Ok(key) = r.key() else {
            return false;
        };
        match key.as_str() {
            // Members only our format has (and a big `series` is not
            // parsed twice).
            "schemaVersion" | "description" | "locale" | "source" | "groups" | "series" => {
                return false
            }
            "title" => match r.peek() {
                Some(b'{') => return true,
                Some(b'"') => return false,
                _ => {}
            },
            // TimelineJS 2: everything inside a `timeline` object.
            "timeline" if r.peek() == Some(b'{') => return true,
            "events" | "eras" if r.peek() == Some(b'[') => {
                let Ok(mut next) = r.begin_array() else {
                    return false;
                };
                while next {
                    let Ok(item) = r.value() else {
                        return false;
                    };
                    if item.get("start_date").is_some() {
                        return true;
                    }
                    if item.get("start").is_some() {
                        return false;
                    }
                    let Ok(n) = r.next_element() else {
                        return false;
                    };
                    next = n;
                }
                let Ok(m) = r.next_member() else {
                    return false;
                };
                more = m;
                continue;
            }
            _ => {}
        }
        if r.value().is_err() {
            return false;
        }
        let Ok(m) = r.next_member() else {
            return false;
        };
        more = m;
    }
    false
}

/// Whether CSV text is a TimelineJS sheet: its header row (the first CSV
/// record) has a `Year` and a `Headline` column.
pub fn looks_like_sheet(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header = csv::StringRecord::new();
    if !reader.read_record(&mut header).unwrap_or(false) {
        return false;
    }
    let cols: Vec<Option<Col>> = header.iter().map(Col::of).collect();
    cols.contains(&Some(Col::Year)) && cols.contains(&Some(Col::Headline))
}

// ---------------------------------------------------------------------------
// What both formats are read into

/// Where a value is, for reports.
#[derive(Clone, Debug)]
enum Loc {
    Json {
        path: String,
        pos: usize,
    },
    /// `row` 1-based (the header is row 1), `col` 0-based.
    Cell {
        row: u64,
        col: usize,
        line: u64,
    },
}

#[derive(Clone, Debug)]
struct Field<T> {
    value: T,
    loc: Loc,
}

/// A TimelineJS date: each part as written, checked to be a whole number.
#[derive(Clone, Debug, Default)]
struct DateIn {
    year: Option<Field<i64>>,
    month: Option<Field<i64>>,
    day: Option<Field<i64>>,
    hour: Option<Field<i64>>,
    minute: Option<Field<i64>>,
    second: Option<Field<i64>>,
    millisecond: Option<Field<i64>>,
    /// The date's own `display_date` (HTML).
    display: Option<String>,
    /// A part was not a number (already reported).
    bad: bool,
}

impl DateIn {
    fn is_empty(&self) -> bool {
        [
            &self.year,
            &self.month,
            &self.day,
            &self.hour,
            &self.minute,
            &self.second,
            &self.millisecond,
        ]
        .iter()
        .all(|f| f.is_none())
            && !self.bad
    }
}

#[derive(Clone, Debug, Default)]
struct MediaIn {
    url: Option<Field<String>>,
    caption: String,
    credit: String,
    thumbnail: Option<Field<String>>,
    alt: String,
    link: Option<Field<String>>,
}

/// An event, era or title slide as read, before it is checked.
#[derive(Clone, Debug)]
struct SlideIn {
    /// The object or row, for problems of the whole.
    loc: Loc,
    /// Where a missing `start_date` is reported.
    start_loc: Loc,
    start: Option<DateIn>,
    end: Option<(DateIn, Loc)>,
    id: Option<Field<String>>,
    display_date: String,
    headline: String,
    text: String,
    media: MediaIn,
    group: String,
    background_url: Option<Field<String>>,
    background_alt: String,
    /// Something that makes it unusable was reported already.
    bad: bool,
}

impl SlideIn {
    fn new(loc: Loc) -> Self {
        SlideIn {
            start_loc: loc.clone(),
            loc,
            start: None,
            end: None,
            id: None,
            display_date: String::new(),
            headline: String::new(),
            text: String::new(),
            media: MediaIn::default(),
            group: String::new(),
            background_url: None,
            background_alt: String::new(),
            bad: false,
        }
    }
}

/// What an import gathers, then turns into a dataset.
struct Import<'a> {
    text: &'a str,
    /// The problems reported so far: the [`MAX_REPORTED_ERRORS`] first in
    /// the text, with their places in `keys` (byte offset or line); the
    /// others are only counted in `suppressed` (a file of millions of bad
    /// rows must not hold millions of messages).
    errors: Vec<ChronoError>,
    keys: Vec<usize>,
    suppressed: usize,
    title: String,
    description: String,
    events: Vec<SlideIn>,
    eras: Vec<SlideIn>,
    /// `Some(true)` for `scale: "cosmological"`; `None`: worked out from
    /// the years, as TimelineJS does.
    cosmological: Option<bool>,
    /// Line starts, found when the first JSON problem is reported.
    lines: std::cell::OnceCell<json::LineIndex<'a>>,
}

/// "the event is skipped", "the row is skipped".
fn skipped(loc: &Loc, what: &str) -> String {
    match loc {
        Loc::Json { .. } => format!("the {what} is skipped"),
        Loc::Cell { .. } => "the row is skipped".to_string(),
    }
}

/// A whole number as TimelineJS takes one: digits with an optional minus.
fn parse_int(s: &str) -> Option<i64> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut v: i64 = 0;
    for b in digits.bytes() {
        v = v.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
        if v > 1_000_000_000_000_000 {
            return None;
        }
    }
    Some(if neg { -v } else { v })
}

/// `//host/…` (TimelineJS takes protocol-relative addresses) as https.
fn absolute(url: &str) -> String {
    let url = url.trim();
    match url.strip_prefix("//") {
        Some(rest) if !rest.starts_with('/') => format!("https://{rest}"),
        _ => url.to_string(),
    }
}

/// Whether an address names an image file (by its extension), the way
/// TimelineJS tells images from videos, maps and other embeds.
fn is_image_url(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let lower = path.to_ascii_lowercase();
    [
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif", ".bmp",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
}

/// An id from a title: its letters and digits (any script; ASCII ones in
/// lower case) joined by `-`, at most 60 characters.
fn slug(s: &str) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut dash = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
                count += 1;
            }
            dash = false;
            // ASCII only: Unicode case tables would cost the wasm ~15 KB.
            out.push(c.to_ascii_lowercase());
            count += 1;
            if count >= 60 {
                break;
            }
        } else {
            dash = true;
        }
    }
    out
}

/// The first line of a text, cut to `max` characters.
fn first_line(s: &str, max: usize) -> String {
    let line = s
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.chars().count() <= max {
        return line.to_string();
    }
    let cut: String = line.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

/// A problem found in a date: its code, message and place.
type Problem = (ErrorCode, String, Loc);

impl<'a> Import<'a> {
    fn new(text: &'a str) -> Self {
        Import {
            text,
            errors: Vec::new(),
            keys: Vec::new(),
            suppressed: 0,
            title: String::new(),
            description: String::new(),
            events: Vec::new(),
            eras: Vec::new(),
            cosmological: None,
            lines: std::cell::OnceCell::new(),
        }
    }

    fn report(&mut self, code: ErrorCode, message: String, loc: &Loc) {
        let key = match loc {
            Loc::Json { pos, .. } => *pos,
            Loc::Cell { line, .. } => usize::try_from(*line).unwrap_or(usize::MAX),
        };
        if self.errors.len() >= MAX_REPORTED_ERRORS {
            self.suppressed += 1;
            let last = self
                .keys
                .iter()
                .enumerate()
                .max_by_key(|&(i, &k)| (k, i))
                .map(|(i, &k)| (i, k));
            match last {
                Some((i, k)) if key < k => {
                    self.errors.remove(i);
                    self.keys.remove(i);
                }
                _ => return, // later in the text than every kept one
            }
        }
        let e = match loc {
            Loc::Json { path, pos } => {
                let (line, column) = self
                    .lines
                    .get_or_init(|| json::LineIndex::new(self.text))
                    .line_col(*pos);
                ChronoError {
                    code,
                    message,
                    path: Some(path.clone()),
                    line: Some(line),
                    column: Some(column),
                    fatal: false,
                }
            }
            Loc::Cell { row, col, line } => cell_error(code, message, *row, *col, *line),
        };
        self.errors.push(e);
        self.keys.push(key);
    }

    /// The instant of a TimelineJS date, at the precision of the finest part
    /// given.
    fn time(
        &self,
        d: &DateIn,
        whole: &Loc,
        cosmological: bool,
        what: &str,
    ) -> Result<TimePoint, Problem> {
        let Some(year) = &d.year else {
            let msg = format!("the date has no year; {}", skipped(whole, what));
            return Err((ErrorCode::MissingField, msg, whole.clone()));
        };
        let y = year.value;
        if cosmological && y < 0 {
            // TimelineJS shows these as "13.80 billion years ago": deep time.
            let ago = -(y as f64);
            let (unit, name) = if ago >= 1e9 {
                (1e9, "Ga")
            } else if ago >= 1e6 {
                (1e6, "Ma")
            } else {
                (1e3, "ka")
            };
            return parse_time(&format!("{} {name}", ago / unit)).map_err(|e| {
                let msg = format!("year {y}: {e}; {}", skipped(whole, what));
                (ErrorCode::BadTime, msg, year.loc.clone())
            });
        }
        // TimelineJS writes 500 BCE as -500; ours is -0499.
        let astro = if y < 0 { y + 1 } else { y };
        let part = |f: &Option<Field<i64>>, name: &str, lo: i64, hi: i64, default: i64| match f {
            None => Ok(default),
            Some(f) if (lo..=hi).contains(&f.value) => Ok(f.value),
            Some(f) => {
                let msg = format!(
                    "{name} {} is not between {lo} and {hi}; {}",
                    f.value,
                    skipped(whole, what)
                );
                Err((ErrorCode::BadTime, msg, f.loc.clone()))
            }
        };
        let month = part(&d.month, "month", 1, 12, 1)?;
        let dim = i64::from(days_in_month(astro, month as u32));
        let day = part(&d.day, "day", 1, dim, 1)?;
        let hour = part(&d.hour, "hour", 0, 23, 0)?;
        let minute = part(&d.minute, "minute", 0, 59, 0)?;
        let second = part(&d.second, "second", 0, 59, 0)?;
        let millis = part(&d.millisecond, "millisecond", 0, 999, 0)?;
        let precision = if d.millisecond.is_some() {
            Precision::Millisecond
        } else if d.second.is_some() {
            Precision::Second
        } else if d.hour.is_some() || d.minute.is_some() {
            Precision::Minute
        } else if d.day.is_some() {
            Precision::Day
        } else if d.month.is_some() {
            Precision::Month
        } else {
            Precision::Year
        };
        let mut s = if astro < 0 {
            format!("-{:04}", -astro)
        } else {
            format!("{astro:04}")
        };
        if precision >= Precision::Month {
            s.push_str(&format!("-{month:02}"));
        }
        if precision >= Precision::Day {
            s.push_str(&format!("-{day:02}"));
        }
        if precision >= Precision::Minute {
            s.push_str(&format!("T{hour:02}:{minute:02}"));
        }
        if precision >= Precision::Second {
            s.push_str(&format!(":{second:02}"));
        }
        if precision >= Precision::Millisecond {
            s.push_str(&format!(".{millis:03}"));
        }
        parse_time(&s).map_err(|e| {
            let msg = format!("year {y}: {e}; {}", skipped(whole, what));
            (ErrorCode::BadTime, msg, year.loc.clone())
        })
    }

    /// An address from the data, made absolute and checked: reported and
    /// dropped unless http(s) (or mailto, for links) or relative.
    fn url(&mut self, f: &Option<Field<String>>, what: &str, mailto: bool) -> Option<String> {
        let f = f.as_ref()?;
        let url = absolute(&f.value);
        if url.is_empty() {
            return None;
        }
        if is_safe_ref(&url, mailto) {
            return Some(url);
        }
        let allowed = if mailto {
            "http, https, mailto"
        } else {
            "http, https"
        };
        let shown: String = f.value.chars().take(80).collect();
        let msg =
            format!("{what} \"{shown}\" is not an {allowed} or relative address; it is left out");
        self.report(ErrorCode::BadUrl, msg, &f.loc);
        None
    }

    /// The event's image, its "read more" link, and media given as HTML
    /// made into markup to go before the event's text (see
    /// [`Import::html_media`]).
    fn media(&mut self, s: &SlideIn) -> (Option<Media>, Option<String>, Option<String>) {
        let m = &s.media;
        let mut caption = Some(html::to_line(&m.caption)).filter(|c| !c.is_empty());
        let mut credit = Some(html::to_line(&m.credit)).filter(|c| !c.is_empty());
        let alt = [html::to_line(&m.alt), caption.clone().unwrap_or_default()]
            .into_iter()
            .find(|a| !a.is_empty())
            .unwrap_or_default();
        let mut link = self.url(&m.link, "the media link", true);
        let mut media = None;
        let mut quote = None;
        match &m.url {
            Some(f) if f.value.trim_start().starts_with('<') => {
                let (text, src) = self.html_media(f, &mut credit, &mut caption);
                quote = text;
                link = link.or(src);
                media = self.url(&m.thumbnail, "the media thumbnail", false);
            }
            _ => {
                if let Some(url) = self.url(&m.url, "the media url", false) {
                    if is_image_url(&url) {
                        media = Some(url);
                    } else {
                        // A video, map, tweet…: a link, with the thumbnail
                        // as picture.
                        link = link.or(Some(url));
                        media = self.url(&m.thumbnail, "the media thumbnail", false);
                    }
                }
            }
        }
        if let Some(url) = media {
            let media = Media {
                url,
                alt,
                caption,
                credit,
            };
            return (Some(media), link, quote);
        }
        let background = self.url(&s.background_url, "the background url", false);
        let media = background.map(|url| Media {
            url,
            alt: html::to_line(&s.background_alt),
            caption: None,
            credit: None,
        });
        (media, link, quote)
    }

    /// Media given as HTML, as TimelineJS takes it: a `<blockquote>` is a
    /// quotation (its paragraphs in emphasis, then `— credit` and the
    /// caption), an `<iframe>` an embed whose address becomes the link
    /// (as other embeds do), any other HTML its text. Returns the markup
    /// and the iframe's address. Reports only what is dropped: an iframe
    /// address that is not allowed, or HTML with nothing to show. The
    /// credit and caption are taken into the text when there is one, else
    /// left for the thumbnail.
    fn html_media(
        &mut self,
        f: &Field<String>,
        credit: &mut Option<String>,
        caption: &mut Option<String>,
    ) -> (Option<String>, Option<String>) {
        let html_text = &f.value;
        let src = html::iframe_src(html_text).map(|value| Field {
            value,
            loc: f.loc.clone(),
        });
        let had_src = src.is_some();
        let src = self.url(&src, "the media's iframe address", false);
        let is_quote = html_text.to_ascii_lowercase().contains("<blockquote");
        let mut text = if is_quote {
            html::to_quote(html_text)
        } else {
            html::to_markup(html_text)
        };
        if text.is_empty() {
            if !had_src {
                let msg =
                    "the media is HTML with nothing to show (no text, no iframe); it is left out";
                self.report(ErrorCode::BadUrl, msg.to_string(), &f.loc);
            }
            return (None, src);
        }
        for (line, dash) in [(credit.take(), is_quote), (caption.take(), false)] {
            if let Some(line) = line {
                text.push_str(if dash { "\n\n— " } else { "\n\n" });
                html::escape_text(&line, &mut text);
            }
        }
        (Some(text), src)
    }

    /// The dataset, with its problems (events sorted by start, problems in
    /// document order, at most [`MAX_REPORTED_ERRORS`] listed).
    fn finish(mut self) -> Loaded {
        let cosmological = self.cosmological.unwrap_or_else(|| {
            self.events
                .iter()
                .filter_map(|s| s.start.as_ref()?.year.as_ref())
                .any(|y| !JS_YEARS.contains(&y.value))
        });

        // Events, in the order given, with the ids they asked for.
        let slides = std::mem::take(&mut self.events);
        let mut kept: Vec<(Event, Option<Field<String>>, String)> = Vec::new();
        let mut group_names: Vec<String> = Vec::new();
        let mut group_index: HashMap<String, usize> = HashMap::new();
        for s in slides {
            if let Some((event, group)) = self.event(&s, cosmological) {
                let group = group.map(|g| {
                    *group_index.entry(g).or_insert_with_key(|g| {
                        group_names.push(g.clone());
                        group_names.len() - 1
                    })
                });
                let mut event = event;
                event.group = group;
                let base = slug(&event.title);
                kept.push((event, s.id.clone(), base));
            }
        }
        let events = self.assign_ids(kept);

        let era_slides = std::mem::take(&mut self.eras);
        let mut eras = Vec::new();
        for s in era_slides {
            if let Some(era) = self.era(&s, cosmological) {
                eras.push(era);
            }
        }
        let mut events = events;
        events.sort_by_cached_key(|e| total_key(e.start.ms));
        let groups = group_names
            .into_iter()
            .map(|name| Group {
                id: name.clone(),
                label: name,
                color: None,
            })
            .collect();
        let mut errors = std::mem::take(&mut self.errors);
        errors.sort_by_key(|e| (e.line, e.column));
        let suppressed = self.suppressed;
        Loaded {
            dataset: Dataset {
                title: self.title,
                description: self.description,
                locale: None,
                source: None,
                groups,
                eras,
                events,
                series: Vec::new(),
            },
            errors,
            suppressed,
        }
    }

    /// Ids: the `unique_id` given (the first of a repeated one keeps it, a
    /// later one gets `-2`, `-3` …, reported); without one, the headline's
    /// slug (or `event`), made unique the same way.
    fn assign_ids(&mut self, kept: Vec<(Event, Option<Field<String>>, String)>) -> Vec<Event> {
        let mut used: HashSet<String> = HashSet::new();
        let mut fixed = vec![false; kept.len()];
        for (k, (_, id, _)) in kept.iter().enumerate() {
            if let Some(id) = id {
                fixed[k] = used.insert(id.value.clone());
            }
        }
        let mut next: HashMap<String, usize> = HashMap::new();
        let mut out = Vec::with_capacity(kept.len());
        for (k, (mut event, id, base)) in kept.into_iter().enumerate() {
            if fixed[k] {
                event.id = id.map(|f| f.value).unwrap_or_default();
                out.push(event);
                continue;
            }
            let repeated = id.is_some();
            let base = match &id {
                Some(f) => f.value.clone(),
                None if base.is_empty() => "event".to_string(),
                None => base,
            };
            let mut n = *next.get(&base).unwrap_or(&if repeated { 2 } else { 1 });
            let mut candidate = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            while used.contains(&candidate) {
                n += 1;
                candidate = format!("{base}-{n}");
            }
            next.insert(base.clone(), n + 1);
            used.insert(candidate.clone());
            if let Some(f) = id {
                let msg = format!(
                    "unique_id \"{base}\" is used twice; this event is given the id \"{candidate}\""
                );
                self.report(ErrorCode::DuplicateId, msg, &f.loc);
            }
            event.id = candidate;
            out.push(event);
        }
        out
    }

    /// An event from a slide (its id is set later), with its group's name.
    fn event(&mut self, s: &SlideIn, cosmological: bool) -> Option<(Event, Option<String>)> {
        if s.bad {
            return None;
        }
        let what = "event";
        let Some(start_in) = &s.start else {
            let msg = format!("an event has no start date; {}", skipped(&s.loc, what));
            self.report(ErrorCode::MissingField, msg, &s.start_loc);
            return None;
        };
        if start_in.bad {
            return None;
        }
        let start = match self.time(start_in, &s.start_loc, cosmological, what) {
            Ok(t) => t,
            Err((code, msg, loc)) => {
                self.report(code, msg, &loc);
                return None;
            }
        };
        let mut end = None;
        let mut end_display = None;
        if let Some((d, loc)) = &s.end {
            if d.bad {
                return None;
            }
            if d.year.is_none() {
                if !d.is_empty() {
                    let msg = "the end date has no year; it is left out".to_string();
                    self.report(ErrorCode::MissingField, msg, loc);
                }
            } else {
                let t = match self.time(d, loc, cosmological, what) {
                    Ok(t) => t,
                    Err((code, msg, loc)) => {
                        self.report(code, msg, &loc);
                        return None;
                    }
                };
                if t.ms < start.ms {
                    let msg = format!("the event ends before it starts; {}", skipped(loc, what));
                    let at = d.year.as_ref().map_or(loc, |y| &y.loc);
                    self.report(ErrorCode::EndBeforeStart, msg, at);
                    return None;
                }
                // TimelineJS drops an end date equal to the start.
                if t != start {
                    end = Some(t);
                    end_display = d.display.clone();
                }
            }
        }
        let display_date = {
            let slide = html::to_line(&s.display_date);
            let from = start_in
                .display
                .as_deref()
                .map(html::to_line)
                .unwrap_or_default();
            let to = end_display
                .as_deref()
                .map(html::to_line)
                .unwrap_or_default();
            if !slide.is_empty() {
                Some(slide)
            } else if !from.is_empty() && !to.is_empty() {
                Some(format!("{from} – {to}"))
            } else if !from.is_empty() {
                Some(from)
            } else {
                None
            }
        };
        let (media, link, quote) = self.media(s);
        let own_text = html::to_markup(&s.text);
        let title = [
            html::to_line(&s.headline),
            first_line(&html::to_text(&s.text), TITLE_FROM_TEXT),
            quote
                .as_deref()
                .map(|q| first_line(&markup::plain_text(q), TITLE_FROM_TEXT))
                .unwrap_or_default(),
            media
                .as_ref()
                .and_then(|m| m.caption.clone())
                .unwrap_or_default(),
            display_date.clone().unwrap_or_default(),
        ]
        .into_iter()
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| time_string(&start));
        let group = Some(html::to_line(&s.group)).filter(|g| !g.is_empty());
        // A quotation from the media comes first, as TimelineJS shows media
        // before the text.
        let text = match quote {
            Some(mut q) if !own_text.is_empty() => {
                q.push_str("\n\n");
                q.push_str(&own_text);
                Some(q)
            }
            Some(q) => Some(q),
            None => Some(own_text).filter(|t| !t.is_empty()),
        };
        let event = Event {
            id: String::new(),
            start,
            end,
            display_date,
            title,
            text,
            group: None,
            link,
            source: None,
            media: media.map(Box::new),
        };
        Some((event, group))
    }

    fn era(&mut self, s: &SlideIn, cosmological: bool) -> Option<Era> {
        if s.bad {
            return None;
        }
        let what = "era";
        let Some(start_in) = &s.start else {
            let msg = format!("an era has no start date; {}", skipped(&s.loc, what));
            self.report(ErrorCode::MissingField, msg, &s.start_loc);
            return None;
        };
        // Every reader sets `end`, empty when none is given, at the place
        // a missing one is reported.
        let end_in = match &s.end {
            Some((d, loc)) if !d.is_empty() => (d, loc),
            end => {
                let msg = format!("an era has no end date; {}", skipped(&s.loc, what));
                self.report(
                    ErrorCode::MissingField,
                    msg,
                    end.as_ref().map_or(&s.loc, |e| &e.1),
                );
                return None;
            }
        };
        if start_in.bad || end_in.0.bad {
            return None;
        }
        let mut times = Vec::with_capacity(2);
        for (d, loc) in [(start_in, &s.start_loc), end_in] {
            match self.time(d, loc, cosmological, what) {
                Ok(t) => times.push(t),
                Err((code, msg, loc)) => {
                    self.report(code, msg, &loc);
                    return None;
                }
            }
        }
        let (start, end) = (times[0], times[1]);
        if end.ms < start.ms {
            let msg = format!("the era ends before it starts; {}", skipped(end_in.1, what));
            self.report(ErrorCode::EndBeforeStart, msg, end_in.1);
            return None;
        }
        Some(Era {
            start,
            end,
            label: html::to_line(&s.headline),
            color: None,
        })
    }
}

mod sheet;
mod v3json;
pub use sheet::parse_sheet;
use sheet::Col;
pub use v3json::parse_json;

#[cfg(test)]
mod tests;
