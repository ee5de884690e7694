//! `haplint rules` and `haplint explain NAME|CODE`.

use std::fmt::Write as _;
use std::io::Write;

use haplint_linter::{Applicability, Category, RULES, RuleInput, model_doc, model_fix};
use haplint_semantic::{Rule as ModelRule, Severity as ModelSeverity};
use haplint_syntax::{Severity as SyntaxSeverity, SyntaxDiagnosticKind};
use serde::Serialize;

use crate::cli::{ExplainArgs, RulesArgs, RulesFormat};
use crate::exit;

/// One line of the rule list, whichever layer reports it.
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    pub name: &'static str,
    pub code: &'static str,
    pub category: &'static str,
    pub severity: &'static str,
    /// `never`, `sometimes` or `always`.
    pub fix: &'static str,
    /// How safe the fix is (`safe`, `unsafe`), when there is one.
    pub fix_safety: Option<&'static str>,
    /// Where the rule lives: `syntax`, `model` or `rules`.
    pub layer: &'static str,
    /// When it runs: `always`, or only with `--live` or `--runtime`.
    pub runs: &'static str,
    #[serde(skip)]
    pub doc: Option<&'static str>,
}

pub fn all_rules() -> Vec<RuleInfo> {
    let mut rules: Vec<RuleInfo> = SyntaxDiagnosticKind::ALL
        .iter()
        .map(|kind| RuleInfo {
            name: kind.name(),
            code: kind.code(),
            category: Category::Syntax.name(),
            severity: if kind.severity() == SyntaxSeverity::Error {
                "error"
            } else {
                "warning"
            },
            fix: model_fix(kind.name()).name(),
            fix_safety: model_fix(kind.name())
                .applicability()
                .map(Applicability::as_str),
            layer: "syntax",
            runs: "always",
            doc: model_doc(kind.name()),
        })
        .collect();
    rules.extend(ModelRule::ALL.iter().map(|rule| {
        RuleInfo {
            name: rule.name(),
            code: rule.code(),
            category: match rule.code().as_bytes().get(3) {
                Some(b'2') => Category::Suspicious.name(),
                Some(b'3') => Category::Deprecated.name(),
                _ => Category::Correctness.name(),
            },
            severity: if rule.usual_severity() == ModelSeverity::Error {
                "error"
            } else {
                "warning"
            },
            fix: model_fix(rule.name()).name(),
            fix_safety: model_fix(rule.name())
                .applicability()
                .map(Applicability::as_str),
            layer: "model",
            runs: "always",
            doc: model_doc(rule.name()),
        }
    }));
    rules.extend(RULES.iter().map(|rule| {
        let meta = rule.meta();
        RuleInfo {
            name: meta.name,
            code: meta.code,
            category: meta.category.name(),
            severity: meta.default_severity.as_str(),
            fix: meta.fix.name(),
            fix_safety: meta.fix.applicability().map(Applicability::as_str),
            layer: "rules",
            runs: match meta.input {
                RuleInput::Config => "always",
                RuleInput::Machine => "--live",
                RuleInput::RuntimeApi => "--runtime",
            },
            doc: Some(meta.doc),
        }
    }));
    rules.sort_by_key(|rule| rule.code);
    rules
}

pub fn list(args: &RulesArgs) -> u8 {
    let rules = all_rules();
    let text = match args.output_format {
        RulesFormat::Json => serde_json::to_string_pretty(&rules).unwrap_or_default() + "\n",
        RulesFormat::Text => {
            let mut text = format!(
                "{:<7} {:<30} {:<12} {:<8} {:<24} {}\n",
                "code", "name", "category", "severity", "fix", "runs"
            );
            for rule in &rules {
                // `sometimes (unsafe)`: how often, then how safe.
                let fix = match rule.fix_safety {
                    Some(safety) => format!("{} ({safety})", rule.fix),
                    None => rule.fix.to_owned(),
                };
                let _ = writeln!(
                    text,
                    "{:<7} {:<30} {:<12} {:<8} {:<24} {}",
                    rule.code, rule.name, rule.category, rule.severity, fix, rule.runs
                );
            }
            let _ = writeln!(text, "{} rules", rules.len());
            text
        }
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    exit::CLEAN
}

pub fn explain(args: &ExplainArgs) -> u8 {
    let wanted = args.rule.as_str();
    let rules = all_rules();
    let Some(rule) = rules
        .iter()
        .find(|rule| rule.name == wanted || rule.code.eq_ignore_ascii_case(wanted))
    else {
        eprintln!("haplint: error: no rule named `{wanted}`; `haplint rules` lists them");
        return exit::TROUBLE;
    };
    let fix = match rule.fix_safety {
        Some(safety) => format!("{} ({safety})", rule.fix),
        None => rule.fix.to_owned(),
    };
    let mut text = format!(
        "# {} ({})\n\ncategory: {} · default severity: {} · fix: {fix} · runs: {}\n\n",
        rule.name, rule.code, rule.category, rule.severity, rule.runs
    );
    match rule.doc {
        Some(doc) => text.push_str(doc),
        None => {
            let _ = writeln!(
                text,
                "Reported by the {} while reading the configuration; the message of each finding says what is wrong and its help line what to do.",
                if rule.layer == "syntax" {
                    "parser"
                } else {
                    "semantic model"
                }
            );
        }
    }
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    exit::CLEAN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_across_layers() {
        let rules = all_rules();
        let mut names: Vec<&str> = rules.iter().map(|rule| rule.name).collect();
        let mut codes: Vec<&str> = rules.iter().map(|rule| rule.code).collect();
        names.sort_unstable();
        codes.sort_unstable();
        let total = names.len();
        names.dedup();
        codes.dedup();
        assert_eq!(names.len(), total, "duplicate rule names");
        assert_eq!(codes.len(), total, "duplicate rule codes");
    }
}
