//! Behaviours measured on real HAProxy 2.6.12, 2.8.25, 3.0.11, 3.2.26 and
//! 3.4.7 (`xtask oracle`), one test per fact, each across the versions
//! where it changes.

mod support;

use support::{findings, v};

const DEFAULTS: &str =
    "defaults\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n";

/// `DEFAULTS` then `body`; lines of `body` start at 5.
fn config(body: &str) -> String {
    format!("{DEFAULTS}{body}")
}

fn errors_at(text: &str, major: u8, minor: u8) -> Vec<usize> {
    findings(text, v(major, minor))
        .into_iter()
        .filter(|(_, severity, _)| *severity == "error")
        .map(|(line, _, _)| line)
        .collect()
}

#[test]
fn trailing_characters_after_a_port_are_refused_from_3_0() {
    let text = config("backend b\n    server s 10.0.0.1:8080/app\n");
    assert_eq!(errors_at(&text, 2, 8), Vec::<usize>::new());
    assert_eq!(errors_at(&text, 3, 0), vec![6]);
}

#[test]
fn addresses_with_variables_are_haproxys_to_expand() {
    let text = config("backend b\n    server s ${HOST}:${PORT}\n");
    for (major, minor) in [(2, 6), (3, 4)] {
        assert_eq!(errors_at(&text, major, minor), Vec::<usize>::new());
    }
}

#[test]
fn mptcp_addresses_from_3_1() {
    let text = config(
        "frontend f\n    bind mptcp@[::]:5000\n    default_backend b\nbackend b\n    server s 10.0.0.1:80\n",
    );
    assert_eq!(errors_at(&text, 3, 0), vec![6]);
    assert_eq!(errors_at(&text, 3, 2), Vec::<usize>::new());
}

#[test]
fn invalid_proxy_names_only_warned_by_3_4() {
    let text = config("backend my/backend\n    server s 10.0.0.1:80\n");
    assert_eq!(errors_at(&text, 3, 2), vec![5]);
    assert_eq!(errors_at(&text, 3, 4), Vec::<usize>::new());
    assert!(
        findings(&text, v(3, 4))
            .iter()
            .any(|(line, severity, rule)| (*line, *severity, *rule)
                == (5, "warning", "invalid-name"))
    );
}

#[test]
fn quic_servers_per_version() {
    let text = config("backend b\n    server s quic4@10.0.0.1:443 ssl verify none\n");
    assert_eq!(errors_at(&text, 2, 8), vec![6]);
    assert_eq!(errors_at(&text, 3, 0), Vec::<usize>::new());
    assert_eq!(errors_at(&text, 3, 2), vec![6]);
    assert_eq!(errors_at(&text, 3, 4), vec![6]);
    let allowed = format!("global\n    expose-experimental-directives\n{text}");
    assert_eq!(errors_at(&allowed, 3, 4), Vec::<usize>::new());
}

#[test]
fn httpchk_headers_after_the_version_refused_from_2_7() {
    let text = config(
        "backend b\n    option httpchk OPTIONS * HTTP/1.1\\r\\nHost:\\ www\n    server s 10.0.0.1:80 check\n",
    );
    assert_eq!(errors_at(&text, 2, 6), Vec::<usize>::new());
    assert_eq!(errors_at(&text, 2, 8), vec![6]);
}

#[test]
fn thread_settings_after_another_section_refused_from_2_7() {
    let text = format!("{DEFAULTS}global\n    nbthread 2\n");
    assert_eq!(errors_at(&text, 2, 6), Vec::<usize>::new());
    assert_eq!(errors_at(&text, 2, 8), vec![6]);
}

#[test]
fn converter_argument_values() {
    let bytes = config(
        "frontend f\n    bind :80\n    mode http\n    http-request set-var(txn.x) req.hdr(a),bytes(-1)\n    default_backend b\nbackend b\n    mode http\n    server s 10.0.0.1:80\n",
    );
    assert_eq!(errors_at(&bytes, 2, 8), Vec::<usize>::new());
    assert_eq!(errors_at(&bytes, 3, 0), vec![8]);
    let param = config(
        "frontend f\n    bind :80\n    mode http\n    http-request set-var(txn.x) query,param(a,0x26)\n    default_backend b\nbackend b\n    mode http\n    server s 10.0.0.1:80\n",
    );
    assert_eq!(errors_at(&param, 3, 0), vec![8]);
}

