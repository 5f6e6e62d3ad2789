//! The render layer, natively: the same painter that draws the browser
//! canvas draws into a recording backend, SVG and a bitmap.
#![cfg(not(target_arch = "wasm32"))]

use chronoscope::core::data::model::Dataset;
use chronoscope::core::data::time::parse_time;
use chronoscope::core::formats::dataset::parse_dataset;
use chronoscope::core::i18n::lang::Lang;
use chronoscope::core::scene::{crosshair, layout, ItemKind, LayoutInput, Prepared, Scene};
use chronoscope::core::text::measure::ApproxMeasure;
use chronoscope::core::view::scale::Window;
use chronoscope::render::native::Frame;
use chronoscope::render::recording::{Op, RecordingBackend};
use chronoscope::render::{Highlight, Painter, Theme};
use plotters_backend::BackendCoord;

const SIP_ZH: &str = include_str!("../www/data/sip.zh-Hant.json");
const SIP_EN: &str = include_str!("../www/data/sip.en.json");

fn sip(text: &str) -> Dataset {
    parse_dataset(text).unwrap().dataset
}

fn window() -> Window {
    Window::new(
        parse_time("1992").unwrap().ms,
        parse_time("2025").unwrap().ms,
    )
    .unwrap()
}

fn scene(ds: &Dataset, lang: Lang) -> Scene {
    layout(&LayoutInput {
        dataset: ds,
        prepared: &Prepared::new(ds),
        window: window(),
        width: 1000.0,
        height: 560.0,
        lang,
        measure: &ApproxMeasure,
        previous: None,
        formatter: None,
        chrome: Default::default(),
    })
}

fn record(ds: &Dataset, s: &Scene, theme: &Theme, ratio: f64) -> RecordingBackend {
    let mut b = RecordingBackend::new((1000.0 * ratio) as u32, (560.0 * ratio) as u32);
    Painter::new(&mut b, theme, ratio)
        .draw_scene(s, ds)
        .unwrap();
    b
}

#[test]
fn the_frame_draws_every_label_of_the_scene() {
    let ds = sip(SIP_ZH);
    let s = scene(&ds, Lang::ZhHant);
    let b = record(&ds, &s, &Theme::light(), 1.0);
    let texts = b.texts();
    for it in &s.items {
        if let Some(l) = &it.label {
            assert!(texts.contains(&l.text.as_str()), "label {} drawn", l.text);
        }
    }
    assert!(
        texts.iter().any(|t| t.ends_with('年')),
        "axis labels in Chinese: {texts:?}"
    );
    assert!(texts.iter().any(|t| t.contains("生產總值")), "pane title");
    assert!(texts.contains(&"3,330"), "value label");
    // the background is painted first, over the whole surface
    match &b.ops[0] {
        Op::Rect {
            a,
            b: end,
            fill: true,
            color,
        } => {
            assert_eq!((*a, *end), ((0, 0), (1000, 560)));
            assert_eq!(color.rgb, (255, 255, 255));
        }
        other => panic!("first op {other:?}"),
    }
}

#[test]
fn hidpi_scales_geometry_and_text() {
    let ds = sip(SIP_EN);
    let s = scene(&ds, Lang::En);
    let one = record(&ds, &s, &Theme::light(), 1.0);
    let two = record(&ds, &s, &Theme::light(), 2.0);
    assert_eq!(one.ops.len(), two.ops.len());
    let text_ops = |b: &RecordingBackend| -> Vec<((i32, i32), f64)> {
        b.ops
            .iter()
            .filter_map(|op| match op {
                Op::Text { pos, size, .. } => Some((*pos, *size)),
                _ => None,
            })
            .collect()
    };
    for ((p1, s1), (p2, s2)) in text_ops(&one).into_iter().zip(text_ops(&two)) {
        assert!((p2.0 - 2 * p1.0).abs() <= 1 && (p2.1 - 2 * p1.1).abs() <= 1);
        assert!((s2 - 2.0 * s1).abs() < 1e-9);
    }
}

