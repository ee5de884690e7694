//! The syntax layer's and the semantic model's own findings, as diagnostics.

use haplint_semantic::{ConfigSet, SemanticDiagnostic, Severity as SemanticSeverity};
use haplint_syntax::{Severity as SyntaxSeverity, SyntaxDiagnostic};

use crate::diagnostic::{Diagnostic, Severity, Span};

pub fn from_syntax(file: haplint_semantic::FileId, diagnostic: &SyntaxDiagnostic) -> Diagnostic {
    let severity = match diagnostic.severity {
        SyntaxSeverity::Error => Severity::Error,
        SyntaxSeverity::Warning => Severity::Warning,
    };
    let mut converted = Diagnostic::new(
        diagnostic.kind.name(),
        diagnostic.kind.code(),
        severity,
        Span::new(file, diagnostic.range),
        diagnostic.message.clone(),
    );
    for related in &diagnostic.related {
        converted = converted.with_label(Span::new(file, related.range), related.message.clone());
    }
    converted.help.clone_from(&diagnostic.help);
    converted
}

pub fn from_semantic(diagnostic: &SemanticDiagnostic) -> Diagnostic {
    let severity = match diagnostic.severity {
        SemanticSeverity::Error => Severity::Error,
        SemanticSeverity::Warning => Severity::Warning,
    };
    let mut converted = Diagnostic::new(
        diagnostic.rule.name(),
        diagnostic.rule.code(),
        severity,
        Span::new(diagnostic.file, diagnostic.range),
        diagnostic.message.clone(),
    );
    for related in &diagnostic.related {
        converted = converted.with_label(
            Span::new(related.file, related.range),
            related.message.clone(),
        );
    }
    converted.help.clone_from(&diagnostic.help);
    converted.url.clone_from(&diagnostic.url);
    converted
}

/// Every syntax diagnostic of the set (decoding, then parsing).
pub fn syntax_diagnostics(set: &ConfigSet) -> impl Iterator<Item = Diagnostic> + '_ {
    set.documents.iter().flat_map(|document| {
        document
            .decode_diagnostics
            .iter()
            .chain(document.parse.diagnostics())
            .map(move |diagnostic| from_syntax(document.id, diagnostic))
    })
}
