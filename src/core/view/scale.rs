//! Scales and zoom math: the visible time window and its mapping to pixels.
//!
//! Every operation returns a valid [`Window`]: finite, `start < end`, span in
//! `[min_span_at(center), MAX_SPAN]`, inside `[TIME_MIN, TIME_MAX]`. Invalid
//! inputs (NaN factors, zero widths) leave the window unchanged.

use crate::core::data::time::{min_span_at, Ms, MAX_SPAN, MIN_SPAN, TIME_MAX, TIME_MIN};

/// The visible time range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub start: Ms,
    pub end: Ms,
}

impl Window {
    /// A valid window as close as possible to `[start, end]` (swapped if
    /// inverted, widened if too narrow, narrowed if too wide, shifted inside
    /// the time domain). Non-finite input gives `None`.
    pub fn new(start: Ms, end: Ms) -> Option<Window> {
        if !start.is_finite() || !end.is_finite() {
            return None;
        }
        let (lo, hi) = if start <= end {
            (start, end)
        } else {
            (end, start)
        };
        let center = lo / 2.0 + hi / 2.0;
        Some(Window::around(center, hi - lo, 0.5))
    }

    /// A valid window of (about) `span` with `anchor` at fraction `frac` of it.
    fn around(anchor: Ms, span: Ms, frac: f64) -> Window {
        let anchor = anchor.clamp(TIME_MIN, TIME_MAX);
        let frac = if frac.is_finite() {
            frac.clamp(0.0, 1.0)
        } else {
            0.5
        };
        // The limit where the window's times are spaced widest (its end
        // away from 0), not just at the anchor: a window across a power of
        // two, where the spacing doubles, could be narrower than its
        // centre allows.
        let near = min_span_at(anchor).max(MIN_SPAN);
        let min = min_span_at(anchor.abs() + 2.0 * near).max(MIN_SPAN);
        let span = if span.is_finite() {
            span.clamp(min, MAX_SPAN)
        } else {
            MAX_SPAN
        };
        let mut start = anchor - span * frac;
        let mut end = start + span;
        if start < TIME_MIN {
            start = TIME_MIN;
            end = start + span;
        }
        if end > TIME_MAX {
            end = TIME_MAX;
            start = end - span;
        }
        if end <= start {
            // Rounding at the extremes: fall back to the narrowest resolvable window.
            let min = min_span_at(start).max(MIN_SPAN);
            end = start + min;
        }
        Window { start, end }
    }

    pub fn span(&self) -> Ms {
        self.end - self.start
    }

    pub fn center(&self) -> Ms {
        self.start / 2.0 + self.end / 2.0
    }

    pub fn contains(&self, t: Ms) -> bool {
        t >= self.start && t <= self.end
    }

    /// Zooms by `factor` (> 1 magnifies) keeping `anchor` at the same place
    /// on screen. At the zoom limits the anchor still stays put.
    pub fn zoom(&self, factor: f64, anchor: Ms) -> Window {
        if !factor.is_finite() || factor <= 0.0 || !anchor.is_finite() {
            return *self;
        }
        let span = self.span();
        let frac = (anchor - self.start) / span;
        if !frac.is_finite() {
            return *self;
        }
        Window::around(anchor, span / factor, frac)
    }

    /// Moves the window by `dt` (positive shows later times), keeping its span.
    pub fn pan(&self, dt: Ms) -> Window {
        if !dt.is_finite() {
            return *self;
        }
        let span = self.span();
        let mut start = self.start + dt;
        if start < TIME_MIN {
            start = TIME_MIN;
        }
        if start + span > TIME_MAX {
            start = TIME_MAX - span;
        }
        Window::around(start, span, 0.0)
    }

    /// The window showing `[lo, hi]` with `margin` (a fraction of the
    /// extent) on each side. A single instant gets `min_width` around it.
    pub fn fit(lo: Ms, hi: Ms, margin: f64, min_width: Ms) -> Option<Window> {
        if !lo.is_finite() || !hi.is_finite() {
            return None;
        }
        let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
        let extent = (hi - lo).max(min_width.max(MIN_SPAN));
        let center = lo / 2.0 + hi / 2.0;
        let span = extent * (1.0 + 2.0 * margin.max(0.0));
        Some(Window::around(center, span, 0.5))
    }
}

/// Maps the time window onto the horizontal pixel range `[x0, x1]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeScale {
    pub window: Window,
    pub x0: f64,
    pub x1: f64,
}

