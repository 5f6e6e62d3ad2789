//! Series kinds as a seam: each kind is one module here that turns the
//! runs of a series in view (culled to the window and decimated by
//! [`decimate`](super::decimate)) into generic geometry — fills, rectangles,
//! strokes, dots ([`SeriesGeom`]) — and says whether its value axis
//! includes zero, where a point is read and what the crosshair reads. The
//! painter, the crosshair, the overview strip and the exports work from
//! [`Kind`] and [`SeriesGeom`] only; [`kind`] is the registry, the one place
//! that maps a [`SeriesKind`] (the name in a dataset) to its module.

mod area;
mod bar;
mod line;
mod step;

use super::decimate::Run;
use super::rect::Rect;
use crate::core::data::model::SeriesKind;
use crate::core::data::time::{Ms, Precision};
use crate::core::view::scale::{TimeScale, ValueScale};

/// The drawing of kind `k`: the registry.
pub fn kind(k: SeriesKind) -> &'static dyn Kind {
    match k {
        SeriesKind::Line => &line::Line,
        SeriesKind::Area => &area::Area,
        SeriesKind::Bar => &bar::Bar,
        SeriesKind::Step => &step::Step,
    }
}

/// A series' picture in its pane, in CSS px: the generic geometry every
/// kind makes, painted in this order in the series' colour by a painter
/// that does not know the kind.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SeriesGeom {
    /// Filled polygons, translucent (an area under a line).
    pub fills: Vec<Vec<(f64, f64)>>,
    /// Filled rectangles (bars).
    pub rects: Vec<Rect>,
    /// Polylines, broken at gaps.
    pub strokes: Vec<Vec<(f64, f64)>>,
    /// Dots at points: each point when they are few, a lone point between gaps.
    pub dots: Vec<(f64, f64)>,
}

/// What a kind draws from.
pub struct Input<'a> {
    /// The series' times (ascending) and values (NaN for a gap), whole:
    /// the runs index into them.
    pub t: &'a [Ms],
    pub v: &'a [f64],
    /// The points in view, one beyond each edge of the window, as runs.
    pub runs: &'a [Run],
    pub scale: &'a TimeScale,
    pub value: &'a ValueScale,
    /// The plotting area; geometry stays inside it horizontally.
    pub plot: Rect,
    /// Few points in view: mark each one.
    pub sparse: bool,
    /// The precision all points share, if they share one.
    pub precision: Option<Precision>,
    /// The smallest positive gap between two of the series' times.
    pub min_gap: f64,
}

/// A series kind. Every method but [`Kind::geometry`] has a default.
pub trait Kind: Sync {
    /// Whether the value axis reaches zero (the kind stands on it).
    fn includes_zero(&self) -> bool {
        false
    }

    /// How many points in view a pixel column may hold on average before
    /// the points are decimated.
    fn per_column(&self) -> usize {
        2
    }

    /// The series' picture from its runs, in CSS px, added to `out`.
    fn geometry(&self, input: &Input, out: &mut SeriesGeom);

    /// Where a point at `t` is read and its value written (by default at
    /// its time).
    fn anchor(&self, t: Ms, precision: Option<Precision>) -> Ms {
        let _ = precision;
        t
    }

    /// What the crosshair reads at time `at`: the index of a point with a
    /// value, and the time where the reading is marked. By default the
    /// point nearest to `at`, marked at its [`Kind::anchor`].
    fn reading(
        &self,
        t: &[Ms],
        v: &[f64],
        at: Ms,
        precision: Option<Precision>,
    ) -> Option<(usize, Ms)> {
        let i = nearest_point(t, v, at)?;
        Some((i, self.anchor(t[i], precision)))
    }

    /// Reshapes a line of points joined in order, in CSS px — in the pane
    /// before it is clipped, and in the overview strip's miniature. `gap`
    /// is the x of the gap that cuts the line short, if one does. By
    /// default the line stays as it is.
    fn shape(&self, line: &mut Vec<(f64, f64)>, gap: Option<f64>) {
        let _ = (line, gap);
    }
}

/// The index of the point of `t` nearest to `at` with a finite value
/// (looking at most 64 points either way).
pub fn nearest_point(t: &[Ms], v: &[f64], at: Ms) -> Option<usize> {
    let n = t.len().min(v.len());
    let k = t[..n].partition_point(|&x| x < at);
    let left = (0..k).rev().take(64).find(|&i| v[i].is_finite());
    let right = (k..n).take(64).find(|&i| v[i].is_finite());
    match (left, right) {
        (Some(l), Some(r)) => Some(if at - t[l] <= t[r] - at { l } else { r }),
        (l, r) => l.or(r),
    }
}

/// Polylines broken at gaps, in CSS px.
pub type Lines = Vec<Vec<(f64, f64)>>;

/// Ends the polyline being drawn: kept when it has two points or more.
pub(super) fn end_line(current: &mut Vec<(f64, f64)>, lines: &mut Lines) {
    if current.len() > 1 {
        lines.push(std::mem::take(current));
    } else {
        current.clear();
    }
}

/// Clips polylines to the plot's width.
pub(super) fn clip_all(lines: Lines, plot: &Rect) -> Lines {
    lines
        .into_iter()
        .flat_map(|s| clip_polyline(&s, plot.x, plot.right()))
        .collect()
}

/// Clips a polyline to `x0 <= x <= x1`, interpolating at the edges.
pub fn clip_polyline(pts: &[(f64, f64)], x0: f64, x1: f64) -> Lines {
    let mut out = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    let inside = |p: (f64, f64)| p.0 >= x0 && p.0 <= x1;
    let lerp = |a: (f64, f64), b: (f64, f64), x: f64| {
        let f = if b.0 != a.0 {
            (x - a.0) / (b.0 - a.0)
        } else {
            0.0
        };
        (x, a.1 + (b.1 - a.1) * f)
    };
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if (a.0 < x0 && b.0 < x0) || (a.0 > x1 && b.0 > x1) {
            if cur.len() > 1 {
                out.push(std::mem::take(&mut cur));
            }
            cur.clear();
            continue;
        }
        let a2 = if inside(a) {
            a
        } else if a.0 < x0 {
            lerp(a, b, x0)
        } else {
            lerp(a, b, x1)
        };
        let b2 = if inside(b) {
            b
        } else if b.0 > x1 {
            lerp(a, b, x1)
        } else {
            lerp(a, b, x0)
        };
        if cur.last() != Some(&a2) {
            if cur.len() > 1 {
                out.push(std::mem::take(&mut cur));
            }
            cur.clear();
            cur.push(a2);
        }
        cur.push(b2);
        if !inside(b) {
            if cur.len() > 1 {
                out.push(std::mem::take(&mut cur));
            }
            cur.clear();
        }
    }
    if cur.len() > 1 {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests;
