//! The logos lexer: HAProxy's `parse_line()` character classes turned into tokens.
//!
//! Outside quotes and inside double quotes the meaning of a character differs
//! (`$` starts a variable only inside `"..."`), so there are two logos
//! automata and the lexer morphs between them at each `"`.

use logos::{Lexer, Logos};

use crate::SyntaxKind;
use crate::variable::scan_variable;

/// A token: its kind and the byte range it covers in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: SyntaxKind,
    pub start: u32,
    pub end: u32,
}

// `#[inline]`: called for every token by other crates (the formatter),
// which cannot inline them otherwise.
impl Token {
    #[inline]
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    #[inline]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    #[inline]
    pub fn text(self, source: &str) -> &str {
        &source[self.start as usize..self.end as usize]
    }
}

/// Tokens outside of any quotes.
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
enum Unquoted {
    // C `isspace()` minus the line ends: space, TAB, VT, FF.
    #[regex(r"[ \t\x0B\x0C]+")]
    Whitespace,
    #[token("\n")]
    #[token("\r\n")]
    Newline,
    // HAProxy stops reading a line at a CR; whatever follows it is dropped.
    #[regex(r"\r[^\n]*", allow_greedy = true)]
    CrTail,
    #[regex(r"\x00[^\n]*", allow_greedy = true)]
    NulTail,
    // `#` starts a comment anywhere outside quotes, even in the middle of a word.
    #[regex(r"#[^\n\r\x00]*")]
    Comment,
    #[regex(r#"[^ \t\x0B\x0C\r\n\x00#"'\\]+"#)]
    Text,
    #[regex(r#"\\[ \\tnr#'"]"#)]
    #[regex(r"\\x[0-9a-fA-F][0-9a-fA-F]")]
    Escape,
    #[regex(r"\\x[0-9a-fA-F]?")]
    BadEscape,
    // Any other backslash is kept literally, and the next character keeps its
    // own meaning (`\<TAB>` still separates words, `\$` stays two characters).
    #[token("\\")]
    Backslash,
    #[token("\"")]
    DoubleQuote,
    // Nothing is special between single quotes; the closing quote may be missing.
    #[regex(r"'[^'\n\r\x00]*'?")]
    SingleQuoted,
}

/// Tokens between double quotes.
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
enum DoubleQuoted {
    #[regex(r#"[^"\\$\r\n\x00]+"#)]
    Text,
    #[regex(r#"\\[ \\tnr#'"$]"#)]
    #[regex(r"\\x[0-9a-fA-F][0-9a-fA-F]")]
    Escape,
    #[regex(r"\\x[0-9a-fA-F]?")]
    BadEscape,
    #[token("\\")]
    Backslash,
    #[token("$", lex_variable)]
    Variable(bool),
    #[token("\"")]
    Close,
}

/// Consumes a variable reference after its `$`; `true` when it is well formed.
fn lex_variable(lexer: &mut Lexer<DoubleQuoted>) -> bool {
    let scan = scan_variable(lexer.remainder());
    lexer.bump(scan.len_after_dollar);
    scan.error.is_none()
}

const BOM: &str = "\u{FEFF}";

/// Splits `text` into tokens that cover it completely and contiguously.
pub fn tokenize(text: &str) -> Vec<Token> {
    // Typical configurations have about one token per 3.7 bytes; reserving
    // a little more avoids copying the whole vector when it grows.
    let mut tokens = Vec::with_capacity(text.len() / 3 + 16);
    tokenize_lines(text, 0..text.len(), &mut tokens);
    tokens
}

/// Appends the tokens of `text[lines]` to `tokens`, with offsets in
/// `text`. `lines` must start at the start of a line (no token spans a
/// newline, so lines lex the same alone as in the whole text). Lexing a
/// large file a block of lines at a time into one reused buffer saves
/// allocating a buffer as large as the file.
pub fn tokenize_lines(text: &str, lines: std::ops::Range<usize>, tokens: &mut Vec<Token>) {
    let base = lines.start;
    let text = &text[lines];
    let mut unquoted = Unquoted::lexer(text);
    let first = tokens.len();
    // A byte order mark is one only at the very start of the file.
    if base == 0 && text.starts_with(BOM) {
        push(tokens, SyntaxKind::BOM, 0, BOM.len());
        unquoted.bump(BOM.len());
    }
    while let Some(result) = unquoted.next() {
        let span = unquoted.span();
        let kind = match result {
            Ok(Unquoted::DoubleQuote) => {
                push(tokens, SyntaxKind::DQUOTE, span.start, span.end);
                let mut quoted = unquoted.morph::<DoubleQuoted>();
                lex_double_quoted(&mut quoted, tokens);
                unquoted = quoted.morph();
                continue;
            }
            Ok(token) => unquoted_kind(token),
            // Every character belongs to some token; keep the text anyway.
            Err(()) => SyntaxKind::TEXT,
        };
        push(tokens, kind, span.start, span.end);
    }
    if base != 0 {
        let base = base as u32;
        for token in &mut tokens[first..] {
            token.start += base;
            token.end += base;
        }
    }
}

