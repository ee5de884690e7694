//! Writes one line in the style, and checks that HAProxy reads it as before.

use haplint_syntax::lexer::{Token, tokenize_lines};

use crate::lines::{Kind, Line, reads_as};
use crate::options::FormatOptions;

/// Appends `line` laid out at `level` to `out` (without its ending).
/// `align` is the width the second word is padded to, if aligned.
/// Falls back to the line as written when the result would not read the
/// same; returns `false` then. `tokens` is a buffer for reading the
/// result back.
pub(crate) fn push_line(
    line: &Line,
    level: usize,
    align: Option<usize>,
    first_line: bool,
    options: &FormatOptions,
    out: &mut String,
    tokens: &mut Vec<Token>,
) -> bool {
    let start = out.len();
    // Lines HAProxy rejects, and text after a CR that it drops, are not
    // the formatter's to change.
    if line.kind == Kind::Error || line.sig.tail {
        out.push_str(line.text);
        return true;
    }
    if line.sig.bom {
        out.push('\u{FEFF}');
    }
    if !line.sig.words.is_empty() || line.sig.comment.is_some() {
        options.push_indent(level, out);
    }
    for (index, word) in line.sig.words.iter().enumerate() {
        if index > 0 {
            match line.kept_gap.get(index - 1).copied().flatten() {
                Some(gap) => out.push_str(gap),
                None => out.push(' '),
            }
        }
        out.push_str(word);
        if index == 1
            && let Some(width) = align
            && line.sig.words.len() > 2
            && line.kept_gap.get(1).copied().flatten().is_none()
        {
            let used = word.chars().count();
            out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
        }
    }
    if let Some(comment) = line.sig.comment {
        if !line.sig.words.is_empty() && !line.glued_comment {
            let last_word = line.sig.words.len() - 1;
            match line.kept_gap.get(last_word).copied().flatten() {
                Some(gap) => out.push_str(gap),
                None if options.align_arguments => out.push_str("  "),
                None => out.push(' '),
            }
        }
        out.push_str(comment);
    }
    let written = &out[start..];
    if written == line.text {
        return true;
    }
    if !may_read_differently(line) {
        return true;
    }
    if reads_the_same(line, written, first_line, tokens) {
        return true;
    }
    out.truncate(start);
    out.push_str(line.text);
    false
}

/// Whether `line` laid out anew can read differently, so that the result
/// must be read back. Outside quotes, only a backslash makes a token that
/// runs over the whitespace after it (`\ ` is an escaped space); quotes
/// left open, CR and NUL tails and too many words make the line an error
/// line, kept as written; a U+FEFF is a byte order mark only at the start
/// of the file. Any other line is words that each end where their next
/// whitespace starts, whatever that whitespace is, and a comment: it
/// reads the same with other whitespace between them. The property
/// tests and the fuzz target read every line back regardless.
fn may_read_differently(line: &Line) -> bool {
    // 0xEF is the first byte of U+FEFF in UTF-8.
    line.text.bytes().any(|byte| byte == b'\\' || byte == 0xEF)
}

/// Whether HAProxy's tokenizer finds in `written` the words and comment of
/// `line`, byte for byte.
fn reads_the_same(line: &Line, written: &str, first_line: bool, tokens: &mut Vec<Token>) -> bool {
    // A byte order mark is only one at the start of the file.
    if written.starts_with('\u{FEFF}') && !first_line {
        return false;
    }
    tokens.clear();
    tokenize_lines(written, 0..written.len(), tokens);
    reads_as(written, tokens, &line.sig)
}
