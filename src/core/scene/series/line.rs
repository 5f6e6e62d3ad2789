//! `line`: the points joined by straight lines, broken at gaps; a dot at
//! each point when they are few, and at a lone point between gaps.

use super::{clip_all, end_line, Input, Kind, Lines, SeriesGeom};
use crate::core::scene::decimate::Run;

pub struct Line;

impl Kind for Line {
    fn geometry(&self, input: &Input, out: &mut SeriesGeom) {
        let (strokes, dots) = trace(input, self);
        out.strokes = strokes;
        out.dots = dots;
    }
}

/// The points joined in order (a decimated column as a vertical run from
/// its first value through its extremes to its last), broken at gaps, each
/// line shaped by `kind` ([`Kind::shape`]) and clipped to the plot, and the
/// dots.
pub(super) fn trace(input: &Input, kind: &dyn Kind) -> (Lines, Vec<(f64, f64)>) {
    let (t, v, value) = (input.t, input.v, input.value);
    let mut lines: Lines = Vec::new();
    let mut dots = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for run in input.runs {
        match *run {
            Run::Gap(i) => {
                if !current.is_empty() {
                    let gap = t.get(i).map(|&ti| input.scale.t_to_x(ti));
                    kind.shape(&mut current, gap);
                }
                end_line(&mut current, &mut lines);
            }
            Run::Points {
                col: Some(c),
                first,
                last,
                min,
                max,
            } => {
                // y is monotone in v: the column's y extremes are those of
                // its value extremes.
                let x = c as f64;
                let (ya, yb) = (value.v_to_y(min), value.v_to_y(max));
                current.extend([
                    (x, value.v_to_y(v[first])),
                    (x, ya.min(yb)),
                    (x, ya.max(yb)),
                    (x, value.v_to_y(v[last])),
                ]);
            }
            Run::Points {
                col: None, first, ..
            } => {
                let x = input.scale.t_to_x(t[first]);
                let y = value.v_to_y(v[first]);
                if input.sparse && input.scale.window.contains(t[first]) {
                    dots.push((x, y));
                }
                current.push((x, y));
            }
        }
    }
    kind.shape(&mut current, None);
    if current.len() > 1 {
        lines.push(current);
    } else if current.len() == 1 && !input.sparse {
        // a lone point between gaps: show it as a dot
        dots.extend(current);
    }
    (clip_all(lines, &input.plot), dots)
}
