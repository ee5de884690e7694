//! Rules run in a fixed order of phases whatever their order in the file;
//! a rule written after one of a later phase misleads the reader. A final
//! action without a condition makes the rules after it dead.

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::{Model, Statement};

/// The processing phases, in the order HAProxy runs them.
const PHASES: [&str; 8] = [
    "tcp-request connection",
    "tcp-request session",
    "tcp-request content",
    "monitor fail",
    "http-request",
    "redirect",
    "use_backend",
    "use-server",
];

/// The phase of a statement, if it is a rule.
fn phase(statement: &Statement) -> Option<usize> {
    let entry = statement.keyword?;
    let name = entry.extra("ruleset").unwrap_or(entry.keyword);
    let name = match name {
        "block" => "http-request",
        other => other,
    };
    PHASES.iter().position(|phase| *phase == name)
}

/// Actions that end the processing of their rule set.
fn is_final(ruleset: &str, action: &str) -> bool {
    match ruleset {
        "http-request" => matches!(
            action,
            "allow" | "deny" | "tarpit" | "auth" | "redirect" | "return" | "reject"
        ),
        "http-response" | "http-after-response" => {
            matches!(action, "allow" | "deny" | "redirect" | "return")
        }
        _ => false,
    }
}

fn has_condition(statement: &Statement) -> bool {
    statement
        .args()
        .iter()
        .any(|word| matches!(word.value.as_str(), "if" | "unless"))
}

pub fn check(model: &Model, out: &mut Vec<SemanticDiagnostic>) {
    for section in model.proxies() {
        // The first rule written of each phase, for the diagnostics' labels.
        let mut seen: [Option<&Statement>; PHASES.len()] = [None; PHASES.len()];
        let mut final_rule: Vec<(&str, &Statement)> = Vec::new();
        for statement in &section.statements {
            check_after_final(statement, &final_rule, out);
            if let Some(entry) = statement.keyword
                && let (Some(ruleset), Some(action)) =
                    (entry.extra("ruleset"), entry.extra("action"))
                && is_final(ruleset, action)
                && !has_condition(statement)
            {
                final_rule.retain(|(name, _)| *name != ruleset);
                final_rule.push((ruleset, statement));
            }
            let Some(current) = phase(statement) else {
                continue;
            };
            // The earliest phase after this one that already has a rule: moving
            // this rule above the first rule of that phase restores the order.
            let earliest_later = (current + 1..PHASES.len())
                .filter_map(|later| seen[later].map(|first| (later, first)))
                .min_by_key(|(_, first)| first.range.start());
            if let Some(later) = (current + 1..PHASES.len()).find(|later| seen[*later].is_some()) {
                let (_, first_later) = earliest_later.unwrap_or((later, statement));
                out.push(
                    SemanticDiagnostic::warning(
                        Rule::RuleOrder,
                        statement.file,
                        statement.keyword_range(),
                        format!(
                            "this `{}` rule is placed after a `{}` rule but still runs before it",
                            PHASES[current], PHASES[later]
                        ),
                    )
                    .with_help(format!(
                        "move it above the `{}` rules to match the order HAProxy runs them",
                        PHASES[later]
                    ))
                    .with_related(
                        first_later.file,
                        first_later.range,
                        "the first rule that runs after it",
                    ),
                );
            }
            if seen[current].is_none() {
                seen[current] = Some(statement);
            }
        }
    }
}

fn check_after_final(
    statement: &Statement,
    final_rules: &[(&str, &Statement)],
    out: &mut Vec<SemanticDiagnostic>,
) {
    let Some(ruleset) = statement.keyword.and_then(|entry| entry.extra("ruleset")) else {
        return;
    };
    let Some((_, earlier)) = final_rules.iter().find(|(name, _)| *name == ruleset) else {
        return;
    };
    out.push(
        SemanticDiagnostic::warning(
            Rule::UnreachableRule,
            statement.file,
            statement.keyword_range(),
            format!(
                "this `{ruleset}` rule never runs: an earlier rule stops processing unconditionally"
            ),
        )
        .with_related(
            earlier.file,
            earlier.range,
            "final action without a condition",
        )
        .with_help("add a condition to the earlier rule, or remove the rules after it"),
    );
}
