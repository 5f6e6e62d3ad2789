//! Frame layout: from a dataset, a time window and a box size to a [`Scene`]
//! — every mark's position in CSS pixels, decided once per frame and shared
//! by the renderer, the hover overlay and hit-testing.
//!
//! Labels never overlap: each lane is filled row by row, left to right; an
//! event whose label does not fit keeps only its marker, and one whose
//! marker does not fit either is merged into a cluster badge ("3") that
//! takes the place of its neighbour.

use super::locale::{format_number, format_time, Lang};
use super::lod::{gallop, greater, lesser, walk, Pyramid, SpanIndex, Step};
use super::model::{Dataset, Rgb, SeriesKind};
use super::scale::{TimeScale, ValueScale, Window};
use super::strings::strings;
use super::text::{fit_text, Font, TextMeasure};
use super::ticks::{time_ticks, value_ticks};
use super::time::{ms_from_parts, parts, DateParts, Ms, Precision, TimePoint, MS_PER_DAY};

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

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Self {
        Rect {
            x,
            y,
            w: w.max(0.0),
            h: h.max(0.0),
        }
    }
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x && x <= self.right() && y >= self.y && y <= self.bottom()
    }
    /// Grown to at least `min` × `min` around its centre.
    pub fn at_least(&self, min: f64) -> Rect {
        let w = self.w.max(min);
        let h = self.h.max(min);
        Rect::new(
            self.x - (w - self.w) / 2.0,
            self.y - (h - self.h) / 2.0,
            w,
            h,
        )
    }
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
}

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
pub enum SeriesGeom {
    /// Polylines (broken at gaps) and dots at the points when they are sparse.
    Line {
        segments: Vec<Vec<(f64, f64)>>,
        dots: Vec<(f64, f64)>,
    },
    /// As `Line`, filled down to `baseline`.
    Area {
        segments: Vec<Vec<(f64, f64)>>,
        dots: Vec<(f64, f64)>,
        baseline: f64,
    },
    Bars(Vec<Rect>),
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
    /// (DOM, [`toolbar_width`] wide) on the right. None without data.
    pub bar: Option<Rect>,
    /// The part of the bar left for the overview strip.
    pub overview: Option<Rect>,
    /// The overview strip's picture and brush.
    pub navigator: Option<super::navigator::Navigator>,
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

/// What layout needs from a dataset that no view changes: which events go
/// in which lane, and each series' value range and smallest time step.
/// Computed once per dataset (not every frame).
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    /// Lanes in drawing order: the group (None for "Other" or for a dataset
    /// without groups) and its events' indices, in time order.
    pub lanes: Vec<(Option<usize>, Vec<usize>)>,
    /// Per series: (min, max) of its finite values, and the smallest
    /// positive gap between its times.
    pub series: Vec<(Option<(f64, f64)>, f64)>,
    /// `Dataset::extent`.
    pub extent: Option<(Ms, Ms)>,
    /// `Dataset::finest_precision`.
    pub finest: Option<Precision>,
    /// Per lane (as `lanes`): its events' times, packed so a frame reads
    /// them without touching the events themselves.
    pub lane_times: Vec<LaneTimes>,
    /// Per series: block minima/maxima for drawing dense data.
    pub pyramids: Vec<Pyramid>,
}

impl Prepared {
    pub fn new(ds: &Dataset) -> Self {
        let mut by_group: Vec<Vec<usize>> = vec![Vec::new(); ds.groups.len() + 1];
        for (i, ev) in ds.events.iter().enumerate() {
            let slot = ev.group.unwrap_or(ds.groups.len());
            if let Some(v) = by_group.get_mut(slot) {
                v.push(i);
            }
        }
        let lanes: Vec<(Option<usize>, Vec<usize>)> = by_group
            .into_iter()
            .enumerate()
            .filter(|(_, evs)| !evs.is_empty())
            .map(|(g, evs)| ((g < ds.groups.len()).then_some(g), evs))
            .collect();
        let lane_times = lanes
            .iter()
            .map(|(_, evs)| LaneTimes::new(ds, evs))
            .collect();
        let series = ds
            .series
            .iter()
            .map(|s| {
                let gap =
                    s.t.windows(2)
                        .map(|w| w[1] - w[0])
                        .filter(|d| *d > 0.0)
                        .fold(f64::INFINITY, f64::min);
                (s.value_range(), gap)
            })
            .collect();
        Prepared {
            lanes,
            series,
            extent: ds.extent(),
            finest: ds.finest_precision(),
            lane_times,
            pyramids: ds.series.iter().map(|s| Pyramid::new(&s.v)).collect(),
        }
    }
}

