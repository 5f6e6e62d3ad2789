//! The scene and the surfaces it is painted on: the base canvas (the
//! chart, repainted only when the scene changed, then the page's `render`
//! hook), the overlay canvas (hover, selection, focus ring, crosshair,
//! repainted on their own), the crosshair's reading plates and the
//! overview strip's pointer surface with its brush. The element's
//! fallback content steps aside after the first painted frame.

use super::outbox::{PageEvent, RenderCall};
use super::State;
use crate::core::scene::{crosshair, layout, LayoutInput, Rect, Scene};
use crate::core::view::scale::Window;
use crate::render::{Highlight, Painter};
use crate::web::canvas::{Canvas2d, StyleCache};
use crate::web::dom::{self, set_hidden};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

/// The elements painting uses, made by `build.rs`.
pub(super) struct Surfaces {
    pub canvas: HtmlCanvasElement,
    pub overlay: HtmlCanvasElement,
    /// The crosshair's reading plates.
    pub readings: HtmlElement,
    /// The overview strip's pointer surface and its brush.
    pub overview: HtmlElement,
    pub brush: HtmlElement,
    /// The loader's box around the `<slot>` that shows the element's own
    /// children (a fallback image) until the first frame is painted.
    pub fallback: Option<HtmlElement>,
}

/// The scene and its surfaces.
pub(super) struct Paint {
    surfaces: Surfaces,
    /// Colour and font strings for the canvases, made once.
    styles: StyleCache,
    scene: Option<Scene>,
    /// A frame with data has been painted (the fallback is hidden).
    painted: bool,
}

fn clear_canvas(c: &HtmlCanvasElement) {
    if let Some(ctx) = c
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|x| x.dyn_into::<CanvasRenderingContext2d>().ok())
    {
        ctx.clear_rect(0.0, 0.0, c.width() as f64, c.height() as f64);
    }
}

impl Paint {
    pub fn new(surfaces: Surfaces) -> Paint {
        Paint {
            surfaces,
            styles: StyleCache::default(),
            scene: None,
            painted: false,
        }
    }

    /// The last layout (hit-testing, positions).
    pub fn scene(&self) -> Option<&Scene> {
        self.scene.as_ref()
    }

    /// The data changed: the next frame lays out from scratch.
    pub fn forget_scene(&mut self) {
        self.scene = None;
    }

    /// The overview strip's pointer surface.
    pub fn overview(&self) -> &HtmlElement {
        &self.surfaces.overview
    }

    /// The widget is going: the element's fallback content shows again.
    pub fn show_fallback(&self) {
        if let Some(f) = &self.surfaces.fallback {
            set_hidden(f, false);
        }
    }
}

impl State {
    /// Lays out now if the view, size or data changed since the last
    /// layout (the frame does it; so do API calls that need positions).
    /// Returns whether a scene exists.
    pub(super) fn ensure_scene(&mut self) -> bool {
        if !self.view.needs_layout() && self.paint.scene.is_some() {
            return true;
        }
        let (Some(ds), Some(prepared), Some(view)) = (
            self.data.dataset().cloned(),
            self.data.prepared().cloned(),
            self.view.window(),
        ) else {
            return false;
        };
        let (w, h) = self.view.size();
        if w < 1.0 || h < 1.0 {
            return false;
        }
        let fmt = self.page_formatter(&ds);
        let scene = layout(&LayoutInput {
            dataset: &ds,
            prepared: &prepared,
            window: view,
            width: w,
            height: h,
            lang: self.lang,
            measure: &self.measure,
            previous: self.paint.scene.as_ref(),
            formatter: fmt.as_formatter(),
            chrome: self.chrome,
        });
        // Hover referred to an item of the old scene.
        self.selection.forget_hover_item();
        self.cards.hide_tooltip();
        self.paint.scene = Some(scene);
        self.view.laid_out();
        true
    }

    /// Resizes, lays out and paints what is dirty. Returns the window
    /// painted, or None when there is nothing to show (the canvases are
    /// cleared).
    pub(super) fn paint_frame(&mut self) -> Option<Window> {
        let (w, h) = self.view.size();
        let ratio = self.view.ratio();
        if self.view.size_changed() {
            let s = &self.paint.surfaces;
            for c in [&s.canvas, &s.overlay] {
                c.set_width((w * ratio).round().max(1.0) as u32);
                c.set_height((h * ratio).round().max(1.0) as u32);
            }
        }
        let has_scene = self.ensure_scene();
        let d = self.view.take_dirty();
        let Some(ds) = self.data.dataset().cloned().filter(|_| has_scene) else {
            let s = &self.paint.surfaces;
            clear_canvas(&s.canvas);
            clear_canvas(&s.overlay);
            set_hidden(&s.overview, true);
            dom::show_readings(&self.doc, &s.readings, None, &self.theme);
            return None;
        };
        let view = self.view.window()?;
        let paint = &mut self.paint;
        let scene = paint.scene.as_ref()?;
        let s = &paint.surfaces;
        if d.base || d.size {
            match &scene.navigator {
                Some(nav) => {
                    dom::place(&s.overview, &nav.rect);
                    let b = &nav.brush;
                    let rel = Rect::new(b.x - nav.rect.x, 0.0, b.w, nav.rect.h);
                    dom::place(&s.brush, &rel);
                    set_hidden(&s.overview, false);
                }
                None => set_hidden(&s.overview, true),
            }
            if let Some(mut backend) = Canvas2d::new(&s.canvas, &mut paint.styles) {
                let mut p = Painter::new(&mut backend, &self.theme, ratio);
                if let Err(e) = p.draw_scene(scene, &ds) {
                    web_sys::console::error_1(&JsValue::from_str(&format!(
                        "chronoscope: drawing failed: {e:?}"
                    )));
                }
            }
            if !paint.painted {
                // The chart is on screen: the element's fallback content
                // (an image of it, say) steps aside.
                paint.painted = true;
                if let Some(f) = &s.fallback {
                    set_hidden(f, true);
                }
            }
            // The page draws its annotations on top, after this call.
            if let Some(call) =
                RenderCall::new(self.hooks.render.as_ref(), &s.canvas, scene, (w, h), ratio)
            {
                self.outbox.push(PageEvent::Render(call));
            }
        }
        if d.overlay || d.base || d.size {
            clear_canvas(&s.overlay);
            let fmt = crate::web::hooks::PageFormatter {
                date: self.hooks.format_date.as_ref(),
                value: self.hooks.format_value.as_ref(),
                dataset: &ds,
                lang: self.lang,
            };
            let cross = self.selection.hover_x().and_then(|x| {
                crosshair(&ds, scene, x, self.lang, &self.measure, fmt.as_formatter())
            });
            if let Some(mut backend) = Canvas2d::new(&s.overlay, &mut paint.styles) {
                let mut p = Painter::new(&mut backend, &self.theme, ratio);
                let hl = Highlight {
                    hover: self.selection.hover(),
                    selected: self.selection.selected(),
                    focused: self.mirror.focused(),
                };
                let _ = p.draw_highlight(scene, hl);
                if let Some(ch) = &cross {
                    let _ = p.draw_crosshair(ch, false);
                }
            }
            dom::show_readings(&self.doc, &s.readings, cross.as_ref(), &self.theme);
        }
        Some(view)
    }
}
