//! The dataset decoder: our JSON format (see `docs/dataset.md`) into a
//! [`Dataset`]. [`parse_dataset`] reports every problem with its JSON path
//! and line/column, skips what is broken and keeps the rest. Only a dataset
//! that cannot be used at all (not JSON, not an object, an unsupported
//! `schemaVersion`) is a fatal error.

use crate::core::data::error::{ChronoError, ErrorCode};
use crate::core::data::model::*;
use crate::core::data::time::{parse_time, time_from_ms, Ms, Precision, TimeError, TimePoint};
use crate::core::data::url::is_safe_ref;
use crate::core::formats::json::{self, Json, JsonValue};
use crate::core::formats::limits;
use std::collections::HashMap;

/// A JSON syntax error as a data error at its line and column.
pub(crate) fn syntax_error(e: json::JsonSyntaxError, fatal: bool) -> ChronoError {
    ChronoError {
        code: ErrorCode::JsonSyntax,
        message: e.message,
        path: None,
        line: Some(e.line),
        column: Some(e.column),
        fatal,
    }
}

/// Parses and validates a dataset. `Err` only for fatal problems.
pub fn parse_dataset(text: &str) -> Result<Loaded, ChronoError> {
    parse_dataset_within(text, limits::MAX_SERIES_VALUES)
}

/// [`parse_dataset`] holding at most `values` JSON values at once (the
/// limit's seam, for tests).
pub(crate) fn parse_dataset_within(text: &str, values: usize) -> Result<Loaded, ChronoError> {
    let syntax = |e| syntax_error(e, true);
    let mut cx = Decoder {
        text,
        errors: Vec::new(),
        suppressed: 0,
        lines: std::cell::OnceCell::new(),
    };
    // The top-level object is read member by member; the elements of
    // "events" and "series" are decoded as they are read, so the
    // document's tree is never held whole (it is several times the size of
    // the data). Each such member reports into its own list, so that a
    // repeated key (the last one wins) forgets what the earlier one said.
    let mut reader = json::Reader::new(text);
    // Whatever tree is held at once (one event, one series, one other
    // member) is refused before it outgrows the largest accepted series:
    // a document of many tiny values would otherwise take gigabytes.
    reader.set_value_budget(values);
    let too_large = |e: json::JsonSyntaxError| {
        if e.too_large {
            let limit = format!("at most {} series points", limits::MAX_POINTS);
            limits::too_many_values("one part of the data", &limit, e.line, e.column)
        } else {
            syntax_error(e, true)
        }
    };
    let root_pos = reader.pos();
    let mut events: Option<Section<Decoded>> = None;
    let mut series: Option<Section<Vec<(Series, usize, usize)>>> = None;
    let root = if reader.peek() == Some(b'{') {
        let mut members = Vec::new();
        let mut more = reader.begin_object().map_err(syntax)?;
        while more {
            let key = reader.key().map_err(syntax)?;
            let streamable = reader.peek() == Some(b'[');
            match key.as_str() {
                "events" => events = None,
                "series" => series = None,
                _ => {}
            }
            if streamable && (key == "events" || key == "series") {
                let pos = reader.pos();
                let mut sub = Decoder {
                    text,
                    errors: Vec::new(),
                    suppressed: 0,
                    lines: std::cell::OnceCell::new(),
                };
                let list = Path::Root(if key == "events" { "events" } else { "series" });
                let (mut evs, mut ss) = (Decoded::default(), Vec::new());
                if key == "events" {
                    // Reserved once: doubling would hold the old and the
                    // new vector at once, half again the events' memory.
                    // Too many are refused before any is decoded.
                    let n = json::count_elements(text, pos);
                    limits::check_counts(n, 0, true)?;
                    evs.events.reserve_exact(n);
                    evs.sides.reserve_exact(n);
                }
                let mut next = reader.begin_array().map_err(syntax)?;
                let mut i = 0;
                let (mut points, mut counted) = (0usize, 0usize);
                while next {
                    let mut node = reader.value().map_err(too_large)?;
                    let path = Path::Index(&list, i);
                    if let JsonValue::Object(_) = node.value {
                        if key == "events" {
                            if let Some(x) = sub.event(&node, &path) {
                                evs.push(x);
                            }
                        } else {
                            let id_pos = node.get("id").map_or(node.pos, |v| v.pos);
                            ss.extend(sub.series(&mut node, &path).map(|s| (s, i, id_pos)));
                        }
                    } else {
                        sub.wrong_type(&path, &node, "an object");
                    }
                    next = reader.next_element().map_err(syntax)?;
                    i += 1;
                    if key == "series" && ss.len() > counted {
                        points += ss[counted..]
                            .iter()
                            .map(|(s, _, _)| s.t.len())
                            .sum::<usize>();
                        counted = ss.len();
                        limits::check_counts(0, points, true)?;
                    }
                }
                if key == "events" {
                    events = Some(Section::new(evs, sub));
                } else {
                    series = Some(Section::new(ss, sub));
                }
                // Stands in for the array in the tree.
                let value = JsonValue::Array(Vec::new());
                members.push((key, Json { value, pos }));
            } else {
                let value = reader.value().map_err(too_large)?;
                members.push((key, value));
            }
            more = reader.next_member().map_err(syntax)?;
        }
        Json {
            value: JsonValue::Object(members),
            pos: root_pos,
        }
    } else {
        reader.value().map_err(too_large)?
    };
    reader.finish().map_err(syntax)?;
    let events = events.map(|sec| sec.merge_into(&mut cx));
    let series = series.map(|sec| sec.merge_into(&mut cx));
    // Data that names none of the members a timeline shows (`{}`, some
    // other JSON) is none of the formats; `{"events": []}` is empty on
    // purpose (a timeline filled later) and stays valid.
    let declared = ["events", "eras", "series"]
        .iter()
        .any(|k| root.get(k).is_some());
    let dataset = cx.dataset(&root, events, series)?;
    if !declared && dataset.is_empty() {
        return Err(ChronoError::no_data(&cx.errors, cx.suppressed));
    }
    // Report in document order.
    cx.errors.sort_by_key(|e| (e.line, e.column));
    Ok(Loaded {
        dataset,
        errors: cx.errors,
        suppressed: cx.suppressed,
    })
}

