//! The diagnostics the CLI prints, whatever stage found them.

use std::ops::Range;

use haplint_syntax::{Severity as SyntaxSeverity, SyntaxDiagnostic};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Label {
    pub range: Range<usize>,
    pub message: String,
}

/// One finding in one file.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub code: &'static str,
    pub severity: Severity,
    pub range: Range<usize>,
    pub message: String,
    pub related: Vec<Label>,
    pub help: Option<String>,
}

impl From<&SyntaxDiagnostic> for Diagnostic {
    fn from(diagnostic: &SyntaxDiagnostic) -> Self {
        Self {
            rule: diagnostic.kind.name(),
            code: diagnostic.kind.code(),
            severity: match diagnostic.severity {
                SyntaxSeverity::Error => Severity::Error,
                SyntaxSeverity::Warning => Severity::Warning,
            },
            range: diagnostic.range.start().into()..diagnostic.range.end().into(),
            message: diagnostic.message.clone(),
            related: diagnostic
                .related
                .iter()
                .map(|related| Label {
                    range: related.range.start().into()..related.range.end().into(),
                    message: related.message.clone(),
                })
                .collect(),
            help: diagnostic.help.clone(),
        }
    }
}
