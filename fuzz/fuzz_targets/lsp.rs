//! The language server in process, over its real transport: open a
//! document of arbitrary text, edit it at arbitrary positions, and send
//! every kind of request at arbitrary positions. Nothing may panic (the
//! fuzzer aborts on any panic, even one the server would catch), and every
//! request gets exactly one answer before the server exits.
//!
//! Input: the first byte is the number of operations, then four bytes per
//! operation (kind, line, column, extra), then a recipe for the document
//! text as in `parse_lines`.

#![no_main]

use std::collections::HashMap;
use std::sync::OnceLock;

use haplint_fuzz::{FRAGMENTS, assemble};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

const URI: &str = "file:///nonexistent-haplint-fuzz/haproxy.cfg";

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&count, rest)) = data.split_first() else { return };
    let count = usize::from(count % 32);
    let (ops, recipe) = rest.split_at((count * 4).min(rest.len()));
    let text = assemble(recipe);
    runtime().block_on(session(text, ops.chunks_exact(4).map(|op| [op[0], op[1], op[2], op[3]]).collect()));
});

fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(body.as_bytes());
    framed
}

fn position(line: u8, column: u8) -> Value {
    json!({"line": u32::from(line % 64), "character": u32::from(column % 80)})
}

/// The message for one operation; requests get `id`.
fn operation([kind, line, column, extra]: [u8; 4], id: i64, version: &mut i64) -> Value {
    let document = json!({"uri": URI});
    let at = position(line, column);
    let request = |method: &str, params: Value| json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
    match kind % 13 {
        0 | 1 => {
            *version += 1;
            let fragment = FRAGMENTS[usize::from(extra) % FRAGMENTS.len()];
            let end = position(line, column.saturating_add(extra % 4));
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": URI, "version": *version},
                "contentChanges": [{"range": {"start": at, "end": end}, "text": fragment}],
            }})
        }
        2 => request("textDocument/hover", json!({"textDocument": document, "position": at})),
        3 => request("textDocument/completion", json!({"textDocument": document, "position": at})),
        4 => request("textDocument/documentSymbol", json!({"textDocument": document})),
        5 => request("textDocument/semanticTokens/full", json!({"textDocument": document})),
        6 => request("textDocument/codeAction", json!({"textDocument": document,
            "range": {"start": position(0, 0), "end": at}, "context": {"diagnostics": []}})),
        7 => request("textDocument/foldingRange", json!({"textDocument": document})),
        8 => request("textDocument/definition", json!({"textDocument": document, "position": at})),
        9 => request("textDocument/references", json!({"textDocument": document, "position": at,
            "context": {"includeDeclaration": true}})),
        10 => request("textDocument/inlayHint", json!({"textDocument": document,
            "range": {"start": position(0, 0), "end": at}})),
        11 => request("textDocument/documentLink", json!({"textDocument": document})),
        _ => request("workspace/symbol", json!({"query": FRAGMENTS[usize::from(extra) % FRAGMENTS.len()]})),
    }
}

async fn session(text: String, ops: Vec<[u8; 4]>) {
    let (client, server) = tokio::io::duplex(1 << 16);
    let (server_read, server_write) = tokio::io::split(server);
    let serving = tokio::spawn(haplint_lsp::serve(server_read, server_write));
    let (client_read, mut client_write) = tokio::io::split(client);
    let reading = tokio::spawn(read_answers(client_read));
    let mut messages = vec![
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": null, "rootUri": null, "capabilities": {},
            "initializationOptions": {"debounceMs": 0}}}),
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": URI, "languageId": "haproxy", "version": 1, "text": text}}}),
    ];
    let mut version = 1;
    let mut expected = vec![1];
    for (index, op) in ops.into_iter().enumerate() {
        let id = 10 + index as i64;
        let message = operation(op, id, &mut version);
        if message.get("id").is_some() {
            expected.push(id);
        }
        messages.push(message);
    }
    messages.push(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    messages.push(json!({"jsonrpc": "2.0", "method": "exit"}));
    expected.push(2);
    for message in &messages {
        if client_write.write_all(&frame(message)).await.is_err() {
            break;
        }
    }
    let code = serving.await.expect("the server task ends");
    drop(client_write);
    let answers = reading.await.expect("the reader ends");
    assert_eq!(code, 0, "exit after shutdown");
    for id in expected {
        assert_eq!(answers.get(&id).copied(), Some(1), "request {id} answered once: {answers:?}");
    }
}

/// Counts the responses per id until the server closes its output.
async fn read_answers(reader: impl tokio::io::AsyncRead + Unpin) -> HashMap<i64, usize> {
    let mut reader = BufReader::new(reader);
    let mut answers = HashMap::new();
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                return answers;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.expect("a Content-Length from the server")];
        if reader.read_exact(&mut body).await.is_err() {
            return answers;
        }
        let message: Value = serde_json::from_slice(&body).expect("the server sends JSON");
        if message.get("method").is_none()
            && let Some(id) = message.get("id").and_then(Value::as_i64)
        {
            *answers.entry(id).or_default() += 1;
        }
    }
}
