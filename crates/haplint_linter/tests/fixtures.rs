//! Rule fixtures under `test-corpus/rules/<rule>/*.cfg` with caret
//! annotations (see `test-corpus/rules/README.md`).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use haplint_linter::{
    Applicability, LintOptions, RULES, RuleInput, SEMANTIC_DOCS, SYNTAX_DOCS, fix_until_stable,
    lint,
};
use haplint_semantic::{ConfigSet, Version};

/// (line, column, severity, rule), 1-based, columns in characters.
type Finding = (usize, usize, String, String);

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-corpus/rules")
}

/// The annotations of a fixture, attached to the line above them.
fn expected(text: &str) -> BTreeSet<Finding> {
    let mut found = BTreeSet::new();
    let mut last_code_line = 0;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        // `# expect-at: LINE:COLUMN severity[rule]`: a diagnostic where no
        // caret can point (column 1, the last line of the file).
        if let Some(rest) = trimmed.strip_prefix("# expect-at:") {
            let (position, label) = rest.trim().split_once(' ').unwrap_or((rest, ""));
            let (line, column) = position.split_once(':').unwrap_or((position, "0"));
            let (severity, rule) = label.trim().split_once('[').unwrap_or((label, ""));
            found.insert((
                line.parse().unwrap_or(0),
                column.parse().unwrap_or(0),
                severity.trim().to_owned(),
                rule.trim_end_matches(']').to_owned(),
            ));
            continue;
        }
        // `# expect-eof: severity[rule]`: a diagnostic on the last character
        // of the file, where no annotation line can follow.
        if let Some(label) = trimmed.strip_prefix("# expect-eof:") {
            let last_line = text.lines().count();
            let column = text.lines().last().map_or(1, |last| last.chars().count());
            let (severity, rest) = label.trim().split_once('[').unwrap_or((label, ""));
            found.insert((
                last_line,
                column,
                severity.trim().to_owned(),
                rest.trim_end_matches(']').to_owned(),
            ));
            continue;
        }
        let is_annotation =
            trimmed.starts_with('#') && trimmed.contains('^') && trimmed.contains('[');
        if !is_annotation {
            last_code_line = index + 1;
            continue;
        }
        let column = line
            .chars()
            .position(|c| c == '^')
            .map_or(0, |position| position + 1);
        let label = line[line.find('^').unwrap_or(0)..]
            .trim_start_matches('^')
            .trim();
        let (severity, rest) = label.split_once('[').unwrap_or((label, ""));
        let rule = rest.trim_end_matches(']');
        found.insert((
            last_code_line,
            column,
            severity.trim().to_owned(),
            rule.to_owned(),
        ));
    }
    found
}

fn options(text: &str, rule: &str) -> LintOptions {
    let target = text
        .lines()
        .next()
        .and_then(|line| line.strip_prefix("# target: "))
        .and_then(Version::parse)
        .unwrap_or(Version::DEFAULT);
    LintOptions {
        target,
        enable: vec![rule.to_owned()],
        ..LintOptions::default()
    }
}

/// The bytes of a fixture and its text (invalid UTF-8 shown as U+FFFD, as
/// haplint decodes it, so that offsets agree).
fn read(path: &Path) -> (Vec<u8>, String) {
    let bytes = fs::read(path).expect("readable fixture");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    (bytes, text)
}

fn actual(path: &Path, bytes: &[u8], text: &str, rule: &str) -> BTreeSet<Finding> {
    let set = ConfigSet::single(path, bytes);
    lint(&set, &options(text, rule))
        .into_iter()
        // This hint is on every fixture that names a certificate or a host
        // name; only its own fixtures are about it.
        .filter(|diagnostic| {
            diagnostic.rule != "machine-facts-unchecked" || rule == diagnostic.rule
        })
        .map(|diagnostic| {
            let before = &text[..diagnostic.span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            (
                line,
                column,
                diagnostic.severity.as_str().to_owned(),
                diagnostic.rule.to_owned(),
            )
        })
        .collect()
}

fn fixtures() -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let Ok(dirs) = fs::read_dir(fixtures_root()) else {
        return found;
    };
    for dir in dirs.flatten().filter(|entry| entry.path().is_dir()) {
        let rule = dir.file_name().to_string_lossy().into_owned();
        for file in fs::read_dir(dir.path()).into_iter().flatten().flatten() {
            if file
                .path()
                .extension()
                .is_some_and(|extension| extension == "cfg")
            {
                found.push((rule.clone(), file.path()));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn fixtures_report_exactly_their_annotations() {
    let mut failures = Vec::new();
    for (rule, path) in fixtures() {
        let (bytes, text) = read(&path);
        let expected = expected(&text);
        let actual = actual(&path, &bytes, &text, &rule);
        if expected != actual {
            let missing: Vec<_> = expected.difference(&actual).collect();
            let extra: Vec<_> = actual.difference(&expected).collect();
            failures.push(format!(
                "{}:\n  missing {missing:?}\n  unexpected {extra:?}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn safe_fixes_converge_and_remove_what_they_fix() {
    for (rule, path) in fixtures() {
        let (bytes, text) = read(&path);
        let options = options(&text, &rule);
        let set = ConfigSet::single(&path, &bytes);
        let fixed_findings: Vec<_> = lint(&set, &options)
            .into_iter()
            .filter(|diagnostic| {
                diagnostic
                    .fix
                    .as_ref()
                    .is_some_and(|fix| fix.applicability == Applicability::Safe)
            })
            .map(|diagnostic| diagnostic.rule)
            .collect();
        if fixed_findings.is_empty() {
            continue;
        }
        let (fixed, applied) = fix_until_stable(&path, &text, &options, Applicability::Safe);
        assert!(applied > 0, "{}: no fix applied", path.display());
        let after = ConfigSet::single(&path, fixed.as_bytes());
        assert!(
            !after.documents[0].parse.has_errors(),
            "{}: fixes break the syntax:\n{fixed}",
            path.display()
        );
        let remaining = lint(&after, &options);
        for rule in fixed_findings {
            let left = remaining
                .iter()
                .filter(|diagnostic| diagnostic.rule == rule && diagnostic.fix.is_some())
                .count();
            assert_eq!(
                left,
                0,
                "{}: `{rule}` still has fixable findings after fixing:\n{fixed}",
                path.display()
            );
        }
    }
}

#[test]
fn every_rule_has_a_firing_and_a_silent_fixture() {
    // Rules that read the machine or a running HAProxy cannot have text
    // fixtures: tests/live.rs runs them on real files and sockets, and
    // `xtask live-e2e` against a real HAProxy.
    let names: Vec<&str> = RULES
        .iter()
        .filter(|rule| rule.meta().input == RuleInput::Config)
        .map(|rule| rule.meta().name)
        .chain(
            SYNTAX_DOCS
                .iter()
                .chain(SEMANTIC_DOCS)
                .map(|(name, _)| *name),
        )
        .collect();
    let mut missing = Vec::new();
    for name in names {
        let files: Vec<String> = fixtures()
            .into_iter()
            .filter(|(rule, _)| rule == name)
            .map(|(_, path)| read(&path).1)
            .collect();
        let fires = files
            .iter()
            .any(|text| expected(text).iter().any(|finding| finding.3 == name));
        let silent = files
            .iter()
            .any(|text| expected(text).iter().all(|finding| finding.3 != name));
        if !fires || !silent {
            missing.push(format!("{name} (fires: {fires}, silent: {silent})"));
        }
    }
    assert!(
        missing.is_empty(),
        "rules without fixtures:\n{}",
        missing.join("\n")
    );
}
