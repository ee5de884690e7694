//! Annotated snippets drawn by ariadne.

use std::fmt::Write;

use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};

use crate::check::CheckedFile;
use haplint_linter::Severity;

pub fn render(files: &[CheckedFile], color: bool, summary: bool) -> String {
    let mut out = Vec::new();
    let mut errors = 0;
    let mut warnings = 0;
    let mut others = 0;
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
                Severity::Info | Severity::Hint => {
                    others += 1;
                    (ReportKind::Advice, Color::Cyan)
                }
            };
            let span = (path.clone(), diagnostic.span.start..diagnostic.span.end);
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
            // Labels in other files are not drawn here; sets checked by the
            // CLI hold one file each.
            for label in diagnostic
                .labels
                .iter()
                .filter(|label| label.span.file == diagnostic.span.file)
            {
                report = report.with_label(
                    Label::new((path.clone(), label.span.start..label.span.end))
                        .with_message(&label.message)
                        .with_color(Color::Blue),
                );
            }
            for note in &diagnostic.notes {
                report = report.with_note(note);
            }
            if let Some(fix) = &diagnostic.fix {
                report = report.with_note(format!(
                    "fix available ({}): {}",
                    applicability(fix.applicability),
                    fix.title
                ));
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
    if summary && errors + warnings + others > 0 {
        let _ = writeln!(
            text,
            "found {errors} error(s), {warnings} warning(s) and {others} note(s)"
        );
    }
    text
}

fn applicability(applicability: haplint_linter::Applicability) -> &'static str {
    match applicability {
        haplint_linter::Applicability::Safe => "safe",
        haplint_linter::Applicability::Unsafe => "unsafe",
        haplint_linter::Applicability::DisplayOnly => "display only",
    }
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
