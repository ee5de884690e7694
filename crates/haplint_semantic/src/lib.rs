//! The model of an HAProxy configuration set for a target version: sections
//! and their names, statements with their keywords resolved, references
//! between sections, and what HAProxy would reject or misread.

mod analyze;
mod branches;
mod build;
mod checks;
mod conditions;
mod diagnostic;
mod document;
pub mod effective;
pub mod env_file;
pub mod environment;
mod expand;
pub mod fault;
mod model;
mod replacements;
pub mod sample;
pub mod sample_type;
mod suggest;
pub mod values;

pub use analyze::{Analysis, Checks, Options, analyze, analyze_checks};
pub use branches::{Block, Branch, Conditionals};
pub use checks::keywords::{KeywordGuess, guess_keyword, match_words};
pub use diagnostic::{Related, Rule, SemanticDiagnostic, Severity};
pub use document::{ConfigSet, Document, FileId, directory_files};
pub use environment::Environment;
pub use haplint_keywords::Version;
pub use model::{Model, Prefix, Section, Statement, Word};
pub use replacements::replacement;
pub use suggest::{close_candidates, closest, distance};
