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
