//! A misspelled name with several close candidates (a keyword, an action,
//! a sample fetch or converter, a backend, an ACL, a userlist, resolvers,
//! cache...): the finding's own fix writes the
//! closest one; the editor also offers one fix per other candidate, since
//! only the author knows which was meant.

use std::collections::BTreeSet;

use haplint_keywords::{Context, Keywords, SectionKind};
use haplint_linter::{Diagnostic, replacement_for};
use haplint_semantic::effective::Inheritance;
use haplint_semantic::{Model, close_candidates, guess_keyword, match_words};
use lsp_types::{CodeAction, TextEdit};

use super::code_action::extra_quick_fix;
use crate::snapshot::Snapshot;

/// "Replace with `X`" for each close name but the one the finding's fix
/// already writes.
pub fn other_candidates(snapshot: &Snapshot, diagnostic: &Diagnostic) -> Vec<CodeAction> {
    let Some(fix) = diagnostic.fix.as_ref() else {
        return Vec::new();
    };
    if diagnostic.span.file != snapshot.file {
        return Vec::new();
    }
    let text = snapshot.text();
    let Some(written) = text.get(diagnostic.span.start..diagnostic.span.end) else {
        return Vec::new();
    };
    // A negated ACL stays negated: only the name after `!` is replaced.
    let (start, written) = match written.strip_prefix('!') {
        Some(name) if diagnostic.rule == "undefined-acl" => (diagnostic.span.start + 1, name),
        _ => (diagnostic.span.start, written),
    };
    let model = &snapshot.analyzed().analysis.model;
    if diagnostic.rule == "unknown-keyword" {
        return other_keywords(snapshot, diagnostic, &fix.title);
    }
    let names = match diagnostic.rule {
        "undefined-backend" => backend_names(model),
        "undefined-acl" => acl_names(model, snapshot, diagnostic.span.start),
        "undefined-reference" => match referenced_kind(&diagnostic.message) {
            Some(kind) => section_names(model, kind),
            None => return Vec::new(),
        },
        // Only a plain word: `set-vaar(txn.x)` would lose its arguments.
        "unknown-fetch" | "unknown-action" if !is_plain(written) => return Vec::new(),
        "unknown-fetch" => step_names(snapshot, &diagnostic.message),
        "unknown-action" => action_names(snapshot, &diagnostic.message),
        _ => return Vec::new(),
    };
    close_candidates(written, names.iter().map(String::as_str))
        .into_iter()
        .filter(|name| fix.title != format!("Replace with `{name}`"))
        .map(|name| replace_action(snapshot, diagnostic, name, start, name.to_owned()))
        .collect()
}

/// "Replace with `X`" for each keyword of the target version close to
/// the unknown one but the one the finding's fix already writes.
fn other_keywords(snapshot: &Snapshot, diagnostic: &Diagnostic, taken: &str) -> Vec<CodeAction> {
    let model = &snapshot.analyzed().analysis.model;
    let start = diagnostic.span.start;
    let Some((section, statement)) = model
        .sections
        .iter()
        .filter(|section| section.file == snapshot.file)
        .find_map(|section| {
            section
                .statements
                .iter()
                .find(|statement| {
                    usize::from(statement.range.start()) <= start
                        && start < usize::from(statement.range.end())
                })
                .map(|statement| (section, statement))
        })
    else {
        return Vec::new();
    };
    let Some(context) = section.kind.context() else {
        return Vec::new();
    };
    let text = snapshot.text();
    let Some(written) = text.get(start..diagnostic.span.end) else {
        return Vec::new();
    };
    let keywords = Keywords::for_version(snapshot.applied.options.target);
    guess_keyword(&match_words(statement), context, keywords)
        .candidates
        .into_iter()
        .filter(|name| taken != format!("Replace with `{name}`"))
        .filter_map(|name| {
            let (offset, replacement) = replacement_for(written, name)?;
            Some(replace_action(
                snapshot,
                diagnostic,
                name,
                start + offset,
                replacement,
            ))
        })
        .collect()
}

