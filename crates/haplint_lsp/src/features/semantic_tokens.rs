//! Semantic tokens: section keywords, keywords, options, ACL names,
//! backend references, strings, variables, numbers with units and
//! comments, with a modifier for deprecated keywords.

use haplint_syntax::{SyntaxKind, TextRange};
use lsp_types::{
    Range, SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokensLegend,
};

use crate::features::index::Namespace;
use crate::snapshot::Snapshot;

/// Indexes into [`legend`]'s token types.
const SECTION: u32 = 0;
const KEYWORD: u32 = 1;
const OPTION: u32 = 2;
const ACL: u32 = 3;
const REFERENCE: u32 = 4;
const STRING: u32 = 5;
const VARIABLE: u32 = 6;
const NUMBER: u32 = 7;
const COMMENT: u32 = 8;
/// Bit of the `deprecated` modifier.
const DEPRECATED: u32 = 1;

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: vec![
            SemanticTokenType::NAMESPACE,
            SemanticTokenType::KEYWORD,
            SemanticTokenType::PROPERTY,
            SemanticTokenType::VARIABLE,
            SemanticTokenType::TYPE,
            SemanticTokenType::STRING,
            SemanticTokenType::MACRO,
            SemanticTokenType::NUMBER,
            SemanticTokenType::COMMENT,
        ],
        token_modifiers: vec![SemanticTokenModifier::DEPRECATED],
    }
}

/// A token before encoding: a byte range, its type and modifier bits.
type Raw = (usize, usize, u32, u32);

/// The bytes a request asks about. Tokens outside are not collected at
/// all, so a range request on a generated document costs what the range
/// holds, not what the document holds.
#[derive(Clone, Copy)]
struct Window {
    from: usize,
    to: usize,
}

impl Window {
    fn meets(self, range: TextRange) -> bool {
        usize::from(range.end()) >= self.from && usize::from(range.start()) <= self.to
    }
}

fn push(raw: &mut Vec<Raw>, window: Window, range: TextRange, kind: u32, modifiers: u32) {
    if window.meets(range) {
        raw.push((range.start().into(), range.end().into(), kind, modifiers));
    }
}

/// A number followed by a unit or nothing: `30s`, `5000`, `10m`, `4k`.
fn is_number_with_unit(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && ["", "us", "ms", "s", "m", "h", "d", "k", "K", "g", "G", "M"].contains(&&text[digits..])
}

fn collect(snapshot: &Snapshot, window: Window) -> Vec<Raw> {
    let mut raw = Vec::new();
    let document = snapshot.set.document(snapshot.file);
    let mut walk = document.parse.syntax().preorder_with_tokens();
    while let Some(event) = walk.next() {
        let rowan::WalkEvent::Enter(element) = event else {
            continue;
        };
        if !window.meets(element.text_range()) {
            if element.as_node().is_some() {
                walk.skip_subtree();
            }
            continue;
        }
        let Some(token) = element.into_token() else {
            continue;
        };
        let kind = match token.kind() {
            SyntaxKind::COMMENT => COMMENT,
            SyntaxKind::VAR_REF => VARIABLE,
            SyntaxKind::SQ_STRING | SyntaxKind::DQUOTE => STRING,
            SyntaxKind::TEXT | SyntaxKind::ESCAPE
                if token
                    .parent()
                    .is_some_and(|parent| parent.kind() == SyntaxKind::DQ_STRING) =>
            {
                STRING
            }
            _ => continue,
        };
        push(&mut raw, window, token.text_range(), kind, 0);
    }
    let model = &snapshot.analyzed().analysis.model;
    for section in model
        .sections
        .iter()
        .filter(|section| section.file == snapshot.file)
    {
        push(&mut raw, window, section.keyword_range, SECTION, 0);
        for statement in section
            .statements
            .iter()
            .filter(|statement| window.meets(statement.range))
        {
            let deprecated = statement
                .keyword
                .is_some_and(haplint_keywords::Entry::is_deprecated);
            let modifiers = if deprecated { DEPRECATED } else { 0 };
            let body = statement.body();
            for word in body.iter().take(statement.keyword_words.max(1)) {
                push(&mut raw, window, word.range, KEYWORD, modifiers);
            }
            let options = matches!(statement.head(), "bind" | "server" | "default-server");
            for word in statement.args() {
                if is_number_with_unit(&word.value) {
                    push(&mut raw, window, word.range, NUMBER, 0);
                } else if options
                    && word
                        .value
                        .bytes()
                        .all(|byte| byte.is_ascii_lowercase() || byte == b'-')
                {
                    push(&mut raw, window, word.range, OPTION, 0);
                }
            }
        }
    }
    for occurrence in snapshot.occurrences() {
        if occurrence.file != snapshot.file {
            continue;
        }
        let kind = match occurrence.namespace {
            Namespace::Acl(_) => ACL,
            _ => REFERENCE,
        };
        push(&mut raw, window, occurrence.range, kind, 0);
    }
    // Later, more specific tokens (names) replace earlier ones on the same
    // text; otherwise the first wins. Tokens never overlap in the result.
    raw.sort_by_key(|token| {
        (
            token.0,
            std::cmp::Reverse(token.2 == ACL || token.2 == REFERENCE),
        )
    });
    let mut kept: Vec<Raw> = Vec::with_capacity(raw.len());
    for token in raw {
        if token.1 <= token.0 {
            continue;
        }
        if kept.last().is_some_and(|last| token.0 < last.1) {
            continue;
        }
        kept.push(token);
    }
    kept
}

/// The tokens of the document, or of `range` of it, encoded relative to
/// each other as the protocol asks.
pub fn tokens(snapshot: &Snapshot, range: Option<Range>) -> Vec<SemanticToken> {
    let (from, to) = range.map_or((0, usize::MAX), |range| {
        (snapshot.offset(range.start), snapshot.offset(range.end))
    });
    let mut encoded = Vec::new();
    let (mut previous_line, mut previous_start) = (0, 0);
    for (start, end, kind, modifiers) in collect(snapshot, Window { from, to }) {
        let begin = snapshot.position_in(snapshot.file, start);
        let finish = snapshot.position_in(snapshot.file, end);
        // A token never spans lines in this language; be safe anyway.
        if finish.line != begin.line {
            continue;
        }
        let delta_line = begin.line - previous_line;
        let delta_start = if delta_line == 0 {
            begin.character - previous_start
        } else {
            begin.character
        };
        encoded.push(SemanticToken {
            delta_line,
            delta_start,
            length: finish.character - begin.character,
            token_type: kind,
            token_modifiers_bitset: modifiers,
        });
        previous_line = begin.line;
        previous_start = begin.character;
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_units() {
        assert!(is_number_with_unit("30s"));
        assert!(is_number_with_unit("5000"));
        assert!(is_number_with_unit("4k"));
        assert!(!is_number_with_unit("30x"));
        assert!(!is_number_with_unit("s"));
    }
}
