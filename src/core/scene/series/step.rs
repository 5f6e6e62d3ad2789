//! `step`: a step-after line. Each value holds until the next point's
//! time, where the line jumps to the next value; a gap (a null) ends the
//! line at its own time, and the line ends at the last point. Drawn as a
//! line is (`line::trace`: dense data decimated, dots when few), its lines
//! reshaped into holds and jumps. The crosshair reads the value in force
//! under the cursor — the last point at or before it, not the nearest —
//! marked on the line where the cursor is.

use super::line::trace;
use super::{Input, Kind, SeriesGeom};
use crate::core::data::time::{Ms, Precision};

pub struct Step;

impl Kind for Step {
    fn geometry(&self, input: &Input, out: &mut SeriesGeom) {
        let (strokes, dots) = trace(input, self);
        out.strokes = strokes;
        out.dots = dots;
    }

    /// Holds and jumps: before each point that moves both across and up or
    /// down, a corner at its x and the previous y; a line a gap cuts short
    /// holds its last value up to the gap.
    fn shape(&self, line: &mut Vec<(f64, f64)>, gap: Option<f64>) {
        if let (Some(xg), Some(&(x, y))) = (gap, line.last()) {
            if xg != x {
                line.push((xg, y));
            }
        }
        let mut held = Vec::with_capacity(line.len() * 2);
        for &(x, y) in line.iter() {
            if let Some(&(x0, y0)) = held.last() {
                if x0 != x && y0 != y {
                    held.push((x, y0));
                }
            }
            held.push((x, y));
        }
        *line = held;
    }

