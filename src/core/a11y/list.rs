//! What assistive technology gets from the widget: the events of a window
//! for the accessible list that mirrors the chart (found by binary search,
//! capped, so a 100,000-event dataset costs no more than a small one), and
//! the short messages of the live region (the window after a zoom or pan,
//! the selected event).

use crate::core::data::model::{Dataset, Event};
use crate::core::data::time::{
    years_before_present, Ms, Precision, TimePoint, MS_PER_DAY, MS_PER_YEAR,
};
use crate::core::i18n::format::{date_text, Formatter};
use crate::core::i18n::lang::Lang;
use crate::core::i18n::locale::event_count;
use crate::core::i18n::locale::format_number;
use crate::core::i18n::strings::strings;
use crate::core::scene::Prepared;
use crate::core::view::scale::Window;

/// The most events the accessible list names at once.
pub const MIRROR_MAX: usize = 200;

/// A run of the events that overlap a window, in time order: `items`
/// (indices into `Dataset::events`), with `before` overlapping events
/// earlier than the run and `after` later ones left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WindowEvents {
    pub items: Vec<usize>,
    pub before: usize,
    pub after: usize,
}

impl WindowEvents {
    /// How many events overlap the window.
    pub fn total(&self) -> usize {
        self.before + self.items.len() + self.after
    }
}

/// The events whose time range (start to end; a point event is its start)
/// meets `w`, in time order (events are sorted by start), at most `cap` of
/// them. The run starts with the first such event, unless `anchor` (the
/// selected event) overlaps the window beyond the first `cap`: then the run
/// is moved to hold it, about in its middle.
///
/// Events starting inside the window are one index range, found by binary
/// search; events starting before it and still running at its start are
/// found through each lane's span index. Nothing walks the whole dataset.
pub fn window_events(
    ds: &Dataset,
    prepared: &Prepared,
    w: Window,
    cap: usize,
    anchor: Option<usize>,
) -> WindowEvents {
    // Spans that started before the window and reach into it.
    let mut early: Vec<usize> = Vec::new();
    for lane in &prepared.lane_times {
        let (lo, hi) = lane.span_index.range(
            |i| lane.span_t.get(i).map_or(Ms::INFINITY, |t| t[0]),
            w.start,
            w.start,
        );
        for k in lo..hi {
            if let (Some(t), Some(&ev)) = (lane.span_t.get(k), lane.span_ev.get(k)) {
                if t[0] < w.start && t[1] >= w.start {
                    early.push(ev);
                }
            }
        }
    }
    early.sort_unstable();
    // Every event starting in [w.start, w.end].
    let first = ds.events.partition_point(|e| e.start.ms < w.start);
    let last = ds
        .events
        .partition_point(|e| e.start.ms <= w.end)
        .max(first);
    let total = early.len() + (last - first);
    let at = |p: usize| -> usize {
        if p < early.len() {
            early[p]
        } else {
            first + (p - early.len())
        }
    };
    let pos = anchor.and_then(|a| match early.binary_search(&a) {
        Ok(p) => Some(p),
        Err(_) => (first..last)
            .contains(&a)
            .then(|| early.len() + (a - first)),
    });
    let shown = total.min(cap);
    let offset = match pos {
        Some(p) if p >= shown => (p - shown / 2).min(total - shown),
        _ => 0,
    };
    WindowEvents {
        items: (offset..offset + shown).map(at).collect(),
        before: offset,
        after: total - offset - shown,
    }
}

/// An event's date as its card shows it: the dataset's own wording, else
/// the precision-aware date (range), through the page's formatter.
pub fn event_date(ev: &Event, lang: Lang, fmt: Option<&dyn Formatter>) -> String {
    if let Some(d) = &ev.display_date {
        return d.clone();
    }
    match &ev.end {
        Some(end) if end.ms > ev.start.ms => format!(
            "{} – {}",
            date_text(fmt, &ev.start, lang),
            date_text(fmt, end, lang)
        ),
        _ => date_text(fmt, &ev.start, lang),
    }
}

