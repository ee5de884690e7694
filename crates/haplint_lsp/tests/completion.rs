//! Completion by context.

mod support;

use serde_json::{Value, json};
use support::{TestClient, uri};

const CONFIG: &str = "defaults base\n    mode http\n    timeout client 30s\nfrontend www from base\n    bind :80 \n    acl is_api path_beg /api\n    use_backend  if \n    option \n    mode \n    log-format \"%[src,]\"\n    \nbackend api\n    server s1 127.0.0.1:8080 \n    balance \nbackend web\n";

async fn labels(client: &mut TestClient, doc: &str, line: u32, character: u32) -> Vec<String> {
    let result = client
        .at("textDocument/completion", doc, line, character)
        .await;
    items(&result)
        .iter()
        .map(|item| item["label"].as_str().unwrap_or("").to_owned())
        .collect()
}

fn items(result: &Value) -> Vec<Value> {
    result
        .as_array()
        .or_else(|| result["items"].as_array())
        .cloned()
        .unwrap_or_default()
}

async fn open(client: &mut TestClient, name: &str) -> String {
    let doc = uri(name);
    client.open_and_lint(&doc, CONFIG).await;
    doc
}

#[tokio::test]
async fn keywords_of_the_section_for_the_target_version() {
    let mut client =
        TestClient::start_with(json!({}), json!({"debounceMs": 0, "targetVersion": "2.6"})).await;
    let doc = open(&mut client, "keywords.cfg").await;
    let found = labels(&mut client, &doc, 10, 4).await;
    for wanted in [
        "bind",
        "http-request",
        "timeout",
        "option",
        "backend",
        "use_backend",
    ] {
        assert!(
            found.contains(&wanted.to_owned()),
            "{wanted} missing from {found:?}"
        );
    }
    // `reqadd` was removed in 2.1: absent.
    assert!(!found.contains(&"reqadd".to_owned()));
    let result = client.at("textDocument/completion", &doc, 10, 4).await;
    let bind = items(&result)
        .into_iter()
        .find(|item| item["label"] == "bind")
        .expect("bind");
    assert!(
        bind["detail"].as_str().unwrap_or("").contains("since"),
        "{bind}"
    );
    assert_eq!(
        bind["textEdit"]["range"]["start"],
        json!({"line": 10, "character": 4})
    );
}

#[tokio::test]
async fn option_names_and_enum_values() {
    let mut client = TestClient::start().await;
    let doc = open(&mut client, "values.cfg").await;
    let options = labels(&mut client, &doc, 7, 11).await;
    assert!(options.contains(&"httplog".to_owned()), "{options:?}");
    let modes = labels(&mut client, &doc, 8, 9).await;
    assert_eq!(modes, ["http", "tcp", "log"]);
    let balance = labels(&mut client, &doc, 13, 12).await;
    assert!(balance.contains(&"roundrobin".to_owned()), "{balance:?}");
}

#[tokio::test]
async fn names_defined_in_the_configuration() {
    let mut client = TestClient::start().await;
    let doc = open(&mut client, "names.cfg").await;
    let backends = labels(&mut client, &doc, 6, 16).await;
    assert_eq!(backends, ["api", "web"]);
    let acls = labels(&mut client, &doc, 6, 20).await;
    assert!(acls.contains(&"is_api".to_owned()), "{acls:?}");
    let defaults = labels(&mut client, &doc, 3, 18).await;
    assert_eq!(defaults, ["base"]);
}

#[tokio::test]
async fn bind_and_server_options_fetches_and_converters() {
    let mut client = TestClient::start().await;
    let doc = open(&mut client, "options.cfg").await;
    let bind = labels(&mut client, &doc, 4, 13).await;
    assert!(bind.contains(&"ssl".to_owned()), "{bind:?}");
    let server = labels(&mut client, &doc, 12, 29).await;
    assert!(server.contains(&"check".to_owned()), "{server:?}");
    // `%[` then a fetch, `,` then a converter.
    let fetches = labels(&mut client, &doc, 9, 18).await;
    assert!(fetches.contains(&"src".to_owned()), "{fetches:?}");
    let converters = labels(&mut client, &doc, 9, 22).await;
    assert!(converters.contains(&"lower".to_owned()), "{converters:?}");
}

#[tokio::test]
async fn actions_after_http_request() {
    let mut client = TestClient::start().await;
    let doc = uri("actions.cfg");
    client
        .open_and_lint(&doc, "frontend www\n    http-request \n")
        .await;
    let actions = labels(&mut client, &doc, 1, 17).await;
    assert!(actions.contains(&"set-header".to_owned()), "{actions:?}");
    assert!(actions.contains(&"deny".to_owned()), "{actions:?}");
}

#[tokio::test]
async fn userlists_in_http_auth() {
    let mut client = TestClient::start().await;
    let doc = uri("userlist.cfg");
    client
        .open_and_lint(&doc, "userlist admins\n    user bob insecure-password x\nfrontend www\n    acl ok http_auth(\n")
        .await;
    let found = labels(&mut client, &doc, 3, 21).await;
    assert_eq!(found, ["admins"]);
}

#[tokio::test]
async fn unknown_documents_and_out_of_range_positions() {
    let mut client = TestClient::start().await;
    let nothing = client
        .at("textDocument/completion", &uri("never-opened.cfg"), 0, 0)
        .await;
    assert!(nothing.is_null());
    let doc = open(&mut client, "range.cfg").await;
    let far = client.at("textDocument/completion", &doc, 999, 999).await;
    assert!(far.is_array() || far.is_null());
}
