//! The geometry of a frame: the [`Scene`] layout produces (rectangles, placed
//! texts, axis ticks, era bands, lanes, items, panes) in CSS pixels, the layout
//! constants, the palette, and hit-testing.

pub use super::rect::Rect;
pub use super::series::SeriesGeom;
use crate::core::data::model::{Dataset, Rgb};
use crate::core::text::measure::Font;
use crate::core::view::scale::{TimeScale, ValueScale, Window};

/// Layout constants, CSS pixels.
pub mod metrics {
    /// Horizontal padding between the box edge and the plot area.
    pub const PAD_X: f64 = 12.0;
    /// Height of the strip holding era labels.
    pub const ERA_STRIP: f64 = 22.0;
    /// Height of the time axis.
    pub const AXIS_H: f64 = 26.0;
    /// Preferred height of one row of events.
    pub const ROW_H: f64 = 26.0;
    pub const ROW_MIN: f64 = 18.0;
    pub const ROW_MAX: f64 = 34.0;
    /// Radius of a point event's marker.
    pub const MARKER_R: f64 = 5.0;
    /// Gap between a marker and its label.
    pub const LABEL_GAP: f64 = 5.0;
    /// Horizontal gap between neighbouring items in a row.
    pub const ITEM_GAP: f64 = 10.0;
    /// Labels longer than this are shortened with an ellipsis.
    pub const MAX_LABEL_W: f64 = 240.0;
    /// Narrower labels than this are not worth drawing.
    pub const MIN_LABEL_W: f64 = 28.0;
    /// Height of a span bar with its label inside.
    pub const SPAN_H: f64 = 16.0;
    /// Height of a cluster badge.
    pub const BADGE_H: f64 = 16.0;
    /// Room kept for a badge that may grow from a marker (up to "999").
    pub const BADGE_MAX_W: f64 = 40.0;
    /// Indicator panes.
    pub const PANE_MIN: f64 = 64.0;
    pub const PANE_MAX: f64 = 150.0;
    pub const PANE_GAP: f64 = 6.0;
    pub const PANE_TITLE_H: f64 = 20.0;
    /// Smallest clickable target (WCAG 2.2 target size).
    pub const MIN_TARGET: f64 = 24.0;
    /// Boxes narrower than this get the phone layout.
    pub const NARROW: f64 = 480.0;
    /// Space below the bottom bar.
    pub const BAR_MARGIN: f64 = 4.0;
}
use metrics::*;

/// Colours for groups and series without their own, readable on light and
/// dark backgrounds and distinguishable with colour-vision deficiencies.
pub const PALETTE: [Rgb; 8] = [
    Rgb::new(0x1f, 0x77, 0xb4),
    Rgb::new(0xd9, 0x5f, 0x02),
    Rgb::new(0x1b, 0x9e, 0x77),
    Rgb::new(0x75, 0x70, 0xb3),
    Rgb::new(0xe7, 0x29, 0x8a),
    Rgb::new(0x5a, 0x92, 0x16),
    Rgb::new(0xa6, 0x76, 0x1d),
    Rgb::new(0x66, 0x66, 0x66),
];

/// A single line of text, left-aligned at `x`, vertically centred on `y`.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedText {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub text: String,
    pub font: Font,
}

