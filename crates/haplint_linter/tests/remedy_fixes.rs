//! The fixes of diagnostics whose message names the remedy: each one
//! removes its finding, brings no new error or warning, and leaves a file
//! that parses without errors.

use std::collections::BTreeSet;
use std::path::Path;

use haplint_linter::{Applicability, Diagnostic, LintOptions, Severity, fix_until_stable, lint};
use haplint_semantic::ConfigSet;

/// A configuration haplint finds nothing to say about, around `body`
/// (lines of the `frontend` and `backend`) and `global` lines.
fn config(global: &str, frontend: &str, backends: &str) -> String {
    format!(
        "global\n{global}\ndefaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n    timeout http-request 10s\n\nfrontend www\n    bind :80\n{frontend}    default_backend app\n\nbackend app\n    server app1 10.0.0.1:8080 check\n    server app2 10.0.0.2:8080 check\n{backends}"
    )
}

const SOCKET: &str = "    stats socket /run/haproxy/admin.sock mode 600 level admin\n";

fn findings(text: &str) -> Vec<Diagnostic> {
    let set = ConfigSet::single(Path::new("t.cfg"), text.as_bytes());
    lint(&set, &LintOptions::default())
}

fn problems(found: &[Diagnostic]) -> BTreeSet<(&'static str, String)> {
    found
        .iter()
        .filter(|diagnostic| matches!(diagnostic.severity, Severity::Error | Severity::Warning))
        .map(|diagnostic| (diagnostic.rule, diagnostic.message.clone()))
        .collect()
}

/// Fixes `before` at `allowed`: the `rule` finding has a fix of that
/// applicability, the result is `after`, `rule` finds nothing on it, no
/// error or warning is new, and the parser finds no error in it.
fn assert_fixed(rule: &str, before: &str, after: &str, allowed: Applicability) {
    let found = findings(before);
    let fixes: Vec<_> = found
        .iter()
        .filter(|diagnostic| diagnostic.rule == rule)
        .map(|diagnostic| diagnostic.fix.as_ref().map(|fix| fix.applicability))
        .collect();
    assert_eq!(fixes, vec![Some(allowed)], "{rule}: {found:#?}");
    let (fixed, applied) =
        fix_until_stable(Path::new("t.cfg"), before, &LintOptions::default(), allowed);
    assert_eq!(fixed, after, "{rule}");
    assert!(applied >= 1, "{rule}");
    let again = findings(&fixed);
    assert!(
        again.iter().all(|diagnostic| diagnostic.rule != rule),
        "{rule}: still found after the fix: {again:#?}"
    );
    let new: Vec<_> = problems(&again)
        .difference(&problems(&found))
        .cloned()
        .collect();
    assert!(new.is_empty(), "{rule}: new problems {new:?}");
    let set = ConfigSet::single(Path::new("t.cfg"), fixed.as_bytes());
    assert!(
        set.documents[0]
            .parse
            .diagnostics()
            .iter()
            .all(|diagnostic| diagnostic.severity != haplint_syntax::Severity::Error),
        "{rule}: the fixed file does not parse"
    );
}

/// The findings of `rule` on `text` and whether each has a fix.
fn has_fix(rule: &str, text: &str) -> Vec<bool> {
    findings(text)
        .iter()
        .filter(|diagnostic| diagnostic.rule == rule)
        .map(|diagnostic| diagnostic.fix.is_some())
        .collect()
}

#[test]
fn the_base_configuration_is_clean() {
    let clean = config(SOCKET, "", "");
    assert_eq!(findings(&clean), vec![], "{clean}");
}

#[test]
fn server_without_check_gets_check() {
    let before = config(SOCKET, "", "    server app3 10.0.0.3:8080 weight 10\n");
    let after = config(
        SOCKET,
        "",
        "    server app3 10.0.0.3:8080 weight 10 check\n",
    );
    assert_fixed(
        "server-without-check",
        &before,
        &after,
        Applicability::Unsafe,
    );
}

#[test]
fn a_server_without_a_port_to_probe_gets_no_check() {
    let text = config(SOCKET, "", "    server app3 10.0.0.3\n");
    assert_eq!(has_fix("server-without-check", &text), vec![false]);
    let with_port = config(SOCKET, "", "    server app3 10.0.0.3 port 8080\n");
    assert_eq!(has_fix("server-without-check", &with_port), vec![true]);
    let unix = config(
        SOCKET,
        "",
        "    server app3 /run/app.sock
",
    );
    assert_eq!(has_fix("server-without-check", &unix), vec![true]);
}

