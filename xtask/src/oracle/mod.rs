//! `xtask oracle [--haproxy PATH | --stored] [--check] [--list-missed] DIR...`:
//! how far haplint agrees with `haproxy -c` on real configurations.
//!
//! For every `*.cfg` under each DIR: HAProxy's verdict (stored or live),
//! its ALERT and WARNING messages, each classified (see `category`), and
//! haplint's findings with the matching `--target-version`. A message is
//! matched when haplint reports on its line: an error for an alert of a
//! rejected file, any diagnostic for a warning. Messages HAProxy gives
//! without a line but about a named proxy or section (`missing timeouts
//! for frontend 'fe'`) are placed on that section's header line, where
//! haplint reports them too; the rest count as unlocated and are left
//! out of the line figures.

mod category;
mod haplint_side;
mod messages;
mod report;
mod shell_words;
mod thresholds;
mod verdict;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use haplint_linter::Severity;
use haplint_semantic::Version;

use category::{classify_in, is_lua_load_failure};
pub use haplint_side::Findings;
use messages::{Level, Message};
use report::{DirectoryReport, MessageOutcome};
use verdict::Source;
pub use verdict::environment;

const USAGE: &str = "usage: cargo run -p xtask -- oracle [--haproxy PATH | --stored] [--check] [--list-missed] DIR...";

pub fn run(args: &[String]) -> ExitCode {
    let mut source = Source::Stored;
    let mut check = false;
    let mut list_missed = false;
    let mut dirs = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--stored" => source = Source::Stored,
            "--haproxy" => {
                let Some(path) = args.next() else {
                    eprintln!("{USAGE}");
                    return ExitCode::from(2);
                };
                source = Source::live(PathBuf::from(path));
            }
            "--check" => check = true,
            "--list-missed" => list_missed = true,
            flag if flag.starts_with('-') => {
                eprintln!("oracle: unknown option `{flag}`\n{USAGE}");
                return ExitCode::from(2);
            }
            dir => dirs.push(PathBuf::from(dir)),
        }
    }
    if dirs.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    println!("oracle: HAProxy verdicts from {}", source.describe());
    let mut failed = false;
    for dir in &dirs {
        let report = match measure(dir, &source, list_missed) {
            Ok(report) => report,
            Err(error) => {
                eprintln!("oracle: {error}");
                return ExitCode::from(2);
            }
        };
        report.print();
        if check {
            match thresholds::check(&report) {
                Ok(()) => {}
                Err(problems) => {
                    for problem in problems {
                        eprintln!("oracle: regression: {problem}");
                    }
                    failed = true;
                }
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn measure(dir: &Path, source: &Source, list_missed: bool) -> Result<DirectoryReport, String> {
    let configs = haplint_semantic::directory_files(dir)
        .map_err(|error| format!("cannot list {}: {error}", dir.display()))?;
    let exits = verdict::stored_exit_codes(dir);
    let mut report = DirectoryReport::new(dir);
    for config in configs {
        let verdict = match source.verdict(&config, &exits) {
            Ok(verdict) => verdict,
            Err(error) => {
                report.no_verdict.push(error);
                continue;
            }
        };
        let target = verdict
            .version
            .map_or(Version::new(2, 6), |(major, minor)| {
                Version::new(major, minor)
            });
        let findings = Findings::lint(&verdict.files, target, &environment(&config))?;
        let name = verdict::file_name(&config);
        let messages: Vec<Message> = messages::parse(&verdict.output)
            .into_iter()
            .filter(|message| !message.is_summary())
            .collect();
        let lua_failed = messages
            .iter()
            .any(|message| is_lua_load_failure(&message.text));
        let classify = |text: &str| classify_in(text, lua_failed);
        let rejected = verdict.exit == 1;
        let config_caused = rejected
            && (messages.iter().all(|message| message.level != Level::Alert)
                || messages.iter().any(|message| {
                    message.level == Level::Alert && !classify(&message.text).environment
                }));
        report.files += 1;
        if rejected {
            report.rejected += 1;
            if config_caused {
                report.config_caused += 1;
                if findings.has_error() {
                    report.caught += 1;
                } else {
                    report.not_caught.push(name.clone());
                }
            }
        } else {
            report.accepted += 1;
            if let Some(error) = &findings.first_error {
                report.false_errors.push(error.clone());
            }
        }
        for message in &messages {
            let category = classify(&message.text);
            let location = message.location.clone().or_else(|| {
                named_section(&message.text).and_then(|name| findings.section_header(name))
            });
            let outcome = match &location {
                None => {
                    if list_missed && !category.environment {
                        report.missed.push(format!(
                            "{name}: {} [{}] unlocated: {}",
                            level_name(message.level),
                            category.name,
                            message.text
                        ));
                    }
                    MessageOutcome::Unlocated
                }
                Some((file, line)) => {
                    let found = findings.on_line(file, *line);
                    let needs_error = message.level == Level::Alert && rejected;
                    let matched = match found {
                        Some(Severity::Error) => true,
                        Some(_) => !needs_error,
                        None => false,
                    };
                    if matched {
                        MessageOutcome::Matched
                    } else {
                        if list_missed
                            && !category.environment
                            && (config_caused || message.level == Level::Warning)
                        {
                            report.missed.push(format!(
                                "{file}:{line}: {} [{}] {}",
                                level_name(message.level),
                                category.name,
                                message.text
                            ));
                        }
                        MessageOutcome::Missed
                    }
                }
            };
            report.record(category, message.level, config_caused, outcome);
        }
    }
    Ok(report)
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Alert => "alert",
        Level::Warning => "warning",
    }
}

/// The proxy or section a line-less message is about: `frontend 'fe'`,
/// `proxy 'p'`, `Proxy 'p':`, `section 'peers name'`.
fn named_section(text: &str) -> Option<&str> {
    const MARKERS: [&str; 7] = [
        "frontend '",
        "backend '",
        "proxy '",
        "listen '",
        "Proxy '",
        "section '",
        "resolvers '",
    ];
    let start = MARKERS
        .iter()
        .filter_map(|marker| text.find(marker).map(|at| at + marker.len()))
        .min()?;
    let quoted = text[start..].split('\'').next()?;
    // `section 'peers name'` names the kind first.
    quoted.split_whitespace().last()
}

#[cfg(test)]
mod tests {
    use super::named_section;

    #[test]
    fn finds_the_section_a_message_is_about() {
        assert_eq!(
            named_section("missing timeouts for frontend 'fe'."),
            Some("fe")
        );
        assert_eq!(
            named_section("Removing incomplete section 'peers mypeers' (no peer named 'x')."),
            Some("mypeers")
        );
        assert_eq!(
            named_section("Proxy 'be': unable to find table 't' referenced by track-sc0."),
            Some("be")
        );
        assert_eq!(named_section("Fatal errors found."), None);
    }
}
