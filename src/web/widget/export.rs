//! Pictures of the view: the toolbar's download button (a PNG file), and
//! what `exportPNG` and `exportSVG` make — each a fresh layout of the
//! current view at the element's size, without the card, tooltip or hover
//! ring.

use super::outbox::{PageEvent, RenderCall};
use super::State;
use crate::core::data::model::Dataset;
use crate::core::scene::{layout, LayoutInput, Scene};
use crate::render::Painter;
use crate::web::canvas::{Canvas2d, StyleCache};
use crate::web::js::bad_argument;
use plotters::prelude::SVGBackend;
use plotters_backend::DrawingBackend;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlCanvasElement, HtmlElement};

impl State {
    /// The current view laid out afresh (no previous scene to follow).
    fn export_scene(&self) -> Result<(Rc<Dataset>, Scene), JsValue> {
        let (Some(ds), Some(prepared), Some(view)) = (
            self.data.dataset().cloned(),
            self.data.prepared().cloned(),
            self.view.window(),
        ) else {
            return Err(bad_argument("no data is loaded yet"));
        };
        let (w, h) = self.view.size();
        let fmt = self.page_formatter(&ds);
        let scene = layout(&LayoutInput {
            dataset: &ds,
            prepared: &prepared,
            window: view,
            width: w,
            height: h,
            lang: self.lang,
            measure: &self.measure,
            previous: None,
            formatter: fmt.as_formatter(),
            chrome: self.chrome,
        });
        Ok((ds, scene))
    }

    /// The current view painted into a new canvas at `scale` × the CSS
    /// size, with the page's `render` hook call to make on it once the
    /// state is released.
    pub(super) fn png_canvas(
        &self,
        scale: f64,
    ) -> Result<(HtmlCanvasElement, Option<RenderCall>), JsValue> {
        let (ds, scene) = self.export_scene()?;
        let (w, h) = self.view.size();
        let canvas: HtmlCanvasElement = self
            .doc
            .create_element("canvas")?
            .dyn_into()
            .map_err(|_| bad_argument("no canvas"))?;
        canvas.set_width((w * scale).round().max(1.0) as u32);
        canvas.set_height((h * scale).round().max(1.0) as u32);
        let mut styles = StyleCache::default();
        let mut backend = Canvas2d::new(&canvas, &mut styles)
            .ok_or_else(|| bad_argument("the canvas has no 2D context"))?;
        let mut p = Painter::new(&mut backend, &self.theme, scale);
        p.draw_scene(&scene, &ds)
            .map_err(|e| bad_argument(format!("export failed: {e:?}")))?;
        let hook = RenderCall::new(self.hooks.render.as_ref(), &canvas, &scene, (w, h), scale);
        Ok((canvas, hook))
    }

    /// The current view as an SVG document; labels are `<text>`.
    pub(super) fn svg(&self) -> Result<String, JsValue> {
        let (ds, scene) = self.export_scene()?;
        let (w, h) = self.view.size();
        let mut out = String::new();
        {
            let size = (w.max(1.0).round() as u32, h.max(1.0).round() as u32);
            let mut backend = SVGBackend::with_string(&mut out, size);
            let mut p = Painter::new(&mut backend, &self.theme, 1.0);
            p.font_scale = 1.24; // plotters' SVG writes font-size as size / 1.24
            p.draw_scene(&scene, &ds)
                .map_err(|e| bad_argument(format!("export failed: {e:?}")))?;
            backend
                .present()
                .map_err(|e| bad_argument(format!("export failed: {e:?}")))?;
        }
        Ok(crate::render::xml_safe(out))
    }

    /// The toolbar's download button: the current view as a PNG at 2×
    /// (with the page's `render` annotations), saved under the dataset's
    /// title.
    pub(super) fn download_image(&mut self) {
        match self.png_canvas(2.0) {
            Ok((canvas, hook)) => {
                if let Some(call) = hook {
                    self.outbox.push(PageEvent::Render(call));
                }
                let title = self.data.dataset().map_or("", |d| d.title.as_str());
                let name = file_name(title);
                self.outbox.push(PageEvent::SavePng { canvas, name });
            }
            Err(e) => web_sys::console::error_2(
                &JsValue::from_str("chronoscope: the image could not be made:"),
                &e,
            ),
        }
    }
}

/// Saves `canvas` as a PNG file named `name` through a temporary
/// `<a download>`.
pub(super) fn save_png(host: &HtmlElement, canvas: &HtmlCanvasElement, name: &str) {
    let (Ok(url), Some(doc)) = (canvas.to_data_url(), host.owner_document()) else {
        return;
    };
    let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    a.set_href(&url);
    a.set_download(name);
    // Firefox follows a download link only while it is in the document.
    if let Some(body) = doc.body() {
        let _ = body.append_child(&a);
        a.click();
        a.remove();
    }
}

/// A file name from a dataset title: letters and digits of any script
/// kept, runs of anything else one `-`, at most 60 characters.
pub(super) fn file_name(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "timeline.png".to_string()
    } else {
        format!("{out}.png")
    }
}