/// A lane's events as a frame reads them: points (no duration) and spans
/// apart, each in start order, so the points in a window are one index
/// range found by binary search and the spans are found through their
/// [`SpanIndex`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LaneTimes {
    /// Points: start times and event indices.
    pub point_t: Vec<Ms>,
    pub point_ev: Vec<usize>,
    /// Spans: (start, end), event indices, and the index over their ends.
    pub span_t: Vec<[Ms; 2]>,
    pub span_ev: Vec<usize>,
    pub span_index: SpanIndex,
}

impl LaneTimes {
    /// `evs`: the lane's events, in time order.
    fn new(ds: &Dataset, evs: &[usize]) -> Self {
        let mut l = LaneTimes::default();
        for &i in evs {
            let Some(ev) = ds.events.get(i) else { continue };
            let (s, e) = (ev.start.ms, ev.end_ms());
            if e > s {
                l.span_t.push([s, e]);
                l.span_ev.push(i);
            } else {
                l.point_t.push(s);
                l.point_ev.push(i);
            }
        }
        l.span_index = SpanIndex::new(l.span_t.iter().map(|t| t[1]));
        l
    }
}

/// Formatting supplied by the page (the web layer's `formatDate` and
/// `formatValue` hooks). `None` from either means "the built-in one".
pub trait Formatter {
    fn date(&self, tp: &TimePoint) -> Option<String>;
    /// A value of series `series` (index into `Dataset::series`).
    fn value(&self, v: f64, series: usize) -> Option<String>;
}

/// A date for people: the page's formatter, else the built-in one.
pub fn date_text(fmt: Option<&dyn Formatter>, tp: &TimePoint, lang: Lang) -> String {
    fmt.and_then(|f| f.date(tp))
        .unwrap_or_else(|| format_time(tp, lang))
}

/// A value of series `series` for people: the page's formatter, else the
/// built-in number format. With `unit`, the built-in format is followed by
/// it (a page's formatter says the unit itself, if it wants one).
pub fn value_text(
    fmt: Option<&dyn Formatter>,
    v: f64,
    series: usize,
    unit: Option<&str>,
    lang: Lang,
) -> String {
    if let Some(custom) = fmt.and_then(|f| f.value(v, series)) {
        return custom;
    }
    let n = format_number(v, lang);
    match unit.filter(|u| !u.is_empty()) {
        Some(u) => format!("{n} {u}"),
        None => n,
    }
}

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

    /// Width of the toolbar: [`toolbar_width`] of this chrome's buttons
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
                None => super::navigator::navigator(ds, prepared, r, window),
            }
        }),
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

/// Width of the toolbar at the end of the bottom bar: `buttons` square
/// buttons and the 4 px gaps between them (the web layer sizes them the
/// same).
pub fn toolbar_width(width: f64, buttons: u8) -> f64 {
    let n = f64::from(buttons.max(1));
    n * bar_height(width) + (n - 1.0) * 4.0
}

/// The time scale of a box `width` CSS px wide: the plot spans the box
/// minus [`PAD_X`] on each side.
pub fn time_scale(window: Window, width: f64) -> TimeScale {
    let width = sane(width, 1.0);
    let x0 = PAD_X.min(width / 4.0);
    let x1 = (width - x0).max(x0 + 1.0);
    TimeScale::new(window, x0, x1)
}

