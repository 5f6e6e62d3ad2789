//! Input: every listener the widget installs (and removes when it goes),
//! the wheel and trackpad, Safari's gesture events, the toolbar's buttons,
//! focus, the wheel hint, and the observers (size, pixel ratio, colour
//! scheme, forced colours, coarse pointers, web fonts arriving). Pointer
//! gestures are recognised by `core::gesture` and applied in `pointer.rs`;
//! keys are in `keys.rs`.

mod keys;
mod pointer;

use super::{with_state, State};
use crate::core::data::time::Ms;
use crate::core::i18n::strings::strings;
use crate::core::scene::navigator::{NavGrab, Navigator};
use crate::core::view::gesture::Recognizer;
use crate::core::view::scale::Window;
use crate::web::listener::Listener;
use crate::web::timer::Timeout;
use pointer::{
    dblclick, nav_down, nav_move, nav_up, pointer_cancel, pointer_down, pointer_leave,
    pointer_move, pointer_up,
};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlElement, MediaQueryList, ResizeObserver, WheelEvent};

use keys::KEY_ZOOM;

/// The closure a `ResizeObserver` calls.
type ResizeCallback = Closure<dyn FnMut(js_sys::Array)>;

/// Ms the wheel hint stays.
const HINT_MS: i32 = 1600;

/// A drag on the overview strip: what was grabbed, the view and the strip
/// at the start, where it started, and by which pointer.
type NavDrag = (NavGrab, Window, Navigator, f64, i32);

/// What input keeps between events.
pub(super) struct Input {
    /// Pointer gestures on the chart.
    gestures: Recognizer,
    /// The pinch under way: the view when it began and the time that was
    /// under the fingers' midpoint.
    pinch: Option<(Window, Ms)>,
    /// The long press timer the recognizer asked for.
    long_press: Timeout,
    nav_drag: Option<NavDrag>,
    /// Safari's gesture `scale` at its last event (it is relative to the
    /// gesture's start).
    gesture_scale: f64,
    /// The "use Ctrl + scroll to zoom" hint, and its timer.
    hint: HtmlElement,
    hint_timer: Timeout,
    listeners: Vec<Listener>,
    resize: Option<(ResizeObserver, ResizeCallback)>,
    media_watch: Vec<(MediaQueryList, Listener)>,
}

impl Input {
    pub fn new(weak: &Weak<RefCell<State>>, hint: HtmlElement) -> Input {
        let w = weak.clone();
        let long_press = Timeout::new(move || {
            with_state(&w, pointer::long_press_timer);
        });
        let w = weak.clone();
        let hint_timer = Timeout::new(move || {
            with_state(&w, |st| st.hide_hint());
        });
        Input {
            gestures: Recognizer::default(),
            pinch: None,
            long_press,
            nav_drag: None,
            gesture_scale: 1.0,
            hint,
            hint_timer,
            listeners: Vec::new(),
            resize: None,
            media_watch: Vec::new(),
        }
    }

    /// Removes every listener, observer and timer (the widget is going).
    pub fn close(&mut self, win: &web_sys::Window) {
        self.hint_timer.close(win);
        self.long_press.close(win);
        if let Some((ro, _)) = self.resize.take() {
            ro.disconnect();
        }
        self.listeners.clear();
        self.media_watch.clear();
    }
}

/// Position of a mouse/pointer event in CSS px relative to the frame.
fn local(st: &State, e: &web_sys::MouseEvent) -> (f64, f64) {
    let r = st.frame.get_bounding_client_rect();
    (
        e.client_x() as f64 - r.left(),
        e.client_y() as f64 - r.top(),
    )
}

impl State {
    /// Shows the "use Ctrl + scroll" hint for a moment.
    fn show_hint(&mut self) {
        let mac = self
            .win
            .navigator()
            .platform()
            .map(|p| p.to_ascii_lowercase().contains("mac"))
            .unwrap_or(false);
        let s = strings(self.lang);
        let hint = &self.input.hint;
        hint.set_text_content(Some(if mac { s.zoom_hint_mac } else { s.zoom_hint }));
        let _ = hint.class_list().add_1("shown");
        self.input.hint_timer.restart(&self.win, HINT_MS);
    }

    pub(super) fn hide_hint(&mut self) {
        let _ = self.input.hint.class_list().remove_1("shown");
        self.input.hint_timer.cancel(&self.win);
    }
}

