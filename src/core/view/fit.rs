//! The first window: the page's `start`/`end` when given, else one that
//! shows all data. The one rule the widget and the command line's `render`
//! share.

use super::scale::Window;
use crate::core::data::time::{fit_span, Ms, Precision};

/// The window that shows all data (`extent`, its `finest` precision) with a
/// small margin: 4% on the left, and on the right room for the last labels
/// (up to 180 px of a plot `plot_width` CSS px wide) when there are events.
pub fn fit_window(
    extent: Option<(Ms, Ms)>,
    finest: Option<Precision>,
    has_events: bool,
    plot_width: f64,
) -> Option<Window> {
    let (lo, hi) = extent?;
    let span = (hi - lo).max(fit_span(finest));
    let center = lo / 2.0 + hi / 2.0;
    let (lo, hi) = (center - span / 2.0, center + span / 2.0);
    let right = if plot_width > 1.0 && has_events {
        (180.0 / plot_width).clamp(0.08, 0.35)
    } else {
        0.06
    };
    let left = 0.04;
    let total = span / (1.0 - left - right);
    Window::new(lo - total * left, hi + total * right)
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
