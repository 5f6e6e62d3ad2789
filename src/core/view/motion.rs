//! Animated view changes: ease-out transitions between two windows and
//! momentum after a flick. Pure math on [`Window`]s and timestamps (ms, as
//! `requestAnimationFrame` gives them), so it is tested natively.

use crate::core::data::time::Ms;
use crate::core::view::scale::Window;
use std::collections::VecDeque;

/// Longest transition, ms (the brief: at most 300 ms).
pub const TWEEN_MS: f64 = 260.0;
const _: () = assert!(TWEEN_MS <= 300.0);
/// Momentum decays by e every this many ms.
pub const MOMENTUM_DECAY_MS: f64 = 325.0;
/// Slowest flick that still coasts, px/ms.
pub const MIN_FLICK: f64 = 0.25;
/// Momentum stops below this speed, px/ms.
const STOP_SPEED: f64 = 0.02;

/// Cubic ease-out: fast start, gentle stop.
pub fn ease_out(p: f64) -> f64 {
    let p = if p.is_finite() {
        p.clamp(0.0, 1.0)
    } else {
        1.0
    };
    1.0 - (1.0 - p).powi(3)
}

/// A transition from one window to another. The centre moves linearly and
/// the span changes geometrically (by a constant factor per frame), so a
/// zoom feels even at every scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tween {
    pub from: Window,
    pub to: Window,
    /// Set by the first frame.
    pub start: Option<f64>,
    pub duration: f64,
}

impl Tween {
    pub fn new(from: Window, to: Window) -> Self {
        Tween {
            from,
            to,
            start: None,
            duration: TWEEN_MS,
        }
    }

    /// The window at time `now`, and whether the transition is over.
    pub fn at(&mut self, now: f64) -> (Window, bool) {
        let start = *self.start.get_or_insert(now);
        let p = if self.duration > 0.0 {
            (now - start) / self.duration
        } else {
            1.0
        };
        if p.is_nan() || p >= 1.0 {
            return (self.to, true);
        }
        let e = ease_out(p);
        let (c0, c1) = (self.from.center(), self.to.center());
        let (s0, s1) = (self.from.span(), self.to.span());
        let center = c0 + (c1 - c0) * e;
        let span = s0 * (s1 / s0).powf(e);
        let w = Window::new(center - span / 2.0, center + span / 2.0).unwrap_or(self.to);
        (w, false)
    }
}

/// Coasting after a flick: the view keeps moving at the release speed,
/// slowing exponentially.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Momentum {
    /// Pointer speed in px/ms (negative: the content moves left, so later
    /// times come into view).
    pub velocity: f64,
    /// Time per pixel at release.
    pub ms_per_px: Ms,
    pub last: Option<f64>,
}

impl Momentum {
    /// Momentum for a release at `velocity` px/ms, or None when too slow.
    pub fn new(velocity: f64, ms_per_px: Ms) -> Option<Self> {
        (velocity.is_finite() && velocity.abs() >= MIN_FLICK && ms_per_px.is_finite()).then_some(
            Momentum {
                velocity,
                ms_per_px,
                last: None,
            },
        )
    }

    /// Advances to `now`: the new window, or None when it has stopped (or
    /// hit the edge of time).
    pub fn step(&mut self, view: Window, now: f64) -> Option<Window> {
        let last = *self.last.get_or_insert(now);
        let dt = (now - last).clamp(0.0, 64.0);
        self.last = Some(now);
        if dt == 0.0 {
            return Some(view);
        }
        let decay = (-dt / MOMENTUM_DECAY_MS).exp();
        // Distance covered while the speed decays over dt.
        let dx = self.velocity * MOMENTUM_DECAY_MS * (1.0 - decay);
        self.velocity *= decay;
        let next = view.pan(-dx * self.ms_per_px);
        if self.velocity.abs() < STOP_SPEED || next == view {
            return None;
        }
        Some(next)
    }
}

/// What moves the view on its own.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Motion {
    Tween(Tween),
    Momentum(Momentum),
}

impl Motion {
    /// Advances to `now`: the window to show and whether to keep going.
    pub fn step(&mut self, view: Window, now: f64) -> (Window, bool) {
        match self {
            Motion::Tween(t) => {
                let (w, done) = t.at(now);
                (w, !done)
            }
            Motion::Momentum(m) => match m.step(view, now) {
                Some(w) => (w, true),
                None => (view, false),
            },
        }
    }

    /// Where the motion is heading (for key repeats to build on).
    pub fn target(&self) -> Option<Window> {
        match self {
            Motion::Tween(t) => Some(t.to),
            Motion::Momentum(_) => None,
        }
    }
}

