use super::*;
use crate::core::data::model::{Event, Series, SeriesKind};
use crate::core::data::time::{parse_time, TimePoint, MAX_SPAN, TIME_MAX, TIME_MIN};
use crate::core::data::time::{MS_PER_DAY, MS_PER_YEAR};
use crate::core::formats::dataset::parse_dataset;

fn t(s: &str) -> Ms {
    parse_time(s).unwrap().ms
}

fn sip() -> Dataset {
    parse_dataset(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/data/sip.en.json"
    )))
    .unwrap()
    .dataset
}

fn strip() -> Rect {
    Rect::new(12.0, 300.0, 776.0, 40.0)
}

fn nav(ds: &Dataset, rect: Rect, view: Window) -> Option<Navigator> {
    navigator(ds, &Prepared::new(ds), rect, view)
}

fn valid(w: &Window, what: &str) {
    assert!(w.start.is_finite() && w.end.is_finite(), "{what}: {w:?}");
    assert!(w.start < w.end, "{what}: {w:?}");
    assert!(w.start >= TIME_MIN && w.end <= TIME_MAX, "{what}: {w:?}");
    assert!(w.span() <= MAX_SPAN * (1.0 + 1e-12), "{what}: {w:?}");
}

fn finite_inside(n: &Navigator, what: &str) {
    let r = n.rect;
    let inside = |x: f64, y: f64| {
        x.is_finite()
            && y.is_finite()
            && x >= r.x - 1e-9
            && x <= r.right() + 1e-9
            && y >= r.y - 1e-9
            && y <= r.bottom() + 1e-9
    };
    for b in n.bars.iter().chain([&n.brush]) {
        assert!(
            inside(b.x, b.y) && inside(b.right(), b.bottom()),
            "{what}: {b:?} in {r:?}"
        );
    }
    for p in n.series.iter().flatten() {
        assert!(inside(p.0, p.1), "{what}: {p:?} in {r:?}");
    }
    valid(&n.scale.window, what);
}

fn point_event(i: usize, ms: Ms, end: Option<Ms>) -> Event {
    let tp = |ms| TimePoint {
        ms,
        precision: Precision::Day,
        offset_min: None,
    };
    Event {
        id: format!("e{i}"),
        start: tp(ms),
        end: end.map(tp),
        display_date: None,
        title: format!("Event {i}"),
        text: None,
        group: None,
        link: None,
        source: None,
        media: None,
    }
}

/// A line series named "S" of these points.
fn line_series(t: Vec<Ms>, v: Vec<f64>) -> Series {
    Series {
        id: "s".into(),
        name: "S".into(),
        unit: String::new(),
        kind: SeriesKind::Line,
        color: None,
        note: None,
        source: None,
        t,
        v,
        precision: None,
    }
}

fn dataset(mut events: Vec<Event>) -> Dataset {
    events.sort_by(|a, b| a.start.ms.total_cmp(&b.start.ms));
    Dataset {
        events,
        ..Dataset::default()
    }
}

/// Bars whose columns come within `px` of time `at`.
fn bars_near(n: &Navigator, at: Ms, px: f64) -> usize {
    let x = n.scale.t_to_x(at);
    n.bars
        .iter()
        .filter(|b| b.right() >= x - px && b.x <= x + px)
        .count()
}

