//! The developer API beyond viewing: replacing and editing the data, live
//! series, hooks and export. `chronoscope.js` wraps these in the
//! `Chronoscope` class (JSON crosses the boundary as text so that the same
//! decoder, with its paths and messages, checks everything).

use super::canvas::{Canvas2d, StyleCache};
use super::widget::{bad_argument, js_error, render_hook_call, Card, Dirty, State, Widget};
use crate::core::data::error::{ChronoError, ErrorCode};
use crate::core::data::model::Dataset;
use crate::core::formats::dataset::{decode_events, decode_points};
use crate::core::formats::dataset_json::{dataset_json, event_json};
use crate::core::formats::limits;
use crate::core::scene::{layout, LayoutInput, Prepared};
use crate::render::Painter;
use plotters::prelude::SVGBackend;
use plotters_backend::DrawingBackend;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

impl State {
    /// Changes the dataset in place (a copy if it is shared), keeping the
    /// selection when its event survives, and lays out again.
    fn mutate(
        &mut self,
        f: impl FnOnce(&mut Dataset) -> Result<(), ChronoError>,
    ) -> Result<(), ChronoError> {
        let Some(current) = self.data.clone() else {
            return Err(ChronoError::new(
                ErrorCode::BadArgument,
                "no data is loaded yet",
                false,
            ));
        };
        let selected_id = self
            .selected
            .and_then(|i| current.events.get(i).map(|e| e.id.clone()));
        let mut ds = (*current).clone();
        f(&mut ds)?;
        // Stable, as parse_dataset sorts (the same sort: one copy in the wasm).
        ds.events
            .sort_by_cached_key(|e| crate::core::data::model::total_key(e.start.ms));
        let new_index = selected_id.as_deref().and_then(|id| ds.event_index(id));
        self.prepared = Some(Rc::new(Prepared::new(&ds)));
        self.data = Some(Rc::new(ds));
        self.mirror_reset();
        self.hover = None;
        match (selected_id, new_index) {
            (Some(_), Some(i)) => {
                self.selected = Some(i);
                if let Some(Card::Event(_)) = self.card {
                    self.show_card(Card::Event(i));
                }
            }
            (Some(_), None) => {
                self.selected = Some(usize::MAX); // forces the change below
                self.select(None, false);
            }
            _ => {}
        }
        self.invalidate(Dirty {
            layout: true,
            base: true,
            overlay: true,
            ..Dirty::default()
        });
        Ok(())
    }
}

fn api_error(e: ChronoError) -> JsValue {
    js_error(&e)
}

