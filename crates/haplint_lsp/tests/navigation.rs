//! Definition, references, highlights and rename.

mod support;

use serde_json::{Value, json};
use support::{TestClient, uri};

const CONFIG: &str = "defaults base\n    mode http\n    timeout client 30s\n    timeout connect 5s\n    timeout server 30s\nfrontend www from base\n    bind :80\n    acl is_api path_beg /api\n    use_backend api if is_api\n    use_backend api if !is_api { src 10.0.0.1 }\n    default_backend web\nbackend api from base\n    server s1 127.0.0.1:8080\n    use-server s1 if TRUE\nbackend web from base\n    server w1 127.0.0.1:8081\n";

async fn open(client: &mut TestClient, name: &str) -> String {
    let doc = uri(name);
    client.open_and_lint(&doc, CONFIG).await;
    doc
}

fn starts(locations: &Value) -> Vec<(u64, u64)> {
    let mut found: Vec<(u64, u64)> = locations
        .as_array()
        .into_iter()
        .flatten()
        .map(|location| {
            let start = &location["range"]["start"];
            (
                start["line"].as_u64().unwrap_or(0),
                start["character"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    found.sort_unstable();
    found
}

#[tokio::test]
async fn definition_of_a_backend_an_acl_a_server_and_defaults() {
    let mut client = TestClient::start().await;
    let doc = open(&mut client, "definition.cfg").await;
    let backend = client.at("textDocument/definition", &doc, 8, 17).await;
    assert_eq!(starts(&backend), [(11, 8)]);
    let acl = client.at("textDocument/definition", &doc, 9, 24).await;
    assert_eq!(starts(&acl), [(7, 8)]);
    let server = client.at("textDocument/definition", &doc, 13, 15).await;
    assert_eq!(starts(&server), [(12, 11)]);
    let defaults = client.at("textDocument/definition", &doc, 5, 19).await;
    assert_eq!(starts(&defaults), [(0, 9)]);
    let nothing = client.at("textDocument/definition", &doc, 6, 5).await;
    assert!(nothing.is_null());
}

#[tokio::test]
async fn references_and_highlights() {
    let mut client = TestClient::start().await;
    let doc = open(&mut client, "references.cfg").await;
    let params = json!({
        "textDocument": {"uri": doc},
        "position": {"line": 11, "character": 9},
        "context": {"includeDeclaration": true},
    });
    let found = client.request("textDocument/references", params).await;
    assert_eq!(starts(&found), [(8, 16), (9, 16), (11, 8)]);
    let highlights = client
        .at("textDocument/documentHighlight", &doc, 7, 9)
        .await;
    let kinds: Vec<(u64, u64)> = highlights
        .as_array()
        .into_iter()
        .flatten()
        .map(|highlight| {
            (
                highlight["range"]["start"]["line"].as_u64().unwrap_or(0),
                highlight["kind"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    // The definition is a write (3), the uses reads (2).
    assert_eq!(kinds, [(7, 3), (8, 2), (9, 2)]);
}

#[tokio::test]
async fn rename_everywhere_and_refuse_collisions() {
    let mut client = TestClient::start().await;
    let doc = open(&mut client, "rename.cfg").await;
    let prepared = client.at("textDocument/prepareRename", &doc, 10, 21).await;
    assert_eq!(prepared["placeholder"], "web");
    let edit = client
        .request(
            "textDocument/rename",
            json!({"textDocument": {"uri": doc}, "position": {"line": 7, "character": 9}, "newName": "wants_api"}),
        )
        .await;
    let edits = edit["changes"][doc.as_str()]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(edits.len(), 3, "{edit}");
    // `!is_api`: only the name is replaced, not the `!`.
    assert!(
        edits
            .iter()
            .any(|edit| edit["range"]["start"] == json!({"line": 9, "character": 24}))
    );
    let collision = client
        .request_raw(
            "textDocument/rename",
            json!({"textDocument": {"uri": doc}, "position": {"line": 11, "character": 9}, "newName": "web"}),
        )
        .await;
    assert!(
        collision["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("already exists"),
        "{collision}"
    );
    let invalid = client
        .request_raw(
            "textDocument/rename",
            json!({"textDocument": {"uri": doc}, "position": {"line": 11, "character": 9}, "newName": "a b"}),
        )
        .await;
    assert!(invalid.get("error").is_some(), "{invalid}");
    let not_a_name = client.at("textDocument/prepareRename", &doc, 1, 5).await;
    assert!(not_a_name.is_null());
}

#[tokio::test]
async fn userlists_resolvers_peers_and_caches() {
    let mut client = TestClient::start().await;
    let doc = uri("sections.cfg");
    let text = "userlist admins\n    user bob insecure-password x\nresolvers dns\n    nameserver ns1 10.0.0.53:53\npeers mesh\n    peer a 10.0.0.1:1024\ncache small\n    total-max-size 4\nbackend app\n    stick-table type ip size 1m peers mesh\n    acl auth http_auth(admins)\n    http-request cache-use small\n    server s1 app.local:80 resolvers dns\n";
    client.open_and_lint(&doc, text).await;
    for (line, character, definition) in [
        (10, 24, (0, 9)),
        (12, 38, (2, 10)),
        (9, 40, (4, 6)),
        (11, 28, (6, 6)),
    ] {
        let found = client
            .at("textDocument/definition", &doc, line, character)
            .await;
        assert_eq!(starts(&found), [definition], "{line}:{character}");
    }
    let edit = client
        .request(
            "textDocument/rename",
            json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 10}, "newName": "ops"}),
        )
        .await;
    let edits = edit["changes"][doc.as_str()]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(edits.len(), 2, "{edit}");
    assert!(
        edits
            .iter()
            .any(|edit| edit["range"]["start"] == json!({"line": 10, "character": 23}))
    );
}
