//! Helpers shared by the documentation tests.

#![allow(dead_code)]

use haplint_linter::LintOptions;
use haplint_semantic::Version;

/// The headings every rule doc has, in this order.
pub const HEADINGS: [&str; 6] = [
    "## What it does",
    "## Why is this bad",
    "## Example",
    "## Use instead",
    "## Fix safety",
    "## References",
];

/// Panics unless `doc` has every heading, in order.
pub fn assert_headings(name: &str, doc: &str) {
    let mut position = 0;
    for heading in HEADINGS {
        let found = doc[position..].find(heading);
        assert!(found.is_some(), "{name}: missing or misplaced `{heading}`");
        position += found.unwrap_or_default();
    }
}

/// The `haproxy` code block under `heading`.
pub fn example(doc: &str, heading: &str) -> String {
    let section = doc
        .split(heading)
        .nth(1)
        .unwrap_or_else(|| panic!("no {heading}"));
    let block = section
        .split("```haproxy\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no code block under {heading}"));
    block.split("```").next().unwrap_or_default().to_owned()
}

/// `# target: X.Y` on the first line picks the version.
pub fn options_for(config: &str) -> LintOptions {
    let target = config
        .lines()
        .next()
        .and_then(|line| line.strip_prefix("# target: "))
        .and_then(Version::parse)
        .unwrap_or(Version::DEFAULT);
    LintOptions {
        target,
        ..LintOptions::default()
    }
}
