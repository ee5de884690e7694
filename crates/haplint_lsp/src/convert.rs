//! haplint's diagnostics as LSP diagnostics.

use haplint_linter::{Diagnostic, Severity, Tag, find_rule};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    NumberOrString, Url,
};

use crate::snapshot::Snapshot;

/// Where the rules are documented when a finding has no page of its own.
const RULES_URL: &str = "https://github.com/haplint/haplint#rules";

/// The `source` of every diagnostic, so users can tell who reported it.
pub const SOURCE: &str = "haplint";

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The page describing a finding: its own link (the HAProxy manual), or
/// the rule's documentation.
pub fn doc_url(diagnostic: &Diagnostic) -> Option<Url> {
    let link = diagnostic.url.clone().unwrap_or_else(|| {
        match find_rule(diagnostic.rule) {
            Some(rule) => format!(
                "https://github.com/haplint/haplint/blob/main/crates/haplint_linter/src/rules/{}/{}.rs",
                rule.category.name(),
                rule.name.replace('-', "_")
            ),
            None => RULES_URL.to_owned(),
        }
    });
    Url::parse(&link).ok()
}

/// The LSP form of a diagnostic of `snapshot`'s set; the data field keeps
/// the rule name so code actions can find the finding again.
pub fn to_lsp(snapshot: &Snapshot, diagnostic: &Diagnostic) -> lsp_types::Diagnostic {
    let span = diagnostic.span;
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    for note in &diagnostic.notes {
        message.push_str("\nnote: ");
        message.push_str(note);
    }
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: lsp_types::Location::new(
                snapshot.uri_of(label.span.file).clone(),
                snapshot.range_in(label.span.file, label.span.start, label.span.end),
            ),
            message: label.message.clone(),
        })
        .collect();
    let tags: Vec<DiagnosticTag> = diagnostic
        .tags
        .iter()
        .map(|tag| match tag {
            Tag::Unnecessary => DiagnosticTag::UNNECESSARY,
            Tag::Deprecated => DiagnosticTag::DEPRECATED,
        })
        .collect();
    lsp_types::Diagnostic {
        range: snapshot.range_in(span.file, span.start, span.end),
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.rule.to_owned())),
        code_description: doc_url(diagnostic).map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: (!tags.is_empty()).then_some(tags),
        data: Some(serde_json::json!({ "code": diagnostic.code })),
    }
}

/// The diagnostics of `snapshot`'s own document.
pub fn document_diagnostics(snapshot: &Snapshot) -> Vec<lsp_types::Diagnostic> {
    snapshot
        .diagnostics()
        .iter()
        .filter(|diagnostic| diagnostic.span.file == snapshot.file)
        .map(|diagnostic| to_lsp(snapshot, diagnostic))
        .collect()
}
