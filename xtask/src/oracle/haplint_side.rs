//! What haplint reports on the files HAProxy loaded, line by line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use haplint_linter::{Environment, LintOptions, Severity, lint};
use haplint_semantic::{ConfigSet, Version};
use haplint_syntax::sections::find_section_keyword;

use super::verdict::file_name;

/// haplint's findings on one configuration set.
pub struct Findings {
    /// By file name: the worst severity haplint reports on each 1-based line.
    lines: BTreeMap<String, BTreeMap<usize, Severity>>,
    /// By file name: its text, to find section headers in.
    texts: BTreeMap<String, String>,
    /// The first error, for the report of false errors.
    pub first_error: Option<String>,
}

impl Findings {
    /// `environment`: what HAProxy ran with, so that haplint evaluates
    /// `"${VAR}"` the same way.
    pub fn lint(
        files: &[PathBuf],
        target: Version,
        environment: &[(String, String)],
    ) -> Result<Self, String> {
        let mut set = ConfigSet::new();
        for file in files {
            let bytes = std::fs::read(file)
                .map_err(|error| format!("cannot read {}: {error}", file.display()))?;
            set.add(file, &bytes);
        }
        let options = LintOptions {
            target,
            environment: Some(environment.iter().cloned().collect::<Environment>()),
            ..LintOptions::default()
        };
        let diagnostics = lint(&set, &options);
        let mut lines: BTreeMap<String, BTreeMap<usize, Severity>> = BTreeMap::new();
        let mut first_error = None;
        for diagnostic in &diagnostics {
            let document = set.document(diagnostic.span.file);
            let line = line_of(&document.text, diagnostic.span.start);
            let name = file_name(&document.path);
            if diagnostic.severity == Severity::Error && first_error.is_none() {
                first_error = Some(format!(
                    "{name}:{line}: error[{}] {}",
                    diagnostic.rule, diagnostic.message
                ));
            }
            let worst = lines
                .entry(name)
                .or_default()
                .entry(line)
                .or_insert(diagnostic.severity);
            if rank(diagnostic.severity) > rank(*worst) {
                *worst = diagnostic.severity;
            }
        }
        let texts = set
            .documents
            .iter()
            .map(|document| (file_name(&document.path), document.text.clone()))
            .collect();
        Ok(Self {
            lines,
            texts,
            first_error,
        })
    }

    /// The text of every file linted, by file name.
    pub fn texts(&self) -> impl Iterator<Item = (&str, &str)> {
        self.texts
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str()))
    }

    pub fn has_error(&self) -> bool {
        self.first_error.is_some()
    }

    /// Every line of `file` haplint reports on, with the worst severity.
    pub fn lines_of(&self, file: &str) -> impl Iterator<Item = (usize, Severity)> + '_ {
        self.lines
            .get(file_name(Path::new(file)).as_str())
            .into_iter()
            .flatten()
            .map(|(line, severity)| (*line, *severity))
    }

    /// The worst severity haplint reports on `line` of `file`.
    pub fn on_line(&self, file: &str, line: usize) -> Option<Severity> {
        self.lines
            .get(file_name(Path::new(file)).as_str())?
            .get(&line)
            .copied()
    }

    /// The one line, in all files, with `word` as one of its words (before
    /// any comment); `None` when no line or several lines have it.
    pub fn only_line_with(&self, word: &str) -> Option<(String, usize)> {
        let mut found = None;
        for (file, text) in &self.texts {
            for (index, line) in text.lines().enumerate() {
                let code = line.split(" #").next().unwrap_or(line);
                if code.trim_start().starts_with('#') {
                    continue;
                }
                if code.split_whitespace().any(|candidate| candidate == word) {
                    if found.is_some() {
                        return None;
                    }
                    found = Some((file.clone(), index + 1));
                }
            }
        }
        found
    }

    /// When `line` of `file` is a section header: the worst severity on the
    /// lines of that section holding one of `words`. HAProxy's checks after
    /// parsing report against the proxy's header (`Proxy 'fe': unable to
    /// find required use_backend: 'nope'`); the line meant is the one of
    /// that section with the word the message quotes.
    pub fn in_section_with(&self, file: &str, line: usize, words: &[&str]) -> Option<Severity> {
        let text = self.texts.get(file_name(Path::new(file)).as_str())?;
        let mut lines = text.lines().enumerate().skip(line.checked_sub(1)?);
        let (_, header) = lines.next()?;
        let is_header = |code: &str| {
            code.split_whitespace()
                .next()
                .is_some_and(|keyword| find_section_keyword(keyword).is_some())
        };
        if !is_header(header) {
            return None;
        }
        lines
            .take_while(|(_, code)| !is_header(code))
            .filter(|(_, code)| {
                let code = code.split(" #").next().unwrap_or(code);
                code.split_whitespace()
                    .any(|candidate| words.contains(&candidate))
            })
            .filter_map(|(index, _)| self.on_line(file, index + 1))
            .max_by_key(|severity| rank(*severity))
    }

    /// Where the section named `name` starts: (file name, 1-based line).
    /// HAProxy reports some problems against a proxy, not a line.
    pub fn section_header(&self, name: &str) -> Option<(String, usize)> {
        self.texts.iter().find_map(|(file, text)| {
            text.lines().enumerate().find_map(|(index, line)| {
                let mut words = line.split_whitespace();
                let keyword = words.next()?;
                let is_section = find_section_keyword(keyword).is_some();
                (is_section && words.next() == Some(name)).then(|| (file.clone(), index + 1))
            })
        })
    }
}

fn rank(severity: Severity) -> u8 {
    match severity {
        Severity::Hint => 0,
        Severity::Info => 1,
        Severity::Warning => 2,
        Severity::Error => 3,
    }
}

/// The 1-based line of a byte offset (a few thousand diagnostics: the
/// plain count is fast enough, no need for a line index).
#[allow(clippy::naive_bytecount)]
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|byte| **byte == b'\n')
        .count()
        + 1
}
