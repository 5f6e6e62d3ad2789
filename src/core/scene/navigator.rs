//! The navigator strip: a thin overview of the whole dataset under the
//! timeline — event density and the first indicator series in miniature —
//! with the current view window as a brush the reader drags and resizes.
//!
//! Everything here is decided per frame, so nothing walks all events: event
//! starts are counted per column by binary search over `Dataset::events`
//! (sorted by start), and the series goes through the decimation the panes
//! use (`decimate`): each pixel column's first/min/max/last value.
//!
//! Spans count in every column they cover. Finding them needs a look at the
//! events themselves, so that look is bounded: with up to
//! [`SPAN_SCAN_BUDGET`] events in the overview every span is found exactly;
//! beyond that each column looks at an even sample of its events, each
//! sampled span standing for its share of the column (so the picture of
//! dense data stays right on average, though a lone span inside a dense
//! column may be missed in the columns it runs on into).

use crate::core::data::lod::Pyramid;
use crate::core::data::model::Dataset;
use crate::core::data::time::{fit_span, Ms, Precision};
use crate::core::scene::decimate::{decimate, Run};
use crate::core::scene::series;
use crate::core::scene::{Prepared, Rect};
use crate::core::view::scale::{TimeScale, ValueScale, Window};

/// Width of one density column, CSS px.
pub const COLUMN_W: f64 = 2.0;
/// Narrowest brush, CSS px (and the least distance kept between its edges
/// while resizing).
pub const MIN_BRUSH_W: f64 = 8.0;
/// How close to a brush edge a mouse pointer grabs it, CSS px: a 24 px
/// wide target (WCAG 2.5.8), as wide as the edge's DOM handle.
pub const EDGE_GRAB: f64 = 12.0;
/// How close to a brush edge a finger grabs it, CSS px: a 44 px target.
pub const EDGE_GRAB_TOUCH: f64 = 22.0;
/// Margin on each side of the data in the overview, as a fraction of its extent.
pub const MARGIN: f64 = 0.02;
/// The lowest density bar, CSS px.
pub const MIN_BAR_H: f64 = 2.0;
/// The share of the strip's height (from the bottom) the series is drawn in.
pub const SERIES_SHARE: f64 = 0.7;
/// How many events one frame may look at to find spans.
pub const SPAN_SCAN_BUDGET: usize = 8192;
/// More columns than this (a strip over 32 000 px wide) widen the columns instead.
const MAX_COLUMNS: usize = 16_384;

/// How much wider than the view a strip laid out past the data is, on each
/// side, as a share of the view's width (see [`Navigator::update`]).
pub const PAN_SLACK: f64 = 0.25;
/// A kept strip is at most this many times as wide as the view needs.
pub const MAX_SLACK: f64 = 2.0;

/// The overview's layout, in CSS px.
#[derive(Clone, Debug, PartialEq)]
pub struct Navigator {
    /// The strip.
    pub rect: Rect,
    /// The whole overview range → `rect.x .. rect.right()`.
    pub scale: TimeScale,
    /// Event density: one bar per 2-px column holding at least one event
    /// start or covered by a span, standing on the strip's bottom; height ∝
    /// √(count / max), at least [`MIN_BAR_H`] so a single event shows.
    pub bars: Vec<Rect>,
    /// The first series as polylines (broken at gaps; a lone point between
    /// gaps is a one-point line), decimated to first/min/max/last per pixel
    /// column, in the lower [`SERIES_SHARE`] of the strip.
    pub series: Vec<Vec<(f64, f64)>>,
    /// The view window mapped into the strip, clamped to it, at least
    /// [`MIN_BRUSH_W`] wide (centred on the window when narrower); full height.
    pub brush: Rect,
}

/// What a pointer grabs in the navigator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NavGrab {
    /// The brush's left edge (resizes the view's start).
    Left,
    /// The brush's right edge (resizes the view's end).
    Right,
    /// The brush itself (moves the view).
    Body,
    /// The strip outside the brush (a click centres the view there).
    Outside,
}

