//! Problems found while reading the text, before any keyword is looked up.

use rowan::{TextRange, TextSize};

/// How bad a syntax problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// HAProxy refuses the configuration.
    Error,
    /// HAProxy accepts it, but not the way the author probably meant.
    Warning,
}

/// What kind of syntax problem; each kind is a rule name users can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SyntaxDiagnosticKind {
    UnmatchedQuote,
    InvalidEscape,
    InvalidVariable,
    TooManyWords,
    MissingFinalNewline,
    NulByte,
    StrayCarriageReturn,
    ByteOrderMark,
    InvalidUtf8,
    ConditionalBlock,
    ConditionalExpression,
    UnknownDirective,
    DirectiveArguments,
    AlertDirective,
    WarningDirective,
    CommentInsideWord,
    VariableOutsideQuotes,
    InvalidScope,
    BackslashContinuation,
}

impl SyntaxDiagnosticKind {
    /// Every kind, for documentation and rule listings.
    pub const ALL: [Self; 19] = [
        Self::UnmatchedQuote,
        Self::InvalidEscape,
        Self::InvalidVariable,
        Self::TooManyWords,
        Self::MissingFinalNewline,
        Self::NulByte,
        Self::StrayCarriageReturn,
        Self::ByteOrderMark,
        Self::InvalidUtf8,
        Self::ConditionalBlock,
        Self::ConditionalExpression,
        Self::UnknownDirective,
        Self::DirectiveArguments,
        Self::AlertDirective,
        Self::WarningDirective,
        Self::CommentInsideWord,
        Self::VariableOutsideQuotes,
        Self::InvalidScope,
        Self::BackslashContinuation,
    ];

    /// The kebab-case rule name shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Self::UnmatchedQuote => "unmatched-quote",
            Self::InvalidEscape => "invalid-escape",
            Self::InvalidVariable => "invalid-variable",
            Self::TooManyWords => "too-many-words",
            Self::MissingFinalNewline => "missing-final-newline",
            Self::NulByte => "nul-byte",
            Self::StrayCarriageReturn => "stray-carriage-return",
            Self::ByteOrderMark => "byte-order-mark",
            Self::InvalidUtf8 => "invalid-utf8",
            Self::ConditionalBlock => "conditional-block",
            Self::ConditionalExpression => "conditional-expression",
            Self::UnknownDirective => "unknown-directive",
            Self::DirectiveArguments => "directive-arguments",
            Self::AlertDirective => "alert-directive",
            Self::WarningDirective => "warning-directive",
            Self::CommentInsideWord => "comment-inside-word",
            Self::VariableOutsideQuotes => "variable-outside-quotes",
            Self::InvalidScope => "invalid-scope",
            Self::BackslashContinuation => "backslash-continuation",
        }
    }

    /// The permanent code (`HAP0xx`: the syntax category).
    pub fn code(self) -> &'static str {
        match self {
            Self::UnmatchedQuote => "HAP001",
            Self::InvalidEscape => "HAP002",
            Self::InvalidVariable => "HAP003",
            Self::TooManyWords => "HAP004",
            Self::MissingFinalNewline => "HAP005",
            Self::NulByte => "HAP006",
            Self::StrayCarriageReturn => "HAP007",
            Self::ByteOrderMark => "HAP008",
            Self::InvalidUtf8 => "HAP009",
            Self::ConditionalBlock => "HAP010",
            Self::ConditionalExpression => "HAP011",
            Self::UnknownDirective => "HAP012",
            Self::DirectiveArguments => "HAP013",
            Self::AlertDirective => "HAP014",
            Self::WarningDirective => "HAP015",
            Self::CommentInsideWord => "HAP016",
            Self::VariableOutsideQuotes => "HAP017",
            Self::InvalidScope => "HAP018",
            Self::BackslashContinuation => "HAP019",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Self::StrayCarriageReturn
            | Self::WarningDirective
            | Self::CommentInsideWord
            | Self::VariableOutsideQuotes
            | Self::BackslashContinuation => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// A secondary location that explains a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedSpan {
    pub range: TextRange,
    pub message: String,
}

/// One problem in the text, with the byte range of the offending text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxDiagnostic {
    pub kind: SyntaxDiagnosticKind,
    pub severity: Severity,
    pub range: TextRange,
    pub message: String,
    pub related: Vec<RelatedSpan>,
    pub help: Option<String>,
}

impl SyntaxDiagnostic {
    pub fn new(kind: SyntaxDiagnosticKind, range: TextRange, message: impl Into<String>) -> Self {
        Self {
            kind,
            severity: kind.severity(),
            range,
            message: message.into(),
            related: Vec::new(),
            help: None,
        }
    }

    #[must_use]
    pub fn with_related(mut self, range: TextRange, message: impl Into<String>) -> Self {
        self.related.push(RelatedSpan {
            range,
            message: message.into(),
        });
        self
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A range from byte offsets.
pub(crate) fn range(start: usize, end: usize) -> TextRange {
    TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32))
}
