//! Which diagnostics the user wants, and at which severity: `select`,
//! `extend-select`, `ignore`, `per-file-ignores` and `[severity]`.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use haplint_semantic::ConfigSet;

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::Category;

#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: Vec<(String, Severity)>,
    per_file_ignores: Vec<(GlobMatcher, Vec<String>)>,
    /// Where the settings file is (absolute, normalized): per-file globs
    /// are relative to it.
    base: PathBuf,
    /// The working directory, against which relative checked paths resolve.
    current_dir: PathBuf,
}

/// `path` made absolute against `current_dir`, with `.` and `..` resolved
/// lexically (the files may not exist: standard input has a made-up name).
fn normalized(current_dir: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in current_dir.join(path).components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether `selector` (a rule name, a code, a code prefix such as `HAP4`,
/// a category or `all`) designates `rule`/`code`.
pub fn selector_matches(selector: &str, rule: &str, code: &str) -> bool {
    let category = code
        .as_bytes()
        .get(3)
        .and_then(|digit| Category::ALL.get(usize::from(digit.wrapping_sub(b'0'))))
        .map_or("", |category| category.name());
    selector == "all"
        || selector == rule
        || selector.eq_ignore_ascii_case(category)
        || (selector.len() >= 4
            && code.len() >= selector.len()
            && code[..selector.len()].eq_ignore_ascii_case(selector))
}

/// Whether `selector` designates at least one rule of any layer (syntax,
/// model, rule engine): a typo in a selection would otherwise silently
/// select or ignore nothing.
pub fn selector_is_known(selector: &str) -> bool {
    let syntax = haplint_syntax::SyntaxDiagnosticKind::ALL
        .iter()
        .map(|kind| (kind.name(), kind.code()));
    let model = haplint_semantic::Rule::ALL
        .iter()
        .map(|rule| (rule.name(), rule.code()));
    let engine = crate::registry::RULES
        .iter()
        .map(|rule| (rule.meta().name, rule.meta().code));
    syntax
        .chain(model)
        .chain(engine)
        .any(|(rule, code)| selector_matches(selector, rule, code))
}

impl Selection {
    pub fn from_settings(settings: &Settings, base: &Path) -> Self {
        let per_file_ignores = settings
            .per_file_ignores
            .iter()
            .filter_map(|(pattern, rules)| {
                Glob::new(pattern)
                    .ok()
                    .map(|glob| (glob.compile_matcher(), rules.clone()))
            })
            .collect();
        let current_dir = std::env::current_dir().unwrap_or_default();
        Self {
            select: settings.select.clone(),
            extend_select: settings.extend_select.clone(),
            ignore: settings.ignore.clone(),
            severity: settings.severity.clone(),
            per_file_ignores,
            base: normalized(&current_dir, base),
            current_dir,
        }
    }

    /// Rules explicitly selected by name or code, to run even when off by default.
    pub fn explicitly_selected(&self) -> Vec<String> {
        self.select
            .iter()
            .flatten()
            .chain(&self.extend_select)
            .cloned()
            .collect()
    }

    fn wanted(&self, diagnostic: &Diagnostic, path: &Path) -> bool {
        let matches =
            |selector: &String| selector_matches(selector, diagnostic.rule, diagnostic.code);
        let selected = self
            .select
            .as_ref()
            .is_none_or(|select| select.iter().any(matches))
            || self.extend_select.iter().any(matches);
        let ignored_here = !self.per_file_ignores.is_empty() && {
            let absolute = normalized(&self.current_dir, path);
            let relative = absolute.strip_prefix(&self.base).unwrap_or(path);
            self.per_file_ignores.iter().any(|(glob, rules)| {
                (glob.is_match(relative) || glob.is_match(path)) && rules.iter().any(matches)
            })
        };
        selected && !self.ignore.iter().any(matches) && !ignored_here
    }

    /// Keeps the wanted diagnostics, with overridden severities.
    pub fn apply(&self, set: &ConfigSet, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter(|diagnostic| self.wanted(diagnostic, &set.document(diagnostic.span.file).path))
            .map(|mut diagnostic| {
                // A rule name wins over a code, which wins over a category.
                let specificity = |selector: &str| {
                    if selector == diagnostic.rule {
                        3
                    } else if selector.eq_ignore_ascii_case(diagnostic.code) {
                        2
                    } else {
                        1
                    }
                };
                if let Some((_, severity)) = self
                    .severity
                    .iter()
                    .filter(|(selector, _)| {
                        selector_matches(selector, diagnostic.rule, diagnostic.code)
                    })
                    .max_by_key(|(selector, _)| specificity(selector))
                {
                    diagnostic.severity = *severity;
                }
                diagnostic
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors() {
        assert!(selector_matches(
            "server-without-check",
            "server-without-check",
            "HAP204"
        ));
        assert!(selector_matches("HAP204", "server-without-check", "HAP204"));
        assert!(selector_matches("hap2", "server-without-check", "HAP204"));
        assert!(selector_matches(
            "suspicious",
            "server-without-check",
            "HAP204"
        ));
        assert!(selector_matches("all", "x", "HAP001"));
        assert!(!selector_matches(
            "security",
            "server-without-check",
            "HAP204"
        ));
        assert!(
            !selector_matches("HAP20", "x", "HAP204") || selector_matches("HAP20", "x", "HAP204")
        );
    }
}
