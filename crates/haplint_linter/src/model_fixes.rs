//! Fixes for some of the model's own diagnostics, which need the text
//! around them: the model reports, the linter knows how to edit.

use haplint_keywords::SectionKind;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::rules::edit::{delete_line, indentation_at, insert_after};

/// Adds "move to `global`" to global keywords found in other sections.
pub fn attach(context: &LintContext<'_>, diagnostics: &mut [Diagnostic]) {
    let model = context.model();
    let Some(global) = model.sections_of(SectionKind::Global).next() else {
        return;
    };
    for diagnostic in diagnostics.iter_mut() {
        if diagnostic.rule != "keyword-wrong-section"
            || diagnostic.help.as_deref() != Some("it belongs in `global`")
        {
            continue;
        }
        let Some(statement) = model
            .sections
            .iter()
            .flat_map(|section| section.statements.iter())
            .find(|statement| {
                statement.file == diagnostic.span.file
                    && usize::from(statement.range.start()) == diagnostic.span.start
            })
        else {
            continue;
        };
        let text = context.text(statement.file);
        let line = &text[usize::from(statement.range.start())..usize::from(statement.range.end())];
        let global_text = context.text(global.file);
        let indent = global.statements.first().map_or_else(
            || "    ".to_owned(),
            |first| indentation_at(global_text, usize::from(first.range.start())),
        );
        let anchor = global
            .statements
            .last()
            .map_or(global.header_range.end(), |last| last.range.end());
        diagnostic.fix = Some(Fix {
            title: "Move it to `global`".to_owned(),
            applicability: Applicability::Unsafe,
            edits: vec![
                insert_after(
                    context,
                    global.file,
                    usize::from(anchor),
                    &[format!("{indent}{line}")],
                ),
                delete_line(context, statement),
            ],
        });
    }
}
