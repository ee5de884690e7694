//! `haplint check --live` against real things: a socket this test holds,
//! certificates made here with rcgen, files with chosen modes. Nothing is
//! mocked; what the machine decides (sysctls, CPU count, being root) is
//! read here the same way and the expectations follow it.

mod support;

use std::fmt::Write as _;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use rcgen::{CertificateParams, DnType, KeyPair};
use support::{haplint, haplint_in, path_arg, scratch, stderr, stdout};
use time::{Duration, OffsetDateTime};

/// `haplint check --live --output-format concise ARGS... CONFIG`.
fn live(config: &Path, extra: &[&str]) -> String {
    let mut args = vec!["check", "--live", "--output-format", "concise"];
    args.extend_from_slice(extra);
    args.push(path_arg(config));
    let output = haplint(&args);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        stderr(&output)
    );
    stdout(&output)
}

/// The findings of one rule, one line each.
fn of(report: &str, rule: &str) -> Vec<String> {
    report
        .lines()
        .filter(|line| line.contains(&format!("[{rule}]")))
        .map(str::to_owned)
        .collect()
}

fn write(path: &Path, text: &str, mode: u32) {
    fs::write(path, text).expect("write");
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

fn is_root() -> bool {
    fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status
            .lines()
            .find_map(|line| line.strip_prefix("Uid:"))
            .and_then(|ids| ids.split_whitespace().nth(1))
            == Some("0")
    })
}

/// A certificate valid from `from` to `until` days from now, with its key
/// (or another key pair's, for a mismatch) in one PEM file.
fn certificate(path: &Path, from: i64, until: i64, matching_key: bool, mode: u32) {
    let now = OffsetDateTime::now_utc();
    let mut params =
        CertificateParams::new(vec!["www.example.test".to_owned()]).expect("parameters");
    params
        .distinguished_name
        .push(DnType::CommonName, "www.example.test");
    params.not_before = now + Duration::days(from);
    params.not_after = now + Duration::days(until);
    let key = KeyPair::generate().expect("key");
    let certificate = params.self_signed(&key).expect("certificate");
    let key_pem = if matching_key {
        key.serialize_pem()
    } else {
        KeyPair::generate().expect("other key").serialize_pem()
    };
    write(path, &format!("{}{key_pem}", certificate.pem()), mode);
}

const HEAD: &str = "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\n";

#[test]
fn a_port_held_by_this_process_names_it_and_its_pid() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    let dir = scratch("live-port");
    let config = dir.join("haproxy.cfg");
    write(
        &config,
        &format!(
            "{HEAD}frontend web\n    bind 127.0.0.1:{port}\n    default_backend app\n\nbackend app\n    server a 127.0.0.1:9 check\n"
        ),
        0o600,
    );
    let report = live(&config, &[]);
    let found = of(&report, "bind-address-in-use");
    let name = fs::read_to_string("/proc/self/comm").expect("comm");
    let expected = format!(
        "127.0.0.1:{port} is already in use by {} (pid {})",
        name.trim(),
        std::process::id()
    );
    assert_eq!(found.len(), 1, "{report}");
    assert!(found[0].contains(&expected), "{found:?} lacks {expected}");
    assert!(found[0].contains(":8:10: error"), "{found:?}");
    drop(listener);
    // Free again: nothing to report.
    assert!(of(&live(&config, &[]), "bind-address-in-use").is_empty());
}

#[test]
fn without_live_the_machine_is_not_read() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    let dir = scratch("live-off");
    let config = dir.join("haproxy.cfg");
    write(
        &config,
        &format!(
            "{HEAD}frontend web\n    bind 127.0.0.1:{port}\n    errorfile 503 {}/none.http\n    default_backend app\n\nbackend app\n    server a 127.0.0.1:9 check\n",
            dir.display()
        ),
        0o666,
    );
    let output = haplint(&["check", "--output-format", "concise", path_arg(&config)]);
    assert!(!stdout(&output).contains("HAP7"), "{}", stdout(&output));
    assert!(!stdout(&output).contains("bind-address-in-use"));
}

