//! The browser's drawing backend: plotters' `DrawingBackend` over a canvas
//! 2D context, made for many small primitives a frame.
//!
//! plotters-canvas formats a CSS colour string (and a font string for text)
//! for every primitive and sets it on the context; over the wasm boundary
//! each string is encoded, decoded and parsed again by the browser. Here:
//! - colours and fonts become JS strings once and are kept in a
//!   [`StyleCache`] that lives as long as the widget;
//! - the context's fill, stroke, line width, font, alignment and baseline
//!   are set only when they change;
//! - consecutive filled rectangles and circles of one colour are one path
//!   and one `fill()`, opaque lines and outlines of one colour and width
//!   one `stroke()` (canvas rasterises a path per call).

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

#[wasm_bindgen]
extern "C" {
    /// The 2D context, with setters that take a JS string made once
    /// instead of a Rust `&str` decoded again on every call.
    #[wasm_bindgen(extends = CanvasRenderingContext2d)]
    type Ctx2d;
    #[wasm_bindgen(method, setter = fillStyle)]
    fn set_fill_js(this: &Ctx2d, v: &JsValue);
    #[wasm_bindgen(method, setter = strokeStyle)]
    fn set_stroke_js(this: &Ctx2d, v: &JsValue);
    #[wasm_bindgen(method, setter = font)]
    fn set_font_js(this: &Ctx2d, v: &JsValue);
    /// `fillText` with a JS string. Without web-sys's `catch` wrapper:
    /// it throws only for a missing argument.
    #[wasm_bindgen(method, js_name = fillText)]
    fn fill_text_js(this: &Ctx2d, text: &JsValue, x: f64, y: f64);
    /// `arc` without the `catch` wrapper: it throws only for a negative
    /// radius, and radii here are unsigned.
    #[wasm_bindgen(method, js_name = arc)]
    fn arc_js(this: &Ctx2d, x: f64, y: f64, r: f64, start: f64, end: f64);
}

/// JS strings for colours and fonts, made once per widget. A theme has a
/// few dozen of each, so a list searched from the most recent is faster
/// than hashing.
///
/// Texts too: a label drawn again next frame is passed as the JS string
/// made the first time, not decoded from UTF-8 again (a hash lookup costs
/// a fraction of a decode).
#[derive(Default)]
pub struct StyleCache {
    colors: Vec<((u8, u8, u8, u32), JsValue)>,
    fonts: Vec<((u32, bool, String), JsValue)>,
    texts: HashMap<Box<str>, JsValue>,
}

/// Texts kept before the text cache starts over.
const MAX_TEXTS: usize = 8192;

/// Entries kept before a list starts over (only a page that keeps
/// changing its colours would reach it).
const MAX_STYLES: usize = 256;

impl StyleCache {
    fn color(&mut self, c: BackendColor) -> &JsValue {
        let (r, g, b) = c.rgb;
        let a = c.alpha.clamp(0.0, 1.0);
        let key = (r, g, b, (a as f32).to_bits());
        match self.colors.iter().rposition(|(k, _)| *k == key) {
            Some(i) => &self.colors[i].1,
            None => {
                if self.colors.len() >= MAX_STYLES {
                    self.colors.clear();
                }
                let css = if a >= 1.0 {
                    format!("#{r:02x}{g:02x}{b:02x}")
                } else {
                    format!("rgba({r},{g},{b},{a:.3})")
                };
                self.colors.push((key, JsValue::from_str(&css)));
                &self.colors[self.colors.len() - 1].1
            }
        }
    }

    fn text(&mut self, text: &str) -> &JsValue {
        if !self.texts.contains_key(text) {
            if self.texts.len() >= MAX_TEXTS {
                self.texts.clear();
            }
            self.texts.insert(text.into(), JsValue::from_str(text));
        }
        // Present: inserted above if it was not.
        &self.texts[text]
    }

    fn font(&mut self, size: f64, bold: bool, family: &str) -> &JsValue {
        // Sizes in 1/100 px: equal enough to share a string.
        let hundredths = (size * 100.0).round().max(0.0) as u32;
        let found = self
            .fonts
            .iter()
            .rposition(|((s, b, f), _)| *s == hundredths && *b == bold && f == family);
        match found {
            Some(i) => &self.fonts[i].1,
            None => {
                if self.fonts.len() >= MAX_STYLES {
                    self.fonts.clear();
                }
                let weight = if bold { "bold " } else { "" };
                let css = JsValue::from_str(&format!("{weight}{size}px {family}"));
                self.fonts
                    .push(((hundredths, bold, family.to_string()), css));
                &self.fonts[self.fonts.len() - 1].1
            }
        }
    }
}

