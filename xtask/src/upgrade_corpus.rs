//! `xtask upgrade-corpus --oracles DIR [--haplint PATH] [--to X.Y]...
//! [--check] DIR...`: how many configurations `haplint upgrade` makes
//! acceptable to the HAProxy it upgrades to, judged by that HAProxy.
//!
//! For each target version (default 2.6, 3.2 and 3.4) and every `*.cfg` of
//! each DIR, from the stored verdict of that version (`<file>.haproxyXY.txt`):
//!
//! - a file the target accepts must come out of `haplint upgrade --check`
//!   unchanged;
//! - a file it refuses is *eligible* when every alert is about a removed or
//!   deprecated directive (read from HAProxy's words by the oracle harness's
//!   classifier). Its copy in a scratch directory beside the case's other
//!   files is upgraded by the haplint binary, then HAProxy runs on the
//!   original and on the copy: accepted after, refused only for what this
//!   machine lacks (DNS, files), or refused with which alerts. A file whose
//!   alerts are not all HAProxy has to say (`quiet`, or an alert HAProxy
//!   stops reading at) is measured apart, as *hidden*;
//! - any refused file the upgrade changed must not get a new alert on a
//!   line the upgrade wrote (or on no line); alerts HAProxy only reaches
//!   once the refused lines are gone, about the machine or on lines left
//!   as they were, are listed but not counted.
//!
//! HAProxy only runs on eligible and changed files, so the whole run takes
//! a minute or two. `--check` fails below 95% of the eligible passing
//! (accepted, or refused only for the machine) at any version, on a new
//! alert, or on a changed accepted file.

mod judge;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::oracle::{Source, installed_oracles, parse_version};
use judge::{Judge, Tally};

const USAGE: &str = "usage: cargo run -p xtask -- upgrade-corpus --oracles DIR [--haplint PATH] [--to X.Y]... [--check] DIR...";

/// The share of eligible files HAProxy must accept after the upgrade.
const FLOOR_PERCENT: usize = 95;

const DEFAULT_TARGETS: [(u8, u8); 3] = [(2, 6), (3, 2), (3, 4)];

struct Options {
    oracles: Option<PathBuf>,
    haplint: PathBuf,
    targets: Vec<(u8, u8)>,
    check: bool,
    dirs: Vec<PathBuf>,
}

impl Options {
    fn parse(args: &[String]) -> Result<Self, String> {
        let mut options = Self {
            oracles: None,
            haplint: PathBuf::from("target/release/haplint"),
            targets: Vec::new(),
            check: false,
            dirs: Vec::new(),
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |flag: &str| {
                args.next()
                    .cloned()
                    .ok_or_else(|| format!("`{flag}` needs a value"))
            };
            match arg.as_str() {
                "--oracles" => options.oracles = Some(PathBuf::from(value("--oracles")?)),
                "--haplint" => options.haplint = PathBuf::from(value("--haplint")?),
                "--to" => {
                    let text = value("--to")?;
                    let version = parse_version(&text)
                        .ok_or_else(|| format!("`--to {text}`: expected a version such as 3.2"))?;
                    options.targets.push(version);
                }
                "--check" => options.check = true,
                flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
                dir => options.dirs.push(PathBuf::from(dir)),
            }
        }
        if options.dirs.is_empty() {
            return Err("no directory given".to_owned());
        }
        if options.targets.is_empty() {
            options.targets = DEFAULT_TARGETS.to_vec();
        }
        Ok(options)
    }
}