#[test]
fn sip_overview_bars_series_and_brush() {
    let ds = sip();
    let view = Window::new(t("2010"), t("2020")).unwrap();
    let n = nav(&ds, strip(), view).unwrap();
    finite_inside(&n, "sip");

    // The overview is the data with 2% margins.
    let (lo, hi) = ds.extent().unwrap();
    let r = n.scale.window;
    assert!(r.start < lo && r.end > hi);
    let margin = (hi - lo) * MARGIN;
    assert!(((lo - r.start) - margin).abs() < margin * 0.01, "{r:?}");
    assert!(((r.end - hi) - margin).abs() < margin * 0.01, "{r:?}");
    assert_eq!((n.scale.x0, n.scale.x1), (strip().x, strip().right()));

    // Events in 1994, 1995 and (mostly) 2022; nothing between 2001 and 2014.
    assert!(bars_near(&n, t("1994"), 2.0) >= 1);
    assert!(bars_near(&n, t("1995"), 2.0) >= 1);
    assert!(bars_near(&n, t("2022"), 2.0) >= 1);
    assert!(bars_near(&n, t("2008"), 100.0) == 0, "{:?}", n.bars);
    assert!(n.bars.len() <= (strip().w / COLUMN_W).ceil() as usize);
    // 2022 holds most events: the tallest bar, the full strip
    let tallest = n.bars.iter().map(|b| b.h).fold(0.0, f64::max);
    let at_2022 = n
        .bars
        .iter()
        .filter(|b| (b.x - n.scale.t_to_x(t("2022"))).abs() <= 2.0)
        .map(|b| b.h)
        .fold(0.0, f64::max);
    assert_eq!(tallest, at_2022);
    assert!(tallest >= strip().h - 1.0 - 1e-9);
    // a single event is a lower but visible bar
    let b1994 = n
        .bars
        .iter()
        .find(|b| b.right() >= n.scale.t_to_x(t("1994")))
        .unwrap();
    assert!(b1994.h >= MIN_BAR_H && b1994.h < tallest / 2.0, "{b1994:?}");
    for b in &n.bars {
        assert!((b.bottom() - strip().bottom()).abs() < 1e-9);
        assert!(b.w > 0.0 && b.w <= COLUMN_W + 1e-9);
    }

    // The first series, in the lower 70% of the strip, from its first to its last point.
    assert!(!n.series.is_empty());
    let s = &ds.series[0];
    let pts: Vec<_> = n.series.iter().flatten().collect();
    let top = strip().bottom() - SERIES_SHARE * strip().h;
    assert!(pts
        .iter()
        .all(|p| p.1 >= top - 1e-9 && p.1 <= strip().bottom()));
    let xs: Vec<f64> = pts.iter().map(|p| p.0).collect();
    assert!((xs[0] - n.scale.t_to_x(s.t[0])).abs() < 1.0);
    assert!((xs[xs.len() - 1] - n.scale.t_to_x(*s.t.last().unwrap())).abs() < 1.0);

    // The brush is the view.
    assert!((n.brush.x - n.scale.t_to_x(view.start)).abs() < 1e-6);
    assert!((n.brush.right() - n.scale.t_to_x(view.end)).abs() < 1e-6);
    assert_eq!((n.brush.y, n.brush.h), (strip().y, strip().h));
}

#[test]
fn sip_brush_is_clamped_and_at_least_8px() {
    let ds = sip();
    // a day wide: far less than a pixel of a 30-year overview
    let day = Window::new(t("2005-06-01"), t("2005-06-02")).unwrap();
    let n = nav(&ds, strip(), day).unwrap();
    assert!((n.brush.w - MIN_BRUSH_W).abs() < 1e-9);
    let c = n.scale.t_to_x(day.center());
    assert!((n.brush.x + n.brush.w / 2.0 - c).abs() < 1e-6);
    // at the very start of the overview the narrow brush stays inside
    let (lo, _) = ds.extent().unwrap();
    let r = overview_range(&ds, day).unwrap();
    let edge = Window::new(r.start, r.start + 1000.0).unwrap();
    let n = nav(&ds, strip(), edge).unwrap();
    assert_eq!(n.brush.x, strip().x);
    assert!((n.brush.w - MIN_BRUSH_W).abs() < 1e-9);
    assert!(r.start < lo);
    // the whole data (or more) in view: the brush covers the strip exactly
    let all = Window::new(t("1900"), t("2100")).unwrap();
    let n = nav(&ds, strip(), all).unwrap();
    assert!(covers(n.scale.window, all) && covers(all, n.scale.window));
    assert!((n.brush.x - strip().x).abs() < 1e-9);
    assert!((n.brush.right() - strip().right()).abs() < 1e-9);
}

