//! Existence, type, mode, owner and readability of paths.

use std::fs::{self, File};
use std::io;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::Path;

use nix::unistd::{AccessFlags, access};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    File,
    Directory,
    Socket,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFacts {
    pub kind: FileKind,
    /// Permission bits (`0o7777` part of `st_mode`).
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub size: u64,
    /// Whether this process can open it for reading (list it, for a directory).
    pub readable: bool,
}

impl FileFacts {
    /// Whether anyone may write it (`o+w`).
    pub fn world_writable(&self) -> bool {
        self.mode & 0o002 != 0
    }

    /// Whether users outside its owner and group may read it (`o+r`).
    pub fn readable_by_others(&self) -> bool {
        self.mode & 0o004 != 0
    }

    /// Whether anyone besides its owner may read it (`g+r` or `o+r`).
    pub fn group_or_world_readable(&self) -> bool {
        self.mode & 0o044 != 0
    }
}

/// What looking at a path found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathProbe {
    Present(FileFacts),
    Missing,
    /// The path cannot be looked at: the message says why (for example
    /// "permission denied" on a parent directory).
    Unknown(String),
}

/// What `path` is (symbolic links followed), who owns it, its mode and
/// whether this process can read it.
pub fn probe_path(path: &Path) -> PathProbe {
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        // A path through a regular file cannot exist either.
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return PathProbe::Missing;
        }
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            return PathProbe::Unknown("permission denied".to_owned());
        }
        Err(e) => return PathProbe::Unknown(e.to_string()),
    };
    let file_type = metadata.file_type();
    let kind = if file_type.is_file() {
        FileKind::File
    } else if file_type.is_dir() {
        FileKind::Directory
    } else if file_type.is_socket() {
        FileKind::Socket
    } else {
        FileKind::Other
    };
    // Opening is the real test for files and directories (it sees ACLs and
    // read-only mounts alike); anything else (a FIFO would block an open)
    // is asked about instead.
    let readable = match kind {
        FileKind::File => File::open(path).is_ok(),
        FileKind::Directory => fs::read_dir(path).is_ok(),
        FileKind::Socket | FileKind::Other => access(path, AccessFlags::R_OK).is_ok(),
    };
    PathProbe::Present(FileFacts {
        kind,
        mode: metadata.mode() & 0o7777,
        uid: metadata.uid(),
        gid: metadata.gid(),
        size: metadata.size(),
        readable,
    })
}

#[cfg(test)]
mod tests {
    use super::{FileFacts, FileKind};

    fn with_mode(mode: u32) -> FileFacts {
        FileFacts {
            kind: FileKind::File,
            mode,
            uid: 0,
            gid: 0,
            size: 0,
            readable: true,
        }
    }

    #[test]
    fn mode_questions() {
        let private = with_mode(0o600);
        assert!(!private.world_writable());
        assert!(!private.readable_by_others());
        assert!(!private.group_or_world_readable());

        let group = with_mode(0o640);
        assert!(!group.readable_by_others());
        assert!(group.group_or_world_readable());

        let public = with_mode(0o644);
        assert!(!public.world_writable());
        assert!(public.readable_by_others());
        assert!(public.group_or_world_readable());

        assert!(with_mode(0o666).world_writable());
        assert!(with_mode(0o1777).world_writable());
    }
}
