//! `path:line:col: severity[rule-name] message`, one line per diagnostic,
//! the format editor problem matchers and grep understand.

use std::fmt::Write;

use crate::check::CheckedFile;

pub fn render(files: &[CheckedFile]) -> String {
    let mut out = String::new();
    for checked in files {
        let file = &checked.file;
        for diagnostic in &checked.diagnostics {
            let position = file.line_index.position(&file.text, diagnostic.span.start);
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                file.path.display(),
                position.line,
                position.column,
                diagnostic.severity.as_str(),
                diagnostic.rule,
                single_line(&diagnostic.message),
            );
        }
    }
    out
}

/// Messages quote config text, which may hold control characters.
fn single_line(message: &str) -> String {
    message
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
