//! Diagnostics for names that exist in HAProxy, but not in the target version.

use haplint_keywords::{Entry, Version};
use haplint_syntax::TextRange;

use crate::FileId;
use crate::diagnostic::{Rule, SemanticDiagnostic};

/// "needs HAProxy X or later" or "was removed in HAProxy Y", from the
/// entries of `subject` across versions; `None` when there are none.
pub fn outside_target(
    entries: &[&Entry],
    subject: &str,
    version: Version,
    file: FileId,
    range: TextRange,
) -> Option<SemanticDiagnostic> {
    let first = entries.iter().map(|entry| entry.from).min()?;
    let last = entries.iter().map(|entry| entry.to).max()?;
    if first > version {
        return Some(SemanticDiagnostic::error(
            Rule::KeywordTooNew,
            file,
            range,
            format!("{subject} needs HAProxy {first} or later (the target is {version})"),
        ));
    }
    let removed = Version::ALL
        .iter()
        .copied()
        .find(|known| *known > last)
        .unwrap_or(version);
    Some(SemanticDiagnostic::error(
        Rule::RemovedKeyword,
        file,
        range,
        format!("{subject} was removed in HAProxy {removed} (the target is {version})"),
    ))
}
