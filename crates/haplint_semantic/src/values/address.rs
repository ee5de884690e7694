//! Listening and server addresses: `[prefix@]host:port`, `*:443`, `:80`,
//! `[::]:80`, `unix@/path`, `/path`, `fd@3`, port ranges `8000-8010`.

use haplint_keywords::Version;

/// Where an address is used; servers may omit the port or give an offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    Bind,
    Server,
}

/// A problem with an address, with a byte range inside the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressError {
    pub message: String,
    pub start: usize,
    pub end: usize,
}

/// Address prefixes, the first version that knows them, and whether they
/// name a socket without a port (UNIX sockets, inherited descriptors...).
const PREFIXES: [(&str, Version, bool); 21] = [
    ("ipv4@", Version::new(1, 8), false),
    ("ipv6@", Version::new(1, 8), false),
    ("unix@", Version::new(1, 8), true),
    ("abns@", Version::new(1, 8), true),
    ("fd@", Version::new(1, 8), true),
    ("sockpair@", Version::new(1, 8), true),
    ("udp@", Version::new(1, 8), false),
    ("udp4@", Version::new(1, 8), false),
    ("udp6@", Version::new(1, 8), false),
    ("tcp@", Version::new(2, 3), false),
    ("tcp4@", Version::new(2, 3), false),
    ("tcp6@", Version::new(2, 3), false),
    ("uxst@", Version::new(2, 3), true),
    ("uxdg@", Version::new(2, 3), true),
    ("quic4@", Version::new(2, 6), false),
    ("quic6@", Version::new(2, 6), false),
    ("rhttp@", Version::new(2, 9), true),
    ("abnsz@", Version::new(3, 1), true),
    ("mptcp4@", Version::new(3, 1), false),
    ("mptcp6@", Version::new(3, 1), false),
    ("mptcp@", Version::new(3, 1), false),
];

/// Prefixes of datagram sockets.
const DATAGRAM_PREFIXES: [&str; 4] = ["udp@", "udp4@", "udp6@", "uxdg@"];

/// Transport modifiers written before the address (`quic+1.2.3.4:443`), 3.1+.
const MODIFIERS: [&str; 3] = ["quic+", "stream+", "dgram+"];

fn error(message: impl Into<String>, start: usize, end: usize) -> AddressError {
    AddressError {
        message: message.into(),
        start,
        end,
    }
}

/// Checks every comma-separated address of `text` (bind lines accept lists).
pub fn check(text: &str, usage: Usage, version: Version) -> Result<(), AddressError> {
    let mut offset = 0;
    for part in text.split(',') {
        if usage == Usage::Bind || offset == 0 {
            check_one(part, offset, usage, version)?;
        }
        offset += part.len() + 1;
        if usage == Usage::Server {
            break;
        }
    }
    Ok(())
}

