//! The source cut into lines, each with its words and comment as the
//! tokenizer sees them, and its kind decided from its first word the way
//! the parser decides it (`haplint_syntax`'s `parser.rs`), without
//! building the tree.

use haplint_syntax::lexer::{Token, tokenize_lines};
use haplint_syntax::sections::find_section_keyword;
use haplint_syntax::{MAX_WORDS_PER_LINE, SyntaxKind, unquote};

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
    /// A slice of the one vector of every word of the file (see
    /// [`Words`]): no allocation per line.
    pub words: &'a [&'a str],
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
    /// escaped space that glues the next word on. Empty when no gap is
    /// kept (most lines: no allocation).
    pub kept_gap: Vec<Option<&'a str>>,
    /// The comment is glued to the last word (`foo#bar`): kept so.
    pub glued_comment: bool,
    /// The parser may find an error on this line that its tokens alone do
    /// not tell: a `.` directive (conditional blocks, messages, unknown
    /// directives), an SPOE scope, a byte order mark, or a line the
    /// tokenizer rejects (whose message the parser words).
    pub needs_parser: bool,
}

/// The signature of `body`, the tokens of one line of `text` without its
/// newline, but for its words, which go to the end of `words`; returns
/// how many there are.
fn signature<'a>(text: &'a str, body: &[Token], words: &mut Vec<&'a str>) -> (Signature<'a>, u32) {
    let mut sig = Signature::default();
    let mut count = 0;
    let mut word_start: Option<usize> = None;
    let mut word_end = 0;
    for token in body {
        if is_word_piece(token.kind) {
            word_start.get_or_insert(token.start as usize);
            word_end = token.end as usize;
            continue;
        }
        if let Some(start) = word_start.take() {
            words.push(&text[start..word_end]);
            count += 1;
        }
        match token.kind {
            SyntaxKind::BOM => sig.bom = true,
            SyntaxKind::COMMENT => sig.comment = Some(token.text(text)),
            SyntaxKind::CR_TAIL | SyntaxKind::NUL_TAIL => sig.tail = true,
            _ => {}
        }
    }
    if let Some(start) = word_start {
        words.push(&text[start..word_end]);
        count += 1;
    }
    (sig, count)
}

/// Whether the tokens of `written` (one line, no ending) read as `sig`:
/// the same comparison as building their signature, without building it.
pub(crate) fn reads_as(written: &str, tokens: &[Token], sig: &Signature) -> bool {
    let mut expected = sig.words.iter();
    let (mut bom, mut comment, mut tail) = (false, None, false);
    let mut word_start: Option<usize> = None;
    let mut word_end = 0;
    let mut word_matches =
        |start: usize, end: usize| expected.next() == Some(&&written[start..end]);
    for token in tokens {
        if is_word_piece(token.kind) {
            word_start.get_or_insert(token.start as usize);
            word_end = token.end as usize;
            continue;
        }
        if let Some(start) = word_start.take()
            && !word_matches(start, word_end)
        {
            return false;
        }
        match token.kind {
            SyntaxKind::BOM => bom = true,
            SyntaxKind::COMMENT => comment = Some(token.text(written)),
            SyntaxKind::CR_TAIL | SyntaxKind::NUL_TAIL => tail = true,
            _ => {}
        }
    }
    if let Some(start) = word_start
        && !word_matches(start, word_end)
    {
        return false;
    }
    expected.next().is_none() && bom == sig.bom && comment == sig.comment && tail == sig.tail
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

/// Bytes of text lexed at a time (then cut at the next newline): the
/// tokens of a whole large file would be a buffer several times its size.
const BLOCK_BYTES: usize = 64 * 1024;

/// The words of a file's lines, one after the other, and how many each
/// line has: what [`Words::attach`] hands out to the lines.
#[derive(Default)]
pub(crate) struct Words<'a> {
    all: Vec<&'a str>,
    per_line: Vec<u32>,
}

impl<'a> Words<'a> {
    /// Gives each line its slice of the words.
    pub(crate) fn attach(&'a self, lines: &mut [Line<'a>]) {
        let mut next = 0;
        for (line, &count) in lines.iter_mut().zip(&self.per_line) {
            let end = next + count as usize;
            line.sig.words = &self.all[next..end];
            next = end;
        }
    }
}

/// Cuts `text` into lines, their words going to `words`: call
/// [`Words::attach`] before reading the lines' words.
pub(crate) fn split<'a>(text: &'a str, words: &mut Words<'a>) -> Vec<Line<'a>> {
    let mut lines = Vec::with_capacity(text.len() / 24 + 1);
    words.all.reserve(text.len() / 8);
    let mut tokens = Vec::with_capacity(BLOCK_BYTES / 3);
    let mut block_start = 0;
    while block_start < text.len() {
        let from = (block_start + BLOCK_BYTES).min(text.len());
        let block_end = text.as_bytes()[from..]
            .iter()
            .position(|&byte| byte == b'\n')
            .map_or(text.len(), |newline| from + newline + 1);
        tokens.clear();
        tokenize_lines(text, block_start..block_end, &mut tokens);
        let mut first = 0;
        while first < tokens.len() {
            let last = tokens[first..]
                .iter()
                .position(|token| token.kind == SyntaxKind::NEWLINE)
                .map_or(tokens.len(), |offset| first + offset + 1);
            let (line, count) = make_line(text, &tokens[first..last], &mut words.all);
            lines.push(line);
            words.per_line.push(count);
            first = last;
        }
        block_start = block_end;
    }
    lines
}

