//! `--fix`, `--unsafe-fixes` and `--diff`: applying fixes to files.

mod atomic_write;
mod keep_metadata;
mod unified_diff;
mod writable;
mod write_error;

use std::path::{Path, PathBuf};

use haplint_linter::{Applicability, LintOptions, Selection, fix_selected_until_stable};

pub use atomic_write::write_file;
pub use unified_diff::unified_diff;
pub use write_error::WriteError;

/// What `--fix`/`--diff` should do with a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    /// Write the fixed text back to the file.
    Write,
    /// Print a unified diff of the fixes instead of writing.
    Diff,
}

/// Where a file's fixed text may be written.
#[derive(Debug, Clone)]
pub struct FixTarget {
    pub path: PathBuf,
    /// The checked tree; `None` for standard input, which is never written.
    pub tree_root: Option<PathBuf>,
}

/// The result of fixing one file.
pub struct FixOutcome {
    /// The text to lint again: the fixed text when fixes applied.
    pub text: String,
    pub fixes_applied: usize,
    /// A unified diff (`--diff`), empty when nothing changed.
    pub diff: String,
    /// Why the fixes could not be written, when they could not.
    pub problem: Option<String>,
}

/// Applies fixes to `text` (until stable) and writes or diffs the result.
pub fn fix_text(
    target: &FixTarget,
    text: &str,
    options: &LintOptions,
    selection: &Selection,
    allowed: Applicability,
    mode: FixMode,
) -> FixOutcome {
    let (fixed, fixes_applied) =
        fix_selected_until_stable(&target.path, text, options, allowed, |set, diagnostics| {
            selection.apply(set, diagnostics)
        });
    finish(target, text, fixed, fixes_applied, mode)
}

/// Writes or diffs `fixed`, the text `fixes_applied` fixes made of `text`.
pub fn finish(
    target: &FixTarget,
    text: &str,
    fixed: String,
    fixes_applied: usize,
    mode: FixMode,
) -> FixOutcome {
    let unchanged = FixOutcome {
        text: text.to_owned(),
        fixes_applied: 0,
        diff: String::new(),
        problem: None,
    };
    if fixes_applied == 0 || fixed == text {
        return unchanged;
    }
    match mode {
        FixMode::Diff => FixOutcome {
            diff: unified_diff(&target.path, text, &fixed),
            text: fixed,
            fixes_applied,
            problem: None,
        },
        FixMode::Write => match write_fixed(target, &fixed) {
            Ok(()) => FixOutcome {
                text: fixed,
                fixes_applied,
                diff: String::new(),
                problem: None,
            },
            Err(problem) => FixOutcome {
                problem: Some(problem),
                ..unchanged
            },
        },
    }
}

fn write_fixed(target: &FixTarget, fixed: &str) -> Result<(), String> {
    write_target(target, fixed, "fixing")
}

/// Writes `text` to `target` atomically, keeping its metadata; `doing`
/// names the refusal (`not fixing`, `not formatting`).
pub fn write_target(target: &FixTarget, text: &str, doing: &str) -> Result<(), String> {
    let Some(tree_root) = &target.tree_root else {
        return Err(format!(
            "not {doing} `{}`: it is standard input",
            target.path.display()
        ));
    };
    let destination = resolve_inside_tree(&target.path, tree_root, doing)?;
    write_file(&destination, text.as_bytes())
        .map_err(|error: WriteError| format!("not {doing} `{}`: {error}", target.path.display()))
}

/// The file to write: the path itself, or the file a symbolic link points
/// to when that file is inside the checked tree. A link leading out of the
/// tree is refused rather than followed silently.
fn resolve_inside_tree(path: &Path, tree_root: &Path, doing: &str) -> Result<PathBuf, String> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink());
    if !is_link {
        return Ok(path.to_path_buf());
    }
    let resolved = std::fs::canonicalize(path)
        .map_err(|error| format!("not {doing} `{}`: {error}", path.display()))?;
    let root = std::fs::canonicalize(tree_root)
        .map_err(|error| format!("not {doing} `{}`: {error}", path.display()))?;
    if resolved.starts_with(&root) {
        Ok(resolved)
    } else {
        Err(format!(
            "not {doing} `{}`: it is a symbolic link to `{}`, outside `{}`",
            path.display(),
            resolved.display(),
            tree_root.display()
        ))
    }
}