#[test]
fn dark_theme_paints_a_dark_background_and_light_text() {
    let ds = sip(SIP_EN);
    let s = scene(&ds, Lang::En);
    let b = record(&ds, &s, &Theme::dark(), 1.0);
    let Op::Rect { color, .. } = &b.ops[0] else {
        panic!()
    };
    assert_eq!(color.rgb, (0x16, 0x18, 0x1c));
    let light_text = b
        .ops
        .iter()
        .any(|op| matches!(op, Op::Text { color, .. } if color.rgb == (0xe8, 0xea, 0xed)));
    assert!(light_text);
}

#[test]
fn the_overlay_rings_hover_and_selection_only() {
    let ds = sip(SIP_EN);
    let s = scene(&ds, Lang::En);
    let theme = Theme::light();
    let mut none = RecordingBackend::new(1000, 560);
    Painter::new(&mut none, &theme, 1.0)
        .draw_highlight(&s, Highlight::default())
        .unwrap();
    assert!(none.ops.is_empty(), "nothing highlighted, nothing drawn");

    let idx = s
        .items
        .iter()
        .position(|i| matches!(i.kind, ItemKind::Point))
        .unwrap();
    let ev = s.items[idx].event;
    let mut b = RecordingBackend::new(1000, 560);
    Painter::new(&mut b, &theme, 1.0)
        .draw_highlight(
            &s,
            Highlight {
                hover: None,
                selected: Some(ev),
                focused: None,
            },
        )
        .unwrap();
    let sel = (0x0b, 0x57, 0xd0);
    assert!(b
        .ops
        .iter()
        .any(|op| matches!(op, Op::Circle { color, fill: false, .. } if color.rgb == sel)));
    assert!(
        b.ops.iter().all(|op| !matches!(op, Op::Text { .. })),
        "the overlay draws no text"
    );
}

#[test]
fn a_focused_event_gets_a_focus_ring_around_its_marker_and_label() {
    let ds = sip(SIP_EN);
    let s = scene(&ds, Lang::En);
    let theme = Theme::light();
    let item = s
        .items
        .iter()
        .find(|i| matches!(i.kind, ItemKind::Point) && i.label.is_some())
        .unwrap();
    let mut b = RecordingBackend::new(1000, 560);
    Painter::new(&mut b, &theme, 1.0)
        .draw_highlight(
            &s,
            Highlight {
                hover: None,
                selected: None,
                focused: Some(item.event),
            },
        )
        .unwrap();
    // An outline (not filled) in the selection colour over a band of the
    // background colour, enclosing the marker and the whole label.
    let sel = (0x0b, 0x57, 0xd0);
    let rings: Vec<(BackendCoord, BackendCoord)> = b
        .ops
        .iter()
        .filter_map(|op| match op {
            Op::Rect {
                a,
                b,
                color,
                fill: false,
            } if color.rgb == sel => Some((*a, *b)),
            _ => None,
        })
        .collect();
    assert_eq!(rings.len(), 1, "{:?}", b.ops);
    let (a, z) = rings[0];
    let label = item.label.as_ref().unwrap().rect();
    let enclosed = |x: f64, y: f64| {
        (a.0 as f64) < x && x < (z.0 as f64) && (a.1 as f64) < y && y < (z.1 as f64)
    };
    assert!(enclosed(item.x, item.y), "marker inside {rings:?}");
    assert!(enclosed(label.x, label.y) && enclosed(label.right(), label.bottom()));
    let under = b.ops.iter().position(|op| {
        matches!(op, Op::Rect { color, fill: false, .. } if color.rgb == (theme.background.rgb.r, theme.background.rgb.g, theme.background.rgb.b))
    });
    let over = b
        .ops
        .iter()
        .position(|op| matches!(op, Op::Rect { color, fill: false, .. } if color.rgb == sel));
    assert!(under.is_some() && under < over, "halo under the line");
}

