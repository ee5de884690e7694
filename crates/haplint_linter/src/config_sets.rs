//! Which of the declared sets of files (`config-sets` of `haplint.toml`,
//! or the editor's) a file belongs to. Shared by the command line and the
//! language server, so that both check the same files together.

use std::path::{Path, PathBuf};

use haplint_semantic::directory_files;

use crate::config::Settings;

/// The `config-sets` of `settings`, resolved against `base`, the
/// directory of the settings file.
pub fn declared_sets(settings: &Settings, base: &Path) -> Vec<Vec<PathBuf>> {
    settings
        .config_sets
        .iter()
        .map(|set| set.iter().map(|entry| base.join(entry)).collect())
        .collect()
}

/// A set that holds a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetMatch {
    /// Which of the sets given.
    pub index: usize,
    /// Its files, in load order, directories expanded; the file asked
    /// about is spelled as it was asked, so that messages name it the way
    /// the user (or the editor) does.
    pub files: Vec<PathBuf>,
    /// Where the file asked about is in `files`.
    pub position: usize,
}

/// The first of `sets` (lists of files and directories, a directory
/// standing for its `*.cfg`) that holds `path`. Paths are compared as
/// the files they lead to: `./haproxy.cfg`, `../etc/haproxy.cfg` and a
/// symbolic link to it all name the same member.
pub fn find_set(sets: impl IntoIterator<Item = Vec<PathBuf>>, path: &Path) -> Option<SetMatch> {
    ExpandedSets::new(sets).find(path)
}

/// Sets with their directories listed and their files resolved, to look
/// many files up in (a directory walk asks about each file it finds).
#[derive(Debug, Clone, Default)]
pub struct ExpandedSets {
    /// Each set's files, and what each of them designates.
    sets: Vec<(Vec<PathBuf>, Vec<PathBuf>)>,
}

impl ExpandedSets {
    pub fn new(sets: impl IntoIterator<Item = Vec<PathBuf>>) -> Self {
        let sets = sets
            .into_iter()
            .map(|set| {
                let mut files = Vec::new();
                for member in set {
                    if member.is_dir() {
                        files.extend(directory_files(&member).unwrap_or_default());
                    } else {
                        files.push(member);
                    }
                }
                let identities = files.iter().map(|file| identity(file)).collect();
                (files, identities)
            })
            .collect();
        Self { sets }
    }

    /// The first set that holds `path`.
    pub fn find(&self, path: &Path) -> Option<SetMatch> {
        if self.sets.is_empty() {
            return None;
        }
        let wanted = identity(path);
        self.sets
            .iter()
            .enumerate()
            .find_map(|(index, (files, identities))| {
                let position = identities.iter().position(|file| *file == wanted)?;
                let mut files = files.clone();
                files[position] = path.to_path_buf();
                Some(SetMatch {
                    index,
                    files,
                    position,
                })
            })
    }
}

/// What a path designates: the file itself when it exists, else the path
/// made absolute (a set may name a file not written yet).
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_is_found_however_it_is_spelled() {
        let dir = std::env::temp_dir().join(format!("haplint-sets-{}", std::process::id()));
        let conf_d = dir.join("conf.d");
        std::fs::create_dir_all(&conf_d).expect("directory");
        for file in [
            "haproxy.cfg",
            "conf.d/20-b.cfg",
            "conf.d/10-a.cfg",
            "other.cfg",
        ] {
            std::fs::write(dir.join(file), "").expect("write");
        }
        let settings = Settings {
            config_sets: vec![vec!["haproxy.cfg".to_owned(), "conf.d".to_owned()]],
            ..Settings::default()
        };
        let sets = declared_sets(&settings, &dir);
        let asked = conf_d.join("..").join("conf.d/./20-b.cfg");
        let found = find_set(sets.clone(), &asked).expect("in the set");
        assert_eq!(found.index, 0);
        assert_eq!(found.position, 2);
        assert_eq!(
            found.files,
            vec![dir.join("haproxy.cfg"), conf_d.join("10-a.cfg"), asked]
        );
        assert_eq!(find_set(sets, &dir.join("other.cfg")), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