#[wasm_bindgen]
impl Widget {
    /// Replaces the data with a dataset in JSON text, given as UTF-8 bytes
    /// (the page encodes it with `TextEncoder`: a JS string passed as a
    /// Rust string is copied into a buffer sized for the worst case, three
    /// bytes a character, which for 70 MB of data reserves 200 MB of wasm
    /// memory that is never given back). A fatal problem is shown in the
    /// widget, reported as an `error` event, and thrown.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data_bytes(&self, bytes: &[u8]) -> Result<(), JsValue> {
        self.with(|st| {
            st.load_gen = st.load_gen.wrapping_add(1); // a pending fetch loses
            if let Some(a) = st.load_abort.take() {
                a.abort();
            }
            st.data_base = None; // relative addresses: against the page
            match super::widget::timed_load("the data", bytes) {
                Ok(loaded) => {
                    st.set_data(loaded);
                    Ok(())
                }
                Err(e) => {
                    st.fail(e.clone(), false);
                    Err(js_error(&e))
                }
            }
        })?
    }

    /// The largest data in bytes `setData` takes (`core::limits`): the
    /// loader checks a page's data against it before copying it into the
    /// WebAssembly's memory.
    #[wasm_bindgen(js_name = maxDataBytes)]
    pub fn max_data_bytes() -> f64 {
        limits::MAX_DATA_BYTES as f64
    }

    /// Refuses `setData` of `bytes` bytes beyond the limit before they are
    /// copied: shown and reported as a failed load (the data on screen
    /// stays), and thrown.
    #[wasm_bindgen(js_name = refuseSize)]
    pub fn refuse_size(&self, bytes: f64) -> Result<(), JsValue> {
        let e = limits::too_many_bytes("the data", bytes);
        self.with(|st| {
            st.load_gen = st.load_gen.wrapping_add(1);
            if let Some(a) = st.load_abort.take() {
                a.abort();
            }
            st.fail(e.clone(), false);
        })?;
        Err(js_error(&e))
    }

    /// The current data as dataset JSON text.
    #[wasm_bindgen(js_name = getData)]
    pub fn get_data(&self) -> Result<String, JsValue> {
        self.with(|st| st.data.as_ref().map(|d| dataset_json(d)))?
            .ok_or_else(|| bad_argument("no data is loaded yet"))
    }

    /// One event as dataset JSON text, or undefined.
    #[wasm_bindgen(js_name = getEvent)]
    pub fn get_event(&self, id: &str) -> Result<Option<String>, JsValue> {
        self.with(|st| {
            let ds = st.data.as_ref()?;
            let ev = ds.events.get(ds.event_index(id)?)?;
            Some(event_json(ev, &ds.groups))
        })
    }

    /// Adds events (a JSON array). Nothing changes when any is invalid or
    /// uses an id that exists.
    #[wasm_bindgen(js_name = addEvents)]
    pub fn add_events(&self, json: String) -> Result<(), JsValue> {
        self.with(|st| {
            st.mutate(|ds| {
                let new = decode_events(&json, &ds.groups, "events")?;
                let mut seen: std::collections::HashSet<&str> =
                    ds.events.iter().map(|e| e.id.as_str()).collect();
                for (i, ev) in new.iter().enumerate() {
                    if !seen.insert(ev.id.as_str()) {
                        let mut e = ChronoError::new(
                            ErrorCode::DuplicateId,
                            format!("an event with the id \"{}\" exists", ev.id),
                            false,
                        );
                        e.path = Some(format!("events[{i}].id"));
                        return Err(e);
                    }
                }
                limits::check_counts(ds.events.len() + new.len(), limits::points(ds), false)?;
                ds.events.extend(new);
                Ok(())
            })
        })?
        .map_err(api_error)
    }

    /// Replaces event `id` with the event in `json` (an object; it may
    /// change the id to one not in use).
    #[wasm_bindgen(js_name = replaceEvent)]
    pub fn replace_event(&self, id: String, json: String) -> Result<(), JsValue> {
        self.with(|st| {
            st.mutate(|ds| {
                let Some(at) = ds.event_index(&id) else {
                    return Err(ChronoError::new(
                        ErrorCode::BadArgument,
                        format!("no event has the id \"{id}\""),
                        false,
                    ));
                };
                let mut new = decode_events(&format!("[{json}]"), &ds.groups, "event")?;
                let Some(ev) = new.pop() else {
                    return Err(ChronoError::new(ErrorCode::BadArgument, "no event", false));
                };
                if ev.id != id && ds.event_index(&ev.id).is_some() {
                    return Err(ChronoError::new(
                        ErrorCode::DuplicateId,
                        format!("an event with the id \"{}\" exists", ev.id),
                        false,
                    ));
                }
                ds.events[at] = ev;
                Ok(())
            })
        })?
        .map_err(api_error)
    }

    /// Removes the events with these ids (unknown ids are ignored).
    #[wasm_bindgen(js_name = removeEvents)]
    pub fn remove_events(&self, ids: Vec<String>) -> Result<(), JsValue> {
        self.with(|st| {
            st.mutate(|ds| {
                let ids: std::collections::HashSet<&str> = ids.iter().map(|s| s.as_str()).collect();
                ds.events.retain(|e| !ids.contains(e.id.as_str()));
                Ok(())
            })
        })?
        .map_err(api_error)
    }

    /// Adds points to series `id` (JSON: pairs or columnar), keeping the
    /// series in time order.
    #[wasm_bindgen(js_name = appendPoints)]
    pub fn append_points(&self, id: String, json: String) -> Result<(), JsValue> {
        self.with(|st| {
            st.mutate(|ds| {
                let total = limits::points(ds);
                let Some(s) = ds.series.iter_mut().find(|s| s.id == id) else {
                    return Err(ChronoError::new(
                        ErrorCode::BadArgument,
                        format!("no series has the id \"{id}\""),
                        false,
                    ));
                };
                let (t, v, precision) = decode_points(&json, "points")?;
                limits::check_counts(0, total + t.len(), false)?;
                if s.t.is_empty() {
                    s.precision = precision;
                } else if s.precision != precision {
                    s.precision = None;
                }
                let sorted_after =
                    s.t.last()
                        .is_none_or(|last| t.first().is_none_or(|f| f >= last));
                s.t.extend(t);
                s.v.extend(v);
                if !sorted_after {
                    crate::core::data::model::sort_points_by_time(&mut s.t, &mut s.v);
                }
                Ok(())
            })
        })?
        .map_err(api_error)
    }

    /// Sets (or clears, with null) an extension hook: `render` (installed by
    /// chronoscope.js), `renderCard`, `renderTooltip`, `formatDate`,
    /// `formatValue`.
    #[wasm_bindgen(js_name = setHook)]
    pub fn set_hook(&self, name: &str, f: JsValue) -> Result<(), JsValue> {
        self.with(|st| {
            if !st.hooks.set(name, &f) {
                return Err(bad_argument(format!("no hook is called \"{name}\"")));
            }
            // Formatters change what is drawn; card hooks what is shown.
            if let Some(card) = st.card.clone() {
                st.show_card(card);
            }
            // … and what the series' summaries say.
            if name == "formatDate" || name == "formatValue" {
                st.describe_series();
            }
            st.invalidate(Dirty {
                layout: true,
                base: true,
                overlay: true,
                ..Dirty::default()
            });
            Ok(())
        })?
    }

    /// Reads the theme's custom properties again and repaints (the page
    /// changed its styles, or wants its `render` listeners to draw now).
    pub fn redraw(&self) -> Result<(), JsValue> {
        self.with(|st| {
            st.read_theme();
            st.invalidate(Dirty {
                layout: true,
                base: true,
                overlay: true,
                ..Dirty::default()
            });
        })
    }

    /// The current view as an SVG document; labels are `<text>`.
    #[wasm_bindgen(js_name = exportSvg)]
    pub fn export_svg(&self) -> Result<String, JsValue> {
        self.with(|st| {
            let (Some(ds), Some(prepared), Some(view)) =
                (st.data.clone(), st.prepared.clone(), st.view)
            else {
                return Err(bad_argument("no data is loaded yet"));
            };
            let (w, h) = st.css_size;
            let fmt = st.page_formatter(&ds);
            let scene = layout(&LayoutInput {
                dataset: &ds,
                prepared: &prepared,
                window: view,
                width: w,
                height: h,
                lang: st.lang,
                measure: &st.measure,
                previous: None,
                formatter: fmt.as_formatter(),
                chrome: st.chrome,
            });
            let mut out = String::new();
            {
                let size = (w.max(1.0).round() as u32, h.max(1.0).round() as u32);
                let mut backend = SVGBackend::with_string(&mut out, size);
                let mut p = Painter::new(&mut backend, &st.theme, 1.0);
                p.font_scale = 1.24; // plotters' SVG writes font-size as size / 1.24
                p.draw_scene(&scene, &ds)
                    .map_err(|e| bad_argument(format!("export failed: {e:?}")))?;
                backend
                    .present()
                    .map_err(|e| bad_argument(format!("export failed: {e:?}")))?;
            }
            Ok(crate::render::xml_safe(out))
        })?
    }

    /// The current view as a PNG `Blob` at `scale` × the CSS size (the
    /// page's `render` annotations included).
    #[wasm_bindgen(js_name = exportPng)]
    pub fn export_png(&self, scale: f64) -> Result<js_sys::Promise, JsValue> {
        if !scale.is_finite() || scale <= 0.0 || scale > 8.0 {
            return Err(bad_argument("scale must be a number above 0 and at most 8"));
        }
        let (canvas, hook) = self.with(|st| png_canvas(st, scale))??;
        // The page's annotations, outside the state (its code may call us).
        if let Some(call) = hook {
            if let Some(args) = call.dyn_ref::<js_sys::Array>() {
                if let Ok(f) = args.shift().dyn_into::<js_sys::Function>() {
                    let _ = f.apply(&JsValue::NULL, args);
                }
            }
        }
        Ok(js_sys::Promise::new(&mut |resolve, reject| {
            let reject2 = reject.clone();
            let cb = Closure::once_into_js(move |blob: JsValue| {
                if blob.is_null() || blob.is_undefined() {
                    let _ = reject2.call1(
                        &JsValue::NULL,
                        &bad_argument("the browser could not encode the PNG"),
                    );
                } else {
                    let _ = resolve.call1(&JsValue::NULL, &blob);
                }
            });
            if let Err(e) = canvas.to_blob(cb.unchecked_ref()) {
                let _ = reject.call1(&JsValue::NULL, &e);
            }
        }))
    }
}

