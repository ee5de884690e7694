//! A listen section whose own servers are bypassed.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct DefaultBackendWithServers;

static META: RuleMeta = RuleMeta {
    name: "default-backend-with-servers",
    code: "HAP213",
    category: Category::Suspicious,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags a `listen` section that has both `server` lines and a
`default_backend`.

## Why is this bad
Traffic that no `use_backend` rule catches goes to the default backend, so
the section's own servers only receive what `use_backend` sends back to the
section itself, usually nothing. One of the two is a leftover.

## Example
```haproxy
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

listen app
    bind :80
    default_backend other
    server app1 10.0.0.1:8080 check

backend other
    server other1 10.0.0.2:8080 check
```

## Use instead
```haproxy
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

listen app
    bind :80
    server app1 10.0.0.1:8080 check
```

## Fix safety
No fix: which route is meant is unknown.

## References
- https://docs.haproxy.org/3.2/configuration.html#4.2-default_backend
",
};

impl Rule for DefaultBackendWithServers {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for section in context
            .model()
            .sections_of(haplint_keywords::SectionKind::Listen)
        {
            let Some(default) = section.statements_of("default_backend").next() else {
                continue;
            };
            if let Some(server) = section.statements_of("server").next() {
                out.push(
                    META.diagnostic(
                        context.keyword_span(default),
                        format!(
                            "`default_backend` sends traffic past the servers of listen `{}`",
                            section.name_text().unwrap_or_default()
                        ),
                    )
                    .with_label(
                        context.keyword_span(server),
                        "these servers only get what `use_backend` routes back here",
                    )
                    .with_help("remove `default_backend`, or move the servers to a backend"),
                );
            }
        }
    }
}
