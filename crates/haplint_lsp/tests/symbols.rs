//! Document and workspace symbols, folding and selection ranges.

mod support;

use std::fmt::Write as _;

use serde_json::{Value, json};
use support::{TestClient, uri};

const CONFIG: &str = "# Edge proxy\n# owned by the web team\nglobal\n    daemon\n.if version_atleast(2.5)\n    nbthread 4\n.else\n    nbproc 1\n.endif\nfrontend www\n    bind :80\n    acl is_api path_beg /api\n    use_backend api if is_api\n\nbackend api\n    server s1 127.0.0.1:8080\n    server s2 127.0.0.1:8081\n";

async fn open(client: &mut TestClient, name: &str) -> String {
    let doc = uri(name);
    client.open_and_lint(&doc, CONFIG).await;
    doc
}

#[tokio::test]
async fn document_symbols_are_sections_with_acls_binds_and_servers() {
    let mut client = TestClient::start().await;
    let doc = open(&mut client, "symbols.cfg").await;
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": doc}}),
        )
        .await;
    let names: Vec<&str> = symbols
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|symbol| symbol["name"].as_str())
        .collect();
    assert_eq!(names, ["global", "frontend www", "backend api"]);
    let children: Vec<&str> = symbols[1]["children"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|symbol| symbol["name"].as_str())
        .collect();
    assert_eq!(children, ["bind :80", "is_api"]);
    assert_eq!(symbols[2]["range"]["end"]["line"], 16);
    assert_eq!(
        symbols[2]["selectionRange"]["start"],
        json!({"line": 14, "character": 8})
    );
}

#[tokio::test]
async fn workspace_symbols_search_open_documents() {
    let mut client = TestClient::start().await;
    open(&mut client, "workspace.cfg").await;
    let found = client
        .request("workspace/symbol", json!({"query": "S"}))
        .await;
    let names: Vec<&str> = found
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|symbol| symbol["name"].as_str())
        .collect();
    assert_eq!(names, ["is_api", "s1", "s2"]);
}

#[tokio::test]
async fn folding_sections_if_blocks_and_comment_runs() {
    let mut client = TestClient::start().await;
    let doc = open(&mut client, "folding.cfg").await;
    let folds = client
        .request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": doc}}),
        )
        .await;
    let spans: Vec<(u64, u64, Value)> = folds
        .as_array()
        .into_iter()
        .flatten()
        .map(|fold| {
            (
                fold["startLine"].as_u64().unwrap_or(0),
                fold["endLine"].as_u64().unwrap_or(0),
                fold["kind"].clone(),
            )
        })
        .collect();
    assert_eq!(
        spans,
        [
            (0, 1, json!("comment")),
            (2, 8, json!("region")),
            (4, 5, Value::Null),
            (6, 7, Value::Null),
            (9, 12, json!("region")),
            (14, 16, json!("region")),
        ]
    );
}

#[tokio::test]
async fn selection_grows_from_word_to_line_to_section_to_document() {
    let mut client = TestClient::start().await;
    let doc = open(&mut client, "selection.cfg").await;
    let result = client
        .request(
            "textDocument/selectionRange",
            json!({"textDocument": {"uri": doc}, "positions": [{"line": 15, "character": 13}]}),
        )
        .await;
    let mut lines = Vec::new();
    let mut current = &result[0];
    while current.is_object() {
        let range = &current["range"];
        lines.push((
            range["start"]["line"].as_u64().unwrap_or(0),
            range["start"]["character"].as_u64().unwrap_or(0),
            range["end"]["line"].as_u64().unwrap_or(0),
        ));
        current = &current["parent"];
    }
    assert_eq!(lines, [(15, 11, 15), (15, 4, 15), (14, 0, 16), (0, 0, 17)]);
}

/// A generated configuration with more sections than the cap: the answer
/// stops at the cap and says how many sections it left out.
#[tokio::test]
async fn document_symbols_are_capped() {
    let mut client = TestClient::start().await;
    let doc = uri("many.cfg");
    let sections = haplint_lsp::MAX_SYMBOLS + 2500;
    let mut text = String::new();
    for n in 0..sections {
        let _ = writeln!(text, "backend b{n}");
    }
    client.open(&doc, &text).await;
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": doc}}),
        )
        .await;
    let symbols = symbols.as_array().cloned().unwrap_or_default();
    assert_eq!(symbols.len(), haplint_lsp::MAX_SYMBOLS + 1);
    assert_eq!(
        symbols[haplint_lsp::MAX_SYMBOLS - 1]["name"],
        format!("backend b{}", haplint_lsp::MAX_SYMBOLS - 1)
    );
    let last = &symbols[haplint_lsp::MAX_SYMBOLS];
    assert_eq!(last["name"], "… 2,500 more sections not listed", "{last}");
    assert_eq!(last["range"]["start"]["line"], haplint_lsp::MAX_SYMBOLS);
    let found = client
        .request("workspace/symbol", json!({"query": "b"}))
        .await;
    assert_eq!(
        found.as_array().map(Vec::len),
        Some(haplint_lsp::MAX_SYMBOLS)
    );
}
