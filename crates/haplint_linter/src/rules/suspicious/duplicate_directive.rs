//! A single-valued keyword written twice in one section.

use std::collections::HashMap;

use haplint_keywords::Kind;
use haplint_semantic::{Conditionals, Statement};

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Severity, Tag};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};
use crate::rules::edit::delete_line;
use crate::rules::placement::stack_at;

pub struct DuplicateDirective;

static META: RuleMeta = RuleMeta {
    name: "duplicate-directive",
    code: "HAP206",
    category: Category::Suspicious,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Sometimes(Applicability::Safe),
    input: RuleInput::Config,
    doc: "\
## What it does
Flags a keyword that takes one value per section (`timeout client`,
`balance`, `mode`, `maxconn`, `retries`...) written twice in the same
section, and a line setting the log format (`log-format`, `option httplog`,
`option httpslog`, `option tcplog`) after another one in the same section
(HAProxy warns about those in `defaults` sections).

## Why is this bad
HAProxy silently keeps the last one. The first line looks effective to
whoever reads the file, which is how a 30-second timeout turns out to be
5 seconds in production.

## Example
```haproxy
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    timeout client 5s
```

## Use instead
```haproxy
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
```

## Fix safety
The fix removes the line HAProxy discards, so the proxy keeps the value
it has today: it is safe. Check that the value left is the one you mean;
if the discarded one was, change the later line instead. No fix for a log
format overridden only in some `.if` branch, where the earlier line still
applies in the others.

## References
- https://docs.haproxy.org/3.2/configuration.html#4.2-timeout%20client
",
};

/// Keywords where a later line replaces an earlier one.
const SINGLE_VALUED: [&str; 10] = [
    "mode",
    "balance",
    "maxconn",
    "fullconn",
    "retries",
    "hash-type",
    "http-reuse",
    "cookie",
    "default_backend",
    "log-format",
];

/// Keywords that each set the whole log format of a proxy.
const LOG_FORMATS: [&str; 4] = [
    "log-format",
    "option httplog",
    "option httpslog",
    "option tcplog",
];

impl Rule for DuplicateDirective {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        // Read once per file, and only for files with `.if` blocks.
        let trees: Vec<Option<Conditionals>> = context
            .set
            .documents
            .iter()
            .map(|document| {
                document
                    .parse
                    .has_conditionals()
                    .then(|| Conditionals::of(&document.parse, context.target))
            })
            .collect();
        for section in context
            .model()
            .sections
            .iter()
            .filter(|section| section.kind.is_proxy())
        {
            let branches = usize::try_from(section.file.0)
                .ok()
                .and_then(|file| trees.get(file))
                .and_then(Option::as_ref);
            let mut seen = HashMap::new();
            let mut log_format: Option<&Statement> = None;
            for statement in section
                .statements
                .iter()
                .filter(|statement| statement.prefix.is_none())
            {
                let Some(entry) = statement.keyword else {
                    continue;
                };
                if LOG_FORMATS.contains(&entry.keyword)
                    && let Some(previous) = log_format.replace(statement)
                    && !(entry.keyword == "log-format"
                        && previous
                            .keyword
                            .is_some_and(|first| first.keyword == "log-format"))
                {
                    let mut diagnostic = META
                        .diagnostic(
                            context.keyword_span(statement),
                            format!(
                                "`{}` replaces the log format `{}` set above in this section",
                                statement.keyword_text(entry.keyword.split(' ').count()),
                                previous.keyword_text(
                                    previous
                                        .keyword
                                        .map_or(1, |first| first.keyword.split(' ').count())
                                )
                            ),
                        )
                        .with_label(context.keyword_span(previous), "this format is discarded")
                        .with_help("keep the one log format line you mean");
                    if always_overrides(branches, previous, statement) {
                        diagnostic = diagnostic.with_fix(remove_discarded(context, previous));
                    }
                    out.push(diagnostic);
                }
                if entry.kind != Kind::Timeout && !SINGLE_VALUED.contains(&entry.keyword) {
                    continue;
                }
                if let Some(first) = seen.insert(entry.keyword, statement)
                    && always_overrides(branches, first, statement)
                {
                    out.push(
                        META.diagnostic(
                            context.keyword_span(first),
                            format!("`{}` is set again later in this section, which overrides this line", entry.keyword),
                        )
                        .with_label(context.keyword_span(statement), "this later line wins")
                        .with_tag(Tag::Unnecessary)
                        .with_help("keep one line with the value you mean")
                        .with_fix(remove_discarded(context, first)),
                    );
                }
            }
        }
    }
}

/// Removes the line HAProxy discards; the proxy keeps what it has today.
fn remove_discarded(context: &LintContext<'_>, discarded: &Statement) -> crate::diagnostic::Fix {
    let words = discarded
        .keyword
        .map_or(1, |entry| entry.keyword.split(' ').count());
    META.fix(
        format!(
            "Remove the discarded `{}` line",
            discarded.keyword_text(words)
        ),
        vec![delete_line(context, discarded)],
    )
}

/// Whether `later` overrides `first` whichever branches HAProxy takes: not
/// when `later` sits in a `.if` branch `first` is not in (an override for
/// some environments, or the other branch of the same block).
fn always_overrides(branches: Option<&Conditionals>, first: &Statement, later: &Statement) -> bool {
    branches.is_none_or(|tree| {
        let outer = stack_at(tree, usize::from(later.range.start()));
        stack_at(tree, usize::from(first.range.start())).starts_with(&outer)
    })
}
