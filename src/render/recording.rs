//! A backend that records what is drawn, for tests: which texts, where,
//! and with which colours — so tests can assert on the picture's content
//! (labels never overlap, marks stay inside their panes) without pixels.

use crate::core::text::measure::{ApproxMeasure, Font, TextMeasure};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

/// A recorded colour: (r, g, b) and alpha.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Color {
    pub rgb: (u8, u8, u8),
    pub alpha: f64,
}

impl From<BackendColor> for Color {
    fn from(c: BackendColor) -> Self {
        Color {
            rgb: c.rgb,
            alpha: c.alpha,
        }
    }
}

/// One recorded drawing operation (backend pixels).
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    Line {
        from: BackendCoord,
        to: BackendCoord,
        color: Color,
        width: u32,
    },
    Rect {
        a: BackendCoord,
        b: BackendCoord,
        color: Color,
        fill: bool,
    },
    Path {
        points: Vec<BackendCoord>,
        color: Color,
        width: u32,
    },
    Polygon {
        points: Vec<BackendCoord>,
        color: Color,
    },
    Circle {
        center: BackendCoord,
        radius: u32,
        color: Color,
        fill: bool,
    },
    Text {
        text: String,
        pos: BackendCoord,
        size: f64,
        color: Color,
        anchor_left: bool,
    },
    Pixel {
        at: BackendCoord,
        color: Color,
    },
}

/// Records operations on a surface of a given size.
#[derive(Debug, Default)]
pub struct RecordingBackend {
    pub width: u32,
    pub height: u32,
    pub ops: Vec<Op>,
}

/// Never produced; the recorder cannot fail.
#[derive(Debug)]
pub struct Never;
impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("never")
    }
}
impl std::error::Error for Never {}

impl RecordingBackend {
    pub fn new(width: u32, height: u32) -> Self {
        RecordingBackend {
            width,
            height,
            ops: Vec::new(),
        }
    }

    /// The texts drawn, in order.
    pub fn texts(&self) -> Vec<&str> {
        self.ops
            .iter()
            .filter_map(|op| match op {
                Op::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

fn pos_is_left<S: BackendTextStyle>(s: &S) -> bool {
    matches!(s.anchor().h_pos, plotters_backend::text_anchor::HPos::Left)
}

impl DrawingBackend for RecordingBackend {
    type ErrorType = Never;

    fn get_size(&self) -> (u32, u32) {
        (self.width, self.height)
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }
    fn draw_pixel(
        &mut self,
        at: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.ops.push(Op::Pixel {
            at,
            color: color.into(),
        });
        Ok(())
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.ops.push(Op::Line {
            from,
            to,
            color: s.color().into(),
            width: s.stroke_width(),
        });
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.ops.push(Op::Rect {
            a,
            b,
            color: s.color().into(),
            fill,
        });
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.ops.push(Op::Path {
            points: path.into_iter().collect(),
            color: s.color().into(),
            width: s.stroke_width(),
        });
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.ops.push(Op::Circle {
            center,
            radius,
            color: s.color().into(),
            fill,
        });
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.ops.push(Op::Polygon {
            points: vert.into_iter().collect(),
            color: s.color().into(),
        });
        Ok(())
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        s: &T,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.ops.push(Op::Text {
            text: text.to_string(),
            pos,
            size: s.size(),
            color: s.color().into(),
            anchor_left: pos_is_left(s),
        });
        Ok(())
    }
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        s: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Never>> {
        let w = ApproxMeasure.width(text, Font::Label) * s.size() / Font::Label.size();
        Ok((w.ceil() as u32, s.size().ceil() as u32))
    }
}
