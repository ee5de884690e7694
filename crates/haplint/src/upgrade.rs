//! `haplint upgrade --to X.Y PATH...`: rewrites what the target HAProxy
//! refuses into its replacement (the `removed-keyword` migration fixes,
//! safe and unsafe: the user asked for the upgrade), and nothing else.

use std::fmt::Write as _;
use std::path::Path;

use haplint_linter::{
    Applicability, Diagnostic, LintOptions, Severity, is_migration, lint, migration_findings,
    upgrade_text,
};
use haplint_semantic::{ConfigSet, Version};

use crate::cli::UpgradeArgs;
use crate::exit;
use crate::fixing::{FixMode, FixTarget, finish};
use crate::inputs::{Input, expand};
use crate::settings::SettingsCache;

pub fn run(args: &UpgradeArgs) -> u8 {
    let target = match args.to.as_deref().map(parse_version).transpose() {
        Ok(target) => target.unwrap_or_else(newest_release),
        Err(problem) => return usage_error(&format!("`--to` {problem}")),
    };
    let from = match args.from.as_deref().map(parse_version).transpose() {
        Ok(from) => from,
        Err(problem) => return usage_error(&format!("`--from` {problem}")),
    };
    if let Some(from) = from
        && from >= target
    {
        return usage_error(&format!(
            "`--from {from}` must be older than the version upgraded to ({target})"
        ));
    }
    let options = LintOptions {
        target,
        ..LintOptions::default()
    };
    let mode = if args.diff || args.check {
        FixMode::Diff
    } else {
        FixMode::Write
    };
    // Directories are walked as `haplint check` walks them: their `*.cfg`
    // (or the `include`/`exclude` of their `haplint.toml`), recursively.
    let mut settings = SettingsCache::new(None);
    let (inputs, problems) = expand(&args.paths, None, &mut |dir| settings.walk_filter(dir));
    let mut code = exit::CLEAN;
    for problem in &problems {
        eprintln!("haplint: {problem}");
        code = exit::TROUBLE;
    }
    for input in &inputs {
        let Input::File { path, root } = input else {
            eprintln!("haplint: `upgrade` rewrites files; standard input is not one");
            code = exit::TROUBLE;
            continue;
        };
        let upgrade = Upgrade {
            options: &options,
            from,
            mode,
            args,
        };
        match upgrade.file(path, root) {
            // As with `check --diff`: a diff to show is a change to make.
            Ok(changed) if changed && (args.check || args.diff) => {
                code = code.max(exit::FINDINGS);
            }
            Ok(_) => {}
            Err(problem) => {
                eprintln!("haplint: {problem}");
                code = exit::TROUBLE;
            }
        }
    }
    code
}

fn usage_error(problem: &str) -> u8 {
    eprintln!("haplint: {problem}");
    exit::TROUBLE
}

fn parse_version(text: &str) -> Result<Version, String> {
    Version::parse(text).ok_or_else(|| format!("{text}: not a HAProxy version (MAJOR.MINOR)"))
}

/// The newest released line haplint knows (the development one excluded).
fn newest_release() -> Version {
    Version::ALL
        .iter()
        .copied()
        .filter(|version| *version < Version::DEVELOPMENT)
        .max()
        .unwrap_or(Version::DEFAULT)
}

/// One run's settings.
struct Upgrade<'a> {
    options: &'a LintOptions,
    /// The version the files run on today (`--from`).
    from: Option<Version>,
    mode: FixMode,
    args: &'a UpgradeArgs,
}

impl Upgrade<'_> {
    /// Upgrades one file; whether its text changed (or would, with `--diff`).
    fn file(&self, path: &Path, root: &Path) -> Result<bool, String> {
        let options = self.options;
        let text = std::fs::read_to_string(path)
            .map_err(|error| format!("cannot read `{}`: {error}", path.display()))?;
        let before = migration_findings(path, &text, options);
        let (fixed, applied) = upgrade_text(path, &text, options);
        let target = FixTarget {
            path: path.to_path_buf(),
            tree_root: Some(root.to_path_buf()),
        };
        let outcome = finish(&target, &text, fixed, applied, self.mode);
        if let Some(problem) = outcome.problem {
            return Err(problem);
        }
        let changed = outcome.text != text;
        if self.args.diff {
            print!("{}", outcome.diff);
            return Ok(changed);
        }
        let mut left = migration_findings(path, &outcome.text, options);
        left.extend(refused_by_target(path, &outcome.text, options));
        if let Some(from) = self.from {
            left.extend(newly_refused(path, &text, &outcome.text, from, options));
        }
        left.sort_by_key(|diagnostic| diagnostic.span.start);
        left.dedup_by(|a, b| a.span == b.span && a.rule == b.rule);
        print!(
            "{}",
            report(
                path,
                &text,
                &before,
                &outcome.text,
                &left,
                self.from,
                options.target
            )
        );
        Ok(changed)
    }
}

