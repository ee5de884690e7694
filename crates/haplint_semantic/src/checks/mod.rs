//! The checks of the semantic layer, one file per concern.

pub mod keywords;
pub mod names;
pub mod references;
pub mod values;