/// The contents of the SVG's `<text>` elements, trimmed.
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
fn svg_export_keeps_labels_as_text() {
    let ds = sip(SIP_ZH);
    let f = Frame {
        dataset: &ds,
        window: window(),
        width: 1000,
        height: 560,
        lang: Lang::ZhHant,
        theme: Theme::light(),
    };
    let svg = f.to_svg().expect("native font installed (fonts-noto-cjk)");
    assert!(svg.starts_with("<svg"));
    let texts = svg.matches("<text").count();
    assert!(texts > 20, "{texts} text elements");
    assert!(
        svg.contains("生產總值"),
        "Chinese labels are searchable text"
    );
    assert!(
        svg.contains(">1994年<") || svg.contains("1994年"),
        "precision-aware dates"
    );
}

/// Dataset texts may hold characters XML does not allow (a JSON string can
/// say `\u0000`); the SVG stays well-formed, with U+FFFD in their place, and
/// markup in a title stays escaped text.
#[test]
fn svg_export_is_well_formed_with_hostile_labels() {
    let ds = parse_dataset(
        r#"{"title": "t", "groups": [{"id": "g", "label": "<svg onload=alert(1)>\u0001"}],
            "eras": [{"start": "1995", "end": "2005", "label": "\u0000era\uffff"}],
            "events": [{"id": "a", "start": "2000", "title": "\u0000<script>alert(1)</script>", "group": "g"}]}"#,
    )
    .expect("loads")
    .dataset;
    let f = Frame {
        dataset: &ds,
        window: Window::new(
            parse_time("1990").unwrap().ms,
            parse_time("2010").unwrap().ms,
        )
        .unwrap(),
        width: 800,
        height: 300,
        lang: Lang::En,
        theme: Theme::light(),
    };
    for svg in [
        f.to_svg().expect("native font installed (fonts-noto-cjk)"),
        f.to_svg_with_events().expect("native font installed"),
    ] {
        let bad = svg
            .chars()
            .find(|&c| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFF}');
        assert_eq!(bad, None, "no character XML forbids");
        assert!(
            svg.contains("\u{FFFD}&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{svg}"
        );
        assert!(!svg.contains("<script") && !svg.contains("<svg onload"));
    }
}

#[test]
fn bitmap_render_draws_cjk_glyphs() {
    let ds = sip(SIP_ZH);
    let f = Frame {
        dataset: &ds,
        window: window(),
        width: 800,
        height: 480,
        lang: Lang::ZhHant,
        theme: Theme::light(),
    };
    let (w, h, px) = f
        .to_rgb(2.0)
        .expect("native font installed (fonts-noto-cjk)");
    assert_eq!((w, h), (1600, 960));
    // Dark pixels (text) exist, the background dominates.
    let dark = px.chunks(3).filter(|p| p.iter().all(|&c| c < 80)).count();
    let light = px.chunks(3).filter(|p| p.iter().all(|&c| c > 200)).count();
    assert!(dark > 2_000, "text drawn: {dark} dark pixels");
    assert!(light > (w * h) as usize / 2, "mostly background: {light}");
    if let Ok(dir) = std::env::var("CHRONOSCOPE_RENDER_OUT") {
        let path = std::path::Path::new(&dir).join("sip-zh-Hant.png");
        f.to_png(&path, 2.0).unwrap();
    }
}

