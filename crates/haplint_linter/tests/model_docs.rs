//! The parser's and the model's diagnostics are documented like the rules,
//! and their examples are run the same way.

mod support;

use std::path::Path;

use haplint_linter::{LintOptions, SEMANTIC_DOCS, SYNTAX_DOCS, lint};
use haplint_semantic::{ConfigSet, Rule as ModelRule, Version};
use haplint_syntax::SyntaxDiagnosticKind;
use support::{assert_headings, example};

/// The bytes of an example: `<0xHH>` stands for one raw byte, so that docs
/// (which are UTF-8 text) can show files that are not.
fn example_bytes(config: &str) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut rest = config;
    while let Some(start) = rest.find("<0x") {
        bytes.extend_from_slice(&rest.as_bytes()[..start]);
        let hex = rest
            .get(start + 3..start + 5)
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        if let (Some(byte), Some(">")) = (hex, rest.get(start + 5..start + 6)) {
            bytes.push(byte);
            rest = &rest[start + 6..];
        } else {
            bytes.extend_from_slice(b"<0x");
            rest = &rest[start + 3..];
        }
    }
    bytes.extend_from_slice(rest.as_bytes());
    bytes
}

fn reported(config: &str) -> Vec<(&'static str, String)> {
    let target = config
        .lines()
        .next()
        .and_then(|line| line.strip_prefix("# target: "))
        .and_then(Version::parse)
        .unwrap_or(Version::DEFAULT);
    let set = ConfigSet::single(Path::new("example.cfg"), &example_bytes(config));
    lint(
        &set,
        &LintOptions {
            target,
            ..LintOptions::default()
        },
    )
    .into_iter()
    // Examples written with `"${VAR}"` get the note that the environment is
    // unknown; it is about how haplint is run, not about the example.
    .filter(|diagnostic| diagnostic.rule != "environment-unknown")
    // Likewise for the hint that files and host names were not looked at.
    .filter(|diagnostic| diagnostic.rule != "machine-facts-unchecked")
    .map(|diagnostic| (diagnostic.rule, diagnostic.message))
    .collect()
}

#[test]
fn documented_examples_behave() {
    for (name, doc) in SYNTAX_DOCS.iter().chain(SEMANTIC_DOCS) {
        assert_headings(name, doc);
        let bad = reported(&example(doc, "## Example"));
        assert!(!bad.is_empty(), "{name}: the example triggers nothing");
        for (rule, message) in &bad {
            assert_eq!(
                rule, name,
                "{name}: the example also triggers `{rule}`: {message}"
            );
        }
        let good = reported(&example(doc, "## Use instead"));
        assert!(good.is_empty(), "{name}: `Use instead` triggers {good:?}");
    }
}

#[test]
fn every_parser_and_model_diagnostic_is_documented() {
    let documented: Vec<&str> = SYNTAX_DOCS
        .iter()
        .chain(SEMANTIC_DOCS)
        .map(|(name, _)| *name)
        .collect();
    let missing: Vec<&str> = SyntaxDiagnosticKind::ALL
        .iter()
        .map(|kind| kind.name())
        .chain(ModelRule::ALL.iter().map(|rule| rule.name()))
        .filter(|name| !documented.contains(name))
        .collect();
    assert!(missing.is_empty(), "undocumented: {missing:?}");
}
