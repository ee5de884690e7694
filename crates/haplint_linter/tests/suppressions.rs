//! Inline suppressions: same line, line above, whole file, by name or code.

use std::path::Path;

use haplint_linter::{LintOptions, lint};
use haplint_semantic::ConfigSet;

fn rules(config: &str) -> Vec<&'static str> {
    let set = ConfigSet::single(Path::new("t.cfg"), config.as_bytes());
    lint(&set, &LintOptions::default())
        .into_iter()
        .map(|diagnostic| diagnostic.rule)
        .collect()
}

const BACKEND: &str = "defaults\n    timeout connect 5s\n    timeout server 30s\n\nbackend app\n";

#[test]
fn a_trailing_comment_covers_its_line() {
    let config = format!(
        "{BACKEND}    server a 10.0.0.1:80 check\n    server b 10.0.0.2:80 # haplint: ignore[server-without-check] -- agent checks it\n"
    );
    assert_eq!(rules(&config), Vec::<&str>::new());
}

#[test]
fn a_comment_alone_covers_the_next_line_by_code() {
    let config = format!(
        "{BACKEND}    server a 10.0.0.1:80 check\n    # haplint: ignore[HAP204]\n    server b 10.0.0.2:80\n"
    );
    assert_eq!(rules(&config), Vec::<&str>::new());
}

#[test]
fn file_ignore_covers_everything() {
    let config = format!(
        "# haplint: file-ignore[server-without-check]\n{BACKEND}    server a 10.0.0.1:80\n    server b 10.0.0.2:80\n"
    );
    assert_eq!(rules(&config), Vec::<&str>::new());
}

#[test]
fn suppressions_that_match_nothing_are_reported() {
    let config = format!(
        "{BACKEND}    server a 10.0.0.1:80 check # haplint: ignore[server-without-check]\n    # haplint: ignore[no-such-rule]\n    server b 10.0.0.2:80 check\n"
    );
    assert_eq!(
        rules(&config),
        vec!["unused-suppression", "unused-suppression"]
    );
}

#[test]
fn without_suppression_the_finding_is_there() {
    let config = format!("{BACKEND}    server a 10.0.0.1:80 check\n    server b 10.0.0.2:80\n");
    assert_eq!(rules(&config), vec!["server-without-check"]);
}
