//! One directory at one target version: which files are eligible, what
//! the haplint binary makes of them, and what HAProxy says after.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::oracle::{Level, Source, classify, parse_messages, stored_exit_codes};
use crate::scratch::{messages, prepare_scratch, restore_link, scratch_copy, without_numbers};

/// The oracle harness's categories of a directive HAProxy no longer takes
/// (`the 'reqadd' directive is not supported anymore since HAProxy 2.1`,
/// `'bind-process' has been removed`, `... is deprecated ...`).
const LEGACY_CATEGORIES: [&str; 2] = ["removed keyword", "deprecated keyword"];

/// The counts of one directory at one version.
#[derive(Default)]
pub struct Tally {
    pub files: usize,
    pub accepted_before: usize,
    pub refused_before: usize,
    pub eligible: usize,
    pub accepted_after: usize,
    /// Eligible files HAProxy still refuses, but only for what this
    /// machine lacks (a host name, a certificate file): the text is fine.
    pub refused_by_machine: usize,
    /// Refused files that would be eligible but whose alerts are not all
    /// HAProxy has to say: `quiet` hides the rest, or HAProxy stopped
    /// reading at one of them. Measured apart from the eligible.
    pub hidden: usize,
    /// Of those, how many HAProxy accepts after the upgrade.
    pub hidden_accepted: usize,
    /// Eligible files still refused: name, then HAProxy's alerts.
    pub refused_after: Vec<(String, Vec<String>)>,
    /// `file: alert` for each alert of an upgraded file not there before.
    pub new_alerts: Vec<String>,
    /// `file: alert` for each alert about the machine (a missing file, no
    /// DNS) that HAProxy reached only after the upgrade.
    pub revealed: Vec<String>,
    /// Accepted files that `haplint upgrade` would change.
    pub changed_accepted: Vec<String>,
    /// Files without a verdict to judge by, or haplint failing on them.
    pub no_verdict: Vec<String>,
}

pub struct Judge<'a> {
    pub haplint: &'a Path,
    pub version: (u8, u8),
    pub live: &'a Source,
    pub scratch: &'a Path,
}

impl Judge<'_> {
    pub fn directory(&self, dir: &Path) -> Result<Tally, String> {
        let configs = haplint_semantic::directory_files(dir)
            .map_err(|error| format!("cannot list {}: {error}", dir.display()))?;
        let exits = stored_exit_codes(dir);
        let stored = Source::Stored {
            version: self.version,
        };
        prepare_scratch(dir, self.scratch)?;
        let mut tally = Tally::default();
        for config in configs {
            tally.files += 1;
            let name = file_name(&config);
            let verdict = match stored.verdict(&config, &exits) {
                Ok(verdict) => verdict,
                Err(error) => {
                    tally.no_verdict.push(error);
                    continue;
                }
            };
            if verdict.exit != 1 {
                tally.accepted_before += 1;
                match self.would_change(&config) {
                    Ok(false) => {}
                    Ok(true) => tally.changed_accepted.push(name),
                    Err(error) => tally.no_verdict.push(error),
                }
                continue;
            }
            tally.refused_before += 1;
            if let Err(error) = self.refused(dir, &config, &verdict.output, &exits, &mut tally) {
                tally.no_verdict.push(error);
            }
            restore_link(&config, &self.scratch.join(&name));
        }
        Ok(tally)
    }

    /// Upgrades a copy of a refused file and, when that changed it, asks
    /// HAProxy about the original and the copy.
    fn refused(
        &self,
        dir: &Path,
        config: &Path,
        stored_output: &str,
        exits: &std::collections::BTreeMap<String, i32>,
        tally: &mut Tally,
    ) -> Result<(), String> {
        let name = file_name(config);
        let original = std::fs::read(config).map_err(|error| format!("{name}: {error}"))?;
        let original = String::from_utf8_lossy(&original).into_owned();
        // `quiet` hides every message after its line, and HAProxy stops
        // reading at some alerts: what it showed is not all it refuses, so
        // such files are measured apart from the eligible.
        let hidden =
            is_eligible(stored_output) && (has_quiet(&original) || stops_reading(stored_output));
        if hidden {
            tally.hidden += 1;
        }
        let eligible = !hidden && is_eligible(stored_output);
        let copy = scratch_copy(config, &original, self.scratch)?;
        self.upgrade(&copy)?;
        let upgraded =
            std::fs::read_to_string(&copy).map_err(|error| format!("{name}: {error}"))?;
        if upgraded == original {
            if eligible {
                tally.eligible += 1;
                tally
                    .refused_after
                    .push((format!("{name} (unchanged)"), alerts(stored_output)));
            }
            return Ok(());
        }
        let before = self.live.verdict(config, exits)?;
        let after = self.live.verdict_as(&copy, config, exits)?;
        let known: BTreeSet<String> = messages(&before.output, dir).into_iter().collect();
        let changed = changed_lines(&original, &upgraded);
        let after_messages = messages(&after.output, self.scratch);
        for (message, parsed) in after_messages
            .into_iter()
            .zip(parse_messages(&after.output))
        {
            if parsed.level != Level::Alert || parsed.is_summary() || known.contains(&message) {
                continue;
            }
            // Once the refused lines are gone HAProxy goes on to checks
            // it never reached before: what those say about this machine
            // (certificates, DNS), or about a line the upgrade left as it
            // was, is not the upgrade's doing. An alert on a changed line,
            // or on no line, is.
            let on_unchanged_line = parsed
                .location
                .as_ref()
                .is_some_and(|(_, line)| !changed.contains(line));
            if classify(&parsed.text).environment || on_unchanged_line {
                tally.revealed.push(format!("{name}: {}", parsed.text));
            } else {
                tally.new_alerts.push(format!("{name}: {message}"));
            }
        }
        if hidden && after.exit != 1 {
            tally.hidden_accepted += 1;
        }
        if !eligible {
            return Ok(());
        }
        if before.exit != 1 {
            tally.no_verdict.push(format!(
                "{name}: the stored verdict refuses it, HAProxy run now accepts it"
            ));
            return Ok(());
        }
        tally.eligible += 1;
        if after.exit != 1 {
            tally.accepted_after += 1;
        } else if refused_by_the_machine_only(&after.output) {
            tally.refused_by_machine += 1;
            tally.refused_after.push((
                format!("{name} (only for this machine)"),
                alerts(&after.output),
            ));
        } else {
            tally.refused_after.push((name, alerts(&after.output)));
        }
        Ok(())
    }

    fn version_argument(&self) -> String {
        format!("{}.{}", self.version.0, self.version.1)
    }

    /// `haplint upgrade --to X.Y FILE`, writing the file.
    fn upgrade(&self, file: &Path) -> Result<(), String> {
        let output = Command::new(self.haplint)
            .args(["upgrade", "--to", &self.version_argument()])
            .arg(file)
            .stdin(Stdio::null())
            .output()
            .map_err(|error| format!("cannot run {}: {error}", self.haplint.display()))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "haplint upgrade {}: {}",
                file.display(),
                String::from_utf8_lossy(&output.stderr).trim()
            ))
        }
    }

    /// Whether `haplint upgrade --check` says it would change `file`.
    fn would_change(&self, file: &Path) -> Result<bool, String> {
        let output = Command::new(self.haplint)
            .args(["upgrade", "--check", "--to", &self.version_argument()])
            .arg(file)
            .stdin(Stdio::null())
            .output()
            .map_err(|error| format!("cannot run {}: {error}", self.haplint.display()))?;
        match output.status.code() {
            Some(0) => Ok(false),
            Some(1) => Ok(true),
            _ => Err(format!(
                "haplint upgrade --check {}: {}",
                file.display(),
                String::from_utf8_lossy(&output.stderr).trim()
            )),
        }
    }
}

