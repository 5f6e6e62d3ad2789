//! Gesture recognition, one model for mouse, pen and touch: timestamped
//! pointer samples in, what they mean for the view out. A drag pans (and a
//! flick coasts on after release), two fingers pinch to zoom about their
//! midpoint, a tap or click selects, a double tap zooms in, a long press
//! on touch shows what a mouse would show on hover, and a mouse or pen
//! that moves without dragging hovers.
//!
//! Pure and deterministic: the web layer (`web/widget/input/pointer.rs`) turns
//! each `PointerEvent` into a [`Sample`], feeds it to a [`Recognizer`] and
//! applies the [`Intent`]s that come back to the view; the long press
//! timer it arms on request comes back as [`Input::LongPressTimer`]. So
//! every gesture is tested natively, with recorded sequences
//! (`gesture/tests.rs`).

use super::motion::{VelocityTracker, MIN_FLICK};

/// A pointer that moves less than this (on either axis) is a click, not a
/// drag (CSS px).
pub const DRAG_SLOP: f64 = 4.0;
/// Two touch taps closer than this in time (ms) and on each axis (CSS px)
/// are a double tap.
pub const DOUBLE_TAP_MS: f64 = 300.0;
pub const DOUBLE_TAP_PX: f64 = 30.0;
/// After a double tap, the browser's `dblclick` for the same taps is
/// ignored for this long (ms): the double tap already zoomed.
pub const DOUBLE_TAP_DBLCLICK_MS: f64 = 500.0;
/// A touch held this long without moving is a long press (ms).
pub const LONG_PRESS_MS: i32 = 500;

/// What kind of device a pointer is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointerKind {
    Mouse,
    Touch,
    Pen,
}

impl PointerKind {
    /// The kind of a `PointerEvent.pointerType` (an unknown type is a mouse,
    /// as far as gestures go: it hovers).
    pub fn from_dom(pointer_type: &str) -> PointerKind {
        match pointer_type {
            "touch" => PointerKind::Touch,
            "pen" => PointerKind::Pen,
            _ => PointerKind::Mouse,
        }
    }
}

/// Which pointer event a sample is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Down,
    Move,
    Up,
    /// `pointercancel`: the browser took the pointer (a scroll, a system
    /// gesture). Ends what the pointer did, as a release that is no tap
    /// and no flick.
    Cancel,
}

/// One pointer event, as the recognizer sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    /// The event's timestamp (ms, `event.timeStamp`).
    pub time: f64,
    /// `pointerId`.
    pub id: i32,
    pub kind: PointerKind,
    pub phase: Phase,
    /// Position in CSS px from the chart's top-left corner.
    pub x: f64,
    pub y: f64,
    /// The DOM's `button`: which button changed (0 the primary: the left
    /// button, a touch contact, a pen's tip). Only a primary press starts
    /// anything.
    pub button: i16,
}

/// What the recognizer is told.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Input {
    Pointer(Sample),
    /// The timer asked for with [`Intent::ArmLongPress`] ran out (ignored
    /// when it was cancelled since).
    LongPressTimer,
    /// The browser's `dblclick` at `time` (ms) and (x, y).
    DoubleClick {
        time: f64,
        x: f64,
        y: f64,
    },
    /// The chart lost focus: a drag stops where it is (no flick, no tap).
    Blur,
}

/// What the input means, in the order to apply it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Intent {
    /// A primary press on the chart: motion stops, the chart takes focus
    /// and captures the pointer.
    Press,
    /// Touch has no hover: what a long press showed goes away.
    ClearHover,
    /// A mouse or pen over the chart, not dragging.
    Hover { x: f64, y: f64 },
    /// The pointer moved beyond [`DRAG_SLOP`]: a drag (no tap, no long
    /// press).
    DragStart,
    /// Move the view with the pointer by `dx` CSS px.
    Pan { dx: f64 },
    /// The drag that [`Intent::DragStart`] began is over.
    DragEnd,
    /// A second finger came down: a pinch begins about the time under
    /// the fingers' midpoint `x`.
    PinchStart { x: f64 },
    /// Zoom the view the pinch began with by `factor` (the change in the
    /// fingers' distance) about the time first under them, then move that
    /// time under their midpoint `x`.
    Pinch { factor: f64, x: f64 },
    /// A finger of the pinch lifted (the other, if any, drags on).
    PinchEnd,
    /// A drag released fast enough to coast on at `velocity` px/ms.
    Flick { velocity: f64 },
    /// Start the long press timer ([`LONG_PRESS_MS`]).
    ArmLongPress,
    /// Stop the long press timer.
    CancelLongPress,
    /// A touch held still: show what hovering at (x, y) would.
    LongPress { x: f64, y: f64 },
    /// A tap or click at (x, y).
    Tap { x: f64, y: f64 },
    /// A double tap, or the browser's double click: zoom in about x.
    DoubleTap { x: f64, y: f64 },
}

