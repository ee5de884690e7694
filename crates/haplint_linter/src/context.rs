//! What a rule sees: the configuration set, its model for the target
//! version and the inheritance between sections.

use haplint_keywords::Version;
use haplint_semantic::effective::Inheritance;
use haplint_semantic::{Analysis, ConfigSet, Model, Section, Statement};
use haplint_syntax::TextRange;

use crate::diagnostic::Span;

pub struct LintContext<'a> {
    pub set: &'a ConfigSet,
    pub analysis: &'a Analysis,
    pub inheritance: &'a Inheritance,
    pub target: Version,
    pub options: &'a crate::LintOptions,
}

impl<'a> LintContext<'a> {
    pub fn model(&self) -> &'a Model {
        &self.analysis.model
    }

    /// The statements of file `file` that `place` accepts, in order: how
    /// the fixes find the line a finding is on.
    pub fn statements_in(
        &self,
        file: haplint_semantic::FileId,
        place: impl Fn(&Statement) -> bool,
    ) -> impl Iterator<Item = &'a Statement> {
        self.model()
            .sections
            .iter()
            .flat_map(|section| section.statements.iter())
            .filter(move |statement| statement.file == file && place(statement))
    }

    /// Statements of every `global` section, in order.
    pub fn global_statements(&self) -> impl Iterator<Item = &'a Statement> {
        self.model().global_statements()
    }

    /// The first global statement whose keyword is `keyword`, resolved or
    /// not (a keyword the target version removed is still written there).
    pub fn global(&self, keyword: &str) -> Option<&'a Statement> {
        self.global_statements()
            .filter(|statement| statement.prefix.is_none())
            .find(|statement| match statement.keyword {
                Some(entry) => entry.keyword == keyword,
                None => statement.keyword_text(keyword.split(' ').count()) == keyword,
            })
    }

    /// Frontends, listens and backends with their index in the model.
    pub fn proxies(&self) -> impl Iterator<Item = (usize, &'a Section)> {
        self.model()
            .sections
            .iter()
            .enumerate()
            .filter(|(_, section)| section.is_proxy())
    }

    pub fn span(&self, statement: &Statement) -> Span {
        Span::new(statement.file, statement.range)
    }

    pub fn keyword_span(&self, statement: &Statement) -> Span {
        Span::new(statement.file, statement.keyword_range())
    }

    pub fn section_span(&self, section: &Section) -> Span {
        let range: TextRange = section
            .name
            .as_ref()
            .map_or(section.keyword_range, |word| word.range);
        Span::new(section.file, range)
    }

    /// The facts of `--live`/`--runtime`; rules that read them run only
    /// when they were asked for, so `None` means a frozen editor snapshot.
    pub fn live(&self) -> Option<&'a crate::live::LiveFacts> {
        self.options.live.as_deref()
    }

    /// The directory of a file of the set (relative paths of the
    /// configuration are looked up from there).
    pub fn dir_of(&self, file: haplint_semantic::FileId) -> Option<&'a std::path::Path> {
        self.set.document(file).path.parent()
    }

    /// The source text of a file.
    pub fn text(&self, file: haplint_semantic::FileId) -> &'a str {
        &self.set.document(file).text
    }
}
