//! A listening address another process already holds.

use std::net::IpAddr;

use haplint_probe::host::HostAddresses;
use haplint_probe::sockets::{InetListener, Owner, Transport};

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::listeners::{Listener, ListenerHost, listeners};
use crate::rule::{Category, FixAvailability, Rule, RuleInput, RuleMeta};

pub struct BindAddressInUse;

static META: RuleMeta = RuleMeta {
    name: "bind-address-in-use",
    code: "HAP702",
    category: Category::Environment,
    default_severity: Severity::Error,
    enabled_by_default: true,
    since: None,
    until: None,
    fix: FixAvailability::Never,
    input: RuleInput::Machine,
    doc: "\
## What it does
With `--live`, compares every listening address of the configuration
(`bind`, `dgram-bind`, a TCP `stats socket`) with the sockets the machine
listens on (`/proc/net/tcp`, `tcp6`, `udp`, `udp6`), and flags an address
and port already held, naming the process and its pid. A wildcard (`*:80`)
collides with any address on that port, and an IPv6 wildcard without
`v6only` with IPv4 too. When the holder is HAProxy itself the finding is
only informational: a reload hands the listening sockets over to the new
process.

## Why is this bad
HAProxy cannot bind a port that another program (a web server left
enabled, a second load balancer, a forgotten test) holds: it refuses to
start with `cannot bind socket`. During an incident, this is the first
thing to know, with the name of the culprit.

## Example
```haproxy
frontend web
    bind :80
    default_backend app
```

## Use instead
```haproxy
frontend web
    bind :8080
    default_backend app
```

## Fix safety
No fix: stop the other process, or choose another port.

## References
- https://docs.haproxy.org/2.6/configuration.html#4.2-bind
- https://docs.haproxy.org/2.6/management.html#4
",
};

impl Rule for BindAddressInUse {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(machine) = context.live().and_then(crate::live::LiveFacts::machine) else {
            return;
        };
        let Ok(sockets) = &machine.sockets else {
            return;
        };
        for listener in listeners(context.model()) {
            let holders: Vec<&InetListener> = sockets
                .inet
                .iter()
                .filter(|socket| collides(&listener, socket, &machine.host))
                .collect();
            let Some(first) = holders.first() else {
                continue;
            };
            let span = Span::new(listener.statement.file, listener.word.range);
            let place = format!("{}:{}", shown_address(first.address), first.port);
            let owners = owners(&holders);
            let by_haproxy = holders.iter().all(
                |socket| matches!(&socket.owner, Owner::Process { name, .. } if name == "haproxy"),
            );
            if by_haproxy {
                let mut diagnostic = META.diagnostic(
                    span,
                    format!(
                        "{place} is already held by {owners}: a reload takes it over; a second HAProxy started beside it would share it"
                    ),
                );
                diagnostic.severity = Severity::Info;
                out.push(diagnostic);
            } else {
                out.push(
                    META.diagnostic(span, format!("{place} is already in use by {owners}"))
                        .with_help("stop that process or move one of the two to another port"),
                );
            }
        }
    }
}

/// `haproxy (pid 812)`, `nginx (pid 90) and 2 more`.
fn owners(holders: &[&InetListener]) -> String {
    let mut names: Vec<String> = Vec::new();
    for socket in holders {
        let name = match &socket.owner {
            Owner::Process { pid, name } => format!("{name} (pid {pid})"),
            Owner::Unknown => {
                "a process haplint may not inspect (run as root to see which)".to_owned()
            }
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    match names.len() {
        0 | 1 => names.pop().unwrap_or_default(),
        2 => names.join(" and "),
        more => format!("{} and {} more", names[0], more - 1),
    }
}

fn shown_address(address: IpAddr) -> String {
    match address {
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    }
}

/// The IPv4 address an IPv4-mapped IPv6 one stands for.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        IpAddr::V4(_) => address,
    }
}

/// Whether binding `listener` would fail (or share) because of `socket`.
fn collides(listener: &Listener<'_>, socket: &InetListener, host: &HostAddresses) -> bool {
    let transport = if listener.datagram {
        Transport::Udp
    } else {
        Transport::Tcp
    };
    if socket.transport != transport || !listener.ports().contains(&socket.port) {
        return false;
    }
    let socket_address = canonical(socket.address);
    let socket_any = socket_address.is_unspecified();
    // A `[::]` socket takes IPv4 too unless the system says otherwise;
    // /proc does not tell whether that one socket set IPV6_V6ONLY.
    let socket_dual = socket_any && socket_address.is_ipv6() && host.bindv6only != Some(true);
    match &listener.host {
        ListenerHost::Name(_) => false,
        ListenerHost::Any => {
            if listener.ipv6 {
                socket_address.is_ipv6() || listener.dual_stack
            } else {
                socket_address.is_ipv4() || socket_dual
            }
        }
        ListenerHost::Ip(address) => {
            let address = canonical(*address);
            socket_address == address
                || (socket_any && socket_address.is_ipv4() == address.is_ipv4())
                || (socket_dual && address.is_ipv4())
        }
    }
}