#[test]
fn deep_time_renders_with_before_present_labels() {
    let text = r#"{
      "title": "Deep time",
      "eras": [{"start": "4.6 Ga", "end": "4 Ga", "label": "Hadean"}, {"start": "541 Ma", "end": "0 ka", "label": "Phanerozoic"}],
      "events": [
        {"id": "earth", "start": "4.54 Ga", "title": "Earth forms"},
        {"id": "life", "start": "3.7 Ga", "title": "Earliest evidence of life"},
        {"id": "oxygen", "start": "2.4 Ga", "end": "2.0 Ga", "title": "Great Oxidation Event"},
        {"id": "kpg", "start": "66 Ma", "title": "Chicxulub impact"}
      ],
      "series": [{"id": "o2", "name": "Atmospheric oxygen (illustrative)", "unit": "% of today", "kind": "line",
                  "points": [["4 Ga", 0], ["2.4 Ga", 1], ["2 Ga", 10], ["800 Ma", 20], ["0 ka", 100]]}]
    }"#;
    let ds = sip(text);
    let (lo, hi) = ds.extent().unwrap();
    let span = hi - lo;
    let f = Frame {
        dataset: &ds,
        window: Window::new(lo - span * 0.03, hi + span * 0.2).unwrap(),
        width: 900,
        height: 420,
        lang: Lang::En,
        theme: Theme::light(),
    };
    let svg = f.to_svg().expect("native font installed (fonts-noto-cjk)");
    if let Ok(dir) = std::env::var("CHRONOSCOPE_RENDER_OUT") {
        f.to_png(&std::path::Path::new(&dir).join("deep-time.png"), 2.0)
            .unwrap();
    }
    let texts = svg_texts(&svg);
    assert!(
        texts.iter().any(|t| t == "4 Ga"),
        "Ga tick labels: {texts:?}"
    );
    assert!(texts.iter().any(|t| t == "present"), "0 BP is the present");
    assert!(
        texts.iter().any(|t| t == "Great Oxidation Event"),
        "span label"
    );
    if let Ok(dir) = std::env::var("CHRONOSCOPE_RENDER_OUT") {
        f.to_png(&std::path::Path::new(&dir).join("deep-time.png"), 2.0)
            .unwrap();
    }
}

/// A step series (policy-rate style) with a null, in its own colour.
const STEP: &str = r##"{"series": [{"id": "rate", "name": "Policy rate", "unit": "%", "kind": "step", "color": "#d95f02",
    "points": [["2000", 1], ["2001", 3], ["2002", null], ["2003", 2], ["2004", 4]]}]}"##;

fn step_window() -> Window {
    Window::new(
        parse_time("1999").unwrap().ms,
        parse_time("2006").unwrap().ms,
    )
    .unwrap()
}

fn step_scene(ds: &Dataset) -> Scene {
    layout(&LayoutInput {
        dataset: ds,
        prepared: &Prepared::new(ds),
        window: step_window(),
        width: 1000.0,
        height: 400.0,
        lang: Lang::En,
        measure: &ApproxMeasure,
        previous: None,
        formatter: None,
        chrome: Default::default(),
    })
}

/// Every piece of `line` runs straight across or straight up or down.
fn axis_aligned<T: PartialEq + Copy>(line: &[(T, T)]) -> bool {
    line.windows(2)
        .all(|w| w[0].0 == w[1].0 || w[0].1 == w[1].1)
}

#[test]
fn a_step_series_holds_each_value_and_breaks_at_the_null() {
    let ds = sip(STEP);
    let s = step_scene(&ds);
    let pane = &s.panes[0];
    let x = |t: &str| s.scale.t_to_x(parse_time(t).unwrap().ms);
    let y = |v: f64| pane.value.v_to_y(v);
    assert_eq!(
        pane.geom.strokes,
        vec![
            vec![
                (x("2000"), y(1.0)),
                (x("2001"), y(1.0)),
                (x("2001"), y(3.0)),
                // the null ends the held value at its time
                (x("2002"), y(3.0)),
            ],
            vec![
                (x("2003"), y(2.0)),
                (x("2004"), y(2.0)),
                (x("2004"), y(4.0))
            ],
        ]
    );
    assert_eq!(pane.geom.dots.len(), 4, "few points: each one marked");
    assert!(pane.geom.fills.is_empty() && pane.geom.rects.is_empty());

    // Painted through the recording backend: two paths in the series'
    // colour, 2 px, each all horizontal and vertical pieces.
    for ratio in [1.0, 2.0] {
        let b = record(&ds, &s, &Theme::light(), ratio);
        let paths: Vec<&Vec<BackendCoord>> = b
            .ops
            .iter()
            .filter_map(|op| match op {
                Op::Path {
                    points,
                    color,
                    width,
                } if color.rgb == (0xd9, 0x5f, 0x02) && color.alpha == 1.0 => {
                    assert_eq!(*width, (2.0 * ratio) as u32);
                    Some(points)
                }
                _ => None,
            })
            .collect();
        assert_eq!(paths.len(), 2, "ratio {ratio}");
        for (path, stroke) in paths.iter().zip(&pane.geom.strokes) {
            assert_eq!(path.len(), stroke.len());
            assert!(axis_aligned(path), "{path:?}");
        }
    }

    // The same points as a line join them straight: diagonals.
    let line = sip(&STEP.replace("\"step\"", "\"line\""));
    let s = step_scene(&line);
    assert!(!axis_aligned(&s.panes[0].geom.strokes[0]));
}

