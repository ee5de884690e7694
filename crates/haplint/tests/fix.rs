//! `haplint check --fix / --unsafe-fixes / --diff` on real files.

mod support;

use support::{haplint, path_arg, run_with_stdin, scratch, stderr, stdout};

const UPGRADED: &str = "global
    nbproc 2
    nbthread 4
    stats socket /run/haproxy.sock mode 600 level admin

defaults
    mode http
    tune.bufsize 32768
    timeout client 30s
    timeout server 30s
    timeout connect 5000

frontend fe
    bind :80
    default_backend be

backend be
    server s1 10.0.0.1:80 check
";

#[test]
fn diff_prints_the_fix_and_leaves_the_file_alone() {
    let dir = scratch("fix-diff");
    let file = dir.join("haproxy.cfg");
    std::fs::write(&file, UPGRADED).expect("write");
    let output = haplint(&["check", "--diff", path_arg(&file)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let diff = stdout(&output);
    assert!(diff.contains("\n+    timeout connect 5000ms\n"), "{diff}");
    // Removing `nbproc` and moving `tune.bufsize` are unsafe fixes.
    assert!(
        !diff.contains("+    tune.bufsize") && !diff.contains("-    nbproc"),
        "unsafe fix shown without --unsafe-fixes: {diff}"
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), UPGRADED);
}

#[test]
fn fix_writes_safe_fixes_and_reports_what_is_left() {
    let dir = scratch("fix-safe");
    let file = dir.join("haproxy.cfg");
    std::fs::write(&file, UPGRADED).expect("write");
    let output = haplint(&[
        "check",
        "--fix",
        "--output-format",
        "concise",
        path_arg(&file),
    ]);
    let fixed = std::fs::read_to_string(&file).expect("read");
    assert!(fixed.contains("    timeout connect 5000ms\n"), "{fixed}");
    assert!(fixed.contains("    nbproc 2\n"), "{fixed}");
    // What remains is reported against the file as it now is.
    let remaining = stdout(&output);
    assert!(
        remaining.contains(":8:5: error[keyword-wrong-section]"),
        "{remaining}"
    );
    assert!(remaining.contains("removed-keyword"), "{remaining}");
    assert!(!remaining.contains("timeout-without-unit"), "{remaining}");
    assert!(
        stderr(&output).contains("applied 1 fix"),
        "{}",
        stderr(&output)
    );
    assert_eq!(output.status.code(), Some(1));
    // Nothing temporary is left behind.
    let entries = std::fs::read_dir(&dir).expect("list").count();
    assert_eq!(entries, 1);
}

#[test]
fn unsafe_fixes_move_keywords_and_then_the_file_is_clean() {
    let dir = scratch("fix-unsafe");
    let file = dir.join("haproxy.cfg");
    std::fs::write(&file, UPGRADED).expect("write");
    let output = haplint(&["check", "--fix", "--unsafe-fixes", path_arg(&file)]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    let fixed = std::fs::read_to_string(&file).expect("read");
    assert!(
        fixed.contains("level admin\n    tune.bufsize 32768\n"),
        "{fixed}"
    );
    let again = haplint(&["check", "--diff", "--unsafe-fixes", path_arg(&file)]);
    assert_eq!(again.status.code(), Some(0), "fixing is idempotent");
    assert_eq!(stdout(&again), "");
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("fix-mode");
    let file = dir.join("haproxy.cfg");
    std::fs::write(&file, UPGRADED).expect("write");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    haplint(&["check", "--fix", path_arg(&file)]);
    let mode = std::fs::metadata(&file).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert!(
        std::fs::read_to_string(&file)
            .expect("read")
            .contains("5000ms")
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_tree_are_not_written_through() {
    let dir = scratch("fix-symlink");
    let outside = dir.join("outside.cfg");
    std::fs::write(&outside, UPGRADED).expect("write");
    let tree = dir.join("tree");
    std::fs::create_dir(&tree).expect("mkdir");
    std::fs::write(tree.join("inside.cfg"), UPGRADED).expect("write");
    std::os::unix::fs::symlink(&outside, tree.join("escape.cfg")).expect("symlink");
    std::os::unix::fs::symlink(tree.join("inside.cfg"), tree.join("alias.cfg")).expect("symlink");
    let output = haplint(&["check", "--fix", path_arg(&tree)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("escape.cfg`: it is a symbolic link to"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&outside).expect("read"), UPGRADED);
    // The link inside the tree was followed: the target got fixed, the link stays a link.
    assert!(
        std::fs::read_to_string(tree.join("inside.cfg"))
            .expect("read")
            .contains("5000ms")
    );
    assert!(
        std::fs::symlink_metadata(tree.join("alias.cfg"))
            .expect("lstat")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn stdin_can_be_diffed_but_not_fixed() {
    let diffed = run_with_stdin(
        &["check", "--diff", "--stdin-filename", "haproxy.cfg", "-"],
        UPGRADED.as_bytes(),
    );
    assert!(
        stdout(&diffed).contains("--- haproxy.cfg"),
        "{}",
        stdout(&diffed)
    );
    assert_eq!(diffed.status.code(), Some(1));
    let fixed = run_with_stdin(&["check", "--fix", "-"], UPGRADED.as_bytes());
    assert_eq!(fixed.status.code(), Some(2));
    assert!(
        stderr(&fixed).contains("cannot write to standard input"),
        "{}",
        stderr(&fixed)
    );
}

#[test]
fn non_utf8_files_are_checked_but_never_rewritten() {
    let dir = scratch("fix-latin1");
    let file = dir.join("haproxy.cfg");
    let mut bytes = UPGRADED.as_bytes().to_vec();
    bytes.extend_from_slice(b"# caf\xe9\n");
    std::fs::write(&file, &bytes).expect("write");
    let output = haplint(&["check", "--fix", path_arg(&file)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("not valid UTF-8"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(&file).expect("read"), bytes);
}

/// `--fix --unsafe-fixes` on a file of its own; returns the new text and
/// what a second check reports.
fn fix_file(name: &str, config: &str) -> (String, String) {
    let dir = scratch(name);
    let file = dir.join("haproxy.cfg");
    std::fs::write(&file, config).expect("write");
    haplint(&["check", "--fix", "--unsafe-fixes", path_arg(&file)]);
    let fixed = std::fs::read_to_string(&file).expect("read");
    let again = haplint(&["check", "--output-format", "concise", path_arg(&file)]);
    (fixed, stdout(&again))
}

#[test]
fn a_moved_rule_keeps_out_of_the_if_block_it_did_not_come_from() {
    let (fixed, again) = fix_file(
        "fix-rule-order-if",
        "\
global
    stats socket /run/haproxy.sock mode 600 level admin

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend fe
    bind 127.0.0.1:8080
.if defined(DEBUG)
    http-request set-header X-Debug 1
.endif
    tcp-request content reject if { src 192.0.2.1 }
    default_backend be

backend be
    server s1 127.0.0.1:8081 check
",
    );
    assert_eq!(
        fixed,
        "\
global
    stats socket /run/haproxy.sock mode 600 level admin

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend fe
    bind 127.0.0.1:8080
    tcp-request content reject if { src 192.0.2.1 }
.if defined(DEBUG)
    http-request set-header X-Debug 1
.endif
    default_backend be

backend be
    server s1 127.0.0.1:8081 check
"
    );
    assert!(!again.contains("error"), "{again}");
}

#[test]
fn added_timeouts_go_before_a_trailing_if_block_not_into_it() {
    let (fixed, again) = fix_file(
        "fix-timeout-if",
        "\
global
    stats socket /run/haproxy.sock mode 600 level admin
    log stdout format raw local0

defaults
    mode http
    log global
    timeout connect 5s
.if defined(DEBUG)
    option httplog
.endif

frontend fe
    bind 127.0.0.1:8080
    default_backend be

backend be
    server s1 127.0.0.1:8081 check
",
    );
    assert_eq!(
        fixed,
        "\
global
    stats socket /run/haproxy.sock mode 600 level admin
    log stdout format raw local0

defaults
    mode http
    log global
    timeout connect 5s
    timeout client 30s
    timeout server 30s
.if defined(DEBUG)
    option httplog
.endif

frontend fe
    bind 127.0.0.1:8080
    default_backend be

backend be
    server s1 127.0.0.1:8081 check
"
    );
    assert!(!again.contains("missing-timeout"), "{again}");
}

#[test]
fn a_keyword_moved_to_global_stays_out_of_the_if_block_ending_global() {
    let (fixed, again) = fix_file(
        "fix-global-if",
        "\
global
    stats socket /run/haproxy.sock mode 600 level admin
.if defined(FOO)
    maxconn 100
.endif

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend fe
    bind 127.0.0.1:8080
    tune.bufsize 32768
    default_backend be

backend be
    server s1 127.0.0.1:8081 check
",
    );
    assert_eq!(
        fixed,
        "\
global
    stats socket /run/haproxy.sock mode 600 level admin
    tune.bufsize 32768
.if defined(FOO)
    maxconn 100
.endif

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend fe
    bind 127.0.0.1:8080
    default_backend be

backend be
    server s1 127.0.0.1:8081 check
"
    );
    assert!(!again.contains("error"), "{again}");
}

/// The hostile case at HAProxy 2.6: `global` ends in a `.if` block and
/// `defaults` exists only inside `.if`/`.else` branches. The keyword lands
/// in `global` before the block, where 2.6 accepts it in every branch.
#[test]
fn a_keyword_moved_to_global_at_2_6_leaves_the_if_blocks_alone() {
    let dir = scratch("fix-global-if-2.6");
    let file = dir.join("haproxy.cfg");
    std::fs::write(
        &file,
        "\
global
    stats socket /run/haproxy.sock mode 600 level admin
.if defined(FOO)
    maxconn 100
.endif

.if defined(BAR)
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
.else
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
.endif

frontend fe
    bind 127.0.0.1:8080
    tune.bufsize 32768
    default_backend be

backend be
    server s1 127.0.0.1:8081 check
",
    )
    .expect("write");
    let fixed = haplint(&[
        "check",
        "--target-version",
        "2.6",
        "--fix",
        "--unsafe-fixes",
        path_arg(&file),
    ]);
    assert!(
        stderr(&fixed).contains("applied 1 fix"),
        "{}",
        stderr(&fixed)
    );
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(
        text.starts_with(
            "global\n    stats socket /run/haproxy.sock mode 600 level admin\n    tune.bufsize 32768\n.if defined(FOO)\n    maxconn 100\n.endif\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("frontend fe\n    bind 127.0.0.1:8080\n    default_backend be\n"),
        "{text}"
    );
    let again = haplint(&[
        "check",
        "--target-version",
        "2.6",
        "--output-format",
        "concise",
        path_arg(&file),
    ]);
    assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
}

/// A line under `.if` is not moved to `global` (it would lose its
/// condition), and the finding says so instead of leaving `--fix` silent.
#[test]
fn a_keyword_under_if_is_not_moved_and_the_finding_says_why() {
    let dir = scratch("fix-global-under-if");
    let file = dir.join("haproxy.cfg");
    let config = "\
global
    stats socket /run/haproxy.sock mode 600 level admin

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend fe
    bind 127.0.0.1:8080
.if defined(BIG)
    tune.bufsize 32768
.endif
    default_backend be

backend be
    server s1 127.0.0.1:8081 check
";
    std::fs::write(&file, config).expect("write");
    let output = haplint(&["check", "--fix", "--unsafe-fixes", path_arg(&file)]);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), config);
    assert!(
        stdout(&output)
            .contains("no fix: this line and `global` are under different `.if` conditions"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn timeouts_missing_in_one_branch_are_added_to_that_branch_defaults() {
    let (fixed, again) = fix_file(
        "fix-timeout-branch",
        "\
global
    stats socket /run/haproxy.sock mode 600 level admin

.if !defined(BAR)
defaults
    mode http
.else
defaults
    mode http
    timeout client 30s
    timeout connect 5s
    timeout server 30s
.endif

frontend fe
    bind 127.0.0.1:8080
    default_backend be

backend be
    server s1 127.0.0.1:8081 check
",
    );
    assert!(
        fixed.contains(
            ".if !defined(BAR)\ndefaults\n    mode http\n    timeout client 30s\n    timeout connect 5s\n    timeout server 30s\n.else\n"
        ),
        "{fixed}"
    );
    assert!(!again.contains("missing-timeout"), "{again}");
}

#[test]
fn lines_added_to_a_crlf_file_end_in_crlf() {
    let config = "global\r\n    stats socket /run/haproxy.sock mode 600 level admin\r\n\r\ndefaults\r\n    mode http\r\n    timeout connect 5000\r\n    tune.bufsize 16384\r\n\r\nfrontend fe\r\n    bind 127.0.0.1:8080\r\n    default_backend be\r\n\r\nbackend be\r\n    server s1 127.0.0.1:8081 check\r\n";
    let (fixed, again) = fix_file("fix-crlf", config);
    assert_eq!(
        fixed,
        "global\r\n    stats socket /run/haproxy.sock mode 600 level admin\r\n    tune.bufsize 16384\r\n\r\ndefaults\r\n    mode http\r\n    timeout connect 5000ms\r\n    timeout client 30s\r\n    timeout server 30s\r\n\r\nfrontend fe\r\n    bind 127.0.0.1:8080\r\n    default_backend be\r\n\r\nbackend be\r\n    server s1 127.0.0.1:8081 check\r\n"
    );
    assert!(!again.contains("stray-carriage-return"), "{again}");
    assert!(!again.contains("missing-timeout"), "{again}");
}
