//! Two listeners of the set on the same address and port.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::listeners::listeners;
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct PortConflict;

static META: RuleMeta = RuleMeta {
    name: "port-conflict",
    code: "HAP125",
    category: Category::Correctness,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Config,
    doc: "\
## What it does
Flags two listening lines of the configuration set (`bind` in frontends,
listens, peers and log-forward sections, `dgram-bind`, a `stats socket` on a
TCP address) that claim the same port on
overlapping addresses: the same address, or a wildcard (`*:80`, `:80`,
`0.0.0.0:80`, `:::80`) against any address of its family, including
overlapping port ranges. An IPv6 wildcard without `v6only` also covers
IPv4 (Linux's dual-stack sockets); `bind :80` and `bind :::80 v6only` do
not overlap. The other binding is shown as a secondary label.

## Why is this bad
On Linux HAProxy sets `SO_REUSEPORT`, so both listeners usually start, and
the kernel then spreads new connections between the two sections at random:
half the clients get the other frontend's rules and backends. Where the
option is not available, HAProxy fails to start instead.

## Example
```haproxy
defaults
    mode http
    timeout client 30s

frontend public
    bind :80
    http-request return status 200

frontend internal
    bind 10.0.0.1:80
    http-request return status 204
```

## Use instead
```haproxy
defaults
    mode http
    timeout client 30s

frontend public
    bind :80
    http-request return status 200

frontend internal
    bind 10.0.0.1:8080
    http-request return status 204
```

## Fix safety
No fix: which listener should move is the operator's decision.

## References
- https://docs.haproxy.org/3.2/configuration.html#4.2-bind
",
};

impl Rule for PortConflict {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let all = listeners(context.model());
        for (index, listener) in all.iter().enumerate() {
            // The first earlier listener of another line that it overlaps.
            let clash = all[..index].iter().find(|other| {
                other.overlaps(listener) && !std::ptr::eq(other.statement, listener.statement)
            });
            let Some(other) = clash else {
                continue;
            };
            let text = listener.text;
            out.push(
                META.diagnostic(
                    Span::new(listener.statement.file, listener.word.range),
                    match other.section.name_text() {
                        Some(name) => format!(
                            "`{text}` overlaps a listener of {} `{name}`",
                            other.section.kind.name()
                        ),
                        None => format!(
                            "`{text}` overlaps a listener of the `{}` section",
                            other.section.kind.name()
                        ),
                    },
                )
                .with_label(context.keyword_span(other.statement), "the other listener")
                .with_help("give each section its own address or port"),
            );
        }
    }
}
