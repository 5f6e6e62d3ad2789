//! Pointer input glue, one model for mouse, pen and touch: each
//! `PointerEvent` on the chart becomes a `core::gesture` sample, and what
//! the recognizer makes of it — a drag panning (with momentum after a
//! flick), two fingers pinching about their midpoint, a tap or click
//! selecting, a double tap or double click zooming in, a long press on
//! touch showing what a mouse shows on hover, hover — is applied to the
//! view here. Also drags on the overview strip, whose meaning
//! `core::navigator` decides.

use super::local;
use crate::core::scene::navigator::NavGrab;
use crate::core::scene::time_scale;
use crate::core::view::gesture::{Input, Intent, Phase, PointerKind, Sample, LONG_PRESS_MS};
use crate::web::widget::State;
use wasm_bindgen::JsCast;
use web_sys::{Event, PointerEvent};

/// Zoom of a double-click or double-tap.
const DOUBLE_ZOOM: f64 = 2.0;

fn pointer(e: &Event) -> Option<&PointerEvent> {
    e.dyn_ref::<PointerEvent>()
}

fn is_touch(e: &PointerEvent) -> bool {
    e.pointer_type() == "touch"
}

/// A pointer event as the recognizer sees it.
fn sample(st: &State, e: &PointerEvent, phase: Phase) -> Sample {
    let (x, y) = local(st, e);
    Sample {
        time: e.time_stamp(),
        id: e.pointer_id(),
        kind: PointerKind::from_dom(&e.pointer_type()),
        phase,
        x,
        y,
        button: e.button(),
    }
}

/// Feeds the recognizer and applies what it recognised (`pointer`: the
/// pointer of the event, which a press captures).
fn feed(st: &mut State, input: Input, pointer: Option<i32>) {
    for intent in st.input.gestures.feed(input) {
        apply(st, intent, pointer);
    }
}

fn apply(st: &mut State, intent: Intent, pointer: Option<i32>) {
    match intent {
        Intent::Press => {
            st.stop_motion();
            st.focus_frame();
            if let Some(id) = pointer {
                let _ = st.frame.set_pointer_capture(id);
            }
        }
        Intent::ClearHover => st.clear_hover(),
        Intent::Hover { x, y } | Intent::LongPress { x, y } => st.hover_at(x, y),
        Intent::DragStart => {
            let _ = st.frame.class_list().add_1("dragging");
        }
        Intent::DragEnd => {
            let _ = st.frame.class_list().remove_1("dragging");
        }
        Intent::Pan { dx } => {
            if let Some(scale) = st.scale() {
                st.set_view(scale.drag(dx));
            }
        }
        Intent::PinchStart { x } => match (st.view.window(), st.scale()) {
            (Some(view), Some(scale)) => st.input.pinch = Some((view, scale.x_to_t(x))),
            _ => st.input.gestures.abandon_pinch(),
        },
        Intent::Pinch { factor, x } => {
            let Some((w0, anchor)) = st.input.pinch else {
                return;
            };
            // Zoom by the change in finger distance about the time first
            // under the fingers, then move it back under their midpoint.
            let zoomed = w0.zoom(factor, anchor);
            let s = time_scale(zoomed, st.view.size().0);
            st.set_view(zoomed.pan((s.t_to_x(anchor) - x) * s.ms_per_px()));
        }
        Intent::PinchEnd => st.input.pinch = None,
        Intent::Flick { velocity } => st.coast(velocity),
        Intent::ArmLongPress => st.input.long_press.restart(&st.win, LONG_PRESS_MS),
        Intent::CancelLongPress => st.input.long_press.cancel(&st.win),
        Intent::Tap { x, y } => st.click(x, y),
        Intent::DoubleTap { x, .. } => zoom_in_at(st, x),
    }
}

fn pointer_event(st: &mut State, e: &Event, phase: Phase) {
    let Some(e) = pointer(e) else { return };
    let s = sample(st, e, phase);
    if matches!(phase, Phase::Up | Phase::Cancel) {
        let _ = st.frame.release_pointer_capture(s.id);
    }
    feed(st, Input::Pointer(s), Some(s.id));
}

pub(super) fn pointer_down(st: &mut State, e: &Event) {
    pointer_event(st, e, Phase::Down);
}

pub(super) fn pointer_move(st: &mut State, e: &Event) {
    pointer_event(st, e, Phase::Move);
}

pub(super) fn pointer_up(st: &mut State, e: &Event) {
    pointer_event(st, e, Phase::Up);
}

pub(super) fn pointer_cancel(st: &mut State, e: &Event) {
    pointer_event(st, e, Phase::Cancel);
}

/// The long press timer ran out.
pub(super) fn long_press_timer(st: &mut State) {
    st.input.long_press.fired();
    feed(st, Input::LongPressTimer, None);
}

/// The frame lost focus: a drag stops where it is.
pub(super) fn blur(st: &mut State, _: &Event) {
    feed(st, Input::Blur, None);
}

pub(super) fn pointer_leave(st: &mut State, e: &Event) {
    if pointer(e).is_some_and(is_touch) {
        return;
    }
    st.clear_hover();
}

pub(super) fn dblclick(st: &mut State, e: &Event) {
    let Some(e) = e.dyn_ref::<web_sys::MouseEvent>() else {
        return;
    };
    e.prevent_default();
    let (x, y) = local(st, e);
    let time = e.time_stamp();
    feed(st, Input::DoubleClick { time, x, y }, None);
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

pub(super) fn nav_down(st: &mut State, e: &Event) {
    let Some(e) = pointer(e) else { return };
    e.stop_propagation(); // the strip's, not the timeline's
    if e.button() != 0 {
        return;
    }
    let (Some(nav), Some(view)) = (
        st.paint.scene().and_then(|s| s.navigator.clone()),
        st.view.window(),
    ) else {
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
    st.input.nav_drag = Some((grab, start, nav, x, e.pointer_id()));
    let _ = st.paint.overview().set_pointer_capture(e.pointer_id());
}

pub(super) fn nav_move(st: &mut State, e: &Event) {
    let Some(e) = pointer(e) else { return };
    e.stop_propagation();
    let (x, y) = local(st, e);
    if let Some((grab, start, nav, x0, id)) = &st.input.nav_drag {
        if *id == e.pointer_id() {
            let w = nav.drag(*grab, *start, *x0, x);
            st.set_view(w);
        }
        return;
    }
    // Over the strip the timeline's hover ends; show what a press would grab.
    st.clear_hover();
    let grab = st
        .paint
        .scene()
        .and_then(|s| s.navigator.as_ref())
        .and_then(|n| n.grab(x, y, is_touch(e)));
    let cursor = match grab {
        Some(NavGrab::Left | NavGrab::Right) => "ew-resize",
        Some(NavGrab::Body) => "grab",
        _ => "pointer",
    };
    let _ = st.paint.overview().style().set_property("cursor", cursor);
}

pub(super) fn nav_up(st: &mut State, e: &Event) {
    let Some(e) = pointer(e) else { return };
    e.stop_propagation();
    if st
        .input
        .nav_drag
        .as_ref()
        .is_some_and(|d| d.4 == e.pointer_id())
    {
        st.input.nav_drag = None;
        let _ = st.paint.overview().release_pointer_capture(e.pointer_id());
    }
}
