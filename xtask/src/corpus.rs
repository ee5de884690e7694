//! `xtask corpus DIR...`: parses every `*.cfg` file and checks the parser's
//! invariants: no panic, the tree's text equals the file, tokens are contiguous.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use haplint_syntax::{Severity, decode, parse};

#[derive(Default)]
struct Summary {
    files: usize,
    round_trip_failures: usize,
    panics: usize,
    files_with_errors: usize,
}

pub fn run(dirs: &[String]) -> ExitCode {
    if dirs.is_empty() {
        eprintln!("usage: cargo run -p xtask -- corpus DIR...");
        return ExitCode::from(2);
    }
    let mut files = Vec::new();
    for dir in dirs {
        if let Err(error) = collect_cfg_files(Path::new(dir), &mut files) {
            eprintln!("error: cannot read {dir}: {error}");
            return ExitCode::from(2);
        }
    }
    files.sort();
    // Keep panic messages from flooding the output; they are counted instead.
    panic::set_hook(Box::new(|_| {}));
    let mut summary = Summary::default();
    for file in &files {
        check_file(file, &mut summary);
    }
    let _ = panic::take_hook();
    println!(
        "corpus: {} files, {} round-trip failures, {} panics, {} files with syntax errors",
        summary.files, summary.round_trip_failures, summary.panics, summary.files_with_errors
    );
    if summary.round_trip_failures > 0 || summary.panics > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn check_file(path: &Path, summary: &mut Summary) {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("error: cannot read {}: {error}", path.display());
            return;
        }
    };
    summary.files += 1;
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        let decoded = decode(&bytes);
        let parse = parse(&decoded.text);
        let round_trip = parse.syntax().to_string() == decoded.text;
        let has_errors = !decoded.diagnostics.is_empty()
            || parse
                .diagnostics()
                .iter()
                .any(|diagnostic| diagnostic.severity == Severity::Error);
        (round_trip, has_errors)
    }));
    if let Ok((round_trip, has_errors)) = outcome {
        if !round_trip {
            summary.round_trip_failures += 1;
            eprintln!("round-trip failure: {}", path.display());
        }
        if has_errors {
            summary.files_with_errors += 1;
        }
    } else {
        summary.panics += 1;
        eprintln!("panic: {}", path.display());
    }
}

pub fn collect_cfg_files(path: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_file() {
        files.push(path.to_path_buf());
        return Ok(());
    }
    for entry in fs::read_dir(path)? {
        let entry = entry?;
        let entry_path = entry.path();
        if entry.file_type()?.is_dir() {
            collect_cfg_files(&entry_path, files)?;
        } else if entry_path
            .extension()
            .is_some_and(|extension| extension == "cfg")
        {
            files.push(entry_path);
        }
    }
    Ok(())
}
