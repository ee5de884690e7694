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

/// `--env` and `--env-file` decide `.if defined(...)` and `"${NAME}"`
/// targets as they do for `check`; a bad value is trouble.
#[test]
fn environment_decides_conditions_and_targets() {
    let dir = scratch("graph-env");
    let config = dir.join("colors.cfg");
    std::fs::write(
        &config,
        "frontend fe\n    mode http\n    bind :80\n.if defined(BLUE)\n    default_backend be_blue\n.else\n    default_backend be_green\n.endif\n    use_backend \"be_${COLOR}\" if { path /c }\nbackend be_blue\n    mode http\nbackend be_green\n    mode http\nbackend be_red\n    mode http\n",
    )
    .expect("write");
    let edges = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["graph", "--format", "json"];
        all.extend_from_slice(args);
        all.push(path_arg(&config));
        let output = haplint(&all);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
        let mut targets: Vec<String> = json["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .map(|edge| edge["to"].as_str().unwrap_or_default().to_owned())
            .collect();
        targets.sort();
        targets
    };
    let without = edges(&[]);
    assert!(
        without.contains(&"backend:be_green".to_owned()),
        "{without:?}"
    );
    assert!(
        !without.contains(&"backend:be_red".to_owned()),
        "{without:?}"
    );
    let given = edges(&["--env", "BLUE=1", "--env", "COLOR=red"]);
    assert_eq!(given, vec!["backend:be_blue", "backend:be_red"]);
    let env_file = dir.join("colors.env");
    std::fs::write(&env_file, "COLOR=red\n").expect("write");
    let from_file = edges(&["--env-file", path_arg(&env_file)]);
    assert_eq!(from_file, vec!["backend:be_green", "backend:be_red"]);
    let bad = haplint(&["graph", "--env", "no-equals-sign", path_arg(&config)]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--env"), "{}", stderr(&bad));
}
