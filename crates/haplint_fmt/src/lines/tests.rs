//! The kinds read from the tokens are the kinds of the parser's line nodes.

use haplint_syntax::lexer::tokenize;
use haplint_syntax::{SyntaxKind, SyntaxNode, unquote};

use super::{Kind, Line, Words, split};

/// The kinds `split` gives the lines of `text`.
fn kinds(text: &str) -> Vec<Kind> {
    with_lines(text, |lines| lines.iter().map(|line| line.kind).collect())
}

fn with_lines<T>(text: &str, f: impl FnOnce(&[Line]) -> T) -> T {
    let mut words = Words::default();
    let mut lines = split(text, &mut words);
    words.attach(&mut lines);
    f(&lines)
}

/// The kind of each line from the tree, as the formatter took it before it
/// classified lines itself: the node that starts at the line's first word.
fn kinds_from_tree(text: &str) -> Vec<Kind> {
    let parse = haplint_syntax::parse(text);
    let nodes = line_nodes(&parse.syntax());
    with_lines(text, |lines| {
        lines
            .iter()
            .map(|line| {
                let Some(first_word) = line.sig.words.first() else {
                    return line.kind;
                };
                let start = first_word.as_ptr() as usize - text.as_ptr() as usize;
                let node = nodes
                    .iter()
                    .find(|(at, _)| *at == start)
                    .map(|&(_, kind)| kind);
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
    })
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
    "frontend",
    "backend",
    "\"listen\"",
    "glo\\bal",
    ".if",
    ".elif",
    ".else",
    ".endif",
    "\".if\"",
    ".\\x69f",
    ".diag",
    ".alert",
    ".bogus",
    "[scope]",
    "[bad",
    "a",
    ":80",
    " ",
    "\t",
    "\"",
    "'",
    "''",
    "#",
    "\\x4",
    "\\x41",
    "\"${X\"",
    "\"$X\"",
    "\r",
    "\0",
    "\u{feff}",
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
            kinds(&text),
            kinds_from_tree(&text),
            "case {case}: {text:?}"
        );
    }
    // More words than HAProxy accepts.
    let long = format!("{}\n", ["a"; 70].join(" "));
    assert_eq!(kinds(&long), vec![Kind::Error]);
    assert_eq!(kinds_from_tree(&long), vec![Kind::Error]);
}

/// A file of several lexing blocks cuts into the lines, words and kinds
/// each of its lines gets alone.
#[test]
fn large_files_split_in_blocks_like_their_lines_alone() {
    let block = "frontend f\n    bind :80 \"a b\" # c\n.if 1\n[s]\n  x 'q' a\\ b\n.endif\n\n";
    let text = block.repeat(3 * super::BLOCK_BYTES / block.len() + 7);
    assert_eq!(kinds(&text), kinds_from_tree(&text));
    with_lines(&text, |lines| {
        let mut rebuilt = String::new();
        for line in lines {
            rebuilt.push_str(line.text);
            rebuilt.push_str(line.ending);
            let alone = format!("{}{}", line.text, line.ending);
            with_lines(&alone, |one| assert_eq!(one[0].sig.words, line.sig.words));
        }
        assert_eq!(rebuilt, text);
    });
}