/// The range the overview shows: the dataset extent (events, eras, series,
/// as [`Dataset::extent`]) with [`MARGIN`] each side, widened to include
/// `view` when the view reaches outside it (so the brush is always inside
/// the strip). `None` for a dataset with no extent. An invalid `view` (not
/// finite) is ignored; a view so far from the data that both do not fit in
/// the widest window ([`MAX_SPAN`](crate::core::data::time::MAX_SPAN)) is shown alone.
pub fn overview_range(ds: &Dataset, view: Window) -> Option<Window> {
    range_around(ds.extent(), ds.finest_precision(), view)
}

/// The data's own range in the strip (its extent with a margin).
fn data_range(extent: Option<(Ms, Ms)>, finest: Option<Precision>) -> Option<Window> {
    let (lo, hi) = extent?;
    // A dataset that is a single instant gets a little more than the period
    // its finest time states.
    let min_width = if hi > lo {
        crate::core::data::time::MIN_SPAN
    } else {
        fit_span(finest)
    };
    Window::fit(lo, hi, MARGIN, min_width)
}

/// [`overview_range`] for a dataset whose extent is known.
fn range_around(
    extent: Option<(Ms, Ms)>,
    finest: Option<Precision>,
    view: Window,
) -> Option<Window> {
    let data = data_range(extent, finest)?;
    let Some(view) = Window::new(view.start, view.end) else {
        return Some(data);
    };
    if view.start >= data.start && view.end <= data.end {
        return Some(data);
    }
    match Window::new(data.start.min(view.start), data.end.max(view.end)) {
        // Both together can be wider than the widest window: the view wins.
        Some(both) if covers(both, view) => Some(both),
        _ => Some(view),
    }
}

/// Whether `outer` holds `inner` (but for rounding).
fn covers(outer: Window, inner: Window) -> bool {
    let tol = outer.span() * 1e-9;
    outer.start <= inner.start + tol && outer.end >= inner.end - tol
}

/// Lays out the navigator strip `rect` for a view window, over
/// [`overview_range`] (with the extent from `prepared`). `None` when there is nothing to show: a dataset
/// without extent, a strip with no area or with non-finite coordinates, or
/// an invalid view.
pub fn navigator(ds: &Dataset, prepared: &Prepared, rect: Rect, view: Window) -> Option<Navigator> {
    let finite = [rect.x, rect.y, rect.w, rect.h]
        .iter()
        .all(|v| v.is_finite() && v.abs() < 1e7);
    if !finite || rect.w <= 0.0 || rect.h <= 0.0 {
        return None;
    }
    let view = Window::new(view.start, view.end)?;
    let range = range_around(prepared.extent, prepared.finest, view)?;
    let scale = TimeScale::new(range, rect.x, rect.right());
    let bars = density(ds, &scale, &rect);
    let series = series_line(ds, prepared, &scale, &rect);
    let brush = brush_rect(&scale, &rect, view);
    Some(Navigator {
        rect,
        scale,
        bars,
        series,
        brush,
    })
}

/// The view window as a brush in the strip.
fn brush_rect(scale: &TimeScale, rect: &Rect, view: Window) -> Rect {
    let (left, right) = (rect.x, rect.right());
    let a = scale.t_to_x(view.start);
    let b = scale.t_to_x(view.end);
    let (a, b) = (
        if a.is_finite() { a } else { left },
        if b.is_finite() { b } else { right },
    );
    let (mut x0, mut x1) = (between(a, left, right), between(b, left, right));
    let min_w = MIN_BRUSH_W.min(rect.w);
    if x1 - x0 < min_w {
        let half = min_w / 2.0;
        let c = between(a / 2.0 + b / 2.0, left + half, right - half);
        x0 = c - half;
        x1 = c + half;
    }
    Rect::new(x0, rect.y, x1 - x0, rect.h)
}

/// `v` limited to `[lo, hi]` without `f64::clamp`'s panic when rounding
/// puts `lo` a hair above `hi` (then `hi` wins); NaN gives `lo`.
fn between(v: f64, lo: f64, hi: f64) -> f64 {
    v.max(lo).min(hi)
}

