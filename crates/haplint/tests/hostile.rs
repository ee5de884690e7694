//! The hostile inputs that once broke `haplint check` (a panic on a valid
//! configuration, a check that fails, unbounded findings, quadratic `.if`
//! nesting, limits HAProxy enforces and haplint missed), each written here
//! as its own small case.

mod support;

use std::fmt::Write as _;
use std::process::Command;

use support::{haplint, path_arg, scratch, stderr, stdout};

const VALID_TAIL: &str = "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\nbackend be\n    server s1 127.0.0.1:8080 check\n";

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write config");
    path
}

#[test]
fn a_non_ascii_letter_before_a_parenthesis_is_no_panic() {
    let dir = scratch("hostile-non-ascii");
    let config = format!(
        "{VALID_TAIL}\nfrontend fe\n    bind 127.0.0.1:18095\n    http-response set-header X-Info \"Überprüfung(ok)\"\n    acl a src_é(x) -m found\n    default_backend be\n"
    );
    let path = write(&dir, "a.cfg", &config);
    let output = haplint(&["check", "--output-format", "concise", path_arg(&path)]);
    assert_ne!(output.status.code(), Some(101), "{}", stderr(&output));
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    assert!(
        !stdout(&output).contains("internal-error"),
        "{}",
        stdout(&output)
    );
}

