//! Backends of the running HAProxy with no server UP.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

use super::runtime_support::{backend, start_of_set};

pub struct RuntimeBackendDown;

static META: RuleMeta = RuleMeta {
    name: "runtime-backend-down",
    code: "HAP721",
    category: Category::Environment,
    default_severity: Severity::Error,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::RuntimeApi,
    doc: "\
## What it does
With `--runtime SOCKET`, reports each backend of the running HAProxy that
has servers but none of them UP, on the backend's name.

## Why is this bad
Every request routed there fails with a 503: for its users the service is
down, whatever the rest of the load balancer does.

## Example
```haproxy
backend app
    server app1 192.0.2.10:8080 check
```

## Use instead
```haproxy
backend app
    server app1 192.0.2.10:8080 check
    server app2 192.0.2.11:8080 check
```

## Fix safety
No fix: the finding is about the servers, not the configuration.

## References
- https://docs.haproxy.org/2.6/management.html#9.3-show%20stat
",
};

impl Rule for RuntimeBackendDown {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(Ok(state)) = context.live().and_then(crate::live::LiveFacts::runtime) else {
            return;
        };
        for name in &state.backends {
            let servers: Vec<_> = state
                .servers
                .iter()
                .filter(|status| &status.backend == name)
                .collect();
            if servers.is_empty() || servers.iter().any(|status| status.is_up()) {
                continue;
            }
            let span = backend(context, name)
                .map(|section| context.section_span(section))
                .or_else(|| start_of_set(context));
            if let Some(span) = span {
                out.push(META.diagnostic(
                    span,
                    format!(
                        "backend {name} has no server UP ({} server{} down or in maintenance): its requests get 503",
                        servers.len(),
                        if servers.len() == 1 { "" } else { "s" }
                    ),
                ));
            }
        }
    }
}
