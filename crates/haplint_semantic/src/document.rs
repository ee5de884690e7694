//! The files of a configuration set, in the order HAProxy loads them.

use std::path::{Path, PathBuf};

use haplint_syntax::{Parse, SyntaxDiagnostic, decode, parse};

/// Index of a document in its [`ConfigSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// One parsed file.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: FileId,
    /// The path as given by the user, for messages.
    pub path: PathBuf,
    /// The decoded text (invalid UTF-8 replaced).
    pub text: String,
    pub parse: Parse,
    /// Problems found while decoding the bytes.
    pub decode_diagnostics: Vec<SyntaxDiagnostic>,
}

/// What HAProxy loads together: `-f a.cfg -f conf.d/` gives one set whose
/// files are read in that order (a directory's `*.cfg` in lexical order).
#[derive(Debug, Clone, Default)]
pub struct ConfigSet {
    pub documents: Vec<Document>,
}

impl ConfigSet {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file from its bytes; returns its id.
    pub fn add(&mut self, path: &Path, bytes: &[u8]) -> FileId {
        let id = FileId(self.documents.len() as u32);
        let decoded = decode(bytes);
        let text = decoded.text.into_owned();
        let parse = parse(&text);
        self.documents.push(Document {
            id,
            path: path.to_path_buf(),
            text,
            parse,
            decode_diagnostics: decoded.diagnostics,
        });
        id
    }

    /// A set made of one file.
    pub fn single(path: &Path, bytes: &[u8]) -> Self {
        let mut set = Self::new();
        set.add(path, bytes);
        set
    }

    pub fn document(&self, id: FileId) -> &Document {
        &self.documents[id.0 as usize]
    }

    /// Bytes of text in all documents: what decides whether work is worth
    /// spreading over threads.
    pub fn text_len(&self) -> usize {
        self.documents
            .iter()
            .map(|document| document.text.len())
            .sum()
    }
}

/// The `*.cfg` files of a directory in the order HAProxy reads them
/// (byte-wise lexical order of the names, like `alphasort`).
pub fn directory_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_file() && path.extension().is_some_and(|extension| extension == "cfg")
        })
        .collect();
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(files)
}
