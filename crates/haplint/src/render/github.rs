//! GitHub Actions workflow commands, which show up as annotations on the
//! pull request: `::error file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message`.

use haplint_linter::Severity;
use std::fmt::Write as _;

use crate::check::CheckedFile;

/// Workflow commands need `%`, CR and LF escaped in messages, plus `,` and
/// `:` in properties.
fn escape(text: &str, property: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            _ => out.push(c),
        }
    }
    out
}

pub fn render(files: &[CheckedFile]) -> String {
    let mut out = String::new();
    for checked in files {
        let file = &checked.file;
        for diagnostic in &checked.diagnostics {
            let start = file.line_index.position(&file.text, diagnostic.span.start);
            let end = file.line_index.position(&file.text, diagnostic.span.end);
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            let title = format!("{} ({})", diagnostic.rule, diagnostic.code);
            let _ = writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape(&file.path.display().to_string(), true),
                start.line,
                start.column,
                end.line,
                end.column,
                escape(&title, true),
                escape(&diagnostic.message, false),
            );
        }
    }
    out
}
