//! `haplint graph` as users run it.

mod support;

use support::{haplint, path_arg, run_with_stdin, scratch, stderr, stdout, workspace_root};

/// The picture in the README is what the command draws today.
#[test]
fn committed_showcase_picture_is_current() {
    let output = haplint(&[
        "graph",
        "--format",
        "svg",
        "test-corpus/showcase/production.cfg",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let committed = std::fs::read_to_string(workspace_root().join("docs/showcase-graph.svg"))
        .expect("docs/showcase-graph.svg exists");
    assert!(
        stdout(&output) == committed,
        "docs/showcase-graph.svg is stale; regenerate it with\n  haplint graph --format svg test-corpus/showcase/production.cfg -o docs/showcase-graph.svg"
    );
}

#[test]
fn every_format_draws_the_fixture() {
    for format in ["mermaid", "dot", "svg", "html", "json"] {
        let output = haplint(&[
            "graph",
            "--format",
            format,
            "test-corpus/graph/conditions.cfg",
        ]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            stderr(&output)
        );
        let text = stdout(&output);
        for name in ["www", "be_web", "be_api", "be_admin", "be_static"] {
            assert!(text.contains(name), "{format} lacks {name}");
        }
    }
}

#[test]
fn output_file_and_config_set() {
    let dir = scratch("graph-output");
    let out = dir.join("graph.json");
    let output = haplint(&[
        "graph",
        "--format",
        "json",
        "-f",
        "test-corpus/graph/set",
        "-o",
        path_arg(&out),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("JSON");
    assert_eq!(json["version"], 1);
    let edges = json["edges"].as_array().expect("edges");
    assert!(edges.iter().any(|edge| edge["to"] == "backend:be_api"));
}

#[test]
fn section_and_findings_switches() {
    let output = haplint(&[
        "graph",
        "--format",
        "json",
        "--no-findings",
        "--section",
        "www",
        "test-corpus/graph/findings.cfg",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(!text.contains("be_old"));
    assert!(!text.contains("\"findings\""));
    let missing = haplint(&[
        "graph",
        "--section",
        "nope",
        "test-corpus/graph/findings.cfg",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("`nope`"));
}

#[test]
fn live_reads_the_map_of_a_dynamic_target() {
    let output = haplint(&[
        "graph",
        "--format",
        "json",
        "--live",
        "test-corpus/graph/dynamic.cfg",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output).matches("\"map_entry\"").count(), 3);
}

#[test]
fn standard_input_and_unreadable_files() {
    let output = run_with_stdin(
        &["graph", "-"],
        b"frontend f\n    bind :80\n    default_backend b\nbackend b\n",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("flowchart LR\n"));
    let missing = haplint(&["graph", "no/such/file.cfg"]);
    assert_eq!(missing.status.code(), Some(2));
}
