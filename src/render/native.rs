//! Native rendering (not in the wasm build): fonts from the system, text
//! measured with them, and frames written as SVG or PNG — for tests,
//! export and the command-line tool.

use super::frame::Painter;
use super::theme::Theme;
use crate::core::data::model::Dataset;
use crate::core::i18n::lang::Lang;
use crate::core::i18n::locale::{format_range, format_time};
use crate::core::scene::{layout, Item, ItemKind, LayoutInput, Prepared, Rect, Scene};
use crate::core::text::measure::{Font, TextMeasure};
use crate::core::view::scale::Window;
use plotters::prelude::{BitMapBackend, SVGBackend};
use plotters::style::{FontDesc, FontFamily, FontStyle};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use std::sync::OnceLock;

/// The family name the native renderer registers its font under.
pub const NATIVE_FAMILY: &str = "sans-serif";

/// Where Debian's fonts-noto-cjk puts its fonts.
pub const FONT_CANDIDATES: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
];

/// The font file's bytes, read once by [`ensure_font`].
static FONT_BYTES: OnceLock<&'static [u8]> = OnceLock::new();

/// ab_glyph scales glyphs by (ascent − descent) rather than by the em;
/// text sizes are multiplied by this to get CSS-like em sizes.
static FONT_SCALE: OnceLock<Result<f64, String>> = OnceLock::new();

/// Registers the CJK-capable system font with plotters (once). Returns the
/// factor from CSS font size to the size plotters' bitmap text expects.
pub fn ensure_font() -> Result<f64, String> {
    FONT_SCALE
        .get_or_init(|| {
            let path = FONT_CANDIDATES
                .iter()
                .find(|p| std::path::Path::new(p).exists())
                .ok_or_else(|| {
                    format!(
                        "no CJK font found (looked for {}); install Debian's fonts-noto-cjk",
                        FONT_CANDIDATES.join(", ")
                    )
                })?;
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            let _ = FONT_BYTES.set(bytes);
            for style in [FontStyle::Normal, FontStyle::Bold] {
                plotters::style::register_font(NATIVE_FAMILY, style, bytes)
                    .map_err(|_| format!("{path} is not a font plotters can read"))?;
            }
            Ok(ttc_height_per_em(bytes).unwrap_or(1.448))
        })
        .clone()
}