/// What is set on the context now (None: unknown).
#[derive(Default)]
struct State {
    fill: Option<BackendColor>,
    stroke: Option<BackendColor>,
    line_width: Option<u32>,
    font: Option<(u32, bool, String)>,
    align: Option<u8>,
    baseline: Option<u8>,
}

/// The path being collected for one `fill()`.
enum Pending {
    None,
    /// Filled rectangles and circles of one colour.
    Fill(BackendColor),
    /// Lines and rectangle outlines of one colour and width.
    Stroke(BackendColor, u32),
}

pub struct Canvas2d<'a> {
    ctx: CanvasRenderingContext2d,
    size: (u32, u32),
    cache: &'a mut StyleCache,
    state: State,
    pending: Pending,
}

#[derive(Debug)]
pub struct CanvasError(String);

impl std::fmt::Display for CanvasError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "canvas: {}", self.0)
    }
}

impl std::error::Error for CanvasError {}

type Res = Result<(), DrawingErrorKind<CanvasError>>;

fn js_err(e: JsValue) -> DrawingErrorKind<CanvasError> {
    DrawingErrorKind::DrawingError(CanvasError(
        e.as_string().unwrap_or_else(|| format!("{e:?}")),
    ))
}

fn same(a: BackendColor, b: BackendColor) -> bool {
    a.rgb == b.rgb && a.alpha == b.alpha
}

impl<'a> Canvas2d<'a> {
    /// A backend for `canvas` (None when it has no 2D context).
    pub fn new(canvas: &HtmlCanvasElement, cache: &'a mut StyleCache) -> Option<Self> {
        let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(Canvas2d {
            ctx,
            size: (canvas.width(), canvas.height()),
            cache,
            state: State::default(),
            pending: Pending::None,
        })
    }

    /// Fills the collected path, if any.
    fn flush(&mut self) {
        match std::mem::replace(&mut self.pending, Pending::None) {
            Pending::None => {}
            Pending::Fill(_) => self.ctx.fill(),
            Pending::Stroke(..) => self.ctx.stroke(),
        }
    }

    fn set_fill(&mut self, c: BackendColor) {
        if !self.state.fill.is_some_and(|f| same(f, c)) {
            self.ctx
                .unchecked_ref::<Ctx2d>()
                .set_fill_js(self.cache.color(c));
            self.state.fill = Some(c);
        }
    }

    fn set_stroke(&mut self, c: BackendColor, width: u32) {
        if !self.state.stroke.is_some_and(|s| same(s, c)) {
            self.ctx
                .unchecked_ref::<Ctx2d>()
                .set_stroke_js(self.cache.color(c));
            self.state.stroke = Some(c);
        }
        if self.state.line_width != Some(width) {
            self.ctx.set_line_width(f64::from(width));
            self.state.line_width = Some(width);
        }
    }

    /// Starts (or continues) a batched fill of colour `c`. Only opaque
    /// colours are batched: translucent shapes that overlap must each be
    /// composited, as separate fills are.
    fn batch_fill(&mut self, c: BackendColor) {
        match self.pending {
            Pending::Fill(p) if same(p, c) && c.alpha >= 1.0 => {}
            _ => {
                self.flush();
                self.set_fill(c);
                self.ctx.begin_path();
                self.pending = Pending::Fill(c);
            }
        }
    }

    /// Starts (or continues) a batched stroke of colour `c` and `width`.
    /// Only opaque colours are batched: where translucent strokes cross,
    /// separate strokes darken the crossing and one path would not.
    fn batch_stroke(&mut self, c: BackendColor, width: u32) {
        match self.pending {
            Pending::Stroke(p, w) if same(p, c) && w == width && c.alpha >= 1.0 => {}
            _ => {
                self.flush();
                self.set_stroke(c, width);
                self.ctx.begin_path();
                self.pending = Pending::Stroke(c, width);
            }
        }
    }
}

/// Moves a horizontal or vertical 1 px line onto the pixel grid (canvas
/// strokes are centred on the coordinate).
fn crisp(from: BackendCoord, to: BackendCoord) -> ((f64, f64), (f64, f64)) {
    let (mut a, mut b) = (
        (f64::from(from.0), f64::from(from.1)),
        (f64::from(to.0), f64::from(to.1)),
    );
    if from.0 == to.0 {
        a.0 -= 0.5;
        b.0 -= 0.5;
    }
    if from.1 == to.1 {
        a.1 -= 0.5;
        b.1 -= 0.5;
    }
    (a, b)
}

