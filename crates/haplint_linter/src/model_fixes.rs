//! Fixes for some of the model's own diagnostics, which need the text
//! around them: the model reports, the linter knows how to edit.

use haplint_keywords::SectionKind;

use crate::context::LintContext;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::rule::{FixAvailability, fix_with};
use crate::rules::edit::{delete_line, indentation_at, insert_after, insert_before};
use crate::rules::placement::{
    before_in_context, conditionals, end_of_section, same_context, stack_at,
};

/// The parser's and the model's diagnostics that can have a fix, with how
/// safe it is: the one place `haplint rules`, `explain` and the fixes read
/// it from. Most are "sometimes": only some keywords, only plain words, or
/// only lines whose move keeps their `.if` conditions, get one.
pub static MODEL_FIXES: &[(&str, FixAvailability)] = &[
    // The newline only completes the last line HAProxy already reads.
    (
        "missing-final-newline",
        FixAvailability::Always(Applicability::Safe),
    ),
    // Quoting makes HAProxy expand what it read as literal text.
    (
        "variable-outside-quotes",
        FixAvailability::Sometimes(Applicability::Unsafe),
    ),
    // "Did you mean": the suggestion replaces the word (only plain words).
    (
        "unknown-keyword",
        FixAvailability::Sometimes(Applicability::Unsafe),
    ),
    (
        "unknown-action",
        FixAvailability::Sometimes(Applicability::Unsafe),
    ),
    (
        "unknown-fetch",
        FixAvailability::Sometimes(Applicability::Unsafe),
    ),
    (
        "invalid-value",
        FixAvailability::Sometimes(Applicability::Unsafe),
    ),
    (
        "undefined-backend",
        FixAvailability::Sometimes(Applicability::Unsafe),
    ),
    (
        "undefined-defaults",
        FixAvailability::Sometimes(Applicability::Unsafe),
    ),
    (
        "undefined-acl",
        FixAvailability::Sometimes(Applicability::Unsafe),
    ),
    (
        "undefined-reference",
        FixAvailability::Sometimes(Applicability::Unsafe),
    ),
    // `listen NAME ADDRESS`: the address becomes a `bind` line, and the
    // section HAProxy refused now listens.
    (
        "invalid-name",
        FixAvailability::Sometimes(Applicability::Unsafe),
    ),
    (
        "keyword-out-of-section",
        FixAvailability::Sometimes(Applicability::Unsafe),
    ),
    // Removing a line too new for the target, or raising the target: a
    // person chooses.
    (
        "keyword-too-new",
        FixAvailability::Sometimes(Applicability::DisplayOnly),
    ),
    // Moving a keyword to `global` changes where it applies.
    (
        "keyword-wrong-section",
        FixAvailability::Sometimes(Applicability::Unsafe),
    ),
    // Moving a rule is meant to keep its meaning, but the author may have
    // meant the order as written.
    (
        "rule-order",
        FixAvailability::Sometimes(Applicability::Unsafe),
    ),
    // Removing `nbproc` makes one process of threads out of what was
    // written as several processes, as `nbproc-with-nbthread` says.
    (
        "removed-keyword",
        FixAvailability::Sometimes(Applicability::Unsafe),
    ),
    // `option tcplog` in a tcp proxy inheriting `option httplog`: the
    // format HAProxy falls back to already, so nothing changes. An
    // inherited `option forwardfor` moves into the HTTP proxies: the same.
    (
        "mode-mismatch",
        FixAvailability::Sometimes(Applicability::Safe),
    ),
    // `ca-file @system-ca` on a verified server without one: HAProxy
    // starts, and trusts the machine's authorities for that server.
    (
        "tls-configuration",
        FixAvailability::Sometimes(Applicability::Unsafe),
    ),
];

/// Whether a parser or model diagnostic can have a fix.
pub fn model_fix(name: &str) -> FixAvailability {
    MODEL_FIXES
        .iter()
        .find(|(rule, _)| *rule == name)
        .map_or(FixAvailability::Never, |(_, availability)| *availability)
}