pub fn run(args: &[String]) -> ExitCode {
    let options = match Options::parse(args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("upgrade-corpus: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let oracles = match live_oracles(options.oracles.as_deref()) {
        Ok(oracles) => oracles,
        Err(message) => {
            eprintln!("upgrade-corpus: {message}");
            return ExitCode::from(2);
        }
    };
    if !options.haplint.is_file() {
        eprintln!(
            "upgrade-corpus: no haplint binary at {} (cargo build --release -p haplint, or --haplint PATH)",
            options.haplint.display()
        );
        return ExitCode::from(2);
    }
    let scratch =
        std::env::temp_dir().join(format!("haplint-upgrade-corpus-{}", std::process::id()));
    let mut rows = Vec::new();
    for &(major, minor) in &options.targets {
        let Some(live) = oracles.get(&(major, minor)) else {
            eprintln!("upgrade-corpus: no HAProxy {major}.{minor} among the oracles");
            return ExitCode::from(2);
        };
        for dir in &options.dirs {
            let judge = Judge {
                haplint: &options.haplint,
                version: (major, minor),
                live,
                scratch: &scratch,
            };
            match judge.directory(dir) {
                Ok(tally) => rows.push(((major, minor), dir.clone(), tally)),
                Err(error) => {
                    eprintln!("upgrade-corpus: {error}");
                    let _ = std::fs::remove_dir_all(&scratch);
                    return ExitCode::from(2);
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    print_table(&rows);
    print_details(&rows);
    let problems = check(&rows);
    if options.check && !problems.is_empty() {
        for problem in &problems {
            eprintln!("upgrade-corpus: FAILED: {problem}");
        }
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// The live HAProxy of each version installed under `dir`.
fn live_oracles(dir: Option<&Path>) -> Result<BTreeMap<(u8, u8), Source>, String> {
    let dir = dir.ok_or("`--oracles DIR` is needed: HAProxy judges the upgraded files")?;
    let mut oracles = BTreeMap::new();
    for haproxy in installed_oracles(dir)? {
        let source = Source::live(haproxy)?;
        oracles.insert(source.version(), source);
    }
    Ok(oracles)
}

type Row = ((u8, u8), PathBuf, Tally);

fn print_table(rows: &[Row]) {
    println!(
        "\n{:<8} {:<15} {:>6} {:>9} {:>8} {:>8} {:>9} {:>9} {:>8} {:>8} {:>7} {:>9}",
        "HAProxy",
        "directory",
        "files",
        "accepted",
        "refused",
        "hidden",
        "eligible",
        "accepted",
        "machine",
        "refused",
        "new",
        "accepted"
    );
    println!(
        "{:<8} {:<15} {:>6} {:>9} {:>8} {:>8} {:>9} {:>9} {:>8} {:>8} {:>7} {:>9}",
        "",
        "",
        "",
        "before",
        "before",
        "pass/all",
        "",
        "after",
        "only",
        "after",
        "alerts",
        "changed"
    );
    for ((major, minor), dir, tally) in rows {
        println!(
            "{:<8} {:<15} {:>6} {:>9} {:>8} {:>8} {:>9} {:>9} {:>8} {:>8} {:>7} {:>9}",
            format!("{major}.{minor}"),
            short_name(dir),
            tally.files,
            tally.accepted_before,
            tally.refused_before,
            format!("{}/{}", tally.hidden_accepted, tally.hidden),
            tally.eligible,
            tally.accepted_after,
            tally.refused_by_machine,
            tally.refused_after.len() - tally.refused_by_machine,
            tally.new_alerts.len(),
            tally.changed_accepted.len()
        );
    }
    for (version, totals) in per_version(rows) {
        println!(
            "HAProxy {}.{}: of {} eligible files, {} accepted after `haplint upgrade --to {}.{}` and {} refused only for what this machine lacks: {} of the text passes",
            version.0,
            version.1,
            totals.eligible,
            totals.accepted,
            version.0,
            version.1,
            totals.machine_only,
            percent(totals.accepted + totals.machine_only, totals.eligible)
        );
    }
}

fn print_details(rows: &[Row]) {
    for ((major, minor), _, tally) in rows {
        for (name, reasons) in &tally.refused_after {
            println!("  {major}.{minor} refused after: {name}");
            for reason in reasons {
                println!("      {reason}");
            }
        }
        for alert in &tally.new_alerts {
            println!("  {major}.{minor} NEW ALERT: {alert}");
        }
        for alert in &tally.revealed {
            println!(
                "  {major}.{minor} alert reached after the upgrade, about this machine or on a line it left alone: {alert}"
            );
        }
        for name in &tally.changed_accepted {
            println!("  {major}.{minor} CHANGED ACCEPTED FILE: {name}");
        }
        for error in &tally.no_verdict {
            println!("  {major}.{minor} no verdict: {error}");
        }
    }
}

/// The counts of one version over every directory.
#[derive(Default)]
struct Totals {
    eligible: usize,
    accepted: usize,
    machine_only: usize,
}

fn per_version(rows: &[Row]) -> BTreeMap<(u8, u8), Totals> {
    let mut totals = BTreeMap::new();
    for (version, _, tally) in rows {
        let entry: &mut Totals = totals.entry(*version).or_default();
        entry.eligible += tally.eligible;
        entry.accepted += tally.accepted_after;
        entry.machine_only += tally.refused_by_machine;
    }
    totals
}

/// What `--check` fails on.
fn check(rows: &[Row]) -> Vec<String> {
    let mut problems = Vec::new();
    for ((major, minor), totals) in per_version(rows) {
        let passed = totals.accepted + totals.machine_only;
        if passed * 100 < totals.eligible * FLOOR_PERCENT {
            problems.push(format!(
                "HAProxy {major}.{minor}: {passed} of {} eligible files pass, below {FLOOR_PERCENT}%",
                totals.eligible
            ));
        }
    }
    for ((major, minor), dir, tally) in rows {
        if !tally.new_alerts.is_empty() {
            problems.push(format!(
                "HAProxy {major}.{minor}, {}: {} new alerts after the upgrade",
                dir.display(),
                tally.new_alerts.len()
            ));
        }
        if !tally.changed_accepted.is_empty() {
            problems.push(format!(
                "HAProxy {major}.{minor}, {}: upgrade changed {} files HAProxy already accepts",
                dir.display(),
                tally.changed_accepted.len()
            ));
        }
    }
    problems
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "none eligible".to_owned();
    }
    // Per mille, rounded down, so that 94.96% does not print as 95.0%.
    let per_mille = part * 1000 / whole;
    format!("{}.{}%", per_mille / 10, per_mille % 10)
}

fn short_name(dir: &Path) -> String {
    dir.file_name().map_or_else(
        || dir.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}
