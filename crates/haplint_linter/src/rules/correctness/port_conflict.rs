//! Two listeners of the set on the same address and port.

use haplint_keywords::SectionKind;
use haplint_semantic::{Section, Statement};

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Severity, Span};
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

/// A listening address: host (empty for any), port range, family.
#[derive(Debug, Clone)]
struct Listener<'a> {
    statement: &'a Statement,
    section: &'a Section,
    address: Address,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    V4,
    V6,
}

#[derive(Debug, Clone)]
struct Address {
    host: String,
    ports: (u32, u32),
    datagram: bool,
    family: Family,
    /// An IPv6 wildcard that also accepts IPv4 (no `v6only`): Linux's
    /// default dual-stack socket.
    dual_stack: bool,
}

impl Address {
    fn is_wildcard(&self) -> bool {
        matches!(self.host.as_str(), "" | "*" | "0.0.0.0" | "::")
    }

    fn overlaps(&self, other: &Self) -> bool {
        let ports_overlap = self.ports.0 <= other.ports.1 && other.ports.0 <= self.ports.1;
        if self.datagram != other.datagram || !ports_overlap {
            return false;
        }
        if self.family == other.family {
            return self.host == other.host || self.is_wildcard() || other.is_wildcard();
        }
        // Across families only a dual-stack IPv6 wildcard reaches IPv4.
        (self.dual_stack && self.is_wildcard()) || (other.dual_stack && other.is_wildcard())
    }
}

/// `address` of a `bind` line; `v6only` tells whether the line keeps an
/// IPv6 socket away from IPv4.
fn parse(address: &str, v6only: bool) -> Option<Address> {
    let (datagram, family, rest) = match address.split_once('@') {
        Some((prefix, rest)) => match prefix {
            "ipv4" | "tcp4" => (false, Some(Family::V4), rest),
            "ipv6" | "tcp6" => (false, Some(Family::V6), rest),
            "tcp" => (false, None, rest),
            "udp4" | "quic4" => (true, Some(Family::V4), rest),
            "udp6" | "quic6" => (true, Some(Family::V6), rest),
            "udp" => (true, None, rest),
            _ => return None,
        },
        None => (false, None, address),
    };
    if rest.starts_with('/') {
        return None;
    }
    let colon = if rest.starts_with('[') {
        rest.find("]:").map(|index| index + 1)?
    } else {
        rest.rfind(':')?
    };
    let host = rest[..colon]
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let port = &rest[colon + 1..];
    let (low, high) = port.split_once('-').unwrap_or((port, port));
    // No address, `*` and IPv4 literals are IPv4; HAProxy reads anything
    // with a colon in the host part as IPv6.
    let family = family.unwrap_or(if host.contains(':') {
        Family::V6
    } else {
        Family::V4
    });
    Some(Address {
        dual_stack: family == Family::V6 && !v6only,
        host,
        ports: (low.parse().ok()?, high.parse().ok()?),
        datagram,
        family,
    })
}

impl Rule for PortConflict {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let mut listeners: Vec<Listener<'_>> = Vec::new();
        // Every line that opens a listening socket, with whether it is UDP.
        let binds = context.model().sections.iter().flat_map(|section| {
            section.statements.iter().filter_map(move |statement| {
                let keyword = statement
                    .keyword
                    .map_or(statement.head(), |entry| entry.keyword);
                let datagram = match (section.kind, keyword) {
                    (_, "bind")
                        if section.has_frontend_side()
                            || matches!(
                                section.kind,
                                SectionKind::Peers | SectionKind::LogForward
                            ) =>
                    {
                        false
                    }
                    (SectionKind::LogForward, "dgram-bind") => true,
                    (SectionKind::Global, "stats socket") => false,
                    _ => return None,
                };
                Some((section, statement, datagram))
            })
        });
        for (section, statement, forced_datagram) in binds {
            {
                let Some(word) = statement.args().first() else {
                    continue;
                };
                if word.has_variables {
                    continue;
                }
                let v6only = statement.args().iter().any(|arg| arg.value == "v6only");
                for text in word.value.split(',') {
                    let Some(mut address) = parse(text, v6only) else {
                        continue;
                    };
                    address.datagram |= forced_datagram;
                    let clash = listeners.iter().find(|other| {
                        other.address.overlaps(&address)
                            && !std::ptr::eq(other.statement, statement)
                    });
                    if let Some(other) = clash {
                        out.push(
                            META.diagnostic(
                                Span::new(statement.file, word.range),
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
                    listeners.push(Listener {
                        statement,
                        section,
                        address,
                    });
                }
            }
        }
    }
}
