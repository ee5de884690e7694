//! Every config of `test-corpus/` (but the rule fixtures) with the diagnostics expected from
//! `haplint check --output-format concise`, kept beside it as `.expected`.
//! Run with `UPDATE_EXPECT=1` to write the expectations.

use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn cfg_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable test-corpus") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            // Rule fixtures carry their expectations inline (see
            // `crates/haplint_linter/tests/fixtures.rs`).
            if path.file_name().is_some_and(|name| name == "rules") {
                continue;
            }
            cfg_files(&path, out);
        } else if path.extension().is_some_and(|extension| extension == "cfg") {
            out.push(path);
        }
    }
}

#[test]
fn test_corpus_diagnostics() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    cfg_files(&root.join("test-corpus"), &mut files);
    files.sort();
    assert!(!files.is_empty());
    for file in files {
        let relative = file.strip_prefix(&root).expect("inside the workspace");
        let output = Command::new(env!("CARGO_BIN_EXE_haplint"))
            .args(["check", "--output-format", "concise"])
            .arg(relative)
            .current_dir(&root)
            .output()
            .expect("haplint runs");
        let mut actual = String::from_utf8_lossy(&output.stdout).into_owned();
        let _ = writeln!(actual, "exit code: {}", output.status.code().unwrap_or(-1));
        expect_test::expect_file![file.with_extension("expected")].assert_eq(&actual);
    }
}
