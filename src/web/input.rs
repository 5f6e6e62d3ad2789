//! Input: pointer, wheel, keyboard and focus handling, the frame callback,
//! and the observers (size, pixel ratio, colour scheme). Every listener is a
//! [`Listener`] owned by the widget, so `destroy()` removes them all.

use super::listener::Listener;
use super::widget::{with_state, State};
use crate::core::layout::Hit;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, KeyboardEvent, PointerEvent, ResizeObserver, WheelEvent};

/// Zoom per keypress / double-click.
const KEY_ZOOM: f64 = 1.5;
const DBLCLICK_ZOOM: f64 = 2.0;
/// Share of the window moved per arrow key.
const KEY_PAN: f64 = 0.1;
/// A pointer that moves less than this is a click, not a drag.
const DRAG_SLOP: f64 = 4.0;

/// Position of a mouse/pointer event in CSS px relative to the frame.
fn local(st: &State, e: &web_sys::MouseEvent) -> (f64, f64) {
    let r = st.frame.get_bounding_client_rect();
    (
        e.client_x() as f64 - r.left(),
        e.client_y() as f64 - r.top(),
    )
}

pub(crate) fn install(rc: &Rc<RefCell<State>>) {
    let weak = Rc::downgrade(rc);
    let Ok(mut st) = rc.try_borrow_mut() else {
        return;
    };

    // The frame callback.
    let w = weak.clone();
    st.raf_cb = Some(Closure::<dyn FnMut(f64)>::new(move |_t: f64| {
        with_state(&w, |st| st.render());
    }));
    let w = weak.clone();
    st.hint_cb = Some(Closure::<dyn FnMut()>::new(move || {
        with_state(&w, |st| st.hide_hint());
    }));

    let frame: web_sys::EventTarget = st.frame.clone().into();
    let mut ls = vec![
        Listener::new(&frame, "pointerdown", true, handler(&weak, pointer_down)),
        Listener::new(&frame, "pointermove", true, handler(&weak, pointer_move)),
        Listener::new(&frame, "pointerup", true, handler(&weak, pointer_up)),
        Listener::new(
            &frame,
            "pointercancel",
            true,
            handler(&weak, pointer_cancel),
        ),
        Listener::new(&frame, "pointerleave", true, handler(&weak, pointer_leave)),
        Listener::new(&frame, "dblclick", false, handler(&weak, dblclick)),
        Listener::new(&frame, "wheel", false, handler(&weak, wheel)),
        Listener::new(&frame, "keydown", false, handler(&weak, keydown)),
        Listener::new(
            &frame,
            "focus",
            true,
            handler(&weak, |st, _| st.hide_hint()),
        ),
        Listener::new(&frame, "blur", true, handler(&weak, |st, _| st.drag = None)),
        // Safari's trackpad pinch arrives as (non-standard) gesture events.
        Listener::new(&frame, "gesturestart", false, handler(&weak, gesture)),
        Listener::new(&frame, "gesturechange", false, handler(&weak, gesture)),
    ];
    // A web font named in --cs-font may arrive after the first layout:
    // measure again with the real font.
    if let Some(fonts) = js_sys::Reflect::get(&st.doc, &JsValue::from_str("fonts"))
        .ok()
        .and_then(|f| f.dyn_into::<web_sys::EventTarget>().ok())
    {
        ls.push(Listener::new(
            &fonts,
            "loadingdone",
            true,
            handler(&weak, |st, _| {
                st.measure.clear();
                st.invalidate(super::widget::Dirty {
                    layout: true,
                    base: true,
                    overlay: true,
                    ..Default::default()
                });
            }),
        ));
    }
    st.listeners = ls;

    // Size.
    let w = weak.clone();
    let cb = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
        with_state(&w, |st| st.read_size());
    });
    if let Ok(ro) = ResizeObserver::new(cb.as_ref().unchecked_ref()) {
        ro.observe(&st.frame);
        st.resize = Some((ro, cb));
    }
    drop(st);
    watch_media(&weak);
}

