//! References between sections: backends named by `use_backend` and
//! `default_backend`, defaults named by `from`, and which defaults each
//! proxy inherits from.

use std::collections::HashMap;

use haplint_keywords::{SectionKind, Version};

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::{Model, Section, Word};
use crate::suggest::closest;

pub fn check(model: &Model, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    check_backend_references(model, out);
    check_defaults_references(model, version, out);
}

/// A name built at run time (`%[...]`) or from the environment cannot be checked.
fn is_dynamic(word: &Word) -> bool {
    word.has_variables || word.value.contains("%[")
}

fn check_backend_references(model: &Model, out: &mut Vec<SemanticDiagnostic>) {
    let backends: std::collections::HashSet<&str> = model
        .sections
        .iter()
        .filter(|section| section.has_backend_side())
        .filter_map(Section::name_text)
        .collect();
    for section in &model.sections {
        // A backend ignores routing rules (HAProxy warns), so they name nothing.
        if !section.has_frontend_side() && section.kind != SectionKind::Defaults {
            continue;
        }
        for keyword in ["use_backend", "default_backend"] {
            for statement in section.statements_of(keyword) {
                let Some(target) = statement.args().first() else {
                    continue;
                };
                if is_dynamic(target) || backends.contains(target.value.as_str()) {
                    continue;
                }
                let mut diagnostic = SemanticDiagnostic::error(
                    Rule::UndefinedBackend,
                    statement.file,
                    target.range,
                    format!(
                        "`{keyword}` names backend `{}`, which is not defined",
                        target.value
                    ),
                );
                if let Some(suggestion) = closest(&target.value, backends.iter().copied()) {
                    diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
                }
                out.push(diagnostic);
            }
        }
    }
}

fn check_defaults_references(model: &Model, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    if version < Version::new(2, 4) {
        for section in model
            .sections
            .iter()
            .filter(|section| section.kind.is_proxy())
        {
            if let Some(from) = &section.from {
                out.push(SemanticDiagnostic::error(
                    Rule::KeywordTooNew,
                    section.file,
                    from.range,
                    format!("`from` on section headers needs HAProxy 2.4 or later (the target is {version})"),
                ));
            }
        }
        return;
    }
    // Named defaults declared so far, and the last defaults section seen.
    let mut named: HashMap<&str, &Section> = HashMap::new();
    let mut explicitly_used: HashMap<&str, &Section> = HashMap::new();
    let mut current: Option<&Section> = None;
    let mut implicit_users: Vec<(&Section, &Section)> = Vec::new();
    for section in &model.sections {
        if !section.kind.is_proxy() {
            continue;
        }
        match &section.from {
            Some(from) if !is_dynamic(from) => {
                if let Some(defaults) = named.get(from.value.as_str()) {
                    explicitly_used.insert(from.value.as_str(), defaults);
                } else {
                    let mut diagnostic = SemanticDiagnostic::error(
                        Rule::UndefinedDefaults,
                        section.file,
                        from.range,
                        format!(
                            "defaults section `{}` is not defined before this {}",
                            from.value,
                            section.kind.name()
                        ),
                    );
                    if let Some(suggestion) = closest(&from.value, named.keys().copied()) {
                        diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
                    }
                    out.push(diagnostic);
                }
            }
            Some(_) => {}
            None => {
                if section.kind != SectionKind::Defaults
                    && let Some(defaults) = current.filter(|defaults| defaults.name.is_some())
                {
                    implicit_users.push((section, defaults));
                }
            }
        }
        if section.kind == SectionKind::Defaults {
            if let Some(name) = section.name_text() {
                named.insert(name, section);
            }
            current = Some(section);
        }
    }
    if version < Version::new(2, 5) {
        return;
    }
    for (proxy, defaults) in implicit_users {
        let Some(name) = defaults.name_text() else {
            continue;
        };
        if !explicitly_used.contains_key(name) {
            continue;
        }
        let range = proxy
            .name
            .as_ref()
            .map_or(proxy.keyword_range, |word| word.range);
        let defaults_range = defaults
            .name
            .as_ref()
            .map_or(defaults.keyword_range, |word| word.range);
        out.push(
            SemanticDiagnostic::warning(
                Rule::AmbiguousDefaults,
                proxy.file,
                range,
                format!("defaults section `{name}` is used implicitly here and named with `from` elsewhere"),
            )
            .with_related(defaults.file, defaults_range, "declared here")
            .with_help(format!("write `from {name}` here, or add a last defaults section that no proxy names")),
        );
    }
}
