//! The configuration as HAProxy understands it: sections with their names
//! and statements whose keywords are resolved for the target version.

use haplint_keywords::{Entry, SectionKind};
use haplint_syntax::{TextRange, TextSize};

use crate::FileId;

/// A word's value with its place in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The value HAProxy sees (quotes removed, escapes resolved); variable
    /// references stay as written.
    pub value: String,
    pub range: TextRange,
    /// Holds `${VAR}` references, so its value is only known at load time.
    pub has_variables: bool,
    /// The value was made with the environment the user gave: checked like
    /// a literal word, but its bytes do not map onto the source text.
    pub from_environment: bool,
}

impl Word {
    /// The source range of bytes `start..end` of the value. Offsets into the
    /// value map onto the source only when the word is written plainly (no
    /// quotes or escapes); otherwise, and for an empty span, the whole word.
    pub fn sub_range(&self, start: usize, end: usize) -> TextRange {
        let plain =
            !self.from_environment && u32::from(self.range.len()) as usize == self.value.len();
        let end = end.min(self.value.len());
        if !plain || start >= end {
            return self.range;
        }
        let base = self.range.start();
        TextRange::new(
            base + TextSize::from(start as u32),
            base + TextSize::from(end as u32),
        )
    }
}

/// `no` / `default` before a keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefix {
    No,
    Default,
}

/// One statement line.
#[derive(Debug, Clone)]
pub struct Statement {
    pub file: FileId,
    pub range: TextRange,
    pub words: Vec<Word>,
    pub prefix: Option<Prefix>,
    /// The keyword entry for the target version, when known.
    pub keyword: Option<&'static Entry>,
    /// How many words (after the prefix) the keyword takes.
    pub keyword_words: usize,
    /// The first empty word of the line (`''`, `""`, or a variable that
    /// expands to nothing): HAProxy's keyword parsers stop there, so
    /// `words` ends before it.
    pub empty_argument: Option<EmptyArgument>,
}

/// An empty word on a line, where HAProxy's arguments end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmptyArgument {
    /// Its position among the words (0 for the keyword), as HAProxy counts.
    pub index: usize,
    pub range: TextRange,
    /// Made by the environment (`"$EMPTY"`) rather than written (`''`).
    pub from_environment: bool,
    /// How many words the line had after it, which HAProxy never sees.
    pub words_after: usize,
}

impl Statement {
    /// The words after the prefix.
    pub fn body(&self) -> &[Word] {
        &self.words[usize::from(self.prefix.is_some())..]
    }

    /// The arguments after the keyword.
    pub fn args(&self) -> &[Word] {
        let body = self.body();
        &body[self.keyword_words.min(body.len())..]
    }

    /// The range of the keyword words (after the prefix).
    pub fn keyword_range(&self) -> TextRange {
        let body = self.body();
        match (body.first(), body.get(self.keyword_words.max(1) - 1)) {
            (Some(first), Some(last)) => first.range.cover(last.range),
            _ => self.range,
        }
    }

    /// The keyword as written: the first `count` words joined by spaces.
    pub fn keyword_text(&self, count: usize) -> String {
        self.body()
            .iter()
            .take(count)
            .map(|word| word.value.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The first word after the prefix.
    pub fn head(&self) -> &str {
        self.body().first().map_or("", |word| word.value.as_str())
    }
}

/// A section: its header and statements.
#[derive(Debug, Clone)]
pub struct Section {
    pub file: FileId,
    pub kind: SectionKind,
    pub keyword_range: TextRange,
    pub header_range: TextRange,
    pub name: Option<Word>,
    /// `from <defaults>` on the header.
    pub from: Option<Word>,
    /// Words of the header that HAProxy does not expect.
    pub extra_header_words: Vec<Word>,
    pub statements: Vec<Statement>,
}

impl Section {
    pub fn name_text(&self) -> Option<&str> {
        self.name.as_ref().map(|word| word.value.as_str())
    }

    /// A frontend, listen or backend (not defaults).
    pub fn is_proxy(&self) -> bool {
        matches!(
            self.kind,
            SectionKind::Frontend | SectionKind::Listen | SectionKind::Backend
        )
    }

    pub fn has_frontend_side(&self) -> bool {
        matches!(self.kind, SectionKind::Frontend | SectionKind::Listen)
    }

    pub fn has_backend_side(&self) -> bool {
        matches!(self.kind, SectionKind::Backend | SectionKind::Listen)
    }

    /// The statements whose keyword is `keyword`.
    pub fn statements_of<'a>(
        &'a self,
        keyword: &'a str,
    ) -> impl Iterator<Item = &'a Statement> + 'a {
        self.statements.iter().filter(move |statement| {
            statement
                .keyword
                .is_some_and(|entry| entry.keyword == keyword)
        })
    }
}

/// Every section of the set, in load order, plus statements found before any section.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub sections: Vec<Section>,
    pub orphans: Vec<Statement>,
    /// Lines HAProxy skips because of an empty word (3.3 and later refuse
    /// them): kept for the diagnostic, invisible to every other check.
    pub skipped: Vec<Statement>,
}

impl Model {
    pub fn sections_of(&self, kind: SectionKind) -> impl Iterator<Item = &Section> {
        self.sections
            .iter()
            .filter(move |section| section.kind == kind)
    }

    /// Statements of every `global` section, in order.
    pub fn global_statements(&self) -> impl Iterator<Item = &Statement> {
        self.sections_of(SectionKind::Global)
            .flat_map(|section| section.statements.iter())
    }

    /// Whether a `global` section sets `keyword` (without `no`/`default`).
    pub fn global_sets(&self, keyword: &str) -> bool {
        self.global_statements()
            .any(|statement| statement.prefix.is_none() && statement.head() == keyword)
    }

    /// Frontends, listens and backends.
    pub fn proxies(&self) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(|section| section.is_proxy())
    }
}
