//! Hover on keywords, names and inherited settings.

mod support;

use serde_json::json;
use support::{TestClient, uri};

const CONFIG: &str = "defaults base\n    mode http\n    timeout client 30s\n    timeout connect 5s\n    timeout server 30s\nfrontend www from base\n    bind :80 ssl crt /etc/cert.pem\n    timeout client 1m\n    acl is_api path_beg /api\n    use_backend api if is_api\nbackend api\n    timeout server 10s\n    server s1 127.0.0.1:8080 check\nglobal\n    nbproc 2\n";

async fn hover_text(client: &mut TestClient, doc: &str, line: u32, character: u32) -> String {
    let result = client.at("textDocument/hover", doc, line, character).await;
    result["contents"]["value"]
        .as_str()
        .unwrap_or("")
        .to_owned()
}

async fn open(client: &mut TestClient, name: &str) -> String {
    let doc = uri(name);
    client.open_and_lint(&doc, CONFIG).await;
    doc
}

#[tokio::test]
async fn keyword_signature_description_versions_and_link() {
    let mut client =
        TestClient::start_with(json!({}), json!({"debounceMs": 0, "targetVersion": "2.6"})).await;
    let doc = open(&mut client, "keyword.cfg").await;
    let text = hover_text(&mut client, &doc, 6, 5).await;
    assert!(text.contains("```haproxy\nbind"), "{text}");
    assert!(text.contains("Listen for incoming connections"), "{text}");
    assert!(text.contains("allowed in frontend, listen"), "{text}");
    assert!(text.contains("since 1.8"), "{text}");
    assert!(
        text.contains("https://docs.haproxy.org/2.6/configuration.html#"),
        "{text}"
    );
    let option = hover_text(&mut client, &doc, 6, 15).await;
    assert!(option.contains("Terminate TLS"), "{option}");
    // `nbproc` is gone from 2.5: the hover says so.
    let removed = hover_text(&mut client, &doc, 14, 5).await;
    assert!(removed.contains("removed in HAProxy 2.5"), "{removed}");
}

#[tokio::test]
async fn effective_timeouts_and_mode_with_their_origin() {
    let mut client = TestClient::start().await;
    let doc = open(&mut client, "effective.cfg").await;
    let own = hover_text(&mut client, &doc, 7, 8).await;
    assert!(own.contains("effective here: `1m` (set here)"), "{own}");
    let header = hover_text(&mut client, &doc, 5, 2).await;
    assert!(
        header.contains("- mode `http` (from defaults `base`)"),
        "{header}"
    );
    assert!(
        header.contains("- timeout server `30s` (from defaults `base`)"),
        "{header}"
    );
    assert!(
        header.contains("- timeout client `1m` (set here)"),
        "{header}"
    );
    assert!(header.contains("inherits from defaults `base`"), "{header}");
}

#[tokio::test]
async fn names_show_their_definition() {
    let mut client = TestClient::start().await;
    let doc = open(&mut client, "names.cfg").await;
    let backend = hover_text(&mut client, &doc, 9, 17).await;
    assert!(backend.contains("backend `api`"), "{backend}");
    assert!(
        backend.contains("```haproxy\nbackend api\n```\ndefined on line 11"),
        "{backend}"
    );
    let acl = hover_text(&mut client, &doc, 9, 24).await;
    assert!(acl.contains("acl is_api path_beg /api"), "{acl}");
}

#[tokio::test]
async fn fetches_converters_and_acl_matches() {
    let mut client = TestClient::start().await;
    let doc = uri("samples.cfg");
    let text = "frontend www\n    acl is_api path_beg /api\n    http-request set-header X-Host %[req.hdr(host),lower]\n";
    client.open_and_lint(&doc, text).await;
    let matcher = hover_text(&mut client, &doc, 1, 18).await;
    assert!(matcher.contains("path_beg"), "{matcher}");
    let fetch = hover_text(&mut client, &doc, 2, 40).await;
    assert!(fetch.contains("The value of a request header."), "{fetch}");
    let converter = hover_text(&mut client, &doc, 2, 53).await;
    assert!(
        converter.contains("Turns the sample into lowercase."),
        "{converter}"
    );
}

#[tokio::test]
async fn nothing_to_say_is_null() {
    let mut client = TestClient::start().await;
    let doc = open(&mut client, "null.cfg").await;
    let blank = client.at("textDocument/hover", &doc, 99, 0).await;
    assert!(blank.is_null() || blank["contents"].is_object());
    let unknown = client
        .at("textDocument/hover", &uri("nope.cfg"), 0, 0)
        .await;
    assert!(unknown.is_null());
}
