//! Which files a directory walk checks: `include` and `exclude` of the
//! `haplint.toml` that applies to the directory.
//!
//! A pattern without `/` matches a name (`*.cfg`, `vendor`); one with `/`
//! matches the path relative to the settings file (`conf.d/*.conf`,
//! `legacy/**`). A file is checked when it matches `include` (default
//! `*.cfg`) and neither it nor a directory above it matches `exclude`.
//! Files named on the command line are always checked.

use std::path::{Component, Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use haplint_linter::Settings;

/// A name standing for "any file" inside a directory, to ask whether a
/// pattern excludes a directory's whole content.
const ANY_CHILD: &str = "\u{0}any";

pub struct WalkFilter {
    /// The directory of the settings file; patterns with `/` are relative to it.
    base: Option<PathBuf>,
    include_names: GlobSet,
    include_paths: GlobSet,
    exclude_names: GlobSet,
    exclude_paths: GlobSet,
}

impl Default for WalkFilter {
    fn default() -> Self {
        Self::new(None, &["*.cfg".to_owned()], &[])
    }
}

impl WalkFilter {
    pub fn from_settings(settings: &Settings, base: Option<&Path>) -> Self {
        let default_include = ["*.cfg".to_owned()];
        let include = settings.include.as_deref().unwrap_or(&default_include);
        Self::new(base, include, &settings.exclude)
    }

    fn new(base: Option<&Path>, include: &[String], exclude: &[String]) -> Self {
        let (include_names, include_paths) = split(include);
        let (exclude_names, exclude_paths) = split(exclude);
        Self {
            base: base.and_then(|base| std::path::absolute(base).ok()),
            include_names,
            include_paths,
            exclude_names,
            exclude_paths,
        }
    }

    /// Whether the walk checks `file`.
    pub fn accepts(&self, file: &Path) -> bool {
        let relative = self.relative(file);
        let name_included = file
            .file_name()
            .is_some_and(|name| self.include_names.is_match(Path::new(name)));
        let path_included = relative
            .as_ref()
            .is_some_and(|relative| self.include_paths.is_match(relative));
        (name_included || path_included) && !self.excludes(file)
    }

    /// Whether `path` or a directory above it (below the settings file)
    /// is excluded.
    pub fn excludes(&self, path: &Path) -> bool {
        let relative = self.relative(path);
        let names_excluded = relative.as_deref().unwrap_or(path).components().any(|component| {
            matches!(component, Component::Normal(name) if self.exclude_names.is_match(Path::new(name)))
        });
        names_excluded
            || relative.is_some_and(|relative| {
                relative.ancestors().any(|prefix| {
                    !prefix.as_os_str().is_empty() && self.exclude_paths.is_match(prefix)
                })
            })
    }

    /// Whether a walk can skip directory `dir`: it is excluded, or a
    /// pattern such as `legacy/**` excludes anything inside it.
    pub fn excludes_dir(&self, dir: &Path) -> bool {
        self.excludes(dir)
            || self
                .relative(dir)
                .is_some_and(|relative| self.exclude_paths.is_match(relative.join(ANY_CHILD)))
    }

    fn relative(&self, path: &Path) -> Option<PathBuf> {
        let base = self.base.as_ref()?;
        let absolute = std::path::absolute(path).ok()?;
        absolute.strip_prefix(base).ok().map(Path::to_path_buf)
    }
}

/// Patterns without `/` (matched against names) and with (against paths).
/// Invalid globs were reported when the settings were read.
fn split(patterns: &[String]) -> (GlobSet, GlobSet) {
    let mut names = GlobSetBuilder::new();
    let mut paths = GlobSetBuilder::new();
    for pattern in patterns {
        let Ok(glob) = Glob::new(pattern.trim_start_matches("./")) else {
            continue;
        };
        if pattern.contains('/') {
            paths.add(glob);
        } else {
            names.add(glob);
        }
    }
    (
        names.build().unwrap_or_else(|_| GlobSet::empty()),
        paths.build().unwrap_or_else(|_| GlobSet::empty()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(include: &[&str], exclude: &[&str]) -> WalkFilter {
        let strings =
            |patterns: &[&str]| patterns.iter().map(|p| (*p).to_owned()).collect::<Vec<_>>();
        WalkFilter::new(
            Some(Path::new("/etc/haproxy")),
            &strings(include),
            &strings(exclude),
        )
    }

    #[test]
    fn default_takes_cfg_files_only() {
        let walk = WalkFilter::default();
        assert!(walk.accepts(Path::new("/x/a.cfg")));
        assert!(!walk.accepts(Path::new("/x/a.conf")));
    }

    #[test]
    fn names_and_paths() {
        let walk = filter(
            &["*.cfg", "conf.d/*.conf"],
            &["vendor", "legacy/**", "*.bak.cfg"],
        );
        assert!(walk.accepts(Path::new("/etc/haproxy/haproxy.cfg")));
        assert!(walk.accepts(Path::new("/etc/haproxy/conf.d/10-web.conf")));
        assert!(!walk.accepts(Path::new("/etc/haproxy/other/10-web.conf")));
        assert!(!walk.accepts(Path::new("/etc/haproxy/vendor/x/a.cfg")));
        assert!(!walk.accepts(Path::new("/etc/haproxy/legacy/old.cfg")));
        assert!(!walk.accepts(Path::new("/etc/haproxy/a.bak.cfg")));
        assert!(walk.excludes_dir(Path::new("/etc/haproxy/legacy")));
        assert!(walk.excludes_dir(Path::new("/etc/haproxy/vendor")));
        assert!(!walk.excludes_dir(Path::new("/etc/haproxy/conf.d")));
    }
}
