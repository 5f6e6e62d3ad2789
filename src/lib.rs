//! Chronoscope: a zoomable timeline with synchronized indicator charts.
//!
//! Three layers, see `ARCHITECTURE.md`:
//! - [`core`]: data model, time model, scales, layout, hit-testing (no web-sys);
//! - [`render`]: draws a frame through plotters' `DrawingBackend`;
//! - `web` (wasm32 only): the custom element and its event glue;
//! - `cli` (native only, feature `cli`): the `chronoscope` command-line tool.

#[cfg(all(feature = "cli", not(target_arch = "wasm32")))]
pub mod cli;
pub mod core;
pub mod render;
#[cfg(target_arch = "wasm32")]
pub mod web;
