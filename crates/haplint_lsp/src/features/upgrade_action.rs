//! The source action "Upgrade this file to HAProxy X.Y": every migration
//! fix for the target version of the document's settings, as one edit,
//! the same text `haplint upgrade --to X.Y` writes.

use haplint_linter::{is_migration, upgrade_text};
use lsp_types::{CodeAction, CodeActionKind, TextEdit};

use super::code_action::single_file_edit;
use crate::snapshot::Snapshot;

/// Under `source` but not `source.fixAll`: offered in the editor's source
/// actions, never run on save (it may change behaviour).
pub const UPGRADE: &str = "source.upgrade.haplint";

pub fn upgrade_action(snapshot: &Snapshot) -> Option<CodeAction> {
    // Re-linting until stable costs several passes: only when there is
    // something to upgrade.
    if !snapshot
        .diagnostics()
        .iter()
        .any(|diagnostic| is_migration(diagnostic) && diagnostic.fix.is_some())
    {
        return None;
    }
    let text = snapshot.text();
    let options = &snapshot.applied.options;
    let (upgraded, applied) = upgrade_text(&snapshot.path, text, options);
    if applied == 0 || upgraded == text {
        return None;
    }
    let edit = TextEdit {
        range: snapshot.range(0, text.len()),
        new_text: upgraded,
    };
    Some(CodeAction {
        title: format!("Upgrade this file to HAProxy {}", options.target),
        kind: Some(CodeActionKind::new(UPGRADE)),
        edit: Some(single_file_edit(&snapshot.uri, vec![edit])),
        ..CodeAction::default()
    })
}
