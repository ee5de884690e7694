//! Health-check rule sets (`tcp-check`, `http-check`): a `connect` step must
//! come first when there is one.

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::Section;

/// `http-check` words that set options instead of adding a step.
const HTTP_CHECK_OPTIONS: [&str; 2] = ["send-state", "disable-on-404"];

/// Steps that may come before the first `connect`.
fn is_preamble(step: &str) -> bool {
    step == "comment" || step.starts_with("set-var") || step.starts_with("unset-var")
}

/// HAProxy refuses a `connect` step when the first step of its rule set
/// (after comments and variables) is not a `connect`.
pub fn check(section: &Section, out: &mut Vec<SemanticDiagnostic>) {
    for ruleset in ["tcp-check", "http-check"] {
        let mut first: Option<&str> = None;
        for statement in &section.statements {
            if statement.prefix.is_some() || statement.head() != ruleset {
                continue;
            }
            let Some(step) = statement.body().get(1) else {
                continue;
            };
            let name = step.value.as_str();
            if ruleset == "http-check" && HTTP_CHECK_OPTIONS.contains(&name) {
                continue;
            }
            if name == "connect"
                && let Some(first) = first
                && first != "connect"
            {
                out.push(
                    SemanticDiagnostic::error(
                        Rule::InvalidValue,
                        statement.file,
                        step.range,
                        format!(
                            "`{ruleset} connect` after a `{ruleset} {first}` step: the first step must be the `connect`"
                        ),
                    )
                    .with_help(format!(
                        "start the rule set with `{ruleset} connect` (only comments and variables may come before it)"
                    )),
                );
                continue;
            }
            if first.is_none() && !is_preamble(name) {
                first = Some(name);
            }
        }
    }
}
