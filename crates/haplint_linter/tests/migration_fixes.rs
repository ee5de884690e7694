//! Fixes that rewrite removed keywords into their replacement, keeping the
//! user's values, and that do not fight the other fixes of the same run.

use std::path::Path;

use haplint_linter::{Applicability, LintOptions, fix_until_stable, lint};
use haplint_semantic::{ConfigSet, Version};

fn options(target: Version) -> LintOptions {
    LintOptions {
        target,
        ..LintOptions::default()
    }
}

/// The titles and safety of the `removed-keyword` fixes found on `config`.
fn fixes(config: &str, target: Version) -> Vec<(String, Applicability)> {
    let set = ConfigSet::single(Path::new("t.cfg"), config.as_bytes());
    lint(&set, &options(target))
        .into_iter()
        .filter(|diagnostic| diagnostic.rule == "removed-keyword")
        .filter_map(|diagnostic| diagnostic.fix)
        .map(|fix| (fix.title, fix.applicability))
        .collect()
}

const LEGACY: &str = "\
global
    stats socket /run/haproxy/admin.sock mode 600 level admin

defaults
    mode http
    contimeout 5000
    clitimeout 50000
    srvtimeout 50000
    redispatch

frontend www
    bind :80
    block if { src 192.0.2.1 }
    reqidel ^X-Foo:
    reqadd X-Proto:\\ https\\ 100%
    default_backend app

backend app
    server a 192.0.2.10:80
";