/// What a streamed member decoded, with what it reported.
struct Section<T> {
    items: T,
    errors: Vec<ChronoError>,
    suppressed: usize,
}

impl<T> Section<T> {
    fn new(items: T, sub: Decoder) -> Self {
        Section {
            items,
            errors: sub.errors,
            suppressed: sub.suppressed,
        }
    }

    /// Its reports join the document's; its items are returned.
    fn merge_into(self, cx: &mut Decoder) -> T {
        for e in self.errors {
            cx.push_error(e);
        }
        cx.suppressed += self.suppressed;
        self.items
    }
}

/// Events as decoded, before their group ids are looked up (the groups may
/// come after the events in the document). Two parallel lists, so that the
/// events end up in their own vector without another copy.
#[derive(Default)]
struct Decoded {
    events: Vec<Event>,
    sides: Vec<Side>,
}

/// What decoding an event leaves besides the event.
struct Side {
    /// Its index in the events array, for paths.
    index: usize,
    /// Where its "id" value is written.
    id_pos: usize,
    /// Where its group id is written (the id is read again from there
    /// when groups are looked up: a string per event held meanwhile would
    /// cost more than the event's title).
    group: Option<usize>,
}

impl Decoded {
    fn push(&mut self, (event, side): (Event, Side)) {
        self.events.push(event);
        self.sides.push(side);
    }
}
/// Decodes events given to the JavaScript API (`addEvents`, `updateEvent`):
/// a JSON array of event objects, checked like a dataset's (`path_prefix`
/// names them in errors, e.g. `events`), against the dataset's `groups`.
/// The first problem is the error — nothing is added when any is invalid.
pub fn decode_events(
    text: &str,
    groups: &[Group],
    path_prefix: &str,
) -> Result<Vec<Event>, ChronoError> {
    let root = json::parse(text).map_err(|e| syntax_error(e, false))?;
    let mut cx = Decoder {
        text,
        errors: Vec::new(),
        suppressed: 0,
        lines: std::cell::OnceCell::new(),
    };
    let group_index: HashMap<String, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.id.clone(), i))
        .collect();
    let Some(items) = root.items(text) else {
        return Err(cx.error_at(
            ErrorCode::WrongType,
            format!("expected an array of events, found {}", root.type_name()),
            &Path::Root(path_prefix),
            &root,
        ));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let prefix = Path::Root(path_prefix);
        let path = Path::Index(&prefix, i);
        if let JsonValue::Object(_) = item.value {
            if let Some((mut ev, mut side)) = cx.event(item, &path) {
                cx.resolve_group(&mut ev, &mut side, path_prefix, &group_index);
                out.push(ev);
            }
        } else {
            cx.wrong_type(&path, item, "an object");
        }
        if let Some(e) = cx.errors.first() {
            return Err(e.clone());
        }
    }
    Ok(out)
}

