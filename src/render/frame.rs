//! Paints a [`Scene`] through any plotters [`DrawingBackend`]: the browser
//! canvas, SVG, a bitmap, or the recording backend of the tests.
//!
//! Coordinates in the scene are CSS pixels; `ratio` (the device pixel ratio)
//! converts them to the backend's pixels so HiDPI canvases stay sharp.

use super::theme::{Rgba, Theme};
use crate::core::data::model::{Dataset, Rgb};
use crate::core::scene::{metrics, Crosshair, Item, ItemKind, PlacedText, Rect, Scene};
use crate::core::text::measure::Font;
use plotters::style::{FontDesc, FontFamily, FontStyle, RGBAColor, ShapeStyle, TextStyle};
use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendCoord, DrawingBackend, DrawingErrorKind};

/// More lane colours than this and the marks are painted in one pass of
/// each kind instead of one per colour.
const MAX_PASS_COLORS: usize = 32;

type Res<B> = Result<(), DrawingErrorKind<<B as DrawingBackend>::ErrorType>>;

/// What the overlay highlights.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Highlight {
    /// Item under the pointer (index into `Scene::items`).
    pub hover: Option<usize>,
    /// Selected event (index into `Dataset::events`).
    pub selected: Option<usize>,
    /// Event whose entry in the accessible list has keyboard focus (index
    /// into `Dataset::events`): drawn with a focus ring, so a keyboard user
    /// sees where focus is although the list itself is not shown.
    pub focused: Option<usize>,
}

/// A painter bound to a backend, a theme and a pixel ratio.
pub struct Painter<'a, B: DrawingBackend> {
    pub backend: &'a mut B,
    pub theme: &'a Theme,
    pub ratio: f64,
    /// Multiplies font sizes for backends whose text size is not the CSS
    /// em size (plotters' SVG divides by 1.24; ab_glyph bitmaps scale by
    /// the font's height).
    pub font_scale: f64,
}

fn color(c: Rgba) -> RGBAColor {
    RGBAColor(c.rgb.r, c.rgb.g, c.rgb.b, c.a.clamp(0.0, 1.0))
}

impl<'a, B: DrawingBackend> Painter<'a, B> {
    pub fn new(backend: &'a mut B, theme: &'a Theme, ratio: f64) -> Self {
        let ratio = if ratio.is_finite() && ratio > 0.0 {
            ratio.min(8.0)
        } else {
            1.0
        };
        Painter {
            backend,
            theme,
            ratio,
            font_scale: 1.0,
        }
    }

    /// CSS px → backend px (clamped far outside any real surface so that
    /// huge coordinates never overflow).
    pub(crate) fn px(&self, v: f64) -> i32 {
        let d = (v * self.ratio).round();
        if d.is_nan() {
            0
        } else {
            d.clamp(-1.0e7, 1.0e7) as i32
        }
    }

    pub(crate) fn pt(&self, x: f64, y: f64) -> BackendCoord {
        (self.px(x), self.px(y))
    }

    fn width(&self, css: f64) -> u32 {
        (css * self.ratio).round().max(1.0) as u32
    }

    pub(crate) fn fill_rect(&mut self, r: &Rect, c: Rgba) -> Res<B> {
        if r.w <= 0.0 || r.h <= 0.0 || c.a <= 0.0 {
            return Ok(());
        }
        let (a, b) = (self.pt(r.x, r.y), self.pt(r.right(), r.bottom()));
        let b = (b.0.max(a.0 + 1), b.1.max(a.1 + 1));
        self.backend.draw_rect(a, b, &color(c), true)
    }

    pub(crate) fn stroke_rect(&mut self, r: &Rect, c: Rgba, w: f64) -> Res<B> {
        let style = ShapeStyle {
            color: color(c),
            filled: false,
            stroke_width: self.width(w),
        };
        let (a, b) = (self.pt(r.x, r.y), self.pt(r.right(), r.bottom()));
        self.backend.draw_rect(a, b, &style, false)
    }

