//! The rules, one file each, grouped by category.

pub mod correctness;
pub mod deprecated;
pub mod environment;
pub mod performance;
pub mod security;
pub mod style;
pub mod suspicious;

pub(crate) mod edit;
pub(crate) mod placement;
