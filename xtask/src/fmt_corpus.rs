//! `xtask fmt-corpus [--oracles DIR] DIR...`: formatting keeps the verdict.
//!
//! For every `*.cfg` under each DIR that `haplint fmt` would change: the
//! formatted text is idempotent, haplint reports the same findings on it
//! (style rules aside, line numbers aside), and each HAProxy of `--oracles`
//! gives the same exit code and the same messages (line numbers aside)
//! before and after. The formatted copy is run from a scratch directory
//! whose other entries link to the case's own, so that the files it
//! refers to are found; the case's `# ORACLE-` lines still decide how.
//! Formatting gives a last line without a newline one (HAProxy refuses the
//! file without it): such a file is compared with itself plus that
//! newline, whose messages must hold all of the original's but the
//! missing-LF ones, and haplint's missing-final-newline finding is the
//! one expected to go.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use haplint_fmt::{FormatOptions, format};
use haplint_linter::{Category, LintOptions, find_rule, lint};
use haplint_semantic::ConfigSet;

use crate::oracle::{Source, installed_oracles, stored_exit_codes};
use crate::scratch::{messages, prepare_scratch, restore_link, scratch_copy, without_numbers};

const USAGE: &str = "usage: cargo run -p xtask -- fmt-corpus [--oracles DIR] DIR...";

#[derive(Default)]
struct Tally {
    files: usize,
    unchanged: usize,
    refused: usize,
    changed: usize,
    /// Formatted files whose last line got the newline it lacked.
    newline_added: usize,
    problems: Vec<String>,
    /// By HAProxy version: cases compared, cases with the same verdict.
    versions: BTreeMap<(u8, u8), (usize, usize)>,
}

pub fn run(args: &[String]) -> ExitCode {
    let mut sources = Vec::new();
    let mut dirs = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--oracles" {
            let Some(dir) = args.next() else {
                eprintln!("fmt-corpus: `--oracles` needs a directory\n{USAGE}");
                return ExitCode::from(2);
            };
            let found = installed_oracles(Path::new(dir)).and_then(|list| {
                list.into_iter()
                    .map(Source::live)
                    .collect::<Result<Vec<_>, _>>()
            });
            match found {
                Ok(found) => sources.extend(found),
                Err(error) => {
                    eprintln!("fmt-corpus: {error}");
                    return ExitCode::from(2);
                }
            }
        } else {
            dirs.push(PathBuf::from(arg));
        }
    }
    if dirs.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let scratch = std::env::temp_dir().join(format!("haplint-fmt-corpus-{}", std::process::id()));
    let mut failed = false;
    for dir in &dirs {
        let tally = match check_dir(dir, &sources, &scratch) {
            Ok(tally) => tally,
            Err(error) => {
                eprintln!("fmt-corpus: {error}");
                return ExitCode::from(2);
            }
        };
        println!(
            "fmt-corpus: {}: {} files, {} unchanged, {} refused (syntax errors), {} formatted ({} given a final newline)",
            dir.display(),
            tally.files,
            tally.unchanged,
            tally.refused,
            tally.changed,
            tally.newline_added
        );
        for ((major, minor), (compared, same)) in &tally.versions {
            println!(
                "  HAProxy {major}.{minor}: same verdict on {same} of {compared} formatted files"
            );
        }
        for problem in &tally.problems {
            println!("  DIFFERS: {problem}");
        }
        failed |= !tally.problems.is_empty();
    }
    let _ = std::fs::remove_dir_all(&scratch);
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn check_dir(dir: &Path, sources: &[Source], scratch: &Path) -> Result<Tally, String> {
    let configs = haplint_semantic::directory_files(dir)
        .map_err(|error| format!("cannot list {}: {error}", dir.display()))?;
    let exits = stored_exit_codes(dir);
    let mut tally = Tally::default();
    let options = FormatOptions::default();
    if !sources.is_empty() {
        prepare_scratch(dir, scratch)?;
    }
    for config in configs {
        tally.files += 1;
        let Ok(text) = std::fs::read_to_string(&config) else {
            tally.refused += 1;
            continue;
        };
        let Ok(formatted) = format(&text, &options, false) else {
            tally.refused += 1;
            continue;
        };
        if formatted.text == text {
            tally.unchanged += 1;
            continue;
        }
        tally.changed += 1;
        let name = config.display().to_string();
        match format(&formatted.text, &options, false) {
            Ok(again) if again.text == formatted.text => {}
            _ => tally
                .problems
                .push(format!("{name}: formatting is not idempotent")),
        }
        let added_newline = formatted.added_final_newline(&text);
        let mut before = findings(&config, &text);
        if added_newline {
            // The one finding the added newline fixes.
            before.retain(|finding| !finding.starts_with("missing-final-newline "));
        }
        if before != findings(&config, &formatted.text) {
            tally
                .problems
                .push(format!("{name}: haplint's findings changed"));
        }
        if sources.is_empty() {
            continue;
        }
        if added_newline {
            tally.newline_added += 1;
        }
        for source in sources {
            let entry = tally.versions.entry(source.version()).or_default();
            entry.0 += 1;
            match compare(
                source,
                &config,
                &text,
                &formatted.text,
                &exits,
                dir,
                scratch,
            ) {
                Ok(None) => entry.1 += 1,
                Ok(Some(difference)) => {
                    let (major, minor) = source.version();
                    tally
                        .problems
                        .push(format!("{name}: HAProxy {major}.{minor}: {difference}"));
                }
                Err(error) => tally.problems.push(format!("{name}: {error}")),
            }
        }
    }
    Ok(tally)
}

