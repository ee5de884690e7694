//! Code actions: each finding's fix, a comment that suppresses the rule on
//! the finding's line, `source.fixAll.haplint` for every safe fix, and
//! `source.upgrade.haplint` (see `upgrade_action`); besides the findings'
//! own fixes, "Create backend" for a backend that is not defined (and
//! "Create userlist/resolvers/cache/..." for those sections, see
//! `create_section`) and
//! "Extract into a named ACL" on an anonymous ACL, and "Move into
//! `defaults`" on a setting all the proxies of a `defaults` repeat.

use std::collections::HashMap;

use haplint_linter::{Applicability, Diagnostic, fix_selected_until_stable};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, Url, WorkspaceEdit,
};

use super::create_acl::create_acl_action;
use super::create_backend::create_backend_action;
use super::create_section::create_section_action;
use super::extract_acl::{EXTRACT, extract_acl_action};
use super::move_to_defaults::{MOVE_TO_DEFAULTS, move_to_defaults_action};
use super::other_candidates::other_candidates;
use super::upgrade_action::{UPGRADE, upgrade_action};
use crate::convert::to_lsp;
use crate::snapshot::Snapshot;

/// The kind of the fix-everything action, under `source.fixAll` so editors
/// run it on save when asked to.
pub const FIX_ALL: &str = "source.fixAll.haplint";

/// Whether the client asked for actions of `kind` (no filter: all).
fn wanted(params: &CodeActionParams, kind: &str) -> bool {
    params.context.only.as_ref().is_none_or(|only| {
        only.iter().any(|asked| {
            kind == asked.as_str() || kind.starts_with(&format!("{}.", asked.as_str()))
        })
    })
}

pub fn code_actions(snapshot: &Snapshot, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let start = snapshot.offset(params.range.start);
    let end = snapshot.offset(params.range.end);
    let mut actions = Vec::new();
    if wanted(params, CodeActionKind::QUICKFIX.as_str()) {
        let mut suppressions: Vec<(&str, usize)> = Vec::new();
        for diagnostic in snapshot.diagnostics() {
            let span = diagnostic.span;
            // Touching counts: a cursor right after a word still gets its fix.
            if span.file != snapshot.file || span.end < start || span.start > end {
                continue;
            }
            if let Some(action) = fix_action(snapshot, diagnostic) {
                actions.push(CodeActionOrCommand::CodeAction(action));
            }
            actions.extend(
                other_candidates(snapshot, diagnostic)
                    .into_iter()
                    .map(CodeActionOrCommand::CodeAction),
            );
            if let Some(action) = create_acl_action(snapshot, diagnostic) {
                actions.push(CodeActionOrCommand::CodeAction(action));
            }
            if let Some(action) = create_backend_action(snapshot, diagnostic) {
                actions.push(CodeActionOrCommand::CodeAction(action));
            }
            if let Some(action) = create_section_action(snapshot, diagnostic) {
                actions.push(CodeActionOrCommand::CodeAction(action));
            }
            let line = snapshot.line_of(span.start);
            if diagnostic.rule != "internal-error"
                && !suppressions.contains(&(diagnostic.rule, line))
            {
                suppressions.push((diagnostic.rule, line));
                actions.push(CodeActionOrCommand::CodeAction(suppress_action(
                    snapshot, diagnostic, line,
                )));
            }
        }
    }
    if wanted(params, EXTRACT)
        && let Some(action) = extract_acl_action(snapshot, start, end)
    {
        actions.push(CodeActionOrCommand::CodeAction(action));
    }
    if wanted(params, MOVE_TO_DEFAULTS)
        && let Some(action) = move_to_defaults_action(snapshot, start)
    {
        actions.push(CodeActionOrCommand::CodeAction(action));
    }
    if wanted(params, FIX_ALL)
        && let Some(action) = fix_all(snapshot)
    {
        actions.push(CodeActionOrCommand::CodeAction(action));
    }
    if wanted(params, UPGRADE)
        && let Some(action) = upgrade_action(snapshot)
    {
        actions.push(CodeActionOrCommand::CodeAction(action));
    }
    actions
}

