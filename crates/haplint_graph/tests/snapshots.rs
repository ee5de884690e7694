//! The JSON, Mermaid and DOT of the fixtures in test-corpus/graph, compared
//! with the files under tests/snapshots (`UPDATE_EXPECT=1` rewrites them).

use std::path::{Path, PathBuf};

use expect_test::expect_file;
use haplint_graph::{BuildOptions, Format, GraphOptions, graph, render};
use haplint_semantic::ConfigSet;

/// The workspace root, where the fixture paths are relative to.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A set of the fixture files, named by their path from the root so the
/// snapshots do not depend on where the checkout is.
fn set_of(files: &[&str]) -> ConfigSet {
    let mut set = ConfigSet::new();
    for file in files {
        let bytes = std::fs::read(root().join(file)).expect("fixture is readable");
        set.add(Path::new(file), &bytes);
    }
    set
}

fn options() -> GraphOptions<'static> {
    GraphOptions {
        findings: true,
        ..GraphOptions::default()
    }
}

fn check_all(name: &str, set: &ConfigSet, options: &GraphOptions<'_>) {
    let graph = graph(set, options).expect("graph");
    for (format, extension) in [
        (Format::Json, "json"),
        (Format::Mermaid, "mmd"),
        (Format::Dot, "dot"),
    ] {
        expect_file![format!("snapshots/{name}.{extension}")].assert_eq(&render(&graph, format));
    }
}

#[test]
fn conditions() {
    let options = GraphOptions {
        build: BuildOptions {
            acl_definitions: true,
            ..BuildOptions::default()
        },
        ..options()
    };
    check_all(
        "conditions",
        &set_of(&["test-corpus/graph/conditions.cfg"]),
        &options,
    );
}

#[test]
fn inheritance() {
    check_all(
        "inheritance",
        &set_of(&["test-corpus/graph/inheritance.cfg"]),
        &options(),
    );
}

#[test]
fn dynamic_target_alone() {
    check_all(
        "dynamic",
        &set_of(&["test-corpus/graph/dynamic.cfg"]),
        &options(),
    );
}

#[test]
fn dynamic_target_with_its_map() {
    let read = |file: &str| std::fs::read_to_string(root().join(file)).ok();
    let options = GraphOptions {
        build: BuildOptions {
            read_map: Some(&read),
            ..BuildOptions::default()
        },
        ..options()
    };
    check_all(
        "dynamic-live",
        &set_of(&["test-corpus/graph/dynamic.cfg"]),
        &options,
    );
}

#[test]
fn findings() {
    check_all(
        "findings",
        &set_of(&["test-corpus/graph/findings.cfg"]),
        &options(),
    );
}

#[test]
fn findings_hidden() {
    let options = GraphOptions::default();
    check_all(
        "findings-hidden",
        &set_of(&["test-corpus/graph/findings.cfg"]),
        &options,
    );
}

#[test]
fn config_set() {
    check_all(
        "set",
        &set_of(&[
            "test-corpus/graph/set/10-frontends.cfg",
            "test-corpus/graph/set/20-backends.cfg",
        ]),
        &options(),
    );
}

#[test]
fn one_section() {
    let options = GraphOptions {
        section: Some("www".to_owned()),
        ..options()
    };
    let graph = graph(&set_of(&["test-corpus/graph/findings.cfg"]), &options).expect("graph");
    let names: Vec<&str> = graph.nodes.iter().map(|node| node.name.as_str()).collect();
    assert!(names.contains(&"www"));
    assert!(!names.contains(&"be_old"), "{names:?}");
    let missing = GraphOptions {
        section: Some("nowhere".to_owned()),
        ..GraphOptions::default()
    };
    assert!(graph_of_missing(&missing));
}

fn graph_of_missing(options: &GraphOptions<'_>) -> bool {
    graph(&set_of(&["test-corpus/graph/findings.cfg"]), options).is_err()
}

/// Hostile names and conditions stay inside their strings in every format.
#[test]
fn text_is_escaped() {
    let text = r#"frontend "f\"<&>|#"
    bind :80
    use_backend "b\"<&>|#" if { hdr(x) -m str "a|b" }
backend "b\"<&>|#"
    server s 127.0.0.1:1
"#;
    let set = ConfigSet::single(Path::new("hostile.cfg"), text.as_bytes());
    let graph = graph(&set, &options()).expect("graph");
    let svg = render(&graph, Format::Svg);
    assert!(!svg.contains("b\"<&>"), "{svg}");
    assert!(svg.contains("b&quot;&lt;&amp;&gt;|#"));
    let dot = render(&graph, Format::Dot);
    assert!(dot.contains(r#"b\"<&>|#"#), "{dot}");
    let mermaid = render(&graph, Format::Mermaid);
    assert!(
        mermaid.contains("b#quot;#lt;#amp;#gt;#124;#35;"),
        "{mermaid}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&render(&graph, Format::Json)).expect("valid JSON");
    assert_eq!(json["version"], 1);
}
