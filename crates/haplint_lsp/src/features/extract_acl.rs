//! "Extract into a named ACL": an anonymous ACL (`{ path_beg /api }`)
//! under the cursor becomes an `acl` line just above its rule, and the
//! braces become the new name. The ACL is evaluated as before: same
//! criterion, flags and patterns, declared before the rule that uses it
//! (HAProxy looks names up as it reads each rule), in the same `.if`
//! block as the rule.

use haplint_keywords::SectionKind;
use haplint_semantic::{Section, Statement, Word};
use lsp_types::{CodeAction, CodeActionKind, TextEdit, WorkspaceEdit};

use crate::snapshot::Snapshot;

/// The kind of the action, so editors list it with other extractions.
pub const EXTRACT: &str = "refactor.extract";

/// The extraction of the anonymous ACL touching `start..end`, if any.
pub fn extract_acl_action(snapshot: &Snapshot, start: usize, end: usize) -> Option<CodeAction> {
    let model = &snapshot.analyzed().analysis.model;
    // `acl` is refused in `defaults`: rules there stay as they are.
    let (section, statement) = model
        .sections
        .iter()
        .filter(|section| section.file == snapshot.file && section.kind != SectionKind::Defaults)
        .flat_map(|section| {
            section
                .statements
                .iter()
                .map(move |statement| (section, statement))
        })
        .find(|(_, statement)| {
            usize::from(statement.range.start()) <= end
                && start <= usize::from(statement.range.end())
        })?;
    if statement.head() == "acl" {
        return None;
    }
    let (open, close) = braces_touching(statement, start, end)?;
    let inside = &statement.words[open + 1..close];
    let criterion = inside.first()?;
    let text = snapshot.text();
    let definition =
        text.get(usize::from(criterion.range.start())..usize::from(inside.last()?.range.end()))?;
    let name = unique_name(section, &base_name(inside));
    let line_start = text[..usize::from(statement.range.start())]
        .rfind('\n')
        .map_or(0, |index| index + 1);
    let indent: String = text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let braces = (
        usize::from(statement.words[open].range.start()),
        usize::from(statement.words[close].range.end()),
    );
    let edits = vec![
        TextEdit {
            range: snapshot.range(line_start, line_start),
            new_text: format!("{indent}acl {name} {definition}{newline}"),
        },
        TextEdit {
            range: snapshot.range(braces.0, braces.1),
            new_text: name.clone(),
        },
    ];
    Some(CodeAction {
        title: format!("Extract into a named ACL `{name}`"),
        kind: Some(CodeActionKind::new(EXTRACT)),
        edit: Some(WorkspaceEdit {
            changes: Some(std::collections::HashMap::from([(
                snapshot.uri.clone(),
                edits,
            )])),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    })
}

/// The positions among the statement's words of the `{` and `}` of an
/// anonymous ACL that touches `start..end`, with at least a criterion
/// between them.
fn braces_touching(statement: &Statement, start: usize, end: usize) -> Option<(usize, usize)> {
    let words = &statement.words;
    let mut open = None;
    for (index, word) in words.iter().enumerate() {
        match (word.value.as_str(), open) {
            ("{", _) => open = Some(index),
            ("}", Some(at)) => {
                let from = usize::from(words[at].range.start());
                let to = usize::from(word.range.end());
                if from <= end && start <= to && index > at + 1 {
                    return Some((at, index));
                }
                open = None;
            }
            _ => {}
        }
    }
    None
}

/// `path_beg /api` gives `path_beg_api`: the criterion and its first
/// pattern, in the characters HAProxy allows in ACL names.
fn base_name(inside: &[Word]) -> String {
    let pattern = inside
        .iter()
        .skip(1)
        .find(|word| !word.value.starts_with('-'))
        .map_or("", |word| word.value.as_str());
    let raw = format!(
        "{}_{pattern}",
        inside.first().map_or("", |word| word.value.as_str())
    );
    let mut name = String::new();
    for c in raw.chars() {
        let kept = if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':') {
            c
        } else {
            '_'
        };
        if !(kept == '_' && name.ends_with('_')) {
            name.push(kept);
        }
    }
    let name = name.trim_matches('_');
    if name.is_empty() {
        "extracted".to_owned()
    } else {
        name.to_owned()
    }
}

/// `base`, or `base_2`, `base_3`... when the proxy already has that ACL.
fn unique_name(section: &Section, base: &str) -> String {
    let taken = |name: &str| {
        section
            .statements_of("acl")
            .any(|acl| acl.args().first().is_some_and(|word| word.value == name))
    };
    if !taken(base) {
        return base.to_owned();
    }
    // A proxy has fewer ACLs than this bound, so one of these is free.
    let acls = section.statements_of("acl").count();
    (2..acls + 3)
        .map(|n| format!("{base}_{n}"))
        .find(|name| !taken(name))
        .unwrap_or_else(|| base.to_owned())
}