/// An event in a few words, for its entry in the list and for the live
/// region when it is selected: its title and its date, never its text.
pub fn event_label(ev: &Event, lang: Lang, fmt: Option<&dyn Formatter>) -> String {
    strings(lang)
        .title_date
        .replace("{title}", ev.title.trim())
        .replace("{date}", &event_date(ev, lang, fmt))
}

/// The precision a window's ends are read at: years for a window of
/// years, months, days, minutes or seconds for narrower ones; an end more
/// than 50,000 years ago in thousands, millions or billions of years.
fn end_point(t: Ms, span: Ms) -> TimePoint {
    let bp = years_before_present(t);
    let precision = if bp >= 1e9 {
        Precision::Ga
    } else if bp >= 1e6 {
        Precision::Ma
    } else if bp >= 5e4 {
        Precision::Ka
    } else if span >= 3.0 * MS_PER_YEAR {
        Precision::Year
    } else if span >= 60.0 * MS_PER_DAY {
        Precision::Month
    } else if span >= 2.0 * MS_PER_DAY {
        Precision::Day
    } else if span >= 120_000.0 {
        Precision::Minute
    } else if span >= 2_000.0 {
        Precision::Second
    } else {
        Precision::Millisecond
    };
    TimePoint {
        ms: t,
        precision,
        offset_min: None,
    }
}

/// The window in words with the number of events in it, for the live
/// region after a zoom or pan: `1994 – 2022, 12 events`.
pub fn window_message(w: Window, events: usize, lang: Lang, fmt: Option<&dyn Formatter>) -> String {
    let span = w.span();
    let start = date_text(fmt, &end_point(w.start, span), lang);
    let end = date_text(fmt, &end_point(w.end, span), lang);
    let range = if start == end {
        start
    } else {
        format!("{start} – {end}")
    };
    strings(lang)
        .window_status
        .replace("{range}", &range)
        .replace("{events}", &event_count(events, lang))
}

