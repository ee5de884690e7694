//! The byte stream between the client and tower-lsp, with every incoming
//! message checked first.
//!
//! tower-lsp 0.20 stops reading its input after the first message it
//! cannot decode (its framed reader ends on a decoding error), so one
//! malformed message from a client would kill the server. Here each frame
//! is read and checked before tower-lsp sees it; a bad one is answered
//! with the JSON-RPC error the protocol asks for (parse error or invalid
//! request) and dropped.

use serde_json::{Value, json};
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader,
};
use tokio::sync::mpsc;
use tower_lsp::jsonrpc::{Request, Response};

use crate::log::warning;

/// Refuse bodies larger than this: nothing legitimate comes close, and
/// allocating what a broken header claims could exhaust memory.
const MAX_BODY: usize = 1 << 30;

/// One framed message, or why it could not be read.
enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length`.
    BadHeader,
}

/// Reads one frame; `None` at the end of the stream.
async fn read_frame<R: AsyncBufRead + Unpin>(reader: &mut R) -> Option<Frame> {
    let mut length = None;
    let mut saw_header = false;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line).await {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            // Blank lines between messages are harmless.
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let Some(length) = length.filter(|length| *length <= MAX_BODY) else {
        return Some(Frame::BadHeader);
    };
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await.ok()?;
    Some(Frame::Body(body))
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(body);
    framed
}

/// The error answer for a body tower-lsp could not decode, or `None`
/// when the body is a message it accepts.
fn rejection(body: &[u8]) -> Option<Value> {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Some(error_response(&Value::Null, -32700, "Parse error"));
    };
    let is_request = serde_json::from_value::<Request>(value.clone()).is_ok();
    let is_response = serde_json::from_value::<Response>(value.clone()).is_ok();
    if is_request || is_response {
        return None;
    }
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    // An invalid notification gets no answer, as JSON-RPC says.
    if id.is_null() && value.get("method").is_some() {
        return Some(Value::Null);
    }
    Some(error_response(&id, -32600, "Invalid request"))
}

fn is_exit(body: &[u8]) -> bool {
    serde_json::from_slice::<Value>(body)
        .is_ok_and(|message| message.get("method").and_then(Value::as_str) == Some("exit"))
}

fn error_response(id: &Value, code: i64, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

/// Copies checked frames from `input` to the server; answers bad ones
/// through `answers`.
async fn filter_input<I, S>(input: I, mut server: S, answers: mpsc::UnboundedSender<Vec<u8>>)
where
    I: AsyncRead + Unpin,
    S: AsyncWrite + Unpin,
{
    let mut reader = BufReader::new(input);
    while let Some(frame_read) = read_frame(&mut reader).await {
        let answer = match frame_read {
            Frame::BadHeader => Some(error_response(&Value::Null, -32700, "Parse error")),
            Frame::Body(body) => match rejection(&body) {
                None => {
                    if server.write_all(&frame(&body)).await.is_err() {
                        return;
                    }
                    // Some clients keep the pipe open after `exit` and wait
                    // for the server to go first: stop reading there.
                    if is_exit(&body) {
                        break;
                    }
                    continue;
                }
                Some(answer) => Some(answer),
            },
        };
        if let Some(answer) = answer.filter(|answer| !answer.is_null()) {
            warning!("rejected a malformed message from the client");
            let _ = answers.send(frame(answer.to_string().as_bytes()));
        }
    }
    // The end of the input ends the server, like a closed standard input.
    let _ = server.shutdown().await;
}

/// Copies the server's frames and the rejections to `output`, whole
/// frames at a time so they never interleave.
async fn merge_output<S, O>(server: S, mut answers: mpsc::UnboundedReceiver<Vec<u8>>, mut output: O)
where
    S: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let mut server = BufReader::new(server);
    loop {
        let bytes = tokio::select! {
            frame_read = read_frame(&mut server) => match frame_read {
                Some(Frame::Body(body)) => frame(&body),
                Some(Frame::BadHeader) => continue,
                None => break,
            },
            Some(answer) = answers.recv() => answer,
        };
        if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
            break;
        }
    }
}

/// Serves the protocol over `input` and `output` until the input ends.
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (service, socket) = crate::service();
    let (to_server, server_input) = tokio::io::duplex(1 << 16);
    let (server_output, from_server) = tokio::io::duplex(1 << 16);
    let (answers_sender, answers) = mpsc::unbounded_channel();
    let server = tower_lsp::Server::new(server_input, server_output, socket).serve(service);
    tokio::join!(
        server,
        filter_input(input, to_server, answers_sender),
        merge_output(from_server, answers, output),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejections() {
        assert_eq!(
            rejection(b"{oops").map(|answer| answer["error"]["code"].clone()),
            Some(json!(-32700))
        );
        assert_eq!(
            rejection(br#"{"id": 3, "foo": 1}"#).map(|answer| answer["id"].clone()),
            Some(json!(3))
        );
        assert!(rejection(br#"{"jsonrpc": "2.0", "id": 1, "method": "shutdown"}"#).is_none());
        assert!(rejection(br#"{"jsonrpc": "2.0", "id": 1, "result": null}"#).is_none());
    }
}
