//! The pure core: no web-sys, tested natively.
pub mod json;
pub mod locale;
pub mod ticks;
pub mod time;