/// How HAProxy's verdict on `formatted` differs from its verdict on the
/// original `text` of `config`; `None` when it does not.
///
/// Formatting adds a missing final newline, which HAProxy refuses: then
/// the verdict to keep is the one on the original with that newline, and
/// the original's own messages, the missing-LF alert aside, must all be
/// among that verdict's (HAProxy reads the last line the same with it;
/// the checks it runs after a file parses without error may add more).
fn compare(
    source: &Source,
    config: &Path,
    text: &str,
    formatted: &str,
    exits: &BTreeMap<String, i32>,
    dir: &Path,
    scratch: &Path,
) -> Result<Option<String>, String> {
    let before = source.verdict(config, exits)?;
    // The verdict to keep, and the directory it was run from.
    let (reference, reference_dir) = if text.ends_with('\n') || text.is_empty() {
        (before, dir)
    } else {
        let ending = if formatted.ends_with("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        let copy = scratch_copy(config, &format!("{text}{ending}"), scratch)?;
        let with_newline = source.verdict_as(&copy, config, exits);
        restore_link(config, &copy);
        let with_newline = with_newline?;
        let read = messages(&before.output, dir)
            .into_iter()
            .filter(|message| !message.contains("Missing LF on last line"))
            .filter(|message| !message.contains("Error(s) found in configuration file"))
            .filter(|message| !message.contains("Fatal errors found in configuration"));
        let mut found = messages(&with_newline.output, scratch).into_iter();
        for message in read {
            if !found.any(|other| other == message) {
                return Ok(Some(format!(
                    "with the final newline added, HAProxy no longer says {message:?}\n--- before\n{}--- with the newline\n{}",
                    before.output, with_newline.output
                )));
            }
        }
        (with_newline, scratch)
    };
    let copy = scratch_copy(config, formatted, scratch)?;
    let after = source.verdict_as(&copy, config, exits);
    restore_link(config, &copy);
    let after = after?;
    let same = reference.exit == after.exit
        && messages(&reference.output, reference_dir) == messages(&after.output, scratch);
    Ok((!same).then(|| {
        format!(
            "exit {} vs {}\n--- before\n{}--- after\n{}",
            reference.exit, after.exit, reference.output, after.output
        )
    }))
}

/// haplint's findings on `text` as `config`, style rules aside, without
/// their positions.
fn findings(config: &Path, text: &str) -> Vec<String> {
    let mut set = ConfigSet::new();
    set.add(config, text.as_bytes());
    let environment = crate::oracle::environment(config);
    let options = LintOptions {
        environment: Some(environment.into_iter().collect()),
        ..LintOptions::default()
    };
    let mut found: Vec<String> = lint(&set, &options)
        .into_iter()
        .filter(|diagnostic| {
            find_rule(diagnostic.rule).is_none_or(|rule| rule.category != Category::Style)
        })
        .map(|diagnostic| {
            format!(
                "{} {:?} {}",
                diagnostic.rule,
                diagnostic.severity,
                without_numbers(&diagnostic.message)
            )
        })
        .collect();
    found.sort();
    found
}