#[test]
fn certificates_valid_expired_expiring_mismatched_and_missing() {
    let dir = scratch("live-certs");
    certificate(&dir.join("valid.pem"), -1, 90, true, 0o600);
    certificate(&dir.join("expired.pem"), -60, -5, true, 0o600);
    certificate(&dir.join("soon.pem"), -80, 10, true, 0o600);
    certificate(&dir.join("future.pem"), 3, 90, true, 0o600);
    certificate(&dir.join("mismatch.pem"), -1, 90, false, 0o600);
    certificate(&dir.join("exposed.pem"), -1, 90, true, 0o644);
    write(&dir.join("not-pem.pem"), "hello\n", 0o600);
    let config = dir.join("haproxy.cfg");
    let mut text = HEAD.to_owned();
    text.push_str("frontend https\n");
    for (index, name) in [
        "valid", "expired", "soon", "future", "mismatch", "exposed", "not-pem", "missing",
    ]
    .iter()
    .enumerate()
    {
        let _ = writeln!(
            text,
            "    bind 127.0.0.1:{} ssl crt {}/{name}.pem",
            40_000 + index,
            dir.display()
        );
    }
    text.push_str("    default_backend app\n\nbackend app\n    server a 127.0.0.1:9 check\n");
    write(&config, &text, 0o600);
    let report = live(&config, &[]);
    // Lines 8.. are the binds, in the order above.
    let expired = of(&report, "certificate-expired");
    assert_eq!(expired.len(), 2, "{report}");
    assert!(
        expired[0].contains(":9:") && expired[0].contains("expired on"),
        "{expired:?}"
    );
    assert!(
        expired[1].contains(":11:") && expired[1].contains("not valid before"),
        "{expired:?}"
    );
    let expiring = of(&report, "certificate-expiring");
    assert_eq!(expiring.len(), 1, "{report}");
    assert!(
        expiring[0].contains(":10:") && expiring[0].contains("in 9 days")
            || expiring[0].contains("in 10 days"),
        "{expiring:?}"
    );
    assert!(expiring[0].contains("warning"), "{expiring:?}");
    let unusable = of(&report, "certificate-unusable");
    assert_eq!(unusable.len(), 3, "{report}");
    assert!(
        unusable[0].contains(":12:") && unusable[0].contains("does not belong"),
        "{unusable:?}"
    );
    assert!(
        unusable[1].contains(":14:") && unusable[1].contains("not-pem.pem"),
        "{unusable:?}"
    );
    assert!(
        unusable[2].contains(":15:") && unusable[2].contains("does not exist"),
        "{unusable:?}"
    );
    let exposed = of(&report, "private-key-exposed");
    assert_eq!(exposed.len(), 1, "{report}");
    assert!(
        exposed[0].contains(":13:") && exposed[0].contains("mode 0644"),
        "{exposed:?}"
    );
    // A shorter window leaves the 10-day certificate alone.
    let report = live(&config, &["--certificate-expiry-days", "5"]);
    assert!(of(&report, "certificate-expiring").is_empty(), "{report}");
}

#[test]
fn crt_list_entries_are_checked_one_by_one() {
    let dir = scratch("live-crt-list");
    certificate(&dir.join("good.pem"), -1, 90, true, 0o600);
    certificate(&dir.join("old.pem"), -90, -1, true, 0o600);
    write(
        &dir.join("list.txt"),
        &format!(
            "# sites\n{0}/good.pem [alpn h2] www.example.test\n{0}/old.pem\n{0}/gone.pem\n",
            dir.display()
        ),
        0o600,
    );
    let config = dir.join("haproxy.cfg");
    write(
        &config,
        &format!(
            "{HEAD}frontend https\n    bind 127.0.0.1:40100 ssl crt-list {}/list.txt\n    default_backend app\n\nbackend app\n    server a 127.0.0.1:9 check\n",
            dir.display()
        ),
        0o600,
    );
    let report = live(&config, &[]);
    let expired = of(&report, "certificate-expired");
    assert_eq!(expired.len(), 1, "{report}");
    assert!(expired[0].contains("line 3 of crt-list"), "{expired:?}");
    let unusable = of(&report, "certificate-unusable");
    assert_eq!(unusable.len(), 1, "{report}");
    assert!(
        unusable[0].contains("line 4 of crt-list") && unusable[0].contains("gone.pem"),
        "{unusable:?}"
    );
}

