//! The pure core: no web-sys, tested natively. Dataset model and
//! validation, the time model, scales and zoom math, ticks, layout,
//! hit-testing. See `ARCHITECTURE.md`.
pub mod a11y;
pub mod csv_series;
pub mod dataset_json;
pub mod deeplink;
pub mod error;
pub mod gesture;
pub mod html;
pub mod json;
pub mod layout;
pub mod limits;
pub mod locale;
pub mod lod;
pub mod markup;
pub mod model;
pub mod motion;
pub mod navigator;
pub mod scale;
pub mod strings;
pub mod summary;
pub mod text;
pub mod ticks;
pub mod time;
pub mod timelinejs;
pub mod write_json;
