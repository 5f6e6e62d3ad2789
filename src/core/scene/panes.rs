//! Indicator panes: a series' pane — title, value axis and grid, the
//! series' geometry as its kind draws it (`series`) from the points in view
//! (decimated to min/max per pixel column when dense, `decimate`), and the
//! values written at the points when they are few.

use super::decimate::decimate;
use super::geometry::{metrics::*, *};
use super::lanes::*;
use super::prepared::*;
#[cfg(test)]
pub(super) use super::series::clip_polyline;
use super::series::{self, Input};
use crate::core::data::lod::Pyramid;
use crate::core::data::model::Dataset;
use crate::core::data::time::Ms;
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
    let kind = series::kind(s.kind);
    if kind.includes_zero() {
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

    // Visible points, one beyond each edge so lines run to the border,
    // decimated when dense, drawn by the series' kind.
    let lo_i =
        s.t.partition_point(|&t| t < scale.window.start)
            .saturating_sub(1);
    let hi_i = (s.t.partition_point(|&t| t <= scale.window.end) + 1).min(s.t.len());
    let visible = hi_i.saturating_sub(lo_i);
    let sparse = visible > 0 && (visible as f64) <= plot.w / 14.0;
    let no_pyramid = Pyramid::default();
    let pyramid = prepared.pyramids.get(si).unwrap_or(&no_pyramid);
    let dense = visible > (plot.w as usize).saturating_mul(kind.per_column());
    let column = column_of(scale);
    let column: Option<&dyn Fn(Ms) -> i64> = if dense { Some(&column) } else { None };
    let runs = decimate(&s.t, &s.v, pyramid, (lo_i, hi_i), column);
    let mut geom = SeriesGeom::default();
    kind.geometry(
        &Input {
            t: &s.t,
            v: &s.v,
            runs: &runs,
            scale,
            value: &value,
            plot,
            sparse,
            precision: s.precision,
            min_gap,
        },
        &mut geom,
    );

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
            let cx = scale.t_to_x(kind.anchor(t, s.precision));
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
