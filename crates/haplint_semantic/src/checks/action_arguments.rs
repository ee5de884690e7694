//! HTTP rule actions that need a fixed number of arguments, which HAProxy
//! checks before anything else (`src/http_act.c`, the same from 2.6 to
//! 3.4): `http-request set-header X-Env` is refused with "expects exactly 2
//! arguments". The arguments are counted the way HAProxy does, up to the
//! first empty word, so `set-header X-Env "$EMPTY"` is caught as well.

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::{Model, Statement};

/// Rule sets whose actions are parsed by `http_act.c`.
const HTTP_RULE_SETS: [&str; 3] = ["http-request", "http-response", "http-after-response"];

/// The arguments an action needs, and what they are, for the message.
fn required(action: &str) -> Option<(usize, &'static str)> {
    let needed = match action {
        "set-header" | "add-header" | "early-hint" => (2, "a header name and a value"),
        "replace-header" | "replace-value" => (3, "a header name, a regex and a replacement"),
        "replace-uri" | "replace-path" | "replace-pathq" => (2, "a regex and a replacement"),
        "set-method" | "set-path" | "set-pathq" | "set-query" | "set-uri" => (1, "a value"),
        "set-map" => (2, "a key and a value"),
        "add-acl" | "del-acl" | "del-map" => (1, "a key"),
        "set-timeout" => (2, "a timeout name and a value"),
        "strict-mode" => (1, "`on` or `off`"),
        "del-header" => (1, "a header name"),
        _ => return None,
    };
    Some(needed)
}

pub fn check(model: &Model, out: &mut Vec<SemanticDiagnostic>) {
    for statement in model
        .sections
        .iter()
        .flat_map(|section| &section.statements)
    {
        out.extend(missing_arguments(statement));
    }
}

fn missing_arguments(statement: &Statement) -> Option<SemanticDiagnostic> {
    // Only known keywords: `http-request` itself, or the action entry
    // (`http-request set-header`) the keyword lookup resolved it to.
    statement.keyword?;
    let rule_set = statement.head();
    if !HTTP_RULE_SETS.contains(&rule_set) || statement.prefix.is_some() {
        return None;
    }
    let (action_word, arguments) = statement.body().get(1..)?.split_first()?;
    if action_word.has_variables {
        return None;
    }
    // `set-map(file)`, `add-acl(file)`: the name before the parenthesis.
    let action = action_word.value.split('(').next().unwrap_or_default();
    let (count, what) = required(action)?;
    if arguments.len() >= count {
        return None;
    }
    let plural = if count == 1 { "argument" } else { "arguments" };
    let mut diagnostic = SemanticDiagnostic::error(
        Rule::MissingArgument,
        statement.file,
        action_word.range,
        format!(
            "`{rule_set} {action}` expects {count} {plural} ({what}), found {}",
            arguments.len()
        ),
    );
    if let Some(empty) = statement.empty_argument {
        diagnostic = diagnostic.with_help(format!(
            "argument {} is empty, and HAProxy stops reading the line there",
            empty.index
        ));
    }
    Some(diagnostic)
}
