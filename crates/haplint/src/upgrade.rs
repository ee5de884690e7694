//! `haplint upgrade --to X.Y PATH...`: rewrites what the target HAProxy
//! refuses into its replacement (the `removed-keyword` migration fixes,
//! safe and unsafe: the user asked for the upgrade), and nothing else.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use haplint_linter::{Applicability, Diagnostic, LintOptions, migration_findings, upgrade_text};
use haplint_semantic::Version;

use crate::cli::UpgradeArgs;
use crate::exit;
use crate::fixing::{FixMode, FixTarget, finish};

pub fn run(args: &UpgradeArgs) -> u8 {
    let target = match args.to.as_deref() {
        None => newest_release(),
        Some(text) => {
            let Some(version) = Version::parse(text) else {
                eprintln!("haplint: `--to {text}` is not a HAProxy version (MAJOR.MINOR)");
                return exit::TROUBLE;
            };
            version
        }
    };
    let options = LintOptions {
        target,
        ..LintOptions::default()
    };
    let mode = if args.diff || args.check {
        FixMode::Diff
    } else {
        FixMode::Write
    };
    let mut code = exit::CLEAN;
    for path in &args.paths {
        match upgrade_file(path, &options, mode, args) {
            Ok(changed) if changed && args.check => code = code.max(exit::FINDINGS),
            Ok(_) => {}
            Err(problem) => {
                eprintln!("haplint: {problem}");
                code = exit::TROUBLE;
            }
        }
    }
    code
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

/// Upgrades one file; whether its text changed (or would, with `--diff`).
fn upgrade_file(
    path: &Path,
    options: &LintOptions,
    mode: FixMode,
    args: &UpgradeArgs,
) -> Result<bool, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read `{}`: {error}", path.display()))?;
    let before = migration_findings(path, &text, options);
    let (fixed, applied) = upgrade_text(path, &text, options);
    let target = FixTarget {
        path: path.to_path_buf(),
        tree_root: Some(tree_root(path)),
    };
    let outcome = finish(&target, &text, fixed, applied, mode);
    if let Some(problem) = outcome.problem {
        return Err(problem);
    }
    let changed = outcome.text != text;
    if args.diff {
        print!("{}", outcome.diff);
        return Ok(changed);
    }
    let left = migration_findings(path, &outcome.text, options);
    print!(
        "{}",
        report(path, &text, &before, &outcome.text, &left, options.target)
    );
    Ok(changed)
}

/// The folder a symbolic link may point into and still be written through.
fn tree_root(path: &Path) -> PathBuf {
    path.parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The table of one file: each directive with a fix, its replacement and
/// whether it is safe; then what is left for a person, from the new text.
fn report(
    path: &Path,
    text: &str,
    before: &[Diagnostic],
    after_text: &str,
    left: &[Diagnostic],
    target: Version,
) -> String {
    let mut out = format!("{} (to HAProxy {target}):\n", path.display());
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
