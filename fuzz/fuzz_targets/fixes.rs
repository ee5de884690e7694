//! Every fix, safe and unsafe, applied until stable: the result must parse
//! with no new syntax error, lint with no new error, and keep each line
//! that was already there inside the same `.if` branches. The first byte
//! picks the target version; the rest is a recipe as for `parse_lines`.

#![no_main]

use std::collections::HashMap;
use std::path::Path;

use haplint_fuzz::assemble;
use haplint_linter::{Applicability, LintOptions, Severity, fix_until_stable, lint};
use haplint_semantic::{ConfigSet, Version};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else { return };
    let target = Version::ALL[usize::from(*first) % Version::ALL.len()];
    let text = assemble(rest);
    let options = LintOptions { target, ..LintOptions::default() };
    let path = Path::new("fuzz.cfg");
    let (fixed, applied) = fix_until_stable(path, &text, &options, Applicability::Unsafe);
    if applied == 0 {
        assert_eq!(fixed, text, "no fix applied, yet the text changed");
        return;
    }
    let before = errors(path, &text, &options);
    let after = errors(path, &fixed, &options);
    for (key, count) in &after {
        let was = before.get(key).copied().unwrap_or(0);
        assert!(*count <= was, "a fix added the error {key:?}\n--- before\n{text}\n--- after\n{fixed}");
    }
    let contexts_before = contexts(&text);
    for (line, stacks) in contexts(&fixed) {
        let Some(old) = contexts_before.get(&line) else { continue };
        for stack in stacks {
            assert!(
                old.contains(&stack),
                "`{line}` moved into the branches {stack:?}\n--- before\n{text}\n--- after\n{fixed}"
            );
        }
    }
});

/// Errors by rule and message (positions move when fixes insert lines).
fn errors(path: &Path, text: &str, options: &LintOptions) -> HashMap<(String, String), usize> {
    let set = ConfigSet::single(path, text.as_bytes());
    let mut found = HashMap::new();
    for diagnostic in lint(&set, options) {
        if diagnostic.severity == Severity::Error {
            *found.entry((diagnostic.rule.to_owned(), diagnostic.message)).or_default() += 1;
        }
    }
    found
}

/// For each line (trimmed), the `.if` branches it sits in, outermost first:
/// `.if X` becomes `X`, its `.else` `!X`, an `.elif Y` `X..Y`.
fn contexts(text: &str) -> HashMap<String, Vec<Vec<String>>> {
    let mut stack: Vec<String> = Vec::new();
    let mut found: HashMap<String, Vec<Vec<String>>> = HashMap::new();
    for line in text.split('\n') {
        let trimmed = line.trim_matches([' ', '\t', '\r']);
        let keyword = trimmed.split([' ', '\t']).next().unwrap_or("");
        match keyword {
            ".if" => stack.push(trimmed.to_owned()),
            ".elif" | ".else" => {
                if let Some(top) = stack.last_mut() {
                    top.push_str(" -> ");
                    top.push_str(trimmed);
                }
            }
            ".endif" => {
                stack.pop();
            }
            "" => {}
            _ if trimmed.starts_with('#') => {}
            _ => found.entry(trimmed.to_owned()).or_default().push(stack.clone()),
        }
    }
    found
}
