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