#[test]
fn view_outside_the_data_widens_the_overview() {
    let ds = sip();
    let (lo, hi) = ds.extent().unwrap();
    for view in [
        Window::new(t("2100"), t("2110")).unwrap(),
        Window::new(t("1000"), t("1001")).unwrap(),
        Window::new(t("1990"), t("2000")).unwrap(),
        Window::new(-4.5e9 * MS_PER_YEAR, -4.4e9 * MS_PER_YEAR).unwrap(),
        Window::new(TIME_MAX - 10.0, TIME_MAX).unwrap(),
        Window::new(TIME_MIN, TIME_MIN + MAX_SPAN).unwrap(),
    ] {
        let what = format!("{view:?}");
        let r = overview_range(&ds, view).unwrap();
        valid(&r, &what);
        assert!(covers(r, view), "{what}: {r:?}");
        // the data too, unless both together are wider than the widest window
        let both = view.end.max(hi) - view.start.min(lo);
        assert!(
            (r.start <= lo && r.end >= hi) || both > MAX_SPAN,
            "{what}: {r:?}"
        );
        let n = nav(&ds, strip(), view).unwrap();
        finite_inside(&n, &what);
        assert!(n.brush.w >= MIN_BRUSH_W - 1e-9, "{what}");
    }
    // a view inside the data leaves the overview alone
    let inside = Window::new(t("2000"), t("2001")).unwrap();
    let wide = Window::new(t("1999"), t("2003")).unwrap();
    assert_eq!(overview_range(&ds, inside), overview_range(&ds, wide));
    assert_eq!(overview_range(&Dataset::default(), inside), None);
    assert!(nav(&Dataset::default(), strip(), inside).is_none());
}

#[test]
fn grab_finds_edges_body_and_outside() {
    let ds = sip();
    let view = Window::new(t("2005"), t("2015")).unwrap();
    let n = nav(&ds, strip(), view).unwrap();
    let (l, r) = (n.brush.x, n.brush.right());
    let y = strip().y + strip().h / 2.0;
    assert!(r - l > 100.0);
    assert_eq!(n.grab(l, y, false), Some(NavGrab::Left));
    // 24 px around an edge for a mouse, 44 px for a finger.
    assert_eq!(n.grab(l - 11.0, y, false), Some(NavGrab::Left));
    assert_eq!(n.grab(l + 11.0, y, false), Some(NavGrab::Left));
    assert_eq!(n.grab(l - 13.0, y, false), Some(NavGrab::Outside));
    assert_eq!(n.grab(l - 13.0, y, true), Some(NavGrab::Left));
    assert_eq!(n.grab(l - 21.0, y, true), Some(NavGrab::Left));
    assert_eq!(n.grab(l + 13.0, y, false), Some(NavGrab::Body));
    assert_eq!(n.grab(l + 21.0, y, true), Some(NavGrab::Left));
    assert_eq!(n.grab(r, y, false), Some(NavGrab::Right));
    assert_eq!(n.grab(r + 12.0, y, false), Some(NavGrab::Right));
    assert_eq!(n.grab(r - 12.0, y, false), Some(NavGrab::Right));
    assert_eq!(n.grab(r + 23.0, y, true), Some(NavGrab::Outside));
    assert_eq!(n.grab((l + r) / 2.0, y, true), Some(NavGrab::Body));
    assert_eq!(n.grab(strip().x + 1.0, y, false), Some(NavGrab::Outside));
    assert_eq!(
        n.grab(strip().right(), strip().y, false),
        Some(NavGrab::Outside)
    );
    // off the strip, or nonsense
    assert_eq!(n.grab((l + r) / 2.0, strip().y - 1.0, false), None);
    assert_eq!(n.grab((l + r) / 2.0, strip().bottom() + 1.0, false), None);
    assert_eq!(n.grab(strip().x - 1.0, y, false), None);
    assert_eq!(n.grab(f64::NAN, y, false), None);
    assert_eq!(n.grab(l, f64::INFINITY, true), None);

    // A narrow (8 px) brush: edges at its sides, the body in its middle.
    let day = Window::new(t("2005-06-01"), t("2005-06-02")).unwrap();
    let n = nav(&ds, strip(), day).unwrap();
    let (l, r) = (n.brush.x, n.brush.right());
    for touch in [false, true] {
        assert_eq!(n.grab((l + r) / 2.0, y, touch), Some(NavGrab::Body));
        assert_eq!(n.grab(l, y, touch), Some(NavGrab::Left));
        assert_eq!(n.grab(l - 4.0, y, touch), Some(NavGrab::Left));
        assert_eq!(n.grab(r, y, touch), Some(NavGrab::Right));
        assert_eq!(n.grab(r + 4.0, y, touch), Some(NavGrab::Right));
    }
}

