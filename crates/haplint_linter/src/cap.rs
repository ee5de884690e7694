//! A bound on the findings of one rule in one file: a file of random bytes
//! or a generated configuration with one mistake repeated a million times
//! must not cost gigabytes of diagnostics nobody reads.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};

/// Findings of one rule in one file kept before the rest are summed up.
pub const MAX_FINDINGS_PER_RULE: usize = 1000;

/// The help of a summary, which also tells it from a finding.
const SUMMARY_HELP: &str = "fix the first ones, or look for what repeats the mistake";

/// Whether `diagnostic` sums up findings left out: it stands at one of them
/// but is not it, so it gets no fix of its own.
pub fn is_summary(diagnostic: &Diagnostic) -> bool {
    diagnostic.help.as_deref() == Some(SUMMARY_HELP)
}

/// Keeps the first `limit` findings of each rule in each file (the input is
/// sorted by position) and replaces the rest by one diagnostic, at the
/// first finding left out, saying how many there were.
pub fn cap_per_rule(diagnostics: Vec<Diagnostic>, limit: usize) -> Vec<Diagnostic> {
    // Per rule and file: how many findings, and the most serious of those
    // left out (the summary must fail a run exactly as they would).
    let mut counts: HashMap<(u32, &'static str), (usize, Severity)> = HashMap::new();
    for diagnostic in &diagnostics {
        let entry = counts
            .entry((diagnostic.span.file.0, diagnostic.rule))
            .or_insert((0, Severity::Hint));
        entry.0 += 1;
        if entry.0 > limit {
            entry.1 = entry.1.min(diagnostic.severity);
        }
    }
    if counts.values().all(|(count, _)| *count <= limit) {
        return diagnostics;
    }
    let mut seen: HashMap<(u32, &'static str), usize> = HashMap::new();
    let mut kept = Vec::with_capacity(diagnostics.len().min(counts.len() * (limit + 1)));
    for diagnostic in diagnostics {
        let key = (diagnostic.span.file.0, diagnostic.rule);
        let index = seen.entry(key).or_default();
        *index += 1;
        if *index <= limit {
            kept.push(diagnostic);
        } else if *index == limit + 1 {
            let (total, severity) = counts
                .get(&key)
                .copied()
                .unwrap_or((*index, Severity::Hint));
            kept.push(summary(&diagnostic, total - limit, limit, severity));
        }
    }
    kept
}

fn summary(
    first_left_out: &Diagnostic,
    more: usize,
    limit: usize,
    severity: Severity,
) -> Diagnostic {
    Diagnostic::new(
        first_left_out.rule,
        first_left_out.code,
        severity,
        first_left_out.span,
        format!(
            "{more} more `{}` finding{} in this file from here on, not listed: only the first {limit} of a rule are",
            first_left_out.rule,
            if more == 1 { "" } else { "s" }
        ),
    )
    .with_help(SUMMARY_HELP)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;
    use haplint_semantic::FileId;

    fn finding(rule: &'static str, at: usize) -> Diagnostic {
        Diagnostic::new(
            rule,
            "HAP999",
            Severity::Error,
            Span {
                file: FileId(0),
                start: at,
                end: at + 1,
            },
            "x",
        )
    }

    #[test]
    fn a_rule_over_the_limit_is_summed_up_once() {
        let mut all: Vec<Diagnostic> = (0..10).map(|at| finding("many", at)).collect();
        all.push(finding("few", 20));
        let kept = cap_per_rule(all, 3);
        assert_eq!(kept.len(), 5);
        assert_eq!(kept[3].span.start, 3);
        assert!(
            kept[3].message.starts_with("7 more `many` findings"),
            "{}",
            kept[3].message
        );
        assert!(is_summary(&kept[3]) && !is_summary(&kept[2]));
        assert_eq!(kept[4].rule, "few");
    }

    #[test]
    fn under_the_limit_nothing_changes() {
        let all: Vec<Diagnostic> = (0..3).map(|at| finding("many", at)).collect();
        assert_eq!(cap_per_rule(all.clone(), 3), all);
    }
}
