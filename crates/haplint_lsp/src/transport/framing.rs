//! Reading `Content-Length` frames from a byte stream that may be broken,
//! and finding the next good frame after a broken one.
//!
//! How resynchronisation works, and why it is safe:
//!
//! - Memory is bounded: a header block is at most [`MAX_HEADER`] bytes, a
//!   claimed length above the reader's limit is refused before anything
//!   is allocated, and a body is only buffered as its bytes arrive.
//! - After anything unusable (a header block without a valid length, a
//!   length above the limit, bytes that cannot start a header, a body
//!   that is not JSON) the reader scans forward for the text
//!   `Content-Length:` (any case, anywhere: a body sent without a header
//!   has no line break before the next header) and starts again there.
//!   Scanning is discarding: only the last few bytes are kept between
//!   reads, so a huge refused body costs no memory.
//! - A body that is not JSON is put back and scanned too, from its first
//!   byte: a length 5 bytes too long swallowed `Conte` of the next
//!   header, which the scan then finds across the boundary; a length too
//!   short left the body's tail in the stream, which the scan skips.
//! - The whole broken stretch, up to the next frame whose body is JSON,
//!   counts as one error ([`Frame::Broken`] is returned once), so one bad
//!   message gets one answer however it was broken.
//!
//! A broken message whose body contains the text `Content-Length:` makes
//! the scan stop inside it; what follows is then broken too and skipped
//! silently up to the next real header, so the cost is still one error.

use tokio::io::{AsyncRead, AsyncReadExt};

/// Longer header blocks are not headers (the protocol has two short
/// headers).
const MAX_HEADER: usize = 4096;

/// How much is read from the stream at a time.
const CHUNK: usize = 64 * 1024;

const NEEDLE: &[u8] = b"content-length:";

/// What the reader found next.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A body that is JSON (not necessarily a valid message).
    Body(Vec<u8>),
    /// Unusable bytes; the reader has skipped to the next header.
    Broken,
}

pub struct FrameReader<R> {
    input: R,
    /// Bytes read but not consumed are `buffer[start..]`.
    buffer: Vec<u8>,
    start: usize,
    max_body: usize,
    ended: bool,
    /// Inside a broken stretch, already reported: skip until a good frame.
    resyncing: bool,
}

/// Why a header block was refused.
enum Header {
    /// The declared length, which is within the limit, and where the body
    /// starts.
    Length { length: usize, body: usize },
    /// Not a usable header block; bytes `..skip` of it are known bad.
    Bad { skip: usize },
    /// More bytes are needed to decide.
    Incomplete,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub fn new(input: R, max_body: usize) -> Self {
        Self {
            input,
            buffer: Vec::new(),
            start: 0,
            max_body,
            ended: false,
            resyncing: false,
        }
    }

    fn pending(&self) -> &[u8] {
        &self.buffer[self.start..]
    }

    /// Reads more bytes; `false` at the end of the stream (or on an error,
    /// which ends it the same way).
    async fn fill(&mut self) -> bool {
        if self.ended {
            return false;
        }
        if self.start == self.buffer.len() {
            // Everything was consumed: give back what a large message made
            // the buffer grow to, or it stays held for the whole session.
            self.buffer.clear();
            self.start = 0;
            self.buffer.shrink_to(2 * CHUNK);
        } else if self.start > 0 && self.start * 2 >= self.buffer.len() {
            self.buffer.drain(..self.start);
            self.start = 0;
        }
        let before = self.buffer.len();
        self.buffer.resize(before + CHUNK, 0);
        let read = self
            .input
            .read(&mut self.buffer[before..])
            .await
            .unwrap_or(0);
        self.buffer.truncate(before + read);
        if read == 0 {
            self.ended = true;
        }
        read > 0
    }

    /// The next frame; `None` at the end of the stream.
    pub async fn next(&mut self) -> Option<Frame> {
        loop {
            if self.resyncing && !self.skip_to_header().await {
                return None;
            }
            let length = loop {
                match parse_header(self.pending(), self.max_body) {
                    Header::Length { length, body } => {
                        self.start += body;
                        break Some(length);
                    }
                    Header::Bad { skip } => {
                        self.start += skip.max(1);
                        break None;
                    }
                    Header::Incomplete => {
                        if !self.fill().await {
                            // A stream that ends inside a header: nothing
                            // to answer any more.
                            return None;
                        }
                    }
                }
            };
            let Some(length) = length else {
                if let Some(frame) = self.broken() {
                    return Some(frame);
                }
                continue;
            };
            while self.pending().len() < length {
                if !self.fill().await {
                    return None;
                }
            }
            let body = &self.pending()[..length];
            if serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok() {
                let body = body.to_vec();
                self.start += length;
                self.resyncing = false;
                return Some(Frame::Body(body));
            }
            // Not JSON: the length was wrong. The body stays in the buffer
            // and the scan for the next header starts at its first byte.
            if let Some(frame) = self.broken() {
                return Some(frame);
            }
        }
    }

    /// Enters a broken stretch; reports it unless already reported.
    fn broken(&mut self) -> Option<Frame> {
        let first = !self.resyncing;
        self.resyncing = true;
        first.then_some(Frame::Broken)
    }

    /// Discards bytes up to the next `Content-Length:`; `false` when the
    /// stream ends first.
    async fn skip_to_header(&mut self) -> bool {
        loop {
            if let Some(at) = find_header(self.pending()) {
                self.start += at;
                return true;
            }
            // Keep only what could be the beginning of a split needle.
            let keep = self.pending().len().min(NEEDLE.len() - 1);
            self.start = self.buffer.len() - keep;
            if !self.fill().await {
                return false;
            }
        }
    }
}

