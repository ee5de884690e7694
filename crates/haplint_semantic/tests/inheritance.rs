//! Defaults inheritance: the mode a proxy gets, `from`, and the limits on
//! defaults sections that carry rules.

mod support;

use support::{findings, v};

#[test]
fn mode_comes_from_the_last_defaults_section() {
    let config = "\
defaults
    mode http

defaults
    timeout client 5s

frontend fe
    bind :80
    option httplog
";
    // The second defaults replaces the first: `fe` is in tcp mode.
    assert_eq!(
        findings(config, v(2, 6)),
        vec![(9, "warning", "mode-mismatch")]
    );
}

#[test]
fn mode_comes_through_from_chains() {
    let config = "\
defaults base
    mode http

defaults web from base
    timeout client 5s

defaults plain
    timeout client 5s

frontend fe from web
    bind :80
    option httplog
    default_backend be

backend be from web
    server s1 127.0.0.1:80
";
    assert_eq!(findings(config, v(2, 6)), vec![]);
}

#[test]
fn http_frontend_to_tcp_backend() {
    let config = "\
frontend fe
    mode http
    bind :80
    default_backend be

backend be
    mode tcp
    server s1 127.0.0.1:80
";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![(4, "error", "mode-mismatch")]
    );
}

#[test]
fn unknown_from_and_ambiguous_defaults() {
    let config = "\
defaults base
    mode http

backend a from base
    server s1 127.0.0.1:80

backend b
    server s1 127.0.0.1:80

backend c from nosuch
    server s1 127.0.0.1:80
";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![
            (7, "warning", "ambiguous-defaults"),
            (10, "error", "undefined-defaults")
        ]
    );
}

#[test]
fn defaults_with_rules_serve_one_side_only() {
    let config = "\
defaults rules
    mode http
    http-request set-header X-A 1

frontend fe from rules
    bind :80
    default_backend be

backend be from rules
    server s1 127.0.0.1:80
";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![(9, "error", "defaults-with-rules")]
    );
    // Before 2.5 defaults could not carry rules at all, and nothing is inherited.
    assert!(
        findings(config, v(2, 4))
            .iter()
            .all(|(_, _, rule)| *rule != "defaults-with-rules")
    );
}

#[test]
fn rules_in_anonymous_defaults() {
    let config = "defaults\n    mode http\n    http-request deny\n";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![(3, "error", "named-defaults-only")]
    );
}

#[test]
fn acls_from_the_defaults_chain_are_visible() {
    let config = "\
defaults base
    mode http
    acl is_api path_beg /api

frontend fe from base
    bind :80
    http-request deny if is_api
    http-request deny if is_nothing
";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![(8, "error", "undefined-acl")]
    );
}

#[test]
fn effective_settings_remember_where_they_were_set() {
    use std::path::Path;

    use haplint_semantic::effective::Inheritance;
    use haplint_semantic::{ConfigSet, Options, analyze};

    let config = "\
defaults base
    mode http
    timeout client 30s
    option httplog
    option forwardfor

defaults web from base
    timeout client 10s

frontend fe from web
    bind :80
    no option forwardfor
    maxconn 500
";
    let set = ConfigSet::single(Path::new("t.cfg"), config.as_bytes());
    let analysis = analyze(
        &set,
        &Options {
            target: v(2, 6),
            ..Options::default()
        },
    );
    let model = &analysis.model;
    let inheritance = Inheritance::compute(model);
    let frontend = model
        .sections
        .iter()
        .position(|section| section.name_text() == Some("fe"))
        .expect("fe");
    let settings = inheritance.settings(model, frontend);
    let line_of = |name: &str| {
        let setting = &settings[name];
        (
            setting.value.join(" "),
            config[..usize::from(setting.range.start())]
                .matches('\n')
                .count()
                + 1,
        )
    };
    assert_eq!(line_of("mode"), ("http".to_owned(), 2));
    assert_eq!(line_of("timeout client"), ("10s".to_owned(), 8));
    assert_eq!(line_of("option httplog"), (String::new(), 4));
    assert_eq!(line_of("maxconn"), ("500".to_owned(), 13));
    assert!(!settings.contains_key("option forwardfor"));
}

/// Connection and session rules only run on frontends, `tcp-response
/// content` only on backends: the other side may not inherit them.
#[test]
fn defaults_with_one_sided_rules() {
    let config = "\
defaults front
    mode tcp
    tcp-request connection accept

defaults back
    mode tcp
    tcp-response content accept

frontend fe from back
    bind :80
    default_backend be

backend be from front
    server s1 127.0.0.1:80
";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![
            (9, "error", "defaults-with-rules"),
            (13, "error", "defaults-with-rules")
        ]
    );
}

/// The rules of a defaults section are resolved against the section itself.
#[test]
fn defaults_rules_name_their_table_and_backend() {
    let config = "\
defaults d1
    mode http
    http-request track-sc0 src table be
    http-request set-header x-a \"%[srv_conn(be/www)]\"
    http-request set-header x-b \"%[srv_is_up(www)]\"
    http-request track-sc1 src

backend be from d1
    stick-table type ip size 100k expire 30s store http_req_rate(10s)
    server www 127.0.0.1:80
";
    assert_eq!(
        findings(config, v(2, 6)),
        vec![
            (1, "error", "undefined-reference"),
            (5, "error", "missing-argument")
        ]
    );
}

/// The setter of one key is the statement the full settings name, for
/// every proxy: overrides, `no` forms, `from` chains and a cycle.
#[test]
fn one_setting_is_the_one_of_all_settings() {
    use std::path::Path;

    use haplint_semantic::effective::Inheritance;
    use haplint_semantic::{ConfigSet, Options, analyze};

    let config = "\
defaults base
    mode http
    balance roundrobin
    option httpchk GET /health
    default_backend app

defaults web from base
    no option httpchk
    option tcp-check
    balance leastconn
    balance first

defaults loop1 from loop2
    balance source

defaults loop2 from loop1
    option redis-check

backend a from web
    server s1 10.0.0.1:80 check

backend b from base
    option httpchk
    no option httpchk

backend c from loop1
    option smtpchk

frontend fe from web
    bind :80
    default_backend other

listen plain
    bind :81
";
    let set = ConfigSet::single(Path::new("t.cfg"), config.as_bytes());
    let analysis = analyze(
        &set,
        &Options {
            target: v(2, 6),
            ..Options::default()
        },
    );
    let model = &analysis.model;
    let keys = [
        "balance",
        "default_backend",
        "mode",
        "option httpchk",
        "option tcp-check",
        "option redis-check",
        "option smtpchk",
    ];
    for index in 0..model.sections.len() {
        // Before the settings are built (a walk of the chain) and after
        // (read from them): both must agree with the settings.
        let fresh = Inheritance::compute(model);
        let found: Vec<_> = keys
            .iter()
            .map(|key| fresh.setter(model, index, key).map(|s| s.range))
            .collect();
        let settings = fresh.settings(model, index);
        let expected: Vec<_> = keys
            .iter()
            .map(|key| settings.get(*key).map(|setting| setting.range))
            .collect();
        assert_eq!(found, expected, "section {index}");
        let cached: Vec<_> = keys
            .iter()
            .map(|key| fresh.setter(model, index, key).map(|s| s.range))
            .collect();
        assert_eq!(cached, expected, "section {index}, cached");
    }
}
