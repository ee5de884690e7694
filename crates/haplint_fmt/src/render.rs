//! Writes one line in the style, and checks that HAProxy reads it as before.

use haplint_syntax::lexer::{Token, tokenize_into};

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
    if reads_the_same(line, written, first_line, tokens) {
        return true;
    }
    out.truncate(start);
    out.push_str(line.text);
    false
}

/// Whether HAProxy's tokenizer finds in `written` the words and comment of
/// `line`, byte for byte.
fn reads_the_same(line: &Line, written: &str, first_line: bool, tokens: &mut Vec<Token>) -> bool {
    // A byte order mark is only one at the start of the file.
    if written.starts_with('\u{FEFF}') && !first_line {
        return false;
    }
    tokenize_into(written, tokens);
    reads_as(written, tokens, &line.sig)
}