fn make_line<'a>(text: &'a str, tokens: &[Token], words: &mut Vec<&'a str>) -> (Line<'a>, u32) {
    let start = tokens.first().map_or(0, |token| token.start as usize);
    let (body, ending) = match tokens.last() {
        Some(token) if token.kind == SyntaxKind::NEWLINE => {
            (&tokens[..tokens.len() - 1], token.text(text))
        }
        _ => (tokens, ""),
    };
    let end = body.last().map_or(start, |token| token.end as usize);
    let (sig, count) = signature(text, body, words);
    let (kept_gap, glued_comment) = gaps(text, body);
    let (kind, dot) = kind_of(text, body, &sig, count as usize);
    let needs_parser = dot || sig.bom || matches!(kind, Kind::Error | Kind::Scope);
    let line = Line {
        text: &text[start..end],
        ending,
        kind,
        sig,
        kept_gap,
        glued_comment,
        needs_parser,
    };
    (line, count)
}

/// The kind of a line, and whether its first word starts with `.`: the
/// parser's `line_with_words` and `classify`, in the same order.
fn kind_of(text: &str, body: &[Token], sig: &Signature, words: usize) -> (Kind, bool) {
    let Some(first) = body.iter().position(|token| is_word_piece(token.kind)) else {
        // HAProxy rejects a NUL even on a line without words; a CR tail
        // is text it drops, not a blank: such lines stay as written.
        let kind = if sig.tail {
            Kind::Error
        } else if sig.comment.is_some() {
            Kind::Comment
        } else {
            Kind::Blank
        };
        return (kind, false);
    };
    let pieces = &body[first..];
    let word_len = pieces
        .iter()
        .position(|token| !is_word_piece(token.kind))
        .unwrap_or(pieces.len());
    let word = &pieces[..word_len];
    // SPOE scope lines are read raw, before HAProxy's tokenizer.
    if word[0].text(text).starts_with('[') {
        return (Kind::Scope, false);
    }
    if rejected_by_tokenizer(text, body, words) {
        return (Kind::Error, false);
    }
    match word {
        // The value of a lone text piece is its text: no allocation.
        [piece] if piece.kind == SyntaxKind::TEXT => classify(piece.text(text)),
        pieces => classify(&unquote(
            pieces.iter().map(|token| (token.kind, token.text(text))),
        )),
    }
}

fn classify(head: &str) -> (Kind, bool) {
    match head {
        ".if" => (Kind::If, true),
        ".elif" => (Kind::Elif, true),
        ".else" => (Kind::Else, true),
        ".endif" => (Kind::Endif, true),
        // Messages and unknown directives lay out as statements.
        _ if head.starts_with('.') => (Kind::Statement, true),
        _ if find_section_keyword(head).is_some() => (Kind::Header, false),
        _ => (Kind::Statement, false),
    }
}

/// Whether HAProxy's tokenizer rejects the line (the parser's
/// `tokenizer_error`, as a yes or no): a NUL, too many words, a quote
/// left open, a bad `\x` escape or a bad variable reference.
fn rejected_by_tokenizer(text: &str, body: &[Token], words: usize) -> bool {
    if words > MAX_WORDS_PER_LINE {
        return true;
    }
    let mut in_double_quotes = false;
    for token in body {
        match token.kind {
            SyntaxKind::NUL_TAIL | SyntaxKind::BAD_ESCAPE | SyntaxKind::BAD_VAR_REF => {
                return true;
            }
            SyntaxKind::DQUOTE => in_double_quotes = !in_double_quotes,
            // The quote is still open where HAProxy stops reading.
            SyntaxKind::CR_TAIL if in_double_quotes => return true,
            SyntaxKind::SQ_STRING => {
                let quoted = token.text(text);
                if quoted.len() < 2 || !quoted.ends_with('\'') {
                    return true;
                }
            }
            _ => {}
        }
    }
    in_double_quotes
}

/// The whitespace that must stay after each word (empty when none must),
/// and whether the comment touches the last word.
fn gaps<'a>(text: &'a str, body: &[Token]) -> (Vec<Option<&'a str>>, bool) {
    let mut kept = Vec::new();
    let mut words = 0;
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
            if backslash
                && token.kind == SyntaxKind::WHITESPACE
                && body[index..]
                    .iter()
                    .any(|next| next.kind != SyntaxKind::WHITESPACE)
            {
                kept.resize(words, None);
                kept.push(Some(token.text(text)));
            }
            words += 1;
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
    (kept, glued)
}

#[cfg(test)]
mod tests;
