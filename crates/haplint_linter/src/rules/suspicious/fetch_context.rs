//! Sample fetches used where their data never exists.

use std::collections::HashMap;

use haplint_keywords::{Context, Keywords};
use haplint_semantic::{Section, Statement, Word};

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct FetchContext;

static META: RuleMeta = RuleMeta {
    name: "fetch-context",
    code: "HAP212",
    category: Category::Suspicious,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags a condition of a rule that uses a sample fetch whose data does not
exist at the time the rule runs: a request header in `tcp-request
connection` (nothing has been read yet), a response header in
`http-request`... Fetches in named ACLs used by the condition count too.

## Why is this bad
The fetch finds nothing, so the condition never matches and the rule never
acts. HAProxy warns about it at start-up, in terms that are easy to skim.

## Example
```haproxy
defaults
    mode http
    timeout client 30s

frontend www
    bind :80
    http-request deny if { res.hdr(x-blocked) -m found }
    http-request return status 200
```

## Use instead
```haproxy
defaults
    mode http
    timeout client 30s

frontend www
    bind :80
    http-request deny if { req.hdr(x-blocked) -m found }
    http-request return status 200
```

## Fix safety
No fix: the right rule set or fetch depends on the intent.

## References
- https://docs.haproxy.org/3.2/configuration.html#7.3
",
};

/// The contexts of the facts a rule runs in, as (side, rule set): the
/// facts write them `frontend http-request`, `backend tcp-request content`.
/// Borrowed pieces, not joined strings: this runs for every rule line.
fn rule_contexts(section: &Section, statement: &Statement) -> Vec<(&'static str, &'static str)> {
    let Some(entry) = statement.keyword else {
        return Vec::new();
    };
    let ruleset = entry.extra("ruleset").or(match entry.keyword {
        "use_backend" => Some("use_backend"),
        _ => None,
    });
    // The facts name response-side contexts after `http-response`, which
    // `http-after-response` shares; `quic-initial` has no entry there.
    let ruleset = match ruleset {
        Some("http-after-response") => "http-response",
        Some("quic-initial") | None => return Vec::new(),
        Some(other) => other,
    };
    let mut contexts = Vec::new();
    if section.has_frontend_side() {
        contexts.push(("frontend", ruleset));
    }
    // `use_backend` only runs on the frontend side (the model reports it elsewhere).
    if section.has_backend_side() && ruleset != "use_backend" {
        contexts.push(("backend", ruleset));
    }
    contexts
}

/// Whether a place of the facts (`frontend http-request body`) is the
/// context `(side, ruleset)` or a part of it.
fn is_in_context(place: &str, (side, ruleset): (&str, &str)) -> bool {
    place
        .strip_prefix(side)
        .and_then(|rest| rest.strip_prefix(' '))
        .and_then(|rest| rest.strip_prefix(ruleset))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// The fetch each named ACL of a section starts with (an ACL defined on
/// several lines has several), built once per section: looking ACLs up
/// statement by statement made large frontends quadratic.
fn acl_fetches(section: &Section) -> HashMap<&str, Vec<&str>> {
    let mut fetches: HashMap<&str, Vec<&str>> = HashMap::new();
    for acl in section.statements_of("acl") {
        if let (Some(name), Some(expression)) = (acl.args().first(), acl.args().get(1)) {
            fetches
                .entry(name.value.as_str())
                .or_default()
                .push(fetch_name(&expression.value));
        }
    }
    fetches
}

/// `req.hdr(host),lower` → `req.hdr`.
fn fetch_name(expression: &str) -> &str {
    expression.split(['(', ',']).next().unwrap_or_default()
}

/// Fetch names of the condition, with the word each comes from.
fn condition_fetches<'a>(
    acls: &HashMap<&'a str, Vec<&'a str>>,
    args: &'a [Word],
) -> Vec<(&'a str, &'a Word)> {
    let Some(start) = args
        .iter()
        .position(|word| matches!(word.value.as_str(), "if" | "unless"))
    else {
        return Vec::new();
    };
    let mut fetches = Vec::new();
    let mut words = args[start + 1..].iter();
    while let Some(word) = words.next() {
        let value = word.value.as_str();
        if value == "{" || value == "!{" {
            if let Some(expression) = words.next() {
                fetches.push((fetch_name(&expression.value), expression));
            }
            for inner in words.by_ref() {
                if inner.value == "}" {
                    break;
                }
            }
        } else if !matches!(value, "||" | "or" | "!") {
            let name = value.trim_start_matches('!');
            for fetch in acls.get(name).into_iter().flatten() {
                fetches.push((fetch, word));
            }
        }
    }
    fetches
}

impl Rule for FetchContext {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let keywords = Keywords::for_version(context.target);
        for (_, section) in context.proxies() {
            let acls = acl_fetches(section);
            for statement in &section.statements {
                // Most lines have no condition: look for one before building
                // the rule's contexts.
                let fetches = condition_fetches(&acls, statement.args());
                if fetches.is_empty() {
                    continue;
                }
                let contexts = rule_contexts(section, statement);
                if contexts.is_empty() {
                    continue;
                }
                for (fetch, word) in fetches {
                    let Some(usable) = keywords
                        .get(Context::Fetch, fetch)
                        .or_else(|| {
                            keywords
                                .get(Context::Acl, fetch)
                                .and_then(|acl| acl.extra("fetch"))
                                .and_then(|base| keywords.get(Context::Fetch, base))
                        })
                        .and_then(|entry| entry.extra("usable"))
                    else {
                        continue;
                    };
                    let fits = contexts
                        .iter()
                        .any(|&wanted| usable.split('|').any(|place| is_in_context(place, wanted)));
                    if !fits {
                        let ruleset = contexts[0].1;
                        out.push(
                            META.diagnostic(Span::new(statement.file, word.range), format!("`{fetch}` has no data in `{ruleset}` rules: this condition never matches"))
                                .with_help("use a fetch available at that stage, or move the rule to the stage where the data exists"),
                        );
                    }
                }
            }
        }
    }
}
