//! Broken frames and protocol corner cases: each gets its one answer, and
//! the messages after it are understood.

mod support;

use serde_json::json;
use support::TestClient;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const REQUEST: &str = r#"{"jsonrpc":"2.0","id":50,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///nonexistent-haplint-test/x.cfg"},"position":{"line":0,"character":0}}}"#;

/// Each broken way to send [`REQUEST`], as raw bytes.
fn broken_frames() -> Vec<(&'static str, String)> {
    let length = REQUEST.len();
    vec![
        (
            "5 bytes short",
            format!("Content-Length: {}\r\n\r\n{REQUEST}", length - 5),
        ),
        (
            "5 bytes long",
            format!("Content-Length: {}\r\n\r\n{REQUEST}", length + 5),
        ),
        ("negative", format!("Content-Length: -5\r\n\r\n{REQUEST}")),
        (
            "not a number",
            format!("Content-Length: abc\r\n\r\n{REQUEST}"),
        ),
        (
            "2^64",
            format!("Content-Length: 18446744073709551616\r\n\r\n{REQUEST}"),
        ),
        (
            "above the limit",
            format!(
                "Content-Length: {}\r\n\r\n{REQUEST}",
                haplint_lsp::MAX_BODY + 1
            ),
        ),
        ("no header", REQUEST.to_owned()),
    ]
}

#[tokio::test]
async fn a_broken_frame_gets_a_parse_error_and_the_next_request_its_answer() {
    for (case, bytes) in broken_frames() {
        let mut client = TestClient::start().await;
        client.send_bytes(bytes.as_bytes()).await;
        let answer = client.request_raw("shutdown", json!(null)).await;
        assert_eq!(answer["result"], json!(null), "{case}: {answer}");
        let error = client
            .wait_for(|message| message.get("error").is_some())
            .await;
        assert_eq!(error["error"]["code"], -32700, "{case}: {error}");
        assert_eq!(error["id"], json!(null), "{case}: {error}");
        // The broken request itself was not run: hover on an unknown
        // document would have answered with id 50.
        assert!(
            client
                .pending_messages()
                .iter()
                .all(|message| message["id"] != 50),
            "{case}"
        );
    }
}

#[tokio::test]
async fn a_dollar_request_with_an_id_gets_method_not_found() {
    let mut client = TestClient::start().await;
    let answer = client.request_raw("$/haplint/unknown", json!({})).await;
    assert_eq!(answer["error"]["code"], -32601, "{answer}");
    // A `$/` notification is ignored, as the specification allows.
    client.notify("$/setTrace", json!({"value": "off"})).await;
    assert_eq!(
        client.request_raw("shutdown", json!(null)).await["result"],
        json!(null)
    );
}

