//! Listening sockets of the machine and the processes that hold them.
//!
//! The kernel's tables in `/proc/net` list every socket of this network
//! namespace, whoever owns it; the owner is found by looking for the
//! socket's inode among the open files of each process (`/proc/<pid>/fd`),
//! which only works for processes we are allowed to look into.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Transport {
    Tcp,
    Udp,
}

/// Who holds a socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Process {
        pid: u32,
        name: String,
    },
    /// The socket exists but no process we may look into holds it
    /// (another user's process without root, or it closed meanwhile).
    Unknown,
}

/// A TCP socket in LISTEN state or a bound UDP socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InetListener {
    pub transport: Transport,
    pub address: IpAddr,
    pub port: u16,
    pub inode: u64,
    pub owner: Owner,
}

/// A listening UNIX stream socket, or a bound datagram one, with a path
/// (abstract sockets start with `@`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnixListener {
    pub path: PathBuf,
    pub inode: u64,
    pub owner: Owner,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sockets {
    pub inet: Vec<InetListener>,
    pub unix: Vec<UnixListener>,
}

/// `TCP_LISTEN` as the kernel prints a socket's state.
const TCP_LISTEN: &str = "0A";
/// `__SO_ACCEPTCON`: the flag `listen()` sets on a UNIX socket.
const UNIX_ACCEPTING: u32 = 0x0001_0000;
const SOCK_STREAM: u32 = 1;
const SOCK_DGRAM: u32 = 2;
const SOCK_SEQPACKET: u32 = 5;

/// Every listening TCP socket, bound UDP socket and listening (or bound
/// datagram) UNIX socket of this network namespace, with its owner when a
/// process we may inspect holds it.
///
/// Fails when `/proc/net` cannot be read; the IPv6 tables may be absent
/// (IPv6 disabled) and then count as empty.
pub fn listening_sockets() -> io::Result<Sockets> {
    let mut inet = parse_inet_table(&read_table("tcp", true)?, Transport::Tcp, false);
    inet.extend(parse_inet_table(
        &read_table("tcp6", false)?,
        Transport::Tcp,
        true,
    ));
    inet.extend(parse_inet_table(
        &read_table("udp", true)?,
        Transport::Udp,
        false,
    ));
    inet.extend(parse_inet_table(
        &read_table("udp6", false)?,
        Transport::Udp,
        true,
    ));
    inet.sort_by_key(|l| (l.transport, l.address, l.port, l.inode));
    let mut unix = parse_unix_table(&read_table("unix", true)?);

    let wanted: HashSet<u64> = inet
        .iter()
        .map(|l| l.inode)
        .chain(unix.iter().map(|l| l.inode))
        .collect();
    let owners = socket_owners(&wanted)?;
    let owner_of = |inode: u64| {
        owners
            .get(&inode)
            .map_or(Owner::Unknown, |(pid, name)| Owner::Process {
                pid: *pid,
                name: name.clone(),
            })
    };
    for listener in &mut inet {
        listener.owner = owner_of(listener.inode);
    }
    for listener in &mut unix {
        listener.owner = owner_of(listener.inode);
    }
    Ok(Sockets { inet, unix })
}

/// The text of `/proc/net/<name>`; a table that is not `required` may be
/// missing (the kernel has no IPv6) and reads as an empty one.
fn read_table(name: &str, required: bool) -> io::Result<String> {
    match fs::read_to_string(Path::new("/proc/net").join(name)) {
        Err(e) if !required && e.kind() == io::ErrorKind::NotFound => Ok(String::new()),
        other => other,
    }
}

/// The listening TCP (or bound UDP) sockets of a `/proc/net/{tcp,tcp6,udp,udp6}`
/// table, one per address, port and inode, all with an unknown owner.
pub fn parse_inet_table(text: &str, transport: Transport, ipv6: bool) -> Vec<InetListener> {
    let mut seen = HashSet::new();
    let mut listeners: Vec<InetListener> = text
        .lines()
        .skip(1)
        .filter_map(|line| parse_inet_line(line, transport, ipv6))
        .filter(|l| seen.insert((l.address, l.port, l.inode)))
        .collect();
    listeners.sort_by_key(|l| (l.address, l.port, l.inode));
    listeners
}

fn parse_inet_line(line: &str, transport: Transport, ipv6: bool) -> Option<InetListener> {
    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
    let fields: Vec<&str> = line.split_whitespace().collect();
    let (local, state, inode) = (fields.get(1)?, fields.get(3)?, fields.get(9)?);
    let (address, port) = local.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    let listening = match transport {
        Transport::Tcp => *state == TCP_LISTEN,
        // UDP has no listening state: a socket is taken once it has a port.
        Transport::Udp => port != 0,
    };
    if !listening {
        return None;
    }
    let address = if ipv6 {
        IpAddr::V6(parse_ipv6_hex(address)?)
    } else {
        IpAddr::V4(parse_ipv4_hex(address)?)
    };
    Some(InetListener {
        transport,
        address,
        port,
        inode: inode.parse().ok()?,
        owner: Owner::Unknown,
    })
}

