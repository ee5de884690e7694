//! `tcp-request content track-sc*` on request contents with no inspect delay.

use haplint_keywords::{Context, Keywords};
use haplint_semantic::{Model, Section, Statement};

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct TrackWithoutInspectDelay;

static META: RuleMeta = RuleMeta {
    name: "track-without-inspect-delay",
    code: "HAP215",
    category: Category::Suspicious,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags frontends and listens with a `tcp-request content track-sc*` rule
whose key is read from the request (`url`, `base`, `req.hdr`, `req.payload`,
`req.ssl_sni`...) while neither the proxy nor its defaults set
`tcp-request inspect-delay`. HAProxy warns about it when it loads the
configuration.

## Why is this bad
Without an inspect delay, content rules run as soon as the connection is
accepted, on whatever bytes happen to be there: the key is often missing,
so the counter tracks nothing or a random subset of the requests, and the
limits built on it do not hold.

## Example
```haproxy
defaults
    timeout connect 5s
    timeout client 30s
    timeout server 30s

backend per_url
    stick-table type string size 100k store http_req_rate(10s)

frontend www
    bind :80
    tcp-request content track-sc0 url table per_url
    default_backend app

backend app
    server app1 10.0.0.1:8080 check
```

## Use instead
```haproxy
defaults
    timeout connect 5s
    timeout client 30s
    timeout server 30s

backend per_url
    stick-table type string size 100k store http_req_rate(10s)

frontend www
    bind :80
    tcp-request inspect-delay 5s
    tcp-request content track-sc0 url table per_url
    default_backend app

backend app
    server app1 10.0.0.1:8080 check
```

## Fix safety
No fix: the delay to wait depends on the clients.

## References
- https://docs.haproxy.org/3.2/configuration.html#4.2-tcp-request%20inspect-delay
- https://docs.haproxy.org/3.2/configuration.html#4.2-tcp-request%20content
",
};

impl Rule for TrackWithoutInspectDelay {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let keywords = Keywords::for_version(context.target);
        let model = context.model();
        for (index, section) in context.proxies() {
            if !section.has_frontend_side() {
                continue;
            }
            let Some((rule, fetch)) = section
                .statements
                .iter()
                .find_map(|statement| content_tracking(statement, keywords))
            else {
                continue;
            };
            if has_inspect_delay(context, model, index) {
                continue;
            }
            out.push(
                META.diagnostic(
                    context.section_span(section),
                    format!(
                        "`{}` tracks `{fetch}`, read from the request, but no `tcp-request inspect-delay` lets the request arrive",
                        rule.keyword_text(3)
                    ),
                )
                .with_help("add `tcp-request inspect-delay 5s` (or the delay clients need) to this proxy or its defaults"),
            );
        }
    }
}

/// A `tcp-request content track-sc*` rule whose key is a fetch of the
/// request contents, with that fetch's name.
fn content_tracking<'a>(
    statement: &'a Statement,
    keywords: &Keywords,
) -> Option<(&'a Statement, &'a str)> {
    if statement.prefix.is_some() || statement.head() != "tcp-request" {
        return None;
    }
    let body = statement.body();
    if body.get(1)?.value != "content" || !body.get(2)?.value.starts_with("track-sc") {
        return None;
    }
    let key = body.get(3)?;
    if key.has_variables {
        return None;
    }
    let fetch = key.value.split(['(', ',']).next()?;
    let entry = keywords.get(Context::Fetch, fetch)?;
    let from_request = matches!(entry.extra("layer"), Some("l6" | "l7"))
        && entry.extra("usable").is_some_and(|usable| {
            usable
                .split('|')
                .any(|place| place == "frontend tcp-request content")
        });
    from_request.then_some((statement, fetch))
}

/// Whether section `index` or its defaults chain sets a non-zero
/// `tcp-request inspect-delay` (the nearest setting wins).
fn has_inspect_delay(context: &LintContext<'_>, model: &Model, index: usize) -> bool {
    let mut current = Some(index);
    let mut hops = 0;
    while let Some(position) = current {
        if let Some(delay) = own_inspect_delay(&model.sections[position]) {
            return delay;
        }
        current = context.inheritance.defaults_of[position];
        hops += 1;
        if hops > model.sections.len() {
            break;
        }
    }
    false
}

/// The last `tcp-request inspect-delay` of a section: whether it is
/// non-zero (a value written with variables counts as set).
fn own_inspect_delay(section: &Section) -> Option<bool> {
    section
        .statements
        .iter()
        .filter(|statement| statement.prefix.is_none() && statement.head() == "tcp-request")
        .filter(|statement| {
            statement
                .body()
                .get(1)
                .is_some_and(|word| word.value == "inspect-delay")
        })
        .filter_map(|statement| statement.body().get(2))
        .map(|value| {
            value.has_variables
                || value
                    .value
                    .bytes()
                    .take_while(u8::is_ascii_digit)
                    .any(|digit| digit != b'0')
        })
        .next_back()
}
