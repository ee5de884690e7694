//! `haplint upgrade --to X.Y`: migration fixes only, written, diffed or checked.

mod support;

use support::{haplint, path_arg, scratch, stderr, stdout};

const LEGACY: &str = "global
    stats socket /run/haproxy.sock mode 600 level admin

defaults
    mode http
    contimeout 5000
    clitimeout 50000
    srvtimeout 50000
    redispatch

frontend fe
    bind :80
    rspdeny ^X-Debug
    reqadd X-Proto:\\ https
    default_backend be

backend be
    server s1 10.0.0.1:80 check
";

const UPGRADED: &str = "global
    stats socket /run/haproxy.sock mode 600 level admin

defaults
    mode http
    timeout connect 5000
    timeout client 50000
    timeout server 50000
    option redispatch

frontend fe
    bind :80
    rspdeny ^X-Debug
    http-request add-header X-Proto \"https\"
    default_backend be

backend be
    server s1 10.0.0.1:80 check
";

#[test]
fn upgrade_rewrites_the_file_and_reports_each_change_and_what_is_left() {
    let dir = scratch("upgrade-write");
    let file = dir.join("haproxy.cfg");
    std::fs::write(&file, LEGACY).expect("write");
    let output = haplint(&["upgrade", "--to", "3.2", path_arg(&file)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // Only migrations: no `ms` unit added, no other rule's fix.
    assert_eq!(std::fs::read_to_string(&file).expect("read"), UPGRADED);
    let table = stdout(&output);
    for row in [
        "clitimeout 50000",
        "safe   Replace `clitimeout` with `timeout client`",
        "Replace `reqadd` with `http-request add-header X-Proto`",
        "needs a person: removed-keyword: `rspdeny` was removed",
    ] {
        assert!(table.contains(row), "{row:?} missing in:\n{table}");
    }
    // A second run finds nothing to change.
    let again = haplint(&["upgrade", "--to", "3.2", "--check", path_arg(&file)]);
    assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
}

#[test]
fn diff_and_check_leave_the_file_alone() {
    let dir = scratch("upgrade-diff");
    let file = dir.join("haproxy.cfg");
    std::fs::write(&file, LEGACY).expect("write");
    let diff = haplint(&["upgrade", "--to", "3.2", "--diff", path_arg(&file)]);
    // A diff to show is a change to make, as with `check --diff`.
    assert_eq!(diff.status.code(), Some(1), "{}", stderr(&diff));
    let text = stdout(&diff);
    assert!(
        text.contains("\n-    redispatch\n") && text.contains("\n+    option redispatch\n"),
        "{text}"
    );
    let check = haplint(&["upgrade", "--to", "3.2", "--check", path_arg(&file)]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), LEGACY);
}

#[test]
fn a_file_the_target_accepts_is_left_unchanged() {
    let dir = scratch("upgrade-clean");
    let file = dir.join("haproxy.cfg");
    std::fs::write(&file, UPGRADED.replace("    rspdeny ^X-Debug\n", "")).expect("write");
    let output = haplint(&["upgrade", "--to", "3.2", "--check", path_arg(&file)]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("nothing to upgrade"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn an_unknown_version_is_a_usage_error() {
    let output = haplint(&["upgrade", "--to", "nine", "x.cfg"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_directory_stands_for_its_cfg_files_as_with_check() {
    let dir = scratch("upgrade-dir");
    std::fs::create_dir_all(dir.join("conf.d")).expect("mkdir");
    let nested = dir.join("conf.d").join("legacy.cfg");
    std::fs::write(&nested, LEGACY).expect("write");
    let other = dir.join("notes.txt");
    std::fs::write(&other, "contimeout 5000\n").expect("write");
    let output = haplint(&["upgrade", "--to", "3.2", path_arg(&dir)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&nested).expect("read"), UPGRADED);
    assert_eq!(
        std::fs::read_to_string(&other).expect("read"),
        "contimeout 5000\n"
    );
}

#[test]
fn from_names_the_old_version_and_must_be_older() {
    let dir = scratch("upgrade-from");
    let file = dir.join("haproxy.cfg");
    std::fs::write(&file, LEGACY).expect("write");
    let output = haplint(&[
        "upgrade",
        "--from",
        "2.0",
        "--to",
        "3.2",
        "--check",
        path_arg(&file),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("(from HAProxy 2.0 to 3.2)"),
        "{}",
        stdout(&output)
    );
    let backwards = haplint(&["upgrade", "--from", "3.4", "--to", "3.2", path_arg(&file)]);
    assert_eq!(backwards.status.code(), Some(2));
    assert!(
        stderr(&backwards).contains("must be older"),
        "{}",
        stderr(&backwards)
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), LEGACY);
}
