//! Document symbols (sections with their ACLs, binds and servers),
//! workspace symbols over the open documents, and selection ranges.

use haplint_keywords::SectionKind;
use haplint_semantic::{Section, Statement};
use haplint_syntax::TextRange;
use lsp_types::{DocumentSymbol, Position, SelectionRange, SymbolInformation, SymbolKind};

use crate::log::warning;
use crate::snapshot::Snapshot;

fn section_kind(kind: SectionKind) -> SymbolKind {
    match kind {
        SectionKind::Frontend | SectionKind::Listen => SymbolKind::INTERFACE,
        SectionKind::Backend => SymbolKind::CLASS,
        SectionKind::Global | SectionKind::Defaults => SymbolKind::NAMESPACE,
        _ => SymbolKind::MODULE,
    }
}

/// The whole text of a section: header to last statement.
fn section_range(section: &Section) -> TextRange {
    section
        .statements
        .iter()
        .filter(|statement| statement.file == section.file)
        .fold(section.header_range, |range, statement| {
            range.cover(statement.range)
        })
}

fn section_label(section: &Section) -> String {
    match section.name_text() {
        Some(name) => format!("{} {name}", section.kind.name()),
        None => section.kind.name().to_owned(),
    }
}

/// At most this many symbols in one answer. Editors show a few hundred
/// at best; a generated configuration with hundreds of thousands of
/// sections made an answer of hundreds of megabytes that took seconds to
/// build and gigabytes to send.
pub const MAX_SYMBOLS: usize = 10_000;

#[allow(deprecated)] // `deprecated` is a required field of the type
fn statement_symbol(snapshot: &Snapshot, statement: &Statement) -> Option<DocumentSymbol> {
    let (kind, name_word) = match statement.head() {
        "acl" => (SymbolKind::CONSTANT, statement.body().get(1)),
        "server" => (SymbolKind::OBJECT, statement.body().get(1)),
        "bind" => (SymbolKind::EVENT, statement.body().get(1)),
        _ => return None,
    };
    let name_word = name_word?;
    let name = if statement.head() == "bind" {
        format!("bind {}", name_word.value)
    } else {
        name_word.value.clone()
    };
    Some(DocumentSymbol {
        name,
        detail: Some(statement.head().to_owned()),
        kind,
        tags: None,
        deprecated: None,
        range: snapshot.text_range(statement.file, statement.range),
        selection_range: snapshot.text_range(statement.file, name_word.range),
        children: None,
    })
}

/// The symbol that stands for the sections left out, placed at the
/// first of them.
#[allow(deprecated)] // `deprecated` is a required field of the type
fn omitted_symbol(snapshot: &Snapshot, first: &Section, omitted: usize) -> DocumentSymbol {
    let range = snapshot.text_range(first.file, first.header_range);
    DocumentSymbol {
        name: format!("… {} more sections not listed", group_thousands(omitted)),
        detail: Some(format!(
            "haplint lists at most {} symbols",
            group_thousands(MAX_SYMBOLS)
        )),
        kind: SymbolKind::NULL,
        tags: None,
        deprecated: None,
        range,
        selection_range: range,
        children: None,
    }
}