#[test]
fn drags_move_the_right_edges_the_right_way() {
    let ds = sip();
    let view = Window::new(t("2005"), t("2015")).unwrap();
    let n = nav(&ds, strip(), view).unwrap();
    let mpp = n.scale.ms_per_px();
    let close = |a: Ms, b: Ms| (a - b).abs() <= mpp * 1e-6;

    // The body is a picture of the window: left shows earlier times.
    let w = n.drag(NavGrab::Body, view, 400.0, 350.0);
    assert!(close(w.start, view.start - 50.0 * mpp), "{w:?}");
    assert!(close(w.span(), view.span()));
    let w = n.drag(NavGrab::Body, view, 400.0, 430.0);
    assert!(close(w.start, view.start + 30.0 * mpp), "{w:?}");
    // ... and stops where the brush meets the end of the strip
    let w = n.drag(NavGrab::Body, view, 400.0, -5000.0);
    assert!(close(w.start, n.scale.window.start), "{w:?}");
    assert!(close(w.span(), view.span()));
    let w = n.drag(NavGrab::Body, view, 400.0, 5000.0);
    assert!(close(w.end, n.scale.window.end), "{w:?}");

    // Edges move only themselves.
    let w = n.drag(NavGrab::Left, view, 300.0, 280.0);
    assert!(
        close(w.start, view.start - 20.0 * mpp) && close(w.end, view.end),
        "{w:?}"
    );
    let w = n.drag(NavGrab::Left, view, 300.0, 320.0);
    assert!(
        close(w.start, view.start + 20.0 * mpp) && close(w.end, view.end),
        "{w:?}"
    );
    let w = n.drag(NavGrab::Right, view, 500.0, 540.0);
    assert!(
        close(w.end, view.end + 40.0 * mpp) && close(w.start, view.start),
        "{w:?}"
    );
    let w = n.drag(NavGrab::Right, view, 500.0, 490.0);
    assert!(
        close(w.end, view.end - 10.0 * mpp) && close(w.start, view.start),
        "{w:?}"
    );

    // They never cross: 8 px stay between them.
    for x1 in [0.0, 500.0, 800.0, 1e6, 1e300, -1e300] {
        let w = n.drag(NavGrab::Left, view, 300.0, x1);
        valid(&w, "left");
        assert!(close(w.end, view.end), "{w:?}");
        assert!(w.span() >= MIN_BRUSH_W * mpp * (1.0 - 1e-9), "{w:?}");
        assert!(w.start >= n.scale.window.start - 1e-6 * mpp, "{w:?}");
        let w = n.drag(NavGrab::Right, view, 500.0, 800.0 - x1);
        valid(&w, "right");
        assert!(close(w.start, view.start), "{w:?}");
        assert!(w.span() >= MIN_BRUSH_W * mpp * (1.0 - 1e-9), "{w:?}");
        assert!(w.end <= n.scale.window.end + 1e-6 * mpp, "{w:?}");
    }
    let w = n.drag(NavGrab::Left, view, 300.0, 10_000.0);
    assert!(close(w.span(), MIN_BRUSH_W * mpp), "{w:?}");

    // A narrower window than 8 px does not jump when an edge is taken.
    let day = Window::new(t("2005-06-01"), t("2005-06-02")).unwrap();
    let w = n.drag(NavGrab::Left, day, 300.0, 300.5);
    assert!(close(w.start, day.start) && close(w.end, day.end), "{w:?}");
    let w = n.drag(NavGrab::Right, day, 300.0, 310.0);
    assert!(
        close(w.start, day.start) && close(w.end, day.end + 10.0 * mpp),
        "{w:?}"
    );

    // Outside: the same span centred under the pointer.
    let x = n.scale.t_to_x(t("2000"));
    let w = n.drag(NavGrab::Outside, view, x, x);
    assert!(close(w.span(), view.span()));
    assert!(close(w.center(), t("2000")), "{w:?}");
    // near the start it is shifted inside the overview
    let w = n.drag(NavGrab::Outside, view, 0.0, strip().x);
    assert!(
        close(w.start, n.scale.window.start) && close(w.span(), view.span()),
        "{w:?}"
    );
    let x = n.scale.t_to_x(t("2012"));
    let w = n.drag(NavGrab::Outside, view, 0.0, x);
    assert!(close(w.center(), t("2012")), "{w:?}");
    // near the end it is shifted inside the overview
    let w = n.drag(NavGrab::Outside, view, 0.0, strip().right());
    assert!(
        close(w.end, n.scale.window.end) && close(w.span(), view.span()),
        "{w:?}"
    );
}