#[test]
fn missing_stats_socket_adds_the_line_its_help_names() {
    let before = config("    maxconn 1000\n", "", "");
    let after = config(&format!("    maxconn 1000\n{SOCKET}"), "", "");
    assert_fixed(
        "missing-stats-socket",
        &before,
        &after,
        Applicability::Unsafe,
    );
}

#[test]
fn the_stats_socket_goes_before_a_trailing_if_block_of_global() {
    let global = "    maxconn 1000\n.if defined(DEBUG)\n    log stdout format raw local0\n.endif\n";
    let before = config(global, "", "");
    let after = config(
        &format!(
            "    maxconn 1000\n{SOCKET}.if defined(DEBUG)\n    log stdout format raw local0\n.endif\n"
        ),
        "",
        "",
    );
    assert_fixed(
        "missing-stats-socket",
        &before,
        &after,
        Applicability::Unsafe,
    );
}

#[test]
fn missing_final_newline_is_added_safely_with_the_files_line_ending() {
    let after = config(SOCKET, "", "");
    let before = after.trim_end_matches('\n');
    assert_fixed("missing-final-newline", before, &after, Applicability::Safe);
    let crlf = after.replace('\n', "\r\n");
    let (fixed, _) = fix_until_stable(
        Path::new("t.cfg"),
        crlf.trim_end_matches("\r\n"),
        &LintOptions::default(),
        Applicability::Safe,
    );
    assert_eq!(fixed, crlf);
}

#[test]
fn a_variable_outside_quotes_is_quoted_and_its_word_stays_one_word() {
    let before = config(
        SOCKET,
        "    http-request set-header X-Env env-${ENV}-1\n",
        "",
    );
    let after = config(
        SOCKET,
        "    http-request set-header X-Env env-\"${ENV}\"-1\n",
        "",
    );
    assert_fixed(
        "variable-outside-quotes",
        &before,
        &after,
        Applicability::Unsafe,
    );
    let set = ConfigSet::single(Path::new("t.cfg"), after.as_bytes());
    let words: Vec<String> = set.documents[0]
        .parse
        .syntax()
        .to_string()
        .lines()
        .filter(|line| line.contains("X-Env"))
        .map(|line| line.split_whitespace().count().to_string())
        .collect();
    assert_eq!(words, vec!["4"]);
}

#[test]
fn a_variable_inside_single_quotes_is_not_quoted() {
    let text = config(SOCKET, "    http-request set-header X-Env 'a ${ENV}'\n", "");
    assert!(
        has_fix("variable-outside-quotes", &text)
            .iter()
            .all(|fix| !fix)
    );
}

#[test]
fn an_unknown_keyword_takes_the_suggestion() {
    let before = config(SOCKET, "    maxconnn 100\n", "");
    let after = config(SOCKET, "    maxconn 100\n", "");
    assert_fixed("unknown-keyword", &before, &after, Applicability::Unsafe);
}

#[test]
fn an_unknown_option_takes_the_suggestion_word_for_word() {
    let before = config(SOCKET, "    option  forwardfr\n", "");
    let after = config(SOCKET, "    option  forwardfor\n", "");
    assert_fixed("unknown-keyword", &before, &after, Applicability::Unsafe);
}

#[test]
fn an_undefined_backend_takes_the_closest_name() {
    let before = config(
        SOCKET,
        "    use_backend be_apii if { path_beg /api }\n",
        "\nbackend be_api\n    server api1 10.0.1.1:8080\n",
    );
    let after = config(
        SOCKET,
        "    use_backend be_api if { path_beg /api }\n",
        "\nbackend be_api\n    server api1 10.0.1.1:8080\n",
    );
    assert_fixed("undefined-backend", &before, &after, Applicability::Unsafe);
}

#[test]
fn an_undefined_acl_takes_the_closest_name_and_stays_negated() {
    let before = config(
        SOCKET,
        "    acl is_api path_beg /api\n    http-request deny if !is_apii\n",
        "",
    );
    let after = config(
        SOCKET,
        "    acl is_api path_beg /api\n    http-request deny if !is_api\n",
        "",
    );
    assert_fixed("undefined-acl", &before, &after, Applicability::Unsafe);
}

