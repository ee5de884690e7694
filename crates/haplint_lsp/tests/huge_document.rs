//! A generated configuration with thousands of proxies repeating the same
//! mistakes: what the server publishes stays bounded by the per-rule cap,
//! requests sent together with the open are all answered (from one shared
//! analysis), and closing the document clears its diagnostics and state.

mod support;

use std::fmt::Write as _;

use serde_json::{Value, json};
use support::{TestClient, uri};

/// More than the cap of each rule: every backend lacks its timeouts and is
/// used by no frontend.
const BACKENDS: usize = 3 * haplint_linter::MAX_FINDINGS_PER_RULE;

fn generated() -> String {
    let mut text = String::from("frontend fe\n    bind :80\n    default_backend b0\n\n");
    for index in 0..BACKENDS {
        // Writing to a String cannot fail.
        let _ = write!(text, "backend b{index}\n    server s 127.0.0.1:80\n");
    }
    text
}

/// How many diagnostics of `rule` there are.
fn count(diagnostics: &[Value], rule: &str) -> usize {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic["code"] == rule)
        .count()
}

#[tokio::test]
async fn a_huge_document_gets_capped_diagnostics_and_close_frees_it() {
    let mut client = TestClient::start().await;
    let doc = uri("generated.cfg");
    client.open(&doc, &generated()).await;
    // An editor asks for these right after opening, before any lint ends.
    let requests = [
        "textDocument/documentSymbol",
        "textDocument/foldingRange",
        "textDocument/semanticTokens/full",
    ];
    for (id, method) in (1000..).zip(requests) {
        let request = json!({"jsonrpc": "2.0", "id": id, "method": method,
            "params": {"textDocument": {"uri": doc}}});
        client.send_raw(request.to_string().as_bytes()).await;
    }
    for id in (1000..).take(requests.len()) {
        let answer = client
            .wait_for(|message| message["id"] == id && message.get("method").is_none())
            .await;
        assert!(
            answer["result"].is_object() || answer["result"].is_array(),
            "{answer}"
        );
    }

    let diagnostics = client.diagnostics(&doc, 1).await;
    let limit = haplint_linter::MAX_FINDINGS_PER_RULE;
    // The cap and one summary per rule over it.
    assert_eq!(count(&diagnostics, "missing-timeout"), limit + 1);
    assert_eq!(count(&diagnostics, "unused-backend"), limit + 1);
    assert!(diagnostics.len() < 4 * (limit + 1), "{}", diagnostics.len());
    let summary = diagnostics
        .iter()
        .find(|diagnostic| {
            diagnostic["code"] == "missing-timeout"
                && diagnostic["message"]
                    .as_str()
                    .is_some_and(|message| message.contains("more `missing-timeout` findings"))
        })
        .expect("a summary of the findings left out");
    let more: usize = summary["message"]
        .as_str()
        .and_then(|message| message.split(' ').next())
        .and_then(|number| number.parse().ok())
        .expect("a count");
    assert!(more >= BACKENDS - limit, "{summary}");

    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": doc}}),
        )
        .await;
    client
        .wait_for(|message| {
            message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == doc
                && message["params"]["diagnostics"] == json!([])
        })
        .await;
    // Nothing of the document is left to answer from.
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": doc}}),
        )
        .await;
    assert!(symbols.is_null(), "{symbols}");
}

/// A client that shows at most `rangeLimit` folding ranges gets no more.
#[tokio::test]
async fn folding_ranges_stop_at_the_client_limit() {
    let mut client = TestClient::start_with(
        json!({"textDocument": {"foldingRange": {"rangeLimit": 100}}}),
        json!({"debounceMs": 0}),
    )
    .await;
    let doc = uri("folded.cfg");
    client.open(&doc, &generated()).await;
    let folds = client
        .request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": doc}}),
        )
        .await;
    let folds = folds.as_array().expect("folding ranges");
    assert_eq!(folds.len(), 100);
    assert_eq!(folds[0]["startLine"], 0);
}