    pub(crate) fn line(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, c: Rgba, w: f64) -> Res<B> {
        let style = ShapeStyle {
            color: color(c),
            filled: false,
            stroke_width: self.width(w),
        };
        let (a, b) = (self.pt(x0, y0), self.pt(x1, y1));
        self.backend.draw_line(a, b, &style)
    }

    pub(crate) fn circle(&mut self, x: f64, y: f64, r: f64, c: Rgba, fill: bool, w: f64) -> Res<B> {
        let style = ShapeStyle {
            color: color(c),
            filled: fill,
            stroke_width: self.width(w),
        };
        let radius = (r * self.ratio).round().max(1.0) as u32;
        self.backend
            .draw_circle(self.pt(x, y), radius, &style, fill)
    }

    fn text_style(&self, font: Font, c: Rgba, anchor: Pos) -> TextStyle<'a> {
        let style = if font.bold() {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let family: &'a str = self.theme.font_family.as_str();
        let desc = FontDesc::new(
            FontFamily::Name(family),
            font.size() * self.ratio * self.font_scale,
            style,
        );
        TextStyle {
            font: desc,
            color: plotters_backend::BackendColor {
                alpha: c.a.clamp(0.0, 1.0),
                rgb: (c.rgb.r, c.rgb.g, c.rgb.b),
            },
            pos: anchor,
        }
    }

    /// Draws a placed, left-aligned, vertically centred text.
    pub(crate) fn text(&mut self, t: &PlacedText, c: Rgba) -> Res<B> {
        if t.text.is_empty() {
            return Ok(());
        }
        let style = self.text_style(t.font, c, Pos::new(HPos::Left, VPos::Center));
        let at = self.pt(t.x, t.y);
        self.backend.draw_text(&t.text, &style, at)
    }

    pub(crate) fn text_centered(&mut self, s: &str, x: f64, y: f64, font: Font, c: Rgba) -> Res<B> {
        let style = self.text_style(font, c, Pos::new(HPos::Center, VPos::Center));
        let at = self.pt(x, y);
        self.backend.draw_text(s, &style, at)
    }

    /// Paints the whole frame (everything but hover and selection).
    pub fn draw_scene(&mut self, scene: &Scene, ds: &Dataset) -> Res<B> {
        let theme = self.theme;
        let full = Rect::new(0.0, 0.0, scene.width, scene.height);
        self.fill_rect(&full, theme.background)?;
        let content_bottom = scene.content_bottom();

        // Lanes: stripes and captions.
        for (i, lane) in scene.lanes.iter().enumerate() {
            if i % 2 == 1 {
                let r = Rect::new(0.0, lane.y, scene.width, lane.h);
                self.fill_rect(&r, theme.stripe)?;
            }
        }

        // Eras: bands behind everything, labels in their strip.
        for band in &scene.eras {
            let top = scene.era_strip.map_or(scene.timeline.y, |s| s.y);
            let r = Rect::new(band.x0, top, band.x1 - band.x0, content_bottom - top);
            let c = theme.mark(band.color).with_alpha(theme.era_alpha);
            self.fill_rect(&r, c)?;
            let edge = theme
                .mark(band.color)
                .with_alpha((theme.era_alpha * 3.0).min(0.6));
            if band.x0 > scene.scale.x0 + 0.5 {
                self.line(band.x0, top, band.x0, content_bottom, edge, 1.0)?;
            }
            if let Some(l) = &band.label {
                self.text(l, theme.text)?;
            }
        }

        // Grid lines of the time axis through the timeline and the panes.
        for t in &scene.ticks {
            let c = if t.major {
                theme.grid_major
            } else {
                theme.grid
            };
            self.line(t.x, scene.timeline.y, t.x, scene.axis.y, c, 1.0)?;
            for p in &scene.panes {
                self.line(t.x, p.plot.y, t.x, p.plot.bottom(), c, 1.0)?;
            }
        }

        // The axis.
        let ay = scene.axis.y;
        self.line(scene.axis.x, ay, scene.axis.right(), ay, theme.axis, 1.0)?;
        for t in &scene.ticks {
            let len = if t.major { 7.0 } else { 4.0 };
            self.line(t.x, ay, t.x, ay + len, theme.axis, 1.0)?;
        }
        for t in &scene.ticks {
            if let Some(l) = &t.label {
                let c = if t.major { theme.text } else { theme.muted };
                self.text(l, c)?;
            }
        }

        for lane in &scene.lanes {
            if let Some(c) = &lane.caption {
                self.text(c, theme.muted)?;
            }
        }

        self.items(&scene.items)?;

        for pane in &scene.panes {
            self.pane(pane, ds)?;
        }
        if let Some(nav) = &scene.navigator {
            self.draw_navigator(nav, ds)?;
        }
        Ok(())
    }

