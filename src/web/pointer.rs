//! Pointer input, one model for mouse, pen and touch: a drag pans (with
//! momentum after a flick), two fingers pinch to zoom about their midpoint,
//! a tap or click selects, a double-click or double-tap zooms in, a
//! long press on touch shows what a mouse would show on hover.

use super::input::local;
use super::widget::{Dirty, Drag, State};
use crate::core::scene::navigator::NavGrab;
use crate::core::scene::{time_scale, Hit};
use crate::core::view::motion::{Momentum, Motion};
use crate::core::view::scale::Window;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, PointerEvent};

/// A pointer that moves less than this is a click, not a drag (CSS px).
const DRAG_SLOP: f64 = 4.0;
/// Zoom of a double-click or double-tap.
pub const DOUBLE_ZOOM: f64 = 2.0;
/// Two taps closer than this (ms, px) are a double-tap.
const DOUBLE_TAP_MS: f64 = 300.0;
const DOUBLE_TAP_PX: f64 = 30.0;
/// A touch held this long without moving is a long press (ms).
pub const LONG_PRESS_MS: i32 = 500;

/// Two fingers on the timeline.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pinch {
    a: i32,
    b: i32,
    /// Distance between the fingers when the pinch began.
    d0: f64,
    /// The time under the fingers' midpoint when it began.
    anchor: f64,
    /// The view when it began.
    w0: Window,
}

fn pointer(e: &Event) -> Option<&PointerEvent> {
    e.dyn_ref::<PointerEvent>()
}

fn is_touch(e: &PointerEvent) -> bool {
    e.pointer_type() == "touch"
}

fn overlay(st: &mut State) {
    st.invalidate(Dirty {
        overlay: true,
        ..Dirty::default()
    });
}

pub(crate) fn pointer_down(st: &mut State, e: &Event) {
    let Some(e) = pointer(e) else { return };
    if e.button() != 0 {
        return;
    }
    st.stop_motion();
    st.cancel_long_press();
    st.focus_frame();
    let (x, y) = local(st, e);
    let id = e.pointer_id();
    if is_touch(e) {
        // Touch has no hover: what a long press showed goes away.
        clear_hover(st);
    }
    st.pointers.retain(|p| p.0 != id);
    st.pointers.push((id, x, y));
    let _ = st.frame.set_pointer_capture(id);
    if st.pinch.is_some() {
        return; // a third finger during a pinch neither drags nor taps
    }
    if let [a, b] = st.pointers[..] {
        // A second finger: the drag becomes a pinch.
        let d0 = ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt();
        if let (Some(view), Some(scale)) = (st.view, st.scale()) {
            st.pinch = Some(Pinch {
                a: a.0,
                b: b.0,
                d0: d0.max(1.0),
                anchor: scale.x_to_t((a.1 + b.1) / 2.0),
                w0: view,
            });
        }
        st.drag = None;
        return;
    }
    st.drag = Some(Drag {
        pointer: id,
        start_x: x,
        start_y: y,
        last_x: x,
        moved: false,
    });
    st.velocity.clear();
    st.velocity.add(e.time_stamp(), x);
    if is_touch(e) {
        st.start_long_press(x, y);
    }
}

pub(crate) fn pointer_move(st: &mut State, e: &Event) {
    let Some(e) = pointer(e) else { return };
    let (x, y) = local(st, e);
    let id = e.pointer_id();
    if let Some(p) = st.pointers.iter_mut().find(|p| p.0 == id) {
        p.1 = x;
        p.2 = y;
    }
    if let Some(pinch) = st.pinch {
        pinch_move(st, pinch);
        return;
    }
    if let Some(mut d) = st.drag.filter(|d| d.pointer == id) {
        if !d.moved && ((x - d.start_x).abs() > DRAG_SLOP || (y - d.start_y).abs() > DRAG_SLOP) {
            d.moved = true;
            st.cancel_long_press();
            let _ = st.frame.class_list().add_1("dragging");
        }
        if d.moved {
            if let Some(scale) = st.scale() {
                let w = scale.drag(x - d.last_x);
                st.set_view(w);
            }
            d.last_x = x;
            st.velocity.add(e.time_stamp(), x);
        }
        st.drag = Some(d);
        return;
    }
    if is_touch(e) {
        return; // touch has no hover; a long press stands in for it
    }
    hover_at(st, x, y);
}

