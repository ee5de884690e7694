//! The byte stream between the client and tower-lsp. tower-lsp 0.20's
//! stdio transport is wrapped, not replaced: tower-lsp reads and writes
//! in-memory pipes, and this module sits between those pipes and the
//! real input and output.
//!
//! On the way in, frames are read by [`framing`], which finds the next
//! good frame after a broken one (tower-lsp's own reader stops for good
//! at the first frame it cannot decode), and each message is checked by
//! [`protocol`], which answers what tower-lsp would answer wrongly or not
//! at all. On the way out, tower-lsp's frames and those answers are
//! copied to the output whole; when the output breaks (the client closed
//! it) the copy keeps draining tower-lsp's pipe, since tower-lsp panics
//! when its output fails, and the input is closed so the server ends.

mod framing;
mod protocol;

use std::sync::Arc;

use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::sync::{Notify, mpsc};

use crate::log::{info, warning};
use framing::{Frame, FrameReader};
use protocol::{PARSE_ERROR, Protocol, Verdict, error_response};

/// Refuse bodies larger than this, without reading them into memory.
/// Twice the document limit: a document at the limit must still fit once
/// escaped as JSON.
pub const MAX_BODY: usize = 2 * crate::state::MAX_DOCUMENT;

/// How the session ended.
enum Ending {
    /// `exit`, with the code it asks for.
    Exit(u8),
    /// The input ended without `exit`.
    InputEnded,
    /// The client stopped reading our output.
    OutputClosed,
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(body);
    framed
}

/// Copies checked messages from `input` to the server; answers the others
/// through `answers`.
async fn filter_input<I, S>(
    input: I,
    server: &mut S,
    answers: mpsc::UnboundedSender<Vec<u8>>,
) -> Ending
where
    I: AsyncRead + Unpin,
    S: AsyncWrite + Unpin,
{
    let mut reader = FrameReader::new(input, MAX_BODY);
    let mut protocol = Protocol::default();
    while let Some(frame_read) = reader.next().await {
        let verdict = match frame_read {
            Frame::Broken => Verdict::Answer(error_response(
                &serde_json::Value::Null,
                PARSE_ERROR,
                "Parse error: bad Content-Length or a body without a header",
            )),
            Frame::Body(body) => match protocol.check(&body) {
                verdict @ (Verdict::Forward | Verdict::ForwardExit) => {
                    if server.write_all(&frame(&body)).await.is_err() {
                        return Ending::InputEnded;
                    }
                    if verdict == Verdict::ForwardExit {
                        // Some clients keep the pipe open after `exit` and
                        // wait for the server to go first: stop here.
                        return Ending::Exit(protocol.exit_code());
                    }
                    continue;
                }
                other => other,
            },
        };
        match verdict {
            Verdict::Answer(answer) => {
                warning!(
                    "answered a malformed or unexpected message: {}",
                    answer["error"]["message"]
                );
                let _ = answers.send(frame(answer.to_string().as_bytes()));
            }
            Verdict::Drop => info!("dropped a message that gets no answer"),
            Verdict::Forward | Verdict::ForwardExit => {}
        }
    }
    Ending::InputEnded
}

/// Copies the server's frames and the answers to `output`, whole frames
/// at a time so they never interleave. When the output fails, tells
/// `output_closed` and keeps reading the server's pipe until it closes.
async fn merge_output<S, O>(
    server: S,
    mut answers: mpsc::UnboundedReceiver<Vec<u8>>,
    mut output: O,
    output_closed: &Notify,
) where
    S: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    // The server's own output is trusted: no size limit.
    let mut server = FrameReader::new(server, usize::MAX);
    loop {
        let bytes = tokio::select! {
            frame_read = server.next() => match frame_read {
                Some(Frame::Body(body)) => frame(&body),
                Some(Frame::Broken) => continue,
                None => return,
            },
            Some(answer) = answers.recv() => answer,
        };
        if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
            break;
        }
    }
    warning!("the client closed the server's output; stopping");
    output_closed.notify_one();
    while server.next().await.is_some() {}
}

/// Serves the protocol over `input` and `output` until `exit`, the end
/// of the input or a closed output; returns the process exit code: 0
/// after `shutdown` and `exit` or at the end of the input, 1 after `exit`
/// without `shutdown` or when the output was closed.
pub async fn serve<I, O>(input: I, output: O) -> u8
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (service, socket) = crate::service();
    let (mut to_server, server_input) = tokio::io::duplex(1 << 16);
    let (server_output, from_server) = tokio::io::duplex(1 << 16);
    let (answers_sender, answers) = mpsc::unbounded_channel();
    let output_closed = Arc::new(Notify::new());
    let server = tower_lsp::Server::new(server_input, server_output, socket).serve(service);
    let reading = async {
        let ending = tokio::select! {
            ending = filter_input(input, &mut to_server, answers_sender) => ending,
            () = output_closed.notified() => Ending::OutputClosed,
        };
        // Closing tower-lsp's input ends it, as a closed input would.
        let _ = to_server.shutdown().await;
        drop(to_server);
        ending
    };
    let ((), ending, ()) = tokio::join!(
        server,
        reading,
        merge_output(from_server, answers, output, &output_closed),
    );
    match ending {
        Ending::Exit(code) => code,
        Ending::InputEnded => 0,
        Ending::OutputClosed => 1,
    }
}
