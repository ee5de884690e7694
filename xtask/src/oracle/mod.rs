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
mod causes;
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

pub use category::classify;
use causes::Causes;
pub use haplint_side::Findings;
pub use messages::parse as parse_messages;
pub use messages::{Level, Message};
use report::{DirectoryReport, MessageOutcome};
pub use verdict::Source;
pub use verdict::{environment, stored_exit_codes};

const USAGE: &str = "usage: cargo run -p xtask -- oracle [--haproxy PATH]... [--oracles DIR] [--stored X.Y]... [--check] [--list-missed] [--table] DIR...";

pub fn run(args: &[String]) -> ExitCode {
    let options = match Options::parse(args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("oracle: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut failed = false;
    let mut summary = Vec::new();
    for source in &options.sources {
        println!("oracle: HAProxy verdicts from {}", source.describe());
        for dir in &options.dirs {
            let report = match measure(dir, source, options.list_missed) {
                Ok(report) => report,
                Err(error) => {
                    eprintln!("oracle: {error}");
                    return ExitCode::from(2);
                }
            };
            report.print();
            if options.check
                && let Err(problems) = thresholds::check(&report)
            {
                for problem in problems {
                    eprintln!("oracle: regression: {problem}");
                }
                failed = true;
            }
            summary.push(report.summary_row());
        }
    }
    if options.table {
        report::print_table(&summary);
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The command line of `xtask oracle`.
struct Options {
    sources: Vec<Source>,
    dirs: Vec<PathBuf>,
    check: bool,
    list_missed: bool,
    table: bool,
}

impl Options {
    fn parse(args: &[String]) -> Result<Self, String> {
        let mut options = Self {
            sources: Vec::new(),
            dirs: Vec::new(),
            check: false,
            list_missed: false,
            table: false,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |flag: &str| {
                args.next()
                    .cloned()
                    .ok_or_else(|| format!("`{flag}` needs a value"))
            };
            match arg.as_str() {
                "--stored" => {
                    let version = value("--stored")?;
                    let parsed = parse_version(&version).ok_or_else(|| {
                        format!("`--stored {version}`: expected a version such as 3.2")
                    })?;
                    options.sources.push(Source::Stored { version: parsed });
                }
                "--haproxy" => options
                    .sources
                    .push(Source::live(PathBuf::from(value("--haproxy")?))?),
                "--oracles" => {
                    for haproxy in installed_oracles(Path::new(&value("--oracles")?))? {
                        options.sources.push(Source::live(haproxy)?);
                    }
                }
                "--check" => options.check = true,
                "--list-missed" => options.list_missed = true,
                "--table" => options.table = true,
                flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
                dir => options.dirs.push(PathBuf::from(dir)),
            }
        }
        if options.dirs.is_empty() {
            return Err("no directory given".to_string());
        }
        if options.sources.is_empty() {
            options.sources.push(Source::Stored { version: (2, 6) });
        }
        Ok(options)
    }
}

/// `3.2` as (3, 2).
pub fn parse_version(text: &str) -> Option<(u8, u8)> {
    let (major, minor) = text.split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

/// `DIR/X.Y/haproxy` for every version `xtask/install-oracles.sh` set up
/// in `dir`, oldest first.
pub fn installed_oracles(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|error| format!("cannot list {}: {error}", dir.display()))?;
    let mut versions: Vec<((u8, u8), PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = parse_version(&entry.file_name().to_string_lossy())?;
            let haproxy = entry.path().join("haproxy");
            haproxy.exists().then_some((version, haproxy))
        })
        .collect();
    versions.sort();
    if versions.is_empty() {
        return Err(format!(
            "no HAProxy under {} (xtask/install-oracles.sh {} sets them up)",
            dir.display(),
            dir.display()
        ));
    }
    Ok(versions.into_iter().map(|(_, haproxy)| haproxy).collect())
}

fn measure(dir: &Path, source: &Source, list_missed: bool) -> Result<DirectoryReport, String> {
    let configs = haplint_semantic::directory_files(dir)
        .map_err(|error| format!("cannot list {}: {error}", dir.display()))?;
    let exits = stored_exit_codes(dir);
    let mut report = DirectoryReport::new(dir, source.version());
    for config in configs {
        let verdict = match source.verdict(&config, &exits) {
            Ok(verdict) => verdict,
            Err(error) => {
                report.no_verdict.push(error);
                continue;
            }
        };
        let (major, minor) = source.version();
        let target = Version::new(major, minor);
        let findings = Findings::lint(&verdict.files, target, &environment(&config))?;
        let name = verdict::file_name(&config);
        let messages: Vec<Message> = messages::parse(&verdict.output)
            .into_iter()
            .filter(|message| !message.is_summary())
            .collect();
        let causes = Causes::new(&messages, findings.texts(), verdict.env_given);
        let classify = |message: &Message| causes.classify(message);
        let rejected = verdict.exit == 1;
        // A refusal without a single message (`quiet` in `global` hides
        // them all) cannot be put down to the text or to the machine.
        let config_caused = rejected
            && !messages.is_empty()
            && (messages.iter().all(|message| message.level != Level::Alert)
                || messages.iter().any(|message| {
                    message.level == Level::Alert && !classify(message).environment
                }));
        report.files += 1;
        if rejected {
            report.rejected += 1;
            if config_caused {
                report.config_caused += 1;
                if findings.has_error() {
                    report.caught += 1;
                } else {
                    // The first alert that made it the text's fault.
                    let cause = messages
                        .iter()
                        .find(|message| {
                            message.level == Level::Alert && !classify(message).environment
                        })
                        .map_or("", |message| message.text.as_str());
                    report.not_caught.push(format!("{name}: {cause}"));
                }
            }
        } else {
            report.accepted += 1;
            if let Some(error) = &findings.first_error {
                report.false_errors.push(error.clone());
            }
        }
        for message in &messages {
            let category = classify(message);
            let location = message.location.clone().or_else(|| {
                named_section(&message.text)
                    .and_then(|name| findings.section_header(name))
                    .or_else(|| {
                        quoted_words(&message.text).find_map(|word| findings.only_line_with(word))
                    })
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
                    let found = match findings.on_line(file, *line) {
                        Some(Severity::Error) => Some(Severity::Error),
                        on_line => {
                            let inside = findings.in_section_with(
                                file,
                                *line,
                                &quoted_words(&message.text).collect::<Vec<_>>(),
                            );
                            match inside {
                                Some(Severity::Error) => inside,
                                _ => on_line.or(inside),
                            }
                        }
                    };
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
/// The `'quoted'` words of a message (`The 'master-worker' keyword is
/// deprecated`, `after the timer value '15min'`): a message without a
/// location is about the one line holding such a word, when only one does.
fn quoted_words(text: &str) -> impl Iterator<Item = &str> + Clone {
    text.split('\'')
        .skip(1)
        .step_by(2)
        .filter(|word| !word.is_empty() && !word.contains(char::is_whitespace))
}

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
