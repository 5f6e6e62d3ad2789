//! Frame layout: from a dataset, a time window and a box size to a [`Scene`]
//! — every mark's position in CSS pixels, decided once per frame and shared
//! by the renderer, the hover overlay and hit-testing.
//!
//! Labels never overlap: each lane is filled row by row, left to right; an
//! event whose label does not fit keeps only its marker, and one whose
//! marker does not fit either is merged into a cluster badge ("3") that
//! takes the place of its neighbour.

use super::geometry::{metrics::*, *};
use super::lanes::*;
use super::panes::*;
use super::prepared::*;
use crate::core::data::model::Dataset;
use crate::core::i18n::format::Formatter;
use crate::core::i18n::lang::Lang;
use crate::core::scene::ticks::time_ticks;
use crate::core::text::measure::{fit_text, Font, TextMeasure};
use crate::core::view::scale::{TimeScale, Window};

/// Inputs of [`layout`].
pub struct LayoutInput<'a> {
    pub dataset: &'a Dataset,
    /// [`Prepared::new`] of `dataset`.
    pub prepared: &'a Prepared,
    pub window: Window,
    pub width: f64,
    pub height: f64,
    pub lang: Lang,
    pub measure: &'a dyn TextMeasure,
    /// The previous frame's scene, whose overview picture is reused when
    /// only the brush moved.
    pub previous: Option<&'a Scene>,
    /// The page's formatters, if any.
    pub formatter: Option<&'a dyn Formatter>,
    /// The DOM controls the layout leaves room for.
    pub chrome: Chrome,
}

/// The widget's DOM controls that share the bottom bar with the overview
/// strip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chrome {
    /// Square buttons in the toolbar (zoom in, zoom out, fit; data tables; download).
    pub buttons: u8,
    /// The chrome is mirrored: the toolbar sits at the left of the bar and
    /// the overview strip after it. (Time still runs left to right.)
    pub rtl: bool,
    /// The primary pointer is coarse (`pointer: coarse`, a finger): the
    /// bar's buttons and strip are 44 px tall at any width.
    pub coarse: bool,
}

impl Chrome {
    /// Height of the bottom bar: [`bar_height`], 44 px for a coarse pointer.
    pub fn bar_height(&self, width: f64) -> f64 {
        if self.coarse {
            44.0
        } else {
            bar_height(width)
        }
    }

    /// Width of the toolbar: the width of this chrome's buttons and the gaps between them
    /// at its bar height.
    pub fn toolbar_width(&self, width: f64) -> f64 {
        let n = f64::from(self.buttons.max(1));
        n * self.bar_height(width) + (n - 1.0) * 4.0
    }
}

impl Default for Chrome {
    fn default() -> Chrome {
        Chrome {
            buttons: 3,
            rtl: false,
            coarse: false,
        }
    }
}

/// Lays out one frame.
pub fn layout(input: &LayoutInput) -> Scene {
    let LayoutInput {
        dataset: ds,
        prepared,
        window,
        lang,
        measure,
        ..
    } = *input;
    let width = sane(input.width, 1.0);
    let height = sane(input.height, 1.0);
    let scale = time_scale(window, width);
    let (x0, x1) = (scale.x0, scale.x1);

    // Vertical bands: era strip, timeline, axis, panes.
    let mut top = 0.0;
    let era_strip = (!ds.eras.is_empty()).then(|| {
        top = ERA_STRIP;
        Rect::new(x0, 0.0, x1 - x0, ERA_STRIP)
    });
    // The bottom bar (overview strip and zoom buttons) when there is data.
    let bar_h = input.chrome.bar_height(width);
    let bar = (prepared.extent.is_some() && height >= 4.0 * bar_h)
        .then(|| Rect::new(x0, height - bar_h - BAR_MARGIN, x1 - x0, bar_h));
    let tools = input.chrome.toolbar_width(width) + 8.0;
    let overview = bar.map(|b| {
        let w = (b.w - tools).max(0.0);
        let x = if input.chrome.rtl { b.x + b.w - w } else { b.x };
        Rect::new(x, b.y, w, b.h)
    });
    let bar_total = bar.map_or(0.0, |b| b.h + BAR_MARGIN + PANE_GAP);
    let available = (height - top - AXIS_H - bar_total).max(0.0);
    let n_series = ds.series.len();
    let (pane_h, n_panes) = pane_heights(available, n_series, ds.events.is_empty());
    let panes_total = n_panes as f64 * (pane_h + PANE_GAP);
    let timeline = Rect::new(x0, top, x1 - x0, (available - panes_total).max(0.0));
    let axis = Rect::new(x0, timeline.bottom(), x1 - x0, AXIS_H);

    let ticks = axis_ticks(&scale, &axis, lang, measure);
    let eras = era_bands(ds, &scale, era_strip.as_ref(), measure);
    let (lanes, items) = lanes_and_items(ds, prepared, &scale, &timeline, lang, measure);

    let mut panes = Vec::with_capacity(n_panes);
    let mut y = axis.bottom() + PANE_GAP;
    for si in 0..n_panes {
        let rect = Rect::new(x0, y, x1 - x0, pane_h);
        panes.push(pane(
            ds,
            prepared,
            si,
            rect,
            &scale,
            lang,
            measure,
            input.formatter,
        ));
        y += pane_h + PANE_GAP;
    }

    Scene {
        width,
        height,
        scale,
        era_strip,
        timeline,
        axis,
        ticks,
        eras,
        lanes,
        items,
        panes,
        bar,
        overview,
        navigator: overview.filter(|r| r.w >= 40.0).and_then(|r| {
            match input.previous.and_then(|p| p.navigator.as_ref()) {
                Some(prev) => prev.update(ds, prepared, r, window),
                None => crate::core::scene::navigator::navigator(ds, prepared, r, window),
            }
        }),
    }
}

