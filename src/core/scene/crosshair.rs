//! The crosshair: every pane's reading at one time, in its unit.

use super::geometry::*;
use crate::core::data::model::{Dataset, Rgb, SeriesKind};
use crate::core::data::time::{
    ms_from_parts, parts, DateParts, Ms, Precision, TimePoint, MS_PER_DAY,
};
use crate::core::i18n::format::{date_text, value_text, Formatter};
use crate::core::i18n::lang::Lang;
use crate::core::i18n::strings::strings;
use crate::core::text::measure::{Font, TextMeasure};

/// One series' reading under the crosshair: its nearest point, marked, with
/// the point's date and value in the series' unit.
#[derive(Clone, Debug, PartialEq)]
pub struct CrossMark {
    pub x: f64,
    pub y: f64,
    pub color: Rgb,
    pub label: PlacedText,
}

/// A vertical line at the pointer through the timeline and every pane.
#[derive(Clone, Debug, PartialEq)]
pub struct Crosshair {
    pub x: f64,
    pub top: f64,
    pub bottom: f64,
    pub marks: Vec<CrossMark>,
}

/// The index of the point of `t` nearest to `at` with a finite value.
fn nearest_point(t: &[Ms], v: &[f64], at: Ms) -> Option<usize> {
    let k = t.partition_point(|&x| x < at);
    let left = (0..k).rev().take(64).find(|&i| v[i].is_finite());
    let right = (k..t.len()).take(64).find(|&i| v[i].is_finite());
    match (left, right) {
        (Some(l), Some(r)) => Some(if at - t[l] <= t[r] - at { l } else { r }),
        (l, r) => l.or(r),
    }
}

/// The crosshair at `x`, reading every indicator pane there.
pub fn crosshair(
    ds: &Dataset,
    scene: &Scene,
    x: f64,
    lang: Lang,
    measure: &dyn TextMeasure,
    fmt: Option<&dyn Formatter>,
) -> Option<Crosshair> {
    let scale = &scene.scale;
    if !x.is_finite() || x < scale.x0 || x > scale.x1 {
        return None;
    }
    let at = scale.x_to_t(x);
    let mut marks = Vec::new();
    for pane in &scene.panes {
        let Some(s) = ds.series.get(pane.series) else {
            continue;
        };
        let Some(i) = nearest_point(&s.t, &s.v, at) else {
            continue;
        };
        let (ti, vi) = (s.t[i], s.v[i]);
        // Bars are read at their middle, like their value labels.
        let mx = match (s.kind, s.precision.and_then(|p| period_end(ti, p))) {
            (SeriesKind::Bar, Some(end)) => scale.t_to_x(ti / 2.0 + end / 2.0),
            _ => scale.t_to_x(ti),
        };
        if mx < pane.plot.x || mx > pane.plot.right() {
            continue;
        }
        let when = TimePoint {
            ms: ti,
            precision: s.precision.unwrap_or(Precision::Day),
            offset_min: None,
        };
        let sep = strings(lang).colon;
        let text = format!(
            "{}{sep}{}",
            date_text(fmt, &when, lang),
            value_text(fmt, vi, pane.series, Some(&s.unit), lang)
        );
        let w = measure.width(&text, Font::Caption);
        let lx = if mx + 8.0 + w <= pane.plot.right() {
            mx + 8.0
        } else {
            (mx - 8.0 - w).max(pane.plot.x)
        };
        marks.push(CrossMark {
            x: mx,
            y: pane.value.v_to_y(vi),
            color: pane.color,
            label: PlacedText {
                x: lx,
                y: pane.plot.y + 8.0,
                w,
                text,
                font: Font::Caption,
            },
        });
    }
    Some(Crosshair {
        x,
        top: scene.timeline.y,
        bottom: scene.content_bottom(),
        marks,
    })
}

/// Start of the period after `t` at `precision` (for bar widths).
pub(super) fn period_end(t: Ms, precision: Precision) -> Option<Ms> {
    let p = parts(t, 0);
    let next = |year: i64, month: u32| {
        ms_from_parts(&DateParts {
            year,
            month,
            day: 1,
            hour: 0,
            minute: 0,
            second: 0,
            millis: 0,
        })
    };
    match precision {
        Precision::Year => Some(next(p.year + 1, 1)),
        Precision::Month => Some(if p.month >= 12 {
            next(p.year + 1, 1)
        } else {
            next(p.year, p.month + 1)
        }),
        Precision::Day => Some(t + MS_PER_DAY),
        _ => None,
    }
}
