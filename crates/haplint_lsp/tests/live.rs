//! `live: true` in the editor: the machine is read on open and save only;
//! edits in between are checked against what was read then.

mod support;

use serde_json::json;
use support::{TestClient, codes, edit};

/// A scratch directory of this test, with a configuration file in it.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn url(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

#[tokio::test]
async fn the_machine_is_read_on_open_and_save_not_on_change() {
    let dir = scratch("lsp-live");
    let config = dir.join("haproxy.cfg");
    let text = format!(
        "frontend web\n    bind 127.0.0.1:40600\n    errorfile 503 {}/503.http\n",
        dir.display()
    );
    std::fs::write(&config, &text).expect("write");
    let uri = url(&config);
    let mut client =
        TestClient::start_with(json!({}), json!({"debounceMs": 0, "live": true})).await;
    client.open(&uri, &text).await;
    let opened = client.diagnostics(&uri, 1).await;
    let missing: Vec<_> = opened
        .iter()
        .filter(|diagnostic| diagnostic["code"] == "referenced-file-missing")
        .collect();
    assert_eq!(missing.len(), 1, "{opened:?}");
    assert_eq!(missing[0]["range"]["start"]["line"], 2);

    // A new reference typed in: not looked up until the file is saved,
    // while the finding already known follows its line.
    let added = format!("    errorfile 504 {}/504.http\n", dir.display());
    client
        .change(&uri, 2, json!([edit((2, 0), (2, 0), &added)]))
        .await;
    let changed = client.diagnostics(&uri, 2).await;
    let missing: Vec<_> = changed
        .iter()
        .filter(|diagnostic| diagnostic["code"] == "referenced-file-missing")
        .collect();
    assert_eq!(missing.len(), 1, "{changed:?}");
    assert_eq!(missing[0]["range"]["start"]["line"], 3);

    // The 503 page appears on disk and the file is saved: both are looked
    // at again.
    std::fs::write(dir.join("503.http"), "HTTP/1.0 503\r\n\r\n").expect("write");
    client
        .notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let saved = client.diagnostics(&uri, 2).await;
    let missing: Vec<_> = saved
        .iter()
        .filter(|diagnostic| diagnostic["code"] == "referenced-file-missing")
        .collect();
    assert_eq!(missing.len(), 1, "{saved:?}");
    assert_eq!(missing[0]["range"]["start"]["line"], 2);
    assert!(
        missing[0]["message"]
            .as_str()
            .is_some_and(|message| message.contains("504.http")),
        "{missing:?}"
    );
}

#[tokio::test]
async fn without_live_no_environment_rule_runs() {
    let dir = scratch("lsp-not-live");
    let config = dir.join("haproxy.cfg");
    let text = format!(
        "frontend web\n    bind 127.0.0.1:40601\n    errorfile 503 {}/503.http\n",
        dir.display()
    );
    std::fs::write(&config, &text).expect("write");
    let uri = url(&config);
    let mut client = TestClient::start().await;
    let found = client.open_and_lint(&uri, &text).await;
    assert!(
        !codes(&found)
            .iter()
            .any(|code| code == "referenced-file-missing"),
        "{found:?}"
    );
}
