//! Runs the semantic checks over a configuration set.

use std::panic::{AssertUnwindSafe, catch_unwind};

use haplint_keywords::Version;

use haplint_syntax::TextRange;

use crate::build::{Expansion, build};
use crate::checks;
use crate::conditions::inactive_lines;
use crate::diagnostic::SemanticDiagnostic;
use crate::document::ConfigSet;
use crate::effective::Inheritance;
use crate::environment::Environment;
use crate::expand::Dialect;
use crate::model::Model;

/// What the analysis is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The HAProxy version the configuration will run on.
    pub target: Version,
    /// Keywords of custom or enterprise builds to accept as they are
    /// (`"my-module-setting"`, or several words: `"option my-option"`).
    pub extra_keywords: Vec<String>,
    /// The environment HAProxy will run with, when the user knows it:
    /// `"${VAR}"` is then evaluated and checked. Without it, values built
    /// from variables are unknown.
    pub environment: Option<Environment>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            target: Version::DEFAULT,
            extra_keywords: Vec::new(),
            environment: None,
        }
    }
}

/// The model of a set and what is wrong with it.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub model: Model,
    pub diagnostics: Vec<SemanticDiagnostic>,
    /// Checks that panicked on this set: their findings are missing, and
    /// the linter reports each as an `internal-error`.
    pub failed_checks: Vec<&'static str>,
}

/// Below this many bytes of configuration, all checks run on the calling
/// thread: a thread costs more than it saves on a small file.
const PARALLEL_CHECKS_FROM: usize = 256 * 1024;

/// Which checks an analysis runs. Keyword resolution always runs: the
/// model is incomplete without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checks {
    /// Every check (`haplint check`, the language server).
    All,
    /// Only the checks whose findings the routing graph draws: undefined
    /// backends, mode mismatches and unreachable rules. Their findings are
    /// the ones a full analysis gives, since checks never read each other.
    Routing,
    /// No check: the model alone.
    ModelOnly,
}

impl Checks {
    fn includes(self, check: &str) -> bool {
        match self {
            Self::All => true,
            Self::Routing => matches!(check, "keywords" | "references" | "modes" | "rule-order"),
            Self::ModelOnly => check == "keywords",
        }
    }
}

pub fn analyze(set: &ConfigSet, options: &Options) -> Analysis {
    analyze_checks(set, options, Checks::All)
}

