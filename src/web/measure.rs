//! Text measurement with a canvas context, cached: layout asks for the same
//! labels every frame, the browser measures each only once.

use crate::core::text::{ApproxMeasure, Font, TextMeasure};
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
            entries: std::cell::Cell::new(0),
            current_font: RefCell::new(None),
        }
    }

    /// Forgets every measurement (the font changed, or a web font arrived).
    pub fn clear(&mut self) {
        self.cache.borrow_mut().clear();
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

impl TextMeasure for CanvasMeasure {
    fn width(&self, text: &str, font: Font) -> f64 {
        if let Some(w) = self.cache.borrow().get(&font).and_then(|m| m.get(text)) {
            return *w;
        }
        let Some(ctx) = &self.ctx else {
            return ApproxMeasure.width(text, font);
        };
        if *self.current_font.borrow() != Some(font) {
            ctx.set_font(&Self::css_font(&self.family, font, 1.0));
            *self.current_font.borrow_mut() = Some(font);
        }
        let w = ctx
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or_else(|_| ApproxMeasure.width(text, font));
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