#[test]
fn a_quoted_name_is_left_to_the_author() {
    let text = config(
        SOCKET,
        "    use_backend \"be_apii\" if { path_beg /api }\n",
        "\nbackend be_api\n    server api1 10.0.1.1:8080\n",
    );
    assert_eq!(has_fix("undefined-backend", &text), vec![false]);
}

#[test]
fn an_address_on_a_listen_header_moves_to_a_bind_line() {
    let stats = "\nlisten stats 0.0.0.0:8404\n    stats enable\n    stats uri /stats\n    stats auth admin:a-long-secret-password\n";
    let before = config(SOCKET, "", stats);
    let after = config(
        SOCKET,
        "",
        "\nlisten stats\n    bind 0.0.0.0:8404\n    stats enable\n    stats uri /stats\n    stats auth admin:a-long-secret-password\n",
    );
    // The header's finding and each line refused because of it offer the
    // same fix; one application removes them all.
    let found = findings(&before);
    let rules: Vec<&str> = found
        .iter()
        .filter(|diagnostic| diagnostic.fix.is_some())
        .map(|diagnostic| diagnostic.rule)
        .collect();
    assert_eq!(
        rules,
        vec![
            "invalid-name",
            "keyword-out-of-section",
            "keyword-out-of-section",
            "keyword-out-of-section"
        ]
    );
    assert_fixed("invalid-name", &before, &after, Applicability::Unsafe);
    assert!(findings(&after).is_empty(), "{:#?}", findings(&after));
}

#[test]
fn http_server_close_is_removed_with_pretend_keepalive() {
    let before = config(
        SOCKET,
        "    option http-server-close\n    option http-pretend-keepalive\n",
        "",
    );
    let after = config(SOCKET, "", "");
    assert_fixed("http-server-close", &before, &after, Applicability::Unsafe);
}

#[test]
fn verify_none_becomes_verify_required_against_the_system_store() {
    let before = config(
        SOCKET,
        "",
        "\nbackend tls\n    server t1 10.0.1.1:443 ssl verify none\n",
    );
    let after = config(
        SOCKET,
        "",
        "\nbackend tls\n    server t1 10.0.1.1:443 ssl verify required ca-file @system-ca\n",
    );
    // `tls` is routed to by nothing: that finding is there before and after.
    assert_fixed("server-verify-none", &before, &after, Applicability::Unsafe);
    let with_ca = config(
        SOCKET,
        "",
        "\nbackend tls\n    server t1 10.0.1.1:443 ssl verify none ca-file /etc/ca.pem\n",
    );
    let (fixed, _) = fix_until_stable(
        Path::new("t.cfg"),
        &with_ca,
        &LintOptions::default(),
        Applicability::Unsafe,
    );
    assert!(
        fixed.contains("ssl verify required ca-file /etc/ca.pem\n"),
        "{fixed}"
    );
}

#[test]
fn verify_none_has_no_fix_before_haproxy_2_6() {
    let text = config(
        SOCKET,
        "",
        "\nbackend tls\n    server t1 10.0.1.1:443 ssl verify none\n",
    );
    let set = ConfigSet::single(Path::new("t.cfg"), text.as_bytes());
    let options = LintOptions {
        target: haplint_semantic::Version::new(2, 4),
        ..LintOptions::default()
    };
    assert!(
        lint(&set, &options)
            .iter()
            .filter(|diagnostic| diagnostic.rule == "server-verify-none")
            .all(|diagnostic| diagnostic.fix.is_none())
    );
}

/// Display-only fixes are shown, never applied, even with unsafe fixes.
fn assert_display_only(rule: &str, text: &str, options: &LintOptions) {
    let set = ConfigSet::single(Path::new("t.cfg"), text.as_bytes());
    let fixes: Vec<_> = lint(&set, options)
        .into_iter()
        .filter(|diagnostic| diagnostic.rule == rule)
        .map(|diagnostic| diagnostic.fix.map(|fix| fix.applicability))
        .collect();
    assert_eq!(fixes, vec![Some(Applicability::DisplayOnly)], "{rule}");
    let (fixed, _) = fix_until_stable(Path::new("t.cfg"), text, options, Applicability::Unsafe);
    assert_eq!(fixed, text, "{rule}");
}

#[test]
fn stats_auth_is_shown_for_the_author_to_fill_in() {
    let text = config(
        SOCKET,
        "",
        "\nlisten stats\n    bind :8404\n    stats enable\n",
    );
    assert_display_only("stats-without-auth", &text, &LintOptions::default());
}

