//! `keyword-too-new` on a whole line: the keyword needs a later HAProxy
//! than the target. Either the target is wrong (the servers run a later
//! version) or the line has to go; only a person knows which, so the fix
//! removing the line is display-only: shown in an editor, never applied
//! by `--fix`.

use crate::context::LintContext;
use crate::diagnostic::Diagnostic;
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
