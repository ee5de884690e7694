//! "Create backend `X`": on a `use_backend` or `default_backend` naming a
//! backend that is not defined, a new backend of that name, added after
//! the last backend of the file (or at its end), with one server whose
//! address the author has to review. An editor action only: the name may
//! as well be a typo, which the finding's own fix offers to correct.

use haplint_keywords::SectionKind;
use haplint_linter::Diagnostic;
use haplint_semantic::{Conditionals, Section};
use lsp_types::{CodeAction, TextEdit};

use super::code_action::extra_quick_fix;
use crate::snapshot::Snapshot;

/// The server the new backend gets: a placeholder the title asks to review.
const PLACEHOLDER_ADDRESS: &str = "127.0.0.1:8080";

pub fn create_backend_action(snapshot: &Snapshot, diagnostic: &Diagnostic) -> Option<CodeAction> {
    if diagnostic.rule != "undefined-backend" || diagnostic.span.file != snapshot.file {
        return None;
    }
    let text = snapshot.text();
    let name = text.get(diagnostic.span.start..diagnostic.span.end)?;
    if !is_plain_name(name) {
        return None;
    }
    let model = &snapshot.analyzed().analysis.model;
    let backends: Vec<&Section> = model
        .sections_of(SectionKind::Backend)
        .filter(|section| section.file == snapshot.file)
        .collect();
    let newline = newline_of(text);
    let indent = backends
        .iter()
        .find_map(|section| section.statements.first())
        .map_or_else(
            || "    ".to_owned(),
            |first| indentation(text, first.range.start().into()),
        );
    let mode = referencing_mode(snapshot, diagnostic.span.start)
        .map(|mode| format!("{indent}mode {mode}{newline}"))
        .unwrap_or_default();
    let section = format!(
        "backend {name}{newline}{mode}{indent}server {name}1 {PLACEHOLDER_ADDRESS} check{newline}"
    );
    let edit = section_edit(snapshot, backends.last().copied(), section);
    Some(extra_quick_fix(
        snapshot,
        diagnostic,
        format!("Create backend `{name}` (review its server address)"),
        vec![edit],
    ))
}

/// A name HAProxy reads as written: no quotes, escapes or variables.
pub(super) fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// The file's line ending, from its first line break.
pub(super) fn newline_of(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

/// The edit adding `section` (its header and body, each line ended) after
/// `last`, the last section of its kind in the file, with a blank line
/// between it and its neighbours.
pub(super) fn section_edit(
    snapshot: &Snapshot,
    last: Option<&Section>,
    section: String,
) -> TextEdit {
    let text = snapshot.text();
    let model = &snapshot.analyzed().analysis.model;
    let tree = Conditionals::of(
        &snapshot.set.document(snapshot.file).parse,
        snapshot.applied.options.target,
    );
    let at = insertion_point(text, &tree, last, &model.sections);
    let newline = newline_of(text);
    let block = if at < text.len() {
        format!("{section}{newline}")
    } else if text.is_empty() {
        section
    } else if text.ends_with('\n') {
        format!("{newline}{section}")
    } else {
        format!("{newline}{newline}{section}")
    };
    TextEdit {
        range: snapshot.range(at, at),
        new_text: block,
    }
}

/// Where the new section goes: before the header of the section after
/// `last` (so it joins the backends), or at the end of the file; never
/// inside an `.if` block, where it would exist only when the block is
/// taken.
fn insertion_point(
    text: &str,
    tree: &Conditionals,
    last: Option<&Section>,
    sections: &[Section],
) -> usize {
    let after_last = last.and_then(|last| {
        sections
            .iter()
            .filter(|section| section.file == last.file)
            .find(|section| section.header_range.start() > last.header_range.start())
            .map(|next| line_start(text, next.header_range.start().into()))
    });
    match after_last {
        Some(at)
            if tree
                .stack_at(haplint_syntax::TextSize::try_from(at).unwrap_or_default())
                .is_empty() =>
        {
            at
        }
        _ => text.len(),
    }
}

pub(super) fn line_start(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |index| index + 1)
}

pub(super) fn indentation(text: &str, offset: usize) -> String {
    text[line_start(text, offset)..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

/// The `mode` the proxy holding the reference sets itself, so that the
/// new backend agrees with it (the one of `defaults` it inherits anyway).
fn referencing_mode(snapshot: &Snapshot, offset: usize) -> Option<String> {
    let model = &snapshot.analyzed().analysis.model;
    let section = model.sections.iter().find(|section| {
        section.file == snapshot.file
            && section.statements.iter().any(|statement| {
                usize::from(statement.range.start()) <= offset
                    && offset <= usize::from(statement.range.end())
            })
    })?;
    let mode = section.statements_of("mode").last()?;
    let value = mode.args().first()?;
    matches!(value.value.as_str(), "http" | "tcp").then(|| value.value.clone())
}