fn sane(v: f64, min: f64) -> f64 {
    if v.is_finite() {
        v.max(min)
    } else {
        min
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
    order.sort_by_cached_key(|&i| crate::core::model::total_key(ds.eras[i].start.ms));
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

/// An item's horizontal extent and how to draw it, before a row is chosen.
/// Its label is worked out only when a row has room for it (most events of
/// a dense view end in a cluster and never need one).
struct Candidate {
    event: usize,
    /// Marker extent.
    m0: f64,
    m1: f64,
    x: f64,
    /// The right end of a span's bar.
    span_end: Option<f64>,
    /// A span's label goes inside its bar (once the label is worked out).
    label_inside: bool,
    /// Label text, its x and width (None when it cannot be shown at all),
    /// once worked out. Boxed: few candidates ever get one.
    label: Option<Option<Box<(String, f64, f64)>>>,
}

/// What candidates need to work out their labels.
struct LabelCx<'a> {
    ds: &'a Dataset,
    scale: &'a TimeScale,
    measure: &'a dyn TextMeasure,
    /// False when rows are too low for text.
    text_fits: bool,
}

impl Candidate {
    /// The label, worked out on first use (a span's label goes inside its
    /// bar when it fits there).
    fn label(&mut self, cx: &LabelCx) -> Option<&(String, f64, f64)> {
        if self.label.is_none() {
            let label = if cx.text_fits {
                self.work_out_label(cx)
            } else {
                None
            };
            self.label_inside = self.label_inside && label.is_some();
            self.label = Some(label.map(Box::new));
        }
        self.label.as_ref().and_then(Option::as_deref)
    }

    /// How the item is drawn, with or without its label.
    fn kind(&self, with_label: bool) -> ItemKind {
        match self.span_end {
            Some(x_end) => ItemKind::Span {
                x_end,
                label_inside: self.label_inside && with_label,
            },
            None => ItemKind::Point,
        }
    }

    fn work_out_label(&mut self, cx: &LabelCx) -> Option<(String, f64, f64)> {
        let title = cx.ds.events.get(self.event)?.title.as_str();
        let full_w = cx.measure.width(title, Font::Label);
        let mut label_inside = false;
        let mut label_x = self.m1 + LABEL_GAP;
        if let Some(b) = self.span_end {
            if b - self.x >= full_w.min(MAX_LABEL_W) + 12.0 {
                label_inside = true;
                label_x = self.x + 6.0;
            }
        }
        self.label_inside = label_inside;
        let room = if label_inside {
            self.span_end.unwrap_or(cx.scale.x1) - 6.0 - label_x
        } else {
            cx.scale.x1 - label_x
        };
        if room < MIN_LABEL_W {
            return None;
        }
        fit_text(title, Font::Label, room.min(MAX_LABEL_W), cx.measure)
            .map(|(t, w)| (t, label_x, w))
    }

    /// Where the item ends with its label (working the label out).
    fn full_end(&mut self, cx: &LabelCx) -> f64 {
        let m1 = self.m1;
        match self.label(cx) {
            Some((_, lx, lw)) => (lx + lw).max(m1),
            None => m1,
        }
    }
}

/// One row of a lane while it is being filled.
#[derive(Default)]
struct RowFill {
    /// Right edge of everything placed so far.
    end: f64,
    /// Right edge of everything but the last item (what remains when the
    /// last item's label is shortened or it becomes a cluster badge).
    before_last: f64,
    /// Index into the item list of the last item in this row, and the right
    /// edge of its marker.
    last: Option<(usize, f64)>,
}

impl RowFill {
    /// Makes item `i` (marker ending at `m1`, everything ending at `end`) the
    /// last of the row.
    fn push(&mut self, i: usize, m1: f64, end: f64) {
        self.before_last = self.end;
        self.end = self.end.max(end);
        self.last = Some((i, m1));
    }

    /// The last item now ends at `end` (its label shortened, dropped, or
    /// replaced by a badge).
    fn shrink_last(&mut self, end: f64) {
        self.end = self.before_last.max(end);
    }
}

/// The lane's events that overlap the window, as candidates in marker
/// order, made one at a time as they are asked for (a frame never holds a
/// list of every visible event).
///
/// Starts are sorted, so points' markers (sx − r) are, and so are spans'
/// (max(sx, x0)): a cursor over each runs in marker order, and the two are
/// merged as they go, ties in event (time) order, as a stable sort would.
struct Candidates<'a> {
    scale: &'a TimeScale,
    lane: &'a LaneTimes,
    /// The points in the window are `point_at..point_hi`.
    point_at: usize,
    point_hi: usize,
    /// The spans that may be in the window are `span_at..span_hi`.
    span_at: usize,
    span_hi: usize,
    /// The span found next (its index and marker start), not handed out yet.
    span: Option<(usize, f64)>,
}

fn candidates<'a>(scale: &'a TimeScale, lane: &'a LaneTimes) -> Candidates<'a> {
    let (from, to) = (scale.window.start, scale.window.end);
    let pt = &lane.point_t;
    let point_at = pt.partition_point(|&t| t < from);
    let point_hi = point_at + pt[point_at..].partition_point(|&t| t <= to);
    let (span_at, span_hi) = lane.span_index.range(
        |k| lane.span_t.get(k).map_or(f64::INFINITY, |t| t[0]),
        from,
        to,
    );
    let mut c = Candidates {
        scale,
        lane,
        point_at,
        point_hi: point_hi.min(lane.point_ev.len()),
        span_at,
        span_hi: span_hi.min(lane.span_t.len()).min(lane.span_ev.len()),
        span: None,
    };
    c.span = c.find_span();
    c
}