#[test]
fn legacy_directives_become_their_replacements_with_the_same_values() {
    let (fixed, _) = fix_until_stable(
        Path::new("t.cfg"),
        LEGACY,
        &options(Version::new(3, 2)),
        Applicability::Unsafe,
    );
    for line in [
        "    timeout connect 5000",
        "    timeout client 50000",
        "    timeout server 50000",
        "    option redispatch\n",
        "    http-request deny if { src 192.0.2.1 }\n",
        "    http-request del-header X-Foo\n",
        "    http-request add-header X-Proto \"https 100%%\"\n",
    ] {
        assert!(fixed.contains(line), "{line:?} missing in:\n{fixed}");
    }
    // The missing-timeout rule knows the old lines are being converted.
    assert!(!fixed.contains("30s"), "{fixed}");
    assert!(!fixed.contains("timeout client 5s"), "{fixed}");
    let set = ConfigSet::single(Path::new("t.cfg"), fixed.as_bytes());
    let left: Vec<_> = lint(&set, &options(Version::new(3, 2)))
        .into_iter()
        .filter(|diagnostic| diagnostic.rule == "removed-keyword")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn the_fixes_say_what_they_change_and_are_safe_only_when_nothing_else_changes() {
    let found = fixes(LEGACY, Version::new(3, 2));
    let title = |text: &str| {
        found
            .iter()
            .find(|(title, _)| title.contains(text))
            .map(|(_, applicability)| *applicability)
    };
    assert_eq!(
        title("`clitimeout` with `timeout client`"),
        Some(Applicability::Safe)
    );
    assert_eq!(title("`option redispatch`"), Some(Applicability::Safe));
    // `block` comes before every `http-request` rule: same order.
    assert_eq!(title("`block`"), Some(Applicability::Safe));
    assert_eq!(title("`reqidel`"), Some(Applicability::Safe));
    // No `http-request` rule runs before `reqadd` did.
    assert_eq!(title("`reqadd`"), Some(Applicability::Safe));
    // `reqadd` ran after the `http-request` rules: in place it runs before.
    let ordered = LEGACY.replace(
        "    reqidel",
        "    http-request set-var(txn.a) str(b)\n    reqidel",
    );
    assert!(
        fixes(&ordered, Version::new(3, 2)).contains(&(
            "Replace `reqadd` with `http-request add-header X-Proto`".to_owned(),
            Applicability::Unsafe
        )),
        "{:?}",
        fixes(&ordered, Version::new(3, 2))
    );
}

#[test]
fn block_after_http_request_rules_is_unsafe() {
    let config = "\
frontend www
    bind :80
    timeout client 5s
    http-request set-header X-A b
    block if { src 192.0.2.1 }
";
    assert_eq!(
        fixes(config, Version::new(2, 6)),
        vec![(
            "Replace `block` with `http-request deny`".to_owned(),
            Applicability::Unsafe
        )]
    );
}

#[test]
fn header_regexes_that_are_not_names_get_a_regex_match_from_2_6() {
    let config = "\
frontend www
    bind :80
    timeout client 5s
    rspdel ^X-(Foo|Bar):.*
";
    let fix = |target| {
        let (fixed, _) = fix_until_stable(
            Path::new("t.cfg"),
            config,
            &options(target),
            Applicability::Unsafe,
        );
        fixed
    };
    assert!(
        fix(Version::new(2, 6)).contains("    http-response del-header ^X-(Foo|Bar)$ -m reg\n")
    );
    // Before 2.6 `del-header` takes a name only: no fix.
    assert!(fix(Version::new(2, 4)).contains("    rspdel ^X-(Foo|Bar):.*\n"));
}

#[test]
fn crlf_files_and_indentation_are_kept() {
    let config = "defaults\r\n\tmode http\r\n\tcontimeout 5000\r\n\ttimeout client 1s\r\n\ttimeout server 1s\r\n";
    let (fixed, _) = fix_until_stable(
        Path::new("t.cfg"),
        config,
        &options(Version::new(3, 2)),
        Applicability::Safe,
    );
    assert_eq!(
        fixed,
        "defaults\r\n\tmode http\r\n\ttimeout connect 5000ms\r\n\ttimeout client 1s\r\n\ttimeout server 1s\r\n"
    );
}

#[test]
fn options_follow_haproxys_advice() {
    let config = "\
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    option forceclose
    option http-tunnel
";
    let found = fixes(config, Version::new(3, 2));
    assert_eq!(
        found,
        vec![
            (
                "Replace `option forceclose` with `option httpclose`".to_owned(),
                Applicability::Unsafe
            ),
            (
                "Remove `option http-tunnel`".to_owned(),
                Applicability::Unsafe
            ),
        ]
    );
}

#[test]
fn an_old_line_next_to_its_replacement_is_removed_not_duplicated() {
    let config = "\
defaults
    mode http
    timeout connect 5s
    clitimeout 50000
    timeout client 30s
    timeout server 30s
    redispatch
    option redispatch
";
    let (fixed, _) = fix_until_stable(
        Path::new("t.cfg"),
        config,
        &options(Version::new(3, 2)),
        Applicability::Safe,
    );
    assert_eq!(
        fixed,
        "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n    option redispatch\n"
    );
}

#[test]
fn processes_go_and_httpchk_headers_move_to_http_check_send() {
    let config = "\
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend www
    bind :80 process 1
    bind-process 1
    default_backend app

backend app
    option httpchk GET /health HTTP/1.1\\r\\nHost:\\ www.example.com
    server a 192.0.2.10:80 check
";
    let (fixed, _) = fix_until_stable(
        Path::new("t.cfg"),
        config,
        &options(Version::new(3, 2)),
        Applicability::Unsafe,
    );
    assert!(
        fixed.contains("    bind :80\n    default_backend app\n"),
        "{fixed}"
    );
    assert!(
        fixed.contains(
            "    option httpchk GET /health HTTP/1.1\n    http-check send hdr Host \"www.example.com\"\n"
        ),
        "{fixed}"
    );
}

#[test]
fn monitor_net_becomes_a_return_rule_in_http_proxies_and_a_reject_in_tcp_ones() {
    let config = "\
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend www
    bind :80
    monitor-net 10.0.0.0/8

frontend raw
    mode tcp
    bind :81
    monitor-net 10.0.0.0/8
";
    assert_eq!(
        fixes(config, Version::new(3, 2)),
        vec![
            (
                "Replace `monitor-net` with `http-request return status 200 if { src ... }`"
                    .to_owned(),
                Applicability::Unsafe
            ),
            (
                "Replace `monitor-net` with `tcp-request connection reject if { src ... }` (counted as denied connections)"
                    .to_owned(),
                Applicability::Unsafe
            )
        ]
    );
}

/// A proxy with only the old client and server timeouts, as HAProxy 1.5's
/// examples write them: the added connect timeout stays no longer than the
/// server one, so the fixes bring no `timeout-order` warning.
#[test]
fn an_added_connect_timeout_stays_below_a_short_server_timeout() {
    let config = "\
global
    stats socket /run/haproxy/admin.sock mode 600 level admin

listen health
    bind :3130
    mode http
    clitimeout 1500
    srvtimeout 1500
    server a 192.0.2.10:80 check
";
    let target = options(Version::new(3, 2));
    let (fixed, _) = fix_until_stable(Path::new("t.cfg"), config, &target, Applicability::Unsafe);
    assert!(fixed.contains("    timeout connect 1500ms\n"), "{fixed}");
    let set = ConfigSet::single(Path::new("t.cfg"), fixed.as_bytes());
    let rules: Vec<_> = lint(&set, &target)
        .into_iter()
        .map(|diagnostic| diagnostic.rule)
        .collect();
    assert!(!rules.contains(&"timeout-order"), "{rules:?}\n{fixed}");
    assert!(!rules.contains(&"missing-timeout"), "{rules:?}\n{fixed}");
}
