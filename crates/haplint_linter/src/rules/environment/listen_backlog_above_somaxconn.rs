//! A listen backlog the kernel cuts down to `net.core.somaxconn`.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::listeners::listeners;
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct ListenBacklogAboveSomaxconn;

static META: RuleMeta = RuleMeta {
    name: "listen-backlog-above-somaxconn",
    code: "HAP712",
    category: Category::Environment,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Machine,
    doc: "\
## What it does
With `--live`, flags a TCP listener whose accept queue is larger than the
kernel's `net.core.somaxconn`. HAProxy asks for the line's `backlog`, or
else its `maxconn`, or else the `maxconn` of its frontend.

## Why is this bad
The kernel silently caps every accept queue at `somaxconn`. Under a burst
of new connections the queue fills sooner than the configuration says,
and the kernel drops SYNs: clients see slow or failed connects while
HAProxy has capacity left.

## Example
```haproxy
frontend web
    bind :80 backlog 1000000
    default_backend app
```

## Use instead
```haproxy
frontend web
    bind :80 backlog 4096
    default_backend app
```

## Fix safety
No fix: raise `net.core.somaxconn` (and `net.ipv4.tcp_max_syn_backlog`)
with sysctl, or lower the backlog.

## References
- https://docs.haproxy.org/2.6/configuration.html#5.1-backlog
- https://docs.haproxy.org/2.6/configuration.html#4.2-backlog
",
};

impl Rule for ListenBacklogAboveSomaxconn {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(machine) = context.live().and_then(crate::live::LiveFacts::machine) else {
            return;
        };
        let Some(somaxconn) = machine.limits.somaxconn else {
            return;
        };
        for listener in listeners(context.model()) {
            if listener.datagram {
                continue;
            }
            let section_value = |keyword: &str| {
                listener
                    .section
                    .statements
                    .iter()
                    .filter(|statement| statement.head() == keyword)
                    .filter_map(|statement| statement.args().first()?.value.parse::<u64>().ok())
                    .next_back()
            };
            let (backlog, from) = match (listener.backlog, listener.maxconn) {
                (Some(backlog), _) => (backlog, "its `backlog`"),
                (None, Some(maxconn)) => (maxconn, "its `maxconn`"),
                (None, None) => match section_value("backlog") {
                    Some(backlog) => (backlog, "the frontend's `backlog`"),
                    None => match section_value("maxconn") {
                        Some(maxconn) => (maxconn, "the frontend's `maxconn`"),
                        None => continue,
                    },
                },
            };
            if backlog > somaxconn {
                out.push(
                    META.diagnostic(
                        Span::new(listener.statement.file, listener.word.range),
                        format!(
                            "this listener asks for an accept queue of {backlog} ({from}), but net.core.somaxconn caps it at {somaxconn}"
                        ),
                    )
                    .with_help("raise net.core.somaxconn (and net.ipv4.tcp_max_syn_backlog) with sysctl"),
                );
            }
        }
    }
}
