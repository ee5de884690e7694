//! `haplint check FILE...`

use std::io::{IsTerminal, Write};

use crate::cli::{CheckArgs, OutputFormat};
use crate::diagnostic::{Diagnostic, Severity};
use crate::exit;
use crate::render;
use crate::source_file::SourceFile;

/// A checked file and what was found in it, sorted by position.
pub struct CheckedFile {
    pub file: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn run(args: &CheckArgs) -> u8 {
    let mut checked = Vec::new();
    let mut io_failed = false;
    for path in &args.files {
        match SourceFile::read(path) {
            Ok(file) => checked.push(check_file(file)),
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

pub fn check_file(file: SourceFile) -> CheckedFile {
    let mut diagnostics: Vec<Diagnostic> = file
        .decode_diagnostics
        .iter()
        .chain(file.parse.diagnostics())
        .map(Diagnostic::from)
        .collect();
    diagnostics.sort_by_key(|diagnostic| (diagnostic.range.start, diagnostic.range.end));
    CheckedFile { file, diagnostics }
}
