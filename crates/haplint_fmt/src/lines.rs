//! The source cut into lines, each with its words and comment as the
//! tokenizer sees them, and the kind of line the parser made of it.

use haplint_syntax::lexer::{Token, tokenize};
use haplint_syntax::{Parse, SyntaxKind, SyntaxNode, unquote};

/// What a line is for the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Nothing but whitespace.
    Blank,
    /// A comment and nothing else.
    Comment,
    Header,
    Statement,
    If,
    Elif,
    Else,
    Endif,
    /// An SPOE `[scope]` line.
    Scope,
    /// A line HAProxy's tokenizer rejects.
    Error,
}

impl Kind {
    /// Lines that place the comments before them.
    pub(crate) fn is_significant(self) -> bool {
        !matches!(self, Kind::Blank | Kind::Comment)
    }
}

/// What HAProxy reads from a line: the comparison of the meaning-kept check.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Signature<'a> {
    pub bom: bool,
    pub words: Vec<&'a str>,
    pub comment: Option<&'a str>,
    /// A CR or NUL tail: the formatter never writes one, so a line that
    /// has one is kept as written.
    pub tail: bool,
}

/// One line of the source.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    /// The line without its ending.
    pub text: &'a str,
    /// `"\n"`, `"\r\n"` or `""` for a last line without a newline.
    pub ending: &'a str,
    pub kind: Kind,
    pub sig: Signature<'a>,
    /// For each word, the whitespace after it when it must stay as
    /// written: after a literal backslash, a space would become `\ `, an
    /// escaped space that glues the next word on.
    pub kept_gap: Vec<Option<&'a str>>,
    /// The comment is glued to the last word (`foo#bar`): kept so.
    pub glued_comment: bool,
}

/// The signature of the tokens of one line of `text`.
pub(crate) fn signature<'a>(text: &'a str, tokens: &[Token]) -> Signature<'a> {
    let mut sig = Signature::default();
    let mut word_start: Option<usize> = None;
    let mut word_end = 0;
    for token in tokens {
        if is_word_piece(token.kind) {
            word_start.get_or_insert(token.start as usize);
            word_end = token.end as usize;
            continue;
        }
        if let Some(start) = word_start.take() {
            sig.words.push(&text[start..word_end]);
        }
        match token.kind {
            SyntaxKind::BOM => sig.bom = true,
            SyntaxKind::COMMENT => sig.comment = Some(token.text(text)),
            SyntaxKind::CR_TAIL | SyntaxKind::NUL_TAIL => sig.tail = true,
            _ => {}
        }
    }
    if let Some(start) = word_start {
        sig.words.push(&text[start..word_end]);
    }
    sig
}

fn is_word_piece(kind: SyntaxKind) -> bool {
    !matches!(
        kind,
        SyntaxKind::WHITESPACE
            | SyntaxKind::NEWLINE
            | SyntaxKind::COMMENT
            | SyntaxKind::BOM
            | SyntaxKind::CR_TAIL
            | SyntaxKind::NUL_TAIL
    )
}

/// Cuts `text` into lines, using `parse` (of the same text) for their kinds.
pub(crate) fn split<'a>(text: &'a str, parse: &Parse) -> Vec<Line<'a>> {
    let kinds = line_node_kinds(&parse.syntax());
    let tokens = tokenize(text);
    let mut lines = Vec::with_capacity(text.len() / 24 + 1);
    let mut kind_index = 0;
    let mut first = 0;
    while first < tokens.len() {
        let last = tokens[first..]
            .iter()
            .position(|token| token.kind == SyntaxKind::NEWLINE)
            .map_or(tokens.len(), |offset| first + offset + 1);
        let line_tokens = &tokens[first..last];
        lines.push(make_line(text, line_tokens, &kinds, &mut kind_index));
        first = last;
    }
    lines
}

