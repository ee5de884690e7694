//! Sections and statements missing what HAProxy needs to make them do
//! anything: it starts, with a warning.
//!
//! - a `frontend` or `listen` without a `bind` line receives no traffic;
//! - `stats show-desc` without a text shows `global`'s `description`, and
//!   without one there is nothing to show.

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::Model;

pub fn check(model: &Model, out: &mut Vec<SemanticDiagnostic>) {
    check_frontends_have_binds(model, out);
    check_show_desc(model, out);
}

fn check_frontends_have_binds(model: &Model, out: &mut Vec<SemanticDiagnostic>) {
    for section in model.proxies().filter(|proxy| proxy.has_frontend_side()) {
        // A header with more words (`listen web 1.2.3.4:80`) creates no
        // proxy in HAProxy: there is nothing to warn about.
        if !section.extra_header_words.is_empty() {
            continue;
        }
        // Any `bind`, even one in an `.if` branch or with a prefix, counts.
        if section
            .statements
            .iter()
            .any(|statement| statement.head() == "bind")
        {
            continue;
        }
        out.push(
            SemanticDiagnostic::warning(
                Rule::IncompleteSection,
                section.file,
                section
                    .name
                    .as_ref()
                    .map_or(section.keyword_range, |word| word.range),
                format!(
                    "{} `{}` has no `bind` line: it receives no traffic",
                    section.kind.name(),
                    section.name_text().unwrap_or_default()
                ),
            )
            .with_help("add `bind <address>:<port>`, or make it a `backend` if it only serves other proxies"),
        );
    }
}

fn check_show_desc(model: &Model, out: &mut Vec<SemanticDiagnostic>) {
    let described = model
        .global_statements()
        .any(|statement| statement.head() == "description");
    if described {
        return;
    }
    for section in model.proxies() {
        for statement in section.statements_of("stats show-desc") {
            if statement.prefix.is_some() || !statement.args().is_empty() {
                continue;
            }
            out.push(
                SemanticDiagnostic::warning(
                    Rule::MissingArgument,
                    statement.file,
                    statement.keyword_range(),
                    "`stats show-desc` without a text shows `global`'s `description`, and there is none",
                )
                .with_help("write the text after `stats show-desc`, or set `description` in `global`"),
            );
        }
    }
}