/// Hover ends: no ring, tooltip or crosshair.
pub(crate) fn clear_hover(st: &mut State) {
    if st.hover.is_some() {
        st.outbox
            .push(("hover", super::widget::obj(&[("id", JsValue::NULL)])));
    }
    if st.hover.take().is_some() || st.hover_x.take().is_some() {
        st.update_tooltip(0.0, 0.0);
        overlay(st);
    }
}

/// Hover: ring the item under (x, y), show its tooltip and the crosshair.
pub(crate) fn hover_at(st: &mut State, x: f64, y: f64) {
    let hit = st.scene.as_ref().and_then(|s| s.hit(x, y));
    let item = match hit {
        Some(Hit::Item(i)) => Some(i),
        _ => None,
    };
    let _ = st
        .frame
        .class_list()
        .toggle_with_force("pointing", hit.is_some());
    let inside = st
        .scene
        .as_ref()
        .is_some_and(|s| x >= s.scale.x0 && x <= s.scale.x1 && y <= s.content_bottom());
    let cross = inside.then_some(x);
    if item != st.hover {
        let id = item
            .and_then(|i| st.scene.as_ref()?.items.get(i))
            .and_then(|it| st.data.as_ref()?.events.get(it.event))
            .map_or(JsValue::NULL, |e| JsValue::from_str(&e.id));
        st.outbox.push(("hover", super::widget::obj(&[("id", id)])));
    }
    if item != st.hover || cross != st.hover_x {
        st.hover = item;
        st.hover_x = cross;
        st.update_tooltip(x, y);
        overlay(st);
    }
}

fn pinch_move(st: &mut State, p: Pinch) {
    let find = |id: i32| st.pointers.iter().find(|q| q.0 == id).copied();
    let (Some(a), Some(b)) = (find(p.a), find(p.b)) else {
        return;
    };
    let d = ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt().max(1.0);
    let mid = (a.1 + b.1) / 2.0;
    // Zoom by the change in finger distance about the time first under the
    // fingers, then move it back under their current midpoint.
    let zoomed = p.w0.zoom(d / p.d0, p.anchor);
    let s = time_scale(zoomed, st.css_size.0);
    let w = zoomed.pan((s.t_to_x(p.anchor) - mid) * s.ms_per_px());
    st.set_view(w);
}

/// Ends what pointer `id` was doing; returns the drag it ended, if any.
fn release(st: &mut State, e: &PointerEvent) -> Option<Drag> {
    let id = e.pointer_id();
    st.pointers.retain(|p| p.0 != id);
    let _ = st.frame.release_pointer_capture(id);
    st.cancel_long_press();
    let _ = st.frame.class_list().remove_1("dragging");
    if st.pinch.is_some_and(|p| p.a == id || p.b == id) {
        st.pinch = None;
        // The finger left on the glass goes on dragging, without a jump.
        if let Some(&(rest, x, y)) = st.pointers.first() {
            st.drag = Some(Drag {
                pointer: rest,
                start_x: x,
                start_y: y,
                last_x: x,
                moved: true,
            });
            st.velocity.clear();
        }
        return None;
    }
    let d = st.drag.filter(|d| d.pointer == id)?;
    st.drag = None;
    Some(d)
}