impl TimeScale {
    /// A range that is not finite, empty or inverted (a box not laid out
    /// yet) is taken as 1 px wide, so the mapping stays finite.
    pub fn new(window: Window, x0: f64, x1: f64) -> Self {
        let (x0, x1) = if x0.is_finite() && x1 > x0 && (x1 - x0).is_finite() {
            (x0, x1)
        } else if x0.is_finite() && x0 + 1.0 > x0 {
            (x0, x0 + 1.0)
        } else {
            (0.0, 1.0)
        };
        TimeScale { window, x0, x1 }
    }

    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    pub fn ms_per_px(&self) -> f64 {
        self.window.span() / self.width()
    }

    // Always: opt-level "z" would otherwise call it for every event a frame.
    #[inline(always)]
    pub fn t_to_x(&self, t: Ms) -> f64 {
        self.x0 + (t - self.window.start) / self.window.span() * self.width()
    }

    pub fn x_to_t(&self, x: f64) -> Ms {
        self.window.start + (x - self.x0) / self.width() * self.window.span()
    }

    /// Zoom about the time under pixel `x`.
    pub fn zoom_at(&self, factor: f64, x: f64) -> Window {
        self.window.zoom(factor, self.x_to_t(x))
    }

    /// Pan by a pointer drag of `dx` pixels: dragging left (dx < 0) shows later times.
    pub fn drag(&self, dx: f64) -> Window {
        self.window.pan(-dx * self.ms_per_px())
    }
}

/// A linear value scale onto a vertical pixel range (`y_bottom` > `y_top`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ValueScale {
    pub min: f64,
    pub max: f64,
    pub y_bottom: f64,
    pub y_top: f64,
}

impl ValueScale {
    pub fn new(min: f64, max: f64, y_bottom: f64, y_top: f64) -> Self {
        let (min, max) = if max > min {
            (min, max)
        } else {
            (min, min + 1.0)
        };
        ValueScale {
            min,
            max,
            y_bottom,
            y_top,
        }
    }

