//! Since 2.5 a named defaults section may carry TCP/HTTP rules, but then it
//! can be inherited only by proxies of one side: never by a `listen` or
//! another defaults section, and not by both frontends and backends.

use haplint_keywords::{SectionKind, Version};

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::effective::Inheritance;
use crate::model::{Model, Section};

const RULE_KEYWORDS: [&str; 5] = [
    "http-request",
    "http-response",
    "http-after-response",
    "tcp-request",
    "tcp-response",
];

fn has_rules(section: &Section) -> bool {
    section
        .statements
        .iter()
        .any(|statement| RULE_KEYWORDS.contains(&statement.head()))
}

pub fn check(
    model: &Model,
    inheritance: &Inheritance,
    version: Version,
    out: &mut Vec<SemanticDiagnostic>,
) {
    if version < Version::new(2, 5) {
        return;
    }
    for (defaults_index, defaults) in model.sections.iter().enumerate() {
        // Anonymous defaults may not carry rules at all (`named-defaults-only`).
        if defaults.kind != SectionKind::Defaults || defaults.name.is_none() || !has_rules(defaults)
        {
            continue;
        }
        let mut frontend_seen = false;
        let mut backend_seen = false;
        for (index, section) in model.sections.iter().enumerate() {
            if inheritance.defaults_of[index] != Some(defaults_index) {
                continue;
            }
            let problem = match section.kind {
                SectionKind::Listen => Some("a `listen` section"),
                SectionKind::Defaults => Some("another defaults section"),
                SectionKind::Frontend if backend_seen => Some("both frontends and backends"),
                SectionKind::Backend if frontend_seen => Some("both frontends and backends"),
                _ => None,
            };
            frontend_seen |= section.kind == SectionKind::Frontend;
            backend_seen |= section.kind == SectionKind::Backend;
            let Some(problem) = problem else { continue };
            let range = section
                .name
                .as_ref()
                .map_or(section.keyword_range, |word| word.range);
            let defaults_range = defaults
                .name
                .as_ref()
                .map_or(defaults.keyword_range, |word| word.range);
            out.push(
                SemanticDiagnostic::error(
                    Rule::DefaultsWithRules,
                    section.file,
                    range,
                    format!(
                        "defaults section `{}` carries TCP/HTTP rules, so it cannot be inherited by {problem}",
                        defaults.name_text().unwrap_or_default()
                    ),
                )
                .with_related(defaults.file, defaults_range, "the defaults section with rules")
                .with_help("split the defaults into one for frontends and one for backends, or move the rules into the proxies"),
            );
        }
    }
}
