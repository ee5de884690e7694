//! Which settings apply to a file: the nearest `haplint.toml` above it,
//! and the lint options those settings give. Shared by the command line
//! and the language server so both read a project the same way.

use std::path::{Path, PathBuf};

use haplint_keywords::Version;

use crate::config::Settings;
use crate::engine::LintOptions;
use crate::selection::Selection;

/// The name of the settings file.
pub const SETTINGS_FILE: &str = "haplint.toml";

/// The nearest `haplint.toml` in the directory of `file` or above it.
pub fn find_settings_file(file: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(file).ok()?;
    absolute
        .ancestors()
        .skip(1)
        .map(|dir| dir.join(SETTINGS_FILE))
        .find(|candidate| candidate.is_file())
}

impl LintOptions {
    /// The options given by `settings` and its `selection`; `target`
    /// (from the command line or the editor) wins over the file's.
    pub fn from_settings(
        settings: &Settings,
        selection: &Selection,
        target: Option<Version>,
        inline_suppressions: bool,
    ) -> Self {
        Self {
            target: target
                .or(settings.target_version)
                .unwrap_or(Version::DEFAULT),
            extra_keywords: settings.extra_keywords.clone(),
            enable: selection.explicitly_selected(),
            memory_budget: settings.memory_budget,
            weak_cipher_patterns: settings.weak_cipher_patterns.clone(),
            inline_suppressions,
            live: None,
            // The environment's files are read by the caller, which knows
            // where the settings file is (`settings_environment`).
            environment: None,
        }
    }
}
