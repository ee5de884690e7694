//! Typed argument values, parsed the way HAProxy parses them, with ranges
//! inside the word for precise diagnostics.

pub mod address;
pub mod duration;
pub mod size;