/// Errors of the rule for keywords the target refuses as deprecated
/// (`program` sections in 3.2): no mechanical replacement, the help
/// names the alternatives.
fn refused_by_target(path: &Path, text: &str, options: &LintOptions) -> Vec<Diagnostic> {
    let set = ConfigSet::single(path, text.as_bytes());
    lint(&set, options)
        .into_iter()
        .filter(|diagnostic| {
            diagnostic.rule == "deprecated-keyword" && diagnostic.severity == Severity::Error
        })
        .collect()
}

/// With `--from`: errors the target reports on the upgraded text that the
/// old version did not report on the original (the same rule on a line
/// of the same text): what else stops working between the two versions.
fn newly_refused(
    path: &Path,
    original: &str,
    upgraded: &str,
    from: Version,
    options: &LintOptions,
) -> Vec<Diagnostic> {
    let errors = |text: &str, target: Version| {
        let options = LintOptions {
            target,
            ..options.clone()
        };
        let set = ConfigSet::single(path, text.as_bytes());
        lint(&set, &options)
            .into_iter()
            .filter(|diagnostic| diagnostic.severity == Severity::Error)
            .collect::<Vec<_>>()
    };
    let old: Vec<(&'static str, String)> = errors(original, from)
        .iter()
        .map(|diagnostic| {
            (
                diagnostic.rule,
                line_text(original, diagnostic.span.start).to_owned(),
            )
        })
        .collect();
    errors(upgraded, options.target)
        .into_iter()
        .filter(|diagnostic| {
            !is_migration(diagnostic)
                && !old.contains(&(
                    diagnostic.rule,
                    line_text(upgraded, diagnostic.span.start).to_owned(),
                ))
        })
        .collect()
}

/// The table of one file: each directive with a fix, its replacement and
/// whether it is safe; then what is left for a person, from the new text.
fn report(
    path: &Path,
    text: &str,
    before: &[Diagnostic],
    after_text: &str,
    left: &[Diagnostic],
    from: Option<Version>,
    target: Version,
) -> String {
    let mut out = match from {
        Some(from) => format!("{} (from HAProxy {from} to {target}):\n", path.display()),
        None => format!("{} (to HAProxy {target}):\n", path.display()),
    };
    let fixed: Vec<_> = before
        .iter()
        .filter_map(|diagnostic| diagnostic.fix.as_ref().map(|fix| (diagnostic, fix)))
        .collect();
    if fixed.is_empty() && left.is_empty() {
        out.push_str("  nothing to upgrade\n");
        return out;
    }
    for (diagnostic, fix) in fixed {
        let safety = match fix.applicability {
            Applicability::Safe => "safe",
            Applicability::Unsafe | Applicability::DisplayOnly => "unsafe",
        };
        let _ = writeln!(
            out,
            "  line {:<5} {:<40} {:<6} {}",
            line_of(text, diagnostic.span.start),
            line_text(text, diagnostic.span.start),
            safety,
            fix.title
        );
    }
    for diagnostic in left {
        let why = diagnostic
            .help
            .as_deref()
            .map_or_else(String::new, |help| format!(" ({help})"));
        let _ = writeln!(
            out,
            "  line {:<5} {:<40} needs a person: {}: {}{why}",
            line_of(after_text, diagnostic.span.start),
            line_text(after_text, diagnostic.span.start),
            diagnostic.rule,
            diagnostic.message
        );
    }
    out
}

/// The 1-based line holding byte `offset`.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(0, |before| before.matches('\n').count())
        + 1
}

/// The line holding byte `offset`, without its indentation and ending.
fn line_text(text: &str, offset: usize) -> &str {
    let offset = offset.min(text.len());
    let start = text
        .get(..offset)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |index| index + 1);
    let rest = text.get(start..).unwrap_or_default();
    rest.lines().next().unwrap_or_default().trim()
}
