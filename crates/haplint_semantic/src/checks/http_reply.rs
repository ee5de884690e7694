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

/// The payload options that read the next word.
const PAYLOADS_WITH_ARGUMENT: [&str; 6] = [
    "errorfile",
    "errorfiles",
    "file",
    "lf-file",
    "string",
    "lf-string",
];

/// HAProxy ignores, with a warning, a `content-type` without a payload, and
/// refuses an empty `string` or a payload option with nothing after it.
pub fn check(statement: &Statement, out: &mut Vec<SemanticDiagnostic>) {
    if !RULESETS.contains(&statement.head()) {
        return;
    }
    let words = statement.body();
    // The line may have ended early (an empty word ends it): a payload
    // option left last has no argument, and HAProxy refuses the rule
    // before it looks at `content-type`.
    if let Some(last) = words.last()
        && !last.has_variables
        && PAYLOADS_WITH_ARGUMENT.contains(&last.value.as_str())
    {
        out.push(
            SemanticDiagnostic::error(
                Rule::MissingArgument,
                statement.file,
                last.range,
                format!(
                    "`{}` expects an argument, and the line ends here",
                    last.value
                ),
            )
            .with_help(
                "give the payload after it, e.g. `string \"ok\"` or `file /etc/haproxy/page.http`",
            ),
        );
        return;
    }
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
    // An empty payload never reaches here: an empty word ends the line, and
    // the payload option left last is reported above.
    if payload.is_none() {
        out.push(
            SemanticDiagnostic::warning(
                Rule::InvalidValue,
                statement.file,
                content_type.range,
                "`content-type` is ignored: the reply has neither a file nor a string as payload",
            )
            .with_help("remove `content-type`, or give the reply a body with `string`, `lf-string`, `file` or `lf-file`"),
        );
    }
}
