//! Bad input from the client must get an answer, never a dead server.

mod support;

use serde_json::json;
use support::{TestClient, codes, edit, uri};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The server still lints after whatever came before.
async fn still_alive(client: &mut TestClient, name: &str) {
    let doc = uri(name);
    let found = client
        .open_and_lint(&doc, "frontend www\n    default_backend nowhere\n")
        .await;
    assert!(codes(&found).contains(&"undefined-backend".to_owned()));
}

#[tokio::test]
async fn malformed_json_rpc_is_answered_with_an_error() {
    let mut client = TestClient::start().await;
    client.send_raw(b"{this is not json").await;
    let error = client
        .wait_for(|message| message.get("error").is_some())
        .await;
    assert_eq!(error["error"]["code"], -32700, "{error}");
    client
        .send_raw(br#"{"jsonrpc": "2.0", "id": 99, "method": "textDocument/hover", "params": 7}"#)
        .await;
    let invalid = client.wait_for(|message| message["id"] == 99).await;
    assert!(invalid.get("error").is_some(), "{invalid}");
    let unknown = client.request_raw("haplint/noSuchMethod", json!({})).await;
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    still_alive(&mut client, "after-garbage.cfg").await;
}

#[tokio::test]
async fn edits_to_unknown_documents_and_out_of_range_edits() {
    let mut client = TestClient::start().await;
    client
        .change(
            &uri("never-opened.cfg"),
            3,
            json!([edit((0, 0), (0, 0), "x")]),
        )
        .await;
    let doc = uri("range.cfg");
    client.open_and_lint(&doc, "global\n").await;
    client
        .change(
            &doc,
            2,
            json!([
                edit((40, 3), (90, 0), "\nfrontend www\n"),
                edit((1, 999), (0, 0), "    default_backend nowhere\n"),
                {"text": "frontend www\n    default_backend nowhere\n"},
                edit((1, 30), (1, 2), ""),
            ]),
        )
        .await;
    let found = client.diagnostics(&doc, 2).await;
    let _ = found;
    still_alive(&mut client, "after-ranges.cfg").await;
}

#[tokio::test]
async fn many_random_edits_keep_the_server_consistent() {
    // A short pause before linting skips most intermediate versions.
    let mut client = TestClient::start_with(json!({}), json!({"debounceMs": 20})).await;
    let doc = uri("random.cfg");
    let mut text = String::from("frontend www é\n    bind :80\n");
    client.open(&doc, &text).await;
    let mut seed: u64 = 11;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as u32
    };
    let pieces = ["x", "\n", "é", "𝄞", "  ", "backend b\n", ""];
    for version in 2..=2001 {
        // Positions anywhere, often past the end: the server clamps them the
        // way we do here.
        let lines: Vec<&str> = text.split('\n').collect();
        let line = next() % (lines.len() as u32 + 1);
        let character = next() % 8;
        let piece = pieces[(next() as usize) % pieces.len()];
        client
            .change(
                &doc,
                version,
                json!([edit((line, character), (line, character), piece)]),
            )
            .await;
        text = apply(&text, line, character, piece);
    }
    let ours = client.diagnostics(&doc, 2001).await;
    // The server's text is ours: a fresh document with that text gets the
    // same findings at the same places.
    let fresh = uri("random-fresh.cfg");
    let theirs = client.open_and_lint(&fresh, &text).await;
    let summary = |found: &[serde_json::Value]| -> Vec<String> {
        found
            .iter()
            .map(|diagnostic| {
                format!(
                    "{} {} {}",
                    diagnostic["code"], diagnostic["range"], diagnostic["message"]
                )
            })
            .collect()
    };
    assert_eq!(summary(&ours), summary(&theirs));
}

/// Inserts `piece` at a UTF-16 position, clamped like the server does.
fn apply(text: &str, line: u32, character: u32, piece: &str) -> String {
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n');
    for _ in 0..line {
        match lines.next() {
            Some(current) => offset += current.len(),
            None => return format!("{text}{piece}"),
        }
    }
    let current = lines.next().unwrap_or("");
    let content = current.strip_suffix('\n').unwrap_or(current);
    let mut units = 0;
    let mut within = content.len();
    for (index, character_here) in content.char_indices() {
        if units + character_here.len_utf16() > character as usize {
            within = index;
            break;
        }
        units += character_here.len_utf16();
    }
    let at = offset + within;
    format!("{}{piece}{}", &text[..at], &text[at..])
}

/// After `exit` the server stops even though the client keeps its end of
/// the pipe open (Neovim waits for the server to go first).
#[tokio::test]
async fn exit_ends_the_server_with_the_pipe_still_open() {
    let (client_side, server_side) = tokio::io::duplex(1 << 16);
    let (server_read, server_write) = tokio::io::split(server_side);
    let server = tokio::spawn(haplint_lsp::serve(server_read, server_write));
    let (mut reader, mut writer) = tokio::io::split(client_side);
    let frame = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
    let messages = [
        frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#),
        frame(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#),
        frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
    ];
    for message in messages {
        writer.write_all(message.as_bytes()).await.expect("write");
    }
    // Drain the answers so the server is never blocked writing them.
    let drain = tokio::spawn(async move {
        let mut sink = Vec::new();
        let _ = reader.read_to_end(&mut sink).await;
    });
    tokio::time::timeout(std::time::Duration::from_mins(1), server)
        .await
        .expect("the server stopped after exit")
        .expect("the server task");
    drop(writer);
    let _ = drain.await;
}

/// A 50 MB document: opened, linted, edited and queried, and the server
/// answers the next small document afterwards.
#[tokio::test]
async fn a_50_mb_document() {
    let mut client = TestClient::start().await;
    let doc = uri("huge.cfg");
    let block = "# a comment line that pads the file to a large size, as generated configs do\n";
    let mut text = String::from("frontend www\n    default_backend nowhere\n");
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(block);
    }
    let found = client.open_and_lint(&doc, &text).await;
    assert!(codes(&found).contains(&"undefined-backend".to_owned()));
    client
        .change(&doc, 2, json!([edit((1, 20), (1, 27), "elsewhere")]))
        .await;
    let after = client.diagnostics(&doc, 2).await;
    assert!(codes(&after).contains(&"undefined-backend".to_owned()));
    let hover = client.at("textDocument/hover", &doc, 1, 6).await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .contains("default_backend")
    );
    still_alive(&mut client, "after-huge.cfg").await;
}
