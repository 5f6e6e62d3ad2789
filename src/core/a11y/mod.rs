//! What assistive technology is told: the accessible list of a window's
//! events, the live region's messages, and series summaries.

pub mod list;
pub mod summary;