/// The current view painted into a new canvas at `scale` × the CSS size,
/// with the page's `render` hook call to make on it once the state is
/// released (see [`super::widget::RENDER_HOOK`]).
pub(crate) fn png_canvas(
    st: &State,
    scale: f64,
) -> Result<(HtmlCanvasElement, Option<JsValue>), JsValue> {
    let (Some(ds), Some(prepared), Some(view)) = (st.data.clone(), st.prepared.clone(), st.view)
    else {
        return Err(bad_argument("no data is loaded yet"));
    };
    let (w, h) = st.css_size;
    let canvas: HtmlCanvasElement = st
        .doc
        .create_element("canvas")?
        .dyn_into()
        .map_err(|_| bad_argument("no canvas"))?;
    canvas.set_width((w * scale).round().max(1.0) as u32);
    canvas.set_height((h * scale).round().max(1.0) as u32);
    let fmt = st.page_formatter(&ds);
    let scene = layout(&LayoutInput {
        dataset: &ds,
        prepared: &prepared,
        window: view,
        width: w,
        height: h,
        lang: st.lang,
        measure: &st.measure,
        previous: None,
        formatter: fmt.as_formatter(),
        chrome: st.chrome,
    });
    let mut styles = StyleCache::default();
    let mut backend = Canvas2d::new(&canvas, &mut styles)
        .ok_or_else(|| bad_argument("the canvas has no 2D context"))?;
    let mut p = Painter::new(&mut backend, &st.theme, scale);
    p.draw_scene(&scene, &ds)
        .map_err(|e| bad_argument(format!("export failed: {e:?}")))?;
    let hook = render_hook_call(st.hooks.render.as_ref(), &canvas, &scene, (w, h), scale);
    Ok((canvas, hook))
}