/// Height of each indicator pane and how many fit.
fn pane_heights(available: f64, n: usize, no_events: bool) -> (f64, usize) {
    if n == 0 {
        return (0.0, 0);
    }
    // Leave the timeline at least 40% (or two rows) unless there are no events.
    let min_timeline = if no_events {
        0.0
    } else {
        (available * 0.4).max(2.0 * ROW_MIN)
    };
    let mut count = n;
    while count > 0 {
        let per = (available - min_timeline) / count as f64 - PANE_GAP;
        if per >= PANE_MIN {
            let share = if no_events {
                per
            } else {
                (available * 0.25).max(PANE_MIN)
            };
            return (per.min(PANE_MAX).min(share.max(PANE_MIN)), count);
        }
        count -= 1;
    }
    (0.0, 0)
}

fn axis_ticks(
    scale: &TimeScale,
    axis: &Rect,
    lang: Lang,
    measure: &dyn TextMeasure,
) -> Vec<AxisTick> {
    let w = |s: &str| measure.width(s, Font::Tick);
    time_ticks(
        scale.window.start,
        scale.window.end,
        scale.width(),
        lang,
        &w,
    )
    .into_iter()
    .map(|t| {
        let x = scale.t_to_x(t.t);
        let label = (!t.label.is_empty()).then(|| PlacedText {
            x: x + 4.0,
            y: axis.y + axis.h / 2.0 + 2.0,
            w: w(&t.label),
            text: t.label,
            font: Font::Tick,
        });
        AxisTick {
            x,
            label,
            major: t.major,
        }
    })
    .collect()
}

fn era_bands(
    ds: &Dataset,
    scale: &TimeScale,
    strip: Option<&Rect>,
    measure: &dyn TextMeasure,
) -> Vec<EraBand> {
    let mut out: Vec<EraBand> = Vec::new();
    let mut label_end = f64::NEG_INFINITY;
    let mut order: Vec<usize> = (0..ds.eras.len()).collect();
    // Stable, and the same sort as the events' (one copy in the wasm).
    order.sort_by_cached_key(|&i| crate::core::data::model::total_key(ds.eras[i].start.ms));
    for i in order {
        let era = &ds.eras[i];
        if era.end.ms < scale.window.start || era.start.ms > scale.window.end {
            continue;
        }
        let a = scale.t_to_x(era.start.ms).max(scale.x0);
        let b = scale.t_to_x(era.end.ms).min(scale.x1).max(a + 1.0);
        let color = era.color.unwrap_or(PALETTE[(i + 3) % PALETTE.len()]);
        let label = strip.and_then(|s| {
            let lx = a.max(label_end + ITEM_GAP) + 6.0;
            let room = b - lx - 6.0;
            if era.label.is_empty() || room < MIN_LABEL_W {
                return None;
            }
            let (text, w) = fit_text(
                &era.label,
                Font::Caption,
                room.min(MAX_LABEL_W * 1.5),
                measure,
            )?;
            Some(PlacedText {
                x: lx,
                y: s.y + s.h / 2.0,
                w,
                text,
                font: Font::Caption,
            })
        });
        if let Some(l) = &label {
            label_end = l.x + l.w;
        }
        out.push(EraBand {
            era: i,
            x0: a,
            x1: b,
            color,
            label,
        });
    }
    out
}

#[cfg(test)]
mod tests;