#[test]
fn a_line_too_new_for_the_target_is_shown_for_removal() {
    let text = config(&format!("{SOCKET}    tune.lua.openlibs all\n"), "", "");
    let options = LintOptions {
        target: haplint_semantic::Version::new(2, 6),
        ..LintOptions::default()
    };
    assert_display_only("keyword-too-new", &text, &options);
}

#[test]
fn a_world_open_stats_socket_keeps_its_owner_and_group() {
    let before = config(
        "    stats socket /run/haproxy/admin.sock mode 666 level admin\n",
        "",
        "",
    );
    let after = config(
        "    stats socket /run/haproxy/admin.sock mode 660 level admin\n",
        "",
        "",
    );
    assert_fixed(
        "exposed-stats-socket",
        &before,
        &after,
        Applicability::Unsafe,
    );
}

#[test]
fn an_unused_acl_is_removed() {
    let before = config(SOCKET, "    acl is_api path_beg /api\n", "");
    let after = config(SOCKET, "", "");
    assert_fixed("unused-acl", &before, &after, Applicability::Unsafe);
}

#[test]
fn weak_cipher_suites_are_taken_out_of_the_list() {
    let before = config(
        &format!(
            "{SOCKET}    ssl-default-bind-ciphers ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA:!aNULL\n"
        ),
        "",
        "",
    );
    let after = config(
        &format!("{SOCKET}    ssl-default-bind-ciphers ECDHE-RSA-AES128-GCM-SHA256:!aNULL\n"),
        "",
        "",
    );
    assert_fixed("weak-ciphers", &before, &after, Applicability::Unsafe);
    let only_weak = config(
        &format!("{SOCKET}    ssl-default-bind-ciphers DES-CBC3-SHA:!aNULL\n"),
        "",
        "",
    );
    assert_eq!(has_fix("weak-ciphers", &only_weak), vec![false]);
}

#[test]
fn a_server_option_too_new_for_the_target_is_shown_for_removal_with_its_value() {
    let text = config(
        SOCKET,
        "",
        "    server app3 10.0.0.3:8080 check curves X25519\n",
    );
    let options = LintOptions {
        target: haplint_semantic::Version::new(2, 6),
        ..LintOptions::default()
    };
    assert_display_only("keyword-too-new", &text, &options);
    let set = ConfigSet::single(Path::new("t.cfg"), text.as_bytes());
    let found = lint(&set, &options);
    let fix = found
        .iter()
        .find(|diagnostic| diagnostic.rule == "keyword-too-new")
        .and_then(|diagnostic| diagnostic.fix.as_ref());
    let edit = fix.map(|fix| &fix.edits[0]);
    assert_eq!(
        edit.map(|edit| &text[edit.span.start..edit.span.end]),
        Some(" curves X25519")
    );
}

#[test]
fn an_acl_named_by_the_acl_fetch_is_used() {
    // Removing it broke a configuration HAProxy 3.2 accepted (found by
    // `xtask fix-coverage --apply` on HAProxy's own regression tests).
    let text = config(
        SOCKET,
        "    acl one always_true\n    acl two acl(one)\n    http-request set-var(txn.two) acl(!two)\n",
        "",
    );
    assert_eq!(has_fix("unused-acl", &text), Vec::<bool>::new());
}

/// A listener with `no-sslv3` alone already serves TLSv1.2 and up since
/// HAProxy 2.2 (it keeps the flags and adds its default minimum, without a
/// warning): the fix writes that minimum, never `TLSv1.0`, so no rule asks
/// afterwards to raise what the fix lowered, and `tls-configuration` has
/// nothing to say before or after.
#[test]
fn no_sslv3_on_a_listener_becomes_the_tls12_minimum_it_already_has() {
    let before = config(SOCKET, "    bind :443 ssl crt /etc/site.pem no-sslv3\n", "");
    let after = config(
        SOCKET,
        "    bind :443 ssl crt /etc/site.pem ssl-min-ver TLSv1.2\n",
        "",
    );
    assert!(
        findings(&before)
            .iter()
            .all(|diagnostic| diagnostic.rule != "tls-configuration"),
        "{:#?}",
        findings(&before)
    );
    assert_fixed("legacy-tls-flags", &before, &after, Applicability::Safe);
    let fixed = findings(&after);
    assert!(
        fixed.iter().all(|diagnostic| !matches!(
            diagnostic.rule,
            "weak-tls-version" | "tls-configuration" | "legacy-tls-flags"
        )),
        "{fixed:#?}"
    );
}

