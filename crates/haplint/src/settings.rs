//! Finding and reading `haplint.toml`: the nearest one above each checked
//! file, or the one given with `--config`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use haplint_linter::{
    Diagnostic, Environment, Selection, Settings, Severity, Span, find_settings_file,
    settings_environment,
};
use haplint_semantic::FileId;

use crate::bounded_read::{DEFAULT_MAX_FILE_SIZE, ReadError, read_file_bounded};
use crate::check::CheckedFile;
use crate::source_file::SourceFile;
use crate::walk_filter::WalkFilter;

/// Settings that apply to one checked file.
#[derive(Debug, Clone, Default)]
pub struct Applied {
    pub settings: Settings,
    pub selection: Selection,
    /// The directory of the settings file, when there is one.
    pub base: Option<PathBuf>,
    /// `env-file` and `env` of the settings file, read.
    pub environment: Option<Environment>,
}

/// Reads settings files once each and reports their problems.
#[derive(Default)]
pub struct SettingsCache {
    /// A `--config` file used for every checked file.
    forced: Option<PathBuf>,
    loaded: HashMap<PathBuf, Applied>,
    /// Problems found in settings files, rendered like diagnostics.
    pub problems: Vec<CheckedFile>,
    pub unreadable: bool,
}

impl SettingsCache {
    pub fn new(forced: Option<PathBuf>) -> Self {
        Self {
            forced,
            ..Self::default()
        }
    }

    /// The settings for a checked file (defaults when there is no file).
    pub fn for_file(&mut self, checked: &Path) -> Applied {
        let Some(path) = self.forced.clone().or_else(|| find_settings_file(checked)) else {
            return Applied::default();
        };
        if let Some(applied) = self.loaded.get(&path) {
            return applied.clone();
        }
        let applied = self.load(&path);
        self.loaded.insert(path, applied.clone());
        applied
    }

    /// Which files a walk of `dir` checks, from the settings that apply
    /// to the files in it.
    pub fn walk_filter(&mut self, dir: &Path) -> WalkFilter {
        let applied = self.for_file(&dir.join(haplint_linter::SETTINGS_FILE));
        WalkFilter::from_settings(&applied.settings, applied.base.as_deref())
    }

    fn load(&mut self, path: &Path) -> Applied {
        // `--config /dev/zero` must not read forever either.
        let read = read_file_bounded(path, DEFAULT_MAX_FILE_SIZE).and_then(|bytes| {
            String::from_utf8(bytes).map_err(|_| {
                ReadError::Io(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    "stream did not contain valid UTF-8",
                ))
            })
        });
        let text = match read {
            Ok(text) => text,
            Err(error) => {
                eprintln!("haplint: error: cannot read `{}`: {error}", path.display());
                self.unreadable = true;
                return Applied::default();
            }
        };
        let (settings, problems) = Settings::parse(&text);
        if !problems.is_empty() {
            let diagnostics = problems
                .into_iter()
                .map(|problem| {
                    Diagnostic::new(
                        "invalid-config",
                        "HAP099",
                        Severity::Error,
                        Span {
                            file: FileId(0),
                            start: problem.range.start,
                            end: problem.range.end,
                        },
                        problem.message,
                    )
                })
                .collect();
            self.problems.push(CheckedFile {
                file: SourceFile::new(path, text),
                diagnostics,
            });
        }
        let base = path.parent().unwrap_or(Path::new("."));
        let selection = Selection::from_settings(&settings, base);
        let environment = settings_environment(&settings, base).unwrap_or_else(|message| {
            eprintln!(
                "haplint: error: {message} (`env-file` of `{}`)",
                path.display()
            );
            self.unreadable = true;
            None
        });
        Applied {
            settings,
            selection,
            base: Some(base.to_path_buf()),
            environment,
        }
    }
}
