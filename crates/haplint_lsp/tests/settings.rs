//! Settings: `haplint.toml` and its changes, the client's options.

mod support;

use std::path::PathBuf;

use serde_json::json;
use support::{TestClient, codes};

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("haplint-lsp-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

const UNDEFINED: &str = "frontend www\n    default_backend nowhere\n";

#[tokio::test]
async fn haplint_toml_applies_and_reloads_when_it_changes() {
    let dir = scratch("toml");
    let settings = dir.join("haplint.toml");
    std::fs::write(&settings, "ignore = [\"undefined-backend\"]\n").expect("write");
    let doc = file_uri(&dir.join("haproxy.cfg"));
    let mut client = TestClient::start().await;
    let first = client.open_and_lint(&doc, UNDEFINED).await;
    assert!(
        !codes(&first).contains(&"undefined-backend".to_owned()),
        "{first:?}"
    );
    std::fs::write(&settings, "").expect("write");
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": file_uri(&settings), "type": 2}]}),
        )
        .await;
    let second = client.diagnostics(&doc, 1).await;
    assert!(
        codes(&second).contains(&"undefined-backend".to_owned()),
        "{second:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn config_path_from_the_client() {
    let dir = scratch("config-path");
    let settings = dir.join("elsewhere.toml");
    std::fs::write(&settings, "ignore = [\"undefined-backend\"]\n").expect("write");
    let mut client = TestClient::start_with(
        json!({}),
        json!({"debounceMs": 0, "configPath": settings.display().to_string()}),
    )
    .await;
    let doc = support::uri("config-path.cfg");
    let found = client.open_and_lint(&doc, UNDEFINED).await;
    assert!(
        !codes(&found).contains(&"undefined-backend".to_owned()),
        "{found:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn target_version_from_initialization_then_configuration() {
    let mut client =
        TestClient::start_with(json!({}), json!({"debounceMs": 0, "targetVersion": "2.2"})).await;
    let doc = support::uri("target.cfg");
    let text = "global\n    nbproc 2\n";
    let old = client.open_and_lint(&doc, text).await;
    assert!(
        !codes(&old).contains(&"removed-keyword".to_owned()),
        "{old:?}"
    );
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"haplint": {"targetVersion": "3.2"}}}),
        )
        .await;
    let new = client.diagnostics(&doc, 1).await;
    assert!(
        codes(&new).contains(&"removed-keyword".to_owned()),
        "{new:?}"
    );
}

#[tokio::test]
async fn a_broken_haplint_toml_is_shown_to_the_user() {
    let dir = scratch("broken");
    std::fs::write(dir.join("haplint.toml"), "target-version = \"9.9\"\n").expect("write");
    let doc = file_uri(&dir.join("haproxy.cfg"));
    let mut client = TestClient::start().await;
    client.open(&doc, UNDEFINED).await;
    let shown = client
        .wait_for(|message| message["method"] == "window/showMessage")
        .await;
    let text = shown["params"]["message"].as_str().unwrap_or("");
    assert!(text.contains("haplint.toml:1:"), "{text}");
    assert_eq!(shown["params"]["type"], 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn env_and_env_file_from_the_client() {
    let dir = scratch("env");
    std::fs::write(dir.join("prod.env"), "PORT=abc\n").expect("write");
    let doc = file_uri(&dir.join("haproxy.cfg"));
    let text = "frontend www\n    bind \":${PORT}\"\n";
    let mut client = TestClient::start_with(json!({}), json!({"debounceMs": 0})).await;
    // Without an environment the port is unknown: no error.
    let unknown = client.open_and_lint(&doc, text).await;
    assert!(
        !codes(&unknown).contains(&"invalid-value".to_owned()),
        "{unknown:?}"
    );
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"haplint": {"envFile": "prod.env"}}}),
        )
        .await;
    let from_file = client.diagnostics(&doc, 1).await;
    assert!(
        codes(&from_file).contains(&"invalid-value".to_owned()),
        "{from_file:?}"
    );
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"haplint": {"env": {"PORT": "8080"}}}}),
        )
        .await;
    let fixed = client.diagnostics(&doc, 1).await;
    assert!(
        !codes(&fixed).contains(&"invalid-value".to_owned()),
        "{fixed:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
