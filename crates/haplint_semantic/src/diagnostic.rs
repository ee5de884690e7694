//! Findings of the semantic layer: what HAProxy would reject or misread once
//! it looks keywords up for the target version.

use haplint_syntax::TextRange;

use crate::FileId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// The semantic rules; each has a permanent code (`HAP1xx` correctness,
/// `HAP3xx` versions and deprecation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    UnknownKeyword,
    KeywordOutOfSection,
    KeywordWrongSection,
    KeywordIgnoredHere,
    NamedDefaultsOnly,
    InvalidPrefix,
    UndefinedBackend,
    UndefinedDefaults,
    DuplicateName,
    DuplicateServer,
    InvalidName,
    MissingName,
    UnknownAction,
    InvalidValue,
    MissingArgument,
    ModeMismatch,
    AmbiguousDefaults,
    RuleOrder,
    UnreachableRule,
    DefaultsWithRules,
    UndefinedAcl,
    UnknownFetch,
    UndefinedReference,
    TlsConfiguration,
    IncompleteSection,
    KeywordTooNew,
    RemovedKeyword,
    DeprecatedKeyword,
    UnknownPredicate,
}

impl Rule {
    pub const ALL: [Self; 29] = [
        Self::UnknownKeyword,
        Self::KeywordOutOfSection,
        Self::KeywordWrongSection,
        Self::KeywordIgnoredHere,
        Self::NamedDefaultsOnly,
        Self::InvalidPrefix,
        Self::UndefinedBackend,
        Self::UndefinedDefaults,
        Self::DuplicateName,
        Self::DuplicateServer,
        Self::InvalidName,
        Self::MissingName,
        Self::UnknownAction,
        Self::InvalidValue,
        Self::MissingArgument,
        Self::ModeMismatch,
        Self::AmbiguousDefaults,
        Self::RuleOrder,
        Self::UnreachableRule,
        Self::DefaultsWithRules,
        Self::UndefinedAcl,
        Self::UnknownFetch,
        Self::UndefinedReference,
        Self::TlsConfiguration,
        Self::IncompleteSection,
        Self::KeywordTooNew,
        Self::RemovedKeyword,
        Self::DeprecatedKeyword,
        Self::UnknownPredicate,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::UnknownKeyword => "unknown-keyword",
            Self::KeywordOutOfSection => "keyword-out-of-section",
            Self::KeywordWrongSection => "keyword-wrong-section",
            Self::KeywordIgnoredHere => "keyword-ignored-here",
            Self::NamedDefaultsOnly => "named-defaults-only",
            Self::InvalidPrefix => "invalid-prefix",
            Self::UndefinedBackend => "undefined-backend",
            Self::UndefinedDefaults => "undefined-defaults",
            Self::DuplicateName => "duplicate-name",
            Self::DuplicateServer => "duplicate-server",
            Self::InvalidName => "invalid-name",
            Self::MissingName => "missing-name",
            Self::UnknownAction => "unknown-action",
            Self::InvalidValue => "invalid-value",
            Self::MissingArgument => "missing-argument",
            Self::ModeMismatch => "mode-mismatch",
            Self::AmbiguousDefaults => "ambiguous-defaults",
            Self::RuleOrder => "rule-order",
            Self::UnreachableRule => "unreachable-rule",
            Self::DefaultsWithRules => "defaults-with-rules",
            Self::UndefinedAcl => "undefined-acl",
            Self::UnknownFetch => "unknown-fetch",
            Self::UndefinedReference => "undefined-reference",
            Self::TlsConfiguration => "tls-configuration",
            Self::IncompleteSection => "incomplete-section",
            Self::KeywordTooNew => "keyword-too-new",
            Self::RemovedKeyword => "removed-keyword",
            Self::DeprecatedKeyword => "deprecated-keyword",
            Self::UnknownPredicate => "unknown-predicate",
        }
    }

    /// The severity this rule usually reports with (some findings of a rule
    /// may differ, for example when HAProxy only warns in that version).
    pub fn usual_severity(self) -> Severity {
        match self {
            Self::KeywordIgnoredHere
            | Self::AmbiguousDefaults
            | Self::RuleOrder
            | Self::UnreachableRule
            | Self::DeprecatedKeyword
            | Self::IncompleteSection => Severity::Warning,
            _ => Severity::Error,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::UnknownKeyword => "HAP101",
            Self::KeywordOutOfSection => "HAP102",
            Self::KeywordWrongSection => "HAP103",
            Self::KeywordIgnoredHere => "HAP104",
            Self::NamedDefaultsOnly => "HAP105",
            Self::InvalidPrefix => "HAP106",
            Self::UndefinedBackend => "HAP107",
            Self::UndefinedDefaults => "HAP108",
            Self::DuplicateName => "HAP109",
            Self::DuplicateServer => "HAP110",
            Self::InvalidName => "HAP111",
            Self::MissingName => "HAP112",
            Self::UnknownAction => "HAP113",
            Self::InvalidValue => "HAP114",
            Self::MissingArgument => "HAP115",
            Self::ModeMismatch => "HAP116",
            Self::AmbiguousDefaults => "HAP117",
            Self::RuleOrder => "HAP201",
            Self::UnreachableRule => "HAP202",
            Self::DefaultsWithRules => "HAP118",
            Self::UndefinedAcl => "HAP119",
            Self::UnknownFetch => "HAP120",
            Self::UndefinedReference => "HAP121",
            Self::TlsConfiguration => "HAP122",
            Self::IncompleteSection => "HAP123",
            Self::KeywordTooNew => "HAP301",
            Self::RemovedKeyword => "HAP302",
            Self::DeprecatedKeyword => "HAP303",
            Self::UnknownPredicate => "HAP304",
        }
    }
}

/// A location in one file of the set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub file: FileId,
    pub range: TextRange,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SemanticDiagnostic {
    pub rule: Rule,
    pub severity: Severity,
    pub file: FileId,
    pub range: TextRange,
    pub message: String,
    pub related: Vec<Related>,
    pub help: Option<String>,
    /// The docs.haproxy.org page of the keyword involved, for the target version.
    pub url: Option<String>,
}

impl SemanticDiagnostic {
    pub fn new(
        rule: Rule,
        severity: Severity,
        file: FileId,
        range: TextRange,
        message: impl Into<String>,
    ) -> Self {
        Self {
            rule,
            severity,
            file,
            range,
            message: message.into(),
            related: Vec::new(),
            help: None,
            url: None,
        }
    }

    pub fn error(rule: Rule, file: FileId, range: TextRange, message: impl Into<String>) -> Self {
        Self::new(rule, Severity::Error, file, range, message)
    }

    pub fn warning(rule: Rule, file: FileId, range: TextRange, message: impl Into<String>) -> Self {
        Self::new(rule, Severity::Warning, file, range, message)
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn with_related(
        mut self,
        file: FileId,
        range: TextRange,
        message: impl Into<String>,
    ) -> Self {
        self.related.push(Related {
            file,
            range,
            message: message.into(),
        });
        self
    }

    #[must_use]
    pub fn with_url(mut self, url: Option<String>) -> Self {
        self.url = url;
        self
    }
}