#[test]
fn global_bind_flags_become_one_minimum_and_servers_keep_their_exact_range() {
    let before = config(
        &format!("{SOCKET}    ssl-default-bind-options no-sslv3 no-tlsv10\n"),
        "    bind :443 ssl crt /etc/site.pem\n",
        "",
    );
    let (fixed, _) = fix_until_stable(
        Path::new("t.cfg"),
        &before,
        &LintOptions::default(),
        Applicability::Safe,
    );
    assert!(
        fixed.contains("ssl-default-bind-options ssl-min-ver TLSv1.2\n"),
        "{fixed}"
    );
    // A server has no default minimum: `no-sslv3` means TLSv1.0 and up,
    // and `ssl-min-ver TLSv1.0` would only trade this warning for
    // `weak-tls-version` (found by `xtask fix-coverage --apply`): no fix,
    // a note naming both.
    let server = config(
        SOCKET,
        "",
        "\nbackend tls\n    server t1 10.0.1.1:443 ssl verify required ca-file /etc/ca.pem no-sslv3\n",
    );
    let found = findings(&server);
    let legacy: Vec<_> = found
        .iter()
        .filter(|diagnostic| diagnostic.rule == "legacy-tls-flags")
        .collect();
    assert_eq!(legacy.len(), 1, "{found:#?}");
    assert!(legacy[0].fix.is_none(), "{:?}", legacy[0].fix);
    assert!(
        legacy[0]
            .notes
            .iter()
            .any(|note| note.contains("`ssl-min-ver TLSv1.2`")),
        "{:?}",
        legacy[0].notes
    );
}

/// HAProxy refuses `no option forwardfor` ("negation/default is not
/// supported"): the help of an inherited one never suggests it.
#[test]
fn mode_mismatch_help_never_names_a_negation_haproxy_refuses() {
    let text = "defaults\n    mode http\n    option forwardfor\n    option httplog\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nlisten db\n    mode tcp\n    bind :3306\n    server db1 10.0.0.1:3306 check\n";
    let found = findings(text);
    let helps: Vec<&str> = found
        .iter()
        .filter(|diagnostic| diagnostic.rule == "mode-mismatch")
        .filter_map(|diagnostic| diagnostic.help.as_deref())
        .collect();
    assert_eq!(helps.len(), 2, "{found:#?}");
    assert!(
        helps.iter().all(|help| !help.contains("no option")),
        "{helps:?}"
    );
}

/// A tcp proxy inheriting `option httplog` gets `option tcplog`, the
/// format HAProxy falls back to: safe, and the warning goes.
#[test]
fn an_inherited_httplog_in_a_tcp_proxy_gets_option_tcplog() {
    let before = "defaults\n    mode http\n    option httplog\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nlisten db\n    mode tcp\n    bind :3306\n    server db1 10.0.0.1:3306 check\n";
    let after = "defaults\n    mode http\n    option httplog\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nlisten db\n    mode tcp\n    bind :3306\n    server db1 10.0.0.1:3306 check\n    option tcplog\n";
    let found = findings(before);
    let fix = found
        .iter()
        .find(|diagnostic| diagnostic.rule == "mode-mismatch")
        .and_then(|diagnostic| diagnostic.fix.as_ref())
        .map(|fix| (fix.applicability, fix.title.clone()));
    assert_eq!(
        fix,
        Some((
            Applicability::Safe,
            "Add `option tcplog` to `db` (the format HAProxy already falls back to)".to_owned()
        )),
        "{found:#?}"
    );
    let (fixed, _) = fix_until_stable(
        Path::new("t.cfg"),
        before,
        &LintOptions::default(),
        Applicability::Safe,
    );
    assert_eq!(fixed, after);
    assert!(
        findings(&fixed)
            .iter()
            .all(|diagnostic| diagnostic.rule != "mode-mismatch"),
        "{:#?}",
        findings(&fixed)
    );
}

