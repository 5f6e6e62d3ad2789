//! `area`: a line filled down to zero, on a value axis that includes zero.

use super::line::trace;
use super::{Input, Kind, SeriesGeom};

pub struct Area;

impl Kind for Area {
    fn includes_zero(&self) -> bool {
        true
    }

    fn geometry(&self, input: &Input, out: &mut SeriesGeom) {
        let (strokes, dots) = trace(input, self);
        let value = input.value;
        let baseline = value.v_to_y(0.0_f64.max(value.min).min(value.max));
        for line in &strokes {
            if let (Some(first), Some(last)) = (line.first(), line.last()) {
                let mut poly = Vec::with_capacity(line.len() + 2);
                poly.push((first.0, baseline));
                poly.extend_from_slice(line);
                poly.push((last.0, baseline));
                out.fills.push(poly);
            }
        }
        out.strokes = strokes;
        out.dots = dots;
    }
}
