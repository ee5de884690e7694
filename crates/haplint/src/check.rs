//! `haplint check FILE...`

use std::io::{IsTerminal, Write};

use haplint_linter::{Diagnostic, LintOptions, Severity, lint};
use haplint_semantic::{ConfigSet, Version};

use crate::cli::{CheckArgs, OutputFormat};
use crate::exit;
use crate::render;
use crate::source_file::{SourceFile, read_set};

/// A checked file and what was found in it, sorted by position.
pub struct CheckedFile {
    pub file: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn run(args: &CheckArgs) -> u8 {
    let target = match args.target_version.as_deref().map(parse_target) {
        None => Version::DEFAULT,
        Some(Ok(version)) => version,
        Some(Err(message)) => {
            eprintln!("haplint: error: {message}");
            return exit::TROUBLE;
        }
    };
    let options = LintOptions {
        target,
        ..LintOptions::default()
    };
    let mut checked = Vec::new();
    let mut io_failed = false;
    for path in &args.files {
        match read_set(path) {
            Ok(set) => checked.extend(check_set(&set, &options)),
            Err(error) => {
                eprintln!("haplint: error: cannot read `{}`: {error}", path.display());
                io_failed = true;
            }
        }
    }
    let stdout = std::io::stdout();
    let color = args.color.enabled(stdout.is_terminal());
    let mut out = stdout.lock();
    let rendered = match args.output_format {
        OutputFormat::Full => render::full::render(&checked, color),
        OutputFormat::Concise => render::concise::render(&checked),
    };
    // A closed pipe (`| head`) must not turn into a panic.
    let _ = out.write_all(rendered.as_bytes());
    let _ = out.flush();
    if io_failed {
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

/// Lints a set; one result per document.
pub fn check_set(set: &ConfigSet, options: &LintOptions) -> Vec<CheckedFile> {
    let diagnostics = lint(set, options);
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
