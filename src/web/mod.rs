//! The wasm-bindgen layer: the `<chrono-scope>` element's Rust half. The
//! JavaScript half (`chronoscope.js`) defines the custom element, loads
//! this module and forwards lifecycle callbacks to [`widget::Widget`].

pub mod canvas;
pub mod dom;
pub mod hooks;
pub mod intl;
pub mod js;
pub mod listener;
pub mod load;
pub mod measure;
pub mod panic;
pub mod style;
pub mod timer;
pub mod widget;

use wasm_bindgen::prelude::*;

/// Runs once when the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    panic::install();
    intl::install();
}
