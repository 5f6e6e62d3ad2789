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

use super::csv_series::{self, cell_error, Lines};
use super::dataset_json::time_string;
use super::error::{ChronoError, ErrorCode};
use super::html;
use super::json::{self, Json, JsonValue};
use super::limits;
use super::markup;
use super::model::{
    is_safe_ref, syntax_error, total_key, Dataset, Era, Event, Group, Loaded, Media,
    MAX_REPORTED_ERRORS,
};
use super::time::{days_in_month, parse_time, Precision, TimePoint};
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
                let (line, column) = json::line_col(self.text, *pos);
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

// ---------------------------------------------------------------------------
// TimelineJS JSON

/// Reads TimelineJS JSON, version 3 or 2 (see [`looks_like_json`]). `Err`
/// only when the text is not JSON or not an object.
pub fn parse_json(text: &str) -> Result<Loaded, ChronoError> {
    // Parsed whole (a TimelineJS file is small): a huge one is refused
    // before its tree takes more than the largest accepted file needs.
    let root = json::parse_with_budget(text, limits::MAX_TIMELINEJS_VALUES).map_err(|e| {
        if e.too_large {
            let limit = format!("at most {} slides", limits::MAX_TIMELINEJS_SLIDES);
            limits::too_many_values("this TimelineJS file", &limit, e.line, e.column)
        } else {
            syntax_error(e, true)
        }
    })?;
    let mut im = Import::new(text);
    if !matches!(root.value, JsonValue::Object(_)) {
        let (line, column) = json::line_col(text, root.pos);
        return Err(ChronoError {
            code: ErrorCode::WrongType,
            message: format!(
                "TimelineJS data must be a JSON object, found {}",
                root.type_name()
            ),
            path: Some(String::new()),
            line: Some(line),
            column: Some(column),
            fatal: true,
        });
    }
    // TimelineJS 2 keeps everything in a `timeline` object, with its own
    // names (same shapes otherwise).
    let v2 = root
        .get("timeline")
        .filter(|t| matches!(t.value, JsonValue::Object(_)));
    let (top, prefix, lists) = match v2 {
        Some(t) => (t, "timeline.", [("date", "event"), ("era", "era")]),
        None => (&root, "", [("events", "event"), ("eras", "era")]),
    };
    let v2 = v2.is_some();
    if let Some(v) = top.get("scale").filter(|_| !v2) {
        match v.as_str().map(str::trim) {
            Some("cosmological") => im.cosmological = Some(true),
            Some("human") => im.cosmological = Some(false),
            None if v.is_null() => {}
            _ => {
                let msg = "scale is \"human\" or \"cosmological\"; it is worked out from the years instead".to_string();
                im.report(ErrorCode::BadValue, msg, &jloc("scale", v));
            }
        }
    }
    if v2 {
        let title = im.json_slide(top, "timeline", "title", true);
        im.title = html::to_line(&title.headline);
        im.description = html::to_text(&title.text);
    } else if let Some(t) = root.get("title") {
        match &t.value {
            JsonValue::Object(_) => {
                let title = im.json_slide(t, "title", "title", false);
                im.title = html::to_line(&title.headline);
                im.description = html::to_text(&title.text);
            }
            JsonValue::String(s) => im.title = html::to_line(s),
            JsonValue::Null => {}
            _ => im.wrong_type("title", t, "an object (the title slide)"),
        }
    }
    let mut slides = 0usize;
    for (key, what) in lists {
        let Some(list) = top.get(key) else {
            continue;
        };
        let key_path = format!("{prefix}{key}");
        let Some(items) = list.items(text) else {
            if !list.is_null() {
                im.wrong_type(&key_path, list, "an array");
            }
            continue;
        };
        slides += items.len();
        if slides > limits::MAX_TIMELINEJS_SLIDES {
            return Err(limits::too_many_slides());
        }
        for (i, item) in items.iter().enumerate() {
            let path = format!("{key_path}[{i}]");
            if !matches!(item.value, JsonValue::Object(_)) {
                im.wrong_type(&path, item, "an object");
                continue;
            }
            let slide = im.json_slide(item, &path, what, v2);
            if what == "event" {
                im.events.push(slide);
            } else {
                im.eras.push(slide);
            }
        }
    }
    Ok(im.finish())
}

/// `path.key`, the path of a member (without `format!`'s machinery at
/// every call).
fn member(path: &str, key: &str) -> String {
    let mut p = String::with_capacity(path.len() + key.len() + 1);
    p.push_str(path);
    p.push('.');
    p.push_str(key);
    p
}