    /// Paints the event marks in passes — span bars, marker halos, markers,
    /// cluster badges, then the texts — each pass grouped by colour, so a
    /// backend that batches shapes of one colour (the canvas) fills a few
    /// paths a frame instead of two per event. Marks of different lanes
    /// never overlap and layout keeps a row's marks apart, so the order only
    /// decides which of two touching marks lies on top: markers and badges
    /// above span bars, texts above everything.
    fn items(&mut self, items: &[Item]) -> Res<B> {
        let theme = self.theme;
        // The lanes' colours (a handful; one per group). Datasets colouring
        // events one by one could have thousands: then one pass per colour
        // would cost too much, and a single pass of each kind is used.
        let mut colors: Vec<Rgb> = Vec::new();
        for it in items {
            if !colors.contains(&it.color) {
                colors.push(it.color);
                if colors.len() > MAX_PASS_COLORS {
                    break;
                }
            }
        }
        let by_color = colors.len() <= MAX_PASS_COLORS;
        let groups: Vec<Option<Rgb>> = if by_color {
            colors.iter().copied().map(Some).collect()
        } else {
            vec![None]
        };
        let of = |g: Option<Rgb>| move |it: &&Item| g.is_none_or(|c| it.color == c);

        // Span bars: the translucent ones (label inside) each on its own,
        // then the opaque bars and the accents of one colour together.
        for &g in &groups {
            for it in items.iter().filter(of(g)) {
                if let ItemKind::Span {
                    x_end,
                    label_inside: true,
                } = it.kind
                {
                    let c = theme.mark(it.color);
                    let h = metrics::SPAN_H;
                    let r = Rect::new(it.x, it.y - h / 2.0, x_end - it.x, h);
                    self.fill_rect(&r, c.with_alpha(if theme.dark { 0.38 } else { 0.22 }))?;
                }
            }
            for it in items.iter().filter(of(g)) {
                if let ItemKind::Span {
                    x_end,
                    label_inside,
                } = it.kind
                {
                    let c = theme.mark(it.color);
                    if label_inside {
                        let h = metrics::SPAN_H;
                        self.fill_rect(&Rect::new(it.x, it.y - h / 2.0, 3.0, h), c)?;
                    } else {
                        let r = Rect::new(it.x, it.y - 4.0, x_end - it.x, 8.0);
                        self.fill_rect(&r, c)?;
                    }
                }
            }
        }
        // Markers: every halo, then the markers colour by colour.
        for it in items.iter().filter(|it| matches!(it.kind, ItemKind::Point)) {
            let r = metrics::MARKER_R + 1.5;
            self.circle(it.x, it.y, r, theme.background, true, 1.0)?;
        }
        for &g in &groups {
            for it in items.iter().filter(of(g)) {
                if matches!(it.kind, ItemKind::Point) {
                    let c = theme.mark(it.color);
                    self.circle(it.x, it.y, metrics::MARKER_R, c, true, 1.0)?;
                }
            }
        }
        // Cluster badges: the plates, then their frames colour by colour.
        for it in items {
            if let ItemKind::Cluster { badge, .. } = &it.kind {
                self.fill_rect(badge, theme.background)?;
            }
        }
        for &g in &groups {
            for it in items.iter().filter(of(g)) {
                if let ItemKind::Cluster { badge, .. } = &it.kind {
                    self.stroke_rect(badge, theme.mark(it.color), 1.5)?;
                }
            }
        }
        // Texts: labels, then the badges' counts (one font each).
        for it in items {
            if let Some(l) = &it.label {
                self.text(l, theme.text)?;
            }
        }
        for it in items {
            if let ItemKind::Cluster { members, badge } = &it.kind {
                // In rows too low for text the badge is a bare box.
                if badge.h >= Font::Badge.size() + 2.0 {
                    let n = members.len().to_string();
                    let (cx, cy) = (badge.x + badge.w / 2.0, badge.y + badge.h / 2.0);
                    self.text_centered(&n, cx, cy, Font::Badge, theme.text)?;
                }
            }
        }
        Ok(())
    }

