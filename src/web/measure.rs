//! Text measurement with a canvas context, cached: layout asks for the same
//! labels every frame, the browser measures each only once.
//!
//! Zooming into 10k events brings dozens of titles never measured before
//! into view each frame (and `measureText` with the string's trip over the
//! wasm boundary costs microseconds each). Text made only of characters
//! that neither combine nor join — Latin, Greek, Cyrillic, general
//! punctuation, CJK, kana, hangul syllables, full-width forms — is
//! therefore measured as the sum of its characters' widths, each measured
//! once. Kerning and ligatures only make the drawn text narrower, so the
//! sum is a safe bound. Anything else (combining marks, joiners, emoji,
//! scripts that shape) is measured whole.

use crate::core::text::measure::{ApproxMeasure, Font, TextMeasure};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement};

/// Cached `measureText` on a detached canvas.
pub struct CanvasMeasure {
    ctx: Option<CanvasRenderingContext2d>,
    family: String,
    /// Per font role, text → width (looked up by `&str`, no allocation).
    cache: RefCell<HashMap<Font, HashMap<String, f64>>>,
    /// Per font role, the widths of ASCII characters (NaN: not measured).
    ascii: RefCell<[[f64; 128]; Font::ALL.len()]>,
    /// Widths of other simple characters.
    chars: RefCell<HashMap<(Font, char), f64>>,
    entries: std::cell::Cell<usize>,
    current_font: RefCell<Option<Font>>,
}

/// Entries kept before the cache starts over (labels of a 100k-event
/// dataset would otherwise pile up while panning).
const MAX_ENTRIES: usize = 20_000;

impl CanvasMeasure {
    pub fn new(document: &Document, family: &str) -> Self {
        let ctx = document
            .create_element("canvas")
            .ok()
            .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
            .and_then(|c| c.get_context("2d").ok().flatten())
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok());
        CanvasMeasure {
            ctx,
            family: family.to_string(),
            cache: RefCell::new(HashMap::new()),
            ascii: RefCell::new([[f64::NAN; 128]; Font::ALL.len()]),
            chars: RefCell::new(HashMap::new()),
            entries: std::cell::Cell::new(0),
            current_font: RefCell::new(None),
        }
    }

    /// Forgets every measurement (the font changed, or a web font arrived).
    pub fn clear(&mut self) {
        self.cache.borrow_mut().clear();
        *self.ascii.borrow_mut() = [[f64::NAN; 128]; Font::ALL.len()];
        self.chars.borrow_mut().clear();
        self.entries.set(0);
        *self.current_font.borrow_mut() = None;
    }

    /// Changes the font family; forgets every measurement.
    pub fn set_family(&mut self, family: &str) {
        if self.family != family {
            self.family = family.to_string();
            self.clear();
        }
    }

    /// The canvas `font` shorthand for a text role.
    pub fn css_font(family: &str, font: Font, ratio: f64) -> String {
        let weight = if font.bold() { "bold " } else { "" };
        format!("{weight}{}px {family}", font.size() * ratio)
    }
}

/// Whether `c` is drawn on its own, with its own advance: no combining,
/// joining or shaping (see the module docs).
fn simple(c: char) -> bool {
    matches!(c as u32,
        0x20..=0x7E
        | 0xA0..=0x2FF
        | 0x370..=0x58F
        | 0x2010..=0x2027
        | 0x2030..=0x205E
        | 0x3000..=0x30FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7A3
        | 0xFF01..=0xFF60)
}

impl CanvasMeasure {
    /// Measures `text` with the context (and the fallback without one).
    fn measure(&self, text: &str, font: Font) -> f64 {
        let Some(ctx) = &self.ctx else {
            return ApproxMeasure.width(text, font);
        };
        if *self.current_font.borrow() != Some(font) {
            ctx.set_font(&Self::css_font(&self.family, font, 1.0));
            *self.current_font.borrow_mut() = Some(font);
        }
        ctx.measure_text(text)
            .map(|m| m.width())
            .unwrap_or_else(|_| ApproxMeasure.width(text, font))
    }

    /// The width of one simple character, measured once.
    fn char_width(&self, c: char, font: Font) -> f64 {
        let role = Font::ALL.iter().position(|f| *f == font).unwrap_or(0);
        if c.is_ascii() {
            let w = self.ascii.borrow()[role][c as usize];
            if !w.is_nan() {
                return w;
            }
        } else if let Some(w) = self.chars.borrow().get(&(font, c)) {
            return *w;
        }
        let mut buf = [0u8; 4];
        let w = self.measure(c.encode_utf8(&mut buf), font);
        if c.is_ascii() {
            self.ascii.borrow_mut()[role][c as usize] = w;
        } else {
            let mut chars = self.chars.borrow_mut();
            if chars.len() >= MAX_ENTRIES {
                chars.clear();
            }
            chars.insert((font, c), w);
        }
        w
    }
}

impl TextMeasure for CanvasMeasure {
    fn width(&self, text: &str, font: Font) -> f64 {
        if text.chars().all(simple) {
            return text.chars().map(|c| self.char_width(c, font)).sum();
        }
        if let Some(w) = self.cache.borrow().get(&font).and_then(|m| m.get(text)) {
            return *w;
        }
        let w = self.measure(text, font);
        let mut cache = self.cache.borrow_mut();
        if self.entries.get() >= MAX_ENTRIES {
            cache.clear();
            self.entries.set(0);
        }
        cache.entry(font).or_default().insert(text.to_string(), w);
        self.entries.set(self.entries.get() + 1);
        w
    }
}
