//! Data-driven parser tests: every `test_data/**/*.cfg` is parsed and its
//! tree and diagnostics are compared with the `.tree` file beside it.
//! Run with `UPDATE_EXPECT=1` to write the expectations.

use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};

use haplint_syntax::{Severity, decode, parse};

fn cfg_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        fs::read_dir(dir).unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            cfg_files(&path, out);
        } else if path.extension().is_some_and(|extension| extension == "cfg") {
            out.push(path);
        }
    }
}

/// The tree, then one line per diagnostic with its byte range.
fn render(bytes: &[u8]) -> String {
    let decoded = decode(bytes);
    let parse = parse(&decoded.text);
    assert_eq!(parse.syntax().to_string(), decoded.text, "round trip");
    let mut out = parse.debug_tree();
    let diagnostics: Vec<_> = decoded
        .diagnostics
        .iter()
        .chain(parse.diagnostics())
        .collect();
    if !diagnostics.is_empty() {
        out.push_str("---\n");
    }
    for diagnostic in diagnostics {
        let severity = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(
            out,
            "{severity}[{}] {:?}: {}",
            diagnostic.kind.name(),
            diagnostic.range,
            diagnostic.message
        );
        for related in &diagnostic.related {
            let _ = writeln!(out, "  related {:?}: {}", related.range, related.message);
        }
    }
    out
}

#[test]
fn test_data() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let mut files = Vec::new();
    cfg_files(&root, &mut files);
    files.sort();
    assert!(files.len() >= 10, "test data went missing");
    for file in files {
        let bytes = fs::read(&file).expect("readable test file");
        let expected = file.with_extension("tree");
        expect_test::expect_file![expected].assert_eq(&render(&bytes));
    }
}
