//! Inline suppressions:
//!
//! ```text
//! server s1 10.0.0.1:80   # haplint: ignore[server-without-check] -- checked by the agent
//! # haplint: ignore[missing-timeout, HAP203] -- set by the include
//! frontend www
//! # haplint: file-ignore[legacy-tls-flags]
//! ```
//!
//! A comment at the end of a line covers that line; a comment alone on its
//! line covers the next line; `file-ignore` covers the whole file.

use std::sync::{Mutex, PoisonError};

use haplint_semantic::{ConfigSet, FileId};
use haplint_syntax::SyntaxKind;

use crate::diagnostic::{Diagnostic, Span};

#[derive(Debug, Clone)]
pub struct Suppression {
    pub file: FileId,
    /// The 0-based line covered, or `None` for the whole file.
    pub line: Option<usize>,
    /// Rule names or codes as written.
    pub rules: Vec<String>,
    /// The `ignore[...]` text, for reporting unused suppressions.
    pub span: Span,
}

/// Every suppression comment of the set.
pub fn collect(set: &ConfigSet) -> Vec<Suppression> {
    let mut found = Vec::new();
    for document in &set.documents {
        let text = document.text.as_str();
        // Only the comments holding the marker matter: find the marker in
        // the text and the comment around each, rather than walking every
        // token of the file (most files have no suppression at all).
        if !text.contains("haplint:") {
            continue;
        }
        let starts = line_starts(text);
        let root = document.parse.syntax();
        let mut last_comment = None;
        for (at, _) in text.match_indices("haplint:") {
            let Ok(offset) = u32::try_from(at) else {
                break;
            };
            let Some(token) = root
                .token_at_offset(haplint_syntax::TextSize::from(offset))
                .right_biased()
            else {
                continue;
            };
            // A comment with the marker twice is read once, from its start.
            if token.kind() != SyntaxKind::COMMENT
                || last_comment == Some(token.text_range().start())
            {
                continue;
            }
            last_comment = Some(token.text_range().start());
            let start = usize::from(token.text_range().start());
            let Some((file_wide, rules, offset, length)) = parse_comment(token.text()) else {
                continue;
            };
            let line = zero_based_line(&starts, start);
            let line_start = starts[line];
            let alone = text[line_start..start].trim().is_empty();
            found.push(Suppression {
                file: document.id,
                line: if file_wide {
                    None
                } else if alone {
                    Some(line + 1)
                } else {
                    Some(line)
                },
                rules,
                span: Span {
                    file: document.id,
                    start: start + offset,
                    end: start + offset + length,
                },
            });
        }
    }
    found
}

/// `(file-wide, rules, offset of the directive, its length)` for a comment
/// holding `haplint: ignore[...]` or `haplint: file-ignore[...]`.
fn parse_comment(comment: &str) -> Option<(bool, Vec<String>, usize, usize)> {
    let body = comment.strip_prefix('#')?;
    let marker = body.find("haplint:")?;
    let after = &body[marker + "haplint:".len()..];
    let trimmed = after.trim_start();
    let (file_wide, rest) = if let Some(rest) = trimmed.strip_prefix("file-ignore[") {
        (true, rest)
    } else {
        (false, trimmed.strip_prefix("ignore[")?)
    };
    let close = rest.find(']')?;
    let rules = rest[..close]
        .split(',')
        .map(str::trim)
        .filter(|rule| !rule.is_empty())
        .map(str::to_owned)
        .collect();
    let offset = 1 + marker;
    let length = comment.len() - offset - (rest.len() - close - 1);
    Some((file_wide, rules, offset, length))
}

/// Suppressions applied batch by batch: each rule's findings as soon as
/// the rule ends, so that they can be bounded before the next one runs
/// (see `engine.rs`). It records which names matched something in any
/// batch, for the unused ones to be reported at the end.
pub struct Suppressor<'a> {
    suppressions: &'a [Suppression],
    /// Line starts of each file of the set, by file id; computed once, not
    /// per batch.
    starts: Vec<Vec<usize>>,
    /// Per suppression, per name: whether it matched a finding. Rules run
    /// on several threads, hence the lock.
    used: Mutex<Vec<Vec<bool>>>,
}

impl<'a> Suppressor<'a> {
    pub fn new(set: &ConfigSet, suppressions: &'a [Suppression]) -> Self {
        let starts = if suppressions.is_empty() {
            Vec::new()
        } else {
            set.documents
                .iter()
                .map(|document| line_starts(&document.text))
                .collect()
        };
        Self {
            suppressions,
            starts,
            used: Mutex::new(
                suppressions
                    .iter()
                    .map(|suppression| vec![false; suppression.rules.len()])
                    .collect(),
            ),
        }
    }

    /// Removes the suppressed diagnostics of one batch.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.suppressions.is_empty() {
            return;
        }
        // A poisoned lock only means another rule's thread panicked while
        // marking names; the flags are still meaningful.
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        diagnostics.retain(|diagnostic| {
            let line = self
                .starts
                .get(diagnostic.span.file.0 as usize)
                .map_or(0, |starts| zero_based_line(starts, diagnostic.span.start));
            let mut suppressed = false;
            for (index, suppression) in self.suppressions.iter().enumerate() {
                if suppression.file != diagnostic.span.file
                    || suppression.line.is_some_and(|covered| covered != line)
                {
                    continue;
                }
                for (position, rule) in suppression.rules.iter().enumerate() {
                    if rule == diagnostic.rule || rule.eq_ignore_ascii_case(diagnostic.code) {
                        if let Some(flag) = used
                            .get_mut(index)
                            .and_then(|names| names.get_mut(position))
                        {
                            *flag = true;
                        }
                        suppressed = true;
                    }
                }
            }
            !suppressed
        });
    }

    /// The suppressions that matched nothing in any batch, each with the
    /// names in it that matched nothing.
    pub fn unused(self) -> Vec<(Suppression, Vec<String>)> {
        let used = self
            .used
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        self.suppressions
            .iter()
            .zip(used)
            .filter_map(|(suppression, used)| {
                let unused: Vec<String> = suppression
                    .rules
                    .iter()
                    .zip(used)
                    .filter(|(_, used)| !used)
                    .map(|(rule, _)| rule.clone())
                    .collect();
                (!unused.is_empty() || suppression.rules.is_empty())
                    .then(|| (suppression.clone(), unused))
            })
            .collect()
    }
}

/// Byte offsets where lines start: counting newlines from the start of the
/// file for every finding made large files quadratic.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(index, _)| index + 1))
        .collect()
}

/// The 0-based line of byte `offset`.
fn zero_based_line(starts: &[usize], offset: usize) -> usize {
    starts
        .partition_point(|start| *start <= offset)
        .saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments() {
        assert_eq!(
            parse_comment("# haplint: ignore[a, HAP123] -- reason"),
            Some((false, vec!["a".to_owned(), "HAP123".to_owned()], 2, 26))
        );
        assert_eq!(
            parse_comment("#haplint: file-ignore[x]"),
            Some((true, vec!["x".to_owned()], 1, 23))
        );
        assert_eq!(parse_comment("# just a comment"), None);
        assert_eq!(parse_comment("# haplint: ignore[unterminated"), None);
    }
}