/// A pointer dragging (before or after it moved beyond the slop).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Drag {
    pointer: i32,
    start_x: f64,
    start_y: f64,
    last_x: f64,
    moved: bool,
}

/// Two fingers pinching, and their distance when the pinch began.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Pinch {
    a: i32,
    b: i32,
    d0: f64,
}

/// Turns pointer samples into [`Intent`]s. One per chart.
#[derive(Clone, Debug, Default)]
pub struct Recognizer {
    /// Pointers down on the chart: (id, x, y), in the order they came.
    pointers: Vec<(i32, f64, f64)>,
    drag: Option<Drag>,
    pinch: Option<Pinch>,
    /// Recent positions of the drag, for a flick's speed.
    velocity: VelocityTracker,
    /// The last touch tap (time, x, y), for double taps.
    last_tap: Option<(f64, f64, f64)>,
    suppress_dblclick_until: f64,
    /// The long press timer is running.
    long_press_armed: bool,
    /// Where the touch that armed it came down.
    long_press_at: (f64, f64),
    /// A long press is showing (lifting the finger is no tap).
    long_press_shown: bool,
    /// A drag began and has not ended.
    dragging: bool,
}

/// Distance between two pointers, at least 1 px.
fn distance(a: (i32, f64, f64), b: (i32, f64, f64)) -> f64 {
    ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt().max(1.0)
}

impl Recognizer {
    /// Whether any pointer is down on the chart.
    pub fn has_pointers(&self) -> bool {
        !self.pointers.is_empty()
    }

    /// What `input` means.
    pub fn feed(&mut self, input: Input) -> Vec<Intent> {
        let mut out = Vec::new();
        match input {
            Input::Pointer(s) => match s.phase {
                Phase::Down => self.down(s, &mut out),
                Phase::Move => self.moved(s, &mut out),
                Phase::Up => self.up(s, &mut out),
                Phase::Cancel => {
                    self.release(s.id, &mut out);
                }
            },
            Input::LongPressTimer => {
                let armed = std::mem::take(&mut self.long_press_armed);
                if armed && self.drag.is_some_and(|d| !d.moved) {
                    self.long_press_shown = true;
                    let (x, y) = self.long_press_at;
                    out.push(Intent::LongPress { x, y });
                }
            }
            Input::DoubleClick { time, x, y } => {
                // Unless the double tap that caused it already zoomed.
                let suppressed = time < self.suppress_dblclick_until;
                if !suppressed {
                    out.push(Intent::DoubleTap { x, y });
                }
            }
            Input::Blur => {
                self.drag = None;
                self.end_drag(&mut out);
            }
        }
        out
    }

    /// The view could not anchor the pinch that [`Intent::PinchStart`]
    /// began (there is no view yet): the fingers do nothing until one
    /// lifts.
    pub fn abandon_pinch(&mut self) {
        self.pinch = None;
    }

    fn cancel_long_press(&mut self, out: &mut Vec<Intent>) {
        if std::mem::take(&mut self.long_press_armed) {
            out.push(Intent::CancelLongPress);
        }
        self.long_press_shown = false;
    }

    fn end_drag(&mut self, out: &mut Vec<Intent>) {
        if std::mem::take(&mut self.dragging) {
            out.push(Intent::DragEnd);
        }
    }

