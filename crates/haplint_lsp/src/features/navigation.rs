//! Go to definition, find references, document highlight and rename,
//! over the names of [`crate::features::index`].

use std::collections::HashMap;

use lsp_types::{
    DocumentHighlight, DocumentHighlightKind, Location, Position, PrepareRenameResponse, TextEdit,
    Url, WorkspaceEdit,
};

use crate::features::index::{Occurrence, at, same_symbol};
use crate::snapshot::Snapshot;

fn target(snapshot: &Snapshot, position: Position) -> Option<&Occurrence> {
    at(
        snapshot.occurrences(),
        snapshot.file,
        snapshot.offset(position),
    )
}

pub fn definition(snapshot: &Snapshot, position: Position) -> Vec<Location> {
    let Some(target) = target(snapshot, position) else {
        return Vec::new();
    };
    same_symbol(snapshot.occurrences(), target)
        .filter(|occurrence| occurrence.definition)
        .map(|occurrence| snapshot.location(occurrence.file, occurrence.range))
        .collect()
}

pub fn references(snapshot: &Snapshot, position: Position, declarations: bool) -> Vec<Location> {
    let Some(target) = target(snapshot, position) else {
        return Vec::new();
    };
    same_symbol(snapshot.occurrences(), target)
        .filter(|occurrence| declarations || !occurrence.definition)
        .map(|occurrence| snapshot.location(occurrence.file, occurrence.range))
        .collect()
}

pub fn highlights(snapshot: &Snapshot, position: Position) -> Vec<DocumentHighlight> {
    let Some(target) = target(snapshot, position) else {
        return Vec::new();
    };
    same_symbol(snapshot.occurrences(), target)
        .filter(|occurrence| occurrence.file == snapshot.file)
        .map(|occurrence| DocumentHighlight {
            range: snapshot.text_range(occurrence.file, occurrence.range),
            kind: Some(if occurrence.definition {
                DocumentHighlightKind::WRITE
            } else {
                DocumentHighlightKind::READ
            }),
        })
        .collect()
}

pub fn prepare_rename(snapshot: &Snapshot, position: Position) -> Option<PrepareRenameResponse> {
    let target = target(snapshot, position)?;
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: snapshot.text_range(target.file, target.range),
        placeholder: target.name.clone(),
    })
}

/// Characters HAProxy accepts in section, ACL and server names.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|character| character.is_ascii_alphanumeric() || "-_.:".contains(character))
}

/// The edit renaming the name under `position`, or why it cannot be done.
pub fn rename(
    snapshot: &Snapshot,
    position: Position,
    new_name: &str,
) -> Option<Result<WorkspaceEdit, String>> {
    let target = target(snapshot, position)?;
    if !valid_name(new_name) {
        return Some(Err(format!(
            "`{new_name}` is not a valid name: use letters, digits, `-`, `_`, `.` and `:`"
        )));
    }
    if new_name == target.name {
        return Some(Ok(WorkspaceEdit::default()));
    }
    let taken = snapshot.occurrences().iter().any(|occurrence| {
        occurrence.definition
            && occurrence.namespace == target.namespace
            && occurrence.name == new_name
    });
    if taken {
        return Some(Err(format!(
            "a {} named `{new_name}` already exists",
            target.namespace.describe()
        )));
    }
    let mut changes: HashMap<Url, Vec<TextEdit>> = HashMap::new();
    for occurrence in same_symbol(snapshot.occurrences(), target) {
        changes
            .entry(snapshot.uri_of(occurrence.file).clone())
            .or_default()
            .push(TextEdit {
                range: snapshot.text_range(occurrence.file, occurrence.range),
                new_text: new_name.to_owned(),
            });
    }
    Some(Ok(WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    }))
}
