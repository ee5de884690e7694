//! From syntax trees to the model: sections and statements with word values.

use haplint_keywords::SectionKind;
use haplint_syntax::TextRange;
use haplint_syntax::ast::{self, AstNode, Line, WordLine};

use crate::FileId;
use crate::document::{ConfigSet, Document};
use crate::environment::Environment;
use crate::expand::{Dialect, expand_words};
use crate::model::{EmptyArgument, Model, Prefix, Section, Statement, Word};

/// The environment to evaluate variables with, when the user gave one,
/// and how the target version evaluates them.
#[derive(Clone, Copy)]
pub(crate) struct Expansion<'a> {
    pub environment: Option<&'a Environment>,
    pub dialect: Dialect,
}

/// From this many bytes on, a document's sections are built on two
/// threads; below, a thread costs more than it saves.
const PARALLEL_FROM: usize = 256 * 1024;

/// Builds the model of every document of the set, in order. Keywords are
/// resolved later; here statements only get their words.
pub fn build(set: &ConfigSet, inactive: &[Vec<TextRange>], expansion: Expansion<'_>) -> Model {
    let mut model = Model::default();
    for document in &set.documents {
        let inactive = inactive
            .get(document.id.0 as usize)
            .map_or(&[][..], Vec::as_slice);
        let is_active = |line: &Line| is_active(inactive, line);
        for line in document.parse.tree().preamble().filter(is_active) {
            if let Line::Directive(directive) = line {
                model
                    .orphans
                    .extend(statement(document.id, &directive, expansion));
            }
        }
        if document.text.len() < PARALLEL_FROM {
            model
                .sections
                .extend(build_sections(document, inactive, 0..usize::MAX, expansion));
            continue;
        }
        // Syntax nodes cannot cross threads, but the tree they read can:
        // each thread walks its own view of it and builds half the sections.
        let count = document.parse.tree().sections().count();
        let half = count / 2;
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| build_sections(document, inactive, half..count, expansion));
            let first = build_sections(document, inactive, 0..half, expansion);
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
    if expansion.dialect.refuses_empty_words() {
        set_aside_skipped_lines(&mut model);
    }
    model
}

/// Moves the lines with an empty word, which HAProxy 3.3 and later refuse
/// and skip, out of their sections: the other checks see what HAProxy
/// keeps (an `acl` skipped this way is undefined for the rules using it).
fn set_aside_skipped_lines(model: &mut Model) {
    let lists = model
        .sections
        .iter_mut()
        .map(|section| &mut section.statements)
        .chain(std::iter::once(&mut model.orphans));
    for statements in lists {
        if statements
            .iter()
            .all(|statement| statement.empty_argument.is_none())
        {
            continue;
        }
        let (skipped, kept) = std::mem::take(statements)
            .into_iter()
            .partition(|statement| statement.empty_argument.is_some());
        *statements = kept;
        model.skipped.extend::<Vec<Statement>>(skipped);
    }
}

fn is_active(inactive: &[TextRange], line: &Line) -> bool {
    !crate::conditions::is_skipped(inactive, line.syntax().text_range())
}

/// The sections of `document` whose index is in `indexes`.
fn build_sections(
    document: &Document,
    inactive: &[TextRange],
    indexes: std::ops::Range<usize>,
    expansion: Expansion<'_>,
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
        let Some(mut built) = section_header(document.id, &header, expansion) else {
            continue;
        };
        for line in section.body().filter(|line| is_active(inactive, line)) {
            if let Line::Directive(directive) = line {
                built
                    .statements
                    .extend(statement(document.id, &directive, expansion));
            }
        }
        sections.push(built);
    }
    sections
}

/// The words of a line, cut at its first empty word (see
/// [`Statement::empty_argument`]).
fn words_of(
    line: &impl WordLine,
    expansion: Expansion<'_>,
    written_empty_ends: bool,
) -> (Vec<Word>, Option<EmptyArgument>) {
    let mut expanded = literal_words(line.word_values());
    if let Some(environment) = expansion.environment
        && expanded.iter().any(|word| word.has_variables)
    {
        expanded = expand_words(
            line.syntax().children().filter_map(ast::Word::cast),
            environment,
            expansion.dialect,
        );
    }
    // HAProxy's keyword parsers take an empty word for the end of the line,
    // whether it was written (`''`) or made by a variable. A word whose
    // value is unknown (`"$VAR"` without an environment) is not empty.
    let empty = expanded
        .iter()
        .position(|word| {
            word.value.is_empty()
                && (word.from_environment || (written_empty_ends && !word.has_variables))
        })
        .map(|index| EmptyArgument {
            index,
            range: expanded[index].range,
            from_environment: expanded[index].from_environment,
            words_after: expanded.len() - index - 1,
        });
    if let Some(empty) = empty {
        expanded.truncate(empty.index);
    }
    (expanded, empty)
}

/// The words as written: variables stay unevaluated.
fn literal_words(words: Vec<ast::WordValue>) -> Vec<Word> {
    words
        .into_iter()
        .map(|word| Word {
            value: word.value,
            range: word.range,
            has_variables: word.has_variables,
            from_environment: false,
        })
        .collect()
}

/// The statement of a directive line; `None` for lines starting with `.`,
/// directives the parser already judged.
fn statement(
    file: FileId,
    directive: &ast::Directive,
    expansion: Expansion<'_>,
) -> Option<Statement> {
    let (words, empty_argument) = words_of(directive, expansion, true);
    // No words: the keyword itself expanded to nothing, and HAProxy skips
    // the line as if it were empty.
    if words.first().is_none_or(|word| word.value.starts_with('.')) {
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
        empty_argument,
    })
}

fn section_header(
    file: FileId,
    header: &ast::SectionHeader,
    expansion: Expansion<'_>,
) -> Option<Section> {
    // A header keeps a written `""` as its (empty, so missing) name, to
    // report it where it is written.
    let (words, _) = words_of(header, expansion, false);
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
