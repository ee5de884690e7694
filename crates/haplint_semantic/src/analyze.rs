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

/// Below this many bytes of configuration, all checks run on the calling
/// thread: a thread costs more than it saves on a small file.
const PARALLEL_CHECKS_FROM: usize = 256 * 1024;

pub fn analyze(set: &ConfigSet, options: &Options) -> Analysis {
    let conditional: Vec<bool> = set
        .documents
        .iter()
        // Walking the lines of a large file to find no `.if` is not free.
        .map(|document| document.parse.has_conditionals())
        .collect();
    let inactive: Vec<Vec<TextRange>> = set
        .documents
        .iter()
        .zip(&conditional)
        .map(|(document, &conditional)| {
            if conditional {
                inactive_lines(&document.parse, options.target)
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut model = build(set, &inactive);
    let mut diagnostics = Vec::new();
    if conditional.contains(&true) {
        checks::predicates::check(set, &inactive, options.target, &mut diagnostics);
    }
    checks::keywords::resolve_and_check(
        &mut model,
        options.target,
        &options.extra_keywords,
        &mut diagnostics,
    );
    // The checks below only read the model: on a large configuration they
    // run as two groups on two threads.
    let cross_references = |out: &mut Vec<SemanticDiagnostic>| {
        checks::names::check(&model, options.target, out);
        checks::references::check(&model, options.target, out);
        checks::symbols::check(&model, out);
        checks::log_format::check(&model, options.target, out);
        checks::tls::check(&model, options.target, out);
        checks::log_lines::check(&model, options.target, out);
    };
    let values_and_inheritance = |out: &mut Vec<SemanticDiagnostic>| {
        checks::values::check(&model, options.target, out);
        checks::options::check(&model, options.target, out);
        let inheritance = Inheritance::compute(&model);
        checks::modes::check(&model, &inheritance, out);
        checks::defaults_rules::check(&model, &inheritance, options.target, out);
        checks::rule_order::check(&model, out);
        let modules = haplint_keywords::declared_modules(&options.extra_keywords);
        checks::conditions::check(&model, &inheritance, options.target, &modules, out);
    };
    let large = set.text_len() >= PARALLEL_CHECKS_FROM;
    if large {
        let mut second = Vec::new();
        std::thread::scope(|scope| {
            scope.spawn(|| values_and_inheritance(&mut second));
            cross_references(&mut diagnostics);
        });
        diagnostics.append(&mut second);
    } else {
        cross_references(&mut diagnostics);
        values_and_inheritance(&mut diagnostics);
    }
    diagnostics.sort_by_key(|diagnostic| {
        (
            diagnostic.file,
            diagnostic.range.start(),
            diagnostic.range.end(),
        )
    });
    Analysis { model, diagnostics }
}
