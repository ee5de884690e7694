//! "Move `X` into `defaults`": a setting every proxy using one `defaults`
//! section writes identically goes there once, out of each proxy.
//!
//! Offered only where the move keeps what HAProxy runs: at least two
//! proxies use the `defaults` (named or not, as `from` and the order of
//! sections decide) and each writes the same line once, outside any `.if`
//! block; no other `defaults` inherits from it (its proxies would gain the
//! setting); the `defaults` accepts the keyword at the target version and
//! sets it no other way itself; and the setting is one that a proxy's own
//! line simply overrides (a timeout, an option, `mode`, `retries`), not one
//! that adds up (`http-request`, `acl`, `log`...).

use haplint_keywords::{SectionKind, Version};
use haplint_semantic::effective::Inheritance;
use haplint_semantic::{Conditionals, Section, Statement};
use lsp_types::{CodeAction, CodeActionKind, TextEdit};

use super::code_action::single_file_edit;
use super::create_backend::{indentation, line_start};
use crate::snapshot::Snapshot;

/// The kind of the action.
pub const MOVE_TO_DEFAULTS: &str = "refactor.rewrite.haplint.moveToDefaults";

/// Log formats: whichever comes last wins, so one of them moved next to
/// another in `defaults` could change which applies.
const LOG_FORMATS: [&str; 4] = [
    "option httplog",
    "option httpslog",
    "option tcplog",
    "log-format",
];

/// Whether a proxy's own line replaces the inherited one entirely.
fn overrides(keyword: &str) -> bool {
    keyword.starts_with("timeout ")
        || keyword.starts_with("option ")
        || matches!(keyword, "mode" | "retries")
}

pub fn move_to_defaults_action(snapshot: &Snapshot, offset: usize) -> Option<CodeAction> {
    let model = &snapshot.analyzed().analysis.model;
    let target = snapshot.applied.options.target;
    let (index, statement) = statement_at(&model.sections, snapshot, offset)?;
    let entry = statement.keyword?;
    let key = entry.keyword;
    if statement.prefix.is_some() || !overrides(key) || !valid_in_defaults(entry, target) {
        return None;
    }
    let inheritance = Inheritance::compute(model);
    let defaults = inheritance.defaults_of.get(index).copied().flatten()?;
    let defaults_section = &model.sections[defaults];
    if defaults_section.file != snapshot.file {
        return None;
    }
    // Every section inheriting from it: all proxies, none a `defaults`.
    let users: Vec<&Section> = model
        .sections
        .iter()
        .enumerate()
        .filter(|(position, _)| inheritance.defaults_of.get(*position) == Some(&Some(defaults)))
        .map(|(_, section)| section)
        .collect();
    if users.len() < 2 || users.iter().any(|section| !section.is_proxy()) {
        return None;
    }
    let text = snapshot.text();
    let tree = Conditionals::of(
        &snapshot.set.document(snapshot.file).parse,
        snapshot.applied.options.target,
    );
    let top_level = |statement: &Statement| tree.stack_at(statement.range.start()).is_empty();
    let words = |statement: &Statement| -> Vec<String> {
        statement
            .words
            .iter()
            .map(|word| word.value.clone())
            .collect()
    };
    let wanted = words(statement);
    let mut removals = Vec::new();
    for user in &users {
        let same_key: Vec<&Statement> = user
            .statements
            .iter()
            .filter(|other| other.keyword.map(|entry| entry.keyword) == Some(key))
            .collect();
        let [only] = same_key.as_slice() else {
            return None;
        };
        if user.file != snapshot.file || !top_level(only) || words(only) != wanted {
            return None;
        }
        removals.push(*only);
    }
    // What the `defaults` itself says about the key (or, for a log
    // format, about any of them).
    let related = |other: &Statement| {
        other.keyword.is_some_and(|entry| {
            entry.keyword == key
                || (LOG_FORMATS.contains(&key) && LOG_FORMATS.contains(&entry.keyword))
        })
    };
    let in_defaults: Vec<&Statement> = defaults_section
        .statements
        .iter()
        .filter(|other| related(other))
        .collect();
    let already = match in_defaults.as_slice() {
        [] => false,
        [same] if words(same) == wanted && top_level(same) => true,
        _ => return None,
    };
    if !tree
        .stack_at(defaults_section.header_range.start())
        .is_empty()
    {
        return None;
    }
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut edits: Vec<TextEdit> = removals
        .iter()
        .map(|removed| {
            let start = line_start(text, removed.range.start().into());
            let end = text[usize::from(removed.range.end())..]
                .find('\n')
                .map_or(text.len(), |at| usize::from(removed.range.end()) + at + 1);
            TextEdit {
                range: snapshot.range(start, end),
                new_text: String::new(),
            }
        })
        .collect();
    if !already {
        let at = end_of_top_level(text, &tree, defaults_section);
        let indent = defaults_section.statements.first().map_or_else(
            || indentation(text, statement.range.start().into()),
            |first| indentation(text, first.range.start().into()),
        );
        let line = &text[usize::from(statement.range.start())..usize::from(statement.range.end())];
        let prefix = if at == text.len() && !text.ends_with('\n') {
            newline
        } else {
            ""
        };
        edits.push(TextEdit {
            range: snapshot.range(at, at),
            new_text: format!("{prefix}{indent}{line}{newline}"),
        });
    }
    let defaults_name = defaults_section
        .name_text()
        .map_or_else(|| "defaults".to_owned(), |name| format!("defaults {name}"));
    Some(CodeAction {
        title: format!(
            "Move `{}` into `{defaults_name}` (set identically in its {} proxies)",
            wanted.join(" "),
            users.len()
        ),
        kind: Some(CodeActionKind::new(MOVE_TO_DEFAULTS)),
        edit: Some(single_file_edit(&snapshot.uri, edits)),
        ..CodeAction::default()
    })
}

fn valid_in_defaults(entry: &haplint_keywords::Entry, target: Version) -> bool {
    entry.sections.contains(SectionKind::Defaults) && entry.covers(target)
}

/// The proxy statement on the cursor's line, with its section's index.
fn statement_at<'a>(
    sections: &'a [Section],
    snapshot: &Snapshot,
    offset: usize,
) -> Option<(usize, &'a Statement)> {
    sections
        .iter()
        .enumerate()
        .filter(|(_, section)| section.file == snapshot.file && section.is_proxy())
        .find_map(|(index, section)| {
            section
                .statements
                .iter()
                .find(|statement| {
                    line_start(snapshot.text(), statement.range.start().into()) <= offset
                        && offset <= usize::from(statement.range.end())
                })
                .map(|statement| (index, statement))
        })
}

/// Just after the last line of `section` outside `.if` blocks: where a
/// line added to it applies whatever the conditions.
fn end_of_top_level(text: &str, tree: &Conditionals, section: &Section) -> usize {
    let end = section
        .statements
        .iter()
        .rev()
        .find(|statement| tree.stack_at(statement.range.start()).is_empty())
        .map_or(section.header_range.end(), |statement| {
            statement.range.end()
        });
    let end = usize::from(end);
    text[end..].find('\n').map_or(text.len(), |at| end + at + 1)
}
