//! The crosshair: every pane's reading at one time, in its unit.

use super::geometry::*;
use super::series;
use crate::core::data::model::{Dataset, Rgb};
use crate::core::data::time::{Precision, TimePoint};
use crate::core::i18n::format::{date_text, value_text, Formatter};
use crate::core::i18n::lang::Lang;
use crate::core::i18n::strings::strings;
use crate::core::text::measure::{Font, TextMeasure};

/// One series' reading under the crosshair: the point its kind reads there
/// (the nearest, for most kinds), marked, with the point's date and value
/// in the series' unit.
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
        // The kind decides which point is read (by default the nearest)
        // and where its mark goes (bars: their middle, like their labels).
        let kind = series::kind(s.kind);
        let Some((i, mark_t)) = kind.reading(&s.t, &s.v, at, s.precision) else {
            continue;
        };
        let (Some(&ti), Some(&vi)) = (s.t.get(i), s.v.get(i)) else {
            continue;
        };
        let mx = scale.t_to_x(mark_t);
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