#[test]
fn extremes_never_panic_or_make_nan() {
    let ds = sip();
    let view = Window::new(t("2005"), t("2015")).unwrap();
    let nan = f64::NAN;
    let inf = f64::INFINITY;
    // strips with no area, or nonsense coordinates: nothing to show
    for r in [
        Rect::new(12.0, 300.0, 0.0, 40.0),
        Rect::new(12.0, 300.0, 776.0, 0.0),
        Rect {
            x: 0.0,
            y: 0.0,
            w: nan,
            h: 40.0,
        },
        Rect {
            x: nan,
            y: 0.0,
            w: 10.0,
            h: 40.0,
        },
        Rect {
            x: 0.0,
            y: inf,
            w: 10.0,
            h: 40.0,
        },
        Rect {
            x: 0.0,
            y: 0.0,
            w: inf,
            h: 40.0,
        },
    ] {
        assert!(nav(&ds, r, view).is_none(), "{r:?}");
    }
    // an invalid view
    let bad = Window {
        start: nan,
        end: 1.0,
    };
    assert!(nav(&ds, strip(), bad).is_none());
    assert!(overview_range(&ds, bad).is_some());

    // tiny strips work
    for r in [
        Rect::new(0.0, 0.0, 1.0, 1.0),
        Rect::new(5.0, 5.0, 1.0, 40.0),
        Rect::new(5.0, 5.0, 3.0, 0.5),
        Rect::new(-1e6, -1e6, 7.0, 3.0),
        Rect::new(0.0, 0.0, 1e6, 40.0),
    ] {
        for v in [view, Window::new(t("2100"), t("3000")).unwrap()] {
            let what = format!("{r:?} {v:?}");
            let n = nav(&ds, r, v).unwrap();
            finite_inside(&n, &what);
            assert!(
                n.bars.len() <= (r.w / COLUMN_W).ceil().max(1.0) as usize,
                "{what}"
            );
            assert!(n.brush.w <= r.w + 1e-9 && n.brush.w > 0.0, "{what}");
            let xs = [r.x, r.x + r.w / 2.0, r.right(), nan, inf, -inf, 1e300];
            for grab in [
                NavGrab::Left,
                NavGrab::Right,
                NavGrab::Body,
                NavGrab::Outside,
            ] {
                for &a in &xs {
                    for &b in &xs {
                        let w = n.drag(grab, v, a, b);
                        valid(&w, &format!("{what} {grab:?} {a} {b}"));
                    }
                }
            }
            for &x in &xs {
                let _ = n.grab(x, r.y, true);
                let _ = n.grab(x, nan, false);
            }
        }
    }

    // a drag that starts from an invalid window still gives a valid one
    let n = nav(&ds, strip(), view).unwrap();
    for grab in [
        NavGrab::Left,
        NavGrab::Right,
        NavGrab::Body,
        NavGrab::Outside,
    ] {
        valid(&n.drag(grab, bad, 100.0, 200.0), "bad start");
        let huge = Window {
            start: -inf,
            end: inf,
        };
        valid(&n.drag(grab, huge, 100.0, 200.0), "huge start");
        assert_eq!(n.drag(grab, view, nan, 200.0), view);
        assert_eq!(n.drag(grab, view, 100.0, nan), view);
    }
}

