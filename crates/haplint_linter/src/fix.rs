//! Applying fixes to the text of one file.

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
    let mut current = text.to_owned();
    let mut total = 0;
    for _ in 0..10 {
        let set = haplint_semantic::ConfigSet::single(path, current.as_bytes());
        let errors_before = syntax_errors(&set);
        let diagnostics = keep(&set, crate::lint(&set, options));
        let (next, applied) = apply_fixes(&current, FileId(0), &diagnostics, allowed);
        if applied == 0 {
            break;
        }
        let after = haplint_semantic::ConfigSet::single(path, next.as_bytes());
        if syntax_errors(&after) > errors_before {
            break;
        }
        current = next;
        total += applied;
    }
    (current, total)
}

fn syntax_errors(set: &haplint_semantic::ConfigSet) -> usize {
    set.documents
        .iter()
        .flat_map(|document| document.parse.diagnostics())
        .filter(|diagnostic| diagnostic.severity == haplint_syntax::Severity::Error)
        .count()
}