/// Decodes series points given to `appendPoints`: `[[time, value], …]` or
/// `{"t": […], "v": […]}`. Returns (times, values, their shared precision)
/// sorted by time; the first problem is the error.
#[allow(clippy::type_complexity)]
pub fn decode_points(
    text: &str,
    path: &str,
) -> Result<(Vec<Ms>, Vec<f64>, Option<Precision>), ChronoError> {
    let root = json::parse(text).map_err(|e| syntax_error(e, false))?;
    let mut cx = Decoder {
        text,
        errors: Vec::new(),
        suppressed: 0,
        lines: std::cell::OnceCell::new(),
    };
    let mut root = root;
    let decoded = cx.points(&mut root, &Path::Root(path));
    if let Some(e) = cx.errors.first() {
        return Err(e.clone());
    }
    decoded.ok_or_else(|| ChronoError::new(ErrorCode::WrongType, "no points", false))
}

/// nothing to report (every time valid, every value finite or null): the
/// columns are taken out of the tree and become the series as they are,
/// without a copy (a million points are 16 MB). None leaves `node` as it
/// was, for the checking path.
fn take_clean_columns(node: &mut Json) -> Option<(Vec<Ms>, Vec<f64>, Option<Precision>)> {
    let (Some(t), Some(v)) = (node.get("t"), node.get("v")) else {
        return None;
    };
    let (JsonValue::Numbers(tn), JsonValue::Numbers(vn)) = (&t.value, &v.value) else {
        return None;
    };
    if tn.len() != vn.len() || vn.iter().any(|x| x.is_infinite()) {
        return None;
    }
    let mut precision: Option<Option<Precision>> = None;
    for &x in tn {
        let tp = match time_from_ms(x) {
            Ok(tp) if !x.is_nan() => tp,
            _ => return None,
        };
        precision = match precision {
            None => Some(Some(tp.precision)),
            Some(Some(p)) if p == tp.precision => Some(Some(p)),
            _ => Some(None),
        };
    }
    let mut take = |key: &str| match node
        .get_mut(key)
        .map(|j| std::mem::replace(&mut j.value, JsonValue::Null))
    {
        Some(JsonValue::Numbers(n)) => n,
        _ => Vec::new(),
    };
    let (mut t, mut v) = (take("t"), take("v"));
    for x in &mut t {
        *x += 0.0; // -0 → 0, as time_from_ms does
    }
    if t.windows(2).any(|w| w[1] < w[0]) {
        sort_points_by_time(&mut t, &mut v);
    }
    Some((t, v, precision.flatten()))
}

/// The length of an array in either storage.
fn column_len(node: &Json) -> Option<usize> {
    match &node.value {
        JsonValue::Array(a) => Some(a.len()),
        JsonValue::Numbers(n) => Some(n.len()),
        _ => None,
    }
}

/// Every series kind's name, joined by `sep` and the last by `last`
/// (`line, area or bar`).
fn kind_names(sep: &str, last: &str) -> String {
    let mut out = String::new();
    let n = SeriesKind::ALL.len();
    for (i, k) in SeriesKind::ALL.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == n { last } else { sep });
        }
        out.push_str(k.name());
    }
    out
}

struct Decoder<'a> {
    text: &'a str,
    errors: Vec<ChronoError>,
    suppressed: usize,
    /// Line starts, found when the first problem is reported.
    lines: std::cell::OnceCell<json::LineIndex<'a>>,
}