/// Lexes until the closing quote, or stops before the end of the line when
/// the quote is never closed.
fn lex_double_quoted(lexer: &mut Lexer<DoubleQuoted>, tokens: &mut Vec<Token>) {
    loop {
        match lexer.remainder().as_bytes().first() {
            None | Some(b'\n' | b'\r' | 0) => return,
            Some(_) => {}
        }
        let Some(result) = lexer.next() else { return };
        let span = lexer.span();
        let kind = match result {
            Ok(DoubleQuoted::Close) => {
                push(tokens, SyntaxKind::DQUOTE, span.start, span.end);
                return;
            }
            Ok(DoubleQuoted::Text | DoubleQuoted::Backslash) | Err(()) => SyntaxKind::TEXT,
            Ok(DoubleQuoted::Escape) => SyntaxKind::ESCAPE,
            Ok(DoubleQuoted::BadEscape) => SyntaxKind::BAD_ESCAPE,
            Ok(DoubleQuoted::Variable(true)) => SyntaxKind::VAR_REF,
            Ok(DoubleQuoted::Variable(false)) => SyntaxKind::BAD_VAR_REF,
        };
        push(tokens, kind, span.start, span.end);
    }
}

fn unquoted_kind(token: Unquoted) -> SyntaxKind {
    match token {
        Unquoted::Whitespace => SyntaxKind::WHITESPACE,
        Unquoted::Newline => SyntaxKind::NEWLINE,
        Unquoted::CrTail => SyntaxKind::CR_TAIL,
        Unquoted::NulTail => SyntaxKind::NUL_TAIL,
        Unquoted::Comment => SyntaxKind::COMMENT,
        Unquoted::Text | Unquoted::Backslash => SyntaxKind::TEXT,
        Unquoted::Escape => SyntaxKind::ESCAPE,
        Unquoted::BadEscape => SyntaxKind::BAD_ESCAPE,
        Unquoted::DoubleQuote => SyntaxKind::DQUOTE,
        Unquoted::SingleQuoted => SyntaxKind::SQ_STRING,
    }
}

fn push(tokens: &mut Vec<Token>, kind: SyntaxKind, start: usize, end: usize) {
    // Merge adjacent text pieces (a literal backslash and the text after it)
    // so that a word has as few tokens as possible.
    if kind == SyntaxKind::TEXT
        && let Some(last) = tokens.last_mut()
        && last.kind == SyntaxKind::TEXT
        && last.end as usize == start
    {
        last.end = end as u32;
        return;
    }
    tokens.push(Token {
        kind,
        start: start as u32,
        end: end as u32,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(SyntaxKind, &str)> {
        tokenize(text)
            .into_iter()
            .map(|token| (token.kind, token.text(text)))
            .collect()
    }

    /// The parser lexes a block of lines at a time: lines cut anywhere
    /// must give the tokens of the whole text.
    #[test]
    fn lines_lex_alone_as_in_the_whole_text() {
        let lines = "bind :80 \"quoted ${X} \\x41\" 'sq' a\\ b # c\r tail\n\u{FEFF}bom-lookalike\n";
        let text = format!("\u{FEFF}{}", lines.repeat(50));
        let whole = tokenize(&text);
        let mut in_blocks = Vec::new();
        let mut start = 0;
        for (index, _) in text.match_indices('\n').step_by(7) {
            tokenize_lines(&text, start..index + 1, &mut in_blocks);
            start = index + 1;
        }
        tokenize_lines(&text, start..text.len(), &mut in_blocks);
        assert_eq!(in_blocks, whole);
    }

    #[test]
    fn comment_starts_mid_word() {
        assert_eq!(
            kinds("foo#bar baz\n"),
            vec![
                (SyntaxKind::TEXT, "foo"),
                (SyntaxKind::COMMENT, "#bar baz"),
                (SyntaxKind::NEWLINE, "\n"),
            ]
        );
    }

    #[test]
    fn dollar_is_literal_outside_double_quotes() {
        assert_eq!(
            kinds("a$B'$C'"),
            vec![(SyntaxKind::TEXT, "a$B"), (SyntaxKind::SQ_STRING, "'$C'")]
        );
    }

    #[test]
    fn variables_inside_double_quotes() {
        assert_eq!(
            kinds(r#""x${A-d e}$B""#),
            vec![
                (SyntaxKind::DQUOTE, "\""),
                (SyntaxKind::TEXT, "x"),
                (SyntaxKind::VAR_REF, "${A-d e}"),
                (SyntaxKind::VAR_REF, "$B"),
                (SyntaxKind::DQUOTE, "\""),
            ]
        );
    }

    #[test]
    fn lone_cr_swallows_the_rest_of_the_line() {
        assert_eq!(
            kinds("a\r b\r\nc"),
            vec![
                (SyntaxKind::TEXT, "a"),
                (SyntaxKind::CR_TAIL, "\r b\r"),
                (SyntaxKind::NEWLINE, "\n"),
                (SyntaxKind::TEXT, "c"),
            ]
        );
    }

    #[test]
    fn unterminated_double_quote_stops_at_line_end() {
        assert_eq!(
            kinds("\"ab\\\nc"),
            vec![
                (SyntaxKind::DQUOTE, "\""),
                (SyntaxKind::TEXT, "ab\\"),
                (SyntaxKind::NEWLINE, "\n"),
                (SyntaxKind::TEXT, "c"),
            ]
        );
    }

    #[test]
    fn escapes() {
        assert_eq!(
            kinds(r"a\ b\x4\x41\q"),
            vec![
                (SyntaxKind::TEXT, "a"),
                (SyntaxKind::ESCAPE, r"\ "),
                (SyntaxKind::TEXT, "b"),
                (SyntaxKind::BAD_ESCAPE, r"\x4"),
                (SyntaxKind::ESCAPE, r"\x41"),
                (SyntaxKind::TEXT, r"\q"),
            ]
        );
    }
}