impl Candidates<'_> {
    /// The next span in the window after the span cursor, with its marker
    /// start.
    fn find_span(&mut self) -> Option<(usize, f64)> {
        let scale = self.scale;
        let from = scale.window.start;
        while self.span_at < self.span_hi {
            let k = self.span_at;
            self.span_at += 1;
            let [s, e] = self.lane.span_t[k];
            if e < from {
                continue;
            }
            return Some((k, greater(scale.t_to_x(s), scale.x0)));
        }
        None
    }

    /// The next point's index and marker start.
    fn peek_point(&self) -> Option<(usize, f64)> {
        let k = self.point_at;
        (k < self.point_hi).then(|| (k, self.scale.t_to_x(self.lane.point_t[k]) - MARKER_R))
    }

    /// Whether the span comes before the point (ties in event order).
    fn span_first(&self, span: (usize, f64), point: (usize, f64)) -> bool {
        let (se, pe) = (self.lane.span_ev[span.0], self.lane.point_ev[point.0]);
        (span.1, se) <= (point.1, pe)
    }

    /// Hands out up to `limit` of the next candidates whose markers start
    /// before `below`, as their events pushed onto `out` (what joining a
    /// cluster one at a time would do, without making each candidate).
    ///
    /// The events come out points first, then spans, not in marker order:
    /// a cluster's members are a set (listed sorted where they are shown).
    fn take_before(&mut self, below: f64, limit: usize, out: &mut Vec<usize>) {
        let scale = self.scale;
        let lane = self.lane;
        // Everything before `below` in one go, up to the limit: the points
        // are a run, and so are the spans (some of which may end before the
        // window and are left out). Searched no further than the limit, so
        // a call costs O(log limit) however long the run.
        let points_hi = self.point_hi.min(self.point_at.saturating_add(limit));
        let np = gallop(&lane.point_t[self.point_at..points_hi], |&t| {
            scale.t_to_x(t) - MARKER_R < below
        });
        let (k0, kb) = match self.span {
            Some((k, m0)) if m0 < below => {
                let rest = &lane.span_t[k..self.span_hi.min(k.saturating_add(limit))];
                let n = gallop(rest, |t| greater(scale.t_to_x(t[0]), scale.x0) < below);
                (k, k + n)
            }
            _ => (0, 0),
        };
        // All of them when within the limit, else as many as it allows:
        // every candidate before `below` joins the cluster whatever the
        // order (the edge only moves right as the badge grows), so points
        // go first.
        let take = np.min(limit);
        out.extend_from_slice(&lane.point_ev[self.point_at..self.point_at + take]);
        self.point_at += take;
        let mut left = limit - take;
        if kb > k0 && left > 0 {
            let from = scale.window.start;
            let mut k = k0;
            // Spans that start before the window may end before it too.
            while k < kb && left > 0 && lane.span_t[k][0] < from {
                if lane.span_t[k][1] >= from {
                    out.push(lane.span_ev[k]);
                    left -= 1;
                }
                k += 1;
            }
            // Those that start in it are in it: a run.
            let n = (kb - k).min(left);
            out.extend_from_slice(&lane.span_ev[k..k + n]);
            self.span_at = k + n;
            self.span = self.find_span();
        }
    }
}

impl Iterator for Candidates<'_> {
    type Item = Candidate;

    fn next(&mut self) -> Option<Candidate> {
        let scale = self.scale;
        let take_span = match (self.span, self.peek_point()) {
            (Some(a), Some(b)) => self.span_first(a, b),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return None,
        };
        if take_span {
            let (k, m0) = self.span?;
            self.span = self.find_span();
            let e = self.lane.span_t[k][1];
            let b = greater(lesser(scale.t_to_x(e), scale.x1), m0 + 2.0 * MARKER_R);
            Some(Candidate {
                event: self.lane.span_ev[k],
                m0,
                m1: b,
                x: m0,
                span_end: Some(b),
                label_inside: false,
                label: None,
            })
        } else {
            let k = self.point_at;
            self.point_at += 1;
            let sx = scale.t_to_x(self.lane.point_t[k]);
            Some(Candidate {
                event: self.lane.point_ev[k],
                m0: sx - MARKER_R,
                m1: sx + MARKER_R,
                x: sx,
                span_end: None,
                label_inside: false,
                label: None,
            })
        }
    }
}

/// The pixel column of a time, `floor(t_to_x(t))`, for decimating dense
/// series: a multiplication instead of a division, and a floor without a
/// call (`f64::floor` is one at opt-level "z" natively). Columns only group
/// points, so the last bit of rounding does not matter.
fn column_of(scale: &TimeScale) -> impl Fn(Ms) -> i64 {
    let (x0, start) = (scale.x0, scale.window.start);
    let k = scale.width() / scale.window.span();
    move |t: Ms| {
        let x = x0 + (t - start) * k;
        let i = x as i64;
        if (i as f64) > x {
            i - 1
        } else {
            i
        }
    }
}

