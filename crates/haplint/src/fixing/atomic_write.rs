//! Replacing a file so that a crash or a full disk leaves either the old
//! or the new content, never a truncated mix, and so that the result is the
//! same file to everyone but for its bytes.
//!
//! The new text goes to a temporary file next to the original, created
//! `0600` (the content may be secret), flushed to disk, given the
//! original's owner, group, extended attributes (ACLs included) and mode,
//! then renamed over it. When any of that cannot be done faithfully (a
//! read-only or unwritable file, hard links that a rename would split, an
//! owner a non-root user cannot give) the file is refused untouched:
//! writing in place could keep those, but a crash midway would leave a
//! truncated file, and that is worse for a configuration than no fix.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::keep_metadata;
use super::writable;
use super::write_error::WriteError;

/// Replaces the content of `path` with `content`, keeping its metadata,
/// or explains why it did not (then `path` is unchanged).
pub fn write_file(path: &Path, content: &[u8]) -> Result<(), WriteError> {
    let original = std::fs::metadata(path).map_err(|error| WriteError::Io {
        step: "read its metadata",
        error,
    })?;
    writable::check(path, &original)?;
    let temporary = temporary_path(path);
    let result = write_and_rename(path, &temporary, content, &original);
    if result.is_err() {
        // Best effort: do not leave the temporary file behind.
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

fn write_and_rename(
    path: &Path,
    temporary: &Path,
    content: &[u8],
    original: &std::fs::Metadata,
) -> Result<(), WriteError> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(temporary)
        .map_err(|error| WriteError::Io {
            step: "create a temporary file next to it",
            error,
        })?;
    file.write_all(content)
        .and_then(|()| file.sync_all())
        .map_err(|error| WriteError::Io {
            step: "write the new content",
            error,
        })?;
    keep_metadata::copy(path, original, &file)?;
    // Attributes and mode are metadata the rename must not outrun.
    file.sync_all().map_err(|error| WriteError::Io {
        step: "write the new content",
        error,
    })?;
    drop(file);
    std::fs::rename(temporary, path).map_err(|error| WriteError::Io {
        step: "replace it",
        error,
    })?;
    // Make the rename itself durable.
    if let Some(directory) = path.parent().filter(|dir| !dir.as_os_str().is_empty())
        && let Ok(directory) = File::open(directory)
    {
        let _ = directory.sync_all();
    }
    Ok(())
}

/// `.name.haplint-PID-N.tmp` in the same directory, so the rename stays on
/// one file system; `N` keeps two writes of one process apart (the same
/// file reached twice, through a link inside the tree).
fn temporary_path(path: &Path) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = path
        .file_name()
        .map_or_else(|| "config".into(), |name| name.to_string_lossy());
    let serial = NEXT.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(
        ".{name}.haplint-{}-{serial}.tmp",
        std::process::id()
    ))
}
