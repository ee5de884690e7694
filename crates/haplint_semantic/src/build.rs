//! From syntax trees to the model: sections and statements with word values.

use haplint_keywords::SectionKind;
use haplint_syntax::TextRange;
use haplint_syntax::ast::{self, AstNode, Line};

use crate::FileId;
use crate::document::ConfigSet;
use crate::model::{Model, Prefix, Section, Statement, Word};

/// Builds the model of every document of the set, in order. Keywords are
/// resolved later; here statements only get their words.
pub fn build(set: &ConfigSet, inactive: &[Vec<TextRange>]) -> Model {
    let mut model = Model::default();
    for document in &set.documents {
        let tree = document.parse.tree();
        let inactive = inactive
            .get(document.id.0 as usize)
            .map_or(&[][..], Vec::as_slice);
        let is_active = |line: &Line| {
            !inactive
                .iter()
                .any(|range| range.contains_range(line.syntax().text_range()))
        };
        for line in tree.preamble().filter(is_active) {
            if let Line::Directive(directive) = line {
                model.orphans.extend(statement(document.id, &directive));
            }
        }
        for section in tree.sections() {
            let Some(header) = section.header() else {
                continue;
            };
            if !is_active(&Line::Header(header.clone())) {
                continue;
            }
            let Some(built) = section_header(document.id, &header) else {
                continue;
            };
            let mut built = built;
            for line in section.body().filter(is_active) {
                if let Line::Directive(directive) = line {
                    built.statements.extend(statement(document.id, &directive));
                }
            }
            model.sections.push(built);
        }
    }
    model
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
