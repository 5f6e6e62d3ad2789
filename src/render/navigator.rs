//! Paints the navigator strip ([`crate::core::scene::navigator::Navigator`]): a
//! quiet overview — density bars and the first series in miniature on the
//! stripe colour — under a brush that shows the view window.

use super::frame::Painter;
use super::theme::{Rgba, Theme};
use crate::core::data::model::Dataset;
use crate::core::scene::navigator::Navigator;
use crate::core::scene::{series_color, Rect};
use plotters::style::{RGBAColor, ShapeStyle};
use plotters_backend::{BackendCoord, DrawingBackend, DrawingErrorKind};

/// Outline of the brush, CSS px.
const BRUSH_LINE: f64 = 1.5;
/// Opacity of the brush's fill (over the strip).
const BRUSH_ALPHA: f64 = 0.12;
/// Width of the series' miniature line, CSS px.
const SERIES_LINE: f64 = 1.25;
/// Grip marks: width and (at most) height, CSS px.
const GRIP_W: f64 = 6.0;
const GRIP_H: f64 = 16.0;

/// The density bars' colour: the muted text colour, much lightened. Over
/// an opaque background it is the colour the bars come out as over the
/// strip, opaque, so a backend can fill all bars with one path.
fn bar_color(theme: &Theme) -> Rgba {
    let c = theme.muted.with_alpha(if theme.dark { 0.32 } else { 0.30 });
    if theme.background.a >= 1.0 {
        c.over(theme.stripe.over(theme.background))
    } else {
        c
    }
}

fn rgba(c: Rgba) -> RGBAColor {
    RGBAColor(c.rgb.r, c.rgb.g, c.rgb.b, c.a.clamp(0.0, 1.0))
}

impl<'a, B: DrawingBackend> Painter<'a, B> {
    /// Paints the navigator strip: background, event density, the first
    /// series of `ds` (for its colour), and the brush with its grips.
    pub fn draw_navigator(
        &mut self,
        nav: &Navigator,
        ds: &Dataset,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        let theme = self.theme;
        let r = nav.rect;
        if r.w <= 0.0 || r.h <= 0.0 {
            return Ok(());
        }
        // The strip, set off from the chart above by a hairline.
        self.fill_rect(&r, theme.stripe)?;
        self.line(r.x, r.y, r.right(), r.y, theme.grid_major, 1.0)?;

        // Event density: quiet columns standing on the bottom.
        let bar = bar_color(theme);
        for b in &nav.bars {
            self.fill_rect(b, bar)?;
        }

        // The first series, in its own colour but softer than in its pane.
        if !nav.series.is_empty() {
            let alpha = if theme.dark { 0.85 } else { 0.75 };
            let c = theme.mark(series_color(ds, 0)).with_alpha(alpha);
            self.nav_lines(&nav.series, &r, c, SERIES_LINE)?;
        }

        // The brush: a tinted window with an outline kept inside it ...
        let b = nav.brush;
        self.fill_rect(&b, theme.selected.with_alpha(BRUSH_ALPHA))?;
        let inset = (BRUSH_LINE / 2.0).min(b.w / 2.0).min(b.h / 2.0);
        let outline = Rect::new(
            b.x + inset,
            b.y + inset,
            b.w - 2.0 * inset,
            b.h - 2.0 * inset,
        );
        self.stroke_rect(&outline, theme.selected, BRUSH_LINE)?;

        // ... and a grip on each edge: a small handle of the background
        // framed in the outline's colour, kept in the strip. A brush too
        // narrow for two is left bare (its grips would run together).
        let gh = GRIP_H.min(r.h * 0.6);
        if gh >= 4.0 && b.w >= 3.0 * GRIP_W {
            let gy = r.y + (r.h - gh) / 2.0;
            for edge in [b.x + inset, b.right() - inset] {
                let gx = (edge - GRIP_W / 2.0).max(r.x).min(r.right() - GRIP_W);
                let grip = Rect::new(gx, gy, GRIP_W, gh);
                self.fill_rect(&grip, theme.selected)?;
                let inner = Rect::new(gx + 1.25, gy + 1.25, GRIP_W - 2.5, gh - 2.5);
                self.fill_rect(&inner, theme.background)?;
            }
        }
        Ok(())
    }

    /// Polylines of a given width (one-point lines become a dot, kept in `strip`).
    fn nav_lines(
        &mut self,
        segments: &[Vec<(f64, f64)>],
        strip: &Rect,
        c: Rgba,
        width: f64,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        let style = ShapeStyle {
            color: rgba(c),
            filled: false,
            stroke_width: (width * self.ratio).round().max(1.0) as u32,
        };
        for seg in segments {
            if let [(x, y)] = seg.as_slice() {
                let d = width.max(1.5).min(strip.w).min(strip.h);
                let dx = (x - d / 2.0).max(strip.x).min(strip.right() - d);
                let dy = (y - d / 2.0).max(strip.y).min(strip.bottom() - d);
                self.fill_rect(&Rect::new(dx, dy, d, d), c)?;
                continue;
            }
            let pts: Vec<BackendCoord> = seg.iter().map(|&(x, y)| self.pt(x, y)).collect();
            self.backend.draw_path(pts, &style)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::data::time::parse_time;
    use crate::core::formats::dataset::parse_dataset;
    use crate::core::scene::navigator::navigator;
    use crate::core::scene::Prepared;
    use crate::core::view::scale::Window;
    use crate::render::recording::{Color, Op, RecordingBackend};

    fn sip() -> Dataset {
        parse_dataset(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/www/data/sip.en.json"
        )))
        .unwrap()
        .dataset
    }

