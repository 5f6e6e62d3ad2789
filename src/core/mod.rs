//! The pure core: no web-sys, tested natively.
pub mod json;
