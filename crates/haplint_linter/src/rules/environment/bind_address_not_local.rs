//! A listening address the machine does not have.

use std::net::IpAddr;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::listeners::{ListenerHost, listeners};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct BindAddressNotLocal;

static META: RuleMeta = RuleMeta {
    name: "bind-address-not-local",
    code: "HAP703",
    category: Category::Environment,
    default_severity: Severity::Error,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Machine,
    doc: "\
## What it does
With `--live`, flags a `bind` on an address that no interface of the
machine has, while the kernel forbids binding foreign addresses
(`net.ipv4.ip_nonlocal_bind` or `net.ipv6.ip_nonlocal_bind` is 0) and the
line has neither `transparent` nor `freebind`.

## Why is this bad
HAProxy fails to start with `cannot bind socket (Cannot assign requested
address)`. It happens with a virtual IP that keepalived has not moved to
this node yet, or a configuration copied from another machine.

## Example
```haproxy
frontend web
    bind 192.0.2.123:80
    default_backend app
```

## Use instead
```haproxy
frontend web
    bind 192.0.2.123:80 freebind
    default_backend app
```

## Fix safety
No fix: add the address to an interface, set `ip_nonlocal_bind` for a
floating address, or add `freebind` to the line.

## References
- https://docs.haproxy.org/2.6/configuration.html#5.1-freebind
- https://docs.haproxy.org/2.6/configuration.html#5.1-transparent
",
};

impl Rule for BindAddressNotLocal {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(machine) = context.live().and_then(crate::live::LiveFacts::machine) else {
            return;
        };
        let host = &machine.host;
        // Without the address list there is nothing to compare with.
        if host.addresses.is_empty() {
            return;
        }
        for listener in listeners(context.model()) {
            let ListenerHost::Ip(address) = listener.host else {
                continue;
            };
            if listener.foreign_allowed || host.has(address) {
                continue;
            }
            let (setting, allowed) = match address {
                IpAddr::V4(_) => ("net.ipv4.ip_nonlocal_bind", host.nonlocal_bind_v4),
                IpAddr::V6(_) => ("net.ipv6.ip_nonlocal_bind", host.nonlocal_bind_v6),
            };
            if allowed != Some(false) {
                continue;
            }
            out.push(
                META.diagnostic(
                    Span::new(listener.statement.file, listener.word.range),
                    format!(
                        "{address} is not an address of this machine and {setting} is 0: HAProxy cannot bind it"
                    ),
                )
                .with_help("add the address to an interface, set the sysctl to 1, or add `freebind`"),
            );
        }
    }
}
