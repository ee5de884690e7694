//! Applying fixes to the text of a file, alone or within its set.

use haplint_semantic::FileId;

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// Applies the fixes of `diagnostics` on `file` that are at most as risky as
/// `allowed`, skipping any edit that overlaps one already taken. Returns the
/// new text and how many fixes were applied.
pub fn apply_fixes(
    text: &str,
    file: FileId,
    diagnostics: &[Diagnostic],
    allowed: Applicability,
) -> (String, usize) {
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for diagnostic in diagnostics {
        let Some(fix) = &diagnostic.fix else { continue };
        if fix.applicability > allowed || fix.edits.iter().any(|edit| edit.span.file != file) {
            continue;
        }
        let overlaps = fix.edits.iter().any(|edit| {
            taken.iter().any(|other| {
                edit.span.start < other.span.end.max(other.span.start + 1)
                    && other.span.start < edit.span.end.max(edit.span.start + 1)
            })
        });
        if overlaps {
            continue;
        }
        taken.extend(fix.edits.iter());
        applied += 1;
    }
    taken.sort_by_key(|edit| std::cmp::Reverse((edit.span.start, edit.span.end)));
    let mut result = text.to_owned();
    for edit in taken {
        if edit.span.end <= result.len()
            && result.is_char_boundary(edit.span.start)
            && result.is_char_boundary(edit.span.end)
        {
            result.replace_range(edit.span.start..edit.span.end, &edit.content);
        }
    }
    (result, applied)
}

/// Lints and applies fixes again and again (at most 10 passes) until no fix
/// applies. Returns the final text and the number of fixes applied. A pass
/// that would add syntax errors is dropped: the text stays as the last good
/// pass made it.
pub fn fix_until_stable(
    path: &std::path::Path,
    text: &str,
    options: &crate::LintOptions,
    allowed: Applicability,
) -> (String, usize) {
    fix_selected_until_stable(path, text, options, allowed, |_, diagnostics| diagnostics)
}

/// [`fix_until_stable`] with only the diagnostics that `keep` lets through
/// (the user's rule selection), so `--fix --select X` fixes only `X`.
pub fn fix_selected_until_stable(
    path: &std::path::Path,
    text: &str,
    options: &crate::LintOptions,
    allowed: Applicability,
    keep: impl Fn(&haplint_semantic::ConfigSet, Vec<Diagnostic>) -> Vec<Diagnostic>,
) -> (String, usize) {
    let member = SetMember {
        path: path.to_path_buf(),
        text: text.to_owned(),
        fixable: true,
    };
    let mut fixed = fix_set_until_stable(&[member], options, allowed, keep);
    fixed.pop().unwrap_or_else(|| (text.to_owned(), 0))
}

/// A file of a configuration set being fixed.
#[derive(Debug, Clone)]
pub struct SetMember {
    pub path: std::path::PathBuf,
    pub text: String,
    /// Whether fixes may change it; the others are only read, for the
    /// names and references they hold.
    pub fixable: bool,
}

/// Fixes the fixable `members` of a set, linted as one configuration (so
/// a fix never acts on a finding that only exists out of context), pass
/// after pass like [`fix_until_stable`]. A pass that adds syntax errors
/// to any file is dropped. Returns each member's text and how many fixes
/// it received, in the order of `members`.
pub fn fix_set_until_stable(
    members: &[SetMember],
    options: &crate::LintOptions,
    allowed: Applicability,
    keep: impl Fn(&haplint_semantic::ConfigSet, Vec<Diagnostic>) -> Vec<Diagnostic>,
) -> Vec<(String, usize)> {
    let mut texts: Vec<String> = members.iter().map(|member| member.text.clone()).collect();
    let mut totals = vec![0; members.len()];
    for _ in 0..10 {
        let set = set_of(members, &texts);
        let errors_before = syntax_errors_per_file(&set);
        let diagnostics = keep(&set, crate::lint(&set, options));
        let mut next = texts.clone();
        let mut applied = vec![0; members.len()];
        for (index, member) in members.iter().enumerate() {
            if member.fixable {
                let file = FileId(index as u32);
                (next[index], applied[index]) =
                    apply_fixes(&texts[index], file, &diagnostics, allowed);
            }
        }
        if applied.iter().all(|count| *count == 0) {
            break;
        }
        let errors_after = syntax_errors_per_file(&set_of(members, &next));
        if errors_after
            .iter()
            .zip(&errors_before)
            .any(|(after, before)| after > before)
        {
            break;
        }
        texts = next;
        for (total, count) in totals.iter_mut().zip(applied) {
            *total += count;
        }
    }
    texts.into_iter().zip(totals).collect()
}

fn set_of(members: &[SetMember], texts: &[String]) -> haplint_semantic::ConfigSet {
    let mut set = haplint_semantic::ConfigSet::new();
    for (member, text) in members.iter().zip(texts) {
        set.add(&member.path, text.as_bytes());
    }
    set
}

fn syntax_errors_per_file(set: &haplint_semantic::ConfigSet) -> Vec<usize> {
    set.documents
        .iter()
        .map(|document| {
            document
                .parse
                .diagnostics()
                .iter()
                .filter(|diagnostic| diagnostic.severity == haplint_syntax::Severity::Error)
                .count()
        })
        .collect()
}