fn check_one(
    text: &str,
    offset: usize,
    usage: Usage,
    version: Version,
) -> Result<(), AddressError> {
    let mut rest = text;
    let mut at = offset;
    if let Some(modifier) = MODIFIERS
        .iter()
        .find(|modifier| rest.starts_with(**modifier))
    {
        if version < Version::new(3, 1) {
            return Err(error(
                format!("address modifier `{modifier}` needs HAProxy 3.1 or later"),
                at,
                at + modifier.len(),
            ));
        }
        rest = &rest[modifier.len()..];
        at += modifier.len();
    }
    if let Some(prefix_end) = rest
        .find('@')
        .filter(|position| !rest[..*position].contains([':', '/', '[']))
    {
        let prefix = &rest[..=prefix_end];
        let Some((_, since, portless)) = PREFIXES.iter().find(|(name, _, _)| *name == prefix)
        else {
            return Err(error(
                format!("unknown address prefix `{prefix}`"),
                at,
                at + prefix.len(),
            ));
        };
        if *since > version {
            return Err(error(
                format!("address prefix `{prefix}` needs HAProxy {since} or later"),
                at,
                at + prefix.len(),
            ));
        }
        // Only `mode log` backends (3.0+) take datagram servers; listeners
        // take them only on `dgram-bind` lines of `log-forward` sections.
        let stream_only = usage == Usage::Bind || version < Version::new(3, 0);
        if stream_only && DATAGRAM_PREFIXES.contains(&prefix) {
            let what = if usage == Usage::Bind {
                "a listener"
            } else {
                "a server before HAProxy 3.0 (`mode log` backends)"
            };
            return Err(error(
                format!("`{prefix}` is a datagram address, not acceptable for {what}"),
                at,
                at + prefix.len(),
            ));
        }
        if *portless {
            return Ok(());
        }
        rest = &rest[prefix.len()..];
        at += prefix.len();
    }
    if rest.starts_with('/') {
        // A UNIX socket path.
        return Ok(());
    }
    if let Some(bad) = rest
        .split(['[', ']'])
        .next()
        .filter(|_| !rest.starts_with('['))
        .and_then(|host| host.chars().find(|c| !is_host_char(*c)))
    {
        return Err(error(
            format!("`{bad}` cannot appear in a host name or address"),
            at,
            at + rest.len(),
        ));
    }
    let port_start = if rest.starts_with('[') {
        match rest.find(']') {
            Some(close) if rest[close + 1..].starts_with(':') => Some(close + 2),
            Some(_) => None,
            None => {
                return Err(error(
                    "missing `]` after the IPv6 address",
                    at,
                    at + rest.len(),
                ));
            }
        }
    } else {
        rest.rfind(':').map(|colon| colon + 1)
    };
    let Some(port_start) = port_start else {
        return match usage {
            Usage::Bind => Err(error(
                format!("missing port in `{rest}`"),
                at,
                at + rest.len(),
            )),
            Usage::Server => Ok(()),
        };
    };
    check_port(&rest[port_start..], at + port_start, usage, version)
}

/// Characters of an IPv4 or IPv6 address, a DNS name, `*`, the `:port`
/// after them and a `%interface` scope. Anything else (a template's
/// `<IPV>`, a stray quote) makes an address HAProxy cannot resolve.
fn is_host_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '*' | '%' | '+' | '/')
}

fn check_port(port: &str, at: usize, usage: Usage, version: Version) -> Result<(), AddressError> {
    if port.is_empty() {
        return match usage {
            Usage::Bind => Err(error("missing port after `:`", at, at)),
            Usage::Server => Ok(()),
        };
    }
    let digits = match (usage, port.as_bytes()[0]) {
        // A server port may be an offset from the client's destination port.
        (Usage::Server, b'+' | b'-') => &port[1..],
        _ => port,
    };
    let (low, high) = match digits.split_once('-') {
        Some((low, high)) if usage == Usage::Bind => (low, Some(high)),
        _ => (digits, None),
    };
    let parse = |text: &str| {
        // Before 3.0 HAProxy read a port like `atoi()`: the digits it
        // starts with, whatever follows (`8080/app` is port 8080).
        // A range (`1-2`) is refused on its own, so it is not cut short.
        let text = if version < Version::new(3, 0)
            && text.starts_with(|c: char| c.is_ascii_digit())
            && !text.contains('-')
        {
            let digits = text
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(text.len());
            &text[..digits]
        } else {
            text
        };
        text.parse::<u32>()
            .ok()
            .filter(|value| (1..=65535).contains(value))
    };
    let end = at + port.len();
    let Some(first) = parse(low) else {
        return Err(error(
            format!("invalid port `{port}`: ports are numbers from 1 to 65535"),
            at,
            end,
        ));
    };
    if let Some(high) = high {
        match parse(high) {
            Some(last) if last >= first => {}
            _ => return Err(error(format!("invalid port range `{port}`"), at, end)),
        }
    }
    Ok(())
}

