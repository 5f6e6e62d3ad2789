//! The CSV of a TimelineJS Google Sheet.

use super::*;

// ---------------------------------------------------------------------------
// TimelineJS sheet CSV

/// The columns of the TimelineJS sheet template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Col {
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
    pub(super) fn of(header: &str) -> Option<Col> {
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
pub(super) fn parse_clock(s: &str) -> Option<(i64, Option<i64>, Option<i64>, Option<i64>)> {
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
            fatal(
                format!("row {row} cannot be read: {}", csv_series::csv_problem(&e)),
                line,
            )
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
