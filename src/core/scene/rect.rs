//! The rectangle every part of a scene is placed in, in CSS pixels: below
//! the rest of the scene, so the series kinds and the scene itself share it.

/// A rectangle: left `x`, top `y`, width and height never negative.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Self {
        Rect {
            x,
            y,
            w: w.max(0.0),
            h: h.max(0.0),
        }
    }
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x && x <= self.right() && y >= self.y && y <= self.bottom()
    }
    /// Grown to at least `min` × `min` around its centre.
    pub fn at_least(&self, min: f64) -> Rect {
        let w = self.w.max(min);
        let h = self.h.max(min);
        Rect::new(
            self.x - (w - self.w) / 2.0,
            self.y - (h - self.h) / 2.0,
            w,
            h,
        )
    }
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
}
