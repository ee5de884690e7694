//! The kinds read from the tokens are the kinds of the parser's line nodes.

use haplint_syntax::lexer::tokenize;
use haplint_syntax::{SyntaxKind, SyntaxNode, unquote};

use super::{Kind, split};

/// The kind of each line from the tree, as the formatter took it before it
/// classified lines itself: the node that starts at the line's first word.
fn kinds_from_tree(text: &str) -> Vec<Kind> {
    let parse = haplint_syntax::parse(text);
    let nodes = line_nodes(&parse.syntax());
    split(text)
        .iter()
        .map(|line| {
            let Some(first_word) = line.sig.words.first() else {
                return line.kind;
            };
            let start = first_word.as_ptr() as usize - text.as_ptr() as usize;
            let node = nodes.iter().find(|(at, _)| *at == start).map(|&(_, kind)| kind);
            match node {
                Some(SyntaxKind::SECTION_HEADER) => Kind::Header,
                Some(SyntaxKind::DIRECTIVE | SyntaxKind::MESSAGE_LINE) => Kind::Statement,
                Some(SyntaxKind::SCOPE_LINE) => Kind::Scope,
                Some(SyntaxKind::COND_LINE) => match value(first_word).as_str() {
                    ".if" => Kind::If,
                    ".elif" => Kind::Elif,
                    ".else" => Kind::Else,
                    ".endif" => Kind::Endif,
                    _ => Kind::Error,
                },
                _ => Kind::Error,
            }
        })
        .collect()
}

/// What HAProxy makes of one word.
fn value(word: &str) -> String {
    let tokens = tokenize(word);
    unquote(tokens.iter().map(|token| (token.kind, token.text(word))))
}

fn line_nodes(root: &SyntaxNode) -> Vec<(usize, SyntaxKind)> {
    let mut nodes = Vec::new();
    for child in root.children() {
        let lines: Vec<SyntaxNode> = if child.kind() == SyntaxKind::SECTION {
            child.children().collect()
        } else {
            vec![child]
        };
        for line in lines {
            nodes.push((usize::from(line.text_range().start()), line.kind()));
        }
    }
    nodes
}

const PIECES: &[&str] = &[
    "frontend", "backend", "\"listen\"", "glo\\bal", ".if", ".elif", ".else", ".endif",
    "\".if\"", ".\\x69f", ".diag", ".alert", ".bogus", "[scope]", "[bad", "a", ":80", " ",
    "\t", "\"", "'", "''", "#", "\\x4", "\\x41", "\"${X\"", "\"$X\"", "\r", "\0", "\u{feff}",
];

#[test]
fn kinds_from_tokens_match_the_tree() {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for case in 0..20_000 {
        let mut text = String::new();
        for _ in 0..next() % 8 {
            for _ in 0..next() % 6 {
                text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            text.push('\n');
        }
        assert_eq!(
            split(&text).iter().map(|line| line.kind).collect::<Vec<_>>(),
            kinds_from_tree(&text),
            "case {case}: {text:?}"
        );
    }
    // More words than HAProxy accepts.
    let long = format!("{}\n", ["a"; 70].join(" "));
    assert_eq!(split(&long)[0].kind, Kind::Error);
    assert_eq!(kinds_from_tree(&long), vec![Kind::Error]);
}