fn replace_action(
    snapshot: &Snapshot,
    diagnostic: &Diagnostic,
    name: &str,
    start: usize,
    new_text: String,
) -> CodeAction {
    extra_quick_fix(
        snapshot,
        diagnostic,
        format!("Replace with `{name}`"),
        vec![TextEdit {
            range: snapshot.range(start, diagnostic.span.end),
            new_text,
        }],
    )
}

/// Whether a word is a name as HAProxy reads it: no arguments, quotes or
/// variables around it.
fn is_plain(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The sample fetches or converters of the target version, as the
/// message "unknown sample fetch `x`" or "unknown converter `x`" says.
fn step_names(snapshot: &Snapshot, message: &str) -> BTreeSet<String> {
    let context = if message.starts_with("unknown sample fetch `") {
        Context::Fetch
    } else if message.starts_with("unknown converter `") {
        Context::Converter
    } else {
        return BTreeSet::new();
    };
    Keywords::for_version(snapshot.applied.options.target)
        .names(context)
        .iter()
        .map(|name| (*name).to_owned())
        .collect()
}

/// The actions of the rule set the message "unknown `<rule set>` action
/// `x`" names, at the target version.
fn action_names(snapshot: &Snapshot, message: &str) -> BTreeSet<String> {
    let Some(ruleset) = message
        .strip_prefix("unknown `")
        .and_then(|rest| rest.split_once("` action `"))
        .map(|(ruleset, _)| ruleset)
    else {
        return BTreeSet::new();
    };
    Keywords::for_version(snapshot.applied.options.target)
        .actions(ruleset)
        .filter_map(|entry| entry.extra("action"))
        .map(str::to_owned)
        .collect()
}

fn backend_names(model: &Model) -> BTreeSet<String> {
    model
        .sections
        .iter()
        .filter(|section| section.has_backend_side() && section.kind != SectionKind::Defaults)
        .filter_map(|section| section.name_text().map(str::to_owned))
        .collect()
}

fn section_names(model: &Model, kind: SectionKind) -> BTreeSet<String> {
    model
        .sections_of(kind)
        .filter_map(|section| section.name_text().map(str::to_owned))
        .collect()
}

/// The section kind an `undefined-reference` finding names, from its
/// message "<kind> `<name>` is not defined"; none for a ring (`ring@X`
/// is written around the name) or a stick table, which are not sections
/// of one kind.
fn referenced_kind(message: &str) -> Option<SectionKind> {
    let (what, _) = message.split_once(" `")?;
    [
        SectionKind::Userlist,
        SectionKind::Resolvers,
        SectionKind::Cache,
        SectionKind::Mailers,
        SectionKind::HttpErrors,
        SectionKind::Peers,
        SectionKind::FcgiApp,
    ]
    .into_iter()
    .find(|kind| kind.name() == what)
}

/// The ACL names visible where the finding is: those of its section and
/// of the `defaults` chain it inherits, as HAProxy resolves them.
fn acl_names(model: &Model, snapshot: &Snapshot, offset: usize) -> BTreeSet<String> {
    let Some(index) = model.sections.iter().position(|section| {
        section.file == snapshot.file
            && section.statements.iter().any(|statement| {
                usize::from(statement.range.start()) <= offset
                    && offset <= usize::from(statement.range.end())
            })
    }) else {
        return BTreeSet::new();
    };
    let inheritance = Inheritance::compute(model);
    let mut names = BTreeSet::new();
    let mut current = Some(index);
    // A `defaults` chain cannot be longer than the file's sections; the
    // bound keeps a cycle (which HAProxy refuses) from looping.
    for _ in 0..=model.sections.len() {
        let Some(position) = current else { break };
        for statement in model.sections[position]
            .statements
            .iter()
            .filter(|statement| statement.head() == "acl")
        {
            if let Some(name) = statement.args().first() {
                names.insert(name.value.clone());
            }
        }
        current = inheritance.defaults_of.get(position).copied().flatten();
    }
    names
}
