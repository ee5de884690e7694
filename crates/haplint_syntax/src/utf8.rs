//! Files are bytes; the tree needs text. Invalid UTF-8 is reported, not fatal.

use std::borrow::Cow;

use crate::diagnostic::{SyntaxDiagnostic, SyntaxDiagnosticKind, range};

/// Text decoded from a file, with a diagnostic for each invalid sequence.
#[derive(Debug, Clone)]
pub struct DecodedText<'a> {
    /// The text; invalid sequences are replaced by U+FFFD, so offsets after
    /// the first invalid byte are offsets in this text, not in the file.
    pub text: Cow<'a, str>,
    pub diagnostics: Vec<SyntaxDiagnostic>,
}

/// Decodes `bytes` as UTF-8, replacing invalid sequences.
pub fn decode(bytes: &[u8]) -> DecodedText<'_> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return DecodedText {
            text: Cow::Borrowed(text),
            diagnostics: Vec::new(),
        };
    }
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut diagnostics = Vec::new();
    let mut file_offset = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        file_offset += chunk.valid().len();
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            let offset = file_offset;
            file_offset += invalid.len();
            let start = text.len();
            text.push(char::REPLACEMENT_CHARACTER);
            diagnostics.push(SyntaxDiagnostic::new(
                SyntaxDiagnosticKind::InvalidUtf8,
                range(start, text.len()),
                format!("invalid UTF-8 at byte offset {offset} of the file"),
            ));
        }
    }
    DecodedText {
        text: Cow::Owned(text),
        diagnostics,
    }
}