/// Installs every listener and observer of the widget.
pub(super) fn install(rc: &Rc<RefCell<State>>) {
    let weak = Rc::downgrade(rc);
    let Ok(mut st) = rc.try_borrow_mut() else {
        return;
    };

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
        Listener::new(&frame, "keydown", false, handler(&weak, keys::keydown)),
        Listener::new(
            &frame,
            "focus",
            true,
            handler(&weak, |st, _| {
                st.hide_hint();
                // The list is next in the tab order: up to date before Tab.
                st.flush_mirror();
            }),
        ),
        Listener::new(&frame, "blur", true, handler(&weak, pointer::blur)),
        // Safari's trackpad pinch arrives as (non-standard) gesture events.
        Listener::new(&frame, "gesturestart", false, handler(&weak, gesture)),
        Listener::new(&frame, "gesturechange", false, handler(&weak, gesture)),
    ];
    // The overview strip.
    let ov: web_sys::EventTarget = st.paint.overview().clone().into();
    ls.push(Listener::new(
        &ov,
        "pointerdown",
        true,
        handler(&weak, nav_down),
    ));
    ls.push(Listener::new(
        &ov,
        "pointermove",
        true,
        handler(&weak, nav_move),
    ));
    ls.push(Listener::new(
        &ov,
        "pointerup",
        true,
        handler(&weak, nav_up),
    ));
    ls.push(Listener::new(
        &ov,
        "pointercancel",
        true,
        handler(&weak, nav_up),
    ));
    ls.push(Listener::new(&ov, "dblclick", true, |e| {
        e.stop_propagation()
    }));
    // Back / Forward and edited hashes, for deep links.
    let page: web_sys::EventTarget = st.win.clone().into();
    for kind in ["popstate", "hashchange"] {
        ls.push(Listener::new(
            &page,
            kind,
            true,
            handler(&weak, |st, _| st.on_history()),
        ));
    }
    // Printing: the window's events as text below the chart.
    ls.push(Listener::new(
        &page,
        "beforeprint",
        true,
        handler(&weak, |st, _| st.fill_print_list()),
    ));
    ls.push(Listener::new(
        &page,
        "afterprint",
        true,
        handler(&weak, |st, _| st.clear_print_list()),
    ));
    // The zoom buttons; presses on them are theirs, not the timeline's.
    if let Some(bar) = st.frame.query_selector(".toolbar").ok().flatten() {
        for kind in ["pointerdown", "dblclick"] {
            ls.push(Listener::new(&bar, kind, true, |e| e.stop_propagation()));
        }
        for (class, action) in [
            ("zoom-in", Button::ZoomIn),
            ("zoom-out", Button::ZoomOut),
            ("fit", Button::Fit),
            ("data", Button::Data),
            ("download", Button::Download),
        ] {
            if let Some(b) = bar.query_selector(&format!(".{class}")).ok().flatten() {
                ls.push(Listener::new(
                    &b,
                    "click",
                    true,
                    handler(&weak, move |st, _| button(st, action)),
                ));
            }
        }
    }
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
                st.invalidate_view();
            }),
        ));
    }
    ls.extend(super::mirror::install(&weak, &st));
    st.input.listeners = ls;

    // Size.
    let w = weak.clone();
    let cb = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
        with_state(&w, |st| st.read_size());
    });
    if let Ok(ro) = ResizeObserver::new(cb.as_ref().unchecked_ref()) {
        ro.observe(&st.frame);
        st.input.resize = Some((ro, cb));
    }
    drop(st);
    watch_media(&weak);
}

/// Watches the device pixel ratio (re-armed at every change, since the
/// query names the current ratio) and the colour scheme.
fn watch_media(weak: &Weak<RefCell<State>>) {
    with_state(weak, |st| {
        st.input.media_watch.clear();
        let ratio = st.win.device_pixel_ratio();
        let queries = [
            format!("(resolution: {ratio}dppx)"),
            "(prefers-color-scheme: dark)".to_string(),
            // Windows High Contrast on or off: the system colours again.
            "(forced-colors: active)".to_string(),
            // A touch screen attached or detached: bar and button sizes.
            "(pointer: coarse)".to_string(),
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
                    st.apply_labels();
                });
                watch_media(&w);
            });
            st.input.media_watch.push((mql, l));
        }
    });
}

#[derive(Clone, Copy)]
enum Button {
    ZoomIn,
    ZoomOut,
    Fit,
    Data,
    Download,
}

fn button(st: &mut State, b: Button) {
    let Some(view) = st.target_view() else { return };
    let w = match b {
        Button::ZoomIn => Some(view.zoom(KEY_ZOOM, view.center())),
        Button::ZoomOut => Some(view.zoom(1.0 / KEY_ZOOM, view.center())),
        Button::Fit => st.fit_window(),
        Button::Download => {
            st.download_image();
            None
        }
        Button::Data => {
            st.open_dialog();
            None
        }
    };
    if let Some(w) = w {
        st.animate_to(w);
    }
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
        WheelEvent::DOM_DELTA_PAGE => st.view.size().1.max(100.0),
        _ => 1.0,
    };
    let (dx, dy) = (e.delta_x() * unit, e.delta_y() * unit);
    let Some(scale) = st.scale() else { return };
    st.stop_motion();
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

/// Safari's `gesturestart` / `gesturechange`: `scale` is relative to the
/// gesture's start, so the previous scale is kept.
fn gesture(st: &mut State, e: &Event) {
    e.prevent_default();
    if st.input.gestures.has_pointers() {
        return; // iOS sends these beside Pointer Events: the pinch handles it
    }
    // Two numbers read with Reflect: a serde `Deserialize` here would bring
    // serde-wasm-bindgen's deserializer into the module (1.6 KiB gzip).
    let get = |k: &str| {
        js_sys::Reflect::get(e, &JsValue::from_str(k))
            .ok()
            .and_then(|v| v.as_f64())
    };
    let Some(scale_now) = get("scale").filter(|s| s.is_finite() && *s > 0.0) else {
        return;
    };
    let prev = if e.type_() == "gesturestart" {
        1.0
    } else {
        st.input.gesture_scale
    };
    st.input.gesture_scale = scale_now;
    let x = get("clientX").unwrap_or(0.0) - st.frame.get_bounding_client_rect().left();
    if let Some(scale) = st.scale() {
        st.stop_motion();
        let w = scale.zoom_at(scale_now / prev, x);
        st.set_view(w);
    }
}