impl PlacedText {
    /// The box the text occupies.
    pub fn rect(&self) -> Rect {
        let h = self.font.size() * 1.3;
        Rect::new(self.x, self.y - h / 2.0, self.w, h)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AxisTick {
    pub x: f64,
    pub label: Option<PlacedText>,
    pub major: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EraBand {
    pub era: usize,
    pub x0: f64,
    pub x1: f64,
    pub color: Rgb,
    pub label: Option<PlacedText>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// The group shown, `None` for the "Other" lane (or the only lane of a
    /// dataset without groups).
    pub group: Option<usize>,
    pub y: f64,
    pub h: f64,
    pub rows: usize,
    pub color: Rgb,
    pub caption: Option<PlacedText>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ItemKind {
    /// A point event: a dot at `x`.
    Point,
    /// A span event: a bar from `x` to `x_end` (both clipped to the plot);
    /// `label_inside` when its label is drawn inside the bar.
    Span { x_end: f64, label_inside: bool },
    /// Several events too close to show one by one: a badge with their count.
    /// `members` holds each event once, in no particular order.
    Cluster { members: Vec<usize>, badge: Rect },
}

/// One drawn event (or cluster).
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The event (for a cluster: its first member), index into `Dataset::events`.
    pub event: usize,
    pub kind: ItemKind,
    pub x: f64,
    /// Vertical centre of the item's row.
    pub y: f64,
    pub color: Rgb,
    pub label: Option<PlacedText>,
    /// Where a pointer hits it (at least [`MIN_TARGET`] square).
    pub hit: Rect,
}

impl Item {
    /// The events this item stands for.
    pub fn members(&self) -> Vec<usize> {
        match &self.kind {
            ItemKind::Cluster { members, .. } => members.clone(),
            _ => vec![self.event],
        }
    }
    pub fn contains_event(&self, ev: usize) -> bool {
        match &self.kind {
            ItemKind::Cluster { members, .. } => members.contains(&ev),
            _ => self.event == ev,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pane {
    pub series: usize,
    /// The whole pane.
    pub rect: Rect,
    /// The plotting area inside it.
    pub plot: Rect,
    pub title: PlacedText,
    pub value: ValueScale,
    /// Horizontal grid lines with their labels.
    pub grid: Vec<(f64, Option<PlacedText>)>,
    pub geom: SeriesGeom,
    /// Values written at the points when there are few of them.
    pub value_labels: Vec<PlacedText>,
    pub color: Rgb,
}

/// Everything one frame draws, in CSS pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    pub scale: TimeScale,
    pub era_strip: Option<Rect>,
    pub timeline: Rect,
    pub axis: Rect,
    pub ticks: Vec<AxisTick>,
    pub eras: Vec<EraBand>,
    pub lanes: Vec<Lane>,
    pub items: Vec<Item>,
    pub panes: Vec<Pane>,
    /// The bottom bar: the overview strip on the left, the zoom buttons
    /// (DOM, [`Chrome::toolbar_width`](super::Chrome::toolbar_width) wide) on the right. None without data.
    pub bar: Option<Rect>,
    /// The part of the bar left for the overview strip.
    pub overview: Option<Rect>,
    /// The overview strip's picture and brush.
    pub navigator: Option<crate::core::scene::navigator::Navigator>,
}

/// What was hit by a pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// An index into [`Scene::items`].
    Item(usize),
    /// An index into [`Scene::panes`] (the pane's title).
    PaneTitle(usize),
}

impl Scene {
    /// The item or pane title under `(x, y)`; the nearest item wins when
    /// enlarged targets overlap.
    pub fn hit(&self, x: f64, y: f64) -> Option<Hit> {
        let mut best: Option<(f64, usize)> = None;
        for (i, item) in self.items.iter().enumerate() {
            let on_label = item.label.as_ref().is_some_and(|l| l.rect().contains(x, y));
            if !on_label && !item.hit.contains(x, y) {
                continue;
            }
            let d = if on_label {
                0.0
            } else {
                (item.x - x).abs() + (item.y - y).abs()
            };
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, i));
            }
        }
        if let Some((_, i)) = best {
            return Some(Hit::Item(i));
        }
        self.panes
            .iter()
            .position(|p| p.title.rect().contains(x, y))
            .map(Hit::PaneTitle)
    }

    /// Bottom of the drawn content (the last pane, else the axis).
    pub fn content_bottom(&self) -> f64 {
        self.panes
            .last()
            .map_or(self.axis.bottom(), |p| p.rect.bottom())
    }

    /// The item showing event `ev` (itself or in a cluster).
    pub fn item_of_event(&self, ev: usize) -> Option<usize> {
        self.items.iter().position(|it| it.contains_event(ev))
    }
}

/// Height of the bottom bar: 44 px touch targets on narrow (phone) boxes.
pub fn bar_height(width: f64) -> f64 {
    if width < NARROW {
        44.0
    } else {
        32.0
    }
}

/// The time scale of a box `width` CSS px wide: the plot spans the box
/// minus [`PAD_X`] on each side.
pub fn time_scale(window: Window, width: f64) -> TimeScale {
    let width = sane(width, 1.0);
    let x0 = PAD_X.min(width / 4.0);
    let x1 = (width - x0).max(x0 + 1.0);
    TimeScale::new(window, x0, x1)
}

pub(super) fn sane(v: f64, min: f64) -> f64 {
    if v.is_finite() {
        v.max(min)
    } else {
        min
    }
}

/// The colour of group `g` (or of the "Other" lane).
pub fn group_color(ds: &Dataset, g: Option<usize>) -> Rgb {
    match g {
        Some(i) => ds
            .groups
            .get(i)
            .and_then(|grp| grp.color)
            .unwrap_or(PALETTE[i % PALETTE.len()]),
        None => PALETTE[7],
    }
}

/// The colour of series `i`.
pub fn series_color(ds: &Dataset, i: usize) -> Rgb {
    ds.series
        .get(i)
        .and_then(|s| s.color)
        .unwrap_or(PALETTE[i % PALETTE.len()])
}
