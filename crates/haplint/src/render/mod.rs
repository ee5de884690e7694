//! Turning diagnostics into text for people and tools.

pub mod concise;
pub mod full;
pub mod github;
pub mod json;
pub mod sarif;
pub mod xml;