/// (ascent − descent) / unitsPerEm of the first face, read from `hhea` and `head`.
fn ttc_height_per_em(data: &[u8]) -> Option<f64> {
    let u32_at = |o: usize| {
        data.get(o..o + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let u16_at = |o: usize| data.get(o..o + 2).map(|b| u16::from_be_bytes([b[0], b[1]]));
    let face = if data.get(0..4)? == b"ttcf" {
        u32_at(12)? as usize
    } else {
        0
    };
    let tables = u16_at(face + 4)? as usize;
    let mut head = None;
    let mut hhea = None;
    for i in 0..tables {
        let rec = face + 12 + i * 16;
        let tag = data.get(rec..rec + 4)?;
        let off = u32_at(rec + 8)? as usize;
        match tag {
            b"head" => head = Some(off),
            b"hhea" => hhea = Some(off),
            _ => {}
        }
    }
    let upem = u16_at(head? + 18)? as f64;
    let ascent = u16_at(hhea? + 4)? as i16 as f64;
    let descent = u16_at(hhea? + 6)? as i16 as f64;
    (upem > 0.0).then(|| (ascent - descent) / upem)
}

/// Measures text with the registered native font.
#[derive(Clone, Copy, Debug)]
pub struct NativeMeasure {
    scale: f64,
}

impl NativeMeasure {
    pub fn new() -> Result<Self, String> {
        Ok(NativeMeasure {
            scale: ensure_font()?,
        })
    }
}

impl TextMeasure for NativeMeasure {
    fn width(&self, text: &str, font: Font) -> f64 {
        let style = if font.bold() {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let desc = FontDesc::new(
            FontFamily::Name(NATIVE_FAMILY),
            font.size() * self.scale,
            style,
        );
        match desc.box_size(text) {
            Ok((w, _)) => w as f64,
            Err(_) => crate::core::text::measure::ApproxMeasure.width(text, font),
        }
    }
}

/// What to render natively.
pub struct Frame<'a> {
    pub dataset: &'a Dataset,
    pub window: Window,
    pub width: u32,
    pub height: u32,
    pub lang: Lang,
    pub theme: Theme,
}

impl Frame<'_> {
    fn scene(&self, measure: &dyn TextMeasure) -> Scene {
        layout(&LayoutInput {
            dataset: self.dataset,
            prepared: &Prepared::new(self.dataset),
            window: self.window,
            width: self.width as f64,
            height: self.height as f64,
            lang: self.lang,
            measure,
            previous: None,
            formatter: None,
            chrome: Default::default(),
        })
    }

    fn paint<B: DrawingBackend>(
        &self,
        backend: &mut B,
        scene: &Scene,
        ratio: f64,
        font_scale: f64,
    ) -> Result<(), String> {
        let mut theme = self.theme.clone();
        theme.font_family = NATIVE_FAMILY.to_string();
        let mut p = Painter::new(backend, &theme, ratio);
        p.font_scale = font_scale;
        p.draw_scene(scene, self.dataset)
            .map_err(|e| format!("drawing failed: {e:?}"))?;
        backend
            .present()
            .map_err(|e| format!("drawing failed: {e:?}"))
    }

    /// The frame as an SVG document; labels stay `<text>` elements.
    pub fn to_svg(&self) -> Result<String, String> {
        let measure = NativeMeasure::new()?;
        let scene = self.scene(&measure);
        let mut out = String::new();
        {
            let mut backend = SVGBackend::with_string(&mut out, (self.width, self.height));
            // plotters' SVG writes font-size as size / 1.24
            self.paint(&mut backend, &scene, 1.0, 1.24)?;
        }
        Ok(super::xml_safe(out))
    }

    /// The frame as an SVG document, as [`Frame::to_svg`], followed by an
    /// invisible layer with one element per drawn event or cluster:
    /// `<rect class="cs-event" data-id="ID" …><title>Title, date</title></rect>`
    /// (a cluster: `class="cs-cluster"` and `data-ids`) over where it is
    /// drawn — the union of its marker and label, as the widget's
    /// `eventRect(id)` reports it; `data-x` is the marker's x (a span's
    /// start, clipped to the plot). Viewers show the title on hover, and a
    /// program can find each event without reading pixels.
    pub fn to_svg_with_events(&self) -> Result<String, String> {
        let measure = NativeMeasure::new()?;
        let scene = self.scene(&measure);
        let mut out = String::new();
        {
            let mut backend = SVGBackend::with_string(&mut out, (self.width, self.height));
            self.paint(&mut backend, &scene, 1.0, 1.24)?;
        }
        let layer = event_layer(&scene, self.dataset, self.lang);
        match out.rfind("</svg>") {
            Some(at) => out.insert_str(at, &layer),
            None => return Err("the SVG backend wrote no closing </svg>".into()),
        }
        Ok(super::xml_safe(out))
    }

    /// The frame as RGB pixels at `ratio` × the CSS size: (width, height, bytes).
    pub fn to_rgb(&self, ratio: f64) -> Result<(u32, u32, Vec<u8>), String> {
        let measure = NativeMeasure::new()?;
        let scale = ensure_font()?;
        let scene = self.scene(&measure);
        let w = (((self.width as f64) * ratio).round() as u32).max(1);
        let h = (((self.height as f64) * ratio).round() as u32).max(1);
        let mut buf = vec![0u8; (w * h * 3) as usize];
        {
            let bitmap = BitMapBackend::with_buffer(&mut buf, (w, h));
            let mut backend = GlyphText::new(bitmap, self.lang);
            self.paint(&mut backend, &scene, ratio, scale)?;
        }
        Ok((w, h, buf))
    }

    /// The frame as an RGB bitmap at `ratio` × the CSS size, written to `path` as PNG.
    pub fn to_png(&self, path: &std::path::Path, ratio: f64) -> Result<(), String> {
        let measure = NativeMeasure::new()?;
        let scale = ensure_font()?;
        let scene = self.scene(&measure);
        let w = ((self.width as f64) * ratio).round() as u32;
        let h = ((self.height as f64) * ratio).round() as u32;
        let bitmap = BitMapBackend::new(path, (w.max(1), h.max(1)));
        let mut backend = GlyphText::new(bitmap, self.lang);
        self.paint(&mut backend, &scene, ratio, scale)
    }
}

/// The face of Noto Sans CJK's collection for a language (the collection
/// holds JP, KR, SC, TC, HK in that order), so Chinese, Japanese and Korean
/// text gets its own glyph forms.
fn cjk_face(lang: Lang) -> u32 {
    match lang {
        Lang::Ko => 1,
        Lang::ZhHans => 2,
        Lang::ZhHant => 3,
        Lang::En | Lang::Ja | Lang::Ar => 0,
    }
}

/// A bitmap backend whose text is drawn glyph by glyph with ab_glyph,
/// each glyph at its own left side bearing. (plotters' own ab_glyph text
/// drops the bearing, so glyphs with a wide one, like 區, left visible gaps
/// in CJK labels.) Everything else goes to the inner backend.
struct GlyphText<B> {
    inner: B,
    font: Option<ab_glyph::FontRef<'static>>,
}

impl<B> GlyphText<B> {
    fn new(inner: B, lang: Lang) -> Self {
        let font = FONT_BYTES.get().and_then(|bytes| {
            ab_glyph::FontRef::try_from_slice_and_index(bytes, cjk_face(lang))
                .or_else(|_| ab_glyph::FontRef::try_from_slice(bytes))
                .ok()
        });
        GlyphText { inner, font }
    }
}

impl<B: DrawingBackend> DrawingBackend for GlyphText<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        use ab_glyph::{Font as _, ScaleFont as _};
        let Some(font) = self.font.clone() else {
            return self.inner.draw_text(text, style, pos);
        };
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        // The same box and anchoring as plotters' default draw_text, whose
        // layout (advances and kerning) measured the label.
        let ((min_x, min_y), (max_x, max_y)) = style
            .layout_box(text)
            .map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
        let (width, height) = (max_x - min_x, max_y - min_y);
        let anchor = style.anchor();
        let dx = match anchor.h_pos {
            HPos::Left => 0,
            HPos::Right => -width,
            HPos::Center => -width / 2,
        };
        let dy = match anchor.v_pos {
            VPos::Top => 0,
            VPos::Center => -height / 2,
            VPos::Bottom => -height,
        };
        let size = style.size() as f32;
        let scaled = font.as_scaled(size);
        let (w, h) = self.inner.get_size();
        let mut pen = 0f32;
        let mut prev = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = prev {
                pen += scaled.kern(p, id);
            }
            prev = Some(id);
            let glyph = id.with_scale_and_position(size, ab_glyph::point(pen, 0.0));
            if let Some(outline) = scaled.outline_glyph(glyph) {
                let bounds = outline.px_bounds();
                let ox = bounds.min.x.floor() as i32;
                let oy = (size / 2.0 + bounds.min.y) as i32;
                let mut pixels = Vec::new();
                outline.draw(|x, y, a| pixels.push((x as i32 + ox, y as i32 + oy, a)));
                for (x, y, a) in pixels {
                    let (x, y) = (pos.0 + x + dx - min_x, pos.1 + y + dy - min_y);
                    if a > 0.0 && x >= 0 && y >= 0 && x < w as i32 && y < h as i32 {
                        self.inner.draw_pixel((x, y), color.mix(f64::from(a)))?;
                    }
                }
            }
            pen += scaled.h_advance(id);
        }
        Ok(())
    }
}