/// Recent pointer positions, to tell a flick's speed at release.
#[derive(Clone, Debug, Default)]
pub struct VelocityTracker {
    samples: VecDeque<(f64, f64)>,
}

/// Only the last this many ms count.
const WINDOW_MS: f64 = 100.0;

impl VelocityTracker {
    pub fn clear(&mut self) {
        self.samples.clear();
    }

    pub fn add(&mut self, time: f64, x: f64) {
        if !time.is_finite() || !x.is_finite() {
            return;
        }
        self.samples.push_back((time, x));
        while self
            .samples
            .front()
            .is_some_and(|&(t, _)| time - t > WINDOW_MS)
        {
            self.samples.pop_front();
        }
    }

    /// Speed in px/ms over the recent samples; 0 when the pointer rested
    /// (more than 100 ms) before release (`now` is the release time).
    pub fn velocity(&self, now: f64) -> f64 {
        let (Some(&(t0, x0)), Some(&(t1, x1))) = (self.samples.front(), self.samples.back()) else {
            return 0.0;
        };
        if now - t1 > 100.0 || t1 - t0 < 10.0 {
            return 0.0;
        }
        (x1 - x0) / (t1 - t0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(a: f64, b: f64) -> Window {
        Window::new(a, b).unwrap()
    }

    #[test]
    fn ease_out_is_monotonic_from_0_to_1() {
        assert_eq!(ease_out(0.0), 0.0);
        assert_eq!(ease_out(1.0), 1.0);
        assert_eq!(ease_out(f64::NAN), 1.0);
        let mut prev = 0.0;
        for i in 1..=100 {
            let e = ease_out(i as f64 / 100.0);
            assert!(e >= prev);
            prev = e;
        }
        assert!(
            ease_out(0.5) > 0.5,
            "eases out: more than half way at half time"
        );
    }

    #[test]
    fn a_tween_ends_exactly_at_its_target_within_its_duration() {
        let mut t = Tween::new(w(0.0, 1000.0), w(400.0, 600.0));
        assert_eq!(
            t.at(10_000.0).0,
            w(0.0, 1000.0),
            "first frame starts at `from`"
        );
        let (mid, done) = t.at(10_000.0 + TWEEN_MS / 2.0);
        assert!(!done);
        assert!(mid.span() < 1000.0 && mid.span() > 200.0);
        assert!((mid.center() - 500.0).abs() < 1e-6);
        let (end, done) = t.at(10_000.0 + TWEEN_MS);
        assert!(done);
        assert_eq!(end, w(400.0, 600.0));
    }

    #[test]
    fn zoom_tweens_change_the_span_geometrically() {
        let mut t = Tween::new(w(0.0, 1e6), w(0.0, 1e2));
        t.at(0.0);
        let mut spans = vec![];
        for i in 1..10 {
            spans.push(t.at(i as f64 * TWEEN_MS / 10.0).0.span());
        }
        assert!(spans.windows(2).all(|p| p[1] < p[0]), "{spans:?}");
    }

    #[test]
    fn momentum_coasts_in_the_flick_direction_and_stops() {
        // A flick to the left (negative velocity) shows later times.
        let mut m = Momentum::new(-2.0, 10.0).unwrap();
        let mut view = w(0.0, 10_000.0);
        let mut now = 0.0;
        let mut frames = 0;
        loop {
            now += 16.0;
            frames += 1;
            match m.step(view, now) {
                Some(next) => {
                    assert!(next.start >= view.start);
                    view = next;
                }
                None => break,
            }
            assert!(frames < 1000, "stops");
        }
        assert!(view.start > 0.0, "moved");
        // about velocity × decay × ms_per_px in total
        assert!((view.start - 2.0 * MOMENTUM_DECAY_MS * 10.0).abs() < 0.1 * view.start);
        assert!(
            Momentum::new(0.1, 10.0).is_none(),
            "a slow release does not coast"
        );
        assert!(Momentum::new(f64::NAN, 10.0).is_none());
    }

    #[test]
    fn velocity_is_measured_over_the_last_samples_only() {
        let mut v = VelocityTracker::default();
        for i in 0..20 {
            v.add(i as f64 * 10.0, i as f64 * 5.0); // 0.5 px/ms
        }
        assert!((v.velocity(190.0) - 0.5).abs() < 1e-9);
        assert_eq!(v.velocity(400.0), 0.0, "rested before release");
        v.clear();
        assert_eq!(v.velocity(0.0), 0.0);
    }
}
