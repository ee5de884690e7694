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

#[test]
fn refused_nbproc_is_removed_safely() {
    let config = "global\n    stats socket /run/haproxy/admin.sock mode 600 level admin\n    nbproc 4\n    nbthread 4\n";
    let options = LintOptions::default();
    let (fixed, applied) =
        fix_until_stable(Path::new("t.cfg"), config, &options, Applicability::Safe);
    assert_eq!(applied, 1);
    assert_eq!(
        fixed,
        "global\n    stats socket /run/haproxy/admin.sock mode 600 level admin\n    nbthread 4\n"
    );
}