/// Where the first `Content-Length:` starts, ignoring case.
fn find_header(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(NEEDLE.len())
        .position(|window| window.eq_ignore_ascii_case(NEEDLE))
}

/// Characters of a header name (an HTTP token, as the protocol's headers
/// follow HTTP's).
fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

/// Parses the header block at the start of `bytes`, deciding as early as
/// possible that it is not one (a body without a header must not wait
/// for a line break that may never come).
fn parse_header(bytes: &[u8], max_body: usize) -> Header {
    // Blank lines between messages are harmless.
    let leading = bytes
        .iter()
        .take_while(|byte| matches!(byte, b'\r' | b'\n'))
        .count();
    let mut length = None;
    let mut lengths = 0;
    let mut at = leading;
    loop {
        let rest = &bytes[at..];
        let Some(end) = rest.iter().position(|byte| *byte == b'\n') else {
            // An incomplete line: it must still look like a header.
            let name_end = rest.iter().position(|byte| *byte == b':');
            let name = &rest[..name_end.unwrap_or(rest.len())];
            if !name.iter().copied().all(is_name_byte) || at + rest.len() > MAX_HEADER {
                return Header::Bad { skip: at.max(1) };
            }
            return Header::Incomplete;
        };
        let line = rest[..end].strip_suffix(b"\r").unwrap_or(&rest[..end]);
        at += end + 1;
        if at > MAX_HEADER {
            return Header::Bad { skip: at };
        }
        if line.is_empty() {
            break;
        }
        let Some(colon) = line.iter().position(|byte| *byte == b':') else {
            return Header::Bad { skip: at };
        };
        let (name, value) = (&line[..colon], &line[colon + 1..]);
        if name.is_empty() || !name.iter().copied().all(is_name_byte) {
            return Header::Bad {
                skip: leading.max(1),
            };
        }
        if name.eq_ignore_ascii_case(b"content-length") {
            let parsed = std::str::from_utf8(value)
                .ok()
                .map(str::trim)
                .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|digits| digits.parse::<usize>().ok());
            // Two lengths leave the real one unknown.
            lengths += 1;
            length = parsed;
        }
    }
    match length {
        Some(length) if lengths == 1 && length <= max_body => Header::Length { length, body: at },
        // The header block itself is known bad; its body, if any, is left
        // for the scan (a huge one is discarded as it arrives).
        _ => Header::Bad { skip: at },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    async fn frames(stream: &[u8], max_body: usize) -> Vec<Frame> {
        let mut reader = FrameReader::new(stream, max_body);
        let mut found = Vec::new();
        while let Some(frame) = reader.next().await {
            found.push(frame);
        }
        found
    }

    fn body(text: &str) -> Frame {
        Frame::Body(text.as_bytes().to_vec())
    }

    const GOOD: &str = r#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#;
    const BAD: &str = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#;

    #[tokio::test]
    async fn each_broken_header_is_one_error_then_the_next_frame() {
        let cases = [
            format!("Content-Length: {}\r\n\r\n{BAD}", BAD.len() - 5),
            format!("Content-Length: {}\r\n\r\n{BAD}", BAD.len() + 5),
            format!("Content-Length: -5\r\n\r\n{BAD}"),
            format!("Content-Length: abc\r\n\r\n{BAD}"),
            format!("Content-Length: 18446744073709551616\r\n\r\n{BAD}"),
            format!("Content-Length: 1000\r\n\r\n{BAD}"),
            format!("Content-Length: 5\r\nContent-Length: 5\r\n\r\n{BAD}"),
            BAD.to_owned(),
            format!("\r\n\r\nnonsense\r\n\r\n{BAD}"),
        ];
        for case in cases {
            let stream = format!("{case}{}{}", frame(GOOD), frame(GOOD));
            assert_eq!(
                frames(stream.as_bytes(), 100).await,
                [Frame::Broken, body(GOOD), body(GOOD)],
                "{case:?}"
            );
        }
    }

    #[tokio::test]
    async fn good_frames_and_blank_lines_between_them() {
        let stream = format!(
            "{}\r\n{}content-length:{}\r\nContent-Type: x\r\n\r\n{GOOD}",
            frame(GOOD),
            frame(GOOD),
            GOOD.len()
        );
        assert_eq!(
            frames(stream.as_bytes(), 100).await,
            [body(GOOD), body(GOOD), body(GOOD)]
        );
    }

    #[tokio::test]
    async fn a_refused_body_is_skipped_without_keeping_it() {
        let huge = "x".repeat(10 * CHUNK);
        let stream = format!(
            "Content-Length: {}\r\n\r\n{huge}{}",
            huge.len(),
            frame(GOOD)
        );
        let mut reader = FrameReader::new(stream.as_bytes(), 100);
        assert_eq!(reader.next().await, Some(Frame::Broken));
        assert_eq!(reader.next().await, Some(body(GOOD)));
        assert!(reader.buffer.len() <= 2 * CHUNK, "{}", reader.buffer.len());
        assert_eq!(reader.next().await, None);
    }

    #[tokio::test]
    async fn a_stream_that_ends_inside_a_frame() {
        assert_eq!(frames(b"Content-Length: 10\r\n\r\n{", 100).await, []);
        assert_eq!(frames(b"Content-Len", 100).await, []);
    }
}