#[test]
fn backported_converters() {
    let text = config(
        "frontend f\n    bind :80\n    mode http\n    http-request set-var(txn.x) req.hdr(a),has_ctl\n    default_backend b\nbackend b\n    mode http\n    server s 10.0.0.1:80\n",
    );
    assert_eq!(errors_at(&text, 3, 0), vec![8]);
    assert_eq!(errors_at(&text, 3, 2), Vec::<usize>::new());
}

#[test]
fn http_options_inherited_by_a_tcp_proxy() {
    let text = "defaults\n    mode http\n    option httplog\n    option forwardfor\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\nlisten l\n    bind :6443\n    mode tcp\n    server s 10.0.0.1:6443\n";
    let warnings: Vec<(usize, &str)> = findings(text, v(2, 6))
        .into_iter()
        .filter(|(_, _, rule)| *rule == "mode-mismatch")
        .map(|(line, severity, _)| (line, severity))
        .collect();
    // httplog where it is set, forwardfor about the proxy.
    assert_eq!(warnings, vec![(3, "warning"), (8, "warning")]);
}

#[test]
fn program_sections_want_master_worker() {
    let text = "program p\n    command /bin/true\n";
    assert!(
        findings(text, v(2, 6))
            .iter()
            .any(|(line, severity, _)| (*line, *severity) == (1, "warning"))
    );
    let with_keyword = format!("global\n    master-worker\n{text}");
    assert!(
        !findings(&with_keyword, v(2, 6))
            .iter()
            .any(|(line, _, _)| *line == 3)
    );
}

#[test]
fn program_sections_need_expose_deprecated_directives_in_3_1_and_3_2() {
    let text = "global\n    master-worker\nprogram p\n    command /bin/true\n";
    assert_eq!(errors_at(text, 3, 0), Vec::<usize>::new());
    assert_eq!(errors_at(text, 3, 2), vec![3]);
    let allowed = "global\n    master-worker\n    expose-deprecated-directives\nprogram p\n    command /bin/true\n";
    assert_eq!(errors_at(allowed, 3, 2), Vec::<usize>::new());
}

#[test]
fn addresses_holding_template_placeholders() {
    let text = config(
        "frontend f\n    bind <IPV>:80\n    default_backend b\nbackend b\n    server s 10.0.0.1:80\n",
    );
    assert_eq!(errors_at(&text, 2, 6), vec![6]);
    let ok = config(
        "frontend f\n    bind *:80\n    bind [::1]:81\n    default_backend b\nbackend b\n    server s app-1.example.com:80\n",
    );
    assert_eq!(errors_at(&ok, 2, 6), Vec::<usize>::new());
}

#[test]
fn log_target_ports() {
    let text = "global\n    log 127.0.0.1:S_PORT local0\n    log 127.0.0.1:514 local0\n    log 127.0.0.1 local0\n    log stdout format raw local0\n";
    assert_eq!(errors_at(text, 2, 6), vec![2]);
}

#[test]
fn one_sided_flag_options_on_the_wrong_side_refused_from_3_2() {
    let text = "frontend f\n    bind :80\n    timeout client 1m\n    no option checkcache\n    option allbackups\n    option redispatch\n";
    assert_eq!(errors_at(text, 3, 0), Vec::<usize>::new());
    assert_eq!(errors_at(text, 3, 2), vec![4, 5]);
}

fn warnings_at(text: &str, major: u8, minor: u8) -> Vec<usize> {
    findings(text, v(major, minor))
        .into_iter()
        .filter(|(_, severity, _)| *severity == "warning")
        .map(|(line, _, _)| line)
        .collect()
}

