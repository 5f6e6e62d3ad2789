//! Property tests for the zoom math and scales (`core::scale`, the windows
//! `core::motion` produces): after any sequence of zooms (any factor: 0,
//! negative, NaN, infinite, huge), pans, drags, windows set to any pair
//! (inverted, NaN, huge), fits, resizes (any width: 0, NaN) and animation
//! frames, the window is finite, ordered, inside the time domain, with a
//! span in [`min_span_at`] its centre ..= `MAX_SPAN`, and time ↔ pixel
//! mapping round-trips. Inputs come from a seeded generator, as in the
//! crate's other randomised tests, so a failure names its seed and the
//! operations that led to it and replays exactly.

use chronoscope::core::data::time::{
    min_span_at, MAX_SPAN, MIN_SPAN, MS_PER_YEAR, TIME_MAX, TIME_MIN,
};
use chronoscope::core::view::motion::{Momentum, Tween};
use chronoscope::core::view::scale::{TimeScale, Window};

/// xorshift64*: small and deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// A value of any magnitude and sign, often a hostile one.
    fn any(&mut self, typical: f64) -> f64 {
        const NASTY: [f64; 14] = [
            0.0,
            -0.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            1e-300,
            -1e-300,
            1e300,
            -1e300,
            TIME_MAX,
            TIME_MIN,
        ];
        match self.below(4) {
            0 => NASTY[self.below(NASTY.len() as u64) as usize],
            // Log-uniform over 10^-20 … 10^25 times the typical size, either sign.
            1 => {
                let v = typical * 10f64.powf(self.unit() * 45.0 - 20.0);
                if self.below(2) == 0 {
                    v
                } else {
                    -v
                }
            }
            _ => typical * (self.unit() * 4.0 - 2.0),
        }
    }
    /// A zoom factor: usually near 1, sometimes anything.
    fn factor(&mut self) -> f64 {
        match self.below(3) {
            0 => self.any(1.0),
            _ => 2f64.powf(self.unit() * 8.0 - 4.0),
        }
    }
    /// A time: in or near the window, anywhere in the domain, or hostile.
    fn time(&mut self, w: &Window) -> f64 {
        match self.below(4) {
            0 => w.start + w.span() * (self.unit() * 1.4 - 0.2),
            1 => TIME_MIN + (TIME_MAX - TIME_MIN) * self.unit(),
            2 => self.any(1000.0 * MS_PER_YEAR),
            _ => self.any(1.0),
        }
    }
}

#[derive(Debug)]
struct View {
    window: Window,
    x0: f64,
    x1: f64,
}

impl View {
    fn scale(&self) -> TimeScale {
        TimeScale::new(self.window, self.x0, self.x1)
    }
}

fn check(w: &Window, what: &dyn Fn() -> String) {
    let ok = w.start.is_finite()
        && w.end.is_finite()
        && w.start < w.end
        && w.start >= TIME_MIN
        && w.end <= TIME_MAX
        && w.span() <= MAX_SPAN * (1.0 + 1e-12)
        // `end - start` may round a last bit below the limit it was built from.
        && w.span() >= MIN_SPAN * (1.0 - 1e-12)
        && w.span() >= min_span_at(w.center()) * (1.0 - 1e-12);
    assert!(
        ok,
        "invalid window {w:?} (span {}, min at centre {}) after {}",
        w.span(),
        min_span_at(w.center()),
        what()
    );
}

/// Pixel → time → pixel and time → pixel → time agree to well under a
/// pixel (a window holds at least 4096 representable times).
fn check_mapping(s: &TimeScale, rng: &mut Rng, what: &dyn Fn() -> String) {
    let width = s.width();
    assert!(
        width > 0.0 && width.is_finite(),
        "width {width} after {}",
        what()
    );
    for _ in 0..4 {
        let x = s.x0 + width * rng.unit();
        let t = s.x_to_t(x);
        assert!(t.is_finite(), "x {x} -> {t} in {s:?} after {}", what());
        let back = s.t_to_x(t);
        assert!(
            (back - x).abs() <= width / 1024.0 + 1e-9,
            "x {x} -> t {t} -> x {back} in {s:?} after {}",
            what()
        );
        let t = s.window.start + s.window.span() * rng.unit();
        let back = s.x_to_t(s.t_to_x(t));
        // A pixel position is itself only as precise as its f64: in a box
        // a fraction of a pixel wide, that limits the times it tells apart.
        let x_spacing = 4.0 * f64::EPSILON * s.x0.abs().max(s.x1.abs());
        assert!(
            (back - t).abs() <= s.window.span() * (1.0 / 1024.0 + x_spacing / width),
            "t {t} -> t {back} in {s:?} after {}",
            what()
        );
    }
    assert!((s.t_to_x(s.window.start) - s.x0).abs() <= width / 1024.0);
    assert!((s.t_to_x(s.window.end) - s.x1).abs() <= width / 1024.0);
}