    fn pane(&mut self, pane: &crate::core::scene::Pane, ds: &Dataset) -> Res<B> {
        let theme = self.theme;
        let c = theme.mark(pane.color);
        self.text(&pane.title, theme.text)?;
        for (y, _) in &pane.grid {
            self.line(
                pane.plot.x,
                *y,
                pane.plot.right(),
                *y,
                theme.grid_major,
                1.0,
            )?;
        }
        // The kind's geometry, whatever the kind: fills, rectangles,
        // strokes, dots.
        let g = &pane.geom;
        let fill = color(c.with_alpha(theme.area_alpha));
        for poly in &g.fills {
            let pts: Vec<BackendCoord> = poly.iter().map(|&(x, y)| self.pt(x, y)).collect();
            self.backend.fill_polygon(pts, &fill)?;
        }
        for r in &g.rects {
            self.fill_rect(r, c)?;
        }
        self.polylines(&g.strokes, c)?;
        self.dots(&g.dots, c)?;
        for (_, label) in &pane.grid {
            if let Some(l) = label {
                let halo = l.rect();
                self.fill_rect(
                    &Rect::new(halo.x - 2.0, halo.y, halo.w + 4.0, halo.h),
                    theme.background.with_alpha(0.75),
                )?;
                self.text(l, theme.muted)?;
            }
        }
        for l in &pane.value_labels {
            self.text(l, theme.text)?;
        }
        let _ = ds;
        Ok(())
    }

    pub(crate) fn polylines(&mut self, segments: &[Vec<(f64, f64)>], c: Rgba) -> Res<B> {
        let style = ShapeStyle {
            color: color(c),
            filled: false,
            stroke_width: self.width(2.0),
        };
        for seg in segments {
            let pts: Vec<BackendCoord> = seg.iter().map(|&(x, y)| self.pt(x, y)).collect();
            self.backend.draw_path(pts, &style)?;
        }
        Ok(())
    }

    fn dots(&mut self, dots: &[(f64, f64)], c: Rgba) -> Res<B> {
        for &(x, y) in dots {
            self.circle(x, y, 4.5, self.theme.background, true, 1.0)?;
            self.circle(x, y, 3.5, c, true, 1.0)?;
        }
        Ok(())
    }

    /// Paints hover and selection (on a transparent overlay surface).
    pub fn draw_highlight(&mut self, scene: &Scene, hl: Highlight) -> Res<B> {
        let theme = self.theme;
        let selected_item = hl.selected.and_then(|ev| scene.item_of_event(ev));
        if let Some(i) = hl.hover.filter(|h| Some(*h) != selected_item) {
            if let Some(item) = scene.items.get(i) {
                self.ring(item, theme.hover, 1.5)?;
            }
        }
        if let Some(i) = selected_item {
            if let Some(item) = scene.items.get(i) {
                self.ring(item, theme.selected, 2.5)?;
            }
        }
        if let Some(item) = hl
            .focused
            .and_then(|ev| scene.item_of_event(ev))
            .and_then(|i| scene.items.get(i))
        {
            self.focus_ring(item)?;
        }
        Ok(())
    }

