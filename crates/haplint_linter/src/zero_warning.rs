//! `zero-warning` in `global` makes HAProxy refuse to start on any warning
//! it prints. haplint then reports as errors the warnings that stand for
//! one of HAProxy's own; its other warnings (style, security advice) stay
//! warnings, since HAProxy does not print them.

use haplint_semantic::Analysis;

use crate::diagnostic::{Diagnostic, Severity};

/// Rules whose warnings HAProxy prints too (checked against `haproxy -c`).
/// Not `deprecated-keyword`: the documentation deprecates keywords that
/// some versions accept without a word.
const HAPROXY_WARNS_TOO: [&str; 6] = [
    "missing-timeout",
    "mode-mismatch",
    "incomplete-section",
    "rule-order",
    "keyword-ignored-here",
    "default-backend-with-servers",
];

pub fn promote_when_set(analysis: &Analysis, diagnostics: &mut [Diagnostic]) {
    let set = analysis.model.global_sets("zero-warning");
    if !set {
        return;
    }
    for diagnostic in diagnostics {
        if diagnostic.severity == Severity::Warning && HAPROXY_WARNS_TOO.contains(&diagnostic.rule)
        {
            diagnostic.severity = Severity::Error;
            diagnostic.notes.push(
                "`zero-warning` is set in `global`: HAProxy refuses to start on this warning"
                    .to_owned(),
            );
        }
    }
}