#[test]
fn panning_past_the_data_keeps_the_strip_and_moves_the_brush() {
    let ds = sip();
    let p = Prepared::new(&ds);
    // Past the end of the data, then 5 % steps further out.
    let mut view = Window::new(t("2020"), t("2030")).unwrap();
    let mut n = navigator(&ds, &p, strip(), view).unwrap();
    n = n.update(&ds, &p, strip(), view).unwrap();
    let mut strips = Vec::new();
    let mut brushes = Vec::new();
    for _ in 0..4 {
        let d = view.span() * 0.05;
        view = Window::new(view.start + d, view.end + d).unwrap();
        n = n.update(&ds, &p, strip(), view).unwrap();
        assert!(covers(n.scale.window, view), "{view:?}");
        assert_eq!(n.brush, brush_rect(&n.scale, &n.rect, view));
        strips.push(n.scale.window);
        brushes.push(n.brush.x);
    }
    // One strip for the steps that stay inside it; the brush moves right.
    assert!(
        strips.windows(2).filter(|w| w[0] == w[1]).count() >= 2,
        "{strips:?}"
    );
    assert!(brushes.windows(2).all(|w| w[1] > w[0]), "{brushes:?}");
    // Back inside the data: the data's own strip again.
    let inside = Window::new(t("2005"), t("2010")).unwrap();
    let back = n.update(&ds, &p, strip(), inside).unwrap();
    assert_eq!(back, navigator(&ds, &p, strip(), inside).unwrap());
}

#[test]
fn update_reuses_what_the_view_does_not_change() {
    let ds = sip();
    let p = Prepared::new(&ds);
    let first = Window::new(t("2005"), t("2015")).unwrap();
    let n = navigator(&ds, &p, strip(), first).unwrap();
    // Inside the data: as a fresh navigator.
    for view in [
        Window::new(t("2010"), t("2011")).unwrap(),
        Window::new(t("2005-06-01"), t("2005-06-02")).unwrap(),
    ] {
        for rect in [strip(), Rect::new(0.0, 0.0, 300.0, 44.0)] {
            let fresh = navigator(&ds, &p, rect, view);
            assert_eq!(n.update(&ds, &p, rect, view), fresh, "{view:?} {rect:?}");
        }
    }
    // Past the data: a strip with slack around the view, the brush on it.
    for view in [
        Window::new(t("1990"), t("2000")).unwrap(),
        Window::new(t("2100"), t("2200")).unwrap(),
    ] {
        for rect in [strip(), Rect::new(0.0, 0.0, 300.0, 44.0)] {
            let u = n.update(&ds, &p, rect, view).unwrap();
            let pad = view.span() * PAN_SLACK;
            let wide = Window::new(view.start - pad, view.end + pad).unwrap();
            let fresh = navigator(&ds, &p, rect, wide).unwrap();
            assert_eq!(u.scale, fresh.scale, "{view:?}");
            assert_eq!(
                (&u.bars, &u.series),
                (&fresh.bars, &fresh.series),
                "{view:?}"
            );
            assert_eq!(u.brush, brush_rect(&u.scale, &rect, view), "{view:?}");
            assert!(covers(u.scale.window, view));
        }
    }
    assert_eq!(
        n.update(
            &ds,
            &p,
            strip(),
            Window {
                start: f64::NAN,
                end: 0.0
            }
        ),
        None
    );
    assert_eq!(n.update(&ds, &p, Rect::default(), first), None);
}

