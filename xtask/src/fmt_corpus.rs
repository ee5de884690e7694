//! `xtask fmt-corpus [--oracles DIR] DIR...`: formatting keeps the verdict.
//!
//! For every `*.cfg` under each DIR that `haplint fmt` would change: the
//! formatted text is idempotent, haplint reports the same findings on it
//! (style rules aside, line numbers aside), and each HAProxy of `--oracles`
//! gives the same exit code and the same messages (line numbers aside)
//! before and after. The formatted copy is run from a scratch directory
//! whose other entries link to the case's own, so that the files it
//! refers to are found; the case's `# ORACLE-` lines still decide how.

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
            "fmt-corpus: {}: {} files, {} unchanged, {} refused (syntax errors), {} formatted",
            dir.display(),
            tally.files,
            tally.unchanged,
            tally.refused,
            tally.changed
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
        if findings(&config, &text) != findings(&config, &formatted.text) {
            tally
                .problems
                .push(format!("{name}: haplint's findings changed"));
        }
        if sources.is_empty() {
            continue;
        }
        let copy = scratch_copy(&config, &formatted.text, scratch)?;
        for source in sources {
            let entry = tally.versions.entry(source.version()).or_default();
            entry.0 += 1;
            let before = source.verdict(&config, &exits);
            let after = source.verdict_as(&copy, &config, &exits);
            match (before, after) {
                (Ok(before), Ok(after)) => {
                    let same = before.exit == after.exit
                        && messages(&before.output, dir) == messages(&after.output, scratch);
                    if same {
                        entry.1 += 1;
                    } else {
                        let (major, minor) = source.version();
                        tally.problems.push(format!(
                            "{name}: HAProxy {major}.{minor}: exit {} vs {}\n--- before\n{}--- after\n{}",
                            before.exit, after.exit, before.output, after.output
                        ));
                    }
                }
                (Err(error), _) | (_, Err(error)) => {
                    tally.problems.push(format!("{name}: {error}"));
                }
            }
        }
        restore_link(&config, &copy);
    }
    Ok(tally)
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
