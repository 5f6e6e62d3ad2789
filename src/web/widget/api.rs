//! The methods behind `element.timeline` (`docs/api.md`), which
//! `chronoscope.js` wraps in the `Chronoscope` class: the view, the
//! selection, coordinates, replacing and editing the data, live series,
//! hooks and export. JSON crosses the boundary as text (or UTF-8 bytes) so
//! that the same decoder, with its paths and messages, checks everything.

use super::{Dirty, Widget};
use crate::core::data::error::{ChronoError, ErrorCode};
use crate::core::formats::dataset::{decode_events, decode_points};
use crate::core::formats::dataset_json::{dataset_json, event_json};
use crate::core::formats::limits;
use crate::core::scene::{ItemKind, Rect};
use crate::core::view::scale::Window;
use crate::web::js::{bad_argument, js_error, js_time, to_js, JsRect, TimeWindow};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
impl Widget {
    // ----- the view -----

    /// `{start, end}` in ms since 1970, or null before the first load.
    #[wasm_bindgen(js_name = getWindow)]
    pub fn get_window(&self) -> JsValue {
        match self.state.try_borrow().ok().and_then(|s| s.view.window()) {
            Some(w) => to_js(&TimeWindow::from(w)),
            None => JsValue::NULL,
        }
    }

    /// Shows `[start, end]` (numbers, Dates or dataset time strings).
    #[wasm_bindgen(js_name = setWindow)]
    pub fn set_window(&self, start: JsValue, end: JsValue, animate: bool) -> Result<(), JsValue> {
        let s = js_time(&start, "start")?;
        let e = js_time(&end, "end")?;
        if e <= s {
            return Err(bad_argument("end must be later than start"));
        }
        let w = Window::new(s, e).ok_or_else(|| bad_argument("invalid window"))?;
        self.with(|st| st.move_to(w, animate))
    }

    /// Zooms by `factor` (> 1 magnifies) about `anchor` (default: the centre).
    pub fn zoom(&self, factor: f64, anchor: JsValue, animate: bool) -> Result<(), JsValue> {
        if !factor.is_finite() || factor <= 0.0 {
            return Err(bad_argument("factor must be a positive number"));
        }
        let anchor = if anchor.is_undefined() || anchor.is_null() {
            None
        } else {
            Some(js_time(&anchor, "anchor")?)
        };
        self.with(|st| {
            if let Some(w) = st.target_view() {
                st.move_to(w.zoom(factor, anchor.unwrap_or(w.center())), animate);
            }
        })
    }

    /// Shows all data.
    pub fn fit(&self, animate: bool) -> Result<(), JsValue> {
        self.with(|st| {
            if let Some(w) = st.fit_window() {
                st.move_to(w, animate);
            }
        })
    }

    // ----- the selection -----

    /// Selects the event with this id (opening its card, moving the view to
    /// it), or nothing with null.
    pub fn select(&self, id: Option<String>) -> Result<(), JsValue> {
        self.with(|st| match &id {
            None => {
                st.select(None, false);
                Ok(())
            }
            Some(id) => match st.data.dataset().and_then(|d| d.event_index(id)) {
                Some(i) => {
                    st.select(Some(i), true);
                    st.reveal(i);
                    Ok(())
                }
                None => Err(bad_argument(format!("no event has the id \"{id}\""))),
            },
        })?
    }

    /// The selected event's id, or null.
    pub fn selected(&self) -> Result<Option<String>, JsValue> {
        self.with(|st| st.event_id(st.selection.selected()?))
    }

    // ----- coordinates -----

    /// CSS px from the element's left edge for a time (not clamped).
    #[wasm_bindgen(js_name = timeToX)]
    pub fn time_to_x(&self, t: JsValue) -> Result<f64, JsValue> {
        let t = js_time(&t, "time")?;
        let s = self.with(|st| st.scale())?;
        Ok(s.ok_or_else(|| bad_argument("no data loaded yet"))?
            .t_to_x(t))
    }

    /// The time (ms since 1970) at CSS px `x` from the element's left edge.
    #[wasm_bindgen(js_name = xToTime)]
    pub fn x_to_time(&self, x: f64) -> Result<f64, JsValue> {
        if !x.is_finite() {
            return Err(bad_argument("x must be a finite number"));
        }
        let s = self.with(|st| st.scale())?;
        Ok(s.ok_or_else(|| bad_argument("no data loaded yet"))?
            .x_to_t(x))
    }

    /// Where event `id` is drawn: `{x, y, width, height}` in CSS px from the
    /// element's top-left corner (its marker and label; for an event inside
    /// a cluster, the cluster badge), or null when it is not drawn. Lays out
    /// first if the view changed since the last frame.
    #[wasm_bindgen(js_name = eventRect)]
    pub fn event_rect(&self, id: &str) -> Result<JsValue, JsValue> {
        let rect = self.with(|st| {
            if !st.ensure_scene() {
                return None;
            }
            let ev = st.data.dataset()?.event_index(id)?;
            let scene = st.paint.scene()?;
            let item = scene.items.get(scene.item_of_event(ev)?)?;
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
            Some(r)
        })?;
        Ok(match rect {
            Some(r) => to_js(&JsRect::from(r)),
            None => JsValue::NULL,
        })
    }

    // ----- the data -----

    /// Replaces the data with a dataset in JSON text, given as UTF-8 bytes
    /// (the page encodes it with `TextEncoder`: a JS string passed as a
    /// Rust string is copied into a buffer sized for the worst case, three
    /// bytes a character, which for 70 MB of data reserves 200 MB of wasm
    /// memory that is never given back). A fatal problem is shown in the
    /// widget, reported as an `error` event, and thrown.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data_bytes(&self, bytes: &[u8]) -> Result<(), JsValue> {
        self.with(|st| st.set_data_bytes(bytes))?
            .map_err(|e| js_error(&e))
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
        let thrown = js_error(&e);
        self.with(|st| st.refuse_data(e))?;
        Err(thrown)
    }

    /// The current data as dataset JSON text.
    #[wasm_bindgen(js_name = getData)]
    pub fn get_data(&self) -> Result<String, JsValue> {
        self.with(|st| st.data.dataset().map(|d| dataset_json(d)))?
            .ok_or_else(|| bad_argument("no data is loaded yet"))
    }

    /// One event as dataset JSON text, or undefined.
    #[wasm_bindgen(js_name = getEvent)]
    pub fn get_event(&self, id: &str) -> Result<Option<String>, JsValue> {
        self.with(|st| {
            let ds = st.data.dataset()?;
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
        .map_err(|e| js_error(&e))
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
        .map_err(|e| js_error(&e))
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
        .map_err(|e| js_error(&e))
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
        .map_err(|e| js_error(&e))
    }

    // ----- hooks, redraw and export -----

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
            st.relabel_card();
            // … and what the series' summaries say.
            if name == "formatDate" || name == "formatValue" {
                st.describe_series();
            }
            st.invalidate_view();
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
        self.with(|st| st.svg())?
    }

    /// The current view as a PNG `Blob` at `scale` × the CSS size (the
    /// page's `render` annotations included).
    #[wasm_bindgen(js_name = exportPng)]
    pub fn export_png(&self, scale: f64) -> Result<js_sys::Promise, JsValue> {
        if !scale.is_finite() || scale <= 0.0 || scale > 8.0 {
            return Err(bad_argument("scale must be a number above 0 and at most 8"));
        }
        let (canvas, hook) = self.with(|st| st.png_canvas(scale))??;
        // The page's annotations, outside the state (its code may call us).
        if let Some(call) = hook {
            let _ = call.call();
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
