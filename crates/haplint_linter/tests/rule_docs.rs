//! Every rule documents itself with fixed headings, and its examples are
//! run: the bad one triggers exactly that rule, the good one nothing.
//! Applying the example's fixes must leave no new syntax error and remove
//! the finding.

mod support;

use std::collections::HashSet;
use std::path::Path;

use haplint_linter::{
    Applicability, Category, LintOptions, RULES, RuleInput, fix_until_stable, lint,
};
use haplint_semantic::ConfigSet;
use support::{assert_headings, example, options_for};

/// What the linter reports on `config`, with `rule` turned on.
fn rules_reported(config: &str, rule: &str) -> Vec<(&'static str, String)> {
    let set = ConfigSet::single(Path::new("example.cfg"), config.as_bytes());
    let options = LintOptions {
        enable: vec![rule.to_owned()],
        ..options_for(config)
    };
    lint(&set, &options)
        .into_iter()
        // The hint that files and host names were not looked at goes with
        // every example naming a certificate; it is about how haplint is
        // run, so only its own examples are judged by it.
        .filter(|diagnostic| {
            diagnostic.rule != "machine-facts-unchecked" || diagnostic.rule == rule
        })
        .map(|diagnostic| (diagnostic.rule, diagnostic.message))
        .collect()
}

#[test]
fn docs_have_every_heading_in_order() {
    for rule in RULES {
        let meta = rule.meta();
        assert_headings(meta.name, meta.doc);
    }
}

#[test]
fn bad_examples_trigger_exactly_their_rule() {
    // Rules that read the machine or a running HAProxy find nothing in
    // text alone; tests/live.rs and the CLI's live tests run them on
    // real files, sockets and a real HAProxy.
    for rule in RULES
        .iter()
        .filter(|rule| rule.meta().input == RuleInput::Config)
    {
        let meta = rule.meta();
        let reported = rules_reported(&example(meta.doc, "## Example"), meta.name);
        assert!(
            !reported.is_empty(),
            "{}: the example triggers nothing",
            meta.name
        );
        for (rule, message) in &reported {
            assert_eq!(
                *rule, meta.name,
                "{}: the example also triggers `{rule}`: {message}",
                meta.name
            );
        }
    }
}

#[test]
fn good_examples_trigger_nothing() {
    // Rules that read the machine or a running HAProxy find nothing in
    // text alone; tests/live.rs and the CLI's live tests run them on
    // real files, sockets and a real HAProxy.
    for rule in RULES
        .iter()
        .filter(|rule| rule.meta().input == RuleInput::Config)
    {
        let meta = rule.meta();
        let reported = rules_reported(&example(meta.doc, "## Use instead"), meta.name);
        assert!(
            reported.is_empty(),
            "{}: `Use instead` triggers {reported:?}",
            meta.name
        );
    }
}

#[test]
fn fixes_of_examples_remove_the_finding_without_breaking_syntax() {
    for rule in RULES {
        let meta = rule.meta();
        let config = example(meta.doc, "## Example");
        let options = LintOptions {
            enable: vec![meta.name.to_owned()],
            ..options_for(&config)
        };
        let (fixed, applied) = fix_until_stable(
            Path::new("example.cfg"),
            &config,
            &options,
            Applicability::Unsafe,
        );
        if applied == 0 {
            continue;
        }
        let after = ConfigSet::single(Path::new("example.cfg"), fixed.as_bytes());
        assert!(
            !after.documents[0].parse.has_errors(),
            "{}: the fix breaks the syntax:\n{fixed}",
            meta.name
        );
        let remaining: Vec<_> = lint(&after, &options)
            .into_iter()
            .filter(|d| d.rule == meta.name)
            .collect();
        assert!(
            remaining.is_empty(),
            "{}: still reported after the fix:\n{fixed}\n{remaining:?}",
            meta.name
        );
    }
}

#[test]
fn names_and_codes_are_unique_and_match_their_category() {
    let mut names = HashSet::new();
    let mut codes = HashSet::new();
    for rule in RULES {
        let meta = rule.meta();
        assert!(names.insert(meta.name), "duplicate name {}", meta.name);
        assert!(codes.insert(meta.code), "duplicate code {}", meta.code);
        let hundred = Category::ALL
            .iter()
            .position(|category| *category == meta.category)
            .unwrap_or(99);
        assert_eq!(
            meta.code.as_bytes()[3] - b'0',
            hundred as u8,
            "{}: code {} vs {:?}",
            meta.name,
            meta.code,
            meta.category
        );
        assert!(
            meta.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}",
            meta.name
        );
    }
}
