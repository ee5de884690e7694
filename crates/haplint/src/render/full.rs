//! Annotated snippets drawn by ariadne.

use std::fmt::Write;

use ariadne::{Color, Config, Fmt, IndexType, Label, Report, ReportKind, Source};

use crate::check::CheckedFile;
use crate::source_file::SourceFile;
use haplint_linter::{Diagnostic, Severity};

/// Longest line (in bytes) drawn in a snippet. A diagnostic on a longer
/// line (a generated file, a file with `\r` line endings) is printed without
/// one: a snippet repeats the line and pads its underline to the column, so
/// a 10 MB line would print tens of megabytes with the label out of sight.
const MAX_DRAWN_LINE: usize = 1000;

pub fn render(files: &[CheckedFile], color: bool, summary: bool) -> String {
    let mut out = Vec::new();
    let mut errors = 0;
    let mut warnings = 0;
    let mut others = 0;
    for checked in files {
        if checked.diagnostics.is_empty() {
            continue;
        }
        let path = checked.file.path.display().to_string();
        let source = Source::from(display_text(drawn_part(checked)));
        for diagnostic in &checked.diagnostics {
            let (kind, label_color) = match diagnostic.severity {
                Severity::Error => {
                    errors += 1;
                    (ReportKind::Error, Color::Red)
                }
                Severity::Warning => {
                    warnings += 1;
                    (ReportKind::Warning, Color::Yellow)
                }
                Severity::Info | Severity::Hint => {
                    others += 1;
                    (ReportKind::Advice, Color::Cyan)
                }
            };
            if let Some(line) = too_long_line(&checked.file, diagnostic) {
                write_without_snippet(
                    &mut out,
                    &path,
                    &checked.file,
                    diagnostic,
                    line,
                    (kind, color.then_some(label_color)),
                );
                continue;
            }
            // Messages quote config text, which may hold control characters.
            let message = display_text(&diagnostic.message);
            let span = (path.clone(), diagnostic.span.start..diagnostic.span.end);
            let mut report = Report::build(kind, span.clone())
                .with_config(
                    Config::default()
                        .with_color(color)
                        .with_index_type(IndexType::Byte),
                )
                .with_code(format!("{}/{}", diagnostic.code, diagnostic.rule))
                .with_message(&message)
                .with_label(
                    Label::new(span)
                        .with_message(&message)
                        .with_color(label_color),
                );
            // Labels in other files are not drawn here; sets checked by the
            // CLI hold one file each.
            for label in diagnostic
                .labels
                .iter()
                .filter(|label| label.span.file == diagnostic.span.file)
            {
                report = report.with_label(
                    Label::new((path.clone(), label.span.start..label.span.end))
                        .with_message(display_text(&label.message))
                        .with_color(Color::Blue),
                );
            }
            for note in notes(diagnostic) {
                report = report.with_note(note);
            }
            if let Some(help) = &diagnostic.help {
                report = report.with_help(display_text(help));
            }
            let _ = report.finish().write((path.clone(), &source), &mut out);
        }
    }
    let mut text = String::from_utf8_lossy(&out).into_owned();
    if summary && errors + warnings + others > 0 {
        let _ = writeln!(
            text,
            "found {errors} error(s), {warnings} warning(s) and {others} note(s)"
        );
    }
    text
}

/// The text up to the line after the last one a diagnostic of the file
/// points at: ariadne indexes every line of the source it is given, and on a
/// large file with a few findings near the top that indexing was most of
/// the report's cost. Line numbers and byte offsets stay those of the file.
fn drawn_part(checked: &CheckedFile) -> &str {
    let text = checked.file.text.as_str();
    let file = checked
        .diagnostics
        .first()
        .map(|diagnostic| diagnostic.span.file);
    let last = checked
        .diagnostics
        .iter()
        .flat_map(|diagnostic| {
            let labels = diagnostic
                .labels
                .iter()
                .filter(|label| Some(label.span.file) == file)
                .map(|label| label.span.end);
            std::iter::once(diagnostic.span.end).chain(labels)
        })
        .max()
        .unwrap_or(text.len());
    let mut cut = last.min(text.len());
    // The end of that line, then of the next one.
    for _ in 0..2 {
        cut = text[cut..]
            .find('\n')
            .map_or(text.len(), |newline| cut + newline + 1);
    }
    &text[..cut]
}

