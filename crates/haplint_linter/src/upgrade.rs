//! Moving a configuration to a newer HAProxy: every migration fix for the
//! target applied, safe and unsafe (the user asked for the upgrade), and
//! nothing else. Shared by `haplint upgrade` and the language server's
//! "Upgrade this file" action so that both make the same text.

use std::path::Path;

use haplint_semantic::ConfigSet;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::engine::{LintOptions, lint};
use crate::fix::fix_selected_until_stable;

/// The rule whose findings carry most migration fixes.
pub const MIGRATION_RULE: &str = "removed-keyword";

/// Whether a finding is one an upgrade resolves or reports: a removed
/// keyword, or a frontend and a backend sharing a name where the target
/// refuses that (HAProxy 3.3 and later).
pub fn is_migration(diagnostic: &Diagnostic) -> bool {
    diagnostic.rule == MIGRATION_RULE || crate::migration_fixes::is_shared_name_refusal(diagnostic)
}

/// `text` with every migration fix for `options.target` applied until
/// nothing changes, and how many fixes were applied.
pub fn upgrade_text(path: &Path, text: &str, options: &LintOptions) -> (String, usize) {
    fix_selected_until_stable(path, text, options, Applicability::Unsafe, |_, found| {
        found.into_iter().filter(is_migration).collect()
    })
}

/// The migration findings on `text` at `options.target`: what an upgrade
/// would change (those with a fix) and what it leaves to a person.
pub fn migration_findings(path: &Path, text: &str, options: &LintOptions) -> Vec<Diagnostic> {
    let set = ConfigSet::single(path, text.as_bytes());
    lint(&set, options)
        .into_iter()
        .filter(is_migration)
        .collect()
}
