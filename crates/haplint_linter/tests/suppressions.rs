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

/// Findings are bounded after suppression: suppressed ones do not count
/// towards a rule's 1,000, and a suppression matching only findings past
/// the 1,000th is still used.
#[test]
fn the_cap_counts_what_suppressions_leave() {
    let limit = haplint_linter::MAX_FINDINGS_PER_RULE;
    let mut config = BACKEND.to_owned();
    for index in 0..10 {
        config.extend([
            "    server q",
            &index.to_string(),
            " 10.0.0.1:80 # haplint: ignore[server-without-check]\n",
        ]);
    }
    for index in 0..limit + 5 {
        config.extend(["    server s", &index.to_string(), " 10.0.0.1:80\n"]);
    }
    config.push_str("    server last 10.0.0.1:80 # haplint: ignore[server-without-check]\n");
    let found = rules(&config);
    let unchecked = found
        .iter()
        .filter(|rule| **rule == "server-without-check")
        .count();
    // The first 1,000 unsuppressed ones and one summary.
    assert_eq!(unchecked, limit + 1);
    assert!(!found.contains(&"unused-suppression"), "{found:?}");
}
