//! The fix of `mode-mismatch` for an HTTP-only option (`option forwardfor`,
//! `option originalto`) that a tcp proxy inherits from its `defaults`.
//! HAProxy refuses the negation (`no option forwardfor`: "negation/default
//! is not supported"), so the tcp proxy cannot turn it off; the line moves
//! instead, from the `defaults` into each HTTP proxy that inherits it.
//! Safe: the HTTP proxies keep the same line, which applies wherever it is
//! written in a proxy, and the tcp proxies lose an option HAProxy ignored
//! in them (with a warning, which goes too).

use haplint_semantic::effective::Mode;
use haplint_semantic::{Section, Statement};

use crate::context::LintContext;
use crate::diagnostic::{Diagnostic, Edit};
use crate::rule::{FixAvailability, fix_with};
use crate::rules::edit::{delete_line, indentation_at, insert_after};
use crate::rules::placement::{conditionals, end_of_section, stack_at};

/// The options this fix moves; the others the message can name have a
/// negation HAProxy accepts, or a fix of their own (`option httplog`).
const MOVABLE: [&str; 2] = ["option forwardfor", "option originalto"];

pub fn attach(
    context: &LintContext<'_>,
    diagnostics: &mut [Diagnostic],
    availability: fn(&str) -> FixAvailability,
) {
    for diagnostic in diagnostics
        .iter_mut()
        .filter(|diagnostic| diagnostic.rule == "mode-mismatch" && diagnostic.fix.is_none())
    {
        let Some(key) = MOVABLE.iter().copied().find(|key| {
            diagnostic
                .message
                .starts_with(&format!("`{key}`, inherited"))
        }) else {
            continue;
        };
        // The related location is the line in `defaults` that sets it.
        let Some(label) = diagnostic.labels.first() else {
            continue;
        };
        let Some(setting) = context
            .statements_in(label.span.file, |statement| {
                usize::from(statement.range.start()) == label.span.start
            })
            .next()
        else {
            continue;
        };
        let Some(edits) = move_into_http_proxies(context, setting, key) else {
            continue;
        };
        diagnostic.fix = Some(fix_with(
            availability("mode-mismatch"),
            format!("Move `{key}` from `defaults` into the HTTP proxies that inherit it"),
            edits,
        ));
    }
}

/// Deletes `setting` from its `defaults` and writes it at the end of each
/// HTTP proxy that inherits it (with none, the deletion alone keeps what
/// every proxy does); none when that cannot keep what every proxy gets:
/// the line sits in an `.if` block, or a proxy's mode depends on the
/// environment.
fn move_into_http_proxies(
    context: &LintContext<'_>,
    setting: &Statement,
    key: &str,
) -> Option<Vec<Edit>> {
    let model = context.model();
    if !stack_at(
        &conditionals(context, setting.file),
        usize::from(setting.range.start()),
    )
    .is_empty()
    {
        return None;
    }
    let inheriting: Vec<(usize, &Section)> = model
        .sections
        .iter()
        .enumerate()
        .filter(|(_, section)| section.is_proxy())
        .filter(|(index, _)| {
            context
                .inheritance
                .setter(model, *index, key)
                .is_some_and(|setter| std::ptr::eq(setter, setting))
        })
        .collect();
    if inheriting
        .iter()
        .any(|(index, _)| !context.inheritance.mode_is_known(model, *index))
    {
        return None;
    }
    let http: Vec<&Section> = inheriting
        .iter()
        .filter(|(index, _)| context.inheritance.mode(model, *index) == Mode::Http)
        .map(|(_, section)| *section)
        .collect();
    let text = context.text(setting.file);
    let line = &text[usize::from(setting.range.start())..usize::from(setting.range.end())];
    let mut edits = vec![delete_line(context, setting)];
    for proxy in http {
        let proxy_text = context.text(proxy.file);
        let indent = proxy.statements.first().map_or_else(
            || "    ".to_owned(),
            |first| indentation_at(proxy_text, usize::from(first.range.start())),
        );
        let anchor = end_of_section(&conditionals(context, proxy.file), proxy);
        edits.push(insert_after(
            context,
            proxy.file,
            anchor,
            &[format!("{indent}{line}")],
        ));
    }
    Some(edits)
}