/// Watches the device pixel ratio (re-armed at every change, since the
/// query names the current ratio) and the colour scheme.
pub(crate) fn watch_media(weak: &Weak<RefCell<State>>) {
    with_state(weak, |st| {
        st.media_watch.clear();
        let ratio = st.win.device_pixel_ratio();
        let queries = [
            format!("(resolution: {ratio}dppx)"),
            "(prefers-color-scheme: dark)".to_string(),
        ];
        for q in queries {
            let Ok(Some(mql)) = st.win.match_media(&q) else {
                continue;
            };
            let w = weak.clone();
            let l = Listener::new(&mql, "change", true, move |_| {
                with_state(&w, |st| {
                    st.read_theme();
                    st.read_size();
                });
                watch_media(&w);
            });
            st.media_watch.push((mql, l));
        }
    });
}

/// Wraps a handler taking the state and the event.
fn handler(
    weak: &Weak<RefCell<State>>,
    f: impl Fn(&mut State, &Event) + 'static,
) -> impl FnMut(Event) + 'static {
    let weak = weak.clone();
    move |e: Event| {
        with_state(&weak, |st| f(st, &e));
    }
}

fn pointer_down(st: &mut State, e: &Event) {
    let Some(e) = e.dyn_ref::<PointerEvent>() else {
        return;
    };
    if e.button() != 0 {
        return;
    }
    st.focus_frame();
    let (x, y) = local(st, e);
    st.drag = Some(super::widget::Drag {
        pointer: e.pointer_id(),
        start_x: x,
        start_y: y,
        last_x: x,
        moved: false,
    });
    let _ = st.frame.set_pointer_capture(e.pointer_id());
}

fn pointer_move(st: &mut State, e: &Event) {
    let Some(e) = e.dyn_ref::<PointerEvent>() else {
        return;
    };
    let (x, y) = local(st, e);
    if let Some(mut d) = st.drag.filter(|d| d.pointer == e.pointer_id()) {
        if !d.moved && ((x - d.start_x).abs() > DRAG_SLOP || (y - d.start_y).abs() > DRAG_SLOP) {
            d.moved = true;
            let _ = st.frame.class_list().add_1("dragging");
        }
        if d.moved {
            if let Some(scale) = st.scale() {
                let w = scale.drag(x - d.last_x);
                st.set_view(w);
            }
            d.last_x = x;
        }
        st.drag = Some(d);
        return;
    }
    let hit = st.scene.as_ref().and_then(|s| s.hit(x, y));
    let item = match hit {
        Some(Hit::Item(i)) => Some(i),
        _ => None,
    };
    let _ = st
        .frame
        .class_list()
        .toggle_with_force("pointing", hit.is_some());
    if item != st.hover {
        st.hover = item;
        st.invalidate(super::widget::Dirty {
            overlay: true,
            ..Default::default()
        });
    }
}

fn end_drag(st: &mut State, e: &PointerEvent) -> Option<super::widget::Drag> {
    let d = st.drag.filter(|d| d.pointer == e.pointer_id())?;
    st.drag = None;
    let _ = st.frame.release_pointer_capture(e.pointer_id());
    let _ = st.frame.class_list().remove_1("dragging");
    Some(d)
}

fn pointer_up(st: &mut State, e: &Event) {
    let Some(e) = e.dyn_ref::<PointerEvent>() else {
        return;
    };
    if let Some(d) = end_drag(st, e) {
        if !d.moved {
            let (x, y) = local(st, e);
            st.click(x, y);
        }
    }
}

fn pointer_cancel(st: &mut State, e: &Event) {
    if let Some(e) = e.dyn_ref::<PointerEvent>() {
        end_drag(st, e);
    }
}

