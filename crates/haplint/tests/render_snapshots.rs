//! Every output format on one configuration, compared with the files in
//! `tests/snapshots/` (`UPDATE_EXPECT=1 cargo test --test render_snapshots`
//! rewrites them; review the diff). The other tests check each format's
//! shape; these catch any change in what users and tools actually read.

mod support;

use expect_test::expect_file;
use support::{haplint_in, stdout, workspace_root};

const CONFIG: &str = "test-corpus/showcase/production.cfg";

fn render(format: &str) -> String {
    let output = haplint_in(
        &workspace_root(),
        &[
            "check",
            "--color",
            "never",
            "--target-version",
            "2.6",
            "--output-format",
            format,
            CONFIG,
        ],
    );
    assert_eq!(output.status.code(), Some(1), "{format}: findings exit 1");
    stdout(&output)
}

#[test]
fn full() {
    expect_file!["snapshots/production.full.txt"].assert_eq(&render("full"));
}

#[test]
fn concise() {
    expect_file!["snapshots/production.concise.txt"].assert_eq(&render("concise"));
}

#[test]
fn json() {
    expect_file!["snapshots/production.json"].assert_eq(&render("json"));
}

#[test]
fn json_lines() {
    expect_file!["snapshots/production.jsonl"].assert_eq(&render("json-lines"));
}

/// The results, and the ids of the rules the driver lists: the rules'
/// full help texts are checked against the schema elsewhere and would make
/// this snapshot change with every rule's documentation.
#[test]
fn sarif() {
    let mut log: serde_json::Value = serde_json::from_str(&render("sarif")).expect("SARIF is JSON");
    let driver = &mut log["runs"][0]["tool"]["driver"];
    let ids: Vec<serde_json::Value> = driver["rules"]
        .as_array()
        .expect("driver rules")
        .iter()
        .map(|rule| rule["id"].clone())
        .collect();
    driver["rules"] = serde_json::Value::Array(ids);
    let text = serde_json::to_string_pretty(&log).expect("serialize") + "\n";
    expect_file!["snapshots/production.sarif.json"].assert_eq(&text);
}

#[test]
fn github() {
    expect_file!["snapshots/production.github.txt"].assert_eq(&render("github"));
}

#[test]
fn checkstyle() {
    expect_file!["snapshots/production.checkstyle.xml"].assert_eq(&render("checkstyle"));
}

#[test]
fn junit() {
    expect_file!["snapshots/production.junit.xml"].assert_eq(&render("junit"));
}
