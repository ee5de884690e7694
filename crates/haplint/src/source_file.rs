//! A configuration file read from disk, decoded and parsed.

use std::path::{Path, PathBuf};

use haplint_semantic::ConfigSet;

use crate::bounded_read::{DEFAULT_MAX_FILE_SIZE, ReadError, read_file_bounded};
use crate::line_index::LineIndex;

pub struct SourceFile {
    /// The path as the user wrote it, for messages.
    pub path: PathBuf,
    /// The decoded text (invalid UTF-8 replaced, and reported).
    pub text: String,
    pub line_index: LineIndex,
}

impl SourceFile {
    pub fn new(path: &Path, text: String) -> Self {
        let line_index = LineIndex::new(&text);
        Self {
            path: path.to_path_buf(),
            text,
            line_index,
        }
    }
}

/// Reads one file (up to the default size limit) into a configuration
/// set of its own.
pub fn read_set(path: &Path) -> Result<ConfigSet, ReadError> {
    let bytes = read_file_bounded(path, DEFAULT_MAX_FILE_SIZE)?;
    Ok(ConfigSet::single(path, &bytes))
}