/// Event density bars: starts counted per column by binary search, spans
/// added to every column they run on into.
fn density(ds: &Dataset, scale: &TimeScale, rect: &Rect) -> Vec<Rect> {
    let events = &ds.events;
    if events.is_empty() {
        return Vec::new();
    }
    let col_w = COLUMN_W.max(rect.w / MAX_COLUMNS as f64);
    let cols = ((rect.w / col_w).ceil() as usize).clamp(1, MAX_COLUMNS);
    // bounds[i]: the first event starting at or after column i's left edge;
    // the last bound takes events up to the overview's end inclusive.
    let mut bounds = Vec::with_capacity(cols + 1);
    for i in 0..cols {
        let t = scale.x_to_t(rect.x + i as f64 * col_w);
        bounds.push(events.partition_point(|e| e.start.ms < t));
    }
    let end = scale.window.end;
    bounds.push(events.partition_point(|e| e.start.ms <= end));
    // monotone even if rounding made two edges swap
    for i in 1..bounds.len() {
        bounds[i] = bounds[i].max(bounds[i - 1]);
    }
    let mut counts: Vec<f64> = bounds.windows(2).map(|w| (w[1] - w[0]) as f64).collect();

    // Spans: +1 from the column after their start through the column of
    // their end. Within the budget every event is looked at; beyond it each
    // column looks at an even sample of its events, each standing for its
    // share of the column.
    let column_of = |t: Ms| -> usize {
        let c = ((scale.t_to_x(t) - rect.x) / col_w).floor();
        if c.is_nan() || c < 0.0 {
            0
        } else {
            (c as usize).min(cols - 1)
        }
    };
    let in_overview = bounds[cols] - bounds[0];
    let per_column = if in_overview <= SPAN_SCAN_BUDGET {
        usize::MAX
    } else {
        (SPAN_SCAN_BUDGET / cols).max(1)
    };
    let mut diff = vec![0.0f64; cols + 1];
    for c in 0..cols {
        let (a, k) = (bounds[c], bounds[c + 1] - bounds[c]);
        let take = k.min(per_column);
        if take == 0 {
            continue;
        }
        let weight = k as f64 / take as f64;
        for j in 0..take {
            // u64: j × k can pass u32 on wasm32
            let i = a + (j as u64 * k as u64 / take as u64) as usize;
            let e = &events[i];
            if !e.is_span() {
                continue;
            }
            let last = column_of(e.end_ms());
            if last > c {
                diff[c + 1] += weight;
                diff[last + 1] -= weight;
            }
        }
    }
    let mut running = 0.0;
    for (c, n) in counts.iter_mut().enumerate() {
        running += diff[c];
        // rounding of the weights must not leave a ghost bar
        if running > 1e-6 {
            *n += running;
        }
    }

    let max = counts.iter().copied().fold(0.0, f64::max);
    if max <= 0.0 {
        return Vec::new();
    }
    let full = (rect.h - 1.0).max(rect.h.min(MIN_BAR_H));
    let min_h = MIN_BAR_H.min(rect.h);
    counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0.0)
        .map(|(c, n)| {
            let h = between((n / max).sqrt() * full, min_h, rect.h);
            let x = rect.x + c as f64 * col_w;
            let w = col_w.min(rect.right() - x).max(0.0);
            Rect::new(x, rect.bottom() - h, w, h)
        })
        .collect()
}