fn jloc(path: &str, node: &Json) -> Loc {
    Loc::Json {
        path: path.to_string(),
        pos: node.pos,
    }
}

impl Import<'_> {
    fn wrong_type(&mut self, path: &str, node: &Json, expected: &str) {
        let msg = format!("expected {expected}, found {}", node.type_name());
        self.report(ErrorCode::WrongType, msg, &jloc(path, node));
    }

    /// An optional text member: a string (or a number, written out).
    fn json_str(&mut self, obj: &Json, path: &str, key: &str) -> String {
        let Some(v) = obj.get(key) else {
            return String::new();
        };
        match &v.value {
            JsonValue::String(s) => s.clone(),
            JsonValue::Number(n) if n.is_finite() => n.to_string(),
            JsonValue::Null => String::new(),
            _ => {
                self.wrong_type(&member(path, key), v, "a string");
                String::new()
            }
        }
    }

    /// An optional address member.
    fn json_url(&mut self, obj: &Json, path: &str, key: &str) -> Option<Field<String>> {
        let s = self.json_str(obj, path, key);
        let v = obj.get(key)?;
        (!s.trim().is_empty()).then(|| Field {
            value: s,
            loc: jloc(&member(path, key), v),
        })
    }

    /// An optional object member (`text`, `media`, `background`).
    fn json_obj<'j>(&mut self, obj: &'j Json, path: &str, key: &str) -> Option<&'j Json> {
        let v = obj.get(key)?;
        match v.value {
            JsonValue::Object(_) => Some(v),
            JsonValue::Null => None,
            _ => {
                self.wrong_type(&member(path, key), v, "an object");
                None
            }
        }
    }

    // Not inlined: json_slide calls it for both dates, and two inlined
    // copies cost the wasm 1.3 KB.
    #[inline(never)]
    fn json_date(&mut self, node: &Json, path: &str, what: &str) -> DateIn {
        let mut d = DateIn::default();
        let whole = jloc(path, node);
        for key in [
            "year",
            "month",
            "day",
            "hour",
            "minute",
            "second",
            "millisecond",
        ] {
            let Some(v) = node.get(key) else {
                continue;
            };
            let p = member(path, key);
            let value = match &v.value {
                JsonValue::Null => continue,
                JsonValue::Number(n) if n.fract() == 0.0 && n.abs() <= 1e15 => Some(*n as i64),
                JsonValue::String(s) if s.trim().is_empty() => continue,
                JsonValue::String(s) => parse_int(s.trim()),
                _ => None,
            };
            let Some(value) = value else {
                let shown = match &v.value {
                    JsonValue::String(s) => format!("\"{s}\""),
                    JsonValue::Number(n) => n.to_string(),
                    _ => v.type_name().to_string(),
                };
                let msg = format!(
                    "{key} {shown} is not a whole number; {}",
                    skipped(&whole, what)
                );
                self.report(ErrorCode::BadTime, msg, &jloc(&p, v));
                d.bad = true;
                continue;
            };
            let f = Some(Field {
                value,
                loc: jloc(&p, v),
            });
            match key {
                "year" => d.year = f,
                "month" => d.month = f,
                "day" => d.day = f,
                "hour" => d.hour = f,
                "minute" => d.minute = f,
                "second" => d.second = f,
                _ => d.millisecond = f,
            }
        }
        let display = self.json_str(node, path, "display_date");
        d.display = (!display.trim().is_empty()).then_some(display);
        d
    }

    /// A slide (event, era or title) of TimelineJS3, or with `v2` of
    /// TimelineJS 2: `startDate`/`endDate` strings, `headline` and `text`
    /// on the slide itself, `asset.media` for `media.url`, `tag` for
    /// `group`.
    fn json_slide(&mut self, node: &Json, path: &str, what: &str, v2: bool) -> SlideIn {
        let mut s = SlideIn::new(jloc(path, node));
        let (start_key, end_key) = if v2 {
            ("startDate", "endDate")
        } else {
            ("start_date", "end_date")
        };
        s.start_loc = jloc(&member(path, start_key), node);
        // Where a missing end date is reported (an era needs one).
        s.end = Some((DateIn::default(), jloc(&member(path, end_key), node)));
        for key in [start_key, end_key] {
            let Some(v) = node.get(key) else {
                continue;
            };
            let p = member(path, key);
            let loc = jloc(&p, v);
            let d = match &v.value {
                JsonValue::Null => continue,
                JsonValue::Object(_) if !v2 => self.json_date(v, &p, what),
                JsonValue::String(t) if v2 && t.trim().is_empty() => continue,
                JsonValue::String(t) if v2 => self.date_v2(t, &loc, what),
                JsonValue::Number(n) if v2 && n.fract() == 0.0 && n.abs() <= 1e15 => DateIn {
                    year: Some(Field {
                        value: *n as i64,
                        loc: loc.clone(),
                    }),
                    ..DateIn::default()
                },
                _ => {
                    let like = if v2 {
                        "a date like \"2011,3,23\" or \"1994\""
                    } else {
                        "an object like {\"year\": 1994, \"month\": 6}"
                    };
                    let expected = format!("{like}; {}", skipped(&s.loc, what));
                    self.wrong_type(&p, v, &expected);
                    s.bad = true;
                    continue;
                }
            };
            if key == start_key {
                s.start_loc = loc;
                s.start = Some(d);
            } else {
                s.end = Some((d, loc));
            }
        }
        let text = if v2 {
            Some((node, path.to_string()))
        } else {
            self.json_obj(node, path, "text")
                .map(|t| (t, member(path, "text")))
        };
        if let Some((t, p)) = text {
            s.headline = self.json_str(t, &p, "headline");
            s.text = self.json_str(t, &p, "text");
        }
        let (media_key, url_key) = if v2 {
            ("asset", "media")
        } else {
            ("media", "url")
        };
        if let Some(m) = self.json_obj(node, path, media_key) {
            let p = member(path, media_key);
            s.media = MediaIn {
                url: self.json_url(m, &p, url_key),
                caption: self.json_str(m, &p, "caption"),
                credit: self.json_str(m, &p, "credit"),
                thumbnail: self.json_url(m, &p, "thumbnail"),
                alt: self.json_str(m, &p, "alt"),
                link: self.json_url(m, &p, "link"),
            };
        }
        if let Some(b) = self.json_obj(node, path, "background") {
            let p = member(path, "background");
            s.background_url = self.json_url(b, &p, "url");
            s.background_alt = self.json_str(b, &p, "alt");
        }
        s.group = self.json_str(node, path, if v2 { "tag" } else { "group" });
        s.display_date = self.json_str(node, path, "display_date");
        if let Some(v) = node.get("unique_id") {
            let id = self.json_str(node, path, "unique_id");
            let id = id.trim();
            if !id.is_empty() {
                s.id = Some(Field {
                    value: id.to_string(),
                    loc: jloc(&member(path, "unique_id"), v),
                });
            }
        }
        s
    }
}

