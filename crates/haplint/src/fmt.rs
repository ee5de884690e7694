//! `haplint fmt PATH...`: formats files in place, or tells which would
//! change (`--check`) and how (`--diff`).

use std::io::Write;
use std::path::Path;

use haplint_fmt::{Formatted, Refusal, format};

use crate::bounded_read::DEFAULT_MAX_FILE_SIZE;
use crate::cli::FmtArgs;
use crate::exit;
use crate::fixing::{FixTarget, unified_diff, write_target};
use crate::inputs::{Input, expand};
use crate::settings::SettingsCache;

/// What happened to the files, for the exit code.
#[derive(Default)]
struct Tally {
    /// Files that would change (`--check`, `--diff`).
    would_change: usize,
    /// Files left alone for their syntax errors or encoding.
    refused: usize,
    /// Read, write or settings failures.
    trouble: bool,
}

pub fn run(args: &FmtArgs) -> u8 {
    let mut settings = SettingsCache::new(args.config.clone());
    let (inputs, problems) = expand(&args.paths, args.stdin_filename.as_deref(), &mut |dir| {
        settings.walk_filter(dir)
    });
    let mut tally = Tally {
        trouble: !problems.is_empty(),
        ..Tally::default()
    };
    for problem in &problems {
        eprintln!("haplint: error: {problem}");
    }
    let mut stdout = std::io::stdout().lock();
    for input in &inputs {
        let applied = settings.for_file(input.display_path());
        let options = applied.settings.format.options();
        let limit = applied
            .settings
            .max_file_size
            .unwrap_or(DEFAULT_MAX_FILE_SIZE);
        let bytes = match input.read(limit) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!(
                    "haplint: error: cannot read `{}`: {error}",
                    input.display_path().display()
                );
                tally.trouble = true;
                continue;
            }
        };
        let Ok(text) = String::from_utf8(bytes) else {
            eprintln!(
                "haplint: error: not formatting `{}`: it is not valid UTF-8",
                input.display_path().display()
            );
            tally.refused += 1;
            continue;
        };
        let result = format(&text, &options, args.force);
        let output = one_file(args, input, &text, result, &mut tally);
        if !output.is_empty() && stdout.write_all(output.as_bytes()).is_err() {
            tally.trouble = true;
        }
    }
    report_settings(&settings, &mut tally);
    if tally.trouble || settings.unreadable {
        exit::TROUBLE
    } else if tally.refused > 0 || tally.would_change > 0 {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

/// Handles one file; returns what goes to standard output.
fn one_file(
    args: &FmtArgs,
    input: &Input,
    text: &str,
    result: Result<Formatted, Refusal>,
    tally: &mut Tally,
) -> String {
    let path = input.display_path();
    let is_stdin = input.tree_root().is_none();
    let formatted = match result {
        Ok(formatted) => formatted,
        Err(refusal) => {
            eprintln!("haplint: error: `{}`: {refusal}", path.display());
            tally.refused += 1;
            // A pipe still gets the text, unchanged, so that an editor
            // running `haplint fmt -` never loses the buffer.
            return if is_stdin && !args.check && !args.diff {
                text.to_owned()
            } else {
                String::new()
            };
        }
    };
    for line in &formatted.kept_lines {
        eprintln!(
            "haplint: note: `{}`:{line}: kept as written (formatting it would change what HAProxy reads)",
            path.display()
        );
    }
    if formatted.added_final_newline(text) {
        eprintln!(
            "haplint: note: `{}`: the last line gets the newline it lacked (HAProxy refuses a file whose last line has none)",
            path.display()
        );
    }
    let changed = formatted.changed(text);
    if args.check {
        if changed {
            tally.would_change += 1;
            println!("would reformat {}", path.display());
        }
        return String::new();
    }
    if args.diff {
        if changed {
            tally.would_change += 1;
            return unified_diff(path, text, &formatted.text);
        }
        return String::new();
    }
    if is_stdin {
        return formatted.text;
    }
    if changed {
        write(input, path, &formatted.text, tally);
    }
    String::new()
}

fn write(input: &Input, path: &Path, text: &str, tally: &mut Tally) {
    let target = FixTarget {
        path: path.to_path_buf(),
        tree_root: input.tree_root().map(Path::to_path_buf),
    };
    match write_target(&target, text, "formatting") {
        Ok(()) => eprintln!("formatted {}", path.display()),
        Err(message) => {
            eprintln!("haplint: error: {message}");
            tally.trouble = true;
        }
    }
}

/// Problems in `haplint.toml` files, one line each.
fn report_settings(settings: &SettingsCache, tally: &mut Tally) {
    for checked in &settings.problems {
        for diagnostic in &checked.diagnostics {
            let at = checked
                .file
                .line_index
                .position(&checked.file.text, diagnostic.span.start);
            eprintln!(
                "haplint: error: {}:{}:{}: {}",
                checked.file.path.display(),
                at.line,
                at.column,
                diagnostic.message
            );
            tally.trouble = true;
        }
    }
}