/// The line HAProxy discards goes; the value it uses stays.
#[test]
fn a_discarded_duplicate_line_is_removed() {
    let before = config(
        SOCKET,
        "    timeout client 10s\n    timeout client 20s\n",
        "",
    );
    let after = config(SOCKET, "    timeout client 20s\n", "");
    assert_fixed("duplicate-directive", &before, &after, Applicability::Safe);
    let before = config(
        SOCKET,
        "    log stdout format raw local0\n    log-format \"%ci %ST\"\n    option httplog\n",
        "",
    );
    let after = config(
        SOCKET,
        "    log stdout format raw local0\n    option httplog\n",
        "",
    );
    assert_fixed("duplicate-directive", &before, &after, Applicability::Safe);
}

/// A later line inside a `.if` branch overrides only when the branch is
/// taken: the earlier one is not reported, so nothing is removed.
#[test]
fn a_duplicate_overriding_in_one_branch_only_keeps_the_first_line() {
    let text = config(
        SOCKET,
        "    option httplog\n.if defined(DEBUG)\n    log-format \"%ci %ST\"\n.endif\n",
        "",
    );
    let fixes: Vec<_> = findings(&text)
        .into_iter()
        .filter(|diagnostic| diagnostic.rule == "duplicate-directive")
        .map(|diagnostic| diagnostic.fix.is_some())
        .collect();
    assert!(fixes.iter().all(|has_fix| !has_fix), "{fixes:?}");
}

/// A TLS server HAProxy verifies without a `ca-file` (it refuses to
/// start) gets the machine's trust store; a trailing comment stays.
#[test]
fn a_verified_server_without_a_ca_file_gets_the_system_store() {
    let before = config(
        SOCKET,
        "",
        "\nbackend tls\n    server t1 10.0.1.1:443 ssl check # api\n",
    );
    let after = config(
        SOCKET,
        "",
        "\nbackend tls\n    server t1 10.0.1.1:443 ssl check ca-file @system-ca # api\n",
    );
    assert_fixed("tls-configuration", &before, &after, Applicability::Unsafe);
    // Before 2.6 there is no `@system-ca`: no fix.
    let set = ConfigSet::single(Path::new("t.cfg"), before.as_bytes());
    let old = LintOptions {
        target: haplint_semantic::Version::new(2, 4),
        ..LintOptions::default()
    };
    assert!(
        lint(&set, &old)
            .iter()
            .filter(|diagnostic| diagnostic.rule == "tls-configuration")
            .all(|diagnostic| diagnostic.fix.is_none())
    );
}

/// HAProxy refuses `no option forwardfor`: a tcp proxy cannot turn off
/// what it inherits, so the line moves from `defaults` into the HTTP
/// proxies that inherit it; the warning goes and they keep the option.
#[test]
fn an_inherited_forwardfor_moves_into_the_http_proxies() {
    let before = "defaults\n    mode http\n    option forwardfor\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nfrontend www\n    bind :80\n    default_backend app\n\nbackend app\n    server a1 10.0.0.1:80 check\n\nlisten db\n    mode tcp\n    bind :3306\n    server db1 10.0.0.2:3306 check\n";
    let after = "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nfrontend www\n    bind :80\n    default_backend app\n    option forwardfor\n\nbackend app\n    server a1 10.0.0.1:80 check\n    option forwardfor\n\nlisten db\n    mode tcp\n    bind :3306\n    server db1 10.0.0.2:3306 check\n";
    let found = findings(before);
    let fix = found
        .iter()
        .find(|diagnostic| diagnostic.rule == "mode-mismatch")
        .and_then(|diagnostic| diagnostic.fix.as_ref());
    assert_eq!(
        fix.map(|fix| fix.applicability),
        Some(Applicability::Safe),
        "{found:#?}"
    );
    let (fixed, _) = fix_until_stable(
        Path::new("t.cfg"),
        before,
        &LintOptions::default(),
        Applicability::Safe,
    );
    assert_eq!(fixed, after);
    let again = findings(&fixed);
    assert!(
        again
            .iter()
            .all(|diagnostic| diagnostic.rule != "mode-mismatch"),
        "{again:#?}"
    );
    // In an `.if` block the line applies only sometimes: no fix.
    let conditional = before.replace(
        "    option forwardfor\n",
        ".if defined(XFF)\n    option forwardfor\n.endif\n",
    );
    assert!(
        findings(&conditional)
            .iter()
            .filter(|diagnostic| diagnostic.rule == "mode-mismatch")
            .all(|diagnostic| diagnostic.fix.is_none())
    );
}
