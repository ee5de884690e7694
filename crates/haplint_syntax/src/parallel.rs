//! Parsing a large file in two halves, on two threads.
//!
//! HAProxy's grammar has no construct that spans lines except conditional
//! blocks, so a file without `.if` can be cut before any section header:
//! both halves parse exactly as they would in one pass (a header closes
//! the previous section either way), and their top-level children side by
//! side form the same tree.

use rowan::{GreenNode, NodeOrToken, TextSize};

use crate::SyntaxKind::SOURCE_FILE;
use crate::cond::may_have_conditionals;
use crate::diagnostic::SyntaxDiagnostic;
use crate::parser::{Parse, parse_in_one_pass};
use crate::sections::find_section_keyword;

/// From this size on a second thread pays for itself.
pub(crate) const PARALLEL_FROM: usize = 1 << 20;

/// Where to cut `text`: the start of a section header line at or after the
/// middle. `None` when the file may hold a conditional block (which could
/// span the cut) or has no header after the middle.
pub(crate) fn split_point(text: &str) -> Option<usize> {
    if may_have_conditionals(text) {
        return None;
    }
    let bytes = text.as_bytes();
    let mut at = text.len() / 2;
    while let Some(newline) = bytes[at..].iter().position(|&byte| byte == b'\n') {
        let line_start = at + newline + 1;
        let line = &bytes[line_start..];
        let word_len = line
            .iter()
            .position(|&byte| matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'#'))
            .unwrap_or(line.len());
        // A plain ASCII word: no quote or escape can change what it says.
        let is_header = word_len > 0
            && line.get(word_len).is_some_and(|&byte| byte != b'#')
            && std::str::from_utf8(&line[..word_len])
                .ok()
                .is_some_and(|word| find_section_keyword(word).is_some());
        if is_header {
            return Some(line_start);
        }
        at = line_start;
    }
    None
}

/// Parses `text[..split]` and `text[split..]` on two threads and joins
/// the results; `split` must come from [`split_point`].
pub(crate) fn parse_in_halves(text: &str, split: usize) -> Parse {
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| parse_in_one_pass(&text[split..]));
        let first = parse_in_one_pass(&text[..split]);
        (
            first,
            second
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        )
    });
    let (second_green, second_diagnostics, second_inactive, second_has_conditionals) =
        second.into_parts();
    let shift = TextSize::try_from(split).unwrap_or_default();
    let children: Vec<_> = first
        .green()
        .children()
        .chain(second_green.children())
        .map(|child| match child {
            NodeOrToken::Node(node) => NodeOrToken::Node(node.to_owned()),
            NodeOrToken::Token(token) => NodeOrToken::Token(token.to_owned()),
        })
        .collect();
    let green = GreenNode::new(SOURCE_FILE.into(), children);
    Parse::joined(
        green,
        first,
        second_diagnostics
            .into_iter()
            .map(|diagnostic| shifted(diagnostic, shift)),
        second_inactive.into_iter().map(|range| range + shift),
        second_has_conditionals,
    )
}

fn shifted(mut diagnostic: SyntaxDiagnostic, shift: TextSize) -> SyntaxDiagnostic {
    diagnostic.range += shift;
    for related in &mut diagnostic.related {
        related.range += shift;
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cutting where any header starts gives the tree and diagnostics of
    /// one pass.
    #[test]
    fn halves_parse_like_one_pass() {
        let text = "\
global
    maxconn 100 # comment
frontend fe
    bind :80
    http-request deny if { path \"/a\\x4\" }
    unterminated \"quote
backend be
    server s1 10.0.0.1:80 'x' \"y ${VAR}\"
defaults bad header words
  listen  indented
    mode http
backend last
    server s 1.2.3.4:80";
        let whole = parse_in_one_pass(text);
        let header_starts: Vec<usize> = text
            .match_indices('\n')
            .map(|(index, _)| index + 1)
            .filter(|&start| {
                let word = text[start..].split_whitespace().next().unwrap_or_default();
                find_section_keyword(word).is_some()
            })
            .collect();
        assert_eq!(header_starts.len(), 5);
        for split in header_starts {
            let halves = parse_in_halves(text, split);
            assert_eq!(halves.green(), whole.green(), "cut at {split}");
            assert_eq!(
                format!("{:?}", halves.diagnostics()),
                format!("{:?}", whole.diagnostics()),
                "cut at {split}"
            );
        }
    }

    /// A file large enough for `parse` to take two threads.
    #[test]
    fn large_files_parse_like_one_pass() {
        let block =
            "frontend fe\n    bind :80 # c\n    bad \"quote\nbackend be\n    server s 1.2.3.4:80\n";
        let text = block.repeat(PARALLEL_FROM / block.len() + 10);
        assert!(split_point(&text).is_some());
        let whole = parse_in_one_pass(&text);
        let parsed = crate::parse(&text);
        assert_eq!(parsed.green(), whole.green());
        assert_eq!(parsed.diagnostics().len(), whole.diagnostics().len());
        assert_eq!(
            format!("{:?}", parsed.diagnostics().last()),
            format!("{:?}", whole.diagnostics().last())
        );
    }

    #[test]
    fn cuts_at_the_first_header_after_the_middle() {
        assert_eq!(split_point("global\nfrontend a\nbackend b\n"), Some(18));
        assert_eq!(split_point("global\nfrontend a\n  server x\n"), None);
    }

    #[test]
    fn no_cut_when_a_conditional_block_may_span_it() {
        let text = "global\n.if defined(X)\nfrontend a\n.endif\nbackend b\n";
        assert_eq!(split_point(text), None);
        assert!(crate::parse(text).has_conditionals());
        assert!(!crate::parse("global\nfrontend a\n").has_conditionals());
        // Written with an escape, `.if` is still one.
        assert!(crate::parse("global\n.\\if 1\n.endif\n").has_conditionals());
    }
}