/// The list's closing line for events left out after it (`before` false)
/// or before it: `37 more: zoom in`.
pub fn more_message(n: usize, before: bool, lang: Lang) -> String {
    let s = strings(lang);
    let template = if before { s.more_before } else { s.more_after };
    template.replace("{n}", &format_number(n as f64, lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::data::time::parse_time;

    fn tp(s: &str) -> TimePoint {
        parse_time(s).expect("test time")
    }

    fn event(id: &str, start: &str, end: Option<&str>, group: Option<usize>) -> Event {
        Event {
            id: id.to_string(),
            start: tp(start),
            end: end.map(tp),
            display_date: None,
            title: format!("Event {id}"),
            text: None,
            group,
            link: None,
            source: None,
            media: None,
        }
    }

    fn dataset(mut events: Vec<Event>, groups: usize) -> Dataset {
        events.sort_by(|a, b| a.start.ms.total_cmp(&b.start.ms));
        Dataset {
            groups: (0..groups)
                .map(|g| crate::core::data::model::Group {
                    id: format!("g{g}"),
                    label: format!("G{g}"),
                    color: None,
                })
                .collect(),
            events,
            ..Dataset::default()
        }
    }

    fn win(a: &str, b: &str) -> Window {
        Window::new(tp(a).ms, tp(b).ms).expect("test window")
    }

    fn ids(ds: &Dataset, r: &WindowEvents) -> Vec<String> {
        r.items.iter().map(|&i| ds.events[i].id.clone()).collect()
    }

    /// What `window_events` must find, by looking at every event.
    fn scan(ds: &Dataset, w: Window) -> Vec<usize> {
        (0..ds.events.len())
            .filter(|&i| {
                let e = &ds.events[i];
                e.start.ms <= w.end && e.end_ms() >= w.start
            })
            .collect()
    }

    #[test]
    fn spans_running_into_the_window_come_first_in_time_order() {
        let ds = dataset(
            vec![
                event("a", "1900", Some("2000"), Some(0)),
                event("b", "1950", None, Some(1)),
                event("c", "1960", Some("1975"), Some(1)),
                event("d", "1980", None, Some(0)),
                event("e", "1990", Some("2010"), None),
                event("f", "2030", None, Some(1)),
                event("g", "1940", Some("1969"), Some(0)),
            ],
            2,
        );
        let p = Prepared::new(&ds);
        let w = win("1970", "2020");
        let r = window_events(&ds, &p, w, MIRROR_MAX, None);
        assert_eq!(ids(&ds, &r), ["a", "c", "d", "e"]);
        assert_eq!((r.before, r.after, r.total()), (0, 0, 4));
        assert_eq!(r.items, scan(&ds, w));
        // An event ending exactly at the window's start still touches it.
        let r = window_events(&ds, &p, win("1975", "1979"), MIRROR_MAX, None);
        assert_eq!(ids(&ds, &r), ["a", "c"]);
        // Nothing before, between or after the events.
        let r = window_events(&ds, &p, win("2040", "2050"), MIRROR_MAX, None);
        assert_eq!(r, WindowEvents::default());
    }

    #[test]
    fn the_cap_leaves_a_count_and_moves_to_hold_the_selected_event() {
        let evs: Vec<Event> = (0..50)
            .map(|i| event(&i.to_string(), &format!("{}", 1900 + i), None, None))
            .collect();
        let ds = dataset(evs, 0);
        let p = Prepared::new(&ds);
        let w = win("1905", "1944-06");
        let r = window_events(&ds, &p, w, 10, None);
        assert_eq!(r.items, (5..15).collect::<Vec<_>>());
        assert_eq!((r.before, r.after, r.total()), (0, 30, 40));
        // The selected event among the first ten: the run stays put.
        assert_eq!(window_events(&ds, &p, w, 10, Some(12)).items[0], 5);
        // Further on: the run moves to have it in its middle.
        let r = window_events(&ds, &p, w, 10, Some(30));
        assert_eq!(r.items, (25..35).collect::<Vec<_>>());
        assert_eq!((r.before, r.after), (20, 10));
        // Near the end the run ends with the window's last event.
        let r = window_events(&ds, &p, w, 10, Some(43));
        assert_eq!(r.items, (35..45).collect::<Vec<_>>());
        assert_eq!((r.before, r.after), (30, 0));
        // A selected event outside the window changes nothing.
        assert_eq!(window_events(&ds, &p, w, 10, Some(49)).items[0], 5);
    }

    #[test]
    fn matches_a_full_scan_on_mixed_points_and_spans() {
        // A fixed pseudo-random mix of points and spans in three lanes.
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        let evs: Vec<Event> = (0..600)
            .map(|i| {
                let y = 1000 + next(1000);
                let end = (next(3) == 0).then(|| format!("{}", y + 1 + next(80)));
                let g = match next(3) {
                    0 => None,
                    g => Some(g as usize - 1),
                };
                event(&i.to_string(), &y.to_string(), end.as_deref(), g)
            })
            .collect();
        let ds = dataset(evs, 2);
        let p = Prepared::new(&ds);
        for (a, b) in [
            ("1000", "2100"),
            ("1500", "1510"),
            ("1777-03", "1777-04"),
            ("0500", "1001"),
            ("1998", "2000"),
        ] {
            let w = win(a, b);
            let r = window_events(&ds, &p, w, usize::MAX, None);
            assert_eq!(r.items, scan(&ds, w), "{a} – {b}");
        }
    }

    #[test]
    fn a_hundred_thousand_events_answer_with_two_hundred_and_a_count() {
        // One event an hour from 2000-01-01, in three lanes.
        let base = tp("2000-01-01T00:00Z").ms;
        let evs: Vec<Event> = (0..100_000)
            .map(|i| {
                let mut e = event(&i.to_string(), "2000", None, Some(i % 3));
                e.start = TimePoint {
                    ms: base + i as f64 * 3_600_000.0,
                    precision: Precision::Minute,
                    offset_min: Some(0),
                };
                e
            })
            .collect();
        let ds = dataset(evs, 3);
        let p = Prepared::new(&ds);
        let all = Window::new(
            ds.events[0].start.ms - 1.0,
            ds.events[99_999].start.ms + 1.0,
        )
        .expect("window");
        let r = window_events(&ds, &p, all, MIRROR_MAX, None);
        assert_eq!(r.items, (0..200).collect::<Vec<_>>());
        assert_eq!((r.before, r.after, r.total()), (0, 99_800, 100_000));
        // A window in the middle: one day of 24 events.
        let s = ds.events[48_000].start.ms;
        let day = Window::new(s, s + 23.5 * 3_600_000.0).expect("window");
        let r = window_events(&ds, &p, day, MIRROR_MAX, None);
        assert_eq!(r.items, (48_000..48_024).collect::<Vec<_>>());
        assert_eq!(r.total(), 24);
        // With the selected event far into the whole range.
        let r = window_events(&ds, &p, all, MIRROR_MAX, Some(70_000));
        assert_eq!(r.items.first(), Some(&69_900));
        assert_eq!((r.before, r.after), (69_900, 29_900));
    }

    #[test]
    fn window_messages_in_six_languages() {
        let w = win("1994", "2022-06");
        let cases = [
            (Lang::En, "1994 – 2022, 12 events"),
            (Lang::ZhHant, "1994年 – 2022年，12 則事件"),
            (Lang::ZhHans, "1994年 – 2022年，12 则事件"),
            (Lang::Ja, "1994年 – 2022年、12件の出来事"),
            (Lang::Ko, "1994년 – 2022년, 사건 12개"),
            (Lang::Ar, "1994 – 2022، 12 حدثًا"),
        ];
        for (lang, want) in cases {
            assert_eq!(window_message(w, 12, lang, None), want, "{lang:?}");
        }
        assert_eq!(window_message(w, 1, Lang::En, None), "1994 – 2022, 1 event");
        assert_eq!(
            window_message(w, 0, Lang::En, None),
            "1994 – 2022, no events"
        );
        assert_eq!(window_message(w, 3, Lang::Ar, None), "1994 – 2022، 3 أحداث");
        assert_eq!(
            window_message(w, 1234, Lang::En, None),
            "1994 – 2022, 1,234 events"
        );
    }

    #[test]
    fn window_messages_read_at_the_precision_of_the_window() {
        let m = |a: &str, b: &str| window_message(win(a, b), 2, Lang::En, None);
        assert_eq!(
            m("2022-03-01", "2022-09-01"),
            "March 2022 – September 2022, 2 events"
        );
        assert_eq!(
            m("2022-03-01", "2022-03-09"),
            "March 1, 2022 – March 9, 2022, 2 events"
        );
        assert_eq!(
            m("2022-03-01T10:00Z", "2022-03-01T18:30Z"),
            "March 1, 2022, 10:00 – March 1, 2022, 18:30, 2 events"
        );
        // A window in deep time.
        let deep = Window::new(-70e6 * MS_PER_YEAR, -60e6 * MS_PER_YEAR).expect("window");
        assert_eq!(
            window_message(deep, 2, Lang::En, None),
            "70 million years ago – 60 million years ago, 2 events"
        );
        // Ends that read the same are said once.
        let y = -70e6 * MS_PER_YEAR;
        let narrow = Window::new(y, y + 10.0 * MS_PER_YEAR).expect("window");
        assert_eq!(
            window_message(narrow, 0, Lang::En, None),
            "70 million years ago, no events"
        );
    }

    #[test]
    fn an_event_label_is_its_title_and_date_only() {
        let mut ev = event("x", "1994-05-10", Some("1994-06"), None);
        ev.title = "  Treaty signed ".into();
        ev.text = Some("A long text that is never announced.".into());
        assert_eq!(
            event_label(&ev, Lang::En, None),
            "Treaty signed, May 10, 1994 – June 1994"
        );
        assert_eq!(
            event_label(&ev, Lang::ZhHant, None),
            "Treaty signed，1994年5月10日 – 1994年6月"
        );
        ev.display_date = Some("Spring 1994".into());
        assert_eq!(
            event_label(&ev, Lang::En, None),
            "Treaty signed, Spring 1994"
        );
    }

    #[test]
    fn more_lines_use_the_language_s_numbers() {
        assert_eq!(
            more_message(1234, false, Lang::En),
            "1,234 more: zoom in to list them"
        );
        assert_eq!(
            more_message(5, true, Lang::En),
            "5 earlier: zoom in to list them"
        );
        assert_eq!(
            more_message(5, false, Lang::Ja),
            "ほかに5件：拡大すると一覧に出ます"
        );
    }
}
