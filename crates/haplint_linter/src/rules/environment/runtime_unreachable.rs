//! `--runtime` named a socket that does not answer.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

use super::runtime_support::start_of_set;

pub struct RuntimeUnreachable;

static META: RuleMeta = RuleMeta {
    name: "runtime-unreachable",
    code: "HAP724",
    category: Category::Environment,
    default_severity: Severity::Error,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::RuntimeApi,
    doc: "\
## What it does
With `--runtime SOCKET`, reports that the runtime API could not be read:
the socket file is absent, the connection is refused or denied, or HAProxy
did not answer within three seconds. The message says which.

## Why is this bad
The runtime checks (servers not UP, drift between the file and what
runs) did not happen. An absent socket usually means HAProxy is not
running, or that the `stats socket` line names another path.

## Example
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
```

## Use instead
```haproxy
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
```

## Fix safety
No fix: start HAProxy, or give `--runtime` the path of its `stats socket`.

## References
- https://docs.haproxy.org/2.6/management.html#9.3
- https://docs.haproxy.org/2.6/configuration.html#3.1-stats%20socket
",
};

impl Rule for RuntimeUnreachable {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(Err(error)) = context.live().and_then(crate::live::LiveFacts::runtime) else {
            return;
        };
        if let Some(span) = start_of_set(context) {
            out.push(META.diagnostic(span, error.to_string()));
        }
    }
}
