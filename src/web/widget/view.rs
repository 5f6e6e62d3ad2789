//! The view and the frame loop: the visible window and what moves it on
//! its own (a transition, momentum after a flick), the box size and pixel
//! ratio, what needs redoing, and the one animation frame that redoes it.
//! A change only sets dirty flags and asks for a frame; the frame advances
//! any motion, lays out and paints what is dirty (`paint.rs`), and sends
//! `windowchange` at most once.

use super::outbox::PageEvent;
use super::{with_state, State};
use crate::core::data::time::parse_time;
use crate::core::scene::time_scale;
use crate::core::view::fit;
use crate::core::view::motion::{Momentum, Motion, Tween};
use crate::core::view::scale::{TimeScale, Window};
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What needs redoing at the next frame.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Dirty {
    pub size: bool,
    pub layout: bool,
    pub base: bool,
    pub overlay: bool,
}

impl Dirty {
    pub fn all() -> Self {
        Dirty {
            size: true,
            layout: true,
            base: true,
            overlay: true,
        }
    }

    /// The overlay only (hover, selection, focus ring).
    pub fn overlay() -> Self {
        Dirty {
            overlay: true,
            ..Dirty::default()
        }
    }
}

/// The window, its motion and the frame loop.
pub(super) struct View {
    window: Option<Window>,
    /// A transition or momentum moving the view on its own.
    motion: Option<Motion>,
    /// The box in CSS px, and device px per CSS px.
    size: (f64, f64),
    ratio: f64,
    dirty: Dirty,
    /// The window changed since the last `windowchange`.
    window_changed: bool,
    raf_id: Option<i32>,
    raf_cb: Option<Closure<dyn FnMut(f64)>>,
    /// Set by the test hook `testPanic`: the next frame panics.
    panic_in_frame: bool,
}

impl View {
    pub fn new(weak: &Weak<RefCell<State>>) -> View {
        let w = weak.clone();
        View {
            window: None,
            motion: None,
            size: (0.0, 0.0),
            ratio: 1.0,
            dirty: Dirty::all(),
            window_changed: false,
            raf_id: None,
            raf_cb: Some(Closure::<dyn FnMut(f64)>::new(move |t: f64| {
                with_state(&w, |st| st.render(t));
            })),
            panic_in_frame: false,
        }
    }

    pub fn window(&self) -> Option<Window> {
        self.window
    }

    /// The box in CSS px.
    pub fn size(&self) -> (f64, f64) {
        self.size
    }

    pub fn ratio(&self) -> f64 {
        self.ratio
    }

    /// New data (or none): the view starts at `w`, without motion.
    pub fn reset(&mut self, w: Option<Window>) {
        self.window = w;
        self.motion = None;
        if w.is_some() {
            self.window_changed = true;
        }
    }

    /// The box or pixel ratio changed since the last frame.
    pub fn size_changed(&self) -> bool {
        self.dirty.size
    }

    pub fn needs_layout(&self) -> bool {
        self.dirty.layout
    }

    /// A layout was made: both canvases need painting.
    pub fn laid_out(&mut self) {
        self.dirty.layout = false;
        self.dirty.base = true;
        self.dirty.overlay = true;
    }

    /// What this frame has to redo (nothing is dirty after).
    pub fn take_dirty(&mut self) -> Dirty {
        std::mem::take(&mut self.dirty)
    }

    pub fn panic_in_next_frame(&mut self) {
        self.panic_in_frame = true;
    }

    /// Cancels the frame asked for and drops the callback.
    pub fn close(&mut self, win: &web_sys::Window) {
        if let Some(id) = self.raf_id.take() {
            let _ = win.cancel_animation_frame(id);
        }
        self.raf_cb = None;
    }
}

impl State {
    /// Asks for an animation frame (once).
    pub(super) fn schedule(&mut self) {
        if self.view.raf_id.is_some() || self.destroyed {
            return;
        }
        if let Some(cb) = &self.view.raf_cb {
            self.view.raf_id = self
                .win
                .request_animation_frame(cb.as_ref().unchecked_ref())
                .ok();
        }
    }

    pub(super) fn invalidate(&mut self, d: Dirty) {
        let dirty = &mut self.view.dirty;
        dirty.size |= d.size;
        dirty.layout |= d.layout;
        dirty.base |= d.base;
        dirty.overlay |= d.overlay;
        self.schedule();
    }

    pub(super) fn invalidate_view(&mut self) {
        self.invalidate(Dirty {
            layout: true,
            base: true,
            overlay: true,
            ..Dirty::default()
        });
    }

    /// Sets the visible window (already valid); queues `windowchange`.
    pub(super) fn set_view(&mut self, w: Window) {
        if self.view.window != Some(w) {
            self.view.window = Some(w);
            self.view.window_changed = true;
            self.invalidate_view();
            self.touch_link(false);
            self.mirror_changed();
            if self.data.is_ready() && !self.links.applying() {
                self.announce(super::mirror::Announce::Window);
            }
        }
    }

