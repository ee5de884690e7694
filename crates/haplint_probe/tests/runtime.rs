//! The runtime API client against real sockets that are not HAProxy:
//! every way a socket can fail to be one must end in a clear error, in
//! time, without HAProxy installed.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::thread;
use std::time::{Duration, Instant};

use haplint_probe::runtime::{RuntimeAddress, RuntimeError, RuntimeState, ServerStatus, query};

const TIMEOUT: Duration = Duration::from_millis(500);

fn tcp(address: &str) -> RuntimeAddress {
    RuntimeAddress::Tcp(address.parse().expect("a socket address"))
}

#[test]
fn loopback_addresses_are_tcp() {
    for (text, expected) in [
        ("127.0.0.1:9999", "127.0.0.1:9999"),
        ("[::1]:9999", "[::1]:9999"),
        ("localhost:9999", "127.0.0.1:9999"),
        ("LOCALHOST:1", "127.0.0.1:1"),
        ("ipv4@127.0.0.2:9999", "127.0.0.2:9999"),
        ("ipv6@[::1]:80", "[::1]:80"),
    ] {
        let address = RuntimeAddress::parse(text).expect("a loopback address");
        assert_eq!(address, tcp(expected), "{text}");
        assert_eq!(address.to_string(), expected);
    }
}

#[test]
fn anything_else_is_a_unix_socket_path() {
    for (text, expected) in [
        ("/run/haproxy/admin.sock", "/run/haproxy/admin.sock"),
        ("admin.sock", "admin.sock"),
        ("unix@/run/haproxy/admin.sock", "/run/haproxy/admin.sock"),
        ("/tmp/odd:name/a.sock", "/tmp/odd:name/a.sock"),
        ("/tmp/a:123", "/tmp/a:123"),
        (" /run/a@b.sock ", "/run/a@b.sock"),
    ] {
        let address = RuntimeAddress::parse(text).expect("a path");
        assert_eq!(address, RuntimeAddress::Unix(PathBuf::from(expected)));
        assert_eq!(address.to_string(), expected);
    }
}

#[test]
fn other_machines_are_refused_with_the_reason() {
    for text in [
        "10.0.0.1:9999",
        "[2001:db8::1]:9999",
        "0.0.0.0:9999",
        "haproxy.example.com:9999",
        "ipv4@192.168.1.1:9999",
    ] {
        let message = RuntimeAddress::parse(text).expect_err(text);
        assert!(message.contains("this machine"), "{text}: {message}");
        assert!(
            message.contains(text.trim_start_matches("ipv4@")),
            "{message}"
        );
    }
}

#[test]
fn malformed_addresses_are_refused() {
    for (text, hint) in [
        ("", "empty"),
        ("   ", "empty"),
        ("127.0.0.1:0", "between 1 and 65535"),
        ("localhost:70000", "between 1 and 65535"),
        ("::1:9999", "brackets"),
        ("abns@haproxy", "not supported"),
        ("ipv4@nowhere", "not an IP address"),
    ] {
        let message = RuntimeAddress::parse(text).expect_err(text);
        assert!(message.contains(hint), "{text:?}: {message}");
    }
}

#[test]
fn a_missing_socket_is_absent() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for path in [
        dir.path().join("admin.sock"),
        dir.path().join("no/such/dir.sock"),
    ] {
        let address = RuntimeAddress::Unix(path.clone());
        let error = query(&address, TIMEOUT).expect_err("no socket");
        assert_eq!(error, RuntimeError::Absent(path.display().to_string()));
        assert!(error.to_string().contains(&path.display().to_string()));
        assert!(error.to_string().contains("stats socket"));
    }
}

#[test]
fn a_socket_file_nobody_listens_on_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("stale.sock");
    // What a stopped HAProxy leaves behind: the file, without a listener.
    drop(UnixListener::bind(&path).expect("bind a UNIX socket"));
    let error = query(&RuntimeAddress::Unix(path.clone()), TIMEOUT).expect_err("stale socket");
    assert_eq!(error, RuntimeError::Refused(path.display().to_string()));
    assert!(error.to_string().contains("not running"), "{error}");
}

#[test]
fn a_regular_file_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("haproxy.cfg");
    std::fs::write(&path, "global\n").expect("write a file");
    let error = query(&RuntimeAddress::Unix(path), TIMEOUT).expect_err("not a socket");
    assert!(
        matches!(error, RuntimeError::Refused(_) | RuntimeError::Protocol(_)),
        "{error:?}"
    );
}

#[test]
fn a_closed_loopback_port_is_refused() {
    let address = closed_port();
    let error = query(&RuntimeAddress::Tcp(address), TIMEOUT).expect_err("nothing listens");
    assert_eq!(error, RuntimeError::Refused(address.to_string()));
}

