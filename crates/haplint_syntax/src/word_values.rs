//! The words of a line read straight from the green tree.
//!
//! The semantic model reads every word of the file once. Walking them with
//! cursor nodes (`SyntaxNode::children`) allocates a node for each word
//! and each of its pieces; reading the green tree, which the parser already
//! built, allocates only the values.

use rowan::{NodeOrToken, TextRange};

use crate::SyntaxKind::{self, *};
use crate::SyntaxNode;
use crate::unquote::unquote;

/// One word of a line: what HAProxy sees, where it is written, and whether
/// it refers to environment variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordValue {
    /// Quotes removed, escapes resolved, variable references as written.
    pub value: String,
    pub range: TextRange,
    pub has_variables: bool,
}

/// The `WORD` children of `node` (a directive, header or message line), in
/// order: the same words, values and ranges as `ast::Word::cast` over
/// `node.children()` with `value_and_variables`.
pub fn word_values(node: &SyntaxNode) -> Vec<WordValue> {
    let green = node.green();
    let mut words = Vec::with_capacity(green.children().len());
    let mut pieces = Vec::new();
    let mut offset = node.text_range().start();
    for child in green.children() {
        let length = child.text_len();
        if let NodeOrToken::Node(word) = child
            && SyntaxKind::from_raw(word.kind().0) == WORD
        {
            pieces.clear();
            pieces_of(word, &mut pieces);
            words.push(WordValue {
                value: value_of(&pieces),
                range: TextRange::at(offset, length),
                has_variables: pieces.iter().any(|(kind, _)| *kind == VAR_REF),
            });
        }
        offset += length;
    }
    words
}

/// The value of a word from its pieces.
pub(crate) fn value_of(pieces: &[(SyntaxKind, &str)]) -> String {
    match pieces {
        // Most words are one plain piece: nothing to unquote.
        [(TEXT, text)] => (*text).to_owned(),
        _ => unquote(pieces.iter().copied()),
    }
}

/// The tokens under a green node as (kind, text), in order.
pub(crate) fn pieces_of<'a>(node: &'a rowan::GreenNodeData, out: &mut Vec<(SyntaxKind, &'a str)>) {
    for child in node.children() {
        match child {
            NodeOrToken::Node(inner) => pieces_of(inner, out),
            NodeOrToken::Token(token) => {
                out.push((SyntaxKind::from_raw(token.kind().0), token.text()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::word_values;
    use crate::ast::{AstNode, Directive, Word};
    use crate::parse;

    /// The green reader gives what the cursor API gives, on words of every
    /// shape: plain, quoted, escaped, with variables, empty, glued pieces.
    #[test]
    fn same_as_the_cursor_api() {
        let text = "global\n    log \"${LOG}:514\" 'local0' a\\ b \"\" x\"y\"'z' %[src] \\x41\n";
        let parse = parse(text);
        let root = parse.syntax();
        let directives: Vec<Directive> = root.descendants().filter_map(Directive::cast).collect();
        assert!(!directives.is_empty());
        for directive in directives {
            let expected: Vec<(String, rowan::TextRange, bool)> = directive
                .syntax()
                .children()
                .filter_map(Word::cast)
                .map(|word| {
                    let (value, variables) = word.value_and_variables();
                    (value, word.range(), variables)
                })
                .collect();
            let found: Vec<(String, rowan::TextRange, bool)> = word_values(directive.syntax())
                .into_iter()
                .map(|word| (word.value, word.range, word.has_variables))
                .collect();
            assert_eq!(found, expected);
            assert_eq!(found.len(), 8, "{found:?}");
        }
    }
}
