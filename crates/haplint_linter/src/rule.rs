//! What a rule is: its metadata and its check.

use haplint_keywords::Version;
use serde::Serialize;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity, Span};

/// Rule families; the hundreds digit of a code names the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Syntax,
    Correctness,
    Suspicious,
    Deprecated,
    Security,
    Performance,
    Style,
    Environment,
}

impl Category {
    pub const ALL: [Self; 8] = [
        Self::Syntax,
        Self::Correctness,
        Self::Suspicious,
        Self::Deprecated,
        Self::Security,
        Self::Performance,
        Self::Style,
        Self::Environment,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Syntax => "syntax",
            Self::Correctness => "correctness",
            Self::Suspicious => "suspicious",
            Self::Deprecated => "deprecated",
            Self::Security => "security",
            Self::Performance => "performance",
            Self::Style => "style",
            Self::Environment => "environment",
        }
    }
}

/// Whether a rule can offer a fix, and how safe that fix is. This one value
/// is what fixes are built from ([`RuleMeta::fix`]) and what `haplint
/// rules`, `explain` and the docs test read, so they cannot disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FixAvailability {
    Never,
    /// Some findings have a fix (others cannot be fixed without changing
    /// what the configuration means, or where to put it is unclear).
    Sometimes(Applicability),
    Always(Applicability),
}

impl FixAvailability {
    /// `never`, `sometimes` or `always`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Never => "never",
            Self::Sometimes(_) => "sometimes",
            Self::Always(_) => "always",
        }
    }

    /// How safe the fix is, when there is one.
    pub fn applicability(self) -> Option<Applicability> {
        match self {
            Self::Never => None,
            Self::Sometimes(applicability) | Self::Always(applicability) => Some(applicability),
        }
    }

    /// `never`, or `sometimes (unsafe)` and the like, for listings.
    pub fn describe(self) -> String {
        match self.applicability() {
            None => self.name().to_owned(),
            Some(applicability) => format!("{} ({})", self.name(), applicability.as_str()),
        }
    }
}

impl Serialize for FixAvailability {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// What a rule reads besides the configuration text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleInput {
    /// The configuration alone: runs on every check.
    Config,
    /// The machine it runs on (sockets, files, certificates, limits):
    /// runs with `--live` only.
    Machine,
    /// A running HAProxy's runtime API: runs with `--runtime` only.
    RuntimeApi,
}

/// Everything known about a rule besides its check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleMeta {
    /// Kebab-case name naming the problem.
    pub name: &'static str,
    /// Permanent code, `HAP` and three digits.
    pub code: &'static str,
    pub category: Category,
    pub default_severity: Severity,
    pub enabled_by_default: bool,
    /// First HAProxy version the rule applies to.
    #[serde(serialize_with = "serialize_version")]
    pub since: Option<Version>,
    /// Last HAProxy version the rule applies to.
    #[serde(serialize_with = "serialize_version")]
    pub until: Option<Version>,
    pub fix: FixAvailability,
    pub input: RuleInput,
    /// Markdown with the headings What it does / Why is this bad / Example /
    /// Use instead / Fix safety / References.
    #[serde(skip)]
    pub doc: &'static str,
}

#[allow(clippy::ref_option, clippy::trivially_copy_pass_by_ref)]
fn serialize_version<S: serde::Serializer>(
    version: &Option<Version>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match version {
        Some(version) => serializer.serialize_str(&version.to_string()),
        None => serializer.serialize_none(),
    }
}

impl RuleMeta {
    /// Whether the rule applies to `version`.
    pub fn applies_to(&self, version: Version) -> bool {
        self.since.is_none_or(|since| since <= version)
            && self.until.is_none_or(|until| version <= until)
    }

    /// A fix of this rule, as safe as its metadata says.
    pub fn fix(&self, title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        fix_with(self.fix, title, edits)
    }

    /// A diagnostic of this rule with its default severity.
    pub fn diagnostic(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.name, self.code, self.default_severity, span, message)
    }
}

/// A fix as safe as `availability` says; a fix of a rule that declares
/// none is only shown, never applied (and the docs test fails).
pub fn fix_with(availability: FixAvailability, title: impl Into<String>, edits: Vec<Edit>) -> Fix {
    Fix {
        title: title.into(),
        applicability: availability
            .applicability()
            .unwrap_or(Applicability::DisplayOnly),
        edits,
    }
}

/// A lint rule. Rules are stateless; one instance serves every file.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Appends the rule's findings for the whole configuration set.
    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>);
}
