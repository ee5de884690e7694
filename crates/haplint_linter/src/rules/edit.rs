//! Helpers to build text edits on whole lines.

use haplint_semantic::Statement;

use crate::context::LintContext;
use crate::diagnostic::{Edit, Span};

/// Removes the line holding `statement`, newline included.
pub fn delete_line(context: &LintContext<'_>, statement: &Statement) -> Edit {
    let text = context.text(statement.file);
    let start = usize::from(statement.range.start());
    let line_start = text[..start].rfind('\n').map_or(0, |index| index + 1);
    let end = usize::from(statement.range.end());
    let line_end = text[end..]
        .find('\n')
        .map_or(text.len(), |index| end + index + 1);
    Edit {
        span: Span {
            file: statement.file,
            start: line_start,
            end: line_end,
        },
        content: String::new(),
    }
}

/// Inserts `lines` (each already indented) after the line holding `statement`.
pub fn insert_after(
    context: &LintContext<'_>,
    statement_file: haplint_semantic::FileId,
    offset: usize,
    lines: &[String],
) -> Edit {
    let text = context.text(statement_file);
    let line_end = text[offset..]
        .find('\n')
        .map_or(text.len(), |index| offset + index + 1);
    let newline = newline_of(text);
    let mut content = String::new();
    if line_end == text.len() && !text.ends_with('\n') {
        content.push_str(newline);
    }
    for line in lines {
        content.push_str(line);
        content.push_str(newline);
    }
    Edit {
        span: Span {
            file: statement_file,
            start: line_end,
            end: line_end,
        },
        content,
    }
}

/// The line ending lines added to `text` get: the first one the file uses,
/// so a CRLF file stays CRLF (a file without any line ending gets LF).
pub fn newline_of(text: &str) -> &'static str {
    match text.find('\n') {
        Some(index) if text[..index].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

/// The indentation of the line holding byte `offset`.
pub fn indentation_at(text: &str, offset: usize) -> String {
    let line_start = text[..offset].rfind('\n').map_or(0, |index| index + 1);
    text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

/// Inserts `lines` (each already indented) before the line holding byte `offset`.
pub fn insert_before(
    context: &LintContext<'_>,
    file: haplint_semantic::FileId,
    offset: usize,
    lines: &[String],
) -> Edit {
    let text = context.text(file);
    let line_start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |index| index + 1);
    let newline = newline_of(text);
    let mut content = String::new();
    for line in lines {
        content.push_str(line);
        content.push_str(newline);
    }
    Edit {
        span: Span {
            file,
            start: line_start,
            end: line_start,
        },
        content,
    }
}

#[cfg(test)]
mod tests {
    use super::newline_of;

    #[test]
    fn the_first_line_ending_decides() {
        assert_eq!(newline_of("a\r\nb\n"), "\r\n");
        assert_eq!(newline_of("a\nb\r\n"), "\n");
        assert_eq!(newline_of("no ending"), "\n");
    }
}
