//! Section names: required, made of permitted characters, and unique where
//! HAProxy wants them unique.

use std::collections::HashMap;

use haplint_keywords::{SectionKind, Version};

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::{Model, Section};

/// Sections that need a name.
fn needs_name(kind: SectionKind) -> bool {
    !matches!(
        kind,
        SectionKind::Global
            | SectionKind::Defaults
            | SectionKind::Traces
            | SectionKind::CrtStore
            | SectionKind::NamespaceList
    )
}

/// HAProxy's `invalid_char()`: letters, digits and `.:_-` only.
fn first_invalid_char(name: &str) -> Option<char> {
    name.chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '_' | '-')))
}

pub fn check(model: &Model, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    for section in &model.sections {
        check_name(section, version, out);
    }
    check_duplicate_proxies(model, version, out);
    check_duplicate_sections(model, out);
    check_duplicate_servers(model, out);
    check_duplicate_users(model, out);
    check_resolvers_have_nameservers(model, out);
}

/// A resolvers section needs a `nameserver` or `parse-resolv-conf`.
fn check_resolvers_have_nameservers(model: &Model, out: &mut Vec<SemanticDiagnostic>) {
    for section in model.sections_of(SectionKind::Resolvers) {
        let has_servers = section
            .statements
            .iter()
            .any(|statement| matches!(statement.head(), "nameserver" | "parse-resolv-conf"));
        if !has_servers {
            out.push(
                SemanticDiagnostic::warning(
                    Rule::IncompleteSection,
                    section.file,
                    section
                        .name
                        .as_ref()
                        .map_or(section.keyword_range, |word| word.range),
                    format!(
                        "resolvers `{}` has no nameserver",
                        section.name_text().unwrap_or_default()
                    ),
                )
                .with_help("add `nameserver <name> <address>:53` or `parse-resolv-conf`"),
            );
        }
    }
}

/// A userlist ignores a second user or group of the same name.
fn check_duplicate_users(model: &Model, out: &mut Vec<SemanticDiagnostic>) {
    for section in model.sections_of(SectionKind::Userlist) {
        for keyword in ["user", "group"] {
            let mut seen: HashMap<&str, &crate::Word> = HashMap::new();
            for statement in section.statements_of(keyword) {
                let Some(name) = statement.args().first() else {
                    continue;
                };
                if let Some(previous) = seen.get(name.value.as_str()) {
                    out.push(
                        SemanticDiagnostic::warning(
                            Rule::DuplicateName,
                            statement.file,
                            name.range,
                            format!(
                                "{keyword} `{}` is defined twice in userlist `{}`: HAProxy ignores this one",
                                name.value,
                                section.name_text().unwrap_or_default()
                            ),
                        )
                        .with_related(statement.file, previous.range, "first defined here"),
                    );
                } else {
                    seen.insert(name.value.as_str(), name);
                }
            }
        }
    }
}

fn check_name(section: &Section, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    let kind = section.kind.name();
    let Some(name) = &section.name else {
        if needs_name(section.kind) {
            out.push(SemanticDiagnostic::error(
                Rule::MissingName,
                section.file,
                section.keyword_range,
                format!("`{kind}` needs a name"),
            ));
        }
        return;
    };
    if section.kind == SectionKind::Global {
        out.push(SemanticDiagnostic::error(
            Rule::InvalidName,
            section.file,
            name.range,
            "`global` takes no name",
        ));
        return;
    }
    if name.has_variables || section.kind == SectionKind::Defaults {
        // Defaults names are only checked when referenced with `from`.
        return;
    }
    if name.value.is_empty() {
        out.push(SemanticDiagnostic::error(
            Rule::MissingName,
            section.file,
            name.range,
            format!("`{kind}` needs a non-empty name"),
        ));
    } else if let Some(bad) = first_invalid_char(&name.value) {
        let message = format!(
            "character `{bad}` is not permitted in {kind} name `{}`",
            name.value
        );
        let help = "names may hold only letters, digits, `.`, `:`, `_` and `-`";
        // HAProxy 3.4 still prints its alert for a proxy name but starts
        // anyway (3.4.7 exits 0 or 2): a warning there, an error before.
        let diagnostic = if section.is_proxy() && version >= Version::new(3, 4) {
            SemanticDiagnostic::warning(Rule::InvalidName, section.file, name.range, message)
                .with_help(format!(
                    "{help}; HAProxy 3.4 reports it but starts, earlier versions refuse it"
                ))
        } else {
            SemanticDiagnostic::error(Rule::InvalidName, section.file, name.range, message)
                .with_help(help)
        };
        out.push(diagnostic);
    }
    if section.is_proxy()
        && let Some(extra) = section.extra_header_words.first()
    {
        let range = extra.range.cover(
            section
                .extra_header_words
                .last()
                .map_or(extra.range, |word| word.range),
        );
        let message = if section.kind == SectionKind::Backend {
            "a backend header takes only a name (and `from <defaults>`): HAProxy ignores this section".to_owned()
        } else {
            format!("listening addresses on the `{kind}` line are not supported: use a `bind` line")
        };
        out.push(SemanticDiagnostic::error(
            Rule::InvalidName,
            section.file,
            range,
            message,
        ));
        // HAProxy creates no proxy for such a header, so it rejects every
        // line of the section as being outside of any proxy.
        for statement in &section.statements {
            out.push(
                SemanticDiagnostic::error(
                    Rule::KeywordOutOfSection,
                    statement.file,
                    statement.keyword_range(),
                    format!(
                        "`{}` is rejected: the `{kind}` header above is invalid",
                        statement.head()
                    ),
                )
                .with_related(section.file, section.header_range, "invalid header"),
            );
        }
    }
}

