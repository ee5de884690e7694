//! A misspelled backend name with several close candidates: the finding's
//! own fix writes the closest one; the editor also offers one fix per
//! other candidate, since only the author knows which was meant.

use haplint_keywords::SectionKind;
use haplint_linter::Diagnostic;
use haplint_semantic::close_candidates;
use lsp_types::{CodeAction, CodeActionKind, TextEdit, WorkspaceEdit};

use crate::convert::to_lsp;
use crate::snapshot::Snapshot;

/// "Replace with `X`" for each close backend name but the one the
/// finding's fix already writes.
pub fn other_backend_candidates(snapshot: &Snapshot, diagnostic: &Diagnostic) -> Vec<CodeAction> {
    let Some(fix) = diagnostic.fix.as_ref() else {
        return Vec::new();
    };
    if diagnostic.rule != "undefined-backend" || diagnostic.span.file != snapshot.file {
        return Vec::new();
    }
    let text = snapshot.text();
    let Some(written) = text.get(diagnostic.span.start..diagnostic.span.end) else {
        return Vec::new();
    };
    let model = &snapshot.analyzed().analysis.model;
    let names = model
        .sections
        .iter()
        .filter(|section| section.has_backend_side() && section.kind != SectionKind::Defaults)
        .filter_map(|section| section.name_text());
    close_candidates(written, names)
        .into_iter()
        .filter(|name| fix.title != format!("Replace with `{name}`"))
        .map(|name| CodeAction {
            title: format!("Replace with `{name}`"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![to_lsp(snapshot, diagnostic)]),
            edit: Some(WorkspaceEdit {
                changes: Some(std::collections::HashMap::from([(
                    snapshot.uri.clone(),
                    vec![TextEdit {
                        range: snapshot.range(diagnostic.span.start, diagnostic.span.end),
                        new_text: name.to_owned(),
                    }],
                )])),
                ..WorkspaceEdit::default()
            }),
            is_preferred: Some(false),
            ..CodeAction::default()
        })
        .collect()
}
