//! The document that once made a check panic (a multi-byte letter before
//! `(`, which HAProxy accepts): in the server every feature of it then
//! answered null. Now it is linted in full and every request answers.

mod support;

use serde_json::json;
use support::{TestClient, codes, uri};

const CONFIG: &str = "\
global
    stats socket /run/haproxy.sock mode 600 level admin

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend fe
    bind 127.0.0.1:8080
    http-response set-header X-Info \"Überprüfung(ok)\"
    acl a src_é(x) -m found
    default_backend be

backend be
    server s1 127.0.0.1:8081 check
";

#[tokio::test]
async fn a_letter_before_a_parenthesis_leaves_every_feature_working() {
    let mut client = TestClient::start().await;
    let doc = uri("non-ascii.cfg");
    let found = client.open_and_lint(&doc, CONFIG).await;
    assert!(
        !codes(&found).contains(&"internal-error".to_owned()),
        "{found:?}"
    );
    let document = json!({"textDocument": {"uri": doc}});
    for method in [
        "textDocument/documentSymbol",
        "textDocument/foldingRange",
        "textDocument/semanticTokens/full",
    ] {
        let answer = client.request(method, document.clone()).await;
        assert!(!answer.is_null(), "{method} answered null");
    }
    // On the line with the letters: hover names the keyword, completion
    // offers something.
    let hover = client.at("textDocument/hover", &doc, 11, 6).await;
    assert!(!hover.is_null(), "hover answered null");
    let completion = client.at("textDocument/completion", &doc, 12, 11).await;
    assert!(!completion.is_null(), "completion answered null");
}
