//! Running the `haplint` binary from integration tests.

// Not every test binary uses every helper.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

pub fn haplint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_haplint"))
        .args(args)
        .current_dir(workspace_root())
        .env_remove("NO_COLOR")
        .output()
        .expect("haplint runs")
}

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_haplint"))
        .args(args)
        .current_dir(workspace_root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("haplint runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("haplint ends")
}

/// `haplint ARGS` run from `dir` (for settings discovery and relative paths).
pub fn haplint_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_haplint"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("haplint runs")
}

/// A fresh, empty directory for one test, under cargo's scratch space.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// A scratch path as a command-line argument.
pub fn path_arg(path: &std::path::Path) -> &str {
    path.to_str().expect("UTF-8 scratch path")
}
