//! `-f PATH`: files checked together as one configuration, the way
//! `haproxy -f a.cfg -f conf.d/` loads them.

use std::path::{Path, PathBuf};

use haplint_semantic::ConfigSet;

use crate::bounded_read::{ReadError, read_file_bounded};
use crate::inputs::cannot_read;
use haplint_semantic::directory_files;

/// Reads the `-f` paths in order: a file as is, a directory's `*.cfg` in
/// HAProxy's order (lexical, not recursive). Problems (a missing path, an
/// unreadable file) are returned as messages; the other files still load.
pub fn load(paths: &[PathBuf], limit: u64) -> (ConfigSet, Vec<String>) {
    let mut set = ConfigSet::new();
    let mut problems = Vec::new();
    for path in paths {
        let files = if path.is_dir() {
            match directory_files(path) {
                Ok(files) => files,
                Err(error) => {
                    problems.push(format!(
                        "cannot read directory `{}`: {error}",
                        path.display()
                    ));
                    continue;
                }
            }
        } else {
            vec![path.clone()]
        };
        for file in files {
            add_file(&mut set, &file, limit, &mut problems);
        }
    }
    (set, problems)
}

fn add_file(set: &mut ConfigSet, path: &Path, limit: u64, problems: &mut Vec<String>) {
    match read_file_bounded(path, limit) {
        Ok(bytes) => {
            set.add(path, &bytes);
        }
        Err(ReadError::Io(error)) => problems.push(cannot_read(path, &error)),
        Err(too_large) => problems.push(format!("cannot read `{}`: {too_large}", path.display())),
    }
}
