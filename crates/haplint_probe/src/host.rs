//! The host's own addresses and whether it may bind others.

use std::fs;
use std::net::IpAddr;

use nix::ifaddrs::getifaddrs;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostAddresses {
    /// Every address of every interface, loopback included. Empty only when
    /// the interfaces cannot be listed (a running host always has loopback).
    pub addresses: Vec<IpAddr>,
    /// `net.ipv4.ip_nonlocal_bind`; `None` when it cannot be read.
    pub nonlocal_bind_v4: Option<bool>,
    /// `net.ipv6.ip_nonlocal_bind`; `None` when it cannot be read.
    pub nonlocal_bind_v6: Option<bool>,
    /// `net.ipv6.bindv6only`: whether `[::]` sockets stay off IPv4 by default.
    pub bindv6only: Option<bool>,
}

impl HostAddresses {
    /// Whether `ip` is one of the host's addresses; an IPv4-mapped IPv6
    /// address (`::ffff:a.b.c.d`) counts as the IPv4 address it carries.
    pub fn has(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.addresses.iter().any(|own| own.to_canonical() == ip)
    }
}

/// The addresses of this host's interfaces and the kernel settings that
/// decide whether it may bind addresses it does not have.
pub fn host_addresses() -> HostAddresses {
    HostAddresses {
        addresses: interface_addresses(),
        nonlocal_bind_v4: read_flag("/proc/sys/net/ipv4/ip_nonlocal_bind"),
        nonlocal_bind_v6: read_flag("/proc/sys/net/ipv6/ip_nonlocal_bind"),
        bindv6only: read_flag("/proc/sys/net/ipv6/bindv6only"),
    }
}

fn interface_addresses() -> Vec<IpAddr> {
    let Ok(interfaces) = getifaddrs() else {
        return Vec::new();
    };
    let mut addresses: Vec<IpAddr> = Vec::new();
    for address in interfaces.filter_map(|interface| interface.address) {
        let ip = if let Some(v4) = address.as_sockaddr_in() {
            IpAddr::V4(v4.ip())
        } else if let Some(v6) = address.as_sockaddr_in6() {
            IpAddr::V6(v6.ip())
        } else {
            // Link-layer (packet) entries have no IP address.
            continue;
        };
        if !addresses.contains(&ip) {
            addresses.push(ip);
        }
    }
    addresses
}

/// A boolean sysctl: `None` when it cannot be read or is not a number.
fn read_flag(path: &str) -> Option<bool> {
    let text = fs::read_to_string(path).ok()?;
    text.trim().parse::<u64>().ok().map(|value| value != 0)
}

#[cfg(test)]
mod tests {
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

    use super::HostAddresses;

    #[test]
    fn mapped_ipv6_addresses_match_their_ipv4_address() {
        let host = HostAddresses {
            addresses: vec![
                IpAddr::V4(Ipv4Addr::new(192, 0, 2, 7)),
                IpAddr::V6(Ipv6Addr::LOCALHOST),
            ],
            ..HostAddresses::default()
        };
        assert!(host.has(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 7))));
        assert!(host.has(IpAddr::V6(Ipv4Addr::new(192, 0, 2, 7).to_ipv6_mapped())));
        assert!(host.has(IpAddr::V6(Ipv6Addr::LOCALHOST)));
        assert!(!host.has(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 8))));
        // `::1` is not `127.0.0.1`: only mapped addresses carry IPv4 ones.
        assert!(!host.has(IpAddr::V4(Ipv4Addr::LOCALHOST)));
    }
}
