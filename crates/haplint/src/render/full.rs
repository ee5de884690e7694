//! Annotated snippets drawn by ariadne.

use std::fmt::Write;

use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};

use crate::check::CheckedFile;
use crate::diagnostic::Severity;

pub fn render(files: &[CheckedFile], color: bool) -> String {
    let mut out = Vec::new();
    let mut errors = 0;
    let mut warnings = 0;
    for checked in files {
        let path = checked.file.path.display().to_string();
        let source = Source::from(display_text(&checked.file.text));
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
            };
            let span = (path.clone(), diagnostic.range.clone());
            let mut report = Report::build(kind, span.clone())
                .with_config(
                    Config::default()
                        .with_color(color)
                        .with_index_type(IndexType::Byte),
                )
                .with_code(format!("{}/{}", diagnostic.code, diagnostic.rule))
                .with_message(&diagnostic.message)
                .with_label(
                    Label::new(span)
                        .with_message(&diagnostic.message)
                        .with_color(label_color),
                );
            for related in &diagnostic.related {
                report = report.with_label(
                    Label::new((path.clone(), related.range.clone()))
                        .with_message(&related.message)
                        .with_color(Color::Blue),
                );
            }
            if let Some(help) = &diagnostic.help {
                report = report.with_help(help);
            }
            if let Some(url) = &diagnostic.url {
                report = report.with_note(format!("see {url}"));
            }
            let _ = report.finish().write((path.clone(), &source), &mut out);
        }
    }
    let mut text = String::from_utf8_lossy(&out).into_owned();
    if errors + warnings > 0 {
        let _ = writeln!(text, "found {errors} error(s) and {warnings} warning(s)");
    }
    text
}

/// The text with every character that ariadne would take for a line break
/// (or that would garble a terminal) replaced by spaces of the same byte
/// length, so byte offsets and HAProxy's line numbers stay valid.
fn display_text(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let keep =
                c == '\n' || c == '\t' || !(c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'));
            let (replacement, count) = if keep { (c, 1) } else { (' ', c.len_utf8()) };
            std::iter::repeat_n(replacement, count)
        })
        .collect()
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
