//! The probes against the machine the tests run on: sockets this test
//! opens, files it creates, and what every Linux host has (loopback, root).

use std::fs;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, TcpListener, UdpSocket};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net;
use std::path::Path;

use haplint_probe::accounts::{gid_exists, group_exists, uid_exists, user_exists};
use haplint_probe::files::{FileKind, PathProbe, probe_path};
use haplint_probe::host::host_addresses;
use haplint_probe::limits::{LimitSource, read_limits};
use haplint_probe::sockets::{Owner, Sockets, Transport, listening_sockets};

fn this_process() -> Owner {
    let name = fs::read_to_string("/proc/self/comm").expect("read /proc/self/comm");
    Owner::Process {
        pid: std::process::id(),
        name: name.trim().to_owned(),
    }
}

fn inet_owner(sockets: &Sockets, transport: Transport, ip: IpAddr, port: u16) -> Option<&Owner> {
    sockets
        .inet
        .iter()
        .find(|l| l.transport == transport && l.address == ip && l.port == port)
        .map(|l| &l.owner)
}

#[test]
fn finds_our_own_sockets_and_their_owner() {
    let tcp = TcpListener::bind("127.0.0.1:0").expect("bind tcp");
    let udp = UdpSocket::bind("127.0.0.1:0").expect("bind udp");
    // The loopback may have no IPv6 (containers): then there is nothing to find.
    let tcp6 = TcpListener::bind("[::1]:0").ok();
    let dir = tempfile::tempdir().expect("temp dir");
    let unix_path = dir.path().join("probe.sock");
    let _unix = net::UnixListener::bind(&unix_path).expect("bind unix");

    let sockets = listening_sockets().expect("read sockets");
    let me = this_process();
    let localhost = IpAddr::V4(Ipv4Addr::LOCALHOST);

    let tcp_port = tcp.local_addr().expect("tcp address").port();
    assert_eq!(
        inet_owner(&sockets, Transport::Tcp, localhost, tcp_port),
        Some(&me)
    );
    let udp_port = udp.local_addr().expect("udp address").port();
    assert_eq!(
        inet_owner(&sockets, Transport::Udp, localhost, udp_port),
        Some(&me)
    );
    if let Some(tcp6) = tcp6 {
        let port = tcp6.local_addr().expect("tcp6 address").port();
        assert_eq!(
            inet_owner(
                &sockets,
                Transport::Tcp,
                IpAddr::V6(Ipv6Addr::LOCALHOST),
                port
            ),
            Some(&me)
        );
    }
    let unix = sockets
        .unix
        .iter()
        .find(|l| l.path == unix_path)
        .expect("our unix socket is listed");
    assert_eq!(unix.owner, me);
}

#[test]
fn loopback_is_a_host_address() {
    let host = host_addresses();
    assert!(host.addresses.contains(&IpAddr::V4(Ipv4Addr::LOCALHOST)));
    assert!(host.has(IpAddr::V6(Ipv4Addr::LOCALHOST.to_ipv6_mapped())));
}

#[test]
fn reads_limits() {
    let limits = read_limits();
    let (open_files, source) = limits.open_files.expect("an open-file limit");
    if source == LimitSource::ThisProcess {
        let (soft, _) = nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_NOFILE)
            .expect("getrlimit");
        if soft != nix::sys::resource::RLIM_INFINITY {
            assert_eq!(open_files.soft, Some(soft));
        }
    }
    assert!(limits.cpus.is_some_and(|cpus| cpus >= 1));
    if Path::new("/proc/sys/net/core/somaxconn").exists() {
        assert!(limits.somaxconn.is_some());
    }
}

fn facts(path: &Path) -> haplint_probe::files::FileFacts {
    match probe_path(path) {
        PathProbe::Present(facts) => facts,
        other => panic!("{} should be present, got {other:?}", path.display()),
    }
}

#[test]
fn probes_files_directories_and_sockets() {
    let dir = tempfile::tempdir().expect("temp dir");
    let euid = nix::unistd::geteuid().as_raw();
    for (name, mode) in [("private", 0o600), ("public", 0o644), ("open", 0o666)] {
        let path = dir.path().join(name);
        fs::write(&path, "12345").expect("write file");
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).expect("chmod");
        let found = facts(&path);
        assert_eq!(found.kind, FileKind::File);
        assert_eq!(found.mode, mode);
        assert_eq!(found.size, 5);
        assert_eq!(found.uid, euid);
        assert!(found.readable);
        assert_eq!(found.world_writable(), mode == 0o666);
        assert_eq!(found.readable_by_others(), mode != 0o600);
        assert_eq!(found.group_or_world_readable(), mode != 0o600);
    }

    let directory = facts(dir.path());
    assert_eq!(directory.kind, FileKind::Directory);
    assert!(directory.readable);

    let socket_path = dir.path().join("s.sock");
    let _socket = net::UnixListener::bind(&socket_path).expect("bind unix");
    assert_eq!(facts(&socket_path).kind, FileKind::Socket);

    assert_eq!(probe_path(&dir.path().join("missing")), PathProbe::Missing);
    // Below a regular file is ENOTDIR, not ENOENT: still nothing there.
    assert_eq!(
        probe_path(&dir.path().join("private/below")),
        PathProbe::Missing
    );
}

#[test]
fn a_closed_directory_hides_its_files() {
    // Root passes through any mode: the case only exists for other users.
    if nix::unistd::geteuid().is_root() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let closed = dir.path().join("closed");
    fs::create_dir(&closed).expect("mkdir");
    fs::write(closed.join("inside"), "x").expect("write file");
    fs::set_permissions(&closed, fs::Permissions::from_mode(0o000)).expect("chmod");
    let probe = probe_path(&closed.join("inside"));
    fs::set_permissions(&closed, fs::Permissions::from_mode(0o700)).expect("chmod back");
    assert_eq!(probe, PathProbe::Unknown("permission denied".to_owned()));
}

#[test]
fn root_exists_and_a_made_up_user_does_not() {
    assert_eq!(user_exists("root"), Ok(true));
    assert_eq!(group_exists("root"), Ok(true));
    assert_eq!(uid_exists(0), Ok(true));
    assert_eq!(gid_exists(0), Ok(true));
    assert_eq!(user_exists("haplint-no-such-user-zz"), Ok(false));
    assert_eq!(group_exists("haplint-no-such-user-zz"), Ok(false));
}
