//! The data types every stage reads: the time model, the dataset model, error
//! codes, URL rules and level-of-detail structures. A leaf: imports nothing
//! else of `core`.

pub mod error;
pub mod lod;
pub mod model;
pub mod time;
pub mod url;
