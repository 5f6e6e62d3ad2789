//! Text without a language: the safe markup of event texts and label
//! measuring (fonts, widths, shortening with an ellipsis).

pub mod markup;
pub mod measure;
