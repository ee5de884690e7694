//! Typed arguments: durations, enums, balance algorithms, TLS versions,
//! bind and server options, sample fetches and converters.

mod support;

use support::{findings, v};

fn in_backend(lines: &str) -> String {
    format!("backend be\n{lines}    server s1 127.0.0.1:80\n")
}

#[test]
fn durations() {
    assert_eq!(
        findings(&in_backend("    timeout server 30s\n"), v(2, 6)),
        vec![]
    );
    assert_eq!(
        findings(&in_backend("    timeout server 30x\n"), v(2, 6)),
        vec![(2, "error", "invalid-value")]
    );
    assert_eq!(
        findings(&in_backend("    timeout server 30sec\n"), v(2, 6)),
        vec![(2, "warning", "invalid-value")]
    );
    assert_eq!(
        findings(&in_backend("    timeout server 25d\n"), v(2, 6)),
        vec![(2, "error", "invalid-value")]
    );
    assert_eq!(
        findings(&in_backend("    timeout server\n"), v(2, 6)),
        vec![(2, "error", "missing-argument")]
    );
    assert_eq!(
        findings(&in_backend("    timeout server \"${T}\"\n"), v(2, 6)),
        vec![]
    );
}

#[test]
fn modes_balance_and_enums() {
    assert_eq!(
        findings(&in_backend("    mode https\n"), v(2, 6)),
        vec![(2, "error", "invalid-value")]
    );
    assert_eq!(
        findings(&in_backend("    mode log\n"), v(2, 6)),
        vec![(2, "error", "invalid-value")]
    );
    assert_eq!(
        findings(&in_backend("    balance roundrobin\n"), v(2, 6)),
        vec![]
    );
    assert_eq!(
        findings(
            &in_backend("    balance hdr(host)\n    mode http\n"),
            v(2, 6)
        ),
        vec![]
    );
    assert_eq!(
        findings(&in_backend("    balance nosuchalgo\n"), v(2, 6)),
        vec![(2, "error", "invalid-value")]
    );
    assert_eq!(
        findings(&in_backend("    http-reuse sometimes\n"), v(2, 6)),
        vec![(2, "error", "invalid-value")]
    );
}

#[test]
fn bind_and_server_options() {
    let config = "\
frontend fe
    bind :443 ssl crt /x.pem ssl-min-ver TLSv1.2 alpn h2,http/1.1
    bind :444 ssl crt /x.pem ssl-min-ver TLS1.2
    bind :445 nosuchoption
    default_backend be

backend be
    server s1 127.0.0.1:80 check inter 2s verfy none
    server s2 127.0.0.1:80 curves X25519
";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![
            (3, "error", "invalid-value"),
            (4, "error", "unknown-keyword"),
            (8, "error", "unknown-keyword"),
            (9, "error", "keyword-too-new"),
        ]
    );
}

#[test]
fn fetches_converters_and_acls() {
    let config = "\
frontend fe
    mode http
    bind :80
    acl a nosuchfetch -m found
    acl b path_beg /x
    acl c req.hdr(host),lower -m str example.com
    http-request set-header X-A %[req.hdr(host),nosuchconv]
    http-request deny if b || !c { src 10.0.0.0/8 } !{ ssl_fc }
    http-request deny if missing
    http-request set-var(txn.x) str(1)
    default_backend be

backend be
    mode http
    server s1 127.0.0.1:80
";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![
            (4, "error", "unknown-fetch"),
            (7, "error", "unknown-fetch"),
            (9, "error", "undefined-acl")
        ]
    );
}

#[test]
fn keyword_prefixes() {
    let config = "defaults\n    no option httpclose\n    default option httplog\n    no maxconn\n";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![
            (3, "error", "invalid-prefix"),
            (4, "error", "invalid-prefix")
        ]
    );
}

