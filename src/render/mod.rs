//! Drawing a frame through plotters' `DrawingBackend`: the same code paints
//! the browser canvas, SVG and bitmaps (natively), and the recording
//! backend of the tests.

pub mod frame;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;
pub mod navigator;
pub mod recording;
pub mod theme;

pub use frame::{Highlight, Painter};
pub use theme::{Rgba, Theme};
