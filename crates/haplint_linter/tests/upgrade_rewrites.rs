//! `upgrade_text`: the migration fixes for `reqrep`-style rewrites,
//! `rspdeny`, `option http_proxy`, a frontend and a backend sharing a
//! name, and `option httpchk` headers next to `http-check send`.

use std::path::Path;

use haplint_linter::{LintOptions, is_migration, lint, upgrade_text};
use haplint_semantic::{ConfigSet, Version};

fn upgrade(config: &str, major: u8, minor: u8) -> String {
    let options = LintOptions {
        target: Version::new(major, minor),
        ..LintOptions::default()
    };
    upgrade_text(Path::new("t.cfg"), config, &options).0
}

/// The migration findings left on `config`, with their help.
fn left(config: &str, major: u8, minor: u8) -> Vec<String> {
    let options = LintOptions {
        target: Version::new(major, minor),
        ..LintOptions::default()
    };
    let set = ConfigSet::single(Path::new("t.cfg"), config.as_bytes());
    lint(&set, &options)
        .into_iter()
        .filter(is_migration)
        .map(|diagnostic| {
            format!(
                "{} {}",
                diagnostic.message,
                diagnostic.help.unwrap_or_default()
            )
        })
        .collect()
}

const HTTP: &str = "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\n";

#[test]
fn a_path_rewrite_keeping_the_method_becomes_replace_path() {
    let config = format!(
        "{HTTP}frontend f\n    bind :80\n    reqrep ^([^\\ ]*\\ /)web2[/]?(.*)     \\1\\2\n    reqrep ^([^\\ ]*)\\ /2028/(.*) \\1\\ /\\2\n    default_backend b\n\nbackend b\n    server s 192.0.2.1:80\n"
    );
    let fixed = upgrade(&config, 3, 2);
    assert!(
        fixed.contains("    http-request replace-path ^/web2[/]?(.*) /\\1\n"),
        "{fixed}"
    );
    assert!(
        fixed.contains("    http-request replace-path ^/2028/(.*) /\\1\n"),
        "{fixed}"
    );
    assert!(left(&fixed, 3, 2).is_empty(), "{fixed}");
}

#[test]
fn a_header_value_rewrite_becomes_replace_header_with_its_condition() {
    let config = format!(
        "{HTTP}frontend f\n    bind :80\n    acl host_www hdr_beg(host) -i www.\n    reqirep ^Host:\\ www.(.*)$ Host:\\ \\1 if host_www\n    rspirep ^Allow:\\ .* Allow:\\ GET,\\ HEAD\n    default_backend b\n\nbackend b\n    server s 192.0.2.1:80\n"
    );
    let fixed = upgrade(&config, 3, 2);
    assert!(
        fixed.contains("    http-request replace-header Host ^www.(.*)$ \\1 if host_www\n"),
        "{fixed}"
    );
    assert!(
        fixed.contains("    http-response replace-header Allow ^.* \"GET, HEAD\"\n"),
        "{fixed}"
    );
}

#[test]
fn rewrites_without_a_mechanical_replacement_are_left_with_the_reason() {
    let config = format!(
        "{HTTP}frontend f\n    bind :80\n    reqirep ^(X-Forwarded-For:)(.*) X-Forwarded-For2:\\2\n    reqirep ^Host:\\ www.(.*)$ Host:\\ \\1 if no_such_acl\n    default_backend b\n\nbackend b\n    server s 192.0.2.1:80\n"
    );
    let fixed = upgrade(&config, 3, 2);
    assert_eq!(fixed, config);
    let findings = left(&fixed, 3, 2);
    assert_eq!(findings.len(), 2, "{findings:?}");
    assert!(
        findings
            .iter()
            .all(|finding| finding.contains("no mechanical replacement")),
        "{findings:?}"
    );
}

#[test]
fn rspdeny_and_http_proxy_are_replaced() {
    let config = format!(
        "{HTTP}listen l\n    bind :80\n    option http_proxy\n    rspdeny ^Content-Type:[\\ ]*audio/mp3\n    server s 192.0.2.1:80\n"
    );
    let fixed = upgrade(&config, 2, 6);
    assert!(
        fixed.contains("    http-response deny if { res.fhdr(Content-Type) -m reg ^audio/mp3 }\n"),
        "{fixed}"
    );
    assert!(!fixed.contains("http_proxy"), "{fixed}");
    assert!(left(&fixed, 2, 6).is_empty(), "{fixed}");
}

const SHARED_NAME: &str = "defaults\n    mode tcp\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nfrontend api\n    bind :6443\n    default_backend api\n\nbackend api\n    server s 192.0.2.1:6443\n\nbackend api-v2\n    server s 192.0.2.2:6443\n";