#[test]
fn an_empty_word_ends_the_line_and_is_refused_from_3_3() {
    // `acl` loses `y` silently before 3.2, 3.2 warns, 3.3+ refuse the line
    // and skip it, so the rule using the ACL names an undefined one.
    let text = config(
        "frontend f\n    bind :80\n    acl a path_sub x '' y\n    http-request deny if a\n    default_backend b\nbackend b\n    server s 10.0.0.1:80\n",
    );
    assert_eq!(errors_at(&text, 2, 6), Vec::<usize>::new());
    assert!(warnings_at(&text, 2, 6).contains(&7));
    assert_eq!(errors_at(&text, 3, 2), Vec::<usize>::new());
    assert!(warnings_at(&text, 3, 2).contains(&7));
    assert_eq!(errors_at(&text, 3, 4), vec![7, 8]);
}

#[test]
fn http_actions_count_their_arguments_up_to_an_empty_word() {
    let text = config(
        "frontend f\n    mode http\n    bind :80\n    http-request set-header X-A ''\n    http-request set-header X-B v\n    http-request replace-header X-C re\n    http-request set-path /p\n    http-request set-path\n    default_backend b\nbackend b\n    mode http\n    server s 10.0.0.1:80\n",
    );
    // 3.4 refuses the empty word itself and skips the line instead.
    assert_eq!(errors_at(&text, 2, 6), vec![8, 10, 12]);
    assert_eq!(errors_at(&text, 3, 4), vec![8, 10, 12]);
}

#[test]
fn a_backend_named_twice_is_refused_beside_a_frontend_of_that_name() {
    let text = config(
        "frontend app\n    bind :80\n    default_backend app\nbackend app\n    server s1 10.0.0.1:80\nbackend app\n    server s2 10.0.0.2:80\n",
    );
    assert_eq!(errors_at(&text, 3, 2), vec![10]);
    assert_eq!(warnings_at(&text, 3, 2), vec![8, 10]);
}

#[test]
fn has_ctl_masks_use_33_bits() {
    let line = |mask: &str| {
        config(&format!(
            "frontend f\n    mode http\n    bind :80\n    http-request set-var(txn.c) req.hdr(d),has_ctl({mask})\n    default_backend b\nbackend b\n    mode http\n    server s 10.0.0.1:80\n"
        ))
    };
    for accepted in ["", "any", "http", "0x200", "0x1FFFFFFFF"] {
        assert_eq!(
            errors_at(&line(accepted), 3, 2),
            Vec::<usize>::new(),
            "{accepted}"
        );
    }
    for refused in ["bogus", "0x400000000"] {
        assert_eq!(errors_at(&line(refused), 3, 4), vec![8], "{refused}");
    }
}

#[test]
fn extra_fetch_and_converter_arguments_by_version() {
    let text = config(
        "frontend f\n    mode http\n    bind :80\n    http-request set-header X \"%[url_param(a,,i)]\"\n    default_backend b\nbackend b\n    mode http\n    server s 10.0.0.1:80\n",
    );
    assert_eq!(errors_at(&text, 2, 6), vec![8]);
    assert_eq!(errors_at(&text, 2, 8), Vec::<usize>::new());
}

#[test]
fn filter_sequence_is_not_in_3_4() {
    // Documented during 3.4's development; 3.4.7 says "unknown keyword".
    let text = config(
        "listen l\n    bind :8080\n    filter-sequence request compression\n    server s 10.0.0.1:80\n",
    );
    assert_eq!(errors_at(&text, 3, 4), vec![7]);
}

#[test]
fn httpchk_takes_a_host_after_3_0() {
    // 3.0.11: "'option httpchk' cannot handle unexpected argument"; 3.2.26
    // sends it as the Host header.
    let text = config(
        "backend b\n    option httpchk GET /status HTTP/1.1 www.example.com\n    server s 10.0.0.1:80 check\n",
    );
    assert_eq!(errors_at(&text, 3, 0), vec![6]);
    assert_eq!(errors_at(&text, 3, 2), Vec::<usize>::new());
}

#[test]
fn the_qcm_trace_source_comes_with_3_3() {
    // 3.2.26: "No such trace source 'qcm'"; 3.4.7 takes it.
    let text = "traces\n    trace h2 start now\n    trace qcm start now\n";
    assert_eq!(errors_at(text, 3, 2), vec![3]);
    assert_eq!(errors_at(text, 3, 4), Vec::<usize>::new());
}