/// The most rows a lane asks for.
const MAX_LANE_ROWS: usize = 12;

/// Widths of cluster badges by the number of digits in their count.
struct BadgeWidths([f64; 21]);

impl BadgeWidths {
    fn new() -> Self {
        BadgeWidths([f64::NAN; 21])
    }

    fn get(&mut self, count: usize, measure: &dyn TextMeasure) -> f64 {
        let digits = count.checked_ilog10().map_or(1, |d| d as usize + 1);
        let slot = &mut self.0[digits.min(20)];
        if slot.is_nan() {
            *slot = (measure.width(&count.to_string(), Font::Badge) + 10.0).max(BADGE_H);
        }
        *slot
    }
}

/// Places candidates into `rows` rows; `row_start` gives a left limit per
/// row (the lane caption). Returns the items with their row index.
///
/// Each candidate goes to the first row where it fits with its label, else
/// with its marker only. If none has room, the label of the item covering
/// its spot is shortened (or dropped) to make room; only when markers
/// themselves collide does it join that item in a cluster.
fn place(
    mut cands: Candidates,
    rows: usize,
    row_start: &[f64],
    cx: &LabelCx,
) -> Vec<(Item, usize)> {
    let measure = cx.measure;
    let rows = rows.max(1);
    let mut fill: Vec<RowFill> = (0..rows)
        .map(|r| RowFill {
            end: row_start.get(r).copied().unwrap_or(f64::NEG_INFINITY),
            before_last: f64::NEG_INFINITY,
            last: None,
        })
        .collect();
    let mut items: Vec<(Item, usize)> = Vec::new();
    // The full label text of each item, for shortening it later.
    let mut titles: Vec<String> = Vec::new();
    let mut badges = BadgeWidths::new();
    // The least row end, and the cluster a crowded candidate joins: both
    // stay valid until a row changes, so runs of events that all end in
    // one cluster cost O(1) each.
    let mut min_end = fill.iter().map(|f| f.end).fold(f64::INFINITY, lesser);
    let mut target: Option<(usize, usize)> = None;
    while let Some(mut c) = cands.next() {
        let crowded = min_end + ITEM_GAP / 2.0 > c.m0;
        if crowded {
            if let Some((r, ii)) = target {
                let end = merge_into_cluster(&mut items[ii].0, c.event, &mut badges, measure);
                let before = (fill[r].end, fill[r].last);
                fill[r].shrink_last(end);
                fill[r].last = Some((ii, end));
                // Mostly the badge keeps its width (its count keeps its
                // number of digits) and nothing moved.
                if before != (fill[r].end, fill[r].last) {
                    min_end = fill.iter().map(|f| f.end).fold(f64::INFINITY, lesser);
                }
                if min_end + ITEM_GAP / 2.0 <= c.m0 {
                    target = None;
                } else if let ItemKind::Cluster { members, .. } = &mut items[ii].0.kind {
                    // The crowded events that follow join too, while the
                    // count keeps its number of digits (so the badge keeps
                    // its width and no row changes): in one go.
                    let digits = members.len().checked_ilog10().unwrap_or(0) + 1;
                    let digits_end = 10usize.saturating_pow(digits);
                    let limit = digits_end.saturating_sub(members.len() + 1);
                    cands.take_before(min_end + ITEM_GAP / 2.0, limit, members);
                }
                continue;
            }
        }
        target = None;
        let mut chosen = None;
        if !crowded {
            if let Some(r) = fill.iter().position(|f| f.end + ITEM_GAP <= c.m0) {
                if c.label(cx).is_some() {
                    chosen = Some((r, true));
                }
            }
            if chosen.is_none() {
                chosen = fill
                    .iter()
                    .position(|f| f.end + ITEM_GAP / 2.0 <= c.m0)
                    .map(|r| (r, false));
            }
        }
        if chosen.is_none() {
            if let Some(r) = make_room(&mut fill, &mut items, &titles, &c, measure) {
                if fill[r].end + ITEM_GAP / 2.0 <= c.m0 {
                    let with_label = fill[r].end + ITEM_GAP <= c.m0 && c.label(cx).is_some();
                    chosen = Some((r, with_label));
                }
            }
        }
        match chosen {
            Some((r, keep_label)) => {
                let end = if keep_label { c.full_end(cx) } else { c.m1 };
                let label = if keep_label {
                    c.label.take().flatten().map(|b| *b)
                } else {
                    None
                };
                let kind = c.kind(keep_label);
                titles.push(label.as_ref().map(|l| l.0.clone()).unwrap_or_default());
                let item = Item {
                    event: c.event,
                    kind,
                    x: c.x,
                    y: 0.0,
                    color: Rgb::new(0, 0, 0),
                    label: label.map(|(text, x, w)| PlacedText {
                        x,
                        y: 0.0,
                        w,
                        text,
                        font: Font::Label,
                    }),
                    hit: Rect::new(c.m0, 0.0, c.m1 - c.m0, 0.0),
                };
                fill[r].push(items.len(), c.m1, end);
                items.push((item, r));
            }
            None => {
                let last_items = || {
                    fill.iter()
                        .enumerate()
                        .filter_map(|(r, f)| f.last.map(|(i, _)| (r, i)))
                };
                let is_span = |i: usize| matches!(items[i].0.kind, ItemKind::Span { .. });
                // Markers collide: join the nearest point (or cluster) as a cluster.
                let close = last_items()
                    .filter(|&(_, i)| !is_span(i))
                    .max_by(|a, b| items[a.1].0.hit.x.total_cmp(&items[b.1].0.hit.x));
                if let Some((r, ii)) = close {
                    let end = merge_into_cluster(&mut items[ii].0, c.event, &mut badges, measure);
                    fill[r].shrink_last(end);
                    fill[r].last = Some((ii, end));
                    min_end = fill.iter().map(|f| f.end).fold(f64::INFINITY, lesser);
                    // The next crowded candidate joins the same cluster, as
                    // long as no label could be shortened for it instead.
                    let labelled = fill
                        .iter()
                        .any(|f| f.last.is_some_and(|(i, _)| items[i].0.label.is_some()));
                    target = (!labelled).then_some((r, ii));
                    continue;
                }
                // Only span bars cover this spot: draw the marker on the bar
                // (marks may overlap, labels may not), clearing the bar's label
                // from it.
                let Some((r, ii)) = last_items().next() else {
                    continue; // no row has anything: only with no room at all
                };
                // Keep the bar's label clear of the marker and of a badge
                // that may later grow from it.
                let (zone0, zone1) = (c.m0 - ITEM_GAP / 2.0, c.m0 + BADGE_MAX_W + ITEM_GAP / 2.0);
                if let Some(l) = &items[ii].0.label {
                    if l.x < zone1 && l.x + l.w > zone0 {
                        let room = zone0 - l.x;
                        let short = titles
                            .get(ii)
                            .filter(|_| room >= MIN_LABEL_W)
                            .and_then(|t| fit_text(t, Font::Label, room, measure));
                        let (span, _) = &mut items[ii];
                        match short {
                            Some((text, w)) => {
                                if let Some(l) = &mut span.label {
                                    l.w = w;
                                    l.text = text;
                                }
                            }
                            None => {
                                span.label = None;
                                if let ItemKind::Span { label_inside, .. } = &mut span.kind {
                                    *label_inside = false;
                                }
                            }
                        }
                    }
                }
                titles.push(String::new());
                let item = Item {
                    event: c.event,
                    kind: ItemKind::Point,
                    x: c.x,
                    y: 0.0,
                    color: Rgb::new(0, 0, 0),
                    label: None,
                    hit: Rect::new(c.m0, 0.0, c.m1 - c.m0, 0.0),
                };
                fill[r].push(items.len(), c.m1, c.m1);
                items.push((item, r));
            }
        }
        min_end = fill.iter().map(|f| f.end).fold(f64::INFINITY, lesser);
    }
    items
}