/// The first line longer than [`MAX_DRAWN_LINE`] that the snippet of
/// `diagnostic` would draw, with its length: `(line number, bytes)`.
fn too_long_line(file: &SourceFile, diagnostic: &Diagnostic) -> Option<(usize, usize)> {
    let same_file = diagnostic
        .labels
        .iter()
        .map(|label| label.span)
        .filter(|span| span.file == diagnostic.span.file);
    // A snippet draws the lines where each label starts and ends.
    std::iter::once(diagnostic.span)
        .chain(same_file)
        .flat_map(|span| [span.start, span.end])
        .find_map(|offset| {
            let length = file.line_index.line_len(&file.text, offset);
            (length > MAX_DRAWN_LINE)
                .then(|| (file.line_index.position(&file.text, offset).line, length))
        })
}

/// A diagnostic in ariadne's frame, with every location written out
/// instead of drawn.
fn write_without_snippet(
    out: &mut Vec<u8>,
    path: &str,
    file: &SourceFile,
    diagnostic: &Diagnostic,
    (line, length): (usize, usize),
    (kind, color): (ReportKind, Option<Color>),
) {
    let at = |offset| {
        let position = file.line_index.position(&file.text, offset);
        format!("{path}:{}:{}", position.line, position.column)
    };
    let mut text = format!(
        "{} {}\n   ╭─[ {} ]\n   │\n   │ Note: line {line} is not shown: it is {length} bytes long\n",
        format!("[{}/{}] {kind}:", diagnostic.code, diagnostic.rule).fg(color),
        display_text(&diagnostic.message),
        at(diagnostic.span.start),
    );
    for label in &diagnostic.labels {
        if label.span.file == diagnostic.span.file {
            let _ = writeln!(
                text,
                "   │ Note: {}: {}",
                at(label.span.start),
                display_text(&label.message)
            );
        }
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(text, "   │ Help: {}", display_text(help));
    }
    for note in notes(diagnostic) {
        let _ = writeln!(text, "   │ Note: {note}");
    }
    text.push_str("───╯\n");
    out.extend_from_slice(text.as_bytes());
}

/// The notes under a diagnostic: its own, then its fix and its page.
fn notes(diagnostic: &Diagnostic) -> Vec<String> {
    let fix = diagnostic.fix.as_ref().map(|fix| {
        format!(
            "fix available ({}): {}",
            applicability(fix.applicability),
            fix.title
        )
    });
    let url = diagnostic.url.as_ref().map(|url| format!("see {url}"));
    diagnostic
        .notes
        .iter()
        .cloned()
        .chain(fix)
        .chain(url)
        .map(|note| display_text(&note).into_owned())
        .collect()
}

fn applicability(applicability: haplint_linter::Applicability) -> &'static str {
    match applicability {
        haplint_linter::Applicability::Safe => "safe",
        haplint_linter::Applicability::Unsafe => "unsafe",
        haplint_linter::Applicability::DisplayOnly => "display only",
    }
}

/// The text with every character that ariadne would take for a line break
/// (or that would garble a terminal: a hostile file could clear the screen
/// or retitle the window) replaced by spaces of the same byte length, so
/// byte offsets and HAProxy's line numbers stay valid.
fn display_text(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| !shown_as_is(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let replaced = text
        .chars()
        .flat_map(|c| {
            let (replacement, count) = if shown_as_is(c) {
                (c, 1)
            } else {
                (' ', c.len_utf8())
            };
            std::iter::repeat_n(replacement, count)
        })
        .collect();
    std::borrow::Cow::Owned(replaced)
}

/// Whether a character can be drawn in a terminal as it is.
fn shown_as_is(c: char) -> bool {
    c == '\n' || c == '\t' || !(c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))
}

#[cfg(test)]
mod tests {
    use super::display_text;

    #[test]
    fn display_text_keeps_byte_offsets() {
        let text = "a\r b\u{85}c\u{2028}\0\n\td";
        let shown = display_text(text);
        assert_eq!(shown.len(), text.len());
        assert_eq!(shown.matches('\n').count(), 1);
    }
}