/// Where a value is, as a JSON path (`series[2].points.t[5]`). Built as a
/// chain on the stack and written out only when a problem is reported, so
/// decoding a million points allocates no paths.
#[derive(Clone, Copy)]
enum Path<'p> {
    /// A prefix given whole (`""` for the document itself).
    Root(&'p str),
    Field(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl Path<'_> {
    fn render(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match *self {
            Path::Root(s) => out.push_str(s),
            Path::Field(parent, key) => {
                parent.write(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Path::Index(parent, i) => {
                parent.write(out);
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
}

impl<'a> Decoder<'a> {
    fn error_at(&self, code: ErrorCode, message: String, path: &Path, node: &Json) -> ChronoError {
        self.error_at_pos(code, message, path, node.pos)
    }

    fn error_at_pos(
        &self,
        code: ErrorCode,
        message: String,
        path: &Path,
        pos: usize,
    ) -> ChronoError {
        let (line, column) = self
            .lines
            .get_or_init(|| json::LineIndex::new(self.text))
            .line_col(pos);
        ChronoError {
            code,
            message,
            path: Some(path.render()),
            line: Some(line),
            column: Some(column),
            fatal: false,
        }
    }

    fn report(&mut self, code: ErrorCode, message: String, path: &Path, node: &Json) {
        if self.errors.len() >= MAX_REPORTED_ERRORS {
            self.suppressed += 1;
            return;
        }
        let e = self.error_at(code, message, path, node);
        self.errors.push(e);
    }

    /// Whether the list of problems is full: then the next one is only
    /// counted (so a caller need not even write its message).
    fn full(&mut self) -> bool {
        let full = self.errors.len() >= MAX_REPORTED_ERRORS;
        if full {
            self.suppressed += 1;
        }
        full
    }

    /// Records a problem made elsewhere (within the same cap as `report`).
    fn push_error(&mut self, e: ChronoError) {
        if self.errors.len() >= MAX_REPORTED_ERRORS {
            self.suppressed += 1;
        } else {
            self.errors.push(e);
        }
    }

    /// Looks up the event's group id: unknown ids are reported and the
    /// event goes to the "Other" lane.
    fn resolve_group(
        &mut self,
        event: &mut Event,
        side: &mut Side,
        prefix: &str,
        groups: &HashMap<String, usize>,
    ) {
        let Some(pos) = side.group.take() else {
            return;
        };
        let Some(g) = json::string_at(self.text, pos) else {
            return;
        };
        match groups.get(&g) {
            Some(i) => event.group = Some(*i),
            None if self.full() => {}
            None => {
                let msg = format!("no group has the id \"{g}\"; the event is shown under Other");
                let list = Path::Root(prefix);
                let item = Path::Index(&list, side.index);
                let e = self.error_at_pos(
                    ErrorCode::UnknownGroup,
                    msg,
                    &Path::Field(&item, "group"),
                    pos,
                );
                self.push_error(e);
            }
        }
    }

    fn wrong_type(&mut self, path: &Path, node: &Json, expected: &str) {
        let msg = format!("expected {expected}, found {}", node.type_name());
        self.report(ErrorCode::WrongType, msg, path, node);
    }

    fn dataset(
        &mut self,
        root: &Json,
        streamed: Option<Decoded>,
        streamed_series: Option<Vec<(Series, usize, usize)>>,
    ) -> Result<Dataset, ChronoError> {
        let JsonValue::Object(_) = &root.value else {
            let mut e = self.error_at(
                ErrorCode::WrongType,
                format!(
                    "a dataset must be a JSON object, found {}",
                    root.type_name()
                ),
                &Path::Root(""),
                root,
            );
            e.fatal = true;
            return Err(e);
        };
        if let Some(v) = root.get("schemaVersion") {
            if v.as_f64() != Some(1.0) {
                let shown = match &v.value {
                    JsonValue::Number(n) => n.to_string(),
                    JsonValue::String(s) => format!("\"{s}\""),
                    _ => v.type_name().to_string(),
                };
                let mut e = self.error_at(
                    ErrorCode::UnsupportedVersion,
                    format!("schemaVersion {shown} is not supported (this version reads 1)"),
                    &Path::Root("schemaVersion"),
                    v,
                );
                e.fatal = true;
                return Err(e);
            }
        }
        let top = Path::Root("");
        let title = self.opt_string(root, &top, "title").unwrap_or_default();
        let description = self
            .opt_string(root, &top, "description")
            .unwrap_or_default();
        let locale = self.opt_string(root, &top, "locale");
        let source = self.opt_source(root, &top);

        let mut groups: Vec<Group> = Vec::new();
        let mut group_ids: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (g, (node, i)) in self.list(root, "groups", |cx, node, path| cx.group(node, path)) {
            if !group_ids.insert(g.id.clone()) {
                let msg = format!("group id \"{}\" is used twice; the second is ignored", g.id);
                let at = node.get("id").unwrap_or(node);
                let list = Path::Root("groups");
                let item = Path::Index(&list, i);
                self.report(ErrorCode::DuplicateId, msg, &Path::Field(&item, "id"), at);
                continue;
            }
            groups.push(g);
        }
        let group_index: HashMap<String, usize> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.id.clone(), i))
            .collect();

        let eras = self
            .list(root, "eras", |cx, node, path| cx.era(node, path))
            .into_iter()
            .map(|(e, _)| e)
            .collect();

        let mut decoded = match streamed {
            Some(d) => d,
            None => {
                let mut d = Decoded::default();
                for (x, _) in self.list(root, "events", |cx, node, path| cx.event(node, path)) {
                    d.push(x);
                }
                d
            }
        };
        for (ev, side) in decoded.events.iter_mut().zip(&mut decoded.sides) {
            self.resolve_group(ev, side, "events", &group_index);
        }
        // The first event with an id wins; later ones are reported.
        let mut keep = vec![true; decoded.events.len()];
        {
            let mut seen: std::collections::HashSet<&str> =
                std::collections::HashSet::with_capacity(decoded.events.len());
            for (k, ev) in decoded.events.iter().enumerate() {
                if !seen.insert(ev.id.as_str()) {
                    keep[k] = false;
                }
            }
        }
        for (k, side) in decoded.sides.iter().enumerate() {
            if keep[k] || self.full() {
                continue;
            }
            let msg = format!(
                "event id \"{}\" is used twice; the second is skipped",
                decoded.events[k].id
            );
            let list = Path::Root("events");
            let item = Path::Index(&list, side.index);
            let e = self.error_at_pos(
                ErrorCode::DuplicateId,
                msg,
                &Path::Field(&item, "id"),
                side.id_pos,
            );
            self.push_error(e);
        }
        let Decoded { mut events, sides } = decoded;
        drop(sides);
        let mut k = 0;
        events.retain(|_| {
            k += 1;
            keep[k - 1]
        });
        events.shrink_to_fit();
        // By start, stable; the permutation is applied in place (no second
        // vector of events).
        events.sort_by_cached_key(|e| total_key(e.start.ms));

        let decoded_series: Vec<(Series, usize, usize)> = match streamed_series {
            Some(s) => s,
            None => self
                .list(root, "series", |cx, node, path| {
                    cx.series(&mut node.clone(), path)
                })
                .into_iter()
                .map(|(s, (node, i))| (s, i, node.get("id").map_or(node.pos, |v| v.pos)))
                .collect(),
        };
        let mut series: Vec<Series> = Vec::new();
        let mut series_ids: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (s, i, id_pos) in decoded_series {
            if !series_ids.insert(s.id.clone()) {
                let msg = format!(
                    "series id \"{}\" is used twice; the second is skipped",
                    s.id
                );
                let list = Path::Root("series");
                let item = Path::Index(&list, i);
                let e = self.error_at_pos(
                    ErrorCode::DuplicateId,
                    msg,
                    &Path::Field(&item, "id"),
                    id_pos,
                );
                self.push_error(e);
                continue;
            }
            series.push(s);
        }
        Ok(Dataset {
            title,
            description,
            locale,
            source,
            groups,
            eras,
            events,
            series,
        })
    }

    /// Decodes an optional top-level array with `item`, keeping the node and
    /// index of each decoded item for later checks.
    fn list<'j, T>(
        &mut self,
        root: &'j Json,
        key: &'static str,
        mut item: impl FnMut(&mut Self, &'j Json, &Path) -> Option<T>,
    ) -> Vec<(T, (&'j Json, usize))> {
        let Some(node) = root.get(key) else {
            return Vec::new();
        };
        let list = Path::Root(key);
        let items = match &node.value {
            JsonValue::Array(items) => items,
            JsonValue::Numbers(_) => {
                // Numbers where objects belong: each one is reported.
                for (i, child) in node.items(self.text).unwrap_or_default().iter().enumerate() {
                    self.wrong_type(&Path::Index(&list, i), child, "an object");
                }
                return Vec::new();
            }
            JsonValue::Null => return Vec::new(),
            _ => {
                self.wrong_type(&list, node, "an array");
                return Vec::new();
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, child) in items.iter().enumerate() {
            let path = Path::Index(&list, i);
            if let JsonValue::Object(_) = child.value {
                if let Some(v) = item(self, child, &path) {
                    out.push((v, (child, i)));
                }
            } else {
                self.wrong_type(&path, child, "an object");
            }
        }
        out
    }

    /// A required non-empty string; reports and returns None otherwise.
    fn req_string(&mut self, obj: &Json, path: &Path, key: &str, what: &str) -> Option<String> {
        let p = Path::Field(path, key);
        match obj.get(key) {
            None
            | Some(Json {
                value: JsonValue::Null,
                ..
            }) => {
                let msg = format!("{what} has no \"{key}\"; it is skipped");
                self.report(ErrorCode::MissingField, msg, &p, obj);
                None
            }
            Some(v) => match &v.value {
                JsonValue::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                JsonValue::String(_) => {
                    let msg = format!("\"{key}\" is empty; the {what} is skipped");
                    self.report(ErrorCode::BadValue, msg, &p, v);
                    None
                }
                JsonValue::Number(n) if key == "id" && n.fract() == 0.0 && n.is_finite() => {
                    Some(format!("{n}"))
                }
                _ => {
                    self.wrong_type(&p, v, "a string");
                    None
                }
            },
        }
    }

    /// An optional string: absent or null → None; wrong type → reported, None.
    fn opt_string(&mut self, obj: &Json, path: &Path, key: &str) -> Option<String> {
        let v = obj.get(key)?;
        match &v.value {
            JsonValue::Null => None,
            JsonValue::String(s) => {
                let s = s.trim();
                (!s.is_empty()).then(|| s.to_string())
            }
            _ => {
                self.wrong_type(&Path::Field(path, key), v, "a string");
                None
            }
        }
    }

    fn opt_color(&mut self, obj: &Json, path: &Path) -> Option<Rgb> {
        let v = obj.get("color")?;
        let p = Path::Field(path, "color");
        match &v.value {
            JsonValue::Null => None,
            JsonValue::String(s) => {
                let c = Rgb::parse_hex(s);
                if c.is_none() {
                    let msg = format!("\"{s}\" is not a colour like #1f77b4; the default is used");
                    self.report(ErrorCode::BadColor, msg, &p, v);
                }
                c
            }
            _ => {
                self.wrong_type(&p, v, "a colour string like \"#1f77b4\"");
                None
            }
        }
    }

    fn opt_url(
        &mut self,
        obj: &Json,
        path: &Path,
        key: &str,
        allow_mailto: bool,
    ) -> Option<String> {
        let url = self.opt_string(obj, path, key)?;
        if is_safe_ref(&url, allow_mailto) {
            return Some(url);
        }
        let allowed = if allow_mailto {
            "http, https or mailto"
        } else {
            "http or https"
        };
        let msg =
            format!("only {allowed} addresses or relative ones (img/a.jpg) are allowed; this one is dropped");
        let at = obj.get(key).unwrap_or(obj);
        self.report(ErrorCode::BadUrl, msg, &Path::Field(path, key), at);
        None
    }

    fn opt_source(&mut self, obj: &Json, path: &Path) -> Option<SourceRef> {
        let v = obj.get("source")?;
        let p = Path::Field(path, "source");
        match &v.value {
            JsonValue::Null => None,
            JsonValue::String(s) => Some(SourceRef {
                name: s.trim().to_string(),
                url: None,
            }),
            JsonValue::Object(_) => {
                let name = self.opt_string(v, &p, "name").unwrap_or_default();
                let url = self.opt_url(v, &p, "url", false);
                (!name.is_empty() || url.is_some()).then_some(SourceRef { name, url })
            }
            _ => {
                self.wrong_type(&p, v, "an object {\"name\", \"url\"}");
                None
            }
        }
    }

    fn opt_media(&mut self, obj: &Json, path: &Path) -> Option<Media> {
        let v = obj.get("media")?;
        let p = Path::Field(path, "media");
        match &v.value {
            JsonValue::Null => None,
            JsonValue::Object(_) => {
                let url = self.opt_url(v, &p, "url", false)?;
                Some(Media {
                    url,
                    alt: self.opt_string(v, &p, "alt").unwrap_or_default(),
                    caption: self.opt_string(v, &p, "caption"),
                    credit: self.opt_string(v, &p, "credit"),
                })
            }
            _ => {
                self.wrong_type(&p, v, "an object {\"url\", \"alt\", …}");
                None
            }
        }
    }

    /// A time value (string or number) at `node`.
    fn time_value(&mut self, node: &Json, path: &Path) -> Option<TimePoint> {
        let parsed = match &node.value {
            JsonValue::String(s) => parse_time(s),
            JsonValue::Number(n) => time_from_ms(*n),
            _ => {
                self.wrong_type(
                    path,
                    node,
                    "a time (a string like \"2022-11-06\" or a number)",
                );
                return None;
            }
        };
        match parsed {
            Ok(t) => Some(t),
            Err(e) => {
                let code = if e == TimeError::NonFinite {
                    ErrorCode::NonFinite
                } else {
                    ErrorCode::BadTime
                };
                let shown = match &node.value {
                    JsonValue::String(s) => format!("\"{s}\""),
                    JsonValue::Number(n) => n.to_string(),
                    _ => String::new(),
                };
                self.report(code, format!("{shown}: {e}"), path, node);
                None
            }
        }
    }

    fn req_time(&mut self, obj: &Json, path: &Path, key: &str, what: &str) -> Option<TimePoint> {
        let p = Path::Field(path, key);
        match obj.get(key) {
            None => {
                let msg = format!("{what} has no \"{key}\"; it is skipped");
                self.report(ErrorCode::MissingField, msg, &p, obj);
                None
            }
            Some(v) => self.time_value(v, &p),
        }
    }

    fn group(&mut self, node: &Json, path: &Path) -> Option<Group> {
        let id = self.req_string(node, path, "id", "a group")?;
        let label = self
            .opt_string(node, path, "label")
            .unwrap_or_else(|| id.clone());
        let color = self.opt_color(node, path);
        Some(Group { id, label, color })
    }

    fn era(&mut self, node: &Json, path: &Path) -> Option<Era> {
        let start = self.req_time(node, path, "start", "an era");
        let end = self.req_time(node, path, "end", "an era");
        let label = self.opt_string(node, path, "label").unwrap_or_default();
        let color = self.opt_color(node, path);
        let (start, end) = (start?, end?);
        if end.ms < start.ms {
            let at = node.get("end").unwrap_or(node);
            let msg = "the era ends before it starts; it is skipped".to_string();
            self.report(
                ErrorCode::EndBeforeStart,
                msg,
                &Path::Field(path, "end"),
                at,
            );
            return None;
        }
        Some(Era {
            start,
            end,
            label,
            color,
        })
    }

    fn event(&mut self, node: &Json, path: &Path) -> Option<(Event, Side)> {
        let id = self.req_string(node, path, "id", "an event");
        let start = self.req_time(node, path, "start", "an event");
        let title = self.req_string(node, path, "title", "an event");
        let end = match node.get("end") {
            None
            | Some(Json {
                value: JsonValue::Null,
                ..
            }) => Ok(None),
            Some(v) => self
                .time_value(v, &Path::Field(path, "end"))
                .map(Some)
                .ok_or(()),
        };
        let (id, start, title, end) = (id?, start?, title?, end.ok()?);
        if let Some(e) = end {
            if e.ms < start.ms {
                let at = node.get("end").unwrap_or(node);
                let msg = "the event ends before it starts; it is skipped".to_string();
                self.report(
                    ErrorCode::EndBeforeStart,
                    msg,
                    &Path::Field(path, "end"),
                    at,
                );
                return None;
            }
        }
        let group = self
            .opt_string(node, path, "group")
            .map(|_| node.get("group").map_or(node.pos, |v| v.pos));
        let index = match *path {
            Path::Index(_, i) => i,
            _ => 0,
        };
        let id_pos = node.get("id").map_or(node.pos, |v| v.pos);
        let event = Event {
            id,
            start,
            end,
            display_date: self.opt_string(node, path, "displayDate"),
            title,
            text: self.opt_string(node, path, "text"),
            group: None,
            link: self.opt_url(node, path, "link", true),
            source: self.opt_source(node, path).map(Box::new),
            media: self.opt_media(node, path).map(Box::new),
        };
        Some((
            event,
            Side {
                index,
                id_pos,
                group,
            },
        ))
    }

    fn series(&mut self, node: &mut Json, path: &Path) -> Option<Series> {
        let id = self.req_string(node, path, "id", "a series")?;
        let kind = match node.get("kind") {
            None => Some(SeriesKind::default()),
            Some(v) => match v.as_str() {
                Some(name) => {
                    let kind = SeriesKind::from_name(name);
                    if kind.is_none() {
                        let msg = format!(
                            "kind \"{name}\" is not one of {}; the series is skipped",
                            kind_names(", ", ", ")
                        );
                        self.report(ErrorCode::BadValue, msg, &Path::Field(path, "kind"), v);
                    }
                    kind
                }
                None => {
                    let names = kind_names("\", \"", "\" or \"");
                    self.wrong_type(&Path::Field(path, "kind"), v, &format!("\"{names}\""));
                    None
                }
            },
        }?;
        let Some(points) = node.get_mut("points") else {
            let msg = "a series has no \"points\"; it is skipped".to_string();
            self.report(
                ErrorCode::MissingField,
                msg,
                &Path::Field(path, "points"),
                node,
            );
            return None;
        };
        let (t, v, precision) = self.points(points, &Path::Field(path, "points"))?;
        Some(Series {
            name: self
                .opt_string(node, path, "name")
                .unwrap_or_else(|| id.clone()),
            id,
            unit: self.opt_string(node, path, "unit").unwrap_or_default(),
            kind,
            color: self.opt_color(node, path),
            note: self.opt_string(node, path, "note"),
            source: self.opt_source(node, path),
            t,
            v,
            precision,
        })
    }

    /// Columnar points without two arrays `t` and `v`: reported, skipped.
    #[allow(clippy::type_complexity)]
    fn bad_columns(
        &mut self,
        node: &Json,
        path: &Path,
    ) -> Option<(Vec<Ms>, Vec<f64>, Option<Precision>)> {
        let msg =
            "columnar points need two arrays, \"t\" and \"v\"; the series is skipped".to_string();
        self.report(ErrorCode::WrongType, msg, path, node);
        None
    }

    /// A series value: number, or null for a gap. `Err(())` when reported.
    fn point_value(&mut self, node: &Json, path: &Path) -> Result<f64, ()> {
        match node.value {
            JsonValue::Null => Ok(f64::NAN),
            JsonValue::Number(n) if n.is_finite() => Ok(n),
            JsonValue::Number(n) => {
                let msg = format!("{n} is not a finite number; the point is skipped");
                self.report(ErrorCode::NonFinite, msg, path, node);
                Err(())
            }
            _ => {
                self.wrong_type(path, node, "a number or null");
                Err(())
            }
        }
    }

    #[allow(clippy::type_complexity)]
    fn points(
        &mut self,
        node: &mut Json,
        path: &Path,
    ) -> Option<(Vec<Ms>, Vec<f64>, Option<Precision>)> {
        if let Some(columns) = take_clean_columns(node) {
            return Some(columns);
        }
        let node = &*node;
        let mut t = Vec::new();
        let mut v = Vec::new();
        let mut precision: Option<Option<Precision>> = None;
        let mut push = |tp: TimePoint, val: f64, t: &mut Vec<Ms>, v: &mut Vec<f64>| {
            precision = match precision {
                None => Some(Some(tp.precision)),
                Some(Some(p)) if p == tp.precision => Some(Some(p)),
                _ => Some(None),
            };
            t.push(tp.ms);
            v.push(val);
        };
        match &node.value {
            JsonValue::Array(items) => {
                t.reserve(items.len());
                v.reserve(items.len());
                for (i, item) in items.iter().enumerate() {
                    let p = Path::Index(path, i);
                    // [number, number]: no time string, no per-value nodes.
                    if let JsonValue::Numbers(pair) = &item.value {
                        if let [tn, vn] = pair[..] {
                            if let (Ok(tp), false) = (time_from_ms(tn), tn.is_nan()) {
                                let val = if vn.is_finite() || vn.is_nan() {
                                    Ok(vn)
                                } else {
                                    Err(())
                                };
                                if let Ok(val) = val {
                                    push(tp, val, &mut t, &mut v);
                                    continue;
                                }
                            }
                        }
                    }
                    let Some(pair) = item.items(self.text).filter(|p| p.len() == 2) else {
                        self.wrong_type(&p, item, "a [time, value] pair");
                        continue;
                    };
                    let tp = self.time_value(&pair[0], &Path::Index(&p, 0));
                    let val = self.point_value(&pair[1], &Path::Index(&p, 1));
                    if let (Some(tp), Ok(val)) = (tp, val) {
                        push(tp, val, &mut t, &mut v);
                    }
                }
            }
            JsonValue::Object(_) => {
                let (Some(ts), Some(vs)) = (node.get("t"), node.get("v")) else {
                    return self.bad_columns(node, path);
                };
                let (Some(nt), Some(nv)) = (column_len(ts), column_len(vs)) else {
                    return self.bad_columns(node, path);
                };
                if nt != nv {
                    let msg = format!(
                        "\"t\" has {nt} entries and \"v\" has {nv}; the extra entries are ignored"
                    );
                    self.report(ErrorCode::PointsLength, msg, path, node);
                }
                let n = nt.min(nv);
                t.reserve(n);
                v.reserve(n);
                let (pt, pv) = (Path::Field(path, "t"), Path::Field(path, "v"));
                match (&ts.value, &vs.value) {
                    // Two number columns: the common case of big data.
                    (JsonValue::Numbers(tn), JsonValue::Numbers(vn)) => {
                        // Values with positions, made once if a problem needs them.
                        let (mut t_items, mut v_items) = (None, None);
                        for (i, (&tn, &vn)) in tn.iter().zip(vn).enumerate() {
                            let tp = match time_from_ms(tn) {
                                Ok(tp) if !tn.is_nan() => Some(tp),
                                _ => {
                                    let items = t_items.get_or_insert_with(|| {
                                        ts.items(self.text).unwrap_or_default()
                                    });
                                    let at = items.get(i).unwrap_or(ts);
                                    self.time_value(at, &Path::Index(&pt, i))
                                }
                            };
                            let val = if vn.is_finite() || vn.is_nan() {
                                Ok(vn)
                            } else {
                                let items = v_items
                                    .get_or_insert_with(|| vs.items(self.text).unwrap_or_default());
                                let at = items.get(i).unwrap_or(vs);
                                self.point_value(at, &Path::Index(&pv, i))
                            };
                            if let (Some(tp), Ok(val)) = (tp, val) {
                                push(tp, val, &mut t, &mut v);
                            }
                        }
                    }
                    _ => {
                        let (ts, vs) = (
                            ts.items(self.text).unwrap_or_default(),
                            vs.items(self.text).unwrap_or_default(),
                        );
                        for i in 0..n {
                            let tp = self.time_value(&ts[i], &Path::Index(&pt, i));
                            let val = self.point_value(&vs[i], &Path::Index(&pv, i));
                            if let (Some(tp), Ok(val)) = (tp, val) {
                                push(tp, val, &mut t, &mut v);
                            }
                        }
                    }
                }
            }
            _ => {
                self.wrong_type(
                    path,
                    node,
                    "an array of [time, value] pairs or {\"t\": [...], \"v\": [...]}",
                );
                return None;
            }
        }
        if t.windows(2).any(|w| w[1] < w[0]) {
            sort_points_by_time(&mut t, &mut v);
        }
        Some((t, v, precision.flatten()))
    }
}