/// [`analyze`] running only the `selected` checks.
pub fn analyze_checks(set: &ConfigSet, options: &Options, selected: Checks) -> Analysis {
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
                inactive_lines(
                    &document.parse,
                    options.target,
                    options.environment.as_ref(),
                )
            } else {
                Vec::new()
            }
        })
        .collect();
    let expansion = Expansion {
        environment: options.environment.as_ref(),
        dialect: Dialect::of(options.target),
    };
    let mut model = build(set, &inactive, expansion);
    let mut diagnostics = Vec::new();
    let mut failed = Vec::new();
    run_check(selected, "messages", &mut diagnostics, &mut failed, |out| {
        checks::messages::check(set, &inactive, expansion, out);
    });
    if conditional.contains(&true) {
        run_check(
            selected,
            "predicates",
            &mut diagnostics,
            &mut failed,
            |out| {
                checks::predicates::check(set, &inactive, options.target, out);
            },
        );
    }
    run_check(selected, "keywords", &mut diagnostics, &mut failed, |out| {
        checks::keywords::resolve_and_check(
            &mut model,
            options.target,
            &options.extra_keywords,
            out,
        );
    });
    let model = model;
    // The checks below only read the model: on a large configuration they
    // run as two groups on two threads.
    let cross_references = |out: &mut Vec<SemanticDiagnostic>, failed: &mut Vec<&'static str>| {
        run_check(selected, "names", out, failed, |out| {
            checks::names::check(&model, options.target, out);
        });
        run_check(selected, "references", out, failed, |out| {
            checks::references::check(&model, options.target, out);
        });
        run_check(selected, "empty-arguments", out, failed, |out| {
            checks::empty_arguments::check(&model, options.target, out);
        });
        run_check(selected, "action-arguments", out, failed, |out| {
            checks::action_arguments::check(&model, out);
        });
        run_check(selected, "symbols", out, failed, |out| {
            checks::symbols::check(&model, out);
        });
        run_check(selected, "log-format", out, failed, |out| {
            checks::log_format::check(&model, options.target, out);
        });
        run_check(selected, "tls", out, failed, |out| {
            checks::tls::check(&model, options.target, out);
        });
        run_check(selected, "cipher-lists", out, failed, |out| {
            checks::cipher_lists::check(&model, out);
        });
        run_check(selected, "log-lines", out, failed, |out| {
            checks::log_lines::check(&model, options.target, out);
        });
    };
    let values_and_inheritance = |out: &mut Vec<SemanticDiagnostic>,
                                  failed: &mut Vec<&'static str>| {
        run_check(selected, "values", out, failed, |out| {
            checks::values::check(&model, options.target, out);
        });
        run_check(selected, "options", out, failed, |out| {
            checks::options::check(&model, options.target, options.environment.as_ref(), out);
        });
        run_check(selected, "incomplete", out, failed, |out| {
            checks::incomplete::check(&model, out);
        });
        run_check(selected, "programs", out, failed, |out| {
            checks::programs::check(&model, options.target, out);
        });
        run_check(selected, "trace-sources", out, failed, |out| {
            checks::trace_sources::check(&model, options.target, out);
        });
        run_check(selected, "quic-servers", out, failed, |out| {
            checks::quic_servers::check(&model, options.target, out);
        });
        // The inheritance is not free to compute on a large configuration:
        // only when a check that reads it runs.
        let inherited = ["modes", "defaults-rules", "conditions"];
        let inheritance = inherited
            .iter()
            .any(|check| selected.includes(check))
            .then(|| Inheritance::compute(&model));
        if let Some(inheritance) = &inheritance {
            run_check(selected, "modes", out, failed, |out| {
                checks::modes::check(&model, inheritance, out);
            });
            run_check(selected, "defaults-rules", out, failed, |out| {
                checks::defaults_rules::check(&model, inheritance, options.target, out);
            });
        }
        run_check(selected, "rule-order", out, failed, |out| {
            checks::rule_order::check(&model, out);
        });
        if let Some(inheritance) = &inheritance {
            let modules = haplint_keywords::declared_modules(&options.extra_keywords);
            run_check(selected, "conditions", out, failed, |out| {
                checks::conditions::check(&model, inheritance, options.target, &modules, out);
            });
        }
    };
    let large = set.text_len() >= PARALLEL_CHECKS_FROM;
    if large {
        let mut second = Vec::new();
        let mut second_failed = Vec::new();
        std::thread::scope(|scope| {
            scope.spawn(|| values_and_inheritance(&mut second, &mut second_failed));
            cross_references(&mut diagnostics, &mut failed);
        });
        diagnostics.append(&mut second);
        failed.append(&mut second_failed);
    } else {
        cross_references(&mut diagnostics, &mut failed);
        values_and_inheritance(&mut diagnostics, &mut failed);
    }
    diagnostics.sort_by_key(|diagnostic| {
        (
            diagnostic.file,
            diagnostic.range.start(),
            diagnostic.range.end(),
        )
    });
    Analysis {
        model,
        diagnostics,
        failed_checks: failed,
    }
}

/// Runs one check; a bug in it must cost the user only its findings. What
/// it found before failing is dropped: half a check's findings mislead.
fn run_check(
    selected: Checks,
    name: &'static str,
    out: &mut Vec<SemanticDiagnostic>,
    failed: &mut Vec<&'static str>,
    check: impl FnOnce(&mut Vec<SemanticDiagnostic>),
) {
    if !selected.includes(name) {
        return;
    }
    let mut found = Vec::new();
    let run = || {
        crate::fault::fail_if_asked(name);
        check(&mut found);
    };
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(()) => out.append(&mut found),
        Err(_) => failed.push(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_check_is_named_and_its_findings_dropped() {
        let mut out = Vec::new();
        let mut failed = Vec::new();
        run_check(Checks::All, "broken", &mut out, &mut failed, |found| {
            found.push(SemanticDiagnostic::error(
                crate::Rule::InvalidValue,
                crate::FileId(0),
                TextRange::default(),
                "half a result".to_owned(),
            ));
            panic!("a bug");
        });
        run_check(Checks::All, "working", &mut out, &mut failed, |_| {});
        assert_eq!(failed, ["broken"]);
        assert!(out.is_empty());
    }
}
