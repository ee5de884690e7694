//! Giving the replacement file everything the original carries besides
//! its bytes: owner and group, extended attributes (ACLs live in
//! `system.posix_acl_access`, `SELinux` labels in `security.selinux`) and the
//! mode. Anything that cannot be reproduced refuses the write.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs::{File, Metadata, Permissions};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use nix::unistd::{Gid, Uid, fchown};
use xattr::FileExt;

use super::write_error::WriteError;

pub fn copy(original_path: &Path, original: &Metadata, new: &File) -> Result<(), WriteError> {
    keep_owner(original, new)?;
    // After the owner: `chown` clears attributes such as
    // `security.capability`, and the set-id bits.
    keep_xattrs(original_path, new)?;
    // Last: the mode wins over the group bits an ACL may have set.
    new.set_permissions(Permissions::from_mode(original.mode() & 0o7777))
        .map_err(|error| WriteError::Io {
            step: "set the mode of the new file",
            error,
        })
}

fn keep_owner(original: &Metadata, new: &File) -> Result<(), WriteError> {
    let current = new.metadata().map_err(|error| WriteError::Io {
        step: "read the new file's metadata",
        error,
    })?;
    if (current.uid(), current.gid()) == (original.uid(), original.gid()) {
        return Ok(());
    }
    // Root can give the file away; anybody else only to a group of theirs.
    fchown(
        new,
        Some(Uid::from_raw(original.uid())),
        Some(Gid::from_raw(original.gid())),
    )
    .map_err(|errno| WriteError::CannotKeep {
        what: format!("owner and group ({}:{})", original.uid(), original.gid()),
        error: errno.into(),
    })
}

fn keep_xattrs(original_path: &Path, new: &File) -> Result<(), WriteError> {
    let names: Vec<OsString> = match xattr::list(original_path) {
        Ok(names) => names.collect(),
        // A file system without extended attributes has none to keep.
        Err(error) if error.raw_os_error() == Some(nix::libc::ENOTSUP) => return Ok(()),
        Err(error) => {
            return Err(WriteError::Io {
                step: "list its extended attributes",
                error,
            });
        }
    };
    for name in &names {
        let cannot_keep = |error| WriteError::CannotKeep {
            what: format!("extended attribute `{}`", name.to_string_lossy()),
            error,
        };
        // Gone since it was listed: nothing to copy.
        let Some(value) = xattr::get(original_path, name).map_err(cannot_keep)? else {
            continue;
        };
        // Already right (a label the directory gives every new file): no
        // need to ask for a change an unprivileged user may not make.
        if new.get_xattr(name).ok().flatten().as_ref() == Some(&value) {
            continue;
        }
        new.set_xattr(name, &value).map_err(cannot_keep)?;
    }
    // A default ACL or label of the directory may have given the new file
    // attributes the original does not have.
    let kept: HashSet<&OsString> = names.iter().collect();
    let extra: Vec<OsString> = match new.list_xattr() {
        Ok(extra) => extra.filter(|name| !kept.contains(name)).collect(),
        Err(_) => Vec::new(),
    };
    for name in extra {
        new.remove_xattr(&name)
            .map_err(|error| WriteError::CannotKeep {
                what: format!("extended attributes (without `{}`)", name.to_string_lossy()),
                error,
            })?;
    }
    Ok(())
}
