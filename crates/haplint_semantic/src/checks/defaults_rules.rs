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

/// Rule sets of one side only: (rule set, the side that may not inherit it).
const ONE_SIDED: [(&str, SectionKind); 3] = [
    ("tcp-request connection", SectionKind::Backend),
    ("tcp-request session", SectionKind::Backend),
    ("tcp-response content", SectionKind::Frontend),
];

/// The first rule set of `defaults` that a section of `kind` cannot run.
fn one_sided_rules(defaults: &Section, kind: SectionKind) -> Option<&'static str> {
    defaults.statements.iter().find_map(|statement| {
        let words = statement.keyword_text(2);
        ONE_SIDED
            .iter()
            .find(|(rules, side)| *side == kind && *rules == words)
            .map(|(rules, _)| *rules)
    })
}

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
        check_own_references(defaults, out);
        let mut frontend_seen = false;
        let mut backend_seen = false;
        for (index, section) in model.sections.iter().enumerate() {
            if inheritance.defaults_of[index] != Some(defaults_index) {
                continue;
            }
            let one_sided = one_sided_rules(defaults, section.kind);
            let problem = match section.kind {
                SectionKind::Listen => Some("a `listen` section".to_owned()),
                SectionKind::Defaults => Some("another defaults section".to_owned()),
                SectionKind::Frontend if backend_seen => {
                    Some("both frontends and backends".to_owned())
                }
                SectionKind::Backend if frontend_seen => {
                    Some("both frontends and backends".to_owned())
                }
                kind => {
                    one_sided.map(|rules| format!("a {} (it has `{rules}` rules)", kind.name()))
                }
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

/// Fetches whose argument is `[<backend>/]<server>`: without a backend they
/// look in the proxy of the rule.
const SERVER_FETCHES: [&str; 8] = [
    "srv_conn",
    "srv_conn_free",
    "srv_is_up",
    "srv_queue",
    "srv_sess_rate",
    "srv_iweight",
    "srv_uweight",
    "srv_weight",
];

/// HAProxy resolves the rules of a defaults section against the section
/// itself, which has neither a stick table nor servers: `track-sc` needs a
/// `table`, and server fetches a backend name.
fn check_own_references(defaults: &Section, out: &mut Vec<SemanticDiagnostic>) {
    let name = defaults.name_text().unwrap_or_default();
    for statement in &defaults.statements {
        if !RULE_KEYWORDS.contains(&statement.head()) {
            continue;
        }
        let args = statement.body();
        // `http-request track-sc0`, `tcp-request content track-sc1`.
        let action = args.iter().skip(1).take(2).find(|word| {
            word.value.starts_with("track-sc") && !word.value.starts_with("track-sc-")
        });
        if let Some(action) = action
            && !args
                .iter()
                .any(|word| word.value == "table" || word.has_variables)
        {
            let range = defaults
                .name
                .as_ref()
                .map_or(defaults.keyword_range, |word| word.range);
            out.push(
                SemanticDiagnostic::error(
                    Rule::UndefinedReference,
                    defaults.file,
                    range,
                    format!(
                        "`{}` in defaults section `{name}` has no `table`: it would track in the section itself, which has no stick table",
                        action.value
                    ),
                )
                .with_related(statement.file, action.range, "the tracking rule")
                .with_help("name the table: `table <backend>`"),
            );
        }
        for word in args.iter().filter(|word| !word.has_variables) {
            if let Some(fetch) = server_fetch_without_backend(&word.value) {
                out.push(
                    SemanticDiagnostic::error(
                        Rule::MissingArgument,
                        statement.file,
                        word.range,
                        format!("`{fetch}` in defaults section `{name}` needs a backend: `{fetch}(<backend>/<server>)`"),
                    )
                    .with_help("a defaults section has no servers of its own"),
                );
            }
        }
    }
}

/// The first server fetch of `text` whose argument names no backend.
fn server_fetch_without_backend(text: &str) -> Option<&'static str> {
    SERVER_FETCHES.iter().copied().find(|fetch| {
        text.match_indices(fetch).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
                return false;
            }
            let Some(rest) = text[at + fetch.len()..].strip_prefix('(') else {
                return false;
            };
            let argument = rest.split(')').next().unwrap_or_default();
            !argument.contains('/')
        })
    })
}