    fn reading(
        &self,
        t: &[Ms],
        v: &[f64],
        at: Ms,
        _precision: Option<Precision>,
    ) -> Option<(usize, Ms)> {
        let n = t.len().min(v.len());
        let i = t[..n].partition_point(|&x| x <= at).checked_sub(1)?;
        if !v[i].is_finite() {
            return None;
        }
        // On the line under the cursor while the value holds; past the last
        // point, where the line ends.
        Some((i, if i + 1 < t.len() { at } else { t[i] }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::data::lod::Pyramid;
    use crate::core::data::model::SeriesKind;
    use crate::core::scene::decimate::decimate;
    use crate::core::scene::rect::Rect;
    use crate::core::scene::series::kind;
    use crate::core::view::scale::{TimeScale, ValueScale, Window};

    /// The step geometry of points (`t` ms, `v`) in a 100 px plot over
    /// 0..1000 ms (10 ms a pixel), values 0..10 on y 100..0; decimated
    /// to pixel columns when `dense`.
    fn geom(t: &[Ms], v: &[f64], dense: bool, sparse: bool) -> SeriesGeom {
        let scale = TimeScale::new(Window::new(0.0, 1000.0).unwrap(), 0.0, 100.0);
        let value = ValueScale::new(0.0, 10.0, 100.0, 0.0);
        let column = move |t: Ms| scale.t_to_x(t).floor() as i64;
        let column: Option<&dyn Fn(Ms) -> i64> = if dense { Some(&column) } else { None };
        let runs = decimate(t, v, &Pyramid::new(v), (0, t.len()), column);
        let mut out = SeriesGeom::default();
        kind(SeriesKind::Step).geometry(
            &Input {
                t,
                v,
                runs: &runs,
                scale: &scale,
                value: &value,
                plot: Rect::new(0.0, 0.0, 100.0, 100.0),
                sparse,
                precision: None,
                min_gap: 200.0,
            },
            &mut out,
        );
        out
    }

    #[test]
    fn step_is_registered_under_its_name_on_a_free_axis() {
        assert_eq!(SeriesKind::from_name("step"), Some(SeriesKind::Step));
        assert_eq!(SeriesKind::Step.name(), "step");
        assert!(!kind(SeriesKind::Step).includes_zero());
    }

    #[test]
    fn each_value_holds_until_the_next_point_then_jumps() {
        // x 10, 30, 50; y 90, 70, 80
        let g = geom(&[100.0, 300.0, 500.0], &[1.0, 3.0, 2.0], false, true);
        assert_eq!(
            g.strokes,
            vec![vec![
                (10.0, 90.0),
                (30.0, 90.0),
                (30.0, 70.0),
                (50.0, 70.0),
                (50.0, 80.0)
            ]]
        );
        assert_eq!(g.dots, vec![(10.0, 90.0), (30.0, 70.0), (50.0, 80.0)]);
        assert!(g.fills.is_empty() && g.rects.is_empty());
        // an unchanged value is one straight run
        let g = geom(&[100.0, 300.0, 500.0], &[1.0, 1.0, 2.0], false, false);
        assert_eq!(
            g.strokes,
            vec![vec![(10.0, 90.0), (30.0, 90.0), (50.0, 90.0), (50.0, 80.0)]]
        );
        assert!(g.dots.is_empty(), "not sparse: no dots");
    }

    #[test]
    fn a_null_ends_the_line_at_its_time_and_starts_a_gap() {
        // x 10, 30, 50 (null), 70, 90 (null)
        let t = [100.0, 300.0, 500.0, 700.0, 900.0];
        let v = [1.0, 3.0, f64::NAN, 4.0, f64::NAN];
        let g = geom(&t, &v, false, false);
        assert_eq!(
            g.strokes,
            vec![
                vec![(10.0, 90.0), (30.0, 90.0), (30.0, 70.0), (50.0, 70.0)],
                // a lone point between nulls holds until the null
                vec![(70.0, 60.0), (90.0, 60.0)]
            ]
        );
        assert!(g.dots.is_empty());
        // nothing is drawn across the gap
        assert!(g
            .strokes
            .iter()
            .flatten()
            .all(|p| p.0 <= 50.0 || p.0 >= 70.0));
        // a null first draws nothing; the last point alone after a null is a dot
        let g = geom(
            &[100.0, 300.0, 500.0],
            &[f64::NAN, f64::NAN, 2.0],
            false,
            false,
        );
        assert!(g.strokes.is_empty());
        assert_eq!(g.dots, vec![(50.0, 80.0)]);
    }

    #[test]
    fn the_step_is_clipped_to_the_plot_holding_into_it_from_outside() {
        // a point before the window holds into it; the jump past the end is cut
        let g = geom(&[-500.0, 400.0, 1500.0], &[2.0, 6.0, 9.0], false, false);
        assert_eq!(
            g.strokes,
            vec![vec![(0.0, 80.0), (40.0, 80.0), (40.0, 40.0), (100.0, 40.0)]]
        );
    }

    #[test]
    fn dense_steps_keep_each_columns_extremes_and_break_at_nulls() {
        let n = 20_000;
        let t: Vec<Ms> = (0..n).map(|i| i as f64 * 1000.0 / n as f64).collect();
        let mut v: Vec<f64> = (0..n).map(|i| ((i * 7919) % 11) as f64 - 0.5).collect();
        v[10_050] = f64::NAN;
        let g = geom(&t, &v, true, false);
        assert_eq!(g.strokes.len(), 2, "the null breaks the line");
        let pts: usize = g.strokes.iter().map(Vec::len).sum();
        assert!(pts <= 5 * 101 + 4, "{pts} points for 100 columns");
        let y = |v: f64| 100.0 - v * 10.0;
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
            assert_eq!((lo, hi), (y(9.5), y(-0.5)), "column {x}");
        }
        // only horizontal and vertical pieces, left to right
        for line in &g.strokes {
            for w in line.windows(2) {
                assert!(w[0].0 == w[1].0 || w[0].1 == w[1].1, "{w:?}");
                assert!(w[1].0 >= w[0].0, "{w:?}");
            }
        }
    }

    #[test]
    fn the_reading_is_the_value_in_force_not_the_nearest() {
        let step = kind(SeriesKind::Step);
        let t = [100.0, 300.0, 500.0, 700.0];
        let v = [1.0, 3.0, f64::NAN, 4.0];
        let read = |at: Ms| step.reading(&t, &v, at, None);
        assert_eq!(read(50.0), None, "before the first point");
        assert_eq!(read(100.0), Some((0, 100.0)));
        // 290 is nearer 300, but 100's value is in force: marked under the cursor
        assert_eq!(read(290.0), Some((0, 290.0)));
        assert_eq!(read(300.0), Some((1, 300.0)));
        assert_eq!(read(499.0), Some((1, 499.0)));
        assert_eq!(read(500.0), None, "a null: no value in force");
        assert_eq!(read(650.0), None);
        // past the last point, marked where the line ends
        assert_eq!(read(900.0), Some((3, 700.0)));
        // the nearest point is what a line reads
        assert_eq!(
            kind(SeriesKind::Line).reading(&t, &v, 290.0, None),
            Some((1, 300.0))
        );
        assert_eq!(step.reading(&[], &[], 0.0, None), None);
        assert_eq!(step.reading(&t, &v[..1], 900.0, None), Some((0, 900.0)));
    }

    #[test]
    fn lines_are_shaped_into_holds_and_jumps_in_the_overview_too() {
        let step = kind(SeriesKind::Step);
        let mut line = vec![(0.0, 10.0), (5.0, 20.0), (5.0, 30.0), (9.0, 30.0)];
        step.shape(&mut line, None);
        assert_eq!(
            line,
            vec![
                (0.0, 10.0),
                (5.0, 10.0),
                (5.0, 20.0),
                (5.0, 30.0),
                (9.0, 30.0)
            ]
        );
        // cut short by a gap: the last value holds up to it
        let mut line = vec![(0.0, 10.0), (5.0, 20.0)];
        step.shape(&mut line, Some(8.0));
        assert_eq!(
            line,
            vec![(0.0, 10.0), (5.0, 10.0), (5.0, 20.0), (8.0, 20.0)]
        );
        let mut lone = vec![(3.0, 10.0)];
        step.shape(&mut lone, Some(3.0));
        assert_eq!(lone, vec![(3.0, 10.0)], "a gap at the same x adds nothing");
        // other kinds leave lines as they are
        let mut same = vec![(0.0, 10.0), (5.0, 20.0)];
        kind(SeriesKind::Line).shape(&mut same, Some(8.0));
        assert_eq!(same, vec![(0.0, 10.0), (5.0, 20.0)]);

        // the overview strip's miniature of a step series
        let ds = crate::core::formats::dataset::parse_dataset(
            r#"{"series":[{"id":"s","kind":"step","points":[["2000",1],["2001",3],["2002",null],["2003",2]]}]}"#,
        )
        .unwrap()
        .dataset;
        let prepared = crate::core::scene::Prepared::new(&ds);
        let strip = Rect::new(0.0, 0.0, 400.0, 40.0);
        let nav = crate::core::scene::navigator::navigator(
            &ds,
            &prepared,
            strip,
            Window::new(0.0, 1.0).unwrap(),
        )
        .unwrap();
        assert_eq!(nav.series.len(), 2, "broken at the null");
        for line in &nav.series {
            assert!(
                line.windows(2)
                    .all(|w| w[0].0 == w[1].0 || w[0].1 == w[1].1),
                "{line:?}"
            );
        }
        assert_eq!(nav.series[0].len(), 4, "hold, jump, hold up to the null");
    }
}