// ---------------------------------------------------------------------------
// TimelineJS 2 JSON: `{"timeline": {"headline", "text", "asset", "date":
// [{"startDate": "2011,3,23", "endDate", "headline", "text", "asset":
// {"media", "credit", "caption", "thumbnail"}, "tag"}], "era": […]}}`

impl Import<'_> {
    /// A TimelineJS 2 date: `"YYYY,MM,DD,HH,MM,SS"` cut after any part
    /// (`"2011,3,23"`, `"1994"`, `"-500"`; a millisecond may follow the
    /// second), each part a whole number.
    // Not inlined, as json_date.
    #[inline(never)]
    fn date_v2(&mut self, text: &str, loc: &Loc, what: &str) -> DateIn {
        let mut d = DateIn::default();
        let t = text.trim();
        for (k, part) in t.strip_suffix(',').unwrap_or(t).split(',').enumerate() {
            let slot = match k {
                0 => &mut d.year,
                1 => &mut d.month,
                2 => &mut d.day,
                3 => &mut d.hour,
                4 => &mut d.minute,
                5 => &mut d.second,
                6 => &mut d.millisecond,
                _ => {
                    d.bad = true;
                    break;
                }
            };
            let Some(value) = parse_int(part.trim()) else {
                d.bad = true;
                break;
            };
            *slot = Some(Field {
                value,
                loc: loc.clone(),
            });
        }
        if d.bad {
            let shown: String = text.chars().take(40).collect();
            let msg = format!(
                "\"{shown}\" is not a TimelineJS date (write 2011,3,23, 2011,3,23,14,30 or 1994); {}",
                skipped(loc, what)
            );
            self.report(ErrorCode::BadTime, msg, loc);
        }
        d
    }
}

// ---------------------------------------------------------------------------
// TimelineJS sheet CSV

/// The columns of the TimelineJS sheet template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Year,
    Month,
    Day,
    Time,
    EndYear,
    EndMonth,
    EndDay,
    EndTime,
    DisplayDate,
    Headline,
    Text,
    Media,
    MediaCredit,
    MediaCaption,
    MediaThumbnail,
    MediaAlt,
    Type,
    Group,
    Background,
}