/// A refusal whose alerts all name removed or deprecated directives.
fn is_eligible(output: &str) -> bool {
    every_alert(output, |text| {
        LEGACY_CATEGORIES.contains(&classify(text).name)
    })
}

/// Whether every alert of a refusal is about the machine HAProxy ran on.
fn refused_by_the_machine_only(output: &str) -> bool {
    every_alert(output, |text| classify(text).environment)
}

/// Whether HAProxy's output has alerts (summary lines aside) and `test`
/// holds for the text of each.
fn every_alert(output: &str, test: impl Fn(&str) -> bool) -> bool {
    let alerts: Vec<_> = parse_messages(output)
        .into_iter()
        .filter(|message| message.level == Level::Alert && !message.is_summary())
        .collect();
    !alerts.is_empty() && alerts.iter().all(|message| test(&message.text))
}

/// Alerts after which HAProxy reads no further (`ERR_ABORT` in its
/// parser): a frontend and a backend of the same name, from 3.3.
const STOPS_READING: [&str; 1] = ["has the same name as"];

fn stops_reading(output: &str) -> bool {
    parse_messages(output).iter().any(|message| {
        message.level == Level::Alert
            && STOPS_READING
                .iter()
                .any(|phrase| message.text.contains(phrase))
    })
}

/// Whether a line of `text` is the `quiet` keyword.
fn has_quiet(text: &str) -> bool {
    text.lines()
        .any(|line| line.split_whitespace().next() == Some("quiet"))
}

/// The 1-based numbers of the lines of `after` that are not lines of
/// `before`: what the upgrade wrote.
fn changed_lines(before: &str, after: &str) -> BTreeSet<usize> {
    let old: BTreeSet<&str> = before.lines().collect();
    after
        .lines()
        .enumerate()
        .filter(|(_, line)| !old.contains(line))
        .map(|(index, _)| index + 1)
        .collect()
}

/// HAProxy's alerts, each with its category, line numbers left out.
fn alerts(output: &str) -> Vec<String> {
    parse_messages(output)
        .into_iter()
        .filter(|message| message.level == Level::Alert && !message.is_summary())
        .map(|message| {
            format!(
                "[{}] {}",
                classify(&message.text).name,
                without_numbers(&message.text)
            )
        })
        .collect()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}