/// The first series in miniature: its points through the shared
/// decimation (per pixel column its first, lowest, highest and last value,
/// drawn as a vertical run at the column's centre, when there are many),
/// each line shaped by its kind ([`series::Kind::shape`]).
fn series_line(
    ds: &Dataset,
    prepared: &Prepared,
    scale: &TimeScale,
    rect: &Rect,
) -> Vec<Vec<(f64, f64)>> {
    let Some(s) = ds.series.first() else {
        return Vec::new();
    };
    let Some((mut lo, mut hi)) = prepared.series.first().and_then(|p| p.0) else {
        return Vec::new();
    };
    if !lo.is_finite() || !hi.is_finite() {
        return Vec::new();
    }
    let kind = series::kind(s.kind);
    if kind.includes_zero() {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if hi <= lo {
        // a flat series sits in the middle of its band
        lo -= 1.0;
        hi += 1.0;
    }
    let bottom = rect.bottom() - 1.0_f64.min(rect.h / 2.0);
    let top = rect.bottom() - SERIES_SHARE * rect.h;
    let value = ValueScale::new(lo, hi, bottom, top.min(bottom));
    let n = s.t.len().min(s.v.len());
    let (t, v) = (&s.t[..n], &s.v[..n]);
    let no_pyramid = Pyramid::default();
    let pyramid = prepared.pyramids.first().unwrap_or(&no_pyramid);
    let i0 = t.partition_point(|&x| x < scale.window.start);
    let i1 = t.partition_point(|&x| x <= scale.window.end).max(i0);
    let (x_lo, x_hi) = (rect.x, rect.right());
    let (y_lo, y_hi) = (rect.y, rect.bottom());
    let y_of = |vi: f64| between(value.v_to_y(vi), y_lo, y_hi);

    // Many points: pixel columns. Column c holds the times from its left
    // edge (`edge(c)`) up to the next; the first and last take the rest.
    let columns = (rect.w.ceil() as usize).clamp(1, 2 * MAX_COLUMNS);
    let col_w = rect.w / columns as f64;
    let last_col = columns as i64 - 1;
    let edge = |c: i64| scale.x_to_t(rect.x + c as f64 * col_w);
    let column = |ti: Ms| -> i64 {
        let guess = ((scale.t_to_x(ti) - rect.x) / col_w).floor();
        let mut c = if guess >= 0.0 {
            (guess.min(last_col as f64)) as i64
        } else {
            0
        };
        while c < last_col && edge(c + 1) <= ti {
            c += 1;
        }
        while c > 0 && edge(c) > ti {
            c -= 1;
        }
        c
    };
    let dense = i1 - i0 > columns.saturating_mul(2);
    let column: Option<&dyn Fn(Ms) -> i64> = if dense { Some(&column) } else { None };

    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    for run in decimate(t, v, pyramid, (i0, i1), column) {
        match run {
            Run::Gap(i) => {
                if !cur.is_empty() {
                    let gap = between(scale.t_to_x(t[i]), x_lo, x_hi);
                    kind.shape(&mut cur, Some(gap));
                    out.push(std::mem::take(&mut cur));
                }
            }
            Run::Points {
                col: None, first, ..
            } => {
                let x = scale.t_to_x(t[first]);
                let x = if x.is_finite() {
                    between(x, x_lo, x_hi)
                } else {
                    x_lo
                };
                cur.push((x, y_of(v[first])));
            }
            Run::Points {
                col: Some(c),
                first,
                last,
                min,
                max,
            } => {
                let x = between(rect.x + (c as f64 + 0.5) * col_w, x_lo, x_hi);
                for y in [y_of(v[first]), y_of(min), y_of(max), y_of(v[last])] {
                    if cur.last() != Some(&(x, y)) {
                        cur.push((x, y));
                    }
                }
            }
        }
    }
    if !cur.is_empty() {
        kind.shape(&mut cur, None);
        out.push(cur);
    }
    out
}

impl Navigator {
    /// The navigator for another `view` of the same dataset: while the strip
    /// and the overview range stay the same (the view moves inside the
    /// data) only the brush is laid out again and the bars and series are
    /// reused, so a frame loop that keeps its last navigator pays for the
    /// density and the series only when the strip or the range changes.
    ///
    /// A view that reaches past the data gets a strip laid out for a
    /// quarter of the view's width more on each side ([`PAN_SLACK`]), and
    /// keeps it while the view stays inside it and past the data, and the
    /// strip is at most [`MAX_SLACK`] times as wide as the range the view
    /// needs: panning
    /// past the end then moves the brush over a steady strip instead of
    /// rescaling it (and counting every event again) each frame.
    /// Otherwise (and for a new dataset: call [`navigator`] then) as
    /// [`navigator`].
    pub fn update(
        &self,
        ds: &Dataset,
        prepared: &Prepared,
        rect: Rect,
        view: Window,
    ) -> Option<Navigator> {
        let valid = Window::new(view.start, view.end);
        let range = valid.and_then(|v| range_around(prepared.extent, prepared.finest, v));
        let (Some(v), Some(range)) = (valid, range) else {
            return navigator(ds, prepared, rect, view);
        };
        let strip = self.scale.window;
        let inside_data = data_range(prepared.extent, prepared.finest) == Some(range);
        let keep = rect == self.rect
            && (range == strip
                || (!inside_data
                    && covers(strip, range)
                    && strip.span() <= range.span() * MAX_SLACK));
        if keep {
            return Some(Navigator {
                brush: brush_rect(&self.scale, &self.rect, v),
                ..self.clone()
            });
        }
        if range == strip || inside_data {
            // The strip changed size, or the view is inside the data.
            return navigator(ds, prepared, rect, view);
        }
        // Past the data: a strip with some slack around the view.
        let pad = v.span() * PAN_SLACK;
        let wide = Window::new(v.start - pad, v.end + pad).filter(|w| covers(*w, v));
        match wide.and_then(|w| navigator(ds, prepared, rect, w)) {
            Some(n) => Some(Navigator {
                brush: brush_rect(&n.scale, &n.rect, v),
                ..n
            }),
            None => navigator(ds, prepared, rect, view),
        }
    }

    /// What a pointer at `(x, y)` grabs: a brush edge within [`EDGE_GRAB`]
    /// px ([`EDGE_GRAB_TOUCH`] when `touch`) — inside a narrow brush each edge
    /// keeps at most a quarter of it, so its middle still grabs the body —,
    /// the brush body, or the strip outside the brush. `None` when `(x, y)`
    /// is not in the strip.
    pub fn grab(&self, x: f64, y: f64, touch: bool) -> Option<NavGrab> {
        if !self.rect.contains(x, y) {
            return None;
        }
        let tol = if touch { EDGE_GRAB_TOUCH } else { EDGE_GRAB };
        let (l, r) = (self.brush.x, self.brush.right());
        let inner = tol.min(self.brush.w / 4.0);
        Some(if x < l {
            if l - x <= tol {
                NavGrab::Left
            } else {
                NavGrab::Outside
            }
        } else if x > r {
            if x - r <= tol {
                NavGrab::Right
            } else {
                NavGrab::Outside
            }
        } else if x - l <= inner && x - l <= r - x {
            NavGrab::Left
        } else if r - x <= inner {
            NavGrab::Right
        } else {
            NavGrab::Body
        })
    }

    /// The view window after dragging `grab` from `x0` to `x1` (CSS px),
    /// starting from `start` (the view when the drag began). Use the
    /// navigator of the frame the drag began in, so that the mapping stays
    /// put while the overview follows the view.
    ///
    /// - `Left`/`Right` move that edge, never past the other: at least
    ///   [`MIN_BRUSH_W`] px apart (or the starting width, if that was less).
    ///   An edge stops at the overview's end.
    /// - `Body` moves the whole window (dragging the brush left shows earlier
    ///   times), stopping where the brush meets the strip's end.
    /// - `Outside` centres `start`'s span on `x1`, shifted inside the
    ///   overview when it would reach past its end.
    ///
    /// Always a valid window; non-finite positions change nothing.
    pub fn drag(&self, grab: NavGrab, start: Window, x0: f64, x1: f64) -> Window {
        let range = self.scale.window;
        let start = Window::new(start.start, start.end).unwrap_or(range);
        if !x0.is_finite() || !x1.is_finite() {
            return start;
        }
        let mpp = self.scale.ms_per_px();
        let dt = (x1 - x0) * mpp;
        if dt.is_nan() {
            return start;
        }
        let span = start.span();
        let gap = (MIN_BRUSH_W * mpp).min(span);
        let moved = match grab {
            NavGrab::Body => {
                let lo = (range.start - start.start).min(0.0);
                let hi = (range.end - start.end).max(0.0);
                Some(start.pan(between(dt, lo, hi)))
            }
            NavGrab::Left => {
                let lo = range.start.min(start.start);
                let t = between(start.start + dt, lo, start.end - gap);
                Window::new(t, start.end)
            }
            NavGrab::Right => {
                let hi = range.end.max(start.end);
                let t = between(start.end + dt, start.start + gap, hi);
                Window::new(start.start, t)
            }
            NavGrab::Outside => {
                let c = self.scale.x_to_t(x1);
                if !c.is_finite() {
                    return start;
                }
                let mut a = c - span / 2.0;
                if span <= range.span() {
                    a = between(a, range.start, range.end - span);
                }
                Window::new(a, a + span)
            }
        };
        moved.unwrap_or(start)
    }
}

#[cfg(test)]
mod tests;
