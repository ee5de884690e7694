//! HTTP replies (`http-request return`, `http-request deny`... with
//! `content-type`): a content type needs a payload to describe.

use crate::diagnostic::{Rule, SemanticDiagnostic};
use crate::model::Statement;

/// Rule sets whose actions may build an HTTP reply.
const RULESETS: [&str; 3] = ["http-request", "http-response", "http-after-response"];

/// Options of a reply that give it a payload.
const PAYLOADS: [&str; 7] = [
    "errorfile",
    "errorfiles",
    "default-errorfiles",
    "file",
    "lf-file",
    "string",
    "lf-string",
];

/// HAProxy ignores, with a warning, a `content-type` without a payload, and
/// refuses an empty `string`.
pub fn check(statement: &Statement, out: &mut Vec<SemanticDiagnostic>) {
    if !RULESETS.contains(&statement.head()) {
        return;
    }
    let words = statement.body();
    let Some(position) = words.iter().position(|word| word.value == "content-type") else {
        return;
    };
    // Stop at the condition: `if { ... }` words are not options.
    let options = words
        .iter()
        .take_while(|word| !matches!(word.value.as_str(), "if" | "unless"));
    let mut payload = None;
    let mut previous: Option<&str> = None;
    for word in options {
        if word.has_variables {
            return;
        }
        if previous.is_some_and(|option| PAYLOADS.contains(&option)) {
            payload = Some(word);
        }
        previous = Some(word.value.as_str());
    }
    let content_type = &words[position];
    match payload {
        None => out.push(
            SemanticDiagnostic::warning(
                Rule::InvalidValue,
                statement.file,
                content_type.range,
                "`content-type` is ignored: the reply has neither a file nor a string as payload",
            )
            .with_help("remove `content-type`, or give the reply a body with `string`, `lf-string`, `file` or `lf-file`"),
        ),
        // HAProxy refuses an empty argument there.
        Some(word) if word.value.is_empty() => out.push(
            SemanticDiagnostic::error(
                Rule::InvalidValue,
                statement.file,
                word.range,
                "the payload of the reply is empty: HAProxy expects a non-empty argument",
            )
            .with_help("remove `content-type` and the payload to send no body"),
        ),
        Some(_) => {}
    }
}