/// The kernel prints each 32-bit word of an address as a number, so the
/// bytes come out in this machine's byte order (`0100007F` = 127.0.0.1 on
/// x86), not in network order.
fn parse_word(hex: &str) -> Option<[u8; 4]> {
    if hex.len() != 8 {
        return None;
    }
    u32::from_str_radix(hex, 16).ok().map(u32::to_ne_bytes)
}

fn parse_ipv4_hex(hex: &str) -> Option<Ipv4Addr> {
    parse_word(hex).map(Ipv4Addr::from)
}

fn parse_ipv6_hex(hex: &str) -> Option<Ipv6Addr> {
    if hex.len() != 32 || !hex.is_ascii() {
        return None;
    }
    let mut bytes = [0u8; 16];
    for (i, chunk) in bytes.chunks_exact_mut(4).enumerate() {
        chunk.copy_from_slice(&parse_word(&hex[i * 8..i * 8 + 8])?);
    }
    Some(Ipv6Addr::from(bytes))
}

/// The listening stream (and seqpacket) sockets and the bound datagram
/// sockets of `/proc/net/unix` that have a name, one per path and inode,
/// all with an unknown owner.
pub fn parse_unix_table(text: &str) -> Vec<UnixListener> {
    let mut seen = HashSet::new();
    let mut listeners: Vec<UnixListener> = text
        .lines()
        .skip(1)
        .filter_map(parse_unix_line)
        .filter(|l| seen.insert((l.path.clone(), l.inode)))
        .collect();
    listeners.sort_by(|a, b| (&a.path, a.inode).cmp(&(&b.path, b.inode)));
    listeners
}

fn parse_unix_line(line: &str) -> Option<UnixListener> {
    // Num: RefCount Protocol Flags Type St Inode Path
    let mut rest = line;
    let mut fields = [""; 7];
    for field in &mut fields {
        rest = rest.trim_start();
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        *field = &rest[..end];
        rest = &rest[end..];
    }
    // The path follows the inode after exactly one space, and may itself
    // hold spaces, so it is the rest of the line rather than a field.
    let path = rest.strip_prefix(' ')?;
    if path.is_empty() {
        return None;
    }
    let flags = u32::from_str_radix(fields[3], 16).ok()?;
    let kind = u32::from_str_radix(fields[4], 16).ok()?;
    let taken = match kind {
        // Sockets accepted from a listener print its path too: only the
        // listener itself has the accepting flag.
        SOCK_STREAM | SOCK_SEQPACKET => flags & UNIX_ACCEPTING != 0,
        SOCK_DGRAM => true,
        _ => false,
    };
    if !taken {
        return None;
    }
    Some(UnixListener {
        path: PathBuf::from(path),
        inode: fields[6].parse().ok()?,
        owner: Owner::Unknown,
    })
}

/// The process holding each of the `wanted` socket inodes, with its name.
/// When several processes share a socket the lowest pid wins: the parent
/// that opened it usually comes before the workers it forked.
fn socket_owners(wanted: &HashSet<u64>) -> io::Result<HashMap<u64, (u32, String)>> {
    let mut owners: HashMap<u64, (u32, String)> = HashMap::new();
    if wanted.is_empty() {
        return Ok(owners);
    }
    let mut pids = process_ids()?;
    pids.sort_unstable();
    for pid in pids {
        let held: Vec<u64> = socket_inodes(pid)
            .into_iter()
            .filter(|inode| wanted.contains(inode) && !owners.contains_key(inode))
            .collect();
        if held.is_empty() {
            continue;
        }
        // A process that exited since its descriptors were listed no
        // longer holds anything.
        let Some(name) = process_name(pid) else {
            continue;
        };
        for inode in held {
            owners.insert(inode, (pid, name.clone()));
        }
    }
    Ok(owners)
}

/// The inodes of the sockets a process has open; none when its descriptors
/// cannot be listed (another user's process, or it exited).
fn socket_inodes(pid: u32) -> Vec<u64> {
    let Ok(entries) = fs::read_dir(format!("/proc/{pid}/fd")) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| fs::read_link(entry.path()).ok())
        .filter_map(|target| {
            let target = target.to_str()?;
            target
                .strip_prefix("socket:[")?
                .strip_suffix(']')?
                .parse()
                .ok()
        })
        .collect()
}

/// The ids of the processes running now, in no particular order.
pub(crate) fn process_ids() -> io::Result<Vec<u32>> {
    Ok(fs::read_dir("/proc")?
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str()?.parse().ok())
        .collect())
}

/// A process's command name (`/proc/<pid>/comm`), or `None` once it exited.
pub(crate) fn process_name(pid: u32) -> Option<String> {
    fs::read_to_string(format!("/proc/{pid}/comm"))
        .ok()
        .map(|name| name.trim().to_owned())
}

// The sample tables are written as an x86 kernel prints them.
#[cfg(all(test, target_endian = "little"))]
mod tests {
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
    use std::path::Path;

    use super::{Owner, Transport, parse_inet_table, parse_unix_table};