/// Turns `item` into a cluster badge that also counts event `ev` (the badge
/// starts where the item started, which was clear of everything before it
/// in its row). Returns the badge's right edge.
fn merge_into_cluster(
    item: &mut Item,
    ev: usize,
    badges: &mut BadgeWidths,
    measure: &dyn TextMeasure,
) -> f64 {
    let bx = item.hit.x;
    let count = match &mut item.kind {
        ItemKind::Cluster { members, .. } => {
            members.push(ev);
            members.len()
        }
        _ => {
            item.kind = ItemKind::Cluster {
                members: vec![item.event, ev],
                badge: Rect::new(bx, 0.0, 0.0, 0.0),
            };
            2
        }
    };
    let bw = badges.get(count, measure);
    if let ItemKind::Cluster { badge, .. } = &mut item.kind {
        *badge = Rect::new(bx, -BADGE_H / 2.0, bw, BADGE_H);
    }
    item.x = bx + bw / 2.0;
    item.label = None;
    item.hit = Rect::new(bx, 0.0, bw, 0.0);
    bx + bw
}

/// Shortens or drops the label of the last item of some row so that the
/// marker of `c` fits after it. Returns the row.
fn make_room(
    fill: &mut [RowFill],
    items: &mut [(Item, usize)],
    titles: &[String],
    c: &Candidate,
    measure: &dyn TextMeasure,
) -> Option<usize> {
    // The row whose last label can stay the longest.
    let mut best: Option<(usize, usize, f64)> = None;
    for (r, f) in fill.iter().enumerate() {
        let Some((ii, _)) = f.last else { continue };
        let Some(l) = &items[ii].0.label else {
            continue;
        };
        let room = c.m0 - ITEM_GAP - l.x;
        if best.is_none_or(|(_, _, br)| room > br) {
            best = Some((r, ii, room));
        }
    }
    if let Some((r, ii, room)) = best.filter(|b| b.2 >= MIN_LABEL_W) {
        let text = titles
            .get(ii)
            .and_then(|t| fit_text(t, Font::Label, room, measure));
        let m1 = fill[r].last.map_or(f64::INFINITY, |l| l.1);
        if let (Some((text, w)), true) = (text, m1 + ITEM_GAP / 2.0 <= c.m0) {
            if let Some(l) = &mut items[ii].0.label {
                l.text = text;
                l.w = w;
                fill[r].shrink_last(m1.max(l.x + w));
                return Some(r);
            }
        }
    }
    // Drop a label entirely where the marker leaves room.
    for (r, f) in fill.iter_mut().enumerate() {
        let Some((ii, m1)) = f.last else { continue };
        if items[ii].0.label.is_some() && m1 + ITEM_GAP / 2.0 <= c.m0 {
            let (item, _) = &mut items[ii];
            item.label = None;
            if let ItemKind::Span { label_inside, .. } = &mut item.kind {
                *label_inside = false;
            }
            f.shrink_last(m1);
            return Some(r);
        }
    }
    None
}

