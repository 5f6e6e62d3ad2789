//! TimelineJS 3 JSON and TimelineJS 2 JSON.

use super::*;

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
