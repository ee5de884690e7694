//! A configuration file read from disk, decoded and parsed.

use std::path::{Path, PathBuf};

use haplint_syntax::{Parse, SyntaxDiagnostic, decode, parse};

use crate::line_index::LineIndex;

pub struct SourceFile {
    /// The path as the user wrote it, for messages.
    pub path: PathBuf,
    /// The decoded text (invalid UTF-8 replaced, and reported).
    pub text: String,
    pub parse: Parse,
    /// Decoding problems, before the parser's own diagnostics.
    pub decode_diagnostics: Vec<SyntaxDiagnostic>,
    pub line_index: LineIndex,
}

impl SourceFile {
    pub fn read(path: &Path) -> std::io::Result<Self> {
        let bytes = std::fs::read(path)?;
        Ok(Self::from_bytes(path, &bytes))
    }

    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Self {
        let decoded = decode(bytes);
        let text = decoded.text.into_owned();
        let parse = parse(&text);
        let line_index = LineIndex::new(&text);
        Self {
            path: path.to_path_buf(),
            text,
            parse,
            decode_diagnostics: decoded.diagnostics,
            line_index,
        }
    }
}
