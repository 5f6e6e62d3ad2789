//! Indicator panes: a series' geometry (polylines, areas, bars) in its pane,
//! culled to the window and decimated to min/max per pixel column when dense.

use super::crosshair::*;
use super::geometry::{metrics::*, *};
use super::lanes::*;
use super::prepared::*;
use crate::core::data::lod::{greater, lesser, walk, Pyramid, Step};
use crate::core::data::model::{Dataset, SeriesKind};
use crate::core::data::time::{Ms, Precision};
use crate::core::i18n::format::{value_text, Formatter};
use crate::core::i18n::lang::Lang;
use crate::core::scene::ticks::value_ticks;
use crate::core::text::measure::{fit_text, Font, TextMeasure};
use crate::core::view::scale::{TimeScale, ValueScale};

#[allow(clippy::too_many_arguments)]
pub(super) fn pane(
    ds: &Dataset,
    prepared: &Prepared,
    si: usize,
    rect: Rect,
    scale: &TimeScale,
    lang: Lang,
    measure: &dyn TextMeasure,
    fmt: Option<&dyn Formatter>,
) -> Pane {
    let s = &ds.series[si];
    let color = series_color(ds, si);
    // The unit is written on the value axis; ⓘ says the title opens a card
    // with the series' note and source.
    let title_text = if s.note.is_some() || s.source.is_some() {
        format!("{} ⓘ", s.name)
    } else {
        s.name.clone()
    };
    let (title_text, title_w) =
        fit_text(&title_text, Font::Title, rect.w - 8.0, measure).unwrap_or_default();
    let title = PlacedText {
        x: rect.x + 2.0,
        y: rect.y + PANE_TITLE_H / 2.0,
        w: title_w,
        text: title_text,
        font: Font::Title,
    };
    let plot = Rect::new(
        rect.x,
        rect.y + PANE_TITLE_H,
        rect.w,
        rect.h - PANE_TITLE_H - 2.0,
    );

    // Value domain over all points (stable while panning); bars and areas include zero.
    let (range, min_gap) = prepared
        .series
        .get(si)
        .copied()
        .unwrap_or((None, f64::INFINITY));
    let (mut lo, mut hi) = range.unwrap_or((0.0, 1.0));
    if matches!(s.kind, SeriesKind::Area | SeriesKind::Bar) {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    let max_ticks = ((plot.h / 22.0).floor() as usize).clamp(2, 6);
    let vt = value_ticks(lo, hi, max_ticks);
    let (dmin, dmax) = match (vt.first(), vt.last()) {
        (Some(a), Some(b)) if b > a => (*a, *b),
        _ => (lo, hi),
    };
    // Leave room above the top grid line for its label.
    let value = ValueScale::new(dmin, dmax, plot.bottom(), plot.y + 16.0);
    let mut grid = Vec::new();
    let last = vt.len().saturating_sub(1);
    for (i, v) in vt.iter().enumerate() {
        let y = value.v_to_y(*v);
        // The top grid line names the unit.
        let text = value_text(fmt, *v, si, (i == last).then_some(s.unit.as_str()), lang);
        let w = measure.width(&text, Font::Tick);
        let label = PlacedText {
            x: plot.x + 2.0,
            y: y - 7.0,
            w,
            text,
            font: Font::Tick,
        };
        grid.push((y, Some(label)));
    }
    // Keep grid labels apart from each other and from the title; the top one
    // (which names the unit) wins.
    let mut taken: Vec<Rect> = vec![title.rect()];
    for (_, label) in grid.iter_mut().rev() {
        if let Some(l) = label {
            let r = l.rect();
            if taken.iter().any(|t| t.overlaps(&r)) {
                *label = None;
            } else {
                taken.push(r);
            }
        }
    }

    // Visible points, one beyond each edge so lines run to the border.
    let lo_i =
        s.t.partition_point(|&t| t < scale.window.start)
            .saturating_sub(1);
    let hi_i = (s.t.partition_point(|&t| t <= scale.window.end) + 1).min(s.t.len());
    let visible = hi_i.saturating_sub(lo_i);
    let sparse = visible > 0 && (visible as f64) <= plot.w / 14.0;
    let no_pyramid = Pyramid::default();
    let pyramid = prepared.pyramids.get(si).unwrap_or(&no_pyramid);
    let geom = match s.kind {
        SeriesKind::Bar => SeriesGeom::Bars(bars(
            min_gap,
            s.t.as_slice(),
            &s.v,
            pyramid,
            (lo_i, hi_i),
            s.precision,
            scale,
            &value,
            &plot,
        )),
        SeriesKind::Line | SeriesKind::Area => {
            let (segments, dots) = polyline(
                &s.t,
                &s.v,
                pyramid,
                (lo_i, hi_i),
                scale,
                &value,
                &plot,
                sparse,
            );
            if s.kind == SeriesKind::Line {
                SeriesGeom::Line { segments, dots }
            } else {
                SeriesGeom::Area {
                    segments,
                    dots,
                    baseline: value.v_to_y(0.0_f64.clamp(dmin, dmax)),
                }
            }
        }
    };

    // Values written at the points when there are few.
    let mut value_labels = Vec::new();
    if sparse && visible <= 12 {
        let mut last_end = f64::NEG_INFINITY;
        for i in lo_i..hi_i {
            let (t, v) = (s.t[i], s.v[i]);
            if !v.is_finite() || !scale.window.contains(t) {
                continue;
            }
            let text = value_text(fmt, v, si, None, lang);
            let w = measure.width(&text, Font::Caption);
            let cx = match (&geom, s.precision.and_then(|p| period_end(t, p))) {
                (SeriesGeom::Bars(_), Some(end)) => scale.t_to_x(t / 2.0 + end / 2.0),
                _ => scale.t_to_x(t),
            };
            let x = (cx - w / 2.0).clamp(plot.x, (plot.right() - w).max(plot.x));
            let y = (value.v_to_y(v) - 10.0).max(plot.y);
            let label = PlacedText {
                x,
                y,
                w,
                text,
                font: Font::Caption,
            };
            let r = label.rect();
            if x < last_end + 6.0 || taken.iter().any(|t| t.overlaps(&r)) {
                continue;
            }
            last_end = x + w;
            value_labels.push(label);
        }
    }

    Pane {
        series: si,
        rect,
        plot,
        title,
        value,
        grid,
        geom,
        value_labels,
        color,
    }
}

/// Polyline segments and dots, in CSS px.
type Polylines = (Vec<Vec<(f64, f64)>>, Vec<(f64, f64)>);

#[allow(clippy::too_many_arguments)]
fn polyline(
    t: &[Ms],
    v: &[f64],
    pyramid: &Pyramid,
    (lo, hi): (usize, usize),
    scale: &TimeScale,
    value: &ValueScale,
    plot: &Rect,
    sparse: bool,
) -> Polylines {
    let mut segments: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut dots = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    let end_segment = |current: &mut Vec<(f64, f64)>, segments: &mut Vec<Vec<(f64, f64)>>| {
        if current.len() > 1 {
            segments.push(std::mem::take(current));
        } else {
            current.clear();
        }
    };
    // Decimate to first/min/max/last per pixel column when points are dense,
    // whole pyramid blocks at a time.
    let dense = hi - lo > (plot.w as usize).saturating_mul(2);
    if dense {
        // (column, first point, least and greatest value, last point): kept
        // in values and turned into y once a column (y is monotone in v,
        // so the column's y extremes are those of its value extremes).
        type Col = (i64, usize, f64, f64, usize);
        let flush = |col: &mut Option<Col>, current: &mut Vec<(f64, f64)>| {
            if let Some((c, first, min, max, last)) = col.take() {
                let x = c as f64;
                let (ya, yb) = (value.v_to_y(min), value.v_to_y(max));
                current.extend([
                    (x, value.v_to_y(v[first])),
                    (x, ya.min(yb)),
                    (x, ya.max(yb)),
                    (x, value.v_to_y(v[last])),
                ]);
            }
        };
        let column = column_of(scale);
        let mut col: Option<Col> = None;
        walk(t, pyramid, lo, hi, column, |c, step| {
            let (first, last, mn, mx) = match step {
                Step::Point(i) if !v[i].is_finite() => {
                    flush(&mut col, &mut current);
                    end_segment(&mut current, &mut segments);
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
            match &mut col {
                Some((cc, _, min, max, end)) if *cc == c => {
                    *min = lesser(*min, mn);
                    *max = greater(*max, mx);
                    *end = last;
                }
                _ => {
                    flush(&mut col, &mut current);
                    col = Some((c, first, mn, mx, last));
                }
            }
        });
        flush(&mut col, &mut current);
    } else {
        for i in lo..hi {
            let (ti, vi) = (t[i], v[i]);
            if !vi.is_finite() {
                end_segment(&mut current, &mut segments);
                continue;
            }
            let x = scale.t_to_x(ti);
            let y = value.v_to_y(vi);
            if sparse && scale.window.contains(ti) {
                dots.push((x, y));
            }
            current.push((x, y));
        }
    }
    if current.len() > 1 {
        segments.push(current);
    } else if current.len() == 1 && !sparse {
        // a lone point between gaps: show it as a dot
        dots.extend(current);
    }
    let clipped = segments
        .into_iter()
        .flat_map(|s| clip_polyline(&s, plot.x, plot.right()))
        .collect();
    (clipped, dots)
}

/// Clips a polyline to `x0 <= x <= x1`, interpolating at the edges.
pub(super) fn clip_polyline(pts: &[(f64, f64)], x0: f64, x1: f64) -> Vec<Vec<(f64, f64)>> {
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

#[allow(clippy::too_many_arguments)]
fn bars(
    min_gap: f64,
    t: &[Ms],
    v: &[f64],
    pyramid: &Pyramid,
    (lo, hi): (usize, usize),
    precision: Option<Precision>,
    scale: &TimeScale,
    value: &ValueScale,
    plot: &Rect,
) -> Vec<Rect> {
    // Width: the period of the points' shared precision, else the smallest gap.
    let base = value.v_to_y(0.0_f64.clamp(value.min, value.max));
    let mut out = Vec::new();
    if hi - lo > plot.w.max(0.0) as usize {
        // More bars than pixels: one bar a column, from the baseline to the
        // column's extremes.
        let column = column_of(scale);
        let mut col: Option<(i64, f64, f64)> = None;
        let mut flush = |col: &mut Option<(i64, f64, f64)>| {
            if let Some((c, lo_v, hi_v)) = col.take() {
                let x = c as f64;
                if x + 1.0 <= plot.x || x >= plot.right() {
                    return;
                }
                let (a, b) = (value.v_to_y(lo_v), value.v_to_y(hi_v));
                let top = a.min(b).min(base);
                let bottom = a.max(b).max(base);
                out.push(Rect::new(x, top, 1.0, (bottom - top).max(1.0)));
            }
        };
        walk(t, pyramid, lo, hi, column, |c, step| {
            let (mn, mx) = match step {
                Step::Point(i) if !v[i].is_finite() => return,
                Step::Point(i) => (v[i], v[i]),
                Step::Block { min, max, .. } => (min, max),
            };
            match &mut col {
                Some((cc, a, b)) if *cc == c => {
                    *a = lesser(*a, mn);
                    *b = greater(*b, mx);
                }
                _ => {
                    flush(&mut col);
                    col = Some((c, mn, mx));
                }
            }
        });
        flush(&mut col);
        return out;
    }
    for i in lo..hi {
        let (ti, vi) = (t[i], v[i]);
        if !vi.is_finite() {
            continue;
        }
        let end = precision
            .and_then(|p| period_end(ti, p))
            .or_else(|| min_gap.is_finite().then_some(ti + min_gap))
            .unwrap_or(ti + scale.ms_per_px() * 8.0);
        let a = scale.t_to_x(ti);
        let b = scale.t_to_x(end);
        let inset = (b - a) * 0.15;
        let (a, b) = (a + inset, b - inset);
        let (a, b) = (a.max(plot.x), b.min(plot.right()));
        if b <= a {
            continue;
        }
        let b = b.max(a + 1.0);
        let y = value.v_to_y(vi);
        let (top, bottom) = if y < base { (y, base) } else { (base, y) };
        out.push(Rect::new(a, top, b - a, (bottom - top).max(1.0)));
    }
    out
}
