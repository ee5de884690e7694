//! "Create ACL `X`": on a condition naming an ACL its proxy does not
//! define, an `acl X always_false` line right above the line that uses it.
//! HAProxy looks an ACL name up when it reads the condition, so the
//! definition must come first; on the line above it is also in the same
//! `.if` block as its use. `always_false` is the smallest criterion
//! HAProxy accepts and the title asks for the real one: until it is
//! written, `if X` never matches (and `unless X`, `!X` always do). An
//! editor action only: the name may as well be a typo, which the finding's
//! own fix offers to correct.

use haplint_linter::Diagnostic;
use lsp_types::{CodeAction, TextEdit};

use super::code_action::extra_quick_fix;
use super::create_backend::{indentation, is_plain_name};
use crate::snapshot::Snapshot;

/// The criterion of the new ACL, which the title asks to replace.
const PLACEHOLDER_CRITERION: &str = "always_false";

pub fn create_acl_action(snapshot: &Snapshot, diagnostic: &Diagnostic) -> Option<CodeAction> {
    if diagnostic.rule != "undefined-acl" || diagnostic.span.file != snapshot.file {
        return None;
    }
    let text = snapshot.text();
    let written = text.get(diagnostic.span.start..diagnostic.span.end)?;
    let name = written.strip_prefix('!').unwrap_or(written);
    if !is_plain_name(name) {
        return None;
    }
    let model = &snapshot.analyzed().analysis.model;
    let statement = model
        .sections
        .iter()
        .filter(|section| section.file == snapshot.file)
        .flat_map(|section| section.statements.iter())
        .find(|statement| {
            usize::from(statement.range.start()) <= diagnostic.span.start
                && diagnostic.span.start < usize::from(statement.range.end())
        })?;
    let start = usize::from(statement.range.start());
    let line_start = text[..start].rfind('\n').map_or(0, |at| at + 1);
    let indent = indentation(text, start);
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    Some(extra_quick_fix(
        snapshot,
        diagnostic,
        format!("Create ACL `{name}` (write its criterion: it never matches as created)"),
        vec![TextEdit {
            range: snapshot.range(line_start, line_start),
            new_text: format!("{indent}acl {name} {PLACEHOLDER_CRITERION}{newline}"),
        }],
    ))
}