/// The shapes of the mutated corpus files that hit the same panic: a
/// multi-byte letter before `(` in a stick-table's stored data, in a line
/// outside any section and in a comment. HAProxy refuses the file; haplint
/// reports it without a panic or an internal error.
#[test]
fn mutated_lines_with_a_letter_before_a_parenthesis_are_no_panic() {
    let dir = scratch("hostile-fuzz-crash");
    let config = format!(
        "global\n    stats socket /run/haproxy/admin.sock mode 600 level admin\n\ndetable_cnt(.else-1faults\n{VALID_TAIL}\nfrontend www\n    bind :80\n    stick-table type ip size 100k expire 10m store http_req_-1\u{20ac}rate(10s)\n    http-request track-sc0 src\n    # defaults%{{+Q}}gcrt \u{20ac}(x)\n    default_backend be\n"
    );
    let path = write(&dir, "a.cfg", &config);
    let output = haplint(&["check", "--output-format", "concise", path_arg(&path)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    assert!(
        !stdout(&output).contains("internal-error"),
        "{}",
        stdout(&output)
    );
}

/// A check or rule that panics costs its own findings only: the file gets
/// an `internal-error` naming it, the exit code says the report is
/// incomplete, and the next file is checked in full.
#[test]
fn a_failing_check_or_rule_is_named_and_other_files_are_checked() {
    let dir = scratch("hostile-failing-check");
    let first = write(&dir, "first.cfg", "frontend fe\n    bind :80\n");
    let second = write(&dir, "second.cfg", "global\n    maxconn 100\r stray\n");
    for (failing, named) in [
        ("symbols", "the model's check `symbols`"),
        ("missing-timeout", "rule `missing-timeout`"),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_haplint"))
            .args(["check", "--output-format", "concise"])
            .args([path_arg(&first), path_arg(&second)])
            .env("HAPLINT_FAIL_CHECK", failing)
            .output()
            .expect("haplint runs");
        let out = stdout(&output);
        assert_eq!(output.status.code(), Some(2), "{out}");
        assert!(
            out.contains(&format!("internal-error] {named} failed")),
            "{out}"
        );
        assert!(
            out.contains("second.cfg:2"),
            "the other file is checked: {out}"
        );
    }
}

#[test]
fn random_bytes_give_a_bounded_report() {
    let dir = scratch("hostile-random");
    // A fixed pseudo-random sequence: every byte value, in no order.
    let mut state: u32 = 0x1234_5678;
    let bytes: Vec<u8> = (0..1_000_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect();
    let path = dir.join("random.cfg");
    std::fs::write(&path, &bytes).expect("write");
    let output = haplint(&["check", "--output-format", "json", path_arg(&path)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    let mut per_rule = std::collections::HashMap::<&str, usize>::new();
    for diagnostic in diagnostics {
        *per_rule
            .entry(diagnostic["rule"].as_str().unwrap_or(""))
            .or_default() += 1;
    }
    assert!(
        per_rule.values().all(|count| *count <= 1001),
        "{per_rule:?}"
    );
    let utf8 = per_rule.get("invalid-utf8").copied().unwrap_or(0);
    assert!((1..=101).contains(&utf8), "{utf8} invalid-utf8 findings");
    assert!(
        diagnostics.iter().any(|d| d["message"]
            .as_str()
            .is_some_and(|message| message.contains("more `") && message.contains("not listed"))),
        "a summary says how many more"
    );
}

#[test]
fn a_hundred_nested_if_blocks_are_refused_as_haproxy_does() {
    let dir = scratch("hostile-nested-if");
    let mut config = String::from("global\n");
    for _ in 0..200 {
        config.push_str(".if 1\n");
    }
    for _ in 0..200 {
        config.push_str(".endif\n");
    }
    let path = write(&dir, "nested.cfg", &config);
    let output = haplint(&["check", "--output-format", "concise", path_arg(&path)]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    // HAProxy refuses the `.if` that opens the hundredth block: line 101.
    assert!(
        out.contains(":101:1: error[conditional-block] too many nested `.if`"),
        "{out}"
    );
    assert_eq!(out.matches("too many nested").count(), 1, "{out}");

    let mut config = String::from("global\n");
    for _ in 0..99 {
        config.push_str(".if 1\n");
    }
    for _ in 0..99 {
        config.push_str(".endif\n");
    }
    let path = write(&dir, "deep.cfg", &config);
    let output = haplint(&["check", "--output-format", "concise", path_arg(&path)]);
    assert!(
        !stdout(&output).contains("too many nested"),
        "99 levels are fine"
    );
}

/// 40,000 nested `.if`/`.else` pairs: one pass over the lines. (A scan of
/// every skipped line per line took minutes here; the test would hang.)
#[test]
fn deeply_nested_if_else_pairs_are_checked() {
    let dir = scratch("hostile-if-else");
    let mut config = String::from("global\n");
    for index in 0..40_000 {
        let _ = writeln!(config, ".if defined(V{})\n.else", index % 7);
    }
    for _ in 0..40_000 {
        config.push_str(".endif\n");
    }
    let path = write(&dir, "pairs.cfg", &config);
    let output = haplint(&["check", "--output-format", "concise", path_arg(&path)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stdout(&output).contains("too many nested"));
}

#[test]
fn nbthread_outside_the_range_of_the_target_is_refused() {
    let dir = scratch("hostile-nbthread");
    // (target, nbthread, refused), as HAProxy 2.6.12 to 3.4.7 answer.
    let cases = [
        ("2.6", "0", true),
        ("2.6", "64", false),
        ("2.6", "65", true),
        ("2.6", "99999999999", true),
        ("2.8", "65", true),
        ("2.8", "256", true),
        ("3.0", "128\n    thread-groups 2", false),
        ("3.2", "1024", false),
        ("3.4", "1025", true),
        ("3.4", "abc", true),
        ("3.4", "\"${THREADS}\"", false),
    ];
    for (target, count, refused) in cases {
        let path = write(
            &dir,
            "threads.cfg",
            &format!("global\n    nbthread {count}\n\n{VALID_TAIL}"),
        );
        let output = haplint(&[
            "check",
            "--target-version",
            target,
            "--output-format",
            "concise",
            path_arg(&path),
        ]);
        let out = stdout(&output);
        let reported = out
            .lines()
            .any(|line| line.contains(":2:") && line.contains("error["));
        assert_eq!(reported, refused, "nbthread {count} at {target}: {out}");
    }
}
