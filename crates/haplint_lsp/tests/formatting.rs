//! `textDocument/formatting` and `rangeFormatting` through the protocol.

mod support;

use serde_json::{Value, json};
use support::{TestClient, uri};

const UGLY: &str = "frontend  www\n  bind   :80\n  mode http\nbackend b\n server s 10.0.0.1:80\n";

/// `text` with the LSP edits applied (line/character ranges, ASCII text).
fn apply(text: &str, edits: &Value) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let offset = |position: &Value| -> usize {
        let line = position["line"].as_u64().expect("line") as usize;
        let character = position["character"].as_u64().expect("character") as usize;
        lines[..line.min(lines.len())]
            .iter()
            .map(|line| line.len())
            .sum::<usize>()
            + character
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .as_array()
        .expect("edits")
        .iter()
        .map(|edit| {
            (
                offset(&edit["range"]["start"]),
                offset(&edit["range"]["end"]),
                edit["newText"].as_str().expect("text").to_owned(),
            )
        })
        .collect();
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.0));
    let mut out = text.to_owned();
    for (start, end, new_text) in edits {
        out.replace_range(start..end, &new_text);
    }
    out
}

async fn format_request(
    client: &mut TestClient,
    doc: &str,
    options: Value,
    range: Option<Value>,
) -> Value {
    match range {
        None => {
            client
                .request(
                    "textDocument/formatting",
                    json!({"textDocument": {"uri": doc}, "options": options}),
                )
                .await
        }
        Some(range) => {
            client
                .request(
                    "textDocument/rangeFormatting",
                    json!({"textDocument": {"uri": doc}, "range": range, "options": options}),
                )
                .await
        }
    }
}

#[tokio::test]
async fn the_server_says_it_formats() {
    let client = TestClient::start().await;
    assert_eq!(client.capabilities["documentFormattingProvider"], true);
    assert_eq!(client.capabilities["documentRangeFormattingProvider"], true);
}

#[tokio::test]
async fn whole_document_with_the_editor_indentation() {
    let mut client = TestClient::start().await;
    let doc = uri("format.cfg");
    client.open(&doc, UGLY).await;
    let edits = format_request(
        &mut client,
        &doc,
        json!({"tabSize": 2, "insertSpaces": true}),
        None,
    )
    .await;
    assert_eq!(
        apply(UGLY, &edits),
        "frontend www\n  bind :80\n  mode http\n\nbackend b\n  server s 10.0.0.1:80\n"
    );
    let edits = format_request(
        &mut client,
        &doc,
        json!({"tabSize": 8, "insertSpaces": false}),
        None,
    )
    .await;
    assert_eq!(
        apply(UGLY, &edits),
        "frontend www\n\tbind :80\n\tmode http\n\nbackend b\n\tserver s 10.0.0.1:80\n"
    );
}

#[tokio::test]
async fn range_formats_only_the_lines_it_touches() {
    let mut client = TestClient::start().await;
    let doc = uri("range.cfg");
    client.open(&doc, UGLY).await;
    let range = json!({"start": {"line": 1, "character": 3}, "end": {"line": 1, "character": 5}});
    let edits = format_request(
        &mut client,
        &doc,
        json!({"tabSize": 4, "insertSpaces": true}),
        Some(range),
    )
    .await;
    assert_eq!(
        apply(UGLY, &edits),
        "frontend  www\n    bind :80\n  mode http\nbackend b\n server s 10.0.0.1:80\n"
    );
}

#[tokio::test]
async fn syntax_errors_get_no_edits() {
    let mut client = TestClient::start().await;
    let doc = uri("broken.cfg");
    client.open(&doc, "frontend  f\n  acl a \"open\n").await;
    let edits = format_request(
        &mut client,
        &doc,
        json!({"tabSize": 4, "insertSpaces": true}),
        None,
    )
    .await;
    assert!(edits.is_null(), "{edits}");
}

#[tokio::test]
async fn a_missing_final_newline_is_added() {
    let mut client = TestClient::start().await;
    let doc = uri("last-line.cfg");
    let text = "frontend f\n  bind :80";
    client.open(&doc, text).await;
    let edits = format_request(
        &mut client,
        &doc,
        json!({"tabSize": 4, "insertSpaces": true}),
        None,
    )
    .await;
    assert_eq!(apply(text, &edits), "frontend f\n    bind :80\n");
}

#[tokio::test]
async fn haplint_toml_wins_over_the_editor() {
    let dir = std::env::temp_dir().join(format!("haplint-lsp-{}-format", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch");
    std::fs::write(
        dir.join("haplint.toml"),
        "[format]\nindent-style = \"tabs\"\n",
    )
    .expect("write");
    let doc = format!("file://{}", dir.join("haproxy.cfg").display());
    let mut client = TestClient::start().await;
    client.open(&doc, UGLY).await;
    let edits = format_request(
        &mut client,
        &doc,
        json!({"tabSize": 2, "insertSpaces": true}),
        None,
    )
    .await;
    assert_eq!(
        apply(UGLY, &edits),
        "frontend www\n\tbind :80\n\tmode http\n\nbackend b\n\tserver s 10.0.0.1:80\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
