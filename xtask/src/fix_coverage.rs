//! `xtask fix-coverage [--target-version X.Y]... [--apply [--oracles DIR]] DIR...`:
//! how many of haplint's findings carry a fix, per rule.
//!
//! Every `*.cfg` under each DIR is linted alone at each target version
//! (2.6 and 3.2 unless told), as `haplint check FILE --target-version X.Y`
//! does. The table gives per rule its findings, how many carry a fix, the
//! applicability its metadata declares, and the applicabilities seen.
//!
//! With `--apply`, each file is also fixed as `haplint check --fix
//! --unsafe-fixes` fixes it, and then the task fails unless the findings
//! fall by at least half and, with `--oracles`, the HAProxy of the target
//! version refuses no more of the files the fixes changed (run on those
//! only, before and after, from a scratch directory whose other entries
//! link to the originals; a file it accepted before and refuses after is
//! printed). It also fails on a file where a rule reports more errors or
//! warnings after the fixes than before: a fix must not bring one (an added
//! `timeout connect 5s` next to `srvtimeout 1500` brought `timeout-order`;
//! `no-sslv3` on a server rewritten as `ssl-min-ver TLSv1.0` brought
//! `weak-tls-version`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use haplint_linter::{
    Applicability, Diagnostic, FixAvailability, LintOptions, Severity, find_rule, fix_until_stable,
    lint, model_fix,
};
use haplint_semantic::{ConfigSet, Version};

use crate::corpus::collect_cfg_files;
use crate::oracle::{Source, installed_oracles, stored_exit_codes};
use crate::scratch::{prepare_scratch, restore_link, scratch_copy};

const USAGE: &str = "usage: cargo run -p xtask -- fix-coverage [--target-version X.Y]... [--apply [--oracles DIR]] DIR...";

/// One rule's row.
#[derive(Default)]
struct Row {
    findings: usize,
    with_fix: usize,
    seen: BTreeSet<&'static str>,
}

/// What `--apply` found over one directory at one version.
#[derive(Default)]
struct Applied {
    findings_after: usize,
    files_changed: usize,
    /// Files where a rule has more errors or warnings after the fixes than
    /// before: a fix brought or revealed a problem.
    new_problems: Vec<String>,
    /// Of the changed files, those HAProxy refuses before and after.
    refused_before: usize,
    refused_after: usize,
    oracle_runs: usize,
    newly_refused: Vec<String>,
}

struct Args {
    versions: Vec<Version>,
    apply: bool,
    oracles: Option<PathBuf>,
    dirs: Vec<PathBuf>,
}

pub fn run(args: &[String]) -> ExitCode {
    let args = match parse_args(args) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("fix-coverage: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let sources = match &args.oracles {
        None => Vec::new(),
        Some(dir) => match installed_oracles(dir).and_then(|list| {
            list.into_iter()
                .map(Source::live)
                .collect::<Result<Vec<_>, _>>()
        }) {
            Ok(sources) => sources,
            Err(error) => {
                eprintln!("fix-coverage: {error}");
                return ExitCode::from(2);
            }
        },
    };
    let scratch = std::env::temp_dir().join(format!("haplint-fix-coverage-{}", std::process::id()));
    let mut failed = false;
    for dir in &args.dirs {
        let mut files = Vec::new();
        if let Err(error) = collect_cfg_files(dir, &mut files) {
            eprintln!("fix-coverage: cannot read {}: {error}", dir.display());
            return ExitCode::from(2);
        }
        files.sort();
        for version in &args.versions {
            let source = sources
                .iter()
                .find(|source| source.version() == (version.major, version.minor));
            if args.oracles.is_some() && source.is_none() {
                eprintln!("fix-coverage: no HAProxy {version} under the oracles directory");
                return ExitCode::from(2);
            }
            if source.is_some()
                && let Err(error) = prepare_scratch(dir, &scratch)
            {
                eprintln!("fix-coverage: {error}");
                return ExitCode::from(2);
            }
            let options = LintOptions {
                target: *version,
                ..LintOptions::default()
            };
            let mut rows: BTreeMap<&'static str, Row> = BTreeMap::new();
            let mut applied = Applied::default();
            let mut readable = 0;
            for file in &files {
                let Ok(text) = std::fs::read_to_string(file) else {
                    continue;
                };
                readable += 1;
                let found = lint_text(file, &text, &options);
                tally(&mut rows, &found);
                if args.apply {
                    apply(
                        file,
                        &text,
                        &found,
                        &options,
                        source.map(|source| (source, dir, scratch.as_path())),
                        &mut applied,
                    );
                }
            }
            println!(
                "\nfix-coverage: {} at target {version}: {readable} files",
                dir.display()
            );
            let total = print_table(&rows);
            if args.apply {
                failed |= !print_applied(total, &applied, source.is_some());
            }
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        versions: Vec::new(),
        apply: false,
        oracles: None,
        dirs: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--target-version" => {
                let value = args.next().ok_or("`--target-version` needs X.Y")?;
                parsed
                    .versions
                    .push(Version::parse(value).ok_or(format!("not a version: {value}"))?);
            }
            "--apply" => parsed.apply = true,
            "--oracles" => {
                let dir = args.next().ok_or("`--oracles` needs a directory")?;
                parsed.oracles = Some(PathBuf::from(dir));
            }
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}")),
            _ => parsed.dirs.push(PathBuf::from(arg)),
        }
    }
    if parsed.dirs.is_empty() {
        return Err("no directory given".to_owned());
    }
    if parsed.oracles.is_some() && !parsed.apply {
        return Err("`--oracles` goes with `--apply`".to_owned());
    }
    if parsed.versions.is_empty() {
        parsed.versions = vec![Version::new(2, 6), Version::new(3, 2)];
    }
    Ok(parsed)
}

