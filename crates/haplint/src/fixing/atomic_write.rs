//! Replacing a file so that a crash leaves either the old or the new
//! content, never a mix: write a temporary file next to it, flush it to
//! disk, give it the original's permissions and owner, then rename it over
//! the original.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub fn write(path: &Path, content: &[u8]) -> std::io::Result<()> {
    let original = std::fs::metadata(path)?;
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
) -> std::io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temporary)?;
    file.write_all(content)?;
    file.sync_all()?;
    std::fs::set_permissions(temporary, original.permissions())?;
    keep_owner(temporary, original);
    drop(file);
    std::fs::rename(temporary, path)?;
    // Make the rename itself durable.
    if let Some(directory) = path.parent().filter(|dir| !dir.as_os_str().is_empty())
        && let Ok(directory) = File::open(directory)
    {
        let _ = directory.sync_all();
    }
    Ok(())
}

#[cfg(unix)]
fn keep_owner(temporary: &Path, original: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    // Only root may give a file away; for anybody else the new file already
    // belongs to them, as the original must (they could write it).
    let _ = std::os::unix::fs::chown(temporary, Some(original.uid()), Some(original.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_temporary: &Path, _original: &std::fs::Metadata) {}

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
