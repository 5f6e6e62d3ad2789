//! Languages: the widget's words, dates and numbers through the platform's
//! CLDR formatting (the `Provider` seam: Intl, ICU4X, built-in tables), and
//! the page's formatter hooks.

pub mod format;
pub mod lang;
pub mod locale;
pub mod strings;
