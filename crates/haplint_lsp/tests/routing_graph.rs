//! `workspace/executeCommand` `haplint.routingGraph`.

mod support;

use serde_json::json;
use support::{TestClient, uri};

const CONFIG: &str = "defaults\n    mode http\n    timeout client 30s\n    timeout connect 5s\n    timeout server 30s\nfrontend www\n    bind :80\n    acl is_api path_beg /api\n    use_backend api if is_api\n    use_backend missing if { path_beg /old }\n    default_backend web\nbackend api\n    server a1 127.0.0.1:8080 check\nbackend web\n    server w1 127.0.0.1:8081 check\n";

#[tokio::test]
async fn the_command_is_offered() {
    let client = TestClient::start().await;
    let commands = &client.capabilities["executeCommandProvider"]["commands"];
    assert_eq!(commands, &json!(["haplint.routingGraph"]));
}

#[tokio::test]
async fn draws_an_open_document_in_each_format() {
    let mut client = TestClient::start().await;
    let doc = uri("graph.cfg");
    client.open_and_lint(&doc, CONFIG).await;
    let json = client
        .request(
            "workspace/executeCommand",
            json!({"command": "haplint.routingGraph", "arguments": [doc, "json"]}),
        )
        .await;
    let graph: serde_json::Value =
        serde_json::from_str(json.as_str().expect("text")).expect("JSON graph");
    assert_eq!(graph["version"], 1);
    let undefined = graph["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .find(|edge| edge["to"] == "undefined:missing")
        .expect("dangling edge");
    assert_eq!(undefined["findings"][0]["rule"], "undefined-backend");
    for (format, start) in [
        ("mermaid", "flowchart LR"),
        ("dot", "digraph"),
        ("svg", "<svg"),
        ("html", "<!DOCTYPE html>"),
    ] {
        let text = client
            .request(
                "workspace/executeCommand",
                json!({"command": "haplint.routingGraph", "arguments": [{"uri": doc, "format": format, "section": "www"}]}),
            )
            .await;
        assert!(
            text.as_str().is_some_and(|text| text.starts_with(start)),
            "{format}: {text}"
        );
    }
}

#[tokio::test]
async fn bad_requests_are_errors() {
    let mut client = TestClient::start().await;
    let doc = uri("graph-errors.cfg");
    client.open_and_lint(&doc, CONFIG).await;
    for arguments in [
        json!([doc, "png"]),
        json!([]),
        json!([uri("not-open.cfg"), "json"]),
        json!([{"uri": doc, "section": "nowhere"}]),
    ] {
        let response = client
            .request_raw(
                "workspace/executeCommand",
                json!({"command": "haplint.routingGraph", "arguments": arguments}),
            )
            .await;
        assert!(response.get("error").is_some(), "{arguments}: {response}");
    }
    let unknown = client
        .request_raw(
            "workspace/executeCommand",
            json!({"command": "haplint.other", "arguments": []}),
        )
        .await;
    assert!(unknown.get("error").is_some());
}

/// A document saved on disk gets the backends its dynamic target's map
/// names, as `haplint graph --live` draws them; a buffer that is not a
/// file on disk does not.
#[tokio::test]
async fn reads_the_map_of_a_dynamic_target_beside_a_saved_document() {
    let dir = std::env::temp_dir().join(format!("haplint-lsp-{}-graph-map", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("hosts.map"),
        "shop.example.com be_shop\nblog.example.com be_blog\n",
    )
    .expect("map");
    let text = "defaults\n    mode http\n    timeout client 30s\n    timeout connect 5s\n    timeout server 30s\nfrontend www\n    bind :80\n    use_backend %[req.hdr(host),lower,map(hosts.map,be_default)]\n    default_backend be_default\nbackend be_default\n    server d 10.0.0.1:80\nbackend be_shop\n    server s 10.0.0.2:80\nbackend be_blog\n    server b 10.0.0.3:80\n";
    let path = dir.join("dynamic.cfg");
    std::fs::write(&path, text).expect("config");
    let saved = lsp_types::Url::from_file_path(&path)
        .expect("file URI")
        .to_string();
    let unsaved = uri("dynamic.cfg");
    let mut client = TestClient::start().await;
    client.open_and_lint(&saved, text).await;
    client.open_and_lint(&unsaved, text).await;
    let map_entries = |json: serde_json::Value| -> Vec<String> {
        let graph: serde_json::Value =
            serde_json::from_str(json.as_str().expect("text")).expect("JSON graph");
        let mut to: Vec<String> = graph["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .filter(|edge| edge["kind"] == "map_entry")
            .map(|edge| edge["to"].as_str().unwrap_or_default().to_owned())
            .collect();
        to.sort();
        to
    };
    let on_disk = client
        .request(
            "workspace/executeCommand",
            json!({"command": "haplint.routingGraph", "arguments": [saved, "json"]}),
        )
        .await;
    // The map's default counts as one of the backends it names.
    assert_eq!(
        map_entries(on_disk),
        vec!["backend:be_blog", "backend:be_default", "backend:be_shop"]
    );
    let in_memory = client
        .request(
            "workspace/executeCommand",
            json!({"command": "haplint.routingGraph", "arguments": [unsaved, "json"]}),
        )
        .await;
    assert!(map_entries(in_memory).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}