/// Adds the fixes the model's diagnostics can have.
pub fn attach(context: &LintContext<'_>, diagnostics: &mut [Diagnostic]) {
    move_to_global(context, diagnostics);
    move_misplaced_rules(context, diagnostics);
    drop_refused_nbproc(context, diagnostics);
    crate::migration_fixes::attach(context, diagnostics);
    crate::syntax_fixes::attach(context, diagnostics, model_fix);
    crate::header_fixes::attach(context, diagnostics, model_fix);
    crate::version_fixes::attach(context, diagnostics, model_fix);
    crate::suggestion_fixes::attach(context, diagnostics, model_fix);
    crate::mode_fixes::attach(context, diagnostics, model_fix);
    crate::inherited_option_fixes::attach(context, diagnostics, model_fix);
    crate::tls_fixes::attach(context, diagnostics, model_fix);
}

/// `nbproc` on a version that refuses it: without the line HAProxy starts
/// threads on its own, but one process replaces the several ones written.
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
        diagnostic.fix = Some(fix_with(
            model_fix("removed-keyword"),
            "Remove `nbproc`",
            vec![delete_line(context, statement)],
        ));
    }
}

/// The statement a diagnostic starts on; none for the summary of findings
/// left out, which stands at a statement it does not describe.
pub(crate) fn statement_at<'a>(
    context: &LintContext<'a>,
    diagnostic: &Diagnostic,
) -> Option<&'a haplint_semantic::Statement> {
    if crate::cap::is_summary(diagnostic) {
        return None;
    }
    context
        .statements_in(diagnostic.span.file, |statement| {
            usize::from(statement.range.start()) == diagnostic.span.start
        })
        .next()
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
        // The rule keeps its `.if` conditions: it goes before the block that
        // holds the later rule, not into it; none when no place keeps them.
        let tree = conditionals(context, statement.file);
        let Some(at) = before_in_context(&tree, &stack_at(&tree, start), label.span.start) else {
            continue;
        };
        let indent = indentation_at(text, label.span.start);
        diagnostic.fix = Some(fix_with(
            model_fix("rule-order"),
            "Move the rule above the rules that run after it",
            vec![
                insert_before(context, statement.file, at, &[format!("{indent}{line}")]),
                delete_line(context, statement),
            ],
        ));
    }
}

/// Adds "move to `global`" to global keywords found in other sections.
fn move_to_global(context: &LintContext<'_>, diagnostics: &mut [Diagnostic]) {
    let model = context.model();
    let global = model.sections_of(SectionKind::Global).next();
    for diagnostic in diagnostics.iter_mut() {
        if diagnostic.rule != "keyword-wrong-section"
            || diagnostic.help.as_deref() != Some("it belongs in `global`")
        {
            continue;
        }
        // Say why there is no fix: `--fix` otherwise leaves the line as it
        // is without a word, and the author wonders what went wrong.
        let Some(global) = global else {
            diagnostic.notes.push(
                "no fix: there is no `global` section to move it to; add one with this line"
                    .to_owned(),
            );
            continue;
        };
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
        let start = usize::from(statement.range.start());
        // A line under `.if` moved to `global` would lose or gain a
        // condition: that move is left to the author.
        if !same_context(context, statement.file, start, global) {
            diagnostic.notes.push(
                "no fix: this line and `global` are under different `.if` conditions, so moved there it would apply under other conditions; move it by hand, with its `.if` block"
                    .to_owned(),
            );
            continue;
        }
        let text = context.text(statement.file);
        let line = &text[start..usize::from(statement.range.end())];
        let global_text = context.text(global.file);
        let indent = global.statements.first().map_or_else(
            || "    ".to_owned(),
            |first| indentation_at(global_text, usize::from(first.range.start())),
        );
        let anchor = end_of_section(&conditionals(context, global.file), global);
        diagnostic.fix = Some(fix_with(
            model_fix("keyword-wrong-section"),
            "Move it to `global`",
            vec![
                insert_after(context, global.file, anchor, &[format!("{indent}{line}")]),
                delete_line(context, statement),
            ],
        ));
    }
}
