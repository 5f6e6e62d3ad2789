//! Tests of the frame layout, compiled only under #[cfg(test)] from layout.rs.
use super::*;
use crate::core::data::model::SeriesKind;
use crate::core::data::time::{parse_time, MS_PER_YEAR};
use crate::core::formats::dataset::parse_dataset;
use crate::core::text::measure::ApproxMeasure;

const SIP_EN: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/sip.en.json"));
const SIP_ZH: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/www/data/sip.zh-Hant.json"
));

fn ds(text: &str) -> Dataset {
    parse_dataset(text).expect("dataset parses").dataset
}

fn t(s: &str) -> f64 {
    parse_time(s).expect("time").ms
}

fn scene(ds: &Dataset, window: Window, w: f64, h: f64, lang: Lang) -> Scene {
    layout(&LayoutInput {
        dataset: ds,
        prepared: &Prepared::new(ds),
        window,
        width: w,
        height: h,
        lang,
        measure: &ApproxMeasure,
        previous: None,
        formatter: None,
        chrome: Default::default(),
    })
}

/// Every text box the scene draws.
fn texts(s: &Scene) -> Vec<(String, Rect)> {
    let mut out = Vec::new();
    let mut add = |p: &PlacedText| out.push((p.text.clone(), p.rect()));
    for it in &s.items {
        if let Some(l) = &it.label {
            add(l);
        }
    }
    for l in &s.lanes {
        if let Some(c) = &l.caption {
            add(c);
        }
    }
    for e in &s.eras {
        if let Some(l) = &e.label {
            add(l);
        }
    }
    for tk in &s.ticks {
        if let Some(l) = &tk.label {
            add(l);
        }
    }
    for p in &s.panes {
        add(&p.title);
        for (_, l) in &p.grid {
            if let Some(l) = l {
                add(l);
            }
        }
        for l in &p.value_labels {
            add(l);
        }
    }
    let mut out2 = out;
    for it in &s.items {
        if let ItemKind::Cluster { badge, members } = &it.kind {
            out2.push((format!("[{}]", members.len()), *badge));
        }
    }
    out2
}

/// Asserts that no two drawn texts (or badges) overlap, and that every
/// number in the scene is finite.
fn assert_clean(s: &Scene, what: &str) {
    let boxes = texts(s);
    for (i, (a, ra)) in boxes.iter().enumerate() {
        for (c, v) in [("x", ra.x), ("y", ra.y), ("w", ra.w), ("h", ra.h)] {
            assert!(v.is_finite(), "{what}: {a} has non-finite {c}");
        }
        for (b, rb) in &boxes[i + 1..] {
            // Shrink by a hair so that touching boxes do not count.
            let shrunk = Rect::new(ra.x + 0.01, ra.y + 0.01, ra.w - 0.02, ra.h - 0.02);
            assert!(
                !shrunk.overlaps(rb),
                "{what}: \"{a}\" {ra:?} overlaps \"{b}\" {rb:?}"
            );
        }
    }
    for it in &s.items {
        assert!(
            it.x.is_finite() && it.y.is_finite(),
            "{what}: item position"
        );
        assert!(
            it.y >= s.timeline.y && it.y <= s.timeline.bottom(),
            "{what}: item outside the timeline"
        );
    }
}

/// Each event in the window appears once (as an item or a cluster member).
fn assert_complete(ds: &Dataset, s: &Scene, what: &str) {
    let w = s.scale.window;
    let mut seen = vec![0usize; ds.events.len()];
    for it in &s.items {
        for m in it.members() {
            seen[m] += 1;
        }
    }
    for (i, ev) in ds.events.iter().enumerate() {
        let visible = ev.end_ms() >= w.start && ev.start.ms <= w.end;
        let expected = usize::from(visible);
        assert_eq!(
            seen[i], expected,
            "{what}: event {} shown {} times",
            ev.id, seen[i]
        );
    }
}

