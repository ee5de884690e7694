//! An immutable view of one document version, with its parse, model and
//! diagnostics computed at most once, on first use. Requests and the
//! linter share it, so a hover after a lint costs no second analysis.

use std::path::PathBuf;
use std::sync::OnceLock;

use haplint_linter::{Diagnostic, analyze_for, lint_analyzed};
use haplint_semantic::effective::Inheritance;
use haplint_semantic::{Analysis, ConfigSet, FileId};
use lsp_types::{Location, Position, Range, Url};

use crate::config::Applied;
use crate::features::index::{Occurrence, occurrences};
use crate::line_index::{Encoding, LineIndex};

/// The model of the set and what each proxy inherits.
pub struct Analyzed {
    pub analysis: Analysis,
    pub inheritance: Inheritance,
}

/// One file of a snapshot: an open document (with its line index) or a
/// file read from disk.
pub struct Member {
    pub uri: Url,
    pub text: String,
    pub index: Option<LineIndex>,
}

/// One version of a document, ready for analysis.
pub struct Snapshot {
    pub uri: Url,
    pub path: PathBuf,
    pub version: i32,
    pub encoding: Encoding,
    pub applied: Applied,
    pub set: ConfigSet,
    /// This document in `set`.
    pub file: FileId,
    /// The address and line index of every document of `set`, by file id.
    uris: Vec<Url>,
    indexes: Vec<LineIndex>,
    analyzed: OnceLock<Analyzed>,
    diagnostics: OnceLock<Vec<Diagnostic>>,
    occurrences: OnceLock<Vec<Occurrence>>,
}

impl Snapshot {
    /// A snapshot of document `own` of a set of files checked together
    /// (a set of one for a document checked on its own); `None` without
    /// members.
    pub fn new(
        members: Vec<Member>,
        own: usize,
        version: i32,
        encoding: Encoding,
        applied: Applied,
    ) -> Option<Self> {
        let mut set = ConfigSet::new();
        let mut uris = Vec::with_capacity(members.len());
        let mut indexes = Vec::with_capacity(members.len());
        for member in members {
            let id = set.add(&uri_to_path(&member.uri), member.text.as_bytes());
            indexes.push(
                member
                    .index
                    .unwrap_or_else(|| LineIndex::new(&set.document(id).text)),
            );
            uris.push(member.uri);
        }
        let file = FileId(u32::try_from(own.min(uris.len().saturating_sub(1))).unwrap_or(0));
        let uri = uris.get(file.0 as usize).cloned()?;
        Some(Self {
            path: uri_to_path(&uri),
            uri,
            version,
            encoding,
            applied,
            set,
            file,
            uris,
            indexes,
            analyzed: OnceLock::new(),
            diagnostics: OnceLock::new(),
            occurrences: OnceLock::new(),
        })
    }

    /// The text of this document.
    pub fn text(&self) -> &str {
        &self.set.document(self.file).text
    }

    pub fn text_of(&self, file: FileId) -> &str {
        &self.set.document(file).text
    }

    pub fn uri_of(&self, file: FileId) -> &Url {
        self.uris.get(file.0 as usize).unwrap_or(&self.uri)
    }

    pub fn index_of(&self, file: FileId) -> Option<&LineIndex> {
        self.indexes.get(file.0 as usize)
    }

    /// The model and inheritance, computed once.
    pub fn analyzed(&self) -> &Analyzed {
        self.analyzed.get_or_init(|| {
            let (analysis, inheritance) = analyze_for(&self.set, &self.applied.options);
            Analyzed {
                analysis,
                inheritance,
            }
        })
    }

    /// Every named thing and every place naming it, computed once.
    pub fn occurrences(&self) -> &[Occurrence] {
        self.occurrences
            .get_or_init(|| occurrences(&self.analyzed().analysis.model))
    }

    /// What the user's settings select of the lint results, computed once.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        self.diagnostics.get_or_init(|| {
            let analyzed = self.analyzed();
            let found = lint_analyzed(
                &self.set,
                &analyzed.analysis,
                &analyzed.inheritance,
                &self.applied.options,
            );
            self.applied.selection.apply(&self.set, found)
        })
    }

    /// The byte offset of a client position in this document.
    pub fn offset(&self, position: Position) -> usize {
        self.indexes.get(self.file.0 as usize).map_or(0, |index| {
            index.offset(self.text(), position, self.encoding)
        })
    }

    /// The 0-based line (as the client counts lines) of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.index_of(self.file)
            .map_or(0, |index| index.line_of(offset))
    }

    /// The bytes of line `line` of this document, without its line break.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        self.index_of(self.file)
            .map_or(0..0, |index| index.line_range(self.text(), line))
    }

    /// The client position of byte `offset` of `file`.
    pub fn position_in(&self, file: FileId, offset: usize) -> Position {
        self.index_of(file).map_or_else(Position::default, |index| {
            index.position(self.text_of(file), offset, self.encoding)
        })
    }

    /// The client range of bytes `start..end` of `file`.
    pub fn range_in(&self, file: FileId, start: usize, end: usize) -> Range {
        Range::new(self.position_in(file, start), self.position_in(file, end))
    }

    /// The client range of bytes `start..end` of this document.
    pub fn range(&self, start: usize, end: usize) -> Range {
        self.range_in(self.file, start, end)
    }

    pub fn text_range(&self, file: FileId, range: haplint_syntax::TextRange) -> Range {
        self.range_in(file, range.start().into(), range.end().into())
    }

    pub fn location(&self, file: FileId, range: haplint_syntax::TextRange) -> Location {
        Location::new(self.uri_of(file).clone(), self.text_range(file, range))
    }
}

/// The file path of a document, or its address as a path when it has
/// none (an unsaved buffer): paths only serve to find settings and name
/// the file in messages.
pub fn uri_to_path(uri: &Url) -> PathBuf {
    uri.to_file_path()
        .unwrap_or_else(|()| PathBuf::from(uri.path()))
}