#[test]
fn a_listener_that_never_answers_times_out_in_time() {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind a TCP port");
    let address = listener.local_addr().expect("its address");
    thread::spawn(move || {
        // Keep every connection open and silent.
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    let started = Instant::now();
    let error = query(&RuntimeAddress::Tcp(address), TIMEOUT).expect_err("no answer");
    assert_eq!(error, RuntimeError::Timeout(address.to_string()));
    assert!(started.elapsed() < TIMEOUT * 2, "{:?}", started.elapsed());
    assert!(error.to_string().contains("did not answer"));
}

#[test]
fn a_unix_listener_that_never_answers_times_out_in_time() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("silent.sock");
    let listener = UnixListener::bind(&path).expect("bind a UNIX socket");
    thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    let started = Instant::now();
    let error = query(&RuntimeAddress::Unix(path), TIMEOUT).expect_err("no answer");
    assert!(matches!(error, RuntimeError::Timeout(_)), "{error:?}");
    assert!(started.elapsed() < TIMEOUT * 2, "{:?}", started.elapsed());
}

#[test]
fn a_unix_listener_with_a_full_queue_times_out_in_time() {
    use nix::sys::socket::{
        AddressFamily, Backlog, SockFlag, SockType, UnixAddr, bind, listen, socket,
    };
    use std::os::fd::AsRawFd;

    // An HAProxy that stopped accepting: once its queue is full, a
    // blocking UNIX connect waits for room, so the timeout must cover it.
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("full.sock");
    let listener = socket(
        AddressFamily::Unix,
        SockType::Stream,
        SockFlag::empty(),
        None,
    )
    .expect("a UNIX socket");
    bind(listener.as_raw_fd(), &UnixAddr::new(&path).expect("a path")).expect("bind");
    listen(&listener, Backlog::new(0).expect("a backlog")).expect("listen");
    // A queue of 0 still takes one connection: this one fills it.
    let _queued = UnixStream::connect(&path).expect("the one queued connection");
    let started = Instant::now();
    let error = query(&RuntimeAddress::Unix(path), TIMEOUT).expect_err("no room");
    assert!(matches!(error, RuntimeError::Timeout(_)), "{error:?}");
    assert!(started.elapsed() < TIMEOUT * 2, "{:?}", started.elapsed());
}

#[test]
fn a_peer_that_is_not_haproxy_is_a_protocol_error() {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind a TCP port");
    let address = listener.local_addr().expect("its address");
    thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut request = [0_u8; 64];
            let _ = stream.read(&mut request);
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n");
        }
    });
    let error = query(&RuntimeAddress::Tcp(address), TIMEOUT).expect_err("not HAProxy");
    let RuntimeError::Protocol(description) = &error else {
        panic!("expected a protocol error, got {error:?}");
    };
    assert!(description.contains(&address.to_string()), "{description}");
    assert!(description.contains("show info"), "{description}");
    assert!(description.contains("400 Bad Request"), "{description}");
}

#[test]
fn a_built_non_loopback_address_is_never_contacted() {
    // Built directly, past `parse`'s check: `query` checks again.
    let error = query(&tcp("192.0.2.1:9999"), TIMEOUT).expect_err("not local");
    assert!(error.to_string().contains("this machine"), "{error}");
}

#[test]
fn server_states_that_count_as_up() {
    let server = |status: &str| ServerStatus {
        backend: "be".to_owned(),
        server: "s".to_owned(),
        status: status.to_owned(),
        since_seconds: None,
        address: None,
    };
    for status in ["UP", "UP 1/3", "no check", "DRAIN", "DRAIN (agent)", "NOLB"] {
        assert!(server(status).is_up(), "{status}");
    }
    for status in [
        "DOWN",
        "DOWN 1/2",
        "MAINT",
        "MAINT (via)",
        "MAINT (resolution)",
        "",
    ] {
        assert!(!server(status).is_up(), "{status}");
    }
}

#[test]
fn version_numbers() {
    let state = |version: Option<&str>| RuntimeState {
        version: version.map(str::to_owned),
        ..RuntimeState::default()
    };
    assert_eq!(
        state(Some("2.6.12-1+deb12u3")).version_number(),
        Some((2, 6))
    );
    assert_eq!(state(Some("3.2-dev5")).version_number(), Some((3, 2)));
    assert_eq!(state(Some("1.8.31")).version_number(), Some((1, 8)));
    assert_eq!(state(Some("unknown")).version_number(), None);
    assert_eq!(state(Some("3")).version_number(), None);
    assert_eq!(state(None).version_number(), None);
}

/// A loopback port nothing listens on: one the kernel just gave out and
/// took back.
fn closed_port() -> SocketAddr {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind a TCP port");
    listener.local_addr().expect("its address")
}