    const TCP: &str = "\
  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
   1: 00000000:01BB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4243 1 0000000000000000 100 0 0 10 0
   2: 00000000:01BB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4243 1 0000000000000000 100 0 0 10 0
   3: 00000000:01BB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4244 1 0000000000000000 100 0 0 10 0
   4: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 4245 1 0000000000000000 20 4 30 10 -1
   5: 0A00000A:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4246 1 0000000000000000 100 0 0 10 0
";

    #[test]
    fn tcp_keeps_listeners_only_and_reads_host_order_addresses() {
        let listeners = parse_inet_table(TCP, Transport::Tcp, false);
        let found: Vec<_> = listeners
            .iter()
            .map(|l| (l.address, l.port, l.inode))
            .collect();
        assert_eq!(
            found,
            [
                (IpAddr::V4(Ipv4Addr::UNSPECIFIED), 443, 4243),
                (IpAddr::V4(Ipv4Addr::UNSPECIFIED), 443, 4244),
                (IpAddr::V4(Ipv4Addr::new(10, 0, 0, 10)), 80, 4246),
                (IpAddr::V4(Ipv4Addr::LOCALHOST), 8080, 4242),
            ]
        );
        assert!(
            listeners
                .iter()
                .all(|l| l.transport == Transport::Tcp && l.owner == Owner::Unknown)
        );
    }

    const TCP6: &str = "\
  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5001 1 0000000000000000 100 0 0 10 0
   1: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5002 1 0000000000000000 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:01BB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5003 1 0000000000000000 100 0 0 10 0
   3: B80D0120000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5004 1 0000000000000000 100 0 0 10 0
";

    #[test]
    fn ipv6_words_are_each_in_host_order() {
        let found: Vec<_> = parse_inet_table(TCP6, Transport::Tcp, true)
            .iter()
            .map(|l| (l.address, l.port))
            .collect();
        assert_eq!(
            found,
            [
                (IpAddr::V6(Ipv6Addr::UNSPECIFIED), 80),
                (IpAddr::V6(Ipv6Addr::LOCALHOST), 8080),
                // IPv4-mapped addresses stay IPv6: the caller decides.
                (IpAddr::V6(Ipv4Addr::LOCALHOST.to_ipv6_mapped()), 443),
                (
                    IpAddr::V6("2001:db8::1".parse().expect("valid address")),
                    22
                ),
            ]
        );
    }

    const UDP: &str = "\
   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  100: 3500007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 6001 2 0000000000000000 0
  101: 00000000:0000 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 6002 2 0000000000000000 0
  102: 00000000:0202 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 6003 2 0000000000000000 0
";

    #[test]
    fn udp_keeps_sockets_with_a_port() {
        let found: Vec<_> = parse_inet_table(UDP, Transport::Udp, false)
            .iter()
            .map(|l| (l.transport, l.address, l.port, l.inode))
            .collect();
        assert_eq!(
            found,
            [
                (Transport::Udp, IpAddr::V4(Ipv4Addr::UNSPECIFIED), 514, 6003),
                (
                    Transport::Udp,
                    IpAddr::V4(Ipv4Addr::new(127, 0, 0, 53)),
                    53,
                    6001
                ),
            ]
        );
    }

    #[test]
    fn malformed_lines_are_skipped() {
        let text = "header\n garbage\n 0: 0100007F:ZZZZ 00000000:0000 0A 0:0 0:0 0 0 0 1\n 1: 7F:0050 00000000:0000 0A 0:0 0:0 0 0 0 1\n";
        assert!(parse_inet_table(text, Transport::Tcp, false).is_empty());
        assert!(parse_inet_table(text, Transport::Tcp, true).is_empty());
        assert!(parse_unix_table("header\nnot a socket line\n").is_empty());
    }

    const UNIX: &str = "\
Num       RefCount Protocol Flags    Type St Inode Path
0000000000000000: 00000002 00000000 00010000 0001 01  7001 /run/haproxy/admin.sock
0000000000000000: 00000003 00000000 00000000 0001 03  7002 /run/haproxy/admin.sock
0000000000000000: 00000003 00000000 00000000 0001 03  7003
0000000000000000: 00000002 00000000 00000000 0002 01  7004 /run/systemd/journal/dev-log
0000000000000000: 00000002 00000000 00010000 0001 01  7005 @/tmp/.X11-unix/X0
0000000000000000: 00000002 00000000 00010000 0005 01  7006 /run/with space.sock
0000000000000000: 00000002 00000000 00000000 0001 01  7007 /run/bound-not-listening.sock
0000000000000000: 00000002 00000000 00000000 0002 01  7008
";

    #[test]
    fn unix_keeps_listeners_and_bound_datagram_sockets() {
        let found: Vec<_> = parse_unix_table(UNIX)
            .into_iter()
            .map(|l| (l.path, l.inode))
            .collect();
        let expected = [
            ("/run/haproxy/admin.sock", 7001),
            ("/run/systemd/journal/dev-log", 7004),
            ("/run/with space.sock", 7006),
            ("@/tmp/.X11-unix/X0", 7005),
        ];
        assert_eq!(
            found,
            expected.map(|(path, inode)| (Path::new(path).to_path_buf(), inode))
        );
    }
}
