//! Fixes attached to the model's diagnostics.

use std::path::Path;

use haplint_linter::{Applicability, LintOptions, fix_until_stable, lint};
use haplint_semantic::ConfigSet;

#[test]
fn global_keywords_move_to_global() {
    let config = "\
global
    stats socket /run/haproxy/admin.sock mode 600 level admin

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    tune.bufsize 32768
    tune.maxrewrite 1024
";
    let options = LintOptions::default();
    let (fixed, applied) =
        fix_until_stable(Path::new("t.cfg"), config, &options, Applicability::Unsafe);
    assert_eq!(applied, 2, "{fixed}");
    assert_eq!(
        fixed,
        "\
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
    tune.bufsize 32768
    tune.maxrewrite 1024

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
"
    );
    let set = ConfigSet::single(Path::new("t.cfg"), fixed.as_bytes());
    assert!(lint(&set, &options).is_empty());
}

#[test]
fn misplaced_rules_move_above_the_rules_that_run_after_them() {
    let config = "\
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend www
    bind :80
    use_backend app if { path_beg /api }
    http-request deny if { path_beg /admin }
    default_backend app

backend app
    server app1 10.0.0.1:8080 check
";
    let options = LintOptions::default();
    let (fixed, applied) =
        fix_until_stable(Path::new("t.cfg"), config, &options, Applicability::Unsafe);
    assert_eq!(applied, 1, "{fixed}");
    assert!(
        fixed.contains("    bind :80\n    http-request deny if { path_beg /admin }\n    use_backend app if { path_beg /api }\n"),
        "{fixed}"
    );
    let set = ConfigSet::single(Path::new("t.cfg"), fixed.as_bytes());
    assert!(lint(&set, &options).is_empty());
}

/// Fixes everything `--fix --unsafe-fixes` would, on a file of its own.
fn fix_all(config: &str) -> String {
    fix_until_stable(
        Path::new("t.cfg"),
        config,
        &LintOptions::default(),
        Applicability::Unsafe,
    )
    .0
}

#[test]
fn refused_nbproc_is_removed_as_an_unsafe_fix() {
    // The same removal as `nbproc-with-nbthread`: one process of threads
    // replaces several processes, so it is never applied by plain `--fix`.
    let config = "global\n    stats socket /run/haproxy/admin.sock mode 600 level admin\n    nbproc 4\n    nbthread 4\n";
    let options = LintOptions::default();
    let (_, applied) = fix_until_stable(Path::new("t.cfg"), config, &options, Applicability::Safe);
    assert_eq!(applied, 0);
    assert_eq!(
        fix_all(config),
        "global\n    stats socket /run/haproxy/admin.sock mode 600 level admin\n    nbthread 4\n"
    );
}

#[test]
fn a_moved_rule_goes_above_the_block_of_the_later_rule_not_into_it() {
    let config = "\
frontend fe
    mode http
    timeout client 30s
    bind :80
.if defined(DEBUG)
    http-request set-header X-Debug 1
.endif
    tcp-request content reject if { src 192.0.2.1 }
";
    assert_eq!(
        fix_all(config),
        "\
frontend fe
    mode http
    timeout client 30s
    bind :80
    tcp-request content reject if { src 192.0.2.1 }
.if defined(DEBUG)
    http-request set-header X-Debug 1
.endif
"
    );
}

#[test]
fn a_rule_inside_a_block_is_not_moved_out_of_it() {
    let config = "\
frontend fe
    mode http
    timeout client 30s
    bind :80
    http-request set-header X-Debug 1
.if defined(DEBUG)
    tcp-request content reject if { src 192.0.2.1 }
.endif
";
    assert_eq!(fix_all(config), config);
}

#[test]
fn a_keyword_moved_to_global_goes_before_the_trailing_block_of_global() {
    let config = "\
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
.if defined(FOO)
    maxconn 100
.endif

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    tune.bufsize 32768
";
    assert_eq!(
        fix_all(config),
        "\
global
    stats socket /run/haproxy/admin.sock mode 600 level admin
    tune.bufsize 32768
.if defined(FOO)
    maxconn 100
.endif

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
"
    );
}

#[test]
fn a_keyword_under_if_is_not_moved_to_global() {
    let config = "\
global
    stats socket /run/haproxy/admin.sock mode 600 level admin

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
.if defined(FOO)
    tune.bufsize 32768
.endif
";
    assert_eq!(fix_all(config), config);
}

#[test]
fn moved_lines_keep_the_crlf_line_endings_of_the_file() {
    let config = "global\r\n    stats socket /run/haproxy/admin.sock mode 600 level admin\r\n\r\ndefaults\r\n    mode http\r\n    timeout connect 5s\r\n    timeout client 30s\r\n    timeout server 30s\r\n    tune.bufsize 16384\r\n";
    assert_eq!(
        fix_all(config),
        "global\r\n    stats socket /run/haproxy/admin.sock mode 600 level admin\r\n    tune.bufsize 16384\r\n\r\ndefaults\r\n    mode http\r\n    timeout connect 5s\r\n    timeout client 30s\r\n    timeout server 30s\r\n"
    );
}
