//! `haplint check FILE...`

use std::io::{IsTerminal, Write};

use haplint_linter::{Diagnostic, LintOptions, Severity, lint};
use haplint_semantic::{ConfigSet, Version};

use crate::cli::{CheckArgs, OutputFormat};
use crate::exit;
use crate::render;
use crate::settings::{Applied, SettingsCache};
use crate::source_file::{SourceFile, read_set};

/// A checked file and what was found in it, sorted by position.
pub struct CheckedFile {
    pub file: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn run(args: &CheckArgs) -> u8 {
    let cli_target = match args.target_version.as_deref().map(parse_target) {
        None => None,
        Some(Ok(version)) => Some(version),
        Some(Err(message)) => {
            eprintln!("haplint: error: {message}");
            return exit::TROUBLE;
        }
    };
    let mut settings = SettingsCache::new(args.config.clone());
    let mut checked = Vec::new();
    let mut io_failed = false;
    for path in &args.files {
        let applied = settings.for_file(path);
        match read_set(path) {
            Ok(set) => checked.extend(check_set(
                &set,
                &options_for(&applied, cli_target),
                &applied,
            )),
            Err(error) => {
                eprintln!("haplint: error: cannot read `{}`: {error}", path.display());
                io_failed = true;
            }
        }
    }
    let config_failed = !settings.problems.is_empty() || settings.unreadable;
    let mut shown = std::mem::take(&mut settings.problems);
    shown.extend(checked.iter().map(|file| CheckedFile {
        file: SourceFile::new(&file.file.path, file.file.text.clone()),
        diagnostics: file.diagnostics.clone(),
    }));
    let stdout = std::io::stdout();
    let color = args.color.enabled(stdout.is_terminal());
    let mut out = stdout.lock();
    let rendered = match args.output_format {
        OutputFormat::Full => render::full::render(&shown, color),
        OutputFormat::Concise => render::concise::render(&shown),
    };
    // A closed pipe (`| head`) must not turn into a panic.
    let _ = out.write_all(rendered.as_bytes());
    let _ = out.flush();
    if io_failed || config_failed {
        exit::TROUBLE
    } else if checked
        .iter()
        .flat_map(|file| &file.diagnostics)
        .any(|d| d.severity == Severity::Error)
    {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

fn options_for(applied: &Applied, cli_target: Option<Version>) -> LintOptions {
    LintOptions {
        target: cli_target
            .or(applied.settings.target_version)
            .unwrap_or(Version::DEFAULT),
        extra_keywords: applied.settings.extra_keywords.clone(),
        enable: applied.selection.explicitly_selected(),
        memory_budget: applied.settings.memory_budget,
        weak_cipher_patterns: applied.settings.weak_cipher_patterns.clone(),
    }
}

fn parse_target(text: &str) -> Result<Version, String> {
    match Version::parse(text) {
        Some(version) if version.is_known() => Ok(version),
        Some(version) => Err(format!(
            "HAProxy {version} is not a version haplint knows; use one of {}",
            Version::ALL
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )),
        None => Err(format!(
            "`{text}` is not a version; write it as MAJOR.MINOR, for example 2.6"
        )),
    }
}

/// Lints a set and keeps what the settings select; one result per document.
pub fn check_set(set: &ConfigSet, options: &LintOptions, applied: &Applied) -> Vec<CheckedFile> {
    let diagnostics = applied.selection.apply(set, lint(set, options));
    set.documents
        .iter()
        .map(|document| CheckedFile {
            file: SourceFile::new(&document.path, document.text.clone()),
            diagnostics: diagnostics
                .iter()
                .filter(|diagnostic| diagnostic.span.file == document.id)
                .cloned()
                .collect(),
        })
        .collect()
}
