//! `bar`: a bar per point from zero to its value, as wide as the period of
//! the points' shared precision (else the smallest gap between points),
//! less 15 % each side; read at its middle. More points than pixels: one
//! bar a pixel column, from zero to the column's extremes. A gap is simply
//! no bar.

use super::{Input, Kind, SeriesGeom};
use crate::core::data::lod::{greater, lesser};
use crate::core::data::time::{ms_from_parts, parts, DateParts, Ms, Precision, MS_PER_DAY};
use crate::core::scene::decimate::Run;
use crate::core::scene::rect::Rect;

pub struct Bar;

impl Kind for Bar {
    fn includes_zero(&self) -> bool {
        true
    }

    fn per_column(&self) -> usize {
        1
    }

    fn geometry(&self, input: &Input, out: &mut SeriesGeom) {
        let (scale, value, plot) = (input.scale, input.value, &input.plot);
        let base = value.v_to_y(0.0_f64.max(value.min).min(value.max));
        let rects = &mut out.rects;
        // Decimated: one bar a column, from the baseline to the column's
        // extremes (a gap inside a column does not split it).
        let mut col: Option<(i64, f64, f64)> = None;
        let flush = |col: &mut Option<(i64, f64, f64)>, rects: &mut Vec<Rect>| {
            if let Some((c, lo_v, hi_v)) = col.take() {
                let x = c as f64;
                if x + 1.0 <= plot.x || x >= plot.right() {
                    return;
                }
                let (a, b) = (value.v_to_y(lo_v), value.v_to_y(hi_v));
                let top = a.min(b).min(base);
                let bottom = a.max(b).max(base);
                rects.push(Rect::new(x, top, 1.0, (bottom - top).max(1.0)));
            }
        };
        for run in input.runs {
            match *run {
                Run::Gap(_) => {}
                Run::Points {
                    col: Some(c),
                    min,
                    max,
                    ..
                } => match &mut col {
                    Some((cc, a, b)) if *cc == c => {
                        *a = lesser(*a, min);
                        *b = greater(*b, max);
                    }
                    _ => {
                        flush(&mut col, rects);
                        col = Some((c, min, max));
                    }
                },
                Run::Points {
                    col: None, first, ..
                } => {
                    let (ti, vi) = (input.t[first], input.v[first]);
                    let end = input
                        .precision
                        .and_then(|p| period_end(ti, p))
                        .or_else(|| input.min_gap.is_finite().then_some(ti + input.min_gap))
                        .unwrap_or(ti + scale.ms_per_px() * 8.0);
                    let a = scale.t_to_x(ti);
                    let b = scale.t_to_x(end);
                    let inset = (b - a) * 0.15;
                    let (a, b) = (a + inset, b - inset);
                    let (a, b) = (a.max(plot.x), b.min(plot.right()));
                    if b <= a {
                        continue;
                    }
                    let b = b.max(a + 1.0);
                    let y = value.v_to_y(vi);
                    let (top, bottom) = if y < base { (y, base) } else { (base, y) };
                    rects.push(Rect::new(a, top, b - a, (bottom - top).max(1.0)));
                }
            }
        }
        flush(&mut col, rects);
    }

    fn anchor(&self, t: Ms, precision: Option<Precision>) -> Ms {
        match precision.and_then(|p| period_end(t, p)) {
            Some(end) => t / 2.0 + end / 2.0,
            None => t,
        }
    }
}

/// Start of the period after `t` at `precision` (for bar widths).
fn period_end(t: Ms, precision: Precision) -> Option<Ms> {
    let p = parts(t, 0);
    let next = |year: i64, month: u32| {
        ms_from_parts(&DateParts {
            year,
            month,
            day: 1,
            hour: 0,
            minute: 0,
            second: 0,
            millis: 0,
        })
    };
    match precision {
        Precision::Year => Some(next(p.year + 1, 1)),
        Precision::Month => Some(if p.month >= 12 {
            next(p.year + 1, 1)
        } else {
            next(p.year, p.month + 1)
        }),
        Precision::Day => Some(t + MS_PER_DAY),
        _ => None,
    }
}
