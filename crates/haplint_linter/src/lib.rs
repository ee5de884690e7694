//! The rule engine: diagnostics, the rule trait and registry, and the rules.

mod cap;
mod config;
mod config_sets;
mod context;
mod convert;
mod diagnostic;
mod discovery;
mod engine;
mod environment_fixes;
mod fix;
mod format_table;
mod header_fixes;
mod inherited_option_fixes;
mod listeners;
pub mod live;
mod migration_fixes;
mod mode_fixes;
mod model_docs;
mod model_fixes;
mod registry;
mod rule;
mod rules;
mod selection;
mod settings_env;
mod suggestion_fixes;
mod suppression;
mod syntax_fixes;
mod tls_fixes;
mod upgrade;
mod version_fixes;
mod zero_warning;

pub use cap::MAX_FINDINGS_PER_RULE;
pub use config::{ConfigProblem, Settings};
pub use config_sets::{ExpandedSets, SetMatch, declared_sets, find_set};
pub use context::LintContext;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity, Span, Tag};
pub use discovery::{SETTINGS_FILE, find_settings_file};
pub use engine::{LintOptions, analyze_for, analyze_selected, internal_error, lint, lint_analyzed};
pub use fix::{
    SetMember, apply_fixes, fix_selected_until_stable, fix_set_until_stable, fix_until_stable,
};
pub use haplint_semantic::Environment;
pub use model_docs::{SEMANTIC_DOCS, SYNTAX_DOCS, model_doc};
pub use model_fixes::{MODEL_FIXES, model_fix};
pub use registry::{RULES, find_rule};
pub use rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta, fix_with};
pub use selection::{Selection, selector_is_known, selector_matches};
pub use settings_env::{read_env_file, settings_environment};
pub use suggestion_fixes::replacement_for;
pub use upgrade::{MIGRATION_RULE, is_migration, migration_findings, upgrade_text};
