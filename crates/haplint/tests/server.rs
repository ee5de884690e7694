//! `haplint server` as a process: how it ends when the client misbehaves.

use std::io::Write;
use std::process::{Child, Command, Stdio};

fn server() -> Child {
    Command::new(env!("CARGO_BIN_EXE_haplint"))
        .arg("server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("haplint runs")
}

fn framed(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

const INITIALIZE: &str =
    r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#;

/// A client that closes the server's standard output and keeps sending
/// requests: the server ends by itself, without a panic.
#[test]
fn a_closed_standard_output_ends_the_server_without_a_panic() {
    let mut child = server();
    drop(child.stdout.take());
    let mut input = child.stdin.take().expect("stdin");
    let mut stderr = child.stderr.take().expect("stderr");
    // Writes fail once the server is gone; that is the point.
    let _ = input.write_all(framed(INITIALIZE).as_bytes());
    for id in 2..50 {
        let request = format!(
            r#"{{"jsonrpc":"2.0","id":{id},"method":"workspace/symbol","params":{{"query":""}}}}"#
        );
        let _ = input.write_all(framed(&request).as_bytes());
        let _ = input.flush();
    }
    // Standard input stays open: the server must not need its end.
    let status = child.wait().expect("exit");
    let mut errors = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut errors).expect("stderr");
    drop(input);
    assert_eq!(status.code(), Some(1), "{errors}");
    assert!(!errors.contains("panicked"), "{errors}");
}

/// `exit` without `shutdown` exits with 1, as the specification asks.
#[test]
fn exit_without_shutdown_exits_with_1() {
    let mut child = server();
    let mut input = child.stdin.take().expect("stdin");
    input
        .write_all(framed(INITIALIZE).as_bytes())
        .expect("write");
    input
        .write_all(framed(r#"{"jsonrpc":"2.0","method":"exit"}"#).as_bytes())
        .expect("write");
    input.flush().expect("flush");
    let output = child.wait_with_output().expect("exit");
    drop(input);
    assert_eq!(output.status.code(), Some(1));
}

/// Reads one framed message from the server.
fn read_message(reader: &mut impl std::io::BufRead) -> serde_json::Value {
    let mut length = 0;
    loop {
        let mut line = String::new();
        assert!(
            reader.read_line(&mut line).expect("read") > 0,
            "server closed its output"
        );
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse().expect("a length");
        }
    }
    let mut body = vec![0; length];
    std::io::Read::read_exact(reader, &mut body).expect("body");
    serde_json::from_slice(&body).expect("JSON")
}

/// A check that panics costs only its findings: the document gets an
/// `internal-error` diagnostic naming it, and its symbols still come.
#[test]
fn a_failing_check_leaves_the_other_features_working() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_haplint"))
        .arg("server")
        .env("HAPLINT_FAIL_CHECK", "symbols")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("haplint runs");
    let mut input = child.stdin.take().expect("stdin");
    let mut output = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    let uri = "file:///nonexistent-haplint-test/failing.cfg";
    let text = "frontend fe\n    bind :80\n    default_backend be\n\nbackend be\n    server s1 127.0.0.1:80\n";
    let messages = [
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{},"initializationOptions":{"debounceMs":0}}}"#.to_owned(),
        r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#.to_owned(),
        serde_json::json!({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{
            "uri": uri, "languageId": "haproxy", "version": 1, "text": text}}})
        .to_string(),
    ];
    // A client waits for the answer to `initialize` before anything else.
    input
        .write_all(framed(&messages[0]).as_bytes())
        .expect("write");
    input.flush().expect("flush");
    while read_message(&mut output)["id"] != 1 {}
    for message in &messages[1..] {
        input.write_all(framed(message).as_bytes()).expect("write");
    }
    input.flush().expect("flush");
    let diagnostics = loop {
        let message = read_message(&mut output);
        if message["method"] == "textDocument/publishDiagnostics" {
            break message["params"]["diagnostics"].clone();
        }
    };
    let failed = diagnostics
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|diagnostic| diagnostic["code"] == "internal-error")
        .expect("an internal-error diagnostic");
    assert!(
        failed["message"]
            .as_str()
            .unwrap_or("")
            .contains("`symbols`"),
        "{failed}"
    );
    let request = serde_json::json!({"jsonrpc":"2.0","id":2,"method":"textDocument/documentSymbol",
        "params":{"textDocument":{"uri": uri}}});
    input
        .write_all(framed(&request.to_string()).as_bytes())
        .expect("write");
    input.flush().expect("flush");
    let symbols = loop {
        let message = read_message(&mut output);
        if message["id"] == 2 {
            break message["result"].clone();
        }
    };
    assert_eq!(symbols.as_array().map(Vec::len), Some(2), "{symbols}");
    drop(input);
    let _ = child.wait();
}
