//! Fixes for some of the model's own diagnostics, which need the text
//! around them: the model reports, the linter knows how to edit.

use haplint_keywords::SectionKind;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::rules::edit::{delete_line, indentation_at, insert_after, insert_before};

/// Adds the fixes the model's diagnostics can have.
pub fn attach(context: &LintContext<'_>, diagnostics: &mut [Diagnostic]) {
    move_to_global(context, diagnostics);
    move_misplaced_rules(context, diagnostics);
    drop_refused_nbproc(context, diagnostics);
}

/// `nbproc` on a version that refuses it: HAProxy starts threads on its own,
/// so removing the line gives the configuration HAProxy would run anyway.
fn drop_refused_nbproc(context: &LintContext<'_>, diagnostics: &mut [Diagnostic]) {
    for diagnostic in diagnostics
        .iter_mut()
        .filter(|diagnostic| diagnostic.rule == "removed-keyword")
    {
        let Some(statement) = statement_at(context, diagnostic) else {
            continue;
        };
        if statement.head() != "nbproc" {
            continue;
        }
        diagnostic.fix = Some(Fix {
            title: "Remove `nbproc`".to_owned(),
            applicability: Applicability::Safe,
            edits: vec![delete_line(context, statement)],
        });
    }
}

/// The statement a diagnostic starts on.
fn statement_at<'a>(
    context: &LintContext<'a>,
    diagnostic: &Diagnostic,
) -> Option<&'a haplint_semantic::Statement> {
    context
        .model()
        .sections
        .iter()
        .flat_map(|section| section.statements.iter())
        .find(|statement| {
            statement.file == diagnostic.span.file
                && usize::from(statement.range.start()) == diagnostic.span.start
        })
}

/// "Move it above": a rule written after a rule of a later phase goes just
/// before the first rule of that phase, where it already runs.
fn move_misplaced_rules(context: &LintContext<'_>, diagnostics: &mut [Diagnostic]) {
    for diagnostic in diagnostics
        .iter_mut()
        .filter(|diagnostic| diagnostic.rule == "rule-order")
    {
        let (Some(statement), Some(label)) =
            (statement_at(context, diagnostic), diagnostic.labels.first())
        else {
            continue;
        };
        if label.span.file != statement.file {
            continue;
        }
        let text = context.text(statement.file);
        let start = usize::from(statement.range.start());
        let line = &text[start..usize::from(statement.range.end())];
        let indent = indentation_at(text, label.span.start);
        diagnostic.fix = Some(Fix {
            title: "Move the rule above the rules that run after it".to_owned(),
            applicability: Applicability::Unsafe,
            edits: vec![
                insert_before(
                    context,
                    statement.file,
                    label.span.start,
                    &[format!("{indent}{line}")],
                ),
                delete_line(context, statement),
            ],
        });
    }
}

/// Adds "move to `global`" to global keywords found in other sections.
fn move_to_global(context: &LintContext<'_>, diagnostics: &mut [Diagnostic]) {
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