    fn down(&mut self, s: Sample, out: &mut Vec<Intent>) {
        if s.button != 0 {
            return;
        }
        self.cancel_long_press(out);
        out.push(Intent::Press);
        let touch = s.kind == PointerKind::Touch;
        if touch {
            out.push(Intent::ClearHover);
        }
        self.pointers.retain(|p| p.0 != s.id);
        self.pointers.push((s.id, s.x, s.y));
        if self.pinch.is_some() {
            return; // a third finger during a pinch neither drags nor taps
        }
        if let [a, b] = self.pointers[..] {
            // A second finger: the drag becomes a pinch.
            self.pinch = Some(Pinch {
                a: a.0,
                b: b.0,
                d0: distance(a, b),
            });
            self.drag = None;
            out.push(Intent::PinchStart {
                x: (a.1 + b.1) / 2.0,
            });
            return;
        }
        self.drag = Some(Drag {
            pointer: s.id,
            start_x: s.x,
            start_y: s.y,
            last_x: s.x,
            moved: false,
        });
        self.velocity.clear();
        self.velocity.add(s.time, s.x);
        if touch {
            self.long_press_at = (s.x, s.y);
            self.long_press_armed = true;
            out.push(Intent::ArmLongPress);
        }
    }

    fn moved(&mut self, s: Sample, out: &mut Vec<Intent>) {
        if let Some(p) = self.pointers.iter_mut().find(|p| p.0 == s.id) {
            p.1 = s.x;
            p.2 = s.y;
        }
        if let Some(pinch) = self.pinch {
            let find = |id: i32| self.pointers.iter().find(|q| q.0 == id).copied();
            if let (Some(a), Some(b)) = (find(pinch.a), find(pinch.b)) {
                out.push(Intent::Pinch {
                    factor: distance(a, b) / pinch.d0,
                    x: (a.1 + b.1) / 2.0,
                });
            }
            return;
        }
        if let Some(mut d) = self.drag.filter(|d| d.pointer == s.id) {
            if !d.moved
                && ((s.x - d.start_x).abs() > DRAG_SLOP || (s.y - d.start_y).abs() > DRAG_SLOP)
            {
                d.moved = true;
                self.cancel_long_press(out);
                self.dragging = true;
                out.push(Intent::DragStart);
            }
            if d.moved {
                out.push(Intent::Pan { dx: s.x - d.last_x });
                d.last_x = s.x;
                self.velocity.add(s.time, s.x);
            }
            self.drag = Some(d);
            return;
        }
        if s.kind == PointerKind::Touch {
            return; // touch has no hover; a long press stands in for it
        }
        out.push(Intent::Hover { x: s.x, y: s.y });
    }

    /// Ends what pointer `id` was doing; returns the drag it ended, if any.
    fn release(&mut self, id: i32, out: &mut Vec<Intent>) -> Option<Drag> {
        self.pointers.retain(|p| p.0 != id);
        self.cancel_long_press(out);
        self.end_drag(out);
        if self.pinch.is_some_and(|p| p.a == id || p.b == id) {
            self.pinch = None;
            out.push(Intent::PinchEnd);
            // The finger left on the glass goes on dragging, without a jump.
            if let Some(&(rest, x, y)) = self.pointers.first() {
                self.drag = Some(Drag {
                    pointer: rest,
                    start_x: x,
                    start_y: y,
                    last_x: x,
                    moved: true,
                });
                self.velocity.clear();
            }
            return None;
        }
        let d = self.drag.filter(|d| d.pointer == id)?;
        self.drag = None;
        Some(d)
    }

    fn up(&mut self, s: Sample, out: &mut Vec<Intent>) {
        let long_pressed = self.long_press_shown;
        let Some(d) = self.release(s.id, out) else {
            return;
        };
        if d.moved {
            // A flick coasts on.
            let v = self.velocity.velocity(s.time);
            if v.is_finite() && v.abs() >= MIN_FLICK {
                out.push(Intent::Flick { velocity: v });
            }
            return;
        }
        if long_pressed {
            return; // the long press showed its tooltip; lifting the finger is not a tap
        }
        if s.kind == PointerKind::Touch {
            if let Some((t, tx, ty)) = self.last_tap {
                if s.time - t < DOUBLE_TAP_MS
                    && (s.x - tx).abs() < DOUBLE_TAP_PX
                    && (s.y - ty).abs() < DOUBLE_TAP_PX
                {
                    self.last_tap = None;
                    self.suppress_dblclick_until = s.time + DOUBLE_TAP_DBLCLICK_MS;
                    out.push(Intent::DoubleTap { x: s.x, y: s.y });
                    return;
                }
            }
            self.last_tap = Some((s.time, s.x, s.y));
        }
        out.push(Intent::Tap { x: s.x, y: s.y });
    }
}

#[cfg(test)]
mod tests;
