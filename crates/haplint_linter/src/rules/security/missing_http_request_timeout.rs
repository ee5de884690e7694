//! HTTP frontends without a bound on the time to receive a request.

use haplint_semantic::effective::Mode;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct MissingHttpRequestTimeout;

static META: RuleMeta = RuleMeta {
    name: "missing-http-request-timeout",
    code: "HAP407",
    category: Category::Security,
    default_severity: Severity::Info,
    // Off by default: it fires on most HTTP configurations; turn it on
    // where slow-request protection matters.
    enabled_by_default: false,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags HTTP frontends that have no `timeout http-request` after inheritance.

## Why is this bad
Without it a client may take up to `timeout client` to send each piece of
its request headers. Slowloris-style attacks keep thousands of connections
open that way with almost no bandwidth, until `maxconn` is exhausted.

## Example
```haproxy
defaults
    mode http
    timeout client 30s

frontend www
    bind :80
    http-request return status 200
```

## Use instead
```haproxy
defaults
    mode http
    timeout client 30s
    timeout http-request 10s

frontend www
    bind :80
    http-request return status 200
```

## Fix safety
No fix: the right bound depends on the clients.

## References
- https://docs.haproxy.org/3.2/configuration.html#4.2-timeout%20http-request
",
};

impl Rule for MissingHttpRequestTimeout {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let model = context.model();
        for (index, section) in context.proxies() {
            if !section.has_frontend_side() || context.inheritance.mode(model, index) != Mode::Http
            {
                continue;
            }
            if !context
                .inheritance
                .settings(model, index)
                .contains_key("timeout http-request")
            {
                out.push(
                    META.diagnostic(
                        context.section_span(section),
                        format!(
                            "{} `{}` does not limit how long a client may take to send its request",
                            section.kind.name(),
                            section.name_text().unwrap_or_default()
                        ),
                    )
                    .with_help("add `timeout http-request 10s` to `defaults`"),
                );
            }
        }
    }
}
