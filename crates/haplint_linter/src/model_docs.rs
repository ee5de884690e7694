//! Documentation of the diagnostics the parser and the semantic model
//! report themselves, kept as Markdown files in `docs/` with the same
//! headings as the rules' own docs.

/// Docs of the parser's diagnostics (`HAP0xx`).
pub static SYNTAX_DOCS: &[(&str, &str)] = &[
    (
        "unmatched-quote",
        include_str!("../docs/unmatched-quote.md"),
    ),
    ("invalid-escape", include_str!("../docs/invalid-escape.md")),
    (
        "invalid-variable",
        include_str!("../docs/invalid-variable.md"),
    ),
    ("too-many-words", include_str!("../docs/too-many-words.md")),
    (
        "missing-final-newline",
        include_str!("../docs/missing-final-newline.md"),
    ),
    ("nul-byte", include_str!("../docs/nul-byte.md")),
    (
        "stray-carriage-return",
        include_str!("../docs/stray-carriage-return.md"),
    ),
    (
        "byte-order-mark",
        include_str!("../docs/byte-order-mark.md"),
    ),
    ("invalid-utf8", include_str!("../docs/invalid-utf8.md")),
    (
        "conditional-block",
        include_str!("../docs/conditional-block.md"),
    ),
    (
        "conditional-expression",
        include_str!("../docs/conditional-expression.md"),
    ),
    (
        "unknown-directive",
        include_str!("../docs/unknown-directive.md"),
    ),
    (
        "directive-arguments",
        include_str!("../docs/directive-arguments.md"),
    ),
    (
        "alert-directive",
        include_str!("../docs/alert-directive.md"),
    ),
    (
        "warning-directive",
        include_str!("../docs/warning-directive.md"),
    ),
    (
        "comment-inside-word",
        include_str!("../docs/comment-inside-word.md"),
    ),
    (
        "variable-outside-quotes",
        include_str!("../docs/variable-outside-quotes.md"),
    ),
    ("invalid-scope", include_str!("../docs/invalid-scope.md")),
    (
        "backslash-continuation",
        include_str!("../docs/backslash-continuation.md"),
    ),
];

/// Docs of the semantic model's diagnostics.
pub static SEMANTIC_DOCS: &[(&str, &str)] = &[
    (
        "unknown-keyword",
        include_str!("../docs/unknown-keyword.md"),
    ),
    (
        "keyword-out-of-section",
        include_str!("../docs/keyword-out-of-section.md"),
    ),
    (
        "keyword-wrong-section",
        include_str!("../docs/keyword-wrong-section.md"),
    ),
    (
        "keyword-ignored-here",
        include_str!("../docs/keyword-ignored-here.md"),
    ),
    (
        "named-defaults-only",
        include_str!("../docs/named-defaults-only.md"),
    ),
    ("invalid-prefix", include_str!("../docs/invalid-prefix.md")),
    (
        "undefined-backend",
        include_str!("../docs/undefined-backend.md"),
    ),
    (
        "undefined-defaults",
        include_str!("../docs/undefined-defaults.md"),
    ),
    ("duplicate-name", include_str!("../docs/duplicate-name.md")),
    (
        "duplicate-server",
        include_str!("../docs/duplicate-server.md"),
    ),
    ("invalid-name", include_str!("../docs/invalid-name.md")),
    ("missing-name", include_str!("../docs/missing-name.md")),
    ("unknown-action", include_str!("../docs/unknown-action.md")),
    ("invalid-value", include_str!("../docs/invalid-value.md")),
    (
        "missing-argument",
        include_str!("../docs/missing-argument.md"),
    ),
    ("mode-mismatch", include_str!("../docs/mode-mismatch.md")),
    (
        "ambiguous-defaults",
        include_str!("../docs/ambiguous-defaults.md"),
    ),
    ("rule-order", include_str!("../docs/rule-order.md")),
    (
        "unreachable-rule",
        include_str!("../docs/unreachable-rule.md"),
    ),
    (
        "defaults-with-rules",
        include_str!("../docs/defaults-with-rules.md"),
    ),
    ("undefined-acl", include_str!("../docs/undefined-acl.md")),
    ("unknown-fetch", include_str!("../docs/unknown-fetch.md")),
    (
        "undefined-reference",
        include_str!("../docs/undefined-reference.md"),
    ),
    (
        "tls-configuration",
        include_str!("../docs/tls-configuration.md"),
    ),
    (
        "incomplete-section",
        include_str!("../docs/incomplete-section.md"),
    ),
    (
        "keyword-too-new",
        include_str!("../docs/keyword-too-new.md"),
    ),
    (
        "removed-keyword",
        include_str!("../docs/removed-keyword.md"),
    ),
    (
        "deprecated-keyword",
        include_str!("../docs/deprecated-keyword.md"),
    ),
    (
        "unknown-predicate",
        include_str!("../docs/unknown-predicate.md"),
    ),
];

/// The doc of a parser or model diagnostic.
pub fn model_doc(name: &str) -> Option<&'static str> {
    SYNTAX_DOCS
        .iter()
        .chain(SEMANTIC_DOCS)
        .find(|(rule, _)| *rule == name)
        .map(|(_, doc)| *doc)
}