#[test]
fn root_and_path_map_read_certificates_kept_elsewhere() {
    let dir = scratch("live-path-map");
    fs::create_dir_all(dir.join("deploy/certs")).expect("dirs");
    certificate(&dir.join("deploy/certs/site.pem"), -1, 90, true, 0o600);
    let text = format!(
        "{HEAD}frontend https\n    bind 127.0.0.1:40200 ssl crt /etc/haproxy/certs/site.pem\n    bind 127.0.0.1:40201 ssl crt /etc/haproxy/certs/other.pem\n    default_backend app\n\nbackend app\n    server a 127.0.0.1:9 check\n"
    );
    let config = dir.join("haproxy.cfg");
    write(&config, &text, 0o600);
    fs::write(
        dir.join("haplint.toml"),
        "[path-map]\n\"/etc/haproxy/certs\" = \"deploy/certs\"\n",
    )
    .expect("settings");
    let output = haplint_in(
        &dir,
        &[
            "check",
            "--live",
            "--output-format",
            "concise",
            "haproxy.cfg",
        ],
    );
    let report = stdout(&output);
    let unusable = of(&report, "certificate-unusable");
    assert_eq!(unusable.len(), 1, "{report}");
    let mapped = dir.join("deploy/certs/other.pem");
    assert!(
        unusable[0].contains(&format!("`{}` does not exist", mapped.display())),
        "{unusable:?}"
    );
    // --root: absolute paths under a directory.
    fs::remove_file(dir.join("haplint.toml")).expect("remove settings");
    fs::create_dir_all(dir.join("root/etc/haproxy/certs")).expect("dirs");
    fs::copy(
        dir.join("deploy/certs/site.pem"),
        dir.join("root/etc/haproxy/certs/site.pem"),
    )
    .expect("copy");
    let root = dir.join("root");
    let report = live(&config, &["--root", path_arg(&root)]);
    let unusable = of(&report, "certificate-unusable");
    assert_eq!(unusable.len(), 1, "{report}");
    assert!(
        unusable[0].contains("root/etc/haproxy/certs/other.pem"),
        "{unusable:?}"
    );
}

#[test]
fn referenced_files_modes_and_secrets() {
    let dir = scratch("live-files");
    write(&dir.join("503.http"), "HTTP/1.0 503\r\n\r\n", 0o666);
    write(&dir.join("ok.lst"), "10.0.0.0/8\n", 0o644);
    let config = dir.join("haproxy.cfg");
    let text = format!(
        "global\n    chroot {0}/no-such-dir\n    stats socket {0}/run/admin.sock mode 600 level admin\n\n{HEAD}\
         frontend web\n    bind 127.0.0.1:40300\n    acl ok src -f {0}/ok.lst\n    acl gone src -f {0}/gone.lst\n\
         \x20   errorfile 503 {0}/503.http\n    errorfile 504 {0}/504.http\n    default_backend app\n\n\
         backend app\n    stats enable\n    stats auth admin:secret\n    server a 127.0.0.1:9 check\n",
        dir.display()
    );
    write(&config, &text, 0o644);
    let report = live(&config, &[]);
    let missing = of(&report, "referenced-file-missing");
    assert_eq!(missing.len(), 4, "{report}");
    assert!(
        missing[0].contains(":2:") && missing[0].contains("no-such-dir"),
        "{missing:?}"
    );
    assert!(
        missing[1].contains(":3:") && missing[1].contains("`stats socket`"),
        "{missing:?}"
    );
    assert!(missing[2].contains("gone.lst"), "{missing:?}");
    assert!(missing[3].contains("504.http"), "{missing:?}");
    let writable = of(&report, "world-writable-file");
    assert_eq!(writable.len(), 1, "{report}");
    assert!(
        writable[0].contains("503.http") && writable[0].contains("0666"),
        "{writable:?}"
    );
    let secrets = of(&report, "config-readable-with-secrets");
    assert_eq!(secrets.len(), 1, "{report}");
    assert!(
        secrets[0].contains(":21:") && secrets[0].contains("mode 0644"),
        "{secrets:?}"
    );
    // Owner-only: the password is safe, the file no longer world-anything.
    fs::set_permissions(&config, fs::Permissions::from_mode(0o600)).expect("chmod");
    assert!(of(&live(&config, &[]), "config-readable-with-secrets").is_empty());
    fs::set_permissions(&config, fs::Permissions::from_mode(0o666)).expect("chmod");
    let writable = of(&live(&config, &[]), "world-writable-file");
    assert!(
        writable
            .iter()
            .any(|line| line.contains("this configuration file")),
        "{writable:?}"
    );
}

#[test]
fn limits_threads_accounts_and_local_addresses() {
    let dir = scratch("live-limits");
    let somaxconn: u64 = fs::read_to_string("/proc/sys/net/core/somaxconn")
        .expect("somaxconn")
        .trim()
        .parse()
        .expect("number");
    let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let config = dir.join("haproxy.cfg");
    let text = format!(
        "global\n    maxconn 50000\n    ulimit-n 1024\n    nbthread {}\n    user haplint-no-such-user\n    group root\n\n{HEAD}\
         frontend web\n    bind 127.0.0.1:40400 backlog {}\n    bind 192.0.2.77:40401\n    default_backend app\n\n\
         backend app\n    server a 127.0.0.1:9 check\n",
        cpus + 1,
        somaxconn + 1
    );
    write(&config, &text, 0o600);
    let report = live(&config, &[]);
    let limit = of(&report, "file-descriptor-limit");
    assert_eq!(limit.len(), 1, "{report}");
    assert!(
        limit[0].contains("`ulimit-n 1024`") && limit[0].contains("100023"),
        "{limit:?}"
    );
    let threads = of(&report, "nbthread-above-cpus");
    assert_eq!(threads.len(), 1, "{report}");
    assert!(
        threads[0].contains(&format!("the {cpus} CPUs")),
        "{threads:?}"
    );
    let accounts = of(&report, "unknown-user-or-group");
    assert_eq!(accounts.len(), 1, "{report}");
    assert!(accounts[0].contains("haplint-no-such-user"), "{accounts:?}");
    let backlog = of(&report, "listen-backlog-above-somaxconn");
    assert_eq!(backlog.len(), 1, "{report}");
    assert!(
        backlog[0].contains(&format!("caps it at {somaxconn}")),
        "{backlog:?}"
    );
    // 192.0.2.0/24 is for documentation: no machine has it, and binding it
    // fails unless the kernel allows foreign addresses.
    let nonlocal = fs::read_to_string("/proc/sys/net/ipv4/ip_nonlocal_bind").unwrap_or_default();
    let not_local = of(&report, "bind-address-not-local");
    if nonlocal.trim() == "0" {
        assert_eq!(not_local.len(), 1, "{report}");
        assert!(not_local[0].contains("192.0.2.77"), "{not_local:?}");
    } else {
        assert!(not_local.is_empty(), "{report}");
    }
}