#[test]
fn the_crosshair_reads_the_step_value_in_force() {
    let ds = sip(STEP);
    let s = step_scene(&ds);
    let pane = &s.panes[0];
    let x = |t: &str| s.scale.t_to_x(parse_time(t).unwrap().ms);
    let read = |ds: &Dataset, at: &str| {
        let s = step_scene(ds);
        crosshair(ds, &s, x(at), Lang::En, &ApproxMeasure, None)
            .expect("in the plot")
            .marks
    };
    // November 2000 is nearer 2001, but 2000's value is in force: marked
    // on the held line under the cursor.
    let marks = read(&ds, "2000-11-01");
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].x, x("2000-11-01"));
    assert_eq!(marks[0].y, pane.value.v_to_y(1.0));
    assert!(
        marks[0].label.text.starts_with("2000"),
        "{:?}",
        marks[0].label.text
    );
    assert_eq!(marks[0].label.text, read(&ds, "2000")[0].label.text);
    // a line reads the nearest point there
    let line = sip(&STEP.replace("\"step\"", "\"line\""));
    assert!(read(&line, "2000-11-01")[0].label.text.starts_with("2001"));
    // after the null there is no value in force
    assert!(read(&ds, "2002-06-01").is_empty());
    // past the last point: its value, marked where the line ends
    let marks = read(&ds, "2005-06-01");
    assert_eq!(
        (marks[0].x, marks[0].y),
        (x("2004"), pane.value.v_to_y(4.0))
    );
}

/// The points of each `<polyline>` stroked in `stroke` (`#RRGGBB`) at
/// `width` px.
fn svg_polylines(svg: &str, stroke: &str, width: u32) -> Vec<Vec<(i32, i32)>> {
    let attr = |tag: &str, name: &str| -> Option<String> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[at..].split('"').next()?.to_string())
    };
    svg.split("<polyline")
        .skip(1)
        .filter_map(|chunk| {
            let tag = chunk.split('>').next()?;
            if attr(tag, "stroke")? != stroke || attr(tag, "stroke-width")? != width.to_string() {
                return None;
            }
            attr(tag, "points")?
                .split_whitespace()
                .map(|p| {
                    let (x, y) = p.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect()
        })
        .collect()
}

#[test]
fn a_step_series_exports_to_svg_as_steps() {
    let ds = sip(STEP);
    let f = Frame {
        dataset: &ds,
        window: step_window(),
        width: 1000,
        height: 400,
        lang: Lang::En,
        theme: Theme::light(),
    };
    let svg = f.to_svg().expect("native font installed (fonts-noto-cjk)");
    let lines = svg_polylines(&svg, "#D95F02", 2);
    assert_eq!(lines.len(), 2, "broken at the null");
    for l in &lines {
        assert!(axis_aligned(l), "{l:?}");
        assert!(l.windows(2).any(|w| w[0].0 == w[1].0), "a jump: {l:?}");
    }
    assert!(svg_texts(&svg).iter().any(|t| t.starts_with("Policy rate")));
}