fn pointer_leave(st: &mut State, _e: &Event) {
    if st.hover.take().is_some() {
        st.invalidate(super::widget::Dirty {
            overlay: true,
            ..Default::default()
        });
    }
}

fn dblclick(st: &mut State, e: &Event) {
    let Some(e) = e.dyn_ref::<web_sys::MouseEvent>() else {
        return;
    };
    e.prevent_default();
    let (x, _) = local(st, e);
    if let Some(scale) = st.scale() {
        let w = scale.zoom_at(DBLCLICK_ZOOM, x);
        st.set_view(w);
    }
}

/// Wheel and trackpad: Ctrl/⌘ + wheel (and pinch, which browsers send as
/// Ctrl + wheel) always zoom; a plain wheel zooms only when the widget has
/// focus, otherwise it scrolls the page and a hint explains what to do.
fn wheel(st: &mut State, e: &Event) {
    let Some(e) = e.dyn_ref::<WheelEvent>() else {
        return;
    };
    let pinch = e.ctrl_key() || e.meta_key();
    if !pinch && !st.has_focus() {
        st.show_hint();
        return;
    }
    e.prevent_default();
    let unit = match e.delta_mode() {
        WheelEvent::DOM_DELTA_LINE => 16.0,
        WheelEvent::DOM_DELTA_PAGE => st.css_size.1.max(100.0),
        _ => 1.0,
    };
    let (dx, dy) = (e.delta_x() * unit, e.delta_y() * unit);
    let Some(scale) = st.scale() else { return };
    let (x, _) = local(st, e);
    let w = if !pinch && dx.abs() > dy.abs() {
        // A sideways scroll pans: scrolling right shows later times.
        scale.window.pan(dx * scale.ms_per_px())
    } else {
        let k = if pinch { 0.01 } else { 0.002 };
        let factor = (-dy * k).exp().clamp(0.5, 2.0);
        scale.zoom_at(factor, x)
    };
    st.set_view(w);
}

fn keydown(st: &mut State, e: &Event) {
    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
        return;
    };
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return; // leave browser shortcuts (page zoom, …) alone
    }
    let Some(view) = st.view else { return };
    let center = view.center();
    let w = match e.key().as_str() {
        "+" | "=" => Some(view.zoom(KEY_ZOOM, center)),
        "-" | "_" => Some(view.zoom(1.0 / KEY_ZOOM, center)),
        "ArrowRight" => Some(view.pan(view.span() * KEY_PAN)),
        "ArrowLeft" => Some(view.pan(-view.span() * KEY_PAN)),
        "0" => st.fit_window(),
        "Escape" => {
            if st.card.is_some() {
                st.select(None, false);
                st.hide_card();
            } else {
                st.blur_frame();
            }
            e.prevent_default();
            return;
        }
        _ => return,
    };
    e.prevent_default();
    if let Some(w) = w {
        st.set_view(w);
    }
}

/// Safari's `gesturestart` / `gesturechange`: `scale` is relative to the
/// gesture's start, so the previous scale is kept on the frame element.
fn gesture(st: &mut State, e: &Event) {
    e.prevent_default();
    let get = |k: &str| {
        js_sys::Reflect::get(e, &JsValue::from_str(k))
            .ok()
            .and_then(|v| v.as_f64())
    };
    let Some(scale_now) = get("scale").filter(|s| s.is_finite() && *s > 0.0) else {
        return;
    };
    let key = JsValue::from_str("__csGestureScale");
    let prev = if e.type_() == "gesturestart" {
        1.0
    } else {
        js_sys::Reflect::get(&st.frame, &key)
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(1.0)
    };
    let _ = js_sys::Reflect::set(&st.frame, &key, &JsValue::from_f64(scale_now));
    let x = get("clientX").unwrap_or(0.0) - st.frame.get_bounding_client_rect().left();
    if let Some(scale) = st.scale() {
        let w = scale.zoom_at(scale_now / prev, x);
        st.set_view(w);
    }
}