#[test]
fn unknown_keywords_and_placement() {
    let config = "\
global
    maxcon 100
defaults
    tune.bufsize 16384
frontend fe
    bind :80
    server s1 127.0.0.1:80
    balance roundrobin
    default_backend be
backend be
    mode http
    http-request frobnicate
    server s1 127.0.0.1:80
";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![
            (2, "error", "unknown-keyword"),
            (4, "error", "keyword-wrong-section"),
            (7, "error", "keyword-wrong-section"),
            (8, "warning", "keyword-ignored-here"),
            (12, "error", "unknown-action"),
        ]
    );
}

#[test]
fn extra_keywords_of_custom_builds_are_accepted() {
    use std::path::Path;

    use haplint_semantic::{ConfigSet, Options, analyze};

    let config = "global\n    my-module-setting on\n    option my-option\n    frobnicate\n";
    let set = ConfigSet::single(Path::new("t.cfg"), config.as_bytes());
    let options = Options {
        target: v(2, 6),
        extra_keywords: vec![
            "my-module-setting".to_owned(),
            "option my-option".to_owned(),
        ],
        environment: None,
    };
    let rules: Vec<&str> = analyze(&set, &options)
        .diagnostics
        .iter()
        .map(|d| d.rule.name())
        .collect();
    assert_eq!(rules, vec!["unknown-keyword"]);
}

#[test]
fn log_format_strings() {
    let config = "\
frontend fe
    mode http
    bind :80
    http-request set-header X-A \"50%\"
    http-request set-header X-B \"%zz\"
    http-request set-header X-C \"%ci:%cp %{+Q}r %[src] 100%%\"
    log-format \"%ci %{+Q}nosuch\"
    http-request return status 200 lf-string \"%[src] %bogus\" hdr X-D \"%ci\"
    default_backend be

backend be
    mode http
    server s1 127.0.0.1:80
";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![
            (4, "error", "invalid-value"),
            (5, "error", "invalid-value"),
            (7, "error", "invalid-value"),
            (8, "error", "invalid-value"),
        ]
    );
}

#[test]
fn converter_input_types() {
    let config = "\
frontend fe
    mode http
    bind :80
    http-request set-var(txn.a) ssl_fc,ipmask(24)
    http-request set-var(txn.b) req.body,add(1)
    http-request set-var(txn.c) src,lower,ipmask(24)
    http-request set-var(txn.d) req.hdr(host),lower,nosuchconv
    http-request track-sc0 nosuchfetch
    default_backend be

backend be
    mode http
    stick on src
    server s1 127.0.0.1:80
";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![
            (4, "error", "invalid-value"),
            (5, "error", "invalid-value"),
            (7, "error", "unknown-fetch"),
            (8, "error", "unknown-fetch"),
        ]
    );
}

#[test]
fn tls_settings() {
    let config = "\
global
    ssl-default-bind-options no-sslv3 no-tlsv10 force-tlsv12

frontend fe
    mode http
    bind :443 ssl crt /x.pem
    bind :444 ssl crt /x.pem ssl-max-ver TLSv1.0
    bind :445 ssl
    default_backend be

backend be
    mode http
    server s1 127.0.0.1:8443 ssl
    server s2 127.0.0.1:8444 ssl verify none no-tlsv12
    server s3 127.0.0.1:8445 ssl ca-file /ca.pem
    server s4 127.0.0.1 check
    server s5 127.0.0.1:80 weight 300
";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![
            (6, "warning", "tls-configuration"),
            (7, "error", "tls-configuration"),
            (8, "error", "tls-configuration"),
            (8, "warning", "tls-configuration"),
            (13, "error", "tls-configuration"),
            (14, "warning", "tls-configuration"),
            (16, "error", "missing-argument"),
            (17, "error", "invalid-value"),
        ]
    );
}

#[test]
fn log_lines() {
    let config = "\
global
    log /dev/log local0
    log 127.0.0.1:514 len 4096 format rfc5424 local1 notice info
    log stdout format raw daemon
    log /dev/log local9
    log /dev/log local0 verbose
    log /dev/log
";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![
            (5, "error", "invalid-value"),
            (6, "error", "invalid-value"),
            (7, "error", "missing-argument")
        ]
    );
}

