//! The one decimation of a series, for its pane and for the overview strip
//! alike: the points in view become [`Run`]s, each a single point or, when
//! the points are dense, the first, least, greatest and last value of a
//! pixel column's points, found through the series' level-of-detail
//! [`Pyramid`] (a column of a thousand points costs a few dozen steps).
//! A gap (a point without a value) is a run of its own, so whatever is
//! drawn from the runs breaks there.

use crate::core::data::lod::{greater, lesser, walk, Pyramid, Step};
use crate::core::data::time::Ms;

/// A stretch of a series, in time order (see [`decimate`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Run {
    /// Points `first..=last`, all with a value, `min` and `max` the least
    /// and greatest of them. Decimated: the points of pixel column `col`
    /// (Some) since the last gap. Otherwise one point (`first == last`).
    Points {
        col: Option<i64>,
        first: usize,
        last: usize,
        min: f64,
        max: f64,
    },
    /// Point `i` has no value: the series breaks there.
    Gap(usize),
}

/// Points `lo..hi` of a series (times `t`, ascending; values `v`, NaN for
/// a gap; `pyramid` built from `v`, or empty) as runs. With `column` (the
/// pixel column of a time, never decreasing as time grows) the points are
/// decimated to one run per column and stretch between gaps; without it
/// each point is a run.
pub fn decimate(
    t: &[Ms],
    v: &[f64],
    pyramid: &Pyramid,
    (lo, hi): (usize, usize),
    column: Option<&dyn Fn(Ms) -> i64>,
) -> Vec<Run> {
    let hi = hi.min(t.len()).min(v.len());
    let mut out = Vec::new();
    let Some(column) = column else {
        for (i, &x) in v.iter().enumerate().take(hi).skip(lo) {
            out.push(if x.is_finite() {
                Run::Points {
                    col: None,
                    first: i,
                    last: i,
                    min: x,
                    max: x,
                }
            } else {
                Run::Gap(i)
            });
        }
        return out;
    };
    let mut open: Option<Run> = None;
    walk(t, pyramid, lo, hi, column, |c, step| {
        let (first, last, lo_v, hi_v) = match step {
            Step::Point(i) if !v[i].is_finite() => {
                out.extend(open.take());
                out.push(Run::Gap(i));
                return;
            }
            Step::Point(i) => (i, i, v[i], v[i]),
            Step::Block {
                first,
                last,
                min,
                max,
            } => (first, last, min, max),
        };
        match &mut open {
            Some(Run::Points {
                col: Some(cc),
                last: end,
                min,
                max,
                ..
            }) if *cc == c => {
                *min = lesser(*min, lo_v);
                *max = greater(*max, hi_v);
                *end = last;
            }
            _ => {
                out.extend(open.take());
                open = Some(Run::Points {
                    col: Some(c),
                    first,
                    last,
                    min: lo_v,
                    max: hi_v,
                });
            }
        }
    });
    out.extend(open);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(runs: &[Run]) -> Vec<(Option<i64>, usize, usize, f64, f64)> {
        runs.iter()
            .filter_map(|r| match *r {
                Run::Points {
                    col,
                    first,
                    last,
                    min,
                    max,
                } => Some((col, first, last, min, max)),
                Run::Gap(_) => None,
            })
            .collect()
    }

    #[test]
    fn sparse_points_are_one_run_each_and_gaps_their_own() {
        let t = [0.0, 1.0, 2.0, 3.0];
        let v = [5.0, f64::NAN, 7.0, 8.0];
        let runs = decimate(&t, &v, &Pyramid::new(&v), (0, 4), None);
        assert_eq!(runs.len(), 4);
        assert_eq!(runs[1], Run::Gap(1));
        assert_eq!(
            points(&runs),
            vec![
                (None, 0, 0, 5.0, 5.0),
                (None, 2, 2, 7.0, 7.0),
                (None, 3, 3, 8.0, 8.0)
            ]
        );
        // a range past the data is cut to it
        assert_eq!(
            decimate(&t, &v[..3], &Pyramid::default(), (1, 9), None).len(),
            2
        );
    }

    #[test]
    fn dense_points_keep_each_columns_extremes_and_break_at_gaps() {
        // 10,000 points, 100 a column; a gap at 5,050 (in column 50)
        let n = 10_000;
        let t: Vec<Ms> = (0..n).map(|i| i as f64).collect();
        let mut v: Vec<f64> = (0..n).map(|i| ((i * 37) % 101) as f64).collect();
        v[5_050] = f64::NAN;
        let column = |t: Ms| (t / 100.0).floor() as i64;
        for pyramid in [Pyramid::new(&v), Pyramid::default()] {
            let runs = decimate(&t, &v, &pyramid, (0, n), Some(&column));
            let gaps: Vec<&Run> = runs.iter().filter(|r| matches!(r, Run::Gap(_))).collect();
            assert_eq!(gaps, vec![&Run::Gap(5_050)]);
            let pts = points(&runs);
            // 100 columns, the one with the gap in two runs
            assert_eq!(pts.len(), 101);
            for &(col, first, last, min, max) in &pts {
                let c = col.expect("decimated");
                assert!(column(t[first]) == c && column(t[last]) == c);
                let vals: Vec<f64> = v[first..=last]
                    .iter()
                    .copied()
                    .filter(|x| x.is_finite())
                    .collect();
                let lo = vals.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                assert_eq!((min, max), (lo, hi), "column {c}");
            }
            // runs cover every point in order
            assert_eq!(pts[0].1, 0);
            assert_eq!(pts[pts.len() - 1].2, n - 1);
            assert!(pts
                .windows(2)
                .all(|w| w[1].1 == w[0].2 + 1 || w[1].1 == w[0].2 + 2));
        }
    }
}
