//! Backends that have nowhere to send traffic.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct BackendWithoutServers;

static META: RuleMeta = RuleMeta {
    name: "backend-without-servers",
    code: "HAP126",
    category: Category::Correctness,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags a `backend` with no `server` or `server-template` line that does not
answer by itself either (`http-request return`, `redirect`, `use-service`,
the stats page). Backends that only hold a `stick-table` are left alone.

## Why is this bad
Every request routed to it fails with `503 Service Unavailable`. It is often
a leftover after servers were moved, or a backend whose servers are in a file
that is not loaded.

## Example
```haproxy
defaults
    mode http
    timeout connect 5s
    timeout server 30s

backend app
    balance roundrobin
```

## Use instead
```haproxy
defaults
    mode http
    timeout connect 5s
    timeout server 30s

backend app
    balance roundrobin
    server app1 10.0.0.1:8080 check
```

## Fix safety
No fix: the servers are unknown.

## References
- https://docs.haproxy.org/3.2/configuration.html#4.2-server
",
};

impl Rule for BackendWithoutServers {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for section in context
            .model()
            .sections_of(haplint_keywords::SectionKind::Backend)
        {
            let serves_itself = section.statements.iter().any(|statement| {
                let action = statement
                    .keyword
                    .and_then(|entry| entry.extra("action"))
                    .unwrap_or_default();
                matches!(
                    statement.head(),
                    "server"
                        | "server-template"
                        | "redirect"
                        | "dispatch"
                        | "stats"
                        | "stick-table"
                ) || matches!(
                    action,
                    "return" | "redirect" | "use-service" | "deny" | "tarpit" | "reject"
                )
            });
            if !serves_itself {
                out.push(
                    META.diagnostic(
                        context.section_span(section),
                        format!(
                            "backend `{}` has no server",
                            section.name_text().unwrap_or_default()
                        ),
                    )
                    .with_help(
                        "add `server` lines, or remove the backend and the rules that route to it",
                    ),
                );
            }
        }
    }
}
