//! Runs the semantic checks over a configuration set.

use haplint_keywords::Version;

use haplint_syntax::TextRange;

use crate::build::build;
use crate::checks;
use crate::conditions::inactive_lines;
use crate::diagnostic::SemanticDiagnostic;
use crate::document::ConfigSet;
use crate::effective::Inheritance;
use crate::model::Model;

/// What the analysis is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The HAProxy version the configuration will run on.
    pub target: Version,
    /// Keywords of custom or enterprise builds to accept as they are
    /// (`"my-module-setting"`, or several words: `"option my-option"`).
    pub extra_keywords: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            target: Version::DEFAULT,
            extra_keywords: Vec::new(),
        }
    }
}

/// The model of a set and what is wrong with it.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub model: Model,
    pub diagnostics: Vec<SemanticDiagnostic>,
}

pub fn analyze(set: &ConfigSet, options: &Options) -> Analysis {
    let inactive: Vec<Vec<TextRange>> = set
        .documents
        .iter()
        .map(|document| {
            // Every skipped block starts with `.if` (maybe written with an
            // escape or quotes); walking the lines of a large file for
            // nothing is not free.
            let text = &document.text;
            if [".if", ".\\", ".\"", ".'"]
                .iter()
                .any(|marker| text.contains(marker))
            {
                inactive_lines(&document.parse, options.target)
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut model = build(set, &inactive);
    let mut diagnostics = Vec::new();
    checks::predicates::check(set, &inactive, options.target, &mut diagnostics);
    checks::keywords::resolve_and_check(
        &mut model,
        options.target,
        &options.extra_keywords,
        &mut diagnostics,
    );
    checks::names::check(&model, options.target, &mut diagnostics);
    checks::references::check(&model, options.target, &mut diagnostics);
    checks::symbols::check(&model, &mut diagnostics);
    checks::log_format::check(&model, options.target, &mut diagnostics);
    checks::tls::check(&model, options.target, &mut diagnostics);
    checks::log_lines::check(&model, &mut diagnostics);
    checks::values::check(&model, options.target, &mut diagnostics);
    checks::options::check(&model, options.target, &mut diagnostics);
    let inheritance = Inheritance::compute(&model);
    checks::modes::check(&model, &inheritance, &mut diagnostics);
    checks::defaults_rules::check(&model, &inheritance, options.target, &mut diagnostics);
    checks::rule_order::check(&model, &mut diagnostics);
    checks::conditions::check(&model, &inheritance, options.target, &mut diagnostics);
    diagnostics.sort_by_key(|diagnostic| {
        (
            diagnostic.file,
            diagnostic.range.start(),
            diagnostic.range.end(),
        )
    });
    Analysis { model, diagnostics }
}