#[test]
fn unreadable_files_are_information_never_errors() {
    let dir = scratch("live-unreadable");
    fs::create_dir_all(dir.join("locked")).expect("dir");
    certificate(&dir.join("locked/site.pem"), -1, 90, true, 0o600);
    write(&dir.join("locked/bad.lst"), "10.0.0.0/8\n", 0o600);
    fs::set_permissions(dir.join("locked"), fs::Permissions::from_mode(0o000)).expect("chmod");
    let config = dir.join("haproxy.cfg");
    write(
        &config,
        &format!(
            "{HEAD}frontend https\n    bind 127.0.0.1:40500 ssl crt {0}/locked/site.pem\n    acl bad src -f {0}/locked/bad.lst\n    default_backend app\n\nbackend app\n    server a 127.0.0.1:9 check\n",
            dir.display()
        ),
        0o600,
    );
    let report = live(&config, &[]);
    fs::set_permissions(dir.join("locked"), fs::Permissions::from_mode(0o700)).expect("chmod back");
    let incomplete = of(&report, "live-check-incomplete");
    if is_root() {
        // Root reads through any mode: everything is checked.
        assert!(incomplete.is_empty(), "{report}");
        assert!(!report.contains("error["), "{report}");
    } else {
        assert_eq!(incomplete.len(), 2, "{report}");
        assert!(
            incomplete
                .iter()
                .all(|line| line.contains(": info[") && line.contains("permission denied")),
            "{incomplete:?}"
        );
        assert!(!report.contains("error["), "{report}");
    }
}

#[test]
fn an_absent_runtime_socket_is_one_clear_error() {
    let dir = scratch("live-runtime-absent");
    let config = dir.join("haproxy.cfg");
    write(
        &config,
        &format!("{HEAD}backend app\n    server a 127.0.0.1:9 check\n"),
        0o600,
    );
    let socket = dir.join("absent.sock");
    let output = haplint(&[
        "check",
        "--runtime",
        path_arg(&socket),
        "--output-format",
        "concise",
        path_arg(&config),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let found = of(&stdout(&output), "runtime-unreachable");
    assert_eq!(found.len(), 1, "{}", stdout(&output));
    assert!(
        found[0].contains(&socket.display().to_string()),
        "{found:?}"
    );
    // A remote address is refused before anything is sent.
    let output = haplint(&["check", "--runtime", "192.0.2.1:9999", path_arg(&config)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--runtime"), "{}", stderr(&output));
}

#[test]
fn the_runbooks_emergency_config_names_who_holds_its_port() {
    // The showcase file binds `*:80`; this test holds a free port on every
    // address instead (port 80 needs privileges), and checks the same file
    // with that port.
    let listener = std::net::TcpListener::bind("0.0.0.0:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    let showcase =
        fs::read_to_string(support::workspace_root().join("test-corpus/showcase/emergency.cfg"))
            .expect("showcase");
    assert!(showcase.contains("bind *:80\n"));
    let dir = scratch("live-emergency");
    let config = dir.join("emergency.cfg");
    write(
        &config,
        &showcase.replace("bind *:80\n", &format!("bind *:{port}\n")),
        0o600,
    );
    let report = live(&config, &[]);
    let found = of(&report, "bind-address-in-use");
    let name = fs::read_to_string("/proc/self/comm").expect("comm");
    assert_eq!(found.len(), 1, "{report}");
    assert!(
        found[0].contains(&format!(
            "0.0.0.0:{port} is already in use by {} (pid {})",
            name.trim(),
            std::process::id()
        )),
        "{found:?}"
    );
}