impl Col {
    const COUNT: usize = Col::Background as usize + 1;

    /// A header cell's column, matched without regard to case, spaces,
    /// `_` or `-` (`End Year`, `end_year`, `ENDYEAR`).
    fn of(header: &str) -> Option<Col> {
        let key: String = header
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        Some(match key.as_str() {
            "year" => Col::Year,
            "month" => Col::Month,
            "day" => Col::Day,
            "time" => Col::Time,
            "endyear" => Col::EndYear,
            "endmonth" => Col::EndMonth,
            "endday" => Col::EndDay,
            "endtime" => Col::EndTime,
            "displaydate" => Col::DisplayDate,
            "headline" => Col::Headline,
            "text" => Col::Text,
            "media" => Col::Media,
            "mediacredit" => Col::MediaCredit,
            "mediacaption" => Col::MediaCaption,
            "mediathumbnail" => Col::MediaThumbnail,
            "mediaalt" | "mediaalttext" | "alttext" | "alt" => Col::MediaAlt,
            "type" => Col::Type,
            "group" | "tag" => Col::Group,
            "background" => Col::Background,
            _ => return None,
        })
    }
}

/// A time of day as TimelineJS sheets take it: `14:30`, `14:30:05`,
/// `14:30:05.250`, `2:30 PM`, `2:30 p.m.`, `1430`, `14.30`, `14`. Returns
/// (hour, minute, second, millisecond) with the parts given.
#[allow(clippy::type_complexity)]
fn parse_clock(s: &str) -> Option<(i64, Option<i64>, Option<i64>, Option<i64>)> {
    let mut t = s.trim();
    let lower = t.to_ascii_lowercase();
    let mut pm = None;
    for (suffix, is_pm) in [
        ("a.m.", false),
        ("p.m.", true),
        ("a.m", false),
        ("p.m", true),
        ("am", false),
        ("pm", true),
    ] {
        if lower.ends_with(suffix) {
            t = t[..t.len() - suffix.len()].trim_end();
            pm = Some(is_pm);
            break;
        }
    }
    let digits = |p: &str, max_len: usize| -> Option<i64> {
        let p = p.trim();
        (!p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let compact = t.len() >= 3 && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit());
    let (hour, minute, rest): (&str, Option<&str>, Vec<&str>) = if compact {
        (&t[..t.len() - 2], Some(&t[t.len() - 2..]), Vec::new())
    } else {
        let parts: Vec<&str> = if t.contains(':') {
            t.split(':').collect()
        } else {
            t.split('.').collect()
        };
        if parts.len() > 4 {
            return None;
        }
        let mut rest: Vec<&str> = Vec::new();
        if let Some(sec) = parts.get(2) {
            rest.extend(sec.split(['.', ',']));
            rest.extend(parts.get(3));
        }
        (parts[0], parts.get(1).copied(), rest)
    };
    let mut hour = digits(hour, 2)?;
    match pm {
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(true) if hour != 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    let minute = match minute {
        Some(m) => Some(digits(m, 2)?),
        None => None,
    };
    if rest.len() > 2 {
        return None;
    }
    let second = match rest.first() {
        Some(s) => Some(digits(s, 2)?),
        None => None,
    };
    let millis = match rest.get(1) {
        Some(f) => {
            let f = f.trim();
            if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            // The first three digits, as milliseconds.
            let ms = (0..3).fold(0, |acc, k| {
                acc * 10 + f.as_bytes().get(k).map_or(0, |d| i64::from(d - b'0'))
            });
            Some(ms)
        }
        None => None,
    };
    Some((hour, minute, second, millis))
}

/// Reads a TimelineJS sheet exported as CSV (see [`looks_like_sheet`]):
/// one row a slide, `Type` `title` for the title slide and `era` for an
/// era. `Err` only when the CSV cannot be read at all.
pub fn parse_sheet(text: &str) -> Result<Loaded, ChronoError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (mut reader, headers) = csv_series::open_csv(body)?;
    let fatal = csv_series::csv_fatal;
    // Each column's index (the first of a repeated header wins).
    let mut index: [Option<usize>; Col::COUNT] = [None; Col::COUNT];
    for (i, h) in headers.iter().enumerate() {
        if let Some(c) = Col::of(h) {
            index[c as usize].get_or_insert(i);
        }
    }
    if index[Col::Year as usize].is_none() || index[Col::Headline as usize].is_none() {
        return Err(fatal(
            "a TimelineJS sheet needs a header row with Year and Headline columns".into(),
            Some(1),
        ));
    }
    let mut im = Import::new(text);
    let mut title_seen = false;
    let mut lines = Lines::new(body);
    let mut rows = 0usize;
    for (k, record) in reader.records().enumerate() {
        let row = k as u64 + 2;
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line());
            fatal(format!("row {row} cannot be read: {e}"), line)
        })?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue; // a blank row
        }
        rows += 1;
        if rows > limits::MAX_TIMELINEJS_SLIDES {
            return Err(limits::too_many_slides());
        }
        let line = record.position().map_or(row, |p| lines.at(p.byte()));
        let at = |col: usize| Loc::Cell { row, col, line };
        let get = |c: Col| -> (&str, Loc) {
            match index[c as usize] {
                Some(i) => (record.get(i).unwrap_or("").trim(), at(i)),
                None => ("", at(0)),
            }
        };
        let kind = get(Col::Type).0.to_ascii_lowercase();
        if kind == "title" && !title_seen {
            // The title slide: its dates, media and background have no
            // counterpart in a dataset.
            title_seen = true;
            im.title = html::to_line(get(Col::Headline).0);
            im.description = html::to_text(get(Col::Text).0);
            continue;
        }
        let mut s = SlideIn::new(get(Col::Year).1);
        let start = im.sheet_date(&get, [Col::Year, Col::Month, Col::Day, Col::Time]);
        let end = im.sheet_date(
            &get,
            [Col::EndYear, Col::EndMonth, Col::EndDay, Col::EndTime],
        );
        s.start = (!start.is_empty()).then_some(start);
        s.end = Some((end, get(Col::EndYear).1));
        s.display_date = get(Col::DisplayDate).0.to_string();
        s.headline = get(Col::Headline).0.to_string();
        s.text = get(Col::Text).0.to_string();
        let url = |(v, loc): (&str, Loc)| {
            (!v.is_empty()).then(|| Field {
                value: v.to_string(),
                loc,
            })
        };
        s.media = MediaIn {
            url: url(get(Col::Media)),
            caption: get(Col::MediaCaption).0.to_string(),
            credit: get(Col::MediaCredit).0.to_string(),
            thumbnail: url(get(Col::MediaThumbnail)),
            alt: get(Col::MediaAlt).0.to_string(),
            link: None,
        };
        s.group = get(Col::Group).0.to_string();
        // Background: an address (TimelineJS: http(s), `//` or `/`), else a
        // colour, which has no counterpart here.
        let (bg, bg_loc) = get(Col::Background);
        if bg.starts_with("http:") || bg.starts_with("https:") || bg.starts_with('/') {
            s.background_url = url((bg, bg_loc));
        }
        if kind == "era" {
            im.eras.push(s);
        } else {
            im.events.push(s);
        }
    }
    Ok(im.finish())
}