fn lint_text(file: &Path, text: &str, options: &LintOptions) -> Vec<Diagnostic> {
    let set = ConfigSet::single(file, text.as_bytes());
    lint(&set, options)
}

fn tally(rows: &mut BTreeMap<&'static str, Row>, found: &[Diagnostic]) {
    for diagnostic in found {
        let row = rows.entry(diagnostic.rule).or_default();
        row.findings += 1;
        if let Some(fix) = &diagnostic.fix {
            row.with_fix += 1;
            row.seen.insert(fix.applicability.as_str());
        }
    }
}

/// What the rule's metadata declares, the one `haplint rules` prints.
fn declared(rule: &str) -> FixAvailability {
    find_rule(rule).map_or_else(|| model_fix(rule), |meta| meta.fix)
}

/// Prints the table, most findings first; returns the number of findings.
fn print_table(rows: &BTreeMap<&'static str, Row>) -> usize {
    let mut ordered: Vec<(&&str, &Row)> = rows.iter().collect();
    ordered.sort_by(|a, b| b.1.findings.cmp(&a.1.findings).then(a.0.cmp(b.0)));
    println!("| rule | findings | with a fix | applicability (declared; seen) |");
    println!("| --- | ---: | ---: | --- |");
    let (mut findings, mut with_fix) = (0, 0);
    for (rule, row) in ordered {
        findings += row.findings;
        with_fix += row.with_fix;
        let seen: Vec<&str> = row.seen.iter().copied().collect();
        println!(
            "| `{rule}` | {} | {} | {}; {} |",
            row.findings,
            row.with_fix,
            declared(rule).describe(),
            if seen.is_empty() {
                "-".to_owned()
            } else {
                seen.join(", ")
            }
        );
    }
    println!(
        "| **total** | {findings} | {with_fix} | {:.1}% carry a fix |",
        percent(with_fix, findings)
    );
    findings
}

#[allow(clippy::cast_precision_loss)]
fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// How many errors and warnings each rule has in `found`.
fn problem_counts(found: &[Diagnostic]) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for diagnostic in found
        .iter()
        .filter(|diagnostic| matches!(diagnostic.severity, Severity::Error | Severity::Warning))
    {
        *counts.entry(diagnostic.rule).or_default() += 1;
    }
    counts
}

/// Fixes `file` as `--fix --unsafe-fixes` does and records what changed.
fn apply(
    file: &Path,
    text: &str,
    found: &[Diagnostic],
    options: &LintOptions,
    oracle: Option<(&Source, &PathBuf, &Path)>,
    applied: &mut Applied,
) {
    let (fixed, _) = fix_until_stable(file, text, options, Applicability::Unsafe);
    let after = lint_text(file, &fixed, options);
    applied.findings_after += after.len();
    if fixed == text {
        return;
    }
    applied.files_changed += 1;
    // Fixes only take findings away: a rule with more errors or warnings
    // after than before got them from a fix.
    let before_counts = problem_counts(found);
    let new: Vec<String> = problem_counts(&after)
        .into_iter()
        .filter_map(|(rule, count)| {
            let was = before_counts.get(rule).copied().unwrap_or(0);
            (count > was).then(|| format!("{rule} ({was} -> {count})"))
        })
        .collect();
    if !new.is_empty() {
        applied
            .new_problems
            .push(format!("{}: {}", file.display(), new.join(", ")));
    }
    let Some((source, dir, scratch)) = oracle else {
        return;
    };
    let exits = stored_exit_codes(dir);
    let copy = match scratch_copy(file, &fixed, scratch) {
        Ok(copy) => copy,
        Err(error) => {
            applied
                .newly_refused
                .push(format!("{}: {error}", file.display()));
            return;
        }
    };
    let before = source.verdict(file, &exits);
    let after = source.verdict_as(&copy, file, &exits);
    restore_link(file, &copy);
    applied.oracle_runs += 2;
    match (before, after) {
        (Ok(before), Ok(after)) => {
            let (was, is) = (refuses(before.exit), refuses(after.exit));
            applied.refused_before += usize::from(was);
            applied.refused_after += usize::from(is);
            if is && !was {
                applied.newly_refused.push(format!(
                    "{}: accepted before the fixes, refused after:\n{}",
                    file.display(),
                    after.output
                ));
            }
        }
        (Err(error), _) | (_, Err(error)) => {
            applied
                .newly_refused
                .push(format!("{}: {error}", file.display()));
        }
    }
}

/// `haproxy -c` exits 1 on a configuration it refuses (2 means valid but
/// nothing to listen on).
fn refuses(exit: i32) -> bool {
    exit != 0 && exit != 2
}

/// Prints what `--apply` found; returns whether it passes.
fn print_applied(before: usize, applied: &Applied, with_oracle: bool) -> bool {
    let fell_by_half = applied.findings_after * 2 <= before;
    println!(
        "after `--fix --unsafe-fixes`: {} files changed, findings {before} -> {} ({:.1}% fewer; at least 50% wanted)",
        applied.files_changed,
        applied.findings_after,
        100.0 - percent(applied.findings_after, before)
    );
    println!(
        "  files where a rule has more errors or warnings after than before: {}",
        applied.new_problems.len()
    );
    for problem in &applied.new_problems {
        println!("  WORSE, new error or warning: {problem}");
    }
    let mut passes = fell_by_half && applied.new_problems.is_empty();
    if with_oracle {
        println!(
            "  HAProxy on the {} changed files ({} runs): refused before {}, after {}",
            applied.files_changed,
            applied.oracle_runs,
            applied.refused_before,
            applied.refused_after
        );
        for refused in &applied.newly_refused {
            println!("  WORSE: {refused}");
        }
        passes &= applied.refused_after <= applied.refused_before;
    }
    passes
}
