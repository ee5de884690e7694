//! Why a file was not written. Each kind is a refusal or a failure that
//! left the file exactly as it was; the message says which and why.

use std::fmt;
use std::io;

#[derive(Debug)]
pub enum WriteError {
    /// A directory, a device, a FIFO: not a file haplint rewrites.
    NotRegular,
    /// No write permission bit is set: somebody made it read-only on
    /// purpose, and root would otherwise write it anyway.
    ReadOnly { mode: u32 },
    /// The permissions (mode, owner, ACL) do not let this user write it.
    NotWritable(io::Error),
    /// Writing a new file and renaming it would separate the names.
    HardLinks { links: u64 },
    /// The new file could not be given what the old one had (its owner
    /// and group, an extended attribute), so it would not be the same file.
    CannotKeep { what: String, error: io::Error },
    /// A step of the write failed (full disk, unwritable directory...).
    Io {
        step: &'static str,
        error: io::Error,
    },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotRegular => write!(f, "it is not a regular file"),
            Self::ReadOnly { mode } => {
                write!(
                    f,
                    "it is read-only (mode {mode:04o}); make it writable to fix it"
                )
            }
            Self::NotWritable(error) => write!(f, "you may not write it ({error})"),
            Self::HardLinks { links } => write!(
                f,
                "it has {links} hard links, and replacing it would break them; apply `--diff` by hand"
            ),
            Self::CannotKeep { what, error } => write!(
                f,
                "its replacement could not be given the same {what} ({error}); apply `--diff` by hand"
            ),
            Self::Io { step, error } => write!(f, "cannot {step}: {error}"),
        }
    }
}

impl std::error::Error for WriteError {}