/// `profile` (3.1) and `backend@` targets (3.0) are refused before.
#[test]
fn log_options_and_targets_by_version() {
    let config = "\
global
    log 127.0.0.1:514 profile syslog local0
    log backend@logs local0
    log ring@buf local0
";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![(2, "error", "invalid-value"), (3, "error", "invalid-value")]
    );
    assert_eq!(findings(config, v(3, 1)), vec![]);
}

#[test]
fn compression_words_by_version() {
    let config = in_backend(
        "    compression algo gzip\n    compression algo-res gzip\n    compression minsize-res 1k\n    compression nosuch\n",
    );
    assert_eq!(
        findings(&config, v(2, 6)),
        vec![
            (3, "error", "invalid-value"),
            (4, "error", "invalid-value"),
            (5, "error", "invalid-value")
        ]
    );
    assert_eq!(
        findings(&config, v(2, 8)),
        vec![(4, "error", "invalid-value"), (5, "error", "invalid-value")]
    );
}

#[test]
fn httpchk_arguments() {
    let config = in_backend(
        "    option httpchk GET / HTTP/1.1\\r\\nHost:\\ www\n    option httpchk GET / HTTP/1.1 www.example.com\n    option httpchk GET /health\n",
    );
    assert_eq!(
        findings(&config, v(2, 6)),
        vec![
            (2, "warning", "deprecated-keyword"),
            (3, "error", "invalid-value")
        ]
    );
}

#[test]
fn health_check_connect_comes_first() {
    let config = in_backend(
        "    option httpchk\n    http-check send-state\n    http-check comment hello\n    http-check send meth GET uri /\n    http-check connect port 8080\n    tcp-check set-var(check.x) int(1)\n    tcp-check connect\n    tcp-check send ping\n    tcp-check connect port 81\n",
    );
    assert_eq!(
        findings(&config, v(2, 6)),
        vec![(6, "error", "invalid-value")]
    );
}

#[test]
fn http_reply_content_type_needs_a_payload() {
    let config = "\
frontend fe
    mode http
    bind :8080
    http-request return content-type text/plain if { path /a }
    http-request return content-type text/plain string \"\" if { path /b }
    http-request deny content-type text/plain lf-string \"x\" if { path /c }
    http-request return status 200 content-type text/plain string \"ok\"
";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![
            (4, "warning", "invalid-value"),
            // `""` ends the line: `string` is left without its argument.
            (5, "error", "missing-argument"),
            (5, "warning", "invalid-value"),
            // The condition was after the empty word.
            (6, "warning", "unreachable-rule"),
            (7, "warning", "unreachable-rule")
        ]
    );
}

#[test]
fn documented_choices_and_sizes() {
    let config = "\
global
    tune.ssl.keylog maybe
    profiling.tasks auto
backend be
    stick-table type ip size 10x
    load-server-state-from-file global
    server s1 127.0.0.1:80
backend be2
    stick-table type ip size 1m
    server s1 127.0.0.1:80
";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![(2, "error", "invalid-value"), (5, "error", "invalid-value")]
    );
}

#[test]
fn missing_mandatory_arguments() {
    let config =
        "global\n    maxconn\n    daemon\ndefaults\n    retries\n    balance\n    option httpchk\n";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![
            (2, "error", "missing-argument"),
            (5, "error", "missing-argument")
        ]
    );
}

#[test]
fn cipher_lists_that_select_nothing() {
    // HAProxy: "unable to set SSL cipher list to 'aNull'" on TLS lines; a
    // list on a line without `ssl` is never handed to OpenSSL.
    let config = "\
global
    ssl-default-bind-ciphers HIGH:!aNULL
frontend fe
    bind :8443 ssl crt /etc/haproxy/site.pem ciphers aNull
    bind :8444 ssl crt /etc/haproxy/site.pem ciphers ECDHE+AESGCM:NOSUCH
    bind :8080 ciphers NOSUCH
    default_backend b
backend b
    server s1 127.0.0.1:443 ssl verify none ciphers \"BAR\"
";
    assert_eq!(
        findings(config, v(3, 2)),
        vec![
            (4, "error", "invalid-value"),
            (6, "warning", "invalid-value"),
            (9, "error", "invalid-value")
        ]
    );
}