    fn view(from: &str, to: &str) -> Window {
        let t = |s: &str| parse_time(s).unwrap().ms;
        Window::new(t(from), t(to)).unwrap()
    }

    fn sip_nav(ds: &Dataset, rect: Rect) -> Navigator {
        navigator(ds, &Prepared::new(ds), rect, view("2008", "2016")).unwrap()
    }

    fn same(c: &Color, want: Rgba) -> bool {
        c.rgb == (want.rgb.r, want.rgb.g, want.rgb.b) && (c.alpha - want.a).abs() < 1e-9
    }

    #[test]
    fn strip_brush_and_bars_are_drawn_inside_the_strip() {
        let ds = sip();
        let cases = [
            (Theme::light(), 1.0, view("2008", "2016"), 32.0),
            (Theme::dark(), 2.0, view("2008", "2016"), 44.0),
            // the brush over the whole strip, and a narrow one at its end
            (Theme::light(), 1.5, view("1900", "2100"), 32.0),
            (Theme::dark(), 1.0, view("2022-11-06", "2022-11-07"), 32.0),
        ];
        for (theme, ratio, view, h) in cases {
            let rect = Rect::new(12.0, 300.0, 776.0, h);
            let nav = navigator(&ds, &Prepared::new(&ds), rect, view).unwrap();
            let mut rec = RecordingBackend::new((800.0 * ratio) as u32, (360.0 * ratio) as u32);
            Painter::new(&mut rec, &theme, ratio)
                .draw_navigator(&nav, &ds)
                .unwrap();
            let px = |v: f64| (v * ratio).round() as i32;
            let (x0, y0, x1, y1) = (px(rect.x), px(rect.y), px(rect.right()), px(rect.bottom()));
            let inside = |p: &(i32, i32)| p.0 >= x0 && p.0 <= x1 && p.1 >= y0 && p.1 <= y1;
            let what = format!("dark {} ratio {ratio} {view:?}", theme.dark);

            // everything stays in the strip
            for op in &rec.ops {
                let pts: Vec<(i32, i32)> = match op {
                    Op::Rect { a, b, .. } | Op::Line { from: a, to: b, .. } => vec![*a, *b],
                    Op::Path { points, .. } | Op::Polygon { points, .. } => points.clone(),
                    other => panic!("{what}: unexpected {other:?}"),
                };
                assert!(pts.iter().all(inside), "{what}: {op:?} outside the strip");
            }

            // the strip's background first
            assert!(matches!(&rec.ops[0], Op::Rect { a, b, color, fill: true }
                if *a == (x0, y0) && *b == (x1, y1) && same(color, theme.stripe)));

            // one fill per density bar, in the bars' colour
            let bar = bar_color(&theme);
            let bars = rec
                .ops
                .iter()
                .filter(|op| matches!(op, Op::Rect { color, fill: true, .. } if same(color, bar)))
                .count();
            assert_eq!(bars, nav.bars.len(), "{what}");
            assert!(bars >= 4, "{what}");

            // the brush: its tinted fill and its outline, matching nav.brush
            let b = nav.brush;
            let fill = rec.ops.iter().find_map(|op| match op {
                Op::Rect {
                    a,
                    b,
                    color,
                    fill: true,
                } if same(color, theme.selected.with_alpha(BRUSH_ALPHA)) => Some((*a, *b)),
                _ => None,
            });
            assert_eq!(fill, Some(((px(b.x), y0), (px(b.right()), y1))), "{what}");
            let outline: Vec<_> = rec
                .ops
                .iter()
                .filter_map(|op| match op {
                    Op::Rect {
                        a,
                        b,
                        color,
                        fill: false,
                    } if same(color, theme.selected) => Some((*a, *b)),
                    _ => None,
                })
                .collect();
            assert_eq!(outline.len(), 1, "{what}");
            let (a, c) = outline[0];
            assert!((a.0 - px(b.x)).abs() <= px(1.0) && (c.0 - px(b.right())).abs() <= px(1.0));
            // two grips, one on each edge
            let grips: Vec<_> = rec
                .ops
                .iter()
                .filter_map(|op| match op {
                    Op::Rect {
                        a,
                        b,
                        color,
                        fill: true,
                    } if same(color, theme.selected) => Some((*a, *b)),
                    _ => None,
                })
                .collect();
            if b.w >= 3.0 * GRIP_W {
                assert_eq!(grips.len(), 2, "{what}");
                assert!(grips[0].0 .0 <= px(b.x + 1.0) && grips[0].1 .0 >= px(b.x));
                assert!(grips[1].0 .0 <= px(b.right()) && grips[1].1 .0 >= px(b.right() - 1.0));
            } else {
                assert_eq!(grips.len(), 0, "{what}: a narrow brush is bare");
            }

            // the series line in the series' colour, softened
            let sc = theme.mark(series_color(&ds, 0));
            assert!(rec.ops.iter().any(|op| matches!(op,
                Op::Path { color, points, .. } if color.rgb == (sc.rgb.r, sc.rgb.g, sc.rgb.b)
                    && color.alpha < 1.0 && points.len() >= 2)));
        }
    }