/// Row counts needed per lane (no limit), then lanes laid out with the rows
/// that fit, then items placed.
fn lanes_and_items(
    ds: &Dataset,
    prepared: &Prepared,
    scale: &TimeScale,
    area: &Rect,
    lang: Lang,
    measure: &dyn TextMeasure,
) -> (Vec<Lane>, Vec<Item>) {
    if ds.events.is_empty() || area.h <= 0.0 {
        return (Vec::new(), Vec::new());
    }
    let single = ds.groups.is_empty();
    let caption_text = |g: Option<usize>| -> Option<String> {
        if single {
            return None;
        }
        Some(match g {
            Some(i) => ds.groups[i].label.clone(),
            None => strings(lang).other_lane.to_string(),
        })
    };

    // Pass 1: rows each lane wants (labels as if text fits).
    let wide = LabelCx {
        ds,
        scale,
        measure,
        text_fits: true,
    };
    let mut lanes_wanted = Vec::new();
    let no_times = LaneTimes::default();
    for (li, (g, _)) in prepared.lanes.iter().enumerate() {
        let cands = candidates(scale, prepared.lane_times.get(li).unwrap_or(&no_times));
        let (caption, caption_w) =
            match caption_text(*g).and_then(|t| fit_text(&t, Font::Caption, 160.0, measure)) {
                Some((t, w)) => (Some(t), w),
                None => (None, 0.0),
            };
        // Greedy fill (the caption reserves the start of the first row),
        // capped at MAX_LANE_ROWS rows a lane.
        let mut ends: Vec<f64> = Vec::new();
        if caption.is_some() {
            ends.push(scale.x0 + caption_w + 2.0);
        }
        let mut min_end = ends.iter().copied().fold(f64::INFINITY, f64::min);
        for mut c in cands {
            if ends.len() >= MAX_LANE_ROWS {
                break; // the most a lane gets: the rest cannot change it
            }
            if min_end + ITEM_GAP > c.m0 {
                ends.push(c.full_end(&wide));
            } else if let Some(r) = ends.iter().position(|&e| e + ITEM_GAP <= c.m0) {
                ends[r] = c.full_end(&wide);
            }
            min_end = ends.iter().copied().fold(f64::INFINITY, f64::min);
        }
        let need = ends.len().max(1);
        lanes_wanted.push((li, *g, caption, caption_w, need));
    }

    // Pass 2: share the rows.
    let n = lanes_wanted.len();
    let max_rows = ((area.h / ROW_MIN).floor() as usize).max(n);
    let wanted: Vec<usize> = lanes_wanted.iter().map(|p| p.4).collect();
    let rows = share_rows(&wanted, max_rows);
    let total_rows: usize = rows.iter().sum::<usize>().max(1);
    let row_h =
        (area.h / total_rows as f64).clamp(ROW_MIN.min(area.h / total_rows as f64), ROW_MAX);
    let extra = (area.h - row_h * total_rows as f64).max(0.0) / n.max(1) as f64;
    // Rows too low for a line of text get markers only, and badges no
    // taller than a row (their count is then left out).
    let text_fits = row_h >= Font::Label.size() * 1.3 + 1.0;
    let badge_h = BADGE_H.min(row_h - 1.0).max(0.0);

    let mut lanes = Vec::with_capacity(n);
    let mut items = Vec::new();
    let mut y = area.y;
    let cx = LabelCx {
        ds,
        scale,
        measure,
        text_fits,
    };
    for ((li, g, caption, caption_w, _need), r) in lanes_wanted.into_iter().zip(rows) {
        let caption = caption.filter(|_| text_fits);
        // Made again rather than kept from pass 1: labels are worked out
        // again (with `text_fits` now known), for the few candidates that
        // get a row with room.
        let cands = candidates(scale, prepared.lane_times.get(li).unwrap_or(&no_times));
        let lane_h = r as f64 * row_h + extra;
        let pad = extra / 2.0;
        let row_y = |row: usize| y + pad + (row as f64 + 0.5) * row_h;
        let color = group_color(ds, g);
        // With several rows the caption reserves the start of the first row.
        let caption_end = scale.x0 + caption_w + 2.0;
        let reserve = caption.is_some() && r >= 2;
        let starts: Vec<f64> = if reserve {
            vec![caption_end]
        } else {
            Vec::new()
        };
        let placed = place(cands, r, &starts, &cx);
        let first_row0 = placed
            .iter()
            .filter(|(_, row)| *row == 0)
            .map(|(it, _)| it.hit.x)
            .fold(f64::INFINITY, f64::min);
        let show_caption = reserve || first_row0 >= caption_end + ITEM_GAP;
        let caption = caption.filter(|_| show_caption).map(|text| PlacedText {
            x: scale.x0 + 2.0,
            y: row_y(0),
            w: caption_w,
            text,
            font: Font::Caption,
        });
        for (mut it, row) in placed {
            let cy = row_y(row);
            it.y = cy;
            it.color = color;
            if let Some(l) = &mut it.label {
                l.y = cy;
            }
            let h = match &it.kind {
                ItemKind::Point => 2.0 * MARKER_R,
                ItemKind::Span { label_inside, .. } => {
                    if *label_inside {
                        SPAN_H
                    } else {
                        8.0
                    }
                }
                ItemKind::Cluster { .. } => badge_h,
            };
            if let ItemKind::Cluster { badge, .. } = &mut it.kind {
                badge.h = badge_h;
                badge.y = cy - badge_h / 2.0;
            }
            it.hit = Rect::new(it.hit.x, cy - h / 2.0, it.hit.w, h).at_least(MIN_TARGET);
            items.push(it);
        }
        lanes.push(Lane {
            group: g,
            y,
            h: lane_h,
            rows: r,
            color,
            caption,
        });
        y += lane_h;
    }
    (lanes, items)
}

/// Distributes `total` rows: every lane gets one, then a second where it
/// wants one (so its caption has room), then rows go one at a time to the
/// lane with the largest unmet need.
fn share_rows(wanted: &[usize], total: usize) -> Vec<usize> {
    let mut rows = vec![1usize; wanted.len()];
    let mut left = total.saturating_sub(wanted.len());
    for (i, w) in wanted.iter().enumerate() {
        if left > 0 && *w >= 2 {
            rows[i] = 2;
            left -= 1;
        }
    }
    while left > 0 {
        let next = (0..wanted.len())
            .filter(|&i| wanted[i] > rows[i])
            .max_by_key(|&i| (wanted[i] - rows[i], usize::MAX - i));
        match next {
            Some(i) => {
                rows[i] += 1;
                left -= 1;
            }
            None => break,
        }
    }
    rows
}

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
fn period_end(t: Ms, precision: Precision) -> Option<Ms> {
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

#[allow(clippy::too_many_arguments)]
fn pane(
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
fn clip_polyline(pts: &[(f64, f64)], x0: f64, x1: f64) -> Vec<Vec<(f64, f64)>> {
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

#[cfg(test)]
mod tests;
