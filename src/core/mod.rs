//! The pure core: no web-sys, tested natively. Its folders follow the data
//! flow — bytes ([`formats`]) → dataset ([`data`]) → view state ([`view`]) →
//! scene ([`scene`]) — with [`text`], [`i18n`] and [`a11y`] beside; see
//! `ARCHITECTURE.md`.
pub mod a11y;
pub mod data;
pub mod formats;
pub mod i18n;
pub mod scene;
pub mod text;
pub mod view;
