//! What HAProxy knows, per version: sections, keywords and where they are
//! allowed, options, timeouts, actions, bind and server options, sample
//! fetches and converters, with the versions that added, deprecated or
//! removed them and their documentation anchors.
//!
//! The tables are generated (`cargo run -p xtask -- codegen`) from
//! `data/keywords.tsv`, itself derived from the shared keyword database by
//! `cargo run -p xtask -- import-keywords`.

mod db;
mod features;
mod generated;
mod model;
mod version;

pub use db::{Keywords, MAX_KEYWORD_WORDS, all_entries, first_version, history, removed_after};
pub use features::{BuildFeature, declared_modules, required_feature};
pub use model::{Context, Entry, Flags, Kind, SectionKind, SectionSet};
pub use version::Version;