#[test]
fn a_backend_sharing_its_frontends_name_is_renamed_where_the_target_refuses_it() {
    let fixed = upgrade(SHARED_NAME, 3, 4);
    assert!(
        fixed.contains("    default_backend api-backend\n"),
        "{fixed}"
    );
    assert!(fixed.contains("\nbackend api-backend\n"), "{fixed}");
    assert!(fixed.contains("\nfrontend api\n"), "{fixed}");
    // The longer name that starts the same is not a reference.
    assert!(fixed.contains("\nbackend api-v2\n"), "{fixed}");
    assert!(left(&fixed, 3, 4).is_empty(), "{fixed}");
    // 3.2 only warns: an upgrade to it leaves the names alone.
    assert_eq!(upgrade(SHARED_NAME, 3, 2), SHARED_NAME);
}

#[test]
fn a_shared_name_used_where_either_proxy_may_be_meant_is_left_to_a_person() {
    let config = SHARED_NAME.replace(
        "    default_backend api\n",
        "    default_backend api\n    tcp-request content reject if { nbsrv(api) lt 1 }\n",
    );
    assert_eq!(upgrade(&config, 3, 4), config);
}

#[test]
fn httpchk_headers_next_to_http_check_send_are_dropped_not_added() {
    let config = format!(
        "{HTTP}backend b\n    option httpchk GET /status HTTP/1.1\\r\\nHdr:\\ must-be-removed\n    http-check send hdr Host example.com\n    server s 192.0.2.1:80 check\n"
    );
    let fixed = upgrade(&config, 3, 2);
    assert!(
        fixed.contains("    option httpchk GET /status HTTP/1.1\n"),
        "{fixed}"
    );
    assert_eq!(fixed.matches("http-check send").count(), 1, "{fixed}");
    assert!(!fixed.contains("must-be-removed"), "{fixed}");
}

#[test]
fn timeout_forms_stats_socket_process_and_tcp_monitor_net_are_upgraded() {
    let config = "global\n    stats socket /run/a.sock process 1\n\ndefaults\n    mode tcp\n    timeout clitimeout 5000\n    timeout contimeout 5000\n    timeout srvtimeout 5000\n\nlisten t\n    bind :81\n    monitor-net 10.0.0.0/8\n    server s 192.0.2.1:80\n";
    let fixed = upgrade(config, 3, 2);
    for line in [
        "    stats socket /run/a.sock\n",
        "    timeout client 5000\n",
        "    timeout connect 5000\n",
        "    timeout server 5000\n",
        "    tcp-request connection reject if { src 10.0.0.0/8 }\n",
    ] {
        assert!(fixed.contains(line), "{line:?} missing in:\n{fixed}");
    }
    assert!(left(&fixed, 3, 2).is_empty(), "{fixed}");
}

#[test]
fn reqsetbe_on_one_header_or_the_url_becomes_use_backend() {
    let config = format!(
        "{HTTP}frontend f\n    bind :80\n    reqisetbe ^Host:\\ img static\n    reqisetbe ^[^\\ ]*\\ /(img|css)/ static\n    reqsetbe ^GET\\ /admin stats\n    default_backend app\n\nbackend static\n    server s 192.0.2.1:80\n\nbackend stats\n    server s 192.0.2.2:80\n\nbackend app\n    server s 192.0.2.3:80\n"
    );
    let fixed = upgrade(&config, 3, 2);
    for line in [
        "    use_backend static if { req.fhdr(Host) -m reg -i ^img }\n",
        "    use_backend static if { url_reg -i ^/(img|css)/ }\n",
        "    use_backend stats if { method GET } { url_reg ^/admin }\n",
    ] {
        assert!(fixed.contains(line), "{line:?} missing in:\n{fixed}");
    }
    assert!(left(&fixed, 3, 2).is_empty(), "{fixed}");
}

#[test]
fn reqsetbe_on_several_kinds_of_line_is_left_with_the_reason() {
    let config = format!(
        "{HTTP}frontend f\n    bind :80\n    reqsetbe (img|css) static\n    default_backend static\n\nbackend static\n    server s 192.0.2.1:80\n"
    );
    let fixed = upgrade(&config, 3, 2);
    assert!(fixed.contains("    reqsetbe (img|css) static\n"), "{fixed}");
    let left = left(&fixed, 3, 2);
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].contains("removed in HAProxy 1.6"), "{left:?}");
    assert!(left[0].contains("whole header line"), "{left:?}");
}
