//! A small LSP client for in-process tests: it talks to the server over an
//! in-memory pipe, answers the server's own requests, and keeps
//! notifications until a test asks for them.
#![allow(dead_code)] // each test file uses part of the helper

use std::collections::VecDeque;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{
    AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf,
};
use tokio::sync::mpsc;

/// Waiting longer than this means the server is stuck; it is a guard
/// against hanging tests, not a timing assertion.
const STUCK: Duration = Duration::from_mins(1);

pub struct TestClient {
    writer: WriteHalf<DuplexStream>,
    incoming: mpsc::UnboundedReceiver<Value>,
    /// Notifications read while waiting for something else.
    pending: VecDeque<Value>,
    next_id: i64,
    /// What the server answered to `initialize`.
    pub capabilities: Value,
}

/// A document address that maps to no file (no `haplint.toml` applies).
pub fn uri(name: &str) -> String {
    format!("file:///nonexistent-haplint-test/{name}")
}

impl TestClient {
    /// Starts a server and initializes it with these client capabilities
    /// and initialization options.
    pub async fn start_with(capabilities: Value, options: Value) -> Self {
        let mut client = Self::connect();
        let result = client
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": null,
                    "capabilities": capabilities,
                    "initializationOptions": options,
                }),
            )
            .await;
        client.capabilities = result["capabilities"].clone();
        client.notify("initialized", json!({})).await;
        client
    }

    /// A server with UTF-16 positions and no lint delay.
    pub async fn start() -> Self {
        Self::start_with(json!({}), json!({"debounceMs": 0})).await
    }

    /// A connected server that has not been initialized.
    pub fn connect() -> Self {
        let (client_side, server_side) = tokio::io::duplex(1 << 16);
        let (server_read, server_write) = tokio::io::split(server_side);
        tokio::spawn(haplint_lsp::serve(server_read, server_write));
        let (client_read, writer) = tokio::io::split(client_side);
        let (sender, incoming) = mpsc::unbounded_channel();
        tokio::spawn(read_messages(client_read, sender));
        Self {
            writer,
            incoming,
            pending: VecDeque::new(),
            next_id: 1,
            capabilities: Value::Null,
        }
    }

    /// Sends `bytes` as one framed message, valid JSON or not.
    pub async fn send_raw(&mut self, bytes: &[u8]) {
        let header = format!("Content-Length: {}\r\n\r\n", bytes.len());
        self.writer
            .write_all(header.as_bytes())
            .await
            .expect("write");
        self.writer.write_all(bytes).await.expect("write");
        self.writer.flush().await.expect("flush");
    }

    /// Sends `bytes` as they are, framing and all.
    pub async fn send_bytes(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).await.expect("write");
        self.writer.flush().await.expect("flush");
    }

    /// Messages received while waiting for others, not yet taken.
    pub fn pending_messages(&self) -> &VecDeque<Value> {
        &self.pending
    }

    async fn send(&mut self, message: &Value) {
        self.send_raw(message.to_string().as_bytes()).await;
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Sends a request and returns its whole response (result or error).
    pub async fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        self.wait_for(|message| {
            message.get("id") == Some(&json!(id)) && message.get("method").is_none()
        })
        .await
    }

    /// Sends a request and returns its result (`null` when absent).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params).await;
        assert!(response.get("error").is_none(), "{method}: {response}");
        response.get("result").cloned().unwrap_or(Value::Null)
    }

    /// The next message matching `wanted`; others are kept for later.
    pub async fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(position) = self.pending.iter().position(&wanted) {
            return self.pending.remove(position).unwrap_or(Value::Null);
        }
        loop {
            let message = tokio::time::timeout(STUCK, self.incoming.recv())
                .await
                .expect("the server stopped answering")
                .expect("the server closed the connection");
            if message.get("method").is_some() && message.get("id").is_some() {
                // A request from the server (registerCapability...): accept it.
                let id = message["id"].clone();
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}))
                    .await;
                continue;
            }
            if wanted(&message) {
                return message;
            }
            self.pending.push_back(message);
        }
    }

    /// The next diagnostics published for `uri` with `version`.
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self
            .wait_for(|message| {
                message["method"] == "textDocument/publishDiagnostics"
                    && message["params"]["uri"] == uri
                    && message["params"]["version"] == version
            })
            .await;
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// The versions of the diagnostics received so far for `uri` and not
    /// yet taken by [`TestClient::diagnostics`].
    pub fn published_versions(&self, uri: &str) -> Vec<Value> {
        self.pending
            .iter()
            .filter(|message| {
                message["method"] == "textDocument/publishDiagnostics"
                    && message["params"]["uri"] == uri
            })
            .map(|message| message["params"]["version"].clone())
            .collect()
    }

    pub async fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "haproxy", "version": 1, "text": text}}),
        )
        .await;
    }

    /// Opens a document and waits for its first diagnostics.
    pub async fn open_and_lint(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.open(uri, text).await;
        self.diagnostics(uri, 1).await
    }

    pub async fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
    }

    /// A request about a position of a document.
    pub async fn at(&mut self, method: &str, uri: &str, line: u32, character: u32) -> Value {
        self.request(
            method,
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
        .await
    }
}

/// An edit of `(line, character)..(line, character)` for `didChange`.
pub fn edit(start: (u32, u32), end: (u32, u32), text: &str) -> Value {
    json!({
        "range": {
            "start": {"line": start.0, "character": start.1},
            "end": {"line": end.0, "character": end.1},
        },
        "text": text,
    })
}

/// The rule names of some diagnostics, in order.
pub fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic["code"].as_str().unwrap_or("").to_owned())
        .collect()
}

/// Reads framed messages until the pipe closes.
async fn read_messages(reader: ReadHalf<DuplexStream>, sender: mpsc::UnboundedSender<Value>) {
    let mut reader = BufReader::new(reader);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse::<usize>().ok();
            }
        }
        let Some(length) = length else { return };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let Ok(message) = serde_json::from_slice::<Value>(&body) else {
            return;
        };
        if sender.send(message).is_err() {
            return;
        }
    }
}