impl DrawingBackend for Canvas2d<'_> {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Res {
        Ok(())
    }

    fn present(&mut self) -> Res {
        self.flush();
        Ok(())
    }

    fn draw_pixel(&mut self, at: BackendCoord, color: BackendColor) -> Res {
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.batch_fill(color);
        self.ctx.rect(f64::from(at.0), f64::from(at.1), 1.0, 1.0);
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Res {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.batch_stroke(style.color(), style.stroke_width());
        let (a, b) = crisp(from, to);
        self.ctx.move_to(a.0, a.1);
        self.ctx.line_to(b.0, b.1);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Res {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let (x, y) = (f64::from(upper_left.0), f64::from(upper_left.1));
        let (w, h) = (
            f64::from(bottom_right.0 - upper_left.0),
            f64::from(bottom_right.1 - upper_left.1),
        );
        if fill {
            self.batch_fill(style.color());
            self.ctx.rect(x, y, w, h);
        } else {
            self.batch_stroke(style.color(), style.stroke_width());
            self.ctx.rect(x, y, w, h);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Res {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        let mut path = path.into_iter();
        self.ctx.begin_path();
        if let Some(start) = path.next() {
            self.set_stroke(style.color(), style.stroke_width());
            self.ctx.move_to(f64::from(start.0), f64::from(start.1));
            for p in path {
                self.ctx.line_to(f64::from(p.0), f64::from(p.1));
            }
        }
        self.ctx.stroke();
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Res {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        let mut vert = vert.into_iter();
        self.ctx.begin_path();
        if let Some(start) = vert.next() {
            self.set_fill(style.color());
            self.ctx.move_to(f64::from(start.0), f64::from(start.1));
            for p in vert {
                self.ctx.line_to(f64::from(p.0), f64::from(p.1));
            }
            self.ctx.close_path();
        }
        self.ctx.fill();
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Res {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let (x, y, r) = (f64::from(center.0), f64::from(center.1), f64::from(radius));
        if fill {
            self.batch_fill(style.color());
            self.ctx.move_to(x + r, y);
            self.ctx
                .unchecked_ref::<Ctx2d>()
                .arc_js(x, y, r, 0.0, std::f64::consts::TAU);
        } else {
            self.flush();
            self.set_stroke(style.color(), style.stroke_width());
            self.ctx.begin_path();
            self.ctx
                .unchecked_ref::<Ctx2d>()
                .arc_js(x, y, r, 0.0, std::f64::consts::TAU);
            self.ctx.stroke();
        }
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Res {
        let color = style.color();
        if color.alpha == 0.0 || text.is_empty() {
            return Ok(());
        }
        self.flush();
        let rotate = match style.transform() {
            FontTransform::None => None,
            FontTransform::Rotate90 => Some(90.0_f64),
            FontTransform::Rotate180 => Some(180.0),
            FontTransform::Rotate270 => Some(270.0),
        };
        let anchor = style.anchor();
        let (v, baseline) = match anchor.v_pos {
            VPos::Top => (0, "top"),
            VPos::Center => (1, "middle"),
            VPos::Bottom => (2, "bottom"),
        };
        if self.state.baseline != Some(v) {
            self.ctx.set_text_baseline(baseline);
            self.state.baseline = Some(v);
        }
        let (h, align) = match anchor.h_pos {
            HPos::Left => (0, "start"),
            HPos::Right => (1, "end"),
            HPos::Center => (2, "center"),
        };
        if self.state.align != Some(h) {
            self.ctx.set_text_align(align);
            self.state.align = Some(h);
        }
        self.set_fill(color);
        let bold = matches!(style.style(), FontStyle::Bold);
        let size = style.size();
        let hundredths = (size * 100.0).round().max(0.0) as u32;
        let family = style.family();
        let family = family.as_str();
        let current = matches!(&self.state.font,
            Some((s, b, f)) if *s == hundredths && *b == bold && f == family);
        if !current {
            self.ctx
                .unchecked_ref::<Ctx2d>()
                .set_font_js(self.cache.font(size, bold, family));
            self.state.font = Some((hundredths, bold, family.to_string()));
        }
        let (x, y) = (f64::from(pos.0), f64::from(pos.1));
        let js = self.cache.text(text);
        let ctx = self.ctx.unchecked_ref::<Ctx2d>();
        match rotate {
            None => ctx.fill_text_js(js, x, y),
            Some(deg) => {
                self.ctx.save();
                let r = self
                    .ctx
                    .translate(x, y)
                    .and_then(|_| self.ctx.rotate(deg.to_radians()))
                    .map(|_| ctx.fill_text_js(js, 0.0, 0.0));
                self.ctx.restore();
                // restore() brings back the state before save(), which the
                // cache already describes.
                r.map_err(js_err)?;
            }
        }
        Ok(())
    }
}

impl Drop for Canvas2d<'_> {
    fn drop(&mut self) {
        self.flush();
    }
}
