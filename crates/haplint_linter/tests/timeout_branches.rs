//! `missing-timeout` with timeouts set in `.if` branches: reported for the
//! branch combinations that lack them, fixed at the top level.

use std::path::Path;

use haplint_linter::{Applicability, LintOptions, fix_until_stable, lint};
use haplint_semantic::{ConfigSet, Version};

fn messages(config: &str, target: Version) -> Vec<String> {
    let set = ConfigSet::single(Path::new("t.cfg"), config.as_bytes());
    let options = LintOptions {
        target,
        enable: vec!["missing-timeout".to_owned()],
        ..LintOptions::default()
    };
    lint(&set, &options)
        .into_iter()
        .filter(|diagnostic| diagnostic.rule == "missing-timeout")
        .map(|diagnostic| diagnostic.message)
        .collect()
}

fn fixed(config: &str) -> String {
    let options = LintOptions {
        enable: vec!["missing-timeout".to_owned()],
        ..LintOptions::default()
    };
    fix_until_stable(Path::new("t.cfg"), config, &options, Applicability::Unsafe).0
}

const ONLY_IN_IF: &str = "\
defaults
    mode http
.if defined(BAR)
    timeout client 30s
    timeout connect 5s
    timeout server 30s
.endif

frontend fe
    bind :80
    default_backend be

backend be
    server s1 10.0.0.1:80
";

#[test]
fn timeouts_set_only_in_an_environment_branch_are_missing_without_it() {
    assert_eq!(
        messages(ONLY_IN_IF, Version::new(2, 6)),
        [
            "frontend `fe` has no `timeout client` when `defined(BAR)` is false",
            "backend `be` has no `timeout connect`, `timeout server` when `defined(BAR)` is false",
        ]
    );
}

#[test]
fn the_fix_adds_them_at_the_top_level_before_the_block() {
    let result = fixed(ONLY_IN_IF);
    assert!(
        result.starts_with(
            "defaults\n    mode http\n    timeout client 30s\n    timeout connect 5s\n    timeout server 30s\n.if defined(BAR)\n"
        ),
        "{result}"
    );
    assert!(messages(&result, Version::new(2, 6)).is_empty(), "{result}");
}

#[test]
fn a_defaults_section_per_branch_is_checked_in_each_branch() {
    let config = "\
.if !defined(BAR)
defaults
    mode http
.else
defaults
    mode http
    timeout client 30s
    timeout connect 5s
    timeout server 30s
.endif

frontend fe
    bind :80
    default_backend be

backend be
    server s1 10.0.0.1:80
";
    assert_eq!(
        messages(config, Version::new(2, 6)),
        [
            "frontend `fe` has no `timeout client` when `!defined(BAR)` is true",
            "backend `be` has no `timeout connect`, `timeout server` when `!defined(BAR)` is true",
        ]
    );
    let result = fixed(config);
    assert!(
        result.starts_with(
            ".if !defined(BAR)\ndefaults\n    mode http\n    timeout client 30s\n    timeout connect 5s\n    timeout server 30s\n.else\n"
        ),
        "{result}"
    );
    assert!(messages(&result, Version::new(2, 6)).is_empty(), "{result}");
}

#[test]
fn a_trailing_block_does_not_receive_the_added_timeouts() {
    let config = "\
defaults
    mode http
    timeout connect 5s
.if defined(DEBUG)
    option httplog
.endif

frontend fe
    bind :80
    default_backend be

backend be
    server s1 10.0.0.1:80
";
    let result = fixed(config);
    assert!(
        result.starts_with(
            "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n.if defined(DEBUG)\n    option httplog\n.endif\n"
        ),
        "{result}"
    );
}

#[test]
fn branches_the_target_version_decides_are_read_as_it_reads_them() {
    let config = "\
defaults
    mode http
.if version_atleast(2.4)
    timeout client 30s
    timeout connect 5s
    timeout server 30s
.endif

frontend fe
    bind :80
    default_backend be

backend be
    server s1 10.0.0.1:80
";
    assert!(messages(config, Version::new(2, 6)).is_empty());
    assert_eq!(messages(config, Version::new(2, 2)).len(), 2);
}

#[test]
fn a_branch_that_overrides_a_top_level_timeout_is_no_duplicate() {
    // What the fix leaves: a value for every environment, another one when
    // BAR is defined. Neither line is always overridden.
    let result = fixed(ONLY_IN_IF);
    let set = ConfigSet::single(Path::new("t.cfg"), result.as_bytes());
    let duplicates: Vec<String> = lint(&set, &LintOptions::default())
        .into_iter()
        .filter(|diagnostic| diagnostic.rule == "duplicate-directive")
        .map(|diagnostic| diagnostic.message)
        .collect();
    assert!(duplicates.is_empty(), "{duplicates:?}");
    // A top-level line after the block still overrides the one in it.
    let config = "\
defaults
    mode http
.if defined(BAR)
    timeout client 10s
.endif
    timeout client 30s
";
    let set = ConfigSet::single(Path::new("t.cfg"), config.as_bytes());
    assert!(
        lint(&set, &LintOptions::default())
            .iter()
            .any(|diagnostic| diagnostic.rule == "duplicate-directive")
    );
}