#[test]
fn spans_count_in_every_column_they_cover() {
    let ds = dataset(vec![
        point_event(0, t("1990"), None),
        point_event(1, t("2000"), Some(t("2010"))),
        point_event(2, t("2020"), None),
    ]);
    let view = Window::new(t("1995"), t("1996")).unwrap();
    let n = nav(&ds, strip(), view).unwrap();
    finite_inside(&n, "spans");
    let x = |s: &str| n.scale.t_to_x(t(s));
    // every column from 2000 to 2010 has a bar, none between 2011 and 2019
    let mut c = x("2000");
    while c < x("2010") - COLUMN_W {
        assert!(
            n.bars.iter().any(|b| b.x <= c && b.right() >= c),
            "no bar at x {c}"
        );
        c += COLUMN_W;
    }
    assert_eq!(
        n.bars
            .iter()
            .filter(|b| b.x > x("2011") && b.right() < x("2019"))
            .count(),
        0
    );
    assert_eq!(
        n.bars
            .iter()
            .filter(|b| b.x > x("1991") && b.right() < x("1999"))
            .count(),
        0
    );
    // one event everywhere: all bars are the same (full) height
    assert!(n.bars.iter().all(|b| (b.h - n.bars[0].h).abs() < 1e-9));

    // A single-instant dataset still has an overview around it.
    let one = dataset(vec![point_event(0, t("2000-03-04"), None)]);
    let r = overview_range(&one, Window::new(t("2000-03-04"), t("2000-03-05")).unwrap()).unwrap();
    assert!(r.contains(t("2000-03-04")) && r.span() >= 4.0 * MS_PER_DAY);
    let n = nav(
        &one,
        strip(),
        Window::new(t("2000-03-04"), t("2000-03-05")).unwrap(),
    )
    .unwrap();
    assert_eq!(n.bars.len(), 1);
    finite_inside(&n, "one");
}

#[test]
fn dense_series_through_the_pyramid_match_point_by_point() {
    let mut ds = dataset(vec![point_event(0, t("2000"), None)]);
    let n = 200_000;
    let mut x = 7u64;
    let ts: Vec<Ms> = (0..n)
        .map(|i| t("1900") + i as f64 * 86_400_000.0 / 3.0)
        .collect();
    let vs: Vec<f64> = (0..n)
        .map(|i| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            // gaps now and then, some runs of them
            if (i % 9_001) < 3 || (x >> 60) == 0 && i % 7 == 0 {
                f64::NAN
            } else {
                (x >> 40) as f64 / 1e4
            }
        })
        .collect();
    ds.series.push(line_series(ts, vs));
    let with = Prepared::new(&ds);
    let mut without = with.clone();
    without.pyramids.clear();
    for view in [
        Window::new(t("1900"), t("2090")).unwrap(),
        Window::new(t("1950"), t("1951")).unwrap(),
        Window::new(t("1890"), t("1930")).unwrap(),
    ] {
        let a = navigator(&ds, &with, strip(), view).unwrap();
        let b = navigator(&ds, &without, strip(), view).unwrap();
        assert!(a.series.len() > 3, "{view:?}");
        assert_eq!(a.series, b.series, "{view:?}");
    }
}