#[tokio::test]
async fn a_message_that_is_neither_request_nor_notification_gets_invalid_request() {
    let mut client = TestClient::start().await;
    client.send_raw(br#"{"jsonrpc":"2.0"}"#).await;
    let error = client
        .wait_for(|message| message.get("error").is_some())
        .await;
    assert_eq!(error["error"]["code"], -32600, "{error}");
    assert_eq!(error["id"], json!(null), "{error}");
    assert_eq!(
        client.request_raw("shutdown", json!(null)).await["result"],
        json!(null)
    );
}

#[tokio::test]
async fn requests_before_initialize_get_server_not_initialized() {
    let mut client = TestClient::connect();
    for method in ["haplint/noSuchMethod", "textDocument/hover", "shutdown"] {
        let answer = client.request_raw(method, json!({})).await;
        assert_eq!(answer["error"]["code"], -32002, "{method}: {answer}");
    }
    let answer = client
        .request_raw("initialize", json!({"capabilities": {}}))
        .await;
    assert!(answer["result"]["capabilities"].is_object(), "{answer}");
}

fn framed(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

/// Runs a whole session: each step's bytes are sent, then, as clients
/// do, the output is read until it holds the step's expected text.
/// Returns the exit code and all that came out.
async fn session(steps: &[(String, &str)]) -> (u8, String) {
    let (client_side, server_side) = tokio::io::duplex(1 << 16);
    let (server_read, server_write) = tokio::io::split(server_side);
    let server = tokio::spawn(haplint_lsp::serve(server_read, server_write));
    let (mut reader, mut writer) = tokio::io::split(client_side);
    let mut output = Vec::new();
    for (bytes, expected) in steps {
        writer.write_all(bytes.as_bytes()).await.expect("write");
        while !String::from_utf8_lossy(&output).contains(expected) {
            let mut chunk = [0; 4096];
            let read = reader.read(&mut chunk).await.expect("read");
            assert!(
                read > 0,
                "no {expected} in {}",
                String::from_utf8_lossy(&output)
            );
            output.extend_from_slice(&chunk[..read]);
        }
    }
    let drain = tokio::spawn(async move {
        let _ = reader.read_to_end(&mut output).await;
        String::from_utf8_lossy(&output).into_owned()
    });
    let code = server.await.expect("the server task");
    drop(writer);
    (code, drain.await.expect("the reader task"))
}

/// `initialize`, `bytes`, then `shutdown` when asked, then `exit`.
async fn with_exit(bytes: &str, shutdown: bool) -> (u8, String) {
    let mut steps = vec![(framed(INITIALIZE), r#""id":1"#), (bytes.to_owned(), "")];
    if shutdown {
        steps.push((framed(SHUTDOWN), r#""result":null,"id":2"#));
    }
    steps.push((framed(EXIT), ""));
    session(&steps).await
}

const INITIALIZE: &str =
    r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#;
const SHUTDOWN: &str = r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#;
const EXIT: &str = r#"{"jsonrpc":"2.0","method":"exit"}"#;

#[tokio::test]
async fn exit_without_shutdown_exits_with_1() {
    assert_eq!(with_exit("", false).await.0, 1);
    assert_eq!(session(&[(framed(EXIT), "")]).await.0, 1);
    assert_eq!(with_exit("", true).await.0, 0);
}

#[tokio::test]
async fn shutdown_and_exit_work_after_a_broken_frame() {
    let bad = r#"{"jsonrpc":"2.0","id":9,"method":"x"}"#;
    let cases = [
        // Swallows `Conte` of the next header.
        format!("Content-Length: {}\r\n\r\n{bad}", bad.len() + 5),
        format!("Content-Length: {}\r\n\r\n{bad}", bad.len() - 5),
        format!("Content-Length: abc\r\n\r\n{bad}"),
        bad.to_owned(),
    ];
    for case in cases {
        let (code, output) = with_exit(&case, true).await;
        assert_eq!(code, 0, "{case}: {output}");
        assert_eq!(output.matches("-32700").count(), 1, "{case}: {output}");
        assert!(
            output.contains(r#""result":null,"id":2"#),
            "{case}: {output}"
        );
    }
}

/// The server's output is closed: the server ends by itself, without the
/// panic tower-lsp's transport has when its output fails.
#[tokio::test]
async fn a_closed_output_ends_the_server() {
    let (mut writer, server_read) = tokio::io::duplex(1 << 16);
    let (server_write, client_read) = tokio::io::duplex(64);
    drop(client_read);
    let server = tokio::spawn(haplint_lsp::serve(server_read, server_write));
    writer
        .write_all(framed(INITIALIZE).as_bytes())
        .await
        .expect("write");
    // Keep sending requests whose answers cannot be delivered; the writes
    // fail once the server has stopped reading.
    for id in 2..200 {
        let request = format!(
            r#"{{"jsonrpc":"2.0","id":{id},"method":"workspace/symbol","params":{{"query":""}}}}"#
        );
        if writer.write_all(framed(&request).as_bytes()).await.is_err() {
            break;
        }
    }
    let code = server.await.expect("the server task ends without a panic");
    assert_eq!(code, 1);
}
