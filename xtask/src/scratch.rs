//! A scratch directory where a changed copy of a corpus file runs beside
//! links to the files of its case (`xtask fmt-corpus`, `xtask
//! upgrade-corpus`), and HAProxy's messages in a form that can be compared
//! between the original and the copy.

use std::path::{Path, PathBuf};

use crate::oracle::parse_messages;

/// A scratch directory beside `dir`'s files: a link to every entry but the
/// stored HAProxy outputs, so that a formatted copy run from there finds
/// the certificates, maps and scripts its case refers to. Made once per
/// directory: linking thousands of entries for every file was most of the
/// run's time.
pub fn prepare_scratch(dir: &Path, scratch: &Path) -> Result<(), String> {
    let dir = std::fs::canonicalize(dir).map_err(|error| format!("{}: {error}", dir.display()))?;
    let _ = std::fs::remove_dir_all(scratch);
    std::fs::create_dir_all(scratch).map_err(|error| format!("{}: {error}", scratch.display()))?;
    let entries = std::fs::read_dir(&dir).map_err(|error| format!("{}: {error}", dir.display()))?;
    for entry in entries.filter_map(Result::ok) {
        if !entry.file_name().to_string_lossy().contains(".cfg.haproxy") {
            let _ = std::os::unix::fs::symlink(entry.path(), scratch.join(entry.file_name()));
        }
    }
    Ok(())
}

/// `scratch/NAME` holding `text` in place of the link to the original.
pub fn scratch_copy(config: &Path, text: &str, scratch: &Path) -> Result<PathBuf, String> {
    let copy = scratch.join(config.file_name().unwrap_or_default());
    let _ = std::fs::remove_file(&copy);
    std::fs::write(&copy, text).map_err(|error| format!("{}: {error}", copy.display()))?;
    Ok(copy)
}

/// Puts the link to the original back where a formatted copy was.
pub fn restore_link(config: &Path, copy: &Path) {
    let _ = std::fs::remove_file(copy);
    if let Ok(original) = std::fs::canonicalize(config) {
        let _ = std::os::unix::fs::symlink(original, copy);
    }
}

/// HAProxy's messages with line numbers, process ids and the directory
/// taken out, and the one that depends on timing: what must not change.
pub fn messages(output: &str, dir: &Path) -> Vec<String> {
    let dir = dir.display().to_string();
    parse_messages(output)
        .into_iter()
        // HAProxy 3.4 times the check of each `password` hash and warns
        // when it is slow: whether it does depends on the machine's load,
        // not on the text.
        .filter(|message| !message.text.contains("milliseconds to verify"))
        .map(|message| {
            let file = message.location.map(|(file, _)| file).unwrap_or_default();
            format!(
                "{:?} {file} {}",
                message.level,
                without_numbers(&message.text.replace(&dir, "DIR"))
            )
        })
        .collect()
}

/// Digits replaced by `N`: line numbers move where blank lines went.
pub fn without_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for character in text.chars() {
        if character.is_ascii_digit() {
            if !out.ends_with('N') {
                out.push('N');
            }
        } else {
            out.push(character);
        }
    }
    out
}