#[test]
fn series_gaps_and_flat_values() {
    let mut ds = dataset(vec![point_event(0, t("2000"), None)]);
    let ts: Vec<Ms> = (0..10)
        .map(|i| t("2000") + i as f64 * MS_PER_YEAR)
        .collect();
    let mut vs: Vec<f64> = (0..10).map(|i| i as f64).collect();
    vs[4] = f64::NAN; // a gap
    vs[6] = f64::NAN; // and another: point 5 is alone between them
    ds.series.push(line_series(ts, vs));
    let view = Window::new(t("2001"), t("2002")).unwrap();
    let n = nav(&ds, strip(), view).unwrap();
    finite_inside(&n, "gaps");
    let lens: Vec<usize> = n.series.iter().map(|s| s.len()).collect();
    assert_eq!(lens, vec![4, 1, 3]);
    // values rise: y falls
    assert!(n.series[0].windows(2).all(|w| w[1].1 < w[0].1));
    assert!((n.series[0][0].1 - (strip().bottom() - 1.0)).abs() < 1e-9);
    assert!((n.series[2][2].1 - (strip().bottom() - SERIES_SHARE * strip().h)).abs() < 1e-9);

    // a flat series sits mid-band
    ds.series[0].v = vec![3.0; 10];
    let n = nav(&ds, strip(), view).unwrap();
    let y = n.series[0][0].1;
    assert!(n.series.iter().flatten().all(|p| p.1 == y));
    assert!(y < strip().bottom() - 1.0 && y > strip().bottom() - SERIES_SHARE * strip().h);
}

#[test]
fn hundred_thousand_events_and_a_million_points() {
    // Events over 200 years, piled up in the 1950s; every tenth a span.
    let base = t("1900");
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut events: Vec<Event> = (0..100_000)
        .map(|i| {
            let f = if i % 3 == 0 {
                0.25 + next() * 0.05
            } else {
                next()
            };
            let s = base + f * 200.0 * MS_PER_YEAR;
            let end = (i % 10 == 0).then(|| s + next() * 5.0 * MS_PER_YEAR);
            point_event(i, s, end)
        })
        .collect();
    // one long span in an empty stretch, 2120-2140
    events.retain(|e| e.start.ms < t("2110") || e.start.ms > t("2150"));
    events.push(point_event(999_999, t("2120"), Some(t("2140"))));
    let mut ds = dataset(events);
    let n_pts = 1_000_000;
    let ts: Vec<Ms> = (0..n_pts)
        .map(|i| base + i as f64 / n_pts as f64 * 200.0 * MS_PER_YEAR)
        .collect();
    let vs: Vec<f64> = (0..n_pts)
        .map(|i| {
            if i % 100_000 == 7 {
                f64::NAN
            } else {
                (i as f64 * 0.001).sin()
            }
        })
        .collect();
    ds.series.push(line_series(ts, vs));
    let prepared = Prepared::new(&ds);
    let view = Window::new(t("1950"), t("1960")).unwrap();
    let first = navigator(&ds, &prepared, strip(), view).unwrap();
    let later = Window::new(t("1990"), t("2000")).unwrap();
    for n in [
        first.clone(),
        first.update(&ds, &prepared, strip(), later).unwrap(),
        navigator(&ds, &prepared, strip(), later).unwrap(),
    ] {
        finite_inside(&n, "100k");
        let columns = (strip().w / COLUMN_W).ceil() as usize;
        assert!(n.bars.len() <= columns, "{} bars", n.bars.len());
        assert!(n.bars.len() > columns / 2);
        // decimated: at most first/min/max/last per pixel column
        let pts: usize = n.series.iter().map(|s| s.len()).sum();
        assert!(
            pts <= 4 * (strip().w as usize + 1 + n.series.len()),
            "{pts} points"
        );
        assert_eq!(n.series.len(), 11, "ten gaps break the line");
        // the pile-up in the 1950s is the tallest
        let tallest = n
            .bars
            .iter()
            .fold(&n.bars[0], |a, b| if b.h > a.h { b } else { a });
        let x = n.scale.x_to_t(tallest.x);
        assert!(x > t("1948") && x < t("1962"), "{tallest:?}");
        // the long span lights up its stretch
        let (a, b) = (n.scale.t_to_x(t("2121")), n.scale.t_to_x(t("2139")));
        let covered = n.bars.iter().filter(|r| r.x >= a && r.right() <= b).count();
        assert!(covered as f64 >= (b - a) / COLUMN_W - 2.0, "{covered}");
    }
}
