//! Turning diagnostics into text for people and tools.

pub mod concise;
pub mod full;
