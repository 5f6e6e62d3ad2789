//! The first window: the page's `start`/`end` when given, else one that
//! shows all data. The one rule the widget and the command line's `render`
//! share.

use super::scale::Window;
use crate::core::data::time::{fit_span, Ms, Precision};

/// The window that shows all data (`extent`, its `finest` precision) with
/// a margin of 4% on each side. Labels near the right edge go left of
/// their markers (`scene::lanes`), so no empty time is kept for them.
pub fn fit_window(extent: Option<(Ms, Ms)>, finest: Option<Precision>) -> Option<Window> {
    let (lo, hi) = extent?;
    let span = (hi - lo).max(fit_span(finest));
    let center = lo / 2.0 + hi / 2.0;
    let (lo, hi) = (center - span / 2.0, center + span / 2.0);
    let margin = 0.04;
    let total = span / (1.0 - 2.0 * margin);
    Window::new(lo - total * margin, hi + total * margin)
}

/// The first window: `start` and `end` when both are given; one of them
/// with the fitted window's other edge (at least a tenth of its span
/// away); else the fitted window.
pub fn initial_window(fit: Option<Window>, start: Option<Ms>, end: Option<Ms>) -> Option<Window> {
    match (start, end, fit) {
        (Some(s), Some(e), _) => Window::new(s, e),
        (Some(s), None, Some(f)) => Window::new(s, f.end.max(s + f.span() / 10.0)),
        (None, Some(e), Some(f)) => Window::new(f.start.min(e - f.span() / 10.0), e),
        (_, _, f) => f,
    }
}