#[test]
fn sip_story_lays_out_cleanly_at_many_sizes_and_zooms() {
    for (text, lang) in [(SIP_EN, Lang::En), (SIP_ZH, Lang::ZhHant)] {
        let d = ds(text);
        let windows = [
            Window::new(t("1992"), t("2025")).unwrap(),
            Window::new(t("2021-06"), t("2023")).unwrap(),
            Window::new(t("2022-10"), t("2022-12")).unwrap(),
            Window::new(t("1994"), t("1996")).unwrap(),
            Window::new(t("1000"), t("3000")).unwrap(),
        ];
        for w in windows {
            for (width, height) in [
                (1100.0, 560.0),
                (720.0, 520.0),
                (360.0, 460.0),
                (240.0, 200.0),
            ] {
                let s = scene(&d, w, width, height, lang);
                let what = format!("{lang:?} {width}x{height} {w:?}");
                assert_clean(&s, &what);
                assert_complete(&d, &s, &what);
                if height >= 400.0 {
                    assert_eq!(s.panes.len(), 2, "{what}");
                }
            }
        }
    }
}

#[test]
fn sip_fit_view_shows_labels_lanes_eras_and_both_panes() {
    let d = ds(SIP_ZH);
    let s = scene(
        &d,
        Window::new(t("1992"), t("2025")).unwrap(),
        1100.0,
        560.0,
        Lang::ZhHant,
    );
    assert_eq!(s.lanes.len(), d.groups.len());
    assert!(
        s.lanes.iter().all(|l| l.caption.is_some()),
        "every lane is named"
    );
    assert!(s.items.iter().filter(|i| i.label.is_some()).count() >= 4);
    assert_eq!(s.eras.len(), 1);
    assert!(s.eras[0].label.is_some());
    // The GDP pane is an area that starts at zero; the unit is on the axis.
    let gdp = &s.panes[0];
    assert_eq!(d.series[gdp.series].kind, SeriesKind::Area);
    assert!(!gdp.geom.fills.is_empty() && !gdp.geom.strokes.is_empty());
    assert!(gdp.geom.rects.is_empty());
    assert_eq!(gdp.value.min, 0.0);
    assert!(gdp
        .grid
        .iter()
        .flat_map(|g| &g.1)
        .any(|l| l.text.ends_with("億元")));
    assert!(gdp.value_labels.iter().any(|l| l.text == "3,330"));
    // Trade is drawn as bars, one a year wide (less the gaps).
    let trade = &s.panes[1].geom;
    assert!(
        trade.fills.is_empty() && trade.strokes.is_empty(),
        "trade is bars"
    );
    let bars = &trade.rects;
    assert_eq!(bars.len(), 2);
    let year_px = MS_PER_YEAR / s.scale.ms_per_px();
    for b in bars {
        assert!(
            (b.w - 0.7 * year_px).abs() < 1.5,
            "bar width {} vs year {year_px}",
            b.w
        );
    }
}