    /// Shows `w` at once, ending any transition or coast (API calls and
    /// attributes: what the page asks for wins).
    pub(super) fn jump_to(&mut self, w: Window) {
        self.stop_motion();
        self.set_view(w);
    }

    /// `jump_to`, or `animate_to` when asked.
    pub(super) fn move_to(&mut self, w: Window, animate: bool) {
        if animate {
            self.animate_to(w);
        } else {
            self.jump_to(w);
        }
    }

    /// Moves the view to `w` with a short ease-out transition (at once when
    /// the reader prefers reduced motion).
    pub(super) fn animate_to(&mut self, w: Window) {
        let Some(from) = self.view.window else {
            self.set_view(w);
            return;
        };
        if self.reduced_motion() || from == w {
            self.view.motion = None;
            self.set_view(w);
            return;
        }
        self.view.motion = Some(Motion::Tween(Tween::new(from, w)));
        self.mirror_changed(); // the list follows where the view is heading
        self.schedule();
    }

    /// A flick: the view coasts on (unless the reader prefers reduced
    /// motion, or the flick is too slow).
    pub(super) fn coast(&mut self, velocity: f64) {
        if let (Some(scale), false) = (self.scale(), self.reduced_motion()) {
            if let Some(m) = Momentum::new(velocity, scale.ms_per_px()) {
                self.view.motion = Some(Motion::Momentum(m));
                self.schedule();
            }
        }
    }

    /// The window key presses build on: where a running transition is
    /// heading, else the current view (so held keys accumulate).
    pub(super) fn target_view(&self) -> Option<Window> {
        self.view
            .motion
            .and_then(|m| m.target())
            .or(self.view.window)
    }

    /// Direct manipulation (wheel, drag, pinch) takes over from any motion.
    pub(super) fn stop_motion(&mut self) {
        self.view.motion = None;
    }

    pub(super) fn reduced_motion(&self) -> bool {
        self.matches("(prefers-reduced-motion: reduce)")
    }

    /// The scale for the current view and size (before any frame too).
    pub(super) fn scale(&self) -> Option<TimeScale> {
        if let Some(s) = self.paint.scene() {
            if Some(s.scale.window) == self.view.window && s.width == self.view.size.0.max(1.0) {
                return Some(s.scale);
            }
        }
        self.view.window.map(|w| time_scale(w, self.view.size.0))
    }

    /// The view that shows all data (`core::view::fit`).
    pub(super) fn fit_window(&self) -> Option<Window> {
        let prepared = self.data.prepared()?;
        fit::fit_window(prepared.extent, prepared.finest)
    }

    /// The initial window: `start`/`end` attributes, else fit all.
    pub(super) fn initial_window(&self) -> Option<Window> {
        let attr = |name: &str| {
            self.host
                .get_attribute(name)
                .and_then(|s| parse_time(&s).ok())
                .map(|t| t.ms)
        };
        fit::initial_window(self.fit_window(), attr("start"), attr("end"))
    }

    /// Reads the box size and pixel ratio.
    pub(super) fn read_size(&mut self) {
        let w = self.frame.client_width() as f64;
        let h = self.frame.client_height() as f64;
        let ratio = self.win.device_pixel_ratio();
        let ratio = if ratio.is_finite() && ratio > 0.0 {
            ratio
        } else {
            1.0
        };
        if (w, h) != self.view.size || ratio != self.view.ratio {
            self.view.size = (w, h);
            self.view.ratio = ratio;
            let narrow = w < crate::core::scene::metrics::NARROW;
            let _ = self.frame.class_list().toggle_with_force("narrow", narrow);
            self.invalidate(Dirty::all());
        }
    }

    /// One animation frame at time `now` (ms): advance any motion, resize,
    /// lay out, paint what is dirty.
    pub(super) fn render(&mut self, now: f64) {
        self.view.raf_id = None;
        if self.destroyed {
            return;
        }
        if self.view.panic_in_frame {
            panic!("test panic requested by the page, in an animation frame");
        }
        if let (Some(mut m), Some(view)) = (self.view.motion, self.view.window) {
            let (w, more) = m.step(view, now);
            self.view.motion = more.then_some(m);
            self.set_view(w);
            if more {
                self.schedule();
            }
        }
        let Some(view) = self.paint_frame() else {
            return;
        };
        if self.mirror.is_stale() {
            // New data: its list right after its first frame is painted.
            self.update_mirror();
        }
        if std::mem::take(&mut self.view.window_changed) {
            self.place_card();
            self.outbox.push(PageEvent::WindowChange(view.into()));
            self.schedule_replace_link();
        }
    }
}
