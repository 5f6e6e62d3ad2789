//! From a dataset and a view to a [`Scene`]: axis ticks, lanes and their
//! labels, indicator panes (one module per series kind in [`series`], one
//! decimation in [`decimate`]), the crosshair, the overview strip, all in
//! CSS pixels, for the renderer, the hover overlay and hit-testing alike.

pub mod crosshair;
pub mod decimate;
pub mod geometry;
pub mod lanes;
pub mod layout;
pub mod navigator;
pub mod panes;
pub mod prepared;
pub mod rect;
pub mod series;
pub mod ticks;

pub use crosshair::{crosshair, CrossMark, Crosshair};
pub use geometry::*;
pub use layout::{layout, Chrome, LayoutInput};
pub use prepared::{LaneTimes, Prepared};
