//! Where a path written in the configuration is found on this machine.
//!
//! CI checks certificates kept in a repository under another layout than
//! production: `--root DIR` prefixes every absolute path, and `path-map`
//! entries replace a leading directory (the longest match wins, before the
//! root applies to what is still absolute).

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathMap {
    /// Prefixed to absolute paths that no mapping rewrote.
    pub root: Option<PathBuf>,
    /// Directory written in the configuration -> directory to read instead.
    pub mappings: Vec<(PathBuf, PathBuf)>,
    /// Relative paths are read from here (HAProxy resolves them from its
    /// working directory; haplint takes the configuration's directory).
    pub base: Option<PathBuf>,
}

impl PathMap {
    /// The file to read for `written`, a path as the configuration has it.
    pub fn resolve(&self, written: &Path) -> PathBuf {
        let mapped = self
            .mappings
            .iter()
            .filter(|(from, _)| written.starts_with(from))
            .max_by_key(|(from, _)| from.components().count())
            .and_then(|(from, to)| written.strip_prefix(from).ok().map(|rest| to.join(rest)));
        if let Some(mapped) = mapped {
            return self.relative_to_base(mapped);
        }
        match &self.root {
            Some(root) if written.is_absolute() => {
                root.join(written.strip_prefix("/").unwrap_or(written))
            }
            _ => self.relative_to_base(written.to_path_buf()),
        }
    }

    fn relative_to_base(&self, path: PathBuf) -> PathBuf {
        match &self.base {
            Some(base) if path.is_relative() => base.join(path),
            _ => path,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::PathMap;

    fn map() -> PathMap {
        PathMap {
            root: Some(PathBuf::from("/srv/root")),
            mappings: vec![
                (PathBuf::from("/etc/haproxy"), PathBuf::from("deploy")),
                (
                    PathBuf::from("/etc/haproxy/certs"),
                    PathBuf::from("/secrets/tls"),
                ),
            ],
            base: Some(PathBuf::from("/repo")),
        }
    }

    #[test]
    fn the_longest_mapping_wins() {
        assert_eq!(
            map().resolve(Path::new("/etc/haproxy/certs/site.pem")),
            Path::new("/secrets/tls/site.pem")
        );
        assert_eq!(
            map().resolve(Path::new("/etc/haproxy/errors/503.http")),
            Path::new("/repo/deploy/errors/503.http")
        );
    }

    #[test]
    fn unmapped_absolute_paths_go_under_the_root() {
        assert_eq!(
            map().resolve(Path::new("/run/haproxy/admin.sock")),
            Path::new("/srv/root/run/haproxy/admin.sock")
        );
    }

    #[test]
    fn relative_paths_start_from_the_base() {
        assert_eq!(
            map().resolve(Path::new("maps/hosts.map")),
            Path::new("/repo/maps/hosts.map")
        );
        assert_eq!(
            PathMap::default().resolve(Path::new("a.pem")),
            Path::new("a.pem")
        );
    }

    #[test]
    fn a_mapping_matches_whole_components_only() {
        assert_eq!(
            map().resolve(Path::new("/etc/haproxy2/x.pem")),
            Path::new("/srv/root/etc/haproxy2/x.pem")
        );
    }
}