fn check_duplicate_proxies(model: &Model, version: Version, out: &mut Vec<SemanticDiagnostic>) {
    let mut seen: HashMap<&str, Vec<&Section>> = HashMap::new();
    for section in model.proxies() {
        let Some(name) = section.name_text() else {
            continue;
        };
        let earlier = seen.entry(name).or_default();
        // One finding per kind of clash, as HAProxy reports them: the same
        // side (refused) and the other side (a warning, refused from 3.3).
        let mut reported = (false, false);
        for previous in earlier.iter() {
            let same_side = (previous.has_frontend_side() && section.has_frontend_side())
                || (previous.has_backend_side() && section.has_backend_side());
            let already = if same_side {
                &mut reported.0
            } else {
                &mut reported.1
            };
            if std::mem::replace(already, true) {
                continue;
            }
            let (rule_severity_error, message) = if same_side {
                (
                    true,
                    format!(
                        "{} `{name}` has the same name as an earlier {}",
                        section.kind.name(),
                        previous.kind.name()
                    ),
                )
            } else if version >= Version::new(3, 3) {
                (
                    true,
                    format!(
                        "frontend and backend `{name}` share a name, which HAProxy {version} refuses"
                    ),
                )
            } else if version >= Version::new(3, 1) {
                (
                    false,
                    format!(
                        "frontend and backend `{name}` share a name, which HAProxy {version} warns about"
                    ),
                )
            } else {
                continue;
            };
            let Some(name_word) = &section.name else {
                continue;
            };
            let previous_range = previous
                .name
                .as_ref()
                .map_or(previous.keyword_range, |word| word.range);
            let diagnostic = if rule_severity_error {
                SemanticDiagnostic::error(
                    Rule::DuplicateName,
                    section.file,
                    name_word.range,
                    message,
                )
            } else {
                SemanticDiagnostic::warning(
                    Rule::DuplicateName,
                    section.file,
                    name_word.range,
                    message,
                )
            };
            out.push(diagnostic.with_related(previous.file, previous_range, "first defined here"));
        }
        earlier.push(section);
    }
}

/// Named sections other than proxies: a second one with the same name is
/// refused (userlists only get a warning).
fn check_duplicate_sections(model: &Model, out: &mut Vec<SemanticDiagnostic>) {
    let mut seen: HashMap<(SectionKind, &str), &Section> = HashMap::new();
    for section in &model.sections {
        if section.kind.is_proxy()
            || section.kind == SectionKind::Defaults
            || !needs_name(section.kind)
        {
            continue;
        }
        let Some(name) = &section.name else { continue };
        if let Some(previous) = seen.get(&(section.kind, name.value.as_str())) {
            let kind = section.kind.name();
            let message = format!("{kind} `{}` is defined twice", name.value);
            let previous_range = previous
                .name
                .as_ref()
                .map_or(previous.keyword_range, |word| word.range);
            let diagnostic = if section.kind == SectionKind::Userlist {
                SemanticDiagnostic::warning(
                    Rule::DuplicateName,
                    section.file,
                    name.range,
                    format!("{message}: HAProxy ignores the second one"),
                )
            } else {
                SemanticDiagnostic::error(Rule::DuplicateName, section.file, name.range, message)
            };
            out.push(diagnostic.with_related(previous.file, previous_range, "first defined here"));
        } else {
            seen.insert((section.kind, name.value.as_str()), section);
        }
    }
}

fn check_duplicate_servers(model: &Model, out: &mut Vec<SemanticDiagnostic>) {
    for section in model.proxies() {
        let mut servers: HashMap<&str, &crate::Word> = HashMap::new();
        for statement in section.statements_of("server") {
            let Some(name) = statement.args().first() else {
                continue;
            };
            if name.has_variables {
                continue;
            }
            if let Some(previous) = servers.get(name.value.as_str()) {
                out.push(
                    SemanticDiagnostic::error(
                        Rule::DuplicateServer,
                        statement.file,
                        name.range,
                        format!(
                            "another server named `{}` is already defined in {} `{}`",
                            name.value,
                            section.kind.name(),
                            section.name_text().unwrap_or_default()
                        ),
                    )
                    .with_related(statement.file, previous.range, "first defined here")
                    .with_help("give each server of a backend a distinct name"),
                );
            } else {
                servers.insert(name.value.as_str(), name);
            }
        }
    }
}
