//! Fixes for some of the parser's diagnostics: the edit is in the text
//! the parser flagged, nothing of the model is needed.

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Edit, Span};
use crate::rule::{FixAvailability, fix_with};
use crate::rules::edit::newline_of;

/// Adds the fixes of `missing-final-newline` and `variable-outside-quotes`.
pub fn attach(
    context: &LintContext<'_>,
    diagnostics: &mut [Diagnostic],
    availability: impl Fn(&str) -> FixAvailability,
) {
    for diagnostic in diagnostics.iter_mut() {
        let text = context.text(diagnostic.span.file);
        let fix = match diagnostic.rule {
            "missing-final-newline" => final_newline(text, diagnostic.span),
            "variable-outside-quotes" => quoted_variable(text, diagnostic.span),
            _ => continue,
        };
        if let Some((title, edit)) = fix {
            diagnostic.fix = Some(fix_with(availability(diagnostic.rule), title, vec![edit]));
        }
    }
}

/// The file's own line ending after its last line.
fn final_newline(text: &str, span: Span) -> Option<(&'static str, Edit)> {
    if text.is_empty() || text.ends_with('\n') {
        return None;
    }
    Some((
        "Add a newline at the end of the file",
        Edit {
            span: Span {
                file: span.file,
                start: text.len(),
                end: text.len(),
            },
            content: newline_of(text).to_owned(),
        },
    ))
}

/// `${NAME}` becomes `"${NAME}"`: a quoted piece joined to the pieces
/// around it without a space, so the word stays one word for HAProxy
/// (`srv${N}.local` becomes `srv"${N}".local`, which HAProxy reads as
/// one word with the variable expanded). No fix for a reference without
/// its `}` or inside single quotes, where HAProxy expands nothing.
fn quoted_variable(text: &str, span: Span) -> Option<(&'static str, Edit)> {
    let written = text.get(span.start..span.end)?;
    let name = written.strip_prefix("${")?.strip_suffix('}')?;
    if name.is_empty() || name.contains(['"', '\'', '\\', '$', '{', '}']) {
        return None;
    }
    let line_start = text[..span.start].rfind('\n').map_or(0, |index| index + 1);
    if in_single_quotes(&text[line_start..span.start]) {
        return None;
    }
    Some((
        "Put the variable in double quotes so that HAProxy expands it",
        Edit {
            span,
            content: format!("\"{written}\""),
        },
    ))
}

/// Whether the end of `line` is inside a single-quoted part, as HAProxy
/// reads quotes: a backslash escapes the next character outside single
/// quotes, and each kind of quote is literal inside the other.
fn in_single_quotes(line: &str) -> bool {
    let (mut single, mut double, mut escaped) = (false, false, false);
    for c in line.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if !single => escaped = true,
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            _ => {}
        }
    }
    single
}

#[cfg(test)]
mod tests {
    use super::in_single_quotes;

    #[test]
    fn single_quotes_are_tracked_as_haproxy_reads_them() {
        assert!(in_single_quotes("  server s '"));
        assert!(!in_single_quotes("  server s 'a' "));
        assert!(!in_single_quotes("  server s \"'\" "));
        assert!(!in_single_quotes("  server s \\' "));
    }
}