pub(super) fn single_file_edit(uri: &Url, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// A quick fix for `diagnostic` beyond its own fix (another candidate, a
/// missing definition): never the preferred one, since a person chooses.
pub(super) fn extra_quick_fix(
    snapshot: &Snapshot,
    diagnostic: &Diagnostic,
    title: String,
    edits: Vec<TextEdit>,
) -> CodeAction {
    CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![to_lsp(snapshot, diagnostic)]),
        edit: Some(single_file_edit(&snapshot.uri, edits)),
        is_preferred: Some(false),
        ..CodeAction::default()
    }
}

fn fix_action(snapshot: &Snapshot, diagnostic: &Diagnostic) -> Option<CodeAction> {
    let fix = diagnostic.fix.as_ref()?;
    let mut changes: HashMap<Url, Vec<TextEdit>> = HashMap::new();
    for edit in &fix.edits {
        changes
            .entry(snapshot.uri_of(edit.span.file).clone())
            .or_default()
            .push(TextEdit {
                range: snapshot.range_in(edit.span.file, edit.span.start, edit.span.end),
                new_text: edit.content.clone(),
            });
    }
    Some(CodeAction {
        title: fix.title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![to_lsp(snapshot, diagnostic)]),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(fix.applicability == Applicability::Safe),
        ..CodeAction::default()
    })
}

/// Adds the rule to a `# haplint: ignore[...]` comment already on the
/// line, or appends one: a comment at the end of a line covers that line.
fn suppress_action(snapshot: &Snapshot, diagnostic: &Diagnostic, line: usize) -> CodeAction {
    let text = snapshot.text();
    let line_range = snapshot.line_range(line);
    let line_text = &text[line_range.clone()];
    let marker = "haplint: ignore[";
    let (offset, new_text) = match line_text
        .find('#')
        .and_then(|hash| {
            line_text[hash..]
                .find(marker)
                .map(|at| hash + at + marker.len())
        })
        .and_then(|open| {
            line_text[open..]
                .find(']')
                .map(|close| (open, open + close))
        }) {
        Some((open, close)) => {
            let separator = if line_text[open..close].trim().is_empty() {
                ""
            } else {
                ", "
            };
            (
                line_range.start + close,
                format!("{separator}{}", diagnostic.rule),
            )
        }
        None => (
            line_range.end,
            format!(" # haplint: ignore[{}]", diagnostic.rule),
        ),
    };
    let range = snapshot.range(offset, offset);
    CodeAction {
        title: format!("Suppress `{}` on this line", diagnostic.rule),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![to_lsp(snapshot, diagnostic)]),
        edit: Some(single_file_edit(
            &snapshot.uri,
            vec![TextEdit { range, new_text }],
        )),
        is_preferred: Some(false),
        ..CodeAction::default()
    }
}

/// Every safe fix, applied and re-linted until nothing changes, as one
/// edit of the whole document.
fn fix_all(snapshot: &Snapshot) -> Option<CodeAction> {
    if !snapshot.diagnostics().iter().any(|diagnostic| {
        diagnostic
            .fix
            .as_ref()
            .is_some_and(|fix| fix.applicability == Applicability::Safe)
    }) {
        return None;
    }
    let text = snapshot.text();
    let selection = &snapshot.applied.selection;
    let (fixed, applied) = fix_selected_until_stable(
        &snapshot.path,
        text,
        &snapshot.applied.options,
        Applicability::Safe,
        |set, diagnostics| selection.apply(set, diagnostics),
    );
    if applied == 0 || fixed == text {
        return None;
    }
    let edit = TextEdit {
        range: snapshot.range(0, text.len()),
        new_text: fixed,
    };
    Some(CodeAction {
        title: "Fix all safely fixable haplint findings".to_owned(),
        kind: Some(CodeActionKind::new(FIX_ALL)),
        edit: Some(single_file_edit(&snapshot.uri, vec![edit])),
        ..CodeAction::default()
    })
}