fn make_line<'a>(
    text: &'a str,
    tokens: &[Token],
    kinds: &[(u32, SyntaxKind)],
    kind_index: &mut usize,
) -> Line<'a> {
    let start = tokens.first().map_or(0, |token| token.start as usize);
    let (body, ending) = match tokens.last() {
        Some(token) if token.kind == SyntaxKind::NEWLINE => {
            (&tokens[..tokens.len() - 1], token.text(text))
        }
        _ => (tokens, ""),
    };
    let end = body.last().map_or(start, |token| token.end as usize);
    let sig = signature(text, body);
    let (kept_gap, glued_comment) = gaps(text, body);
    let first_word = body.iter().find(|token| is_word_piece(token.kind));
    let kind = match first_word {
        // HAProxy rejects a NUL even on a line without words; a CR tail
        // is text it drops, not a blank: such lines stay as written.
        None if sig.tail => Kind::Error,
        None if sig.comment.is_some() => Kind::Comment,
        None => Kind::Blank,
        Some(word) => {
            // The parser's line nodes come in source order and start at
            // their first word.
            while *kind_index < kinds.len() && kinds[*kind_index].0 < word.start {
                *kind_index += 1;
            }
            match kinds.get(*kind_index) {
                Some(&(at, node)) if at == word.start => classify(node, text, body),
                // A line the tree does not know: keep it as it is.
                _ => Kind::Error,
            }
        }
    };
    Line {
        text: &text[start..end],
        ending,
        kind,
        sig,
        kept_gap,
        glued_comment,
    }
}

fn classify(node: SyntaxKind, text: &str, body: &[Token]) -> Kind {
    match node {
        SyntaxKind::SECTION_HEADER => Kind::Header,
        SyntaxKind::DIRECTIVE | SyntaxKind::MESSAGE_LINE => Kind::Statement,
        SyntaxKind::SCOPE_LINE => Kind::Scope,
        SyntaxKind::COND_LINE => {
            let pieces = body
                .iter()
                .skip_while(|token| !is_word_piece(token.kind))
                .take_while(|token| is_word_piece(token.kind))
                .map(|token| (token.kind, token.text(text)));
            match unquote(pieces).as_str() {
                ".if" => Kind::If,
                ".elif" => Kind::Elif,
                ".else" => Kind::Else,
                ".endif" => Kind::Endif,
                _ => Kind::Error,
            }
        }
        _ => Kind::Error,
    }
}

/// The whitespace that must stay after each word, and whether the comment
/// touches the last word.
fn gaps<'a>(text: &'a str, body: &[Token]) -> (Vec<Option<&'a str>>, bool) {
    let mut kept = Vec::new();
    let mut glued = false;
    let mut previous: Option<Token> = None;
    let mut in_word = false;
    for (index, token) in body.iter().enumerate() {
        let piece = is_word_piece(token.kind);
        if in_word && !piece {
            // `previous` is the last piece of the word that just ended.
            let backslash = previous.is_some_and(|last| {
                last.kind == SyntaxKind::TEXT && last.text(text).ends_with('\\')
            });
            let followed = body[index..]
                .iter()
                .any(|next| next.kind != SyntaxKind::WHITESPACE);
            kept.push(
                (backslash && token.kind == SyntaxKind::WHITESPACE && followed)
                    .then(|| token.text(text)),
            );
            if token.kind == SyntaxKind::COMMENT {
                glued = true;
            }
        }
        if !in_word && piece {
            in_word = true;
        } else if !piece {
            in_word = false;
        }
        previous = Some(*token);
    }
    if in_word {
        kept.push(None);
    }
    (kept, glued)
}

/// Where each line node of the tree starts, in order, with its kind.
fn line_node_kinds(root: &SyntaxNode) -> Vec<(u32, SyntaxKind)> {
    let mut kinds = Vec::new();
    for child in root.children() {
        if child.kind() == SyntaxKind::SECTION {
            for line in child.children() {
                kinds.push((u32::from(line.text_range().start()), line.kind()));
            }
        } else {
            kinds.push((u32::from(child.text_range().start()), child.kind()));
        }
    }
    kinds
}
