//! `xtask false-errors DIR`: on a corpus with HAProxy 2.6 verdicts
//! (`oracle.tsv`: file, exit code, ...), counts the files HAProxy accepts
//! (exit 0 or 2) on which haplint, targeting 2.6, reports an error.

use std::path::Path;
use std::process::ExitCode;

use haplint_semantic::{ConfigSet, Options, Severity, Version, analyze};
use haplint_syntax::Severity as SyntaxSeverity;

pub fn run(args: &[String]) -> ExitCode {
    let Some(dir) = args.first() else {
        eprintln!("usage: cargo run -p xtask -- false-errors DIR");
        return ExitCode::from(2);
    };
    let dir = Path::new(dir);
    let verdicts = match std::fs::read_to_string(dir.join("oracle.tsv")) {
        Ok(text) => text,
        Err(error) => {
            eprintln!(
                "false-errors: cannot read {}/oracle.tsv: {error}",
                dir.display()
            );
            return ExitCode::from(2);
        }
    };
    let options = Options {
        target: Version::new(2, 6),
        ..Options::default()
    };
    let mut accepted = 0;
    let mut false_errors = 0;
    for row in verdicts.lines().skip(1) {
        let mut fields = row.split('\t');
        let (Some(file), Some(exit)) = (fields.next(), fields.next()) else {
            continue;
        };
        if exit != "0" && exit != "2" {
            continue;
        }
        accepted += 1;
        let path = dir.join(file);
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("false-errors: cannot read {}", path.display());
            continue;
        };
        let set = ConfigSet::single(&path, &bytes);
        let document = &set.documents[0];
        let analysis = analyze(&set, &options);
        let first_error = document
            .decode_diagnostics
            .iter()
            .chain(document.parse.diagnostics())
            .find(|diagnostic| diagnostic.severity == SyntaxSeverity::Error)
            .map(|diagnostic| {
                (
                    diagnostic.kind.name(),
                    diagnostic.message.clone(),
                    diagnostic.range,
                )
            })
            .or_else(|| {
                analysis
                    .diagnostics
                    .iter()
                    .find(|diagnostic| diagnostic.severity == Severity::Error)
                    .map(|diagnostic| {
                        (
                            diagnostic.rule.name(),
                            diagnostic.message.clone(),
                            diagnostic.range,
                        )
                    })
            });
        if let Some((rule, message, range)) = first_error {
            false_errors += 1;
            let line = document.text[..usize::from(range.start())]
                .matches('\n')
                .count()
                + 1;
            eprintln!("{file}:{line}: error[{rule}] {message}");
        }
    }
    println!(
        "false-errors: {accepted} files accepted by HAProxy 2.6, {false_errors} with a haplint error"
    );
    if false_errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
