//! The wasm-bindgen layer: the `<chrono-scope>` element.