    #[test]
    fn tiny_strips_draw_without_panicking() {
        let ds = sip();
        for rect in [
            Rect::new(0.0, 0.0, 1.0, 1.0),
            Rect::new(3.0, 4.0, 6.0, 3.0),
            Rect::new(0.0, 0.0, 20.0, 8.0),
        ] {
            let nav = sip_nav(&ds, rect);
            let mut rec = RecordingBackend::new(40, 40);
            Painter::new(&mut rec, &Theme::light(), 1.0)
                .draw_navigator(&nav, &ds)
                .unwrap();
            assert!(!rec.ops.is_empty());
        }
    }

    /// Renders the SIP navigator into pixels in both themes and checks what
    /// a reader would see: the strip is calm (mostly background), the brush
    /// outline is there in the selection colour. With `CHRONOSCOPE_NAV_PNG`
    /// set to a folder, also writes `navigator-light.png` / `-dark.png` there
    /// (and `-narrow` ones with a day-wide view).
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn sip_navigator_bitmap_in_both_themes() {
        use plotters::prelude::BitMapBackend;
        let ds = sip();
        // the bottom bar's height on a desktop-sized box
        let (w, h, ratio) = (800u32, 48u32, 2.0);
        let rect = Rect::new(12.0, 8.0, 776.0, 32.0);
        let nav = sip_nav(&ds, rect);
        for (name, theme) in [("light", Theme::light()), ("dark", Theme::dark())] {
            let (pw, ph) = ((w as f64 * ratio) as u32, (h as f64 * ratio) as u32);
            let paint_with = |backend: &mut BitMapBackend, nav: &Navigator| {
                let mut p = Painter::new(backend, &theme, ratio);
                p.fill_rect(&Rect::new(0.0, 0.0, w as f64, h as f64), theme.background)?;
                p.draw_navigator(nav, &ds)?;
                backend.present()
            };
            let paint = |backend: &mut BitMapBackend| paint_with(backend, &nav);
            let mut buf = vec![0u8; (pw * ph * 3) as usize];
            {
                let mut backend = BitMapBackend::with_buffer(&mut buf, (pw, ph));
                paint(&mut backend).unwrap();
            }
            if let Some(dir) = std::env::var_os("CHRONOSCOPE_NAV_PNG") {
                let path = std::path::Path::new(&dir).join(format!("navigator-{name}.png"));
                let mut backend = BitMapBackend::new(&path, (pw, ph));
                paint(&mut backend).unwrap();
                // and a day-wide view at the data's end (a narrow brush)
                let narrow = view("2022-11-06", "2022-11-07");
                let nav = navigator(&ds, &Prepared::new(&ds), rect, narrow).unwrap();
                let path = std::path::Path::new(&dir).join(format!("navigator-{name}-narrow.png"));
                let mut backend = BitMapBackend::new(&path, (pw, ph));
                paint_with(&mut backend, &nav).unwrap();
            }
            let at = |x: f64, y: f64| {
                let (x, y) = ((x * ratio) as usize, (y * ratio) as usize);
                let i = (y * pw as usize + x) * 3;
                (buf[i], buf[i + 1], buf[i + 2])
            };
            let bg = theme.background.rgb;
            let sel = theme.selected.rgb;
            let near = |p: (u8, u8, u8), c: crate::core::data::model::Rgb, tol: i32| {
                (p.0 as i32 - c.r as i32).abs() <= tol
                    && (p.1 as i32 - c.g as i32).abs() <= tol
                    && (p.2 as i32 - c.b as i32).abs() <= tol
            };
            // outside the strip: background
            assert!(near(at(4.0, 4.0), bg, 0), "{name}");
            // the brush's outline on its top edge, in the selection colour
            let mid = nav.brush.x + nav.brush.w / 2.0;
            assert!(
                near(at(mid, rect.y + 0.5), sel, 8),
                "{name}: {:?}",
                at(mid, rect.y + 0.5)
            );
            // its inside is only tinted: close to the background
            let inside = at(mid, rect.y + 6.0);
            assert!(near(inside, bg, 48), "{name}: {inside:?}");
            assert!(!near(inside, bg, 2), "{name}: the brush is tinted");
            // the strip outside the brush (over no data) is barely off the background
            let calm = at(rect.x + 200.0, rect.y + 4.0);
            assert!(near(calm, bg, 16), "{name}: {calm:?}");
        }
    }
}
