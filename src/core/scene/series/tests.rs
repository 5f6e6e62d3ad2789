//! The kinds' geometry from hand-made runs, natively: what each kind makes
//! of sparse points, gaps and decimated dense data, and the registry.
use super::*;
use crate::core::data::lod::Pyramid;
use crate::core::scene::decimate::decimate;
use crate::core::view::scale::Window;

/// A series in a 100 px plot (x 0..100, y 0..100) over the times 0..1000
/// ms (10 ms a pixel), values 0..10 mapped to y 100..0.
struct Case {
    t: Vec<Ms>,
    v: Vec<f64>,
    scale: TimeScale,
    value: ValueScale,
    plot: Rect,
    precision: Option<Precision>,
}

impl Case {
    fn new(t: Vec<Ms>, v: Vec<f64>) -> Case {
        Case {
            t,
            v,
            scale: TimeScale::new(Window::new(0.0, 1000.0).unwrap(), 0.0, 100.0),
            value: ValueScale::new(0.0, 10.0, 100.0, 0.0),
            plot: Rect::new(0.0, 0.0, 100.0, 100.0),
            precision: None,
        }
    }

    /// The geometry of `kind`, the points decimated when `dense`.
    fn geom(&self, kind: &dyn Kind, dense: bool, sparse: bool) -> SeriesGeom {
        let scale = self.scale;
        let column = move |t: Ms| scale.t_to_x(t).floor() as i64;
        let column: Option<&dyn Fn(Ms) -> i64> = if dense { Some(&column) } else { None };
        let pyramid = Pyramid::new(&self.v);
        let runs = decimate(&self.t, &self.v, &pyramid, (0, self.t.len()), column);
        let min_gap = self
            .t
            .windows(2)
            .map(|w| w[1] - w[0])
            .filter(|d| *d > 0.0)
            .fold(f64::INFINITY, f64::min);
        let mut out = SeriesGeom::default();
        kind.geometry(
            &Input {
                t: &self.t,
                v: &self.v,
                runs: &runs,
                scale: &self.scale,
                value: &self.value,
                plot: self.plot,
                sparse,
                precision: self.precision,
                min_gap,
            },
            &mut out,
        );
        out
    }
}

/// Five points 200 ms apart (x 10, 30, 50, 70, 90), a gap at the third.
fn five_with_a_gap() -> Case {
    Case::new(
        vec![100.0, 300.0, 500.0, 700.0, 900.0],
        vec![1.0, 2.0, f64::NAN, 4.0, 5.0],
    )
}

/// `n` points over the whole window with a value pattern, a gap at `gap`.
fn dense(n: usize, gap: usize) -> Case {
    let t = (0..n).map(|i| i as f64 * 1000.0 / n as f64).collect();
    let mut v: Vec<f64> = (0..n).map(|i| ((i * 7919) % 11) as f64 - 0.5).collect();
    v[gap] = f64::NAN;
    Case::new(t, v)
}

fn line_kind() -> &'static dyn Kind {
    kind(SeriesKind::Line)
}
fn area_kind() -> &'static dyn Kind {
    kind(SeriesKind::Area)
}
fn bar_kind() -> &'static dyn Kind {
    kind(SeriesKind::Bar)
}

#[test]
fn the_registry_has_every_kind_and_knows_which_stand_on_zero() {
    for k in SeriesKind::ALL {
        assert_eq!(SeriesKind::from_name(k.name()), Some(k));
        let stands_on_zero = matches!(k.name(), "area" | "bar");
        assert_eq!(kind(k).includes_zero(), stands_on_zero, "{k:?}");
    }
    assert_eq!(SeriesKind::default(), SeriesKind::Line);
    assert_eq!(SeriesKind::from_name("pie"), None);
    assert_eq!(SeriesKind::from_name("Line"), None, "names are exact");
}

#[test]
fn a_line_joins_the_points_breaks_at_gaps_and_dots_them_when_sparse() {
    let c = five_with_a_gap();
    let g = c.geom(line_kind(), false, true);
    assert_eq!(
        g.strokes,
        vec![
            vec![(10.0, 90.0), (30.0, 80.0)],
            vec![(70.0, 60.0), (90.0, 50.0)]
        ]
    );
    assert_eq!(g.dots.len(), 4, "a dot at each point with a value");
    assert!(g.fills.is_empty() && g.rects.is_empty());

    // not sparse: no dots but at a lone point between gaps
    let mut c = five_with_a_gap();
    c.v[3] = f64::NAN; // 4 is now alone (and 5 too, after it)
    c.v[4] = f64::NAN;
    let g = c.geom(line_kind(), false, false);
    assert_eq!(g.strokes, vec![vec![(10.0, 90.0), (30.0, 80.0)]]);
    assert!(g.dots.is_empty(), "a gap at the end leaves nothing alone");
    c.v[4] = 5.0;
    c.v[0] = f64::NAN;
    let g = c.geom(line_kind(), false, false);
    assert!(g.strokes.is_empty());
    assert_eq!(
        g.dots,
        vec![(90.0, 50.0)],
        "the last point, alone after a gap"
    );
}

#[test]
fn a_line_is_clipped_to_the_plot() {
    let mut c = Case::new(vec![-500.0, 500.0, 1500.0], vec![0.0, 10.0, 0.0]);
    c.plot = Rect::new(0.0, 0.0, 100.0, 100.0);
    let g = c.geom(line_kind(), false, false);
    assert_eq!(
        g.strokes,
        vec![vec![(0.0, 50.0), (50.0, 0.0), (100.0, 50.0)]]
    );
}

