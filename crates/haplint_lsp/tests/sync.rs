//! Document sync: open, incremental changes, save, close, versions and
//! position encodings.

mod support;

use serde_json::json;
use support::{TestClient, codes, edit, uri};

const CONFIG: &str = "frontend www\n    mode http\n    bind :80\n    timeout client 30s\n    default_backend app\nbackend app\n    mode http\n    timeout connect 5s\n    timeout server 30s\n    server s1 127.0.0.1:8080 check\n";

#[tokio::test]
async fn capabilities_are_incremental_with_utf16_by_default() {
    let client = TestClient::start().await;
    assert_eq!(client.capabilities["textDocumentSync"]["change"], 2);
    assert_eq!(client.capabilities["positionEncoding"], "utf-16");
}

#[tokio::test]
async fn utf8_is_chosen_when_offered() {
    let client = TestClient::start_with(
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        json!({"debounceMs": 0}),
    )
    .await;
    assert_eq!(client.capabilities["positionEncoding"], "utf-8");
}

#[tokio::test]
async fn several_incremental_edits_in_one_notification() {
    let mut client = TestClient::start().await;
    let doc = uri("edits.cfg");
    let first = client.open_and_lint(&doc, CONFIG).await;
    assert!(
        !codes(&first).contains(&"undefined-backend".to_owned()),
        "{first:?}"
    );
    // Each edit applies to the text left by the previous one: rename the
    // backend, then point the frontend at a name that does not exist, then
    // insert a line above everything (shifting every line down).
    client
        .change(
            &doc,
            2,
            json!([
                edit((5, 8), (5, 11), "api"),
                edit((4, 20), (4, 23), "apx"),
                edit((0, 0), (0, 0), "# top\n"),
            ]),
        )
        .await;
    let second = client.diagnostics(&doc, 2).await;
    let undefined: Vec<_> = second
        .iter()
        .filter(|diagnostic| diagnostic["code"] == "undefined-backend")
        .collect();
    assert_eq!(undefined.len(), 1, "{second:?}");
    assert_eq!(
        undefined[0]["range"],
        json!({"start": {"line": 5, "character": 20}, "end": {"line": 5, "character": 23}})
    );
}

#[tokio::test]
async fn utf16_positions_on_non_ascii_lines() {
    let mut client = TestClient::start().await;
    let doc = uri("utf16.cfg");
    // `é` is one UTF-16 unit, `𝄞` two: the backend name starts at unit 26.
    let text = "frontend www # é𝄞\n    default_backend nowhere # 𝄞\n";
    let diagnostics = client.open_and_lint(&doc, text).await;
    let undefined = diagnostics
        .iter()
        .find(|diagnostic| diagnostic["code"] == "undefined-backend")
        .expect("undefined backend");
    assert_eq!(
        undefined["range"]["start"],
        json!({"line": 1, "character": 20})
    );
    // An edit after the non-ASCII characters of line 0, in UTF-16 units:
    // `# é𝄞` ends at unit 18.
    client
        .change(
            &doc,
            2,
            json!([
                edit((0, 18), (0, 18), "!"),
                edit((1, 20), (1, 27), "nowhere2")
            ]),
        )
        .await;
    let after = client.diagnostics(&doc, 2).await;
    let undefined = after
        .iter()
        .find(|diagnostic| diagnostic["code"] == "undefined-backend")
        .expect("undefined backend");
    assert!(
        undefined["message"]
            .as_str()
            .unwrap_or("")
            .contains("nowhere2"),
        "{undefined}"
    );
}

#[tokio::test]
async fn utf8_positions_on_non_ascii_lines() {
    let mut client = TestClient::start_with(
        json!({"general": {"positionEncodings": ["utf-8"]}}),
        json!({"debounceMs": 0}),
    )
    .await;
    let doc = uri("utf8.cfg");
    let text = "# é𝄞\nfrontend www # é\n    default_backend nowhere-é\n";
    let diagnostics = client.open_and_lint(&doc, text).await;
    let undefined = diagnostics
        .iter()
        .find(|diagnostic| diagnostic["code"] == "undefined-backend")
        .expect("undefined backend");
    // Columns in bytes: `é` counts 2.
    assert_eq!(
        undefined["range"],
        json!({"start": {"line": 2, "character": 20}, "end": {"line": 2, "character": 30}})
    );
    // `# é𝄞` is 8 bytes; `é` on line 1 is bytes 15..17, on line 2 28..30.
    client
        .change(
            &doc,
            2,
            json!([
                edit((0, 8), (0, 8), " ok"),
                edit((1, 15), (1, 17), "x"),
                edit((2, 28), (2, 30), "e"),
            ]),
        )
        .await;
    let after = client.diagnostics(&doc, 2).await;
    let undefined = after
        .iter()
        .find(|diagnostic| diagnostic["code"] == "undefined-backend")
        .expect("undefined backend");
    assert!(
        undefined["message"]
            .as_str()
            .unwrap_or("")
            .contains("`nowhere-e`"),
        "{undefined}"
    );
    assert_eq!(
        undefined["range"]["end"],
        json!({"line": 2, "character": 29})
    );
}

#[tokio::test]
async fn close_clears_diagnostics() {
    let mut client = TestClient::start().await;
    let doc = uri("close.cfg");
    let diagnostics = client
        .open_and_lint(&doc, "frontend www\n    default_backend nowhere\n")
        .await;
    assert!(!diagnostics.is_empty());
    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": doc}}),
        )
        .await;
    let cleared = client
        .wait_for(|message| {
            message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == doc
                && message["params"]["diagnostics"] == json!([])
        })
        .await;
    assert!(cleared["params"]["version"].is_null());
}

#[tokio::test]
async fn only_the_latest_version_is_published_last() {
    let mut client = TestClient::start().await;
    let doc = uri("versions.cfg");
    client.open(&doc, "frontend www\n").await;
    for version in 2..=6 {
        client
            .change(&doc, version, json!([edit((0, 12), (0, 12), "x")]))
            .await;
    }
    let last = client.diagnostics(&doc, 6).await;
    let _ = last;
    // Whatever was published before version 6 came in order: a result for
    // an older version is never published after a newer one.
    let earlier = client.published_versions(&doc);
    let numbers: Vec<i64> = earlier
        .iter()
        .filter_map(serde_json::Value::as_i64)
        .collect();
    assert!(
        numbers.windows(2).all(|pair| pair[0] <= pair[1]),
        "{numbers:?}"
    );
    assert!(numbers.iter().all(|version| *version <= 6), "{numbers:?}");
}

#[tokio::test]
async fn save_with_text_replaces_the_document() {
    let mut client = TestClient::start().await;
    let doc = uri("save.cfg");
    client.open_and_lint(&doc, "frontend www\n").await;
    client
        .notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": doc}, "text": "frontend www\n    default_backend nowhere\n"}),
        )
        .await;
    let diagnostics = client.diagnostics(&doc, 1).await;
    assert!(codes(&diagnostics).contains(&"undefined-backend".to_owned()));
}