fn run(seed: u64, steps: usize) {
    let mut rng = Rng(seed);
    let mut view = View {
        window: Window::new(0.0, 50.0 * MS_PER_YEAR).unwrap(),
        x0: 0.0,
        x1: 800.0,
    };
    let mut log: Vec<String> = Vec::new();
    for _ in 0..steps {
        let before = view.window;
        let s = view.scale();
        let op = match rng.below(9) {
            0 => {
                let (f, a) = (rng.factor(), rng.time(&before));
                view.window = before.zoom(f, a);
                // An anchor inside the window stays at its place on screen.
                if f.is_finite() && f > 0.0 && before.contains(a) && view.window.span() > 0.0 {
                    let frac0 = (a - before.start) / before.span();
                    let frac1 = (a - view.window.start) / view.window.span();
                    let clamped = view.window.start == TIME_MIN || view.window.end == TIME_MAX;
                    assert!(
                        clamped || (frac0 - frac1).abs() < 1e-3,
                        "anchor moved {frac0} -> {frac1}: zoom({f:e}, {a:e}) of {before:?}"
                    );
                }
                format!("zoom({f:e}, {a:e})")
            }
            1 => {
                let (f, x) = (rng.factor(), rng.any(s.width()));
                view.window = s.zoom_at(f, x);
                format!("zoom_at({f:e}, x {x:e})")
            }
            2 => {
                let dt = rng.time(&before) - before.start;
                let dt = if rng.below(4) == 0 { rng.any(1.0) } else { dt };
                view.window = before.pan(dt);
                format!("pan({dt:e})")
            }
            3 => {
                let dx = rng.any(s.width());
                view.window = s.drag(dx);
                format!("drag({dx:e})")
            }
            4 => {
                let (a, b) = (rng.time(&before), rng.time(&before));
                match Window::new(a, b) {
                    Some(w) => view.window = w,
                    None => assert!(!a.is_finite() || !b.is_finite(), "new({a:e}, {b:e})"),
                }
                format!("set({a:e}, {b:e})")
            }
            5 => {
                let (lo, hi) = (rng.time(&before), rng.time(&before));
                let (margin, min_width) = (rng.any(0.05), rng.any(MS_PER_YEAR));
                match Window::fit(lo, hi, margin, min_width) {
                    Some(w) => view.window = w,
                    None => assert!(!lo.is_finite() || !hi.is_finite(), "fit({lo:e}, {hi:e})"),
                }
                format!("fit({lo:e}, {hi:e}, {margin:e}, {min_width:e})")
            }
            6 => {
                let width = rng.any(800.0);
                view.x0 = [0.0, 12.5, 300.0][rng.below(3) as usize];
                view.x1 = view.x0 + width;
                format!("resize(x0 {}, width {width:e})", view.x0)
            }
            7 => {
                let to = Window::new(rng.time(&before), rng.time(&before)).unwrap_or(before);
                let mut tween = Tween::new(before, to);
                let _ = tween.at(0.0);
                let now = rng.any(200.0);
                view.window = tween.at(now).0;
                format!("tween to {to:?} at {now:e}")
            }
            _ => {
                let (v, now) = (rng.any(1.0), rng.any(16.0));
                if let Some(mut m) = Momentum::new(v, s.ms_per_px()) {
                    let _ = m.step(before, 0.0);
                    if let Some(w) = m.step(before, now) {
                        view.window = w;
                    }
                }
                format!("momentum({v:e}) at {now:e}")
            }
        };
        log.push(op);
        let what = || {
            let tail = &log[log.len().saturating_sub(8)..];
            format!(
                "seed {seed:#x}, op {} of: … {}",
                log.len(),
                tail.join(" → ")
            )
        };
        check(&view.window, &what);
        check_mapping(&view.scale(), &mut rng, &what);
    }
}

#[test]
fn any_sequence_of_operations_keeps_the_window_valid() {
    for i in 0..400u64 {
        run(
            0x9E37_79B9_7F4A_7C15 ^ (i.wrapping_mul(0x1000_0000_01B3) + 1),
            100,
        );
    }
}

#[test]
fn zooming_in_anywhere_stops_at_a_resolvable_span() {
    // The zoom limit near every power of two, where the spacing of f64
    // doubles, and across the whole domain.
    let mut rng = Rng(0xC0FF_EE00_1234_5678);
    for k in 0..68 {
        let t = 2f64.powi(k);
        for anchor in [t, -t, t * (1.0 - 1e-15), -t * (1.0 - 1e-15), rng.any(t)] {
            if !anchor.is_finite() || anchor.abs() > TIME_MAX {
                continue;
            }
            // The anchor in the middle, and at either edge of the window.
            for (lo, hi) in [(1.0, 1.0), (0.0, 2.0), (2.0, 0.0)] {
                let mut w = Window::new(anchor - lo, anchor + hi).unwrap();
                for _ in 0..80 {
                    w = w.zoom(16.0, anchor);
                    check(&w, &|| format!("zooming in at {anchor:e} ({lo}, {hi})"));
                }
            }
        }
    }
}
