//! Runs the model and every enabled rule over a configuration set.

use std::panic::{AssertUnwindSafe, catch_unwind};

use haplint_keywords::Version;
use haplint_semantic::effective::Inheritance;
use haplint_semantic::{ConfigSet, FileId, Options, analyze};

use crate::context::LintContext;
use crate::convert::{from_semantic, syntax_diagnostics};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::registry::RULES;

/// What to lint for.
#[derive(Debug, Clone)]
pub struct LintOptions {
    pub target: Version,
    /// Keywords of custom builds to accept.
    pub extra_keywords: Vec<String>,
    /// Rules to run even when they are off by default (names or codes).
    pub enable: Vec<String>,
    /// `memory-budget`'s limit in bytes (default 4 GiB).
    pub memory_budget: Option<u64>,
    /// `weak-ciphers`' patterns, replacing its defaults.
    pub weak_cipher_patterns: Option<Vec<String>>,
    /// Honour `# haplint: ignore[...]` comments (on by default).
    pub inline_suppressions: bool,
}

impl Default for LintOptions {
    fn default() -> Self {
        Self {
            target: Version::DEFAULT,
            extra_keywords: Vec::new(),
            enable: Vec::new(),
            memory_budget: None,
            weak_cipher_patterns: None,
            inline_suppressions: true,
        }
    }
}

/// Lints a set: syntax, the model's findings and every rule, sorted by
/// file and position.
pub fn lint(set: &ConfigSet, options: &LintOptions) -> Vec<Diagnostic> {
    let analysis = analyze(
        set,
        &Options {
            target: options.target,
            extra_keywords: options.extra_keywords.clone(),
        },
    );
    let inheritance = Inheritance::compute(&analysis.model);
    let context = LintContext {
        set,
        analysis: &analysis,
        inheritance: &inheritance,
        target: options.target,
        options,
    };
    let mut diagnostics: Vec<Diagnostic> = syntax_diagnostics(set).collect();
    let mut model_diagnostics: Vec<Diagnostic> =
        analysis.diagnostics.iter().map(from_semantic).collect();
    crate::model_fixes::attach(&context, &mut model_diagnostics);
    diagnostics.extend(model_diagnostics);
    for rule in RULES {
        let meta = rule.meta();
        let enabled = meta.enabled_by_default
            || options
                .enable
                .iter()
                .any(|wanted| wanted == meta.name || wanted.eq_ignore_ascii_case(meta.code));
        if !enabled || !meta.applies_to(options.target) {
            continue;
        }
        let mut found = Vec::new();
        // A bug in one rule must not cost the user every other finding.
        match catch_unwind(AssertUnwindSafe(|| rule.check(&context, &mut found))) {
            Ok(()) => diagnostics.extend(found),
            Err(_) => diagnostics.push(internal_error(meta.name)),
        }
    }
    let suppressions = if options.inline_suppressions {
        crate::suppression::collect(set)
    } else {
        Vec::new()
    };
    let unused = crate::suppression::apply(set, &mut diagnostics, &suppressions);
    let meta = &crate::rules::suspicious::unused_suppression::META;
    if meta.enabled_by_default {
        for (suppression, names) in unused {
            let message = if names.is_empty() {
                "this suppression names no rule".to_owned()
            } else {
                format!("nothing to suppress here for `{}`", names.join("`, `"))
            };
            diagnostics.push(
                meta.diagnostic(suppression.span, message)
                    .with_help("remove the names that match nothing, or the whole comment")
                    .with_tag(crate::diagnostic::Tag::Unnecessary),
            );
        }
    }
    diagnostics.sort_by(|a, b| {
        (a.span.file, a.span.start, a.span.end, a.code).cmp(&(
            b.span.file,
            b.span.start,
            b.span.end,
            b.code,
        ))
    });
    diagnostics
}

fn internal_error(rule: &str) -> Diagnostic {
    Diagnostic::new(
        "internal-error",
        "HAP000",
        Severity::Error,
        Span {
            file: FileId(0),
            start: 0,
            end: 0,
        },
        format!("rule `{rule}` failed on this configuration; its findings are missing"),
    )
    .with_help("please report this with the configuration that triggers it")
}
