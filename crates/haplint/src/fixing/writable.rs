//! Whether a file may be replaced at all, decided before anything is
//! written: a refusal then costs nothing and the file is untouched.

use std::fs::Metadata;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use nix::unistd::{AccessFlags, eaccess};

use super::write_error::WriteError;

pub fn check(path: &Path, original: &Metadata) -> Result<(), WriteError> {
    if !original.is_file() {
        return Err(WriteError::NotRegular);
    }
    let mode = original.mode() & 0o7777;
    // The kernel lets root write a 0444 file; its mode still says "do not".
    if mode & 0o222 == 0 {
        return Err(WriteError::ReadOnly { mode });
    }
    // The rename below needs only the directory to be writable, so the
    // file's own permissions (owner, group, ACL, immutable flag) are asked
    // of the kernel for the effective user, as `open(O_WRONLY)` would.
    eaccess(path, AccessFlags::W_OK)
        .map_err(|errno| WriteError::NotWritable(std::io::Error::from(errno)))?;
    if original.nlink() > 1 {
        return Err(WriteError::HardLinks {
            links: original.nlink(),
        });
    }
    Ok(())
}
