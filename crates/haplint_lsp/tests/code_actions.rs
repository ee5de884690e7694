//! Diagnostics as the client sees them, and the code actions on them.

mod support;

use serde_json::{Value, json};
use support::{TestClient, uri};

const UNITLESS: &str = "defaults\n    mode http\n    timeout connect 5000\n    timeout client 30s\n    timeout server 30s\n";

async fn actions(client: &mut TestClient, doc: &str, line: u32, only: Option<&str>) -> Vec<Value> {
    let mut context = json!({"diagnostics": []});
    if let Some(kind) = only {
        context["only"] = json!([kind]);
    }
    client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": doc},
                "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 40}},
                "context": context,
            }),
        )
        .await
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The edits of an action on `doc`.
fn edits(action: &Value, doc: &str) -> Vec<Value> {
    action["edit"]["changes"][doc]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn diagnostics_carry_code_link_related_information_and_tags() {
    let mut client = TestClient::start().await;
    let doc = uri("fields.cfg");
    let text = "global\n    stats socket /run/haproxy.sock\n# haplint: ignore[nothing-here]\ndefaults\n    mode http\n    timeout client 30s\nfrontend a\n    bind :80\nfrontend b\n    bind :80\n";
    let found = client.open_and_lint(&doc, text).await;
    let conflict = found
        .iter()
        .find(|diagnostic| diagnostic["code"] == "port-conflict")
        .expect("port conflict");
    assert_eq!(conflict["source"], "haplint");
    assert!(
        conflict["codeDescription"]["href"]
            .as_str()
            .is_some_and(|href| href.starts_with("https://")),
        "{conflict}"
    );
    let related = &conflict["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], doc.as_str());
    assert_eq!(
        related["location"]["range"]["start"]["line"], 7,
        "{conflict}"
    );
    let unused = found
        .iter()
        .find(|diagnostic| diagnostic["code"] == "unused-suppression")
        .expect("unused suppression");
    assert_eq!(unused["tags"], json!([1]), "{unused}");
}

#[tokio::test]
async fn fixes_are_quick_fixes_and_safe_ones_preferred() {
    let mut client = TestClient::start().await;
    let doc = uri("fix.cfg");
    client.open_and_lint(&doc, UNITLESS).await;
    let found = actions(&mut client, &doc, 2, None).await;
    let fix = found
        .iter()
        .find(|action| action["title"] == "Write the unit `ms`")
        .expect("fix");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "timeout-without-unit");
    assert_eq!(
        edits(fix, &doc),
        vec![
            json!({"range": {"start": {"line": 2, "character": 24}, "end": {"line": 2, "character": 24}}, "newText": "ms"})
        ]
    );
}

#[tokio::test]
async fn suppress_on_this_line_appends_or_extends_the_comment() {
    let mut client = TestClient::start().await;
    let doc = uri("suppress.cfg");
    client.open_and_lint(&doc, UNITLESS).await;
    let found = actions(&mut client, &doc, 2, Some("quickfix")).await;
    let suppress = found
        .iter()
        .find(|action| action["title"] == "Suppress `timeout-without-unit` on this line")
        .expect("suppress action");
    assert_eq!(
        edits(suppress, &doc)[0]["newText"],
        " # haplint: ignore[timeout-without-unit]"
    );
    assert_eq!(
        edits(suppress, &doc)[0]["range"]["start"],
        json!({"line": 2, "character": 24})
    );
    // With a suppression comment already there, the rule joins it.
    let doc2 = uri("suppress2.cfg");
    let text = "frontend www # haplint: ignore[missing-timeout]\n    default_backend nowhere # haplint: ignore[unused-backend]\n";
    client.open_and_lint(&doc2, text).await;
    let found = actions(&mut client, &doc2, 1, None).await;
    let suppress = found
        .iter()
        .find(|action| action["title"] == "Suppress `undefined-backend` on this line")
        .expect("suppress action");
    let edit = &edits(suppress, &doc2)[0];
    assert_eq!(edit["newText"], ", undefined-backend");
    assert_eq!(edit["range"]["start"], json!({"line": 1, "character": 60}));
}

#[tokio::test]
async fn fix_all_applies_safe_fixes() {
    let mut client = TestClient::start().await;
    let doc = uri("fixall.cfg");
    client.open_and_lint(&doc, UNITLESS).await;
    let found = actions(&mut client, &doc, 0, Some("source.fixAll")).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["kind"], "source.fixAll.haplint");
    let new_text = edits(&found[0], &doc)[0]["newText"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    assert!(new_text.contains("timeout connect 5000ms\n"), "{new_text}");
    // Nothing else was asked for: no quick fixes.
    assert!(found.iter().all(|action| action["kind"] != "quickfix"));
}

#[tokio::test]
async fn actions_for_an_unknown_document_are_empty() {
    let mut client = TestClient::start().await;
    let found = actions(&mut client, &uri("never-opened.cfg"), 0, None).await;
    assert!(found.is_empty());
}

#[tokio::test]
async fn upgrade_action_rewrites_removed_directives_for_the_target() {
    let mut client =
        TestClient::start_with(json!({}), json!({"debounceMs": 0, "targetVersion": "3.2"})).await;
    let doc = uri("upgrade.cfg");
    let legacy = "defaults\n    mode http\n    contimeout 5000\n    clitimeout 50000\n    srvtimeout 50000\n    redispatch\n";
    client.open_and_lint(&doc, legacy).await;
    let found = actions(&mut client, &doc, 2, Some("source.upgrade")).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["title"], "Upgrade this file to HAProxy 3.2");
    assert_eq!(found[0]["kind"], "source.upgrade.haplint");
    let new_text = edits(&found[0], &doc)[0]["newText"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    assert_eq!(
        new_text,
        "defaults\n    mode http\n    timeout connect 5000\n    timeout client 50000\n    timeout server 50000\n    option redispatch\n"
    );
    // Not a fix-all: saving with `source.fixAll` does not upgrade.
    let on_save = actions(&mut client, &doc, 2, Some("source.fixAll")).await;
    assert!(
        on_save
            .iter()
            .all(|action| action["kind"] != "source.upgrade.haplint")
    );
}

#[tokio::test]
async fn no_upgrade_action_when_nothing_is_removed() {
    let mut client = TestClient::start().await;
    let doc = uri("current.cfg");
    client.open_and_lint(&doc, UNITLESS).await;
    let found = actions(&mut client, &doc, 0, Some("source.upgrade")).await;
    assert!(found.is_empty(), "{found:?}");
}