#[test]
fn coincident_events_cluster_with_a_count() {
    let mut events = String::new();
    for i in 0..40 {
        events.push_str(&format!(
            r#"{{"id":"e{i}","start":"2022","title":"Event number {i}","group":"g"}},"#
        ));
    }
    events.pop();
    let text = format!(r#"{{"groups":[{{"id":"g","label":"G"}}],"events":[{events}]}}"#);
    let d = ds(&text);
    let s = scene(
        &d,
        Window::new(t("2020"), t("2024")).unwrap(),
        800.0,
        300.0,
        Lang::En,
    );
    assert_clean(&s, "pile");
    assert_complete(&d, &s, "pile");
    let clusters: Vec<_> = s
        .items
        .iter()
        .filter(|i| matches!(i.kind, ItemKind::Cluster { .. }))
        .collect();
    assert_eq!(clusters.len(), 1, "one pile, one badge");
    let labelled = s.items.iter().filter(|i| i.label.is_some()).count();
    assert!(labelled >= 5, "rows are used before clustering: {labelled}");
}

#[test]
fn neighbouring_labels_are_shortened_before_anything_is_hidden() {
    // Events one month apart in one lane: labels must give way.
    let events: Vec<String> = (0..12)
        .map(|m| {
            format!(
                r#"{{"id":"e{m}","start":"2020-{:02}","title":"A rather long headline for month {m}"}}"#,
                m + 1
            )
        })
        .collect();
    let d = ds(&format!(r#"{{"events":[{}]}}"#, events.join(",")));
    let s = scene(
        &d,
        Window::new(t("2020"), t("2021")).unwrap(),
        900.0,
        140.0,
        Lang::En,
    );
    assert_clean(&s, "months");
    assert_complete(&d, &s, "months");
    assert!(s
        .items
        .iter()
        .all(|i| !matches!(i.kind, ItemKind::Cluster { .. })));
    assert!(s
        .items
        .iter()
        .any(|i| i.label.as_ref().is_some_and(|l| l.text.ends_with('…'))));
}

/// A tiny deterministic PRNG for the randomized test.
struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn range(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

#[test]
fn random_datasets_never_overlap_labels_or_lose_events() {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let titles = [
        "蘇州工業園區",
        "Forum",
        "A very long title that needs shortening on small screens",
        "新加坡企業中國總部落戶",
        "x",
    ];
    for case in 0..60 {
        let n_groups = rng.range(4);
        let groups: Vec<String> = (0..n_groups)
            .map(|g| format!(r#"{{"id":"g{g}","label":"Group {g}"}}"#))
            .collect();
        let n = 1 + rng.range(120);
        let base = t("1990");
        let spread = (1 + rng.range(40)) as f64 * MS_PER_YEAR;
        let events: Vec<String> = (0..n)
            .map(|i| {
                let s = base + (rng.range(10_000) as f64 / 10_000.0) * spread;
                let end = if rng.range(3) == 0 {
                    format!(
                        r#","end":{}"#,
                        s + rng.range(5_000) as f64 / 1000.0 * MS_PER_YEAR
                    )
                } else {
                    String::new()
                };
                let group = if n_groups > 0 && rng.range(5) > 0 {
                    format!(r#","group":"g{}""#, rng.range(n_groups))
                } else {
                    String::new()
                };
                let title = titles[rng.range(titles.len() as u64) as usize];
                format!(r#"{{"id":"e{i}","start":{s}{end},"title":"{title} {i}"{group}}}"#)
            })
            .collect();
        let text = format!(
            r#"{{"groups":[{}],"events":[{}]}}"#,
            groups.join(","),
            events.join(",")
        );
        let d = ds(&text);
        let (lo, hi) = d.extent().unwrap();
        let zoom = 1.0 + rng.range(30) as f64;
        let center = lo + (hi - lo) * (rng.range(100) as f64 / 100.0);
        let span = (hi - lo).max(MS_PER_YEAR) / zoom;
        let w = Window::new(center - span / 2.0, center + span / 2.0).unwrap();
        let width = 200.0 + rng.range(1200) as f64;
        let height = 80.0 + rng.range(600) as f64;
        let s = scene(&d, w, width, height, Lang::En);
        let what = format!("case {case}: {n} events, {width}x{height}");
        assert_clean(&s, &what);
        assert_complete(&d, &s, &what);
    }
}

#[test]
fn degenerate_boxes_do_not_panic() {
    let d = ds(SIP_EN);
    let w = Window::new(t("1992"), t("2025")).unwrap();
    for (width, height) in [
        (0.0, 0.0),
        (1.0, 1.0),
        (30.0, 20.0),
        (f64::NAN, f64::INFINITY),
        (5000.0, 40.0),
    ] {
        let s = scene(&d, w, width, height, Lang::En);
        assert!(s.width >= 1.0 && s.height >= 1.0);
        assert_clean(&s, "degenerate");
    }
    let empty = ds(r#"{"events": []}"#);
    let s = scene(&empty, w, 800.0, 400.0, Lang::En);
    assert!(s.items.is_empty() && s.lanes.is_empty() && s.panes.is_empty());
}

#[test]
fn hit_finds_the_item_under_the_pointer() {
    let d = ds(SIP_EN);
    let s = scene(
        &d,
        Window::new(t("1992"), t("2025")).unwrap(),
        1100.0,
        560.0,
        Lang::En,
    );
    for (i, it) in s.items.iter().enumerate() {
        assert_eq!(s.hit(it.x, it.y), Some(Hit::Item(i)), "item {i}");
        if let Some(l) = &it.label {
            assert_eq!(
                s.hit(l.x + l.w / 2.0, l.y),
                Some(Hit::Item(i)),
                "label of {i}"
            );
        }
    }
    let p = &s.panes[0];
    assert_eq!(s.hit(p.title.x + 3.0, p.title.y), Some(Hit::PaneTitle(0)));
    assert_eq!(s.hit(s.width - 2.0, s.axis.y + 2.0), None);
    // Targets are at least 24 px.
    assert!(s
        .items
        .iter()
        .all(|i| i.hit.w >= MIN_TARGET && i.hit.h >= MIN_TARGET));
}

#[test]
fn rows_are_shared_by_need() {
    assert_eq!(share_rows(&[1, 1, 1], 10), vec![1, 1, 1]);
    assert_eq!(share_rows(&[4, 1, 2], 5), vec![2, 1, 2]);
    assert_eq!(share_rows(&[4, 1, 2], 6), vec![3, 1, 2]);
    assert_eq!(share_rows(&[4, 1, 2], 7), vec![4, 1, 2]);
    assert_eq!(share_rows(&[3, 3], 1), vec![1, 1]);
}

#[test]
fn polylines_are_clipped_at_the_plot_edges() {
    let pts = [(-100.0, 0.0), (50.0, 10.0), (200.0, 20.0)];
    let out = clip_polyline(&pts, 0.0, 100.0);
    assert_eq!(out.len(), 1);
    let seg = &out[0];
    assert_eq!(seg.first().unwrap().0, 0.0);
    assert_eq!(seg.last().unwrap().0, 100.0);
    assert!(seg.iter().all(|p| p.0 >= 0.0 && p.0 <= 100.0));
    assert!(clip_polyline(&[(-5.0, 0.0), (-1.0, 0.0)], 0.0, 10.0).is_empty());
}

#[test]
fn series_gaps_break_the_line_and_dense_series_are_decimated() {
    let text = r#"{"series":[{"id":"s","kind":"line","points":[["2000",1],["2001",2],["2002",null],["2003",4],["2004",5]]}]}"#;
    let d = ds(text);
    let s = scene(
        &d,
        Window::new(t("1999"), t("2006")).unwrap(),
        600.0,
        300.0,
        Lang::En,
    );
    let SeriesGeom {
        strokes: segments,
        dots,
        fills,
        rects,
    } = &s.panes[0].geom;
    assert!(fills.is_empty() && rects.is_empty(), "line");
    assert_eq!(segments.len(), 2, "the null splits the line");
    assert_eq!(dots.len(), 4);

    let n = 100_000;
    let t0 = t("2000");
    let ts: Vec<String> = (0..n)
        .map(|i| format!("{}", t0 + i as f64 * 60_000.0))
        .collect();
    let vs: Vec<String> = (0..n).map(|i| format!("{}", (i % 97) as f64)).collect();
    let text = format!(
        r#"{{"series":[{{"id":"s","points":{{"t":[{}],"v":[{}]}}}}]}}"#,
        ts.join(","),
        vs.join(",")
    );
    let d = ds(&text);
    let (lo, hi) = d.extent().unwrap();
    let s = scene(&d, Window::new(lo, hi).unwrap(), 800.0, 300.0, Lang::En);
    let SeriesGeom {
        strokes: segments,
        fills,
        rects,
        ..
    } = &s.panes[0].geom;
    assert!(fills.is_empty() && rects.is_empty(), "line");
    let pts: usize = segments.iter().map(Vec::len).sum();
    assert!(
        pts <= 4 * 800 + 8,
        "decimated to ~4 points a column, got {pts}"
    );
    let (ymin, ymax) = segments
        .iter()
        .flatten()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
            (a.min(p.1), b.max(p.1))
        });
    let v = s.panes[0].value;
    assert!(
        (ymin - v.v_to_y(96.0)).abs() < 1.0 && (ymax - v.v_to_y(0.0)).abs() < 1.0,
        "extremes kept"
    );
}

#[test]
fn deep_time_lays_out_with_before_present_ticks() {
    let text = r#"{
      "eras": [{"start": "4.6 Ga", "end": "4 Ga", "label": "Hadean"}, {"start": "66 Ma", "end": "0 ka", "label": "Cenozoic"}],
      "events": [
        {"id": "earth", "start": "4.54 Ga", "title": "Earth forms"},
        {"id": "life", "start": "3.7 Ga", "title": "Earliest evidence of life"},
        {"id": "kpg", "start": "66 Ma", "title": "Chicxulub impact"},
        {"id": "ice", "start": "12 ka", "title": "End of the last glacial period"}
      ]
    }"#;
    let d = ds(text);
    let (lo, hi) = d.extent().unwrap();
    for (w, unit) in [
        (Window::new(lo, hi).unwrap(), " Ga"),
        (Window::new(t("70 Ma"), t("60 Ma")).unwrap(), " Ma"),
        (Window::new(t("20 ka"), t("0 ka")).unwrap(), " ka"),
    ] {
        for lang in [Lang::En, Lang::ZhHant] {
            let s = scene(&d, w, 900.0, 300.0, lang);
            let what = format!("{lang:?} {unit}");
            assert_clean(&s, &what);
            assert_complete(&d, &s, &what);
            let labels: Vec<&str> = s
                .ticks
                .iter()
                .filter_map(|t| t.label.as_ref())
                .map(|l| l.text.as_str())
                .collect();
            assert!(labels.len() >= 3, "{what}: {labels:?}");
            if unit == " ka" {
                // 20 000 years fit calendar-year ticks (BCE)
                continue;
            }
            let deep = |l: &&str| match lang {
                Lang::En => l.ends_with(" Ga") || l.ends_with(" Ma") || *l == "present",
                _ => l.ends_with("年前") || *l == "現在",
            };
            assert!(labels.iter().all(deep), "{what}: {labels:?}");
            assert!(
                labels
                    .iter()
                    .any(|l| l.ends_with(unit.trim()) || lang != Lang::En),
                "{what}"
            );
        }
    }
}

#[test]
fn badges_fit_rows_lower_than_a_badge() {
    // 6 lanes, each with three events at one instant: every lane shows a
    // "3" badge at the same x; a 160 px element leaves rows of ~15 px.
    let mut groups = Vec::new();
    let mut events = Vec::new();
    for g in 0..8 {
        groups.push(format!(r#"{{"id":"g{g}"}}"#));
        for k in 0..3 {
            events.push(format!(
                r#"{{"id":"e{g}-{k}","start":"2010-05-05","title":"T","group":"g{g}"}}"#
            ));
        }
    }
    events.push(r#"{"id":"a","start":"2000","title":"A"}"#.to_string());
    events.push(r#"{"id":"b","start":"2020","title":"B"}"#.to_string());
    let d = ds(&format!(
        r#"{{"groups":[{}],"events":[{}]}}"#,
        groups.join(","),
        events.join(",")
    ));
    let w = Window::new(t("1999"), t("2021")).unwrap();
    let s = scene(&d, w, 800.0, 160.0, Lang::En);
    assert_clean(&s, "eight lanes in the 160 px minimum");
}

#[test]
fn a_point_inside_a_span_is_drawn_at_its_own_time() {
    // Five lanes of one row each; lane g0 has a 20-year span with two points inside it.
    let mut ev = vec![
        r#"{"id":"span","start":"2000","end":"2020","title":"Long span","group":"g0"}"#.to_string(),
        r#"{"id":"p1","start":"2010","title":"P1","group":"g0"}"#.to_string(),
        r#"{"id":"p2","start":"2015","title":"P2","group":"g0"}"#.to_string(),
    ];
    for g in 1..5 {
        ev.push(format!(
            r#"{{"id":"o{g}","start":"2005","title":"O","group":"g{g}"}}"#
        ));
    }
    let groups: Vec<String> = (0..5).map(|g| format!(r#"{{"id":"g{g}"}}"#)).collect();
    let d = ds(&format!(
        r#"{{"groups":[{}],"events":[{}]}}"#,
        groups.join(","),
        ev.join(",")
    ));
    let w = Window::new(t("1998"), t("2022")).unwrap();
    let s = scene(&d, w, 800.0, 130.0, Lang::En);
    let p1 = d.event_index("p1").unwrap();
    let it = &s.items[s.item_of_event(p1).unwrap()];
    assert!(
        (it.x - s.scale.t_to_x(t("2010"))).abs() < 40.0,
        "p1 is drawn {:.0} px away from its time",
        it.x - s.scale.t_to_x(t("2010"))
    );
}

#[test]
fn random_lanes_groups_spans_and_piles_stay_clean() {
    let mut rng = XorShift(0x1234_5678_9abc_def1);
    let titles = [
        "蘇州工業園區",
        "Forum",
        "A very long title that needs shortening on small screens",
        "x",
        "Mid length title",
    ];
    let mut fails = Vec::new();
    for case in 0..1500 {
        let n_groups = rng.range(10);
        let groups: Vec<String> = (0..n_groups)
            .map(|g| format!(r#"{{"id":"g{g}","label":"Group {g}"}}"#))
            .collect();
        let n = 1 + rng.range(200);
        let base = t("1990");
        let spread = (1 + rng.range(40)) as f64 * MS_PER_YEAR;
        let coincide = rng.range(3) == 0;
        let events: Vec<String> = (0..n)
            .map(|i| {
                let s = if coincide && rng.range(2) == 0 {
                    base + spread / 2.0
                } else {
                    base + (rng.range(10_000) as f64 / 10_000.0) * spread
                };
                let end = if rng.range(3) == 0 {
                    format!(
                        r#","end":{}"#,
                        s + rng.range(20_000) as f64 / 1000.0 * MS_PER_YEAR
                    )
                } else {
                    String::new()
                };
                let group = if n_groups > 0 && rng.range(5) > 0 {
                    format!(r#","group":"g{}""#, rng.range(n_groups))
                } else {
                    String::new()
                };
                let title = titles[rng.range(titles.len() as u64) as usize];
                format!(r#"{{"id":"e{i}","start":{s}{end},"title":"{title} {i}"{group}}}"#)
            })
            .collect();
        let eras = if rng.range(2) == 0 {
            format!(
                r#","eras":[{{"start":{},"end":{},"label":"Era one"}}]"#,
                base,
                base + spread / 3.0
            )
        } else {
            String::new()
        };
        let series = if rng.range(2) == 0 {
            r#","series":[{"id":"s","name":"S","unit":"bn","points":[["1995",1],["2000",3],["2005",2]]}]"#.to_string()
        } else {
            String::new()
        };
        let text = format!(
            r#"{{"groups":[{}],"events":[{}]{eras}{series}}}"#,
            groups.join(","),
            events.join(",")
        );
        let d = ds(&text);
        let (lo, hi) = d.extent().unwrap();
        let zoom = 1.0 + rng.range(30) as f64;
        let center = lo + (hi - lo) * (rng.range(100) as f64 / 100.0);
        let span = (hi - lo).max(MS_PER_YEAR) / zoom;
        let w = Window::new(center - span / 2.0, center + span / 2.0).unwrap();
        let width = 150.0 + rng.range(1200) as f64;
        let height = 100.0 + rng.range(400) as f64;
        let s = scene(&d, w, width, height, Lang::En);
        let what = format!("case {case}: {n} events {n_groups} groups, {width}x{height}");
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            assert_clean(&s, &what);
            assert_complete(&d, &s, &what);
        }));
        if let Err(e) = r {
            let msg = e.downcast_ref::<String>().cloned().unwrap_or_default();
            fails.push(msg);
        }
    }
    assert!(
        fails.is_empty(),
        "{} failures, first: {:?}",
        fails.len(),
        fails.first()
    );
}

#[test]
fn random_time_strings_and_numbers_never_panic() {
    let mut rng = XorShift(0xdead_beef_cafe_f00d);
    let pieces = [
        "1",
        "9",
        "0",
        "-",
        "+",
        ":",
        "T",
        "Z",
        "W",
        ".",
        " ",
        "Ga",
        "Ma",
        "ka",
        "BCE",
        "BC",
        "CE",
        "年",
        "é",
        "12",
        "2022",
        "-0499",
        "99999999999",
        "e",
        "E",
        "/",
        "00",
        "60",
        "24",
        "13",
        "31",
        "29",
        "02",
        "Q",
        "s",
        "ms",
    ];
    let nums = [
        "0",
        "-0",
        "1e308",
        "-1e308",
        "8.64e15",
        "-8.64e15",
        "6.3e20",
        "-6.3e20",
        "1e-300",
        "123456789.5",
        "9007199254740993",
        "-1.7976931348623157e308",
    ];
    for _case in 0..5000 {
        let rnd_time = |rng: &mut XorShift| -> String {
            if rng.range(3) == 0 {
                nums[rng.range(nums.len() as u64) as usize].to_string()
            } else {
                let n = 1 + rng.range(8);
                let s: String = (0..n)
                    .map(|_| pieces[rng.range(pieces.len() as u64) as usize])
                    .collect();
                format!("\"{s}\"")
            }
        };
        let a = rnd_time(&mut rng);
        let b = rnd_time(&mut rng);
        let c = rnd_time(&mut rng);
        let v1 = nums[rng.range(nums.len() as u64) as usize];
        let v2 = nums[rng.range(nums.len() as u64) as usize];
        let kinds = SeriesKind::ALL;
        let kind = kinds[rng.range(kinds.len() as u64) as usize].name();
        let text = format!(
            r#"{{"eras":[{{"start":{a},"end":{b},"label":"E"}}],"events":[{{"id":"x","start":{a},"end":{b},"title":"T"}},{{"id":"y","start":{c},"title":"U"}}],"series":[{{"id":"s","kind":"{kind}","points":[[{a},{v1}],[{c},{v2}],[{b},null]]}}]}}"#
        );
        let r = std::panic::catch_unwind(|| {
            let Ok(l) = parse_dataset(&text) else { return };
            let d = l.dataset;
            let p = Prepared::new(&d);
            let ext = d.extent();
            let wins: Vec<Window> = match ext {
                Some((lo, hi)) => vec![
                    Window::new(lo, hi).unwrap(),
                    Window::new(lo - 1.0, lo + 1.0).unwrap(),
                    Window::new(-1e300, 1e300).unwrap(),
                ],
                None => vec![Window::new(0.0, 1.0).unwrap()],
            };
            for w in wins {
                for lang in [Lang::En, Lang::ZhHant] {
                    let s = layout(&LayoutInput {
                        dataset: &d,
                        prepared: &p,
                        window: w,
                        width: 640.0,
                        height: 400.0,
                        lang,
                        measure: &ApproxMeasure,
                        previous: None,
                        formatter: None,
                        chrome: Default::default(),
                    });
                    let _ = s.hit(100.0, 100.0);
                    for e in &d.events {
                        let _ = crate::core::i18n::locale::format_time(&e.start, lang);
                        if let Some(end) = &e.end {
                            let _ = crate::core::i18n::locale::format_range(&e.start, end, lang);
                        }
                    }
                }
            }
        });
        if r.is_err() {
            panic!("panicked on {text}");
        }
    }
}

#[test]
fn dense_lanes_of_points_and_spans_lose_no_event() {
    // Thousands of events a lane, a third of them spans (some starting
    // long before the window): crowded events join clusters in runs, past
    // the counts where the badge gains a digit.
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let (t0, t1) = (t("1900"), t("2025"));
    let mut events = Vec::new();
    for i in 0..12_000 {
        let s = t0 + (next() % 1_000_000) as f64 / 1e6 * (t1 - t0);
        let g = i % 3;
        let ev = if i % 3 == 0 {
            let len = (next() % 1000) as f64 / 1000.0 * (t1 - t0) / 4.0 + 1.0;
            format!(
                r#"{{"id":"e{i}","group":"g{g}","start":{s},"end":{},"title":"Span {i}"}}"#,
                s + len
            )
        } else {
            format!(r#"{{"id":"e{i}","group":"g{g}","start":{s},"title":"事件 {i}"}}"#)
        };
        events.push(ev);
    }
    let text = format!(
        r#"{{"groups":[{{"id":"g0","label":"A"}},{{"id":"g1","label":"B"}},{{"id":"g2","label":"C"}}],"events":[{}]}}"#,
        events.join(",")
    );
    let d = ds(&text);
    assert_eq!(d.events.len(), 12_000);
    let windows = [
        Window::new(t0, t1).unwrap(),
        Window::new(t("1950"), t("1990")).unwrap(),
        Window::new(t("1960"), t("1961")).unwrap(),
        Window::new(t("2024-06"), t("2030")).unwrap(),
    ];
    for w in windows {
        for (width, height) in [(1100.0, 640.0), (360.0, 420.0)] {
            let s = scene(&d, w, width, height, Lang::En);
            let what = format!("{w:?} {width}×{height}");
            assert_clean(&s, &what);
            assert_complete(&d, &s, &what);
        }
    }
}

#[test]
fn the_overview_strip_leaves_room_for_the_toolbar_on_its_side() {
    let d = ds(SIP_EN);
    let prepared = Prepared::new(&d);
    let window = Window::new(t("1990"), t("2025")).expect("a window");
    let at = |chrome: Chrome, width: f64| {
        layout(&LayoutInput {
            dataset: &d,
            prepared: &prepared,
            window,
            width,
            height: 600.0,
            lang: Lang::En,
            measure: &ApproxMeasure,
            previous: None,
            formatter: None,
            chrome,
        })
        .overview
        .expect("an overview strip")
    };
    for width in [390.0, 1000.0] {
        let ltr = at(Chrome::default(), width);
        let four = at(
            Chrome {
                buttons: 4,
                ..Chrome::default()
            },
            width,
        );
        let rtl = at(
            Chrome {
                rtl: true,
                ..Chrome::default()
            },
            width,
        );
        // A coarse pointer (touch) has 44 px buttons and strip at any width.
        let coarse = at(
            Chrome {
                coarse: true,
                ..Chrome::default()
            },
            width,
        );
        assert!(
            (width - coarse.right() - PAD_X.min(width / 4.0) - (3.0 * 44.0 + 16.0)).abs() < 1e-9
        );
        assert_eq!(coarse.h, 44.0);
        let bar = bar_height(width);
        // Three buttons and two gaps, plus 8 px, at the end of the bar.
        assert!((width - ltr.right() - PAD_X.min(width / 4.0) - (3.0 * bar + 16.0)).abs() < 1e-9);
        assert!(
            (ltr.w - four.w - (bar + 4.0)).abs() < 1e-9,
            "a fourth button"
        );
        assert_eq!(ltr.x, four.x);
        // Mirrored: the same width, after the toolbar.
        assert_eq!(rtl.w, ltr.w);
        assert!((rtl.x - (ltr.x + 3.0 * bar + 16.0)).abs() < 1e-9);
    }
}
