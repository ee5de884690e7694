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
        // Walking every token is the expensive part; most files have no
        // suppression comment at all.
        if !text.contains("haplint") {
            continue;
        }
        let starts = line_starts(text);
        for token in document
            .parse
            .syntax()
            .descendants_with_tokens()
            .filter_map(rowan::NodeOrToken::into_token)
        {
            if token.kind() != SyntaxKind::COMMENT {
                continue;
            }
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

/// Removes suppressed diagnostics; returns the suppressions that matched
/// nothing, each with the names in it that matched nothing.
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

pub fn apply(
    set: &ConfigSet,
    diagnostics: &mut Vec<Diagnostic>,
    suppressions: &[Suppression],
) -> Vec<(Suppression, Vec<String>)> {
    if suppressions.is_empty() {
        return Vec::new();
    }
    let mut used = vec![vec![false; 0]; suppressions.len()];
    for (index, suppression) in suppressions.iter().enumerate() {
        used[index] = vec![false; suppression.rules.len()];
    }
    let starts: Vec<Vec<usize>> = set
        .documents
        .iter()
        .map(|document| line_starts(&document.text))
        .collect();
    let line_of = |span: &Span| zero_based_line(&starts[span.file.0 as usize], span.start);
    diagnostics.retain(|diagnostic| {
        let line = line_of(&diagnostic.span);
        let mut suppressed = false;
        for (index, suppression) in suppressions.iter().enumerate() {
            if suppression.file != diagnostic.span.file
                || suppression.line.is_some_and(|covered| covered != line)
            {
                continue;
            }
            for (position, rule) in suppression.rules.iter().enumerate() {
                if rule == diagnostic.rule || rule.eq_ignore_ascii_case(diagnostic.code) {
                    used[index][position] = true;
                    suppressed = true;
                }
            }
        }
        !suppressed
    });
    suppressions
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
