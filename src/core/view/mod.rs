//! The view state: the window and its zoom math, motion (easing, momentum),
//! deep links, and gesture recognition.

pub mod deeplink;
pub mod fit;
pub mod gesture;
pub mod motion;
pub mod scale;