/// `354680` as `354,680`.
fn group_thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// Sections with their ACLs, binds and servers: at most [`MAX_SYMBOLS`]
/// of them, children included, then one symbol saying how many sections
/// were left out.
#[allow(deprecated)] // `deprecated` is a required field of the type
pub fn document_symbols(snapshot: &Snapshot) -> Vec<DocumentSymbol> {
    let model = &snapshot.analyzed().analysis.model;
    let mut sections = model
        .sections
        .iter()
        .filter(|section| section.file == snapshot.file);
    let mut symbols = Vec::new();
    let mut count = 0;
    while let Some(section) = sections.next() {
        if count >= MAX_SYMBOLS {
            let omitted = 1 + sections.count();
            warning!(
                "documentSymbol: {omitted} sections of {} not listed",
                snapshot.uri
            );
            symbols.push(omitted_symbol(snapshot, section, omitted));
            break;
        }
        count += 1;
        let children: Vec<DocumentSymbol> = section
            .statements
            .iter()
            .filter_map(|statement| statement_symbol(snapshot, statement))
            .take(MAX_SYMBOLS - count)
            .collect();
        count += children.len();
        let selection = section
            .name
            .as_ref()
            .map_or(section.keyword_range, |name| name.range);
        symbols.push(DocumentSymbol {
            name: section_label(section),
            detail: None,
            kind: section_kind(section.kind),
            tags: None,
            deprecated: None,
            range: snapshot.text_range(section.file, section_range(section)),
            selection_range: snapshot.text_range(section.file, selection),
            children: (!children.is_empty()).then_some(children),
        });
    }
    symbols
}

/// Sections, servers and ACLs of one document whose name contains `query`
/// (ignoring case), at most `limit` of them.
#[allow(deprecated)] // `deprecated` is a required field of the type
pub fn workspace_symbols(snapshot: &Snapshot, query: &str, limit: usize) -> Vec<SymbolInformation> {
    let query = query.to_lowercase();
    let model = &snapshot.analyzed().analysis.model;
    let mut found = Vec::new();
    let mut push = |name: String, kind: SymbolKind, file, range, container: Option<String>| {
        if found.len() < limit && name.to_lowercase().contains(&query) {
            found.push(SymbolInformation {
                name,
                kind,
                tags: None,
                deprecated: None,
                location: snapshot.location(file, range),
                container_name: container,
            });
        }
    };
    for section in model
        .sections
        .iter()
        .filter(|section| section.file == snapshot.file)
    {
        let Some(name) = section.name_text() else {
            continue;
        };
        push(
            name.to_owned(),
            section_kind(section.kind),
            section.file,
            section.header_range,
            Some(section.kind.name().to_owned()),
        );
        for statement in &section.statements {
            if let ("server" | "acl", Some(word)) = (statement.head(), statement.body().get(1)) {
                push(
                    word.value.clone(),
                    if statement.head() == "acl" {
                        SymbolKind::CONSTANT
                    } else {
                        SymbolKind::OBJECT
                    },
                    statement.file,
                    statement.range,
                    Some(section_label(section)),
                );
            }
        }
    }
    found
}

/// For each position: the word, its line, its section, the document.
pub fn selection_ranges(snapshot: &Snapshot, positions: &[Position]) -> Vec<SelectionRange> {
    let model = &snapshot.analyzed().analysis.model;
    let whole = snapshot.range(0, snapshot.text().len());
    positions
        .iter()
        .map(|position| {
            let offset = snapshot.offset(*position);
            let inside = |range: TextRange| {
                usize::from(range.start()) <= offset && offset <= usize::from(range.end())
            };
            let mut ranges = vec![whole];
            if let Some(section) = model
                .sections
                .iter()
                .filter(|section| section.file == snapshot.file)
                .find(|section| inside(section_range(section)))
            {
                ranges.push(snapshot.text_range(section.file, section_range(section)));
                let statement = section
                    .statements
                    .iter()
                    .find(|statement| inside(statement.range));
                let (line, words) = match statement {
                    Some(statement) => (statement.range, statement.words.as_slice()),
                    None => (section.header_range, &[][..]),
                };
                if inside(line) {
                    ranges.push(snapshot.text_range(section.file, line));
                }
                if let Some(word) = words.iter().find(|word| inside(word.range)) {
                    ranges.push(snapshot.text_range(section.file, word.range));
                }
            }
            ranges.dedup();
            // Innermost first, each with its parent.
            ranges
                .into_iter()
                .fold(None, |parent, range| {
                    Some(SelectionRange {
                        range,
                        parent: parent.map(Box::new),
                    })
                })
                .unwrap_or(SelectionRange {
                    range: whole,
                    parent: None,
                })
        })
        .collect()
}
