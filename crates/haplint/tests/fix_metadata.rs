//! `--fix` writes files faithfully: the fixed file keeps its owner, group,
//! mode, ACL and extended attributes and its hard links, and a file the
//! user may not write is refused and left alone. The tests that need
//! another user run the binary as `nobody` (uid 65534), which only root can.

#![cfg(unix)]

mod support;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output};

use support::{haplint, path_arg, scratch, stderr};

/// A timeout without a unit has a safe fix: writing the unit it means.
const FIXABLE: &str = "global
    maxconn 100

defaults
    mode http
    timeout client 30s
    timeout server 30s
    timeout connect 5000

frontend fe
    bind :80
";

const NOBODY: u32 = 65534;

fn is_fixed(path: &Path) -> bool {
    !std::fs::read_to_string(path)
        .expect("read")
        .contains("timeout connect 5000\n")
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|meta| meta.uid() == 0)
}

/// `haplint ARGS` as uid and gid 65534 with no supplementary groups (the
/// standard library drops root's groups when it changes the user).
fn haplint_as_nobody(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_haplint"))
        .args(args)
        .uid(NOBODY)
        .gid(NOBODY)
        .current_dir("/")
        .output()
        .expect("haplint runs")
}

#[test]
fn owner_group_and_mode_are_kept() {
    if !is_root() {
        eprintln!("skipped: giving a file to another owner needs root");
        return;
    }
    let dir = scratch("fix-owner");
    let file = dir.join("haproxy.cfg");
    std::fs::write(&file, FIXABLE).expect("write");
    std::os::unix::fs::chown(&file, Some(NOBODY), Some(NOBODY)).expect("chown");
    chmod(&file, 0o640);
    let output = haplint(&["check", "--fix", path_arg(&file)]);
    assert!(is_fixed(&file), "{}", stderr(&output));
    let meta = std::fs::metadata(&file).expect("stat");
    assert_eq!((meta.uid(), meta.gid()), (NOBODY, NOBODY));
    assert_eq!(meta.mode() & 0o7777, 0o640);
}

#[test]
fn extended_attributes_and_acls_are_kept() {
    let dir = scratch("fix-xattr");
    let file = dir.join("haproxy.cfg");
    std::fs::write(&file, FIXABLE).expect("write");
    if let Err(error) = xattr::set(&file, "user.haplint-test", b"kept") {
        eprintln!("skipped: this file system refuses user attributes ({error})");
        return;
    }
    // An access ACL in the kernel's format: version 2, then (tag, perm, id)
    // entries: owner rw, user 65534 rw, group r, mask rw, other r.
    let mut acl = 2u32.to_le_bytes().to_vec();
    for (tag, perm, id) in [
        (0x01u16, 6u16, u32::MAX),
        (0x02, 6, NOBODY),
        (0x04, 4, u32::MAX),
        (0x10, 6, u32::MAX),
        (0x20, 4, u32::MAX),
    ] {
        acl.extend(tag.to_le_bytes());
        acl.extend(perm.to_le_bytes());
        acl.extend(id.to_le_bytes());
    }
    let has_acl = xattr::set(&file, "system.posix_acl_access", &acl).is_ok();
    if !has_acl {
        eprintln!("note: this file system refuses ACLs; only the user attribute is checked");
    }
    let mode_before = std::fs::metadata(&file).expect("stat").mode();
    let output = haplint(&["check", "--fix", path_arg(&file)]);
    assert!(is_fixed(&file), "{}", stderr(&output));
    assert_eq!(
        xattr::get(&file, "user.haplint-test").expect("getxattr"),
        Some(b"kept".to_vec())
    );
    if has_acl {
        assert_eq!(
            xattr::get(&file, "system.posix_acl_access").expect("getxattr"),
            Some(acl)
        );
    }
    assert_eq!(std::fs::metadata(&file).expect("stat").mode(), mode_before);
}

#[test]
fn hard_links_are_refused_not_broken() {
    let dir = scratch("fix-hardlink");
    let file = dir.join("haproxy.cfg");
    let other = dir.join("other-name.cfg");
    std::fs::write(&file, FIXABLE).expect("write");
    std::fs::hard_link(&file, &other).expect("link");
    let output = haplint(&["check", "--fix", path_arg(&file)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("haproxy.cfg`: it has 2 hard links"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&other).expect("read"), FIXABLE);
    assert_eq!(std::fs::metadata(&file).expect("stat").nlink(), 2);
    assert_eq!(std::fs::read_dir(&dir).expect("list").count(), 2);
}

#[test]
fn read_only_files_are_refused_and_the_others_fixed() {
    let dir = scratch("fix-read-only");
    let locked = dir.join("a-locked.cfg");
    let open = dir.join("b-open.cfg");
    std::fs::write(&locked, FIXABLE).expect("write");
    std::fs::write(&open, FIXABLE).expect("write");
    chmod(&locked, 0o444);
    let output = haplint(&["check", "--fix", path_arg(&dir)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("not fixing `")
            && stderr(&output).contains("a-locked.cfg`: it is read-only (mode 0444)"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&locked).expect("read"), FIXABLE);
    assert_eq!(
        std::fs::metadata(&locked).expect("stat").mode() & 0o777,
        0o444
    );
    assert!(is_fixed(&open));
}

/// A shared directory nobody can write in, like `/tmp`.
fn shared_dir(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    chmod(&dir, 0o1777);
    dir
}

#[test]
fn nobody_may_not_fix_a_file_of_root_in_a_shared_directory() {
    if !is_root() {
        eprintln!("skipped: running haplint as another user needs root");
        return;
    }
    let dir = shared_dir("fix-nobody-foreign");
    let file = dir.join("haproxy.cfg");
    std::fs::write(&file, FIXABLE).expect("write");
    chmod(&file, 0o644);
    let output = haplint_as_nobody(&["check", "--fix", path_arg(&file)]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("haproxy.cfg`: you may not write it (Permission denied"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), FIXABLE);
    assert_eq!(std::fs::metadata(&file).expect("stat").uid(), 0);
    assert_eq!(std::fs::read_dir(&dir).expect("list").count(), 1);
}

#[test]
fn nobody_fixes_its_own_file_and_keeps_it() {
    if !is_root() {
        eprintln!("skipped: running haplint as another user needs root");
        return;
    }
    let dir = shared_dir("fix-nobody-own");
    let file = dir.join("haproxy.cfg");
    std::fs::write(&file, FIXABLE).expect("write");
    std::os::unix::fs::chown(&file, Some(NOBODY), Some(NOBODY)).expect("chown");
    chmod(&file, 0o600);
    let output = haplint_as_nobody(&["check", "--fix", path_arg(&file)]);
    assert!(is_fixed(&file), "{}", stderr(&output));
    let meta = std::fs::metadata(&file).expect("stat");
    assert_eq!((meta.uid(), meta.gid()), (NOBODY, NOBODY));
    assert_eq!(meta.mode() & 0o7777, 0o600);
}