/// Whether a server address names a port (`host:80`, `[::1]:80`, `:+1`).
/// Sockets without ports (UNIX paths, `fd@`...) count as having one.
pub fn server_has_port(text: &str) -> bool {
    let rest = text.split_once('@').map_or(text, |(prefix, rest)| {
        if prefix.contains([':', '/', '[']) {
            text
        } else {
            rest
        }
    });
    if rest.starts_with('/')
        || text.starts_with("unix@")
        || text.starts_with("abns")
        || text.starts_with("fd@")
        || text.starts_with("sockpair@")
    {
        return true;
    }
    let port = if let Some(close) = rest.find(']') {
        rest[close + 1..].strip_prefix(':')
    } else if rest.matches(':').count() > 1 {
        // A bare IPv6 address has no port.
        None
    } else {
        rest.split_once(':').map(|(_, port)| port)
    };
    port.is_some_and(|port| !port.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const V26: Version = Version::new(2, 6);

    #[test]
    fn valid_bind_addresses() {
        for text in [
            ":80",
            "*:443",
            "0.0.0.0:8080",
            "[::]:80",
            ":::80",
            "127.0.0.1:8000-8010",
            "ipv4@:80",
            "unix@/run/x.sock",
            "/run/x.sock",
            "fd@3",
            "abns@name",
            ":80,:81",
            "quic4@:443",
        ] {
            assert_eq!(check(text, Usage::Bind, V26), Ok(()), "{text}");
        }
    }

    #[test]
    fn invalid_bind_addresses() {
        assert_eq!(
            check("127.0.0.1", Usage::Bind, V26).map_err(|e| (e.start, e.end)),
            Err((0, 9))
        );
        assert!(check(":${PORT}", Usage::Bind, V26).is_err());
        assert!(check(":70000", Usage::Bind, V26).is_err());
        assert!(check(":90-80", Usage::Bind, V26).is_err());
        assert!(check("bogus@:80", Usage::Bind, V26).is_err());
        assert!(check("quic+127.0.0.1:443", Usage::Bind, V26).is_err());
        assert_eq!(
            check("quic+127.0.0.1:443", Usage::Bind, Version::new(3, 1)),
            Ok(())
        );
        assert!(check("rhttp@be/srv", Usage::Bind, V26).is_err());
        assert_eq!(
            check(":80,:x", Usage::Bind, V26).map_err(|e| (e.start, e.end)),
            Err((5, 6))
        );
    }

    #[test]
    fn server_ports() {
        assert!(server_has_port("127.0.0.1:80"));
        assert!(server_has_port("127.0.0.1:+10"));
        assert!(server_has_port("[::1]:443"));
        assert!(server_has_port("/run/app.sock"));
        assert!(!server_has_port("127.0.0.1"));
        assert!(!server_has_port("backend.example.com"));
        assert!(!server_has_port("2001:db8::1"));
    }

    #[test]
    fn server_addresses() {
        for text in [
            "127.0.0.1",
            "127.0.0.1:8080",
            "backend.example.com:80",
            "10.0.0.1:+1000",
            "[2001:db8::1]:443",
            "/run/app.sock",
            "ipv6@::1",
        ] {
            assert_eq!(check(text, Usage::Server, V26), Ok(()), "{text}");
        }
        assert!(check("127.0.0.1:http", Usage::Server, V26).is_err());
    }

    #[test]
    fn ports_with_trailing_characters_depend_on_the_version() {
        let v30 = Version::new(3, 0);
        // 2.6 and 2.8 read the leading digits; 3.0 refuses the rest.
        assert_eq!(check("10.0.0.1:8080/app", Usage::Server, V26), Ok(()));
        assert!(check("10.0.0.1:8080/app", Usage::Server, v30).is_err());
        assert!(check("10.0.0.1:1-2x", Usage::Server, V26).is_err());
        assert!(check("10.0.0.1:x80", Usage::Server, V26).is_err());
        assert!(check(":99999x", Usage::Bind, V26).is_err());
    }

    #[test]
    fn mptcp_prefix_from_3_1() {
        assert!(check("mptcp@[::]:5000", Usage::Bind, Version::new(3, 0)).is_err());
        assert_eq!(
            check("mptcp@[::]:5000", Usage::Bind, Version::new(3, 1)),
            Ok(())
        );
    }

    #[test]
    fn datagram_addresses() {
        assert!(check("udp@127.0.0.1:514", Usage::Server, V26).is_err());
        assert!(check("uxdg@/run/log.sock", Usage::Server, V26).is_err());
        assert_eq!(
            check("udp@127.0.0.1:514", Usage::Server, Version::new(3, 0)),
            Ok(())
        );
        assert!(check("udp4@127.0.0.1:514", Usage::Bind, Version::new(3, 2)).is_err());
    }
}