pub(crate) fn pointer_up(st: &mut State, e: &Event) {
    let Some(e) = pointer(e) else { return };
    let long_pressed = st.long_press_shown;
    let Some(d) = release(st, e) else { return };
    let now = e.time_stamp();
    if d.moved {
        // A flick coasts on.
        let v = st.velocity.velocity(now);
        if let (Some(scale), false) = (st.scale(), st.reduced_motion()) {
            if let Some(m) = Momentum::new(v, scale.ms_per_px()) {
                st.motion = Some(Motion::Momentum(m));
                st.schedule();
            }
        }
        return;
    }
    if long_pressed {
        return; // the long press showed its tooltip; lifting the finger is not a tap
    }
    let (x, y) = local(st, e);
    if is_touch(e) {
        if let Some((t, tx, ty)) = st.last_tap {
            if now - t < DOUBLE_TAP_MS
                && (x - tx).abs() < DOUBLE_TAP_PX
                && (y - ty).abs() < DOUBLE_TAP_PX
            {
                st.last_tap = None;
                st.suppress_dblclick_until = now + 500.0;
                zoom_in_at(st, x);
                return;
            }
        }
        st.last_tap = Some((now, x, y));
    }
    st.click(x, y);
}

pub(crate) fn pointer_cancel(st: &mut State, e: &Event) {
    if let Some(e) = pointer(e) {
        release(st, e);
    }
}

pub(crate) fn pointer_leave(st: &mut State, e: &Event) {
    if pointer(e).is_some_and(is_touch) {
        return;
    }
    clear_hover(st);
}

pub(crate) fn dblclick(st: &mut State, e: &Event) {
    let Some(e) = e.dyn_ref::<web_sys::MouseEvent>() else {
        return;
    };
    e.prevent_default();
    if e.time_stamp() < st.suppress_dblclick_until {
        return; // the double-tap that caused it already zoomed
    }
    let (x, _) = local(st, e);
    zoom_in_at(st, x);
}

fn zoom_in_at(st: &mut State, x: f64) {
    if let Some(scale) = st.scale() {
        let from = st.target_view().unwrap_or(scale.window);
        let t = scale.x_to_t(x);
        st.animate_to(from.zoom(DOUBLE_ZOOM, t));
    }
}

// ----- the overview strip -----
//
// Its picture is on the canvas; a transparent DOM surface over it takes the
// pointer. What a drag does is decided by `core::navigator`.

pub(crate) fn nav_down(st: &mut State, e: &Event) {
    let Some(e) = pointer(e) else { return };
    e.stop_propagation(); // the strip's, not the timeline's
    if e.button() != 0 {
        return;
    }
    let (Some(nav), Some(view)) = (st.scene.as_ref().and_then(|s| s.navigator.clone()), st.view)
    else {
        return;
    };
    let (x, y) = local(st, e);
    let Some(mut grab) = nav.grab(x, y, is_touch(e)) else {
        return;
    };
    st.stop_motion();
    let mut start = view;
    if grab == NavGrab::Outside {
        // A press beside the brush centres the view there; dragging on
        // moves it from there.
        start = nav.drag(NavGrab::Outside, view, x, x);
        st.set_view(start);
        grab = NavGrab::Body;
    }
    st.nav_drag = Some((grab, start, nav, x, e.pointer_id()));
    let _ = st.overview.set_pointer_capture(e.pointer_id());
}

pub(crate) fn nav_move(st: &mut State, e: &Event) {
    let Some(e) = pointer(e) else { return };
    e.stop_propagation();
    let (x, y) = local(st, e);
    if let Some((grab, start, nav, x0, id)) = &st.nav_drag {
        if *id == e.pointer_id() {
            let w = nav.drag(*grab, *start, *x0, x);
            st.set_view(w);
        }
        return;
    }
    // Over the strip the timeline's hover ends; show what a press would grab.
    clear_hover(st);
    let grab = st
        .scene
        .as_ref()
        .and_then(|s| s.navigator.as_ref())
        .and_then(|n| n.grab(x, y, is_touch(e)));
    let cursor = match grab {
        Some(NavGrab::Left | NavGrab::Right) => "ew-resize",
        Some(NavGrab::Body) => "grab",
        _ => "pointer",
    };
    let _ = st.overview.style().set_property("cursor", cursor);
}

pub(crate) fn nav_up(st: &mut State, e: &Event) {
    let Some(e) = pointer(e) else { return };
    e.stop_propagation();
    if st.nav_drag.as_ref().is_some_and(|d| d.4 == e.pointer_id()) {
        st.nav_drag = None;
        let _ = st.overview.release_pointer_capture(e.pointer_id());
    }
}
