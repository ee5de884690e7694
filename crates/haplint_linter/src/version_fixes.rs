//! `keyword-too-new` on a whole line, or on a `server` or `bind` option:
//! it needs a later HAProxy than the target. Either the target is wrong
//! (the servers run a later version) or the keyword has to go; only a
//! person knows which, so the fix removing the line (or the option and its
//! value) is display-only: shown in an editor, never applied by `--fix`.

use haplint_keywords::{Context, history};
use haplint_semantic::Statement;

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Edit, Span};
use crate::rule::{FixAvailability, fix_with};
use crate::rules::edit::delete_line;

pub fn attach(
    context: &LintContext<'_>,
    diagnostics: &mut [Diagnostic],
    availability: impl Fn(&str) -> FixAvailability,
) {
    for diagnostic in diagnostics
        .iter_mut()
        .filter(|diagnostic| diagnostic.rule == "keyword-too-new" && diagnostic.fix.is_none())
    {
        // The finding names the line's own keyword, not one of its options.
        let Some(statement) = context
            .model()
            .sections
            .iter()
            .flat_map(|section| section.statements.iter())
            .chain(&context.model().orphans)
            .find(|statement| {
                let keyword = statement.keyword_range();
                statement.file == diagnostic.span.file
                    && usize::from(statement.range.start()) == diagnostic.span.start
                    && usize::from(keyword.end()) == diagnostic.span.end
            })
        else {
            if let Some((title, edit)) = option_removal(context, diagnostic) {
                diagnostic.fix = Some(fix_with(availability(diagnostic.rule), title, vec![edit]));
            }
            continue;
        };
        diagnostic.fix = Some(fix_with(
            availability(diagnostic.rule),
            format!(
                "Remove `{}` (or raise the target version)",
                statement.head()
            ),
            vec![delete_line(context, statement)],
        ));
    }
}

/// The removal of the `server` or `bind` option the finding points at,
/// with its value when every version that knows the option gives it one
/// (none when they disagree), and the space before it.
fn option_removal(context: &LintContext<'_>, diagnostic: &Diagnostic) -> Option<(String, Edit)> {
    let option_context = if diagnostic.message.starts_with("`server` option `") {
        Context::Server
    } else if diagnostic.message.starts_with("`bind` option `") {
        Context::Bind
    } else {
        return None;
    };
    let statement: &Statement = context
        .statements_in(diagnostic.span.file, |statement| {
            usize::from(statement.range.start()) < diagnostic.span.start
                && diagnostic.span.end <= usize::from(statement.range.end())
        })
        .next()?;
    let words = &statement.words;
    let index = words.iter().position(|word| {
        usize::from(word.range.start()) == diagnostic.span.start
            && usize::from(word.range.end()) == diagnostic.span.end
    })?;
    let word = &words[index];
    let name = word.value.split('(').next().unwrap_or(&word.value);
    let takes_value: Vec<bool> = history(option_context, name)
        .map(|entry| !entry.args().is_empty())
        .collect();
    let values = match takes_value.first() {
        Some(first) if takes_value.iter().all(|value| value == first) => usize::from(*first),
        _ => return None,
    };
    let last = words.get(index + values)?;
    let start = usize::from(words.get(index.checked_sub(1)?)?.range.end());
    Some((
        format!("Remove `{name}` (or raise the target version)"),
        Edit {
            span: Span {
                file: statement.file,
                start,
                end: usize::from(last.range.end()),
            },
            content: String::new(),
        },
    ))
}