/// Text for XML character data and attribute values.
fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Where an item is drawn: its marker (a cluster: its badge) and its label.
fn item_rect(item: &Item) -> Rect {
    let mut r = match &item.kind {
        ItemKind::Cluster { badge, .. } => *badge,
        _ => item.hit,
    };
    if let Some(l) = &item.label {
        let lr = l.rect();
        let (x0, y0) = (r.x.min(lr.x), r.y.min(lr.y));
        let (x1, y1) = (r.right().max(lr.right()), r.bottom().max(lr.bottom()));
        r = Rect::new(x0, y0, x1 - x0, y1 - y0);
    }
    r
}

/// The invisible per-event layer of [`Frame::to_svg_with_events`].
fn event_layer(scene: &Scene, ds: &Dataset, lang: Lang) -> String {
    use std::fmt::Write;
    let mut out = String::from(r##"<g class="cs-events" fill="#000" fill-opacity="0">"##);
    for item in &scene.items {
        let r = item_rect(item);
        let (class, attr, ids, title) = match &item.kind {
            ItemKind::Cluster { members, .. } => {
                let ids: Vec<&str> = members
                    .iter()
                    .filter_map(|&i| ds.events.get(i).map(|e| e.id.as_str()))
                    .collect();
                let titles: Vec<&str> = members
                    .iter()
                    .filter_map(|&i| ds.events.get(i).map(|e| e.title.as_str()))
                    .collect();
                ("cs-cluster", "data-ids", ids.join(" "), titles.join("; "))
            }
            _ => {
                let Some(ev) = ds.events.get(item.event) else {
                    continue;
                };
                let date = match &ev.end {
                    Some(end) => format_range(&ev.start, end, lang),
                    None => format_time(&ev.start, lang),
                };
                (
                    "cs-event",
                    "data-id",
                    ev.id.clone(),
                    format!("{}, {date}", ev.title),
                )
            }
        };
        let _ = write!(
            out,
            r#"<rect class="{class}" {attr}="{}" data-x="{:.2}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"><title>{}</title></rect>"#,
            xml_escape(&ids),
            item.x,
            r.x,
            r.y,
            r.w,
            r.h,
            xml_escape(&title),
        );
    }
    out.push_str("</g>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::style::{Color, TextStyle, BLACK};

    /// Leftmost and rightmost inked columns of `text` drawn at x = 0.
    fn ink(text: &str, lang: Lang) -> Option<(u32, u32)> {
        ensure_font().ok()?;
        let (w, h) = (300u32, 160u32);
        let mut buf = vec![255u8; (w * h * 3) as usize];
        {
            let bitmap = BitMapBackend::with_buffer(&mut buf, (w, h));
            let mut backend = GlyphText::new(bitmap, lang);
            let font = FontDesc::new(FontFamily::Name(NATIVE_FAMILY), 120.0, FontStyle::Normal);
            let black = BLACK.mix(1.0);
            let style = TextStyle::from(font).color(&black);
            // Below the top: the glyphs' tops rise above the anchor.
            backend.draw_text(text, &style, (0, 40)).ok()?;
        }
        let dark = |x: u32| (0..h).any(|y| buf[((y * w + x) * 3) as usize] < 128);
        let first = (0..w).find(|&x| dark(x))?;
        let last = (0..w).rev().find(|&x| dark(x))?;
        Some((first, last))
    }

    #[test]
    fn glyphs_keep_their_side_bearings() {
        // 區 has a visible left side bearing; drawn at x = 0 its ink must
        // start after it (plotters' own text path starts every glyph's ink
        // at the pen, which left gaps after such glyphs).
        let Some((first, _)) = ink("區", Lang::ZhHant) else {
            panic!("the CJK font is installed by `cargo xtask tools`");
        };
        use ab_glyph::{Font as _, ScaleFont as _};
        let bytes = FONT_BYTES.get().copied().unwrap_or_default();
        let font = ab_glyph::FontRef::try_from_slice_and_index(bytes, cjk_face(Lang::ZhHant));
        let Ok(font) = font else {
            panic!("face {} of the collection", cjk_face(Lang::ZhHant));
        };
        let scaled = font.as_scaled(120.0);
        let id = scaled.glyph_id('區');
        // Where ab_glyph itself puts the first column more than half
        // covered, for the glyph at pen position 0.
        let Some(outline) =
            scaled.outline_glyph(id.with_scale_and_position(120.0, ab_glyph::point(0.0, 0.0)))
        else {
            panic!("區 has an outline");
        };
        let left = outline.px_bounds().min.x.floor() as i64;
        let mut covered = i64::MAX;
        outline.draw(|x, _, c| {
            if c > 0.5 {
                covered = covered.min(i64::from(x));
            }
        });
        let expect = left + covered;
        assert!(left >= 3, "區 has a side bearing ({left} px)");
        assert!(
            (i64::from(first) - expect).abs() <= 1,
            "ink starts at {first}, ab_glyph says {expect}"
        );
        // Two of them: the second ends one advance after the first.
        let advance = f64::from(scaled.h_advance(id));
        let (_, one) = ink("區", Lang::ZhHant).unwrap_or_default();
        let (again, two) = ink("區區", Lang::ZhHant).unwrap_or_default();
        assert_eq!(again, first);
        assert!(
            (f64::from(two - one) - advance).abs() <= 1.0,
            "{one} {two} {advance}"
        );
    }
}