impl Import<'_> {
    /// A date from its Year, Month, Day and Time cells.
    fn sheet_date<'r>(&mut self, get: &impl Fn(Col) -> (&'r str, Loc), cols: [Col; 4]) -> DateIn {
        let mut d = DateIn::default();
        let names = ["year", "month", "day"];
        for (k, col) in cols[..3].iter().enumerate() {
            let (cell, loc) = get(*col);
            // Spreadsheets may show 13800000000 as 13,800,000,000.
            let cleaned: String = cell
                .chars()
                .filter(|c| !c.is_whitespace() && *c != ',')
                .collect();
            if cleaned.is_empty() {
                continue;
            }
            let Some(value) = parse_int(&cleaned) else {
                let msg = format!(
                    "{} \"{cell}\" is not a whole number; the row is skipped",
                    names[k]
                );
                self.report(ErrorCode::BadTime, msg, &loc);
                d.bad = true;
                continue;
            };
            let f = Some(Field { value, loc });
            match k {
                0 => d.year = f,
                1 => d.month = f,
                _ => d.day = f,
            }
        }
        let (cell, loc) = get(cols[3]);
        if !cell.is_empty() {
            match parse_clock(cell) {
                Some((h, m, s, ms)) => {
                    let f = |v: i64| Field {
                        value: v,
                        loc: loc.clone(),
                    };
                    d.hour = Some(f(h));
                    d.minute = m.map(f);
                    d.second = s.map(f);
                    d.millisecond = ms.map(f);
                }
                None => {
                    let msg = format!(
                        "\"{cell}\" is not a time of day (write 14:30, 14:30:05 or 2:30 PM); the row is skipped"
                    );
                    self.report(ErrorCode::BadTime, msg, &loc);
                    d.bad = true;
                }
            }
        }
        d
    }
}

#[cfg(test)]
mod tests;
