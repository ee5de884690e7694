//! Files checked together: names resolve across them and every open
//! member is linted again when another changes.

mod support;

use std::path::{Path, PathBuf};

use serde_json::json;
use support::{TestClient, codes, edit};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("haplint-lsp-sets-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

const FRONTEND: &str = "frontend www\n    bind :80\n    default_backend app\n";
const BACKEND: &str = "backend app\n    server s1 127.0.0.1:8080\n";

fn write_set(dir: &Path) -> (String, String) {
    std::fs::write(dir.join("10-front.cfg"), FRONTEND).expect("write");
    std::fs::write(dir.join("20-back.cfg"), BACKEND).expect("write");
    (
        file_uri(&dir.join("10-front.cfg")),
        file_uri(&dir.join("20-back.cfg")),
    )
}

#[tokio::test]
async fn without_sets_each_file_stands_alone() {
    let dir = scratch("alone");
    let (front, _) = write_set(&dir);
    let mut client = TestClient::start().await;
    let found = client.open_and_lint(&front, FRONTEND).await;
    assert!(
        codes(&found).contains(&"undefined-backend".to_owned()),
        "{found:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_directory_is_one_set() {
    let dir = scratch("directory");
    let (front, back) = write_set(&dir);
    let mut client = TestClient::start_with(
        json!({}),
        json!({"debounceMs": 0, "configSets": "directory"}),
    )
    .await;
    let found = client.open_and_lint(&front, FRONTEND).await;
    assert!(
        !codes(&found).contains(&"undefined-backend".to_owned()),
        "{found:?}"
    );
    // The backend is defined in the other file, which is not even open.
    let definition = client.at("textDocument/definition", &front, 2, 22).await;
    assert_eq!(definition[0]["uri"], back.as_str(), "{definition}");
    assert_eq!(
        definition[0]["range"]["start"],
        json!({"line": 0, "character": 8})
    );
    // Open the backend's file and rename the backend there: the frontend's
    // file is linted again and now names an undefined backend.
    client.open_and_lint(&back, BACKEND).await;
    client
        .change(&back, 2, json!([edit((0, 8), (0, 11), "api")]))
        .await;
    let again = client
        .wait_for(|message| {
            message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == front.as_str()
                && message["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|found| found.iter().any(|d| d["code"] == "undefined-backend"))
        })
        .await;
    assert_eq!(again["params"]["version"], 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn explicit_sets_from_the_client() {
    let dir = scratch("explicit");
    let (front, _) = write_set(&dir);
    let mut client = TestClient::start_with(
        json!({}),
        json!({"debounceMs": 0, "configSets": [[dir.join("10-front.cfg").display().to_string(), dir.join("20-back.cfg").display().to_string()]]}),
    )
    .await;
    let found = client.open_and_lint(&front, FRONTEND).await;
    assert!(
        !codes(&found).contains(&"undefined-backend".to_owned()),
        "{found:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn haplint_toml_declares_a_set() {
    let dir = scratch("toml");
    std::fs::create_dir_all(dir.join("conf.d")).expect("conf.d");
    std::fs::write(dir.join("haproxy.cfg"), FRONTEND).expect("write");
    std::fs::write(dir.join("conf.d/20-back.cfg"), BACKEND).expect("write");
    // Not in the set: stays on its own.
    std::fs::write(dir.join("other.cfg"), FRONTEND).expect("write");
    std::fs::write(
        dir.join("haplint.toml"),
        "config-sets = [[\"haproxy.cfg\", \"conf.d\"]]\n",
    )
    .expect("write settings");
    let mut client = TestClient::start_with(json!({}), json!({"debounceMs": 0})).await;
    let main = file_uri(&dir.join("haproxy.cfg"));
    let found = client.open_and_lint(&main, FRONTEND).await;
    assert!(
        !codes(&found).contains(&"undefined-backend".to_owned()),
        "{found:?}"
    );
    let definition = client.at("textDocument/definition", &main, 2, 22).await;
    assert_eq!(
        definition[0]["uri"],
        file_uri(&dir.join("conf.d/20-back.cfg")).as_str(),
        "{definition}"
    );
    let other = file_uri(&dir.join("other.cfg"));
    let found = client.open_and_lint(&other, FRONTEND).await;
    assert!(
        codes(&found).contains(&"undefined-backend".to_owned()),
        "{found:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