    /// A focus ring around an item and its label: a band of the background
    /// colour under a 2 px line of the selection colour, 4 px out, so it
    /// reads on any lane colour.
    fn focus_ring(&mut self, item: &Item) -> Res<B> {
        let mut r = match &item.kind {
            ItemKind::Cluster { badge, .. } => *badge,
            ItemKind::Span { x_end, .. } => Rect::new(
                item.x,
                item.y - metrics::SPAN_H / 2.0,
                (x_end - item.x).max(1.0),
                metrics::SPAN_H,
            ),
            ItemKind::Point => Rect::new(
                item.x - metrics::MARKER_R,
                item.y - metrics::MARKER_R,
                2.0 * metrics::MARKER_R,
                2.0 * metrics::MARKER_R,
            ),
        };
        if let Some(l) = &item.label {
            let lr = l.rect();
            let (x0, y0) = (r.x.min(lr.x), r.y.min(lr.y));
            let (x1, y1) = (r.right().max(lr.right()), r.bottom().max(lr.bottom()));
            r = Rect::new(x0, y0, x1 - x0, y1 - y0);
        }
        let out = Rect::new(r.x - 5.0, r.y - 5.0, r.w + 10.0, r.h + 10.0);
        self.stroke_rect(&out, self.theme.background, 5.0)?;
        self.stroke_rect(&out, self.theme.selected, 2.0)
    }

    /// Paints the crosshair (on the overlay): the line and a ring at each
    /// series' nearest point. With `labels`, also each reading on a plate
    /// (native output; the browser shows readings as DOM text instead).
    pub fn draw_crosshair(&mut self, ch: &Crosshair, labels: bool) -> Res<B> {
        let theme = self.theme;
        let line = theme.muted.with_alpha(0.7);
        self.line(ch.x, ch.top, ch.x, ch.bottom, line, 1.0)?;
        for m in &ch.marks {
            let c = theme.mark(m.color);
            self.circle(m.x, m.y, 5.5, theme.background, true, 1.0)?;
            self.circle(m.x, m.y, 5.5, c, false, 2.0)?;
            if labels {
                let r = m.label.rect();
                let plate = Rect::new(r.x - 4.0, r.y - 1.0, r.w + 8.0, r.h + 2.0);
                self.fill_rect(&plate, theme.card)?;
                self.stroke_rect(&plate, c, 1.0)?;
                self.text(&m.label, theme.text)?;
            }
        }
        Ok(())
    }

    fn ring(&mut self, item: &Item, c: Rgba, w: f64) -> Res<B> {
        match &item.kind {
            ItemKind::Point => {
                self.circle(item.x, item.y, metrics::MARKER_R + 3.5, c, false, w)?;
            }
            ItemKind::Span {
                x_end,
                label_inside,
            } => {
                let h = if *label_inside { metrics::SPAN_H } else { 8.0 };
                let r = Rect::new(
                    item.x - 3.0,
                    item.y - h / 2.0 - 3.0,
                    x_end - item.x + 6.0,
                    h + 6.0,
                );
                self.stroke_rect(&r, c, w)?;
            }
            ItemKind::Cluster { badge, .. } => {
                let r = Rect::new(badge.x - 3.0, badge.y - 3.0, badge.w + 6.0, badge.h + 6.0);
                self.stroke_rect(&r, c, w)?;
            }
        }
        if let Some(l) = &item.label {
            let y = l.y + l.font.size() * 0.72;
            self.line(l.x, y, l.x + l.w, y, c, w.min(2.0))?;
        }
        Ok(())
    }
}
