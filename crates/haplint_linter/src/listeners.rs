//! The addresses a configuration listens on: `port-conflict` compares
//! them with each other, the live rules with the sockets of the machine.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use haplint_keywords::SectionKind;
use haplint_semantic::{Model, Section, Statement, Word};

/// The host part of a listening address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListenerHost {
    /// `*:80`, `:80`, `0.0.0.0:80`, `[::]:80`.
    Any,
    Ip(IpAddr),
    /// A name HAProxy resolves at start; haplint does not resolve it.
    Name(String),
}

/// One address of a `bind` (or `dgram-bind`, TCP `stats socket`) line.
// The flags are independent facts of the line, not a state machine.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone)]
pub struct Listener<'a> {
    pub section: &'a Section,
    pub statement: &'a Statement,
    pub word: &'a Word,
    /// This address as written: one item of a comma-separated list.
    pub text: &'a str,
    pub host: ListenerHost,
    pub ipv6: bool,
    pub first_port: u16,
    pub last_port: u16,
    pub datagram: bool,
    /// An IPv6 wildcard without `v6only` also takes IPv4.
    pub dual_stack: bool,
    /// `transparent` or `freebind`: binding a foreign address is intended.
    pub foreign_allowed: bool,
    /// `backlog N`, `maxconn N` of the line.
    pub backlog: Option<u64>,
    pub maxconn: Option<u64>,
}

impl Listener<'_> {
    pub fn ports(&self) -> std::ops::RangeInclusive<u16> {
        self.first_port..=self.last_port
    }

    /// Whether both would take the same connections: overlapping ports of
    /// the same transport on the same address, or a wildcard against any
    /// address of its family; across families only a dual-stack IPv6
    /// wildcard reaches IPv4.
    pub fn overlaps(&self, other: &Listener<'_>) -> bool {
        let ports_overlap =
            self.first_port <= other.last_port && other.first_port <= self.last_port;
        if self.datagram != other.datagram || !ports_overlap {
            return false;
        }
        let any = |listener: &Listener<'_>| listener.host == ListenerHost::Any;
        if self.ipv6 == other.ipv6 {
            return self.host == other.host || any(self) || any(other);
        }
        (self.dual_stack && any(self)) || (other.dual_stack && any(other))
    }
}

/// Every listening address of the model.
pub fn listeners(model: &Model) -> Vec<Listener<'_>> {
    let mut found = Vec::new();
    for section in &model.sections {
        let binds = matches!(
            section.kind,
            SectionKind::Frontend
                | SectionKind::Listen
                | SectionKind::Peers
                | SectionKind::LogForward
        );
        for statement in &section.statements {
            let address = match statement.head() {
                "bind" | "dgram-bind" if binds => statement.args().first(),
                // `stats socket` may be one keyword of two words.
                "stats" if section.kind == SectionKind::Global => statement
                    .body()
                    .get(1)
                    .filter(|word| word.value == "socket")
                    .and_then(|_| statement.body().get(2)),
                _ => None,
            };
            let Some(word) = address.filter(|word| !word.has_variables) else {
                continue;
            };
            let options = statement
                .body()
                .iter()
                .position(|candidate| std::ptr::eq(candidate, word))
                .and_then(|at| statement.body().get(at + 1..))
                .unwrap_or_default();
            let has = |name: &str| options.iter().any(|option| option.value == name);
            let number = |name: &str| {
                options
                    .windows(2)
                    .find(|pair| pair[0].value == name)
                    .and_then(|pair| pair[1].value.parse::<u64>().ok())
            };
            for text in word.value.split(',') {
                let Some(parsed) = parse(text, statement.head() == "dgram-bind") else {
                    continue;
                };
                found.push(Listener {
                    section,
                    statement,
                    word,
                    text,
                    dual_stack: parsed.ipv6 && parsed.host == ListenerHost::Any && !has("v6only"),
                    host: parsed.host,
                    ipv6: parsed.ipv6,
                    first_port: parsed.ports.0,
                    last_port: parsed.ports.1,
                    datagram: parsed.datagram,
                    foreign_allowed: has("transparent") || has("freebind"),
                    backlog: number("backlog"),
                    maxconn: number("maxconn"),
                });
            }
        }
    }
    found
}

