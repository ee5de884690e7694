//! From syntax trees to the model: sections and statements with word values.

use haplint_keywords::SectionKind;
use haplint_syntax::TextRange;
use haplint_syntax::ast::{self, AstNode, Line};

use crate::FileId;
use crate::document::{ConfigSet, Document};
use crate::model::{Model, Prefix, Section, Statement, Word};

/// From this many bytes on, a document's sections are built on two
/// threads; below, a thread costs more than it saves.
const PARALLEL_FROM: usize = 256 * 1024;

/// Builds the model of every document of the set, in order. Keywords are
/// resolved later; here statements only get their words.
pub fn build(set: &ConfigSet, inactive: &[Vec<TextRange>]) -> Model {
    let mut model = Model::default();
    for document in &set.documents {
        let inactive = inactive
            .get(document.id.0 as usize)
            .map_or(&[][..], Vec::as_slice);
        let is_active = |line: &Line| is_active(inactive, line);
        for line in document.parse.tree().preamble().filter(is_active) {
            if let Line::Directive(directive) = line {
                model.orphans.extend(statement(document.id, &directive));
            }
        }
        if document.text.len() < PARALLEL_FROM {
            model
                .sections
                .extend(build_sections(document, inactive, 0..usize::MAX));
            continue;
        }
        // Syntax nodes cannot cross threads, but the tree they read can:
        // each thread walks its own view of it and builds half the sections.
        let count = document.parse.tree().sections().count();
        let half = count / 2;
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| build_sections(document, inactive, half..count));
            let first = build_sections(document, inactive, 0..half);
            (
                first,
                second
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            )
        });
        model.sections.extend(first);
        model.sections.extend(second);
    }
    model
}

fn is_active(inactive: &[TextRange], line: &Line) -> bool {
    !crate::conditions::is_skipped(inactive, line.syntax().text_range())
}

/// The sections of `document` whose index is in `indexes`.
fn build_sections(
    document: &Document,
    inactive: &[TextRange],
    indexes: std::ops::Range<usize>,
) -> Vec<Section> {
    let mut sections = Vec::new();
    let chosen = document
        .parse
        .tree()
        .sections()
        .skip(indexes.start)
        .take(indexes.len());
    for section in chosen {
        let Some(header) = section.header() else {
            continue;
        };
        if !is_active(inactive, &Line::Header(header.clone())) {
            continue;
        }
        let Some(mut built) = section_header(document.id, &header) else {
            continue;
        };
        for line in section.body().filter(|line| is_active(inactive, line)) {
            if let Line::Directive(directive) = line {
                built.statements.extend(statement(document.id, &directive));
            }
        }
        sections.push(built);
    }
    sections
}

fn words_of(words: impl Iterator<Item = ast::Word>) -> Vec<Word> {
    words
        .map(|word| {
            let (value, has_variables) = word.value_and_variables();
            Word {
                value,
                range: word.range(),
                has_variables,
            }
        })
        .collect()
}

/// The statement of a directive line; `None` for lines starting with `.`,
/// directives the parser already judged.
fn statement(file: FileId, directive: &ast::Directive) -> Option<Statement> {
    let words = words_of(directive.words());
    if words
        .first()
        .is_some_and(|word| word.value.starts_with('.'))
    {
        return None;
    }
    let prefix = match words.first().map(|word| word.value.as_str()) {
        Some("no") if words.len() > 1 => Some(Prefix::No),
        Some("default") if words.len() > 1 => Some(Prefix::Default),
        _ => None,
    };
    Some(Statement {
        file,
        range: directive.range(),
        words,
        prefix,
        keyword: None,
        keyword_words: 1,
    })
}

fn section_header(file: FileId, header: &ast::SectionHeader) -> Option<Section> {
    let words = words_of(header.words());
    let keyword = words.first()?;
    let kind = SectionKind::from_name(&keyword.value)?;
    let mut rest = words[1..].iter().cloned();
    let mut name = None;
    let mut from = None;
    let mut extra = Vec::new();
    let mut first = true;
    while let Some(word) = rest.next() {
        if word.value == "from" && kind.is_proxy() {
            match rest.next() {
                Some(target) => from = Some(target),
                None => extra.push(word),
            }
        } else if first {
            name = Some(word);
        } else {
            extra.push(word);
        }
        first = false;
    }
    Some(Section {
        file,
        kind,
        keyword_range: keyword.range,
        header_range: header.range(),
        name,
        from,
        extra_header_words: extra,
        statements: Vec::new(),
    })
}
