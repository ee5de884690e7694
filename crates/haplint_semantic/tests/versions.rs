//! The same configuration gives different, correct diagnostics per version.

mod support;

use support::{findings, v};

const CONFIG: &str = "\
global
    nbproc 2
    nbthread 4

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend fe
    bind :8080
    option http-use-htx
    http-request return status 200 if { path /health }
    default_backend be

backend be
    reqadd X-Legacy:\\ yes
    server s1 127.0.0.1:8081
";

#[test]
fn haproxy_1_8() {
    assert_eq!(
        findings(CONFIG, v(1, 8)),
        vec![
            (13, "error", "keyword-too-new"),
            (14, "error", "keyword-too-new"),
        ]
    );
}

#[test]
fn haproxy_2_6() {
    assert_eq!(
        findings(CONFIG, v(2, 6)),
        vec![
            (2, "error", "removed-keyword"),
            (13, "error", "removed-keyword"),
            (18, "error", "removed-keyword"),
        ]
    );
}

#[test]
fn haproxy_3_2() {
    assert_eq!(
        findings(CONFIG, v(3, 2)),
        vec![
            (2, "error", "removed-keyword"),
            (13, "error", "removed-keyword"),
            (18, "error", "removed-keyword"),
        ]
    );
}

#[test]
fn deprecation_window_of_nbproc() {
    let config = "global\n    nbproc 2\n";
    assert_eq!(findings(config, v(2, 2)), vec![]);
    assert_eq!(
        findings(config, v(2, 4)),
        vec![(2, "warning", "deprecated-keyword")]
    );
    assert_eq!(
        findings(config, v(2, 5)),
        vec![(2, "error", "removed-keyword")]
    );
}

#[test]
fn version_conditions_select_the_branch_checked() {
    let config = "global\n.if version_atleast(2.5)\n    nbthread 4\n.else\n    nbproc 4\n.endif\n";
    assert_eq!(findings(config, v(2, 6)), vec![]);
    // 2.4 takes the `.else` branch, where `nbproc` is deprecated.
    assert_eq!(
        findings(config, v(2, 4)),
        vec![(5, "warning", "deprecated-keyword")]
    );
    // Before 2.4 there are no conditional blocks at all.
    assert!(
        findings(config, v(2, 2))
            .iter()
            .all(|(_, _, rule)| *rule == "unknown-predicate")
    );
}

#[test]
fn sections_newer_than_the_target() {
    let config = "ring buf\n    size 32768\n";
    assert_eq!(
        findings(config, v(2, 0)),
        // HAProxy 2.0 reads `size` as a keyword out of any section.
        vec![
            (1, "error", "keyword-too-new"),
            (2, "error", "keyword-out-of-section")
        ]
    );
    assert_eq!(findings(config, v(2, 2)), vec![]);
}

#[test]
fn named_defaults_need_2_4() {
    let config = "defaults base\n    mode http\nbackend be from base\n    server s1 127.0.0.1:80\n";
    assert_eq!(
        findings(config, v(2, 2)),
        vec![(3, "error", "keyword-too-new")]
    );
    assert_eq!(findings(config, v(2, 4)), vec![]);
}

/// A section the target version does not know is, for HAProxy, an unknown
/// keyword of the section before it, and so is each of its lines.
#[test]
fn lines_of_a_section_too_new_belong_to_the_section_before() {
    let config = "\
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

log-profile syslog
    on any format \"%ci\"

crt-store web
    load crt site.pem
";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![
            (7, "error", "keyword-too-new"),
            (8, "error", "unknown-keyword"),
            (10, "error", "keyword-too-new"),
            (11, "error", "unknown-keyword"),
        ]
    );
    assert_eq!(findings(config, v(3, 1)), vec![]);
}
