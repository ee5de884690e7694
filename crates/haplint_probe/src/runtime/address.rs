//! Where the runtime API listens, as the user writes it on the command line.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use super::RuntimeError;

/// A runtime API socket on this machine.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RuntimeAddress {
    Unix(PathBuf),
    /// A loopback address: [`RuntimeAddress::parse`] refuses others.
    Tcp(SocketAddr),
}

impl RuntimeAddress {
    /// Reads `/run/haproxy/admin.sock`, `127.0.0.1:9999`, `[::1]:9999` or
    /// `localhost:9999`. The prefixes of a `stats socket` line (`unix@`,
    /// `ipv4@`, `ipv6@`) are accepted so that one can be pasted as is.
    ///
    /// TCP addresses must be loopback: haplint reads facts about the
    /// machine it runs on and never connects elsewhere. `localhost` is
    /// taken as 127.0.0.1 rather than resolved, for the same reason.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("the runtime socket address is empty".to_owned());
        }
        if let Some(path) = text.strip_prefix("unix@") {
            return Ok(Self::Unix(PathBuf::from(path)));
        }
        let inet = ["ipv4@", "ipv6@"]
            .iter()
            .find_map(|prefix| text.strip_prefix(prefix));
        if let Some(inet) = inet {
            return parse_inet(inet)?.ok_or_else(|| {
                format!("`{text}` is not an IP address and port such as 127.0.0.1:9999")
            });
        }
        if let Some((scheme, _)) = text.split_once('@')
            && !scheme.contains('/')
        {
            return Err(format!(
                "`{text}`: `{scheme}@` sockets are not supported; give haplint a UNIX socket path or a loopback address and port"
            ));
        }
        Ok(parse_inet(text)?.unwrap_or_else(|| Self::Unix(PathBuf::from(text))))
    }

    /// Fails unless the address is on this machine; `parse` already
    /// ensures it, this covers an address built directly.
    pub(super) fn check_local(&self) -> Result<(), RuntimeError> {
        match self {
            Self::Tcp(socket) if !socket.ip().is_loopback() => Err(RuntimeError::Protocol(
                non_loopback_message(&socket.to_string()),
            )),
            _ => Ok(()),
        }
    }
}

/// `Ok(Some)` for a loopback `host:port`, `Ok(None)` for text that is not
/// shaped as one (so a path), an error for a shape that names another
/// machine or a bad port.
fn parse_inet(text: &str) -> Result<Option<RuntimeAddress>, String> {
    if let Ok(socket) = text.parse::<SocketAddr>() {
        if socket.ip().is_loopback() {
            return check_port(socket).map(Some);
        }
        return Err(non_loopback_message(text));
    }
    let Some((host, port)) = text.rsplit_once(':') else {
        return Ok(None);
    };
    if text.contains('/') || port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let port: u16 = port
        .parse()
        .map_err(|_| format!("`{text}`: the port must be between 1 and 65535"))?;
    if host.contains(':') {
        return Err(format!(
            "`{text}`: write an IPv6 address in brackets, as in [::1]:9999"
        ));
    }
    if host.eq_ignore_ascii_case("localhost") {
        return check_port(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port)).map(Some);
    }
    // `name:1234` reads as a host and port, not as a file name: treating
    // it as a path would only end in a puzzling "no such socket".
    Err(non_loopback_message(text))
}

fn check_port(socket: SocketAddr) -> Result<RuntimeAddress, String> {
    if socket.port() == 0 {
        return Err(format!("`{socket}`: the port must be between 1 and 65535"));
    }
    Ok(RuntimeAddress::Tcp(socket))
}

fn non_loopback_message(text: &str) -> String {
    format!(
        "`{text}` is not on this machine: haplint only talks to HAProxy on the machine it runs on; \
         give a UNIX socket path or a loopback address (127.0.0.1, [::1] or localhost) and port"
    )
}

impl fmt::Display for RuntimeAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unix(path) => write!(f, "{}", path.display()),
            Self::Tcp(socket) => write!(f, "{socket}"),
        }
    }
}
