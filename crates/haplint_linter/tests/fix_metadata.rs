//! Each fix's safety is one value in its rule's metadata: the doc's "Fix
//! safety" section must say the same, and the fixes the examples get must
//! be what the metadata promises.

mod support;

use std::path::Path;

use haplint_linter::{
    Applicability, FixAvailability, LintOptions, MODEL_FIXES, RULES, SEMANTIC_DOCS, SYNTAX_DOCS,
    lint, model_fix,
};
use haplint_semantic::{ConfigSet, Version};
use support::{example, options_for};

/// The text under `## Fix safety`.
fn fix_safety(doc: &str) -> String {
    doc.split("## Fix safety")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// Whether `text` has `word` on its own (so `safe` is not found in `unsafe`).
fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .any(|part| part.eq_ignore_ascii_case(word))
}

fn assert_doc_agrees(name: &str, doc: &str, availability: FixAvailability) {
    let text = fix_safety(doc);
    match availability.applicability() {
        None => assert!(
            text.starts_with("No fix"),
            "{name}: metadata says no fix, the doc says: {text}"
        ),
        Some(applicability) => {
            assert!(
                !text.starts_with("No fix"),
                "{name}: metadata has a fix, the doc says: {text}"
            );
            let unsafe_word = has_word(&text, "unsafe");
            match applicability {
                Applicability::Unsafe => assert!(unsafe_word, "{name}: says not unsafe: {text}"),
                Applicability::Safe => assert!(
                    has_word(&text, "safe") && !unsafe_word,
                    "{name}: says not safe: {text}"
                ),
                Applicability::DisplayOnly => {}
            }
        }
    }
}

/// What the fixes found on the doc's example say against the metadata.
fn assert_example_agrees(name: &str, config: &str, options: &LintOptions) {
    let set = ConfigSet::single(Path::new("example.cfg"), config.as_bytes());
    let availability = RULES
        .iter()
        .map(|rule| rule.meta())
        .find(|meta| meta.name == name)
        .map_or_else(|| model_fix(name), |meta| meta.fix);
    for diagnostic in lint(&set, options)
        .into_iter()
        .filter(|diagnostic| diagnostic.rule == name)
    {
        match (&diagnostic.fix, availability) {
            (Some(fix), _) => assert_eq!(
                Some(fix.applicability),
                availability.applicability(),
                "{name}: a fix `{}` that the metadata does not promise",
                fix.title
            ),
            (None, FixAvailability::Always(_)) => {
                panic!("{name}: metadata says always, a finding has no fix")
            }
            (None, _) => {}
        }
    }
}

#[test]
fn rule_docs_and_examples_agree_with_the_fix_metadata() {
    for rule in RULES {
        let meta = rule.meta();
        assert_doc_agrees(meta.name, meta.doc, meta.fix);
        let config = example(meta.doc, "## Example");
        let options = LintOptions {
            enable: vec![meta.name.to_owned()],
            ..options_for(&config)
        };
        assert_example_agrees(meta.name, &config, &options);
    }
}

#[test]
fn model_docs_and_examples_agree_with_the_fix_metadata() {
    for (name, doc) in SYNTAX_DOCS.iter().chain(SEMANTIC_DOCS) {
        assert_doc_agrees(name, doc, model_fix(name));
        let config = example(doc, "## Example");
        let target = config
            .lines()
            .next()
            .and_then(|line| line.strip_prefix("# target: "))
            .and_then(Version::parse)
            .unwrap_or(Version::DEFAULT);
        let options = LintOptions {
            target,
            ..LintOptions::default()
        };
        assert_example_agrees(name, &config, &options);
    }
}

#[test]
fn every_model_fix_names_a_documented_diagnostic() {
    for (name, _) in MODEL_FIXES {
        assert!(
            SYNTAX_DOCS
                .iter()
                .chain(SEMANTIC_DOCS)
                .any(|(doc, _)| doc == name),
            "{name}"
        );
    }
}

/// The fixes the model's diagnostics get, found on small configurations:
/// each has fix code, so none may say `never`.
#[test]
fn model_diagnostics_with_fix_code_do_not_say_never() {
    let cases = [
        (
            "removed-keyword",
            "global\n    stats socket /run/haproxy/admin.sock mode 600 level admin\n    nbproc 4\n",
        ),
        (
            "keyword-wrong-section",
            "global\n    stats socket /run/haproxy/admin.sock mode 600 level admin\n\ndefaults\n    mode http\n    tune.bufsize 16384\n",
        ),
        (
            "rule-order",
            "frontend fe\n    mode http\n    bind :80\n    http-request deny\n    tcp-request content reject\n",
        ),
    ];
    for (name, config) in cases {
        let set = ConfigSet::single(Path::new("t.cfg"), config.as_bytes());
        let fixes: Vec<_> = lint(&set, &LintOptions::default())
            .into_iter()
            .filter(|diagnostic| diagnostic.rule == name)
            .filter_map(|diagnostic| diagnostic.fix)
            .collect();
        assert!(!fixes.is_empty(), "{name}: no fix found");
        for fix in fixes {
            assert_eq!(
                Some(fix.applicability),
                model_fix(name).applicability(),
                "{name}"
            );
        }
    }
}