    #[inline(always)]
    pub fn v_to_y(&self, v: f64) -> f64 {
        self.y_bottom - (v - self.min) / (self.max - self.min) * (self.y_bottom - self.y_top)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::data::time::MS_PER_YEAR;

    fn valid(w: &Window) {
        assert!(w.start.is_finite() && w.end.is_finite(), "{w:?}");
        assert!(w.start < w.end, "{w:?}");
        assert!(w.start >= TIME_MIN && w.end <= TIME_MAX, "{w:?}");
        assert!(w.span() <= MAX_SPAN * (1.0 + 1e-12), "{w:?}");
        assert!(w.span() >= MIN_SPAN, "{w:?}");
    }

    #[test]
    fn new_normalizes() {
        assert_eq!(Window::new(f64::NAN, 1.0), None);
        let w = Window::new(10.0, 0.0).unwrap();
        assert_eq!((w.start, w.end), (0.0, 10.0));
        let w = Window::new(5.0, 5.0).unwrap();
        valid(&w);
        assert!((w.center() - 5.0).abs() < 1.0);
        let w = Window::new(-1e30, 1e30).unwrap();
        valid(&w);
    }

    #[test]
    fn zoom_keeps_anchor_under_pointer() {
        let s = TimeScale::new(Window::new(0.0, 1000.0 * MS_PER_YEAR).unwrap(), 10.0, 810.0);
        for &x in &[10.0, 200.0, 555.5, 810.0] {
            for &f in &[1.1, 2.0, 0.5, 10.0] {
                let t = s.x_to_t(x);
                let z = TimeScale::new(s.zoom_at(f, x), s.x0, s.x1);
                assert!((z.t_to_x(t) - x).abs() < 1e-6, "x {x} factor {f}");
                assert!((z.window.span() - s.window.span() / f).abs() / z.window.span() < 1e-9);
            }
        }
    }

    #[test]
    fn zoom_is_bounded() {
        let mut w = Window::new(0.0, 1000.0).unwrap();
        for _ in 0..200 {
            w = w.zoom(3.0, 500.0);
            valid(&w);
        }
        assert!((w.span() - MIN_SPAN).abs() < 1e-9, "{}", w.span());
        // the anchor stays in the window even at the limit
        assert!(w.contains(500.0));
        for _ in 0..200 {
            w = w.zoom(1.0 / 3.0, 500.0);
            valid(&w);
        }
        assert!((w.span() - MAX_SPAN).abs() / MAX_SPAN < 1e-9);
    }

    #[test]
    fn invalid_operations_change_nothing() {
        let w = Window::new(0.0, 1000.0).unwrap();
        assert_eq!(w.zoom(f64::NAN, 1.0), w);
        assert_eq!(w.zoom(0.0, 1.0), w);
        assert_eq!(w.zoom(-2.0, 1.0), w);
        assert_eq!(w.zoom(2.0, f64::INFINITY), w);
        assert_eq!(w.pan(f64::NAN), w);
    }

    #[test]
    fn pan_stops_at_the_domain_edge() {
        let w = Window::new(0.0, 1000.0).unwrap();
        let p = w.pan(-1e300);
        valid(&p);
        assert_eq!(p.start, TIME_MIN);
        // 1 s is not resolvable 20 Gyr ago: the window widens to what is.
        assert!(p.span() >= 1000.0 && p.span() <= min_span_at(TIME_MIN) * 1.01);
        let p = w.pan(1e300);
        valid(&p);
        assert_eq!(p.end, TIME_MAX);
    }

    #[test]
    fn drag_left_shows_later_times() {
        let s = TimeScale::new(Window::new(0.0, 1000.0).unwrap(), 0.0, 100.0);
        let w = s.drag(-10.0);
        assert!((w.start - 100.0).abs() < 1e-9 && (w.end - 1100.0).abs() < 1e-9);
    }

    #[test]
    fn deep_time_windows_stay_resolvable() {
        // 4.5 Ga ago, zoom in as far as possible
        let t = -4.5e9 * MS_PER_YEAR;
        let mut w = Window::new(t, t + MS_PER_YEAR).unwrap();
        for _ in 0..100 {
            w = w.zoom(4.0, t);
            valid(&w);
        }
        assert!(w.span() >= min_span_at(t));
        let s = TimeScale::new(w, 0.0, 1000.0);
        let x = s.t_to_x(w.center());
        assert!((x - 500.0).abs() < 5.0, "{x}");
    }

    #[test]
    fn fit_adds_margin_and_handles_instants() {
        let w = Window::fit(0.0, 100.0, 0.05, 1.0).unwrap();
        assert!((w.start + 5.0).abs() < 1e-9 && (w.end - 105.0).abs() < 1e-9);
        let w = Window::fit(50.0, 50.0, 0.05, MS_PER_YEAR).unwrap();
        valid(&w);
        assert!(w.contains(50.0) && w.span() > MS_PER_YEAR);
    }

    #[test]
    fn the_zoom_limit_holds_across_a_power_of_two() {
        // Found by the property tests: anchored at the left edge just below
        // 2^41 ms, the narrowest window reached past it, where the spacing
        // of f64 (and so the limit) is twice as wide, at 1 ms for 2 ms.
        let anchor = 2f64.powi(41) - 0.0022;
        let mut w = Window::new(anchor, anchor + 2.0).unwrap();
        for _ in 0..40 {
            w = w.zoom(16.0, anchor);
            valid(&w);
            assert!(w.span() >= min_span_at(w.center()), "{w:?}");
        }
    }

    #[test]
    fn time_scale_of_any_width_maps_finitely() {
        // Found by the property tests (tests/zoom_properties.rs): an
        // infinite width made every position infinite or NaN.
        let w = Window::new(0.0, 1000.0).unwrap();
        for (x0, x1) in [
            (0.0, f64::INFINITY),
            (0.0, f64::NAN),
            (5.0, 5.0),
            (5.0, -1.0),
            (f64::NAN, 10.0),
            (f64::NEG_INFINITY, 10.0),
            (-f64::MAX, f64::MAX),
        ] {
            let s = TimeScale::new(w, x0, x1);
            assert!(s.width() > 0.0 && s.width().is_finite(), "{x0} {x1}");
            assert!(s.t_to_x(500.0).is_finite() && s.x_to_t(s.x0).is_finite());
        }
    }

    #[test]
    fn value_scale() {
        let v = ValueScale::new(0.0, 100.0, 200.0, 100.0);
        assert_eq!(v.v_to_y(0.0), 200.0);
        assert_eq!(v.v_to_y(100.0), 100.0);
        let flat = ValueScale::new(5.0, 5.0, 200.0, 100.0);
        assert!(flat.v_to_y(5.0).is_finite());
    }
}
