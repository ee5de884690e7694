//! References between named things and their definitions.

mod support;

use support::{findings, v};

#[test]
fn undefined_references_are_reported() {
    let config = "\
backend be
    mode http
    stick-table type ip size 1k peers nopeers
    http-request cache-use nocache
    http-request track-sc0 src table notable
    http-request auth if !{ http_auth(nousers) }
    use-server s9 if TRUE
    server s1 127.0.0.1:80 resolvers nodns
";
    let rules: Vec<(usize, &str)> = findings(config, v(2, 6))
        .into_iter()
        .filter(|(_, _, rule)| *rule == "undefined-reference")
        .map(|(line, severity, _)| (line, severity))
        .collect();
    assert_eq!(
        rules,
        vec![
            (3, "error"),
            (4, "error"),
            (5, "error"),
            (6, "error"),
            (7, "error"),
            (8, "error")
        ]
    );
}

#[test]
fn defined_references_are_quiet() {
    let config = "\
peers mypeers
    peer local 127.0.0.1:10000
    table shared type ip size 1k

resolvers dns
    nameserver ns1 127.0.0.1:53

cache c1
    total-max-size 4

userlist users
    user admin insecure-password x

backend be
    mode http
    stick-table type ip size 1k peers mypeers
    http-request cache-use c1
    http-request track-sc0 src table be
    http-request track-sc1 src table mypeers/shared
    http-request auth unless { http_auth(users) }
    use-server s1 if TRUE
    server s1 127.0.0.1:80 resolvers dns
";
    assert_eq!(findings(config, v(2, 6)), vec![]);
}

#[test]
fn backends_and_dynamic_names() {
    let config = "\
frontend fe
    mode http
    bind :80
    use_backend %[req.hdr(host),lower] if { req.hdr(host) -m found }
    use_backend be_api if { path_beg /api }
    default_backend be_web

backend be_web
    mode http
    server s1 127.0.0.1:80
";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![(5, "error", "undefined-backend")]
    );
}

#[test]
fn fetch_arguments_name_backends_and_tables() {
    let config = "\
frontend fe
    mode http
    bind :80
    http-request deny if { be_conn(nosuch) gt 10 }
    http-request deny if { srv_is_up(be/s1) -m bool }
    http-request deny if { table_cnt(notable) gt 1 }
    default_backend be

backend be
    mode http
    server s1 127.0.0.1:80
";
    let rules: Vec<(usize, &str)> = findings(config, v(2, 6))
        .into_iter()
        .filter(|(_, _, rule)| *rule == "undefined-reference")
        .map(|(line, severity, _)| (line, severity))
        .collect();
    assert_eq!(rules, vec![(4, "error"), (6, "error")]);
}