#[test]
fn a_dense_line_keeps_each_columns_extremes_and_breaks_at_gaps() {
    let c = dense(20_000, 10_050);
    let g = c.geom(line_kind(), true, false);
    assert_eq!(g.strokes.len(), 2, "the gap breaks the line");
    let pts: usize = g.strokes.iter().map(Vec::len).sum();
    assert!(pts <= 4 * 101 + 4, "{pts} points for 100 columns");
    // every column reaches the extremes of the pattern (-0.5 and 9.5)
    for x in 0..100 {
        let ys: Vec<f64> = g
            .strokes
            .iter()
            .flatten()
            .filter(|p| p.0 == x as f64)
            .map(|p| p.1)
            .collect();
        let lo = ys.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        assert_eq!(
            (lo, hi),
            (c.value.v_to_y(9.5), c.value.v_to_y(-0.5)),
            "x {x}"
        );
    }
}

#[test]
fn an_area_is_the_line_filled_down_to_zero() {
    let c = five_with_a_gap();
    let line = c.geom(line_kind(), false, true);
    let area = c.geom(area_kind(), false, true);
    assert_eq!(area.strokes, line.strokes);
    assert_eq!(area.dots, line.dots);
    assert!(area.rects.is_empty());
    assert_eq!(
        area.fills,
        vec![
            vec![(10.0, 100.0), (10.0, 90.0), (30.0, 80.0), (30.0, 100.0)],
            vec![(70.0, 100.0), (70.0, 60.0), (90.0, 50.0), (90.0, 100.0)]
        ]
    );
    // zero inside the axis: the fill closes at its y
    let mut c = five_with_a_gap();
    c.value = ValueScale::new(-10.0, 10.0, 100.0, 0.0);
    let area = c.geom(area_kind(), false, true);
    assert!(area
        .fills
        .iter()
        .all(|p| p[0].1 == 50.0 && p[p.len() - 1].1 == 50.0));
    // dense: one fill per stretch between gaps
    let area = dense(20_000, 10_050).geom(area_kind(), true, false);
    assert_eq!(area.fills.len(), 2);
}

#[test]
fn bars_stand_on_zero_as_wide_as_their_period_less_the_insets() {
    // a bar a point, from zero, 15 % inset each side of the smallest gap
    let c = five_with_a_gap();
    let g = c.geom(bar_kind(), false, true);
    assert!(g.strokes.is_empty() && g.fills.is_empty() && g.dots.is_empty());
    assert_eq!(g.rects.len(), 4, "no bar at the gap");
    let r = g.rects[0];
    assert!(
        (r.x - 13.0).abs() < 1e-9 && (r.w - 14.0).abs() < 1e-9,
        "{r:?}"
    );
    assert_eq!((r.y, r.bottom()), (90.0, 100.0));
    // below zero the bar hangs from it
    let mut c = five_with_a_gap();
    c.value = ValueScale::new(-10.0, 10.0, 100.0, 0.0);
    c.v[0] = -4.0;
    let r = c.geom(bar_kind(), false, true).rects[0];
    assert_eq!((r.y, r.bottom()), (50.0, 70.0));

    // a shared precision sets the width: a year's bar is a year wide
    let year = crate::core::data::time::MS_PER_YEAR;
    let mut c = Case::new(vec![0.0, 2.0 * 365.0 * 86_400_000.0], vec![3.0, 4.0]);
    c.scale = TimeScale::new(Window::new(0.0, 4.0 * year).unwrap(), 0.0, 400.0);
    c.plot = Rect::new(0.0, 0.0, 400.0, 100.0);
    c.precision = Some(Precision::Year);
    let g = c.geom(bar_kind(), false, true);
    let px_per_year = 400.0 / 4.0;
    assert!(g
        .rects
        .iter()
        .all(|r| (r.w - 0.7 * px_per_year).abs() < 1.0));
    // and the bar is read and labelled at its middle
    let mid = bar_kind().anchor(0.0, c.precision);
    assert!((c.scale.t_to_x(mid) - 50.0).abs() < 0.5, "{mid}");
    assert_eq!(line_kind().anchor(0.0, c.precision), 0.0);
}

#[test]
fn dense_bars_are_one_a_column_to_the_columns_extremes() {
    let c = dense(20_000, 10_050);
    let g = c.geom(bar_kind(), true, false);
    // one a column: the gap does not split its column
    assert_eq!(g.rects.len(), 100);
    for (i, r) in g.rects.iter().enumerate() {
        assert_eq!((r.x, r.w), (i as f64, 1.0));
        // from the lowest value (below zero) to the highest
        let (top, bottom) = (c.value.v_to_y(9.5), c.value.v_to_y(-0.5));
        assert_eq!((r.y, r.bottom()), (top, bottom));
    }
}

#[test]
fn the_default_reading_is_the_nearest_point_with_a_value() {
    let c = five_with_a_gap();
    let read = |at: Ms| line_kind().reading(&c.t, &c.v, at, None);
    assert_eq!(read(0.0), Some((0, 100.0)));
    assert_eq!(read(190.0), Some((0, 100.0)));
    assert_eq!(read(210.0), Some((1, 300.0)));
    // the gap is skipped: the nearest with a value
    assert_eq!(read(480.0), Some((1, 300.0)));
    assert_eq!(read(520.0), Some((3, 700.0)));
    assert_eq!(read(5000.0), Some((4, 900.0)));
    assert_eq!(line_kind().reading(&[], &[], 0.0, None), None);
    // values shorter than times: never past them
    assert_eq!(
        line_kind().reading(&c.t, &c.v[..2], 900.0, None),
        Some((1, 300.0))
    );
}
