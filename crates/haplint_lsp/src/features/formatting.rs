//! `textDocument/formatting` and `rangeFormatting`: the edits that turn
//! the document into what `haplint fmt` writes, all of them or those on
//! the lines of a range.
//!
//! The options are the editor's indentation (`tabSize`, `insertSpaces`)
//! with `[format]` of `haplint.toml` over it: a project's choice wins.
//! A document with syntax errors gets no edits, as `haplint fmt` refuses
//! it; the lines in error would be the ones being edited.

use haplint_fmt::{FormatOptions, IndentStyle, format};
use lsp_types::{FormattingOptions, Range, TextEdit};

use crate::snapshot::Snapshot;

/// The edits for the whole document (`lines: None`) or for the hunks that
/// touch lines `lines` (0-based, inclusive).
pub fn formatting(
    snapshot: &Snapshot,
    editor: &FormattingOptions,
    lines: Option<(usize, usize)>,
) -> Option<Vec<TextEdit>> {
    let base = FormatOptions {
        indent_width: usize::try_from(editor.tab_size)
            .unwrap_or(4)
            .min(haplint_fmt::MAX_INDENT_WIDTH),
        indent_style: if editor.insert_spaces {
            IndentStyle::Spaces
        } else {
            IndentStyle::Tabs
        },
        ..FormatOptions::default()
    };
    let options = snapshot.applied.format.over(base);
    let text = snapshot.text();
    let formatted = format(text, &options, false).ok()?;
    Some(edits(snapshot, text, &formatted.text, lines))
}

/// The range request's lines: every line the range touches, the line of
/// an end at column 0 excepted (a selection of whole lines ends there).
pub fn range_lines(range: Range) -> (usize, usize) {
    let start = range.start.line as usize;
    let mut end = range.end.line as usize;
    if range.end.character == 0 && end > start {
        end -= 1;
    }
    (start, end)
}

/// Line-level edits from `before` to `after`. The formatter keeps every
/// line that is not blank, in order, and only adds or drops blank lines:
/// the n-th non-blank line of one is the n-th of the other, and the blank
/// runs between them correspond too. Each changed line, and each changed
/// run of blank lines, is one edit.
fn edits(
    snapshot: &Snapshot,
    before: &str,
    after: &str,
    lines: Option<(usize, usize)>,
) -> Vec<TextEdit> {
    let old = runs(before);
    let new = runs(after);
    if old.len() != new.len() {
        // Cannot happen with the formatter's output; one edit is still right.
        return if lines.is_none() {
            vec![TextEdit {
                range: snapshot.range(0, before.len()),
                new_text: after.to_owned(),
            }]
        } else {
            Vec::new()
        };
    }
    let mut edits = Vec::new();
    for (old_run, new_run) in old.iter().zip(&new) {
        let old_text = &before[old_run.bytes.clone()];
        let new_text = &after[new_run.bytes.clone()];
        if old_text == new_text {
            continue;
        }
        if let Some((first, last)) = lines {
            // An empty run (a blank line to insert) touches the line after it.
            let touched_end = old_run.lines.end.max(old_run.lines.start + 1);
            if touched_end <= first || old_run.lines.start > last {
                continue;
            }
        }
        edits.push(TextEdit {
            range: snapshot.range(old_run.bytes.start, old_run.bytes.end),
            new_text: new_text.to_owned(),
        });
    }
    edits
}

/// A non-blank line, or the (maybe empty) run of blank lines before one
/// or at the end: bytes and 0-based line numbers.
struct Run {
    bytes: std::ops::Range<usize>,
    lines: std::ops::Range<usize>,
}

/// Runs alternate: blanks, line, blanks, line, ..., blanks.
fn runs(text: &str) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut blank_start = (0, 0);
    let mut offset = 0;
    for (number, line) in text.split_inclusive('\n').enumerate() {
        let end = offset + line.len();
        if !is_blank(line) {
            runs.push(Run {
                bytes: blank_start.0..offset,
                lines: blank_start.1..number,
            });
            runs.push(Run {
                bytes: offset..end,
                lines: number..number + 1,
            });
            blank_start = (end, number + 1);
        }
        offset = end;
    }
    let line_count = text.split_inclusive('\n').count();
    runs.push(Run {
        bytes: blank_start.0..text.len(),
        lines: blank_start.1..line_count,
    });
    runs
}

/// Blank as the tokenizer sees it: only spaces, tabs, VT and FF.
fn is_blank(line: &str) -> bool {
    let body = line
        .strip_suffix("\r\n")
        .or_else(|| line.strip_suffix('\n'))
        .unwrap_or(line);
    body.bytes()
        .all(|byte| matches!(byte, b' ' | b'\t' | 0x0b | 0x0c))
}
