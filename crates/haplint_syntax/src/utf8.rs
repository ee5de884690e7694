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

/// Invalid sequences reported one by one; the rest get one summary.
const MAX_REPORTED: usize = 100;

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
    let mut invalid_sequences = 0;
    let mut first_unreported = None;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        file_offset += chunk.valid().len();
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            let offset = file_offset;
            file_offset += invalid.len();
            let start = text.len();
            text.push(char::REPLACEMENT_CHARACTER);
            invalid_sequences += 1;
            if invalid_sequences <= MAX_REPORTED {
                diagnostics.push(SyntaxDiagnostic::new(
                    SyntaxDiagnosticKind::InvalidUtf8,
                    range(start, text.len()),
                    format!("invalid UTF-8 at byte offset {offset} of the file"),
                ));
            } else if invalid_sequences == MAX_REPORTED + 1 {
                first_unreported = Some((start, text.len(), offset));
            }
        }
    }
    // A binary file has an invalid sequence every few bytes: one finding
    // for all the rest says as much as thousands.
    if let Some((start, end, offset)) = first_unreported {
        let more = invalid_sequences - MAX_REPORTED;
        diagnostics.push(SyntaxDiagnostic::new(
            SyntaxDiagnosticKind::InvalidUtf8,
            range(start, end),
            format!(
                "invalid UTF-8 at byte offset {offset} of the file, and {} more invalid sequence{} after it: is this a text file?",
                more - 1,
                if more == 2 { "" } else { "s" }
            ),
        ));
    }
    DecodedText {
        text: Cow::Owned(text),
        diagnostics,
    }
}