struct Parsed {
    host: ListenerHost,
    ipv6: bool,
    ports: (u16, u16),
    datagram: bool,
}

/// `[prefix@]host:port[-port]`; `None` for UNIX sockets, inherited
/// descriptors and anything without a port.
fn parse(text: &str, datagram_line: bool) -> Option<Parsed> {
    let (datagram, family, rest) = match text.split_once('@') {
        Some((prefix, rest)) => match prefix {
            "ipv4" | "tcp4" | "mptcp4" => (false, Some(false), rest),
            "ipv6" | "tcp6" | "mptcp6" => (false, Some(true), rest),
            "tcp" | "mptcp" => (false, None, rest),
            "udp4" | "quic4" => (true, Some(false), rest),
            "udp6" | "quic6" => (true, Some(true), rest),
            "udp" => (true, None, rest),
            _ => return None,
        },
        None => (datagram_line, None, text),
    };
    let rest = rest
        .strip_prefix("quic+")
        .or_else(|| rest.strip_prefix("stream+"))
        .unwrap_or(rest);
    if rest.starts_with('/') {
        return None;
    }
    let colon = if rest.starts_with('[') {
        rest.find("]:").map(|index| index + 1)?
    } else {
        rest.rfind(':')?
    };
    let host_text = rest[..colon].trim_start_matches('[').trim_end_matches(']');
    let port = &rest[colon + 1..];
    let (low, high) = port.split_once('-').unwrap_or((port, port));
    let ports = (low.parse().ok()?, high.parse().ok()?);
    let ipv6 = family.unwrap_or(host_text.contains(':'));
    let host = match host_text {
        "" | "*" => ListenerHost::Any,
        text => match text.parse::<IpAddr>() {
            Ok(ip)
                if ip == IpAddr::V4(Ipv4Addr::UNSPECIFIED)
                    || ip == IpAddr::V6(Ipv6Addr::UNSPECIFIED) =>
            {
                ListenerHost::Any
            }
            Ok(ip) => ListenerHost::Ip(ip),
            Err(_) => ListenerHost::Name(text.to_owned()),
        },
    };
    Some(Parsed {
        host,
        ipv6,
        ports,
        datagram,
    })
}

#[cfg(test)]
mod tests {
    use std::net::IpAddr;

    use haplint_semantic::{ConfigSet, Options, analyze};

    use super::{ListenerHost, listeners};

    fn summary(text: &str) -> Vec<(ListenerHost, bool, u16, u16, bool, bool)> {
        let set = ConfigSet::single(std::path::Path::new("t.cfg"), text.as_bytes());
        let analysis = analyze(&set, &Options::default());
        listeners(&analysis.model)
            .into_iter()
            .map(|listener| {
                (
                    listener.host,
                    listener.ipv6,
                    listener.first_port,
                    listener.last_port,
                    listener.datagram,
                    listener.dual_stack,
                )
            })
            .collect()
    }

    fn ip(text: &str) -> ListenerHost {
        ListenerHost::Ip(text.parse::<IpAddr>().expect("an address"))
    }

    #[test]
    fn addresses_ports_and_families() {
        let found = summary(
            "global\n    stats socket ipv4@127.0.0.1:9999 level admin\n    stats socket /run/a.sock\n\
             frontend f\n    bind :80,10.0.0.1:8080-8081\n    bind :::443 v6only\n    bind [::]:444\n\
             \x20   bind quic4@:443\n    bind unix@/run/x.sock\n    bind lb.example.com:81\n",
        );
        assert_eq!(
            found,
            [
                (ip("127.0.0.1"), false, 9999, 9999, false, false),
                (ListenerHost::Any, false, 80, 80, false, false),
                (ip("10.0.0.1"), false, 8080, 8081, false, false),
                (ListenerHost::Any, true, 443, 443, false, false),
                (ListenerHost::Any, true, 444, 444, false, true),
                (ListenerHost::Any, false, 443, 443, true, false),
                (
                    ListenerHost::Name("lb.example.com".to_owned()),
                    false,
                    81,
                    81,
                    false,
                    false
                ),
            ]
        );
    }
}
