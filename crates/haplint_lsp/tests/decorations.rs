//! Semantic tokens, inlay hints and document links.

mod support;

use serde_json::{Value, json};
use support::{TestClient, uri};

const CONFIG: &str = "global\n    crt-base /etc/ssl\n    lua-load /etc/haproxy/a.lua\ndefaults base\n    mode http\n    timeout client 30s\n    timeout connect 5000\n    timeout server 90000\nfrontend www from base # é\n    bind :443 ssl crt site.pem\n    acl is_api path_beg /api\n    http-request set-header X-Id \"%[src,map(/etc/ids.map)] ${HOST}\"\n    use_backend api if is_api\n    errorfile 503 errors/503.http\nbackend api\n    timeout server 10s\n    server s1 127.0.0.1:8080\n";

async fn open(client: &mut TestClient, name: &str) -> String {
    let doc = format!("file:///srv/haproxy/{name}");
    client.open_and_lint(&doc, CONFIG).await;
    doc
}

/// Decodes relative tokens into `(line, start, length, type)`.
fn decode(data: &Value) -> Vec<(u64, u64, u64, u64, u64)> {
    let numbers: Vec<u64> = data
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_u64)
        .collect();
    let mut out = Vec::new();
    let (mut line, mut start) = (0, 0);
    for chunk in numbers.chunks(5) {
        line += chunk[0];
        start = if chunk[0] == 0 {
            start + chunk[1]
        } else {
            chunk[1]
        };
        out.push((line, start, chunk[2], chunk[3], chunk[4]));
    }
    out
}

#[tokio::test]
async fn semantic_tokens_full_and_range() {
    let mut client = TestClient::start().await;
    let doc = open(&mut client, "tokens.cfg").await;
    let legend = client.capabilities["semanticTokensProvider"]["legend"]["tokenTypes"].clone();
    let index_of = |name: &str| {
        legend
            .as_array()
            .into_iter()
            .flatten()
            .position(|kind| kind == name)
            .unwrap_or(99) as u64
    };
    let full = client
        .request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": doc}}),
        )
        .await;
    let tokens = decode(&full["data"]);
    // `frontend` on line 8 is a section keyword; the comment after `é`
    // starts at UTF-16 column 23.
    assert!(
        tokens.contains(&(8, 0, 8, index_of("namespace"), 0)),
        "{tokens:?}"
    );
    assert!(
        tokens.contains(&(8, 23, 3, index_of("comment"), 0)),
        "{tokens:?}"
    );
    assert!(
        tokens.contains(&(5, 19, 3, index_of("number"), 0)),
        "{tokens:?}"
    );
    assert!(
        tokens.contains(&(12, 23, 6, index_of("variable"), 0)),
        "{tokens:?}"
    );
    assert!(
        tokens.contains(&(12, 16, 3, index_of("type"), 0)),
        "{tokens:?}"
    );
    assert!(
        tokens
            .iter()
            .any(|token| token.0 == 11 && token.3 == index_of("macro")),
        "{tokens:?}"
    );
    let range = client
        .request(
            "textDocument/semanticTokens/range",
            json!({"textDocument": {"uri": doc}, "range": {"start": {"line": 12, "character": 0}, "end": {"line": 13, "character": 0}}}),
        )
        .await;
    let some = decode(&range["data"]);
    assert!(
        !some.is_empty() && some.iter().all(|token| token.0 >= 12 && token.0 <= 13),
        "{some:?}"
    );
    // Only the range is collected, and it gets exactly the tokens the whole
    // document has there (the end is inclusive: line 13, column 0).
    let expected: Vec<_> = tokens
        .iter()
        .copied()
        .filter(|token| token.0 == 12 || (token.0 == 13 && token.1 == 0))
        .collect();
    assert_eq!(some, expected);
}

#[tokio::test]
async fn inlay_hints_for_inherited_settings_and_bare_milliseconds() {
    let mut client = TestClient::start().await;
    let doc = open(&mut client, "hints.cfg").await;
    let hints = client
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": doc}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 17, "character": 0}}}),
        )
        .await;
    let labels: Vec<(u64, String)> = hints
        .as_array()
        .into_iter()
        .flatten()
        .map(|hint| {
            (
                hint["position"]["line"].as_u64().unwrap_or(0),
                hint["label"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert!(labels.contains(&(6, "= 5s".to_owned())), "{labels:?}");
    assert!(labels.contains(&(7, "= 1m30s".to_owned())), "{labels:?}");
    assert!(
        labels.contains(&(
            8,
            "mode http, client 30s, connect 5000, server 90000 (from base)".to_owned()
        )),
        "{labels:?}"
    );
    // The backend sets its own server timeout: only what it inherits shows.
    assert!(
        labels.contains(&(
            14,
            "mode http, client 30s, connect 5000 (from base)".to_owned()
        )),
        "{labels:?}"
    );
}

#[tokio::test]
async fn links_to_certificates_scripts_error_pages_and_maps() {
    let mut client = TestClient::start().await;
    let doc = open(&mut client, "links.cfg").await;
    let links = client
        .request(
            "textDocument/documentLink",
            json!({"textDocument": {"uri": doc}}),
        )
        .await;
    let targets: Vec<&str> = links
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|link| link["target"].as_str())
        .collect();
    assert_eq!(
        targets,
        [
            "file:///etc/haproxy/a.lua",
            "file:///etc/ssl/site.pem",
            "file:///etc/ids.map",
            "file:///srv/haproxy/errors/503.http",
        ]
    );
    // Inside the quoted word, the link covers the path only.
    assert_eq!(
        links[2]["range"],
        json!({"start": {"line": 11, "character": 44}, "end": {"line": 11, "character": 56}})
    );
}

#[tokio::test]
async fn unknown_documents_get_null() {
    let mut client = TestClient::start().await;
    let nothing = client
        .request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": uri("none.cfg")}}),
        )
        .await;
    assert!(nothing.is_null());
}
