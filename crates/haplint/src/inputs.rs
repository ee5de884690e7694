//! Which files a check reads: plain files, directories (their `*.cfg`,
//! recursively, in a stable order) and standard input.

use std::path::{Path, PathBuf};

use crate::bounded_read::{ReadError, read_bounded, read_file_bounded};
use crate::walk_filter::WalkFilter;

/// One configuration to check.
pub enum Input {
    /// A file, and the tree it was found in: the directory given on the
    /// command line, or the file's own directory. `--fix` never writes
    /// through a symbolic link that leads out of that tree.
    File { path: PathBuf, root: PathBuf },
    /// Standard input, shown (and configured) under this name.
    Stdin(PathBuf),
}

impl Input {
    pub fn display_path(&self) -> &Path {
        match self {
            Self::File { path, .. } | Self::Stdin(path) => path,
        }
    }

    /// Where `--fix` may write, `None` for standard input.
    pub fn tree_root(&self) -> Option<&Path> {
        match self {
            Self::File { root, .. } => Some(root),
            Self::Stdin(_) => None,
        }
    }

    /// The bytes, when there are at most `limit` of them.
    pub fn read(&self, limit: u64) -> Result<Vec<u8>, ReadError> {
        match self {
            Self::File { path, .. } => read_file_bounded(path, limit),
            Self::Stdin(_) => read_bounded(std::io::stdin().lock(), limit),
        }
    }
}

/// Expands the command-line paths. Problems (a missing path, an unreadable
/// directory) are returned as messages; the other paths are still used.
pub fn expand(
    paths: &[PathBuf],
    stdin_name: Option<&Path>,
    walk_filter: &mut dyn FnMut(&Path) -> WalkFilter,
) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin(
                stdin_name.map_or_else(|| PathBuf::from("<stdin>"), Path::to_path_buf),
            ));
        } else if path.is_dir() {
            let mut found = Vec::new();
            collect(path, &walk_filter(path), &mut found, &mut problems);
            found.sort();
            inputs.extend(found.into_iter().map(|found| Input::File {
                path: found,
                root: path.clone(),
            }));
        } else if let Err(error) = std::fs::metadata(path) {
            // Not only a missing file: a parent directory may be unreadable.
            problems.push(cannot_read(path, &error));
        } else {
            // Named explicitly, anything readable is read, a FIFO too
            // (`haplint check <(generate-config)`).
            let root = match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            };
            inputs.push(Input::File {
                path: path.clone(),
                root,
            });
        }
    }
    (inputs, problems)
}

fn collect(dir: &Path, filter: &WalkFilter, found: &mut Vec<PathBuf>, problems: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(format!(
                "cannot read directory `{}`: {error}",
                dir.display()
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // Symbolic links to directories are not followed: they could loop.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !filter.excludes_dir(&path) {
                collect(&path, filter, found, problems);
            }
        } else if filter.accepts(&path) && is_regular_or_broken(&path) {
            found.push(path);
        }
    }
}

/// Whether a file found in a directory is worth reading: a FIFO, socket or
/// device named `*.cfg` is not a configuration and reading it could block
/// forever. A broken link is kept so that reading it reports the problem.
fn is_regular_or_broken(path: &Path) -> bool {
    std::fs::metadata(path).map_or(true, |metadata| metadata.is_file())
}

/// `cannot read `PATH`: REASON`, with a plain reason for a missing file
/// (the system's message for it carries an error number).
pub fn cannot_read(path: &Path, error: &std::io::Error) -> String {
    if error.kind() == std::io::ErrorKind::NotFound {
        format!(
            "cannot read `{}`: no such file or directory",
            path.display()
        )
    } else {
        format!("cannot read `{}`: {error}", path.display())
    }
}
