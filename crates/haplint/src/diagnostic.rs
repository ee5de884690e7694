//! The diagnostics the CLI prints, whatever stage found them.

use std::ops::Range;

use haplint_semantic::{SemanticDiagnostic, Severity as SemanticSeverity};
use haplint_syntax::{Severity as SyntaxSeverity, SyntaxDiagnostic, TextRange};

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
    pub url: Option<String>,
}

fn byte_range(range: TextRange) -> Range<usize> {
    range.start().into()..range.end().into()
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
            range: byte_range(diagnostic.range),
            message: diagnostic.message.clone(),
            related: diagnostic
                .related
                .iter()
                .map(|related| Label {
                    range: byte_range(related.range),
                    message: related.message.clone(),
                })
                .collect(),
            help: diagnostic.help.clone(),
            url: None,
        }
    }
}

impl From<&SemanticDiagnostic> for Diagnostic {
    fn from(diagnostic: &SemanticDiagnostic) -> Self {
        Self {
            rule: diagnostic.rule.name(),
            code: diagnostic.rule.code(),
            severity: match diagnostic.severity {
                SemanticSeverity::Error => Severity::Error,
                SemanticSeverity::Warning => Severity::Warning,
            },
            range: byte_range(diagnostic.range),
            message: diagnostic.message.clone(),
            // Sets checked here hold one file, so related spans are in it.
            related: diagnostic
                .related
                .iter()
                .filter(|related| related.file == diagnostic.file)
                .map(|related| Label {
                    range: byte_range(related.range),
                    message: related.message.clone(),
                })
                .collect(),
            help: diagnostic.help.clone(),
            url: diagnostic.url.clone(),
        }
    }
}
