//! Users and groups of the machine (`user`, `group`, `uid`, `gid`).
//!
//! Lookups go through the C library, so users from NSS sources (LDAP,
//! systemd's dynamic users) count as well as those in `/etc/passwd`.

use nix::unistd::{Gid, Group, Uid, User};

/// Whether a user named `name` exists.
pub fn user_exists(name: &str) -> Result<bool, String> {
    User::from_name(name)
        .map(|user| user.is_some())
        .map_err(|e| e.to_string())
}

/// Whether a group named `name` exists.
pub fn group_exists(name: &str) -> Result<bool, String> {
    Group::from_name(name)
        .map(|group| group.is_some())
        .map_err(|e| e.to_string())
}

/// Whether a user with id `uid` exists.
pub fn uid_exists(uid: u32) -> Result<bool, String> {
    User::from_uid(Uid::from_raw(uid))
        .map(|user| user.is_some())
        .map_err(|e| e.to_string())
}

/// Whether a group with id `gid` exists.
pub fn gid_exists(gid: u32) -> Result<bool, String> {
    Group::from_gid(Gid::from_raw(gid))
        .map(|group| group.is_some())
        .map_err(|e| e.to_string())
}
